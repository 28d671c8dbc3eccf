"""Messages that stay until dismissed, and cautions as framed blocks that say how urgent."""

from __future__ import annotations

from PySide6.QtCore import (
    Signal,
)
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from spasticity_tracker.domain.cautions import Caution, Level
from spasticity_tracker.ui.widgets.fields import enforce_targets, plain_label


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

    @property
    def is_error(self) -> bool:
        """Whether the message shown (or shown last) is a problem."""
        return bool(self.property("role") == "error")

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


SHOW_MORE = "Show more"
SHOW_LESS = "Show less"


class CautionFrame(QFrame):
    """One caution: a line with its urgency word and title, and its text below, which a
    "Show less" button can fold away (the line stays)."""

    folded_by_hand = Signal()

    def __init__(self, caution: Caution, *, foldable: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.setProperty("role", "error" if caution.urgent else "banner")
        line_text = f"{caution_word(caution)}: {caution.title}"
        self.setAccessibleName(line_text)
        self.setAccessibleDescription(caution.text)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        layout.setSpacing(4)
        line = QHBoxLayout()
        self.heading = plain_label(line_text, role="subheading")
        line.addWidget(self.heading, 1)
        self.toggle = QPushButton(SHOW_LESS)
        line.addWidget(self.toggle)
        layout.addLayout(line)
        self.toggle.setVisible(foldable)
        self.text = plain_label(caution.text)
        layout.addWidget(self.text)
        self._line_text = line_text
        self.set_folded(False)
        enforce_targets(self)
        self.toggle.clicked.connect(self._on_toggle_clicked)

    @property
    def folded(self) -> bool:
        return self.text.isHidden()

    def set_folded(self, folded: bool) -> None:
        self.text.setHidden(folded)
        self.toggle.setText(SHOW_MORE if folded else SHOW_LESS)
        verb = "Show all of" if folded else "Show only the title of"
        self.toggle.setAccessibleName(f"{verb} the caution {self._line_text}")

    def _on_toggle_clicked(self) -> None:
        self.set_folded(not self.folded)
        self.folded_by_hand.emit()

    def height_for(self, width: int, *, folded: bool) -> int:
        """The frame's height at this width, folded or not (computed, not laid out: the
        layout's own answer lags behind a fold)."""
        layout = self.layout()
        assert layout is not None
        margins = layout.contentsMargins()
        frame = 2 * self.frameWidth()
        inner = width - margins.left() - margins.right() - frame
        toggle = self.toggle.isVisibleTo(self)
        line_width = inner - (self.toggle.sizeHint().width() if toggle else 0)
        line = max(
            self.heading.heightForWidth(max(line_width, 1)),
            self.toggle.minimumSizeHint().height() if toggle else 0,
            self.toggle.minimumHeight() if toggle else 0,
        )
        height = margins.top() + margins.bottom() + frame + line
        if not folded:
            height += layout.spacing() + self.text.heightForWidth(max(inner, 1))
        return height


class CautionList(QWidget):
    """Cautions as framed, labelled blocks: a word says how urgent, not only the colour.

    Foldable (on a page with little room): each caution can be folded to its one line, by
    its "Show less" button or by the page; a caution folded or unfolded by hand stays so
    until the cautions change.
    """

    folding_changed = Signal()

    def __init__(self, parent: QWidget | None = None, *, foldable: bool = False):
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._foldable = foldable
        self._shown: list[Caution] = []
        self._frames: list[CautionFrame] = []
        self.folded_by_hand = False

    @property
    def cautions(self) -> list[Caution]:
        return list(self._shown)

    @property
    def frames(self) -> list[CautionFrame]:
        return list(self._frames)

    def headings(self) -> list[QLabel]:
        """Each caution's line: its urgency word and title."""
        return [frame.heading for frame in self._frames]

    def texts(self) -> list[QLabel]:
        """Each caution's text (hidden while folded)."""
        return [frame.text for frame in self._frames]

    def set_cautions(self, cautions: list[Caution]) -> None:
        if cautions == self._shown:
            return
        self._shown = list(cautions)
        self.folded_by_hand = False
        while self._layout.count():
            item = self._layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self._frames = []
        for caution in cautions:
            frame = CautionFrame(caution, foldable=self._foldable)
            frame.folded_by_hand.connect(self._on_frame_folded_by_hand)
            self._layout.addWidget(frame)
            self._frames.append(frame)
        self.setVisible(bool(cautions))
        self.folding_changed.emit()

    def set_folded(self, folded: bool) -> None:
        """Fold (or unfold) every caution, unless the person chose by hand."""
        if self.folded_by_hand or not self._foldable:
            return
        changed = False
        for frame in self._frames:
            if frame.folded != folded:
                frame.set_folded(folded)
                changed = True
        if changed:
            self.folding_changed.emit()

    def height_for(self, width: int, *, unfolded: bool = False) -> int:
        """The list's height at this width: as folded now, or with every caution's text."""
        heights = [
            frame.height_for(width, folded=frame.folded and not unfolded) for frame in self._frames
        ]
        return sum(heights) + self._layout.spacing() * max(len(heights) - 1, 0)

    def _on_frame_folded_by_hand(self) -> None:
        self.folded_by_hand = True
        self.folding_changed.emit()
