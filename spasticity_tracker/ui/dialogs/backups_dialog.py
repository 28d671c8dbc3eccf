"""File > Backups: the data folder's backups, make one now, or restore one."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from spasticity_tracker.domain.errors import TrackerError
from spasticity_tracker.presentation.data_folder import backup_line
from spasticity_tracker.services.backups import BackupService
from spasticity_tracker.services.changes import DataChange
from spasticity_tracker.ui.dialogs.messages import ask
from spasticity_tracker.ui.widgets.fields import enforce_targets, plain_label
from spasticity_tracker.ui.widgets.message_bar import MessageBar


class BackupsDialog(QDialog):
    """The backups of the data folder: make one now, or restore one."""

    def __init__(self, backups: BackupService, parent: QWidget | None = None):
        super().__init__(parent)
        self._backups = backups
        self.change = DataChange.NONE
        self.setWindowTitle("Backups")
        layout = QVBoxLayout(self)
        self.message = MessageBar()
        layout.addWidget(self.message)
        layout.addWidget(
            plain_label(
                f"Backups are made at start when the diary has changed, and before every "
                f"upgrade; they are kept in {backups.folder}."
            )
        )
        self.listing = QListWidget()
        self.listing.setAccessibleName("Backups, newest first")
        layout.addWidget(self.listing, 1)
        buttons = QHBoxLayout()
        self.make_button = QPushButton("&Make a backup now")
        self.restore_button = QPushButton("&Restore the selected backup…")
        close = QPushButton("Close")
        close.clicked.connect(self.accept)
        for button in (self.make_button, self.restore_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        self.make_button.clicked.connect(self.make_backup)
        self.restore_button.clicked.connect(self._on_restore_clicked)
        self.refresh()
        enforce_targets(self)
        self.resize(640, 480)

    def refresh(self) -> None:
        self.listing.clear()
        backups = self._backups.backups()
        for backup in backups:
            item = QListWidgetItem(f"{backup_line(backup)}   {backup.size / 1024:.0f} KB")
            item.setData(256, str(backup.path))  # Qt.ItemDataRole.UserRole
            self.listing.addItem(item)
        if backups:  # the newest that holds something, never an empty one, is chosen first
            good = [row for row, backup in enumerate(backups) if backup.is_good]
            self.listing.setCurrentRow(good[0] if good else 0)
        self.restore_button.setEnabled(self.listing.count() > 0)

    def make_backup(self) -> None:
        try:
            made = self._backups.make_backup()
        except (TrackerError, OSError) as error:
            self.message.show_message(f"No backup was made: {error}", error=True)
            return
        self.refresh()
        self.message.show_message(f"Backup made: {made.path.name}")

    def restore_selected(self) -> bool:
        item = self.listing.currentItem()
        if item is None:
            return False
        try:
            self.change = self._backups.restore(Path(item.data(256)))
        except (TrackerError, OSError) as error:
            self.message.show_message(f"Nothing was restored: {error}", error=True)
            return False
        self.refresh()
        self.message.show_message(
            "The backup is restored. The diary as it was before is kept as a backup too."
        )
        return True

    def _on_restore_clicked(self) -> None:
        item = self.listing.currentItem()
        if item is None:
            return
        self.question = ask(
            self,
            "Restore a backup",
            f"Put this backup in place of the diary?\n\n{item.text()}\n\nThe diary as it is "
            "now is backed up first, so this can be undone by restoring that backup.",
            self.restore_selected,
            yes="Restore this backup",
        )
