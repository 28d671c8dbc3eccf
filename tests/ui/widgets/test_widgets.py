"""The small shared widgets: drop-downs built from (label, data) pairs and their labels."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QWidget,
    QWidgetItem,
)
from pytestqt.qtbot import QtBot

from spasticity_tracker.ui import style
from spasticity_tracker.ui.style import english_locale, use_english
from spasticity_tracker.ui.widgets.fields import (
    DateEdit,
    amount_field,
    buddy_label,
    choice_box,
    enforce_targets,
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
        assert field.text() == "15/03/2026"  # typed day first, as in Germany
        assert field.locale().language() == QLocale.Language.English  # its calendar's words
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


@pytest.mark.parametrize("scale", [0, len(style.TEXT_SCALES) - 1])
def test_a_layout_never_squeezes_a_button_below_its_text_and_short_ones_stay_44_wide(
    qtbot: QtBot, qapp: QApplication, scale: int
) -> None:
    style.apply_text_scale(qapp, scale)
    try:
        row = QWidget()
        qtbot.addWidget(row)
        layout = QHBoxLayout(row)
        wide = QPushButton("Quit, changing nothing")
        short = QPushButton("0")
        layout.addWidget(wide)
        layout.addWidget(short)
        enforce_targets(row)
        # What a layout may shrink each to: never less than its text needs.
        assert QWidgetItem(wide).minimumSize().width() >= wide.sizeHint().width()
        assert QWidgetItem(short).minimumSize().width() >= style.MIN_TARGET
        assert QWidgetItem(short).minimumSize().height() >= style.MIN_TARGET
    finally:
        style.apply_text_scale(qapp, style.DEFAULT_SCALE_INDEX)
