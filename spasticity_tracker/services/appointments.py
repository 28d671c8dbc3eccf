"""The appointment cycle: appointments with their scores and goals, and the check-in before the
next one (the impression of change, the goal ratings and the falls, saved together)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from spasticity_tracker.domain.cycle import Cycle, cycle_on, rated
from spasticity_tracker.domain.entities import (
    Appointment,
    CarerId,
    CheckIn,
    Event,
    PersonId,
)
from spasticity_tracker.domain.errors import ValidationError
from spasticity_tracker.domain.scales import EventKind
from spasticity_tracker.services.changes import DataChange, Saved
from spasticity_tracker.services.records import RecordService


@dataclass(frozen=True)
class CheckInAnswers:
    """What the check-in asks: the impression of change (None: skipped), a rating for each goal
    of the last appointment (None: not rated), and the dates of falls since it."""

    pgic: int | None
    ratings: tuple[int | None, ...] = ()
    falls: tuple[date, ...] = ()


class AppointmentService(RecordService):
    """Record appointments and check-ins; where a person is in the cycle."""

    def save(self, appointment: Appointment) -> Saved[Appointment]:
        """Add a new appointment, or overwrite a saved one (same id) with its scores and goals."""
        if appointment.id is None:
            return self._add(appointment)
        return self.update(appointment)

    def appointments(self, person_id: PersonId) -> list[Appointment]:
        """The person's appointments, newest first."""
        with self._db.unit_of_work() as uow:
            return list(reversed(uow.appointments.list_for(person_id)))

    def cycle(self, person_id: PersonId) -> Cycle:
        today = self.today()
        with self._db.unit_of_work() as uow:
            return cycle_on(
                today,
                uow.appointments.list_for(person_id),
                uow.check_ins.list_for(person_id, last=today),
                uow.events.list_for(person_id, last=today),
            )

    def check_in(
        self, person_id: PersonId, answers: CheckInAnswers, entered_by: CarerId | None
    ) -> Saved[Cycle]:
        """Save a check-in in one transaction: the impression of change, the goal ratings (on
        the last appointment) and a fall event for each date given."""
        today = self.today()
        change = DataChange.NONE
        with self._db.unit_of_work() as uow:
            cycle = cycle_on(
                today,
                uow.appointments.list_for(person_id),
                uow.check_ins.list_for(person_id, last=today),
                uow.events.list_for(person_id, last=today),
            )
            if answers.pgic is not None:
                self._add_in(
                    uow,
                    CheckIn(
                        person_id=person_id, day=today, pgic=answers.pgic, entered_by=entered_by
                    ),
                )
                change |= DataChange.APPOINTMENTS
            if any(rating is not None for rating in answers.ratings):
                agreed = cycle.goals_to_rate
                if cycle.last is None or len(answers.ratings) != len(agreed):
                    allowed = f"one for each of the {len(agreed)} goals agreed"
                    raise ValidationError("Goal ratings", len(answers.ratings), allowed)
                goals = rated(agreed, answers.ratings, today)
                uow.appointments.update(replace(cycle.last, goals=goals))
                change |= DataChange.APPOINTMENTS
            known = {fall.start_date for fall in cycle.falls}
            for day in sorted(set(answers.falls) - known):
                self._add_in(
                    uow,
                    Event(
                        person_id=person_id,
                        kind=EventKind.FALL,
                        start_date=day,
                        entered_by=entered_by,
                    ),
                )
                change |= DataChange.EVENTS
        return Saved(self.cycle(person_id), change)
