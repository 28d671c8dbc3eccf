"""Private files written whole or not at all: a temporary file beside each, fsynced, then renamed.

The temporary file is created 0600 in the target's own folder (a rename is atomic only within
one file system), so a kill, a full disk or a failed write leaves the previous file as it was;
a failure removes the temporary file again.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

from spasticity_tracker.domain.errors import TrackerError, os_reason

TEMPORARY_SUFFIX = ".partial"
FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC), errno.EFBIG}
REFUSED = {errno.EACCES, errno.EPERM, errno.EROFS}


class FileWriteError(TrackerError):
    """A file could not be written; the file that was there before is unchanged."""


def reason(error: OSError) -> str:
    """Why a write failed, in words: 'the disk is full', 'permission denied', ..."""
    return os_reason(error)


def check_target(path: Path) -> None:
    """Raises FileWriteError unless path can name a new file: not a folder, in a folder there."""
    if path.is_dir():
        raise FileWriteError(
            f"{path} is a folder: give the file to write, such as {path / 'summary.pdf'}"
        )
    if not path.parent.exists():
        raise FileWriteError(f"cannot write {path}: the folder {path.parent} does not exist")
    if not path.parent.is_dir():
        raise FileWriteError(f"cannot write {path}: {path.parent} is not a folder")


def _temporary(path: Path) -> Path:
    """A new empty file beside path, readable only by its owner from the start."""
    descriptor, name = tempfile.mkstemp(
        prefix=f".{path.name}.", suffix=TEMPORARY_SUFFIX, dir=path.parent
    )
    os.close(descriptor)
    return Path(name)


def _sync(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _sync_folder(folder: Path) -> None:
    """Make the renames in a folder durable (POSIX); best effort where folders cannot be synced."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        _sync(folder)


@contextlib.contextmanager
def replaced_whole(path: Path) -> Iterator[Path]:
    """A private temporary file beside path, to write in the block; it then replaces path.

    If the block raises, or the file cannot be synced or renamed, the temporary file is
    removed and path is left as it was; an OSError becomes a FileWriteError saying why.
    """
    try:
        temporary = _temporary(path)
    except OSError as error:
        raise FileWriteError(f"cannot write {path}: {reason(error)}") from None
    try:
        yield temporary
        _sync(temporary)
        os.replace(temporary, path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise FileWriteError(f"cannot write {path}: {reason(error)}") from None
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    _sync_folder(path.parent)


def write_whole(files: Sequence[tuple[Path, bytes]]) -> None:
    """Write several files whole or not at all: renamed into place only once all are written.

    Raises FileWriteError naming the file and the reason; every file is then as it was.
    """
    temporaries: list[Path] = []
    current = files[0][0] if files else Path()
    try:
        for current, data in files:
            temporary = _temporary(current)
            temporaries.append(temporary)
            with temporary.open("wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        for (current, _), temporary in zip(files, temporaries, strict=True):
            os.replace(temporary, current)
    except OSError as error:
        for temporary in temporaries:
            temporary.unlink(missing_ok=True)
        raise FileWriteError(f"cannot write {current}: {reason(error)}") from None
    except BaseException:
        for temporary in temporaries:
            temporary.unlink(missing_ok=True)
        raise
    for folder in {path.parent for path, _ in files}:
        _sync_folder(folder)
