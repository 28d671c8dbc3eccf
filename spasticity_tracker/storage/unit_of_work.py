"""A unit of work: one open transaction and a repository for each entity type."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from spasticity_tracker.domain.entities import (
    Appointment,
    CheckIn,
    DoseRecord,
    Event,
    Medicine,
    PumpRefill,
    Regimen,
    SideEffectReport,
    SymptomEntry,
    ToxinInjection,
)
from spasticity_tracker.storage.repositories import (
    AppointmentRepository,
    CarerRepository,
    CheckInRepository,
    DoseRecordRepository,
    EventRepository,
    MedicineRepository,
    PersonRepository,
    PumpRefillRepository,
    RegimenRepository,
    Repository,
    SideEffectReportRepository,
    SymptomEntryRepository,
    ToxinInjectionRepository,
)
from spasticity_tracker.storage.shares import ShareRepository


class UnitOfWork:
    """The repositories of one transaction; the Database commits or rolls it back as a whole."""

    def __init__(self, session: Session):
        self.people = PersonRepository(session)
        self.carers = CarerRepository(session)
        self.medicines = MedicineRepository(session)
        self.regimens = RegimenRepository(session)
        self.doses = DoseRecordRepository(session)
        self.entries = SymptomEntryRepository(session)
        self.side_effects = SideEffectReportRepository(session)
        self.events = EventRepository(session)
        self.appointments = AppointmentRepository(session)
        self.refills = PumpRefillRepository(session)
        self.injections = ToxinInjectionRepository(session)
        self.check_ins = CheckInRepository(session)
        self.shares = ShareRepository(session)
        self._by_type: dict[type, Repository[Any, Any]] = {
            Medicine: self.medicines,
            Regimen: self.regimens,
            DoseRecord: self.doses,
            SymptomEntry: self.entries,
            SideEffectReport: self.side_effects,
            Event: self.events,
            Appointment: self.appointments,
            PumpRefill: self.refills,
            ToxinInjection: self.injections,
            CheckIn: self.check_ins,
        }

    def repository_for(self, record_type: type) -> Repository[Any, Any]:
        """The repository that keeps records of this entity type."""
        return self._by_type[record_type]
