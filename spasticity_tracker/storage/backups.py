"""Backups of the diary: listed, made again only after a change, rotated, and restored."""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from spasticity_tracker.domain.errors import DataError, os_reason
from spasticity_tracker.storage.database import BACKUP_DIRNAME, Database
from spasticity_tracker.storage.models import Base, PersonRow, SymptomEntryRow
from spasticity_tracker.storage.sqlite_files import (
    EMPTY_FILE,
    make_private_file,
    put_in_place,
    quick_check,
    read_backup_name,
    table_counts,
)

log = logging.getLogger(__name__)

FINGERPRINT_FILE = "last-backup-fingerprint"
# Kept: the 5 most recent, plus the newest of each of the last 7 days, 5 weeks and 12 months.
KEEP_RECENT, KEEP_DAYS, KEEP_WEEKS, KEEP_MONTHS = 5, 7, 5, 12


@dataclass(frozen=True)
class Backup:
    path: Path
    taken_at: datetime
    reason: str


@dataclass(frozen=True)
class CheckedBackup(Backup):
    """A backup with what it holds, or what is wrong with it."""

    size: int
    people: int
    entries: int
    problem: str | None  # None when it could be read (and, when asked, passed its check)

    @property
    def is_good(self) -> bool:
        """Readable, checked and holding something: a backup worth offering back."""
        return self.problem is None and self.people + self.entries > 0


def list_backups(folder: Path) -> list[Backup]:
    """The backups in a folder, newest first."""
    if not folder.is_dir():
        return []
    found = []
    for path in folder.iterdir():
        if (read := read_backup_name(path.name)) is not None:
            found.append(Backup(path, *read))
    return sorted(found, key=lambda backup: backup.taken_at, reverse=True)


def to_keep(backups: list[Backup], now: datetime) -> set[Path]:
    """Which backups the rotation keeps (backups newest first)."""
    keep = {b.path for b in backups[:KEEP_RECENT]}
    seen: set[tuple[str, object]] = set()
    for backup in backups:  # newest first: the first one of each day/week/month is kept
        age = now - backup.taken_at
        local = backup.taken_at.astimezone()
        for kind, bucket, limit in (
            ("day", local.date(), timedelta(days=KEEP_DAYS)),
            ("week", local.isocalendar()[:2], timedelta(weeks=KEEP_WEEKS)),
            ("month", (local.year, local.month), timedelta(days=31 * KEEP_MONTHS)),
        ):
            if age <= limit and (kind, bucket) not in seen:
                seen.add((kind, bucket))
                keep.add(backup.path)
    return keep


def rotate(folder: Path, now: datetime | None = None) -> list[Path]:
    """Delete the backups the rotation does not keep; returns what was deleted."""
    backups = list_backups(folder)
    keep = to_keep(backups, now or datetime.now(UTC))
    removed = []
    for backup in backups:
        if backup.path not in keep:
            backup.path.unlink()
            removed.append(backup.path)
    return removed


def fingerprint(database: Database) -> str:
    """Changes whenever any record is added, edited or deleted (row counts and latest edit)."""
    parts = []
    with database.engine.connect() as connection:
        raw = connection.connection.driver_connection
        assert raw is not None
        # Every table of the models: a new table cannot be missed. A table without
        # updated_at (regimen_doses) is rewritten with its parent, whose updated_at moves.
        for table in Base.metadata.sorted_tables:
            count = raw.execute(f"SELECT count(*) FROM {table.name}").fetchone()[0]
            latest = (
                raw.execute(f"SELECT max(updated_at) FROM {table.name}").fetchone()[0]
                if "updated_at" in table.c
                else ""
            )
            parts.append(f"{table.name}:{count}:{latest}")
    return "|".join(parts)


def backup_if_changed(database: Database, reason: str = "at-start") -> Path | None:
    """Back up when the data changed since the last backup, then rotate; returns the new file."""
    folder = database.path.parent / BACKUP_DIRNAME
    marker = folder / FINGERPRINT_FILE
    now = fingerprint(database)
    backups = list_backups(folder)
    if (
        marker.exists()
        and marker.read_text(encoding="utf-8") == now
        and backups
        and backups[0].path.stat().st_size > 0
    ):
        return None
    made = database.backup(folder, reason=reason)  # verified; raises and leaves nothing if not
    try:
        make_private_file(marker)
        marker.write_text(now, encoding="utf-8")
    except OSError as error:  # the backup is made; without the marker the next start makes one
        log.warning("the backup fingerprint could not be saved: %s", os_reason(error))
    rotate(folder)
    return made


def inspect(backup: Backup, *, check: bool = False) -> CheckedBackup:
    """What a backup holds (people, diary entries), or why it cannot be used.

    With check, the whole file is read by SQLite's quick check first (slow for a big file);
    without, only the counts are read. An empty file is never good.
    """
    try:
        size = backup.path.stat().st_size
    except OSError as error:
        return CheckedBackup(*_fields(backup), 0, 0, 0, os_reason(error))
    problem = EMPTY_FILE if size == 0 else quick_check(backup.path) if check else None
    people = entries = 0
    if problem is None:
        try:
            counts = table_counts(backup.path)
        except sqlite3.Error as error:
            problem = str(error)
        else:
            names = (PersonRow.__tablename__, SymptomEntryRow.__tablename__)
            if not all(name in counts for name in names):
                problem = "it is not a diary"
            else:
                people, entries = (counts[name] for name in names)
    return CheckedBackup(*_fields(backup), size, people, entries, problem)


def _fields(backup: Backup) -> tuple[Path, datetime, str]:
    return backup.path, backup.taken_at, backup.reason


def inspect_backups(folder: Path, *, check: bool = False) -> list[CheckedBackup]:
    """Every backup in a folder with what it holds, newest first."""
    return [inspect(backup, check=check) for backup in list_backups(folder)]


def newest_good_backup(folder: Path) -> CheckedBackup | None:
    """The newest backup that passes the quick check and holds something (never an empty one)."""
    for backup in list_backups(folder):
        checked = inspect(backup, check=True)
        if checked.is_good:
            return checked
    return None


def restore(backup: Path, path: Path, label: str = "replaced") -> Path | None:
    """Put a backup in place of the database at path; the file there is kept under `label`.

    The backup is copied and verified beside the file first: if that fails, the file at
    path is as it was. Returns where the replaced file went (None when there was none).
    """
    if quick_check(backup) is not None:
        raise DataError(f"The backup {backup.name} is damaged too; it was not restored.")
    return put_in_place(backup, path, label)
