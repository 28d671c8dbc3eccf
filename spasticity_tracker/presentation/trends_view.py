"""What the Trends chart shows: ready series, lanes and labels, and a day's values in words.

The chart (render/chart.py) only feeds these to its plot items; everything worked out about
the data, and every word, is here and tested without Qt.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from functools import cached_property
from statistics import fmean

from spasticity_tracker.domain.dates import day_text, weekday_text
from spasticity_tracker.domain.entities import MedicineId
from spasticity_tracker.domain.scales import (
    SIDE_EFFECT_LABELS,
    EventKind,
    Route,
    Severity,
    side_effect_label,
)
from spasticity_tracker.domain.series import DoseChangeMark, toxin_window
from spasticity_tracker.domain.time_of_day import logs_several_a_day, profile, profile_text
from spasticity_tracker.domain.windows import enough
from spasticity_tracker.presentation.formatting import period_text, total_text
from spasticity_tracker.services.trends import TrendData

DAY = 86400.0  # seconds: the time axis counts in seconds
NONE_RECORDED = "none"  # the lane label of an empty side-effects or events plot
TOXIN_LANE = "Botulinum toxin"
LABELLED_CHANGES_UP_TO = 400  # days in view; beyond that the change labels would overlap
# The overlays of the stiffness plot: key, check box text, legend name.
OVERLAYS = (
    ("pain", "Pain", "pain"),
    ("sleep", "Sleep disruption", "sleep disruption"),
    ("spasms", "Spasms", "spasm frequency (0-4)"),
)
Points = tuple[list[float], list[float]]


def left_out_text(titles: list[str]) -> str:
    """Which plots the chart leaves out for want of height, and how to see them."""
    if not titles:
        return ""
    names = [title.split(" (")[0] for title in titles]
    names[1:] = [name.lower() for name in names[1:]]
    named = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return (
        f"{named} not shown: the window is too short. A taller window or smaller text "
        "(Ctrl+minus) shows them."
    )


def x_of(day: date) -> float:
    """A day on the time axis: local noon, so that points sit in the middle of their day."""
    return datetime.combine(day, time(12)).timestamp()


def day_of(x: float) -> date:
    """The local day a point of the time axis falls on."""
    return datetime.fromtimestamp(x, UTC).astimezone().date()


def _nan(values: list[float | None]) -> list[float]:
    return [math.nan if v is None else v for v in values]


def change_label(mark: DoseChangeMark) -> str:
    """'Baclofen 45 mg/day', 'Baclofen pump 350 mcg/day', 'Baclofen stopped'."""
    if mark.stopped:
        return f"{mark.medicine.name} stopped"
    return f"{mark.medicine.name} {total_text(mark.medicine, mark.total)}"


def range_caption(label: str, values: list[float | None], changes: int) -> str:
    """A sentence about a range, for the screen reader and under the chart.

    e.g. "3 months: mean stiffness 5.2 (82 of 91 days), 2 dose changes".
    """
    present = [v for v in values if v is not None]
    count = f"{len(present)} of {len(values)} days"
    if present and enough(len(present), len(values)):
        stiffness = f"mean stiffness {fmean(present):.1f} ({count})"
    else:
        stiffness = f"not enough entries for a mean stiffness ({count})"
    plural = "" if changes == 1 else "s"
    return f"{label}: {stiffness}, {changes} dose change{plural}"


@dataclass(frozen=True)
class DoseLine:
    """A medicine's daily total as steps: in the mg plot, or the pump's mcg/day plot."""

    medicine_id: MedicineId
    name: str
    pump: bool
    xs: list[float]
    ys: list[float]


@dataclass(frozen=True)
class EventMark:
    """A one-day event, or a botulinum toxin injection (kind None), on its lane."""

    x: float
    lane: int
    kind: EventKind | None


class TrendsView:
    """A person's trend data, ready for the chart."""

    def __init__(self, data: TrendData):
        self.data = data
        self._last_caption: tuple[tuple[str | None, date, date] | None, str] = (None, "")

    @property
    def first(self) -> date:
        return self.data.first

    @property
    def last(self) -> date:
        return self.data.last

    # -- the stiffness plot ----------------------------------------------------------------

    @cached_property
    def xs(self) -> list[float]:
        return [x_of(day) for day in self.data.days]

    @cached_property
    def daily_points(self) -> Points:
        """The days with a score, and the day's mean score."""
        present = [
            (x, v) for x, v in zip(self.xs, self.data.stiffness, strict=True) if v is not None
        ]
        return [x for x, _ in present], [v for _, v in present]

    @cached_property
    def rolling(self) -> list[float]:
        return _nan(self.data.rolling)

    def overlay(self, key: str) -> list[float]:
        """Pain, sleep disruption or spasms by day (NaN where not recorded)."""
        values: list[float | None] = getattr(self.data, key)
        return _nan(values)

    # -- the dose plots --------------------------------------------------------------------

    @cached_property
    def dose_lines(self) -> list[DoseLine]:
        lines = []
        for medicine in self.data.medicines:
            assert medicine.id is not None
            xs: list[float] = []
            ys: list[float] = []
            for step in self.data.steps.get(medicine.id, []):
                if xs and xs[-1] != x_of(step.start) - DAY / 2:
                    xs.append(math.nan)  # a gap with no regimen
                    ys.append(math.nan)
                xs += [x_of(step.start) - DAY / 2, x_of(step.end) + DAY / 2]
                ys += [step.total, step.total]
            pump = medicine.route is Route.INTRATHECAL
            lines.append(DoseLine(medicine.id, medicine.name, pump, xs, ys))
        return lines

    def highest_dose(self, pump: bool) -> float:
        """The highest daily total in the mg plot (or the pump plot), 0 when none."""
        return max(
            (
                y
                for line in self.dose_lines
                if line.pump is pump
                for y in line.ys
                if not math.isnan(y)
            ),
            default=0.0,
        )

    @property
    def has_pump(self) -> bool:
        return any(line.pump for line in self.dose_lines)

    @cached_property
    def change_marks(self) -> list[tuple[float, str]]:
        """Where each dose-change line goes (the start of its day), and its label."""
        return [(x_of(mark.day) - DAY / 2, change_label(mark)) for mark in self.data.marks]

    # -- the lanes -------------------------------------------------------------------------

    @cached_property
    def effect_lanes(self) -> list[str]:
        return [SIDE_EFFECT_LABELS.get(effect, effect) for effect in self.data.side_effects]

    @cached_property
    def effect_points(self) -> dict[Severity, Points]:
        """Each side effect's days on its lane, by the day's worst severity."""
        points: dict[Severity, Points] = {severity: ([], []) for severity in Severity}
        for lane, days in enumerate(self.data.side_effects.values()):
            for day, severity in days:
                xs, ys = points[severity]
                xs.append(x_of(day))
                ys.append(lane)
        return points

    @cached_property
    def event_kinds(self) -> list[EventKind]:
        kinds = {span.kind for span in self.data.events}
        return sorted(kinds, key=lambda kind: list(EventKind).index(kind))

    @cached_property
    def event_lanes(self) -> list[str]:
        """One lane per kind of event, then one for botulinum toxin if any was given."""
        names = [kind.label for kind in self.event_kinds]
        return names + ([TOXIN_LANE] if self.data.injections else [])

    @cached_property
    def event_bars(self) -> Points:
        """Events that last (an infection, a relapse) as bars over their days."""
        lane = {kind: index for index, kind in enumerate(self.event_kinds)}
        xs: list[float] = []
        ys: list[float] = []
        for span in self.data.events:
            if span.is_span:
                xs += [x_of(span.start) - DAY / 2, x_of(span.end) + DAY / 2]
                ys += [lane[span.kind]] * 2
        return xs, ys

    @cached_property
    def event_marks(self) -> list[EventMark]:
        """One-day events (a fall, physio) and injections as marks."""
        lane = {kind: index for index, kind in enumerate(self.event_kinds)}
        marks = [
            EventMark(x_of(span.start), lane[span.kind], span.kind)
            for span in self.data.events
            if not span.is_span
        ]
        toxin_lane = len(self.event_kinds)
        marks += [EventMark(x_of(i.day), toxin_lane, None) for i in self.data.injections]
        return marks

    @cached_property
    def toxin_windows(self) -> Points:
        """The weeks each injection is expected to act, as a bar on the toxin lane."""
        xs: list[float] = []
        ys: list[float] = []
        for injection in self.data.injections:
            start, end = toxin_window(injection.day)
            xs += [x_of(start) - DAY / 2, x_of(end) + DAY / 2]
            ys += [len(self.event_kinds)] * 2
        return xs, ys

    # -- words -----------------------------------------------------------------------------

    @cached_property
    def _scored_days(self) -> list[date]:
        return [moment.date() for moment, _ in self.data.scored]

    def caption(self, label: str | None, first: date, last: date) -> str:
        """The sentence under the chart for the days shown; label names a preset's range.

        Asked again with the same words (a range is set, then the view tells it changed),
        the sentence is not worked out again.
        """
        if self._last_caption[0] != (label, first, last):
            self._last_caption = ((label, first, last), self._caption(label, first, last))
        return self._last_caption[1]

    def _caption(self, label: str | None, first: date, last: date) -> str:
        data = self.data
        lo = max(0, (first - data.first).days)
        hi = min(len(data.days), (last - data.first).days + 1)
        changes = sum(1 for mark in data.marks if first <= mark.day <= last)
        caption = range_caption(label or period_text(first, last), data.stiffness[lo:hi], changes)
        days = self._scored_days
        shown = [pair for pair, day in zip(data.scored, days, strict=True) if first <= day <= last]
        if logs_several_a_day(shown):
            caption += ". Stiffness by time of day, median (middle half, entries): "
            caption += profile_text(profile(shown))
        return caption

    def describe_day(self, day: date) -> str:
        """Everything the chart shows for one day, in words."""
        data = self.data
        index = (day - data.first).days
        parts = [weekday_text(day)]
        score = data.stiffness[index]
        mean = data.rolling[index]
        parts.append("no stiffness score" if score is None else f"stiffness {score:.3g}")
        if mean is not None:
            parts.append(f"7-day mean {mean:.1f}")
        for key, name in (("pain", "pain"), ("sleep", "sleep disruption"), ("spasms", "spasms")):
            value = getattr(data, key)[index]
            if value is not None:
                parts.append(f"{name} {value:.3g}")
        for medicine in data.medicines:
            assert medicine.id is not None
            for step in data.steps.get(medicine.id, []):
                if step.start <= day <= step.end:
                    dose = total_text(medicine, step.total) if step.total else "stopped"
                    parts.append(f"{medicine.name} {dose}")
        effects = [
            f"{side_effect_label(effect).lower()} ({severity.label.lower()})"
            for effect, days in data.side_effects.items()
            for when, severity in days
            if when == day
        ]
        if effects:
            parts.append("side effects: " + ", ".join(effects))
        happening = [s.kind.label.lower() for s in data.events if s.start <= day <= s.end]
        for injection in data.injections:
            start, end = toxin_window(injection.day)
            if injection.day == day:
                happening.append(f"botulinum toxin injection ({injection.product.label})")
            elif start <= day <= end:
                week = (day - injection.day).days // 7 + 1
                happening.append(
                    f"expected effect of the botulinum toxin injection of "
                    f"{day_text(injection.day)} (week {week})"
                )
        if happening:
            parts.append("events: " + ", ".join(happening))
        return "; ".join(parts)
