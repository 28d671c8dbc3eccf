"""The cautions of CLINICAL.md, at every threshold edge."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from spasticity_tracker.domain.cautions import (
    ASK,
    Caution,
    CautionKind,
    kidney_caution,
    missed_dose_caution,
    pump_refill_caution,
    regimen_change_cautions,
)
from spasticity_tracker.domain.entities import (
    DoseRecord,
    Medicine,
    MedicineId,
    Person,
    PersonId,
    Regimen,
    ScheduledDose,
)
from spasticity_tracker.domain.scales import DoseStatus, Route

TABLET = Medicine(id=MedicineId(1), person_id=PersonId(1), name="Baclofen", route=Route.ORAL)
PUMP = Medicine(
    id=MedicineId(2), person_id=PersonId(1), name="Baclofen pump", route=Route.INTRATHECAL
)
TIZANIDINE = Medicine(id=MedicineId(3), person_id=PersonId(1), name="Tizanidine")
TIMES = (time(8), time(14), time(20))
DAY = date(2026, 3, 10)


def oral(*amounts: float, start: date = DAY) -> Regimen:
    doses = tuple(
        ScheduledDose(time_of_day=at, amount=amount)
        for at, amount in zip(TIMES, amounts, strict=False)
    )
    return Regimen(medicine_id=MedicineId(1), start_date=start, doses=doses)


def pump(rate: float | None) -> Regimen:
    return Regimen(medicine_id=MedicineId(2), start_date=DAY, rate_per_day=rate)


def kinds(cautions: list[Caution]) -> list[CautionKind]:
    return [caution.kind for caution in cautions]


@pytest.mark.parametrize(
    ("amounts", "expected"),
    [
        ((30.0, 25.0, 25.0), []),
        ((30.0, 25.0, 25.5), [CautionKind.ABOVE_USUAL_MAXIMUM]),
        ((40.0, 40.0, 40.0), [CautionKind.ABOVE_USUAL_MAXIMUM]),
    ],
    ids=["80-mg", "80.5-mg", "120-mg"],
)
def test_above_the_usual_maximum(amounts: tuple[float, ...], expected: list[CautionKind]) -> None:
    assert kinds(regimen_change_cautions(TABLET, oral(25, 25, 25), oral(*amounts))) == expected


def test_the_maximum_applies_to_oral_baclofen_only() -> None:
    assert regimen_change_cautions(TIZANIDINE, None, oral(40, 40, 40)) == []
    assert regimen_change_cautions(PUMP, None, pump(900)) == []


@pytest.mark.parametrize(
    ("before", "after", "cautioned"),
    [
        ((20.0, 20.0, 20.0), (20.0, 20.0), False),  # 60 -> 40: exactly one third
        ((20.0, 20.0, 20.0), (20.0, 19.5), True),  # 60 -> 39.5: just over a third
        ((20.0, 20.0, 20.0), (20.0, 20.0, 15.0), False),  # 60 -> 55
        ((20.0, 20.0, 20.0), (), True),  # stopped
        ((10.0,), (), True),  # stopped from 10 mg
        ((10.0, 10.0), (10.0, 10.0, 10.0), False),  # an increase
    ],
    ids=["cut-exactly-a-third", "cut-just-over", "small-cut", "stop", "stop-small", "increase"],
)
def test_stop_or_fast_cut(
    before: tuple[float, ...], after: tuple[float, ...], cautioned: bool
) -> None:
    cautions = regimen_change_cautions(TABLET, oral(*before), oral(*after))
    assert (CautionKind.STOP_OR_FAST_CUT in kinds(cautions)) is cautioned
    if cautioned:
        [caution] = [c for c in cautions if c.kind is CautionKind.STOP_OR_FAST_CUT]
        assert "withdrawal" in caution.text
        assert "hallucinations, seizures" in caution.text
        assert "reduced gradually over 1-2 weeks" in caution.text
        assert caution.text.endswith(ASK)


def test_a_first_regimen_has_nothing_to_cut_from() -> None:
    assert regimen_change_cautions(TABLET, None, oral(5, 5, 5)) == []


@pytest.mark.parametrize(
    ("before", "after", "cautioned"),
    [(300.0, 200.0, False), (300.0, 199.0, True), (300.0, None, True)],
    ids=["pump-cut-a-third", "pump-cut-over", "pump-stopped"],
)
def test_pump_stop_or_fast_cut_uses_the_pump_wording(
    before: float, after: float | None, cautioned: bool
) -> None:
    cautions = regimen_change_cautions(PUMP, pump(before), pump(after))
    assert (CautionKind.STOP_OR_FAST_CUT in kinds(cautions)) is cautioned
    if cautioned:
        assert "itching without a rash" in cautions[0].text
        assert "1-2 weeks" not in cautions[0].text


def dose(day: date, at: time | None, status: DoseStatus) -> DoseRecord:
    taken = None
    if status is not DoseStatus.MISSED:
        taken = datetime.combine(day, at or time(23)).astimezone(UTC)
    return DoseRecord(
        medicine_id=MedicineId(1),
        day=day,
        status=status,
        amount=10.0,
        scheduled_time=at,
        taken_at=taken,
    )


TAKEN, MISSED, LATE, EXTRA = DoseStatus.TAKEN, DoseStatus.MISSED, DoseStatus.LATE, DoseStatus.EXTRA
NEXT = DAY + timedelta(days=1)


@pytest.mark.parametrize(
    ("records", "expected"),
    [
        ([(DAY, 0, TAKEN), (DAY, 1, MISSED), (DAY, 2, TAKEN)], None),
        ([(DAY, 0, TAKEN), (DAY, 1, MISSED)], None),
        ([(DAY, 0, TAKEN), (DAY, 1, MISSED), (DAY, 2, MISSED)], "2 baclofen doses missed"),
        ([(DAY, 2, MISSED), (NEXT, 0, MISSED)], "2 baclofen doses missed"),
        ([(DAY, 1, MISSED), (DAY, 2, MISSED), (NEXT, 0, TAKEN)], None),
        ([(DAY, 1, MISSED), (DAY, 2, MISSED), (NEXT, 0, LATE)], None),
        ([(DAY, 1, MISSED), (DAY, 2, MISSED), (NEXT, None, EXTRA)], None),
        ([(DAY, 1, MISSED), (NEXT, 0, TAKEN), (NEXT, 1, MISSED)], None),
        ([], None),
    ],
    ids=[
        "one-missed-between-taken",
        "one-missed-last",
        "two-missed-in-a-row",
        "two-missed-across-midnight",
        "taken-again",
        "taken-late-again",
        "extra-dose-taken-again",
        "misses-separated-by-a-taken-dose",
        "nothing-recorded",
    ],
)
def test_missed_doses(
    records: list[tuple[date, int | None, DoseStatus]], expected: str | None
) -> None:
    made = [dose(day, None if i is None else TIMES[i], status) for day, i, status in records]
    caution = missed_dose_caution(TABLET, [oral(10, 10, 10, start=DAY)], made)
    if expected is None:
        assert caution is None
    else:
        assert caution is not None
        assert caution.title.startswith(expected)
        assert "Seek medical help" in caution.text
        assert caution.text.endswith(ASK)


def test_a_whole_day_missed_on_a_once_daily_regimen() -> None:
    once = Regimen(
        medicine_id=MedicineId(1),
        start_date=DAY,
        doses=(ScheduledDose(time_of_day=time(8), amount=10.0),),
    )
    caution = missed_dose_caution(TABLET, [once], [dose(DAY, time(8), MISSED)])
    assert caution is not None
    assert caution.title == "No baclofen taken for a whole day"


def test_not_recorded_is_not_missed() -> None:
    assert missed_dose_caution(TABLET, [oral(10, 10, 10)], [dose(DAY, TIMES[0], MISSED)]) is None


def test_missed_doses_of_other_medicines_are_not_baclofen_withdrawal() -> None:
    misses = [dose(DAY, at, MISSED) for at in TIMES]
    assert missed_dose_caution(TIZANIDINE, [oral(2, 2, 2)], misses) is None


TODAY = date(2026, 3, 15)


@pytest.mark.parametrize(
    ("days_ahead", "shown", "urgent", "title_start"),
    [
        (15, False, False, None),
        (14, True, False, "Pump refill due in 14 days"),
        (8, True, False, "Pump refill due in 8 days"),
        (7, True, True, "Pump refill due in 7 days"),
        (3, True, True, "Pump refill due in 3 days"),
        (1, True, True, "Pump refill due in 1 day ("),
        (0, True, True, "Pump refill due today"),
        (-1, True, True, "Pump refill overdue by 1 day ("),
        (-5, True, True, "Pump refill overdue by 5 days"),
    ],
    ids=[
        "15-days",
        "14-days",
        "8-days",
        "7-days",
        "3-days",
        "1-day",
        "today",
        "overdue-1",
        "overdue-5",
    ],
)
def test_pump_refill(days_ahead: int, shown: bool, urgent: bool, title_start: str | None) -> None:
    caution = pump_refill_caution(PUMP, TODAY + timedelta(days=days_ahead), TODAY)
    assert (caution is not None) is shown
    if caution is not None:
        assert title_start is not None
        assert caution.title.startswith(title_start)
        assert caution.urgent is urgent
        assert "goose bumps" in caution.text
        assert caution.text.endswith(ASK)


def test_no_refill_caution_without_a_date_or_for_tablets() -> None:
    assert pump_refill_caution(PUMP, None, TODAY) is None
    assert pump_refill_caution(TABLET, TODAY, TODAY) is None


def test_kidney_note_only_when_marked() -> None:
    assert kidney_caution(Person(name="A")) is None
    caution = kidney_caution(Person(name="A", kidney_impairment=True))
    assert caution is not None
    assert caution.kind is CautionKind.KIDNEY
    assert "kidneys" in caution.text
