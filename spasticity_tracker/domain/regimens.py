"""Which regimen is in force on a day, and the doses it schedules."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import NamedTuple, Protocol, TypeVar

from spasticity_tracker.domain.entities import (
    DoseRecord,
    Medicine,
    MedicineId,
    Regimen,
    ScheduledDose,
)
from spasticity_tracker.domain.scales import DoseStatus

# A spreadsheet gives a daily total only: the import keeps it as a regimen with this note and
# one dose record a day, taken. Neither the dose times nor the doses were observed.
IMPORTED_NOTE = "Imported from a spreadsheet (daily total)"


class RecordedDose(Protocol):
    """What the counts of doses read of a dose record: whose, which dose, and what happened."""

    @property
    def medicine_id(self) -> MedicineId: ...
    @property
    def day(self) -> date: ...
    @property
    def status(self) -> DoseStatus: ...
    @property
    def scheduled_time(self) -> time | None: ...
    @property
    def taken_at(self) -> datetime | None: ...


class DoseOutcome(NamedTuple):
    """A dose record's medicine, day, dose and outcome alone: what the summary needs of
    years of dose records, read without making (and checking again) whole records."""

    medicine_id: MedicineId
    day: date
    status: DoseStatus
    scheduled_time: time | None
    taken_at: datetime | None


R = TypeVar("R", bound=RecordedDose)


def is_imported(regimen: Regimen) -> bool:
    """A regimen made by a spreadsheet import: a daily total whose dose times are not known."""
    return regimen.note == IMPORTED_NOTE


def assumed_taken(record: RecordedDose, in_force: Regimen | None) -> bool:
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
    slots = [
        ScheduledSlot(medicine, day, dose.time_of_day, dose.amount, record)
        for medicine, _, dose, record in _doses_of_day(medicines, by_medicine, day, records)
    ]
    slots.sort(key=lambda slot: (slot.time_of_day, slot.medicine.name))
    return slots


def _doses_of_day(
    medicines: Sequence[Medicine],
    by_medicine: Mapping[MedicineId, Sequence[Regimen]],
    day: date,
    records: Iterable[R],
) -> Iterator[tuple[Medicine, Regimen, ScheduledDose, R | None]]:
    """Each dose the regimens in force schedule on a day, medicine by medicine, with the
    regimen and the record kept for it (the record of the same medicine, day and time)."""
    recorded = {
        (record.medicine_id, record.scheduled_time): record
        for record in records
        if record.day == day and record.scheduled_time is not None
    }
    for medicine in medicines:
        assert medicine.id is not None
        in_force = regimen_on(by_medicine.get(medicine.id, ()), day)
        if in_force is None:
            continue
        for dose in in_force.doses:
            yield medicine, in_force, dose, recorded.get((medicine.id, dose.time_of_day))


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


def records_by_day(records: Iterable[R]) -> dict[date, list[R]]:
    """Dose records grouped by their day (so that a day's slots need not scan them all)."""
    grouped: dict[date, list[R]] = {}
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


# The columns a DoseLedger counts for each medicine and day.
_TAKEN, _LATE, _MISSED, _NOT_RECORDED, _EXTRA, _ASSUMED = range(6)
_COLUMN = {DoseStatus.TAKEN: _TAKEN, DoseStatus.LATE: _LATE, DoseStatus.MISSED: _MISSED}


class DoseLedger:
    """The scheduled doses of some medicines from a first to a last day, each matched to its
    record, counted in one walk over the days.

    Each medicine's doses are counted day by day once, so the adherence of any medicine over
    any days within is a sum of days (the summary asks for each medicine in each of its dose
    periods, over years). A dose counts as "not recorded" only once its day is over: today's
    unrecorded doses may still be taken, so they are not counted at all.
    """

    def __init__(
        self,
        medicines: Sequence[Medicine],
        regimens: Iterable[Regimen],
        records: Iterable[R],
        first: date,
        last: date,
        today: date,
    ):
        self.first = first
        self.last = last
        length = max((last - first).days + 1, 0)
        by_day = records_by_day(records)
        grouped = regimens_by_medicine(regimens)
        self._counts: dict[MedicineId, list[list[int]]] = {}
        self.whole_days_missed = 0  # up to today: days whose every dose was recorded missed
        self.longest_missed_run = 0  # up to today: one medicine's misses in a row
        runs: dict[MedicineId, int] = {}  # the current run of misses of each medicine
        for index in range(length):
            day = first + timedelta(days=index)
            recorded = by_day.get(day, ())
            for each in recorded:
                if each.status is DoseStatus.EXTRA:
                    self._column(each.medicine_id, _EXTRA, length)[index] += 1
            scheduled = missed = 0
            for medicine, in_force, _, record in _doses_of_day(medicines, grouped, day, recorded):
                assert medicine.id is not None
                scheduled += 1
                if record is None:
                    if day < today:
                        self._column(medicine.id, _NOT_RECORDED, length)[index] += 1
                    continue  # not recorded: neither a miss nor a dose taken
                self._column(medicine.id, _COLUMN[record.status], length)[index] += 1
                if assumed_taken(record, in_force):
                    self._column(medicine.id, _ASSUMED, length)[index] += 1
                if day > today:
                    continue
                if record.status is DoseStatus.MISSED:
                    missed += 1
                    runs[medicine.id] = runs.get(medicine.id, 0) + 1
                    self.longest_missed_run = max(self.longest_missed_run, runs[medicine.id])
                else:
                    runs[medicine.id] = 0
            if scheduled and missed == scheduled:
                self.whole_days_missed += 1

    def _column(self, medicine_id: MedicineId, column: int, length: int) -> list[int]:
        counts = self._counts.get(medicine_id)
        if counts is None:
            counts = self._counts[medicine_id] = [[0] * length for _ in range(_ASSUMED + 1)]
        return counts[column]

    def _sum(self, column: int, medicine_id: MedicineId | None, first: date, last: date) -> int:
        start = max((first - self.first).days, 0)
        stop = max((last - self.first).days + 1, 0)
        medicines = self._counts if medicine_id is None else [medicine_id]
        return sum(sum(self._counts[m][column][start:stop]) for m in medicines if m in self._counts)

    def adherence(
        self,
        medicine_id: MedicineId | None = None,
        first: date | None = None,
        last: date | None = None,
    ) -> Adherence:
        """The doses of one medicine (or all) from first to last (by default, every day)."""
        span = (first or self.first, last or self.last)
        return Adherence(
            taken=self._sum(_TAKEN, medicine_id, *span),
            late=self._sum(_LATE, medicine_id, *span),
            missed=self._sum(_MISSED, medicine_id, *span),
            not_recorded=self._sum(_NOT_RECORDED, medicine_id, *span),
            extra=self._sum(_EXTRA, medicine_id, *span),
        )

    def assumed(self, medicine_id: MedicineId, first: date, last: date) -> int:
        """How many of a medicine's doses from first to last are imported daily totals,
        assumed taken (assumed_taken)."""
        return self._sum(_ASSUMED, medicine_id, first, last)
