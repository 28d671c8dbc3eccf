"""Stiffness by time of day: the parts of the day, when a profile is shown, and its figures."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from spasticity_tracker.domain.time_of_day import (
    PartOfDay,
    logs_several_a_day,
    part_of,
    profile,
    profile_text,
)
from tests.builders import local


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return local(2026, 3, day, hour, minute)


@pytest.mark.parametrize(
    ("at_time", "part"),
    [
        (time(0), "Night"),
        (time(5, 59), "Night"),
        (time(6), "Morning"),
        (time(11, 59), "Morning"),
        (time(12), "Afternoon"),
        (time(17, 59), "Afternoon"),
        (time(18), "Evening"),
        (time(23, 59), "Evening"),
    ],
)
def test_each_time_falls_in_one_part_of_the_day(at_time: time, part: str) -> None:
    assert part_of(at_time) == part


@pytest.mark.parametrize(
    ("scored", "several"),
    [
        ([], False),
        ([(at(day, 20), 5) for day in range(1, 11)], False),  # once a day
        ([(at(1, 8), 5), (at(1, 20), 4)] + [(at(d, 20), 5) for d in range(2, 11)], False),
        ([(at(d, 8), 5) for d in (1, 2)] + [(at(d, 20), 4) for d in range(1, 11)], True),
        ([(at(d, 8), 5) for d in (1, 2)] + [(at(d, 20), 4) for d in range(1, 22)], False),
    ],
    ids=["none", "once-a-day", "one-day-twice", "two-of-ten-days", "two-of-twenty-one-days"],
)
def test_a_profile_needs_several_entries_a_day_on_a_tenth_of_the_days(
    scored: list[tuple[datetime, int]], several: bool
) -> None:
    assert logs_several_a_day(scored) is several


def test_each_part_has_its_median_quartiles_and_count() -> None:
    scored = [(at(1, 7), 6), (at(2, 8), 7), (at(3, 9), 8), (at(4, 10), 9), (at(1, 14), 3)]
    morning, afternoon, evening, night = profile(scored)
    assert morning == PartOfDay("Morning", time(6), time(12), 4, 7.5, 6.75, 8.25)
    assert afternoon == PartOfDay("Afternoon", time(12), time(18), 1, 3.0, 3.0, 3.0)
    assert evening == PartOfDay("Evening", time(18), time(0), 0, None, None, None)
    assert night.entries == 0
    assert profile_text([morning, afternoon, evening]) == (
        "morning 7.5 (6.75 to 8.25, 4 entries); afternoon 3 (3 to 3, 1 entry); evening no entries"
    )


def test_an_entry_is_placed_by_the_local_time_it_was_made() -> None:
    scored = [(datetime.combine(date(2026, 3, 1), time(23, 30)).astimezone(), 5)]
    assert [p.entries for p in profile(scored)] == [0, 0, 1, 0]


def test_exactly_a_tenth_of_the_days_with_two_entries_is_enough() -> None:
    scored = [(at(d, 8), 5) for d in (1, 2)] + [(at(d, 20), 4) for d in range(1, 21)]
    assert logs_several_a_day(scored)


def test_two_entries_have_their_own_quartiles() -> None:
    morning = profile([(at(1, 8), 3), (at(2, 8), 5)])[0]
    assert (morning.median, morning.low, morning.high) == (4.0, 3.5, 4.5)


def test_a_part_without_entries_is_said_wherever_it_comes() -> None:
    evening, morning = (
        PartOfDay("Evening", time(18), time(0), 0, None, None, None),
        profile([(at(1, 8), 6)])[0],
    )
    assert profile_text([evening, morning]) == "evening no entries; morning 6 (6 to 6, 1 entry)"
