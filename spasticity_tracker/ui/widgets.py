"""Small widgets shared by the pages: a row of large choice buttons, and message bars."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime, time
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QDate,
    QDateTime,
    QEvent,
    QObject,
    Qt,
    QTime,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QShowEvent
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
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QTableView,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from spasticity_tracker.domain.cautions import Caution, Level
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

    The style sheet asks for this too, but a layout may size a widget from a hint computed
    before the style sheet reached it; an explicit minimum always holds.
    """
    for widget in [root, *root.findChildren(QWidget)]:
        if isinstance(widget, QAbstractButton | QComboBox | QLineEdit | QAbstractSpinBox):
            widget.setMinimumHeight(max(widget.minimumHeight(), MIN_TARGET))
        if isinstance(widget, QPushButton):
            widget.setMinimumWidth(max(widget.minimumWidth(), MIN_TARGET))
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
    """A label whose mnemonic (the letter after &) moves focus to `buddy`."""
    label = QLabel(text)
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
    """An amount typed in (no tiny arrows), one decimal, with its unit shown after it."""
    spin = QDoubleSpinBox()
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
        label = QLabel(text)
        label.setBuddy(widget)
        form.addRow(label, widget)


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


class ImmediateButton(QPushButton):
    """A button whose Alt+letter acts at once.

    QPushButton answers its mnemonic with animateClick(), which clicks 100 ms later: a quick
    "Alt+A, Enter" would save before "All taken" had acted.
    """

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Shortcut and self.isEnabled():
            self.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.click()
            return True
        return super().event(event)


class ChoiceRow(QWidget):
    """A row (or grid) of large, checkable buttons choosing one value, or none.

    Clicking the chosen button again clears the choice. Tab enters the row at the chosen (or
    first) button; arrow keys move between buttons and Space chooses, as in a radio group.
    """

    value_changed = Signal(object)

    def __init__(
        self,
        name: str,
        options: Sequence[tuple[Any, str]],
        *,
        columns: int | None = None,
        descriptions: Sequence[str] | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self._name = name
        self._values = [value for value, _ in options]
        self._buttons: list[QPushButton] = []
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        per_row = columns or len(options)
        for index, (_value, label) in enumerate(options):
            button = QPushButton(label)
            button.setCheckable(True)
            button.setAutoDefault(False)  # in a dialog, Enter saves rather than choosing
            button.setMinimumSize(MIN_TARGET, MIN_TARGET)
            # Never narrower than the label: a cut-off word is worse than a scroll bar.
            button.setSizePolicy(QSizePolicy.Policy.MinimumExpanding, QSizePolicy.Policy.Fixed)
            described = descriptions[index] if descriptions else label
            button.setAccessibleName(f"{name}: {described}")
            button.setToolTip(described)
            button.toggled.connect(lambda checked, i=index: self._on_button_toggled(i, checked))
            # Buttons move focus to the next Tab stop on arrow keys; the row takes them first.
            button.installEventFilter(self)
            layout.addWidget(button, index // per_row, index % per_row)
            self._buttons.append(button)
        self._update_focus_policies()

    @property
    def buttons(self) -> list[QPushButton]:
        return list(self._buttons)

    def value(self) -> Any:
        for value, button in zip(self._values, self._buttons, strict=True):
            if button.isChecked():
                return value
        return None

    def set_value(self, value: Any) -> None:
        """Choose a value (None clears), without moving focus."""
        for option, button in zip(self._values, self._buttons, strict=True):
            button.setChecked(option == value and value is not None)

    def button_for(self, value: Any) -> QPushButton:
        return self._buttons[self._values.index(value)]

    def choose(self, value: Any) -> None:
        """Choose a value as the user would, focusing its button."""
        self.set_value(value)
        self.button_for(value).setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _on_button_toggled(self, index: int, checked: bool) -> None:
        if checked:
            for other_index, other in enumerate(self._buttons):
                if other_index != index and other.isChecked():
                    other.blockSignals(True)
                    other.setChecked(False)
                    other.blockSignals(False)
        self._update_focus_policies()
        self.value_changed.emit(self.value())

    def _update_focus_policies(self) -> None:
        # One Tab stop per row: the chosen button, else the first.
        chosen = next((b for b in self._buttons if b.isChecked()), self._buttons[0])
        for button in self._buttons:
            policy = Qt.FocusPolicy.StrongFocus if button is chosen else Qt.FocusPolicy.ClickFocus
            button.setFocusPolicy(policy)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Only arrow keys are taken; anything else goes on to the button untouched (its
        # accepted flag too, or an ignored Tab would move the focus twice).
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            return self._move_focus(Qt.Key(event.key()))
        return super().eventFilter(watched, event)

    def _move_focus(self, key: Qt.Key) -> bool:
        steps = {
            Qt.Key.Key_Left: -1,
            Qt.Key.Key_Up: -1,
            Qt.Key.Key_Right: 1,
            Qt.Key.Key_Down: 1,
        }
        step = steps.get(key)
        focused = next((i for i, b in enumerate(self._buttons) if b.hasFocus()), None)
        if step is None or focused is None:
            return False
        target = (focused + step) % len(self._buttons)
        self._buttons[target].setFocus(Qt.FocusReason.TabFocusReason)
        return True


class LazyPage(QWidget):
    """A page that reloads when its data changed, but only once it is on screen."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._stale = True

    def reload(self) -> None:
        """Load the page's data from the services (subclasses call super first)."""
        self._stale = False

    def reload_when_shown(self) -> None:
        """Reload now if on screen, else when next shown (a hidden page does no work)."""
        self._stale = True
        if self.isVisible():
            self.reload()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()


class MessageBar(QFrame):
    """A message that stays until dismissed or replaced (no timeouts), with an optional action."""

    action_triggered = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setProperty("role", "banner")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        self._label = plain_label()
        self._label.setAccessibleName("Message")
        self._action = QPushButton()
        self._action.clicked.connect(self.action_triggered)
        self._close = QPushButton("Dismiss")
        self._close.setAccessibleName("Dismiss message")
        self._close.clicked.connect(self.hide)
        layout.addWidget(self._label, 1)
        layout.addWidget(self._action)
        layout.addWidget(self._close)
        self.hide()

    @property
    def text(self) -> str:
        return self._label.text()

    @property
    def action_button(self) -> QPushButton:
        return self._action

    def withdraw_action(self) -> None:
        """Hide a message that offers an action (an Undo that no longer applies)."""
        if self._action.isVisibleTo(self):
            self.hide()

    def show_message(self, text: str, *, action: str | None = None, error: bool = False) -> None:
        self.setProperty("role", "error" if error else "banner")
        self.style().unpolish(self)
        self.style().polish(self)
        self._label.setText(("Problem: " if error else "") + text)
        self._action.setVisible(action is not None)
        if action is not None:
            self._action.setText(action)
            self._action.setAccessibleName(action)
        self.show()


def caution_word(caution: Caution) -> str:
    """The word before a caution's title: its urgency in words, not only in colour."""
    if caution.urgent:
        return "Urgent"
    if caution.level is Level.INFORMATION:
        return "Note"
    return "Caution"


class CautionList(QWidget):
    """Cautions as framed, labelled blocks: a word says how urgent, not only the colour."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._shown: list[Caution] = []

    @property
    def cautions(self) -> list[Caution]:
        return list(self._shown)

    def set_cautions(self, cautions: list[Caution]) -> None:
        if cautions == self._shown:
            return
        self._shown = list(cautions)
        while self._layout.count():
            item = self._layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        for caution in cautions:
            frame = QFrame()
            frame.setProperty("role", "error" if caution.urgent else "banner")
            inner = QVBoxLayout(frame)
            heading_text = f"{caution_word(caution)}: {caution.title}"
            title = plain_label(heading_text, role="subheading")
            text = plain_label(caution.text)
            frame.setAccessibleName(heading_text)
            frame.setAccessibleDescription(caution.text)
            inner.addWidget(title)
            inner.addWidget(text)
            self._layout.addWidget(frame)
        self.setVisible(bool(cautions))
