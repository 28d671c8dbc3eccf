"""The cautions of CLINICAL.md as pure rules: information that never blocks or advises a dose.

Dose rules work on an active ingredient's daily total by route: every oral form of baclofen
together (tablets, liquid, granules), a pump on its own, never mg added to mcg. One function,
`dose_cautions`, runs them for every way a dose can change (a new medicine, a dose change, a
correction or removal, an import, a restore) and for the clinic summary, so that the same
change raises the same caution wherever it arrives.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, time, timedelta
from enum import IntEnum, StrEnum

from spasticity_tracker.domain.dates import day_text, weekday_text
from spasticity_tracker.domain.entities import (
    Medicine,
    MedicineId,
    Person,
    PumpRefill,
    Regimen,
    ToxinInjection,
)
from spasticity_tracker.domain.ingredients import Ingredient
from spasticity_tracker.domain.regimens import RecordedDose, regimen_on
from spasticity_tracker.domain.scales import DoseStatus, DoseUnit, Route

ASK = "Talk to your doctor, nurse or pharmacist."
URGENT_HELP = (
    "If any of these signs appear, get urgent medical help: call the pump team or emergency "
    "services."
)
TAPER_DAYS = 7  # a cut is measured against the highest daily total of the 7 days before
PUMP_USUAL_RATE = (20.0, 1500.0)  # mcg/day; outside it, the unit is probably wrong
REFILL_NOTICE_DAYS = (14, 7, 3, 1)  # each step more urgent
TOXIN_REPEAT_DAYS = 84  # 12 weeks: repeat injections are usually not sooner
TOXIN_REMINDER_DAYS = 182  # after half a year the reminder is no longer useful
PUMP_WITHDRAWAL_SIGNS = (
    "Early signs for carers to know: stiffness coming back, itching without a rash, a fast "
    "heartbeat, goose bumps. Later: high fever, confusion, severe stiffness and rigidity; "
    "rarely muscle breakdown (rhabdomyolysis), organ failure and death."
)
KIDNEY_SIGNS = "drowsiness, confusion, slow or shallow breathing"


class CautionKind(StrEnum):
    ABOVE_USUAL_MAXIMUM = "above_usual_maximum"
    STOP_OR_FAST_CUT = "stop_or_fast_cut"
    PLANNED_SWITCH = "planned_switch"
    UNUSUAL_PUMP_RATE = "unusual_pump_rate"
    MISSED_DOSES = "missed_doses"
    PUMP_REFILL = "pump_refill"
    KIDNEY = "kidney"
    TOXIN_REPEAT = "toxin_repeat"
    NOT_RECORDED = "not_recorded"


class Level(IntEnum):
    """How urgent a caution is; each step is more urgent than the one before."""

    INFORMATION = 1
    NOTICE = 2
    WARNING = 3
    URGENT = 4
    CRITICAL = 5


@dataclass(frozen=True)
class Caution:
    """A caution to show where the user acts: a short title, the full text, how urgent."""

    kind: CautionKind
    title: str
    text: str
    level: Level = Level.WARNING
    day: date | None = None  # the day it applies from (a change, a due date); None: ongoing

    @property
    def urgent(self) -> bool:
        return self.level >= Level.URGENT

    @property
    def line(self) -> str:
        """'Caution, 2 Jun 2026: title. text', as the import lists it."""
        when = "" if self.day is None else f", {day_text(self.day)}"
        return f"Caution{when}: {self.title}. {self.text}"

    @property
    def dated_title(self) -> str:
        """'2 Jun 2026: title', as imports and the clinic summary list cautions."""
        return self.title if self.day is None else f"{day_text(self.day)}: {self.title}"


# -- dose changes ---------------------------------------------------------------------------


@dataclass(frozen=True)
class DoseGroup:
    """Medicines whose daily totals add up: one ingredient, one route, one unit."""

    ingredient: Ingredient
    route: Route
    unit: DoseUnit
    medicines: tuple[Medicine, ...]


def dose_groups(medicines: Iterable[Medicine]) -> list[DoseGroup]:
    """The person's medicines grouped by ingredient and route ("other" ones have no rules)."""
    groups: dict[tuple[Ingredient, Route, DoseUnit], list[Medicine]] = {}
    for medicine in medicines:
        if medicine.ingredient is not Ingredient.OTHER:
            key = (medicine.ingredient, medicine.route, medicine.dose_unit)
            groups.setdefault(key, []).append(medicine)
    return [DoseGroup(*key, tuple(members)) for key, members in groups.items()]


class GroupTotals:
    """A group's daily total on any day, from its medicines' regimens."""

    def __init__(self, group: DoseGroup, regimens: Iterable[Regimen]):
        ids = {medicine.id for medicine in group.medicines}
        self.group = group
        self._own: dict[MedicineId | None, list[Regimen]] = {m.id: [] for m in group.medicines}
        for regimen in regimens:
            if regimen.medicine_id in ids:
                self._own[regimen.medicine_id].append(regimen)
        self._cache: dict[date, float] = {}

    @property
    def change_days(self) -> list[date]:
        """Every day a regimen of the group starts, oldest first."""
        return sorted({r.start_date for own in self._own.values() for r in own})

    def parts(self, day: date) -> list[tuple[Medicine, float]]:
        """Each medicine's daily total on a day, where above 0."""
        parts = []
        for medicine in self.group.medicines:
            in_force = regimen_on(self._own[medicine.id], day)
            if in_force is not None and in_force.daily_total > 0:
                parts.append((medicine, in_force.daily_total))
        return parts

    def on(self, day: date) -> float:
        if day not in self._cache:
            self._cache[day] = sum(total for _, total in self.parts(day))
        return self._cache[day]


def _amount(total: float, unit: DoseUnit) -> str:
    """'60 mg a day', '12 sprays a day', '300 mcg/day'."""
    if unit is DoseUnit.MCG_PER_DAY:
        return f"{total:g} mcg/day"
    return f"{total:g} {unit.value} a day"


def dose_cautions(
    person: Person | None,
    medicines: Sequence[Medicine],
    regimens: Sequence[Regimen],
    first: date | None = None,
    last: date | None = None,
) -> list[Caution]:
    """Every caution a dose change raises, dated, for change days from first to last.

    Each change day of an ingredient's route (a medicine started, changed or stopped) is
    checked: above the usual maximum; stopping; a total more than a third below the highest
    total of the 7 days before (so that a fast taper in small steps counts); an unusual pump
    rate; and, with kidney impairment, every raise of oral baclofen.
    """
    totals = [GroupTotals(group, regimens) for group in dose_groups(medicines)]
    pumps = {t.group.ingredient: t for t in totals if t.group.route is Route.INTRATHECAL}
    cautions: list[Caution] = []
    for group_totals in totals:
        for day in group_totals.change_days:
            if (first is None or first <= day) and (last is None or day <= last):
                pump = pumps.get(group_totals.group.ingredient)
                pump_running = pump is not None and pump.on(day) > 0
                cautions += _change_cautions(person, group_totals, day, pump_running)
    return sorted(cautions, key=lambda caution: (caution.day or date.min, -caution.level))


def _change_cautions(
    person: Person | None, totals: GroupTotals, day: date, pump_running: bool
) -> list[Caution]:
    group = totals.group
    now = totals.on(day)
    before = totals.on(day - timedelta(days=1))
    window = [day - timedelta(days=back) for back in range(1, TAPER_DAYS + 1)]
    highest_day = max(window, key=lambda d: (totals.on(d), d))
    highest = totals.on(highest_day)
    stopped = now == 0 and before > 0
    # More than a third below the highest of the week: exactly a third is not cautioned.
    cut_fast = 0 < now < before and 3 * (highest - now) > highest
    if group.route is Route.INTRATHECAL:
        return _pump_cautions(group, day, now, before, highest, highest_day, stopped, cut_fast)
    facts = group.ingredient.facts
    word = group.ingredient.word
    cautions = []
    maximum = facts.usual_max.get(group.route)
    if maximum is not None and now > maximum and now > before:
        parts = totals.parts(day)
        across = (
            " (" + " + ".join(f"{m.name} {t:g} {group.unit.value}" for m, t in parts) + ")"
            if len(parts) > 1
            else ""
        )
        note = f" {facts.max_note}" if facts.max_note else ""
        cautions.append(
            Caution(
                CautionKind.ABOVE_USUAL_MAXIMUM,
                f"{group.ingredient.label} {_amount(now, group.unit)}: above the usual maximum",
                f"{_amount(now, group.unit)} of {word}{across} is above the usual maximum of "
                f"{_amount(maximum, group.unit)}; check this is what was prescribed.{note} {ASK}",
                Level.WARNING,
                day,
            )
        )
    if facts.withdrawal is not None and (stopped or cut_fast):
        if stopped and pump_running:
            cautions.append(
                Caution(
                    CautionKind.PLANNED_SWITCH,
                    f"Oral {word} stopped while the pump runs",
                    f"Oral {word} stops ({_amount(before, group.unit)} to none) while the "
                    f"intrathecal pump is running. As part of a planned switch to the pump, "
                    f"oral doses are normally reduced step by step as the pump takes over. "
                    f"Watch for {facts.withdrawal}. {ASK}",
                    Level.WARNING,
                    day,
                )
            )
        elif stopped:
            cautions.append(
                Caution(
                    CautionKind.STOP_OR_FAST_CUT,
                    f"Stopping {word}",
                    f"Stopping {word} suddenly ({_amount(before, group.unit)} to none) can "
                    f"cause {facts.withdrawal}. {facts.reduce} {ASK}",
                    Level.URGENT,
                    day,
                )
            )
        else:
            cautions.append(
                Caution(
                    CautionKind.STOP_OR_FAST_CUT,
                    f"Cutting {word} quickly",
                    f"{_amount(now, group.unit)} is more than a third below the highest daily "
                    f"total of the 7 days before ({_amount(highest, group.unit)} on "
                    f"{day_text(highest_day)}). Cutting {word} quickly can cause "
                    f"{facts.withdrawal}. {facts.reduce} {ASK}",
                    Level.URGENT,
                    day,
                )
            )
    if (
        person is not None
        and person.kidney_impairment
        and group.ingredient is Ingredient.BACLOFEN
        and group.route is Route.ORAL
        and now > before
    ):
        cautions.append(
            Caution(
                CautionKind.KIDNEY,
                f"Baclofen raised to {_amount(now, group.unit)} with kidney impairment",
                f"Baclofen leaves the body through the kidneys; with kidney impairment doses "
                f"are usually lower, and too much can build up. Signs of too much: "
                f"{KIDNEY_SIGNS}. {ASK}",
                Level.NOTICE,
                day,
            )
        )
    return cautions


def _pump_cautions(
    group: DoseGroup,
    day: date,
    now: float,
    before: float,
    highest: float,
    highest_day: date,
    stopped: bool,
    cut_fast: bool,
) -> list[Caution]:
    word = group.ingredient.word
    cautions = []
    if stopped or cut_fast:
        what = (
            f"Stopping intrathecal {word} ({_amount(before, group.unit)} to none)"
            if stopped
            else f"Cutting intrathecal {word} to {_amount(now, group.unit)}, more than a third "
            f"below the highest rate of the 7 days before ({_amount(highest, group.unit)} on "
            f"{day_text(highest_day)}),"
        )
        cautions.append(
            Caution(
                CautionKind.STOP_OR_FAST_CUT,
                f"Pump {word} {'stopped' if stopped else 'cut quickly'}",
                f"{what} can cause a dangerous, sometimes life-threatening withdrawal. "
                f"{PUMP_WITHDRAWAL_SIGNS} Pump rates are normally changed gradually by the "
                f"pump team. {URGENT_HELP}",
                Level.CRITICAL,
                day,
            )
        )
    low, high = PUMP_USUAL_RATE
    if now > 0 and now != before and not low <= now <= high:
        cautions.append(
            Caution(
                CautionKind.UNUSUAL_PUMP_RATE,
                f"Unusual pump rate: {_amount(now, group.unit)}",
                f"{_amount(now, group.unit)} is outside the usual range for an intrathecal "
                f"pump (about {low:g} to {high:,.0f} mcg/day): check the unit (mcg/day, not "
                f"mg) and that this is the rate the pump team set. {ASK}",
                Level.WARNING,
                day,
            )
        )
    return cautions


def new_cautions(before: Iterable[Caution], after: Iterable[Caution]) -> list[Caution]:
    """The cautions in `after` that `before` did not have: what one action raised."""
    had = set(before)
    return [caution for caution in after if caution not in had]


# -- missed doses ---------------------------------------------------------------------------


def dose_moment(record: RecordedDose) -> tuple[date, time]:
    """Where a record stands in the day: its scheduled time, or when an extra dose was taken."""
    if record.scheduled_time is not None:
        return record.day, record.scheduled_time
    at = record.taken_at.astimezone().time() if record.taken_at else time.max
    return record.day, at


def missed_dose_caution(
    medicine: Medicine, regimens: Sequence[Regimen], records: Iterable[RecordedDose]
) -> Caution | None:
    """Two or more scheduled doses of one medicine missed in a row, or a whole day with none.

    Only what the user recorded counts: a dose not recorded is not a missed dose. The caution
    stays until a dose is recorded as taken again (every miss after the last taken dose counts).
    Medicines are never pooled: each medicine has its own run.
    """
    facts = medicine.ingredient.facts
    if facts.withdrawal is None or medicine.route.is_continuous:
        return None
    own = sorted((r for r in records if r.medicine_id == medicine.id), key=dose_moment)
    last_taken = max((dose_moment(r) for r in own if r.status.was_taken), default=None)
    misses = [
        r
        for r in own
        if r.status is DoseStatus.MISSED and (last_taken is None or dose_moment(r) > last_taken)
    ]
    whole_day = False
    for day in {r.day for r in misses}:
        in_force = regimen_on(regimens, day)
        due = {dose.time_of_day for dose in in_force.doses} if in_force else set()
        if due and due <= {r.scheduled_time for r in misses if r.day == day}:
            whole_day = True
    if len(misses) < 2 and not whole_day:
        return None
    count = len(misses)
    title = (
        f"{count} {medicine.name} doses missed in a row"
        if count > 1
        else f"No {medicine.name} taken for a whole day"
    )
    return Caution(
        CautionKind.MISSED_DOSES,
        title,
        f"Missing {medicine.ingredient.word} doses can cause {facts.withdrawal}. "
        f"{facts.seek_help} {ASK}",
        Level.URGENT,
        misses[0].day,
    )


def missed_dose_runs(
    medicine: Medicine, regimens: Sequence[Regimen], records: Iterable[RecordedDose]
) -> list[Caution]:
    """Each run of missed doses that reached the caution, dated at its first miss."""
    own = sorted((r for r in records if r.medicine_id == medicine.id), key=dose_moment)
    cautions = []
    run: list[RecordedDose] = []
    for record in [*own, None]:
        if record is not None and record.status is DoseStatus.MISSED:
            run.append(record)
            continue
        caution = missed_dose_caution(medicine, regimens, run) if run else None
        if caution is not None:
            cautions.append(caution)
        run = []
    return cautions


# -- pumps ----------------------------------------------------------------------------------


def pump_refill_caution(medicine: Medicine, next_due: date | None, today: date) -> Caution | None:
    """From 14 days before a pump's refill date, more urgent at 7, 3 and 1 days, and overdue."""
    if next_due is None or not medicine.route.is_continuous:
        return None
    days = (next_due - today).days
    levels = (Level.NOTICE, Level.WARNING, Level.URGENT, Level.CRITICAL)
    reached = [
        level for ahead, level in zip(REFILL_NOTICE_DAYS, levels, strict=True) if days <= ahead
    ]
    if not reached:
        return None
    level = reached[-1]
    when = weekday_text(next_due)
    if days < 0:
        late = -days
        title = f"Pump refill overdue by {late} day{'s' if late > 1 else ''} (due {when})"
    elif days == 0:
        title = f"Pump refill due today ({when})"
    else:
        title = f"Pump refill due in {days} day{'s' if days > 1 else ''} ({when})"
    empty = "if the pump runs empty, baclofen stops suddenly and withdrawal can be dangerous"
    if level is Level.NOTICE:
        text = (
            f"Keep the refill appointment: {empty}. If it is not booked yet, call the pump "
            f"team. {ASK}"
        )
    elif level is Level.WARNING:
        text = (
            f"Check that the refill appointment is booked, and heed any pump alarm: {empty}. "
            f"{PUMP_WITHDRAWAL_SIGNS} {ASK}"
        )
    else:
        lead = (
            "The refill is overdue: the pump may run empty. Call the pump team today."
            if days < 0
            else f"Make sure the refill happens: {empty}."
        )
        text = f"{lead} {PUMP_WITHDRAWAL_SIGNS} {URGENT_HELP}"
    return Caution(CautionKind.PUMP_REFILL, title, text, level, next_due)


def overdue_refills(
    medicine: Medicine, refills: Sequence[PumpRefill], first: date, last: date, today: date
) -> list[Caution]:
    """Refills of a period that passed their due date with no refill recorded by then."""
    own = [r for r in refills if r.medicine_id == medicine.id]
    cautions = []
    for refill in own:
        due = refill.next_due
        if not first <= due <= last or due >= today:
            continue
        if any(refill.refill_date < other.refill_date <= due for other in own):
            continue
        cautions.append(
            Caution(
                CautionKind.PUMP_REFILL,
                f"Pump refill overdue (due {day_text(due)})",
                "No refill was recorded by its due date: if the pump ran empty, intrathecal "
                f"baclofen stopped suddenly. {PUMP_WITHDRAWAL_SIGNS} {URGENT_HELP}",
                Level.CRITICAL,
                due,
            )
        )
    return cautions


# -- the person -----------------------------------------------------------------------------


def takes_oral_baclofen(medicines: Iterable[Medicine]) -> bool:
    return any(m.ingredient is Ingredient.BACLOFEN and m.route is Route.ORAL for m in medicines)


def kidney_caution(person: Person, medicines: Iterable[Medicine]) -> Caution | None:
    """The kidney note, for a person with kidney impairment who takes oral baclofen."""
    if not person.kidney_impairment or not takes_oral_baclofen(medicines):
        return None
    return Caution(
        CautionKind.KIDNEY,
        "Kidney impairment",
        "Baclofen leaves the body through the kidneys; with kidney impairment doses are "
        f"usually lower, and too much can build up. Signs of too much: {KIDNEY_SIGNS}. {ASK}",
        Level.NOTICE,
    )


def toxin_repeat_caution(injections: Iterable[ToxinInjection], today: date) -> Caution | None:
    """Information once 12 weeks have passed since the last botulinum toxin injection."""
    last = max((injection.day for injection in injections), default=None)
    if last is None or not TOXIN_REPEAT_DAYS <= (today - last).days <= TOXIN_REMINDER_DAYS:
        return None
    return Caution(
        CautionKind.TOXIN_REPEAT,
        f"12 weeks since the last botulinum toxin injection ({day_text(last)})",
        "Repeat injections are usually given no sooner than 12 weeks apart, and the effect "
        "usually lasts about 3-4 months. This is information only: if the effect is wearing "
        f"off, ask the clinic when the next one is planned. {ASK}",
        Level.INFORMATION,
        last + timedelta(days=TOXIN_REPEAT_DAYS),
    )


def period_cautions(
    person: Person,
    medicines: Sequence[Medicine],
    regimens: Sequence[Regimen],
    doses: Sequence[RecordedDose],
    refills: Sequence[PumpRefill],
    first: date,
    last: date,
    today: date,
) -> list[Caution]:
    """Every caution that applied from first to last, dated, oldest first (the summary's)."""
    cautions = dose_cautions(person, medicines, regimens, first, last)
    for medicine in medicines:
        own = [r for r in regimens if r.medicine_id == medicine.id]
        cautions += [
            caution
            for caution in missed_dose_runs(medicine, own, doses)
            if caution.day is not None and first <= caution.day <= last
        ]
        cautions += overdue_refills(medicine, refills, first, last, today)
    cautions.sort(key=lambda caution: (caution.day or date.min, -caution.level))
    kidney = kidney_caution(person, medicines)
    return cautions + ([kidney] if kidney is not None else [])
