"""What the user is told when the diary file is damaged, or cannot be opened at all.

These are asked at start, before the main window and its event loop exist, and the app
cannot go on until they are answered: the one place where a dialog waits with exec().
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from spasticity_tracker import APP_NAME
from spasticity_tracker.presentation.data_folder import RecoveryQuestion


def ask_to_restore(question: RecoveryQuestion) -> bool:
    """Offer the newest good backup for a damaged diary; True when the user chose to restore."""
    box = QMessageBox()
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(f"{APP_NAME}: the diary file is damaged")
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(question.text)
    box.setDetailedText(question.details)
    restore = box.addButton("Restore the backup", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Quit without changing anything", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(restore)
    box.exec()
    return box.clickedButton() is restore


def tell(problem: str) -> None:
    """A problem that stops the app from opening the diary."""
    box = QMessageBox(QMessageBox.Icon.Critical, APP_NAME, problem)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.exec()
