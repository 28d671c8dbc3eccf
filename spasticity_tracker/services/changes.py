"""What a user action changed, so that each view reloads only when its data did."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Flag, auto
from typing import Generic, TypeVar

from spasticity_tracker.domain.cautions import Caution
from spasticity_tracker.domain.entities import (
    Appointment,
    CheckIn,
    DoseRecord,
    Event,
    Medicine,
    PumpRefill,
    Regimen,
    SideEffectReport,
    SymptomEntry,
    ToxinInjection,
)

T = TypeVar("T")


class DataChange(Flag):
    """The kinds of data a user action may have changed."""

    NONE = 0
    PEOPLE = auto()
    CARERS = auto()
    MEDICINES = auto()
    REGIMENS = auto()
    DOSES = auto()
    ENTRIES = auto()
    SIDE_EFFECTS = auto()
    EVENTS = auto()
    APPOINTMENTS = auto()
    REFILLS = auto()
    INJECTIONS = auto()
    ALL = (
        PEOPLE
        | CARERS
        | MEDICINES
        | REGIMENS
        | DOSES
        | ENTRIES
        | SIDE_EFFECTS
        | EVENTS
        | APPOINTMENTS
        | REFILLS
        | INJECTIONS
    )


CHANGE_FOR_TYPE: dict[type, DataChange] = {
    Medicine: DataChange.MEDICINES | DataChange.REGIMENS | DataChange.DOSES | DataChange.REFILLS,
    Regimen: DataChange.REGIMENS,
    DoseRecord: DataChange.DOSES,
    SymptomEntry: DataChange.ENTRIES,
    SideEffectReport: DataChange.SIDE_EFFECTS,
    Event: DataChange.EVENTS,
    Appointment: DataChange.APPOINTMENTS,
    PumpRefill: DataChange.REFILLS,
    ToxinInjection: DataChange.INJECTIONS,
    CheckIn: DataChange.APPOINTMENTS,  # a check-in belongs to the appointment cycle
}


@dataclass(frozen=True)
class Saved(Generic[T]):
    """The result of a user action: what is now stored, what kinds of data changed, and the
    cautions the action raised (a dose change above the usual maximum, a fast cut...)."""

    value: T
    change: DataChange
    cautions: tuple[Caution, ...] = ()
