"""What the saving dialogs say when Save would change nothing, and when that is so."""

from __future__ import annotations

from spasticity_tracker.domain.entities import Regimen

NOTHING_CHANGED = "Nothing changed."

ENTRY_UNCHANGED = (
    f"{NOTHING_CHANGED} The entry is as it was. Change a value to save it, or press Esc to close."
)

DOSES_UNCHANGED = (
    f"{NOTHING_CHANGED} The new doses are the same as now. Change a dose, a time or the pump "
    "rate to record a change, or press Esc to close."
)

CORRECTION_UNCHANGED = (
    f"{NOTHING_CHANGED} The dose change is as it was. Change a value to correct it, or press "
    "Esc to close."
)


def same_doses(new: Regimen, current: Regimen | None) -> bool:
    """Whether a new regimen gives what the current one gives (the same doses, or rate)."""
    return (
        current is not None
        and new.doses == current.doses
        and new.rate_per_day == current.rate_per_day
    )


def same_regimen(edited: Regimen, saved: Regimen) -> bool:
    """Whether a corrected regimen is the saved one, unchanged in all the person can edit."""
    return same_doses(edited, saved) and (edited.start_date, edited.note) == (
        saved.start_date,
        saved.note,
    )
