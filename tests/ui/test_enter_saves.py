"""Enter saves every form: each dialog has a default button that Enter presses."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractSpinBox, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from spasticity_tracker.domain.entities import Medicine, Person
from spasticity_tracker.ui.dialogs.entry_dialog import EntryDialog
from spasticity_tracker.ui.dialogs.medicine_dialog import MedicineDialog
from spasticity_tracker.ui.main_window import MainWindow
from tests.ui.helpers import DIALOGS


@pytest.mark.parametrize("kind", list(DIALOGS), ids=list(DIALOGS))
def test_enter_in_a_dialog_saves_it(
    window: MainWindow, qtbot: QtBot, person: Person, baclofen: Medicine, kind: str
) -> None:
    dialog = DIALOGS[kind](window, person, baclofen)
    qtbot.addWidget(dialog)
    # What a person enters first: a new medicine has no name yet, and an entry saved
    # unchanged says "Nothing changed" instead of saving.
    if isinstance(dialog, MedicineDialog):
        dialog.name.setEditText("Baclofen")
    elif isinstance(dialog, EntryDialog):
        dialog.form.stiffness.set_value(6)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    first = next(
        w
        for w in dialog.findChildren(QWidget)
        if isinstance(w, QLineEdit | QAbstractSpinBox) and w.isVisible() and w.isEnabled()
    )
    first.setFocus()
    qtbot.wait(10)
    QTest.keyClick(first, Qt.Key.Key_Return)
    assert not dialog.isVisible(), f"Enter did not save the {kind} dialog"
    assert dialog.result() == dialog.DialogCode.Accepted


def test_enter_on_a_score_button_saves_the_entry_rather_than_choosing(
    window: MainWindow, qtbot: QtBot, person: Person, baclofen: Medicine
) -> None:
    dialog = DIALOGS["entry"](window, person, baclofen)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.form.note.setText("Stiff after the walk")  # type: ignore[attr-defined]
    button = dialog.form.stiffness.buttons[7]  # type: ignore[attr-defined]
    button.setFocus()
    qtbot.wait(10)
    QTest.keyClick(button, Qt.Key.Key_Return)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.form.stiffness.value() == 5  # type: ignore[attr-defined]
