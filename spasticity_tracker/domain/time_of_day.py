"""Stiffness by time of day, as the Ambulatory Glucose Profile shows a typical day: for each
part of the day, the median score, the spread (the middle half of the scores, quartile to
quartile) and how many entries are behind it.

It is shown only for a person who logs more than once a day: with one entry a day, the part
of the day says when the person logs, not when stiffness is worst.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from statistics import median, quantiles

# When an entry was made, in local time (moment.astimezone(): its date and time are the
# wall clock's), and its stiffness. Converted once by the caller: the Trends page words the
# profile of each range it shows, over years of entries.
Scored = tuple[datetime, int]

# (name, first hour, hour it ends): local wall-clock time of the entry.
PARTS = (
    ("Morning", 6, 12),
    ("Afternoon", 12, 18),
    ("Evening", 18, 24),
    ("Night", 0, 6),
)
SEVERAL_A_DAY = 0.1  # the share of logged days with two entries or more that makes it worth it


@dataclass(frozen=True)
class PartOfDay:
    name: str
    start: time
    end: time  # exclusive; 00:00 for the evening, which ends at midnight
    entries: int
    median: float | None
    low: float | None  # the first quartile
    high: float | None  # the third quartile


def part_of(at: time) -> str:
    """The part of the day a local time falls in."""
    for name, first, last in PARTS:
        if first <= at.hour < last:
            return name
    raise AssertionError(at)  # the parts cover the 24 hours


def logs_several_a_day(scored: Sequence[Scored]) -> bool:
    """Whether enough logged days have more than one entry for a profile to mean something."""
    per_day: dict[date, int] = {}
    for moment, _ in scored:
        day = moment.date()
        per_day[day] = per_day.get(day, 0) + 1
    if not per_day:
        return False
    several = sum(1 for count in per_day.values() if count > 1)
    return several >= 2 and several / len(per_day) >= SEVERAL_A_DAY


def profile(scored: Sequence[Scored]) -> list[PartOfDay]:
    """Each part of the day with its median, quartiles and number of entries."""
    scores: dict[str, list[int]] = {name: [] for name, _, _ in PARTS}
    for moment, stiffness in scored:
        scores[part_of(moment.time())].append(stiffness)
    result = []
    for name, first, last in PARTS:
        values = sorted(scores[name])
        low = high = None
        if len(values) >= 2:
            low, _, high = quantiles(values, n=4, method="inclusive")
        elif values:
            low = high = float(values[0])
        result.append(
            PartOfDay(
                name=name,
                start=time(first),
                end=time(last % 24),
                entries=len(values),
                median=float(median(values)) if values else None,
                low=low,
                high=high,
            )
        )
    return result


def profile_text(parts: Sequence[PartOfDay]) -> str:
    """'morning 5 (4 to 6, 80 entries); afternoon 4 (3 to 5, 40 entries); night no entries'."""
    words = []
    for part in parts:
        if part.median is None or part.low is None or part.high is None:
            words.append(f"{part.name.lower()} no entries")
            continue
        count = f"{part.entries} entr{'y' if part.entries == 1 else 'ies'}"
        words.append(
            f"{part.name.lower()} {part.median:g} ({part.low:g} to {part.high:g}, {count})"
        )
    return "; ".join(words)
