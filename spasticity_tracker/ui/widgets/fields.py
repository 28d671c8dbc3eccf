"""Small fields, labels and tables shared by the pages and dialogs, all keyboard-first."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime, time
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QDate,
    QDateTime,
    QLocale,
    Qt,
    QTime,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QTimeEdit,
    QWidget,
)

from spasticity_tracker.domain.entities import NOTE_MAX
from spasticity_tracker.ui.style import MIN_TARGET


def to_qdate(day: date) -> QDate:
    """A Python date as a QDate."""
    return QDate(day.year, day.month, day.day)


def to_qdatetime(moment: datetime) -> QDateTime:
    """A naive (local wall-clock) Python datetime as a QDateTime."""
    return QDateTime(to_qdate(moment.date()), QTime(moment.hour, moment.minute, moment.second))


def enforce_targets(root: QWidget) -> QWidget:
    """Make every click target under root at least 44 px high (and buttons 44 px wide).

    The style sheet asks for the height too, but a layout may size a widget from a hint
    computed before the style sheet reached it; an explicit minimum always holds. A width is
    set only on a button whose text is narrower than the target ("0", "OK"): an explicit
    minimum width lets a layout squeeze a button below the width of its text ("e as pictu"),
    which is why the style sheet sets no min-width. Run again after the text size changes.
    """
    for widget in [root, *root.findChildren(QWidget)]:
        if isinstance(widget, QAbstractButton | QComboBox | QLineEdit | QAbstractSpinBox):
            widget.setMinimumHeight(max(widget.minimumHeight(), MIN_TARGET))
        if isinstance(widget, QPushButton) and widget.minimumWidth() <= MIN_TARGET:
            narrow = widget.sizeHint().width() < MIN_TARGET
            widget.setMinimumWidth(MIN_TARGET if narrow else 0)
    return root


def heading(text: str, role: str = "heading") -> QLabel:
    """A plain-text heading label styled by role."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setProperty("role", role)
    label.setAccessibleName(text)
    return label


def plain_label(text: str = "", *, role: str | None = None, wrap: bool = True) -> QLabel:
    """A label that never interprets user text as rich text."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    if role:
        label.setProperty("role", role)
    return label


def choice_box(name: str, items: Iterable[tuple[str, Any]]) -> QComboBox:
    """A drop-down of (label, data) items with an accessible name."""
    box = QComboBox()
    for label, data in items:
        box.addItem(label, data)
    box.setAccessibleName(name)
    return box


def buddy_label(text: str, buddy: QWidget) -> QLabel:
    """A label whose mnemonic (the letter after &) moves focus to `buddy`.

    Plain text, like every label: Qt keeps the mnemonic of a plain-text label.
    """
    label = plain_label(text, wrap=False)
    label.setBuddy(buddy)
    return label


class DateEdit(QDateEdit):
    """A date field typed or picked from a calendar; Tab leaves it at once.

    (Qt's own date fields move Tab between day, month and year first.)
    """

    def __init__(self, value: date | None = None, name: str = ""):
        super().__init__()
        self.setCalendarPopup(True)
        self.setDisplayFormat("d MMM yyyy")
        self.setButtonSymbols(QAbstractSpinBox.ButtonSymbols.NoButtons)  # no tiny arrows
        self.setAccessibleName(name)
        if value is not None:
            self.setDate(to_qdate(value))

    def value(self) -> date:
        chosen = self.date().toPython()
        assert isinstance(chosen, date)
        return chosen

    def focusNextPrevChild(self, next: bool) -> bool:
        return QWidget.focusNextPrevChild(self, next)


class TimeEdit(QTimeEdit):
    """A time-of-day field (hours and minutes); Tab leaves it at once."""

    def __init__(self, value: time | None = None, name: str = ""):
        super().__init__()
        self.setDisplayFormat("HH:mm")
        self.setButtonSymbols(QAbstractSpinBox.ButtonSymbols.NoButtons)
        self.setAccessibleName(name)
        if value is not None:
            self.setTime(QTime(value.hour, value.minute))

    def value(self) -> time:
        chosen = self.time().toPython()
        assert isinstance(chosen, time)
        return chosen

    def focusNextPrevChild(self, next: bool) -> bool:
        return QWidget.focusNextPrevChild(self, next)


class DateTimeEdit(QDateTimeEdit):
    """A date-and-time field; Tab leaves it at once."""

    def focusNextPrevChild(self, next: bool) -> bool:
        return QWidget.focusNextPrevChild(self, next)


def note_field(name: str, text: str = "", placeholder: str = "") -> QLineEdit:
    """A one-line note of at most NOTE_MAX characters (Enter still saves the form)."""
    field = QLineEdit(text)
    field.setMaxLength(NOTE_MAX)
    field.setAccessibleName(name)
    field.setPlaceholderText(placeholder)
    return field


def amount_field(name: str, maximum: float, unit: str) -> QDoubleSpinBox:
    """An amount typed in (no tiny arrows), one decimal, with its unit shown after it.

    Written with a dot whatever the system's country (en_DE would write "12,5"): the same
    figure reads "12.5 mg" on every page, in the summary and in the exported files.
    """
    spin = QDoubleSpinBox()
    spin.setLocale(QLocale.c())
    spin.setDecimals(1)
    spin.setRange(0, maximum)
    spin.setSuffix(f" {unit}")
    spin.setButtonSymbols(QAbstractSpinBox.ButtonSymbols.NoButtons)
    spin.setAccessibleName(name)
    return spin


def fit_height(dialog: QWidget) -> None:
    """Grow a dialog to the height its layout needs at its current width.

    Wrapped text (a caution's) is not in a layout's minimum size, since it depends on the
    width; without this, new caution blocks would be squeezed.
    """
    layout = dialog.layout()
    assert layout is not None
    layout.activate()
    needed = max(layout.totalHeightForWidth(dialog.width()), layout.totalMinimumSize().height())
    if needed > dialog.height():
        dialog.resize(dialog.width(), needed)


def labelled_rows(form: QFormLayout, rows: Iterable[tuple[str, QWidget]]) -> None:
    """Add rows whose labels ("&Name") give their field an Alt+letter and a screen-reader name."""
    for text, widget in rows:
        form.addRow(buddy_label(text, widget), widget)


def save_cancel_buttons(
    dialog: QDialog, on_save: Callable[[], None], save_name: str | None = None
) -> QDialogButtonBox:
    """Save (the default button, so Enter saves) and Cancel for a dialog."""
    # Made with the dialog as parent: setDefault() only registers the default button (the one
    # Enter presses) when the button already belongs to the dialog.
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    save = buttons.button(QDialogButtonBox.StandardButton.Save)
    save.setDefault(True)
    if save_name:
        save.setAccessibleName(save_name)
    buttons.accepted.connect(on_save)
    buttons.rejected.connect(dialog.reject)
    return buttons


def record_table(model: QAbstractItemModel, name: str, stretch_column: int) -> QTableView:
    """A read-only table of records: whole rows selected, one at a time, Tab leaves it."""
    table = QTableView()
    table.setModel(model)
    table.setAccessibleName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setTabKeyNavigation(False)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(MIN_TARGET - 4)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setResizeContentsPrecision(60)  # measure a sample of rows, not years of them
    header.setSectionResizeMode(stretch_column, QHeaderView.ResizeMode.Stretch)
    return table
