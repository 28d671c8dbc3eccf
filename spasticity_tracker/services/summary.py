"""The clinic summary's figures for a person and a period, read in one transaction."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from spasticity_tracker.domain.cycle import cycle_on
from spasticity_tracker.domain.entities import Person, PersonId
from spasticity_tracker.domain.errors import ValidationError
from spasticity_tracker.domain.windows import (
    AFTER_LAST_DAY,
    BEFORE_DAYS,
    since_last_appointment,
)
from spasticity_tracker.reports.figures import SummaryFigures, SummaryInput, compute
from spasticity_tracker.services.base import Service, collector_paused
from spasticity_tracker.services.changes import DataChange, Saved
from spasticity_tracker.services.diary import local_day_bounds


class SummaryService(Service):
    """Figures for the clinic summary, and the period it covers by default."""

    def default_period(self, person_id: PersonId) -> tuple[date, date]:
        """Since the last appointment before today, or the last 3 months if there is none."""
        today = self.today()
        with self._db.unit_of_work() as uow:
            past = [a.day for a in uow.appointments.list_for(person_id, last=today)]
        return since_last_appointment(past, today), today

    @collector_paused()
    def figures(self, person_id: PersonId, first: date, last: date) -> SummaryFigures:
        """Every figure for the period, first to last inclusive."""
        if last < first:
            raise ValidationError(
                "Period", f"{first} to {last}", "a first date on or before the last date"
            )
        if first > self.today():
            raise ValidationError("Period", f"{first} to {last}", "a period that has begun")
        length = (last - first).days + 1
        # Entries reach back over the previous period (for the change since then) and the
        # 14 days before any change, and forward over a change's days 4-17.
        reach_back = first - timedelta(days=max(length, BEFORE_DAYS) + BEFORE_DAYS)
        start, _ = local_day_bounds(reach_back)
        _, end = local_day_bounds(last + timedelta(days=AFTER_LAST_DAY))
        with self._db.unit_of_work() as uow:
            person = uow.people.get(person_id)
            medicines = uow.medicines.list_for(person_id)
            data = SummaryInput(
                person=person,
                carers=uow.carers.list_for(person_id),
                first=first,
                last=last,
                produced=self.today(),
                entries=uow.entries.facts_for(person_id, start, end),
                medicines=medicines,
                regimens=uow.regimens.list_for_person(person_id),
                doses=uow.doses.outcomes_for(person_id, first, last),
                side_effects=uow.side_effects.list_for(person_id, first, last),
                events=[
                    e
                    for e in uow.events.list_for(person_id, last=last)
                    if (e.end_date or e.start_date) >= first
                ],
                appointments=uow.appointments.list_for(person_id, first, last),
                refills=[
                    refill
                    for medicine in medicines
                    if medicine.id is not None
                    for refill in uow.refills.list_for_medicine(medicine.id)
                ],
                injections=uow.injections.list_for(
                    person_id,
                    first - timedelta(days=BEFORE_DAYS),
                    last + timedelta(days=AFTER_LAST_DAY),
                ),
                cycle=cycle_on(
                    last,
                    uow.appointments.list_for(person_id, last=last),
                    uow.check_ins.list_for(person_id, last=last),
                    uow.events.list_for(person_id, last=last),
                ),
            )
        return compute(data)

    def save_questions(self, person_id: PersonId, questions: str) -> Saved[Person]:
        """Keep the person's questions for the appointment."""
        with self._db.unit_of_work() as uow:
            person = uow.people.get(person_id)
            return Saved(uow.people.update(replace(person, questions=questions)), DataChange.PEOPLE)
