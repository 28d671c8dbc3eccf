"""Where the data, backups and bundled resources live."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import platformdirs

APP_DIRNAME = "spasticity-tracker"
DATA_DIR_ENV = "SPASTICITY_TRACKER_DATA_DIR"
DB_FILENAME = "spasticity-tracker.sqlite3"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The data folder: --data-dir, else $SPASTICITY_TRACKER_DATA_DIR, else the user's data dir."""
    if override:
        return Path(override).expanduser().absolute()
    from_env = os.environ.get(DATA_DIR_ENV, "").strip()
    if from_env:
        return Path(from_env).expanduser().absolute()
    return Path(platformdirs.user_data_dir(APP_DIRNAME, appauthor=False))


def database_path(folder: Path) -> Path:
    """The diary database inside a data folder."""
    return folder / DB_FILENAME


# Others may list the folder's files, or add, rename and remove them.
_OPEN_BITS = stat.S_IRGRP | stat.S_IWGRP | stat.S_IROTH | stat.S_IWOTH


def open_to_others(folder: Path) -> int | None:
    """The folder's mode when other users may read or change it (None when private or absent).

    The app makes its data folder 0700 but never changes the mode of a folder that exists:
    it may be shared on purpose. The user is told instead.
    """
    try:
        mode = stat.S_IMODE(folder.stat().st_mode)
    except OSError:
        return None
    return mode if mode & _OPEN_BITS else None


def resources_dir() -> Path:
    """Bundled icons, stylesheets and example data (inside a frozen build too)."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    packaged = Path(__file__).with_name("resources")
    if packaged.is_dir():  # installed wheel
        return packaged
    return Path(__file__).resolve().parent.parent / "resources"  # source checkout


USER_GUIDE = "user-guide.md"


def user_guide() -> Path | None:
    """The user guide for patients and carers that Help shows (None if it is missing)."""
    guide = resources_dir() / USER_GUIDE
    return guide if guide.is_file() else None
