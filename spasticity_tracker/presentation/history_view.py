"""What the History page shows: which entries its filter takes, and what it says of them."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from spasticity_tracker.domain.entities import SymptomEntry
from spasticity_tracker.domain.validation import EARLIEST_DATE
from spasticity_tracker.presentation.formatting import short_moment_text
from spasticity_tracker.presentation.periods import Preset, Span, preset_range

DEFAULT_PRESET = 1  # the last 30 days


def filter_days(preset: Preset, today: date) -> tuple[date, date] | None:
    """The days a preset shows (None for chosen dates: the person's own)."""
    return preset_range(preset, today, earliest=EARLIEST_DATE)


def entries_range(
    preset: Preset, first: date, last: date
) -> tuple[datetime | None, datetime | None]:
    """The instants of the entries shown, [start, end): all of them for "Everything"."""
    if preset.span is Span.ALL:
        return None, None
    start = datetime.combine(first, time()).astimezone()
    end = datetime.combine(last + timedelta(days=1), time()).astimezone()
    return start, end


def count_text(rows: int) -> str:
    return f"{rows} entr{'y' if rows == 1 else 'ies'} shown."


def updated_text(entry: SymptomEntry) -> str:
    return f"Entry of {short_moment_text(entry.recorded_at)} updated."


def entry_label(entry: SymptomEntry, who: str) -> str:
    """Which entry, as an undo names it: 'the entry of 2 Jun 2026 08:00, entered by Jo'."""
    return f"the entry of {short_moment_text(entry.recorded_at)}, entered by {who}"


def deleted_text(entry: SymptomEntry, who: str) -> str:
    """What a delete took away, so that the person can tell it was the one they meant:
    'Entry of 2 Jun 2026 08:00, entered by Jo, deleted (stiffness 6, with its note).'."""
    what = f"stiffness {entry.stiffness}" + (", with its note" if entry.note else "")
    return f"Entry of {short_moment_text(entry.recorded_at)}, entered by {who}, deleted ({what})."
