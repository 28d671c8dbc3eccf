"""What the user is told when the diary file is damaged, or is open elsewhere.

These are asked at start, before the main window and its event loop exist, and the app
cannot go on until they are answered: the one place where a dialog waits with exec().
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from spasticity_tracker import APP_NAME


def ask_to_restore(problem: str, backup: str | None, folder: str) -> bool:
    """Offer the newest good backup for a damaged diary; True when the user chose to restore."""
    box = QMessageBox()
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(f"{APP_NAME}: the diary file is damaged")
    if backup is None:
        box.setText(
            "The diary file could not be read, and no good backup was found. The file has not "
            f"been changed or deleted; it is in {folder}."
        )
        box.setDetailedText(problem)
        box.setStandardButtons(QMessageBox.StandardButton.Close)
        box.exec()
        return False
    box.setText(
        "The diary file could not be read. Restore the newest good backup, made "
        f"{backup}? The damaged file is kept beside it, never deleted."
    )
    box.setDetailedText(problem)
    restore = box.addButton("Restore the backup", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Quit without changing anything", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(restore)
    box.exec()
    return box.clickedButton() is restore


def tell(problem: str) -> None:
    """A problem that stops the app from opening the diary."""
    QMessageBox.critical(None, APP_NAME, problem)
