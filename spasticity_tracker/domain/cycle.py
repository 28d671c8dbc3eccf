"""The appointment cycle as pure rules: the last and next appointment, and when the check-in
before the next one is offered (CLINICAL.md, "The appointment cycle")."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from spasticity_tracker.domain.entities import Appointment, CheckIn, Event, Goal
from spasticity_tracker.domain.scales import EventKind

CHECK_IN_DAYS = 14  # the check-in is offered from two weeks before the next appointment


@dataclass(frozen=True)
class Cycle:
    """Where a person is in the cycle on a day.

    ``last`` is the latest appointment on or before the day; ``next_day`` the next appointment
    (one already recorded ahead, else the date the last one set, if still to come);
    ``check_in`` the check-in made since the last appointment; ``falls`` since it.
    """

    today: date
    last: Appointment | None
    next_day: date | None
    check_in: CheckIn | None
    falls: tuple[Event, ...] = ()

    @property
    def days_to_next(self) -> int | None:
        return None if self.next_day is None else (self.next_day - self.today).days

    @property
    def check_in_open(self) -> bool:
        """Whether the check-in is offered: within two weeks of the next appointment."""
        days = self.days_to_next
        return days is not None and 0 <= days <= CHECK_IN_DAYS

    @property
    def goals_to_rate(self) -> tuple[Goal, ...]:
        return () if self.last is None else self.last.goals


def cycle_on(
    today: date,
    appointments: Sequence[Appointment],
    check_ins: Sequence[CheckIn],
    events: Sequence[Event],
) -> Cycle:
    """The cycle on a day, from a person's appointments, check-ins and events."""
    ordered = sorted(appointments, key=lambda a: (a.day, a.id or 0))
    past = [a for a in ordered if a.day <= today]
    ahead = [a for a in ordered if a.day > today]
    last = past[-1] if past else None
    planned = [a.day for a in ahead]
    if last is not None and last.next_day is not None and last.next_day >= today:
        planned.append(last.next_day)
    # Since the last appointment (strictly after it: what was said on its day was said
    # before it), or ever when there has been none.
    since = last.day if last is not None else date.min
    made = [c for c in check_ins if since < c.day <= today]
    falls = tuple(e for e in events if e.kind is EventKind.FALL and since < e.start_date <= today)
    return Cycle(
        today=today,
        last=last,
        next_day=min(planned) if planned else None,
        check_in=max(made, key=lambda c: (c.day, c.id or 0)) if made else None,
        falls=falls,
    )


def rated(goals: Sequence[Goal], ratings: Sequence[int | None], day: date) -> tuple[Goal, ...]:
    """The goals with their new ratings (None leaves a goal's rating as it was)."""
    if len(ratings) != len(goals):
        raise ValueError(f"{len(ratings)} ratings for {len(goals)} goals")
    return tuple(
        goal if rating is None else replace(goal, rating=rating, rated_on=day)
        for goal, rating in zip(goals, ratings, strict=True)
    )


def planned(appointments: Sequence[Appointment]) -> Appointment | None:
    """The next appointment as the latest one set it (its date, clinician and service), when
    it is not recorded as an appointment of its own: reminded the day before all the same."""
    if not appointments:
        return None
    last = max(appointments, key=lambda a: (a.day, a.id or 0))
    if last.next_day is None or any(a.day == last.next_day for a in appointments):
        return None
    return Appointment(
        person_id=last.person_id,
        day=last.next_day,
        clinician=last.clinician,
        service=last.service,
    )
