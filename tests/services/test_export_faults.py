"""Exports and the summary PDF are written whole or not at all: full disks, kills, wrong paths."""

from __future__ import annotations

import os
import random
import shutil
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date, datetime
from datetime import time as clock_time
from pathlib import Path

import pytest

from spasticity_tracker import cli, paths
from spasticity_tracker.domain.entities import SymptomEntry
from spasticity_tracker.domain.errors import TrackerError
from spasticity_tracker.services.demo import DemoService
from spasticity_tracker.services.diary import DiaryService
from spasticity_tracker.services.people import PeopleService
from spasticity_tracker.services.transfer import TransferService
from spasticity_tracker.storage.database import Database
from tests.conftest import fixed_clock
from tests.mounts import fill
from tests.mounts import small_disk as mounted_disk

PERSON = "Pat"
RUN_LIMIT = 120.0  # seconds for one command; a slow machine takes far less


def make_diary(folder: Path, years: float, clock: object = fixed_clock) -> Path:
    """A data folder holding Pat's example diary of some years."""
    database = Database.open(paths.database_path(folder))
    try:
        DemoService(database, clock).create_demo_person(PERSON, years=years)  # type: ignore[arg-type]
    finally:
        database.close()
    return folder


def add_entry(folder: Path, note: str) -> None:
    """One more entry, so that the next export differs from the last."""
    database = Database.open(paths.database_path(folder))
    try:
        person = PeopleService(database, fixed_clock).find_person(PERSON)
        assert person is not None
        assert person.id is not None
        DiaryService(database, fixed_clock).log_entry(
            SymptomEntry(
                person_id=person.id,
                recorded_at=datetime.combine(date(2026, 3, 1), clock_time(6, 1)).astimezone(),
                stiffness=3,
                note=note,
            )
        )
    finally:
        database.close()


def export(folder: Path, out: Path) -> list[Path]:
    database = Database.open(paths.database_path(folder))
    try:
        return TransferService(database, fixed_clock).export(out)
    finally:
        database.close()


def contents(folder: Path) -> dict[str, bytes]:
    """Every file in a folder (hidden ones too), by name."""
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


@pytest.fixture(scope="module")
def half_year(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder with half a year of Pat's diary (copy it before changing it)."""
    return make_diary(tmp_path_factory.mktemp("half-year") / "data", 0.5)


@pytest.fixture
def diary_folder(half_year: Path, tmp_path: Path) -> Path:
    """A copy of the half-year diary, to change."""
    return Path(shutil.copytree(half_year, tmp_path / "data"))


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 2 MiB tmpfs, mounted for the test and unmounted after it."""
    with mounted_disk(tmp_path / "disk", 2048) as disk:
        yield disk


# --- a full disk -------------------------------------------------------------------------------


def test_an_export_onto_a_full_disk_is_an_error_and_the_previous_one_stays_whole(
    diary_folder: Path, small_disk: Path
) -> None:
    out = small_disk / "export"
    export(diary_folder, out)
    previous = contents(out)
    add_entry(diary_folder, "a longer diary " * 50)
    fill(small_disk)
    with pytest.raises(TrackerError) as error:
        export(diary_folder, out)
    assert "full" in str(error.value)
    assert contents(out) == previous  # not truncated, not emptied, nothing left beside them


def test_a_first_export_onto_a_full_disk_leaves_no_file(
    diary_folder: Path, small_disk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = small_disk / "export"
    out.mkdir()
    fill(small_disk)
    assert cli.main(["--data-dir", str(diary_folder), "export", str(out)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    [line] = captured.err.splitlines()
    assert line.startswith("error: ")
    assert "full" in line
    assert list(out.iterdir()) == []


# --- killed at random moments ------------------------------------------------------------------


@pytest.fixture(scope="module")
def five_years(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes], Path]:
    """Pat's five-year diary exported once, then changed: the folder, the old export, the new."""
    base = tmp_path_factory.mktemp("five-years")
    folder = make_diary(base / "data", 5.0)
    export(folder, base / "previous")
    add_entry(folder, "after the first export")
    export(folder, base / "new")
    return folder, contents(base / "previous"), base / "new"


def export_command(folder: Path, out: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "spasticity_tracker",
        "--data-dir",
        str(folder),
        "export",
        str(out),
    ]


def state(out: Path) -> list[tuple[str, int, int]]:
    """What the folder looks like now: names, sizes and change times."""
    found = []
    for entry in os.scandir(out):
        try:
            status = entry.stat()
        except FileNotFoundError:
            continue  # renamed meanwhile
        found.append((entry.name, status.st_size, status.st_mtime_ns))
    return sorted(found)


@pytest.mark.parametrize(
    ("when", "seed"),
    [
        pytest.param("change", 1, id="at-the-first-change-in-the-folder"),
        pytest.param("change", 2, id="at-the-second-change"),
        pytest.param("change", 3, id="at-the-third-change"),
        pytest.param("random", 5, id="at-a-random-time"),
    ],
)
def test_a_killed_export_leaves_every_previous_file_whole(
    five_years: tuple[Path, dict[str, bytes], Path], tmp_path: Path, when: str, seed: int
) -> None:
    folder, previous, new_export = five_years
    new = contents(new_export)
    out = tmp_path / "out"
    out.mkdir()
    for name, data in previous.items():
        (out / name).write_bytes(data)
        (out / name).chmod(0o600)
    delay = random.Random(seed).uniform(0.5, 5.0)
    changes = seed  # "change": killed as soon as the folder has changed this many times
    seen = state(out)
    start = time.monotonic()
    with subprocess.Popen(
        export_command(folder, out),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        umask=0,  # a temporary file must be private from the start, whatever the umask
    ) as process:
        # Polled without sleeping: a file being written is caught within a fraction of a ms.
        while time.monotonic() - start < RUN_LIMIT and process.poll() is None:
            if when == "random" and time.monotonic() - start >= delay:
                break
            if when == "change" and (now := state(out)) != seen:
                seen = now
                changes -= 1
                if not changes:
                    break
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=60)
    for name in previous:
        assert (out / name).read_bytes() in (previous[name], new[name]), name
    for path in out.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name
        if path.name not in previous:
            assert path.name.startswith("."), f"a left-over file that is not hidden: {path.name}"
    again = subprocess.run(
        export_command(folder, out), capture_output=True, text=True, timeout=RUN_LIMIT, check=False
    )
    assert again.returncode == 0, again.stderr
    for name in previous:
        assert (out / name).read_bytes() == new[name], name


# --- the summary's output file -----------------------------------------------------------------


@pytest.fixture(scope="module")
def recent_diary(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder with Pat's diary of the last half year, up to today (the real clock)."""
    from spasticity_tracker.services.base import system_clock

    return make_diary(tmp_path_factory.mktemp("recent") / "data", 0.5, system_clock)


def summary(folder: Path, output: Path) -> subprocess.CompletedProcess[str]:
    """The summary command, in a child process: its whole output is seen."""
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "spasticity_tracker",
            "--data-dir",
            str(folder),
            "summary",
            "--person",
            PERSON,
            "--output",
            str(output),
        ],
        capture_output=True,
        text=True,
        timeout=RUN_LIMIT,
        check=False,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )


def is_whole_pdf(data: bytes) -> bool:
    return data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")


def test_a_summary_into_an_existing_folder_writes_the_file_and_leaves_the_folder_as_it_was(
    recent_diary: Path, tmp_path: Path
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o755)
    done = summary(recent_diary, shared / "summary.pdf")
    assert done.returncode == 0, done.stderr
    assert stat.S_IMODE(shared.stat().st_mode) == 0o755
    assert [path.name for path in shared.iterdir()] == ["summary.pdf"]
    assert stat.S_IMODE((shared / "summary.pdf").stat().st_mode) == 0o600
    assert is_whole_pdf((shared / "summary.pdf").read_bytes())


def test_a_summary_aimed_at_a_folder_is_a_clear_error_before_any_painting(
    recent_diary: Path, tmp_path: Path
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o755)
    done = summary(recent_diary, shared)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        f"error: {shared} is a folder: give the file to write, such as {shared / 'summary.pdf'}"
    ]
    assert stat.S_IMODE(shared.stat().st_mode) == 0o755
    assert list(shared.iterdir()) == []


def test_a_summary_into_a_missing_folder_is_a_clear_error_before_any_painting(
    recent_diary: Path, tmp_path: Path
) -> None:
    target = tmp_path / "missing" / "summary.pdf"
    done = summary(recent_diary, target)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        f"error: cannot write {target}: the folder {target.parent} does not exist"
    ]
    assert not target.parent.exists()


def test_a_summary_onto_a_full_disk_is_an_error_and_leaves_the_previous_pdf_whole(
    recent_diary: Path, small_disk: Path
) -> None:
    target = small_disk / "summary.pdf"
    first = summary(recent_diary, target)
    assert first.returncode == 0, first.stderr
    previous = target.read_bytes()
    fill(small_disk)
    done = summary(recent_diary, target)
    assert done.returncode == 1
    [line] = done.stderr.splitlines()
    assert line.startswith("error: ")
    assert "full" in line
    assert target.read_bytes() == previous
    assert sorted(path.name for path in small_disk.iterdir()) == ["filler", "summary.pdf"]


def test_a_first_summary_onto_a_full_disk_leaves_no_file(
    recent_diary: Path, small_disk: Path
) -> None:
    fill(small_disk)
    done = summary(recent_diary, small_disk / "summary.pdf")
    assert done.returncode == 1
    assert "full" in done.stderr
    assert "Traceback" not in done.stderr
    assert [path.name for path in small_disk.iterdir()] == ["filler"]
