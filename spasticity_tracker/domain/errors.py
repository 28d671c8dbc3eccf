"""The errors the app explains to the user; every one is a TrackerError with a plain message."""

from __future__ import annotations

import errno
from enum import Enum


class TrackerError(Exception):
    """A problem to show the user as it is: the message is written for them."""


class ValidationError(TrackerError, ValueError):
    """A value outside what a field allows; the message names the field, the value and the rule."""

    def __init__(self, field: str, value: object, allowed: str, *, message: str | None = None):
        self.field = field
        self.value = value
        self.allowed = allowed
        super().__init__(message or f"{field} must be {allowed} (got {_shown(value)})")


class NotFoundError(TrackerError):
    """A record asked for is not there (deleted meanwhile, or never saved)."""


class ConflictError(TrackerError):
    """A change clashes with what is stored (a duplicate, or a record still in use)."""


class NotAllowedError(TrackerError):
    """The login may read this diary but not change it (a shared diary shared read-only)."""


class ClashError(ConflictError):
    """A record was changed by someone else since it was read; the message shows both."""


class DataError(TrackerError):
    """The data file cannot be used as it is (damaged, or a failed upgrade)."""


class NewerSchemaError(DataError):
    """The data file was written by a newer version of the app; it is never downgraded."""


class WriteProblem(Enum):
    """Why nothing can be written in the data folder; each value ends "... : <value>"."""

    DISK_FULL = "the disk is full"
    READ_ONLY = "the disk or folder is read-only"
    NOT_ALLOWED = "you are not allowed to write there"


class CannotWriteError(DataError):
    """The data folder refuses writing (a full disk, read-only, no permission); reading may work."""

    def __init__(self, message: str, problem: WriteProblem):
        super().__init__(message)
        self.problem = problem


def _shown(value: object) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, str):
        return repr(value) if value.strip() else "an empty text"
    return str(value)


# The system's own words for an error (strerror) follow the process locale, which Qt sets from
# the system: a German system would say "Datei oder Verzeichnis nicht gefunden" in an English
# app. The common ones are worded here; any other is named by its code.
_OS_REASONS = {
    errno.ENOENT: "it does not exist",
    errno.EISDIR: "it is a folder",
    errno.ENOTDIR: "a part of the path is not a folder",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EROFS: "the disk is read-only",
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk is full",
    errno.EFBIG: "the disk is full",
    errno.EEXIST: "it exists already",
    errno.EBUSY: "it is in use",
    errno.EIO: "the disk could not be read or written",
}


def os_reason(error: OSError) -> str:
    """Why a file operation failed, in English whatever the system's language."""
    if error.errno in _OS_REASONS:
        return _OS_REASONS[error.errno]
    code = errno.errorcode.get(error.errno or 0)
    return f"system error {code}" if code else "an unknown system error"
