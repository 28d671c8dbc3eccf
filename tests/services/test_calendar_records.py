"""The records a month calendar marks: entries, doses and the days cautions applied from."""

from __future__ import annotations

from datetime import date, time

from spasticity_tracker.domain.entities import DoseRecord, Medicine, Person, SymptomEntry
from spasticity_tracker.domain.scales import DoseStatus
from spasticity_tracker.services.diary import DiaryService
from tests.builders import local


def _missed(baclofen: Medicine, day: date, hour: int) -> DoseRecord:
    assert baclofen.id is not None
    return DoseRecord(
        medicine_id=baclofen.id,
        day=day,
        status=DoseStatus.MISSED,
        amount=10.0,
        scheduled_time=time(hour),
    )


def test_two_missed_doses_in_a_row_mark_the_day_of_the_first(
    diary: DiaryService, person: Person, baclofen: Medicine
) -> None:
    assert person.id is not None
    diary.record_doses(
        [_missed(baclofen, date(2026, 3, 7), 20), _missed(baclofen, date(2026, 3, 8), 8)]
    )
    diary.log_entry(
        SymptomEntry(person_id=person.id, recorded_at=local(2026, 3, 9, 9), stiffness=5)
    )
    diary.log_entry(
        SymptomEntry(person_id=person.id, recorded_at=local(2026, 2, 28, 9), stiffness=5)
    )
    records = diary.calendar_records(person.id, date(2026, 3, 1), date(2026, 3, 31))
    assert records.caution_days == {date(2026, 3, 7)}
    assert [d.day for d in records.doses] == [date(2026, 3, 7), date(2026, 3, 8)]
    assert [e.stiffness for e in records.entries] == [5]  # February's entry is not in March


def test_a_single_missed_dose_is_no_caution(
    diary: DiaryService, person: Person, baclofen: Medicine
) -> None:
    assert person.id is not None
    diary.record_doses([_missed(baclofen, date(2026, 3, 7), 20)])
    records = diary.calendar_records(person.id, date(2026, 3, 1), date(2026, 3, 31))
    assert records.caution_days == frozenset()
