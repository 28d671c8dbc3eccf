"""Backups as the user sees them: list them with what each holds, make one now, restore one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from spasticity_tracker.services.base import Service
from spasticity_tracker.services.changes import DataChange
from spasticity_tracker.storage.backups import CheckedBackup, inspect_backups, rotate
from spasticity_tracker.storage.database import BACKUP_DIRNAME


@dataclass(frozen=True)
class BackupInfo:
    """One backup: when and why it was made, its size, and what it holds (or what is wrong)."""

    path: Path
    taken_at: datetime
    reason: str
    size: int
    people: int
    entries: int
    problem: str | None

    @property
    def is_good(self) -> bool:
        """Readable, checked and holding something: worth offering back."""
        return self.problem is None and self.people + self.entries > 0


def _info(backup: CheckedBackup) -> BackupInfo:
    return BackupInfo(
        backup.path,
        backup.taken_at,
        backup.reason,
        backup.size,
        backup.people,
        backup.entries,
        backup.problem,
    )


def backups_in(folder: Path, *, check: bool = False) -> list[BackupInfo]:
    """The backups in a folder with what each holds, newest first (check: quick-check each)."""
    return [_info(backup) for backup in inspect_backups(folder, check=check)]


class BackupService(Service):
    """The data folder's backups."""

    @property
    def folder(self) -> Path:
        return self._db.path.parent / BACKUP_DIRNAME

    def backups(self) -> list[BackupInfo]:
        """Newest first, each with its people and entries counted (not fully checked)."""
        return backups_in(self.folder)

    def make_backup(self) -> BackupInfo:
        path = self._db.backup(self.folder, reason="by-hand")
        rotate(self.folder)
        return next(b for b in self.backups() if b.path == path)

    def restore(self, backup: Path) -> DataChange:
        """Put a backup in place of the diary; the current state is backed up first."""
        self._db.replace_with(backup)
        return DataChange.ALL
