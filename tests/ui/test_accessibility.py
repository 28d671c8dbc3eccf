"""Every control has a name a screen reader can announce and a click target of 44 by 44 px."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QTabBar,
    QTableView,
    QWidget,
)
from pytestqt.qtbot import QtBot

from spasticity_tracker.domain.entities import Carer, Medicine, Person
from spasticity_tracker.ui import style
from spasticity_tracker.ui.main_window import MainWindow
from tests.ui.helpers import DIALOGS, MakeWindow, accessible_name, describe

INTERACTIVE = (
    QAbstractButton,
    QComboBox,
    QLineEdit,
    QAbstractSpinBox,
    QAbstractItemView,
    QTabBar,
)
TARGET = style.MIN_TARGET
TEXT_SIZES = {
    "smallest text": 0,
    "normal text": style.DEFAULT_SCALE_INDEX,
    "largest text": len(style.TEXT_SCALES) - 1,
}


def is_click_target(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    if isinstance(widget, QLineEdit) and isinstance(parent, QAbstractSpinBox | QComboBox):
        return False  # the text part of a spin box or combo box: its owner is checked
    if isinstance(widget, QHeaderView):
        # A header does something when clicked only if the table sorts by it.
        view = widget.parentWidget()
        return isinstance(view, QTableView) and view.isSortingEnabled()
    return True


def interactive_widgets(top: QWidget) -> Iterator[QWidget]:
    for widget in top.findChildren(QWidget):
        if widget.isVisible() and isinstance(widget, INTERACTIVE) and is_click_target(widget):
            yield widget


def problems(top: QWidget) -> list[str]:
    """Each visible control without a name or smaller than the target size, with why."""
    found = []
    checked = 0
    for widget in interactive_widgets(top):
        checked += 1
        issues = []
        if not accessible_name(widget):
            issues.append("no accessible name")
        if widget.height() < TARGET:
            issues.append(f"lower than {TARGET} px")
        if widget.width() < TARGET:
            issues.append(f"narrower than {TARGET} px")
        if issues:
            found.append(f"{describe(widget)}: {', '.join(issues)}")
    assert checked, f"no controls found in {type(top).__name__}"
    return found


def window_with_text_size(make_window: MakeWindow, settings: QSettings, size: str) -> MainWindow:
    """A window opened with a remembered text size, as the next session would open it."""
    settings.setValue(style.SETTINGS_KEY, TEXT_SIZES[size])
    window = make_window()
    assert window.text_scale_index == TEXT_SIZES[size]
    return window


PAGES = ["today", "history", "medicines", "trends", "summary"]


@pytest.mark.parametrize("text_size", list(TEXT_SIZES))
@pytest.mark.parametrize("page", PAGES)
def test_every_control_on_each_page_is_named_and_large_enough(
    make_window: MakeWindow,
    settings: QSettings,
    qtbot: QtBot,
    baclofen: Medicine,
    carer: Carer,
    page: str,
    text_size: str,
) -> None:
    window = window_with_text_size(make_window, settings, text_size)
    window.tabs.setCurrentIndex(PAGES.index(page))
    shown = window.tabs.currentWidget()
    qtbot.waitExposed(shown)
    window.today.message.show_message("Saved at 12:00: stiffness 6.")
    window.history.message.show_message("Entry deleted.", action="&Undo (Ctrl+Z)")
    qtbot.wait(20)
    assert problems(window) == []


@pytest.mark.parametrize("text_size", list(TEXT_SIZES))
def test_every_control_on_the_welcome_is_named_and_large_enough(
    make_window: MakeWindow, settings: QSettings, text_size: str
) -> None:
    window = window_with_text_size(make_window, settings, text_size)
    assert window.stack.currentWidget() is window.welcome
    assert problems(window) == []


@pytest.mark.parametrize("text_size", ["normal text", "largest text"])
@pytest.mark.parametrize("kind", list(DIALOGS))
def test_every_control_in_each_dialog_is_named_and_large_enough(
    make_window: MakeWindow,
    settings: QSettings,
    qtbot: QtBot,
    person: Person,
    baclofen: Medicine,
    kind: str,
    text_size: str,
) -> None:
    window = window_with_text_size(make_window, settings, text_size)
    dialog = DIALOGS[kind](window, person, baclofen)
    qtbot.addWidget(dialog)
    message = getattr(dialog, "message", None)
    if message is not None:
        message.show_message("Problem: an example message.", error=True)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert problems(dialog) == []
    dialog.reject()
