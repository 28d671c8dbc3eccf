"""The cautions of CLINICAL.md, by active ingredient, at every threshold edge."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta

import pytest

from spasticity_tracker.domain.cautions import (
    ASK,
    KIDNEY_SIGNS,
    PUMP_WITHDRAWAL_SIGNS,
    URGENT_HELP,
    Caution,
    CautionKind,
    GroupTotals,
    Level,
    dose_cautions,
    dose_groups,
    dose_moment,
    kidney_caution,
    missed_dose_caution,
    missed_dose_runs,
    new_cautions,
    overdue_refills,
    period_cautions,
    pump_refill_caution,
    toxin_repeat_caution,
)
from spasticity_tracker.domain.entities import (
    DoseRecord,
    Medicine,
    MedicineId,
    Person,
    PersonId,
    PumpRefill,
    Regimen,
    ScheduledDose,
    ToxinInjection,
)
from spasticity_tracker.domain.ingredients import Ingredient
from spasticity_tracker.domain.reminders import Schedule, missed_for_carer, not_recorded_caution
from spasticity_tracker.domain.scales import DoseStatus, DoseUnit, Form, Route, ToxinProduct
from tests.builders import medicine

ALEX = PersonId(1)
PERSON = Person(name="Alex")
KIDNEYS = Person(name="Alex", kidney_impairment=True)
DAY = date(2026, 6, 2)  # a Tuesday
TODAY = DAY

BACLOFEN_WITHDRAWAL = (
    "withdrawal (hallucinations, seizures, confusion, a high temperature, or stiffness and "
    "spasms coming back much worse)"
)
BACLOFEN_REDUCE = "Doses are normally reduced gradually over 1-2 weeks."
TALK = "Talk to your doctor, nurse or pharmacist."
GET_HELP = (
    "If any of these signs appear, get urgent medical help: call the pump team or emergency "
    "services."
)
SIGNS = (
    "Early signs for carers to know: stiffness coming back, itching without a rash, a fast "
    "heartbeat, goose bumps. Later: high fever, confusion, severe stiffness and rigidity; "
    "rarely muscle breakdown (rhabdomyolysis), organ failure and death."
)


def d(offset: int) -> date:
    """The day `offset` days after DAY (2 Jun 2026)."""
    return DAY + timedelta(days=offset)


TABLETS = medicine(1, "Baclofen", Ingredient.BACLOFEN)
LIQUID = medicine(2, "Lyflex", Ingredient.BACLOFEN, Form.ORAL_LIQUID)
PUMP = medicine(3, "Gablofen", Ingredient.BACLOFEN, Form.INTRATHECAL_PUMP)
TIZANIDINE = medicine(4, "Zanaflex", Ingredient.TIZANIDINE)
DANTROLENE = medicine(5, "Dantrium", Ingredient.DANTROLENE)
GABAPENTIN = medicine(6, "Neurontin", Ingredient.GABAPENTIN)
DIAZEPAM = medicine(7, "Valium", Ingredient.DIAZEPAM)
CLONAZEPAM = medicine(8, "Clonazepam", Ingredient.CLONAZEPAM)
SPRAY = medicine(9, "Sativex", Ingredient.NABIXIMOLS, Form.SPRAY)
OTHER = medicine(10, "Paracetamol", Ingredient.OTHER)
INJECTED = medicine(11, "Baclofen injection", Ingredient.BACLOFEN, Form.INJECTION)
GRANULES = medicine(12, "Lyvispah", Ingredient.BACLOFEN, Form.GRANULES)
IN_UNITS = medicine(13, "Baclofen (units)", Ingredient.BACLOFEN, unit=DoseUnit.UNITS)
PUMP_2 = medicine(14, "Lioresal Intrathecal", Ingredient.BACLOFEN, Form.INTRATHECAL_PUMP)


def regimen(medicine: Medicine, start: date, total: float | None) -> Regimen:
    """A regimen from a day: one 8:00 dose, a pump's rate, or stopped (None)."""
    assert medicine.id is not None
    if total is None:
        return Regimen(medicine_id=medicine.id, start_date=start)
    if medicine.route.is_continuous:
        return Regimen(medicine_id=medicine.id, start_date=start, rate_per_day=total)
    dose = ScheduledDose(time_of_day=time(8), amount=total)
    return Regimen(medicine_id=medicine.id, start_date=start, doses=(dose,))


def daily(medicine: Medicine, *totals: float | None, start: int = 0) -> list[Regimen]:
    """One regimen a day on consecutive days from d(start)."""
    return [regimen(medicine, d(start + i), total) for i, total in enumerate(totals)]


Brief = tuple[CautionKind, str, Level, date | None]


def brief(cautions: list[Caution]) -> list[Brief]:
    """What a caution list says, without the full texts."""
    return [(c.kind, c.title, c.level, c.day) for c in cautions]


def on_day(
    offset: int,
    medicines: list[Medicine],
    regimens: list[Regimen],
    person: Person | None = None,
) -> list[Caution]:
    """The dose cautions raised on d(offset) alone."""
    return dose_cautions(person, medicines, regimens, d(offset), d(offset))


ABOVE = CautionKind.ABOVE_USUAL_MAXIMUM
STOP = CautionKind.STOP_OR_FAST_CUT
SWITCH = CautionKind.PLANNED_SWITCH
RATE = CautionKind.UNUSUAL_PUMP_RATE
MISSED = CautionKind.MISSED_DOSES
REFILL = CautionKind.PUMP_REFILL
KIDNEY = CautionKind.KIDNEY
TOXIN = CautionKind.TOXIN_REPEAT
INFORMATION, NOTICE, WARNING = Level.INFORMATION, Level.NOTICE, Level.WARNING
URGENT, CRITICAL = Level.URGENT, Level.CRITICAL


# --- The shared wording --------------------------------------------------------------------------


def test_the_shared_wording() -> None:
    assert ASK == TALK
    assert URGENT_HELP == GET_HELP
    assert PUMP_WITHDRAWAL_SIGNS == SIGNS
    assert KIDNEY_SIGNS == "drowsiness, confusion, slow or shallow breathing"


@pytest.mark.parametrize(
    ("level", "urgent"),
    [(INFORMATION, False), (NOTICE, False), (WARNING, False), (URGENT, True), (CRITICAL, True)],
    ids=["information", "notice", "warning", "urgent", "critical"],
)
def test_urgent_levels(level: Level, urgent: bool) -> None:
    assert Caution(KIDNEY, "T", "text", level).urgent is urgent


def test_levels_rise_in_order() -> None:
    assert [int(level) for level in Level] == [1, 2, 3, 4, 5]


@pytest.mark.parametrize(
    ("day", "dated"),
    [
        (date(2026, 6, 2), "2 Jun 2026: Stopping baclofen"),
        (date(2027, 12, 31), "31 Dec 2027: Stopping baclofen"),
        (None, "Stopping baclofen"),
    ],
    ids=["june", "december", "ongoing"],
)
def test_dated_title(day: date | None, dated: str) -> None:
    assert Caution(STOP, "Stopping baclofen", "text", URGENT, day).dated_title == dated


def test_a_caution_defaults_to_a_warning_with_no_day() -> None:
    caution = Caution(KIDNEY, "T", "text")
    assert (caution.level, caution.day) == (WARNING, None)


# --- Above the usual maximum ---------------------------------------------------------------------

MAXIMA = {
    "baclofen-80-at": (TABLETS, 80.0, None),
    "baclofen-79.5-below": (TABLETS, 79.5, None),
    "baclofen-80.5-above": (
        TABLETS,
        80.5,
        (
            "Baclofen 80.5 mg a day: above the usual maximum",
            f"80.5 mg a day of baclofen is above the usual maximum of 80 mg a day; check this is "
            f"what was prescribed. {TALK}",
        ),
    ),
    "baclofen-liquid-80.5-above": (
        LIQUID,
        80.5,
        (
            "Baclofen 80.5 mg a day: above the usual maximum",
            f"80.5 mg a day of baclofen is above the usual maximum of 80 mg a day; check this is "
            f"what was prescribed. {TALK}",
        ),
    ),
    "tizanidine-36-at": (TIZANIDINE, 36.0, None),
    "tizanidine-35.5-below": (TIZANIDINE, 35.5, None),
    "tizanidine-36.5-above": (
        TIZANIDINE,
        36.5,
        (
            "Tizanidine 36.5 mg a day: above the usual maximum",
            f"36.5 mg a day of tizanidine is above the usual maximum of 36 mg a day; check this "
            f"is what was prescribed. Liver tests are usual during treatment. {TALK}",
        ),
    ),
    "dantrolene-400-at": (DANTROLENE, 400.0, None),
    "dantrolene-399.5-below": (DANTROLENE, 399.5, None),
    "dantrolene-400.5-above": (
        DANTROLENE,
        400.5,
        (
            "Dantrolene 400.5 mg a day: above the usual maximum",
            f"400.5 mg a day of dantrolene is above the usual maximum of 400 mg a day; check "
            f"this is what was prescribed. Dantrolene can harm the liver: liver tests are usual "
            f"during treatment. {TALK}",
        ),
    ),
    "thc-cbd-12-at": (SPRAY, 12.0, None),
    "thc-cbd-11-below": (SPRAY, 11.0, None),
    "thc-cbd-13-above": (
        SPRAY,
        13.0,
        (
            "THC:CBD spray (nabiximols) 13 sprays a day: above the usual maximum",
            f"13 sprays a day of THC:CBD spray is above the usual maximum of 12 sprays a day; "
            f"check this is what was prescribed. {TALK}",
        ),
    ),
    "gabapentin-has-no-maximum": (GABAPENTIN, 3600.0, None),
    "other-has-no-rules": (OTHER, 900.0, None),
    "pump-has-no-mg-maximum": (PUMP, 1000.0, None),
    "baclofen-injection-has-no-maximum": (INJECTED, 100.0, None),
}


@pytest.mark.parametrize(("medicine", "total", "expected"), list(MAXIMA.values()), ids=list(MAXIMA))
def test_above_the_usual_maximum_of_a_first_regimen(
    medicine: Medicine, total: float, expected: tuple[str, str] | None
) -> None:
    cautions = on_day(0, [medicine], [regimen(medicine, d(0), total)])
    if expected is None:
        assert cautions == []
    else:
        title, text = expected
        assert cautions == [Caution(ABOVE, title, text, WARNING, d(0))]


def test_the_daily_total_adds_every_dose_of_the_day() -> None:
    doses = tuple(ScheduledDose(time_of_day=time(h), amount=27.0) for h in (8, 14, 20))
    three = Regimen(medicine_id=MedicineId(1), start_date=d(0), doses=doses)
    assert brief(on_day(0, [TABLETS], [three])) == [
        (ABOVE, "Baclofen 81 mg a day: above the usual maximum", WARNING, d(0))
    ]


RISES = {
    "raised-above": ((60.0, 90.0), [(ABOVE, "Baclofen 90 mg a day: above the usual maximum")]),
    "raised-further-above": (
        (90.0, 100.0),
        [(ABOVE, "Baclofen 100 mg a day: above the usual maximum")],
    ),
    "lowered-but-still-above": ((100.0, 90.0), []),
    "raised-to-the-maximum": ((60.0, 80.0), []),
}


@pytest.mark.parametrize(("totals", "expected"), list(RISES.values()), ids=list(RISES))
def test_above_the_maximum_only_when_the_total_rises(
    totals: tuple[float, ...], expected: list[tuple[CautionKind, str]]
) -> None:
    cautions = on_day(1, [TABLETS], daily(TABLETS, *totals))
    assert [(c.kind, c.title) for c in cautions] == expected


def test_oral_forms_add_up_to_one_daily_total() -> None:
    regimens = [regimen(TABLETS, d(-10), 30.0), regimen(LIQUID, d(0), 75.0)]
    assert on_day(0, [TABLETS, LIQUID], regimens) == [
        Caution(
            ABOVE,
            "Baclofen 105 mg a day: above the usual maximum",
            "105 mg a day of baclofen (Baclofen 30 mg + Lyflex 75 mg) is above the usual maximum "
            f"of 80 mg a day; check this is what was prescribed. {TALK}",
            WARNING,
            d(0),
        )
    ]


SUMS = {
    "tablets-and-liquid-at-80": ([(TABLETS, 40.0), (LIQUID, 40.0)], None),
    "tablets-and-liquid-at-80.5": ([(TABLETS, 40.0), (LIQUID, 40.5)], 80.5),
    "three-oral-forms": ([(TABLETS, 30.0), (LIQUID, 30.0), (GRANULES, 30.0)], 90.0),
    "mg-never-added-to-mcg": ([(TABLETS, 70.0), (PUMP, 300.0)], None),
    "mg-never-added-to-units": ([(TABLETS, 50.0), (IN_UNITS, 50.0)], None),
    "baclofen-never-added-to-tizanidine": ([(TABLETS, 70.0), (TIZANIDINE, 30.0)], None),
}


@pytest.mark.parametrize(("started", "above"), list(SUMS.values()), ids=list(SUMS))
def test_which_daily_totals_add_up(
    started: list[tuple[Medicine, float]], above: float | None
) -> None:
    medicines = [m for m, _ in started]
    cautions = on_day(0, medicines, [regimen(m, d(0), total) for m, total in started])
    expected = [] if above is None else [f"Baclofen {above:g} mg a day: above the usual maximum"]
    assert [c.title for c in cautions] == expected


def test_a_medicine_at_none_is_not_named_in_the_sum() -> None:
    regimens = [*daily(TABLETS, 30.0, None, start=-1), regimen(LIQUID, d(0), 90.0)]
    [caution] = on_day(0, [TABLETS, LIQUID], regimens)
    assert caution.text.startswith("90 mg a day of baclofen is above the usual maximum")


def test_moving_the_same_total_to_another_form_raises_nothing() -> None:
    regimens = [*daily(TABLETS, 100.0, 50.0, start=-1), regimen(LIQUID, d(0), 50.0)]
    assert on_day(0, [TABLETS, LIQUID], regimens) == []


# --- Stopping and cutting quickly ---------------------------------------------------------------

TAPERS = {
    "60-45-30-20": ((60.0, 45.0, 30.0, 20.0), [2, 3]),
    "exactly-a-third": ((60.0, 40.0), []),
    "just-over-a-third": ((60.0, 39.5), [1]),
    "just-under-a-third": ((60.0, 40.5), []),
    "small-steps-add-up": ((60.0, 50.0, 45.0, 39.0), [3]),
    "small-steps-to-exactly-a-third": ((60.0, 50.0, 45.0, 40.0), []),
    "a-rise-after-a-cut-is-no-cut": ((60.0, 30.0, 35.0), [1]),
    "cut-after-a-rise-counts-from-the-top": ((30.0, 60.0, 39.0), [2]),
    "halving-a-small-dose": ((10.0, 5.0), [1]),
    "same-total-again": ((60.0, 60.0, 60.0), []),
}


@pytest.mark.parametrize(("totals", "cut_days"), list(TAPERS.values()), ids=list(TAPERS))
def test_a_fast_taper_against_the_highest_of_the_7_days_before(
    totals: tuple[float, ...], cut_days: list[int]
) -> None:
    cautions = dose_cautions(None, [TABLETS], daily(TABLETS, *totals))
    assert [(c.title, c.day) for c in cautions] == [
        ("Cutting baclofen quickly", d(n)) for n in cut_days
    ]
    assert all((c.kind, c.level) == (STOP, URGENT) for c in cautions)


def test_the_fast_taper_wording() -> None:
    cautions = on_day(2, [TABLETS], daily(TABLETS, 60.0, 45.0, 30.0))
    assert cautions == [
        Caution(
            STOP,
            "Cutting baclofen quickly",
            "30 mg a day is more than a third below the highest daily total of the 7 days before "
            "(60 mg a day on 2 Jun 2026). Cutting baclofen quickly can cause "
            f"{BACLOFEN_WITHDRAWAL}. {BACLOFEN_REDUCE} {TALK}",
            URGENT,
            d(2),
        )
    ]


def test_the_highest_day_named_is_the_latest_at_that_total() -> None:
    regimens = [regimen(TABLETS, d(-20), 60.0), *daily(TABLETS, 45.0, 30.0, start=-1)]
    [caution] = on_day(0, [TABLETS], regimens)
    assert "(60 mg a day on 31 May 2026)" in caution.text


@pytest.mark.parametrize(
    ("cut_to_45_on", "cautioned"),
    [(-6, True), (-7, False)],
    ids=["highest-7-days-back-counts", "highest-8-days-back-does-not"],
)
def test_the_window_is_the_7_days_before(cut_to_45_on: int, cautioned: bool) -> None:
    regimens = [
        regimen(TABLETS, d(-30), 60.0),
        regimen(TABLETS, d(cut_to_45_on), 45.0),
        regimen(TABLETS, d(0), 30.0),
    ]
    cautions = on_day(0, [TABLETS], regimens)
    assert [c.title for c in cautions] == (["Cutting baclofen quickly"] if cautioned else [])
    if cautioned:
        assert "(60 mg a day on 26 May 2026)" in cautions[0].text


def test_the_day_itself_is_not_in_its_window() -> None:
    # 45 -> 29 is more than a third; the same 29 the day after is no change at all.
    regimens = [*daily(TABLETS, 45.0, 29.0), regimen(TABLETS, d(2), 29.0)]
    assert [c.day for c in dose_cautions(None, [TABLETS], regimens)] == [d(1)]


CUTS_ACROSS = {
    "tablets-stopped-liquid-kept": (
        [*daily(TABLETS, 40.0, None), regimen(LIQUID, d(0), 40.0)],
        ["Cutting baclofen quickly"],
    ),
    "both-cut-exactly-a-third": (
        [*daily(TABLETS, 30.0, 20.0), *daily(LIQUID, 30.0, 20.0)],
        [],
    ),
    "both-cut-just-over-a-third": (
        [*daily(TABLETS, 30.0, 20.0), *daily(LIQUID, 30.0, 19.0)],
        ["Cutting baclofen quickly"],
    ),
    "both-stopped": (
        [*daily(TABLETS, 30.0, None), *daily(LIQUID, 30.0, None)],
        ["Stopping baclofen"],
    ),
    "tablets-swapped-for-liquid": (
        [*daily(TABLETS, 30.0, None), regimen(LIQUID, d(1), 30.0)],
        [],
    ),
}


@pytest.mark.parametrize(("regimens", "titles"), list(CUTS_ACROSS.values()), ids=list(CUTS_ACROSS))
def test_cuts_in_several_medicines_of_one_ingredient_add_up(
    regimens: list[Regimen], titles: list[str]
) -> None:
    assert [c.title for c in on_day(1, [TABLETS, LIQUID], regimens)] == titles


def test_stopping_baclofen() -> None:
    assert on_day(1, [TABLETS], daily(TABLETS, 30.0, None)) == [
        Caution(
            STOP,
            "Stopping baclofen",
            f"Stopping baclofen suddenly (30 mg a day to none) can cause {BACLOFEN_WITHDRAWAL}. "
            f"{BACLOFEN_REDUCE} {TALK}",
            URGENT,
            d(1),
        )
    ]


def test_stopping_after_a_gap_is_measured_against_the_day_before() -> None:
    # A stop on a day already at none is no stop.
    regimens = [*daily(TABLETS, 30.0, None), regimen(TABLETS, d(3), None)]
    assert [c.day for c in dose_cautions(None, [TABLETS], regimens)] == [d(1)]


STOPS = {
    "baclofen": (TABLETS, "baclofen", True),
    "tizanidine": (TIZANIDINE, "tizanidine", True),
    "gabapentin": (GABAPENTIN, "gabapentin", True),
    "diazepam": (DIAZEPAM, "diazepam", True),
    "clonazepam": (CLONAZEPAM, "clonazepam", True),
    "dantrolene": (DANTROLENE, "dantrolene", False),
    "thc-cbd": (SPRAY, "THC:CBD spray", False),
    "other": (OTHER, "this medicine", False),
}


@pytest.mark.parametrize(("medicine", "word", "cautioned"), list(STOPS.values()), ids=list(STOPS))
def test_which_ingredients_get_stop_and_taper_cautions(
    medicine: Medicine, word: str, cautioned: bool
) -> None:
    stop = dose_cautions(None, [medicine], daily(medicine, 10.0, None))
    cut = dose_cautions(None, [medicine], daily(medicine, 9.0, 2.0))
    if cautioned:
        assert brief(stop) == [(STOP, f"Stopping {word}", URGENT, d(1))]
        assert brief(cut) == [(STOP, f"Cutting {word} quickly", URGENT, d(1))]
        facts = medicine.ingredient.facts
        assert stop[0].text.endswith(f"can cause {facts.withdrawal}. {facts.reduce} {TALK}")
    else:
        assert stop == cut == []


SMALL_DOSES = {
    "stop-from-0.5-mg": ((0.5, None), "Stopping clonazepam"),
    "stop-from-1-mg": ((1.0, None), "Stopping clonazepam"),
    "cut-2-to-0.5-mg": ((2.0, 0.5), "Cutting clonazepam quickly"),
    "cut-3-to-1-mg": ((3.0, 1.0), "Cutting clonazepam quickly"),
    "cut-1.5-to-1-mg": ((1.5, 1.0), None),
}


@pytest.mark.parametrize(("totals", "title"), list(SMALL_DOSES.values()), ids=list(SMALL_DOSES))
def test_small_doses_stopped_or_cut_quickly(
    totals: tuple[float | None, ...], title: str | None
) -> None:
    cautions = on_day(1, [CLONAZEPAM], daily(CLONAZEPAM, *totals))
    assert [c.title for c in cautions] == ([] if title is None else [title])


def test_the_tizanidine_stop_wording() -> None:
    [caution] = dose_cautions(None, [TIZANIDINE], daily(TIZANIDINE, 12.0, None))
    assert caution.text == (
        "Stopping tizanidine suddenly (12 mg a day to none) can cause rebound high blood "
        f"pressure, a fast heartbeat and stiffness coming back. Doses are normally reduced "
        f"gradually. {TALK}"
    )


# --- Planned switch to a pump --------------------------------------------------------------------

SWITCHES = {
    "pump-running": ([regimen(PUMP, d(-10), 100.0)], TABLETS, SWITCH),
    "pump-started-the-same-day": ([regimen(PUMP, d(1), 100.0)], TABLETS, SWITCH),
    "pump-starts-the-day-after": ([regimen(PUMP, d(2), 100.0)], TABLETS, STOP),
    "pump-stopped-before": (
        [regimen(PUMP, d(-10), 100.0), regimen(PUMP, d(0), None)],
        TABLETS,
        STOP,
    ),
    "no-pump": ([], TABLETS, STOP),
    "pump-at-1-mcg-still-runs": ([regimen(PUMP, d(-10), 1.0)], TABLETS, SWITCH),
    "tizanidine-stopped-while-a-baclofen-pump-runs": (
        [regimen(PUMP, d(-10), 100.0)],
        TIZANIDINE,
        STOP,
    ),
}


@pytest.mark.parametrize(
    ("pump_regimens", "oral", "kind"), list(SWITCHES.values()), ids=list(SWITCHES)
)
def test_stop_or_planned_switch(
    pump_regimens: list[Regimen], oral: Medicine, kind: CautionKind
) -> None:
    regimens = [*pump_regimens, *daily(oral, 30.0, None)]
    cautions = on_day(1, [oral, PUMP], regimens)
    assert [c.kind for c in cautions] == [kind]
    assert cautions[0].level is (WARNING if kind is SWITCH else URGENT)


def test_the_planned_switch_wording() -> None:
    regimens = [regimen(PUMP, d(-10), 100.0), *daily(TABLETS, 30.0, None)]
    assert on_day(1, [TABLETS, PUMP], regimens) == [
        Caution(
            SWITCH,
            "Oral baclofen stopped while the pump runs",
            "Oral baclofen stops (30 mg a day to none) while the intrathecal pump is running. As "
            "part of a planned switch to the pump, oral doses are normally reduced step by step as "
            f"the pump takes over. Watch for {BACLOFEN_WITHDRAWAL}. {TALK}",
            WARNING,
            d(1),
        )
    ]


def test_a_fast_oral_cut_while_the_pump_runs_is_still_a_fast_cut() -> None:
    regimens = [regimen(PUMP, d(-10), 100.0), *daily(TABLETS, 60.0, 20.0)]
    assert brief(on_day(1, [TABLETS, PUMP], regimens)) == [
        (STOP, "Cutting baclofen quickly", URGENT, d(1))
    ]


# --- Intrathecal pump ----------------------------------------------------------------------------


def test_stopping_the_pump() -> None:
    assert on_day(1, [PUMP], daily(PUMP, 300.0, None)) == [
        Caution(
            STOP,
            "Pump baclofen stopped",
            "Stopping intrathecal baclofen (300 mcg/day to none) can cause a dangerous, sometimes "
            f"life-threatening withdrawal. {SIGNS} Pump rates are normally changed gradually by "
            f"the pump team. {GET_HELP}",
            CRITICAL,
            d(1),
        )
    ]


def test_cutting_the_pump_quickly() -> None:
    assert on_day(1, [PUMP], daily(PUMP, 300.0, 199.0)) == [
        Caution(
            STOP,
            "Pump baclofen cut quickly",
            "Cutting intrathecal baclofen to 199 mcg/day, more than a third below the highest rate "
            "of the 7 days before (300 mcg/day on 2 Jun 2026), can cause a dangerous, sometimes "
            f"life-threatening withdrawal. {SIGNS} Pump rates are normally changed gradually by "
            f"the pump team. {GET_HELP}",
            CRITICAL,
            d(1),
        )
    ]


PUMP_CHANGES = {
    "cut-exactly-a-third": ((300.0, 200.0), []),
    "cut-just-under-a-third": ((300.0, 201.0), []),
    "cut-just-over-a-third": ((300.0, 199.0), [(STOP, CRITICAL)]),
    "small-steps-add-up": ((300.0, 250.0, 210.0, 199.0), [(STOP, CRITICAL)]),
    "stopped": ((300.0, None), [(STOP, CRITICAL)]),
    "raised": ((300.0, 400.0), []),
    "cut-to-an-unusual-rate": ((300.0, 15.0), [(STOP, CRITICAL), (RATE, WARNING)]),
    "raised-to-an-unusual-rate": ((1000.0, 1600.0), [(RATE, WARNING)]),
    "same-unusual-rate-again": ((10.0, 10.0), []),
    "unusual-to-another-unusual": ((10.0, 15.0), [(RATE, WARNING)]),
}


@pytest.mark.parametrize(("rates", "expected"), list(PUMP_CHANGES.values()), ids=list(PUMP_CHANGES))
def test_pump_rate_changes(
    rates: tuple[float | None, ...], expected: list[tuple[CautionKind, Level]]
) -> None:
    last = len(rates) - 1
    cautions = on_day(last, [PUMP], daily(PUMP, *rates))
    assert [(c.kind, c.level) for c in cautions] == expected


PUMP_RATES = {
    "20-at": (20.0, False),
    "19.5-below": (19.5, True),
    "20.5-above": (20.5, False),
    "1500-at": (1500.0, False),
    "1499.5-below": (1499.5, False),
    "1500.5-above": (1500.5, True),
    "1-mg-entered-as-mcg": (1.0, True),
}


@pytest.mark.parametrize(("rate", "unusual"), list(PUMP_RATES.values()), ids=list(PUMP_RATES))
def test_an_unusual_pump_rate(rate: float, unusual: bool) -> None:
    cautions = on_day(0, [PUMP], [regimen(PUMP, d(0), rate)])
    if not unusual:
        assert cautions == []
    else:
        assert cautions == [
            Caution(
                RATE,
                f"Unusual pump rate: {rate:g} mcg/day",
                f"{rate:g} mcg/day is outside the usual range for an intrathecal pump (about 20 "
                "to 1,500 mcg/day): check the unit (mcg/day, not mg) and that this is the rate "
                f"the pump team set. {TALK}",
                WARNING,
                d(0),
            )
        ]


def test_two_pumps_of_one_ingredient_add_up() -> None:
    regimens = [*daily(PUMP, 300.0, 150.0), *daily(PUMP_2, 300.0, 250.0)]
    # 600 -> 400 is exactly a third; 600 -> 399 is more.
    assert on_day(1, [PUMP, PUMP_2], regimens) == []
    regimens = [*daily(PUMP, 300.0, 149.0), *daily(PUMP_2, 300.0, 250.0)]
    assert [c.title for c in on_day(1, [PUMP, PUMP_2], regimens)] == ["Pump baclofen cut quickly"]


# --- Kidney impairment ---------------------------------------------------------------------------

KIDNEY_RAISES = {
    "oral-raise": (KIDNEYS, TABLETS, (30.0, 45.0), "Baclofen raised to 45 mg a day"),
    "liquid-raise": (KIDNEYS, LIQUID, (30.0, 45.0), "Baclofen raised to 45 mg a day"),
    "oral-cut": (KIDNEYS, TABLETS, (45.0, 40.0), None),
    "same-total": (KIDNEYS, TABLETS, (45.0, 45.0), None),
    "no-impairment": (PERSON, TABLETS, (30.0, 45.0), None),
    "no-person": (None, TABLETS, (30.0, 45.0), None),
    "tizanidine-raise": (KIDNEYS, TIZANIDINE, (4.0, 8.0), None),
    "pump-raise": (KIDNEYS, PUMP, (300.0, 400.0), None),
    "baclofen-injection-raise": (KIDNEYS, INJECTED, (30.0, 45.0), None),
}


@pytest.mark.parametrize(
    ("person", "medicine", "totals", "title"), list(KIDNEY_RAISES.values()), ids=list(KIDNEY_RAISES)
)
def test_the_kidney_caution_on_each_oral_baclofen_raise(
    person: Person | None, medicine: Medicine, totals: tuple[float, ...], title: str | None
) -> None:
    cautions = on_day(1, [medicine], daily(medicine, *totals), person)
    if title is None:
        assert cautions == []
    else:
        assert cautions == [
            Caution(
                KIDNEY,
                f"{title} with kidney impairment",
                "Baclofen leaves the body through the kidneys; with kidney impairment doses are "
                "usually lower, and too much can build up. Signs of too much: drowsiness, "
                f"confusion, slow or shallow breathing. {TALK}",
                NOTICE,
                d(1),
            )
        ]


def test_a_first_regimen_is_a_raise() -> None:
    assert brief(on_day(0, [TABLETS], [regimen(TABLETS, d(0), 15.0)], KIDNEYS)) == [
        (KIDNEY, "Baclofen raised to 15 mg a day with kidney impairment", NOTICE, d(0))
    ]


def test_a_raise_above_the_maximum_with_kidney_impairment_gives_both_most_urgent_first() -> None:
    cautions = on_day(1, [TABLETS], daily(TABLETS, 60.0, 90.0), KIDNEYS)
    assert [(c.kind, c.level) for c in cautions] == [(ABOVE, WARNING), (KIDNEY, NOTICE)]


# --- Which change days, in which order -----------------------------------------------------------


def test_dose_groups_by_ingredient_route_and_unit() -> None:
    medicines = [TABLETS, PUMP, LIQUID, OTHER, IN_UNITS, TIZANIDINE, PUMP_2]
    groups = {(g.ingredient, g.route, g.unit): g.medicines for g in dose_groups(medicines)}
    assert groups == {
        (Ingredient.BACLOFEN, Route.ORAL, DoseUnit.MG): (TABLETS, LIQUID),
        (Ingredient.BACLOFEN, Route.INTRATHECAL, DoseUnit.MCG_PER_DAY): (PUMP, PUMP_2),
        (Ingredient.BACLOFEN, Route.ORAL, DoseUnit.UNITS): (IN_UNITS,),
        (Ingredient.TIZANIDINE, Route.ORAL, DoseUnit.MG): (TIZANIDINE,),
    }


def test_group_totals() -> None:
    [group] = dose_groups([TABLETS, LIQUID])
    stray = regimen(medicine(99, "Not Alex's", Ingredient.BACLOFEN), d(0), 500.0)
    totals = GroupTotals(
        group, [*daily(TABLETS, 30.0, None, start=1), regimen(LIQUID, d(2), 5.0), stray]
    )
    assert totals.change_days == [d(1), d(2)]
    assert [totals.on(d(n)) for n in range(4)] == [0, 30.0, 5.0, 5.0]
    assert totals.parts(d(2)) == [(LIQUID, 5.0)]
    assert totals.parts(d(0)) == []
    assert totals.on(d(1)) == 30.0  # again, from the cache


STEPS = [*daily(TABLETS, 90.0, None, 90.0, None, 90.0, None)]


@pytest.mark.parametrize(
    ("first", "last", "days"),
    [
        (None, None, [0, 1, 2, 3, 4, 5]),
        (d(2), d(3), [2, 3]),
        (d(2), None, [2, 3, 4, 5]),
        (None, d(2), [0, 1, 2]),
        (d(6), None, []),
    ],
    ids=["all", "first-and-last-included", "from-first", "to-last", "after-the-last-change"],
)
def test_change_days_from_first_to_last(
    first: date | None, last: date | None, days: list[int]
) -> None:
    cautions = dose_cautions(None, [TABLETS], STEPS, first, last)
    assert [c.day for c in cautions] == [d(n) for n in days]


def test_cautions_are_sorted_by_day_then_most_urgent_first() -> None:
    regimens = [
        *daily(TIZANIDINE, 40.0, start=2),
        *daily(TABLETS, 30.0, None, start=1),
        *daily(PUMP, 300.0, None, start=1),
    ]
    cautions = dose_cautions(None, [TIZANIDINE, TABLETS, PUMP], regimens)
    assert [(c.day, c.level, c.title) for c in cautions] == [
        (d(2), CRITICAL, "Pump baclofen stopped"),
        (d(2), URGENT, "Stopping baclofen"),
        (d(2), WARNING, "Tizanidine 40 mg a day: above the usual maximum"),
    ]


def test_medicines_with_no_regimen_or_no_known_ingredient_raise_nothing() -> None:
    regimens = [*daily(OTHER, 500.0, None)]
    assert dose_cautions(PERSON, [OTHER, TABLETS], regimens) == []
    assert dose_cautions(PERSON, [], []) == []


def test_new_cautions_are_those_an_action_raised() -> None:
    old = on_day(1, [TABLETS], daily(TABLETS, 30.0, None))
    new = on_day(1, [PUMP], daily(PUMP, 300.0, None))
    assert new_cautions(old, [*new, *old]) == new
    assert new_cautions(old, old) == []
    assert new_cautions([], old) == old


# --- Missed doses --------------------------------------------------------------------------------

MORNING, NOON, EVENING = time(8), time(14), time(20)
THREE_TIMES = Regimen(
    medicine_id=MedicineId(1),
    start_date=d(-30),
    doses=tuple(ScheduledDose(time_of_day=at, amount=10.0) for at in (MORNING, NOON, EVENING)),
)
TAKEN, LATE = DoseStatus.TAKEN, DoseStatus.LATE
MISS, EXTRA = DoseStatus.MISSED, DoseStatus.EXTRA


def dose(day: date, at: time, status: DoseStatus, medicine: Medicine = TABLETS) -> DoseRecord:
    """A scheduled dose's record, taken (or late) at its time, or missed."""
    assert medicine.id is not None
    taken = None if status is MISS else datetime.combine(day, at).astimezone()
    return DoseRecord(
        medicine_id=medicine.id,
        day=day,
        status=status,
        amount=10.0,
        scheduled_time=at,
        taken_at=taken,
    )


def extra(day: date, at: time | None, medicine: Medicine = TABLETS) -> DoseRecord:
    """An extra dose, taken at a local time of day (None: time not known)."""
    assert medicine.id is not None
    taken = None if at is None else datetime.combine(day, at).astimezone()
    return DoseRecord(medicine_id=medicine.id, day=day, status=EXTRA, amount=10.0, taken_at=taken)


MISSED_RUNS = {
    "one-missed-between-taken": (
        [dose(d(0), MORNING, TAKEN), dose(d(0), NOON, MISS), dose(d(0), EVENING, TAKEN)],
        None,
    ),
    "one-missed-last": ([dose(d(0), MORNING, TAKEN), dose(d(0), NOON, MISS)], None),
    "two-missed-in-a-row": (
        [dose(d(0), MORNING, TAKEN), dose(d(0), NOON, MISS), dose(d(0), EVENING, MISS)],
        ("2 Baclofen doses missed in a row", d(0)),
    ),
    "two-missed-across-midnight": (
        [dose(d(0), EVENING, MISS), dose(d(1), MORNING, MISS)],
        ("2 Baclofen doses missed in a row", d(0)),
    ),
    "a-whole-day-missed": (
        [dose(d(0), at, MISS) for at in (MORNING, NOON, EVENING)],
        ("3 Baclofen doses missed in a row", d(0)),
    ),
    "taken-again": (
        [dose(d(0), NOON, MISS), dose(d(0), EVENING, MISS), dose(d(1), MORNING, TAKEN)],
        None,
    ),
    "taken-late-again": (
        [dose(d(0), NOON, MISS), dose(d(0), EVENING, MISS), dose(d(1), MORNING, LATE)],
        None,
    ),
    "extra-dose-taken-after": (
        [dose(d(0), MORNING, MISS), dose(d(0), NOON, MISS), extra(d(0), time(15))],
        None,
    ),
    "extra-dose-taken-between": (
        [dose(d(0), MORNING, MISS), extra(d(0), time(10)), dose(d(0), NOON, MISS)],
        None,
    ),
    "extra-dose-at-the-time-of-a-miss": (
        [
            dose(d(0), MORNING, MISS),
            dose(d(0), NOON, MISS),
            extra(d(0), NOON),
            dose(d(0), EVENING, MISS),
        ],
        None,
    ),
    "extra-dose-before-two-misses": (
        [extra(d(0), time(10)), dose(d(0), NOON, MISS), dose(d(0), EVENING, MISS)],
        ("2 Baclofen doses missed in a row", d(0)),
    ),
    "extra-dose-at-an-unknown-time-ends-the-day": (
        [dose(d(0), MORNING, MISS), dose(d(0), NOON, MISS), extra(d(0), None)],
        None,
    ),
    "misses-the-day-after-an-extra-dose-at-an-unknown-time": (
        [extra(d(0), None), dose(d(1), MORNING, MISS), dose(d(1), NOON, MISS)],
        ("2 Baclofen doses missed in a row", d(1)),
    ),
    "misses-separated-by-a-taken-dose": (
        [dose(d(0), EVENING, MISS), dose(d(1), MORNING, TAKEN), dose(d(1), NOON, MISS)],
        None,
    ),
    "recorded-out-of-order": (
        [dose(d(1), MORNING, MISS), dose(d(0), EVENING, MISS), dose(d(0), NOON, TAKEN)],
        ("2 Baclofen doses missed in a row", d(0)),
    ),
    "misses-before-the-last-taken-dose-do-not-count": (
        [
            dose(d(0), MORNING, MISS),
            dose(d(0), NOON, MISS),
            dose(d(1), MORNING, TAKEN),
            dose(d(1), NOON, MISS),
        ],
        None,
    ),
    "another-medicines-records-are-not-its-own": (
        [dose(d(0), NOON, MISS, LIQUID), dose(d(0), EVENING, MISS, LIQUID)],
        None,
    ),
    "nothing-recorded": ([], None),
}


@pytest.mark.parametrize(("records", "expected"), list(MISSED_RUNS.values()), ids=list(MISSED_RUNS))
def test_missed_doses(records: list[DoseRecord], expected: tuple[str, date] | None) -> None:
    caution = missed_dose_caution(TABLETS, [THREE_TIMES], records)
    if expected is None:
        assert caution is None
    else:
        title, day = expected
        assert caution == Caution(
            MISSED,
            title,
            f"Missing baclofen doses can cause {BACLOFEN_WITHDRAWAL}. Seek medical help at once "
            f"if any of these appear. {TALK}",
            URGENT,
            day,
        )


TWICE_THEN_ONCE = [
    Regimen(
        medicine_id=MedicineId(1),
        start_date=d(-30),
        doses=tuple(ScheduledDose(time_of_day=at, amount=10.0) for at in (MORNING, EVENING)),
    ),
    regimen(TABLETS, d(0), 20.0),  # one dose at 8:00 from d(0)
]

WHOLE_DAYS = {
    "once-daily-missed": ([dose(d(0), MORNING, MISS)], d(0)),
    "once-daily-missed-later": ([dose(d(3), MORNING, MISS)], d(3)),
    "one-of-two-missed": ([dose(d(-1), MORNING, MISS)], None),
    "one-of-two-missed-evening": ([dose(d(-1), EVENING, MISS)], None),
    "before-any-regimen": ([dose(d(-40), MORNING, MISS)], None),
    "once-daily-missed-then-taken": (
        [dose(d(0), MORNING, MISS), dose(d(1), MORNING, TAKEN)],
        None,
    ),
}


@pytest.mark.parametrize(("records", "day"), list(WHOLE_DAYS.values()), ids=list(WHOLE_DAYS))
def test_a_whole_day_with_none_taken(records: list[DoseRecord], day: date | None) -> None:
    caution = missed_dose_caution(TABLETS, TWICE_THEN_ONCE, records)
    if day is None:
        assert caution is None
    else:
        assert caution is not None
        assert (caution.title, caution.level, caution.day) == (
            "No Baclofen taken for a whole day",
            URGENT,
            day,
        )


def test_two_medicines_misses_are_never_pooled() -> None:
    records = [dose(d(0), MORNING, MISS, TABLETS), dose(d(0), NOON, MISS, LIQUID)]
    liquid_three_times = Regimen(
        medicine_id=MedicineId(2), start_date=d(-30), doses=THREE_TIMES.doses
    )
    assert missed_dose_caution(TABLETS, [THREE_TIMES], records) is None
    assert missed_dose_caution(LIQUID, [liquid_three_times], records) is None
    assert missed_dose_runs(TABLETS, [THREE_TIMES], records) == []
    assert missed_dose_runs(LIQUID, [liquid_three_times], records) == []


MISSED_BY_INGREDIENT = {
    "baclofen": (TABLETS, "Seek medical help at once if any of these appear."),
    "tizanidine": (TIZANIDINE, "Seek medical help at once if any of these appear."),
    "gabapentin": (GABAPENTIN, "Seek medical help if you feel unwell."),
    "diazepam": (DIAZEPAM, "Seek medical help at once if any of these appear."),
    "clonazepam": (CLONAZEPAM, "Seek medical help at once if any of these appear."),
    "dantrolene": (DANTROLENE, None),
    "thc-cbd": (SPRAY, None),
    "other": (OTHER, None),
    "pump": (PUMP, None),
}


@pytest.mark.parametrize(
    ("medicine", "seek_help"), list(MISSED_BY_INGREDIENT.values()), ids=list(MISSED_BY_INGREDIENT)
)
def test_missed_dose_cautions_only_where_withdrawal_is_a_risk(
    medicine: Medicine, seek_help: str | None
) -> None:
    assert medicine.id is not None
    own = Regimen(medicine_id=medicine.id, start_date=d(-30), doses=THREE_TIMES.doses)
    records = [dose(d(0), at, MISS, medicine) for at in (MORNING, NOON)]
    caution = missed_dose_caution(medicine, [own], records)
    if seek_help is None:
        assert caution is None
    else:
        facts = medicine.ingredient.facts
        assert caution == Caution(
            MISSED,
            f"2 {medicine.name} doses missed in a row",
            f"Missing {medicine.ingredient.word} doses can cause {facts.withdrawal}. "
            f"{seek_help} {TALK}",
            URGENT,
            d(0),
        )


def test_each_run_of_missed_doses_is_dated_at_its_first_miss() -> None:
    records = [
        dose(d(0), MORNING, MISS),
        dose(d(0), NOON, MISS),
        dose(d(0), EVENING, TAKEN),
        dose(d(1), MORNING, MISS),
        dose(d(1), NOON, TAKEN),
        dose(d(1), EVENING, MISS),
        dose(d(2), MORNING, MISS),
        dose(d(2), NOON, MISS),
    ]
    assert brief(missed_dose_runs(TABLETS, [THREE_TIMES], records)) == [
        (MISSED, "2 Baclofen doses missed in a row", URGENT, d(0)),
        (MISSED, "3 Baclofen doses missed in a row", URGENT, d(1)),
    ]


def test_runs_of_whole_days_missed() -> None:
    records = [
        dose(d(0), MORNING, MISS),
        dose(d(1), MORNING, TAKEN),
        dose(d(2), MORNING, MISS),
        dose(d(3), MORNING, LATE),
        extra(d(3), time(9)),
        dose(d(4), MORNING, MISS),
        dose(d(4), MORNING, MISS, LIQUID),
    ]
    assert [(c.title, c.day) for c in missed_dose_runs(TABLETS, TWICE_THEN_ONCE, records)] == [
        ("No Baclofen taken for a whole day", d(0)),
        ("No Baclofen taken for a whole day", d(2)),
        ("No Baclofen taken for a whole day", d(4)),
    ]


def test_missed_runs_need_a_withdrawal_risk() -> None:
    records = [dose(d(0), at, MISS, DANTROLENE) for at in (MORNING, NOON, EVENING)]
    own = Regimen(medicine_id=MedicineId(5), start_date=d(-30), doses=THREE_TIMES.doses)
    assert missed_dose_runs(DANTROLENE, [own], records) == []
    assert missed_dose_runs(TABLETS, [THREE_TIMES], []) == []


@pytest.mark.parametrize(
    ("record", "moment"),
    [
        (dose(d(0), NOON, MISS), (d(0), NOON)),
        (dose(d(0), NOON, LATE), (d(0), NOON)),
        (extra(d(0), time(10, 30)), (d(0), time(10, 30))),
        (extra(d(0), None), (d(0), time.max)),
    ],
    ids=["scheduled", "late-keeps-its-scheduled-time", "extra-when-taken", "extra-unknown-time"],
)
def test_dose_moment(record: DoseRecord, moment: tuple[date, time]) -> None:
    assert dose_moment(record) == moment


# --- Pump refills --------------------------------------------------------------------------------

EMPTY = "if the pump runs empty, baclofen stops suddenly and withdrawal can be dangerous"
NOTICE_TEXT = (
    f"Keep the refill appointment: {EMPTY}. If it is not booked yet, call the pump team. {TALK}"
)
WARNING_TEXT = (
    f"Check that the refill appointment is booked, and heed any pump alarm: {EMPTY}. {SIGNS} {TALK}"
)
COMING_TEXT = f"Make sure the refill happens: {EMPTY}. {SIGNS} {GET_HELP}"
OVERDUE_TEXT = (
    f"The refill is overdue: the pump may run empty. Call the pump team today. {SIGNS} {GET_HELP}"
)

REFILLS = {
    "15-days": (15, None),
    "14-days": (14, (NOTICE, "Pump refill due in 14 days (Tue 16 Jun 2026)", NOTICE_TEXT)),
    "8-days": (8, (NOTICE, "Pump refill due in 8 days (Wed 10 Jun 2026)", NOTICE_TEXT)),
    "7-days": (7, (WARNING, "Pump refill due in 7 days (Tue 9 Jun 2026)", WARNING_TEXT)),
    "4-days": (4, (WARNING, "Pump refill due in 4 days (Sat 6 Jun 2026)", WARNING_TEXT)),
    "3-days": (3, (URGENT, "Pump refill due in 3 days (Fri 5 Jun 2026)", COMING_TEXT)),
    "2-days": (2, (URGENT, "Pump refill due in 2 days (Thu 4 Jun 2026)", COMING_TEXT)),
    "1-day": (1, (CRITICAL, "Pump refill due in 1 day (Wed 3 Jun 2026)", COMING_TEXT)),
    "today": (0, (CRITICAL, "Pump refill due today (Tue 2 Jun 2026)", COMING_TEXT)),
    "overdue-1": (
        -1,
        (CRITICAL, "Pump refill overdue by 1 day (due Mon 1 Jun 2026)", OVERDUE_TEXT),
    ),
    "overdue-2": (
        -2,
        (CRITICAL, "Pump refill overdue by 2 days (due Sun 31 May 2026)", OVERDUE_TEXT),
    ),
}


@pytest.mark.parametrize(("ahead", "expected"), list(REFILLS.values()), ids=list(REFILLS))
def test_pump_refill_steps(ahead: int, expected: tuple[Level, str, str] | None) -> None:
    caution = pump_refill_caution(PUMP, d(ahead), TODAY)
    if expected is None:
        assert caution is None
    else:
        level, title, text = expected
        assert caution == Caution(REFILL, title, text, level, d(ahead))
        if ahead <= 3:
            assert SIGNS in caution.text
            assert caution.text.endswith(GET_HELP)
        else:
            assert caution.text.endswith(TALK)


def test_no_refill_caution_without_a_due_date_or_for_tablets() -> None:
    assert pump_refill_caution(PUMP, None, TODAY) is None
    assert pump_refill_caution(TABLETS, TODAY, TODAY) is None


def refill(medicine: Medicine, refilled: int, due: int) -> PumpRefill:
    """A refill on d(refilled), the next one due on d(due)."""
    assert medicine.id is not None
    return PumpRefill(medicine_id=medicine.id, refill_date=d(refilled), next_due=d(due))


OVERDUE = {
    "passed-with-no-refill": ([refill(PUMP, -30, 5)], 20, [5]),
    "refilled-on-the-due-day": ([refill(PUMP, -30, 5), refill(PUMP, 5, 40)], 20, []),
    "refilled-early": ([refill(PUMP, -30, 5), refill(PUMP, 2, 40)], 20, []),
    "refilled-a-day-late": ([refill(PUMP, -30, 5), refill(PUMP, 6, 40)], 20, [5]),
    "due-the-day-before-today": ([refill(PUMP, -30, 5)], 6, [5]),
    "due-today": ([refill(PUMP, -30, 5)], 5, []),
    "due-after-today": ([refill(PUMP, -30, 5)], 4, []),
    "due-on-the-first-day": ([refill(PUMP, -30, 0)], 20, [0]),
    "due-before-the-first-day": ([refill(PUMP, -30, -1)], 20, []),
    "due-on-the-last-day": ([refill(PUMP_2, -30, 9), refill(PUMP, -30, 9)], 20, [9]),
    "due-after-the-last-day": ([refill(PUMP, -30, 10)], 20, []),
    "another-pumps-refill": ([refill(PUMP_2, -30, 5)], 20, []),
    "another-pumps-refill-does-not-count": (
        [refill(PUMP, -30, 5), refill(PUMP_2, 4, 40)],
        20,
        [5],
    ),
    "a-refill-before-the-period-is-skipped-not-the-rest": (
        [refill(PUMP, -60, -20), refill(PUMP, -30, 5)],
        20,
        [5],
    ),
    "a-refill-kept-is-skipped-not-the-rest": (
        [refill(PUMP, -30, 2), refill(PUMP, 2, 6)],
        20,
        [6],
    ),
    "two-overdue": ([refill(PUMP, -30, 1), refill(PUMP, 3, 8)], 20, [1, 8]),
}


@pytest.mark.parametrize(
    ("refills", "today", "due_days"), list(OVERDUE.values()), ids=list(OVERDUE)
)
def test_overdue_refills_of_a_period(
    refills: list[PumpRefill], today: int, due_days: list[int]
) -> None:
    cautions = overdue_refills(PUMP, refills, d(0), d(9), d(today))
    assert brief(cautions) == [
        (REFILL, f"Pump refill overdue (due {d(n).day} Jun 2026)", CRITICAL, d(n)) for n in due_days
    ]


def test_the_overdue_refill_wording() -> None:
    [caution] = overdue_refills(PUMP, [refill(PUMP, -30, 5)], d(0), d(9), d(20))
    assert caution.text == (
        "No refill was recorded by its due date: if the pump ran empty, intrathecal baclofen "
        f"stopped suddenly. {SIGNS} {GET_HELP}"
    )


# --- The person ----------------------------------------------------------------------------------

KIDNEY_NOTES = {
    "tablets": (KIDNEYS, [TABLETS], True),
    "liquid": (KIDNEYS, [LIQUID], True),
    "pump-and-tablets": (KIDNEYS, [PUMP, TABLETS], True),
    "pump-only": (KIDNEYS, [PUMP], False),
    "tizanidine-only": (KIDNEYS, [TIZANIDINE], False),
    "baclofen-injection-only": (KIDNEYS, [INJECTED], False),
    "no-medicines": (KIDNEYS, [], False),
    "no-impairment": (PERSON, [TABLETS], False),
}


@pytest.mark.parametrize(
    ("person", "medicines", "shown"), list(KIDNEY_NOTES.values()), ids=list(KIDNEY_NOTES)
)
def test_the_kidney_note_only_with_oral_baclofen(
    person: Person, medicines: list[Medicine], shown: bool
) -> None:
    caution = kidney_caution(person, medicines)
    if not shown:
        assert caution is None
    else:
        assert caution == Caution(
            KIDNEY,
            "Kidney impairment",
            "Baclofen leaves the body through the kidneys; with kidney impairment doses are "
            "usually lower, and too much can build up. Signs of too much: drowsiness, confusion, "
            f"slow or shallow breathing. {TALK}",
            NOTICE,
            None,
        )


def injection(day: date) -> ToxinInjection:
    """A botulinum toxin injection on a day."""
    return ToxinInjection(person_id=ALEX, day=day, product=ToxinProduct.ONABOTULINUMTOXIN_A)


TOXIN_DAYS = {
    "83-days": (83, False),
    "84-days": (84, True),
    "100-days": (100, True),
    "182-days": (182, True),
    "183-days": (183, False),
    "same-day": (0, False),
}


@pytest.mark.parametrize(("since", "shown"), list(TOXIN_DAYS.values()), ids=list(TOXIN_DAYS))
def test_the_toxin_repeat_window(since: int, shown: bool) -> None:
    caution = toxin_repeat_caution([injection(d(0))], d(since))
    if not shown:
        assert caution is None
    else:
        assert caution == Caution(
            TOXIN,
            "12 weeks since the last botulinum toxin injection (2 Jun 2026)",
            "Repeat injections are usually given no sooner than 12 weeks apart, and the effect "
            "usually lasts about 3-4 months. This is information only: if the effect is wearing "
            f"off, ask the clinic when the next one is planned. {TALK}",
            INFORMATION,
            d(84),
        )


def test_the_toxin_reminder_follows_the_last_injection() -> None:
    assert toxin_repeat_caution([], d(0)) is None
    assert toxin_repeat_caution([injection(d(-100)), injection(d(-10))], d(0)) is None
    caution = toxin_repeat_caution([injection(d(-90)), injection(d(-200))], d(0))
    assert caution is not None
    assert caution.day == d(-6)


# --- The clinic summary's list -------------------------------------------------------------------


def period_scenario(person: Person) -> list[Caution]:
    """A period, d(0) to d(9), with something of every kind in it, on its edges and around it."""
    regimens = [
        regimen(TABLETS, d(-30), 60.0),  # a raise before the period
        regimen(TABLETS, d(3), 20.0),  # a fast cut
        regimen(TABLETS, d(8), 100.0),  # above the maximum, and a raise
        regimen(TABLETS, d(12), 120.0),  # the same after the period
        regimen(PUMP, d(-30), 300.0),
    ]
    doses = [
        dose(d(-5), MORNING, MISS),  # before the period
        dose(d(-4), MORNING, TAKEN),
        dose(d(0), MORNING, MISS),  # on the first day
        dose(d(1), MORNING, TAKEN),
        dose(d(8), MORNING, MISS),
        extra(d(8), time(12)),
        dose(d(9), MORNING, MISS),  # on the last day
        dose(d(10), MORNING, TAKEN),
        dose(d(12), MORNING, MISS),  # after the period
    ]
    refills = [refill(PUMP, -10, 5), refill(PUMP, 7, 40)]
    return period_cautions(person, [TABLETS, PUMP], regimens, doses, refills, d(0), d(9), d(20))


def test_period_cautions_dated_and_sorted_with_the_kidney_note_last() -> None:
    assert [(c.dated_title, c.level) for c in period_scenario(KIDNEYS)] == [
        ("2 Jun 2026: No Baclofen taken for a whole day", URGENT),
        ("5 Jun 2026: Cutting baclofen quickly", URGENT),
        ("7 Jun 2026: Pump refill overdue (due 7 Jun 2026)", CRITICAL),
        ("10 Jun 2026: No Baclofen taken for a whole day", URGENT),
        ("10 Jun 2026: Baclofen 100 mg a day: above the usual maximum", WARNING),
        ("10 Jun 2026: Baclofen raised to 100 mg a day with kidney impairment", NOTICE),
        ("11 Jun 2026: No Baclofen taken for a whole day", URGENT),
        ("Kidney impairment", NOTICE),
    ]


def test_period_cautions_without_kidney_impairment() -> None:
    assert [c.kind for c in period_scenario(PERSON)] == [
        MISSED,
        STOP,
        REFILL,
        MISSED,
        ABOVE,
        MISSED,
    ]


# --- Every caution informs; none advises a dose ---------------------------------------------------


def every_caution() -> list[Caution]:
    """Cautions of every kind and level, from the rules above."""
    cautions = [
        *period_scenario(KIDNEYS),
        *(pump_refill_caution(PUMP, d(n), TODAY) for n in range(-3, 16)),
        toxin_repeat_caution([injection(d(0))], d(90)),
        kidney_caution(KIDNEYS, [TABLETS]),
    ]
    for scheduled in (
        TABLETS,
        LIQUID,
        TIZANIDINE,
        DANTROLENE,
        GABAPENTIN,
        DIAZEPAM,
        CLONAZEPAM,
        SPRAY,
    ):
        cautions += dose_cautions(KIDNEYS, [scheduled], daily(scheduled, 500.0, 100.0, 10.0, None))
        assert scheduled.id is not None
        own = Regimen(medicine_id=scheduled.id, start_date=d(-30), doses=THREE_TIMES.doses)
        records = [dose(d(0), at, MISS, scheduled) for at in (MORNING, NOON)]
        cautions.append(missed_dose_caution(scheduled, [own], records))
    cautions += dose_cautions(None, [PUMP], daily(PUMP, 10.0, 300.0, 2000.0, 100.0, None))
    cautions += on_day(
        1, [TABLETS, PUMP], [regimen(PUMP, d(-10), 100.0), *daily(TABLETS, 30.0, None)]
    )
    late = Schedule(medicines=[TABLETS], regimens=[THREE_TIMES], zone=UTC)
    cautions.append(
        not_recorded_caution(missed_for_carer(late, datetime.combine(d(0), time(23), UTC)))
    )
    return [caution for caution in cautions if caution is not None]


EVERY_CAUTION = every_caution()
ADVICE = re.compile(r"\btake \d|\bincrease|\byou should take|\bstop taking|\bdo not take", re.I)


def test_every_kind_and_level_is_checked_below() -> None:
    assert {c.kind for c in EVERY_CAUTION} == set(CautionKind)
    assert {c.level for c in EVERY_CAUTION} == set(Level)


@pytest.mark.parametrize(
    "caution", EVERY_CAUTION, ids=[f"{c.kind.value}-{c.title}" for c in EVERY_CAUTION]
)
def test_no_caution_advises_a_dose(caution: Caution) -> None:
    assert not ADVICE.search(caution.title)
    assert not ADVICE.search(caution.text)


@pytest.mark.parametrize(
    "caution", EVERY_CAUTION, ids=[f"{c.kind.value}-{c.title}" for c in EVERY_CAUTION]
)
def test_every_caution_ends_by_sending_the_person_to_someone(caution: Caution) -> None:
    if not caution.urgent:
        assert caution.text.endswith(f" {TALK}")
    elif caution.text.endswith(GET_HELP):
        assert SIGNS in caution.text
    else:
        assert caution.text.endswith(f" {TALK}")
