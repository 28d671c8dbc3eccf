"""The dose ledger: one walk over the days gives the same counts as each day's slots."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from spasticity_tracker.domain.entities import DoseRecord, Medicine, Regimen
from spasticity_tracker.domain.regimens import (
    IMPORTED_NOTE,
    Adherence,
    DoseLedger,
    DoseOutcome,
    assumed_taken,
    regimen_on,
    scheduled_slots,
)
from spasticity_tracker.domain.scales import DoseStatus
from spasticity_tracker.domain.series import days_between
from tests.builders import SPRAY, TABLET, dose, oral

FIRST = date(2026, 3, 1)
HOURS = (8, 14, 20)
MEDICINES = (TABLET, SPRAY)


@dataclass(frozen=True)
class Case:
    regimens: list[Regimen]
    records: list[DoseRecord]
    last: date
    today: date
    first_asked: date
    last_asked: date
    as_outcomes: bool


@st.composite
def cases(draw: st.DrawFn) -> Case:
    length = draw(st.integers(1, 21))
    regimens = []
    for medicine in MEDICINES:
        starts = draw(st.sets(st.integers(-4, length), max_size=3))
        for start in starts:
            hours = draw(st.lists(st.sampled_from(HOURS), unique=True, max_size=3))
            amounts = [10.0] * len(hours)
            regimen = oral(
                FIRST + timedelta(days=start), *amounts, medicine=medicine, hours=sorted(hours)
            )
            if draw(st.booleans()):
                regimen = replace(regimen, note=IMPORTED_NOTE)
            regimens.append(regimen)
    records = []
    for offset in range(-2, length + 2):
        day = FIRST + timedelta(days=offset)
        for medicine in MEDICINES:
            for hour in HOURS:
                status = draw(
                    st.sampled_from([None, DoseStatus.TAKEN, DoseStatus.LATE, DoseStatus.MISSED])
                )
                if status is not None:
                    made = dose(day, hour, status, medicine)
                    if status is DoseStatus.TAKEN and draw(st.booleans()):
                        made = replace(made, taken_at=None)  # as an imported daily total
                    records.append(made)
            records += [dose(day, None, DoseStatus.EXTRA, medicine)] * draw(st.integers(0, 2))
    last = FIRST + timedelta(days=length - 1)
    asked = sorted(draw(st.lists(st.integers(0, length - 1), min_size=2, max_size=2)))
    return Case(
        regimens=regimens,
        records=records,
        last=last,
        today=FIRST + timedelta(days=draw(st.integers(-2, length + 2))),
        first_asked=FIRST + timedelta(days=asked[0]),
        last_asked=FIRST + timedelta(days=asked[1]),
        as_outcomes=draw(st.booleans()),
    )


def ledger_of(case: Case) -> DoseLedger:
    records = (
        [
            DoseOutcome(r.medicine_id, r.day, r.status, r.scheduled_time, r.taken_at)
            for r in case.records
        ]
        if case.as_outcomes
        else case.records
    )
    return DoseLedger(MEDICINES, case.regimens, records, FIRST, case.last, case.today)


def counted_by_slots(
    case: Case, medicine: Medicine, first: date, last: date
) -> tuple[Adherence, int]:
    """A medicine's doses and assumed doses, from each day's slots (as Today shows them)."""
    own = [r for r in case.regimens if r.medicine_id == medicine.id]
    counts: Counter[str] = Counter()
    assumed = 0
    for day in days_between(first, last):
        on_the_day = [r for r in case.records if r.day == day]
        for slot in scheduled_slots([medicine], own, day, on_the_day):
            if slot.record is not None:
                counts[slot.record.status.value] += 1
                assumed += assumed_taken(slot.record, regimen_on(own, day))
            elif day < case.today:
                counts["not_recorded"] += 1
    extra = sum(
        1
        for r in case.records
        if r.medicine_id == medicine.id and r.status is DoseStatus.EXTRA and first <= r.day <= last
    )
    return Adherence(extra=extra, **counts), assumed


@given(cases())
def test_a_medicines_doses_over_any_days_are_those_of_its_slots_day_by_day(case: Case) -> None:
    ledger = ledger_of(case)
    for medicine in MEDICINES:
        assert medicine.id is not None
        counts, assumed = counted_by_slots(case, medicine, case.first_asked, case.last_asked)
        assert ledger.adherence(medicine.id, case.first_asked, case.last_asked) == counts
        assert ledger.assumed(medicine.id, case.first_asked, case.last_asked) == assumed


@given(cases())
def test_all_the_doses_are_every_medicines_added_up(case: Case) -> None:
    ledger = ledger_of(case)
    each = [counted_by_slots(case, medicine, FIRST, case.last)[0] for medicine in MEDICINES]
    assert ledger.adherence() == Adherence(
        taken=sum(a.taken for a in each),
        late=sum(a.late for a in each),
        missed=sum(a.missed for a in each),
        not_recorded=sum(a.not_recorded for a in each),
        extra=sum(a.extra for a in each),
    )


@given(cases())
def test_days_missed_whole_and_the_longest_run_of_misses_count_up_to_today(case: Case) -> None:
    whole_days = longest = 0
    runs: Counter[object] = Counter()
    for day in days_between(FIRST, min(case.last, case.today)):
        on_the_day = [r for r in case.records if r.day == day]
        slots = scheduled_slots(MEDICINES, case.regimens, day, on_the_day)
        if slots and all(
            s.record is not None and s.record.status is DoseStatus.MISSED for s in slots
        ):
            whole_days += 1
        for slot in slots:
            if slot.record is None:
                continue
            if slot.record.status is DoseStatus.MISSED:
                runs[slot.medicine.id] += 1
                longest = max(longest, runs[slot.medicine.id])
            else:
                runs[slot.medicine.id] = 0
    ledger = ledger_of(case)
    assert (ledger.whole_days_missed, ledger.longest_missed_run) == (whole_days, longest)


def test_days_outside_the_ledger_or_a_reversed_span_count_nothing() -> None:
    regimens = [oral(FIRST, 10.0, 10.0, medicine=TABLET)]
    records = [dose(FIRST, 8, DoseStatus.MISSED), dose(FIRST, 14, DoseStatus.MISSED)]
    day_before, day_after = FIRST - timedelta(days=1), FIRST + timedelta(days=1)
    reversed_span = DoseLedger([TABLET], regimens, records, FIRST, day_before, day_after)
    assert reversed_span.adherence() == Adherence()
    assert (reversed_span.whole_days_missed, reversed_span.longest_missed_run) == (0, 0)
    ledger = DoseLedger([TABLET], regimens, records, FIRST, FIRST, day_after)
    assert TABLET.id is not None
    assert ledger.adherence(TABLET.id, day_before, day_before) == Adherence()
    assert ledger.adherence(TABLET.id, day_after, day_after) == Adherence()
    assert ledger.adherence(TABLET.id) == Adherence(missed=2)


def test_todays_doses_recorded_missed_count_in_the_runs_and_whole_days() -> None:
    regimens = [oral(FIRST, 10.0, 10.0, medicine=TABLET)]
    records = [dose(FIRST, 8, DoseStatus.MISSED), dose(FIRST, 14, DoseStatus.MISSED)]
    today = DoseLedger([TABLET], regimens, records, FIRST, FIRST, FIRST)
    assert (today.whole_days_missed, today.longest_missed_run) == (1, 2)
    before = DoseLedger([TABLET], regimens, records, FIRST, FIRST, FIRST - timedelta(days=1))
    assert (before.whole_days_missed, before.longest_missed_run) == (0, 0)


def test_each_dose_of_an_imported_daily_total_is_assumed_taken() -> None:
    imported = replace(oral(FIRST, 30.0, 30.0, medicine=TABLET), note=IMPORTED_NOTE)
    records = [replace(dose(FIRST, hour, DoseStatus.TAKEN), taken_at=None) for hour in (8, 14)]
    ledger = DoseLedger([TABLET], [imported], records, FIRST, FIRST, FIRST)
    assert TABLET.id is not None
    assert ledger.assumed(TABLET.id, FIRST, FIRST) == 2
    assert ledger.adherence() == Adherence(taken=2)
