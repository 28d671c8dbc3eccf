"""Medicines, their regimens and treatments: every dose change is a new regimen from a date on.

Every action that can change a daily total (adding a medicine, a dose change, a correction,
a removal) returns the cautions it raised, from the one domain rule set (`dose_cautions`).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from spasticity_tracker.domain.cautions import (
    Caution,
    dose_cautions,
    kidney_caution,
    missed_dose_caution,
    new_cautions,
    pump_refill_caution,
    toxin_repeat_caution,
)
from spasticity_tracker.domain.dates import day_text
from spasticity_tracker.domain.entities import (
    Medicine,
    MedicineId,
    Person,
    PersonId,
    PumpRefill,
    Regimen,
    ToxinInjection,
)
from spasticity_tracker.domain.errors import ConflictError
from spasticity_tracker.domain.ingredients import Ingredient
from spasticity_tracker.domain.regimens import RegimenChange, regimen_changes
from spasticity_tracker.services.changes import DataChange, Saved
from spasticity_tracker.services.records import RecordService, check_regimen_fits
from spasticity_tracker.storage.unit_of_work import UnitOfWork

# Misses older than this are history, not a withdrawal risk now.
MISSED_LOOKBACK = 14
# Stands for a medicine not saved yet while its cautions are previewed (ids start at 1).
UNSAVED = MedicineId(0)


class MedicineService(RecordService):
    """Add medicines, record dose changes and treatments, and the cautions they raise."""

    def add_medicine(self, medicine: Medicine, first: Regimen | None = None) -> Saved[Medicine]:
        """Add a medicine, with the regimen it started on if known, in one transaction."""
        medicine = replace(medicine, name=medicine.name.strip())
        with self._db.unit_of_work() as uow:
            self._validate(uow, medicine)
            self._check_unique(uow, medicine)
            before = self._dose_cautions(uow, medicine.person_id)
            stored = uow.medicines.add(medicine)
            change = DataChange.MEDICINES
            if first is not None:
                assert stored.id is not None
                regimen = replace(first, medicine_id=stored.id, entered_by=stored.entered_by)
                check_regimen_fits(stored, regimen)
                uow.regimens.add(regimen)
                change |= DataChange.REGIMENS
            raised = new_cautions(before, self._dose_cautions(uow, medicine.person_id))
            return Saved(stored, change, tuple(raised))

    @staticmethod
    def _check_unique(uow: UnitOfWork, medicine: Medicine) -> None:
        # The same name in another form is allowed: tablets and a pump of baclofen at once.
        for other in uow.medicines.list_for(medicine.person_id):
            if (
                other.id != medicine.id
                and other.form is medicine.form
                and other.name.casefold() == medicine.name.casefold()
            ):
                raise ConflictError(
                    f"{medicine.name} ({medicine.form.label.lower()}) is already in this "
                    "person's medicines."
                )

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
                    f"A dose change on {day_text(regimen.start_date)} is already recorded for this "
                    "medicine; edit that one instead."
                )
            person_id = uow.medicines.get(regimen.medicine_id).person_id
            before = self._dose_cautions(uow, person_id)
            stored = uow.regimens.add(regimen)
            raised = new_cautions(before, self._dose_cautions(uow, person_id))
            return Saved(stored, DataChange.REGIMENS, tuple(raised))

    def set_ingredient(self, medicine: Medicine, ingredient: Ingredient) -> Saved[Medicine]:
        """Confirm (or change) a medicine's active ingredient."""
        return self.update(replace(medicine, ingredient=ingredient, ingredient_confirmed=True))

    def record_refill(self, refill: PumpRefill) -> Saved[PumpRefill]:
        """Record a pump refill and the date the next one is due."""
        return self._add(refill)

    def record_injection(self, injection: ToxinInjection) -> Saved[ToxinInjection]:
        """Record a botulinum toxin treatment."""
        return self._add(injection)

    # -- cautions --------------------------------------------------------------------------

    def regimen_cautions(self, medicine: Medicine, regimen: Regimen) -> list[Caution]:
        """The cautions a regimen would raise, before it is saved.

        The regimen may be a dose change, a correction (same id) or, for a medicine not yet
        saved (no id), its first regimen.
        """
        with self._db.unit_of_work() as uow:
            person = uow.people.get(medicine.person_id)
            medicines = uow.medicines.list_for(medicine.person_id)
            regimens = uow.regimens.list_for_person(medicine.person_id)
        if medicine.id is None:
            medicine = replace(medicine, id=UNSAVED)
            regimen = replace(regimen, medicine_id=UNSAVED)
        planned_medicines = [m for m in medicines if m.id != medicine.id] + [medicine]
        planned = [r for r in regimens if regimen.id is None or r.id != regimen.id]
        before = dose_cautions(person, medicines, regimens)
        after = dose_cautions(person, planned_medicines, [*planned, regimen])
        return new_cautions(before, after)

    def cautions_today(self, person_id: PersonId) -> list[Caution]:
        """Missed doses, pump refills and the toxin reminder for Today, most urgent first."""
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
            toxin = toxin_repeat_caution(uow.injections.list_for(person_id), today)
            if toxin is not None:
                cautions.append(toxin)
        return sorted(cautions, key=lambda caution: -caution.level)

    def person_notes(self, person: Person) -> list[Caution]:
        """What the Medicines page shows about the person (the kidney note)."""
        assert person.id is not None
        kidney = kidney_caution(person, self.medicines(person.id))
        return [] if kidney is None else [kidney]

    # -- reading ---------------------------------------------------------------------------

    def history(self, medicine_id: MedicineId) -> list[RegimenChange]:
        """A medicine's dose changes, oldest first, each with the total it replaced."""
        return regimen_changes(self.regimens(medicine_id))

    def refills(self, medicine_id: MedicineId) -> list[PumpRefill]:
        with self._db.unit_of_work() as uow:
            return uow.refills.list_for_medicine(medicine_id)

    def injections(self, person_id: PersonId) -> list[ToxinInjection]:
        """Botulinum toxin injections, oldest first."""
        with self._db.unit_of_work() as uow:
            return uow.injections.list_for(person_id)

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
