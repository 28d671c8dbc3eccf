"""Daily series for the trends chart: daily and rolling means, dose steps, marks, spans, summary."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta, timezone
from statistics import fmean

import pytest
from hypothesis import given
from hypothesis import strategies as st

from spasticity_tracker.domain.entities import (
    Event,
    Medicine,
    MedicineId,
    PersonId,
    Regimen,
    SideEffectReport,
    SymptomEntry,
)
from spasticity_tracker.domain.scales import EventKind, Severity
from spasticity_tracker.domain.series import (
    DailyMeans,
    DoseChangeMark,
    DoseStep,
    EventSpan,
    daily_means,
    daily_means_of,
    days_between,
    days_with_values,
    dose_change_marks,
    dose_steps,
    entry_day,
    event_spans,
    rolling_mean,
    side_effect_lanes,
)
from tests.builders import JAN1, PUMP, SPRAY, TABLET, entry, mar, oral, pump

ALEX = PersonId(1)
FEB28 = date(2026, 2, 28)
APR1 = date(2026, 4, 1)
MAR31 = date(2026, 3, 31)


# daily_means


@pytest.mark.parametrize(
    ("entries", "expected"),
    [
        ([entry(mar(1), 4), entry(mar(1), 7), entry(mar(3), 3)], [5.5, None, 3.0]),
        ([entry(mar(2), 2), entry(mar(2), 3), entry(mar(2), 7)], [None, 4.0, None]),
        ([], [None, None, None]),
        ([entry(FEB28, 9), entry(mar(4), 9), entry(mar(2), 1)], [None, 1.0, None]),
        (
            [entry(mar(1), 6, hour=0), entry(mar(3), 8, hour=23, minute=59)],
            [6.0, None, 8.0],
        ),
    ],
    ids=["several-averaged", "three-averaged", "no-entries", "outside-ignored", "day-edges"],
)
def test_daily_means_average_each_local_day(
    entries: list[SymptomEntry], expected: list[float | None]
) -> None:
    assert daily_means(entries, mar(1), mar(3)) == expected


@pytest.mark.parametrize(
    ("pains", "expected"),
    [
        ([None, None], None),
        ([None, 6], 6.0),
        ([2, 5], 3.5),
        ([0, None, 4], 2.0),
    ],
    ids=["all-none", "none-skipped", "both-counted", "zero-counted-none-skipped"],
)
def test_daily_means_of_pain_skip_entries_without_pain(
    pains: list[int | None], expected: float | None
) -> None:
    entries = [entry(mar(2), 9, pain=pain) for pain in pains]
    assert daily_means(entries, mar(1), mar(3), lambda e: e.pain) == [None, expected, None]


def test_daily_means_of_entries_whose_days_are_given_count_each_on_its_given_day() -> None:
    """A caller with the entries' local days already passes them; they are used as given."""
    entries = [entry(mar(2), 4, pain=1), entry(mar(2), 8, pain=None), entry(mar(3), 6, pain=3)]
    values = (lambda e: e.stiffness, lambda e: e.pain)
    assert daily_means_of(entries, mar(1), mar(3), values) == [
        [None, 6.0, 6.0],
        [None, 1.0, 3.0],
    ]
    assert daily_means_of(entries, mar(1), mar(3), values, days=[mar(1), mar(3), mar(3)]) == [
        [4.0, None, 7.0],
        [1.0, None, 3.0],
    ]
    with pytest.raises(ValueError, match="shorter"):  # a day for each entry, or none
        daily_means_of(entries, mar(1), mar(3), values, days=[mar(1)])


def test_daily_means_default_to_stiffness() -> None:
    assert daily_means([entry(mar(1), 8, pain=2)], mar(1), mar(1)) == [8.0]


@pytest.mark.parametrize(
    ("wall_clock", "shown_in"),
    [
        (datetime.combine(mar(2), time(23, 30)), timezone(timedelta(hours=14))),
        (datetime.combine(mar(2), time(0, 30)), timezone(timedelta(hours=-12))),
    ],
    ids=["late-evening-shown-far-east", "after-midnight-shown-far-west"],
)
def test_daily_means_use_the_local_day_whatever_the_offset_stored(
    wall_clock: datetime, shown_in: timezone
) -> None:
    recorded_at = wall_clock.astimezone().astimezone(shown_in)
    stored = SymptomEntry(person_id=ALEX, recorded_at=recorded_at, stiffness=6)
    assert daily_means([stored], mar(1), mar(3)) == [None, 6.0, None]


# rolling_mean


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([1, None, 2, None, 3, None, None], [None] * 7),
        ([1, None, 2, None, 3, None, 6], [None] * 6 + [3.0]),
        ([2, None, None, 4, 6, None, 8], [None] * 6 + [5.0]),
        ([1, 2, 3, 4, 5], [None, None, None, 2.5, 3.0]),
        ([None, None, 1, 2, 3, 6], [None] * 5 + [3.0]),
        ([9, 1, 1, 1, None, None, None, 1], [None] * 3 + [3.0] * 4 + [1.0]),
        ([5, 5, 5, 5, None, None, None, None], [None] * 3 + [5.0] * 4 + [None]),
        ([], []),
    ],
    ids=[
        "exactly-3-of-7",
        "exactly-4-of-7",
        "gaps-inside-window",
        "first-days",
        "first-days-with-gaps",
        "old-value-leaves-window",
        "leaving-value-drops-below-4",
        "empty",
    ],
)
def test_rolling_mean_needs_4_of_the_last_7_days(
    values: list[float | None], expected: list[float | None]
) -> None:
    assert rolling_mean(values) == expected


@pytest.mark.parametrize(
    ("values", "window", "at_least", "expected"),
    [
        ([1, None, 3, 5, None, None], 3, 2, [None, None, 2.0, 4.0, 4.0, None]),
        ([1, None, 3], 1, 1, [1.0, None, 3.0]),
        ([4, 2, None, None, None, None, None, None, 6], 14, 3, [None] * 8 + [4.0]),
        ([1, 2, 3, 4], 7, 5, [None] * 4),
    ],
    ids=["window-3-at-least-2", "window-1-is-the-values", "window-14", "at-least-5"],
)
def test_rolling_mean_custom_window_and_minimum(
    values: list[float | None], window: int, at_least: int, expected: list[float | None]
) -> None:
    assert rolling_mean(values, window=window, at_least=at_least) == expected


def test_rolling_mean_with_no_minimum_is_none_where_the_window_is_empty() -> None:
    assert rolling_mean([None, 2, None, None], window=2, at_least=0) == [None, 2.0, 2.0, None]


# dose_steps


@pytest.mark.parametrize(
    ("regimens", "first", "last", "expected"),
    [
        (
            [oral(JAN1, 5, 5, 5), oral(mar(10), 10, 10, 10), oral(mar(20), 15, 15, 15)],
            mar(1),
            MAR31,
            [(mar(1), mar(9), 15.0), (mar(10), mar(19), 30.0), (mar(20), MAR31, 45.0)],
        ),
        (
            [oral(mar(20), 15, 15, 15), oral(JAN1, 5, 5, 5), oral(mar(10), 10, 10, 10)],
            mar(1),
            MAR31,
            [(mar(1), mar(9), 15.0), (mar(10), mar(19), 30.0), (mar(20), MAR31, 45.0)],
        ),
        (
            [oral(JAN1, 5, 5, 5), oral(mar(1), 10, 10, 10)],
            mar(1),
            MAR31,
            [(mar(1), MAR31, 30.0)],
        ),
        (
            [oral(JAN1, 5, 5, 5), oral(MAR31, 10, 10, 10)],
            mar(1),
            MAR31,
            [(mar(1), mar(30), 15.0), (MAR31, MAR31, 30.0)],
        ),
        ([oral(mar(10), 10, 10, 10)], mar(1), MAR31, [(mar(10), MAR31, 30.0)]),
        ([oral(APR1, 10, 10, 10)], mar(1), MAR31, []),
        ([], mar(1), MAR31, []),
        (
            [oral(JAN1, 10, 10, 10), oral(mar(10), 15, 15), oral(mar(20), 15, 15, 15)],
            mar(1),
            MAR31,
            [(mar(1), mar(19), 30.0), (mar(20), MAR31, 45.0)],
        ),
        (
            [oral(JAN1, 5, 5, 5), oral(mar(10)), oral(mar(20), 5, 5)],
            mar(1),
            MAR31,
            [(mar(1), mar(9), 15.0), (mar(10), mar(19), 0.0), (mar(20), MAR31, 10.0)],
        ),
        (
            [oral(JAN1, 5, 5, 5), oral(FEB28, 10, 10, 10)],
            mar(1),
            mar(3),
            [(mar(1), mar(3), 30.0)],
        ),
        ([oral(JAN1, 5, 5, 5), oral(mar(2), 10)], mar(2), mar(2), [(mar(2), mar(2), 10.0)]),
        ([oral(mar(2), 5)], mar(1), mar(1), []),
    ],
    ids=[
        "several-changes",
        "regimens-in-any-order",
        "change-on-first-day",
        "change-on-last-day",
        "range-starts-before-first-regimen",
        "range-before-any-regimen",
        "no-regimens",
        "same-total-merged",
        "stopped-is-a-zero-step",
        "changes-before-range-only",
        "one-day-range",
        "one-day-range-before-regimen",
    ],
)
def test_dose_steps_of_one_medicine(
    regimens: list[Regimen],
    first: date,
    last: date,
    expected: list[tuple[date, date, float]],
) -> None:
    assert dose_steps(TABLET, regimens, first, last) == [
        DoseStep(MedicineId(1), start, end, total) for start, end, total in expected
    ]


def test_dose_steps_keep_medicines_apart() -> None:
    regimens = [
        oral(JAN1, 5, 5, 5),
        pump(JAN1, 300),
        oral(mar(10), 10, 10, 10),
        pump(mar(15), 350),
        oral(mar(5), 2, 2, medicine=SPRAY),
    ]
    assert dose_steps(TABLET, regimens, mar(1), MAR31) == [
        DoseStep(MedicineId(1), mar(1), mar(9), 15.0),
        DoseStep(MedicineId(1), mar(10), MAR31, 30.0),
    ]
    assert dose_steps(PUMP, regimens, mar(1), MAR31) == [
        DoseStep(MedicineId(2), mar(1), mar(14), 300.0),
        DoseStep(MedicineId(2), mar(15), MAR31, 350.0),
    ]
    assert dose_steps(SPRAY, regimens, mar(1), MAR31) == [
        DoseStep(MedicineId(3), mar(5), MAR31, 4.0),
    ]


# dose_change_marks


@pytest.mark.parametrize(
    ("regimens", "medicine", "total"),
    [
        ([oral(JAN1, 5, 5, 5), oral(mar(10), 15, 15, 15)], TABLET, 45.0),
        ([oral(JAN1, 5, 5, 5), oral(mar(10), 2.5, 5)], TABLET, 7.5),
        ([pump(JAN1, 300), pump(mar(10), 350)], PUMP, 350.0),
        ([oral(JAN1, 5, 5, 5), oral(mar(10))], TABLET, 0.0),
        ([pump(JAN1, 300), Regimen(medicine_id=MedicineId(2), start_date=mar(10))], PUMP, 0.0),
        ([oral(JAN1, 2, 2, medicine=SPRAY), oral(mar(10), 4, 4, medicine=SPRAY)], SPRAY, 8.0),
    ],
    ids=["tablet", "tablet-fraction", "pump", "stopped", "pump-stopped", "spray"],
)
def test_dose_change_marks_carry_the_new_daily_total(
    regimens: list[Regimen], medicine: Medicine, total: float
) -> None:
    [mark] = dose_change_marks([TABLET, PUMP, SPRAY], regimens, mar(1), MAR31)
    assert mark == DoseChangeMark(mar(10), medicine, total)
    assert mark.stopped is (total == 0)


@pytest.mark.parametrize(
    ("regimens", "expected"),
    [
        ([oral(mar(10), 5, 5, 5)], []),
        ([oral(mar(10), 5, 5, 5), oral(mar(20), 10, 10, 10)], [mar(20)]),
        ([oral(JAN1, 5, 5, 5)], []),
        ([], []),
    ],
    ids=["first-regimen-in-range", "first-then-change", "only-first-before", "none"],
)
def test_dose_change_marks_skip_each_medicines_first_regimen(
    regimens: list[Regimen], expected: list[date]
) -> None:
    assert [m.day for m in dose_change_marks([TABLET], regimens, mar(1), MAR31)] == expected


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (FEB28, []),
        (mar(1), [mar(1)]),
        (mar(15), [mar(15)]),
        (MAR31, [MAR31]),
        (APR1, []),
    ],
    ids=["day-before-first", "first-day", "inside", "last-day", "day-after-last"],
)
def test_dose_change_marks_only_inside_the_range(change: date, expected: list[date]) -> None:
    regimens = [oral(JAN1, 5, 5, 5), oral(change, 10, 10, 10)]
    assert [m.day for m in dose_change_marks([TABLET], regimens, mar(1), MAR31)] == expected


def test_dose_change_marks_of_several_medicines_by_day() -> None:
    regimens = [
        oral(JAN1, 5, 5, 5),
        oral(mar(20)),
        pump(JAN1, 300),
        pump(mar(12), 350),
        oral(mar(5), 10, 10, 10),
    ]
    assert dose_change_marks([TABLET, PUMP], regimens, mar(1), MAR31) == [
        DoseChangeMark(mar(5), TABLET, 30.0),
        DoseChangeMark(mar(12), PUMP, 350.0),
        DoseChangeMark(mar(20), TABLET, 0.0),
    ]


# event_spans


def event(kind: EventKind, start: date, end: date | None = None) -> Event:
    return Event(person_id=ALEX, kind=kind, start_date=start, end_date=end)


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (mar(5), mar(8), (mar(5), mar(8))),
        (date(2026, 2, 20), mar(3), (mar(1), mar(3))),
        (mar(28), date(2026, 4, 5), (mar(28), MAR31)),
        (date(2026, 2, 1), date(2026, 4, 30), (mar(1), MAR31)),
        (date(2026, 2, 20), mar(1), (mar(1), mar(1))),
        (MAR31, date(2026, 4, 2), (MAR31, MAR31)),
        (date(2026, 2, 20), FEB28, None),
        (APR1, date(2026, 4, 3), None),
        (mar(10), None, (mar(10), mar(10))),
        (mar(1), None, (mar(1), mar(1))),
        (MAR31, None, (MAR31, MAR31)),
        (FEB28, None, None),
        (APR1, None, None),
    ],
    ids=[
        "inside",
        "clipped-at-start",
        "clipped-at-end",
        "clipped-both-ends",
        "ends-on-first-day",
        "starts-on-last-day",
        "ends-day-before",
        "starts-day-after",
        "single-day-inside",
        "single-day-first",
        "single-day-last",
        "single-day-before",
        "single-day-after",
    ],
)
def test_event_spans_clip_to_the_range(
    start: date, end: date | None, expected: tuple[date, date] | None
) -> None:
    spans = event_spans([event(EventKind.INFECTION, start, end)], mar(1), MAR31)
    assert spans == ([] if expected is None else [EventSpan(EventKind.INFECTION, *expected)])


@pytest.mark.parametrize(
    ("kind", "is_span"),
    [
        (EventKind.INFECTION, True),
        (EventKind.RELAPSE, True),
        (EventKind.FALL, False),
        (EventKind.PHYSIO, False),
        (EventKind.PUMP_REFILL, False),
    ],
    ids=["infection", "relapse", "fall", "physio", "pump-refill"],
)
def test_event_spans_know_spans_from_single_days(kind: EventKind, is_span: bool) -> None:
    (span,) = event_spans([event(kind, mar(3), mar(6))], mar(1), MAR31)
    assert span.kind is kind
    assert span.is_span is is_span


def test_event_spans_are_sorted_by_start() -> None:
    events = [
        event(EventKind.PHYSIO, mar(20)),
        event(EventKind.RELAPSE, date(2026, 2, 10), mar(4)),
        event(EventKind.FALL, APR1),
        event(EventKind.INFECTION, mar(8), mar(12)),
    ]
    assert event_spans(events, mar(1), MAR31) == [
        EventSpan(EventKind.RELAPSE, mar(1), mar(4)),
        EventSpan(EventKind.INFECTION, mar(8), mar(12)),
        EventSpan(EventKind.PHYSIO, mar(20), mar(20)),
    ]


# side_effect_lanes


def report(effect: str, day: date, severity: Severity) -> SideEffectReport:
    return SideEffectReport(person_id=ALEX, day=day, effect=effect, severity=severity)


@pytest.mark.parametrize(
    "severities",
    [
        (Severity.MILD, Severity.MODERATE, Severity.SEVERE),
        (Severity.SEVERE, Severity.MODERATE, Severity.MILD),
        (Severity.MODERATE, Severity.SEVERE, Severity.MILD),
    ],
    ids=["rising", "falling", "worst-in-middle"],
)
def test_side_effect_lanes_keep_the_worst_severity_of_a_day(
    severities: tuple[Severity, ...],
) -> None:
    reports = [report("drowsiness", mar(5), severity) for severity in severities]
    assert side_effect_lanes(reports, mar(1), MAR31) == {"drowsiness": [(mar(5), Severity.SEVERE)]}


def test_side_effect_lanes_sort_effects_and_days_and_ignore_the_outside() -> None:
    reports = [
        report("weakness", mar(9), Severity.MILD),
        report("drowsiness", MAR31, Severity.MODERATE),
        report("drowsiness", mar(5), Severity.MILD),
        report("drowsiness", mar(1), Severity.SEVERE),
        report("nausea", FEB28, Severity.SEVERE),
        report("dizziness", mar(4), Severity.MILD),
        report("weakness", APR1, Severity.SEVERE),
        report("My own words", mar(2), Severity.MODERATE),
    ]
    lanes = side_effect_lanes(reports, mar(1), MAR31)
    assert lanes == {
        "My own words": [(mar(2), Severity.MODERATE)],
        "dizziness": [(mar(4), Severity.MILD)],
        "drowsiness": [
            (mar(1), Severity.SEVERE),
            (mar(5), Severity.MILD),
            (MAR31, Severity.MODERATE),
        ],
        "weakness": [(mar(9), Severity.MILD)],
    }
    assert list(lanes) == ["My own words", "dizziness", "drowsiness", "weakness"]


def test_side_effect_lanes_are_empty_without_reports_in_range() -> None:
    assert side_effect_lanes([report("nausea", FEB28, Severity.MILD)], mar(1), MAR31) == {}


# days_between and days_with_values


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [
        (mar(1), mar(1), [mar(1)]),
        (mar(1), mar(3), [mar(1), mar(2), mar(3)]),
        (date(2026, 2, 27), mar(2), [date(2026, 2, 27), FEB28, mar(1), mar(2)]),
        (mar(3), mar(1), []),
    ],
    ids=["one-day", "three-days", "across-month-end", "last-before-first"],
)
def test_days_between_is_inclusive(first: date, last: date, expected: list[date]) -> None:
    assert days_between(first, last) == expected


def test_days_between_a_year_has_every_day_once() -> None:
    days = days_between(JAN1, date(2026, 12, 31))
    assert len(days) == len(set(days)) == 365


@pytest.mark.parametrize(
    ("values", "expected"),
    [([], 0), ([None, None], 0), ([0.0, None, 3.5], 2), ([1.0, 2.0], 2)],
    ids=["empty", "all-none", "zero-counts", "all-present"],
)
def test_days_with_values(values: list[float | None], expected: int) -> None:
    assert days_with_values(values) == expected


@given(
    st.lists(
        st.one_of(
            st.none(),
            st.lists(st.integers(0, 10), min_size=1, max_size=8).map(fmean),
        ),
        max_size=200,
    ),
    st.integers(1, 40),
    st.data(),
)
def test_the_rolling_mean_is_fmean_of_each_window_to_the_last_bit(
    values: list[float | None], window: int, data: st.DataObject
) -> None:
    at_least = data.draw(st.integers(1, window))
    expected = []
    for index in range(len(values)):
        present = [v for v in values[max(0, index - window + 1) : index + 1] if v is not None]
        expected.append(fmean(present) if len(present) >= at_least else None)
    assert rolling_mean(values, window, at_least) == expected


def test_an_entrys_day_follows_a_change_of_time_zone(local_zone: Callable[[str], None]) -> None:
    late = replace(entry(date(2026, 3, 15)), recorded_at=datetime(2026, 3, 15, 23, 30, tzinfo=UTC))
    local_zone("UTC")
    assert entry_day(late) == date(2026, 3, 15)
    local_zone("Pacific/Kiritimati")  # fourteen hours ahead: already the next day
    assert entry_day(late) == date(2026, 3, 16)
    local_zone("UTC")
    assert entry_day(late) == date(2026, 3, 15)


@given(
    st.lists(
        st.tuples(st.integers(0, 9), st.integers(0, 10), st.none() | st.integers(0, 10)),
        max_size=60,
    )
)
def test_daily_means_are_fmean_of_each_days_scores_to_the_last_bit(
    scored: list[tuple[int, int, int | None]],
) -> None:
    first = mar(1)
    entries = [
        entry(first + timedelta(days=offset), stiffness, pain=pain, hour=8 + n % 12)
        for n, (offset, stiffness, pain) in enumerate(scored)
    ]
    days = days_between(first, first + timedelta(days=7))  # entries on days 8 and 9 left out
    for value, score in ((lambda e: e.stiffness, 1), (lambda e: e.pain, 2)):
        expected: list[float | None] = []
        for offset in range(len(days)):
            present = [v for s in scored if s[0] == offset and (v := s[score]) is not None]
            expected.append(fmean(present) if present else None)
        assert daily_means(entries, days[0], days[-1], value) == expected


@given(
    st.lists(st.tuples(st.integers(0, 30), st.integers(0, 10)), max_size=40),
    st.lists(st.tuples(st.integers(-10, 40), st.integers(-3, 40)), min_size=1, max_size=8),
)
def test_daily_means_once_then_sliced_are_daily_means_of_each_stretch(
    scored: list[tuple[int, int]], stretches: list[tuple[int, int]]
) -> None:
    first = mar(1)
    entries = [
        entry(
            first + timedelta(days=offset),
            stiffness,
            pain=stiffness if n % 3 else None,
            hour=8 + n % 12,
        )
        for n, (offset, stiffness) in enumerate(scored)
    ]
    daily = DailyMeans(entries)
    pain = DailyMeans(entries, lambda e: e.pain)
    for start, length in stretches:
        a = first + timedelta(days=start)
        b = a + timedelta(days=length)
        assert daily.between(a, b) == daily_means(entries, a, b)
        assert pain.between(a, b) == daily_means(entries, a, b, lambda e: e.pain)
