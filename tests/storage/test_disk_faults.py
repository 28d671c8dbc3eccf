"""Disk faults on real disks: a full tmpfs, read-only bind mounts, empty files, folder modes."""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Iterator
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from spasticity_tracker import paths
from spasticity_tracker.domain.entities import Person, PersonId
from spasticity_tracker.domain.errors import CannotWriteError, DataError, WriteProblem
from spasticity_tracker.storage.backups import (
    backup_if_changed,
    inspect_backups,
    list_backups,
    newest_good_backup,
    restore,
)
from spasticity_tracker.storage.database import BACKUP_DIRNAME, Database
from spasticity_tracker.storage.sqlite_files import (
    backup_name,
    copy_database,
    make_private_dir,
    quick_check,
    table_counts,
    verify_copy,
    write_problem,
)
from tests.builders import daily, mar
from tests.mounts import fill, make_room, read_only_view, small_disk

DISK_KIB = 1024  # room for a small diary and its log, not for a second copy once filled


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def small_diary(folder: Path, *names: str, entries: int = 3) -> Path:
    """A closed diary in folder with these people, the first with `entries` entries (if any)."""
    path = paths.database_path(folder)
    database = Database.open(path)
    try:
        with database.unit_of_work() as uow:
            for name in names:
                uow.people.add(Person(name=name))
            if names:
                uow.entries.add_many(daily(mar(1), [5] * entries))
    finally:
        database.close()
    return path


def backup_files(folder: Path) -> list[Path]:
    backups = folder / BACKUP_DIRNAME
    return sorted(backups.iterdir()) if backups.is_dir() else []


def a_backup_name(taken: datetime) -> str:
    return backup_name(paths.database_path(Path()).stem, taken, "at-start")


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[Path]:
    """A 1 MiB tmpfs, unmounted at the end."""
    with small_disk(tmp_path / "disk", DISK_KIB) as mounted:
        yield mounted


# -- a full disk -------------------------------------------------------------------------------


def test_a_backup_on_a_full_disk_is_a_plain_error_and_leaves_no_file(disk: Path) -> None:
    path = small_diary(disk / "data", "Alex")
    database = Database.open(path)
    try:
        filler = fill(disk)
        with pytest.raises(CannotWriteError, match="disk is full") as raised:
            database.backup(disk / "data" / BACKUP_DIRNAME)
        assert raised.value.problem is WriteProblem.DISK_FULL
        assert backup_files(disk / "data") == []  # never a 0-byte or partial backup
        with pytest.raises(CannotWriteError, match="disk is full"):
            backup_if_changed(database)
        assert backup_files(disk / "data") == []
        make_room(filler)
        made = backup_if_changed(database)  # with room again, the next start makes one
        assert made is not None
        assert table_counts(made)["people"] == 1
    finally:
        database.close()


def test_the_space_probe_tells_a_full_disk_from_a_writable_one(disk: Path) -> None:
    folder = make_private_dir(disk / "data")
    assert write_problem(folder) is None
    filler = fill(disk, leave=16 * 1024)
    assert write_problem(folder) is WriteProblem.DISK_FULL
    assert sorted(p.name for p in folder.iterdir()) == []  # the probe leaves nothing behind
    make_room(filler)
    assert write_problem(folder) is None


def test_a_new_diary_on_a_full_disk_is_not_made_at_all(disk: Path) -> None:
    fill(disk)
    path = paths.database_path(disk)
    with pytest.raises(CannotWriteError, match="disk is full"):
        Database.open(path)
    # Nothing half-made is left: an empty file would later be taken for a damaged diary.
    assert sorted(p.name for p in disk.iterdir()) == ["filler"]


def test_a_restore_that_does_not_fit_leaves_the_diary_in_place(disk: Path, tmp_path: Path) -> None:
    path = small_diary(disk / "data", "Current")
    before = path.read_bytes()
    backup = small_diary(tmp_path / "elsewhere", "From the backup", entries=500)
    fill(disk, leave=8 * 1024)
    with pytest.raises(DataError):
        restore(backup, path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]


def test_a_diary_on_a_full_disk_opens_read_only_and_refuses_saves_plainly(disk: Path) -> None:
    path = small_diary(disk / "data", "Alex")
    fill(disk)
    with pytest.raises(CannotWriteError):
        Database.open(path)
    database = Database.open(path, read_only=WriteProblem.DISK_FULL)
    try:
        assert database.read_only is WriteProblem.DISK_FULL
        with database.unit_of_work() as uow:
            assert [p.name for p in uow.people.list_all()] == ["Alex"]
        with (
            pytest.raises(DataError, match="the disk is full") as refused,
            database.unit_of_work() as uow,
        ):
            uow.people.add(Person(name="Sam"))
        assert "Nothing of it was written" in str(refused.value)
    finally:
        database.close()


# -- backups: verified, described, never an empty one offered ----------------------------------


def test_a_copy_is_verified_against_the_row_counts_of_its_source(tmp_path: Path) -> None:
    source = small_diary(tmp_path / "source", "Alex", "Sam", entries=4)
    counts = table_counts(source)
    assert counts["people"] == 2
    assert counts["symptom_entries"] == 4
    target = tmp_path / "copy.sqlite3"
    copy_database(source, target)
    assert table_counts(target) == counts
    verify_copy(target, counts)  # passes
    with closing(sqlite3.connect(target)) as connection:
        connection.execute("DELETE FROM symptom_entries WHERE id = 1")
        connection.commit()
    with pytest.raises(DataError, match="symptom_entries"):
        verify_copy(target, counts)


def test_an_empty_file_fails_the_check(tmp_path: Path) -> None:
    empty = tmp_path / "empty.sqlite3"
    empty.write_bytes(b"")
    assert quick_check(empty) == "the file is empty: 0 bytes"
    with pytest.raises(DataError, match="empty"):
        verify_copy(empty, {})


def test_a_backup_is_one_file_that_can_be_read_without_writing_beside_it(
    tmp_path: Path,
) -> None:
    path = small_diary(tmp_path / "data", "Alex")
    database = Database.open(path)
    made = database.backup(tmp_path / "data" / BACKUP_DIRNAME)
    database.close()
    with closing(sqlite3.connect(made)) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    with read_only_view(made.parent, tmp_path / "view") as view:
        [seen] = inspect_backups(view, check=True)
        assert (seen.problem, seen.people, seen.entries) == (None, 1, 3)
    assert sorted(p.name for p in made.parent.iterdir()) == [made.name]


def test_recovery_skips_empty_and_damaged_backups_for_the_newest_good_one(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    good = small_diary(data, "Alex", entries=3)
    folder = make_private_dir(data / BACKUP_DIRNAME)
    now = datetime.now(UTC)
    older = folder / a_backup_name(now - timedelta(days=2))
    copy_database(good, older)
    nobody = small_diary(tmp_path / "nobody")  # a good diary that holds nothing
    copy_database(nobody, folder / a_backup_name(now - timedelta(days=1)))
    (folder / a_backup_name(now - timedelta(hours=2))).write_bytes(b"not a database" * 300)
    (folder / a_backup_name(now - timedelta(hours=1))).write_bytes(b"")  # a full disk's 0 bytes
    offered = newest_good_backup(folder)
    assert offered is not None
    assert (offered.path, offered.people, offered.entries) == (older, 1, 3)
    listed = inspect_backups(folder, check=True)
    assert [b.taken_at for b in listed] == [b.taken_at for b in list_backups(folder)]
    assert [(b.people, b.entries, b.is_good) for b in listed] == [
        (0, 0, False),  # empty file
        (0, 0, False),  # damaged
        (0, 0, False),  # holds nobody
        (1, 3, True),
    ]
    assert listed[0].problem == "the file is empty: 0 bytes"
    assert listed[1].problem == "file is not a database"
    assert listed[2].problem is None


# -- empty and damaged diaries are never written to ------------------------------------------


@pytest.mark.parametrize("read_only", [None, WriteProblem.READ_ONLY])
def test_an_empty_diary_file_is_refused_and_never_written(
    tmp_path: Path, read_only: WriteProblem | None
) -> None:
    path = paths.database_path(tmp_path)
    path.write_bytes(b"")
    with pytest.raises(DataError, match="empty"):
        Database.open(path, read_only=read_only)
    assert path.read_bytes() == b""
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]


def test_a_damaged_diary_file_is_refused_and_never_written(tmp_path: Path) -> None:
    path = paths.database_path(tmp_path)
    path.write_bytes(b"\x00damaged" * 512)
    with pytest.raises(DataError, match="damaged"):
        Database.open(path)
    assert path.read_bytes() == b"\x00damaged" * 512


# -- a read-only folder ------------------------------------------------------------------------


def test_a_diary_in_a_read_only_folder_passes_its_check_and_opens_read_only(
    tmp_path: Path,
) -> None:
    small_diary(tmp_path / "data", "Alex")
    with read_only_view(tmp_path / "data", tmp_path / "view") as view:
        path = paths.database_path(view)
        assert quick_check(path) is None  # read-only is not damaged
        assert write_problem(view) is WriteProblem.READ_ONLY
        with pytest.raises(CannotWriteError, match="read-only") as refused:
            Database.open(path)
        assert refused.value.problem is WriteProblem.READ_ONLY
        database = Database.open(path, read_only=WriteProblem.READ_ONLY)
        try:
            with database.unit_of_work() as uow:
                assert uow.people.get(PersonId(1)).name == "Alex"
            with (
                pytest.raises(DataError, match="read-only") as saving,
                database.unit_of_work() as uow,
            ):
                uow.people.add(Person(name="Sam"))
            assert "Nothing of it was written" in str(saving.value)
        finally:
            database.close()


# -- folder modes ------------------------------------------------------------------------------


def test_an_existing_folder_keeps_its_mode(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    assert make_private_dir(shared) == shared
    assert stat.S_IMODE(shared.stat().st_mode) == 0o1777
    path = small_diary(shared, "Alex")
    assert stat.S_IMODE(shared.stat().st_mode) == 0o1777
    assert mode(path) == 0o600  # what the app makes is private


def test_folders_the_app_makes_are_private_whatever_the_umask(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        made = make_private_dir(tmp_path / "new" / "nested")
        path = small_diary(tmp_path / "other" / "data", "Alex")
    finally:
        os.umask(old)
    assert [mode(p) for p in (tmp_path / "new", made)] == [0o700, 0o700]
    assert [mode(p) for p in (tmp_path / "other", path.parent)] == [0o700, 0o700]
    for file in path.parent.rglob("*"):
        assert mode(file) == (0o700 if file.is_dir() else 0o600), file.name
