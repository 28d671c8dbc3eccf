"""Everyone's reminders from the diary, the carer's notice, and "Taken" from a reminder."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from spasticity_tracker.domain.cautions import CautionKind
from spasticity_tracker.domain.entities import (
    Appointment,
    Carer,
    DoseRecord,
    Medicine,
    MedicineId,
    Person,
    PersonId,
    PumpRefill,
    Regimen,
    ScheduledDose,
    SymptomEntry,
)
from spasticity_tracker.domain.ingredients import Ingredient
from spasticity_tracker.domain.reminders import ReminderKind, snooze
from spasticity_tracker.domain.scales import DoseStatus, Form
from spasticity_tracker.services.changes import DataChange
from spasticity_tracker.services.diary import DiaryService
from spasticity_tracker.services.medicines import MedicineService
from spasticity_tracker.services.people import PeopleService
from spasticity_tracker.services.reminders import ReminderChoices, ReminderService
from spasticity_tracker.storage.database import Database
from tests.builders import local

TODAY = date(2026, 3, 15)


class Clock:
    """A clock the test moves on."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def _id(person: Person) -> PersonId:
    assert person.id is not None
    return person.id


def _service(database: Database, hour: int, minute: int = 0) -> tuple[ReminderService, Clock]:
    clock = Clock(local(2026, 3, 15, hour, minute))
    return ReminderService(database, clock), clock


def test_each_dose_is_due_from_its_time_until_recorded(
    database: Database, diary: DiaryService, person: Person, baclofen: Medicine
) -> None:
    reminders, clock = _service(database, 7, 59)
    assert reminders.check(None, ReminderChoices()).due == []
    clock.now = local(2026, 3, 15, 8)
    due = reminders.check(None, ReminderChoices()).due
    assert [(p.name, r.kind, r.time_of_day, r.amount) for p, r in due] == [
        ("Alex", ReminderKind.DOSE, time(8), 10.0)
    ]
    assert baclofen.id is not None
    diary.record_dose(
        DoseRecord(
            medicine_id=baclofen.id,
            day=TODAY,
            status=DoseStatus.MISSED,
            amount=10.0,
            scheduled_time=time(8),
        )
    )
    assert reminders.check(None, ReminderChoices()).due == []


def test_the_next_wake_is_the_next_dose_time(
    database: Database, person: Person, baclofen: Medicine
) -> None:
    reminders, _ = _service(database, 10)
    check = reminders.check(None, ReminderChoices())
    # 08:00 is over an hour late at 09:01 (already past); the 14:00 dose is the next moment.
    assert check.wake == local(2026, 3, 15, 14)


def test_taken_records_the_dose_now_with_who_entered_it(
    database: Database,
    diary: DiaryService,
    person: Person,
    carer: Carer,
    baclofen: Medicine,
) -> None:
    reminders, _clock = _service(database, 8, 20)
    ((_, reminder),) = reminders.check(None, ReminderChoices()).due
    saved = reminders.take(reminder, carer.id)
    assert saved.change is DataChange.DOSES
    assert saved.value.status is DoseStatus.TAKEN
    assert saved.value.taken_at == local(2026, 3, 15, 8, 20).astimezone(UTC)
    assert saved.value.entered_by == carer.id
    assert saved.value.scheduled_time == time(8)
    assert [(r.status, r.entered_by) for r in diary.doses(_id(person), TODAY, TODAY)] == [
        (DoseStatus.TAKEN, carer.id)
    ]
    assert reminders.check(None, ReminderChoices()).due == []


def test_taken_after_the_hour_is_late(
    database: Database, diary: DiaryService, person: Person, baclofen: Medicine
) -> None:
    reminders, _ = _service(database, 10)
    ((_, reminder),) = reminders.check(None, ReminderChoices()).due
    assert reminders.take(reminder, None).value.status is DoseStatus.LATE


def test_taken_when_recorded_meanwhile_keeps_the_first_record(
    database: Database, diary: DiaryService, person: Person, baclofen: Medicine
) -> None:
    reminders, _ = _service(database, 8, 30)
    ((_, reminder),) = reminders.check(None, ReminderChoices()).due
    assert baclofen.id is not None
    diary.record_dose(
        DoseRecord(
            medicine_id=baclofen.id,
            day=TODAY,
            status=DoseStatus.MISSED,
            amount=10.0,
            scheduled_time=time(8),
        )
    )
    saved = reminders.take(reminder, None)
    assert saved.change is DataChange.NONE
    assert [r.status for r in diary.doses(_id(person), TODAY, TODAY)] == [DoseStatus.MISSED]


def test_snoozed_and_dismissed_reminders_are_per_person(
    database: Database, people: PeopleService, medicines: MedicineService, baclofen: Medicine
) -> None:
    sam = people.add_person(Person(name="Sam")).value
    assert sam.id is not None
    medicines.add_medicine(
        Medicine(
            person_id=sam.id, name="Lioresal", ingredient=Ingredient.BACLOFEN, form=Form.TABLET
        ),
        Regimen(
            medicine_id=MedicineId(0),
            start_date=date(2026, 1, 1),
            doses=(ScheduledDose(time_of_day=time(8), amount=5.0),),
        ),
    )
    reminders, clock = _service(database, 8, 5)
    due = reminders.check(None, ReminderChoices()).due
    assert sorted(p.name for p, _ in due) == ["Alex", "Sam"]
    alex_reminder = next(r for p, r in due if p.name == "Alex")
    alex = next(p for p, _ in due if p.name == "Alex")
    assert alex.id is not None
    choices = ReminderChoices(snoozes={alex.id: [snooze(alex_reminder, 10, clock.now)]})
    assert [p.name for p, _ in reminders.check(None, choices).due] == ["Sam"]
    clock.now = local(2026, 3, 15, 8, 15)
    assert sorted(p.name for p, _ in reminders.check(None, choices).due) == ["Alex", "Sam"]
    dismissed = ReminderChoices(
        dismissed={sam.id: {next(r for p, r in due if p.name == "Sam").key}}
    )
    assert [p.name for p, _ in reminders.check(None, dismissed).due] == ["Alex"]


def test_example_people_have_no_reminders(
    database: Database, people: PeopleService, person: Person, baclofen: Medicine
) -> None:
    people.update_person(Person(name="Alex", is_example=True, id=person.id))
    reminders, _ = _service(database, 8, 5)
    assert reminders.check(None, ReminderChoices()).people == []


def test_the_daily_log_reminder_is_quiet_on_a_day_with_an_entry(
    database: Database, diary: DiaryService, person: Person
) -> None:
    reminders, _ = _service(database, 20, 30)
    due = reminders.check(time(20), ReminderChoices()).due
    assert [r.kind for _, r in due] == [ReminderKind.DAILY_LOG]
    assert person.id is not None
    diary.log_entry(
        SymptomEntry(person_id=person.id, recorded_at=local(2026, 3, 15, 7), stiffness=4)
    )
    assert reminders.check(time(20), ReminderChoices()).due == []


def test_the_carer_notice_names_each_dose_over_an_hour_late(
    database: Database, person: Person, baclofen: Medicine
) -> None:
    reminders, clock = _service(database, 9)
    assert person.id is not None
    assert reminders.not_recorded(person.id) is None  # 08:00 is exactly an hour late: not yet
    clock.now = local(2026, 3, 15, 9, 1)
    caution = reminders.not_recorded(person.id)
    assert caution is not None
    assert caution.kind is CautionKind.NOT_RECORDED
    assert caution.title == "A dose is more than an hour late and not recorded"
    assert caution.text.startswith("Baclofen 10 mg due at 08:00.")
    clock.now = local(2026, 3, 15, 15, 1)
    caution = reminders.not_recorded(person.id)
    assert caution is not None
    assert caution.title == "2 doses are more than an hour late and not recorded"
    assert "Baclofen 10 mg due at 08:00; Baclofen 10 mg due at 14:00." in caution.text
    late = reminders.check(None, ReminderChoices()).late
    assert [r.time_of_day for _, r in late] == [time(8), time(14)]


def test_a_pump_refill_and_an_appointment_are_reminded_the_day_before_at_nine(
    database: Database,
    diary: DiaryService,
    medicines: MedicineService,
    person: Person,
) -> None:
    assert person.id is not None
    pump = medicines.add_medicine(
        Medicine(
            person_id=person.id,
            name="Baclofen pump",
            ingredient=Ingredient.BACLOFEN,
            form=Form.INTRATHECAL_PUMP,
        ),
        Regimen(medicine_id=MedicineId(0), start_date=date(2026, 1, 1), rate_per_day=200.0),
    ).value
    assert pump.id is not None
    medicines.record_refill(
        PumpRefill(medicine_id=pump.id, refill_date=date(2025, 12, 20), next_due=date(2026, 3, 16))
    )
    diary.add_appointment(
        Appointment(person_id=person.id, day=date(2026, 3, 16), clinician="Dr Lewis")
    )
    reminders, clock = _service(database, 8, 59)
    assert reminders.check(None, ReminderChoices()).due == []
    clock.now = local(2026, 3, 15, 9)
    due = reminders.check(None, ReminderChoices()).due
    assert [r.kind for _, r in due] == [ReminderKind.PUMP_REFILL, ReminderKind.APPOINTMENT]
    assert due[1][1].appointment is not None
    assert due[1][1].appointment.clinician == "Dr Lewis"
    clock.now = local(2026, 3, 16, 9)  # on the day itself: no longer "tomorrow"
    assert reminders.check(None, ReminderChoices()).due == []


def test_the_next_appointment_the_last_one_set_is_reminded_once_the_day_before(
    database: Database, diary: DiaryService, person: Person
) -> None:
    assert person.id is not None
    diary.add_appointment(
        Appointment(
            person_id=person.id,
            day=date(2026, 2, 2),
            clinician="Dr Lewis",
            next_day=date(2026, 3, 16),
        )
    )
    reminders, _ = _service(database, 9, 30)
    due = reminders.check(None, ReminderChoices()).due
    assert [(r.kind, r.appointment.day if r.appointment else None) for _, r in due] == [
        (ReminderKind.APPOINTMENT, date(2026, 3, 16))
    ]
    assert due[0][1].appointment is not None
    assert due[0][1].appointment.clinician == "Dr Lewis"
    # Recorded on its own as well: still one reminder.
    diary.add_appointment(Appointment(person_id=person.id, day=date(2026, 3, 16)))
    assert len(reminders.check(None, ReminderChoices()).due) == 1
