"""Which regimen is in force on a day, and the doses it schedules."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, time, timedelta

from spasticity_tracker.domain.entities import DoseRecord, Medicine, MedicineId, Regimen
from spasticity_tracker.domain.scales import DoseStatus

# A spreadsheet gives a daily total only: the import keeps it as a regimen with this note and
# one dose record a day, taken. Neither the dose times nor the doses were observed.
IMPORTED_NOTE = "Imported from a spreadsheet (daily total)"


def is_imported(regimen: Regimen) -> bool:
    """A regimen made by a spreadsheet import: a daily total whose dose times are not known."""
    return regimen.note == IMPORTED_NOTE


def assumed_taken(record: DoseRecord, in_force: Regimen | None) -> bool:
    """A dose record made from an imported daily total: assumed taken, never observed."""
    return (
        in_force is not None
        and is_imported(in_force)
        and record.status is DoseStatus.TAKEN
        and record.taken_at is None
    )


def regimen_on(regimens: Iterable[Regimen], day: date) -> Regimen | None:
    """The regimen of one medicine in force on a day: the latest one started on or before it."""
    current: Regimen | None = None
    for regimen in regimens:
        if regimen.start_date <= day and (
            current is None or regimen.start_date > current.start_date
        ):
            current = regimen
    return current


@dataclass(frozen=True)
class ScheduledSlot:
    """One dose a regimen schedules on a day, with what was recorded for it (if anything)."""

    medicine: Medicine
    day: date
    time_of_day: time
    amount: float
    record: DoseRecord | None = None


def regimens_by_medicine(regimens: Iterable[Regimen]) -> dict[MedicineId, list[Regimen]]:
    """Each medicine's regimens."""
    grouped: dict[MedicineId, list[Regimen]] = {}
    for each in regimens:
        grouped.setdefault(each.medicine_id, []).append(each)
    return grouped


def scheduled_slots(
    medicines: Sequence[Medicine],
    regimens: Iterable[Regimen],
    day: date,
    records: Iterable[DoseRecord] = (),
    *,
    by_medicine: Mapping[MedicineId, Sequence[Regimen]] | None = None,
) -> list[ScheduledSlot]:
    """Every scheduled dose on a day across medicines, by time, each with its record if any.

    by_medicine: the regimens already grouped (regimens_by_medicine), for a walk over days.
    """
    if by_medicine is None:
        by_medicine = regimens_by_medicine(regimens)
    recorded = {
        (record.medicine_id, record.scheduled_time): record
        for record in records
        if record.day == day and record.scheduled_time is not None
    }
    slots = []
    for medicine in medicines:
        assert medicine.id is not None
        in_force = regimen_on(by_medicine.get(medicine.id, ()), day)
        if in_force is None:
            continue
        for dose in in_force.doses:
            slots.append(
                ScheduledSlot(
                    medicine=medicine,
                    day=day,
                    time_of_day=dose.time_of_day,
                    amount=dose.amount,
                    record=recorded.get((medicine.id, dose.time_of_day)),
                )
            )
    slots.sort(key=lambda slot: (slot.time_of_day, slot.medicine.name))
    return slots


def due_by(slots: Iterable[ScheduledSlot], day: date, at: time) -> list[ScheduledSlot]:
    """The open doses due by a local day and time: scheduled at or before it, not recorded."""
    # A dose already recorded (taken, late or missed) is never due again: it is not changed.
    return [
        slot
        for slot in slots
        if slot.record is None and (slot.day < day or (slot.day == day and slot.time_of_day <= at))
    ]


@dataclass(frozen=True)
class RegimenChange:
    """A regimen with the daily total it replaced (None for a medicine's first regimen)."""

    regimen: Regimen
    previous: Regimen | None

    @property
    def old_total(self) -> float | None:
        return None if self.previous is None else self.previous.daily_total

    @property
    def new_total(self) -> float:
        return self.regimen.daily_total


def regimen_changes(regimens: Iterable[Regimen]) -> list[RegimenChange]:
    """One medicine's regimens as a history of changes, oldest first."""
    ordered = sorted(regimens, key=lambda regimen: regimen.start_date)
    return [
        RegimenChange(regimen, ordered[index - 1] if index else None)
        for index, regimen in enumerate(ordered)
    ]


def previous_regimen(regimens: Iterable[Regimen], new: Regimen) -> Regimen | None:
    """The regimen a new (or corrected) one replaces: the latest that starts before it."""
    earlier = [r for r in regimens if r.start_date < new.start_date and r.id != new.id]
    return max(earlier, key=lambda regimen: regimen.start_date, default=None)


def records_by_day(records: Iterable[DoseRecord]) -> dict[date, list[DoseRecord]]:
    """Dose records grouped by their day (so that a day's slots need not scan them all)."""
    grouped: dict[date, list[DoseRecord]] = {}
    for record in records:
        grouped.setdefault(record.day, []).append(record)
    return grouped


@dataclass(frozen=True)
class Adherence:
    """What happened to the scheduled doses of a period."""

    taken: int = 0
    late: int = 0
    missed: int = 0
    not_recorded: int = 0  # a past day's dose with no record: not the same as missed
    extra: int = 0

    @property
    def scheduled(self) -> int:
        return self.taken + self.late + self.missed + self.not_recorded


def adherence(
    medicines: Sequence[Medicine],
    regimens: Sequence[Regimen],
    records: Sequence[DoseRecord],
    first: date,
    last: date,
    today: date,
) -> Adherence:
    """Count scheduled doses from first to last day by what was recorded.

    A dose counts as "not recorded" only once its day is over: today's unrecorded doses may
    still be taken, so they are not counted at all.
    """
    counts = {"taken": 0, "late": 0, "missed": 0, "not_recorded": 0}
    by_day = records_by_day(records)
    grouped = regimens_by_medicine(regimens)
    day = first
    while day <= last:
        for slot in scheduled_slots(
            medicines, regimens, day, by_day.get(day, ()), by_medicine=grouped
        ):
            if slot.record is not None:
                key = (
                    "taken" if slot.record.status is DoseStatus.TAKEN else slot.record.status.value
                )
                counts[key] += 1
            elif day < today:
                counts["not_recorded"] += 1
        day += timedelta(days=1)
    extra = sum(1 for r in records if r.status is DoseStatus.EXTRA and first <= r.day <= last)
    return Adherence(extra=extra, **counts)
