"""The day view's words: day marks by band and missed dose, and how each record reads."""

from __future__ import annotations

from datetime import date, time

import pytest

from spasticity_tracker.domain.entities import DoseRecord, MedicineId, PersonId, SymptomEntry
from spasticity_tracker.domain.ingredients import Ingredient
from spasticity_tracker.domain.regimens import ScheduledSlot
from spasticity_tracker.domain.scales import DoseStatus, StiffnessBand
from spasticity_tracker.presentation.day_view import (
    DayMark,
    day_marks,
    heading_text,
    mark_text,
    slot_line,
)
from tests.builders import local, medicine

MARCH_1 = date(2026, 3, 1)
MARCH_3 = date(2026, 3, 3)


def _entry(day: int, hour: int, stiffness: int) -> SymptomEntry:
    return SymptomEntry(
        person_id=PersonId(1), recorded_at=local(2026, 3, day, hour), stiffness=stiffness
    )


def _missed(day: date) -> DoseRecord:
    return DoseRecord(
        medicine_id=MedicineId(1),
        day=day,
        status=DoseStatus.MISSED,
        amount=10.0,
        scheduled_time=time(8),
    )


@pytest.mark.parametrize(
    ("scores", "band"),
    [
        ((3, 4), StiffnessBand.MILD),  # a mean of 3.5 is still mild
        ((4,), StiffnessBand.MODERATE),
        ((6, 8), StiffnessBand.SEVERE),
    ],
)
def test_a_day_is_marked_by_its_mean_stiffness_band(
    scores: tuple[int, ...], band: StiffnessBand
) -> None:
    entries = [_entry(2, 8 + i, s) for i, s in enumerate(scores)]
    marks = day_marks(entries, [], [], MARCH_1, MARCH_3)
    assert marks[date(2026, 3, 2)].band is band
    assert set(marks) == {date(2026, 3, 2)}  # a day with nothing is not marked


def test_a_missed_dose_and_a_caution_mark_a_day_without_entries() -> None:
    marks = day_marks([], [_missed(MARCH_1)], [MARCH_3], MARCH_1, MARCH_3)
    assert marks[MARCH_1] == DayMark(None, missed=True, caution=False)
    assert marks[MARCH_3] == DayMark(None, missed=False, caution=True)
    assert mark_text(marks[MARCH_1]) == "No stiffness recorded. A dose was missed."


def test_mark_text_names_the_band_in_words() -> None:
    assert mark_text(DayMark(7.5)) == "Mean stiffness 7.5, severe (7 to 10)."
    assert mark_text(None) == "No stiffness recorded, no dose missed."


def test_heading_says_today() -> None:
    assert heading_text(date(2026, 3, 15), date(2026, 3, 15)) == "Sunday 15 March 2026 (today)"
    assert heading_text(MARCH_3, date(2026, 3, 15)) == "Tuesday 3 March 2026"


def test_a_scheduled_dose_without_a_record_is_not_recorded() -> None:
    baclofen = medicine(1, "Baclofen", Ingredient.BACLOFEN)
    slot = ScheduledSlot(baclofen, MARCH_3, time(8), 10.0)
    assert slot_line(slot, None) == "08:00 Baclofen 10 mg: not recorded"
    recorded = ScheduledSlot(baclofen, MARCH_3, time(8), 10.0, _missed(MARCH_3))
    assert slot_line(recorded, "Jo") == "08:00 Baclofen 10 mg: missed, entered by Jo"
