"""The base of every dialog that saves something: opened with open(), closed only when saved.

The dialog is handed a `submit` callback that does the saving (a service call through
Actions.perform). Save checks the form, calls it, and closes the dialog only when it worked;
otherwise the error shows in the dialog, where the person can put it right. So no caller
loops over exec() to keep a dialog open after a refused save.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget

from spasticity_tracker.domain.errors import TrackerError
from spasticity_tracker.ui.widgets.fields import enforce_targets, save_cancel_buttons
from spasticity_tracker.ui.widgets.message_bar import MessageBar

Submit = Callable[[Any], object]


class FormDialog(QDialog):
    """A message bar on top, the form in between, Save and Cancel at the bottom."""

    def __init__(self, title: str, submit: Submit, parent: QWidget | None = None):
        super().__init__(parent)
        self._submit = submit
        self.setWindowTitle(title)
        self.body = QVBoxLayout(self)
        self.message = MessageBar()
        self.body.addWidget(self.message)

    def add_buttons(self, save_name: str | None = None) -> None:
        """Save (the default button, so Enter saves) and Cancel, last in the dialog."""
        self.body.addWidget(save_cancel_buttons(self, self._on_buttons_accepted, save_name))
        enforce_targets(self)

    def value(self) -> Any:
        """What the form holds (raises ValidationError when it is not valid)."""
        raise NotImplementedError

    def _on_buttons_accepted(self) -> None:
        try:
            self._submit(self.value())
        except TrackerError as error:
            self.message.show_message(str(error), error=True)
            self._on_refused()
            return
        self.accept()

    def _on_refused(self) -> None:
        """Where the keyboard goes after a refused save (subclasses choose the field)."""
