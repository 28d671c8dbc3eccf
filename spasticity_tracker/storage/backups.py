"""Backups of the diary: listed, made again only after a change, rotated, and restored."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from spasticity_tracker.domain.errors import DataError
from spasticity_tracker.storage.database import BACKUP_DIRNAME, Database
from spasticity_tracker.storage.models import Base
from spasticity_tracker.storage.sqlite_files import (
    make_private_file,
    put_in_place,
    quick_check,
    read_backup_name,
)

FINGERPRINT_FILE = "last-backup-fingerprint"
# Kept: the 5 most recent, plus the newest of each of the last 7 days, 5 weeks and 12 months.
KEEP_RECENT, KEEP_DAYS, KEEP_WEEKS, KEEP_MONTHS = 5, 7, 5, 12


@dataclass(frozen=True)
class Backup:
    path: Path
    taken_at: datetime
    reason: str


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
    if marker.exists() and marker.read_text(encoding="utf-8") == now and list_backups(folder):
        return None
    made = database.backup(folder, reason=reason)
    make_private_file(marker)
    marker.write_text(now, encoding="utf-8")
    rotate(folder)
    return made


def newest_good_backup(folder: Path) -> Backup | None:
    """The newest backup that passes the quick check."""
    for backup in list_backups(folder):
        if quick_check(backup.path) is None:
            return backup
    return None


def restore(backup: Path, path: Path) -> Path | None:
    """Put a backup in place of the database at path; the file replaced is set aside first.

    Returns where the replaced file went (None when there was none).
    """
    if quick_check(backup) is not None:
        raise DataError(f"The backup {backup.name} is damaged too; it was not restored.")
    return put_in_place(backup, path)
