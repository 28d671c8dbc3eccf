"""Today on a 1280x720 laptop at the largest text: Save and the stiffness row in view, cautions
that fold to one line, and every field reached by keyboard scrolled into view."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from PySide6.QtCore import QPoint, QRect, QSettings, Qt
from PySide6.QtWidgets import QApplication, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from spasticity_tracker.domain.entities import (
    DoseRecord,
    Medicine,
    MedicineId,
    Person,
    PumpRefill,
    Regimen,
)
from spasticity_tracker.domain.scales import DoseStatus
from spasticity_tracker.services.diary import DiaryService
from spasticity_tracker.services.medicines import MedicineService
from spasticity_tracker.ui import style
from spasticity_tracker.ui.main_window import MainWindow
from spasticity_tracker.ui.widgets import screen_fit
from tests.builders import baclofen_pump
from tests.ui.helpers import MakeWindow, User, accessible_name, activate, describe

TODAY = date(2026, 3, 15)
LARGEST = len(style.TEXT_SCALES) - 1


def hidden_part(widget: QWidget) -> str:
    """'' when the whole widget is in view; else which ancestor cuts it off, and how."""
    rect = widget.rect()
    for ancestor in iter_ancestors(widget):
        at = widget.mapTo(ancestor, QPoint(0, 0))
        placed = QRect(at, rect.size())
        if not ancestor.rect().contains(placed):
            return f"{describe(widget)} at {placed.getRect()} is cut off by {describe(ancestor)}"
    return ""


def iter_ancestors(widget: QWidget) -> list[QWidget]:
    found = []
    parent = widget.parentWidget()
    while parent is not None:
        found.append(parent)
        parent = parent.parentWidget()
    return found


def small_laptop_window(make_window: MakeWindow, settings: QSettings, qtbot: QtBot) -> MainWindow:
    """The window at the largest text, as large as the 1280x720 screen allows."""
    settings.setValue(style.SETTINGS_KEY, LARGEST)
    window = make_window()
    assert window.screen().size().height() == 720
    window.resize(screen_fit.largest_size(window))
    qtbot.wait(20)
    assert window.height() <= screen_fit.largest_size(window).height()
    return window


@pytest.fixture
def two_cautions(
    medicines: MedicineService, diary: DiaryService, person: Person, baclofen: Medicine
) -> None:
    """Yesterday's three baclofen doses missed, and a pump refill due in two days."""
    assert person.id is not None
    assert baclofen.id is not None
    pump = medicines.add_medicine(
        baclofen_pump(person.id, "Gablofen"),
        Regimen(medicine_id=MedicineId(0), start_date=date(2026, 1, 1), rate_per_day=300.0),
    ).value
    assert pump.id is not None
    medicines.record_refill(
        PumpRefill(medicine_id=pump.id, refill_date=TODAY, next_due=TODAY + timedelta(days=2))
    )
    yesterday = TODAY - timedelta(days=1)
    for hour in (8, 14, 20):
        diary.record_dose(
            DoseRecord(
                medicine_id=baclofen.id,
                day=yesterday,
                status=DoseStatus.MISSED,
                amount=10.0,
                scheduled_time=time(hour),
            )
        )


def toggles(window: MainWindow) -> list[QPushButton]:
    return [
        button
        for button in window.today.cautions.findChildren(QPushButton)
        if button.text() in ("Show more", "Show less")
    ]


def test_save_and_the_stiffness_row_are_in_view_with_two_cautions(
    make_window: MakeWindow,
    settings: QSettings,
    qtbot: QtBot,
    diary: DiaryService,
    person: Person,
    two_cautions: None,
) -> None:
    window = small_laptop_window(make_window, settings, qtbot)
    page = window.today
    assert len(page.cautions.cautions) == 2
    stiffness = page.form.stiffness
    for widget in (page.save_button, stiffness):
        assert hidden_part(widget) == ""
    # Each caution still says what it is and how urgent, on its one line.
    for line in page.cautions.headings():
        assert line.isVisible()
        assert hidden_part(line) == ""
        assert line.text().startswith("Urgent: ")

    activate(window, qtbot)
    user = User(qtbot)
    user.key(Qt.Key.Key_6)
    user.key(Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    user.key(Qt.Key.Key_Return)
    assert person.id is not None
    assert [entry.stiffness for entry in diary.entries(person.id)] == [6]
    doses = diary.doses(person.id, TODAY, TODAY)
    # On the tests' clock (noon) only the 08:00 dose is due: the later ones stay open.
    assert [(dose.scheduled_time, dose.status) for dose in doses] == [(time(8), DoseStatus.TAKEN)]
    qtbot.wait(20)
    # Ready for the next entry, with the message of the save shown.
    assert page.message.isVisible()
    for widget in (page.save_button, stiffness):
        assert hidden_part(widget) == ""


def test_a_caution_folds_to_one_line_and_back_by_keyboard(
    make_window: MakeWindow, settings: QSettings, qtbot: QtBot, two_cautions: None
) -> None:
    window = small_laptop_window(make_window, settings, qtbot)
    page = window.today
    first = page.cautions.cautions[0]
    button = toggles(window)[0]
    heading = page.cautions.headings()[0]
    text = page.cautions.texts()[0]
    assert first.title in accessible_name(button)
    assert button.focusPolicy() & Qt.FocusPolicy.TabFocus

    activate(window, qtbot)
    user = User(qtbot)
    user.tab_to(button)
    expanded = text.isVisible()
    user.key(Qt.Key.Key_Space)
    assert text.isVisible() is not expanded
    assert button.text() == ("Show more" if expanded else "Show less")
    user.key(Qt.Key.Key_Space)
    assert text.isVisible() is expanded
    assert button.text() == ("Show less" if expanded else "Show more")
    assert heading.isVisible()
    assert heading.text() == f"Urgent: {first.title}"

    # Folded, the caution takes one line: about the height of its button.
    if text.isVisible():
        user.key(Qt.Key.Key_Space)
    frame = heading.parentWidget()
    assert frame is not None
    qtbot.waitUntil(lambda: frame.height() < 2 * button.height(), timeout=1000)


def test_each_field_reached_by_keyboard_scrolls_into_view(
    make_window: MakeWindow, settings: QSettings, qtbot: QtBot, baclofen: Medicine
) -> None:
    window = small_laptop_window(make_window, settings, qtbot)
    page = window.today
    activate(window, qtbot)
    page.focus_first()
    qtbot.wait(10)
    user = User(qtbot)
    seen = 0
    for key in [Qt.Key.Key_Tab] * 60 + [Qt.Key.Key_Backtab] * 60:
        user.key(key)
        focused = QApplication.focusWidget()
        assert focused is not None
        if page.isAncestorOf(focused):
            seen += 1
            assert hidden_part(focused) == "", f"reached by {key.name}"
    assert seen > 30, "Tab did not walk through Today"
