"""An import killed part-way leaves a sound diary holding all of it or none, and bad files none."""

from __future__ import annotations

import contextlib
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from spasticity_tracker import cli, paths
from spasticity_tracker.domain.diary_csv import CsvImportError, read_diary_csv
from spasticity_tracker.storage.database import Database

ROWS = 3650  # ten years of daily rows
PERSON = "Pat"
DOSE_STEP_DAYS = 400  # the baclofen dose goes up every 400 rows: 10 dose changes
RUN_LIMIT = 300.0  # seconds; a slow two-core machine takes far less
NOTHING = {"people": 0, "medicines": 0, "regimens": 0, "dose_records": 0, "symptom_entries": 0}
EVERYTHING = {
    "people": 1,
    "medicines": 1,
    "regimens": -(-ROWS // DOSE_STEP_DAYS),
    "dose_records": ROWS,
    "symptom_entries": ROWS,
}


@pytest.fixture(scope="module")
def big_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Ten years of daily rows with a baclofen_mg column, ending two days ago."""
    last = datetime.now(UTC).astimezone().date() - timedelta(days=2)
    lines = ["date,time,stiffness,pain,notes,entered_by,baclofen_mg"]
    for index in range(ROWS):
        day = last - timedelta(days=ROWS - 1 - index)
        dose = 10 + 5 * (index // DOSE_STEP_DAYS)
        by = "Sam" if day.weekday() >= 5 else ""
        lines.append(f'{day},08:30,{index % 11},{index % 7},"Day {index}, fine",{by},{dose}')
    path = tmp_path_factory.mktemp("import") / "ten-years.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def command(folder: Path, csv_path: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "spasticity_tracker",
        "--data-dir",
        str(folder),
        "import",
        str(csv_path),
        "--person",
        PERSON,
    ]


def wal_of(folder: Path) -> Path:
    database = paths.database_path(folder)
    return database.with_name(database.name + "-wal")


def wal_size(folder: Path) -> int:
    try:
        return wal_of(folder).stat().st_size
    except FileNotFoundError:
        return -1


def wal_after_opening(tmp_path: Path) -> int:
    """The WAL size a freshly created, migrated database has before anything is imported."""
    database = Database.open(paths.database_path(tmp_path / "measure"))
    try:
        return wal_size(tmp_path / "measure")
    finally:
        database.close()


def counts(folder: Path) -> dict[str, int]:
    """Rows of the tables an import writes; the file must pass SQLite's integrity check."""
    database = paths.database_path(folder)
    if not database.exists():
        return dict(NOTHING)
    with contextlib.closing(sqlite3.connect(database)) as connection:
        [(integrity,)] = connection.execute("PRAGMA integrity_check").fetchall()
        assert integrity == "ok"
        tables = {name for (name,) in connection.execute("SELECT name FROM sqlite_master")}
        found = {}
        for table in NOTHING:
            if table not in tables:  # killed before the schema was made
                found[table] = 0
            elif table == "people":
                query = "SELECT count(*) FROM people WHERE name = ?"
                found[table] = connection.execute(query, (PERSON,)).fetchone()[0]
            else:
                found[table] = connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        return found


def kill_after(start: float, folder: Path, wait: Callable[[float, Path], bool]) -> None:
    """Poll until `wait(start, folder)` says it is time (or the run limit passes)."""
    while time.monotonic() - start < RUN_LIMIT and not wait(start, folder):
        time.sleep(0.001)


def after_migration(rng: random.Random) -> Callable[[float, Path], bool]:
    """Once the schema is in place, a random moment within the next 1.5 s."""
    ready: list[float] = []

    def wait(start: float, folder: Path) -> bool:
        if not ready and wal_size(folder) > 0:
            ready.append(time.monotonic() + rng.uniform(0.0, 1.5))
        return bool(ready) and time.monotonic() >= ready[0]

    return wait


def at_commit(baseline: int) -> Callable[[float, Path], bool]:
    """As soon as the WAL grows beyond the migrated schema: the import is being committed."""

    def wait(start: float, folder: Path) -> bool:
        return wal_size(folder) > baseline

    return wait


def at_random(rng: random.Random) -> Callable[[float, Path], bool]:
    """A random moment from the start of the command on."""
    delay = rng.uniform(0.3, 4.0)
    return lambda start, folder: time.monotonic() - start >= delay


@pytest.mark.parametrize(
    ("when", "seed"),
    [
        pytest.param("after-migration", 1, id="during-the-import"),
        pytest.param("at-commit", 2, id="during-the-commit"),
        pytest.param("random", 14, id="at-a-random-time"),
        pytest.param("random", 6, id="at-another-random-time"),
    ],
)
def test_a_killed_import_leaves_all_or_nothing_and_can_be_run_again(
    big_csv: Path, tmp_path: Path, when: str, seed: int
) -> None:
    rng = random.Random(seed)
    folder = tmp_path / "data"
    wait = {
        "after-migration": lambda: after_migration(rng),
        "at-commit": lambda: at_commit(wal_after_opening(tmp_path)),
        "random": lambda: at_random(rng),
    }[when]()
    log = tmp_path / "killed.log"
    with log.open("wb") as output:
        start = time.monotonic()
        with subprocess.Popen(
            command(folder, big_csv), stdout=output, stderr=subprocess.STDOUT
        ) as process:
            kill_after(start, folder, lambda s, f: process.poll() is not None or wait(s, f))
            if process.poll() is None:
                os.kill(process.pid, signal.SIGKILL)
            returncode = process.wait(timeout=60)
    assert returncode in (0, -signal.SIGKILL), log.read_text()
    found = counts(folder)
    assert found in (NOTHING, EVERYTHING), f"{found} after exit {returncode}"

    again = subprocess.run(
        command(folder, big_csv), capture_output=True, text=True, timeout=RUN_LIMIT, check=False
    )
    assert again.returncode == 0, again.stderr
    assert counts(folder) == EVERYTHING


# --- the command's plain errors ----------------------------------------------------------------


def table_rows(folder: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table of the data folder's database."""
    with contextlib.closing(sqlite3.connect(paths.database_path(folder))) as connection:
        tables = [
            n for (n,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        ]
        return {
            t: connection.execute(f'SELECT * FROM "{t}" ORDER BY rowid').fetchall() for t in tables
        }


def import_args(folder: Path, csv_path: Path) -> list[str]:
    return ["--data-dir", str(folder), "import", str(csv_path), "--person", PERSON]


def test_import_command_reports_what_it_added(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "good.csv"
    good.write_text("date,stiffness,Mood,baclofen_mg\n2025-01-01,5,fine,15\n2025-01-02,6,,20\n")
    assert cli.main(import_args(tmp_path / "data", good)) == 0
    out = capsys.readouterr().out
    assert (
        f"Imported for {PERSON}: 2 entries, 0 side effects, 2 dose changes, 2 dose records." in out
    )
    assert "Columns ignored (not known): mood" in out


def test_a_file_with_bad_cells_exits_1_lists_the_problems_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "data"
    good = tmp_path / "good.csv"
    good.write_text("date,stiffness\n2025-01-01,5\n")
    assert cli.main(import_args(folder, good)) == 0
    before = table_rows(folder)
    capsys.readouterr()

    bad = tmp_path / "bad.csv"
    bad.write_text(
        "date,stiffness,baclofen_mg\n2025-01-02,5,10\n2025-01-03,11,10\n2025-01-04,4,x\n"
    )
    assert cli.main(import_args(folder, bad)) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines() == [
        "error: Nothing was imported: the file has 2 problems.",
        "Row 3, column 'stiffness': '11' must be a whole number from 0 to 10.",
        "Row 4, column 'baclofen_mg': 'x' must be a number from 0 to 1000.",
    ]
    assert table_rows(folder) == before


def test_a_file_with_bad_cells_into_a_new_folder_adds_no_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"date,stiffness\n2025-01-02,caf\xe9\n")
    assert cli.main(import_args(tmp_path / "data", bad)) == 1
    assert "error: Nothing was imported: the file has 1 problem." in capsys.readouterr().err
    assert counts(tmp_path / "data") == NOTHING


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        pytest.param("missing.csv", "it does not exist", id="missing"),
        pytest.param("a-folder", "it is a folder", id="folder"),
    ],
)
def test_a_file_that_cannot_be_read_exits_1_with_a_clear_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, reason: str
) -> None:
    (tmp_path / "a-folder").mkdir()
    path = tmp_path / name
    assert cli.main(import_args(tmp_path / "data", path)) == 1
    captured = capsys.readouterr()
    assert captured.err == f"error: cannot read {path}: {reason}\n"
    assert captured.out == ""
    assert counts(tmp_path / "data") == NOTHING


# --- rows that clash with stored entries -------------------------------------------------------


def test_a_file_clashing_with_an_imported_entry_is_refused_whole_and_says_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "data"
    first = tmp_path / "first.csv"
    first.write_text("date,stiffness\n2026-01-01,5\n")
    assert cli.main(import_args(folder, first)) == 0
    assert cli.main(import_args(folder, first)) == 0  # the same file again: already there
    assert "Imported for Pat: 0 entries" in capsys.readouterr().out
    before = table_rows(folder)
    second = tmp_path / "second.csv"
    second.write_text(
        'date,stiffness,pain,notes\n2026-01-01,9,8,"fell on the stairs"\n2026-01-02,4,,\n'
    )
    assert cli.main(import_args(folder, second)) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines() == [
        "error: Nothing was imported: the file has 1 problem.",
        "Row 2: an entry at 2026-01-01 20:00 already holds other values.",
    ]
    assert table_rows(folder) == before


# --- clocks that skip an hour or pass one twice ------------------------------------------------


@pytest.mark.parametrize(
    ("zone", "day"),
    [
        pytest.param("America/New_York", "2025-03-09", id="new-york"),
        pytest.param("Europe/Berlin", "2025-03-30", id="berlin"),
    ],
)
def test_a_time_the_clocks_skip_is_a_problem_naming_the_row(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    local_zone: Callable[[str], None],
    zone: str,
    day: str,
) -> None:
    local_zone(zone)
    spring = tmp_path / "spring.csv"
    spring.write_text(f"date,time,stiffness\n{day},01:30,5\n{day},02:30,6\n{day},03:30,7\n")
    assert cli.main(import_args(tmp_path / "data", spring)) == 1
    assert capsys.readouterr().err.splitlines() == [
        "error: Nothing was imported: the file has 1 problem.",
        f"Row 3, column 'time': '02:30' does not exist on {day} here (the clocks go forward "
        "an hour).",
    ]
    assert counts(tmp_path / "data") == NOTHING


def test_a_skipped_time_and_a_clash_in_one_file_are_listed_together(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], local_zone: Callable[[str], None]
) -> None:
    local_zone("America/New_York")
    folder = tmp_path / "data"
    first = tmp_path / "first.csv"
    first.write_text("date,time,stiffness\n2025-11-01,20:00,5\n")
    assert cli.main(import_args(folder, first)) == 0
    capsys.readouterr()
    before = table_rows(folder)
    second = tmp_path / "second.csv"
    second.write_text(
        "date,time,stiffness,notes\n"
        "2025-11-01,20:00,9,fell on the stairs\n"
        "2025-03-09,02:30,4,\n"
        "2025-03-10,08:00,4,\n"
    )
    assert cli.main(import_args(folder, second)) == 1
    assert capsys.readouterr().err.splitlines() == [
        "error: Nothing was imported: the file has 2 problems.",
        "Row 2: an entry at 2025-11-01 20:00 already holds other values.",
        "Row 3, column 'time': '02:30' does not exist on 2025-03-09 here (the clocks go forward "
        "an hour).",
    ]
    assert table_rows(folder) == before


@pytest.mark.parametrize(
    ("zone", "day", "at", "utc"),
    [
        pytest.param(
            "America/New_York",
            "2025-11-02",
            "01:30",
            datetime(2025, 11, 2, 5, 30, tzinfo=UTC),
            id="new-york",
        ),
        pytest.param(
            "Europe/Berlin",
            "2025-10-26",
            "02:30",
            datetime(2025, 10, 26, 0, 30, tzinfo=UTC),
            id="berlin",
        ),
    ],
)
def test_a_time_the_clocks_pass_twice_takes_the_first_and_says_so(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    local_zone: Callable[[str], None],
    zone: str,
    day: str,
    at: str,
    utc: datetime,
) -> None:
    local_zone(zone)
    autumn = tmp_path / "autumn.csv"
    autumn.write_text(f"date,time,stiffness\n{day},00:30,4\n{day},{at},5\n{day},04:00,6\n")
    assert cli.main(import_args(tmp_path / "data", autumn)) == 0
    out = capsys.readouterr().out
    assert "Imported for Pat: 3 entries" in out
    assert (
        f"Row 3: {day} {at} happens twice here (the clocks go back an hour); the first was "
        "taken." in out.splitlines()
    )
    with contextlib.closing(sqlite3.connect(paths.database_path(tmp_path / "data"))) as db:
        stored = [
            datetime.fromisoformat(text).replace(tzinfo=UTC)
            for (text,) in db.execute("SELECT recorded_at FROM symptom_entries ORDER BY 1")
        ]
    assert len(stored) == 3
    assert utc in stored


# --- a huge header -----------------------------------------------------------------------------


def test_a_header_of_200000_columns_is_read_and_its_one_repeat_found() -> None:
    # Its time is measured in benchmarks/ ("a header of 200,000 columns"): a check of each
    # column against every other took hours here.
    columns = [f"c{index}" for index in range(200_000)]
    header = ",".join(["date", "stiffness", *columns, "c7"])
    data = (header + "\n2025-01-01,5" + "," * (len(columns) + 1) + "\n").encode()
    with pytest.raises(CsvImportError) as raised:
        read_diary_csv(data)
    assert raised.value.problems == ["The column 'c7' appears more than once."]
    wide = ",".join(["date", "stiffness", *columns]) + "\n2025-01-01,5\n"
    assert len(read_diary_csv(wide.encode()).unknown_columns) == 200_000
