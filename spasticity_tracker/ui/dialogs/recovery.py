"""What the user is told when the diary file is damaged, or cannot be opened at all.

These are asked at start, before the main window and its event loop exist, and the app
cannot go on until they are answered: the one place where a dialog waits with exec().
The question is a dialog of its own, not a QMessageBox: a message box caps its width and
then cuts its buttons' text at large text sizes, and hides the list of backups behind a
"Show Details" button.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from spasticity_tracker import APP_NAME
from spasticity_tracker.presentation.data_folder import RecoveryQuestion
from spasticity_tracker.ui.widgets.fields import buddy_label, enforce_targets, plain_label


class RecoveryDialog(QDialog):
    """Restore the newest good backup, or quit; every backup listed with what it holds."""

    def __init__(self, question: RecoveryQuestion, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(f"{APP_NAME}: the diary file is damaged")
        layout = QVBoxLayout(self)
        self.question = plain_label(question.text)
        layout.addWidget(self.question)
        self.backups = QPlainTextEdit(question.details)
        self.backups.setReadOnly(True)
        self.backups.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.backups.setAccessibleName("Backups, newest first")
        layout.addWidget(buddy_label("&Backups, newest first:", self.backups))
        layout.addWidget(self.backups, 1)
        buttons = QDialogButtonBox()
        self.restore_button = QPushButton("&Restore the backup")
        self.quit_button = QPushButton("&Quit, changing nothing")
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.quit_button, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)  # Escape and closing the window quit too
        layout.addWidget(buttons)
        self.restore_button.setDefault(True)
        self.restore_button.setFocus()
        enforce_targets(self)
        self._fit_screen()

    def _fit_screen(self) -> None:
        """A comfortable size, never larger than the screen's free area."""
        screen = QGuiApplication.primaryScreen()
        wanted = self.sizeHint().expandedTo(self.minimumSizeHint())
        wanted.setWidth(max(wanted.width(), 640))
        if screen is not None:
            free = screen.availableGeometry().size()
            wanted = wanted.boundedTo(free)
        self.resize(wanted)


def ask_to_restore(question: RecoveryQuestion) -> bool:
    """Offer the newest good backup for a damaged diary; True when the user chose to restore."""
    return RecoveryDialog(question).exec() == QDialog.DialogCode.Accepted


def tell(problem: str) -> None:
    """A problem that stops the app from opening the diary."""
    box = QMessageBox(QMessageBox.Icon.Critical, APP_NAME, problem)
    box.setTextFormat(Qt.TextFormat.PlainText)
    enforce_targets(box)
    box.exec()


class PasswordDialog(QDialog):
    """The shared diary's password, asked at start when the server wants one (never kept)."""

    def __init__(self, why: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(f"{APP_NAME}: password")
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label(why))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName("Password")
        layout.addWidget(buddy_label("&Password", self.password))
        layout.addWidget(self.password)
        buttons = QDialogButtonBox()
        open_button = buttons.addButton("Open the diary", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Quit", QDialogButtonBox.ButtonRole.RejectRole)
        open_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        enforce_targets(self)
        # Wide enough for the address and the title at any text size, within the screen.
        self.setMinimumWidth(min(self.fontMetrics().averageCharWidth() * 64, 1200))
        self.password.setFocus()


def ask_password(why: str) -> str | None:
    """Ask for the shared diary's password; None when the user would rather quit."""
    dialog = PasswordDialog(why)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.password.text()
