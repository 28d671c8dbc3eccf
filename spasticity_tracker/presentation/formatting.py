"""How the app writes amounts, doses, regimens, moments and people: one place for all of it.

Dates in words are defined in domain/dates.py, because the domain's own caution texts need
them too; they are offered here with the rest, so that pages import their words from one
module. Nothing follows the process locale: the app speaks English until it is
translated, whatever language the system is set to.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from spasticity_tracker.domain.dates import day_text, long_day_text, time_text, weekday_text
from spasticity_tracker.domain.entities import Carer, CarerId, Medicine, Person, Regimen
from spasticity_tracker.domain.ingredients import Ingredient
from spasticity_tracker.domain.regimens import RegimenChange
from spasticity_tracker.domain.scales import DoseUnit

__all__ = [
    "amount",
    "day_text",
    "dose_list",
    "doses_text",
    "enterer_name",
    "ingredient_text",
    "long_day_text",
    "moment_text",
    "per_day",
    "period_text",
    "regimen_text",
    "short_moment_text",
    "time_text",
    "total_change_text",
    "total_text",
    "weekday_text",
]


def counted(number: float, thing: str, things: str | None = None) -> str:
    """'1 entry', '3 entries', '0 dose records': the plural is thing + 's' unless given."""
    return f"{number:g} {thing if number == 1 else things or thing + 's'}"


def import_totals(
    entries: int, side_effects: int, dose_changes: int, doses: int, events: int = 0
) -> str:
    """What an import adds: '2 entries, 0 side effects, 2 dose changes, 1 dose record' (and
    '3 events' when there are any)."""
    return ", ".join(
        (
            counted(entries, "entry", "entries"),
            counted(side_effects, "side effect"),
            counted(dose_changes, "dose change"),
            counted(doses, "dose record"),
            *([counted(events, "event")] if events else []),
        )
    )


def per_day(unit: DoseUnit) -> str:
    """'mg/day', 'sprays/day'; a pump's unit is per day already ('mcg/day')."""
    return unit.value if unit.value.endswith("/day") else f"{unit.value}/day"


def amount(value: float, unit: DoseUnit) -> str:
    """'2.5 mg'."""
    return f"{value:g} {unit.value}"


def total_text(medicine: Medicine, total: float | None) -> str:
    """A medicine's daily total: '45 mg/day', or 'none' when stopped or not started."""
    if not total:
        return "none"
    return f"{total:g} {per_day(medicine.dose_unit)}"


def doses_text(doses: Iterable[tuple[Medicine, float]]) -> str:
    """'Baclofen 30 mg/day + Tizanidine 4 mg/day', or 'no medicine recorded'."""
    parts = [f"{medicine.name} {total_text(medicine, total)}" for medicine, total in doses]
    return " + ".join(parts) or "no medicine recorded"


def dose_list(medicine: Medicine, regimen: Regimen) -> str:
    """'15 mg at 08:00, 10 mg at 14:00'."""
    unit = medicine.dose_unit
    return ", ".join(
        f"{amount(d.amount, unit)} at {time_text(d.time_of_day)}" for d in regimen.doses
    )


def regimen_text(medicine: Medicine, regimen: Regimen | None) -> str:
    """A regimen in full: '15 mg at 08:00, 15 mg at 20:00 (30 mg/day)', a pump's rate, or
    'not taken'."""
    if regimen is None or regimen.is_stopped:
        return "not taken"
    if regimen.rate_per_day is not None:
        return f"{total_text(medicine, regimen.rate_per_day)} (continuous)"
    return f"{dose_list(medicine, regimen)} ({total_text(medicine, regimen.daily_total)})"


def total_change_text(medicine: Medicine, change: RegimenChange) -> str:
    """'45 → 60 mg/day', or '60 mg/day (start)' for a first regimen."""
    new = total_text(medicine, change.new_total)
    if change.old_total is None:
        return f"{new} (start)"
    return f"{change.old_total:g} \N{RIGHTWARDS ARROW} {new}"


def ingredient_text(ingredient: Ingredient) -> str:
    """An ingredient in a sentence: 'baclofen', or what "other" means."""
    return "not one the app knows (other)" if ingredient is Ingredient.OTHER else ingredient.word


def moment_text(moment: datetime) -> str:
    """An instant in local time: 'Mon 30 Nov 2026 14:05'."""
    local = moment.astimezone()
    return f"{weekday_text(local.date())} {time_text(local.time())}"


def short_moment_text(moment: datetime) -> str:
    """An instant in local time, without the weekday: '30 Nov 2026 14:05'."""
    local = moment.astimezone()
    return f"{day_text(local.date())} {time_text(local.time())}"


def period_text(first: date, last: date) -> str:
    """'1 Jun 2026 to 30 Nov 2026'."""
    return f"{day_text(first)} to {day_text(last)}"


def enterer_name(person: Person | None, carers: Iterable[Carer], carer_id: CarerId | None) -> str:
    """Who entered a record: the person themself, a carer, or a carer since removed."""
    if carer_id is None:
        return person.name if person else "the person"
    return next((carer.name for carer in carers if carer.id == carer_id), "a former carer")
