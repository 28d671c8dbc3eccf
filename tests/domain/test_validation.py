"""The shared field checks in domain.validation and the ValidationError they raise."""

from __future__ import annotations

import math
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo

import pytest

from spasticity_tracker.domain import validation as check
from spasticity_tracker.domain.errors import TrackerError, ValidationError

NOW = datetime(2026, 3, 15, 12, 0, tzinfo=UTC)
TODAY = date(2026, 3, 15)


class _NoOffset(tzinfo):
    """A time zone that does not know its offset, so a datetime using it is still naive."""

    def utcoffset(self, dt: datetime | None) -> timedelta | None:
        return None

    def dst(self, dt: datetime | None) -> timedelta | None:
        return None

    def tzname(self, dt: datetime | None) -> str | None:
        return None


# --- ValidationError ---------------------------------------------------------------------------


def test_validation_error_is_a_tracker_error_and_a_value_error() -> None:
    error = ValidationError("Pain", 12, "a whole number from 0 to 10")
    assert isinstance(error, TrackerError)
    assert isinstance(error, ValueError)


def test_validation_error_keeps_field_value_and_rule() -> None:
    error = ValidationError("Pain", 12, "a whole number from 0 to 10")
    assert (error.field, error.value, error.allowed) == ("Pain", 12, "a whole number from 0 to 10")
    assert str(error) == "Pain must be a whole number from 0 to 10 (got 12)"


def test_validation_error_uses_a_given_message_instead_of_the_default() -> None:
    error = ValidationError("Pain", 12, "small", message="Pain is too high")
    assert str(error) == "Pain is too high"
    assert error.allowed == "small"


SHOWN = {
    "None shown as nothing": (None, "nothing"),
    "empty text": ("", "an empty text"),
    "blank text": ("   ", "an empty text"),
    "text quoted": ("abc", "'abc'"),
    "number as is": (3.5, "3.5"),
    "bool as is": (True, "True"),
    "date as is": (date(2024, 1, 2), "2024-01-02"),
}


@pytest.mark.parametrize(("value", "shown"), list(SHOWN.values()), ids=list(SHOWN))
def test_validation_error_shows_the_value_in_plain_words(value: object, shown: str) -> None:
    error = ValidationError("Field", value, "right")
    assert str(error) == f"Field must be right (got {shown})"


# --- whole_number and optional_whole_number ----------------------------------------------------

WHOLE_ACCEPTED = {"low bound": 0, "middle": 5, "high bound": 10}


@pytest.mark.parametrize("value", list(WHOLE_ACCEPTED.values()), ids=list(WHOLE_ACCEPTED))
def test_whole_number_accepts_ints_within_bounds(value: int) -> None:
    assert check.whole_number("Pain", value, 0, 10) == value


WHOLE_REFUSED = {
    "below low": (-1, "-1"),
    "above high": (11, "11"),
    "whole float": (5.0, "5.0"),
    "fractional float": (5.5, "5.5"),
    "bool True": (True, "True"),
    "bool False": (False, "False"),
    "text digit": ("5", "'5'"),
    "None": (None, "nothing"),
    "nan": (math.nan, "nan"),
}


@pytest.mark.parametrize(("value", "shown"), list(WHOLE_REFUSED.values()), ids=list(WHOLE_REFUSED))
def test_whole_number_refuses_anything_else(value: object, shown: str) -> None:
    with pytest.raises(ValidationError) as caught:
        check.whole_number("Pain", value, 0, 10)
    assert caught.value.field == "Pain"
    assert caught.value.value is value
    assert str(caught.value) == f"Pain must be a whole number from 0 to 10 (got {shown})"


def test_optional_whole_number_passes_none_through() -> None:
    assert check.optional_whole_number("Pain", None, 0, 10) is None


def test_optional_whole_number_checks_a_given_value() -> None:
    assert check.optional_whole_number("Pain", 10, 0, 10) == 10
    with pytest.raises(
        ValidationError, match=r"^Pain must be a whole number from 0 to 10 \(got 11\)$"
    ):
        check.optional_whole_number("Pain", 11, 0, 10)


# --- amount ------------------------------------------------------------------------------------

AMOUNT_ACCEPTED = {
    "tiny positive": (0.001, 0.001),
    "int made float": (5, 5.0),
    "float": (12.5, 12.5),
    "huge without a maximum": (1e9, 1e9),
}


@pytest.mark.parametrize(
    ("value", "expected"), list(AMOUNT_ACCEPTED.values()), ids=list(AMOUNT_ACCEPTED)
)
def test_amount_accepts_finite_positive_numbers(value: float, expected: float) -> None:
    result = check.amount("Dose", value)
    assert result == expected
    assert type(result) is float


AMOUNT_REFUSED = {
    "zero": (0, "0"),
    "zero float": (0.0, "0.0"),
    "negative": (-5.0, "-5.0"),
    "nan": (math.nan, "nan"),
    "inf": (math.inf, "inf"),
    "minus inf": (-math.inf, "-inf"),
    "bool True": (True, "True"),
    "text": ("5", "'5'"),
    "None": (None, "nothing"),
}


@pytest.mark.parametrize(
    ("value", "shown"), list(AMOUNT_REFUSED.values()), ids=list(AMOUNT_REFUSED)
)
def test_amount_refuses_non_positive_non_finite_and_non_numbers(value: object, shown: str) -> None:
    with pytest.raises(ValidationError) as caught:
        check.amount("Dose", value)
    assert caught.value.field == "Dose"
    assert str(caught.value) == f"Dose must be a number above 0 (got {shown})"


def test_amount_accepts_exactly_the_maximum() -> None:
    assert check.amount("Dose", 1000, "mg", 1000.0) == 1000.0


def test_amount_refuses_just_above_the_maximum_naming_the_unit() -> None:
    with pytest.raises(ValidationError) as caught:
        check.amount("Dose", 1000.5, "mg", 1000.0)
    assert str(caught.value) == "Dose must be a number above 0 and at most 1000 mg (got 1000.5)"


def test_amount_maximum_without_a_unit_has_no_trailing_space() -> None:
    with pytest.raises(ValidationError) as caught:
        check.amount("Rate", 30, maximum=24.0)
    assert str(caught.value) == "Rate must be a number above 0 and at most 24 (got 30)"


# --- text --------------------------------------------------------------------------------------

TEXT_ACCEPTED = {
    "empty when optional": ("", False),
    "blank when optional": ("   ", False),
    "one character required": ("A", True),
    "exactly the maximum": ("x" * 10, True),
    "padded kept as is": ("  Jo  ", True),
}


@pytest.mark.parametrize(
    ("value", "required"), list(TEXT_ACCEPTED.values()), ids=list(TEXT_ACCEPTED)
)
def test_text_accepts(value: str, required: bool) -> None:
    assert check.text("Name", value, 10, required=required) == value


TEXT_REFUSED = {
    "empty when required": ("", True, "Name must not be empty"),
    "spaces when required": ("   ", True, "Name must not be empty"),
    "tab and newline when required": ("\t\n", True, "Name must not be empty"),
    "max plus one": ("x" * 11, False, "Name must be at most 10 characters (got 11)"),
    "max plus one required": ("x" * 11, True, "Name must be at most 10 characters (got 11)"),
    "long blank when optional": (" " * 11, False, "Name must be at most 10 characters (got 11)"),
    "not text": (5, False, "Name must be text (got 5)"),
    "None": (None, True, "Name must be text (got nothing)"),
}


@pytest.mark.parametrize(
    ("value", "required", "message"), list(TEXT_REFUSED.values()), ids=list(TEXT_REFUSED)
)
def test_text_refuses(value: object, required: bool, message: str) -> None:
    with pytest.raises(ValidationError) as caught:
        check.text("Name", value, 10, required=required)
    assert caught.value.field == "Name"
    assert str(caught.value) == message


# --- aware and plain_date ----------------------------------------------------------------------

AWARE_ACCEPTED = {
    "UTC": datetime(2024, 3, 1, 8, 0, tzinfo=UTC),
    "plus two hours": datetime(2024, 3, 1, 8, 0, tzinfo=timezone(timedelta(hours=2))),
    "minus five hours": datetime(2024, 3, 1, 8, 0, tzinfo=timezone(timedelta(hours=-5))),
}


@pytest.mark.parametrize("value", list(AWARE_ACCEPTED.values()), ids=list(AWARE_ACCEPTED))
def test_aware_accepts_datetimes_with_an_offset(value: datetime) -> None:
    assert check.aware("Time taken", value) is value


AWARE_REFUSED = {
    "naive": (datetime(2024, 3, 1, 8, 0), "2024-03-01 08:00:00"),  # noqa: DTZ001
    "tzinfo without offset": (
        datetime(2024, 3, 1, 8, 0, tzinfo=_NoOffset()),
        "2024-03-01 08:00:00",
    ),
    "a date": (date(2024, 3, 1), "2024-03-01"),
    "a time": (time(8, 0, tzinfo=UTC), "08:00:00+00:00"),
    "text": ("2024-03-01T08:00+00:00", "'2024-03-01T08:00+00:00'"),
    "None": (None, "nothing"),
}


@pytest.mark.parametrize(("value", "shown"), list(AWARE_REFUSED.values()), ids=list(AWARE_REFUSED))
def test_aware_refuses_naive_and_non_datetimes(value: object, shown: str) -> None:
    with pytest.raises(ValidationError) as caught:
        check.aware("Time taken", value)
    assert caught.value.field == "Time taken"
    assert str(caught.value) == f"Time taken must be a date and time with a time zone (got {shown})"


PLAIN_DATE_ACCEPTED = {
    "earliest date": date(1900, 1, 1),
    "recent": date(2024, 2, 29),
    "far future": date(2999, 12, 31),
}


@pytest.mark.parametrize("value", list(PLAIN_DATE_ACCEPTED.values()), ids=list(PLAIN_DATE_ACCEPTED))
def test_plain_date_accepts_dates_from_1900(value: date) -> None:
    assert check.plain_date("Dose date", value) is value


PLAIN_DATE_REFUSED = {
    "day before 1900": (date(1899, 12, 31), "1899-12-31"),
    "aware datetime": (datetime(2024, 3, 1, tzinfo=UTC), "2024-03-01 00:00:00+00:00"),
    "naive datetime": (datetime(2024, 3, 1), "2024-03-01 00:00:00"),  # noqa: DTZ001
    "text": ("2024-03-01", "'2024-03-01'"),
    "None": (None, "nothing"),
}


@pytest.mark.parametrize(
    ("value", "shown"), list(PLAIN_DATE_REFUSED.values()), ids=list(PLAIN_DATE_REFUSED)
)
def test_plain_date_refuses_datetimes_early_dates_and_non_dates(value: object, shown: str) -> None:
    with pytest.raises(ValidationError) as caught:
        check.plain_date("Dose date", value)
    assert caught.value.field == "Dose date"
    assert str(caught.value) == f"Dose date must be a date from 1900 on (got {shown})"


def test_earliest_date_is_1_january_1900() -> None:
    assert date(1900, 1, 1) == check.EARLIEST_DATE


# --- not_in_future and day_not_in_future -------------------------------------------------------


def test_future_tolerance_is_five_minutes() -> None:
    assert timedelta(minutes=5) == check.FUTURE_TOLERANCE


NOT_IN_FUTURE_ACCEPTED = {
    "long ago": NOW - timedelta(days=400),
    "just before now": NOW - timedelta(microseconds=1),
    "exactly now": NOW,
    "one minute ahead": NOW + timedelta(minutes=1),
    "exactly at tolerance": NOW + timedelta(minutes=5),
    "tolerance in another zone": (NOW + timedelta(minutes=5)).astimezone(
        timezone(timedelta(hours=10))
    ),
}


@pytest.mark.parametrize(
    "value", list(NOT_IN_FUTURE_ACCEPTED.values()), ids=list(NOT_IN_FUTURE_ACCEPTED)
)
def test_not_in_future_accepts_the_past_and_a_clock_tolerance(value: datetime) -> None:
    check.not_in_future("Time taken", value, NOW)


NOT_IN_FUTURE_REFUSED = {
    "one microsecond past tolerance": (NOW + timedelta(minutes=5, microseconds=1), "12:05"),
    "six minutes ahead": (NOW + timedelta(minutes=6), "12:06"),
    "tomorrow": (NOW + timedelta(days=1), "12:00"),
}


@pytest.mark.parametrize(
    ("value", "clock"), list(NOT_IN_FUTURE_REFUSED.values()), ids=list(NOT_IN_FUTURE_REFUSED)
)
def test_not_in_future_refuses_beyond_the_tolerance(value: datetime, clock: str) -> None:
    with pytest.raises(ValidationError) as caught:
        check.not_in_future("Time taken", value, NOW)
    shown = f"{value.date().isoformat()}T{clock}+00:00"
    assert caught.value.field == "Time taken"
    assert caught.value.value == shown
    assert caught.value.allowed == "no later than now (2026-03-15T12:00+00:00)"
    assert str(caught.value) == f"Time taken cannot be in the future (got {shown})"


DAY_ACCEPTED = {
    "today": TODAY,
    "yesterday": TODAY - timedelta(days=1),
    "earliest date": date(1900, 1, 1),
}


@pytest.mark.parametrize("value", list(DAY_ACCEPTED.values()), ids=list(DAY_ACCEPTED))
def test_day_not_in_future_accepts_today_and_earlier(value: date) -> None:
    check.day_not_in_future("Side effect date", value, TODAY)


DAY_REFUSED = {
    "tomorrow": date(2026, 3, 16),
    "next year": date(2027, 1, 1),
}


@pytest.mark.parametrize("value", list(DAY_REFUSED.values()), ids=list(DAY_REFUSED))
def test_day_not_in_future_refuses_later_days(value: date) -> None:
    with pytest.raises(ValidationError) as caught:
        check.day_not_in_future("Side effect date", value, TODAY)
    assert caught.value.field == "Side effect date"
    assert caught.value.value == value
    assert caught.value.allowed == "today or earlier"
    assert str(caught.value) == f"Side effect date cannot be in the future (got {value})"
