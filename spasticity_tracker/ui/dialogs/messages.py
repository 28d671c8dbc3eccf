"""Messages and questions that never block: each is opened with open() and answers by callback.

A static QMessageBox.question() runs a nested event loop until it is answered; these return
at once, keep the window responsive, and tests answer them by pressing their buttons.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from spasticity_tracker import APP_NAME
from spasticity_tracker.ui.widgets.fields import enforce_targets


def tell(
    parent: QWidget, text: str, *, title: str = APP_NAME, problem: bool = False
) -> QMessageBox:
    """A message with an OK button; user text in it stays plain text."""
    icon = QMessageBox.Icon.Warning if problem else QMessageBox.Icon.Information
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    enforce_targets(box)
    box.open()
    return box


def ask(
    parent: QWidget,
    title: str,
    question: str,
    on_yes: Callable[[], object],
    *,
    yes: str = "Yes",
    no: str = "No",
    on_no: Callable[[], None] | None = None,
) -> QMessageBox:
    """A question whose safe answer (No) is the default; on_yes runs only when chosen."""
    box = QMessageBox(
        QMessageBox.Icon.Question, title, question, QMessageBox.StandardButton.NoButton, parent
    )
    box.setTextFormat(Qt.TextFormat.PlainText)
    yes_button = box.addButton(yes, QMessageBox.ButtonRole.YesRole)
    no_button = box.addButton(no, QMessageBox.ButtonRole.NoRole)
    box.setDefaultButton(no_button)
    box.setEscapeButton(no_button)

    def answered() -> None:
        if box.clickedButton() is yes_button:
            on_yes()
        elif on_no is not None:
            on_no()

    box.finished.connect(answered)
    enforce_targets(box)
    box.open()
    return box
