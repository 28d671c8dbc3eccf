"""Start-up and commands on bad disks: full, read-only, empty or damaged diaries, shared folders."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from spasticity_tracker import cli, paths
from spasticity_tracker.app import Opened, make_window, open_diary
from spasticity_tracker.domain.entities import Person
from spasticity_tracker.domain.errors import DataError, WriteProblem
from spasticity_tracker.presentation.data_folder import RecoveryQuestion
from spasticity_tracker.storage.backups import backup_if_changed
from spasticity_tracker.storage.database import BACKUP_DIRNAME, Database
from spasticity_tracker.storage.sqlite_files import quick_check
from tests.mounts import fill, read_only_view, small_disk
from tests.storage.test_disk_faults import a_backup_name, backup_files, small_diary

START = "--benchmark-startup"  # quits at the first paint of the window
FULL_DISK_BANNER = (
    "The disk is full: the diary is open read-only; nothing can be saved until space is freed."
)


class Answers:
    """Stands in for the start-up dialogs: records what was asked and told, answers yes or no."""

    def __init__(self, restore: bool = True):
        self.restore = restore
        self.asked: list[RecoveryQuestion] = []
        self.told: list[str] = []

    def ask(self, question: RecoveryQuestion) -> bool:
        self.asked.append(question)
        return self.restore

    def tell(self, text: str) -> None:
        self.told.append(text)


@pytest.fixture
def answers() -> Answers:
    """Answers 'restore' to the recovery question, and records every message."""
    return Answers()


@pytest.fixture
def opened_ones() -> Iterator[list[Opened]]:
    """Diaries opened by a test, closed (and their locks released) at its end."""
    opened: list[Opened] = []
    yield opened
    for each in opened:
        each.close()


def start(folder: Path, answers: Answers, opened_ones: list[Opened]) -> Opened | None:
    opened = open_diary(folder, answers.ask, answers.tell)
    if opened is not None:
        opened_ones.append(opened)
    return opened


# -- a full disk -------------------------------------------------------------------------------


def test_the_app_starts_on_a_nearly_full_disk(tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk", 1024) as disk:
        folder = disk / "data"
        small_diary(folder, "Alex")
        fill(disk, leave=40 * 1024)
        result = subprocess.run(
            [sys.executable, "-m", "spasticity_tracker", "--data-dir", str(folder), START],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        )
        assert "Traceback" not in result.stderr, result.stderr
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == "shown"
        assert FULL_DISK_BANNER in result.stderr  # the banner, in the log too
        assert backup_files(folder) == []  # no 0-byte backup
        assert quick_check(paths.database_path(folder)) is None


def test_a_full_disk_opens_the_diary_read_only_with_a_banner(
    tmp_path: Path, qtbot: QtBot, answers: Answers, opened_ones: list[Opened]
) -> None:
    with small_disk(tmp_path / "disk", 1024) as disk:
        folder = disk / "data"
        small_diary(folder, "Alex")
        fill(disk)
        opened = start(folder, answers, opened_ones)
        assert opened is not None, answers.told
        assert opened.read_only is WriteProblem.DISK_FULL
        assert answers.told == []
        assert answers.asked == []
        window = make_window(opened, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
        qtbot.addWidget(window)
        assert window.notice.isVisibleTo(window)
        assert window.notice.text == "Problem: " + FULL_DISK_BANNER
        assert window.windowTitle() == "Spasticity Tracker (read-only)"
        qtbot.mouseClick(window.notice._close, Qt.MouseButton.LeftButton)
        assert not window.notice.isVisibleTo(window)
        assert window.windowTitle() == "Spasticity Tracker (read-only)"
        assert window.person_combo.currentText() == "Alex"
        with pytest.raises(DataError, match="the disk is full"):
            window._services.people.add_person(Person(name="Sam"))
        assert backup_files(folder) == []
        opened_ones.remove(opened)
        opened.close()


# -- a read-only folder ------------------------------------------------------------------------


def test_a_read_only_folder_is_opened_read_only_not_called_damaged(
    tmp_path: Path, answers: Answers, opened_ones: list[Opened]
) -> None:
    small_diary(tmp_path / "data", "Alex")
    with read_only_view(tmp_path / "data", tmp_path / "view") as view:
        opened = start(view, answers, opened_ones)
        assert opened is not None, answers.told
        assert (answers.asked, answers.told) == ([], [])
        assert opened.read_only is WriteProblem.READ_ONLY
        assert any("read-only" in notice for notice in opened.notices)
        assert not any("damaged" in notice for notice in opened.notices)
        opened_ones.remove(opened)
        opened.close()


def test_reading_commands_work_on_a_read_only_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    small_diary(tmp_path / "data", "Alex", entries=10)
    with read_only_view(tmp_path / "data", tmp_path / "view") as view:
        exported = tmp_path / "exported"
        assert cli.main(["--data-dir", str(view), "export", str(exported)]) == 0, (
            capsys.readouterr().err
        )
        assert any(p.suffix == ".csv" for p in exported.iterdir())
        pdf = tmp_path / "summary.pdf"
        period = ["--from", "2026-03-01", "--to", "2026-03-10"]
        code = cli.main(
            ["--data-dir", str(view), "summary", "--person", "Alex", *period, "--output", str(pdf)]
        )
        assert code == 0, capsys.readouterr().err
        assert pdf.read_bytes().startswith(b"%PDF-")


def test_a_writing_command_on_a_read_only_folder_says_read_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    small_diary(tmp_path / "data", "Alex")
    with read_only_view(tmp_path / "data", tmp_path / "view") as view:
        assert cli.main(["--data-dir", str(view), "demo", "--person", "B"]) == 1
    error = capsys.readouterr().err
    assert "read-only" in error
    assert "damaged" not in error
    assert "Traceback" not in error


# -- empty and damaged diaries -----------------------------------------------------------------


def test_an_empty_diary_is_offered_the_newest_good_backup_never_an_empty_one(
    tmp_path: Path, answers: Answers, opened_ones: list[Opened]
) -> None:
    folder = tmp_path / "data"
    path = small_diary(folder, "Alex", entries=3)
    database = Database.open(path)
    good = backup_if_changed(database)
    database.close()
    assert good is not None
    # What a full disk used to leave: a newer backup of 0 bytes.
    (folder / BACKUP_DIRNAME / a_backup_name(datetime.now(UTC))).write_bytes(b"")
    path.write_bytes(b"")
    opened = start(folder, answers, opened_ones)
    assert opened is not None, answers.told
    [question] = answers.asked
    assert "1 person and 3 entries" in question.text
    assert "empty" in question.details  # the empty backup is listed, and said to be empty
    with opened.database.unit_of_work() as uow:
        assert [p.name for p in uow.people.list_all()] == ["Alex"]
    [kept] = [p for p in folder.iterdir() if "damaged" in p.name]
    assert kept.read_bytes() == b""  # the empty file is kept aside, never deleted


@pytest.mark.parametrize("content", [b"", b"\x00damaged" * 512], ids=["empty-file", "damaged-file"])
def test_a_bad_diary_without_a_backup_is_explained_and_left_alone(
    tmp_path: Path, answers: Answers, opened_ones: list[Opened], content: bytes
) -> None:
    folder = tmp_path / "data"
    folder.mkdir(mode=0o700)
    path = paths.database_path(folder)
    path.write_bytes(content)
    assert start(folder, answers, opened_ones) is None
    assert answers.asked == []
    [message] = answers.told
    assert str(path) in message
    assert "has not been changed" in message
    assert "No good backup" in message
    assert "move the file out of the folder" in message  # what to do
    assert path.read_bytes() == content
    assert not (folder / BACKUP_DIRNAME).exists()  # the bad file was not backed up either


@pytest.mark.parametrize(
    "command",
    [
        ["summary", "--person", "A", "--output", "x.pdf"],
        ["export", "out"],
        ["demo", "--person", "A"],
    ],
)
def test_every_command_refuses_an_empty_diary_and_leaves_it_empty(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    command: list[str],
) -> None:
    path = paths.database_path(tmp_path)
    path.write_bytes(b"")
    monkeypatch.chdir(tmp_path)
    assert cli.main(["--data-dir", str(tmp_path), *command]) == 1
    assert "empty" in capsys.readouterr().err
    assert path.read_bytes() == b""


def test_reading_commands_make_no_diary_where_there_is_none(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "nothing-here"
    assert cli.main(["--data-dir", str(folder), "export", str(tmp_path / "out")]) == 1
    assert "no diary" in capsys.readouterr().err
    assert not folder.exists()


# -- folder modes ------------------------------------------------------------------------------


def test_data_dir_never_changes_an_existing_folders_mode_and_warns(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    assert cli.main(["--data-dir", str(shared), "demo", "--person", "A", "--years", "0.1"]) == 0
    assert "other users" in capsys.readouterr().err
    pdf = tmp_path / "summary.pdf"
    cli.main(["--data-dir", str(shared), "summary", "--person", "A", "--output", str(pdf)])
    assert "other users" in capsys.readouterr().err
    assert stat.S_IMODE(shared.stat().st_mode) == 0o1777
    for file in shared.rglob("*"):
        assert stat.S_IMODE(file.stat().st_mode) in (0o600, 0o700), file.name


def test_an_open_folder_is_a_notice_in_the_window(
    tmp_path: Path, answers: Answers, opened_ones: list[Opened]
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o755)
    opened = start(shared, answers, opened_ones)
    assert opened is not None
    assert opened.read_only is None
    assert any("other users" in notice for notice in opened.notices)
    assert stat.S_IMODE(shared.stat().st_mode) == 0o755


@pytest.mark.parametrize("how", ["--data-dir", "environment"])
def test_a_data_folder_the_app_makes_is_private_whatever_the_umask(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    folder = tmp_path / "new" / "nested"
    argv = ["demo", "--person", "A", "--years", "0.1"]
    if how == "--data-dir":
        argv = ["--data-dir", str(folder), *argv]
    else:
        monkeypatch.setenv(paths.DATA_DIR_ENV, str(folder))
    old = os.umask(0)
    try:
        assert cli.main(argv) == 0
    finally:
        os.umask(old)
    assert [stat.S_IMODE(p.stat().st_mode) for p in (folder.parent, folder)] == [0o700, 0o700]
    assert stat.S_IMODE(paths.database_path(folder).stat().st_mode) == 0o600


def test_a_restore_at_start_that_does_not_fit_changes_nothing(
    tmp_path: Path, opened_ones: list[Opened]
) -> None:
    with small_disk(tmp_path / "disk", 1024) as disk:
        folder = disk / "data"
        path = small_diary(folder, "Alex")
        database = Database.open(path)
        backup_if_changed(database)
        database.close()
        path.write_bytes(b"\x00damaged" * 512)
        fill(disk, leave=8 * 1024)
        answers = Answers(restore=True)
        assert start(folder, answers, opened_ones) is None
        assert len(answers.asked) == 1
        [told] = answers.told
        assert "disk is full" in told
        assert "has not been changed" in told
        assert path.read_bytes() == b"\x00damaged" * 512
        assert not [p for p in folder.iterdir() if "damaged" in p.name or "restoring" in p.name]


def test_a_damaged_diary_in_a_read_only_folder_is_explained_not_restored(
    tmp_path: Path, answers: Answers, opened_ones: list[Opened]
) -> None:
    path = small_diary(tmp_path / "data", "Alex")
    database = Database.open(path)
    backup_if_changed(database)
    database.close()
    path.write_bytes(b"\x00damaged" * 512)
    with read_only_view(tmp_path / "data", tmp_path / "view") as view:
        assert start(view, answers, opened_ones) is None
    assert answers.asked == []
    [told] = answers.told
    assert "cannot be put in its place here: the disk or folder is read-only" in told
    assert path.read_bytes() == b"\x00damaged" * 512
