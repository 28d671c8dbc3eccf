"""A row of large buttons choosing one value, and a button whose Alt+letter acts at once."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QEvent,
    QObject,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from spasticity_tracker.ui.style import MIN_TARGET


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
    first) button; arrow keys move between buttons and Space chooses, as in a radio group;
    `keys` (one character per option, e.g. "0123456789T") choose while the row has the focus.

    The row, not a button, is the buddy of its label: a label's Alt+letter clicks a button
    buddy, which would choose a value where the person only meant to move to the field. The
    row passes the focus on to its Tab stop instead, and chooses nothing.
    """

    value_changed = Signal(object)

    def __init__(
        self,
        name: str,
        options: Sequence[tuple[Any, str]],
        *,
        columns: int | None = None,
        descriptions: Sequence[str] | None = None,
        keys: str = "",
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        assert not keys or len(keys) == len(options), "one key per option"
        self._name = name
        self._keys = keys.upper()
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
            button.setToolTip(f"{described}. Key: {keys[index]}" if keys else described)
            button.toggled.connect(lambda checked, i=index: self._on_button_toggled(i, checked))
            # Buttons move focus to the next Tab stop on arrow keys; the row takes them first.
            button.installEventFilter(self)
            layout.addWidget(button, index // per_row, index % per_row)
            self._buttons.append(button)
        # Focusable only through its proxy: never a Tab stop of its own (Tab skips a widget
        # with a focus proxy), but a label's mnemonic can hand it the focus.
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
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
        if self.focusProxy() is not chosen:
            self.setFocusProxy(chosen)

    def choose_key(self, event: QKeyEvent) -> bool:
        """Choose the option of a typed key (no modifier but the keypad's); False if none."""
        text = event.text().upper()
        if not self._keys or not text or event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return False
        index = self._keys.find(text)
        if index < 0:
            return False
        self.choose(self._values[index])
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Only arrow keys and the row's own keys are taken; anything else goes on to the
        # button untouched (its accepted flag too, or an ignored Tab would move the focus
        # twice).
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            return self._move_focus(Qt.Key(event.key())) or self.choose_key(event)
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
