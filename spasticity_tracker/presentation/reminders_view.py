"""What reminders say: in the reminder window, the tray's menu and tooltip, and notifications."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from spasticity_tracker.domain.dates import time_text, weekday_text
from spasticity_tracker.domain.entities import Person
from spasticity_tracker.domain.reminders import Reminder, ReminderKind, in_zone
from spasticity_tracker.presentation.formatting import amount

SNOOZE_LABELS = {10: "10 min", 30: "30 min", 60: "1 hour"}


def subject(reminder: Reminder) -> str:
    """What a reminder is about: 'Baclofen 10 mg at 08:00', 'Today's log'."""
    if reminder.kind is ReminderKind.DOSE:
        assert reminder.medicine is not None
        assert reminder.amount is not None
        assert reminder.time_of_day is not None
        dose = amount(reminder.amount, reminder.medicine.dose_unit)
        return f"{reminder.medicine.name} {dose} at {time_text(reminder.time_of_day)}"
    if reminder.kind is ReminderKind.DAILY_LOG:
        return "Today's log"
    if reminder.kind is ReminderKind.PUMP_REFILL:
        return "Pump refill tomorrow"
    return "Appointment tomorrow"


def title(person: Person, reminder: Reminder, *, several_people: bool) -> str:
    """A reminder's heading; the person's name first when the diary holds more than one."""
    about = subject(reminder)
    return f"{person.name}: {about}" if several_people else about


def detail(reminder: Reminder, today: date, *, late: bool = False) -> str:
    """A reminder's one line of detail."""
    if reminder.kind is ReminderKind.DOSE:
        when = "today" if reminder.day == today else f"on {weekday_text(reminder.day)}"
        due = time_text(in_zone(reminder.due).time())
        snoozed = "" if reminder.due == reminder.scheduled else f" (snoozed until {due})"
        if late:
            return (
                f"Due {when}, over an hour ago, and not recorded. Taken records it as taken "
                "late, now; Open goes to Today to record it otherwise."
            )
        return f"Due {when}{snoozed}. Taken records it as taken now."
    if reminder.kind is ReminderKind.DAILY_LOG:
        return "Stiffness, spasms and doses: a few seconds on the Today page."
    if reminder.kind is ReminderKind.PUMP_REFILL:
        assert reminder.refill is not None
        return f"The pump is due a refill on {weekday_text(reminder.refill.next_due)}."
    assert reminder.appointment is not None
    appointment = reminder.appointment
    with_whom = f" with {appointment.clinician}" if appointment.clinician else ""
    return f"{weekday_text(appointment.day)}{with_whom}."


def tooltip(due: int, late: int) -> str:
    """The tray icon's tooltip: how many reminders are due, and doses late."""
    parts = []
    if due:
        parts.append(f"{due} reminder{'s' if due != 1 else ''} due")
    if late:
        parts.append(f"{late} dose{'s' if late != 1 else ''} over an hour late, not recorded")
    return "Spasticity Tracker: " + ("; ".join(parts) if parts else "no reminders due")


def notification(lines: Sequence[str]) -> tuple[str, str]:
    """A notification's title and text for the reminders that just fell due."""
    if len(lines) == 1:
        return "Reminder", lines[0]
    return f"{len(lines)} reminders", "\n".join(lines)


def late_notification(lines: Sequence[str]) -> tuple[str, str]:
    """A notification for doses that just became more than an hour late."""
    heading = (
        "A dose is more than an hour late"
        if len(lines) == 1
        else f"{len(lines)} doses are more than an hour late"
    )
    return heading, "\n".join(lines) + "\nNot recorded yet: open the diary to record it."


CLOSE_TO_TRAY = (
    "Spasticity Tracker keeps running in the system tray, so that it can remind you of doses. "
    "To open it again, click its icon in the tray. To stop it, choose Quit in the File menu "
    "or in the tray icon's menu."
)
