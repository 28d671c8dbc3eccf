"""SQLite files: made private, copied with the backup API and checked, set aside, named."""

from __future__ import annotations

import re
import sqlite3
import stat
from contextlib import closing
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from spasticity_tracker.domain.entities import Person
from spasticity_tracker.domain.errors import DataError
from spasticity_tracker.storage.database import Database
from spasticity_tracker.storage.sqlite_files import (
    backup_name,
    copy_database,
    make_private_dir,
    make_private_file,
    put_in_place,
    quick_check,
    read_backup_name,
    set_aside,
)

# Folder names that are URI syntax: '#' starts a fragment, '?' a query, '%41' decodes to 'A'.
AWKWARD_FOLDERS = ["Diary #2", "what?", "50% done", "a%41b"]


# About the diary file itself.
pytestmark = pytest.mark.sqlite_only


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def names(path: Path) -> list[str]:
    with closing(sqlite3.connect(path)) as connection:
        return [name for (name,) in connection.execute("SELECT name FROM people ORDER BY id")]


def small_database(path: Path, *people: str) -> Path:
    """A plain SQLite file with the given people, and a second table after theirs."""
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT)")
        connection.execute("CREATE TABLE notes (text TEXT)")
        connection.executemany("INSERT INTO people (name) VALUES (?)", [(p,) for p in people])
        connection.commit()
    return path


def damage_a_page(path: Path) -> None:
    """Overwrite the header of page 3 (the notes table): SQLite copies it, the check fails."""
    with closing(sqlite3.connect(path)) as connection:
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
        assert connection.execute("PRAGMA page_count").fetchone()[0] >= 3
    data = bytearray(path.read_bytes())
    data[2 * page_size : 2 * page_size + 8] = b"\xff" * 8
    path.write_bytes(bytes(data))


def test_new_folders_are_private_existing_ones_kept_and_files_tightened(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o755)
    assert make_private_dir(shared) == shared
    assert make_private_dir(tmp_path / "new" / "nested") == tmp_path / "new" / "nested"
    open_file = shared / "notes.txt"
    open_file.write_text("kept")
    open_file.chmod(0o644)
    make_private_file(open_file)
    make_private_file(shared / "new.txt")
    assert mode(shared) == 0o755  # a folder that exists is never changed
    assert [mode(p) for p in (tmp_path / "new", tmp_path / "new" / "nested")] == [0o700, 0o700]
    assert [mode(p) for p in (open_file, shared / "new.txt")] == [0o600, 0o600]
    assert open_file.read_text() == "kept"


def test_a_copy_is_private_checked_and_leaves_its_source_as_it_was(tmp_path: Path) -> None:
    source = small_database(tmp_path / "source.sqlite3", "Alex", "Sam")
    before = source.read_bytes()
    target = tmp_path / "copy.sqlite3"
    copy_database(source, target)
    assert mode(target) == 0o600
    assert names(target) == ["Alex", "Sam"]
    assert quick_check(target) is None
    assert source.read_bytes() == before


def test_a_copy_of_the_live_database_holds_what_is_still_in_its_log(database: Database) -> None:
    with database.unit_of_work() as uow:
        uow.people.add(Person(name="Alex"))
    assert database.path.with_name(database.path.name + "-wal").stat().st_size > 0
    target = database.path.parent / "copy.sqlite3"
    copy_database(database.path, target, live=True)
    assert names(target) == ["Alex"]


def test_a_copy_that_fails_its_check_is_refused(tmp_path: Path) -> None:
    source = small_database(tmp_path / "source.sqlite3", *(f"person {n}" for n in range(300)))
    damage_a_page(source)
    assert quick_check(source) is not None
    target = tmp_path / "copy.sqlite3"
    with pytest.raises(DataError, match=r"copy\.sqlite3 could not be made: .*malformed"):
        copy_database(source, target)
    assert not target.exists()  # a failed copy is deleted, never left half-made


def test_quick_check_says_what_is_wrong(tmp_path: Path) -> None:
    good = small_database(tmp_path / "good.sqlite3", "Alex")
    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_bytes(b"this is no longer a database" * 100)
    assert quick_check(good) is None
    assert quick_check(garbage) == "file is not a database"
    assert quick_check(tmp_path / "missing.sqlite3") == "unable to open database file"
    assert not (tmp_path / "missing.sqlite3").exists()  # checked read-only: nothing created


@pytest.mark.parametrize("folder_name", AWKWARD_FOLDERS)
def test_a_folder_name_that_looks_like_uri_syntax_is_still_the_folder(
    tmp_path: Path, folder_name: str
) -> None:
    folder = tmp_path / folder_name
    folder.mkdir()
    garbage = folder / "garbage.sqlite3"
    garbage.write_bytes(b"this is no longer a database" * 100)
    # Read as a URI, the path named another, missing, file: SQLite created it and passed it.
    assert quick_check(garbage) == "file is not a database"
    source = small_database(folder / "source.sqlite3", "Alex")
    copy_database(source, folder / "copy.sqlite3")
    assert names(folder / "copy.sqlite3") == ["Alex"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [folder_name]


def test_set_aside_moves_the_file_and_its_side_files_under_a_dated_name(tmp_path: Path) -> None:
    path = tmp_path / "diary.sqlite3"
    for name, text in [("diary.sqlite3", "main"), ("diary.sqlite3-wal", "wal")]:
        (tmp_path / name).write_text(text)
    moved = set_aside(path, "damaged")
    assert re.fullmatch(r"diary-damaged-\d{8}T\d{6}Z\.sqlite3", moved.name)
    assert sorted(p.name for p in tmp_path.iterdir()) == [moved.name, moved.name + "-wal"]
    assert moved.read_text() == "main"
    assert moved.with_name(moved.name + "-wal").read_text() == "wal"


def test_putting_a_copy_in_place_sets_the_file_there_aside_first(tmp_path: Path) -> None:
    backup = small_database(tmp_path / "backup.sqlite3", "From the backup")
    path = small_database(tmp_path / "diary.sqlite3", "Current")
    replaced = put_in_place(backup, path)
    assert replaced is not None
    assert names(replaced) == ["Current"]
    assert names(path) == ["From the backup"]
    assert mode(path) == 0o600


def test_putting_a_copy_in_a_new_folder_makes_the_folder_private(tmp_path: Path) -> None:
    backup = small_database(tmp_path / "backup.sqlite3", "Alex")
    path = tmp_path / "new" / "diary.sqlite3"
    assert put_in_place(backup, path) is None
    assert names(path) == ["Alex"]
    assert (mode(path.parent), mode(path)) == (0o700, 0o600)


def test_a_backup_name_holds_the_utc_instant_to_the_microsecond_and_the_reason() -> None:
    taken = datetime(2026, 3, 15, 13, 0, 0, 123456, tzinfo=timezone(timedelta(hours=1)))
    name = backup_name("diary", taken, "before-upgrade-0001")
    assert name == "diary-20260315T120000123456Z-before-upgrade-0001.sqlite3"
    assert read_backup_name(name) == (taken.astimezone(UTC), "before-upgrade-0001")


@pytest.mark.parametrize(
    "name",
    [
        "diary.sqlite3",
        "diary-damaged-20260315T120000Z.sqlite3",  # set aside, not a backup
        "diary-20260315T120000123456Z-at-start.sqlite3-wal",
        "last-backup-fingerprint",
    ],
)
def test_other_files_are_not_read_as_backups(name: str) -> None:
    assert read_backup_name(name) is None


@pytest.mark.parametrize("reason", ["", "by hand", "../elsewhere"])
def test_a_reason_the_name_could_not_be_read_back_with_is_refused(reason: str) -> None:
    with pytest.raises(ValueError, match="backup reason"):
        backup_name("diary", datetime.now(UTC), reason)
