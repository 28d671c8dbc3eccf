"""Every validation rule of every entity, each boundary accepted or refused with a clear message."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta, timezone
from typing import TYPE_CHECKING

import pytest

from spasticity_tracker.domain.entities import (
    HOSPITAL_NUMBER_MAX,
    NAME_MAX,
    NOTE_MAX,
    Appointment,
    Carer,
    CarerId,
    DoseRecord,
    Event,
    Medicine,
    MedicineId,
    Person,
    PersonId,
    Regimen,
    ScheduledDose,
    SideEffectReport,
    SymptomEntry,
    ToxinInjection,
)
from spasticity_tracker.domain.errors import ValidationError
from spasticity_tracker.domain.ingredients import Ingredient
from spasticity_tracker.domain.scales import (
    Condition,
    DoseStatus,
    DoseUnit,
    EventKind,
    Form,
    Route,
    Severity,
    ToxinProduct,
)

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

PERSON = PersonId(1)
MEDICINE = MedicineId(1)
DAY = date(2024, 3, 1)
AT = datetime(2024, 3, 1, 20, 0, tzinfo=UTC)
TAKEN_AT = datetime(2024, 3, 1, 8, 5, tzinfo=UTC)
NAIVE_TAKEN_AT = datetime(2024, 3, 1, 8, 5)  # noqa: DTZ001
NAIVE_AT = datetime(2024, 3, 1, 20, 0)  # noqa: DTZ001
MORNING, NOON, EVENING = time(8, 0), time(14, 0), time(20, 0)

LONG_NAME = "x" * (NAME_MAX + 1)
LONG_NOTE = "x" * (NOTE_MAX + 1)
NAME_TOO_LONG = f"must be at most {NAME_MAX} characters (got {NAME_MAX + 1})"
NOTE_TOO_LONG = f"must be at most {NOTE_MAX} characters (got {NOTE_MAX + 1})"
DATE_RULE = "must be a date from 1900 on"


def _refused(
    make: Callable[..., object], changes: dict[str, object], field: str, message: str
) -> None:
    """Make an entity with changes and check the ValidationError's field and exact message."""
    with pytest.raises(ValidationError) as caught:
        make(**changes)
    assert caught.value.field == field
    assert str(caught.value) == message


def _accepted(make: Callable[..., object], changes: dict[str, object]) -> None:
    """Make an entity with changes and check that each changed field holds the value given."""
    made = make(**changes)
    for name, value in changes.items():
        assert getattr(made, name) == value


def _date_cases(field: str, label: str) -> dict[str, tuple[dict[str, object], str, str]]:
    """The refused values of a plain-date field: before 1900, datetimes and text."""
    return {
        f"{field} before 1900": (
            {field: date(1899, 12, 31)},
            label,
            f"{label} {DATE_RULE} (got 1899-12-31)",
        ),
        f"{field} aware datetime": (
            {field: datetime(2024, 3, 1, tzinfo=UTC)},
            label,
            f"{label} {DATE_RULE} (got 2024-03-01 00:00:00+00:00)",
        ),
        f"{field} naive datetime": (
            {field: datetime(2024, 3, 1)},  # noqa: DTZ001
            label,
            f"{label} {DATE_RULE} (got 2024-03-01 00:00:00)",
        ),
        f"{field} text": ({field: "2024-03-01"}, label, f"{label} {DATE_RULE} (got '2024-03-01')"),
    }


def _name_cases(field: str, label: str) -> dict[str, tuple[dict[str, object], str, str]]:
    """The refused values of a required name: empty, blank, too long and not text."""
    return {
        f"{field} empty": ({field: ""}, label, f"{label} must not be empty"),
        f"{field} spaces": ({field: "   "}, label, f"{label} must not be empty"),
        f"{field} tab and newline": ({field: "\t\n"}, label, f"{label} must not be empty"),
        f"{field} max plus one": ({field: LONG_NAME}, label, f"{label} {NAME_TOO_LONG}"),
        f"{field} a number": ({field: 5}, label, f"{label} must be text (got 5)"),
        f"{field} None": ({field: None}, label, f"{label} must be text (got nothing)"),
    }


def _note_cases(field: str, label: str) -> dict[str, tuple[dict[str, object], str, str]]:
    """The refused values of an optional note: too long and not text."""
    return {
        f"{field} max plus one": ({field: LONG_NOTE}, label, f"{label} {NOTE_TOO_LONG}"),
        f"{field} None": ({field: None}, label, f"{label} must be text (got nothing)"),
    }


# --- Person ------------------------------------------------------------------------------------


def _person(**changes: object) -> Person:
    values = {"name": "Alex", **changes}
    return Person(**values)  # type: ignore[arg-type]  # wrong types on purpose


PERSON_REFUSED = {
    **_name_cases("name", "Name"),
    **_date_cases("date_of_birth", "Date of birth"),
    "condition as text": (
        {"condition": "stroke"},
        "Condition",
        "Condition must be one of the listed conditions (got 'stroke')",
    ),
    "condition None": (
        {"condition": None},
        "Condition",
        "Condition must be one of the listed conditions (got nothing)",
    ),
    "hospital number max plus one": (
        {"hospital_number": "1" * (HOSPITAL_NUMBER_MAX + 1)},
        "Hospital or NHS number",
        f"Hospital or NHS number must be at most {HOSPITAL_NUMBER_MAX} characters (got 31)",
    ),
    "hospital number on two lines": (
        {"hospital_number": "943\n476"},
        "Hospital or NHS number",
        "Hospital or NHS number must be one line of text without control characters "
        "(got '943\\n476')",
    ),
    "hospital number with a tab": (
        {"hospital_number": "943\t476"},
        "Hospital or NHS number",
        "Hospital or NHS number must be one line of text without control characters "
        "(got '943\\t476')",
    ),
    "hospital number a number": (
        {"hospital_number": 9434765919},
        "Hospital or NHS number",
        "Hospital or NHS number must be text (got 9434765919)",
    ),
    "hospital number None": (
        {"hospital_number": None},
        "Hospital or NHS number",
        "Hospital or NHS number must be text (got nothing)",
    ),
}


@pytest.mark.parametrize(
    ("changes", "field", "message"), list(PERSON_REFUSED.values()), ids=list(PERSON_REFUSED)
)
def test_person_refuses(changes: dict[str, object], field: str, message: str) -> None:
    _refused(_person, changes, field, message)


PERSON_ACCEPTED = {
    "one-letter name": {"name": "A"},
    "name exactly max": {"name": "x" * NAME_MAX},
    "name with spaces kept": {"name": "  Alex  "},
    "born 1 January 1900": {"date_of_birth": date(1900, 1, 1)},
    "no date of birth": {"date_of_birth": None},
    **{f"condition {c.value}": {"condition": c} for c in Condition},
    "kidney impairment": {"kidney_impairment": True},
    "example person": {"is_example": True},
    "NHS number": {"hospital_number": "943 476 5919"},
    "hospital number exactly max": {"hospital_number": "R" * HOSPITAL_NUMBER_MAX},
    "hospital number with letters and signs": {"hospital_number": "RX-12/ab (Leeds)"},
}


@pytest.mark.parametrize("changes", list(PERSON_ACCEPTED.values()), ids=list(PERSON_ACCEPTED))
def test_person_accepts(changes: dict[str, object]) -> None:
    _accepted(_person, changes)


def test_person_defaults() -> None:
    person = _person()
    assert person.condition is Condition.OTHER
    assert person.date_of_birth is None
    assert person.kidney_impairment is False
    assert person.is_example is False
    assert person.hospital_number == ""
    assert person.id is None


# --- Carer -------------------------------------------------------------------------------------


def _carer(**changes: object) -> Carer:
    values = {"person_id": PERSON, "name": "Jo", **changes}
    return Carer(**values)  # type: ignore[arg-type]  # wrong types on purpose


CARER_REFUSED = _name_cases("name", "Carer name")


@pytest.mark.parametrize(
    ("changes", "field", "message"), list(CARER_REFUSED.values()), ids=list(CARER_REFUSED)
)
def test_carer_refuses(changes: dict[str, object], field: str, message: str) -> None:
    _refused(_carer, changes, field, message)


CARER_ACCEPTED = {"one letter": "J", "exactly max": "x" * NAME_MAX}


@pytest.mark.parametrize("name", list(CARER_ACCEPTED.values()), ids=list(CARER_ACCEPTED))
def test_carer_accepts(name: str) -> None:
    assert _carer(name=name).name == name


# --- Medicine ----------------------------------------------------------------------------------


def _medicine(**changes: object) -> Medicine:
    values = {"person_id": PERSON, "name": "Baclofen", "ingredient": Ingredient.BACLOFEN, **changes}
    return Medicine(**values)  # type: ignore[arg-type]  # wrong types on purpose


MEDICINE_REFUSED = {
    **_name_cases("name", "Medicine name"),
    "ingredient as text": (
        {"ingredient": "baclofen"},
        "Active ingredient",
        "Active ingredient must be one of the listed ingredients, or other (got 'baclofen')",
    ),
    "ingredient None": (
        {"ingredient": None},
        "Active ingredient",
        "Active ingredient must be one of the listed ingredients, or other (got nothing)",
    ),
    "form as text": (
        {"form": "tablet"},
        "Form",
        "Form must be one of the listed forms (got 'tablet')",
    ),
    "form None": (
        {"form": None},
        "Form",
        "Form must be one of the listed forms (got nothing)",
    ),
}


@pytest.mark.parametrize(
    ("changes", "field", "message"), list(MEDICINE_REFUSED.values()), ids=list(MEDICINE_REFUSED)
)
def test_medicine_refuses(changes: dict[str, object], field: str, message: str) -> None:
    _refused(_medicine, changes, field, message)


PUMP_UNITS_REFUSED = {f"pump in {u.value}": u for u in DoseUnit if u is not DoseUnit.MCG_PER_DAY}


@pytest.mark.parametrize("unit", list(PUMP_UNITS_REFUSED.values()), ids=list(PUMP_UNITS_REFUSED))
def test_medicine_refuses_a_pump_in_another_unit_than_mcg_per_day(unit: DoseUnit) -> None:
    with pytest.raises(ValidationError) as caught:
        _medicine(form=Form.INTRATHECAL_PUMP, unit=unit)
    assert caught.value.field == "Unit"
    assert caught.value.value is unit
    assert caught.value.allowed == "mcg/day for an intrathecal pump"
    assert str(caught.value) == f"Unit must be mcg/day for an intrathecal pump (got {unit.value})"


def test_medicine_refuses_a_unit_given_as_plain_text() -> None:
    with pytest.raises(ValidationError) as caught:
        _medicine(unit="mg")
    assert caught.value.field == "Unit"
    assert str(caught.value) == "Unit must be one of mg, mcg/day, sprays or units (got 'mg')"


DEFAULT_UNITS = {
    "tablet in mg": (Form.TABLET, Route.ORAL, DoseUnit.MG),
    "oral liquid in mg": (Form.ORAL_LIQUID, Route.ORAL, DoseUnit.MG),
    "granules in mg": (Form.GRANULES, Route.ORAL, DoseUnit.MG),
    "pump in mcg/day": (Form.INTRATHECAL_PUMP, Route.INTRATHECAL, DoseUnit.MCG_PER_DAY),
    "spray in sprays": (Form.SPRAY, Route.OROMUCOSAL_SPRAY, DoseUnit.SPRAYS),
    "injection in units": (Form.INJECTION, Route.INJECTION, DoseUnit.UNITS),
}


@pytest.mark.parametrize(
    ("form", "route", "unit"), list(DEFAULT_UNITS.values()), ids=list(DEFAULT_UNITS)
)
def test_medicine_without_a_unit_takes_the_default_of_its_forms_route(
    form: Form, route: Route, unit: DoseUnit
) -> None:
    medicine = _medicine(form=form)
    assert medicine.route is route
    assert medicine.unit is unit
    assert medicine.dose_unit is unit


def test_every_form_has_a_default_unit_case() -> None:
    assert {form for form, *_ in DEFAULT_UNITS.values()} == set(Form)


def test_medicine_route_comes_from_its_form_and_is_no_argument() -> None:
    with pytest.raises(TypeError):
        _medicine(route=Route.INTRATHECAL)
    with pytest.raises(AttributeError):
        _medicine().route = Route.INTRATHECAL  # type: ignore[misc]  # read-only on purpose


MEDICINE_ACCEPTED = {
    "name exactly max": {"name": "x" * NAME_MAX},
    "pump in mcg/day given": {"form": Form.INTRATHECAL_PUMP, "unit": DoseUnit.MCG_PER_DAY},
    "oral in mg given": {"form": Form.TABLET, "unit": DoseUnit.MG},
    **{f"ingredient {i.value}": {"ingredient": i} for i in Ingredient},
    **{f"form {f.value}": {"form": f} for f in Form},
    "ingredient not confirmed": {"ingredient_confirmed": False},
    "carer entered": {"entered_by": CarerId(2)},
}


@pytest.mark.parametrize("changes", list(MEDICINE_ACCEPTED.values()), ids=list(MEDICINE_ACCEPTED))
def test_medicine_accepts(changes: dict[str, object]) -> None:
    _accepted(_medicine, changes)


def test_medicine_defaults_to_oral_tablets_confirmed_entered_by_the_person() -> None:
    medicine = _medicine()
    assert medicine.form is Form.TABLET
    assert medicine.route is Route.ORAL
    assert medicine.ingredient_confirmed is True
    assert medicine.entered_by is None
    assert medicine.id is None


# --- ScheduledDose -----------------------------------------------------------------------------


def _scheduled(**changes: object) -> ScheduledDose:
    values = {"time_of_day": MORNING, "amount": 5.0, **changes}
    return ScheduledDose(**values)  # type: ignore[arg-type]  # wrong types on purpose


SCHEDULED_REFUSED = {
    "time as text": (
        {"time_of_day": "08:00"},
        "Time of day",
        "Time of day must be a time of day (got '08:00')",
    ),
    "time as datetime": (
        {"time_of_day": datetime(2024, 3, 1, 8, 0)},  # noqa: DTZ001
        "Time of day",
        "Time of day must be a time of day (got 2024-03-01 08:00:00)",
    ),
    "time None": (
        {"time_of_day": None},
        "Time of day",
        "Time of day must be a time of day (got nothing)",
    ),
    "time with UTC zone": (
        {"time_of_day": time(8, 0, tzinfo=UTC)},
        "Time of day",
        "Time of day must be a local time of day (got 08:00:00+00:00)",
    ),
    "time with other zone": (
        {"time_of_day": time(8, 0, tzinfo=timezone(timedelta(hours=1)))},
        "Time of day",
        "Time of day must be a local time of day (got 08:00:00+01:00)",
    ),
}


@pytest.mark.parametrize(
    ("changes", "field", "message"), list(SCHEDULED_REFUSED.values()), ids=list(SCHEDULED_REFUSED)
)
def test_scheduled_dose_refuses(changes: dict[str, object], field: str, message: str) -> None:
    _refused(_scheduled, changes, field, message)


SCHEDULED_ACCEPTED = {
    "midnight": time(0, 0),
    "last minute": time(23, 59),
    "seconds": time(8, 0, 30),
}


@pytest.mark.parametrize("at", list(SCHEDULED_ACCEPTED.values()), ids=list(SCHEDULED_ACCEPTED))
def test_scheduled_dose_accepts_local_times(at: time) -> None:
    assert _scheduled(time_of_day=at).time_of_day == at


# --- Regimen -----------------------------------------------------------------------------------


def _doses(*pairs: tuple[time, float]) -> tuple[ScheduledDose, ...]:
    return tuple(ScheduledDose(time_of_day=at, amount=amount) for at, amount in pairs)


THREE_TIMES = _doses((MORNING, 5.0), (NOON, 5.0), (EVENING, 5.0))


def _regimen(**changes: object) -> Regimen:
    values = {"medicine_id": MEDICINE, "start_date": DAY, **changes}
    return Regimen(**values)  # type: ignore[arg-type]  # wrong types on purpose


REGIMEN_REFUSED = {
    **_date_cases("start_date", "Start date"),
    **_note_cases("note", "Note"),
    "doses and a rate": (
        {"doses": THREE_TIMES, "rate_per_day": 300.0},
        "Regimen",
        "A regimen has either doses by time of day or a rate per day, not both",
    ),
    "one dose and a rate": (
        {"doses": _doses((MORNING, 5.0)), "rate_per_day": 300.0},
        "Regimen",
        "A regimen has either doses by time of day or a rate per day, not both",
    ),
    "two doses at the same time": (
        {"doses": _doses((MORNING, 5.0), (MORNING, 10.0))},
        "Time of day",
        "Time of day must be different for each dose (got '08:00')",
    ),
    "evening twice among three": (
        {"doses": _doses((EVENING, 5.0), (MORNING, 5.0), (EVENING, 10.0))},
        "Time of day",
        "Time of day must be different for each dose (got '20:00')",
    ),
}


@pytest.mark.parametrize(
    ("changes", "field", "message"), list(REGIMEN_REFUSED.values()), ids=list(REGIMEN_REFUSED)
)
def test_regimen_refuses(changes: dict[str, object], field: str, message: str) -> None:
    _refused(_regimen, changes, field, message)


REGIMEN_ACCEPTED = {
    "three doses": {"doses": THREE_TIMES},
    "a pump rate": {"rate_per_day": 300.0},
    "stopped": {},
    "started 1 January 1900": {"start_date": date(1900, 1, 1)},
    "note exactly max": {"note": "x" * NOTE_MAX},
    "one minute apart": {"doses": _doses((MORNING, 5.0), (time(8, 1), 5.0))},
}


@pytest.mark.parametrize("changes", list(REGIMEN_ACCEPTED.values()), ids=list(REGIMEN_ACCEPTED))
def test_regimen_accepts(changes: dict[str, object]) -> None:
    _accepted(_regimen, changes)


def test_regimen_sorts_its_doses_by_time_of_day() -> None:
    regimen = _regimen(doses=_doses((EVENING, 15.0), (MORNING, 5.0), (NOON, 10.0)))
    assert [dose.time_of_day for dose in regimen.doses] == [MORNING, NOON, EVENING]
    assert [dose.amount for dose in regimen.doses] == [5.0, 10.0, 15.0]
    assert isinstance(regimen.doses, tuple)


# Amounts that are never doses are refused when a dose or a regimen is made.
NOT_AMOUNTS = {
    "zero": (0.0, "0.0"),
    "negative": (-5.0, "-5.0"),
    "nan": (math.nan, "nan"),
    "inf": (math.inf, "inf"),
    "minus inf": (-math.inf, "-inf"),
    "bool": (True, "True"),
}


@pytest.mark.parametrize(("amount", "shown"), list(NOT_AMOUNTS.values()), ids=list(NOT_AMOUNTS))
def test_scheduled_dose_refuses_what_is_not_an_amount(amount: float, shown: str) -> None:
    with pytest.raises(ValidationError) as caught:
        ScheduledDose(time_of_day=MORNING, amount=amount)
    assert caught.value.field == "Dose"
    assert str(caught.value) == f"Dose must be a number above 0 (got {shown})"


@pytest.mark.parametrize(("amount", "shown"), list(NOT_AMOUNTS.values()), ids=list(NOT_AMOUNTS))
def test_regimen_refuses_a_rate_that_is_not_an_amount(amount: float, shown: str) -> None:
    with pytest.raises(ValidationError) as caught:
        _regimen(rate_per_day=amount)
    assert caught.value.field == "Rate"
    assert str(caught.value) == f"Rate must be a number above 0 (got {shown})"


# Amounts above what the medicine's unit allows are refused once the unit is known.
AMOUNTS_REFUSED = {
    "dose above mg max": (
        DoseUnit.MG,
        {"doses": _doses((MORNING, 5.0), (EVENING, 1000.5))},
        "Dose",
        "1000 mg (got 1000.5)",
    ),
    "sprays above max": (
        DoseUnit.SPRAYS,
        {"doses": _doses((MORNING, 25.0))},
        "Dose",
        "24 sprays (got 25.0)",
    ),
    "units above max": (
        DoseUnit.UNITS,
        {"doses": _doses((MORNING, 1000.5))},
        "Dose",
        "1000 units (got 1000.5)",
    ),
    "rate above max": (
        DoseUnit.MCG_PER_DAY,
        {"rate_per_day": 3000.5},
        "Rate",
        "3000 mcg/day (got 3000.5)",
    ),
}


@pytest.mark.parametrize(
    ("unit", "changes", "field", "tail"), list(AMOUNTS_REFUSED.values()), ids=list(AMOUNTS_REFUSED)
)
def test_regimen_check_amounts_refuses(
    unit: DoseUnit, changes: dict[str, object], field: str, tail: str
) -> None:
    regimen = _regimen(**changes)
    with pytest.raises(ValidationError) as caught:
        regimen.check_amounts(unit)
    assert caught.value.field == field
    assert str(caught.value) == f"{field} must be a number above 0 and at most {tail}"


AMOUNTS_ACCEPTED = {
    "mg at max": (DoseUnit.MG, {"doses": _doses((MORNING, 1000.0))}),
    "small mg": (DoseUnit.MG, {"doses": _doses((MORNING, 0.5), (EVENING, 2.5))}),
    "sprays at max": (DoseUnit.SPRAYS, {"doses": _doses((MORNING, 24.0))}),
    "units at max": (DoseUnit.UNITS, {"doses": _doses((MORNING, 1000.0))}),
    "rate at max": (DoseUnit.MCG_PER_DAY, {"rate_per_day": 3000.0}),
    "stopped": (DoseUnit.MG, {}),
}


@pytest.mark.parametrize(
    ("unit", "changes"), list(AMOUNTS_ACCEPTED.values()), ids=list(AMOUNTS_ACCEPTED)
)
def test_regimen_check_amounts_accepts(unit: DoseUnit, changes: dict[str, object]) -> None:
    _regimen(**changes).check_amounts(unit)


# --- DoseRecord --------------------------------------------------------------------------------


def _dose(**changes: object) -> DoseRecord:
    values = {
        "medicine_id": MEDICINE,
        "day": DAY,
        "status": DoseStatus.TAKEN,
        "amount": 5.0,
        "scheduled_time": MORNING,
        "taken_at": TAKEN_AT,
        **changes,
    }
    return DoseRecord(**values)  # type: ignore[arg-type]  # wrong types on purpose


SCHEDULED_RULE = "Scheduled time must be given for a scheduled dose and empty for an extra dose"
DOSE_REFUSED = {
    **_date_cases("day", "Dose date"),
    "status as text": (
        {"status": "taken"},
        "Dose status",
        "Dose status must be taken, late, missed or extra (got 'taken')",
    ),
    "status None": (
        {"status": None},
        "Dose status",
        "Dose status must be taken, late, missed or extra (got nothing)",
    ),
    "amount zero": ({"amount": 0}, "Dose", "Dose must be a number above 0 (got 0)"),
    "amount negative": ({"amount": -5.0}, "Dose", "Dose must be a number above 0 (got -5.0)"),
    "amount nan": ({"amount": math.nan}, "Dose", "Dose must be a number above 0 (got nan)"),
    "amount inf": ({"amount": math.inf}, "Dose", "Dose must be a number above 0 (got inf)"),
    "amount minus inf": ({"amount": -math.inf}, "Dose", "Dose must be a number above 0 (got -inf)"),
    "amount bool": ({"amount": True}, "Dose", "Dose must be a number above 0 (got True)"),
    "amount text": ({"amount": "5"}, "Dose", "Dose must be a number above 0 (got '5')"),
    "extra with a scheduled time": (
        {"status": DoseStatus.EXTRA},
        "Scheduled time",
        f"{SCHEDULED_RULE} (got 08:00:00)",
    ),
    **{
        f"{status.value} without a scheduled time": (
            {"status": status, "scheduled_time": None, "taken_at": None},
            "Scheduled time",
            f"{SCHEDULED_RULE} (got nothing)",
        )
        for status in (DoseStatus.TAKEN, DoseStatus.LATE, DoseStatus.MISSED)
    },
    "missed with a time taken": (
        {"status": DoseStatus.MISSED},
        "Time taken",
        "Time taken must be empty for a missed dose (got 2024-03-01 08:05:00+00:00)",
    ),
    "taken at a naive time": (
        {"taken_at": NAIVE_TAKEN_AT},
        "Time taken",
        "Time taken must be a date and time with a time zone (got 2024-03-01 08:05:00)",
    ),
    "extra at a naive time": (
        {"status": DoseStatus.EXTRA, "scheduled_time": None, "taken_at": NAIVE_TAKEN_AT},
        "Time taken",
        "Time taken must be a date and time with a time zone (got 2024-03-01 08:05:00)",
    ),
    "taken at a date": (
        {"taken_at": DAY},
        "Time taken",
        "Time taken must be a date and time with a time zone (got 2024-03-01)",
    ),
}


@pytest.mark.parametrize(
    ("changes", "field", "message"), list(DOSE_REFUSED.values()), ids=list(DOSE_REFUSED)
)
def test_dose_record_refuses(changes: dict[str, object], field: str, message: str) -> None:
    _refused(_dose, changes, field, message)


DOSE_ACCEPTED = {
    "taken on time": {},
    "late": {"status": DoseStatus.LATE, "taken_at": TAKEN_AT + timedelta(hours=2)},
    "missed": {"status": DoseStatus.MISSED, "taken_at": None},
    "extra": {"status": DoseStatus.EXTRA, "scheduled_time": None},
    "extra with no time taken": {
        "status": DoseStatus.EXTRA,
        "scheduled_time": None,
        "taken_at": None,
    },
    "whole-number amount": {"amount": 5},
    "tiny amount": {"amount": 0.001},
    "taken in another time zone": {
        "taken_at": datetime(2024, 3, 1, 9, 5, tzinfo=timezone(timedelta(hours=1)))
    },
    "dated 1 January 1900": {"day": date(1900, 1, 1)},
    "carer entered": {"entered_by": CarerId(3)},
}


@pytest.mark.parametrize("changes", list(DOSE_ACCEPTED.values()), ids=list(DOSE_ACCEPTED))
def test_dose_record_accepts(changes: dict[str, object]) -> None:
    _accepted(_dose, changes)


# --- SymptomEntry ------------------------------------------------------------------------------


def _entry(**changes: object) -> SymptomEntry:
    values = {"person_id": PERSON, "recorded_at": AT, "stiffness": 5, **changes}
    return SymptomEntry(**values)  # type: ignore[arg-type]  # wrong types on purpose


def _whole(label: str, low: int, high: int, shown: str) -> str:
    return f"{label} must be a whole number from {low} to {high} (got {shown})"


SEVERITY_RULE = "Spasm severity can only be given when spasm frequency is above 0"
ENTRY_REFUSED = {
    "recorded at a naive time": (
        {"recorded_at": NAIVE_AT},
        "Date and time",
        "Date and time must be a date and time with a time zone (got 2024-03-01 20:00:00)",
    ),
    "recorded on a date": (
        {"recorded_at": DAY},
        "Date and time",
        "Date and time must be a date and time with a time zone (got 2024-03-01)",
    ),
    "stiffness -1": ({"stiffness": -1}, "Stiffness", _whole("Stiffness", 0, 10, "-1")),
    "stiffness 11": ({"stiffness": 11}, "Stiffness", _whole("Stiffness", 0, 10, "11")),
    "stiffness 14": ({"stiffness": 14}, "Stiffness", _whole("Stiffness", 0, 10, "14")),
    "stiffness 5.0": ({"stiffness": 5.0}, "Stiffness", _whole("Stiffness", 0, 10, "5.0")),
    "stiffness 5.5": ({"stiffness": 5.5}, "Stiffness", _whole("Stiffness", 0, 10, "5.5")),
    "stiffness True": ({"stiffness": True}, "Stiffness", _whole("Stiffness", 0, 10, "True")),
    "stiffness False": ({"stiffness": False}, "Stiffness", _whole("Stiffness", 0, 10, "False")),
    "stiffness text": ({"stiffness": "5"}, "Stiffness", _whole("Stiffness", 0, 10, "'5'")),
    "stiffness None": ({"stiffness": None}, "Stiffness", _whole("Stiffness", 0, 10, "nothing")),
    "frequency -1": (
        {"spasm_frequency": -1},
        "Spasm frequency",
        _whole("Spasm frequency", 0, 4, "-1"),
    ),
    "frequency 5": (
        {"spasm_frequency": 5},
        "Spasm frequency",
        _whole("Spasm frequency", 0, 4, "5"),
    ),
    "frequency 2.0": (
        {"spasm_frequency": 2.0},
        "Spasm frequency",
        _whole("Spasm frequency", 0, 4, "2.0"),
    ),
    "frequency True": (
        {"spasm_frequency": True},
        "Spasm frequency",
        _whole("Spasm frequency", 0, 4, "True"),
    ),
    "severity 0": (
        {"spasm_frequency": 2, "spasm_severity": 0},
        "Spasm severity",
        _whole("Spasm severity", 1, 3, "0"),
    ),
    "severity 4": (
        {"spasm_frequency": 2, "spasm_severity": 4},
        "Spasm severity",
        _whole("Spasm severity", 1, 3, "4"),
    ),
    "severity 2.0": (
        {"spasm_frequency": 2, "spasm_severity": 2.0},
        "Spasm severity",
        _whole("Spasm severity", 1, 3, "2.0"),
    ),
    "severity True": (
        {"spasm_frequency": 2, "spasm_severity": True},
        "Spasm severity",
        _whole("Spasm severity", 1, 3, "True"),
    ),
    "severity with frequency 0": (
        {"spasm_frequency": 0, "spasm_severity": 2},
        "Spasm severity",
        f"{SEVERITY_RULE} (got severity 2 with frequency 0)",
    ),
    "severity with frequency not recorded": (
        {"spasm_severity": 1},
        "Spasm severity",
        f"{SEVERITY_RULE} (got severity 1 with frequency not recorded)",
    ),
    "severity out of range with frequency 0": (
        {"spasm_frequency": 0, "spasm_severity": 4},
        "Spasm severity",
        _whole("Spasm severity", 1, 3, "4"),
    ),
    "pain -1": ({"pain": -1}, "Pain", _whole("Pain", 0, 10, "-1")),
    "pain 11": ({"pain": 11}, "Pain", _whole("Pain", 0, 10, "11")),
    "pain 3.0": ({"pain": 3.0}, "Pain", _whole("Pain", 0, 10, "3.0")),
    "pain True": ({"pain": True}, "Pain", _whole("Pain", 0, 10, "True")),
    "sleep -1": (
        {"sleep_disruption": -1},
        "Sleep disruption",
        _whole("Sleep disruption", 0, 10, "-1"),
    ),
    "sleep 11": (
        {"sleep_disruption": 11},
        "Sleep disruption",
        _whole("Sleep disruption", 0, 10, "11"),
    ),
    "sleep 3.5": (
        {"sleep_disruption": 3.5},
        "Sleep disruption",
        _whole("Sleep disruption", 0, 10, "3.5"),
    ),
    "sleep False": (
        {"sleep_disruption": False},
        "Sleep disruption",
        _whole("Sleep disruption", 0, 10, "False"),
    ),
    **_note_cases("note", "Note"),
}


@pytest.mark.parametrize(
    ("changes", "field", "message"), list(ENTRY_REFUSED.values()), ids=list(ENTRY_REFUSED)
)
def test_symptom_entry_refuses(changes: dict[str, object], field: str, message: str) -> None:
    _refused(_entry, changes, field, message)


def test_stiffness_14_message_is_exactly_as_written_for_the_user() -> None:
    with pytest.raises(ValidationError) as caught:
        _entry(stiffness=14)
    assert str(caught.value) == "Stiffness must be a whole number from 0 to 10 (got 14)"


ENTRY_ACCEPTED = {
    "stiffness 0": {"stiffness": 0},
    "stiffness 10": {"stiffness": 10},
    **{f"frequency {n}": {"spasm_frequency": n} for n in range(5)},
    **{
        f"severity {n} with frequency 1": {"spasm_frequency": 1, "spasm_severity": n}
        for n in (1, 2, 3)
    },
    "severity 3 with frequency 4": {"spasm_frequency": 4, "spasm_severity": 3},
    "frequency 0 without severity": {"spasm_frequency": 0, "spasm_severity": None},
    "pain 0": {"pain": 0},
    "pain 10": {"pain": 10},
    "sleep 0": {"sleep_disruption": 0},
    "sleep 10": {"sleep_disruption": 10},
    "note exactly max": {"note": "x" * NOTE_MAX},
    "recorded in another time zone": {
        "recorded_at": datetime(2024, 3, 1, 21, 0, tzinfo=timezone(timedelta(hours=1)))
    },
    "everything filled in": {
        "spasm_frequency": 3,
        "spasm_severity": 2,
        "pain": 4,
        "sleep_disruption": 6,
        "note": "Woke twice with cramps.",
        "entered_by": CarerId(2),
    },
}


@pytest.mark.parametrize("changes", list(ENTRY_ACCEPTED.values()), ids=list(ENTRY_ACCEPTED))
def test_symptom_entry_accepts(changes: dict[str, object]) -> None:
    _accepted(_entry, changes)


def test_symptom_entry_optional_measures_default_to_not_recorded() -> None:
    entry = _entry()
    assert (entry.spasm_frequency, entry.spasm_severity, entry.pain, entry.sleep_disruption) == (
        None,
        None,
        None,
        None,
    )
    assert entry.note == ""


# --- SideEffectReport --------------------------------------------------------------------------


def _side_effect(**changes: object) -> SideEffectReport:
    values = {
        "person_id": PERSON,
        "day": DAY,
        "effect": "drowsiness",
        "severity": Severity.MILD,
        **changes,
    }
    return SideEffectReport(**values)  # type: ignore[arg-type]  # wrong types on purpose


SIDE_EFFECT_REFUSED = {
    **_date_cases("day", "Side effect date"),
    **_name_cases("effect", "Side effect"),
    "severity as int": (
        {"severity": 2},
        "Side effect severity",
        "Side effect severity must be mild, moderate or severe (got 2)",
    ),
    "severity as text": (
        {"severity": "mild"},
        "Side effect severity",
        "Side effect severity must be mild, moderate or severe (got 'mild')",
    ),
    "severity None": (
        {"severity": None},
        "Side effect severity",
        "Side effect severity must be mild, moderate or severe (got nothing)",
    ),
    **_note_cases("note", "Note"),
}


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    list(SIDE_EFFECT_REFUSED.values()),
    ids=list(SIDE_EFFECT_REFUSED),
)
def test_side_effect_report_refuses(changes: dict[str, object], field: str, message: str) -> None:
    _refused(_side_effect, changes, field, message)


SIDE_EFFECT_ACCEPTED = {
    "listed effect": {"effect": "insomnia"},
    "free text effect": {"effect": "Itchy skin"},
    "effect exactly max": {"effect": "x" * NAME_MAX},
    **{f"severity {s.name.lower()}": {"severity": s} for s in Severity},
    "note exactly max": {"note": "x" * NOTE_MAX},
    "dated 1 January 1900": {"day": date(1900, 1, 1)},
}


@pytest.mark.parametrize(
    "changes", list(SIDE_EFFECT_ACCEPTED.values()), ids=list(SIDE_EFFECT_ACCEPTED)
)
def test_side_effect_report_accepts(changes: dict[str, object]) -> None:
    _accepted(_side_effect, changes)


# --- Event -------------------------------------------------------------------------------------


def _event(**changes: object) -> Event:
    values = {"person_id": PERSON, "kind": EventKind.INFECTION, "start_date": DAY, **changes}
    return Event(**values)  # type: ignore[arg-type]  # wrong types on purpose


EVENT_REFUSED = {
    "kind as text": (
        {"kind": "fall"},
        "Event",
        "Event must be one of the listed events (got 'fall')",
    ),
    "kind None": ({"kind": None}, "Event", "Event must be one of the listed events (got nothing)"),
    **_date_cases("start_date", "Event start date"),
    **_date_cases("end_date", "Event end date"),
    "end the day before start": (
        {"start_date": date(2024, 3, 10), "end_date": date(2024, 3, 9)},
        "Event end date",
        "Event end date must be on or after the start date (2024-03-10) (got 2024-03-09)",
    ),
    "end a year before start": (
        {"start_date": date(2024, 3, 10), "end_date": date(2023, 3, 10)},
        "Event end date",
        "Event end date must be on or after the start date (2024-03-10) (got 2023-03-10)",
    ),
    **_note_cases("note", "Note"),
}


@pytest.mark.parametrize(
    ("changes", "field", "message"), list(EVENT_REFUSED.values()), ids=list(EVENT_REFUSED)
)
def test_event_refuses(changes: dict[str, object], field: str, message: str) -> None:
    _refused(_event, changes, field, message)


EVENT_ACCEPTED = {
    "single day": {"end_date": None},
    "ends the day it starts": {"start_date": date(2024, 3, 10), "end_date": date(2024, 3, 10)},
    "ends the next day": {"start_date": date(2024, 3, 10), "end_date": date(2024, 3, 11)},
    **{f"kind {kind.value}": {"kind": kind} for kind in EventKind},
    "note exactly max": {"note": "x" * NOTE_MAX},
    "started 1 January 1900": {"start_date": date(1900, 1, 1)},
}


@pytest.mark.parametrize("changes", list(EVENT_ACCEPTED.values()), ids=list(EVENT_ACCEPTED))
def test_event_accepts(changes: dict[str, object]) -> None:
    _accepted(_event, changes)


# --- Appointment -------------------------------------------------------------------------------


def _appointment(**changes: object) -> Appointment:
    values = {"person_id": PERSON, "day": DAY, **changes}
    return Appointment(**values)  # type: ignore[arg-type]  # wrong types on purpose


APPOINTMENT_REFUSED = {
    **_date_cases("day", "Appointment date"),
    "clinician max plus one": ({"clinician": LONG_NAME}, "Clinician", f"Clinician {NAME_TOO_LONG}"),
    "clinician None": ({"clinician": None}, "Clinician", "Clinician must be text (got nothing)"),
    **_note_cases("notes", "Notes"),
}


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    list(APPOINTMENT_REFUSED.values()),
    ids=list(APPOINTMENT_REFUSED),
)
def test_appointment_refuses(changes: dict[str, object], field: str, message: str) -> None:
    _refused(_appointment, changes, field, message)


APPOINTMENT_ACCEPTED = {
    "no clinician": {"clinician": ""},
    "clinician exactly max": {"clinician": "x" * NAME_MAX},
    "notes exactly max": {"notes": "x" * NOTE_MAX},
    "dated 1 January 1900": {"day": date(1900, 1, 1)},
}


@pytest.mark.parametrize(
    "changes", list(APPOINTMENT_ACCEPTED.values()), ids=list(APPOINTMENT_ACCEPTED)
)
def test_appointment_accepts(changes: dict[str, object]) -> None:
    _accepted(_appointment, changes)


# --- ToxinInjection ----------------------------------------------------------------------------


def _injection(**changes: object) -> ToxinInjection:
    values = {
        "person_id": PERSON,
        "day": DAY,
        "product": ToxinProduct.ONABOTULINUMTOXIN_A,
        **changes,
    }
    return ToxinInjection(**values)  # type: ignore[arg-type]  # wrong types on purpose


INJECTION_REFUSED = {
    **_date_cases("day", "Injection date"),
    "product as text": (
        {"product": "onabotulinumtoxinA"},
        "Product",
        "Product must be one of the listed products (got 'onabotulinumtoxinA')",
    ),
    "product None": (
        {"product": None},
        "Product",
        "Product must be one of the listed products (got nothing)",
    ),
    "units zero": (
        {"total_units": 0.0},
        "Total units",
        "Total units must be a number above 0 and at most 2000 units (got 0.0)",
    ),
    "units above max": (
        {"total_units": 2000.5},
        "Total units",
        "Total units must be a number above 0 and at most 2000 units (got 2000.5)",
    ),
    **_note_cases("muscles", "Muscles"),
    "given by max plus one": ({"given_by": LONG_NAME}, "Given by", f"Given by {NAME_TOO_LONG}"),
    "given by None": ({"given_by": None}, "Given by", "Given by must be text (got nothing)"),
    **_note_cases("note", "Note"),
}


@pytest.mark.parametrize(
    ("changes", "field", "message"), list(INJECTION_REFUSED.values()), ids=list(INJECTION_REFUSED)
)
def test_toxin_injection_refuses(changes: dict[str, object], field: str, message: str) -> None:
    _refused(_injection, changes, field, message)


INJECTION_ACCEPTED = {
    "units not known": {"total_units": None},
    "units exactly max": {"total_units": 2000.0},
    **{f"product {p.value}": {"product": p} for p in ToxinProduct},
    "muscles exactly max": {"muscles": "x" * NOTE_MAX},
    "given by exactly max": {"given_by": "x" * NAME_MAX},
    "dated 1 January 1900": {"day": date(1900, 1, 1)},
}


@pytest.mark.parametrize("changes", list(INJECTION_ACCEPTED.values()), ids=list(INJECTION_ACCEPTED))
def test_toxin_injection_accepts(changes: dict[str, object]) -> None:
    _accepted(_injection, changes)


# --- Shared behaviour --------------------------------------------------------------------------

MADE = {
    "person": _person,
    "carer": _carer,
    "medicine": _medicine,
    "scheduled dose": _scheduled,
    "regimen": _regimen,
    "dose record": _dose,
    "symptom entry": _entry,
    "side effect": _side_effect,
    "event": _event,
    "appointment": _appointment,
    "toxin injection": _injection,
}


@pytest.mark.parametrize("make", list(MADE.values()), ids=list(MADE))
def test_entities_are_frozen(make: Callable[[], DataclassInstance]) -> None:
    entity = make()
    field = dataclasses.fields(entity)[0].name
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(entity, field, getattr(entity, field))


@pytest.mark.parametrize("make", list(MADE.values()), ids=list(MADE))
def test_entities_are_equal_by_value(make: Callable[[], DataclassInstance]) -> None:
    assert make() == make()


def test_entities_take_keyword_arguments_only() -> None:
    with pytest.raises(TypeError):
        Carer(PERSON, "Jo")  # type: ignore[call-arg]  # positional on purpose
