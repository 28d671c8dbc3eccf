"""Dates in words, the same whatever the process locale (the app speaks English for now)."""

from __future__ import annotations

from datetime import date

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def day_text(day: date) -> str:
    """'2 Jun 2026'."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def weekday_text(day: date) -> str:
    """'Tue 2 Jun 2026'."""
    return f"{WEEKDAYS[day.weekday()]} {day_text(day)}"
