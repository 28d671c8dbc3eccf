"""The ranges of dates a page offers (last 30 days, since the last appointment, chosen dates...).

History, Trends and the Summary each offer their own list, built from the same presets and
resolved to dates by one function.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from spasticity_tracker.domain.windows import since_last_appointment


class Span(StrEnum):
    """What a preset measures from."""

    DAYS = "days"  # the last N days up to today
    APPOINTMENT = "appointment"  # since the last appointment (else 3 months)
    ALL = "all"  # everything recorded
    CHOSEN = "chosen"  # the dates the person types


@dataclass(frozen=True)
class Preset:
    """One choice of a range of dates, as offered in a drop-down."""

    label: str
    span: Span
    days: int = 0

    @property
    def is_chosen(self) -> bool:
        return self.span is Span.CHOSEN


CHOSEN = Preset("Chosen dates", Span.CHOSEN)
SINCE_APPOINTMENT = Preset("Since the last appointment", Span.APPOINTMENT)

HISTORY_PRESETS: tuple[Preset, ...] = (
    Preset("Last 7 days", Span.DAYS, 7),
    Preset("Last 30 days", Span.DAYS, 30),
    Preset("Last 3 months", Span.DAYS, 91),
    Preset("Last year", Span.DAYS, 365),
    Preset("Everything", Span.ALL),
    CHOSEN,
)
SUMMARY_PRESETS: tuple[Preset, ...] = (
    SINCE_APPOINTMENT,
    Preset("Last 3 months", Span.DAYS, 91),
    Preset("Last 6 months", Span.DAYS, 182),
    Preset("Last year", Span.DAYS, 365),
    CHOSEN,
)
TRENDS_PRESETS: tuple[Preset, ...] = (
    Preset("1 month", Span.DAYS, 30),
    Preset("3 months", Span.DAYS, 91),
    Preset("6 months", Span.DAYS, 182),
    Preset("1 year", Span.DAYS, 365),
    SINCE_APPOINTMENT,
    Preset("All", Span.ALL),
    CHOSEN,
)


def preset_range(
    preset: Preset, today: date, *, earliest: date, appointments: Iterable[date] = ()
) -> tuple[date, date] | None:
    """The days a preset shows up to today (None for chosen dates: the person's own)."""
    if preset.span is Span.DAYS:
        return today - timedelta(days=preset.days - 1), today
    if preset.span is Span.APPOINTMENT:
        return since_last_appointment(appointments, today), today
    if preset.span is Span.ALL:
        return min(earliest, today), today
    return None


def preset_index(presets: Sequence[Preset], label: str) -> int:
    """Where a preset is in a page's list, by its label."""
    return [preset.label for preset in presets].index(label)
