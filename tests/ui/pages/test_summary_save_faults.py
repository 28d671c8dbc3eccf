"""Save as PDF on the Summary page: a folder, a missing folder or a full disk is said plainly."""

from __future__ import annotations

import stat
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest

from spasticity_tracker.domain.entities import Person, SymptomEntry
from spasticity_tracker.services.diary import DiaryService
from spasticity_tracker.ui.main_window import MainWindow
from tests.mounts import fill
from tests.mounts import small_disk as mounted_disk


@pytest.fixture
def page_ready(window: MainWindow, diary: DiaryService, person: Person) -> MainWindow:
    """The window on the Summary page, with a month of Alex's entries up to the fixed today."""
    assert person.id is not None
    for days_ago in range(30):
        day = date(2026, 3, 15) - timedelta(days=days_ago)
        diary.log_entry(
            SymptomEntry(
                person_id=person.id,
                recorded_at=datetime.combine(day, time(9)).astimezone(),
                stiffness=5,
            )
        )
    window.show_page(4)
    return window


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 2 MiB tmpfs, mounted for the test and unmounted after it."""
    with mounted_disk(tmp_path / "disk", 2048) as disk:
        yield disk


def test_saving_onto_a_folder_says_so_and_changes_nothing(
    page_ready: MainWindow, tmp_path: Path
) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(0o755)
    assert page_ready.summary.save_pdf(folder) is None
    assert page_ready.summary.message._label.text() == (
        f"Problem: {folder} is a folder: give the file to write, such as {folder / 'summary.pdf'}"
    )
    assert stat.S_IMODE(folder.stat().st_mode) == 0o755
    assert list(folder.iterdir()) == []


def test_saving_into_a_missing_folder_says_so(page_ready: MainWindow, tmp_path: Path) -> None:
    target = tmp_path / "missing" / "summary.pdf"
    assert page_ready.summary.save_pdf(target) is None
    assert page_ready.summary.message._label.text() == (
        f"Problem: cannot write {target}: the folder {target.parent} does not exist"
    )


def test_saving_onto_a_full_disk_says_so_and_keeps_the_previous_file(
    page_ready: MainWindow, small_disk: Path
) -> None:
    target = small_disk / "summary.pdf"
    assert page_ready.summary.save_pdf(target)
    previous = target.read_bytes()
    fill(small_disk)
    assert page_ready.summary.save_pdf(target) is None
    assert "full" in page_ready.summary.message._label.text()
    assert target.read_bytes() == previous
    assert sorted(path.name for path in small_disk.iterdir()) == ["filler", "summary.pdf"]
