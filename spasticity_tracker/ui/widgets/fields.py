"""Small fields, labels and tables shared by the pages and dialogs, all keyboard-first."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QDate,
    QDateTime,
    QEvent,
    QLocale,
    QPointF,
    Qt,
    QTime,
)
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
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
    QStyle,
    QStyleOptionComboBox,
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

    Plain text, like every label: Qt keeps the mnemonic of a plain-text label. The buddy is a
    field, never a button: Qt clicks a button buddy, so the mnemonic would choose a value (a
    row of choices is the buddy itself, and hands the focus to its Tab stop).
    """
    assert not isinstance(buddy, QAbstractButton), "a label's buddy is a field, not a button"
    label = plain_label(text, wrap=False)
    label.setBuddy(buddy)
    return label


def typed_date_format(locale: QLocale) -> str:
    """The locale's short date order ("dd/MM/yyyy", "M/d/yyyy"), always with a 4-digit year.

    Numbers in the person's own order are what people type; a two-digit year would make
    "78" the year 78.
    """
    short = locale.dateFormat(QLocale.FormatType.ShortFormat)
    if "yyyy" not in short:
        short = short.replace("yy", "yyyy")
    return short


# The shared behaviour is a plain mixin: a Python class with two Qt classes of one family
# among its bases (QDateTimeEdit and QDateEdit) crashes PySide. Type checkers see the base.
if TYPE_CHECKING:
    _DateTimeBase = QDateTimeEdit
else:
    _DateTimeBase = object


class _TypedDateTime(_DateTimeBase):
    """What every date field shares: typed in the person's order, a calendar on F4 or Alt+Down.

    Qt moves to the next part of a date by itself once a part is full ("12" of the day), and
    again on the separator typed after it, so "12/04/1978" would fill the year with "04":
    a separator right after such a move is taken as already done. Tab leaves the field at
    once (Qt's own fields move Tab between day, month and year first).
    """

    SEPARATORS = "/-. :,"

    def _setup(self, display_format: str, name: str) -> None:
        self._moved_on = False  # the last digit filled a part and Qt moved to the next
        self._opening = QDate()  # the date a calendar opens at while "not given"
        self.setCalendarPopup(True)
        self.setDisplayFormat(display_format)
        self.setButtonSymbols(QAbstractSpinBox.ButtonSymbols.NoButtons)  # no tiny arrows
        self.setAccessibleName(name)
        self.setToolTip("Type the date, or press F4 for a calendar")

    def set_not_given(self, text: str, minimum: QDate, opening: QDate) -> None:
        """Let the field be left empty: it shows `text` at `minimum`, and Delete empties it.

        Typing a digit starts from `opening` (the special text cannot be typed over), and
        the calendar of an empty field opens there too.
        """
        self.setMinimumDate(minimum)
        self.setSpecialValueText(text)
        self._opening = opening
        self.setToolTip(f"Type the date, or press F4 for a calendar; Delete: {text.lower()}")

    def is_not_given(self) -> bool:
        return bool(self.specialValueText()) and self.date() == self.minimumDate()

    def open_calendar(self) -> None:
        """Open the calendar popup, as a click on the field's arrow does."""
        option = QStyleOptionComboBox()
        option.initFrom(self)
        option.editable = True
        option.subControls = QStyle.SubControl.SC_All
        arrow = self.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxArrow, self
        )
        # Qt opens the popup only from a press on its arrow: there is no call for it.
        at = QPointF(arrow.center())
        press = QMouseEvent(
            QEvent.Type.MouseButtonPress,
            at,
            self.mapToGlobal(at),
            Qt.MouseButton.LeftButton,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        )
        QApplication.sendEvent(self, press)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        super().mousePressEvent(event)
        calendar = self.calendarWidget()
        if calendar is not None and calendar.isVisible() and self.is_not_given():
            # Open near a likely date, not at the minimum (January 1900). Quietly: a
            # selection in the calendar is taken as the field's value at once.
            calendar.blockSignals(True)
            calendar.setSelectedDate(self._opening)
            calendar.blockSignals(False)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        text = event.text()
        if key == Qt.Key.Key_F4 or (
            key == Qt.Key.Key_Down and modifiers == Qt.KeyboardModifier.AltModifier
        ):
            self.open_calendar()
            return
        if key == Qt.Key.Key_Delete and self.specialValueText() and not modifiers:
            self.setDate(self.minimumDate())
            return
        if text and text in self.SEPARATORS and not modifiers & ~Qt.KeyboardModifier.ShiftModifier:
            self._on_separator_typed()
            return
        if text.isdigit() and self.is_not_given() and self._opening.isValid():
            self.setDate(self._opening)
            self.setCurrentSectionIndex(0)
            self.setSelectedSection(self.sectionAt(0))
        before = self.currentSectionIndex()
        super().keyPressEvent(event)
        self._moved_on = text.isdigit() and self.currentSectionIndex() != before

    def _on_separator_typed(self) -> None:
        if self._moved_on:
            self._moved_on = False
            return
        index = self.currentSectionIndex()
        if index + 1 < self.sectionCount():
            self.setCurrentSectionIndex(index + 1)
            self.setSelectedSection(self.currentSection())

    def focusNextPrevChild(self, next: bool) -> bool:
        return QWidget.focusNextPrevChild(self, next)


class DateEdit(_TypedDateTime, QDateEdit):
    """A date field, typed in the person's order or picked from a calendar (F4)."""

    def __init__(self, value: date | None = None, name: str = ""):
        super().__init__()
        self._setup(typed_date_format(self.locale()), name)
        if value is not None:
            self.setDate(to_qdate(value))

    def value(self) -> date:
        chosen = self.date().toPython()
        assert isinstance(chosen, date)
        return chosen


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


class DateTimeEdit(_TypedDateTime, QDateTimeEdit):
    """A date-and-time field: the date in the person's order, then the 24-hour time."""

    def __init__(self, name: str = ""):
        super().__init__()
        self._setup(f"{typed_date_format(self.locale())}  HH:mm", name)


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
