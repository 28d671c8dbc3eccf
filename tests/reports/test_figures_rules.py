"""The clinic summary's rules at their edges: what mutation testing showed no test pinned down."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from spasticity_tracker.domain.cautions import CautionKind
from spasticity_tracker.domain.entities import (
    Appointment,
    DoseRecord,
    Event,
    Medicine,
    Person,
    PersonId,
    PumpRefill,
    Regimen,
    SymptomEntry,
)
from spasticity_tracker.domain.ingredients import Ingredient
from spasticity_tracker.domain.scales import DoseStatus, EventKind, Form
from spasticity_tracker.domain.windows import enough
from spasticity_tracker.reports.figures import DoseChange, DosePeriod, Mean, compute
from tests import builders
from tests.builders import JAN1, TABLET, daily, dose, entry, feb, fortnight, mar, medicine

ALEX = Person(id=PersonId(1), name="Alex", questions="Could I try a lower dose at night?")
TIZANIDINE = medicine(2, "Zanaflex", Ingredient.TIZANIDINE)
PUMP = medicine(3, "Gablofen", Ingredient.BACLOFEN, Form.INTRATHECAL_PUMP)
MISSED, TAKEN = DoseStatus.MISSED, DoseStatus.TAKEN


def oral(start: date, *amounts: float, medicine: Medicine = TABLET) -> Regimen:
    """Doses at 08:00 and 20:00 (as many as amounts); none means stopped."""
    return builders.oral(start, *amounts, medicine=medicine, hours=(8, 20))


# Alex's fortnight, 1 to 14 March 2026, produced on the 15th, with nothing recorded.
PERIOD = fortnight(ALEX)


@pytest.mark.parametrize(
    ("with_scores", "days", "shown"),
    [
        (4, 7, True),
        (3, 7, False),
        (8, 14, True),
        (7, 14, False),
        (18, 30, True),
        (17, 30, False),
        (1, 1, True),
        (0, 1, False),
        (0, 0, False),
    ],
    ids=[
        "4-of-7",
        "3-of-7",
        "8-of-14",
        "7-of-14",
        "18-of-30",
        "17-of-30",
        "1-of-1",
        "0-of-1",
        "0-of-0",
    ],
)
def test_enough_days_for_a_mean(with_scores: int, days: int, shown: bool) -> None:
    assert enough(with_scores, days) is shown


def test_the_figures_carry_the_person_the_dates_and_the_questions() -> None:
    figures = compute(PERIOD)

    assert figures.person == ALEX
    assert (figures.first, figures.last, figures.produced) == (mar(1), mar(14), mar(15))
    assert figures.questions == "Could I try a lower dose at night?"


def test_events_and_appointments_oldest_first() -> None:
    events = [
        Event(person_id=PersonId(1), kind=EventKind.FALL, start_date=mar(9)),
        Event(person_id=PersonId(1), kind=EventKind.PHYSIO, start_date=mar(2)),
    ]
    appointments = [
        Appointment(person_id=PersonId(1), day=mar(10), clinician="Dr Shah"),
        Appointment(person_id=PersonId(1), day=mar(3), clinician="Pump nurse"),
    ]
    figures = compute(replace(PERIOD, events=events, appointments=appointments))

    assert [e.start_date for e in figures.events] == [mar(2), mar(9)]
    assert [a.clinician for a in figures.appointments] == ["Pump nurse", "Dr Shah"]


def test_sleep_disruption_has_its_own_mean() -> None:
    entries = [entry(mar(day), 5, sleep=2 if day % 2 else 0) for day in range(1, 15)]
    figures = compute(replace(PERIOD, entries=entries))

    assert figures.sleep == Mean(1.0, 14, 14)
    assert figures.pain == Mean(None, 0, 14)


def test_a_medicine_not_taken_on_the_last_day() -> None:
    data = replace(PERIOD, medicines=(TABLET, TIZANIDINE), regimens=[oral(JAN1, 10), oral(mar(5))])
    assert compute(data).regimen_now == [(TABLET, oral(mar(5))), (TIZANIDINE, None)]


def test_a_change_on_the_last_day_is_in_every_figure() -> None:
    data = replace(
        PERIOD,
        entries=daily(feb(15), [6] * 28),
        medicines=(TABLET,),
        regimens=[oral(JAN1, 10, 5), oral(mar(14), 20, 10)],
    )
    figures = compute(data)

    assert figures.changes == [DoseChange(mar(14), TABLET, 15.0, 30.0)]
    assert figures.dose_periods == [
        DosePeriod(mar(1), mar(13), ((TABLET, 15.0),), Mean(6.0, 13, 13)),
        DosePeriod(mar(14), mar(14), ((TABLET, 30.0),), Mean(6.0, 1, 1)),
    ]
    [comparison] = figures.comparisons
    assert (comparison.day, comparison.status) == (mar(14), "not enough entries")


def test_three_dose_periods() -> None:
    data = replace(
        PERIOD,
        entries=daily(mar(1), [8] * 4 + [6] * 5 + [4] * 5),
        medicines=(TABLET,),
        regimens=[oral(JAN1, 5, 5), oral(mar(5), 10, 10), oral(mar(10), 20, 20)],
    )
    assert compute(data).dose_periods == [
        DosePeriod(mar(1), mar(4), ((TABLET, 10.0),), Mean(8.0, 4, 4)),
        DosePeriod(mar(5), mar(9), ((TABLET, 20.0),), Mean(6.0, 5, 5)),
        DosePeriod(mar(10), mar(14), ((TABLET, 40.0),), Mean(4.0, 5, 5)),
    ]


def test_a_merged_period_before_another_keeps_to_its_own_days() -> None:
    data = replace(
        PERIOD,
        entries=daily(mar(1), [6] * 9 + [4] * 5),
        medicines=(TABLET,),
        regimens=[oral(JAN1, 10, 5), oral(mar(5), 5, 10), oral(mar(10), 15, 15)],
    )
    assert compute(data).dose_periods == [
        DosePeriod(mar(1), mar(9), ((TABLET, 15.0),), Mean(6.0, 9, 9)),
        DosePeriod(mar(10), mar(14), ((TABLET, 30.0),), Mean(4.0, 5, 5)),
    ]


def test_a_change_before_the_period_does_not_end_the_comparisons() -> None:
    data = replace(
        PERIOD,
        medicines=(TABLET,),
        regimens=[oral(JAN1, 5, 5), oral(feb(1), 10, 10), oral(mar(8), 15, 15)],
    )
    comparisons = compute(data).comparisons
    assert [(c.day, c.old_total, c.new_total) for c in comparisons] == [(mar(8), 20.0, 30.0)]


CHANGE = feb(15)


@pytest.mark.parametrize(
    ("offset", "overlapping"),
    [(-15, False), (-14, True), (16, True), (17, False)],
    ids=["15-days-before", "14-days-before", "day-17", "day-18"],
)
def test_another_medicine_started_on_the_edges_of_the_windows(
    offset: int, overlapping: bool
) -> None:
    data = replace(
        PERIOD,
        first=feb(1),
        last=mar(14),
        medicines=(TABLET, TIZANIDINE),
        regimens=[
            oral(JAN1, 5, 5),
            oral(CHANGE, 10, 10),
            oral(CHANGE + timedelta(days=offset), 2, medicine=TIZANIDINE),
        ],
    )
    [comparison] = compute(data).comparisons
    assert comparison.day == CHANGE
    assert comparison.overlapping is overlapping


def test_the_summary_lists_a_refill_overdue_before_it_was_produced() -> None:
    assert PUMP.id is not None
    data = replace(
        PERIOD,
        medicines=(PUMP,),
        regimens=[Regimen(medicine_id=PUMP.id, start_date=JAN1, rate_per_day=300.0)],
        refills=[PumpRefill(medicine_id=PUMP.id, refill_date=feb(1), next_due=mar(5))],
    )
    cautions = compute(data).cautions
    assert [(c.kind, c.title, c.day) for c in cautions] == [
        (CautionKind.PUMP_REFILL, "Pump refill overdue (due 5 Mar 2026)", mar(5))
    ]


TWO_DAYS_MISSED = [
    dose(mar(1), 8, MISSED),
    dose(mar(1), 20, MISSED),
    dose(mar(2), 8, TAKEN),
    dose(mar(2), 20, TAKEN),
    dose(mar(3), 8, MISSED),
    dose(mar(3), 20, MISSED),
    dose(mar(4), 8, MISSED),  # 4 March 20:00: nothing recorded, so not a whole day
]


@pytest.mark.parametrize(
    ("tizanidine_doses", "whole_days"),
    [
        ([], 2),
        ([dose(mar(1), 8, MISSED, TIZANIDINE), dose(mar(3), 8, TAKEN, TIZANIDINE)], 1),
        ([dose(mar(1), 8, MISSED, TIZANIDINE), dose(mar(3), 8, MISSED, TIZANIDINE)], 2),
    ],
    ids=["baclofen-alone", "tizanidine-taken-that-day", "tizanidine-missed-too"],
)
def test_whole_days_missed_count_each_day_with_every_dose_missed(
    tizanidine_doses: list[DoseRecord], whole_days: int
) -> None:
    regimens = [oral(JAN1, 10, 10)]
    if tizanidine_doses:
        regimens.append(oral(JAN1, 2, medicine=TIZANIDINE))
    data = replace(
        PERIOD,
        last=mar(4),
        produced=mar(5),
        medicines=(TABLET, TIZANIDINE),
        regimens=regimens,
        doses=[*TWO_DAYS_MISSED, *tizanidine_doses],
    )
    figures = compute(data).adherence

    assert figures.whole_days_missed == whole_days
    assert figures.longest_missed_run == 3  # 3 March, both doses, and 4 March 08:00


def around_day_1() -> list[SymptomEntry]:
    """8 for the 14 days before; 10 on days 1-3; 6 on days 4-17; 0 on day 18 (CLINICAL.md)."""
    return [
        *daily(CHANGE - timedelta(days=14), [8] * 14),
        *daily(CHANGE, [10] * 3),  # days 1-3, the change day first: the transition
        *daily(CHANGE + timedelta(days=3), [6] * 14),  # days 4-17: change date + 3 to + 16
        entry(CHANGE + timedelta(days=17), 0),  # day 18: outside
    ]


def test_days_4_to_17_are_change_date_plus_3_to_plus_16() -> None:
    data = replace(
        PERIOD,
        first=feb(1),
        last=mar(14),
        entries=around_day_1(),
        medicines=(TABLET,),
        regimens=[oral(JAN1, 5, 5), oral(CHANGE, 10, 10)],
    )
    [comparison] = compute(data).comparisons

    assert comparison.before == Mean(8.0, 14, 14)
    assert comparison.after == Mean(6.0, 14, 14)
