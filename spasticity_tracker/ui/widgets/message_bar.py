"""Messages that stay until dismissed, and cautions as framed blocks that say how urgent."""

from __future__ import annotations

from PySide6.QtCore import (
    Signal,
)
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from spasticity_tracker.domain.cautions import Caution, Level
from spasticity_tracker.ui.widgets.fields import plain_label


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
