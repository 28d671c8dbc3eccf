"""Regimens in force, scheduled doses, the history of changes and adherence counts."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time

import pytest

from spasticity_tracker.domain.entities import DoseRecord, MedicineId
from spasticity_tracker.domain.ingredients import Ingredient
from spasticity_tracker.domain.regimens import (
    IMPORTED_NOTE,
    Adherence,
    DoseLedger,
    assumed_taken,
    due_by,
    is_imported,
    previous_regimen,
    regimen_changes,
    regimen_on,
    scheduled_slots,
)
from spasticity_tracker.domain.scales import DoseStatus, Form
from tests.builders import TABLET, medicine, oral, pump

PUMP = medicine(2, "Pump", Ingredient.BACLOFEN, Form.INTRATHECAL_PUMP)

JAN, FEB, MAR = date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1)
REGIMENS = [oral(FEB, 10, 10, 10, regimen_id=2), oral(JAN, 5, 5, 5, regimen_id=1)]


@pytest.mark.parametrize(
    ("day", "total"),
    [(date(2025, 12, 31), None), (JAN, 15.0), (date(2026, 1, 31), 15.0), (FEB, 30.0), (MAR, 30.0)],
    ids=["before-any", "first-day", "day-before-change", "change-day", "later"],
)
def test_regimen_on(day: date, total: float | None) -> None:
    found = regimen_on(REGIMENS, day)
    assert (None if found is None else found.daily_total) == total


def test_scheduled_slots_carry_their_records_and_skip_pumps() -> None:
    taken = DoseRecord(
        medicine_id=MedicineId(1),
        day=MAR,
        status=DoseStatus.TAKEN,
        amount=10.0,
        scheduled_time=time(14),
        taken_at=datetime(2026, 3, 1, 14, tzinfo=UTC),
    )
    slots = scheduled_slots([TABLET, PUMP], [*REGIMENS, pump(JAN, 300.0, PUMP)], MAR, [taken])
    assert [(s.time_of_day, s.amount, s.record) for s in slots] == [
        (time(8), 10.0, None),
        (time(14), 10.0, taken),
        (time(20), 10.0, None),
    ]


def test_regimen_changes_pair_each_regimen_with_the_one_before() -> None:
    changes = regimen_changes(REGIMENS)
    assert [(c.old_total, c.new_total) for c in changes] == [(None, 15.0), (15.0, 30.0)]


def test_previous_regimen_ignores_the_regimen_being_corrected() -> None:
    assert previous_regimen(REGIMENS, oral(MAR, 20)) == REGIMENS[0]
    assert previous_regimen(REGIMENS, REGIMENS[0]) == REGIMENS[1]
    assert previous_regimen(REGIMENS, oral(JAN, 20)) is None


def record(day: date, at: int | None, status: DoseStatus) -> DoseRecord:
    taken = None if status is DoseStatus.MISSED else datetime.combine(day, time(23), UTC)
    return DoseRecord(
        medicine_id=MedicineId(1),
        day=day,
        status=status,
        amount=10.0,
        scheduled_time=None if at is None else time(at),
        taken_at=taken,
    )


def test_adherence_counts_not_recorded_only_for_days_that_are_over() -> None:
    yesterday, today = date(2026, 3, 14), date(2026, 3, 15)
    records = [
        record(yesterday, 8, DoseStatus.TAKEN),
        record(yesterday, 14, DoseStatus.LATE),
        # yesterday 20:00: nothing recorded
        record(today, 8, DoseStatus.MISSED),
        record(today, None, DoseStatus.EXTRA),
        # today 14:00 and 20:00: not recorded yet, and the day is not over
    ]
    counted = DoseLedger([TABLET], REGIMENS, records, yesterday, today, today).adherence()
    assert counted == Adherence(taken=1, late=1, missed=1, not_recorded=1, extra=1)
    assert counted.scheduled == 4


def test_adherence_before_any_regimen_counts_nothing() -> None:
    ledger = DoseLedger([TABLET], REGIMENS, [], date(2025, 12, 1), date(2025, 12, 31), MAR)
    assert ledger.adherence() == Adherence()


def test_a_daily_total_from_a_spreadsheet_is_assumed_taken_never_observed() -> None:
    imported = replace(oral(JAN, 60, hours=(8,)), note=IMPORTED_NOTE)
    entered = oral(JAN, 60, hours=(8,))
    from_the_file = replace(record(JAN, 8, DoseStatus.TAKEN), taken_at=None)
    ticked = record(JAN, 8, DoseStatus.TAKEN)  # taken at a time the person gave
    assert is_imported(imported)
    assert not is_imported(entered)
    assert assumed_taken(from_the_file, imported)
    assert not assumed_taken(ticked, imported)
    assert not assumed_taken(from_the_file, entered)
    assert not assumed_taken(from_the_file, None)
    assert not assumed_taken(record(JAN, 8, DoseStatus.MISSED), imported)


@pytest.mark.parametrize(
    ("at", "due"),
    [
        (time(5, 32), []),
        (time(8), [time(8)]),
        (time(12), [time(8)]),
        (time(13, 59), [time(8)]),
        (time(14), [time(8), time(14)]),
        (time(23, 59), [time(8), time(14), time(20)]),
    ],
    ids=["before-the-first", "at-the-first", "noon", "a-minute-before", "at-the-second", "night"],
)
def test_the_doses_due_by_now_are_those_scheduled_at_or_before_it(
    at: time, due: list[time]
) -> None:
    slots = scheduled_slots([TABLET], REGIMENS, MAR)
    assert [slot.time_of_day for slot in due_by(slots, MAR, at)] == due


@pytest.mark.parametrize("status", [DoseStatus.TAKEN, DoseStatus.LATE, DoseStatus.MISSED])
def test_a_dose_already_recorded_is_never_due(status: DoseStatus) -> None:
    slots = scheduled_slots([TABLET], REGIMENS, MAR, [record(MAR, 8, status)])
    assert [slot.time_of_day for slot in due_by(slots, MAR, time(15))] == [time(14)]


def test_every_open_dose_of_a_past_day_is_due_and_none_of_a_later_day() -> None:
    yesterday, tomorrow = date(2026, 2, 28), date(2026, 3, 2)
    earlier = scheduled_slots([TABLET], REGIMENS, yesterday)
    later = scheduled_slots([TABLET], REGIMENS, tomorrow)
    assert len(due_by(earlier, MAR, time(0))) == 3
    assert due_by(later, MAR, time(23, 59)) == []
