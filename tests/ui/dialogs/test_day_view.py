"""The day view: a month calendar marked by stiffness band and missed doses, and a day's records."""

from __future__ import annotations

from datetime import date, time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from spasticity_tracker.domain.entities import (
    Carer,
    DoseRecord,
    Medicine,
    Person,
    SideEffectReport,
    SymptomEntry,
)
from spasticity_tracker.domain.scales import DoseStatus, Severity, StiffnessBand
from spasticity_tracker.services.diary import DiaryService
from spasticity_tracker.ui import style
from spasticity_tracker.ui.dialogs.day_view import DayViewDialog
from spasticity_tracker.ui.main_window import MainWindow
from tests.builders import local
from tests.ui.helpers import User

MARCH_10 = date(2026, 3, 10)
MARCH_12 = date(2026, 3, 12)


def _dose(baclofen: Medicine, day: date, hour: int, status: DoseStatus) -> DoseRecord:
    assert baclofen.id is not None
    return DoseRecord(
        medicine_id=baclofen.id,
        day=day,
        status=status,
        amount=10.0,
        scheduled_time=time(hour),
        taken_at=local(day.year, day.month, day.day, hour) if status.was_taken else None,
    )


@pytest.fixture
def diary_days(diary: DiaryService, person: Person, baclofen: Medicine) -> None:
    """A severe day (10 March, 8 and 9), a missed 20:00 dose on 12 March, a side effect."""
    assert person.id is not None
    for hour, stiffness in ((9, 8), (18, 9)):
        diary.log_entry(
            SymptomEntry(
                person_id=person.id, recorded_at=local(2026, 3, 10, hour), stiffness=stiffness
            )
        )
    diary.log_entry(
        SymptomEntry(person_id=person.id, recorded_at=local(2026, 3, 12, 9), stiffness=2)
    )
    diary.record_doses(
        [
            _dose(baclofen, MARCH_12, 8, DoseStatus.TAKEN),
            _dose(baclofen, MARCH_12, 14, DoseStatus.LATE),
            _dose(baclofen, MARCH_12, 20, DoseStatus.MISSED),
        ]
    )
    diary.report_side_effect(
        SideEffectReport(
            person_id=person.id, day=MARCH_12, effect="drowsiness", severity=Severity.MILD
        )
    )


def _open(window: MainWindow, qtbot: QtBot, day: date) -> DayViewDialog:
    page = window.history
    dialog = DayViewDialog(page._services, page._state, page._actions, day, page)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _lines(dialog: DayViewDialog) -> list[str]:
    return [dialog.records.item(row).text() for row in range(dialog.records.count())]


def test_days_are_marked_by_band_and_missed_dose(
    window: MainWindow, qtbot: QtBot, diary_days: None
) -> None:
    dialog = _open(window, qtbot, MARCH_12)
    severe = dialog.calendar.mark(MARCH_10)
    assert severe is not None
    assert severe.band is StiffnessBand.SEVERE
    assert not severe.missed
    missed = dialog.calendar.mark(MARCH_12)
    assert missed is not None
    assert missed.band is StiffnessBand.MILD
    assert missed.missed
    assert dialog.calendar.mark(date(2026, 3, 11)) is None
    # Not by colour alone: the day's summary says it in words.
    assert "severe" in dialog.calendar.mark_text(MARCH_10)
    assert "missed" in dialog.summary.text()


def test_a_past_days_records_are_listed(window: MainWindow, qtbot: QtBot, diary_days: None) -> None:
    dialog = _open(window, qtbot, MARCH_12)
    assert "12 March 2026" in dialog.heading.text()
    lines = _lines(dialog)
    assert any("stiffness 2" in line.lower() and "Alex" in line for line in lines)
    assert any(line.startswith("08:00") and "taken" in line for line in lines)
    assert any(line.startswith("14:00") and "late" in line for line in lines)
    assert any(line.startswith("20:00") and "missed" in line for line in lines)
    assert any("drowsiness" in line.lower() for line in lines)
    dialog.calendar.setSelectedDate(dialog.calendar.selectedDate().addDays(-1))  # 11 March
    assert sum("not recorded" in line for line in _lines(dialog)) == 3


def test_keyboard_moves_by_day_and_month_and_enter_goes_to_the_list(
    window: MainWindow, qtbot: QtBot, diary_days: None
) -> None:
    dialog = _open(window, qtbot, MARCH_12)
    user = User(qtbot)
    dialog.activateWindow()
    dialog.calendar.setFocus()
    qtbot.wait(10)
    user.key(Qt.Key.Key_Left)
    assert dialog.day == date(2026, 3, 11)
    assert "11 March 2026" in dialog.heading.text()
    user.key(Qt.Key.Key_PageUp)
    assert dialog.day == date(2026, 2, 11)
    user.key(Qt.Key.Key_PageDown)
    user.key(Qt.Key.Key_Left)
    assert dialog.day == MARCH_10
    assert any("stiffness 8" in line.lower() for line in _lines(dialog))
    user.key(Qt.Key.Key_Return)
    assert user.focused() is dialog.records


def _choose_slot(dialog: DayViewDialog, hour: int) -> None:
    row = next(i for i, line in enumerate(_lines(dialog)) if line.startswith(f"{hour:02d}:00"))
    dialog.records.setCurrentRow(row)


def _stored(diary: DiaryService, person: Person, day: date, hour: int) -> DoseRecord | None:
    assert person.id is not None
    return next(
        (r for r in diary.doses(person.id, day, day) if r.scheduled_time == time(hour)), None
    )


def test_a_dose_not_recorded_is_corrected_to_taken_and_undone(
    window: MainWindow, qtbot: QtBot, diary: DiaryService, person: Person, carer: Carer
) -> None:
    window.state.set_entered_by(carer.id)
    dialog = _open(window, qtbot, MARCH_10)
    _choose_slot(dialog, 8)
    assert dialog.taken_button.isEnabled()
    qtbot.mouseClick(dialog.taken_button, Qt.MouseButton.LeftButton)
    stored = _stored(diary, person, MARCH_10, 8)
    assert stored is not None
    assert stored.status is DoseStatus.TAKEN
    assert stored.entered_by == carer.id
    assert any(
        line.startswith("08:00") and "taken" in line and "Jo" in line for line in _lines(dialog)
    )
    dialog.undo_stack.undo()  # what Ctrl+Z does
    assert _stored(diary, person, MARCH_10, 8) is None
    assert any(line.startswith("08:00") and "not recorded" in line for line in _lines(dialog))


def test_a_missed_dose_is_corrected_to_taken_and_ctrl_z_undoes_it(
    window: MainWindow,
    qtbot: QtBot,
    diary: DiaryService,
    person: Person,
    carer: Carer,
    diary_days: None,
) -> None:
    window.state.set_entered_by(carer.id)
    dialog = _open(window, qtbot, MARCH_12)
    assert dialog.calendar.mark(MARCH_12).missed  # type: ignore[union-attr]
    _choose_slot(dialog, 20)
    qtbot.mouseClick(dialog.taken_button, Qt.MouseButton.LeftButton)
    stored = _stored(diary, person, MARCH_12, 20)
    assert stored is not None
    assert stored.status is DoseStatus.TAKEN
    assert stored.entered_by == carer.id
    assert not dialog.calendar.mark(MARCH_12).missed  # type: ignore[union-attr]
    dialog.records.setFocus()
    qtbot.wait(10)
    User(qtbot).key(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    stored = _stored(diary, person, MARCH_12, 20)
    assert stored is not None
    assert stored.status is DoseStatus.MISSED
    assert stored.entered_by is None  # the first record's enterer (Alex) is back
    assert dialog.calendar.mark(MARCH_12).missed  # type: ignore[union-attr]


def test_history_opens_the_day_view_on_the_selected_entrys_day(
    window: MainWindow, qtbot: QtBot, diary_days: None
) -> None:
    window.tabs.setCurrentWidget(window.history_tab)
    qtbot.waitExposed(window.history)
    page = window.history
    page.table.selectRow(
        next(r for r in range(page.model.rowCount()) if page.model.entry(r).stiffness == 2)
    )
    dialog = page.open_day_view()
    assert isinstance(dialog, DayViewDialog)
    qtbot.addWidget(dialog)
    assert dialog.day == MARCH_12
    assert dialog.taken_button.height() >= 44


def test_it_fits_a_small_screen_with_the_largest_text(
    window: MainWindow, qtbot: QtBot, qapp: QApplication, diary_days: None
) -> None:
    style.apply_text_scale(qapp, len(style.TEXT_SCALES) - 1)
    dialog = _open(window, qtbot, MARCH_12)
    free = dialog.screen().availableGeometry()
    assert dialog.width() <= free.width()
    assert dialog.height() <= free.height()
    for button in dialog.findChildren(QPushButton):
        if button.isVisible():
            assert button.height() >= 44, button.text()
