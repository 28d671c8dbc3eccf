"""The small shared widgets: drop-downs built from (label, data) pairs and their labels."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from spasticity_tracker.ui.widgets.fields import buddy_label, choice_box
from tests.ui.helpers import User


def test_a_choice_box_keeps_labels_data_and_name() -> None:
    box = choice_box("Range of dates shown", (("1 month", 30), ("All", None)))

    assert [box.itemText(i) for i in range(box.count())] == ["1 month", "All"]
    assert [box.itemData(i) for i in range(box.count())] == [30, None]
    assert box.accessibleName() == "Range of dates shown"


def test_the_alt_key_of_a_buddy_label_moves_to_its_field(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    row = QHBoxLayout(window)
    first = QLineEdit()
    box = choice_box("Which entries to show", (("Last 7 days", 7),))
    for widget in (first, buddy_label("&Show", box), box):
        row.addWidget(widget)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    first.setFocus()
    qtbot.waitUntil(first.hasFocus)

    User(qtbot).key(Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)

    assert box.hasFocus()
