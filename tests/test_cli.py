"""The command line: help everywhere, the demo command, and plain errors that write nothing."""

from __future__ import annotations

import stat
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from itertools import pairwise
from pathlib import Path

import pytest

from spasticity_tracker import cli, paths
from spasticity_tracker.services.diary import DiaryService
from spasticity_tracker.services.medicines import MedicineService
from spasticity_tracker.services.people import PeopleService
from spasticity_tracker.storage.database import Database


def open_services(folder: Path) -> tuple[Database, PeopleService, DiaryService, MedicineService]:
    database = Database.open(paths.database_path(folder))
    return database, PeopleService(database), DiaryService(database), MedicineService(database)


def test_demo_through_the_installed_entry_point_makes_private_plausible_data(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "diary"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "spasticity_tracker",
            "--data-dir",
            str(folder),
            "demo",
            "--person",
            "Test",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Test" in result.stdout
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    database_file = paths.database_path(folder)
    assert stat.S_IMODE(database_file.stat().st_mode) == 0o600
    for side in folder.iterdir():
        assert stat.S_IMODE(side.stat().st_mode) == 0o600, side.name

    database, people, diary, medicines = open_services(folder)
    try:
        [person] = people.people()
        assert person.is_example
        assert person.id is not None
        entries = diary.entries(person.id)
        days = {entry.recorded_at.astimezone().date() for entry in entries}
        today = datetime.now(UTC).astimezone().date()
        assert min(days) >= today - timedelta(days=366)
        assert max(days) <= today
        assert 0.75 * 365 <= len(days) <= 365  # some days are not logged
        assert {entry.entered_by is None for entry in entries} == {True, False}
        [baclofen] = medicines.medicines(person.id)
        assert baclofen.id is not None
        totals = [regimen.daily_total for regimen in medicines.regimens(baclofen.id)]
        assert totals[:3] == [15.0, 30.0, 45.0]
        assert any(later < earlier for earlier, later in pairwise(totals))
        assert diary.side_effects(person.id)
        assert diary.events(person.id)
        assert diary.appointments(person.id)
    finally:
        database.close()


def test_demo_for_an_existing_person_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["--data-dir", str(tmp_path), "demo", "--person", "Test", "--years", "0.1"]
    assert cli.main(args) == 0
    capsys.readouterr()
    assert cli.main(args) == 1
    assert "A person called 'Test' already exists" in capsys.readouterr().err


def test_demo_years_out_of_range_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["--data-dir", str(tmp_path), "demo", "--person", "T", "--years", "50"]) == 1
    assert "Years must be a number above 0 and at most 20 (got 50.0)" in capsys.readouterr().err
    database, people, _, _ = open_services(tmp_path)
    assert people.people() == []
    database.close()


def test_data_dir_comes_from_the_option_then_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(tmp_path / "from-env"))
    assert paths.data_dir(None) == tmp_path / "from-env"
    assert paths.data_dir(str(tmp_path / "option")) == tmp_path / "option"
    monkeypatch.delenv(paths.DATA_DIR_ENV)
    assert paths.data_dir(None).name == paths.APP_DIRNAME


@pytest.mark.parametrize("argv", [["--help"], ["demo", "--help"]], ids=["main", "demo"])
def test_help_is_there_for_every_command(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        cli.main(argv)
    assert exit_info.value.code == 0
    assert "usage: spasticity-tracker" in capsys.readouterr().out


def test_import_names_guessed_ingredients_and_lists_the_cautions_raised(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    diary = tmp_path / "diary.csv"
    diary.write_text("date,stiffness,baclophen_mg\n2020-01-01,5,30\n2020-01-02,5,0\n")
    args = ["--data-dir", str(tmp_path / "data"), "import", str(diary), "--person", "Alex"]
    assert cli.main(args) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == (
        "Imported for Alex: 2 entries, 0 side effects, 2 dose changes, 1 dose record."
    )
    assert out[1] == (
        "Check: Baclophen was taken to be baclofen; confirm it on the Medicines page."
    )
    assert out[2].startswith("Caution, 2 Jan 2020: Stopping baclofen. Stopping baclofen suddenly")
    assert len(out) == 3


def test_a_json_file_too_large_to_restore_is_refused_and_nothing_restored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    huge = tmp_path / "export.json"
    with huge.open("wb") as out:  # sparse: 200 MB long, no disk used, and not valid JSON
        out.truncate(200 * 1024 * 1024)
    data = tmp_path / "data"
    assert cli.main(["--data-dir", str(data), "import", str(huge)]) == 1
    err = capsys.readouterr().err
    assert "209,715,200 bytes; a restore reads at most 104,857,600" in err
    database = Database.open(paths.database_path(data))
    try:
        assert PeopleService(database).people() == []
    finally:
        database.close()
