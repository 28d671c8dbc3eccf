"""The clinical windows and reference lines, each defined once (CLINICAL.md)."""

from __future__ import annotations

from datetime import date

import pytest

from spasticity_tracker.domain.windows import (
    AFTER_DAYS,
    AFTER_TEXT,
    BEFORE_TEXT,
    ENOUGH_TEXT,
    REFERENCE_LINES,
    after_window,
    before_window,
    enough,
    line_reached,
    percent_change,
)

CHANGE = date(2026, 6, 2)  # day 1, the first day on the new regimen


@pytest.mark.parametrize(
    ("days_with_scores", "days", "shown"),
    [(4, 7, True), (3, 7, False), (8, 14, True), (7, 14, False), (0, 0, False), (1, 1, True)],
    ids=["4-of-7", "3-of-7", "8-of-14", "7-of-14", "no-days", "1-of-1"],
)
def test_a_mean_needs_4_of_every_7_days(days_with_scores: int, days: int, shown: bool) -> None:
    assert enough(days_with_scores, days) is shown


def test_the_baseline_is_the_14_days_before_day_1() -> None:
    assert before_window(CHANGE) == (date(2026, 5, 19), date(2026, 6, 1))


def test_days_4_to_17_are_the_change_date_plus_3_to_plus_16() -> None:
    assert after_window(CHANGE) == (date(2026, 6, 5), date(2026, 6, 18))
    first, last = after_window(CHANGE)
    assert (last - first).days + 1 == AFTER_DAYS == 14


def test_the_words_follow_the_numbers() -> None:
    assert (ENOUGH_TEXT, BEFORE_TEXT, AFTER_TEXT) == (
        "4 of 7 days needed",
        "the 14 days before",
        "days 4-17 after",
    )
    assert [percent for percent, _ in REFERENCE_LINES] == [20, 30]
    assert "THC:CBD spray" in REFERENCE_LINES[0][1]  # NICE NG144's line is for the spray


@pytest.mark.parametrize(
    ("before", "after", "percent", "line"),
    [
        (5.0, 4.0, -20.0, 20),
        (6.0, 4.2, -30.0, 30),  # 4.2 is not exact in binary: still a fall of 30%
        (10.0, 8.01, -19.9, None),
        (10.0, 7.0, -30.0, 30),
        (7.0, 4.0, -42.857, 30),
        (4.0, 5.0, 25.0, None),  # a rise reaches no line
        (5.0, 5.0, 0.0, None),
        (0.0, 0.0, None, None),  # no stiffness before: no percentage
    ],
    ids=["20", "30-inexact", "19.9", "30", "43", "rise", "same", "from-0"],
)
def test_a_fall_is_measured_against_the_reference_lines_unrounded(
    before: float, after: float, percent: float | None, line: int | None
) -> None:
    change = percent_change(before, after)
    if percent is None:
        assert change is None
    else:
        assert change == pytest.approx(percent, abs=0.001)
    assert line_reached(before, after) == line
