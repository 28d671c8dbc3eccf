"""The base of every dialog that saves something: opened with open(), closed only when saved.

The dialog is handed a `submit` callback that does the saving (a service call through
Actions.perform). Save checks the form, calls it, and closes the dialog only when it worked;
otherwise the error shows in the dialog, where the person can put it right. So no caller
loops over exec() to keep a dialog open after a refused save.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from spasticity_tracker.domain.errors import TrackerError
from spasticity_tracker.ui.widgets.fields import enforce_targets, save_cancel_buttons
from spasticity_tracker.ui.widgets.message_bar import MessageBar
from spasticity_tracker.ui.widgets.screen_fit import fit_to_screen, free_area

Submit = Callable[[Any], object]


class FormDialog(QDialog):
    """A message bar on top, the form in between, Save and Cancel at the bottom.

    The dialog takes the size its form needs, never more than the screen's free area: a form
    taller than that (large text on a small laptop) scrolls, while the message and the Save
    and Cancel buttons stay in view. It opens with the keyboard in the form's first field,
    and a field reached by keyboard is scrolled into view.
    """

    def __init__(
        self, title: str, submit: Submit, parent: QWidget | None = None, *, width: int = 560
    ):
        super().__init__(parent)
        self._submit = submit
        self._preferred_width = width
        self._sized = False
        self._focused = False
        self.setWindowTitle(title)
        outer = QVBoxLayout(self)
        self.message = MessageBar()
        outer.addWidget(self.message)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        # Not a Tab stop of its own: Tab goes from the last field straight to Save.
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.content = QWidget()
        self.body = QVBoxLayout(self.content)  # subclasses fill the form in here
        self.body.setContentsMargins(0, 0, 0, 0)
        self.scroll_area.setWidget(self.content)
        outer.addWidget(self.scroll_area, 1)
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.focusChanged.connect(self._on_app_focus_changed)

    def add_buttons(self, save_name: str | None = None) -> None:
        """Save (the default button, so Enter saves) and Cancel, last in the dialog."""
        self.body.addStretch(1)  # a form shorter than the dialog stays at the top
        outer = self.layout()
        assert outer is not None
        outer.addWidget(save_cancel_buttons(self, self._on_buttons_accepted, save_name))
        enforce_targets(self)

    def set_save_text(self, text: str) -> None:
        """Say what the default button does ("&Connect"), where "Save" would not fit."""
        box = self.findChild(QDialogButtonBox)
        assert box is not None, "add_buttons() first"
        box.button(QDialogButtonBox.StandardButton.Save).setText(text)

    def value(self) -> Any:
        """What the form holds (raises ValidationError when it is not valid)."""
        raise NotImplementedError

    def unchanged_text(self, value: Any) -> str | None:
        """What to say when saving `value` would change nothing (None: save it)."""
        return None

    def first_field(self) -> QWidget | None:
        """Where the keyboard starts: the form's first Tab stop (subclasses may choose)."""
        widget = self.content.nextInFocusChain()
        while widget is not None and widget is not self.content:
            takes_tab = widget.focusPolicy().value & Qt.FocusPolicy.TabFocus.value
            if (
                takes_tab
                and self.content.isAncestorOf(widget)
                and widget.isVisibleTo(self)
                and widget.isEnabled()
                and widget.focusProxy() is None
            ):
                return widget
            widget = widget.nextInFocusChain()
        return None

    # -- size ------------------------------------------------------------------------------

    def preferred_size(self) -> QSize:
        """The size that shows the whole form without scrolling, at the preferred width."""
        outer = self.layout()
        assert outer is not None
        outer.activate()
        margins = outer.contentsMargins()
        bar = self.scroll_area.verticalScrollBar().sizeHint().width()
        sides = margins.left() + margins.right()
        width = max(self._preferred_width, self.content.minimumSizeHint().width() + bar + sides)
        inner = width - sides
        if self.body.hasHeightForWidth():  # wrapped text (a caution) is as tall as its width
            content = self.body.totalHeightForWidth(inner)
        else:
            content = self.body.totalSizeHint().height()
        # Everything but the form (message, buttons, margins) at its own size, plus the form
        # whole: the scroll area's own size hint is capped by Qt at a few lines of text.
        around = outer.totalSizeHint().height() - self.scroll_area.sizeHint().height()
        return QSize(width, around + max(content, self.content.minimumSizeHint().height()))

    def refit(self) -> None:
        """Grow to what the form now needs (new cautions, say), never past the screen."""
        fit_to_screen(self, self.preferred_size().expandedTo(self.size()))
        self._keep_on_screen()

    def _keep_on_screen(self) -> None:
        free = free_area(self)
        frame = self.frameGeometry()
        if free.contains(frame):
            return
        x = max(free.left(), min(frame.left(), free.right() + 1 - frame.width()))
        y = max(free.top(), min(frame.top(), free.bottom() + 1 - frame.height()))
        self.move(x, y)

    def setVisible(self, visible: bool) -> None:
        if visible and not self._sized:
            # Sized before Qt places the dialog over its parent, which takes its size.
            self._sized = True
            self.ensurePolished()  # the style sheet's text size is in every size hint
            fit_to_screen(self, self.preferred_size())
        super().setVisible(visible)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._keep_on_screen()
        if not self._focused:
            # Without this Qt gives the focus to Save whenever the first widget it finds is
            # a button (the message bar's, even hidden): typing a name would be lost, and a
            # Space would save the defaults.
            self._focused = True
            first = self.first_field()
            if first is not None:
                first.setFocus(Qt.FocusReason.TabFocusReason)

    def _on_app_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        # A field reached by a mnemonic is not scrolled to by Qt (only one reached by Tab).
        if new is not None and self.content.isAncestorOf(new):
            self.scroll_area.ensureWidgetVisible(new)

    # -- saving ----------------------------------------------------------------------------

    def _on_buttons_accepted(self) -> None:
        try:
            value = self.value()
            unchanged = self.unchanged_text(value)
            if unchanged is None:
                self._submit(value)
        except TrackerError as error:
            self.message.show_message(str(error), error=True)
            self._on_refused()
            return
        if unchanged is not None:
            # Not an error, and not a save either: the record stays exactly as it was.
            self.message.show_message(unchanged)
            return
        self.accept()

    def _on_refused(self) -> None:
        """Where the keyboard goes after a refused save (subclasses choose the field)."""
