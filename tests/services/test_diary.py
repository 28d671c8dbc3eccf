"""The diary service: each action validates, runs in one transaction and reports what changed."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time, timedelta
from typing import Any

import pytest

from spasticity_tracker.domain.entities import (
    Appointment,
    Carer,
    DoseRecord,
    Event,
    Medicine,
    Person,
    PersonId,
    SideEffectReport,
    SymptomEntry,
)
from spasticity_tracker.domain.errors import NotFoundError, ValidationError
from spasticity_tracker.domain.scales import DoseStatus, EventKind, Severity
from spasticity_tracker.services.changes import DataChange
from spasticity_tracker.services.diary import DiaryService
from spasticity_tracker.services.people import PeopleService
from spasticity_tracker.storage.repositories import DoseRecordRepository
from tests.builders import local
from tests.conftest import NOW

TODAY = date(2026, 3, 15)


def dose(medicine: Medicine, **changes: Any) -> DoseRecord:
    """A morning dose of 10 mg taken on time today, with any field changed."""
    assert medicine.id is not None
    fields: dict[str, Any] = {
        "medicine_id": medicine.id,
        "day": TODAY,
        "status": DoseStatus.TAKEN,
        "amount": 10.0,
        "scheduled_time": time(8),
        "taken_at": local(2026, 3, 15, 8, 5),
    }
    fields.update(changes)
    return DoseRecord(**fields)


def entry(person: Person, **changes: Any) -> SymptomEntry:
    assert person.id is not None
    fields: dict[str, Any] = {"person_id": person.id, "recorded_at": NOW, "stiffness": 6}
    fields.update(changes)
    return SymptomEntry(**fields)


def test_log_entry_saves_and_reports_entries_changed(diary: DiaryService, person: Person) -> None:
    assert person.id is not None
    saved = diary.log_entry(entry(person, pain=3, note="stiff"))
    assert saved.change is DataChange.ENTRIES
    assert saved.value.id is not None
    assert diary.entries(person.id) == [saved.value]


def test_an_entry_in_the_future_is_refused(diary: DiaryService, person: Person) -> None:
    assert person.id is not None
    with pytest.raises(ValidationError, match="Date and time cannot be in the future"):
        diary.log_entry(entry(person, recorded_at=NOW + timedelta(hours=2)))
    assert diary.entries(person.id) == []


def test_entered_by_records_the_carer(diary: DiaryService, person: Person, carer: Carer) -> None:
    assert person.id is not None
    saved = diary.log_entry(entry(person, entered_by=carer.id)).value
    assert diary.entries(person.id)[0].entered_by == carer.id
    assert saved.entered_by == carer.id


def test_another_persons_carer_is_refused(
    diary: DiaryService, people: PeopleService, person: Person
) -> None:
    other = people.add_person(Person(name="Other")).value
    assert other.id is not None
    stranger = people.add_carer(other.id, "Stranger").value
    with pytest.raises(ValidationError, match="Entered by must be one of this person's carers"):
        diary.log_entry(entry(person, entered_by=stranger.id))


def test_a_record_for_a_missing_person_is_refused(diary: DiaryService, person: Person) -> None:
    assert person.id is not None
    with pytest.raises(NotFoundError):
        diary.log_entry(replace(entry(person), person_id=PersonId(person.id + 99)))


def test_record_doses_saves_all_and_replaces_a_scheduled_dose_recorded_again(
    diary: DiaryService, person: Person, baclofen: Medicine
) -> None:
    assert person.id is not None
    first = diary.record_doses(
        [
            dose(baclofen),
            dose(baclofen, scheduled_time=time(14), status=DoseStatus.MISSED, taken_at=None),
        ]
    )
    assert first.change is DataChange.DOSES
    again = diary.record_doses(
        [dose(baclofen, status=DoseStatus.LATE, taken_at=local(2026, 3, 15, 10))]
    )
    stored = diary.doses(person.id, TODAY, TODAY)
    assert [(r.scheduled_time, r.status) for r in stored] == [
        (time(8), DoseStatus.LATE),
        (time(14), DoseStatus.MISSED),
    ]
    assert again.value[0].id == first.value[0].id


def test_extra_doses_are_all_kept(diary: DiaryService, person: Person, baclofen: Medicine) -> None:
    assert person.id is not None
    extra = dose(baclofen, status=DoseStatus.EXTRA, scheduled_time=None, amount=5.0)
    diary.record_doses([extra, replace(extra, taken_at=NOW - timedelta(hours=1))])
    assert len(diary.doses(person.id, TODAY, TODAY)) == 2


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"day": TODAY + timedelta(days=1)}, "Dose date cannot be in the future"),
        ({"taken_at": NOW + timedelta(hours=1)}, "Time taken cannot be in the future"),
        ({"amount": 1500.0}, r"Dose must be a number above 0 and at most 1000 mg \(got 1500.0\)"),
    ],
    ids=["day-tomorrow", "taken-in-an-hour", "above-the-mg-limit"],
)
def test_bad_doses_are_refused_and_nothing_is_written(
    diary: DiaryService, person: Person, baclofen: Medicine, changes: dict[str, Any], message: str
) -> None:
    assert person.id is not None
    good = dose(baclofen, scheduled_time=time(14))
    with pytest.raises(ValidationError, match=message):
        diary.record_doses([good, dose(baclofen, **changes)])
    assert diary.doses(person.id, TODAY - timedelta(days=5), TODAY + timedelta(days=5)) == []


def test_a_negative_dose_cannot_even_be_made(baclofen: Medicine) -> None:
    with pytest.raises(ValidationError, match=r"Dose must be a number above 0 \(got -5\)"):
        dose(baclofen, amount=-5)


def test_a_failure_half_way_through_leaves_nothing_written(
    diary: DiaryService, person: Person, baclofen: Medicine, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert person.id is not None
    original = DoseRecordRepository.add
    calls = 0

    def failing_add(self: DoseRecordRepository, record: DoseRecord) -> DoseRecord:
        nonlocal calls
        calls += 1
        if calls == 3:
            raise OSError("disk full")
        return original(self, record)

    monkeypatch.setattr(DoseRecordRepository, "add", failing_add)
    doses = [dose(baclofen, scheduled_time=time(h)) for h in (8, 14, 20)]
    with pytest.raises(OSError, match="disk full"):
        diary.record_doses(doses)
    assert calls == 3
    assert diary.doses(person.id, TODAY, TODAY) == []


def test_side_effect_event_and_appointment_are_saved(diary: DiaryService, person: Person) -> None:
    assert person.id is not None
    report = diary.report_side_effect(
        SideEffectReport(
            person_id=person.id, day=TODAY, effect="dizziness", severity=Severity.MODERATE
        )
    )
    event = diary.add_event(
        Event(person_id=person.id, kind=EventKind.INFECTION, start_date=TODAY - timedelta(days=3))
    )
    visit = diary.add_appointment(
        Appointment(person_id=person.id, day=TODAY + timedelta(days=30), clinician="Dr Lewis")
    )
    assert (report.change, event.change, visit.change) == (
        DataChange.SIDE_EFFECTS,
        DataChange.EVENTS,
        DataChange.APPOINTMENTS,
    )
    assert diary.side_effects(person.id) == [report.value]
    assert diary.events(person.id) == [event.value]
    assert diary.appointments(person.id) == [visit.value]


def test_a_side_effect_tomorrow_is_refused(diary: DiaryService, person: Person) -> None:
    assert person.id is not None
    with pytest.raises(ValidationError, match="Side effect date cannot be in the future"):
        diary.report_side_effect(
            SideEffectReport(
                person_id=person.id,
                day=TODAY + timedelta(days=1),
                effect="nausea",
                severity=Severity.MILD,
            )
        )


def test_edit_keeps_the_id_and_validates(diary: DiaryService, person: Person) -> None:
    assert person.id is not None
    saved = diary.log_entry(entry(person)).value
    edited = diary.update(replace(saved, stiffness=2))
    assert edited.change is DataChange.ENTRIES
    assert diary.entries(person.id)[0].stiffness == 2
    with pytest.raises(ValidationError, match="future"):
        diary.update(replace(saved, recorded_at=NOW + timedelta(days=1)))
    assert diary.entries(person.id)[0].stiffness == 2


def test_delete_then_undo_brings_the_entry_back(diary: DiaryService, person: Person) -> None:
    assert person.id is not None
    saved = diary.log_entry(entry(person, note="keep me")).value
    assert saved.id is not None
    deleted = diary.delete(SymptomEntry, saved.id)
    assert deleted.record == saved
    assert deleted.change is DataChange.ENTRIES
    assert diary.entries(person.id) == []
    assert diary.restore(deleted) is DataChange.ENTRIES
    assert diary.entries(person.id) == [saved]


def test_deleting_a_missing_record_says_so(diary: DiaryService) -> None:
    with pytest.raises(NotFoundError, match="no longer exists"):
        diary.delete(SymptomEntry, 12345)
