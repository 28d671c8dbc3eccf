"""Reminders for everyone in the diary: what is due, what is late, and "Taken" from a reminder.

The schedule itself is domain/reminders.py; this reads what it needs (each person's medicines,
regimens, yesterday's and today's doses and entries, refills and appointments) in one
transaction per check, and records a dose taken from a reminder.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from spasticity_tracker.domain.cautions import Caution
from spasticity_tracker.domain.cycle import planned
from spasticity_tracker.domain.entities import (
    Appointment,
    CarerId,
    DoseRecord,
    Person,
    PersonId,
)
from spasticity_tracker.domain.reminders import (
    ONE_DAY,
    Reminder,
    ReminderKey,
    Schedule,
    Snooze,
    due_reminders,
    missed_for_carer,
    next_wake,
    not_recorded_caution,
    taken_record,
)
from spasticity_tracker.services.changes import DataChange, Saved
from spasticity_tracker.services.diary import local_day_bounds
from spasticity_tracker.services.records import RecordService
from spasticity_tracker.storage.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class PersonReminders:
    """One person's reminders due now, and their doses over an hour late and not recorded."""

    person: Person
    due: list[Reminder]
    late: list[Reminder]


@dataclass(frozen=True)
class ReminderCheck:
    """Everyone's reminders at one moment, and when to look again."""

    now: datetime
    people: list[PersonReminders]
    wake: datetime

    @property
    def due(self) -> list[tuple[Person, Reminder]]:
        return [(found.person, reminder) for found in self.people for reminder in found.due]

    @property
    def late(self) -> list[tuple[Person, Reminder]]:
        return [(found.person, reminder) for found in self.people for reminder in found.late]


@dataclass(frozen=True)
class ReminderChoices:
    """What the user has done with reminders this session: snoozes and ones closed, per person."""

    snoozes: Mapping[PersonId, Sequence[Snooze]] = field(default_factory=dict)
    dismissed: Mapping[PersonId, Collection[ReminderKey]] = field(default_factory=dict)


class ReminderService(RecordService):
    """Reminders of every person in the diary (example people have none, nor, on a shared
    diary, the people shared with this login to read only: a clinician is not reminded of
    her patients' doses)."""

    def check(self, log_time: time | None, choices: ReminderChoices) -> ReminderCheck:
        """Every person's due and late reminders now, and the next moment anything changes."""
        now = self.now()
        found = []
        wakes = []
        with self._db.unit_of_work() as uow:
            shared = self._db.server is not None
            for person in uow.people.list_all():
                if person.is_example or person.id is None:
                    continue
                if shared and not uow.shares.may_write(person.id):
                    continue
                schedule = self._schedule(uow, person.id, log_time, now, choices)
                found.append(
                    PersonReminders(
                        person, due_reminders(schedule, now), missed_for_carer(schedule, now)
                    )
                )
                wakes.append(next_wake(schedule, now))
        if not wakes:  # nobody to remind: look again at midnight, or when the diary changes
            wakes.append(next_wake(Schedule(medicines=(), regimens=()), now))
        return ReminderCheck(now, found, min(wakes))

    def schedule(
        self, person_id: PersonId, log_time: time | None, choices: ReminderChoices
    ) -> Schedule:
        """The schedule one person's reminders are made from now."""
        with self._db.unit_of_work() as uow:
            return self._schedule(uow, person_id, log_time, self.now(), choices)

    def not_recorded(self, person_id: PersonId) -> Caution | None:
        """The notice of the person's doses over an hour late and not recorded, for Today."""
        schedule = self.schedule(person_id, None, ReminderChoices())
        return not_recorded_caution(missed_for_carer(schedule, self.now()))

    def take(self, reminder: Reminder, entered_by: CarerId | None) -> Saved[DoseRecord]:
        """Record a reminded dose as taken now (late after the hour), replacing no other record."""
        record = taken_record(reminder, self.now(), entered_by)
        with self._db.unit_of_work() as uow:
            self._validate(uow, record)
            previous = uow.doses.find_scheduled(record)
            if previous is not None:  # recorded meanwhile, elsewhere: that record stands
                return Saved(previous, DataChange.NONE)
            return Saved(uow.doses.add(record), DataChange.DOSES)

    @staticmethod
    def _schedule(
        uow: UnitOfWork,
        person_id: PersonId,
        log_time: time | None,
        now: datetime,
        choices: ReminderChoices,
    ) -> Schedule:
        today = now.astimezone().date()
        yesterday = today - ONE_DAY
        start, _ = local_day_bounds(yesterday)
        _, end = local_day_bounds(today)
        medicines = uow.medicines.list_for(person_id)
        return Schedule(
            medicines=medicines,
            regimens=uow.regimens.list_for_person(person_id),
            records=uow.doses.list_for(person_id, yesterday, today),
            log_time=log_time,
            entry_days=frozenset(
                entry.recorded_at.astimezone().date()
                for entry in uow.entries.list_for(person_id, start, end)
            ),
            refills=[
                refill
                for medicine in medicines
                if medicine.id is not None and medicine.route.is_continuous
                for refill in uow.refills.list_for_medicine(medicine.id)
            ],
            appointments=_coming(uow.appointments.list_for(person_id), today),
            snoozes=tuple(choices.snoozes.get(person_id, ())),
            dismissed=frozenset(choices.dismissed.get(person_id, ())),
        )


def _coming(appointments: list[Appointment], today: date) -> list[Appointment]:
    """Appointments of today and the next two days, the one the last appointment set among
    them (a day before it is reminded, whether or not it was recorded on its own)."""
    soon = [a for a in appointments if today <= a.day <= today + timedelta(days=2)]
    next_one = planned(appointments)
    if next_one is not None and today <= next_one.day <= today + timedelta(days=2):
        soon.append(next_one)
    return soon
