"""Real disks for fault tests: a small tmpfs that fills up, and read-only bind mounts."""

from __future__ import annotations

import errno
import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest

CHUNK = 4096


def require_root() -> None:
    """Only root may mount: CI runs the tests as root, and fails here if it does not.

    Elsewhere (a developer's own account) these tests are skipped, saying why.
    """
    if os.geteuid() == 0:
        return
    why = "mounting a small tmpfs or a read-only bind mount needs root"
    if os.environ.get("CI"):
        pytest.fail(f"{why}: CI must run the tests as root, or these checks would not run")
    pytest.skip(why)


def _mount(*args: str) -> None:
    result = subprocess.run(["mount", *args], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        # As root a refusal is a broken machine, not a reason to pass without testing.
        pytest.fail(f"`mount {' '.join(args)}` was refused: {result.stderr.strip()}")


def _unmount(target: Path) -> None:
    result = subprocess.run(["umount", str(target)], capture_output=True, check=False)
    if result.returncode != 0:  # something still open in it: detach it anyway
        subprocess.run(["umount", "-l", str(target)], capture_output=True, check=False)


@contextmanager
def small_disk(folder: Path, size_kib: int) -> Iterator[Path]:
    """A tmpfs of size_kib KiB mounted on folder (made if missing) until the block ends."""
    require_root()
    folder.mkdir(parents=True, exist_ok=True)
    _mount("-t", "tmpfs", "-o", f"size={size_kib}k,mode=0755", "tmpfs", str(folder))
    try:
        yield folder
    finally:
        _unmount(folder)


@contextmanager
def read_only_view(source: Path, target: Path) -> Iterator[Path]:
    """source bind-mounted read-only on target (made if missing) until the block ends."""
    require_root()
    target.mkdir(parents=True, exist_ok=True)
    _mount("--bind", str(source), str(target))
    try:
        _mount("-o", "remount,bind,ro", str(target))
        yield target
    finally:
        _unmount(target)


def free_bytes(folder: Path) -> int:
    found = os.statvfs(folder)
    return found.f_bavail * found.f_frsize


def fill(disk: Path, leave: int = 0) -> Path:
    """Write a filler file on disk until only about `leave` bytes are free; returns it."""
    filler = disk / "filler"
    with filler.open("ab") as out:
        while free_bytes(disk) > leave:
            step = min(1 << 20, max(CHUNK, free_bytes(disk) - leave))
            try:
                out.write(b"\0" * step)
                out.flush()
            except OSError as error:
                if error.errno != errno.ENOSPC:
                    raise
                break
    # Whatever is left is less than `leave` plus a page: check that the disk really is that full.
    assert free_bytes(disk) <= leave + CHUNK, free_bytes(disk)
    return filler


def make_room(filler: Path) -> None:
    """Free the space the filler took."""
    with suppress(FileNotFoundError):
        filler.unlink()
