"""Field checks shared by the entities; each raises ValidationError naming field, value and rule."""

from __future__ import annotations

import math
import unicodedata
from datetime import date, datetime, timedelta

from spasticity_tracker.domain.errors import ValidationError

# A clock a few minutes fast must not make a dose taken "now" look like it is in the future.
FUTURE_TOLERANCE = timedelta(minutes=5)
EARLIEST_DATE = date(1900, 1, 1)


def whole_number(field: str, value: object, low: int, high: int) -> int:
    """An int within [low, high]; bools and floats are refused."""
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValidationError(field, value, f"a whole number from {low} to {high}")
    return value


def optional_whole_number(field: str, value: object, low: int, high: int) -> int | None:
    """None, or an int within [low, high]."""
    if value is None:
        return None
    return whole_number(field, value, low, high)


def amount(field: str, value: object, unit: str = "", maximum: float | None = None) -> float:
    """A finite number above 0 and, when a maximum is given, at most that."""
    limit = math.inf if maximum is None else maximum
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not math.isfinite(value)
        or not 0 < value <= limit
    ):
        rule = "a number above 0"
        if maximum is not None:
            rule += f" and at most {maximum:g} {unit}".rstrip()
        raise ValidationError(field, value, rule)
    return float(value)


def text(field: str, value: object, max_length: int, *, required: bool = False) -> str:
    """A string of at most max_length characters; when required, not blank."""
    if not isinstance(value, str):
        raise ValidationError(field, value, "text")
    if required and not value.strip():
        raise ValidationError(field, value, "filled in", message=f"{field} must not be empty")
    if len(value) > max_length:
        raise ValidationError(
            field,
            value,
            f"at most {max_length} characters",
            message=f"{field} must be at most {max_length} characters (got {len(value)})",
        )
    return value


def one_line(field: str, value: object, max_length: int) -> str:
    """Text of at most max_length characters on one line: no line breaks, tabs or other
    control characters (a hospital number, printed as it is on one line)."""
    text(field, value, max_length)
    assert isinstance(value, str)
    if any(unicodedata.category(c) in {"Cc", "Zl", "Zp"} for c in value):
        raise ValidationError(field, value, "one line of text without control characters")
    return value


def aware(field: str, value: object) -> datetime:
    """A timezone-aware datetime (stored as UTC)."""
    if not isinstance(value, datetime) or value.tzinfo is None or value.utcoffset() is None:
        raise ValidationError(field, value, "a date and time with a time zone")
    return value


def plain_date(field: str, value: object) -> date:
    """A date (not a datetime) from 1900 on."""
    if isinstance(value, datetime) or not isinstance(value, date) or value < EARLIEST_DATE:
        raise ValidationError(field, value, "a date from 1900 on")
    return value


def not_in_future(field: str, value: datetime, now: datetime) -> None:
    """A moment that has already happened (within a few minutes' clock tolerance)."""
    if value > now + FUTURE_TOLERANCE:
        raise ValidationError(
            field,
            value.isoformat(timespec="minutes"),
            f"no later than now ({now.isoformat(timespec='minutes')})",
            message=f"{field} cannot be in the future (got {value.isoformat(timespec='minutes')})",
        )


def day_not_in_future(field: str, value: date, today: date) -> None:
    """A day no later than today."""
    if value > today:
        raise ValidationError(
            field,
            value,
            "today or earlier",
            message=f"{field} cannot be in the future (got {value})",
        )
