"""One writer per data folder: a QLockFile that a second app (or command) cannot take."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLockFile

# A command that takes the lock imports Qt here, then the services it runs: the render package
# makes PySide6's check read their sources without keeping them (render/pyside_feature.py).
import spasticity_tracker.render  # noqa: F401
from spasticity_tracker.domain.errors import CannotWriteError, DataError, os_reason
from spasticity_tracker.storage.sqlite_files import make_private_dir, problem_of, write_problem

LOCK_NAME = "spasticity-tracker.lock"


class DataFolderLock:
    """Held while the app or a writing command uses a data folder."""

    def __init__(self, folder: Path):
        self.folder = folder
        self._lock = QLockFile(str(folder / LOCK_NAME))
        # Never treat a lock as stale by age: only when its process is gone (QLockFile checks).
        self._lock.setStaleLockTime(0)

    def acquire(self) -> None:
        """Take the lock, or raise DataError saying who holds it or why it cannot be taken.

        CannotWriteError (a DataError) says why nothing can be written in the folder: a full
        disk, a read-only folder; the diary may then still be read.
        """
        try:
            make_private_dir(self.folder)  # a folder made here is 0700; one that exists is kept
        except OSError as error:
            problem = problem_of(error)
            if problem is None:
                raise DataError(
                    f"The data folder {self.folder} cannot be made: {os_reason(error)}. Choose a "
                    "folder you may write to (--data-dir)."
                ) from None
            raise CannotWriteError(
                f"The data folder {self.folder} cannot be made: {problem.value}.", problem
            ) from None
        if self._lock.tryLock(0):
            return
        if self._lock.error() == QLockFile.LockError.LockFailedError:
            info = self._lock.getLockInfo()  # (pid, host, app) when it can be read
            who = f" (process {info[0]} on {info[1]})" if info and len(info) >= 2 else ""
            raise DataError(
                f"The diary in {self.folder} is open in another Spasticity Tracker{who}. "
                "Close that one first; nothing here has been changed."
            )
        problem = write_problem(self.folder)
        if problem is not None:
            raise CannotWriteError(
                f"The diary in {self.folder} cannot be changed: {problem.value}. Nothing was "
                "written.",
                problem,
            )
        raise DataError(
            f"The data folder {self.folder} cannot be written (the lock file could not be "
            "made). Check that the folder exists and that you may write to it."
        )

    def release(self) -> None:
        self._lock.unlock()
