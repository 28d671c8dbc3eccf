"""The medicine service: medicines with their first regimen, dose changes, delete and undo."""

from __future__ import annotations

from datetime import date, time

import pytest

from spasticity_tracker.domain.cautions import CautionKind
from spasticity_tracker.domain.entities import (
    DoseRecord,
    Medicine,
    MedicineId,
    Person,
    PumpRefill,
    Regimen,
    ScheduledDose,
)
from spasticity_tracker.domain.errors import ConflictError, ValidationError
from spasticity_tracker.domain.ingredients import Ingredient
from spasticity_tracker.domain.scales import DoseStatus
from spasticity_tracker.services.changes import DataChange
from spasticity_tracker.services.diary import DiaryService
from spasticity_tracker.services.medicines import MedicineService
from tests.builders import baclofen_pump, local

PLACEHOLDER = MedicineId(0)


def test_add_medicine_with_its_first_regimen(medicines: MedicineService, person: Person) -> None:
    assert person.id is not None
    first = Regimen(
        medicine_id=PLACEHOLDER,
        start_date=date(2026, 1, 1),
        doses=(ScheduledDose(time_of_day=time(8), amount=5.0),),
    )
    tizanidine = Medicine(
        person_id=person.id, name="  Tizanidine ", ingredient=Ingredient.TIZANIDINE
    )
    saved = medicines.add_medicine(tizanidine, first)
    assert saved.change == DataChange.MEDICINES | DataChange.REGIMENS
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
    pump = baclofen_pump(person.id)
    with pytest.raises(ValidationError, match="a rate in mcg/day for an intrathecal pump"):
        medicines.add_medicine(pump, wrong)
    assert medicines.medicines(person.id) == []


def test_a_pump_rate_above_the_limit_is_refused(medicines: MedicineService, person: Person) -> None:
    assert person.id is not None
    pump = baclofen_pump(person.id)
    too_high = Regimen(medicine_id=PLACEHOLDER, start_date=date(2026, 1, 1), rate_per_day=5000)
    with pytest.raises(ValidationError, match=r"at most 3000 mcg/day \(got 5000\)"):
        medicines.add_medicine(pump, too_high)


def test_the_same_medicine_twice_is_a_conflict(
    medicines: MedicineService, baclofen: Medicine
) -> None:
    again = Medicine(person_id=baclofen.person_id, name="baclofen", ingredient=Ingredient.BACLOFEN)
    with pytest.raises(
        ConflictError, match=r"baclofen \(tablet\) is already in this person's medicines"
    ):
        medicines.add_medicine(again)
    assert medicines.medicines(baclofen.person_id) == [baclofen]


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
    assert saved.change is DataChange.REGIMENS
    totals = [(r.start_date, r.daily_total) for r in medicines.regimens(baclofen.id)]
    assert totals == [(date(2026, 1, 1), 30.0), (date(2026, 2, 1), 30.0)]
    with pytest.raises(ConflictError, match=r"^A dose change on 1 Feb 2026 is already recorded"):
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
                taken_at=local(2026, 3, 14, 8),
            )
        ]
    )
    regimens = medicines.regimens(baclofen.id)
    doses = diary.doses(person.id, date(2026, 3, 14), date(2026, 3, 14))
    deleted = medicines.delete(Medicine, baclofen.id)
    assert medicines.medicines(person.id) == []
    assert diary.doses(person.id, date(2026, 3, 14), date(2026, 3, 14)) == []
    assert DataChange.DOSES in deleted.change
    medicines.restore(deleted)
    assert medicines.medicines(person.id) == [baclofen]
    assert medicines.regimens(baclofen.id) == regimens
    assert diary.doses(person.id, date(2026, 3, 14), date(2026, 3, 14)) == doses


def pump_for(medicines: MedicineService, person: Person) -> Medicine:
    assert person.id is not None
    first = Regimen(medicine_id=PLACEHOLDER, start_date=date(2026, 1, 1), rate_per_day=300.0)
    pump = baclofen_pump(person.id)
    return medicines.add_medicine(pump, first).value


def test_history_lists_each_change_with_the_total_it_replaced(
    medicines: MedicineService, baclofen: Medicine
) -> None:
    assert baclofen.id is not None
    medicines.record_regimen_change(
        Regimen(
            medicine_id=baclofen.id,
            start_date=date(2026, 2, 1),
            doses=(ScheduledDose(time_of_day=time(8), amount=20.0),),
            note="Dr Lewis, clinic 1 February",
        )
    )
    history = medicines.history(baclofen.id)
    assert [(c.old_total, c.new_total, c.regimen.note) for c in history] == [
        (None, 30.0, ""),
        (30.0, 20.0, "Dr Lewis, clinic 1 February"),
    ]


def test_regimen_cautions_compare_with_the_regimen_replaced(
    medicines: MedicineService, baclofen: Medicine
) -> None:
    assert baclofen.id is not None
    stop = Regimen(medicine_id=baclofen.id, start_date=date(2026, 3, 1))
    [caution] = medicines.regimen_cautions(baclofen, stop)
    assert caution.title == "Stopping baclofen"
    assert (caution.kind, caution.day, caution.urgent) == (
        CautionKind.STOP_OR_FAST_CUT,
        date(2026, 3, 1),
        True,
    )
    high = Regimen(
        medicine_id=baclofen.id,
        start_date=date(2026, 3, 1),
        doses=(ScheduledDose(time_of_day=time(8), amount=90.0),),
    )
    assert [c.title for c in medicines.regimen_cautions(baclofen, high)] == [
        "Baclofen 90 mg a day: above the usual maximum"
    ]


def test_cautions_today_follow_missed_doses_until_taken_again(
    medicines: MedicineService, diary: DiaryService, person: Person, baclofen: Medicine
) -> None:
    assert person.id is not None
    medicine_id = baclofen.id
    assert medicine_id is not None

    def record(day: date, at: int, status: DoseStatus) -> DoseRecord:
        taken = None if status is DoseStatus.MISSED else local(2026, 3, 15, 11)
        return DoseRecord(
            medicine_id=medicine_id,
            day=day,
            status=status,
            amount=10.0,
            scheduled_time=time(at),
            taken_at=taken,
        )

    diary.record_doses([record(date(2026, 3, 14), 14, DoseStatus.MISSED)])
    assert medicines.cautions_today(person.id) == []
    diary.record_doses([record(date(2026, 3, 14), 20, DoseStatus.MISSED)])
    [caution] = medicines.cautions_today(person.id)
    assert caution.title == "2 Baclofen doses missed in a row"
    diary.record_doses([record(date(2026, 3, 15), 8, DoseStatus.TAKEN)])
    assert medicines.cautions_today(person.id) == []


def test_pump_refill_due_shows_today_and_a_new_refill_clears_it(
    medicines: MedicineService, person: Person
) -> None:
    assert person.id is not None
    pump = pump_for(medicines, person)
    assert pump.id is not None
    medicines.record_refill(
        PumpRefill(medicine_id=pump.id, refill_date=date(2025, 12, 20), next_due=date(2026, 3, 20))
    )
    [caution] = medicines.cautions_today(person.id)
    assert caution.title.startswith("Pump refill due in 5 days")
    saved = medicines.record_refill(
        PumpRefill(medicine_id=pump.id, refill_date=date(2026, 3, 15), next_due=date(2026, 6, 15))
    )
    assert saved.change is DataChange.REFILLS
    assert medicines.cautions_today(person.id) == []
    assert [r.next_due for r in medicines.refills(pump.id)] == [
        date(2026, 3, 20),
        date(2026, 6, 15),
    ]


def test_a_refill_is_for_a_pump_only_and_not_in_the_future(
    medicines: MedicineService, person: Person, baclofen: Medicine
) -> None:
    assert baclofen.id is not None
    with pytest.raises(ValidationError, match="recorded for a pump only"):
        medicines.record_refill(
            PumpRefill(
                medicine_id=baclofen.id, refill_date=date(2026, 3, 1), next_due=date(2026, 6, 1)
            )
        )
    pump = pump_for(medicines, person)
    assert pump.id is not None
    with pytest.raises(ValidationError, match="Refill date cannot be in the future"):
        medicines.record_refill(
            PumpRefill(medicine_id=pump.id, refill_date=date(2026, 4, 1), next_due=date(2026, 7, 1))
        )
