"""Plain builders of test data shared by the tests: Alex's medicines, days, entries and regimens."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, time, timedelta

from spasticity_tracker.domain.entities import (
    Carer,
    CarerId,
    DoseRecord,
    Medicine,
    MedicineId,
    Person,
    PersonId,
    Regimen,
    RegimenId,
    ScheduledDose,
    SymptomEntry,
)
from spasticity_tracker.domain.ingredients import Ingredient
from spasticity_tracker.domain.scales import DoseStatus, DoseUnit, Form
from spasticity_tracker.reports.figures import SummaryInput

JAN1 = date(2026, 1, 1)


def local(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0
) -> datetime:
    """A moment at this wall-clock time in the machine's own time zone, as the app records it.

    Tests run in any zone (CI runs them far from UTC too): a moment written in UTC would fall
    on another local day in Kiribati or Samoa.
    """
    return datetime(year, month, day, hour, minute, second).astimezone()


def medicine(
    number: int,
    name: str,
    ingredient: Ingredient,
    form: Form = Form.TABLET,
    unit: DoseUnit | None = None,
) -> Medicine:
    """A saved medicine of Alex's (person 1), with its id."""
    return Medicine(
        id=MedicineId(number),
        person_id=PersonId(1),
        name=name,
        ingredient=ingredient,
        form=form,
        unit=unit,
    )


def baclofen_pump(
    person_id: PersonId,
    name: str = "Baclofen pump",
    *,
    ingredient_confirmed: bool = True,
    entered_by: CarerId | None = None,
) -> Medicine:
    """A new baclofen intrathecal pump of a person, not yet saved (no id)."""
    return Medicine(
        person_id=person_id,
        name=name,
        ingredient=Ingredient.BACLOFEN,
        form=Form.INTRATHECAL_PUMP,
        ingredient_confirmed=ingredient_confirmed,
        entered_by=entered_by,
    )


TABLET = medicine(1, "Baclofen", Ingredient.BACLOFEN)
PUMP = medicine(2, "Baclofen pump", Ingredient.BACLOFEN, Form.INTRATHECAL_PUMP)
SPRAY = medicine(3, "THC:CBD spray", Ingredient.NABIXIMOLS, Form.SPRAY)
JO = Carer(id=CarerId(1), person_id=PersonId(1), name="Jo")
SAM = Carer(id=CarerId(2), person_id=PersonId(1), name="Sam")


def feb(day: int) -> date:
    """A day of February 2026."""
    return date(2026, 2, day)


def mar(day: int) -> date:
    """A day of March 2026."""
    return date(2026, 3, day)


def at(day: date, hour: int = 20, minute: int = 0) -> datetime:
    """An aware moment at a local wall-clock time of a local day."""
    return datetime.combine(day, time(hour, minute)).astimezone()


def entry(
    day: date,
    stiffness: int = 5,
    *,
    hour: int = 20,
    minute: int = 0,
    by: CarerId | None = None,
    note: str = "",
    spasms: int | None = None,
    pain: int | None = None,
    sleep: int | None = None,
) -> SymptomEntry:
    """Alex's diary entry at a local time of a day (20:00 unless told)."""
    return SymptomEntry(
        person_id=PersonId(1),
        recorded_at=at(day, hour, minute),
        stiffness=stiffness,
        spasm_frequency=spasms,
        pain=pain,
        sleep_disruption=sleep,
        note=note,
        entered_by=by,
    )


def daily(first: date, scores: Iterable[int | None]) -> list[SymptomEntry]:
    """One entry a day from first on, none where the score is None."""
    return [entry(first + timedelta(days=n), s) for n, s in enumerate(scores) if s is not None]


def oral(
    start: date,
    *amounts: float,
    medicine: Medicine = TABLET,
    hours: Sequence[int] = (8, 14, 20),
    regimen_id: int | None = None,
) -> Regimen:
    """Doses at 08:00, 14:00 and 20:00 (as many as amounts); none means stopped."""
    assert medicine.id is not None
    doses = tuple(
        ScheduledDose(time_of_day=time(hour), amount=amount)
        for hour, amount in zip(hours, amounts, strict=False)
    )
    return Regimen(
        id=None if regimen_id is None else RegimenId(regimen_id),
        medicine_id=medicine.id,
        start_date=start,
        doses=doses,
    )


def pump(start: date, rate: float, medicine: Medicine = PUMP) -> Regimen:
    """A pump's rate per day from a day on."""
    assert medicine.id is not None
    return Regimen(medicine_id=medicine.id, start_date=start, rate_per_day=rate)


def dose(
    day: date, hour: int | None, status: DoseStatus, medicine: Medicine = TABLET
) -> DoseRecord:
    """A record of the 10 mg dose due at hour (None: an extra dose, taken at noon)."""
    assert medicine.id is not None
    return DoseRecord(
        medicine_id=medicine.id,
        day=day,
        status=status,
        amount=10.0,
        scheduled_time=None if hour is None else time(hour),
        taken_at=None if status is DoseStatus.MISSED else at(day, hour or 12),
    )


def fortnight(
    person: Person,
    carers: Sequence[Carer] = (),
    entries: Sequence[SymptomEntry] = (),
    medicines: Sequence[Medicine] = (),
) -> SummaryInput:
    """A person's fortnight, 1 to 14 March 2026, produced on the 15th: nothing else recorded."""
    return SummaryInput(
        person=person,
        carers=carers,
        first=mar(1),
        last=mar(14),
        produced=mar(15),
        entries=entries,
        medicines=medicines,
        regimens=(),
        doses=(),
        side_effects=(),
        events=(),
        appointments=(),
    )
