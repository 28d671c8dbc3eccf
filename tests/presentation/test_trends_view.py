"""What the Trends chart shows, worked out without Qt: series, lanes, labels and words."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta

import pytest

from spasticity_tracker.domain.entities import (
    Event,
    Medicine,
    PersonId,
    Regimen,
    SideEffectReport,
    SymptomEntry,
    ToxinInjection,
)
from spasticity_tracker.domain.scales import EventKind, Severity, ToxinProduct
from spasticity_tracker.domain.series import (
    DoseChangeMark,
)
from spasticity_tracker.presentation.trends_view import (
    DAY,
    TOXIN_LANE,
    EventMark,
    TrendsView,
    change_label,
    day_of,
    range_caption,
    x_of,
)
from spasticity_tracker.services.trends import TrendData, trend_data
from tests.builders import PUMP, SPRAY, TABLET, entry, oral

ALEX = PersonId(1)
FIRST, LAST = date(2026, 3, 1), date(2026, 3, 10)


def daily(medicine: Medicine, start: date, *amounts: float) -> Regimen:
    """Doses every 4 hours from 08:00 (as many as amounts); none means stopped."""
    return oral(start, *amounts, medicine=medicine, hours=(8, 12, 16, 20))


def data(
    entries: Sequence[SymptomEntry],
    medicines: Sequence[Medicine],
    regimens: Sequence[Regimen],
    events: Sequence[Event] = (),
    reports: Sequence[SideEffectReport] = (),
    injections: Sequence[ToxinInjection] = (),
) -> TrendData:
    """Trend data as the service makes it, for FIRST to LAST."""
    return trend_data(
        FIRST,
        LAST,
        entries=entries,
        medicines=medicines,
        regimens=regimens,
        events=events,
        reports=reports,
        injections=injections,
    )


@pytest.mark.parametrize(
    ("medicine", "total", "label"),
    [
        (TABLET, 45.0, "Baclofen 45 mg/day"),
        (TABLET, 7.5, "Baclofen 7.5 mg/day"),
        (PUMP, 350.0, "Baclofen pump 350 mcg/day"),
        (TABLET, 0.0, "Baclofen stopped"),
        (PUMP, 0.0, "Baclofen pump stopped"),
        (SPRAY, 8.0, "THC:CBD spray 8 sprays/day"),
    ],
    ids=["tablet", "tablet-fraction", "pump", "stopped", "pump-stopped", "spray"],
)
def test_a_change_is_labelled_with_its_new_daily_total(
    medicine: Medicine, total: float, label: str
) -> None:
    assert change_label(DoseChangeMark(FIRST, medicine, total)) == label


def test_days_sit_at_local_noon_and_come_back() -> None:
    x = x_of(FIRST)
    assert day_of(x) == FIRST
    assert day_of(x - DAY / 2 + 1) == FIRST
    assert day_of(x + DAY / 2 + 1) == FIRST + timedelta(days=1)


def test_series_steps_and_marks() -> None:
    entries = [entry(FIRST, 4, pain=2), entry(FIRST + timedelta(days=2), 6)]
    regimens = [daily(TABLET, date(2026, 1, 1), 10, 10), daily(TABLET, date(2026, 3, 5), 15)]
    view = TrendsView(data(entries, [TABLET], regimens))
    assert view.daily_points == ([x_of(FIRST), x_of(FIRST + timedelta(days=2))], [4.0, 6.0])
    pain = view.overlay("pain")
    assert pain[0] == 2.0
    assert all(math.isnan(v) for v in pain[1:])
    [line] = view.dose_lines
    assert (line.name, line.pump, line.ys) == ("Baclofen", False, [20.0, 20.0, 15.0, 15.0])
    assert line.xs[1] == line.xs[2] == x_of(date(2026, 3, 5)) - DAY / 2
    assert view.highest_dose(pump=False) == 20.0
    assert view.highest_dose(pump=True) == 0.0
    assert not view.has_pump
    assert view.change_marks == [(x_of(date(2026, 3, 5)) - DAY / 2, "Baclofen 15 mg/day")]


def test_lanes_for_side_effects_events_and_injections() -> None:
    reports = [
        SideEffectReport(person_id=ALEX, day=FIRST, effect="drowsiness", severity=Severity.MILD),
        SideEffectReport(person_id=ALEX, day=FIRST, effect="Tingling", severity=Severity.SEVERE),
    ]
    events = [
        Event(person_id=ALEX, kind=EventKind.FALL, start_date=FIRST + timedelta(days=1)),
        Event(
            person_id=ALEX,
            kind=EventKind.INFECTION,
            start_date=FIRST,
            end_date=FIRST + timedelta(days=3),
        ),
    ]
    shot = ToxinInjection(person_id=ALEX, day=FIRST + timedelta(days=2), product=ToxinProduct.OTHER)
    view = TrendsView(data([], [TABLET], [], events, reports, [shot]))
    assert view.effect_lanes == ["Tingling", "Drowsiness"]
    assert view.effect_points[Severity.SEVERE] == ([x_of(FIRST)], [0])
    assert view.event_lanes == [EventKind.INFECTION.label, EventKind.FALL.label, TOXIN_LANE]
    assert view.event_bars == (
        [x_of(FIRST) - DAY / 2, x_of(FIRST + timedelta(days=3)) + DAY / 2],
        [0, 0],
    )
    assert view.event_marks == [
        EventMark(x_of(FIRST + timedelta(days=1)), 1, EventKind.FALL),
        EventMark(x_of(shot.day), 2, None),
    ]
    xs, ys = view.toxin_windows
    assert (day_of(xs[0] + DAY / 2), ys) == (shot.day + timedelta(days=4), [2, 2])


def test_a_day_in_words() -> None:
    regimens = [daily(TABLET, date(2026, 1, 1), 10, 10), daily(TABLET, date(2026, 3, 5))]
    shot = ToxinInjection(person_id=ALEX, day=FIRST, product=ToxinProduct.ONABOTULINUMTOXIN_A)
    view = TrendsView(data([entry(FIRST, 5, pain=3)], [TABLET], regimens, injections=[shot]))
    assert view.describe_day(FIRST) == (
        "Sun 1 Mar 2026; stiffness 5; pain 3; Baclofen 20 mg/day; events: botulinum toxin "
        "injection (onabotulinumtoxinA (Botox))"
    )
    assert view.describe_day(date(2026, 3, 6)) == (
        "Fri 6 Mar 2026; no stiffness score; Baclofen stopped; events: expected effect of the "
        "botulinum toxin injection of 1 Mar 2026 (week 1)"
    )


def test_the_caption_names_a_preset_or_the_dates() -> None:
    entries = [entry(FIRST + timedelta(days=n), 5) for n in range(10)]
    view = TrendsView(data(entries, [TABLET], []))
    assert view.caption("1 month", FIRST, LAST) == (
        "1 month: mean stiffness 5.0 (10 of 10 days), 0 dose changes"
    )
    assert view.caption(None, FIRST, FIRST + timedelta(days=1)).startswith(
        "1 Mar 2026 to 2 Mar 2026: mean stiffness 5.0 (2 of 2 days)"
    )


def test_the_caption_gives_stiffness_by_time_of_day_when_logged_several_times_a_day() -> None:
    mornings = [entry(FIRST + timedelta(days=n), 7, hour=8) for n in range(4)]
    evenings = [entry(FIRST + timedelta(days=n), 4) for n in range(10)]
    view = TrendsView(data([*mornings, *evenings], [TABLET], []))
    assert view.caption("1 month", FIRST, LAST) == (
        "1 month: mean stiffness 4.6 (10 of 10 days), 0 dose changes. Stiffness by time of "
        "day, median (middle half, entries): morning 7 (7 to 7, 4 entries); afternoon no "
        "entries; evening 4 (4 to 4, 10 entries); night no entries"
    )
    # Only the days shown count: in the last six days nobody logged twice a day.
    assert "time of day" not in view.caption(None, FIRST + timedelta(days=4), LAST)


def test_the_time_of_day_is_the_local_wall_clocks_not_the_stored_utc(
    local_zone: Callable[[str], None],
) -> None:
    local_zone("Pacific/Kiritimati")  # UTC+14: 20:00 UTC is 10:00 the next day, 02:00 is 16:00
    entries = [
        replace(entry(FIRST), recorded_at=datetime.combine(FIRST + timedelta(days=n), hour, UTC))
        for n in range(4)
        for hour in (time(2), time(20))
    ]
    caption = TrendsView(data(entries, [TABLET], [])).caption(None, FIRST, LAST)
    assert "morning 5 (5 to 5, 4 entries); afternoon 5 (5 to 5, 4 entries)" in caption


# range_caption


@pytest.mark.parametrize(
    ("label", "values", "changes", "expected"),
    [
        (
            "3 months",
            [5.2] * 82 + [None] * 9,
            2,
            "3 months: mean stiffness 5.2 (82 of 91 days), 2 dose changes",
        ),
        (
            "1 month",
            [3.0, None, 5.0] + [4.0] * 16 + [None] * 11,
            1,
            "1 month: mean stiffness 4.0 (18 of 30 days), 1 dose change",
        ),
        (
            "1 month",
            [3.0, None, 5.0, 4.0, 4.0] + [None] * 25,
            1,
            "1 month: not enough entries for a mean stiffness (4 of 30 days), 1 dose change",
        ),
        (
            "1 week",
            [5.0, 6.0, 6.0, 6.0, None, None, None],
            0,
            "1 week: mean stiffness 5.8 (4 of 7 days), 0 dose changes",
        ),
        (
            "1 month",
            [3.0, None, 5.0, 4.0] + [None] * 26,
            0,
            "1 month: not enough entries for a mean stiffness (3 of 30 days), 0 dose changes",
        ),
        (
            "1 week",
            [None] * 7,
            1,
            "1 week: not enough entries for a mean stiffness (0 of 7 days), 1 dose change",
        ),
        (
            "1 year",
            [0.0] * 4,
            12,
            "1 year: mean stiffness 0.0 (4 of 4 days), 12 dose changes",
        ),
    ],
    ids=[
        "plural-changes",
        "one-change",
        "four-of-thirty-is-not-enough",
        "rounded-to-one-place",
        "too-few-values",
        "no-values-no-minimum",
        "zero-scores-count",
    ],
)
def test_range_caption_sentence(
    label: str, values: list[float | None], changes: int, expected: str
) -> None:
    assert range_caption(label, values, changes) == expected
