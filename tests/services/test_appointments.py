"""The appointment service: appointments with their scores and goals, the cycle on today's date,
and the check-in saved whole (impression, goal ratings and falls) or not at all."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

import pytest

from spasticity_tracker.domain.entities import (
    Appointment,
    AshworthScore,
    Carer,
    CheckIn,
    Event,
    Goal,
    Person,
    PersonId,
)
from spasticity_tracker.domain.errors import ValidationError
from spasticity_tracker.domain.scales import Ashworth, BodySide, EventKind
from spasticity_tracker.services.appointments import AppointmentService, CheckInAnswers
from spasticity_tracker.services.changes import DataChange
from spasticity_tracker.services.diary import DiaryService
from spasticity_tracker.services.people import PeopleService
from spasticity_tracker.storage.database import Database
from tests.builders import feb, mar
from tests.conftest import fixed_clock

TODAY = mar(15)
WALK = Goal("Walk to the shop", "With one stick")
SLEEP = Goal("Sleep through the night")
DRESS = Goal("Dress without help", "Most mornings")
ELBOW = AshworthScore("Elbow flexors", BodySide.LEFT, Ashworth.ONE_PLUS)
CALF = AshworthScore("Calf", BodySide.BOTH, Ashworth.TWO)


@pytest.fixture
def service(database: Database) -> AppointmentService:
    """The appointment service on the test database and clock."""
    return AppointmentService(database, fixed_clock)


def appointment(person: Person, day: date, **changes: object) -> Appointment:
    """A new appointment of a person on a day, with any field given."""
    assert person.id is not None
    return Appointment(person_id=person.id, day=day, **changes)  # type: ignore[arg-type]


def bare(appointment: Appointment) -> Appointment:
    """An appointment without what storage sets (its id, audit times and version)."""
    return replace(appointment, id=None, created_at=None, updated_at=None, version=None)


def stored(database: Database, person_id: PersonId) -> tuple[list[CheckIn], list[Event]]:
    """The person's check-ins and events as stored."""
    with database.unit_of_work() as uow:
        return uow.check_ins.list_for(person_id), uow.events.list_for(person_id)


def fall(person: Person, day: date) -> Event:
    assert person.id is not None
    return Event(person_id=person.id, kind=EventKind.FALL, start_date=day)


# -- appointments --------------------------------------------------------------------------------


def test_save_adds_an_appointment_with_its_scores_and_goals(
    service: AppointmentService, person: Person
) -> None:
    assert person.id is not None
    new = appointment(
        person,
        mar(1),
        clinician="Dr Lewis",
        service="Spasticity clinic",
        notes="Review in three months",
        next_day=date(2026, 6, 1),
        ashworth=(ELBOW, CALF),
        goals=(WALK, SLEEP),
    )

    saved = service.save(new)

    assert saved.change is DataChange.APPOINTMENTS
    assert saved.value.id is not None
    assert saved.value.created_at is not None
    assert bare(saved.value) == new
    assert service.appointments(person.id) == [saved.value]


def test_save_of_a_saved_appointment_replaces_its_scores_and_goals_in_the_order_given(
    service: AppointmentService, person: Person
) -> None:
    assert person.id is not None
    first = service.save(
        appointment(person, mar(1), ashworth=(ELBOW, CALF), goals=(WALK, SLEEP))
    ).value
    # The same muscle and side re-scored, one score dropped; the goals reordered, one new.
    elbow_again = AshworthScore("Elbow flexors", BodySide.LEFT, Ashworth.ONE)
    edited = replace(
        first, clinician="Dr Lewis", ashworth=(elbow_again,), goals=(DRESS, WALK, SLEEP)
    )

    saved = service.save(edited)

    assert saved.change is DataChange.APPOINTMENTS
    assert saved.value.id == first.id
    [read] = service.appointments(person.id)
    assert read.id == first.id
    assert bare(read) == bare(edited)
    assert read.ashworth == (elbow_again,)
    assert read.goals == (DRESS, WALK, SLEEP)


def test_save_can_remove_every_score_and_goal(service: AppointmentService, person: Person) -> None:
    assert person.id is not None
    first = service.save(appointment(person, mar(1), ashworth=(CALF,), goals=(WALK,))).value

    service.save(replace(first, ashworth=(), goals=()))

    [read] = service.appointments(person.id)
    assert (read.ashworth, read.goals) == ((), ())


def test_appointments_are_listed_newest_first_and_only_the_persons_own(
    service: AppointmentService, people: PeopleService, person: Person
) -> None:
    assert person.id is not None
    other = people.add_person(Person(name="Bea")).value
    for day in (mar(1), feb(1), mar(10)):
        service.save(appointment(person, day))
    service.save(appointment(other, mar(5)))

    assert [a.day for a in service.appointments(person.id)] == [mar(10), mar(1), feb(1)]


def test_the_cycle_is_taken_on_the_clocks_day(service: AppointmentService, person: Person) -> None:
    assert person.id is not None
    last = service.save(appointment(person, mar(1), next_day=date(2026, 6, 1), goals=(WALK,))).value
    service.save(appointment(person, mar(25)))  # booked sooner than the letter said
    service.save(appointment(person, feb(1)))

    cycle = service.cycle(person.id)

    assert cycle.today == TODAY
    assert cycle.last == last
    assert cycle.next_day == mar(25)
    assert cycle.days_to_next == 10
    assert cycle.check_in_open is True
    assert cycle.goals_to_rate == (WALK,)
    assert cycle.check_in is None


# -- the check-in --------------------------------------------------------------------------------


def test_a_check_in_saves_the_impression_the_ratings_and_the_falls_together(
    database: Database, service: AppointmentService, person: Person, carer: Carer
) -> None:
    assert person.id is not None
    last = service.save(appointment(person, mar(1), goals=(WALK, SLEEP))).value

    saved = service.check_in(
        person.id, CheckInAnswers(pgic=3, ratings=(1, None), falls=(mar(10), mar(5))), carer.id
    )

    assert saved.change == DataChange.APPOINTMENTS | DataChange.EVENTS
    check_ins, events = stored(database, person.id)
    [made] = check_ins
    assert (made.day, made.pgic, made.entered_by) == (TODAY, 3, carer.id)
    assert [(e.kind, e.start_date, e.entered_by) for e in events] == [
        (EventKind.FALL, mar(5), carer.id),
        (EventKind.FALL, mar(10), carer.id),
    ]
    [rated] = service.appointments(person.id)
    assert rated.id == last.id
    assert rated.goals == (replace(WALK, rating=1, rated_on=TODAY), SLEEP)
    assert rated.entered_by is None  # still the person's own appointment
    cycle = saved.value
    assert cycle.check_in == made
    assert cycle.last == rated
    assert cycle.falls == tuple(events)


def test_a_fall_already_recorded_since_the_last_appointment_is_not_added_twice(
    database: Database,
    service: AppointmentService,
    diary: DiaryService,
    person: Person,
    carer: Carer,
) -> None:
    assert person.id is not None
    service.save(appointment(person, mar(1)))
    earlier = diary.add_event(fall(person, mar(5))).value

    saved = service.check_in(person.id, CheckInAnswers(pgic=None, falls=(mar(5), mar(8))), carer.id)

    assert saved.change is DataChange.EVENTS
    _, events = stored(database, person.id)
    assert [(e.id, e.start_date, e.entered_by) for e in events] == [
        (earlier.id, mar(5), None),
        (events[1].id, mar(8), carer.id),
    ]


def test_a_check_in_giving_only_falls_already_recorded_changes_nothing(
    database: Database, service: AppointmentService, diary: DiaryService, person: Person
) -> None:
    assert person.id is not None
    service.save(appointment(person, mar(1), goals=(WALK,)))
    diary.add_event(fall(person, mar(5)))

    saved = service.check_in(
        person.id, CheckInAnswers(pgic=None, ratings=(None,), falls=(mar(5),)), None
    )

    assert saved.change is DataChange.NONE
    check_ins, events = stored(database, person.id)
    assert (check_ins, len(events)) == ([], 1)


@pytest.mark.parametrize(
    ("answers", "change"),
    [
        (CheckInAnswers(pgic=4), DataChange.APPOINTMENTS),
        (CheckInAnswers(pgic=None, ratings=(None, -1)), DataChange.APPOINTMENTS),
        (CheckInAnswers(pgic=None, falls=(mar(14),)), DataChange.EVENTS),
        (
            CheckInAnswers(pgic=7, ratings=(2, 2), falls=(mar(2),)),
            DataChange.APPOINTMENTS | DataChange.EVENTS,
        ),
        (CheckInAnswers(pgic=None, ratings=(None, None)), DataChange.NONE),
    ],
    ids=["impression", "rating", "fall", "all", "nothing"],
)
def test_a_check_in_reports_what_it_changed(
    service: AppointmentService, person: Person, answers: CheckInAnswers, change: DataChange
) -> None:
    assert person.id is not None
    service.save(appointment(person, mar(1), goals=(WALK, SLEEP)))

    assert service.check_in(person.id, answers, None).change == change


def test_ratings_with_no_appointment_to_rate_are_refused_and_nothing_is_saved(
    database: Database, service: AppointmentService, person: Person
) -> None:
    assert person.id is not None

    with pytest.raises(
        ValidationError,
        match=re.escape("Goal ratings must be one for each of the 0 goals agreed (got 1)"),
    ):
        service.check_in(person.id, CheckInAnswers(pgic=4, ratings=(1,), falls=(mar(3),)), None)

    assert stored(database, person.id) == ([], [])


def test_ratings_for_an_appointment_without_goals_are_refused_and_nothing_is_saved(
    database: Database, service: AppointmentService, person: Person
) -> None:
    assert person.id is not None
    service.save(appointment(person, mar(1)))

    with pytest.raises(
        ValidationError,
        match=re.escape("Goal ratings must be one for each of the 0 goals agreed (got 1)"),
    ):
        service.check_in(person.id, CheckInAnswers(pgic=4, ratings=(1,), falls=(mar(3),)), None)

    assert stored(database, person.id) == ([], [])


def test_a_check_in_entered_by_another_persons_carer_is_refused_and_nothing_is_saved(
    database: Database, service: AppointmentService, people: PeopleService, person: Person
) -> None:
    assert person.id is not None
    other = people.add_person(Person(name="Bea")).value
    assert other.id is not None
    sam = people.add_carer(other.id, "Sam").value
    service.save(appointment(person, mar(1), goals=(WALK,)))

    with pytest.raises(
        ValidationError,
        match=re.escape("Entered by must be one of this person's carers (got 'Sam')"),
    ):
        service.check_in(person.id, CheckInAnswers(pgic=2, ratings=(1,)), sam.id)

    assert stored(database, person.id) == ([], [])
    [unrated] = service.appointments(person.id)
    assert unrated.goals == (WALK,)


def test_a_check_in_is_made_today_and_cannot_be_moved_into_the_future(
    database: Database, service: AppointmentService, person: Person
) -> None:
    assert person.id is not None
    made = service.check_in(person.id, CheckInAnswers(pgic=5), None).value.check_in
    assert made is not None
    assert made.day == TODAY

    with pytest.raises(
        ValidationError, match=re.escape("Check-in date cannot be in the future (got 2026-03-16)")
    ):
        service.update(replace(made, day=mar(16)))

    check_ins, _ = stored(database, person.id)
    assert check_ins == [made]
