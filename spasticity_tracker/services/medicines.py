"""Medicines and their regimens: every dose change is a new regimen from a date on."""

from __future__ import annotations

from dataclasses import replace

from spasticity_tracker.domain.entities import Medicine, MedicineId, PersonId, Regimen
from spasticity_tracker.domain.errors import ConflictError
from spasticity_tracker.services.changes import Change, Saved
from spasticity_tracker.services.records import RecordService, check_regimen_fits


class MedicineService(RecordService):
    """Add medicines and record dose changes."""

    def add_medicine(self, medicine: Medicine, first: Regimen | None = None) -> Saved[Medicine]:
        """Add a medicine, with the regimen it started on if known, in one transaction."""
        medicine = replace(medicine, name=medicine.name.strip())
        with self._db.unit_of_work() as uow:
            self._validate(uow, medicine)
            if any(
                m.name.casefold() == medicine.name.casefold()
                for m in uow.medicines.list_for(medicine.person_id)
            ):
                raise ConflictError(f"{medicine.name} is already in this person's medicines.")
            stored = uow.medicines.add(medicine)
            change = Change.MEDICINES
            if first is not None:
                assert stored.id is not None
                regimen = replace(first, medicine_id=stored.id, entered_by=stored.entered_by)
                check_regimen_fits(stored, regimen)
                uow.regimens.add(regimen)
                change |= Change.REGIMENS
            return Saved(stored, change)

    def record_regimen_change(self, regimen: Regimen) -> Saved[Regimen]:
        """Record a new regimen (a dose change, or a stop) starting on its start date."""
        with self._db.unit_of_work() as uow:
            self._validate(uow, regimen)
            clash = [
                r
                for r in uow.regimens.list_for_medicine(regimen.medicine_id)
                if r.start_date == regimen.start_date and r.id != regimen.id
            ]
            if clash:
                raise ConflictError(
                    f"A dose change on {regimen.start_date:%d %b %Y} is already recorded for this "
                    "medicine; edit that one instead."
                )
            return Saved(uow.regimens.add(regimen), Change.REGIMENS)

    # -- reading ---------------------------------------------------------------------------

    def medicines(self, person_id: PersonId) -> list[Medicine]:
        with self._db.unit_of_work() as uow:
            return uow.medicines.list_for(person_id)

    def regimens(self, medicine_id: MedicineId) -> list[Regimen]:
        """A medicine's regimens, oldest first."""
        with self._db.unit_of_work() as uow:
            return uow.regimens.list_for_medicine(medicine_id)

    def all_regimens(self, person_id: PersonId) -> list[Regimen]:
        """Every regimen of every medicine of the person, by start date."""
        with self._db.unit_of_work() as uow:
            return uow.regimens.list_for_person(person_id)
