"""What the Today page says: its title, the day's doses and entries, and what a save did."""

from __future__ import annotations

from datetime import date, datetime

from spasticity_tracker.domain.cycle import Cycle
from spasticity_tracker.domain.dates import day_text, long_day_text, time_text, weekday_text
from spasticity_tracker.domain.entities import DoseRecord, Medicine, Regimen, SymptomEntry
from spasticity_tracker.domain.regimens import ScheduledSlot
from spasticity_tracker.domain.scales import PENN_FREQUENCY, DoseStatus
from spasticity_tracker.presentation.formatting import amount, total_text
from spasticity_tracker.services.diary import DayLog


def title(day: date) -> str:
    """'Today, Monday 30 November 2026'."""
    return f"Today, {long_day_text(day)}"


def describe_entry(entry: SymptomEntry, who: str) -> str:
    """One line about an entry, for the 'logged today' list."""
    parts = [time_text(entry.recorded_at.astimezone().time()), f"stiffness {entry.stiffness}"]
    if entry.spasm_frequency is not None:
        parts.append(PENN_FREQUENCY[entry.spasm_frequency].lower())
    if entry.pain is not None:
        parts.append(f"pain {entry.pain}")
    if entry.sleep_disruption is not None:
        parts.append(f"sleep disruption {entry.sleep_disruption}")
    return " · ".join(parts) + f"  (entered by {who})"


def slot_text(slot: ScheduledSlot) -> str:
    """A scheduled dose: '08:00  Baclofen 15 mg'."""
    dose = amount(slot.amount, slot.medicine.dose_unit)
    return f"{time_text(slot.time_of_day)}  {slot.medicine.name} {dose}"


def pump_text(medicine: Medicine, regimen: Regimen) -> str:
    """A pump running today: 'Baclofen pump: pump at 250 mcg/day, continuous'."""
    return f"{medicine.name}: pump at {total_text(medicine, regimen.daily_total)}, continuous"


def extra_dose_text(record: DoseRecord, medicine: Medicine | None) -> str:
    """'Extra dose: 5 mg at 14:30'."""
    unit = "" if medicine is None else f" {medicine.dose_unit.value}"
    when = (
        "" if record.taken_at is None else f" at {time_text(record.taken_at.astimezone().time())}"
    )
    return f"Extra dose: {record.amount:g}{unit}{when}"


def all_taken_button(still_to_come: bool) -> tuple[str, str]:
    """The 'all taken' button's text and accessible name: 'so far' while doses are to come."""
    if still_to_come:
        return "&All taken so far", "All doses due so far taken as scheduled"
    return "&All taken as scheduled", "All doses taken as scheduled"


def all_taken_so_far_text(taken: int, scheduled: int) -> str:
    """What 'all taken so far' did: 'All taken so far: 2 of 4; the later ones stay open.'."""
    return f"All taken so far: {taken} of {scheduled}; the later ones stay open."


def saved_text(log: DayLog, now: datetime) -> str:
    """What a save did: 'Saved at 20:05: stiffness 6, 3 doses (3 taken).'."""
    parts = []
    if log.entry is not None:
        parts.append(f"stiffness {log.entry.stiffness}")
    if log.doses:
        taken = sum(1 for d in log.doses if d.status is not DoseStatus.MISSED)
        plural = "s" if len(log.doses) != 1 else ""
        parts.append(f"{len(log.doses)} dose{plural} ({taken} taken)")
    if log.side_effects:
        parts.append(f"{len(log.side_effects)} side effect(s)")
    if log.events:
        parts.append(f"{len(log.events)} event(s)")
    return f"Saved at {time_text(now.astimezone().time())}: " + ", ".join(parts) + "."


def day_changed_text(opened: date) -> str:
    """The page was opened on an earlier day: say so rather than save to the wrong day."""
    return (
        f"The date has changed since this page was opened ({long_day_text(opened)}). The page "
        "now shows today: check it and save again."
    )


def cycle_text(cycle: Cycle) -> str | None:
    """Today's line about the next appointment (None when none is known).

    'Next appointment: Tue 8 Dec 2026, in 8 days. A short check-in helps prepare for it.'
    """
    days = cycle.days_to_next
    if cycle.next_day is None or days is None:
        return None
    when = weekday_text(cycle.next_day)
    if days == 0:
        text = f"Appointment today, {when}."
    elif days == 1:
        text = f"Next appointment: tomorrow, {when}."
    else:
        text = f"Next appointment: {when}, in {days} days."
    if cycle.check_in_open:
        if cycle.check_in is None:
            text += " A short check-in helps prepare for it."
        else:
            text += f" Checked in on {day_text(cycle.check_in.day)}."
    return text
