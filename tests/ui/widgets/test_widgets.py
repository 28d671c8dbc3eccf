"""The small shared widgets: drop-downs built from (label, data) pairs and their labels."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from spasticity_tracker.ui.style import english_locale, use_english
from spasticity_tracker.ui.widgets.fields import (
    DateEdit,
    amount_field,
    buddy_label,
    choice_box,
)
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


def test_date_fields_speak_english_in_the_systems_country(qtbot: QtBot) -> None:
    german = QLocale(QLocale.Language.German, QLocale.Country.Germany)
    before = QLocale()
    try:
        use_english(german)
        field = DateEdit(date(2026, 3, 15), "A date")
        qtbot.addWidget(field)
        assert field.text() == "15 Mar 2026"  # not "15 Mär 2026"
        assert QLocale().territory() == QLocale.Country.Germany  # its date order and paper
        american = english_locale(QLocale(QLocale.Language.Spanish, QLocale.Country.UnitedStates))
        assert american.language() == QLocale.Language.English
        assert american.dateFormat(QLocale.FormatType.ShortFormat).startswith("M")
        amount = amount_field("Dose", 100, "mg")
        qtbot.addWidget(amount)
        amount.setValue(12.5)
        assert amount.text() == "12.5 mg"  # en_DE would write "12,5 mg"
    finally:
        QLocale.setDefault(before)
