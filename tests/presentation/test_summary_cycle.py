"""The appointment cycle in the clinic summary: on page 1 in a sentence, in full in the details."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime, time
from html import escape

import pytest

from spasticity_tracker.domain.cycle import cycle_on
from spasticity_tracker.domain.entities import (
    Appointment,
    AshworthScore,
    CheckIn,
    Event,
    Goal,
    PersonId,
)
from spasticity_tracker.domain.scales import Ashworth, BodySide, EventKind
from spasticity_tracker.presentation.summary_html import PAGE_ONE, summary_html
from spasticity_tracker.reports.figures import SummaryInput, compute
from tests.builders import JO, entry, mar
from tests.presentation.test_summary_html import PERIOD, row

DETAILS = '<h1 style="page-break-before: always">'
LAST = Appointment(
    person_id=PersonId(1),
    day=date(2026, 2, 2),
    clinician="Dr Lewis",
    service="Spasticity clinic",
    notes="Baclofen up to 15 mg three times a day",
    next_day=mar(17),
    ashworth=(AshworthScore("Elbow flexors", BodySide.LEFT, Ashworth.ONE_PLUS),),
    goals=(
        Goal("Put on my left shoe without help", "Most mornings", 1, mar(12)),
        Goal("Walk to the shop", "With one stick"),
    ),
)
CHECK_IN = CheckIn(person_id=PersonId(1), day=mar(12), pgic=3, entered_by=JO.id)
FALLS = (
    Event(person_id=PersonId(1), kind=EventKind.FALL, start_date=mar(4)),
    Event(person_id=PersonId(1), kind=EventKind.FALL, start_date=mar(9)),
)


def with_cycle(
    appointments: tuple[Appointment, ...] = (LAST,),
    check_ins: tuple[CheckIn, ...] = (CHECK_IN,),
    events: tuple[Event, ...] = FALLS,
) -> SummaryInput:
    return replace(
        PERIOD,
        entries=[entry(mar(day)) for day in range(1, 15)],
        events=events,
        cycle=cycle_on(mar(14), appointments, check_ins, events),
    )


def pages(data: SummaryInput) -> tuple[str, str]:
    """Page 1 and the details, as HTML."""
    html = summary_html(compute(data), None, 600)
    first, details = html.split(DETAILS)
    return first, details


def test_page_one_says_how_it_went_since_the_last_appointment() -> None:
    first, _ = pages(with_cycle())
    assert (
        "<p><b>Since the last appointment (2 Feb 2026):</b> impression of change 3 of 7, "
        "minimally improved, 2 goals rated +1 and 2 falls (4 and 9 Mar 2026) "
        "(all in the details).</p>"
    ) in first


def test_the_details_give_the_last_appointment_its_scores_goals_check_in_and_falls() -> None:
    _, details = pages(with_cycle())
    assert "<h2>The appointment cycle</h2>" in details
    assert (
        "<p><b>Last appointment:</b> Mon 2 Feb 2026, Dr Lewis, Spasticity clinic. "
        "<b>Next:</b> Tue 17 Mar 2026.</p>"
    ) in details
    assert "<p><b>Decided:</b> Baclofen up to 15 mg three times a day</p>" in details
    assert row("Elbow flexors", "Left", "1+") in details
    assert (
        row(
            "Put on my left shoe without help",
            "Most mornings",
            "+1: more than expected",
            "12 Mar 2026",
        )
        in details
    )
    assert row("Walk to the shop", "With one stick", "not rated", "") in details
    assert (
        "<p><b>Since the last appointment, my spasticity is...</b> 3: minimally improved "
        "(12 Mar 2026, entered by Jo).</p>"
    ) in details
    assert "<p><b>Falls since the last appointment:</b> 2: 4 and 9 Mar 2026.</p>" in details


def test_an_unanswered_check_in_and_no_falls_are_said_so() -> None:
    first, details = pages(with_cycle(check_ins=(), events=()))
    assert "not answered." in details
    assert "<p><b>Falls since the last appointment:</b> none recorded.</p>" in details
    assert "2 goals rated +1 and 0 falls" in first


@pytest.mark.parametrize(
    "data",
    [
        replace(PERIOD, cycle=None),
        replace(PERIOD, cycle=cycle_on(mar(14), (), (), ())),
    ],
    ids=["no-cycle", "nothing-recorded"],
)
def test_without_anything_of_the_cycle_the_summary_says_nothing_of_it(
    data: SummaryInput,
) -> None:
    first, details = pages(data)
    assert "Since the last appointment" not in first
    assert "The appointment cycle" not in details


MARKUP = "<b>bold</b> & <i>co</i>"


@pytest.mark.parametrize(
    "appointment",
    [
        replace(LAST, goals=(Goal(MARKUP),)),
        replace(LAST, goals=(Goal("Walk", MARKUP),)),
        replace(LAST, ashworth=(AshworthScore(MARKUP, BodySide.BOTH, Ashworth.TWO),)),
        replace(LAST, service=MARKUP),
        replace(LAST, notes=MARKUP),
    ],
    ids=["goal", "expected", "muscle", "service", "decided"],
)
def test_every_user_string_of_the_cycle_is_escaped(appointment: Appointment) -> None:
    _, details = pages(with_cycle(appointments=(appointment,)))
    assert MARKUP not in details
    assert details.count(escape(MARKUP)) == 1


def test_with_the_least_room_page_one_leaves_the_cycle_to_the_details() -> None:
    html = summary_html(compute(with_cycle()), None, 600, PAGE_ONE[-1])
    first, details = html.split(DETAILS)
    assert "Since the last appointment (" not in first
    assert "<h2>The appointment cycle</h2>" in details


def test_the_details_give_stiffness_by_time_of_day_for_several_entries_a_day() -> None:
    twice = replace(
        PERIOD,
        entries=[
            *(entry(mar(day), 7, hour=8) for day in range(1, 15)),
            *(entry(mar(day), 4, hour=20) for day in range(1, 15)),
        ],
    )
    _, details = pages(twice)
    assert "<h2>Stiffness by time of day</h2>" in details
    assert row("Morning", "06:00 to 12:00", "7", "7 to 7", "14") in details
    assert row("Afternoon", "12:00 to 18:00", "", "", "0") in details
    assert row("Evening", "18:00 to 00:00", "4", "4 to 4", "14") in details
    _, once = pages(PERIOD)  # once a day: when the person logs, not when it is worst
    assert "Stiffness by time of day" not in once


def test_the_time_of_day_is_the_local_wall_clocks_not_the_stored_utc(
    local_zone: Callable[[str], None],
) -> None:
    local_zone("Pacific/Kiritimati")  # UTC+14: 20:00 UTC is 10:00 the next day, 02:00 is 16:00
    twice = replace(
        PERIOD,
        entries=[
            replace(entry(mar(day)), recorded_at=datetime.combine(mar(day), hour, UTC))
            for day in range(1, 14)
            for hour in (time(2), time(20))
        ],
    )
    _, details = pages(twice)
    assert row("Morning", "06:00 to 12:00", "5", "5 to 5", "13") in details
    assert row("Afternoon", "12:00 to 18:00", "5", "5 to 5", "13") in details
