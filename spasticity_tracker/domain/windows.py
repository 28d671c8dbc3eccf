"""The clinical windows and reference lines of CLINICAL.md, each defined once.

Every figure, chart and sentence that speaks of "4 of 7 days", "the 14 days before" or "days
4-17 after" reads them from here, so that the rule and its wording cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

# A mean needs enough data: at least 4 of every 7 days with scores (8 of 14, and so on).
ENOUGH_DAYS, OF_DAYS = 4, 7
ROLLING_DAYS = OF_DAYS  # the trailing mean on the chart

# Around a dose change. The change day is day 1, the first day on the new regimen; days 1-3
# are a transition while baclofen settles; the comparison is days 4 to 17.
BEFORE_DAYS = 14
AFTER_FIRST_DAY, AFTER_LAST_DAY = 4, 17
AFTER_DAYS = AFTER_LAST_DAY - AFTER_FIRST_DAY + 1

# "Since the last appointment", when there is no appointment before today: the last 3 months.
DEFAULT_PERIOD_DAYS = 91

# Falls in stiffness from baseline shown as reference lines, never as a verdict.
REFERENCE_LINES: tuple[tuple[int, str], ...] = (
    (20, "the line NICE NG144 uses to continue THC:CBD spray after a 4-week trial"),
    (30, "the usual responder line in trials"),
)

# Means are compared unrounded; a fall a hair short of a line through binary fractions (6 to
# 4.2 is 29.999999999999996%) still reaches it.
LINE_TOLERANCE = 1e-9

ENOUGH_TEXT = f"{ENOUGH_DAYS} of {OF_DAYS} days needed"
BEFORE_TEXT = f"the {BEFORE_DAYS} days before"
AFTER_TEXT = f"days {AFTER_FIRST_DAY}-{AFTER_LAST_DAY} after"


def enough(days_with_scores: int, days: int) -> bool:
    """Whether a mean may be shown: at least 4 of every 7 days have scores."""
    return days > 0 and days_with_scores * OF_DAYS >= days * ENOUGH_DAYS


def percent_change(before: float, after: float) -> float | None:
    """The change from before to after in % of before (a fall is negative); None from 0."""
    if before <= 0:
        return None
    return 100 * (after - before) / before


def line_of(change: float) -> int | None:
    """The highest reference line (20 or 30) a change in % reaches as a fall, or None."""
    reached = [line for line, _ in REFERENCE_LINES if -change >= line - LINE_TOLERANCE]
    return max(reached, default=None)


def line_reached(before: float, after: float) -> int | None:
    """The highest reference line (20 or 30 %) a fall from before to after reaches, or None.

    Means are compared before any rounding for print.
    """
    change = percent_change(before, after)
    return None if change is None else line_of(change)


def before_window(change_day: date) -> tuple[date, date]:
    """The baseline: the 14 days before the change day (inclusive bounds)."""
    return change_day - timedelta(days=BEFORE_DAYS), change_day - timedelta(days=1)


def after_window(change_day: date) -> tuple[date, date]:
    """Days 4 to 17, counting the change day as day 1: change date + 3 to + 16."""
    return (
        change_day + timedelta(days=AFTER_FIRST_DAY - 1),
        change_day + timedelta(days=AFTER_LAST_DAY - 1),
    )


def since_last_appointment(appointments: Iterable[date], today: date) -> date:
    """The first day of "since the last appointment": the latest one before today, else the
    first day of the last 3 months."""
    past = [day for day in appointments if day < today]
    return max(past) if past else today - timedelta(days=DEFAULT_PERIOD_DAYS - 1)
