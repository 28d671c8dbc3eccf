"""What the day view shows: each calendar day's marks, and a day's records in words."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from spasticity_tracker.domain.dates import day_text, long_day_text, time_text
from spasticity_tracker.domain.entities import DoseRecord, Event, SideEffectReport, SymptomEntry
from spasticity_tracker.domain.regimens import ScheduledSlot
from spasticity_tracker.domain.scales import (
    DoseStatus,
    StiffnessBand,
    side_effect_label,
    stiffness_band,
)
from spasticity_tracker.domain.series import daily_means
from spasticity_tracker.presentation.formatting import amount

NOT_RECORDED = "not recorded"

BAND_NAMES = {
    StiffnessBand.MILD: "mild (0 to 3.9)",
    StiffnessBand.MODERATE: "moderate (4 to 6.9)",
    StiffnessBand.SEVERE: "severe (7 to 10)",
}

# The short sign drawn in a calendar cell beside its colour (never colour alone).
BAND_SIGNS = {StiffnessBand.MILD: "L", StiffnessBand.MODERATE: "M", StiffnessBand.SEVERE: "S"}
WARNING_SIGN = "!"

LEGEND = (
    "Each day: its mean stiffness, L mild (green), M moderate (amber), S severe (red); "
    "! a missed dose or a caution."
)


@dataclass(frozen=True)
class DayMark:
    """How a calendar day is marked: its mean stiffness band, and a missed dose or caution."""

    mean: float | None = None
    missed: bool = False
    caution: bool = False

    @property
    def band(self) -> StiffnessBand | None:
        return None if self.mean is None else stiffness_band(self.mean)

    @property
    def warns(self) -> bool:
        return self.missed or self.caution


def day_marks(
    entries: Iterable[SymptomEntry],
    doses: Iterable[DoseRecord],
    caution_days: Iterable[date],
    first: date,
    last: date,
) -> dict[date, DayMark]:
    """The marks of the days from first to last that have any (a day with none is left out)."""
    days = [date.fromordinal(n) for n in range(first.toordinal(), last.toordinal() + 1)]
    means = dict(zip(days, daily_means(entries, first, last), strict=True))
    missed = {d.day for d in doses if d.status is DoseStatus.MISSED}
    cautions = set(caution_days)
    marks = {}
    for day in days:
        mark = DayMark(means[day], day in missed, day in cautions)
        if mark.mean is not None or mark.warns:
            marks[day] = mark
    return marks


def mark_text(mark: DayMark | None) -> str:
    """The day's marks in words: 'Mean stiffness 8.5, severe (7-10). A dose was missed.'."""
    if mark is None:
        return "No stiffness recorded, no dose missed."
    parts = [
        "No stiffness recorded."
        if mark.mean is None or mark.band is None
        else f"Mean stiffness {mark.mean:.1f}, {BAND_NAMES[mark.band]}."
    ]
    if mark.missed:
        parts.append("A dose was missed.")
    if mark.caution:
        parts.append("A caution applies from this day.")
    return " ".join(parts)


def heading_text(day: date, today: date) -> str:
    """'Thursday 12 March 2026', with '(today)' on today."""
    return long_day_text(day) + (" (today)" if day == today else "")


def slot_status(slot: ScheduledSlot) -> str:
    """'taken', 'late', 'missed' or 'not recorded'."""
    return NOT_RECORDED if slot.record is None else slot.record.status.value


def slot_line(slot: ScheduledSlot, who: str | None) -> str:
    """'08:00 Baclofen 10 mg: taken, entered by Jo'."""
    text = (
        f"{time_text(slot.time_of_day)} {slot.medicine.name} "
        f"{amount(slot.amount, slot.medicine.dose_unit)}: {slot_status(slot)}"
    )
    return text if who is None else f"{text}, entered by {who}"


def entry_line(entry: SymptomEntry, who: str) -> str:
    """'09:30 Entry: stiffness 8, severe, entered by Alex'."""
    at = entry.recorded_at.astimezone().time()
    band = stiffness_band(entry.stiffness).value
    note = f" ({entry.note})" if entry.note else ""
    return f"{time_text(at)} Entry: stiffness {entry.stiffness}, {band}{note}, entered by {who}"


def extra_dose_line(record: DoseRecord, name: str, unit_amount: str, who: str) -> str:
    """'Extra dose 15:10 Baclofen 5 mg, entered by Jo'."""
    at = "" if record.taken_at is None else " " + time_text(record.taken_at.astimezone().time())
    return f"Extra dose{at}: {name} {unit_amount}, entered by {who}"


def side_effect_line(report: SideEffectReport, who: str) -> str:
    """'Side effect: Drowsiness, mild, entered by Alex'."""
    note = f" ({report.note})" if report.note else ""
    return (
        f"Side effect: {side_effect_label(report.effect)}, {report.severity.label.lower()}"
        f"{note}, entered by {who}"
    )


def event_line(event: Event, who: str) -> str:
    """'Event: Fall (from 10 Mar 2026 to 12 Mar 2026), entered by Jo'."""
    span = ""
    if event.end_date is not None and event.end_date != event.start_date:
        span = f" (from {day_text(event.start_date)} to {day_text(event.end_date)})"
    note = f": {event.note}" if event.note else ""
    return f"Event: {event.kind.label}{span}{note}, entered by {who}"


def event_covers(event: Event, day: date) -> bool:
    """Whether an event was going on that day (an event with no end lasts one day)."""
    end = event.end_date if event.end_date is not None else event.start_date
    return event.start_date <= day <= end


def nothing_text() -> str:
    return "Nothing recorded on this day."


def corrected_text(slot: ScheduledSlot, status: DoseStatus) -> str:
    """What a correction did: 'The 20:00 dose of Baclofen on 12 Mar 2026 recorded as taken.'."""
    return (
        f"The {time_text(slot.time_of_day)} dose of {slot.medicine.name} on "
        f"{day_text(slot.day)} recorded as {status.value}."
    )


def correction_label(slot: ScheduledSlot) -> str:
    """Which dose an undo names: 'the 20:00 dose of Baclofen on 12 Mar 2026'."""
    return f"the {time_text(slot.time_of_day)} dose of {slot.medicine.name} on {day_text(slot.day)}"
