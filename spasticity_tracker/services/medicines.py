"""Medicines and their regimens: every dose change is a new regimen from a date on."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from spasticity_tracker.domain.cautions import (
    Caution,
    missed_dose_caution,
    pump_refill_caution,
    regimen_change_cautions,
)
from spasticity_tracker.domain.entities import Medicine, MedicineId, PersonId, PumpRefill, Regimen
from spasticity_tracker.domain.errors import ConflictError
from spasticity_tracker.domain.regimens import RegimenChange, previous_regimen, regimen_changes
from spasticity_tracker.services.changes import Change, Saved
from spasticity_tracker.services.records import RecordService, check_regimen_fits

# Misses older than this are history, not a withdrawal risk now.
MISSED_LOOKBACK = 14


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

    def record_refill(self, refill: PumpRefill) -> Saved[PumpRefill]:
        """Record a pump refill and the date the next one is due."""
        return self._add(refill)

    # -- cautions --------------------------------------------------------------------------

    def regimen_cautions(self, medicine: Medicine, regimen: Regimen) -> list[Caution]:
        """The cautions a new or corrected regimen raises, before it is saved."""
        assert medicine.id is not None
        previous = previous_regimen(self.regimens(medicine.id), regimen)
        return regimen_change_cautions(medicine, previous, regimen)

    def cautions_today(self, person_id: PersonId) -> list[Caution]:
        """Missed-dose and pump-refill cautions for the Today page, most urgent first."""
        today = self.today()
        cautions = []
        with self._db.unit_of_work() as uow:
            medicines = uow.medicines.list_for(person_id)
            regimens = uow.regimens.list_for_person(person_id)
            recent = uow.doses.list_for(person_id, today - timedelta(days=MISSED_LOOKBACK), today)
            for medicine in medicines:
                own = [r for r in regimens if r.medicine_id == medicine.id]
                missed = missed_dose_caution(medicine, own, recent)
                if missed is not None:
                    cautions.append(missed)
                if medicine.route.is_continuous:
                    assert medicine.id is not None
                    refills = uow.refills.list_for_medicine(medicine.id)
                    due = refills[-1].next_due if refills else None
                    refill = pump_refill_caution(medicine, due, today)
                    if refill is not None:
                        cautions.append(refill)
        return sorted(cautions, key=lambda caution: not caution.urgent)

    # -- reading ---------------------------------------------------------------------------

    def history(self, medicine_id: MedicineId) -> list[RegimenChange]:
        """A medicine's dose changes, oldest first, each with the total it replaced."""
        return regimen_changes(self.regimens(medicine_id))

    def refills(self, medicine_id: MedicineId) -> list[PumpRefill]:
        with self._db.unit_of_work() as uow:
            return uow.refills.list_for_medicine(medicine_id)

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
