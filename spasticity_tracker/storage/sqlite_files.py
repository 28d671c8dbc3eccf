"""SQLite files on disk: private folders and files, copies by the backup API, checks and names."""

from __future__ import annotations

import os
import re
import sqlite3
import stat
from datetime import UTC, datetime
from pathlib import Path

from spasticity_tracker.domain.errors import DataError

PRIVATE_FILE = stat.S_IRUSR | stat.S_IWUSR  # 0600
PRIVATE_DIR = stat.S_IRWXU  # 0700

_STAMP = "%Y%m%dT%H%M%S%fZ"
_ASIDE_STAMP = "%Y%m%dT%H%M%SZ"
_REASON = r"[\w.-]+"
_BACKUP_NAME = re.compile(
    rf"^(?P<stem>.+)-(?P<stamp>\d{{8}}T\d{{12}}Z)-(?P<reason>{_REASON})\.sqlite3$"
)


def make_private_dir(path: Path) -> Path:
    """Create a folder (and parents) readable only by its owner; tighten it if it exists."""
    path.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
    os.chmod(path, PRIVATE_DIR)
    return path


def make_private_file(path: Path) -> None:
    """Create the file if missing, and make it readable and writable only by its owner."""
    fd = os.open(path, os.O_CREAT | os.O_WRONLY, PRIVATE_FILE)
    os.close(fd)
    os.chmod(path, PRIVATE_FILE)


def _open_read_only(path: Path) -> sqlite3.Connection:
    # as_uri() percent-encodes the path: a '#', '?' or '%' in a folder name would otherwise be
    # read as URI syntax, and SQLite would open (creating it) another, empty file.
    return sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)


def _problems(connection: sqlite3.Connection) -> str | None:
    try:
        rows = connection.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as error:  # a damaged page can stop the check itself
        return str(error)
    problems = [row[0] for row in rows if row[0] != "ok"]
    return "; ".join(problems[:5]) if problems else None


def quick_check(path: Path) -> str | None:
    """None when the file passes SQLite's quick check, else what is wrong, in words."""
    try:
        connection = _open_read_only(path)
    except sqlite3.DatabaseError as error:
        return str(error)
    try:
        return _problems(connection)
    finally:
        connection.close()


def copy_database(source: Path, target: Path, *, live: bool = False) -> None:
    """Copy the database at source into a private file at target with the backup API, checked."""
    make_private_file(target)
    # The live diary is opened as the app's own connections open it, reading through the same
    # write-ahead log; a file at rest is opened read-only, so that copying it cannot change it.
    reader = sqlite3.connect(source) if live else _open_read_only(source)
    try:
        writer = sqlite3.connect(target)
        try:
            reader.backup(writer)
            problem = _problems(writer)
        finally:
            writer.close()
    finally:
        reader.close()
    # The backup API may recreate the file with default permissions: tighten again.
    os.chmod(target, PRIVATE_FILE)
    if problem is not None:
        raise DataError(f"The copy {target.name} failed its check: {problem}")


def set_aside(path: Path, label: str) -> Path:
    """Move a database file (and its -wal and -shm) aside under a dated name; never deletes."""
    stamp = datetime.now(UTC).strftime(_ASIDE_STAMP)
    moved = path.with_name(f"{path.stem}-{label}-{stamp}{path.suffix}")
    path.rename(moved)
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            side.rename(moved.with_name(moved.name + suffix))
    return moved


def put_in_place(source: Path, path: Path) -> Path | None:
    """Copy the database at source to path, first setting aside the file there; returns where."""
    replaced = set_aside(path, "replaced") if path.exists() else None
    make_private_dir(path.parent)
    copy_database(source, path)
    return replaced


def backup_name(stem: str, taken_at: datetime, reason: str) -> str:
    """The file name of a backup of the database named stem, taken at an aware instant."""
    if not re.fullmatch(_REASON, reason):
        # A name that read_backup_name cannot read would never be rotated nor offered back.
        raise ValueError(f"a backup reason has only letters, digits, '_', '.' and '-': {reason!r}")
    return f"{stem}-{taken_at.astimezone(UTC).strftime(_STAMP)}-{reason}.sqlite3"


def read_backup_name(name: str) -> tuple[datetime, str] | None:
    """When (aware, UTC) and why a backup was taken, from its file name; None for other files."""
    match = _BACKUP_NAME.match(name)
    if match is None:
        return None
    return datetime.strptime(match["stamp"], _STAMP).replace(tzinfo=UTC), match["reason"]
