"""The medicine service: medicines with their first regimen, dose changes, delete and undo."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from spasticity_tracker.domain.entities import (
    DoseRecord,
    Medicine,
    MedicineId,
    Person,
    Regimen,
    ScheduledDose,
)
from spasticity_tracker.domain.errors import ConflictError, ValidationError
from spasticity_tracker.domain.scales import DoseStatus, Route
from spasticity_tracker.services.changes import Change
from spasticity_tracker.services.diary import DiaryService
from spasticity_tracker.services.medicines import MedicineService

PLACEHOLDER = MedicineId(0)


def test_add_medicine_with_its_first_regimen(medicines: MedicineService, person: Person) -> None:
    assert person.id is not None
    first = Regimen(
        medicine_id=PLACEHOLDER,
        start_date=date(2026, 1, 1),
        doses=(ScheduledDose(time_of_day=time(8), amount=5.0),),
    )
    saved = medicines.add_medicine(Medicine(person_id=person.id, name="  Tizanidine "), first)
    assert saved.change == Change.MEDICINES | Change.REGIMENS
    assert saved.value.name == "Tizanidine"
    assert saved.value.id is not None
    [regimen] = medicines.regimens(saved.value.id)
    assert (regimen.start_date, regimen.daily_total) == (date(2026, 1, 1), 5.0)


def test_a_pump_given_doses_by_time_is_refused_and_nothing_is_saved(
    medicines: MedicineService, person: Person
) -> None:
    assert person.id is not None
    wrong = Regimen(
        medicine_id=PLACEHOLDER,
        start_date=date(2026, 1, 1),
        doses=(ScheduledDose(time_of_day=time(8), amount=50.0),),
    )
    pump = Medicine(person_id=person.id, name="Baclofen pump", route=Route.INTRATHECAL)
    with pytest.raises(ValidationError, match="a rate in mcg/day for an intrathecal pump"):
        medicines.add_medicine(pump, wrong)
    assert medicines.medicines(person.id) == []


def test_a_pump_rate_above_the_limit_is_refused(medicines: MedicineService, person: Person) -> None:
    assert person.id is not None
    pump = Medicine(person_id=person.id, name="Baclofen pump", route=Route.INTRATHECAL)
    too_high = Regimen(medicine_id=PLACEHOLDER, start_date=date(2026, 1, 1), rate_per_day=5000)
    with pytest.raises(ValidationError, match=r"at most 3000 mcg/day \(got 5000\)"):
        medicines.add_medicine(pump, too_high)


def test_the_same_medicine_twice_is_a_conflict(
    medicines: MedicineService, baclofen: Medicine
) -> None:
    with pytest.raises(ConflictError, match="already in this person's medicines"):
        medicines.add_medicine(Medicine(person_id=baclofen.person_id, name="baclofen"))


def test_record_regimen_change(medicines: MedicineService, baclofen: Medicine) -> None:
    assert baclofen.id is not None
    change = Regimen(
        medicine_id=baclofen.id,
        start_date=date(2026, 2, 1),
        doses=(
            ScheduledDose(time_of_day=time(8), amount=15.0),
            ScheduledDose(time_of_day=time(20), amount=15.0),
        ),
        note="Dr Lewis, clinic 1 February",
    )
    saved = medicines.record_regimen_change(change)
    assert saved.change is Change.REGIMENS
    totals = [(r.start_date, r.daily_total) for r in medicines.regimens(baclofen.id)]
    assert totals == [(date(2026, 1, 1), 30.0), (date(2026, 2, 1), 30.0)]
    with pytest.raises(ConflictError, match="already recorded"):
        medicines.record_regimen_change(change)


def test_a_stop_is_a_regimen_with_no_doses(medicines: MedicineService, baclofen: Medicine) -> None:
    assert baclofen.id is not None
    medicines.record_regimen_change(Regimen(medicine_id=baclofen.id, start_date=date(2026, 3, 1)))
    latest = medicines.regimens(baclofen.id)[-1]
    assert latest.is_stopped
    assert latest.daily_total == 0


def test_deleting_a_medicine_is_undone_with_its_history(
    medicines: MedicineService, diary: DiaryService, person: Person, baclofen: Medicine
) -> None:
    assert baclofen.id is not None
    assert person.id is not None
    diary.record_doses(
        [
            DoseRecord(
                medicine_id=baclofen.id,
                day=date(2026, 3, 14),
                status=DoseStatus.TAKEN,
                amount=10.0,
                scheduled_time=time(8),
                taken_at=datetime(2026, 3, 14, 8, tzinfo=UTC),
            )
        ]
    )
    regimens = medicines.regimens(baclofen.id)
    doses = diary.doses(person.id, date(2026, 3, 14), date(2026, 3, 14))
    deleted = medicines.delete(Medicine, baclofen.id)
    assert medicines.medicines(person.id) == []
    assert diary.doses(person.id, date(2026, 3, 14), date(2026, 3, 14)) == []
    assert Change.DOSES in deleted.change
    medicines.restore(deleted)
    assert medicines.medicines(person.id) == [baclofen]
    assert medicines.regimens(baclofen.id) == regimens
    assert diary.doses(person.id, date(2026, 3, 14), date(2026, 3, 14)) == doses
