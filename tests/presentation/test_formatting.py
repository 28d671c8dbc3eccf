"""Counts in words: one thing, many things."""

from __future__ import annotations

import pytest

from spasticity_tracker.presentation.formatting import counted, import_totals


@pytest.mark.parametrize(
    ("number", "expected"),
    [(0, "0 entries"), (1, "1 entry"), (2, "2 entries"), (1.5, "1.5 entries")],
)
def test_a_count_takes_the_plural_except_for_one(number: float, expected: str) -> None:
    assert counted(number, "entry", "entries") == expected


def test_the_plural_is_an_s_unless_given() -> None:
    assert counted(1, "year") == "1 year"
    assert counted(3, "year") == "3 years"


def test_import_totals_name_each_kind_of_record() -> None:
    assert import_totals(1, 0, 2, 1) == "1 entry, 0 side effects, 2 dose changes, 1 dose record"
    assert import_totals(3, 1, 1, 0) == "3 entries, 1 side effect, 1 dose change, 0 dose records"
