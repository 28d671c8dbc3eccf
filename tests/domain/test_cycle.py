"""The appointment cycle: the last and next appointment, when the check-in is offered, the
check-in and falls since the last appointment, goal ratings, and the new entities' rules."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

import pytest

from spasticity_tracker.domain.cycle import Cycle, cycle_on, planned, rated
from spasticity_tracker.domain.entities import (
    Appointment,
    AppointmentId,
    AshworthScore,
    CheckIn,
    CheckInId,
    Event,
    EventId,
    Goal,
    PersonId,
)
from spasticity_tracker.domain.errors import ValidationError
from spasticity_tracker.domain.scales import Ashworth, BodySide, EventKind
from tests.builders import feb, mar

ALEX = PersonId(1)
TODAY = mar(15)


def apr(day: int) -> date:
    """A day of April 2026."""
    return date(2026, 4, day)


def appointment(
    day: date,
    next_day: date | None = None,
    *,
    number: int = 1,
    goals: tuple[Goal, ...] = (),
) -> Appointment:
    """A saved appointment of Alex's on a day."""
    return Appointment(
        id=AppointmentId(number), person_id=ALEX, day=day, next_day=next_day, goals=goals
    )


def check_in(day: date, pgic: int = 4, *, number: int = 1) -> CheckIn:
    """A saved check-in of Alex's on a day."""
    return CheckIn(id=CheckInId(number), person_id=ALEX, day=day, pgic=pgic)


def event(day: date, kind: EventKind = EventKind.FALL, *, number: int = 1) -> Event:
    """A saved event of Alex's starting on a day (a fall unless told)."""
    return Event(id=EventId(number), person_id=ALEX, kind=kind, start_date=day)


def exactly(message: str) -> str:
    """A pattern for pytest.raises(match=...) that matches this whole message only."""
    return f"^{re.escape(message)}$"


# -- the last and the next appointment ---------------------------------------------------------


def test_with_no_appointment_there_is_no_last_or_next_and_nothing_is_offered() -> None:
    cycle = cycle_on(TODAY, [], [], [])

    assert cycle == Cycle(today=TODAY, last=None, next_day=None, check_in=None, falls=())
    assert cycle.days_to_next is None
    assert cycle.check_in_open is False
    assert cycle.goals_to_rate == ()


def test_with_no_appointment_every_check_in_and_fall_up_to_today_counts() -> None:
    early, later = check_in(date(2020, 1, 2), number=1), check_in(mar(1), number=2)
    fall = event(date(2020, 1, 3))

    cycle = cycle_on(TODAY, [], [later, early, check_in(mar(16), number=3)], [fall])

    assert cycle.check_in == later
    assert cycle.falls == (fall,)


def test_the_last_appointment_is_the_latest_on_or_before_today() -> None:
    old = appointment(feb(1), number=1)
    today = appointment(TODAY, number=2)
    ahead = appointment(mar(20), number=3)

    cycle = cycle_on(TODAY, [ahead, today, old], [], [])

    assert cycle.last == today
    assert cycle.next_day == mar(20)
    assert cycle.days_to_next == 5


def test_two_appointments_on_one_day_the_later_saved_is_the_last() -> None:
    first = appointment(mar(10), number=7)
    second = appointment(mar(10), number=8)

    assert cycle_on(TODAY, [second, first], [], []).last == second


@pytest.mark.parametrize(
    ("next_day", "ahead", "expected"),
    [
        (apr(10), (apr(1),), apr(1)),  # an appointment recorded ahead, earlier than planned
        (mar(25), (apr(1),), mar(25)),  # the date the last one set, earlier than one recorded
        (None, (apr(20), apr(1)), apr(1)),  # the earliest recorded ahead
        (apr(10), (), apr(10)),  # only the date the last one set
        (TODAY, (), TODAY),  # today is still to come
        (mar(14), (), None),  # a date already past: nothing planned
        (mar(14), (apr(1),), apr(1)),  # a date already past is ignored, not the one ahead
        (None, (), None),
    ],
    ids=[
        "recorded-ahead-earlier",
        "next-day-earlier",
        "earliest-ahead",
        "next-day-only",
        "next-day-today",
        "next-day-past",
        "next-day-past-ahead-recorded",
        "nothing",
    ],
)
def test_the_next_appointment_is_the_earliest_still_to_come(
    next_day: date | None, ahead: tuple[date, ...], expected: date | None
) -> None:
    last = appointment(mar(1), next_day, number=1)
    recorded = [appointment(day, number=2 + n) for n, day in enumerate(ahead)]

    cycle = cycle_on(TODAY, [last, *recorded], [], [])

    assert cycle.last == last
    assert cycle.next_day == expected


@pytest.mark.parametrize(
    ("days", "is_open"),
    [(15, False), (14, True), (1, True), (0, True), (-1, False)],
)
def test_the_check_in_is_offered_from_14_days_before_the_next_appointment_to_its_day(
    days: int, is_open: bool
) -> None:
    cycle = Cycle(today=TODAY, last=None, next_day=TODAY + timedelta(days=days), check_in=None)

    assert cycle.days_to_next == days
    assert cycle.check_in_open is is_open


@pytest.mark.parametrize(("next_day", "is_open"), [(mar(30), False), (mar(29), True)])
def test_the_check_in_opens_14_days_ahead_of_the_date_the_last_appointment_set(
    next_day: date, is_open: bool
) -> None:
    cycle = cycle_on(TODAY, [appointment(mar(1), next_day)], [], [])

    assert cycle.check_in_open is is_open


def test_the_check_in_is_not_offered_once_the_planned_date_has_passed() -> None:
    cycle = cycle_on(TODAY, [appointment(mar(1), mar(14))], [], [])

    assert (cycle.next_day, cycle.days_to_next, cycle.check_in_open) == (None, None, False)


# -- what was recorded since the last appointment ------------------------------------------------


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        ((feb(28),), None),  # before the last appointment
        ((mar(1),), None),  # on its day: said before it
        ((mar(2),), mar(2)),  # the day after
        ((TODAY,), TODAY),
        ((mar(16),), None),  # after today
        ((mar(5), mar(10), mar(1)), mar(10)),  # the latest since it
    ],
    ids=["before", "on-the-day", "day-after", "today", "after-today", "latest"],
)
def test_the_check_in_is_the_latest_made_after_the_last_appointment(
    days: tuple[date, ...], expected: date | None
) -> None:
    made = [check_in(day, number=n) for n, day in enumerate(days, start=1)]

    cycle = cycle_on(TODAY, [appointment(mar(1))], made, [])

    assert (None if cycle.check_in is None else cycle.check_in.day) == expected


def test_of_two_check_ins_on_one_day_the_later_saved_counts() -> None:
    first = check_in(mar(10), pgic=3, number=4)
    second = check_in(mar(10), pgic=5, number=9)

    assert cycle_on(TODAY, [appointment(mar(1))], [second, first], []).check_in == second


def test_the_falls_are_those_after_the_last_appointment_up_to_today() -> None:
    before = event(feb(20), number=1)
    on_the_day = event(mar(1), number=2)
    after = event(mar(2), number=3)
    infection = event(mar(5), EventKind.INFECTION, number=4)
    stress = event(mar(6), EventKind.STRESS, number=5)
    today = event(TODAY, number=6)
    tomorrow = event(mar(16), number=7)

    cycle = cycle_on(
        TODAY,
        [appointment(mar(1))],
        [],
        [before, on_the_day, after, infection, stress, today, tomorrow],
    )

    assert cycle.falls == (after, today)


def test_the_goals_to_rate_are_the_last_appointments() -> None:
    goals = (Goal("Walk to the shop"), Goal("Sleep through the night", "Most nights"))
    older = appointment(feb(1), number=1, goals=(Goal("Dress without help"),))
    last = appointment(mar(1), number=2, goals=goals)

    assert cycle_on(TODAY, [older, last], [], []).goals_to_rate == goals


# -- rating the goals ----------------------------------------------------------------------------


def test_rated_sets_each_given_rating_with_its_day_and_keeps_the_others() -> None:
    goals = (
        Goal("Walk to the shop"),
        Goal("Sleep through the night", rating=0, rated_on=feb(1)),
        Goal("Dress without help", "With a long-handled shoe horn"),
    )

    assert rated(goals, (1, None, -2), TODAY) == (
        Goal("Walk to the shop", rating=1, rated_on=TODAY),
        Goal("Sleep through the night", rating=0, rated_on=feb(1)),
        Goal("Dress without help", "With a long-handled shoe horn", rating=-2, rated_on=TODAY),
    )


def test_rated_with_no_rating_changes_nothing() -> None:
    goals = (Goal("Walk to the shop"),)

    assert rated(goals, (None,), TODAY) == goals


@pytest.mark.parametrize("ratings", [(1, 0), (1, 0, 2, -1)], ids=["fewer", "more"])
def test_rated_refuses_a_rating_count_other_than_the_goals(ratings: tuple[int, ...]) -> None:
    goals = (Goal("One"), Goal("Two"), Goal("Three"))

    with pytest.raises(ValueError, match=exactly(f"{len(ratings)} ratings for 3 goals")):
        rated(goals, ratings, TODAY)


# -- the new entities' rules ---------------------------------------------------------------------


@pytest.mark.parametrize("rating", [-3, 3, True, 1.0], ids=["-3", "3", "true", "float"])
def test_a_goal_rating_outside_minus_2_to_2_is_refused(rating: object) -> None:
    message = f"Goal rating must be a whole number from -2 to 2 (got {rating})"
    with pytest.raises(ValidationError, match=exactly(message)) as caught:
        Goal("Walk to the shop", rating=rating, rated_on=TODAY)  # type: ignore[arg-type]
    assert caught.value.field == "Goal rating"


@pytest.mark.parametrize("rating", [-2, 0, 2])
def test_a_goal_rating_from_minus_2_to_2_is_kept(rating: int) -> None:
    goal = Goal("Walk to the shop", rating=rating, rated_on=TODAY)

    assert (goal.rating, goal.rated_on) == (rating, TODAY)


def test_a_goal_rating_needs_its_date_and_a_date_needs_a_rating() -> None:
    with pytest.raises(
        ValidationError,
        match=exactly("Goal rating date must be given with a rating only (got nothing)"),
    ):
        Goal("Walk to the shop", rating=1)
    with pytest.raises(
        ValidationError,
        match=exactly("Goal rating date must be given with a rating only (got 2026-03-15)"),
    ):
        Goal("Walk to the shop", rated_on=TODAY)


@pytest.mark.parametrize("text", ["", "   "], ids=["empty", "blank"])
def test_a_goal_needs_its_words(text: str) -> None:
    with pytest.raises(
        ValidationError, match=exactly("Goal must be in the person's own words (got an empty text)")
    ):
        Goal(text)


def test_a_goal_is_one_line() -> None:
    message = "Goal must be one line of text without control characters (got 'Walk to\\nthe shop')"
    with pytest.raises(ValidationError, match=exactly(message)):
        Goal("Walk to\nthe shop")


def test_an_appointment_takes_at_most_three_goals() -> None:
    three = tuple(Goal(f"Goal {n}") for n in range(1, 4))

    assert appointment(mar(1), goals=three).goals == three
    with pytest.raises(ValidationError, match=exactly("Goals must be at most 3 (got 4)")):
        appointment(mar(1), goals=(*three, Goal("Goal 4")))


@pytest.mark.parametrize("next_day", [mar(1), feb(28)], ids=["same-day", "day-before"])
def test_the_next_appointment_must_be_after_the_appointment(next_day: date) -> None:
    message = f"Next appointment must be after this appointment (2026-03-01) (got {next_day})"
    with pytest.raises(ValidationError, match=exactly(message)):
        appointment(mar(1), next_day)


def test_the_next_appointment_the_day_after_is_kept() -> None:
    assert appointment(mar(1), mar(2)).next_day == mar(2)


def test_one_ashworth_score_per_muscle_and_side_whatever_the_case_and_spaces() -> None:
    left = AshworthScore("Elbow flexors", BodySide.LEFT, Ashworth.ONE_PLUS)
    same = AshworthScore(" elbow flexors", BodySide.LEFT, Ashworth.TWO)
    right = AshworthScore(" elbow flexors", BodySide.RIGHT, Ashworth.TWO)

    assert Appointment(person_id=ALEX, day=mar(1), ashworth=(left, right)).ashworth == (
        left,
        right,
    )
    with pytest.raises(
        ValidationError,
        match=exactly("Modified Ashworth scores must be one per muscle and side (got 2)"),
    ):
        Appointment(person_id=ALEX, day=mar(1), ashworth=(left, same))


def test_an_ashworth_score_needs_a_side_and_a_score_from_their_lists() -> None:
    with pytest.raises(
        ValidationError, match=exactly("Side must be left, right or both (got 'left')")
    ):
        AshworthScore("Calf", "left", Ashworth.TWO)  # type: ignore[arg-type]
    with pytest.raises(
        ValidationError,
        match=exactly("Modified Ashworth score must be 0, 1, 1+, 2, 3 or 4 (got 2)"),
    ):
        AshworthScore("Calf", BodySide.LEFT, 2)  # type: ignore[arg-type]
    with pytest.raises(
        ValidationError,
        match=exactly("Modified Ashworth score must be 0, 1, 1+, 2, 3 or 4 (got '1+')"),
    ):
        AshworthScore("Calf", BodySide.LEFT, "1+")  # type: ignore[arg-type]


def test_an_ashworth_score_names_its_muscle() -> None:
    with pytest.raises(
        ValidationError,
        match=exactly("Muscle must be named (for example elbow flexors) (got an empty text)"),
    ):
        AshworthScore("  ", BodySide.BOTH, Ashworth.ZERO)


@pytest.mark.parametrize("pgic", [0, 8])
def test_a_check_in_impression_outside_1_to_7_is_refused(pgic: int) -> None:
    message = f"Impression of change must be a whole number from 1 to 7 (got {pgic})"
    with pytest.raises(ValidationError, match=exactly(message)) as caught:
        CheckIn(person_id=ALEX, day=TODAY, pgic=pgic)
    assert caught.value.field == "Impression of change"


@pytest.mark.parametrize("pgic", [1, 7])
def test_a_check_in_impression_from_1_to_7_is_kept(pgic: int) -> None:
    assert CheckIn(person_id=ALEX, day=TODAY, pgic=pgic).pgic == pgic


def test_the_planned_appointment_is_the_one_the_latest_set_unless_recorded() -> None:
    first = Appointment(
        person_id=PersonId(1), day=date(2026, 1, 5), next_day=date(2026, 3, 1), id=AppointmentId(1)
    )
    latest = Appointment(
        person_id=PersonId(1),
        day=date(2026, 3, 1),
        clinician="Dr Lewis",
        service="Spasticity clinic",
        next_day=date(2026, 6, 1),
        id=AppointmentId(2),
    )
    assert planned([]) is None
    assert planned([first, latest]) == Appointment(
        person_id=PersonId(1),
        day=date(2026, 6, 1),
        clinician="Dr Lewis",
        service="Spasticity clinic",
    )
    assert planned([first]) == Appointment(person_id=PersonId(1), day=date(2026, 3, 1))
    assert planned([replace(latest, next_day=None)]) is None
    recorded = Appointment(person_id=PersonId(1), day=date(2026, 6, 1), id=AppointmentId(3))
    assert planned([first, latest, recorded]) is None


def test_on_the_same_day_the_later_check_in_and_appointment_count() -> None:
    first = CheckIn(person_id=PersonId(1), day=date(2026, 3, 10), pgic=5, id=CheckInId(1))
    second = CheckIn(person_id=PersonId(1), day=date(2026, 3, 10), pgic=2, id=CheckInId(2))
    morning = Appointment(
        person_id=PersonId(1), day=date(2026, 3, 1), next_day=date(2026, 5, 1), id=AppointmentId(1)
    )
    corrected = replace(morning, next_day=date(2026, 6, 1), id=AppointmentId(2))
    cycle = cycle_on(date(2026, 3, 15), [morning, corrected], [first, second], [])
    assert cycle.check_in == second
    assert cycle.last == corrected
    planned_one = planned([morning, corrected])
    assert planned_one is not None
    assert planned_one.day == date(2026, 6, 1)
