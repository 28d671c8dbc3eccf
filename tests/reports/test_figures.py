"""The clinic summary's figures, computed by hand from small diaries and compared exactly."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta

import pytest

from spasticity_tracker.domain.cautions import CautionKind, kidney_caution
from spasticity_tracker.domain.entities import (
    CarerId,
    DoseRecord,
    Event,
    Medicine,
    Person,
    PersonId,
    Regimen,
    SideEffectReport,
    SymptomEntry,
    ToxinInjection,
)
from spasticity_tracker.domain.ingredients import Ingredient
from spasticity_tracker.domain.regimens import Adherence
from spasticity_tracker.domain.scales import DoseStatus, EventKind, Severity, ToxinProduct
from spasticity_tracker.reports.figures import (
    AdherenceFigures,
    DailyDoses,
    DoseChange,
    DosePeriod,
    Mean,
    Note,
    Share,
    SideEffectRow,
    SummaryInput,
    compute,
)
from tests.builders import (
    JAN1,
    JO,
    PUMP,
    SAM,
    TABLET,
    at,
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
DANTROLENE = medicine(4, "Dantrolene", Ingredient.DANTROLENE)


def side_effect(day: date, effect: str, severity: Severity) -> SideEffectReport:
    return SideEffectReport(person_id=PersonId(1), day=day, effect=effect, severity=severity)


@pytest.fixture
def period() -> SummaryInput:
    """Alex's fortnight, 1 to 14 March 2026, produced on the 15th, with nothing recorded."""
    return fortnight(ALEX, carers=(JO, SAM))


# Sufficiency: the days behind a mean, and the 4-of-7 rule.


@pytest.mark.parametrize(
    ("medicines", "regimens", "counts", "now", "doses"),
    [
        ((), (), Adherence(), [], ()),
        (
            (TABLET,),
            (oral(JAN1, 10, 10, 10),),
            Adherence(not_recorded=42),  # 3 a day for 14 days, none recorded
            [(TABLET, oral(JAN1, 10, 10, 10))],
            ((TABLET, 30.0),),
        ),
    ],
    ids=["no medicines", "baclofen with no dose records"],
)
def test_an_empty_period_has_no_figures_and_does_not_crash(
    period: SummaryInput,
    medicines: Sequence[Medicine],
    regimens: Sequence[Regimen],
    counts: Adherence,
    now: list[tuple[Medicine, Regimen | None]],
    doses: DailyDoses,
) -> None:
    figures = compute(replace(period, medicines=medicines, regimens=regimens))

    nothing = Mean(None, 0, 14)
    assert figures.days == 14
    assert figures.days_with_entries == 0
    assert figures.stiffness == nothing
    assert figures.stiffness.days_text == "0 of 14 days"
    assert figures.stiffness_median is None
    assert figures.previous == nothing
    assert figures.stiffness_change is None
    assert (figures.pain, figures.sleep) == (nothing, nothing)
    assert figures.spasm_days == [0, 0, 0, 0, 0]
    assert figures.side_effects == []
    assert figures.adherence == AdherenceFigures(counts, 0, 0)
    assert figures.regimen_now == now
    assert figures.changes == []
    assert figures.comparisons == []
    assert (figures.notes, figures.shares, figures.cautions) == ([], [], [])
    assert figures.dose_periods == [DosePeriod(mar(1), mar(14), doses, nothing)]


def test_a_single_day_with_one_entry_is_enough(period: SummaryInput) -> None:
    figures = compute(
        replace(period, first=mar(10), last=mar(10), entries=[entry(mar(10), 4, pain=3)])
    )

    assert figures.days == 1
    assert figures.days_with_entries == 1
    assert figures.stiffness == Mean(4.0, 1, 1)
    assert figures.stiffness.days_text == "1 of 1 days"
    assert figures.stiffness_median == 4.0
    assert figures.pain == Mean(3.0, 1, 1)
    assert figures.sleep == Mean(None, 0, 1)
    assert figures.shares == [Share(None, 1, 100.0)]


SEVEN_SCORED = [1, 2, 3, 4, None, None, 5, 6, None, 7, None, None, None, None]


@pytest.mark.parametrize(
    ("scores", "expected", "median", "text"),
    [
        ([*SEVEN_SCORED[:11], 8, None, None], 4.5, 4.5, "8 of 14 days"),
        (SEVEN_SCORED, None, None, "7 of 14 days"),
    ],
    ids=["8 of 14 days: a mean", "7 of 14 days: not enough entries"],
)
def test_a_mean_needs_8_of_14_days_with_scores(
    period: SummaryInput,
    scores: list[int | None],
    expected: float | None,
    median: float | None,
    text: str,
) -> None:
    figures = compute(replace(period, entries=daily(mar(1), scores)))

    assert figures.stiffness.value == expected
    assert figures.stiffness_median == median
    assert figures.stiffness.days_text == text
    assert figures.days_with_entries == sum(s is not None for s in scores)


def test_several_entries_on_a_day_count_once_with_their_mean(period: SummaryInput) -> None:
    entries = [
        entry(mar(1), 2, hour=8, pain=1),
        entry(mar(1), 2, hour=12, pain=1),
        entry(mar(1), 2, hour=16, pain=1),
        entry(mar(1), 8, hour=20, pain=9),
        entry(mar(2), 8, pain=9),
    ]
    figures = compute(replace(period, first=mar(1), last=mar(2), entries=entries))

    # By day (2+2+2+8)/4 = 3.5 and 8, so 5.75; by entry it would be 22/5 = 4.4.
    assert figures.stiffness == Mean(5.75, 2, 2)
    assert figures.stiffness_median == 5.75
    assert figures.pain == Mean(6.0, 2, 2)  # (3 + 9) / 2, not 21/5 = 4.2
    assert figures.days_with_entries == 2


@pytest.mark.parametrize(
    ("before", "previous", "change"),
    [
        ([6] * 14, Mean(6.0, 14, 14), -2.0),
        ([8, 4] * 4 + [None] * 6, Mean(6.0, 8, 14), -2.0),
        ([8, 4] * 3 + [None] * 8, Mean(None, 6, 14), None),
    ],
    ids=["every day", "8 of 14 days", "not enough entries before"],
)
def test_previous_period_is_the_same_length_just_before(
    period: SummaryInput, before: list[int | None], previous: Mean, change: float | None
) -> None:
    entries = [
        entry(feb(14), 10),  # the day before the previous fortnight: outside both
        *daily(feb(15), before),  # 15 to 28 February
        *daily(mar(1), [4] * 14),
        entry(mar(15), 10),  # after the period
    ]
    figures = compute(replace(period, entries=entries))

    assert figures.stiffness == Mean(4.0, 14, 14)
    assert figures.previous == previous
    assert figures.stiffness_change == change


# Doses: the regimen, its changes and the stiffness in each stretch.


@pytest.mark.parametrize(
    ("regimens", "periods", "changes"),
    [
        (
            [oral(JAN1, 5, 5, 5), oral(mar(8), 10, 10, 10)],
            [(1, 7, ((TABLET, 15.0),), 6.0), (8, 14, ((TABLET, 30.0),), 4.0)],
            [DoseChange(mar(8), TABLET, 15.0, 30.0)],
        ),
        (
            [oral(JAN1, 10, 5), oral(mar(8), 5, 10)],
            [(1, 14, ((TABLET, 15.0),), 5.0)],
            [DoseChange(mar(8), TABLET, 15.0, 15.0)],
        ),
        (
            [oral(mar(8), 10, 10, 10)],
            [(1, 7, (), 6.0), (8, 14, ((TABLET, 30.0),), 4.0)],
            [DoseChange(mar(8), TABLET, None, 30.0)],
        ),
        (
            [oral(JAN1, 5, 5, 5), oral(mar(8))],
            [(1, 7, ((TABLET, 15.0),), 6.0), (8, 14, (), 4.0)],
            [DoseChange(mar(8), TABLET, 15.0, 0.0)],
        ),
        (
            [oral(JAN1, 5, 5, 5), oral(mar(8), 2, 2, medicine=TIZANIDINE)],
            [
                (1, 7, ((TABLET, 15.0),), 6.0),
                (8, 14, ((TABLET, 15.0), (TIZANIDINE, 4.0)), 4.0),
            ],
            [DoseChange(mar(8), TIZANIDINE, None, 4.0)],
        ),
    ],
    ids=["increase", "same total merged", "started", "stopped", "second medicine"],
)
def test_dose_periods_and_changes(
    period: SummaryInput,
    regimens: list[Regimen],
    periods: list[tuple[int, int, DailyDoses, float]],
    changes: list[DoseChange],
) -> None:
    data = replace(
        period,
        entries=daily(mar(1), [6] * 7 + [4] * 7),
        medicines=(TABLET, TIZANIDINE),
        regimens=regimens,
    )
    figures = compute(data)

    assert figures.dose_periods == [
        DosePeriod(mar(a), mar(b), doses, Mean(mean, b - a + 1, b - a + 1))
        for a, b, doses, mean in periods
    ]
    assert figures.changes == changes


def test_a_change_on_the_first_day_starts_the_period_at_the_new_dose(
    period: SummaryInput,
) -> None:
    data = replace(
        period,
        entries=daily(feb(15), [7] * 14 + [5] * 14),  # 15 Feb to 14 March
        medicines=(TABLET,),
        regimens=[oral(JAN1, 5, 5, 5), oral(mar(1), 10, 10, 10)],
    )
    figures = compute(data)

    assert figures.dose_periods == [
        DosePeriod(mar(1), mar(14), ((TABLET, 30.0),), Mean(5.0, 14, 14))
    ]
    assert figures.changes == [DoseChange(mar(1), TABLET, 15.0, 30.0)]
    assert figures.regimen_now == [(TABLET, oral(mar(1), 10, 10, 10))]
    [comparison] = figures.comparisons
    assert (comparison.day, comparison.medicine) == (mar(1), TABLET)
    assert (comparison.old_total, comparison.new_total) == (15.0, 30.0)
    assert comparison.before == Mean(7.0, 14, 14)
    assert comparison.after == Mean(5.0, 11, 14)  # 4 to 14 March; 15 to 17 March not yet come
    assert comparison.difference == -2.0
    assert figures.previous == Mean(7.0, 14, 14)
    assert figures.stiffness_change == -2.0


CHANGE = feb(15)


def around_the_change() -> list[SymptomEntry]:
    """Extremes just outside the windows and in days 1-3; 8.0 before and 6.0 in days 4-17."""
    return [
        entry(CHANGE - timedelta(days=15), 0),
        *daily(CHANGE - timedelta(days=14), [7, 9] * 7),
        *daily(CHANGE, [10, 10, 10]),  # days 1-3, the change day being day 1
        *daily(CHANGE + timedelta(days=3), [5, 7] * 7),  # days 4-17
        entry(CHANGE + timedelta(days=17), 0),  # day 18
    ]


def the_change(period: SummaryInput) -> SummaryInput:
    """1 February to 14 March: Baclofen from 15 to 30 mg/day on CHANGE, with the entries around."""
    return replace(
        period,
        first=feb(1),
        last=mar(14),
        entries=around_the_change(),
        medicines=(TABLET,),
        regimens=[oral(JAN1, 5, 5, 5), oral(CHANGE, 10, 10, 10)],
    )


def test_a_change_compares_14_days_before_with_days_4_to_17_after(
    period: SummaryInput,
) -> None:
    [comparison] = compute(the_change(period)).comparisons

    assert comparison.day == CHANGE
    assert comparison.before == Mean(8.0, 14, 14)
    assert comparison.after == Mean(6.0, 14, 14)
    assert comparison.before.days_text == "14 of 14 days"
    assert comparison.after.days_text == "14 of 14 days"
    assert comparison.difference == -2.0
    assert comparison.percent == -25.0  # (6 - 8) / 8
    assert comparison.status == ""
    assert comparison.overlapping is False


@pytest.mark.parametrize(
    ("days_after", "after", "status"),
    [
        (16, Mean(6.0, 14, 14), ""),
        (10, Mean(6.0, 8, 14), ""),
        (9, Mean(None, 7, 14), "not enough entries"),
        (7, Mean(None, 5, 14), "not enough entries"),
    ],
    ids=["all 14 days come", "8 days come", "7 days come", "5 days come"],
)
def test_days_after_a_change_that_have_not_come_count_as_empty(
    period: SummaryInput, days_after: int, after: Mean, status: str
) -> None:
    produced = CHANGE + timedelta(days=days_after)
    data = replace(
        the_change(period),
        last=produced,
        produced=produced,
        entries=[e for e in around_the_change() if e.recorded_at < at(produced, 23)],
    )
    [comparison] = compute(data).comparisons

    assert comparison.before == Mean(8.0, 14, 14)
    assert comparison.after == after
    assert comparison.status == status
    if status:
        assert (comparison.difference, comparison.percent) == (None, None)
    else:
        assert (comparison.difference, comparison.percent) == (-2.0, -25.0)


@pytest.mark.parametrize(
    "regimens",
    [
        [oral(JAN1, 5, 5, 5), oral(feb(10), 10, 10, 10), oral(feb(20), 15, 15, 15)],
        [oral(feb(20), 15, 15, 15), oral(feb(10), 10, 10, 10), oral(JAN1, 5, 5, 5)],
        [
            oral(JAN1, 5, 5, 5),
            oral(feb(10), 10, 10, 10),
            oral(JAN1, 2, medicine=TIZANIDINE),
            oral(feb(20), 2, 2, medicine=TIZANIDINE),
        ],
    ],
    ids=["one medicine, oldest first", "one medicine, newest first", "two medicines"],
)
def test_two_changes_10_days_apart_overlap(period: SummaryInput, regimens: list[Regimen]) -> None:
    data = replace(
        period,
        first=feb(1),
        last=mar(14),
        entries=daily(JAN1, [5] * 73),  # every day, 1 January to 14 March
        medicines=(TABLET, TIZANIDINE),
        regimens=regimens,
    )
    comparisons = compute(data).comparisons

    assert [c.day for c in comparisons] == [feb(10), feb(20)]
    assert [c.status for c in comparisons] == ["overlaps another change"] * 2
    assert [(c.difference, c.percent) for c in comparisons] == [(None, None)] * 2


def injection(day: date) -> ToxinInjection:
    return ToxinInjection(
        person_id=PersonId(1),
        day=day,
        product=ToxinProduct.ONABOTULINUMTOXIN_A,
        total_units=200.0,
    )


@pytest.mark.parametrize(
    ("day", "overlapping"),
    [
        (CHANGE - timedelta(days=15), False),
        (CHANGE - timedelta(days=14), True),
        (CHANGE, True),
        (CHANGE + timedelta(days=16), True),
        (CHANGE + timedelta(days=17), False),
    ],
    ids=["day before the window", "first day before", "change day", "day 17", "day 18"],
)
def test_a_botulinum_toxin_injection_in_either_window_overlaps_a_change(
    period: SummaryInput, day: date, overlapping: bool
) -> None:
    data = replace(the_change(period), injections=[injection(day)])
    [comparison] = compute(data).comparisons

    assert comparison.overlapping is overlapping
    assert comparison.status == ("overlaps another change" if overlapping else "")


def test_the_period_lists_its_own_injections_oldest_first(period: SummaryInput) -> None:
    inside = [injection(mar(9)), injection(mar(1)), injection(mar(14))]
    outside = [injection(feb(28)), injection(mar(15))]
    figures = compute(replace(period, injections=[outside[0], *inside, outside[1]]))

    assert [i.day for i in figures.injections] == [mar(1), mar(9), mar(14)]


def test_cautions_are_dated_oldest_first_and_the_kidney_note_comes_last(
    period: SummaryInput,
) -> None:
    data = replace(
        period,
        person=replace(ALEX, kidney_impairment=True),
        medicines=(TABLET,),
        regimens=[oral(JAN1, 10, 10, 10), oral(mar(3), 20, 20, 20), oral(mar(10))],
        doses=[dose(mar(5), 8, DoseStatus.MISSED), dose(mar(5), 14, DoseStatus.MISSED)],
    )
    cautions = compute(data).cautions

    assert [(c.kind, c.day) for c in cautions] == [
        (CautionKind.KIDNEY, mar(3)),
        (CautionKind.MISSED_DOSES, mar(5)),
        (CautionKind.STOP_OR_FAST_CUT, mar(10)),
        (CautionKind.KIDNEY, None),
    ]
    assert cautions[2].title == "Stopping baclofen"
    assert cautions[-1] == kidney_caution(data.person, data.medicines)


def test_dose_changes_outside_the_period_raise_no_caution(period: SummaryInput) -> None:
    data = replace(
        period,
        medicines=(TABLET,),
        regimens=[oral(JAN1, 10, 10, 10), oral(feb(20)), oral(mar(15), 10, 10, 10)],
    )
    assert compute(data).cautions == []


def test_a_pump_is_followed_by_its_rate_per_day(period: SummaryInput) -> None:
    data = replace(
        period,
        entries=daily(mar(1), [6] * 7 + [4] * 7),
        medicines=(PUMP,),
        regimens=[pump(JAN1, 300), pump(mar(8), 350)],
    )
    figures = compute(data)

    assert figures.regimen_now == [(PUMP, pump(mar(8), 350))]
    assert figures.dose_periods == [
        DosePeriod(mar(1), mar(7), ((PUMP, 300.0),), Mean(6.0, 7, 7)),
        DosePeriod(mar(8), mar(14), ((PUMP, 350.0),), Mean(4.0, 7, 7)),
    ]
    assert figures.changes == [DoseChange(mar(8), PUMP, 300.0, 350.0)]
    [comparison] = figures.comparisons
    assert (comparison.old_total, comparison.new_total) == (300.0, 350.0)
    assert figures.adherence == AdherenceFigures(Adherence(), 0, 0)  # no scheduled doses


# Spasms, side effects and doses taken.


def test_spasm_days_count_each_day_at_its_highest_level(period: SummaryInput) -> None:
    entries = [
        entry(mar(1), hour=8, spasms=0),
        entry(mar(1), hour=20, spasms=2),
        entry(mar(2), spasms=1),
        entry(mar(3), hour=8, spasms=2),
        entry(mar(3), hour=20, spasms=1),
        entry(mar(4)),  # spasms not recorded: not a day at level 0
        entry(mar(5), hour=8, spasms=4),
        entry(mar(5), hour=20, spasms=3),
        entry(mar(6), spasms=0),
        entry(mar(15), spasms=4),  # after the period
    ]
    figures = compute(replace(period, entries=entries))

    assert figures.spasm_days == [1, 1, 2, 0, 1]


def test_side_effect_rows(period: SummaryInput) -> None:
    reports = [
        side_effect(mar(1), "drowsiness", Severity.MILD),
        side_effect(mar(1), "drowsiness", Severity.MODERATE),
        side_effect(mar(3), "drowsiness", Severity.MILD),
        side_effect(mar(2), "sore feet", Severity.SEVERE),
        side_effect(mar(5), "nausea", Severity.MILD),  # a day with no diary entry
    ]
    data = replace(period, entries=daily(mar(1), [5, 5, 5, 5]), side_effects=reports)

    # Logged days: 1-4 March (entries) and 5 March (a report), so 5.
    assert compute(data).side_effects == [
        SideEffectRow("Drowsiness", 2, 40.0, Severity.MODERATE),
        SideEffectRow("Nausea", 1, 20.0, Severity.MILD),
        SideEffectRow("sore feet", 1, 20.0, Severity.SEVERE),
    ]


ADHERENCE_RECORDS = [
    dose(mar(1), 8, DoseStatus.TAKEN),
    dose(mar(1), 14, DoseStatus.TAKEN),
    dose(mar(1), 20, DoseStatus.LATE),
    dose(mar(2), 8, DoseStatus.MISSED),
    dose(mar(2), 14, DoseStatus.MISSED),
    dose(mar(2), 20, DoseStatus.MISSED),
    dose(mar(3), 8, DoseStatus.MISSED),  # a run of 4 with the whole of 2 March
    dose(mar(3), 14, DoseStatus.TAKEN),
    dose(mar(3), 20, DoseStatus.TAKEN),
    dose(mar(4), 8, DoseStatus.MISSED),
    dose(mar(4), 14, DoseStatus.MISSED),
    dose(mar(4), 20, DoseStatus.TAKEN),
    dose(mar(4), None, DoseStatus.EXTRA),
    dose(mar(5), 8, DoseStatus.TAKEN),
    # 5 March 14:00 and 20:00: nothing recorded
]


@pytest.mark.parametrize(
    ("produced", "not_recorded"),
    [(mar(6), 2), (mar(5), 0)],
    ids=["the last day is over", "produced on the last day"],
)
def test_adherence(period: SummaryInput, produced: date, not_recorded: int) -> None:
    data = replace(
        period,
        last=mar(5),
        produced=produced,
        medicines=(TABLET,),
        regimens=[oral(JAN1, 10, 10, 10)],
        doses=ADHERENCE_RECORDS,
    )
    figures = compute(data)

    counts = Adherence(taken=6, late=1, missed=6, not_recorded=not_recorded, extra=1)
    assert figures.adherence == AdherenceFigures(counts, whole_days_missed=1, longest_missed_run=4)


def test_a_dose_not_recorded_is_not_missed_and_does_not_end_a_run(period: SummaryInput) -> None:
    records = [
        dose(mar(1), 8, DoseStatus.MISSED),
        # 1 March 14:00: nothing recorded
        dose(mar(1), 20, DoseStatus.MISSED),
        dose(mar(2), 8, DoseStatus.TAKEN),
    ]
    data = replace(
        period,
        last=mar(2),
        medicines=(TABLET,),
        regimens=[oral(JAN1, 10, 10, 10)],
        doses=records,
    )
    figures = compute(data)

    counts = Adherence(taken=1, missed=2, not_recorded=3)
    assert figures.adherence == AdherenceFigures(counts, whole_days_missed=0, longest_missed_run=2)


# Who entered what, notes and cautions.


def test_shares_of_entries_by_the_person_and_each_carer(period: SummaryInput) -> None:
    entries = [
        entry(mar(6)),
        entry(mar(7)),
        *(entry(mar(day), by=JO.id) for day in (1, 2, 3, 4, 5)),
        entry(mar(8), by=SAM.id),
        entry(mar(15), by=SAM.id),  # after the period
        entry(feb(28), by=SAM.id),  # before it
    ]
    figures = compute(replace(period, entries=entries))

    assert figures.shares == [Share(JO.id, 5, 62.5), Share(None, 2, 25.0), Share(SAM.id, 1, 12.5)]
    assert figures.carers == [JO, SAM]  # to name them


def test_a_carer_no_longer_listed_keeps_their_share(period: SummaryInput) -> None:
    figures = compute(replace(period, entries=[entry(mar(1), by=CarerId(9)), entry(mar(2))]))

    assert figures.shares == [Share(CarerId(9), 1, 50.0), Share(None, 1, 50.0)]


def test_notes_by_date_with_who_entered_them(period: SummaryInput) -> None:
    entries = [
        entry(mar(3), note="Legs stiff after a long walk", by=JO.id),
        entry(mar(2), note="   "),
        entry(mar(2)),
        entry(mar(1), note="Slept badly"),
        entry(feb(28), note="Before the period"),
    ]
    events = [
        Event(person_id=PersonId(1), kind=EventKind.FALL, start_date=mar(4)),
        Event(
            person_id=PersonId(1),
            kind=EventKind.INFECTION,
            start_date=mar(2),
            end_date=mar(6),
            note="UTI, on antibiotics",
            entered_by=SAM.id,
        ),
    ]
    figures = compute(replace(period, entries=entries, events=events))

    assert figures.notes == [
        Note(at(mar(1)), None, "Slept badly"),
        Note(mar(2), SAM.id, "Infection or UTI: UTI, on antibiotics"),
        Note(at(mar(3)), JO.id, "Legs stiff after a long walk"),
    ]


def test_notes_of_one_day_are_in_time_order(period: SummaryInput) -> None:
    # Newest first, the order the entries repository returns them in.
    entries = [
        entry(mar(2), hour=9, note="Better after physio"),
        entry(mar(1), hour=20, note="Worse in the evening", by=JO.id),
        entry(mar(1), hour=8, note="Stiff on waking"),
    ]
    figures = compute(replace(period, entries=entries))

    assert figures.notes == [
        Note(at(mar(1), 8), None, "Stiff on waking"),
        Note(at(mar(1), 20), JO.id, "Worse in the evening"),
        Note(at(mar(2), 9), None, "Better after physio"),
    ]


@pytest.mark.parametrize(
    ("kidneys", "medicine", "records", "expected"),
    [
        (True, TABLET, [], [(CautionKind.KIDNEY, "Kidney impairment", None)]),
        (
            False,
            TABLET,
            [
                dose(mar(2), 14, DoseStatus.TAKEN),
                dose(mar(2), 20, DoseStatus.MISSED),
                dose(mar(3), 8, DoseStatus.MISSED),
                dose(mar(3), 14, DoseStatus.TAKEN),
            ],
            [(CautionKind.MISSED_DOSES, "2 Baclofen doses missed in a row", mar(2))],
        ),
        (
            True,
            TABLET,
            [dose(mar(5), 8, DoseStatus.MISSED), dose(mar(5), 14, DoseStatus.MISSED)],
            [
                (CautionKind.MISSED_DOSES, "2 Baclofen doses missed in a row", mar(5)),
                (CautionKind.KIDNEY, "Kidney impairment", None),
            ],
        ),
        (
            False,
            TABLET,
            [
                dose(mar(2), 20, DoseStatus.MISSED),
                dose(mar(3), 8, DoseStatus.TAKEN),
                dose(mar(3), 14, DoseStatus.MISSED),
            ],
            [],
        ),
        (
            False,
            TIZANIDINE,
            [
                dose(mar(2), 20, DoseStatus.MISSED, TIZANIDINE),
                dose(mar(3), 8, DoseStatus.MISSED, TIZANIDINE),
            ],
            [(CautionKind.MISSED_DOSES, "2 Tizanidine doses missed in a row", mar(2))],
        ),
        (
            True,
            TIZANIDINE,
            [],
            [],
        ),
        (
            False,
            DANTROLENE,
            [
                dose(mar(2), 20, DoseStatus.MISSED, DANTROLENE),
                dose(mar(3), 8, DoseStatus.MISSED, DANTROLENE),
            ],
            [],
        ),
    ],
    ids=[
        "kidney impairment",
        "two missed in a row overnight",
        "both",
        "misses with a dose taken between",
        "tizanidine has its own withdrawal rule",
        "kidney note only with oral baclofen",
        "no withdrawal rule for dantrolene",
    ],
)
def test_cautions(
    period: SummaryInput,
    kidneys: bool,
    medicine: Medicine,
    records: list[DoseRecord],
    expected: list[tuple[CautionKind, str, date | None]],
) -> None:
    person = replace(ALEX, kidney_impairment=kidneys)
    data = replace(
        period,
        person=person,
        medicines=(medicine,),
        regimens=[oral(JAN1, 10, 10, 10, medicine=medicine)],
        doses=records,
    )
    cautions = compute(data).cautions

    assert [(c.kind, c.title, c.day) for c in cautions] == expected
    if expected and expected[-1][0] is CautionKind.KIDNEY:
        assert cautions[-1] == kidney_caution(person, (medicine,))
