"""Backups as the user sees them: list, make one now, restore one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from spasticity_tracker.services.base import Service
from spasticity_tracker.services.changes import DataChange
from spasticity_tracker.storage.backups import list_backups, rotate
from spasticity_tracker.storage.database import BACKUP_DIRNAME


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: datetime
    reason: str
    size: int


class BackupService(Service):
    """The data folder's backups."""

    @property
    def folder(self) -> Path:
        return self._db.path.parent / BACKUP_DIRNAME

    def backups(self) -> list[BackupInfo]:
        """Newest first."""
        return [
            BackupInfo(b.path, b.taken_at, b.reason, b.path.stat().st_size)
            for b in list_backups(self.folder)
        ]

    def make_backup(self) -> BackupInfo:
        path = self._db.backup(self.folder, reason="by-hand")
        rotate(self.folder)
        return next(b for b in self.backups() if b.path == path)

    def restore(self, backup: Path) -> DataChange:
        """Put a backup in place of the diary; the current state is backed up first."""
        self._db.replace_with(backup)
        return DataChange.ALL
