"""Dates in words, the same whatever the process locale (the app speaks English for now).

Python's strftime names months and weekdays in the process locale, which Qt sets from the
system: under a German locale "%B" gives "März" in an English sentence. So the names are
spelt out here.
"""

from __future__ import annotations

from datetime import date, time

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
LONG_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
LONG_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def day_text(day: date) -> str:
    """'2 Jun 2026'."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def weekday_text(day: date) -> str:
    """'Tue 2 Jun 2026'."""
    return f"{WEEKDAYS[day.weekday()]} {day_text(day)}"


def long_day_text(day: date) -> str:
    """'Monday 30 November 2026'."""
    return f"{LONG_WEEKDAYS[day.weekday()]} {day.day} {LONG_MONTHS[day.month - 1]} {day.year}"


def time_text(at: time) -> str:
    """'08:05'."""
    return f"{at.hour:02d}:{at.minute:02d}"
