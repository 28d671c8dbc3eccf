"""Page 1's figures: each dose period's trade-off, doses per medicine, severe side effects first.

Small made-up diaries with answers worked out by hand.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time, timedelta

import pytest

from spasticity_tracker.domain.entities import (
    DoseRecord,
    Event,
    Person,
    PersonId,
    PumpRefill,
    SideEffectReport,
    SymptomEntry,
)
from spasticity_tracker.domain.ingredients import Ingredient
from spasticity_tracker.domain.regimens import IMPORTED_NOTE, Adherence
from spasticity_tracker.domain.scales import DoseStatus, EventKind, Severity
from spasticity_tracker.reports.figures import (
    MedicineDoses,
    Overlap,
    SummaryInput,
    compute,
)
from tests.builders import (
    JAN1,
    PUMP,
    TABLET,
    daily,
    dose,
    entry,
    feb,
    fortnight,
    mar,
    medicine,
    oral,
    pump,
)

ALEX = Person(id=PersonId(1), name="Alex")
TIZANIDINE = medicine(3, "Tizanidine", Ingredient.TIZANIDINE)


def side_effect(day: date, effect: str, severity: Severity = Severity.MILD) -> SideEffectReport:
    return SideEffectReport(person_id=PersonId(1), day=day, effect=effect, severity=severity)


@pytest.fixture
def period() -> SummaryInput:
    """Alex's fortnight, 1 to 14 March 2026, produced on the 15th, with nothing recorded."""
    return fortnight(ALEX)


def test_each_dose_period_reads_across_stiffness_side_effects_and_doses(
    period: SummaryInput,
) -> None:
    # 30 mg/day to 8 March, then 45 mg/day. Stiffness 6 then 4: a fall of a third.
    # Side effects on 2 March (first period) and on 9 and 10 March (second).
    # Doses: all three taken 1-6 March, all three missed on 7 March; none recorded after.
    doses = [dose(mar(d), h, DoseStatus.TAKEN) for d in range(1, 7) for h in (8, 14, 20)]
    doses += [dose(mar(7), h, DoseStatus.MISSED) for h in (8, 14, 20)]
    data = replace(
        period,
        entries=daily(mar(1), [6] * 7 + [4, 4, 4, None, 4, 4, 4]),
        medicines=(TABLET,),
        regimens=[oral(JAN1, 10, 10, 10), oral(mar(8), 15, 15, 15)],
        doses=doses,
        side_effects=[
            side_effect(mar(2), "weakness"),
            side_effect(mar(9), "drowsiness"),
            side_effect(mar(10), "drowsiness"),
            side_effect(mar(10), "dizziness", Severity.SEVERE),
            side_effect(mar(11), "dizziness"),  # a day without an entry: logged all the same
        ],
    )
    first, second = compute(data).period_rows

    assert (first.period.first, first.period.last) == (mar(1), mar(7))
    assert first.change is None  # nothing before it to compare with
    assert (first.logged_days, first.side_effect_days) == (7, 1)
    assert first.side_effect_percent == pytest.approx(100 / 7)
    [tablet] = first.doses
    assert tablet == MedicineDoses(TABLET, Adherence(taken=18, missed=3), 0)
    assert tablet.percent_taken == pytest.approx(100 * 18 / 21)

    assert (second.period.first, second.period.last) == (mar(8), mar(14))
    assert second.change == pytest.approx(-100 / 3)
    assert second.line_reached == 30
    assert (second.logged_days, second.side_effect_days) == (7, 3)
    [tablet] = second.doses
    assert tablet.counts == Adherence(not_recorded=21)
    assert tablet.percent_taken is None  # none recorded: no percentage


@pytest.mark.parametrize(
    ("after", "line"),
    [([5] * 7, None), ([4] * 7, 20), ([4, 4, 4, 4, 4, 4, 5], None), ([3] * 6 + [4], 30)],
    ids=["no-change", "20-percent", "under-20", "over-30"],
)
def test_the_change_between_periods_is_marked_at_the_20_and_30_percent_lines(
    period: SummaryInput, after: list[int], line: int | None
) -> None:
    data = replace(
        period,
        entries=daily(mar(1), [5] * 7 + after),
        medicines=(TABLET,),
        regimens=[oral(JAN1, 10, 10, 10), oral(mar(8), 15, 15, 15)],
    )
    _, second = compute(data).period_rows
    assert second.line_reached == line


def test_daily_totals_from_a_spreadsheet_are_assumed_taken_and_left_out_of_the_percentage(
    period: SummaryInput,
) -> None:
    imported = replace(oral(JAN1, 60, hours=(8,)), note=IMPORTED_NOTE)
    from_the_file = [
        DoseRecord(
            medicine_id=TABLET.id,  # type: ignore[arg-type]  # builders' medicines have ids
            day=mar(d),
            status=DoseStatus.TAKEN,
            amount=60.0,
            scheduled_time=time(8),
        )
        for d in range(1, 11)
    ]
    data = replace(
        period,
        entries=daily(mar(1), [5] * 14),
        medicines=(TABLET,),
        regimens=[imported],
        doses=from_the_file,
    )
    figures = compute(data)

    [whole] = figures.medicine_doses
    assert whole == MedicineDoses(TABLET, Adherence(taken=10, not_recorded=4), assumed=10)
    assert whole.observed == 0
    assert whole.percent_taken is None


def test_two_medicines_each_have_their_own_doses(period: SummaryInput) -> None:
    doses = [dose(mar(d), 8, DoseStatus.TAKEN) for d in range(1, 15)]
    doses += [dose(mar(d), 8, DoseStatus.TAKEN, TIZANIDINE) for d in range(1, 11)]
    doses += [dose(mar(d), 8, DoseStatus.MISSED, TIZANIDINE) for d in range(11, 15)]
    data = replace(
        period,
        entries=daily(mar(1), [5] * 14),
        medicines=(TABLET, TIZANIDINE),
        regimens=[oral(JAN1, 20, hours=(8,)), oral(JAN1, 4, hours=(8,), medicine=TIZANIDINE)],
        doses=doses,
    )
    figures = compute(data)

    [row] = figures.period_rows
    assert [(d.medicine.name, d.percent_taken) for d in row.doses] == [
        ("Baclofen", 100.0),
        ("Tizanidine", pytest.approx(100 * 10 / 14)),
    ]
    assert [d.medicine for d in figures.medicine_doses] == [TABLET, TIZANIDINE]


def test_a_pump_has_no_doses_to_record_and_its_refills_are_listed(period: SummaryInput) -> None:
    data = replace(
        period,
        entries=daily(mar(1), [5] * 14),
        medicines=(PUMP,),
        regimens=[pump(JAN1, 300), pump(mar(8), 350)],
        refills=[
            PumpRefill(medicine_id=PUMP.id, refill_date=feb(2), next_due=mar(2)),  # type: ignore[arg-type]
            PumpRefill(medicine_id=PUMP.id, refill_date=mar(2), next_due=mar(30)),  # type: ignore[arg-type]
        ],
    )
    figures = compute(data)

    [whole] = figures.medicine_doses
    assert whole.continuous
    assert whole.percent_taken is None
    assert [r.refill_date for r in figures.refills] == [mar(2)]
    assert [len(row.doses) for row in figures.period_rows] == [1, 1]


def test_every_severe_side_effect_is_on_page_one_then_the_four_most_frequent(
    period: SummaryInput,
) -> None:
    reports = [
        side_effect(mar(day), effect)
        for effect, days in (
            ("drowsiness", 9),
            ("weakness", 8),
            ("nausea", 7),
            ("headache", 6),
            ("fatigue", 5),
            ("insomnia", 4),
        )
        for day in range(1, days + 1)
    ]
    reports.append(side_effect(mar(3), "dizziness", Severity.SEVERE))
    reports.append(side_effect(mar(4), "confusion", Severity.SEVERE))
    figures = compute(replace(period, side_effects=reports, entries=daily(mar(1), [5] * 14)))

    # The severe ones first, then the four most frequent others.
    assert [r.label for r in figures.side_effects_on_page_one()] == [
        "Confusion",
        "Dizziness",
        "Drowsiness",
        "Weakness",
        "Nausea",
        "Headache",
    ]
    assert len(figures.side_effects) == 8
    assert [r.label for r in figures.side_effects_on_page_one(others=1)] == [
        "Confusion",
        "Dizziness",
        "Drowsiness",
    ]


def test_spasm_severity_counts_each_day_at_its_worst(period: SummaryInput) -> None:
    def spasms(day: date, hour: int, severity: int | None) -> SymptomEntry:
        return replace(entry(day, hour=hour, spasms=2), spasm_severity=severity)

    entries = [
        spasms(mar(1), 8, 1),
        spasms(mar(1), 20, 3),  # 1 March: severe
        spasms(mar(2), 8, 2),
        spasms(mar(3), 8, 1),
        spasms(mar(4), 8, None),  # severity not given
        entry(mar(5), spasms=0),
    ]
    figures = compute(replace(period, entries=entries))

    assert figures.spasm_severity_days == [1, 1, 1]


def test_events_are_counted_by_kind_in_the_order_of_the_kinds(period: SummaryInput) -> None:
    def event(kind: EventKind, day: date) -> Event:
        return Event(person_id=PersonId(1), kind=kind, start_date=day)

    events = [
        event(EventKind.FALL, mar(3)),
        event(EventKind.INFECTION, mar(2)),
        event(EventKind.FALL, mar(9)),
        event(EventKind.PHYSIO, mar(4)),
    ]
    figures = compute(replace(period, events=events))

    assert figures.event_counts == [
        (EventKind.INFECTION, 1),
        (EventKind.FALL, 2),
        (EventKind.PHYSIO, 1),
    ]


def test_an_overlapping_comparison_names_what_overlaps_it(period: SummaryInput) -> None:
    # Both medicines change on 1 March; baclofen again on 10 March.
    data = replace(
        period,
        first=feb(15),
        entries=daily(feb(1), [5] * 42),
        medicines=(TABLET, TIZANIDINE),
        regimens=[
            oral(JAN1, 10, 10, 10),
            oral(mar(1), 15, 15, 15),
            oral(mar(10), 20, 20, 20),
            oral(JAN1, 4, hours=(8,), medicine=TIZANIDINE),
            oral(mar(1), 8, hours=(8,), medicine=TIZANIDINE),
        ],
    )
    comparisons = compute(data).comparisons

    first = next(c for c in comparisons if c.medicine == TABLET and c.day == mar(1))
    assert first.overlapping
    assert first.overlaps == (Overlap(mar(1), TIZANIDINE), Overlap(mar(10), TABLET))
    assert first.line_reached is None


def test_a_comparison_compares_its_means_unrounded(period: SummaryInput) -> None:
    change = feb(15)
    before = daily(change - timedelta(days=14), [5] * 14)  # 5.0
    after = daily(change + timedelta(days=3), [4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4])
    data = replace(
        period,
        first=feb(1),
        entries=before + after,
        medicines=(TABLET,),
        regimens=[oral(JAN1, 10, 10, 10), oral(change, 15, 15, 15)],
    )
    [comparison] = compute(data).comparisons
    assert comparison.percent == pytest.approx(-20.0)
    assert comparison.line_reached == 20
