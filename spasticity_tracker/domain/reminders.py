"""The reminder schedule: which reminders are due at a moment, and when the next one falls.

Everything here is a pure function of a person's records and a clock value ``now`` (an aware
datetime), so a timer only has to wake up at ``next_wake`` and ask again.

Scheduled times are local wall-clock times in ``Schedule.zone`` (None: the machine's own zone).
On a day the clocks go forward, a time that does not exist falls at the first time after the
gap; on a day they go back, a time that happens twice falls at its first occurrence only.
Every comparison and sum of moments is made in UTC, so that a snooze of 60 minutes is 60 real
minutes whatever the clocks do.

A reminder belongs to its own local day: it is due from its time until that day ends, or, when
snoozed past midnight, until the day its snooze ends is over.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from enum import Enum

from spasticity_tracker.domain.cautions import ASK, Caution, CautionKind, Level
from spasticity_tracker.domain.dates import time_text
from spasticity_tracker.domain.entities import (
    Appointment,
    AppointmentId,
    CarerId,
    DoseRecord,
    Medicine,
    MedicineId,
    PumpRefill,
    Regimen,
)
from spasticity_tracker.domain.regimens import ScheduledSlot, scheduled_slots
from spasticity_tracker.domain.scales import DoseStatus

SNOOZE_MINUTES = (10, 30, 60)
LATE_AFTER = timedelta(hours=1)  # a dose this late and not recorded is missed for the carer
NOTICE_TIME = time(9)  # when a refill or an appointment is reminded, the day before
ONE_DAY = timedelta(days=1)


class ReminderKind(Enum):
    """What a reminder is about."""

    DOSE = "dose"
    DAILY_LOG = "daily log"
    PUMP_REFILL = "pump refill"
    APPOINTMENT = "appointment"


KIND_ORDER = tuple(ReminderKind)


@dataclass(frozen=True)
class ReminderKey:
    """Names one reminder whatever its snooze: its kind, day and subject."""

    kind: ReminderKind
    day: date
    medicine_id: MedicineId | None = None
    time_of_day: time | None = None
    appointment_id: AppointmentId | None = None


@dataclass(frozen=True)
class Reminder:
    """One reminder: its kind, subject, own local day, when it was scheduled and when it is due.

    ``scheduled`` is the moment it first falls; ``due`` the same moment, or the end of its
    snooze. A dose reminder has its medicine, time of day and amount; a refill reminder its
    refill; an appointment reminder its appointment.
    """

    kind: ReminderKind
    day: date
    scheduled: datetime
    due: datetime
    medicine: Medicine | None = None
    time_of_day: time | None = None
    amount: float | None = None
    refill: PumpRefill | None = None
    appointment: Appointment | None = None

    @property
    def medicine_id(self) -> MedicineId | None:
        return None if self.medicine is None else self.medicine.id

    @property
    def key(self) -> ReminderKey:
        refill_medicine = None if self.refill is None else self.refill.medicine_id
        return ReminderKey(
            kind=self.kind,
            day=self.day,
            medicine_id=self.medicine_id if refill_medicine is None else refill_medicine,
            time_of_day=self.time_of_day,
            appointment_id=None if self.appointment is None else self.appointment.id,
        )


@dataclass(frozen=True)
class Snooze:
    """One reminder moved to a later moment."""

    key: ReminderKey
    until: datetime


@dataclass(frozen=True)
class Schedule:
    """What the reminders are made from.

    ``entry_days`` are the local days with a diary entry; ``log_time`` the chosen time of the
    daily log reminder (None: no such reminder); ``dismissed`` the reminders already shown and
    closed, never due again; ``snoozes`` in the order they were made (the last one of a
    reminder counts).
    """

    medicines: Sequence[Medicine]
    regimens: Sequence[Regimen]
    records: Sequence[DoseRecord] = ()
    log_time: time | None = None
    entry_days: Collection[date] = frozenset()
    refills: Sequence[PumpRefill] = ()
    appointments: Sequence[Appointment] = ()
    snoozes: Sequence[Snooze] = ()
    dismissed: Collection[ReminderKey] = frozenset()
    zone: tzinfo | None = None
    notice_time: time = NOTICE_TIME


@dataclass(frozen=True)
class DueSoFar:
    """Today's scheduled doses whose time has come, and how many are scheduled in all."""

    due: tuple[ScheduledSlot, ...]
    scheduled: int

    @property
    def open(self) -> tuple[ScheduledSlot, ...]:
        """The doses due by now with nothing recorded yet."""
        return tuple(slot for slot in self.due if slot.record is None)


def in_zone(moment: datetime, zone: tzinfo | None = None) -> datetime:
    """A moment as a wall-clock time in a zone (None: the machine's own)."""
    return moment.astimezone(zone) if zone is not None else moment.astimezone()


def _wall(instant: datetime, zone: tzinfo | None) -> datetime:
    return in_zone(instant, zone).replace(tzinfo=None)


def _attach(naive: datetime, fold: int, zone: tzinfo | None) -> datetime:
    if zone is None:
        return naive.replace(fold=fold).astimezone()
    return naive.replace(tzinfo=zone, fold=fold)


def wall_moment(day: date, at: time, zone: tzinfo | None = None) -> datetime:
    """The moment a wall-clock time falls on a day in a zone (None: the machine's own).

    A time the clocks skip falls at the first time after the gap; a time that happens twice
    falls at its first occurrence.
    """
    naive = datetime.combine(day, at)
    instants = sorted({_attach(naive, fold, zone).astimezone(UTC) for fold in (0, 1)})
    for instant in instants:
        if _wall(instant, zone) == naive:
            return in_zone(instant, zone)
    # In a gap: the wall clock reads earlier at the first instant and later at the last, so
    # the first second it reads this time or later is the end of the gap.
    start = instants[0].replace(microsecond=0)
    low, high = 0, int((instants[-1] - start).total_seconds()) + 1
    while high - low > 1:
        middle = (low + high) // 2
        if _wall(start + timedelta(seconds=middle), zone) >= naive:
            high = middle
        else:
            low = middle
    return in_zone(start + timedelta(seconds=high), zone)


def _day_end(day: date, zone: tzinfo | None) -> datetime:
    return wall_moment(day + ONE_DAY, time(), zone).astimezone(UTC)


def _latest_refills(refills: Sequence[PumpRefill]) -> list[PumpRefill]:
    """Each medicine's latest refill: only its next due date is still to come."""
    latest: dict[MedicineId, PumpRefill] = {}
    for refill in refills:
        known = latest.get(refill.medicine_id)
        if known is None or refill.refill_date > known.refill_date:
            latest[refill.medicine_id] = refill
    return list(latest.values())


def _scheduled(schedule: Schedule, day: date) -> Iterator[Reminder]:
    """Every reminder of a day that is not silenced by a record or an entry, unsnoozed."""

    def make(kind: ReminderKind, at: time) -> Reminder:
        moment = wall_moment(day, at, schedule.zone)
        return Reminder(kind=kind, day=day, scheduled=moment, due=moment)

    for slot in scheduled_slots(schedule.medicines, schedule.regimens, day, schedule.records):
        if slot.record is None:
            yield replace(
                make(ReminderKind.DOSE, slot.time_of_day),
                medicine=slot.medicine,
                time_of_day=slot.time_of_day,
                amount=slot.amount,
            )
    if schedule.log_time is not None and day not in schedule.entry_days:
        yield make(ReminderKind.DAILY_LOG, schedule.log_time)
    for refill in _latest_refills(schedule.refills):
        if refill.next_due - ONE_DAY == day:
            yield replace(make(ReminderKind.PUMP_REFILL, schedule.notice_time), refill=refill)
    for appointment in schedule.appointments:
        if appointment.day - ONE_DAY == day:
            notice = make(ReminderKind.APPOINTMENT, schedule.notice_time)
            yield replace(notice, appointment=appointment)


def _sort_key(reminder: Reminder) -> tuple[datetime, int, str, time]:
    return (
        reminder.scheduled.astimezone(UTC),
        KIND_ORDER.index(reminder.kind),
        "" if reminder.medicine is None else reminder.medicine.name,
        reminder.time_of_day or time(),
    )


def _today(schedule: Schedule, now: datetime) -> date:
    return in_zone(now, schedule.zone).date()


def _candidates(schedule: Schedule, now: datetime) -> list[tuple[Reminder, datetime]]:
    """Yesterday's and today's reminders, snoozes applied, each with the moment it lapses."""
    snoozed = {snooze.key: snooze.until for snooze in schedule.snoozes}
    today = _today(schedule, now)
    found = []
    for day in (today - ONE_DAY, today):
        for reminder in _scheduled(schedule, day):
            if reminder.key in schedule.dismissed:
                continue
            lapses = _day_end(day, schedule.zone)
            until = snoozed.get(reminder.key)
            if until is not None:
                reminder = replace(reminder, due=in_zone(until, schedule.zone))
                lapses = max(lapses, _day_end(in_zone(until, schedule.zone).date(), schedule.zone))
            found.append((reminder, lapses))
    found.sort(key=lambda pair: _sort_key(pair[0]))
    return found


def due_reminders(schedule: Schedule, now: datetime) -> list[Reminder]:
    """The reminders due at a moment, by the time they were scheduled."""
    return [
        reminder
        for reminder, lapses in _candidates(schedule, now)
        if reminder.due.astimezone(UTC) <= now.astimezone(UTC) < lapses
    ]


def _missed_from(reminder: Reminder) -> datetime:
    """The first minute a dose is more than an hour late."""
    return reminder.scheduled.astimezone(UTC) + LATE_AFTER + timedelta(minutes=1)


def missed_for_carer(schedule: Schedule, now: datetime) -> list[Reminder]:
    """Doses more than an hour late and not recorded, whatever their snooze.

    Each is shown until the end of the local day it became missed on (a 23:30 dose is missed
    from 00:31 the next day, and shown that day).
    """
    instant = now.astimezone(UTC)
    today = _today(schedule, now)
    missed = []
    for day in (today - ONE_DAY, today):
        for reminder in _scheduled(schedule, day):
            if reminder.kind is not ReminderKind.DOSE:
                continue
            start = _missed_from(reminder)
            lapses = _day_end(in_zone(start, schedule.zone).date(), schedule.zone)
            if start <= instant < lapses:
                missed.append(reminder)
    missed.sort(key=_sort_key)
    return missed


def next_wake(schedule: Schedule, now: datetime) -> datetime:
    """The next moment after now at which a reminder falls or a dose becomes missed.

    The next local midnight at the latest: a new day brings its own schedule.
    """
    instant = now.astimezone(UTC)
    moments = [_day_end(_today(schedule, now), schedule.zone)]
    for reminder, _lapses in _candidates(schedule, now):
        moments.append(reminder.due.astimezone(UTC))
    today = _today(schedule, now)
    for day in (today - ONE_DAY, today):
        for reminder in _scheduled(schedule, day):
            if reminder.kind is ReminderKind.DOSE:
                moments.append(_missed_from(reminder))
    return in_zone(min(moment for moment in moments if moment > instant), schedule.zone)


def snooze(reminder: Reminder, minutes: int, now: datetime) -> Snooze:
    """Move a reminder to 10, 30 or 60 minutes from now; it keeps its own day."""
    if minutes not in SNOOZE_MINUTES:
        raise ValueError(f"A snooze is 10, 30 or 60 minutes, not {minutes}")
    until = now.astimezone(UTC) + timedelta(minutes=minutes)
    return Snooze(key=reminder.key, until=in_zone(until, now.tzinfo))


def doses_due_so_far(schedule: Schedule, now: datetime) -> DueSoFar:
    """Today's scheduled doses whose time has come by now, recorded or not, of all today's."""
    today = _today(schedule, now)
    instant = now.astimezone(UTC)
    slots = scheduled_slots(schedule.medicines, schedule.regimens, today, schedule.records)
    due = tuple(
        slot
        for slot in slots
        if wall_moment(today, slot.time_of_day, schedule.zone).astimezone(UTC) <= instant
    )
    return DueSoFar(due=due, scheduled=len(slots))


def taken_record(reminder: Reminder, now: datetime, entered_by: CarerId | None) -> DoseRecord:
    """What "Taken" on a dose reminder records: the dose taken now, by whoever is entering.

    Taken within the hour after its time it is taken; later than that it is late, as the
    carer's notice would have called it.
    """
    if reminder.kind is not ReminderKind.DOSE:
        raise ValueError(f"Only a dose reminder can be taken, not a {reminder.kind.value} one")
    assert reminder.medicine is not None
    assert reminder.medicine.id is not None
    assert reminder.amount is not None
    instant = now.astimezone(UTC)
    late = instant >= _missed_from(reminder)
    return DoseRecord(
        medicine_id=reminder.medicine.id,
        day=reminder.day,
        status=DoseStatus.LATE if late else DoseStatus.TAKEN,
        amount=reminder.amount,
        scheduled_time=reminder.time_of_day,
        taken_at=instant,
        entered_by=entered_by,
    )


def not_recorded_caution(late: Sequence[Reminder], zone: tzinfo | None = None) -> Caution | None:
    """The notice of doses more than an hour late and not recorded, for the person or a carer.

    Not a missed dose: nobody has said it was missed. It says what is late and how to put the
    diary right, and never what to take.
    """
    doses = [reminder for reminder in late if reminder.kind is ReminderKind.DOSE]
    if not doses:
        return None
    names = "; ".join(_dose_words(reminder, zone) for reminder in doses)
    title = (
        "A dose is more than an hour late and not recorded"
        if len(doses) == 1
        else f"{len(doses)} doses are more than an hour late and not recorded"
    )
    return Caution(
        CautionKind.NOT_RECORDED,
        title,
        f"{names}. If it was taken, record it as taken or late; if not, record it as missed. {ASK}",
        Level.WARNING,
        doses[0].day,
    )


def _dose_words(reminder: Reminder, zone: tzinfo | None) -> str:
    """'Baclofen 10 mg due at 08:00'."""
    assert reminder.medicine is not None
    assert reminder.amount is not None
    unit = reminder.medicine.dose_unit.value
    at = time_text(in_zone(reminder.scheduled, zone).time())
    return f"{reminder.medicine.name} {reminder.amount:g} {unit} due at {at}"
