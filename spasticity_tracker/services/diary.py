"""The daily diary: symptom entries, doses taken or missed, side effects, events, appointments."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime

from spasticity_tracker.domain.entities import (
    Appointment,
    DoseRecord,
    Event,
    PersonId,
    SideEffectReport,
    SymptomEntry,
)
from spasticity_tracker.services.changes import Change, Saved
from spasticity_tracker.services.records import RecordService


class DiaryService(RecordService):
    """The actions of the daily log, each one transaction."""

    # -- actions ---------------------------------------------------------------------------

    def log_entry(self, entry: SymptomEntry) -> Saved[SymptomEntry]:
        """Save a new symptom entry."""
        return self._add(entry)

    def record_doses(self, records: Sequence[DoseRecord]) -> Saved[list[DoseRecord]]:
        """Record what happened to doses; a scheduled dose recorded again replaces its record."""
        with self._db.unit_of_work() as uow:
            stored: list[DoseRecord] = []
            for record in records:
                self._validate(uow, record)
                previous = uow.doses.find_scheduled(record)
                if previous is None:
                    stored.append(uow.doses.add(record))
                else:
                    stored.append(uow.doses.update(_with_id(record, previous)))
            return Saved(stored, Change.DOSES if stored else Change.NONE)

    def report_side_effect(self, report: SideEffectReport) -> Saved[SideEffectReport]:
        return self._add(report)

    def add_event(self, event: Event) -> Saved[Event]:
        return self._add(event)

    def add_appointment(self, appointment: Appointment) -> Saved[Appointment]:
        return self._add(appointment)

    # -- reading ---------------------------------------------------------------------------

    def entries(
        self, person_id: PersonId, start: datetime | None = None, end: datetime | None = None
    ) -> list[SymptomEntry]:
        """Entries recorded in [start, end), newest first."""
        with self._db.unit_of_work() as uow:
            return uow.entries.list_for(person_id, start, end)

    def doses(self, person_id: PersonId, first: date, last: date) -> list[DoseRecord]:
        with self._db.unit_of_work() as uow:
            return uow.doses.list_for(person_id, first, last)

    def side_effects(
        self, person_id: PersonId, first: date | None = None, last: date | None = None
    ) -> list[SideEffectReport]:
        with self._db.unit_of_work() as uow:
            return uow.side_effects.list_for(person_id, first, last)

    def events(
        self, person_id: PersonId, first: date | None = None, last: date | None = None
    ) -> list[Event]:
        with self._db.unit_of_work() as uow:
            return uow.events.list_for(person_id, first, last)

    def appointments(
        self, person_id: PersonId, first: date | None = None, last: date | None = None
    ) -> list[Appointment]:
        with self._db.unit_of_work() as uow:
            return uow.appointments.list_for(person_id, first, last)


def _with_id(record: DoseRecord, previous: DoseRecord) -> DoseRecord:
    return replace(record, id=previous.id, created_at=previous.created_at)
