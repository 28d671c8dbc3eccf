"""The example-data generator makes a deterministic, realistic and valid diary."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from itertools import pairwise
from statistics import mean

import pytest

from spasticity_tracker.domain.demo import NEXT_AFTER, DemoRecords, _cycle, generate
from spasticity_tracker.domain.entities import (
    Appointment,
    CarerId,
    DoseRecord,
    Event,
    MedicineId,
    PersonId,
    Regimen,
    SideEffectReport,
    SymptomEntry,
)
from spasticity_tracker.domain.scales import DoseStatus, EventKind

PERSON = PersonId(1)
CARER = CarerId(1)
MEDICINE = MedicineId(1)
FIRST_DAY = date(2024, 1, 1)
LAST_DAY = FIRST_DAY + timedelta(days=364)
DECADE = (date(2014, 1, 1), date(2023, 12, 31))
DECADE_SEEDS = (1, 2, 3, 4, 5)
LOW_DOSE_MAX = 50.0  # mg/day; a logged day at or below this is a low-dose day
HIGH_DOSE_MIN = 65.0  # mg/day; a logged day at or above this is a high-dose day


def _generate(
    first_day: date = FIRST_DAY,
    last_day: date = LAST_DAY,
    seed: int = 1,
    until: datetime | None = None,
) -> DemoRecords:
    """Alex's demo diary from first_day to last_day (365 days from 1 January 2024 unless told)."""
    return generate(
        person_id=PERSON,
        carer_id=CARER,
        medicine_id=MEDICINE,
        first_day=first_day,
        last_day=last_day,
        seed=seed,
        until=until,
    )


def _local_day(moment: datetime) -> date:
    """The local calendar day of an instant (the generator writes local wall-clock times)."""
    return moment.astimezone().date()


def _regimen_on(regimens: Sequence[Regimen], day: date) -> Regimen:
    """The regimen in force on a day: the latest one started on or before it."""
    started = [regimen for regimen in regimens if regimen.start_date <= day]
    assert started, f"no regimen in force on {day}"
    return max(started, key=lambda regimen: regimen.start_date)


@dataclass
class _Group:
    """Logged days in one dose band: how many, their side effects and their stiffness scores."""

    days: int = 0
    side_effects: int = 0
    stiffness: list[int] = field(default_factory=list)

    @property
    def side_effect_rate(self) -> float:
        return self.side_effects / self.days

    @property
    def mean_stiffness(self) -> float:
        return mean(self.stiffness)


@pytest.fixture(scope="module")
def year() -> DemoRecords:
    """A year of diary (2024, 365 days) with the default seed."""
    return _generate()


@pytest.fixture(scope="module")
def dose_bands() -> dict[str, _Group]:
    """Logged days of five seeded ten-year diaries, pooled into low- and high-dose bands."""
    bands = {"low": _Group(), "high": _Group()}
    for seed in DECADE_SEEDS:
        records = _generate(*DECADE, seed=seed)
        scores: dict[date, list[int]] = {}
        for entry in records.entries:
            scores.setdefault(_local_day(entry.recorded_at), []).append(entry.stiffness)
        reports: dict[date, int] = {}
        for report in records.side_effects:
            reports[report.day] = reports.get(report.day, 0) + 1
        for day, day_scores in scores.items():
            total = _regimen_on(records.regimens, day).daily_total
            band = "low" if total <= LOW_DOSE_MAX else "high" if total >= HIGH_DOSE_MIN else None
            if band is None:
                continue
            group = bands[band]
            group.days += 1
            group.side_effects += reports.get(day, 0)
            group.stiffness += day_scores
    return bands


# --- Determinism -------------------------------------------------------------------------------


def test_same_seed_gives_the_same_diary(year: DemoRecords) -> None:
    assert _generate() == year


def test_another_seed_gives_another_diary(year: DemoRecords) -> None:
    other = _generate(seed=2)
    assert other.entries != year.entries
    assert other.side_effects != year.side_effects
    assert other.appointments != year.appointments


def test_records_belong_to_the_given_person_medicine_and_carer(year: DemoRecords) -> None:
    owned: list[SymptomEntry | SideEffectReport | Event | Appointment] = [
        *year.entries,
        *year.side_effects,
        *year.events,
        *year.appointments,
    ]
    assert {record.person_id for record in owned} == {PERSON}
    dosed: list[Regimen | DoseRecord] = [*year.regimens, *year.doses]
    assert {record.medicine_id for record in dosed} == {MEDICINE}
    everything = [*owned, *year.regimens, *year.doses]
    assert {record.entered_by for record in everything} == {None, CARER}


# --- Regimens ----------------------------------------------------------------------------------


def test_first_regimen_is_5_mg_three_times_a_day(year: DemoRecords) -> None:
    first = year.regimens[0]
    assert first.start_date == FIRST_DAY
    assert [(dose.time_of_day, dose.amount) for dose in first.doses] == [
        (time(8, 0), 5.0),
        (time(14, 0), 5.0),
        (time(20, 0), 5.0),
    ]
    assert first.daily_total == 15.0


def test_titration_raises_the_dose_every_3_days(year: DemoRecords) -> None:
    titration = year.regimens[:3]
    assert [regimen.start_date for regimen in titration] == [
        FIRST_DAY,
        FIRST_DAY + timedelta(days=3),
        FIRST_DAY + timedelta(days=6),
    ]
    assert [regimen.daily_total for regimen in titration] == [15.0, 30.0, 45.0]
    assert [[dose.amount for dose in regimen.doses] for regimen in titration] == [
        [5.0, 5.0, 5.0],
        [10.0, 10.0, 10.0],
        [15.0, 15.0, 15.0],
    ]


def test_regimens_start_on_distinct_days_in_order(year: DemoRecords) -> None:
    starts = [regimen.start_date for regimen in year.regimens]
    assert starts == sorted(set(starts))


def test_later_changes_are_made_at_clinic_appointments(year: DemoRecords) -> None:
    appointment_days = {appointment.day for appointment in year.appointments}
    later = year.regimens[3:]
    assert later, "no dose change after the titration"
    assert all(regimen.start_date in appointment_days for regimen in later)


def test_a_later_change_reduces_the_daily_total(year: DemoRecords) -> None:
    totals = [regimen.daily_total for regimen in year.regimens[2:]]
    assert any(after < before for before, after in pairwise(totals))


@pytest.mark.parametrize("seed", range(1, 41))
def test_every_one_year_diary_has_a_reduction_after_titration(seed: int) -> None:
    regimens = _generate(seed=seed).regimens
    totals = [regimen.daily_total for regimen in regimens]
    assert any(later < earlier for earlier, later in pairwise(totals)), totals


def test_no_regimen_stops_baclofen_or_exceeds_the_usual_maximum(year: DemoRecords) -> None:
    assert all(not regimen.is_stopped for regimen in year.regimens)
    assert max(regimen.daily_total for regimen in year.regimens) <= 80.0


# --- Doses -------------------------------------------------------------------------------------


def test_there_are_a_few_missed_doses(year: DemoRecords) -> None:
    missed = [dose for dose in year.doses if dose.status is DoseStatus.MISSED]
    assert missed
    assert len(missed) < 0.1 * len(year.doses)
    assert all(dose.taken_at is None for dose in missed)


def test_scheduled_dose_records_follow_the_regimen_in_force(year: DemoRecords) -> None:
    for dose in year.doses:
        if dose.status is DoseStatus.EXTRA:
            continue
        regimen = _regimen_on(year.regimens, dose.day)
        planned = {(planned.time_of_day, planned.amount) for planned in regimen.doses}
        assert (dose.scheduled_time, dose.amount) in planned, dose


def test_doses_taken_are_taken_on_their_day(year: DemoRecords) -> None:
    taken = [dose for dose in year.doses if dose.taken_at is not None]
    assert taken
    assert all(_local_day(dose.taken_at) == dose.day for dose in taken if dose.taken_at)


# --- Entries, side effects, events, appointments -----------------------------------------------


def test_some_days_have_no_entries(year: DemoRecords) -> None:
    logged = {_local_day(entry.recorded_at) for entry in year.entries}
    days = (LAST_DAY - FIRST_DAY).days + 1
    assert 0.5 * days < len(logged) < days


def test_entries_are_made_by_the_person_and_by_the_carer(year: DemoRecords) -> None:
    by = [entry.entered_by for entry in year.entries]
    assert CARER in by
    assert None in by


def test_side_effects_are_reported_only_on_logged_days(year: DemoRecords) -> None:
    logged = {_local_day(entry.recorded_at) for entry in year.entries}
    assert year.side_effects
    assert {report.day for report in year.side_effects} <= logged


EVENT_KINDS = {
    "infection": EventKind.INFECTION,
    "fall": EventKind.FALL,
    "physio": EventKind.PHYSIO,
}


@pytest.mark.parametrize("kind", list(EVENT_KINDS.values()), ids=list(EVENT_KINDS))
def test_events_include(year: DemoRecords, kind: EventKind) -> None:
    assert any(event.kind is kind for event in year.events)


def test_there_are_clinic_appointments_on_weekdays(year: DemoRecords) -> None:
    assert year.appointments
    assert all(appointment.day.weekday() < 5 for appointment in year.appointments)


def test_every_date_is_within_the_period(year: DemoRecords) -> None:
    days = [
        *(regimen.start_date for regimen in year.regimens),
        *(dose.day for dose in year.doses),
        *(_local_day(entry.recorded_at) for entry in year.entries),
        *(report.day for report in year.side_effects),
        *(event.start_date for event in year.events),
        *(event.end_date for event in year.events if event.end_date is not None),
        *(appointment.day for appointment in year.appointments),
        *(check_in.day for check_in in year.check_ins),
        *(g.rated_on for a in year.appointments for g in a.goals if g.rated_on is not None),
    ]
    assert min(days) >= FIRST_DAY
    assert max(days) <= LAST_DAY


def test_the_appointment_cycle_goals_rated_before_the_next_and_a_check_in_before_each(
    year: DemoRecords,
) -> None:
    appointments = year.appointments
    assert len(appointments) >= 2
    for appointment, following in pairwise(appointments):
        assert appointment.next_day == following.day
        assert len(appointment.goals) == 2
        assert appointment.ashworth
        assert {g.rated_on for g in appointment.goals} == {following.day - timedelta(days=5)}
    last = appointments[-1]
    assert last.next_day is not None
    assert last.next_day > last.day
    # With the next appointment within two weeks the check-in is made on the last day;
    # else the goals wait for it.
    near = last.next_day - LAST_DAY <= timedelta(days=14)
    assert {g.rated_on for g in last.goals} == {LAST_DAY if near else None}
    assert [c.day for c in year.check_ins] == [
        a.day - timedelta(days=5) for a in appointments[1:]
    ] + ([LAST_DAY] if near else [])
    assert all(1 <= c.pgic <= 7 for c in year.check_ins)


# --- Dose and response -------------------------------------------------------------------------


def test_both_dose_bands_have_many_logged_days(dose_bands: dict[str, _Group]) -> None:
    assert dose_bands["low"].days >= 1000
    assert dose_bands["high"].days >= 1000


def test_side_effects_are_more_frequent_at_higher_doses(dose_bands: dict[str, _Group]) -> None:
    low, high = dose_bands["low"].side_effect_rate, dose_bands["high"].side_effect_rate
    # About 0.21 against 0.28 reports per logged day; the margin is several standard errors.
    assert high - low > 0.03, (low, high)


def test_stiffness_is_lower_at_higher_doses(dose_bands: dict[str, _Group]) -> None:
    low, high = dose_bands["low"].mean_stiffness, dose_bands["high"].mean_stiffness
    # About 6.3 against 4.9 points.
    assert low - high > 0.5, (low, high)


def test_nothing_is_dated_after_until() -> None:
    until = datetime.combine(LAST_DAY, time(12, 0)).astimezone()
    diary = _generate(until=until)
    assert max(entry.recorded_at for entry in diary.entries) <= until
    last_doses = [d for d in diary.doses if d.day == LAST_DAY]
    assert last_doses, "the morning dose of the last day is there"
    assert all(
        datetime.combine(d.day, d.scheduled_time).astimezone() <= until
        for d in last_doses
        if d.scheduled_time is not None
    )
    assert all(d.taken_at <= until for d in diary.doses if d.taken_at is not None)


@pytest.mark.parametrize(("days_before", "checked_in"), [(20, False), (14, True), (1, True)])
def test_an_example_diary_near_its_next_appointment_has_checked_in(
    days_before: int, checked_in: bool
) -> None:
    visit = Appointment(person_id=PersonId(1), day=date(2026, 1, 12), clinician="Dr Lewis")
    latest = visit.day + timedelta(days=NEXT_AFTER - days_before)
    [made], check_ins = _cycle([visit], date(2026, 1, 1), latest)
    next_day = visit.day + timedelta(days=NEXT_AFTER)
    assert made.next_day == next_day
    # on the last day, or five days before the appointment when that has come already
    day = min(latest, next_day - timedelta(days=5))
    assert {g.rated_on for g in made.goals} == {day if checked_in else None}
    assert [c.day for c in check_ins] == ([day] if checked_in else [])
