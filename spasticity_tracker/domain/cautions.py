"""The cautions of CLINICAL.md as pure rules: information that never blocks or advises a dose.

Every caution's text ends by sending the person to their doctor, nurse or pharmacist.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, time
from enum import StrEnum

from spasticity_tracker.domain.entities import DoseRecord, Medicine, Person, Regimen
from spasticity_tracker.domain.regimens import regimen_on
from spasticity_tracker.domain.scales import DoseStatus, Route, is_baclofen

ORAL_BACLOFEN_USUAL_MAX = 80.0  # mg a day (US and Canadian labels)
REFILL_NOTICE_DAYS = (14, 7, 3, 1)  # the banner appears 14 days ahead and grows more urgent
ASK = "Talk to your doctor, nurse or pharmacist."
ORAL_WITHDRAWAL_SIGNS = (
    "hallucinations, seizures, confusion, a high temperature, or stiffness and spasms coming "
    "back much worse"
)
PUMP_WITHDRAWAL_SIGNS = (
    "Early signs for carers to know: stiffness coming back, itching without a rash, a fast "
    "heartbeat, goose bumps. Later: high fever, confusion, severe rigidity."
)


class CautionKind(StrEnum):
    ABOVE_USUAL_MAXIMUM = "above_usual_maximum"
    STOP_OR_FAST_CUT = "stop_or_fast_cut"
    MISSED_DOSES = "missed_doses"
    PUMP_REFILL = "pump_refill"
    KIDNEY = "kidney"


@dataclass(frozen=True)
class Caution:
    """A caution to show where the user acts: a short title and the full text."""

    kind: CautionKind
    title: str
    text: str
    urgent: bool = False


def regimen_change_cautions(
    medicine: Medicine, previous: Regimen | None, new: Regimen
) -> list[Caution]:
    """Cautions for a new regimen of a medicine, against the one it replaces (if any)."""
    if not is_baclofen(medicine.name):
        return []
    cautions = []
    if medicine.route is Route.ORAL and new.daily_total > ORAL_BACLOFEN_USUAL_MAX:
        cautions.append(
            Caution(
                CautionKind.ABOVE_USUAL_MAXIMUM,
                "Above the usual maximum",
                f"{new.daily_total:g} mg a day is above the usual maximum of "
                f"{ORAL_BACLOFEN_USUAL_MAX:g} mg a day for baclofen tablets; check this is what "
                f"was prescribed. {ASK}",
            )
        )
    if previous is not None and previous.daily_total > 0:
        stopped = new.daily_total == 0
        # More than a third: a cut of exactly one third is not cautioned.
        cut_fast = 3 * (previous.daily_total - new.daily_total) > previous.daily_total
        if stopped or cut_fast:
            pump = medicine.route is Route.INTRATHECAL
            drug = "intrathecal baclofen" if pump else "baclofen"
            what = (
                f"Stopping {drug}"
                if stopped
                else f"Cutting {drug} by more than a third in one step"
            )
            if pump:
                text = (
                    f"{what} can cause a dangerous withdrawal. {PUMP_WITHDRAWAL_SIGNS} "
                    f"Changes to a pump are normally made gradually. {ASK}"
                )
            else:
                text = (
                    f"{what} can cause withdrawal ({ORAL_WITHDRAWAL_SIGNS}). "
                    f"Doses are normally reduced gradually over 1-2 weeks. {ASK}"
                )
            cautions.append(Caution(CautionKind.STOP_OR_FAST_CUT, what, text, urgent=True))
    return cautions


def dose_moment(record: DoseRecord) -> tuple[date, time]:
    """Where a record stands in the day: its scheduled time, or when an extra dose was taken."""
    if record.scheduled_time is not None:
        return record.day, record.scheduled_time
    at = record.taken_at.astimezone().time() if record.taken_at else time.max
    return record.day, at


def missed_dose_caution(
    medicine: Medicine, regimens: Sequence[Regimen], records: Iterable[DoseRecord]
) -> Caution | None:
    """Two or more scheduled doses missed in a row, or a whole day with none taken.

    Only what the user recorded counts: a dose not recorded is not a missed dose. The caution
    stays until a dose is recorded as taken again (every miss after the last taken dose counts).
    """
    if not is_baclofen(medicine.name) or medicine.route.is_continuous:
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
        f"{count} baclofen doses missed in a row"
        if count > 1
        else "No baclofen taken for a whole day"
    )
    return Caution(
        CautionKind.MISSED_DOSES,
        title,
        "Missing baclofen doses can cause withdrawal. Watch for "
        f"{ORAL_WITHDRAWAL_SIGNS}. Seek medical help at once if any of these appear. {ASK}",
        urgent=True,
    )


def pump_refill_caution(medicine: Medicine, next_due: date | None, today: date) -> Caution | None:
    """From 14 days before a pump's refill date, more urgent at 7, 3 and 1 days, and overdue."""
    if next_due is None or not medicine.route.is_continuous:
        return None
    days = (next_due - today).days
    if days > REFILL_NOTICE_DAYS[0]:
        return None
    when = f"{next_due:%a} {next_due.day} {next_due:%b %Y}"
    if days < 0:
        late = -days
        title = f"Pump refill overdue by {late} day{'s' if late > 1 else ''} (due {when})"
    elif days == 0:
        title = f"Pump refill due today ({when})"
    else:
        title = f"Pump refill due in {days} day{'s' if days > 1 else ''} ({when})"
    text = (
        "Keep the refill appointment: if the pump runs empty, baclofen stops suddenly and "
        f"withdrawal can be dangerous. {PUMP_WITHDRAWAL_SIGNS} Heed any pump alarm. {ASK}"
    )
    return Caution(CautionKind.PUMP_REFILL, title, text, urgent=days <= REFILL_NOTICE_DAYS[1])


def kidney_caution(person: Person) -> Caution | None:
    """The kidney note for the clinic summary."""
    if not person.kidney_impairment:
        return None
    return Caution(
        CautionKind.KIDNEY,
        "Kidney impairment",
        "Baclofen leaves the body through the kidneys; with kidney impairment doses are "
        f"usually lower. {ASK}",
    )
