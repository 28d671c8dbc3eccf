"""Helpers for driving the UI as a user would: counted input, Tab walks and modal dialogs."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time
from pathlib import Path
from typing import TypeVar

import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QAccessible, QImage, QPainter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QMessageBox,
    QPushButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from spasticity_tracker.domain.entities import Medicine, Person, SymptomEntry
from spasticity_tracker.services.transfer import TransferService
from spasticity_tracker.storage.database import Database
from spasticity_tracker.ui.dialogs.entry_dialog import EntryDialog
from spasticity_tracker.ui.dialogs.extra_dose_dialog import ExtraDoseDialog
from spasticity_tracker.ui.dialogs.import_dialog import ImportDialog
from spasticity_tracker.ui.dialogs.medicine_dialog import MedicineDialog
from spasticity_tracker.ui.dialogs.person_dialog import PersonDialog
from spasticity_tracker.ui.main_window import MainWindow
from tests.builders import local
from tests.conftest import fixed_clock

NO_MODIFIER = Qt.KeyboardModifier.NoModifier
MakeWindow = Callable[[], MainWindow]


def describe(widget: QWidget | None) -> str:
    """A widget as a person reading a failure wants it: class, accessible name, object name."""
    if widget is None:
        return "nothing"
    interface = QAccessible.queryAccessibleInterface(widget)
    name = interface.text(QAccessible.Text.Name) if interface is not None else ""
    label = name or widget.objectName() or "(no name)"
    return f"{type(widget).__name__} {label!r} {widget.width()}x{widget.height()}"


def accessible_name(widget: QWidget) -> str:
    """What a screen reader announces as the widget's name (button text and buddies count)."""
    interface = QAccessible.queryAccessibleInterface(widget)
    return "" if interface is None else interface.text(QAccessible.Text.Name).strip()


class User:
    """Presses keys on the focused widget and clicks widgets, counting every interaction."""

    def __init__(self, qtbot: QtBot):
        self._qtbot = qtbot
        self.count = 0

    def focused(self) -> QWidget:
        widget = QApplication.focusWidget()
        assert widget is not None, "no widget has the keyboard focus"
        return widget

    def key(self, key: Qt.Key, modifier: Qt.KeyboardModifier = NO_MODIFIER) -> None:
        """One key press (and release) on whatever has the focus."""
        QTest.keyClick(self.focused(), key, modifier)
        self.count += 1
        self._qtbot.wait(1)

    def type_text(self, text: str) -> None:
        """Type text into the focused widget (one press per character)."""
        QTest.keyClicks(self.focused(), text)
        self.count += len(text)

    def click(self, widget: QWidget) -> None:
        """One left click in the middle of a widget."""
        assert widget.isVisible(), f"cannot click the hidden {describe(widget)}"
        assert widget.isEnabled(), f"cannot click the disabled {describe(widget)}"
        at = widget.rect().center()
        if isinstance(widget, QCheckBox):  # on the box itself: its label may be shorter
            at.setX(12)
        self._qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=at)
        self.count += 1

    def tab_to(self, target: QWidget, most: int = 80) -> int:
        """Press Tab until the target has the focus; returns how many presses it took."""
        for presses in range(most + 1):
            if self.focused() is target:
                return presses
            self.key(Qt.Key.Key_Tab)
        raise AssertionError(f"{describe(target)} not reached with {most} presses of Tab")


def activate(window: QWidget, qtbot: QtBot) -> None:
    """Make the window active (offscreen needs asking) so that keys and shortcuts arrive."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.wait(10)


def dialog_button(dialog: QDialog, which: QDialogButtonBox.StandardButton) -> QPushButton:
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None, f"{type(dialog).__name__} has no button box"
    button = box.button(which)
    assert button is not None, f"{type(dialog).__name__} has no {which.name} button"
    return button


D = TypeVar("D", bound=QDialog)


def answer(qtbot: QtBot, dialog: QDialog | None, kind: type[D], fill: Callable[[D], None]) -> D:
    """Answer a dialog opened with open(): fill it in and save it, and wait until it is saved."""
    assert isinstance(dialog, kind), f"expected an open {kind.__name__}, found {dialog!r}"
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        fill(dialog)
    return dialog


def reply(qtbot: QtBot, box: QMessageBox | None, *, yes: bool) -> str:
    """Answer an open question as a user would, by its Yes or No button; returns its text."""
    assert isinstance(box, QMessageBox), f"expected an open question, found {box!r}"
    assert box.isVisible()
    role = QMessageBox.ButtonRole.YesRole if yes else QMessageBox.ButtonRole.NoRole
    button = next(b for b in box.buttons() if box.buttonRole(b) is role)
    text = box.text()
    with qtbot.waitSignal(box.finished, timeout=2000):
        button.click()
    return text


def import_preview(
    qtbot: QtBot, database: Database, source: Path, text: str, encoding: str = "utf-8"
) -> ImportDialog:
    """The import dialog for Alex with a CSV file of this text chosen and previewed."""
    source.write_text(text, encoding=encoding)
    dialog = ImportDialog(TransferService(database, fixed_clock), "Alex", "", None)
    qtbot.addWidget(dialog)
    dialog.load(source)
    return dialog


# -- the dialogs, each made as the window makes it ---------------------------------------


def keep(value: object) -> None:
    """A dialog's submit that saves nothing: the test looks at the dialog alone."""


def person_dialog(window: MainWindow, person: Person, baclofen: Medicine) -> QDialog:
    return PersonDialog(keep, person, parent=window)


def medicine_dialog(window: MainWindow, person: Person, baclofen: Medicine) -> QDialog:
    assert person.id is not None
    return MedicineDialog(
        person.id,
        None,
        date(2026, 3, 15),
        window._services.medicines.regimen_cautions,
        keep,
        window,
    )


def entry_dialog(window: MainWindow, person: Person, baclofen: Medicine) -> QDialog:
    assert person.id is not None
    entry = SymptomEntry(
        person_id=person.id,
        recorded_at=local(2026, 3, 15, 8, 0),
        stiffness=5,
        spasm_frequency=3,
        spasm_severity=2,
        id=1,  # type: ignore[arg-type]
    )
    return EntryDialog(entry, keep, window)


def extra_dose_dialog(window: MainWindow, person: Person, baclofen: Medicine) -> QDialog:
    return ExtraDoseDialog([baclofen], date(2026, 3, 15), time(12), None, keep, window)


DIALOGS: dict[str, Callable[[MainWindow, Person, Medicine], QDialog]] = {
    "person": person_dialog,
    "medicine": medicine_dialog,
    "entry": entry_dialog,
    "extra dose": extra_dose_dialog,
}


# -- charts ------------------------------------------------------------------------------


def drawn_texts(axis: pg.AxisItem) -> list[tuple[QRectF, str]]:
    """Where an axis paints each of its tick labels, and the label."""
    image = QImage(10, 10, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        specs = axis.generateDrawSpecs(painter)
    finally:
        painter.end()
    assert specs is not None
    return [(rect, text) for rect, _, text in specs[2]]


def axis_texts(plot: pg.PlotItem) -> list[str]:
    """The tick labels the left axis of a plot draws."""
    return [text for _, text in drawn_texts(plot.getAxis("left"))]
