"""The clinical scales, lists and labels match CLINICAL.md, and regimen totals add up."""

from __future__ import annotations

from datetime import date, time

import pytest

from spasticity_tracker.domain.entities import MedicineId, Regimen, ScheduledDose
from spasticity_tracker.domain.ingredients import COMMON_MEDICINES, Ingredient
from spasticity_tracker.domain.scales import (
    NRS_MAX,
    NRS_MIN,
    PENN_FREQUENCY,
    SIDE_EFFECT_LABELS,
    SIDE_EFFECTS,
    SPASM_SEVERITY,
    STIFFNESS_ANCHORS,
    STIFFNESS_MAX,
    STIFFNESS_MIN,
    Condition,
    DoseStatus,
    DoseUnit,
    EventKind,
    Form,
    Route,
    Severity,
    StiffnessBand,
    ToxinProduct,
    side_effect_label,
    stiffness_band,
)

# --- Stiffness NRS and its bands ---------------------------------------------------------------


def test_stiffness_and_nrs_scales_run_from_0_to_10() -> None:
    assert (STIFFNESS_MIN, STIFFNESS_MAX) == (0, 10)
    assert (NRS_MIN, NRS_MAX) == (0, 10)
    assert STIFFNESS_ANCHORS == ("No stiffness", "Worst imaginable")


BANDS = {
    "0 mild": (0, StiffnessBand.MILD),
    "3 mild": (3, StiffnessBand.MILD),
    "3.9 mild": (3.9, StiffnessBand.MILD),
    "3.999 mild": (3.999, StiffnessBand.MILD),
    "4 moderate": (4, StiffnessBand.MODERATE),
    "4.0 moderate": (4.0, StiffnessBand.MODERATE),
    "5.5 moderate": (5.5, StiffnessBand.MODERATE),
    "6.9 moderate": (6.9, StiffnessBand.MODERATE),
    "6.999 moderate": (6.999, StiffnessBand.MODERATE),
    "7 severe": (7, StiffnessBand.SEVERE),
    "7.0 severe": (7.0, StiffnessBand.SEVERE),
    "10 severe": (10, StiffnessBand.SEVERE),
}


@pytest.mark.parametrize(("score", "band"), list(BANDS.values()), ids=list(BANDS))
def test_stiffness_band_below_4_mild_below_7_moderate_else_severe(
    score: float, band: StiffnessBand
) -> None:
    assert stiffness_band(score) is band


# --- Penn Spasm Frequency Scale and severity ---------------------------------------------------


def test_penn_frequency_has_five_levels_from_none_to_more_than_ten_an_hour() -> None:
    assert PENN_FREQUENCY == (
        "No spasms",
        "Spasms only when touched or moved",
        "Full spasms less than once an hour",
        "Full spasms more than once an hour",
        "Full spasms more than 10 times an hour",
    )


def test_spasm_severity_is_mild_moderate_severe() -> None:
    assert SPASM_SEVERITY == ("Mild", "Moderate", "Severe")


SEVERITIES = {
    "mild": (Severity.MILD, 1, "Mild"),
    "moderate": (Severity.MODERATE, 2, "Moderate"),
    "severe": (Severity.SEVERE, 3, "Severe"),
}


@pytest.mark.parametrize(
    ("severity", "value", "label"), list(SEVERITIES.values()), ids=list(SEVERITIES)
)
def test_side_effect_severity_values_and_labels(severity: Severity, value: int, label: str) -> None:
    assert severity.value == value
    assert severity.label == label
    assert Severity(value) is severity


# --- Side effects ------------------------------------------------------------------------------


def test_side_effects_are_in_the_clinical_order_most_common_first() -> None:
    assert [key for key, _ in SIDE_EFFECTS] == [
        "drowsiness",
        "dizziness",
        "weakness",
        "confusion",
        "nausea",
        "headache",
        "fatigue",
        "insomnia",
        "low_blood_pressure",
        "urinary_frequency",
        "constipation",
        "mood_change",
    ]


def test_side_effect_keys_and_labels_are_unique() -> None:
    keys = [key for key, _ in SIDE_EFFECTS]
    labels = [label for _, label in SIDE_EFFECTS]
    assert len(set(keys)) == len(keys)
    assert len(set(labels)) == len(labels)
    assert list(SIDE_EFFECT_LABELS) == keys


LABELS = {
    "drowsiness": ("drowsiness", "Drowsiness"),
    "insomnia": ("insomnia", "Trouble sleeping"),
    "low blood pressure": ("low_blood_pressure", "Light-headed (low blood pressure)"),
    "urinary frequency": ("urinary_frequency", "Passing urine often"),
    "mood change": ("mood_change", "Mood change"),
    "free text kept": ("Itchy skin", "Itchy skin"),
    "free text like a label kept": ("Drowsiness", "Drowsiness"),
    "free text empty kept": ("", ""),
}


@pytest.mark.parametrize(("effect", "label"), list(LABELS.values()), ids=list(LABELS))
def test_side_effect_label_for_listed_and_free_text_effects(effect: str, label: str) -> None:
    assert side_effect_label(effect) == label


# --- Routes and units --------------------------------------------------------------------------

ROUTES = {
    "oral": (Route.ORAL, DoseUnit.MG, "Tablet or liquid", False),
    "intrathecal": (Route.INTRATHECAL, DoseUnit.MCG_PER_DAY, "Intrathecal pump", True),
    "mouth spray": (Route.OROMUCOSAL_SPRAY, DoseUnit.SPRAYS, "Mouth spray", False),
    "injection": (Route.INJECTION, DoseUnit.UNITS, "Injection", False),
}


@pytest.mark.parametrize(
    ("route", "unit", "label", "continuous"), list(ROUTES.values()), ids=list(ROUTES)
)
def test_route_default_unit_label_and_continuity(
    route: Route, unit: DoseUnit, label: str, continuous: bool
) -> None:
    assert route.default_unit is unit
    assert route.label == label
    assert route.is_continuous is continuous


def test_every_route_is_in_the_table() -> None:
    assert {route for route, *_ in ROUTES.values()} == set(Route)


FORMS = {
    "tablet": (Form.TABLET, Route.ORAL, "Tablet"),
    "oral liquid": (Form.ORAL_LIQUID, Route.ORAL, "Oral liquid"),
    "granules": (Form.GRANULES, Route.ORAL, "Granules"),
    "intrathecal pump": (Form.INTRATHECAL_PUMP, Route.INTRATHECAL, "Intrathecal pump"),
    "spray": (Form.SPRAY, Route.OROMUCOSAL_SPRAY, "Mouth spray"),
    "injection": (Form.INJECTION, Route.INJECTION, "Injection"),
}


@pytest.mark.parametrize(("form", "route", "label"), list(FORMS.values()), ids=list(FORMS))
def test_form_route_and_label(form: Form, route: Route, label: str) -> None:
    assert form.route is route
    assert form.label == label


def test_every_form_is_in_the_table() -> None:
    assert {form for form, *_ in FORMS.values()} == set(Form)


UNITS = {
    "mg": (DoseUnit.MG, "mg", 1000.0),
    "mcg/day": (DoseUnit.MCG_PER_DAY, "mcg/day", 3000.0),
    "sprays": (DoseUnit.SPRAYS, "sprays", 24.0),
    "units": (DoseUnit.UNITS, "units", 1000.0),
}


@pytest.mark.parametrize(("unit", "text", "maximum"), list(UNITS.values()), ids=list(UNITS))
def test_dose_unit_text_and_maximum(unit: DoseUnit, text: str, maximum: float) -> None:
    assert unit.value == text
    assert unit.max_amount == maximum


def test_every_unit_is_in_the_table() -> None:
    assert {unit for unit, *_ in UNITS.values()} == set(DoseUnit)


STATUSES = {
    "taken": (DoseStatus.TAKEN, True),
    "late": (DoseStatus.LATE, True),
    "missed": (DoseStatus.MISSED, False),
    "extra": (DoseStatus.EXTRA, True),
}


@pytest.mark.parametrize(("status", "was_taken"), list(STATUSES.values()), ids=list(STATUSES))
def test_dose_status_was_taken_except_when_missed(status: DoseStatus, was_taken: bool) -> None:
    assert status.was_taken is was_taken


# --- Conditions and events ---------------------------------------------------------------------


def test_every_condition_has_a_label() -> None:
    assert {condition: condition.label for condition in Condition} == {
        Condition.MULTIPLE_SCLEROSIS: "Multiple sclerosis",
        Condition.SPINAL_CORD_INJURY: "Spinal cord injury",
        Condition.CEREBRAL_PALSY: "Cerebral palsy",
        Condition.STROKE: "Stroke",
        Condition.BRAIN_INJURY: "Brain injury",
        Condition.OTHER: "Other",
    }


def test_event_kinds_are_the_clinical_triggers_in_order_with_labels() -> None:
    assert [kind.label for kind in EventKind] == [
        "Infection or UTI",
        "Bladder or bowel problem",
        "Skin or pressure sore",
        "Cold or heat",
        "Relapse",
        "Fall",
        "Physio",
        "Pump refill",
        "Posture",
        "Tight clothing or splints",
        "Stress",
        "Other",
    ]


# --- Medicines ---------------------------------------------------------------------------------

TOXIN_PRODUCTS = {
    "Botox": (ToxinProduct.ONABOTULINUMTOXIN_A, "onabotulinumtoxinA (Botox)"),
    "Dysport": (ToxinProduct.ABOBOTULINUMTOXIN_A, "abobotulinumtoxinA (Dysport)"),
    "Xeomin": (ToxinProduct.INCOBOTULINUMTOXIN_A, "incobotulinumtoxinA (Xeomin)"),
    "other": (ToxinProduct.OTHER, "Another product"),
}


@pytest.mark.parametrize(
    ("product", "label"), list(TOXIN_PRODUCTS.values()), ids=list(TOXIN_PRODUCTS)
)
def test_toxin_product_label(product: ToxinProduct, label: str) -> None:
    assert product.label == label


def test_every_toxin_product_is_in_the_table() -> None:
    assert {product for product, _ in TOXIN_PRODUCTS.values()} == set(ToxinProduct)


def test_common_medicines_start_with_baclofen_tablets_pump_and_liquid() -> None:
    assert COMMON_MEDICINES[:3] == (
        ("Baclofen", Ingredient.BACLOFEN, Form.TABLET),
        ("Baclofen (intrathecal pump)", Ingredient.BACLOFEN, Form.INTRATHECAL_PUMP),
        ("Baclofen oral liquid", Ingredient.BACLOFEN, Form.ORAL_LIQUID),
    )
    assert [ingredient is Ingredient.BACLOFEN for _, ingredient, _ in COMMON_MEDICINES] == [
        True
    ] * 3 + [False] * (len(COMMON_MEDICINES) - 3)
    assert ("THC:CBD spray", Ingredient.NABIXIMOLS, Form.SPRAY) in COMMON_MEDICINES


def test_common_medicines_offer_every_known_ingredient_once_by_name() -> None:
    names = [name for name, _, _ in COMMON_MEDICINES]
    assert len(names) == len(set(names))
    assert {ingredient for _, ingredient, _ in COMMON_MEDICINES} == set(Ingredient) - {
        Ingredient.OTHER
    }


# --- Regimen totals ----------------------------------------------------------------------------


def _regimen(
    doses: tuple[tuple[time, float], ...] = (), rate_per_day: float | None = None
) -> Regimen:
    return Regimen(
        medicine_id=MedicineId(1),
        start_date=date(2024, 3, 1),
        doses=tuple(ScheduledDose(time_of_day=at, amount=amount) for at, amount in doses),
        rate_per_day=rate_per_day,
    )


TOTALS = {
    "5 mg three times": (((time(8), 5.0), (time(14), 5.0), (time(20), 5.0)), None, 15.0, False),
    "uneven doses": (((time(8), 15.0), (time(14), 10.0), (time(20), 15.0)), None, 40.0, False),
    "one dose": (((time(22), 2.5),), None, 2.5, False),
    "pump rate": ((), 450.0, 450.0, False),
    "stopped": ((), None, 0, True),
}


@pytest.mark.parametrize(
    ("doses", "rate", "total", "stopped"), list(TOTALS.values()), ids=list(TOTALS)
)
def test_regimen_daily_total_and_is_stopped(
    doses: tuple[tuple[time, float], ...], rate: float | None, total: float, stopped: bool
) -> None:
    regimen = _regimen(doses, rate)
    assert regimen.daily_total == total
    assert regimen.is_stopped is stopped
