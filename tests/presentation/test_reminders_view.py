"""What reminders say, in the window, the tray and the desktop's notifications."""

from __future__ import annotations

from datetime import date, time
from zoneinfo import ZoneInfo

import pytest

from spasticity_tracker.domain.entities import (
    Appointment,
    MedicineId,
    Person,
    PersonId,
    PumpRefill,
)
from spasticity_tracker.domain.reminders import Reminder, ReminderKind, Schedule, due_reminders
from spasticity_tracker.presentation import reminders_view as words
from tests.builders import TABLET
from tests.domain.test_reminders import at, doses, regimen

SAM = Person(name="Sam Patel", id=PersonId(2))
DAY = date(2025, 6, 10)
LONDON = ZoneInfo("Europe/London")


def _due(schedule: Schedule, hour: int, minute: int = 0) -> list[Reminder]:
    return due_reminders(schedule, at(DAY, hour, minute))


def test_a_dose_names_its_medicine_amount_and_time() -> None:
    (reminder,) = _due(doses(time(8)), 8)
    assert words.subject(reminder) == "Baclofen 10 mg at 08:00"
    assert words.title(SAM, reminder, several_people=False) == "Baclofen 10 mg at 08:00"
    assert words.title(SAM, reminder, several_people=True) == "Sam Patel: Baclofen 10 mg at 08:00"
    assert words.detail(reminder, DAY) == "Due today. Taken records it as taken now."
    assert words.detail(reminder, date(2025, 6, 11)) == (
        "Due on Tue 10 Jun 2025. Taken records it as taken now."
    )
    assert words.detail(reminder, DAY, late=True).startswith(
        "Due today, over an hour ago, and not recorded."
    )


def test_the_other_reminders() -> None:
    refill = PumpRefill(medicine_id=MedicineId(2), refill_date=DAY, next_due=date(2025, 6, 11))
    visit = Appointment(person_id=PersonId(2), day=date(2025, 6, 11), clinician="Dr Lewis")
    schedule = Schedule(
        medicines=(TABLET,),
        regimens=(regimen(date(2025, 1, 1)),),
        log_time=time(9),
        refills=(refill,),
        appointments=(visit,),
        zone=LONDON,
    )
    found = {r.kind: r for r in _due(schedule, 9)}
    assert words.subject(found[ReminderKind.DAILY_LOG]) == "Today's log"
    assert words.subject(found[ReminderKind.PUMP_REFILL]) == "Pump refill tomorrow"
    assert words.detail(found[ReminderKind.PUMP_REFILL], DAY) == (
        "The pump is due a refill on Wed 11 Jun 2025."
    )
    assert words.subject(found[ReminderKind.APPOINTMENT]) == "Appointment tomorrow"
    assert words.detail(found[ReminderKind.APPOINTMENT], DAY) == "Wed 11 Jun 2025 with Dr Lewis."


@pytest.mark.parametrize(
    ("due", "late", "expected"),
    [
        (0, 0, "Spasticity Tracker: no reminders due"),
        (1, 0, "Spasticity Tracker: 1 reminder due"),
        (2, 1, "Spasticity Tracker: 2 reminders due; 1 dose over an hour late, not recorded"),
        (0, 3, "Spasticity Tracker: 3 doses over an hour late, not recorded"),
    ],
)
def test_the_tray_tooltip(due: int, late: int, expected: str) -> None:
    assert words.tooltip(due, late) == expected


def test_notifications_gather_what_fell_due_together() -> None:
    assert words.notification(["A"]) == ("Reminder", "A")
    assert words.notification(["A", "B"]) == ("2 reminders", "A\nB")
    assert words.late_notification(["A"]) == (
        "A dose is more than an hour late",
        "A\nNot recorded yet: open the diary to record it.",
    )
    assert words.late_notification(["A", "B"])[0] == "2 doses are more than an hour late"
