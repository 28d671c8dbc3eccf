"""The example-data generator: a realistic diary for demos, screenshots and benchmarks.

Oral baclofen titrated from 5 mg three times a day, later dose changes at clinic appointments
(one of them a reduction), stiffness that follows the dose with noise and unlogged days, side
effects more frequent at higher doses, a few missed doses, events, and a carer's entries.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta

from spasticity_tracker.domain.cycle import CHECK_IN_DAYS
from spasticity_tracker.domain.dates import day_text
from spasticity_tracker.domain.entities import (
    Appointment,
    AshworthScore,
    CarerId,
    CheckIn,
    DoseRecord,
    Event,
    Goal,
    MedicineId,
    PersonId,
    Regimen,
    ScheduledDose,
    SideEffectReport,
    SymptomEntry,
)
from spasticity_tracker.domain.scales import Ashworth, BodySide, DoseStatus, EventKind, Severity

DOSE_TIMES = (time(8, 0), time(14, 0), time(20, 0))
TITRATION = (15.0, 30.0, 45.0)  # 5, 10, 15 mg three times a day, raised every 3 days
CLINICIAN = "Dr Lewis"
NOTES = (
    "Legs very tight getting out of bed.",
    "Good day, walked to the shops.",
    "Cold weather, more spasms in the evening.",
    "Physio exercises done.",
    "Woke twice with cramps.",
    "Tired after a busy day.",
)


@dataclass(frozen=True)
class DemoRecords:
    """Everything the generator makes for one person, ready to store."""

    regimens: list[Regimen]
    doses: list[DoseRecord]
    entries: list[SymptomEntry]
    side_effects: list[SideEffectReport]
    events: list[Event]
    appointments: list[Appointment]
    check_ins: list[CheckIn] = field(default_factory=list)


def generate(
    *,
    person_id: PersonId,
    carer_id: CarerId,
    medicine_id: MedicineId,
    first_day: date,
    last_day: date,
    seed: int = 1,
    until: datetime | None = None,
) -> DemoRecords:
    """A diary from first_day to last_day inclusive; the same seed gives the same diary.

    Nothing is dated after ``until`` (an aware instant, normally now): the diary of today
    holds only what could have happened by now.
    """
    rng = random.Random(seed)
    days = (last_day - first_day).days + 1
    appointments = _appointments(rng, person_id, first_day, days)
    regimens = _regimens(rng, medicine_id, first_day, appointments)
    events = _events(rng, person_id, first_day, days, carer_id)
    doses: list[DoseRecord] = []
    entries: list[SymptomEntry] = []
    side_effects: list[SideEffectReport] = []

    active_dose = 0.0  # what the body "feels": the daily total, smoothed over a few days
    gap_left = 0
    regimen_index = 0
    for offset in range(days):
        day = first_day + timedelta(days=offset)
        while regimen_index + 1 < len(regimens) and regimens[regimen_index + 1].start_date <= day:
            regimen_index += 1
        regimen = regimens[regimen_index]
        active_dose += (regimen.daily_total - active_dose) / 3.0

        # Occasional runs of unlogged days (a holiday, a bad week) and single skipped days.
        if gap_left == 0 and rng.random() < 0.006:
            gap_left = rng.randint(2, 6)
        logged = gap_left == 0 and rng.random() > 0.08
        gap_left = max(0, gap_left - 1)
        by = carer_id if day.weekday() >= 5 and rng.random() < 0.6 else None

        flare = 2.0 if any(_covers(event, day) for event in events) else 0.0
        if logged or rng.random() < 0.5:  # doses are often recorded even on unlogged days
            doses += _dose_records(rng, regimen, day, by)
        if not logged:
            continue
        expected = 8.6 - active_dose / 18.0 + flare + 0.6 * math.sin(offset / 29.0)
        for moment in _entry_times(rng, day):
            entries.append(_entry(rng, person_id, moment, expected, by))
        side_effects += _side_effects(rng, person_id, day, active_dose, by)

    if until is not None:
        doses = [d for d in doses if _dose_moment(d) <= until and (d.taken_at or until) <= until]
        entries = [e for e in entries if e.recorded_at <= until]
    latest = last_day if until is None else min(last_day, until.astimezone().date())
    appointments, check_ins = _cycle(appointments, first_day, latest)
    return DemoRecords(regimens, doses, entries, side_effects, events, appointments, check_ins)


# The goals agreed at the demo's appointments, two at each, in turn; no random draw, so the
# rest of a seeded diary is the same with or without them.
DEMO_GOALS = (
    ("Put on my left shoe without help", "Most mornings"),
    ("Walk to the shop and back", "With one stick"),
    ("Sleep through the night", "Four nights a week or more"),
    ("Get in and out of the car without help", "Most days"),
)
DEMO_RATINGS = (1, 0, -1, 2, 0, 1, -2)
DEMO_PGIC = (3, 4, 2, 5, 3, 4)
CHECK_IN_BEFORE = 5  # days before the next appointment the demo's check-ins are made
NEXT_AFTER = 120  # days from the last appointment to the next one


def _cycle(
    appointments: list[Appointment], first: date, latest: date
) -> tuple[list[Appointment], list[CheckIn]]:
    """The appointments with a service, Ashworth scores, goals (rated at the check-in before
    the next one) and the next date; a check-in before each appointment after the first."""
    made: list[Appointment] = []
    check_ins: list[CheckIn] = []
    for index, appointment in enumerate(appointments):
        following = appointments[index + 1].day if index + 1 < len(appointments) else None
        next_day = following or appointment.day + timedelta(days=NEXT_AFTER)
        check_day = next_day - timedelta(days=CHECK_IN_BEFORE)
        if (
            following is None
            and latest < check_day
            and next_day - latest <= timedelta(days=CHECK_IN_DAYS)
        ):
            check_day = latest  # the next appointment is near: checked in already
        rated_on = check_day if appointment.day < check_day <= latest else None
        goals = tuple(
            Goal(
                text=DEMO_GOALS[(index + n) % len(DEMO_GOALS)][0],
                expected=DEMO_GOALS[(index + n) % len(DEMO_GOALS)][1],
                rating=None if rated_on is None else DEMO_RATINGS[(2 * index + n) % 7],
                rated_on=rated_on,
            )
            for n in range(2)
        )
        made.append(
            replace(
                appointment,
                service="Spasticity clinic",
                next_day=next_day,
                ashworth=(
                    AshworthScore("Elbow flexors", BodySide.LEFT, Ashworth.ONE_PLUS),
                    AshworthScore(
                        "Hamstrings", BodySide.BOTH, (Ashworth.TWO, Ashworth.ONE_PLUS)[index % 2]
                    ),
                ),
                goals=goals,
            )
        )
        if index > 0:
            day = appointment.day - timedelta(days=CHECK_IN_BEFORE)
            if first <= day <= latest and day > appointments[index - 1].day:
                check_ins.append(
                    CheckIn(
                        person_id=appointment.person_id,
                        day=day,
                        pgic=DEMO_PGIC[index % len(DEMO_PGIC)],
                    )
                )
        if following is None and rated_on is not None and first <= rated_on:
            check_ins.append(
                CheckIn(
                    person_id=appointment.person_id,
                    day=rated_on,
                    pgic=DEMO_PGIC[(index + 1) % len(DEMO_PGIC)],
                )
            )
    return made, check_ins


def _dose_moment(record: DoseRecord) -> datetime:
    """When a dose was due (scheduled) or taken (extra)."""
    if record.scheduled_time is not None:
        return _local(record.day, record.scheduled_time)
    assert record.taken_at is not None
    return record.taken_at


def _appointments(
    rng: random.Random, person_id: PersonId, first: date, days: int
) -> list[Appointment]:
    result = []
    offset = 30
    while offset < days - 7:
        day = first + timedelta(days=offset)
        day += timedelta(days=max(0, 7 - day.weekday()) if day.weekday() >= 5 else 0)
        result.append(
            Appointment(
                person_id=person_id,
                day=day,
                clinician=CLINICIAN,
                notes="Spasticity review.",
            )
        )
        offset += rng.randint(90, 150)
    return result


def _three_doses(total: float) -> tuple[ScheduledDose, ...]:
    # Three doses in steps of 5 mg; what does not split evenly goes to the evening, then morning.
    base = int(total // 15) * 5
    amounts = [base, base, base]
    for index in (2, 0)[: int(total - 3 * base) // 5]:
        amounts[index] += 5
    return tuple(
        ScheduledDose(time_of_day=at, amount=float(amount))
        for at, amount in zip(DOSE_TIMES, amounts, strict=True)
    )


def _regimens(
    rng: random.Random, medicine_id: MedicineId, first: date, appointments: list[Appointment]
) -> list[Regimen]:
    result = [
        Regimen(
            medicine_id=medicine_id,
            start_date=first + timedelta(days=3 * step),
            doses=_three_doses(total),
            note="Starting dose, raised every 3 days" if step == 0 else "Titration",
        )
        for step, total in enumerate(TITRATION)
    ]
    total = TITRATION[-1]
    reduced = False
    for index, appointment in enumerate(appointments):
        last = index == len(appointments) - 1
        must_reduce = last and not reduced  # every demo diary has at least one reduction
        if not must_reduce and index > 0 and rng.random() < 0.35:
            continue  # no change at this visit
        wants_less = (total >= 55 and not reduced and index >= 2) or total >= 70
        if total > 30 and (must_reduce or wants_less or rng.random() < 0.25):
            new_total = max(30.0, total - rng.choice((5.0, 10.0)))
            reason = "reduced for drowsiness"
            reduced = True
        else:
            new_total = min(75.0, total + rng.choice((5.0, 10.0, 15.0)))
            reason = "increased for stiffness"
        if new_total == total:
            continue
        total = new_total
        result.append(
            Regimen(
                medicine_id=medicine_id,
                start_date=appointment.day,
                doses=_three_doses(total),
                note=f"{CLINICIAN}, clinic {day_text(appointment.day)}: {reason}",
            )
        )
    return result


def _events(
    rng: random.Random, person_id: PersonId, first: date, days: int, carer_id: CarerId
) -> list[Event]:
    result: list[Event] = []
    for kind, every, length in (
        (EventKind.INFECTION, 220, (5, 10)),
        (EventKind.FALL, 170, None),
        (EventKind.PHYSIO, 45, None),
        (EventKind.TEMPERATURE, 365, (3, 7)),
    ):
        offset = rng.randint(10, every)
        while offset < days:
            start = first + timedelta(days=offset)
            end = None if length is None else start + timedelta(days=rng.randint(*length))
            if end is not None and end > first + timedelta(days=days - 1):
                end = None
            result.append(
                Event(
                    person_id=person_id,
                    kind=kind,
                    start_date=start,
                    end_date=end,
                    note="Urine infection, antibiotics" if kind is EventKind.INFECTION else "",
                    entered_by=carer_id if kind is EventKind.FALL else None,
                )
            )
            offset += rng.randint(every // 2, every * 3 // 2)
    result.sort(key=lambda event: event.start_date)
    return result


def _covers(event: Event, day: date) -> bool:
    if event.kind is not EventKind.INFECTION:
        return False
    return event.start_date <= day <= (event.end_date or event.start_date)


def _local(day: date, at: time) -> datetime:
    """A local wall-clock time on a day, as an aware UTC instant."""
    return datetime.combine(day, at).astimezone().astimezone(UTC)


def _dose_records(
    rng: random.Random, regimen: Regimen, day: date, by: CarerId | None
) -> list[DoseRecord]:
    records = []
    for dose in regimen.doses:
        roll = rng.random()
        status = (
            DoseStatus.MISSED
            if roll < 0.03
            else DoseStatus.LATE
            if roll < 0.07
            else DoseStatus.TAKEN
        )
        delay = rng.randint(60, 180) if status is DoseStatus.LATE else rng.randint(-10, 25)
        taken = None
        if status is not DoseStatus.MISSED:
            taken = _local(day, dose.time_of_day) + timedelta(minutes=delay)
        records.append(
            DoseRecord(
                medicine_id=regimen.medicine_id,
                day=day,
                status=status,
                amount=dose.amount,
                scheduled_time=dose.time_of_day,
                taken_at=taken,
                entered_by=by,
            )
        )
    if rng.random() < 0.01:
        records.append(
            DoseRecord(
                medicine_id=regimen.medicine_id,
                day=day,
                status=DoseStatus.EXTRA,
                amount=5.0,
                taken_at=_local(day, time(23, 0)),
                entered_by=by,
            )
        )
    return records


def _entry_times(rng: random.Random, day: date) -> list[datetime]:
    evening = _local(day, time(rng.randint(19, 21), rng.randint(0, 59)))
    if rng.random() < 0.15:
        return [_local(day, time(rng.randint(7, 9), rng.randint(0, 59))), evening]
    return [evening]


def _clamp(value: float, low: int, high: int) -> int:
    return max(low, min(high, round(value)))


def _entry(
    rng: random.Random, person_id: PersonId, moment: datetime, expected: float, by: CarerId | None
) -> SymptomEntry:
    stiffness = _clamp(rng.gauss(expected, 1.0), 0, 10)
    frequency = _clamp(stiffness / 2.4 + rng.gauss(0, 0.5), 0, 4)
    return SymptomEntry(
        person_id=person_id,
        recorded_at=moment,
        stiffness=stiffness,
        spasm_frequency=frequency,
        spasm_severity=_clamp(stiffness / 3.5, 1, 3) if frequency > 0 else None,
        pain=_clamp(stiffness * 0.6 + rng.gauss(0, 1.2), 0, 10) if rng.random() < 0.8 else None,
        sleep_disruption=(
            _clamp(stiffness * 0.5 + rng.gauss(0, 1.5), 0, 10) if rng.random() < 0.7 else None
        ),
        note=rng.choice(NOTES) if rng.random() < 0.05 else "",
        entered_by=by,
    )


def _side_effects(
    rng: random.Random, person_id: PersonId, day: date, dose: float, by: CarerId | None
) -> list[SideEffectReport]:
    chances = (
        ("drowsiness", 0.05 + dose / 800),
        ("dizziness", 0.02 + dose / 2000),
        ("weakness", 0.02 + dose / 2000),
        ("fatigue", 0.02),
        ("nausea", 0.01),
    )
    reports = []
    for effect, chance in chances:
        if rng.random() < chance:
            severity = Severity(_clamp(1 + dose / 60 + rng.gauss(0, 0.5), 1, 3))
            reports.append(
                SideEffectReport(
                    person_id=person_id, day=day, effect=effect, severity=severity, entered_by=by
                )
            )
    return reports
