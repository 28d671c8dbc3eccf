"""The reminder schedule: doses, the daily log, refills and appointments, snoozes and wake-ups."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from spasticity_tracker.domain.cautions import CautionKind, Level
from spasticity_tracker.domain.entities import (
    Appointment,
    AppointmentId,
    CarerId,
    DoseRecord,
    MedicineId,
    PersonId,
    PumpRefill,
    Regimen,
    ScheduledDose,
)
from spasticity_tracker.domain.ingredients import Ingredient
from spasticity_tracker.domain.reminders import (
    ReminderKind,
    Schedule,
    doses_due_so_far,
    due_reminders,
    missed_for_carer,
    next_wake,
    not_recorded_caution,
    snooze,
    taken_record,
    wall_moment,
)
from spasticity_tracker.domain.scales import DoseStatus
from tests.builders import PUMP, TABLET, medicine

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")
TIZANIDINE = medicine(4, "Tizanidine", Ingredient.TIZANIDINE)
DAY = date(2025, 6, 10)


def regimen(start: date, *times: time, medicine_id: int = 1) -> Regimen:
    """10 mg at each time of day from a date on."""
    doses = tuple(ScheduledDose(time_of_day=at, amount=10.0) for at in times)
    return Regimen(medicine_id=MedicineId(medicine_id), start_date=start, doses=doses)


def record(day: date, at: time, status: DoseStatus, medicine_id: int = 1) -> DoseRecord:
    """What happened to the dose due at a time of day."""
    taken = None if status is DoseStatus.MISSED else datetime.combine(day, at, UTC)
    return DoseRecord(
        medicine_id=MedicineId(medicine_id),
        day=day,
        status=status,
        amount=10.0,
        scheduled_time=at,
        taken_at=taken,
    )


def doses(*times: time, zone: ZoneInfo = LONDON, **fields: object) -> Schedule:
    """A schedule of baclofen at these times since January, in a zone."""
    return Schedule(
        medicines=(TABLET, TIZANIDINE, PUMP),
        regimens=(regimen(date(2025, 1, 1), *times),),
        zone=zone,
        **fields,  # type: ignore[arg-type]
    )


def at(day: date, hour: int, minute: int = 0, zone: ZoneInfo = LONDON, fold: int = 0) -> datetime:
    """A wall-clock moment in a zone."""
    return datetime.combine(day, time(hour, minute), zone).replace(fold=fold)


def due_at(schedule: Schedule, now: datetime) -> list[tuple[ReminderKind, date, datetime]]:
    """The reminders due now: kind, own day and when due (in UTC, to compare moments)."""
    return [(r.kind, r.day, r.due.astimezone(UTC)) for r in due_reminders(schedule, now)]


def utc(day: date, hour: int, minute: int = 0) -> datetime:
    """A moment in UTC."""
    return datetime.combine(day, time(hour, minute), UTC)


SPRING_LONDON, AUTUMN_LONDON = date(2025, 3, 30), date(2025, 10, 26)
SPRING_NEW_YORK, AUTUMN_NEW_YORK = date(2025, 3, 9), date(2025, 11, 2)


@pytest.mark.parametrize(
    ("zone", "day", "wall", "expected"),
    [
        (LONDON, DAY, time(8), utc(DAY, 7)),
        (LONDON, SPRING_LONDON, time(0, 59), utc(SPRING_LONDON, 0, 59)),
        (LONDON, SPRING_LONDON, time(1), utc(SPRING_LONDON, 1)),
        (LONDON, SPRING_LONDON, time(1, 30), utc(SPRING_LONDON, 1)),
        (LONDON, SPRING_LONDON, time(2), utc(SPRING_LONDON, 1)),
        (LONDON, SPRING_LONDON, time(2, 30), utc(SPRING_LONDON, 1, 30)),
        (LONDON, AUTUMN_LONDON, time(1, 30), utc(AUTUMN_LONDON, 0, 30)),
        (LONDON, AUTUMN_LONDON, time(2), utc(AUTUMN_LONDON, 2)),
        (NEW_YORK, SPRING_NEW_YORK, time(2, 30), utc(SPRING_NEW_YORK, 7)),
        (NEW_YORK, SPRING_NEW_YORK, time(3), utc(SPRING_NEW_YORK, 7)),
        (NEW_YORK, AUTUMN_NEW_YORK, time(1, 30), utc(AUTUMN_NEW_YORK, 5, 30)),
        (NEW_YORK, AUTUMN_NEW_YORK, time(2), utc(AUTUMN_NEW_YORK, 7)),
        (NEW_YORK, date(2025, 11, 3), time(8), utc(date(2025, 11, 3), 13)),
    ],
    ids=[
        "london-summer",
        "london-spring-before-gap",
        "london-spring-gap-start",
        "london-spring-in-gap",
        "london-spring-gap-end",
        "london-spring-after-gap",
        "london-autumn-twice-first",
        "london-autumn-after",
        "new-york-spring-in-gap",
        "new-york-spring-gap-end",
        "new-york-autumn-twice-first",
        "new-york-autumn-after",
        "new-york-winter",
    ],
)
def test_wall_moment_on_change_days(
    zone: ZoneInfo, day: date, wall: time, expected: datetime
) -> None:
    moment = wall_moment(day, wall, zone)
    assert moment.astimezone(UTC) == expected
    assert moment.date() == day


@pytest.mark.parametrize(
    ("zone", "day", "wall", "expected"),
    [
        ("Europe/London", SPRING_LONDON, time(1, 30), utc(SPRING_LONDON, 1)),
        ("Europe/London", AUTUMN_LONDON, time(1, 30), utc(AUTUMN_LONDON, 0, 30)),
        ("America/New_York", SPRING_NEW_YORK, time(2, 30), utc(SPRING_NEW_YORK, 7)),
        ("America/New_York", AUTUMN_NEW_YORK, time(1, 30), utc(AUTUMN_NEW_YORK, 5, 30)),
    ],
    ids=["london-spring", "london-autumn", "new-york-spring", "new-york-autumn"],
)
def test_wall_moment_in_the_machines_own_zone(
    local_zone: Callable[[str], None], zone: str, day: date, wall: time, expected: datetime
) -> None:
    local_zone(zone)
    assert wall_moment(day, wall).astimezone(UTC) == expected


@pytest.mark.parametrize(
    ("zone", "day", "now", "expected"),
    [
        ("Europe/London", SPRING_LONDON, utc(SPRING_LONDON, 0, 59), []),
        ("Europe/London", SPRING_LONDON, utc(SPRING_LONDON, 1), [utc(SPRING_LONDON, 1)]),
        ("America/New_York", AUTUMN_NEW_YORK, utc(AUTUMN_NEW_YORK, 5, 29), []),
        (
            "America/New_York",
            AUTUMN_NEW_YORK,
            utc(AUTUMN_NEW_YORK, 6, 45),
            [utc(AUTUMN_NEW_YORK, 5, 30)],
        ),
    ],
    ids=["london-spring-before", "london-spring-after", "new-york-autumn-before", "new-york-twice"],
)
def test_reminders_in_the_machines_own_zone(
    local_zone: Callable[[str], None], zone: str, day: date, now: datetime, expected: list[datetime]
) -> None:
    local_zone(zone)
    schedule = Schedule(medicines=(TABLET,), regimens=(regimen(date(2025, 1, 1), time(1, 30)),))
    found = due_reminders(schedule, now)
    assert [r.due.astimezone(UTC) for r in found] == expected
    assert all(r.day == day for r in found)


@pytest.mark.parametrize(
    ("zone", "day", "wall", "now", "due"),
    [
        (LONDON, SPRING_LONDON, time(1, 30), utc(SPRING_LONDON, 0, 59), False),
        (LONDON, SPRING_LONDON, time(1, 30), utc(SPRING_LONDON, 1), True),
        (LONDON, AUTUMN_LONDON, time(1, 30), utc(AUTUMN_LONDON, 0, 29), False),
        (LONDON, AUTUMN_LONDON, time(1, 30), utc(AUTUMN_LONDON, 0, 30), True),
        (NEW_YORK, SPRING_NEW_YORK, time(2, 30), utc(SPRING_NEW_YORK, 6, 59), False),
        (NEW_YORK, SPRING_NEW_YORK, time(2, 30), utc(SPRING_NEW_YORK, 7), True),
        (NEW_YORK, AUTUMN_NEW_YORK, time(1, 30), utc(AUTUMN_NEW_YORK, 5, 29), False),
        (NEW_YORK, AUTUMN_NEW_YORK, time(1, 30), utc(AUTUMN_NEW_YORK, 5, 30), True),
    ],
    ids=[
        "london-spring-before",
        "london-spring-after-gap",
        "london-autumn-before",
        "london-autumn-first",
        "new-york-spring-before",
        "new-york-spring-after-gap",
        "new-york-autumn-before",
        "new-york-autumn-first",
    ],
)
def test_a_dose_on_a_change_day_is_due_at_its_wall_clock_time(
    zone: ZoneInfo, day: date, wall: time, now: datetime, due: bool
) -> None:
    expected = [(ReminderKind.DOSE, day, wall_moment(day, wall, zone).astimezone(UTC))]
    assert due_at(doses(wall, zone=zone), now) == (expected if due else [])


@pytest.mark.parametrize(
    ("zone", "day"), [(LONDON, AUTUMN_LONDON), (NEW_YORK, AUTUMN_NEW_YORK)], ids=["london", "ny"]
)
def test_a_time_that_happens_twice_is_reminded_once(zone: ZoneInfo, day: date) -> None:
    schedule = doses(time(1, 30), time(8), zone=zone)
    second = at(day, 1, 45, zone, fold=1)  # the second 01:45, after the clocks went back
    assert [r.time_of_day for r in due_reminders(schedule, second)] == [time(1, 30)]
    recorded = replace(schedule, records=(record(day, time(1, 30), DoseStatus.TAKEN),))
    assert due_reminders(recorded, second) == []
    assert next_wake(recorded, at(day, 1, 35, zone, fold=0)) == at(day, 8, zone=zone)


NEXT = DAY + timedelta(days=1)


@pytest.mark.parametrize(
    ("snoozed", "now", "expected"),
    [
        (None, at(DAY, 23, 45), [DAY]),
        (None, at(NEXT, 0, 15), []),
        (60, at(DAY, 23, 45), []),
        (60, at(NEXT, 0, 29), []),
        (60, at(NEXT, 0, 30), [DAY]),
        (60, at(NEXT, 12), [DAY]),
        (60, at(NEXT + timedelta(days=1), 0), []),
        (10, at(DAY, 23, 40), [DAY]),
    ],
    ids=[
        "due-before-midnight",
        "over-at-midnight",
        "snoozed",
        "snoozed-past-midnight",
        "due-next-day",
        "stays-due-that-day",
        "over-the-day-after",
        "snoozed-ten",
    ],
)
def test_a_dose_snoozed_past_midnight_still_belongs_to_its_day(
    snoozed: int | None, now: datetime, expected: list[date]
) -> None:
    schedule = doses(time(23, 30))
    if snoozed is not None:
        [reminder] = due_reminders(schedule, at(DAY, 23, 30))
        schedule = replace(schedule, snoozes=(snooze(reminder, snoozed, at(DAY, 23, 30)),))
    assert [r.day for r in due_reminders(schedule, now)] == expected


@pytest.mark.parametrize("minutes", [10, 30, 60])
def test_a_snooze_moves_one_reminder_by_its_minutes(minutes: int) -> None:
    schedule = Schedule(
        medicines=(TABLET, TIZANIDINE),
        regimens=(regimen(DAY, time(8)), regimen(DAY, time(8), medicine_id=4)),
        zone=LONDON,
    )
    first, second = due_reminders(schedule, at(DAY, 8))
    later = snooze(first, minutes, at(DAY, 8, 5))
    assert later.until == at(DAY, 8, 5) + timedelta(minutes=minutes)
    snoozed = replace(schedule, snoozes=(later,))
    assert due_reminders(snoozed, at(DAY, 8, 6)) == [second]
    assert [r.medicine_id for r in due_reminders(snoozed, later.until)] == [
        first.medicine_id,
        second.medicine_id,
    ]
    # the carer's missed-dose notice at 09:01 comes before a 60-minute snooze ends
    assert next_wake(snoozed, at(DAY, 8, 6)) == min(later.until, at(DAY, 9, 1))


@pytest.mark.parametrize("minutes", [0, 5, 15, 120])
def test_only_ten_thirty_or_sixty_minute_snoozes(minutes: int) -> None:
    [reminder] = due_reminders(doses(time(8)), at(DAY, 8))
    with pytest.raises(ValueError, match="10, 30 or 60"):
        snooze(reminder, minutes, at(DAY, 8))


def test_a_snooze_across_the_spring_change_is_sixty_real_minutes() -> None:
    schedule = doses(time(0, 30))
    [reminder] = due_reminders(schedule, at(SPRING_LONDON, 0, 30))
    later = snooze(reminder, 60, at(SPRING_LONDON, 0, 30))
    assert later.until.astimezone(UTC) == utc(SPRING_LONDON, 1, 30)


@pytest.mark.parametrize(
    "status", [DoseStatus.TAKEN, DoseStatus.LATE, DoseStatus.MISSED], ids=lambda s: s.value
)
def test_no_reminder_for_a_dose_already_recorded(status: DoseStatus) -> None:
    schedule = doses(time(8), time(14), records=(record(DAY, time(8), status),))
    assert [r.time_of_day for r in due_reminders(schedule, at(DAY, 14))] == [time(14)]
    assert missed_for_carer(schedule, at(DAY, 12)) == []


def test_a_dismissed_dose_is_not_reminded_again_but_still_missed_for_the_carer() -> None:
    schedule = doses(time(8), time(14))
    [shown] = due_reminders(schedule, at(DAY, 8))
    closed = replace(schedule, dismissed=frozenset({shown.key}))
    assert due_reminders(closed, at(DAY, 8, 30)) == []
    assert [r.key for r in missed_for_carer(closed, at(DAY, 9, 1))] == [shown.key]
    assert next_wake(closed, at(DAY, 8, 30)) == at(DAY, 9, 1)


def test_an_extra_dose_or_another_days_record_does_not_silence_a_reminder() -> None:
    extra = DoseRecord(
        medicine_id=MedicineId(1),
        day=DAY,
        status=DoseStatus.EXTRA,
        amount=5.0,
        taken_at=utc(DAY, 7),
    )
    yesterday = record(DAY - timedelta(days=1), time(8), DoseStatus.TAKEN)
    other = record(DAY, time(8), DoseStatus.TAKEN, medicine_id=4)
    schedule = doses(time(8), records=(extra, yesterday, other))
    assert [r.time_of_day for r in due_reminders(schedule, at(DAY, 8))] == [time(8)]


CHANGE = date(2025, 6, 10)
CHANGED = Schedule(
    medicines=(TABLET,),
    regimens=(
        regimen(date(2025, 1, 1), time(8), time(14), time(20)),
        regimen(CHANGE, time(9), time(21)),
    ),
    zone=LONDON,
)


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (at(CHANGE - timedelta(days=1), 20, 30), [time(8), time(14), time(20)]),
        (at(CHANGE, 8, 30), []),
        (at(CHANGE, 10), [time(9)]),
        (at(CHANGE, 22), [time(9), time(21)]),
    ],
    ids=["day-before", "old-time-gone", "new-time", "evening"],
)
def test_a_regimen_changed_during_the_day_reminds_its_own_doses(
    now: datetime, expected: list[time]
) -> None:
    assert [r.time_of_day for r in due_reminders(CHANGED, now)] == expected


def test_a_regimen_changed_during_the_day_sets_the_next_wake() -> None:
    assert next_wake(CHANGED, at(CHANGE, 7, 30)) == at(CHANGE, 9)


def test_a_stopped_medicine_or_a_pump_has_no_dose_reminders() -> None:
    stopped = Regimen(medicine_id=MedicineId(1), start_date=DAY)
    pump = Regimen(medicine_id=MedicineId(2), start_date=date(2025, 1, 1), rate_per_day=300.0)
    schedule = replace(doses(), regimens=(regimen(date(2025, 1, 1), time(8)), stopped, pump))
    assert due_reminders(schedule, at(DAY, 12)) == []


@pytest.mark.parametrize(
    ("now", "entry_days", "expected"),
    [
        (at(DAY, 18, 59), (), []),
        (at(DAY, 19), (), [DAY]),
        (at(DAY, 23, 59), (), [DAY]),
        (at(DAY, 19), (DAY,), []),
        (at(DAY, 19), (DAY - timedelta(days=1),), [DAY]),
        (at(NEXT, 9), (), []),
    ],
    ids=["before", "at-time", "late-evening", "logged", "logged-yesterday", "next-morning"],
)
def test_the_daily_log_reminder_when_no_entry_was_made(
    now: datetime, entry_days: tuple[date, ...], expected: list[date]
) -> None:
    schedule = doses(log_time=time(19), entry_days=frozenset(entry_days))
    assert [r.day for r in due_reminders(schedule, now)] == expected
    assert {r.kind for r in due_reminders(schedule, now)} <= {ReminderKind.DAILY_LOG}


def test_no_daily_log_reminder_when_none_is_chosen() -> None:
    assert due_reminders(doses(), at(DAY, 23)) == []
    assert next_wake(doses(log_time=time(19)), at(DAY, 12)) == at(DAY, 19)


REFILL_DUE = date(2025, 6, 12)
OLD_REFILL = PumpRefill(
    medicine_id=MedicineId(2), refill_date=date(2025, 3, 1), next_due=date(2025, 6, 1)
)
REFILL = PumpRefill(medicine_id=MedicineId(2), refill_date=date(2025, 6, 2), next_due=REFILL_DUE)
VISIT = Appointment(id=AppointmentId(7), person_id=PersonId(1), day=REFILL_DUE, clinician="Dr Ng")
EVE = REFILL_DUE - timedelta(days=1)


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (at(EVE - timedelta(days=1), 9), []),
        (at(EVE, 8, 59), []),
        (at(EVE, 9), [ReminderKind.PUMP_REFILL, ReminderKind.APPOINTMENT]),
        (at(EVE, 23), [ReminderKind.PUMP_REFILL, ReminderKind.APPOINTMENT]),
        (at(REFILL_DUE, 9), []),
    ],
    ids=["two-days-before", "early", "day-before", "day-before-evening", "the-day"],
)
def test_a_refill_and_an_appointment_are_reminded_the_day_before(
    now: datetime, expected: list[ReminderKind]
) -> None:
    schedule = doses(refills=(OLD_REFILL, REFILL), appointments=(VISIT,))
    found = due_reminders(schedule, now)
    assert [r.kind for r in found] == expected
    assert all(r.day == EVE for r in found)


def test_a_refill_and_an_appointment_are_reminded_once() -> None:
    schedule = doses(refills=(REFILL,), appointments=(VISIT,))
    shown = due_reminders(schedule, at(EVE, 9))
    assert [r.appointment for r in shown] == [None, VISIT]
    assert [r.refill for r in shown] == [REFILL, None]
    done = replace(schedule, dismissed=frozenset(r.key for r in shown))
    assert due_reminders(done, at(EVE, 12)) == []
    assert next_wake(schedule, at(EVE, 8)) == at(EVE, 9)


@pytest.mark.parametrize(
    ("now", "records", "expected"),
    [
        (at(DAY, 9), (), []),
        (at(DAY, 9, 1), (), [time(8)]),
        (at(DAY, 15, 1), (), [time(8), time(14)]),
        (at(DAY, 15, 1), (record(DAY, time(8), DoseStatus.LATE),), [time(14)]),
        (at(DAY, 23, 59), (), [time(8), time(14), time(20)]),
        (at(NEXT, 0, 30), (), []),
        (at(NEXT, 8, 30), (), []),
    ],
    ids=["an-hour", "more-than-an-hour", "two", "one-recorded", "evening", "midnight", "next-day"],
)
def test_a_dose_more_than_an_hour_late_is_missed_for_the_carer(
    now: datetime, records: tuple[DoseRecord, ...], expected: list[time]
) -> None:
    # the daily log reminder is never a missed dose
    schedule = doses(time(8), time(14), time(20), records=records, log_time=time(6))
    assert [r.time_of_day for r in missed_for_carer(schedule, now)] == expected


@pytest.mark.parametrize(
    ("now", "expected"),
    [(at(NEXT, 0, 30), []), (at(NEXT, 0, 31), [DAY]), (at(NEXT, 23, 59), [DAY])],
    ids=["an-hour", "more-than-an-hour", "all-next-day"],
)
def test_a_dose_at_half_past_eleven_is_missed_the_next_day(
    now: datetime, expected: list[date]
) -> None:
    assert [r.day for r in missed_for_carer(doses(time(23, 30)), now)] == expected


def test_a_missed_dose_is_shown_until_its_day_ends_and_not_a_moment_longer() -> None:
    schedule = doses(time(8))
    last_second = at(DAY, 23, 59) + timedelta(seconds=59)
    assert [r.day for r in missed_for_carer(schedule, last_second)] == [DAY]
    assert missed_for_carer(schedule, at(NEXT, 0)) == []


def test_the_next_wake_includes_the_moment_a_dose_becomes_missed() -> None:
    schedule = doses(time(8), time(14))
    assert next_wake(schedule, at(DAY, 8, 30)) == at(DAY, 9, 1)


@pytest.mark.parametrize(
    ("now", "due", "scheduled"),
    [
        (at(DAY, 5, 32), [], 4),
        (at(DAY, 8), [time(8)], 4),
        (at(DAY, 15), [time(8), time(14)], 4),
        (at(DAY, 23, 59), [time(8), time(14), time(20), time(22)], 4),
    ],
    ids=["early-morning", "first-time", "afternoon", "night"],
)
def test_doses_due_so_far(now: datetime, due: list[time], scheduled: int) -> None:
    schedule = doses(
        time(8), time(14), time(20), time(22), records=(record(DAY, time(8), DoseStatus.TAKEN),)
    )
    so_far = doses_due_so_far(schedule, now)
    assert [slot.time_of_day for slot in so_far.due] == due
    assert so_far.scheduled == scheduled
    assert [slot.time_of_day for slot in so_far.open] == due[1:]


ZONES = st.sampled_from([LONDON, NEW_YORK, ZoneInfo("UTC"), ZoneInfo("Australia/Lord_Howe")])
# hypothesis takes naive bounds and attaches the zone itself
MOMENTS = st.datetimes(
    min_value=datetime(2025, 1, 1),  # noqa: DTZ001
    max_value=datetime(2026, 12, 31),  # noqa: DTZ001
    timezones=st.just(UTC),
)
TIMES = st.lists(st.times(), min_size=1, max_size=4, unique=True)


@given(zone=ZONES, now=MOMENTS, times=TIMES, log=st.none() | st.times())
def test_the_next_wake_is_never_in_the_past(
    zone: ZoneInfo, now: datetime, times: list[time], log: time | None
) -> None:
    schedule = doses(*times, zone=zone, log_time=log, refills=(REFILL,), appointments=(VISIT,))
    assert next_wake(schedule, now) > now


@given(zone=ZONES, now=MOMENTS, times=TIMES, status=st.sampled_from(list(DoseStatus)[:3]))
def test_no_reminder_is_ever_due_for_a_recorded_dose(
    zone: ZoneInfo, now: datetime, times: list[time], status: DoseStatus
) -> None:
    local = now.astimezone(zone).date()
    days = (local - timedelta(days=1), local)
    records = tuple(record(day, each, status) for day in days for each in times)
    schedule = doses(*times, zone=zone, records=records)
    assert due_reminders(schedule, now) == []
    assert missed_for_carer(schedule, now) == []


@pytest.mark.parametrize(
    ("now", "status"),
    [
        (at(DAY, 8), DoseStatus.TAKEN),
        (at(DAY, 9) + timedelta(seconds=59), DoseStatus.TAKEN),
        (at(DAY, 9, 1), DoseStatus.LATE),
        (at(NEXT, 0, 10), DoseStatus.LATE),
    ],
    ids=["on-time", "within-the-hour", "after-the-hour", "next-day"],
)
def test_taken_from_a_reminder_is_taken_now_and_late_after_the_hour(
    now: datetime, status: DoseStatus
) -> None:
    (reminder,) = due_reminders(doses(time(8)), at(DAY, 8))
    made = taken_record(reminder, now, CarerId(3))
    assert made == DoseRecord(
        medicine_id=MedicineId(1),
        day=DAY,
        status=status,
        amount=10.0,
        scheduled_time=time(8),
        taken_at=now.astimezone(UTC),
        entered_by=CarerId(3),
    )


def test_only_a_dose_reminder_can_be_taken() -> None:
    (reminder,) = due_reminders(doses(log_time=time(20)), at(DAY, 20))
    with pytest.raises(ValueError, match="daily log"):
        taken_record(reminder, at(DAY, 20), None)


def test_the_not_recorded_notice_names_every_late_dose() -> None:
    schedule = doses(time(8), time(14, 30), log_time=time(6))
    assert not_recorded_caution(missed_for_carer(schedule, at(DAY, 9)), LONDON) is None
    one = not_recorded_caution(missed_for_carer(schedule, at(DAY, 9, 1)), LONDON)
    assert one is not None
    assert (one.kind, one.level, one.day) == (CautionKind.NOT_RECORDED, Level.WARNING, DAY)
    assert one.title == "A dose is more than an hour late and not recorded"
    assert one.text == (
        "Baclofen 10 mg due at 08:00. If it was taken, record it as taken or late; if not, "
        "record it as missed. Talk to your doctor, nurse or pharmacist."
    )
    two = not_recorded_caution(missed_for_carer(schedule, at(DAY, 16)), LONDON)
    assert two is not None
    assert two.title == "2 doses are more than an hour late and not recorded"
    assert two.text.startswith("Baclofen 10 mg due at 08:00; Baclofen 10 mg due at 14:30. ")
    # only doses count: a daily log reminder is never late
    assert not_recorded_caution(due_reminders(schedule, at(DAY, 7)), LONDON) is None
