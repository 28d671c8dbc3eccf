"""Saving, editing, deleting and restoring any diary record, with the checks each type needs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

from spasticity_tracker.domain import validation as check
from spasticity_tracker.domain.cautions import Caution, dose_cautions, new_cautions
from spasticity_tracker.domain.entities import (
    CheckIn,
    DoseRecord,
    Medicine,
    PersonId,
    PumpRefill,
    Record,
    Regimen,
    SideEffectReport,
    SymptomEntry,
    ToxinInjection,
)
from spasticity_tracker.domain.errors import ValidationError
from spasticity_tracker.services.base import Service
from spasticity_tracker.services.changes import CHANGE_FOR_TYPE, DataChange, Saved
from spasticity_tracker.storage.unit_of_work import UnitOfWork

R = TypeVar("R", bound=Record)


@dataclass(frozen=True)
class Deleted:
    """What a delete removed (the record and anything that depended on it), for undo."""

    records: tuple[Record, ...]
    change: DataChange
    cautions: tuple[Caution, ...] = ()  # what removing it raised (a dose change taken away)

    @property
    def record(self) -> Record:
        """The record the user deleted."""
        return self.records[0]


class RecordService(Service):
    """Edit, delete and undo a delete of any record; subclasses add the creating actions."""

    def update(self, record: R) -> Saved[R]:
        """Overwrite a saved record with an edited copy (same id)."""
        with self._db.unit_of_work() as uow:
            self._validate(uow, record)
            person_id = self._dose_owner(uow, record)
            before = self._dose_cautions(uow, person_id)
            stored: R = uow.repository_for(type(record)).update(record)
            raised = new_cautions(before, self._dose_cautions(uow, person_id))
            return Saved(stored, CHANGE_FOR_TYPE[type(record)], tuple(raised))

    def delete(self, record_type: type[Record], record_id: int) -> Deleted:
        """Delete a record; the returned Deleted can be handed to restore() to undo it."""
        with self._db.unit_of_work() as uow:
            dependents: list[Record] = []
            if record_type is Medicine:
                dependents += uow.regimens.list_for_medicine(record_id)  # type: ignore[arg-type]
                dependents += uow.doses.list_for_medicine(record_id)  # type: ignore[arg-type]
                dependents += uow.refills.list_for_medicine(record_id)  # type: ignore[arg-type]
            person_id = self._dose_owner(uow, uow.repository_for(record_type).get(record_id))
            before = self._dose_cautions(uow, person_id)
            removed = uow.repository_for(record_type).delete(record_id)
            raised = new_cautions(before, self._dose_cautions(uow, person_id))
            return Deleted((removed, *dependents), CHANGE_FOR_TYPE[record_type], tuple(raised))

    def restore(self, deleted: Deleted) -> DataChange:
        """Undo a delete: put every removed record back under its old id."""
        with self._db.unit_of_work() as uow:
            for record in deleted.records:
                uow.repository_for(type(record)).add(record)
        return deleted.change

    # -- cautions --------------------------------------------------------------------------

    @staticmethod
    def _dose_owner(uow: UnitOfWork, record: Record) -> PersonId | None:
        """Whose dose cautions a record can change: a medicine's or a regimen's person."""
        if isinstance(record, Medicine):
            return record.person_id
        if isinstance(record, Regimen):
            return uow.medicines.get(record.medicine_id).person_id
        return None

    @staticmethod
    def _dose_cautions(uow: UnitOfWork, person_id: PersonId | None) -> list[Caution]:
        return [] if person_id is None else stored_dose_cautions(uow, person_id)

    # -- shared by the creating actions ----------------------------------------------------

    def _add(self, record: R) -> Saved[R]:
        with self._db.unit_of_work() as uow:
            return Saved(self._add_in(uow, record), CHANGE_FOR_TYPE[type(record)])

    def _add_in(self, uow: UnitOfWork, record: R) -> R:
        """Validate and add one record inside an open unit of work."""
        self._validate(uow, record)
        stored: R = uow.repository_for(type(record)).add(record)
        return stored

    def _validate(self, uow: UnitOfWork, record: Record) -> None:
        """The checks that need the clock or other stored records (entities check the rest)."""
        if isinstance(record, DoseRecord):
            medicine = uow.medicines.get(record.medicine_id)
            unit = medicine.dose_unit
            check.amount("Dose", record.amount, unit.value, unit.max_amount)
            check.day_not_in_future("Dose date", record.day, self.today())
            if record.taken_at is not None:
                check.not_in_future("Time taken", record.taken_at, self.now())
            person_id = medicine.person_id
        elif isinstance(record, Regimen):
            medicine = uow.medicines.get(record.medicine_id)
            check_regimen_fits(medicine, record)
            person_id = medicine.person_id
        elif isinstance(record, PumpRefill):
            medicine = uow.medicines.get(record.medicine_id)
            if not medicine.route.is_continuous:
                raise ValidationError("Refill", medicine.name, "recorded for a pump only")
            check.day_not_in_future("Refill date", record.refill_date, self.today())
            person_id = medicine.person_id
        else:
            uow.people.get(record.person_id)
            person_id = record.person_id
            if isinstance(record, SymptomEntry):
                check.not_in_future("Date and time", record.recorded_at, self.now())
            elif isinstance(record, SideEffectReport):
                check.day_not_in_future("Side effect date", record.day, self.today())
            elif isinstance(record, ToxinInjection):
                check.day_not_in_future("Injection date", record.day, self.today())
            elif isinstance(record, CheckIn):
                check.day_not_in_future("Check-in date", record.day, self.today())
        self._check_author(uow, PersonId(person_id), record.entered_by)


def check_regimen_fits(medicine: Medicine, regimen: Regimen) -> None:
    """A pump has a rate per day; other medicines have doses by time of day."""
    if medicine.route.is_continuous and regimen.doses:
        raise ValidationError(
            "Regimen", "doses by time of day", "a rate in mcg/day for an intrathecal pump"
        )
    if not medicine.route.is_continuous and regimen.rate_per_day is not None:
        raise ValidationError(
            "Regimen",
            f"{regimen.rate_per_day:g} per day",
            f"doses by time of day for {medicine.name}",
        )
    regimen.check_amounts(medicine.dose_unit)


def stored_dose_cautions(uow: UnitOfWork, person_id: PersonId) -> list[Caution]:
    """Every dose-change caution of a person's whole history, as stored now."""
    return dose_cautions(
        uow.people.get(person_id),
        uow.medicines.list_for(person_id),
        uow.regimens.list_for_person(person_id),
    )
