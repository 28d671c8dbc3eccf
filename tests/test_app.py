"""The composition root's start-up checks: a damaged diary, and one writer per folder."""

from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path

import pytest

from spasticity_tracker import app, cli, paths
from spasticity_tracker.__main__ import run
from spasticity_tracker.app import collector_after_start, recover_if_damaged
from spasticity_tracker.domain.entities import Person
from spasticity_tracker.domain.errors import DataError
from spasticity_tracker.lock import DataFolderLock
from spasticity_tracker.presentation.data_folder import RecoveryQuestion
from spasticity_tracker.storage.backups import backup_if_changed
from spasticity_tracker.storage.database import Database
from spasticity_tracker.storage.sqlite_files import quick_check


def damaged_diary_with_backup(folder: Path) -> Path:
    path = paths.database_path(folder)
    database = Database.open(path)
    with database.unit_of_work() as uow:
        uow.people.add(Person(name="Alex"))
    backup_if_changed(database)
    database.close()
    path.write_bytes(b"\x00damaged" * 512)
    return path


def never_told(text: str) -> None:
    raise AssertionError(f"told: {text}")


def test_a_damaged_diary_is_restored_when_the_user_agrees(tmp_path: Path) -> None:
    path = damaged_diary_with_backup(tmp_path)
    asked: list[RecoveryQuestion] = []

    def agree(question: RecoveryQuestion) -> bool:
        asked.append(question)
        return True

    assert recover_if_damaged(path, agree, never_told) is True
    [question] = asked
    assert "newest good backup, made " in question.text  # with its date
    assert "It holds 1 person and no entries." in question.text
    assert quick_check(path) is None
    kept = [p for p in tmp_path.iterdir() if "damaged" in p.name]
    assert len(kept) == 1
    assert kept[0].read_bytes().startswith(b"\x00damaged")


def test_a_damaged_diary_is_left_alone_when_the_user_declines(tmp_path: Path) -> None:
    path = damaged_diary_with_backup(tmp_path)
    before = path.read_bytes()
    assert recover_if_damaged(path, lambda _: False, never_told) is False
    assert path.read_bytes() == before


def test_the_command_line_refuses_a_damaged_diary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = damaged_diary_with_backup(tmp_path)
    before = path.read_bytes()
    assert cli.main(["--data-dir", str(tmp_path), "demo", "--person", "B"]) == 1
    assert "is damaged" in capsys.readouterr().err
    assert path.read_bytes() == before


def test_a_second_writer_is_refused_in_process(tmp_path: Path) -> None:
    first = DataFolderLock(tmp_path)
    first.acquire()
    try:
        with pytest.raises(DataError, match="open in another Spasticity Tracker"):
            DataFolderLock(tmp_path).acquire()
    finally:
        first.release()
    second = DataFolderLock(tmp_path)
    second.acquire()  # free again once released
    second.release()


def test_a_command_is_refused_while_another_process_holds_the_folder(tmp_path: Path) -> None:
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import os, sys, time\n"
            "os.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
            "from pathlib import Path\n"
            "from spasticity_tracker.lock import DataFolderLock\n"
            f"lock = DataFolderLock(Path({str(tmp_path)!r})); lock.acquire()\n"
            "print('held', flush=True)\n"
            "sys.stdin.read()\n",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "held"
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "spasticity_tracker",
                "--data-dir",
                str(tmp_path),
                "demo",
                "--person",
                "T",
                "--years",
                "0.1",
            ],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert result.returncode == 1
        assert "open in another Spasticity Tracker" in result.stderr
        assert not paths.database_path(tmp_path).exists()  # nothing was written
    finally:
        holder.communicate("", timeout=30)


def test_the_collector_is_held_off_from_the_first_import_until_the_app_runs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[bool] = []

    def main() -> int:
        seen.append(gc.isenabled())
        return 0

    monkeypatch.setattr(app, "main", main)
    try:
        assert run() == 0
    finally:
        gc.enable()
    assert seen == [False]


def test_after_the_start_the_collector_is_back_and_what_the_start_made_is_frozen() -> None:
    frozen = gc.get_freeze_count()
    gc.disable()
    try:
        collector_after_start()
        assert gc.isenabled()
        assert gc.get_freeze_count() > frozen
    finally:
        gc.unfreeze()
        gc.enable()


def test_a_host_that_keeps_the_collector_on_is_left_alone() -> None:
    frozen = gc.get_freeze_count()
    collector_after_start()
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen


def shown_report(folder: Path, report: str) -> str:
    """Start the app as its command does, on a diary in folder, and return what the Python
    expression `report` is at the first paint of the window."""
    script = (
        "import builtins, gc, linecache, os, sys\n"
        "from pathlib import Path\n"
        "os.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
        "shown = builtins.print\n"
        "def report(*args, **kwargs):\n"
        "    if args == ('shown',):\n"
        f"        shown('report', {report}, flush=True)\n"
        "    shown(*args, **kwargs)\n"
        "builtins.print = report\n"
        "from spasticity_tracker.__main__ import run\n"
        f"sys.argv[1:] = ['--data-dir', {str(folder)!r}, '--benchmark-startup']\n"
        "raise SystemExit(run())\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    *_, line, last = result.stdout.splitlines()
    assert last == "shown"
    return line.removeprefix("report ")


def test_the_window_is_shown_with_the_collector_back_on(tmp_path: Path) -> None:
    """The app as started: the collector comes back on right after the first paint."""
    assert shown_report(tmp_path, "gc.isenabled(), gc.get_freeze_count() > 0") == "True True"


def test_the_window_is_shown_holding_no_modules_source(tmp_path: Path) -> None:
    """SQLAlchemy is imported before Qt, and the window's modules, imported after it, have
    their source read for PySide6's check but not kept (render/pyside_feature.py). Without
    the one, some 150,000 lines of SQLAlchemy's files stay in linecache; without the other,
    some 6,000 lines of the window's."""
    kept = shown_report(
        tmp_path,
        "sorted(name for name in linecache.cache if os.path.isfile(name)"
        " and ('sqlalchemy' in Path(name).parts or 'ui' in Path(name).parts))",
    )
    assert kept == "[]"


def test_the_first_paint_waits_for_nothing_only_other_pages_and_commands_need(
    tmp_path: Path,
) -> None:
    """The pages but Today, the summary, import and export, and the example data are loaded
    when first asked for, and pyqtgraph with the Trends page."""
    later = [
        "pyqtgraph",
        "spasticity_tracker.domain.diary_csv",
        "spasticity_tracker.reports.figures",
        "spasticity_tracker.services.demo",
        "spasticity_tracker.services.json_restore",
        "spasticity_tracker.services.summary",
        "spasticity_tracker.services.transfer",
        "spasticity_tracker.services.trends",
        "spasticity_tracker.ui.pages.history_page",
        "spasticity_tracker.ui.pages.medicines_page",
    ]
    loaded = shown_report(tmp_path, f"sorted(set({later!r}) & set(sys.modules))")
    assert loaded == "[]"
