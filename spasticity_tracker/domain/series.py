"""Daily series for the trends chart and the summary: means by day, rolling means, dose steps.

Days are local calendar days; a day with several entries counts once, with their mean.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import NamedTuple, Protocol

from spasticity_tracker.domain.entities import (
    CarerId,
    Event,
    Medicine,
    MedicineId,
    Regimen,
)
from spasticity_tracker.domain.scales import EventKind, Severity
from spasticity_tracker.domain.windows import ENOUGH_DAYS, ROLLING_DAYS

SPAN_EVENTS = frozenset(
    {
        EventKind.INFECTION,
        EventKind.RELAPSE,
        EventKind.TEMPERATURE,
        EventKind.PRESSURE_SORE,
        EventKind.BLADDER_BOWEL,
        EventKind.OTHER,
    }
)


def days_between(first: date, last: date) -> list[date]:
    """Every day from first to last, inclusive."""
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


class ScoredEntry(Protocol):
    """What the daily series read of an entry: when, and its scores."""

    @property
    def recorded_at(self) -> datetime: ...
    @property
    def stiffness(self) -> int: ...
    @property
    def pain(self) -> int | None: ...
    @property
    def sleep_disruption(self) -> int | None: ...
    @property
    def spasm_frequency(self) -> int | None: ...


class EntryScores(NamedTuple):
    """An entry's time and scores alone: what the Trends page needs of years of entries,
    read without making (and checking again) whole entries."""

    recorded_at: datetime
    stiffness: int
    pain: int | None
    sleep_disruption: int | None
    spasm_frequency: int | None


class LoggedEntry(ScoredEntry, Protocol):
    """What the summary reads of an entry besides its scores: spasm severity, the note and
    who entered it."""

    @property
    def spasm_severity(self) -> int | None: ...
    @property
    def note(self) -> str: ...
    @property
    def entered_by(self) -> CarerId | None: ...


class EntryFacts(NamedTuple):
    """An entry without its id and audit columns: what the summary needs of years of
    entries, read without making (and checking again) whole entries."""

    recorded_at: datetime
    stiffness: int
    pain: int | None
    sleep_disruption: int | None
    spasm_frequency: int | None
    spasm_severity: int | None
    note: str
    entered_by: CarerId | None


def entry_day(entry: ScoredEntry) -> date:
    """The local calendar day an entry belongs to.

    Remembered for each instant: the summary asks for the day of every entry once per figure
    (tens of times over years of entries), and the conversion to local time is the cost. The
    memory is forgotten when the process's time zone changes (time.tzset).
    """
    global _zone
    zone = (time.timezone, time.altzone, time.tzname)
    if zone != _zone:
        _days.clear()
        _zone = zone
    moment = entry.recorded_at
    day = _days.get(moment)
    if day is None:
        if len(_days) > _DAYS_KEPT:
            _days.clear()
        day = _days[moment] = moment.astimezone().date()
    return day


_days: dict[datetime, date] = {}
_zone: tuple[object, ...] = ()
_DAYS_KEPT = 200_000  # about 50 years of four entries a day; then it starts again


def daily_means(
    entries: Iterable[ScoredEntry],
    first: date,
    last: date,
    value: Callable[[ScoredEntry], int | None] = lambda entry: entry.stiffness,
) -> list[float | None]:
    """One value per day from first to last: the mean of that day's values, or None."""
    [means] = daily_means_of(entries, first, last, (value,))
    return means


class DailyMeans:
    """daily_means of a set of entries worked out once, over every day they cover: any
    stretch of days is then a slice (the summary asks for tens of stretches of years of
    entries: each dose period, and the windows around each change)."""

    def __init__(
        self,
        entries: Sequence[ScoredEntry],
        value: Callable[[ScoredEntry], int | None] = lambda entry: entry.stiffness,
    ):
        days = [entry_day(entry) for entry in entries]
        self._first = min(days, default=date.min)
        self._means = daily_means(entries, self._first, max(days), value) if days else []

    def between(self, first: date, last: date) -> list[float | None]:
        """The same list as daily_means(entries, first, last)."""
        length = (last - first).days + 1
        result: list[float | None] = [None] * max(length, 0)
        start = (first - self._first).days
        low, high = max(0, -start), min(length, len(self._means) - start)
        if low < high:
            result[low:high] = self._means[start + low : start + high]
        return result


def daily_means_of(
    entries: Iterable[ScoredEntry],
    first: date,
    last: date,
    values: Sequence[Callable[[ScoredEntry], int | None]],
    days: Iterable[date] | None = None,
) -> list[list[float | None]]:
    """daily_means for several values at once: each entry's local day is found once (the
    time-zone conversion is most of the cost over years of entries). `days`, where given,
    are the entries' local days, in the same order (a caller that has them already).

    Each day's scores are summed as integers and divided once: the same float as fmean()
    (the exact sum, correctly rounded when divided), without a list per day.
    """
    start = first.toordinal()
    length = last.toordinal() - start + 1
    sums = [[0] * length for _ in values]
    counts = [[0] * length for _ in values]
    entries = list(entries)
    for entry, day in zip(entries, map(entry_day, entries) if days is None else days, strict=True):
        index = day.toordinal() - start
        if not 0 <= index < length:
            continue
        for value, total, count in zip(values, sums, counts, strict=True):
            score = value(entry)
            if score is not None:
                total[index] += score
                count[index] += 1
    return [
        [t / n if n else None for t, n in zip(total, count, strict=True)]
        for total, count in zip(sums, counts, strict=True)
    ]


def rolling_mean(
    values: Sequence[float | None], window: int = ROLLING_DAYS, at_least: int = ENOUGH_DAYS
) -> list[float | None]:
    """The trailing mean over `window` days, only where at least `at_least` days have values.

    A running sum and count over the window, not a new slice for every day. The sum is kept
    exactly, as integers (every float is a whole number of 2**-80 for the values a diary
    has), so each mean is the same float that fmean() of the window gives, to the last bit.
    """
    exact = [None if value is None else _scaled(value) for value in values]
    result: list[float | None] = []
    total = 0
    count = 0
    for index, scaled in enumerate(exact):
        if scaled is not None:
            total += scaled
            count += 1
        if index >= window:
            leaving = exact[index - window]
            if leaving is not None:
                total -= leaving
                count -= 1
        # fmean: the correctly rounded sum (what fsum gives), then divided by the count.
        result.append(total / _SCALE / count if count and count >= at_least else None)
    return result


_SCALE = 1 << 80


def _scaled(value: float) -> int:
    numerator, denominator = value.as_integer_ratio()  # the denominator is a power of two
    if denominator > _SCALE:
        raise ValueError(f"{value!r} is too small a value for a daily series")
    return numerator * (_SCALE // denominator)


@dataclass(frozen=True)
class DoseStep:
    """A stretch of days with the same daily total of one medicine (end inclusive)."""

    medicine_id: MedicineId
    start: date
    end: date
    total: float


def dose_steps(
    medicine: Medicine, regimens: Iterable[Regimen], first: date, last: date
) -> list[DoseStep]:
    """The daily total of a medicine over a range, as steps; before any regimen there are none."""
    assert medicine.id is not None
    own = sorted((r for r in regimens if r.medicine_id == medicine.id), key=lambda r: r.start_date)
    steps: list[DoseStep] = []
    for index, regimen in enumerate(own):
        start = max(regimen.start_date, first)
        following = own[index + 1].start_date - timedelta(days=1) if index + 1 < len(own) else last
        end = min(following, last)
        if start > end:
            continue
        if (
            steps
            and steps[-1].total == regimen.daily_total
            and steps[-1].end + timedelta(1) == start
        ):
            steps[-1] = DoseStep(medicine.id, steps[-1].start, end, regimen.daily_total)
        else:
            steps.append(DoseStep(medicine.id, start, end, regimen.daily_total))
    return steps


@dataclass(frozen=True)
class DoseChangeMark:
    """Where a medicine's dose changed, and its new daily total (0: stopped)."""

    day: date
    medicine: Medicine
    total: float

    @property
    def stopped(self) -> bool:
        return self.total == 0


def dose_change_marks(
    medicines: Sequence[Medicine], regimens: Sequence[Regimen], first: date, last: date
) -> list[DoseChangeMark]:
    """Every regimen change (not a medicine's first regimen) from first to last, by date."""
    marks = []
    for medicine in medicines:
        own = sorted(
            (r for r in regimens if r.medicine_id == medicine.id), key=lambda r: r.start_date
        )
        for regimen in own[1:]:
            if first <= regimen.start_date <= last:
                marks.append(DoseChangeMark(regimen.start_date, medicine, regimen.daily_total))
    return sorted(marks, key=lambda mark: mark.day)


@dataclass(frozen=True)
class EventSpan:
    """An event as a span of days (infection, relapse...) or a single day (fall, physio...)."""

    kind: EventKind
    start: date
    end: date

    @property
    def is_span(self) -> bool:
        return self.kind in SPAN_EVENTS


def event_spans(events: Iterable[Event], first: date, last: date) -> list[EventSpan]:
    """Events that touch the range, clipped to it."""
    spans = []
    for event in events:
        end = event.end_date or event.start_date
        if end < first or event.start_date > last:
            continue
        spans.append(EventSpan(event.kind, max(event.start_date, first), min(end, last)))
    return sorted(spans, key=lambda span: span.start)


# Botulinum toxin (CLINICAL.md): the effect starts in about 4-10 days, peaks at 4-6 weeks and
# lasts about 3-4 months.
TOXIN_ONSET_DAYS = 4
TOXIN_FADED_DAYS = 120


def toxin_window(day: date) -> tuple[date, date]:
    """The days an injection given on `day` is expected to act: about day 4 to 4 months."""
    return day + timedelta(days=TOXIN_ONSET_DAYS), day + timedelta(days=TOXIN_FADED_DAYS)


class ReportedEffect(Protocol):
    """What the chart reads of a side-effect report: the day, the effect and how bad."""

    @property
    def day(self) -> date: ...
    @property
    def effect(self) -> str: ...
    @property
    def severity(self) -> Severity: ...


class EffectMark(NamedTuple):
    """A report's day, effect and severity alone (years of reports, read for the chart)."""

    day: date
    effect: str
    severity: Severity


def side_effect_lanes(
    reports: Iterable[ReportedEffect], first: date, last: date
) -> dict[str, list[tuple[date, Severity]]]:
    """For each effect reported in the range, its days with the worst severity of each day."""
    worst: dict[str, dict[date, Severity]] = {}
    for report in reports:
        if first <= report.day <= last:
            days = worst.setdefault(report.effect, {})
            if report.day not in days or report.severity.value > days[report.day].value:
                days[report.day] = report.severity
    return {effect: sorted(days.items()) for effect, days in sorted(worst.items())}


def days_with_values(values: Sequence[float | None]) -> int:
    return sum(1 for value in values if value is not None)
