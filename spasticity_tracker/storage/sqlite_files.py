"""SQLite files on disk: private folders and files, verified copies, checks, names and probes."""

from __future__ import annotations

import errno
import os
import re
import sqlite3
import stat
from collections.abc import Iterator
from contextlib import closing, contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path

from spasticity_tracker.domain.errors import CannotWriteError, DataError, WriteProblem

PRIVATE_FILE = stat.S_IRUSR | stat.S_IWUSR  # 0600
PRIVATE_DIR = stat.S_IRWXU  # 0700
# A save needs a few pages of log and the 32 KiB shared-memory file: when this much cannot be
# written, nothing can be saved.
PROBE_BYTES = 64 * 1024
SIDE_SUFFIXES = ("-wal", "-shm", "-journal")
EMPTY_FILE = "the file is empty: 0 bytes"

_STAMP = "%Y%m%dT%H%M%S%fZ"
_ASIDE_STAMP = "%Y%m%dT%H%M%SZ"
_REASON = r"[\w.-]+"
_BACKUP_NAME = re.compile(
    rf"^(?P<stem>.+)-(?P<stamp>\d{{8}}T\d{{12}}Z)-(?P<reason>{_REASON})\.sqlite3$"
)
_PROBLEM_OF_ERRNO = {
    errno.ENOSPC: WriteProblem.DISK_FULL,
    errno.EDQUOT: WriteProblem.DISK_FULL,
    errno.EROFS: WriteProblem.READ_ONLY,
    errno.EACCES: WriteProblem.NOT_ALLOWED,
    errno.EPERM: WriteProblem.NOT_ALLOWED,
}
_SQLITE_FULL = 13


# -- folders and files -----------------------------------------------------------------------


def make_private_dir(path: Path) -> Path:
    """Create a folder, and each missing parent, readable only by its owner (0700).

    A folder that exists already keeps its mode: it may be shared on purpose (a 1777 folder),
    and what the app writes in it is private anyway (0600).
    """
    missing = []
    for folder in (path, *path.parents):
        if folder.exists():
            break
        missing.append(folder)
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=PRIVATE_DIR)
        except FileExistsError:  # made meanwhile by someone else: theirs, left as it is
            continue
        os.chmod(folder, PRIVATE_DIR)  # whatever the umask
    return path


def make_private_file(path: Path) -> None:
    """Create the file if missing, and make it readable and writable only by its owner."""
    fd = os.open(path, os.O_CREAT | os.O_WRONLY, PRIVATE_FILE)
    os.close(fd)
    os.chmod(path, PRIVATE_FILE)


def problem_of(error: BaseException) -> WriteProblem | None:
    """The write problem an OS or SQLite error stands for (None for any other error)."""
    if isinstance(error, OSError):
        return _PROBLEM_OF_ERRNO.get(error.errno or 0)
    if isinstance(error, sqlite3.Error):
        code = getattr(error, "sqlite_errorcode", 0) & 0xFF
        return WriteProblem.DISK_FULL if code == _SQLITE_FULL else None
    return None


def write_problem(folder: Path, room: int = PROBE_BYTES) -> WriteProblem | None:
    """Why `room` bytes cannot be written in folder (None when they can); leaves nothing."""
    probe = folder / f".write-probe-{os.getpid()}"
    try:
        fd = os.open(probe, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_FILE)
    except OSError as error:
        return problem_of(error) or WriteProblem.NOT_ALLOWED
    try:
        block = b"\0" * 4096
        for _ in range(room // len(block)):
            os.write(fd, block)
        os.fsync(fd)
    except OSError as error:
        return problem_of(error) or WriteProblem.DISK_FULL
    finally:
        os.close(fd)
        probe.unlink()
    return None


def sync_folder(folder: Path) -> None:
    """Make a rename or a new file in folder survive a power cut (where the system allows)."""
    with suppress(OSError):  # some systems cannot open or sync a folder
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def remove_database(path: Path) -> None:
    """Delete a file the app itself made and must not keep (a failed copy), with its side files."""
    for each in (path, *(path.with_name(path.name + s) for s in SIDE_SUFFIXES)):
        with suppress(FileNotFoundError):
            each.unlink()


def has_unmerged_log(path: Path) -> bool:
    """Whether saved changes still wait in the file's write-ahead log."""
    log = path.with_name(path.name + "-wal")
    return log.exists() and log.stat().st_size > 0


# -- reading ---------------------------------------------------------------------------------


def reading_uri(path: Path) -> str:
    """A URI that opens the database at path read-only, even where nothing can be written.

    In write-ahead-log mode SQLite needs a shared-memory file beside the database. Where that
    cannot be made (a read-only folder, a full disk) the file is read as immutable: exact when
    no saved change waits in its log, which is then checked to be empty.
    """
    # as_uri() percent-encodes the path: a '#', '?' or '%' in a folder name would otherwise be
    # read as URI syntax, and SQLite would open (creating it) another, empty file.
    plain = f"{path.absolute().as_uri()}?mode=ro"
    try:
        with closing(sqlite3.connect(plain, uri=True)) as connection:
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error:
        if path.is_file() and not has_unmerged_log(path):
            return f"{plain}&immutable=1"
    return plain


@contextmanager
def reading(path: Path) -> Iterator[sqlite3.Connection]:
    """A read-only connection to the database at path, closed at the end of the block."""
    connection = sqlite3.connect(reading_uri(path), uri=True, isolation_level=None)
    try:
        yield connection
    finally:
        connection.close()


def _problems(connection: sqlite3.Connection) -> str | None:
    try:
        rows = connection.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as error:  # a damaged page can stop the check itself
        return str(error)
    problems = [row[0] for row in rows if row[0] != "ok"]
    return "; ".join(problems[:5]) if problems else None


def quick_check(path: Path) -> str | None:
    """None when the file passes SQLite's quick check, else what is wrong, in words.

    An empty file fails: SQLite reads 0 bytes as a new, empty database, but a diary file
    of 0 bytes is one whose writing failed.
    """
    if path.is_file() and path.stat().st_size == 0:
        return EMPTY_FILE
    try:
        connection = sqlite3.connect(reading_uri(path), uri=True)
    except sqlite3.DatabaseError as error:
        return str(error)
    try:
        return _problems(connection)
    finally:
        connection.close()


def table_counts(source: Path | sqlite3.Connection) -> dict[str, int]:
    """The number of rows in each table of a database (a file, or an open connection)."""
    if isinstance(source, Path):
        with reading(source) as connection:
            return table_counts(connection)
    names = [
        name
        for (name,) in source.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY name"
        )
    ]
    return {
        name: source.execute(f"SELECT count(*) FROM {_quoted(name)}").fetchone()[0]
        for name in names
    }


def _quoted(name: str) -> str:
    """An SQL identifier in double quotes (a table named by the file itself)."""
    doubled = name.replace('"', '""')
    return '"' + doubled + '"'


def verify_copy(target: Path, counts: dict[str, int]) -> None:
    """Raise DataError unless the copy at target is whole: not empty, checked, rows counted."""
    if target.stat().st_size == 0:
        raise DataError(f"The copy {target.name} is empty: 0 bytes.")
    problem = quick_check(target)
    if problem is not None:
        raise DataError(f"The copy {target.name} failed its check: {problem}")
    copied = table_counts(target)
    for table in sorted(set(counts) | set(copied)):
        if copied.get(table) != counts.get(table):
            raise DataError(
                f"The copy {target.name} does not hold what it was copied from ({table}: "
                f"{copied.get(table, 0)} rows instead of {counts.get(table, 0)})."
            )


# -- copies ----------------------------------------------------------------------------------


def copy_database(source: Path, target: Path, *, live: bool = False) -> None:
    """Copy the database at source into a new private file at target with the backup API.

    The copy is verified (not empty, quick check, the same rows in every table as the source
    held when it was copied) and is one self-contained file (rollback journal, no log). A copy
    that fails anywhere is deleted: never is a 0-byte or partial file left.
    """
    try:
        make_private_file(target)
        # The live diary is opened as the app's own connections open it, reading through the
        # same write-ahead log; a file at rest is opened read-only, so that copying it cannot
        # change it.
        if live:
            reader = sqlite3.connect(source, isolation_level=None)
        else:
            reader = sqlite3.connect(reading_uri(source), uri=True, isolation_level=None)
        try:
            # One read transaction: the rows counted are the rows copied.
            reader.execute("BEGIN")
            counts = table_counts(reader)
            with closing(sqlite3.connect(target)) as writer:
                reader.backup(writer)
                # Out of write-ahead-log mode: a backup is one file that can be read anywhere,
                # a read-only folder or stick included, without making files beside it.
                writer.execute("PRAGMA journal_mode=DELETE").fetchone()
            reader.execute("ROLLBACK")
        finally:
            reader.close()
        # The backup API may recreate the file with default permissions: tighten again.
        os.chmod(target, PRIVATE_FILE)
        verify_copy(target, counts)
    except (OSError, sqlite3.Error) as error:
        remove_database(target)
        problem = problem_of(error)
        if problem is None:
            raise DataError(f"The copy {target.name} could not be made: {error}") from None
        raise CannotWriteError(
            f"The copy could not be written because {problem.value}; nothing of it was kept.",
            problem,
        ) from None
    except DataError:
        remove_database(target)
        raise


def _aside_path(path: Path, label: str) -> Path:
    stamp = datetime.now(UTC).strftime(_ASIDE_STAMP)
    moved = path.with_name(f"{path.stem}-{label}-{stamp}{path.suffix}")
    number = 2
    while moved.exists():  # two in one second: never overwrite one set aside before
        moved = path.with_name(f"{path.stem}-{label}-{stamp}-{number}{path.suffix}")
        number += 1
    return moved


def _move_side_files(path: Path, moved: Path) -> None:
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            side.rename(moved.with_name(moved.name + suffix))


def set_aside(path: Path, label: str) -> Path:
    """Move a database file (and its -wal and -shm) aside under a dated name; never deletes."""
    moved = _aside_path(path, label)
    path.rename(moved)
    _move_side_files(path, moved)
    return moved


def put_in_place(source: Path, path: Path, label: str = "replaced") -> Path | None:
    """Copy the database at source to path, setting aside the file there; returns where it went.

    The copy is made and verified beside the file first: if it fails (a full disk), the file
    at path is left exactly as it was. The file replaced keeps its name until the new one takes
    it, wherever the system can link a file under a second name.
    """
    make_private_dir(path.parent)
    staged = path.with_name(path.name + ".restoring")
    remove_database(staged)  # the app's own, left by an interrupted restore
    copy_database(source, staged)
    replaced = _aside_path(path, label) if path.exists() else None
    try:
        if replaced is not None:
            try:
                os.link(path, replaced)
            except OSError:  # no hard links here (FAT, some network drives): a plain rename
                path.rename(replaced)
            # The log of the file replaced must never be read as the new file's log.
            _move_side_files(path, replaced)
        os.replace(staged, path)
    except OSError as error:
        remove_database(staged)
        if replaced is not None and replaced.exists():
            if path.exists():
                replaced.unlink()  # only a second name of the file still in place
            else:
                replaced.rename(path)
            _move_side_files(replaced, path)
        problem = problem_of(error) or WriteProblem.NOT_ALLOWED
        raise CannotWriteError(
            f"The diary could not be replaced because {problem.value}; nothing was changed.",
            problem,
        ) from None
    sync_folder(path.parent)
    return replaced


# -- names -----------------------------------------------------------------------------------


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
