"""Backups: made checked and private, made again only after changes, rotated, restored."""

from __future__ import annotations

import sqlite3
import stat
from contextlib import closing
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest
from sqlalchemy import URL, Table, TypeDecorator, create_engine, insert

from spasticity_tracker.domain.entities import Person
from spasticity_tracker.domain.errors import DataError
from spasticity_tracker.storage.backups import (
    KEEP_RECENT,
    backup_if_changed,
    fingerprint,
    list_backups,
    newest_good_backup,
    restore,
    rotate,
    to_keep,
)
from spasticity_tracker.storage.database import BACKUP_DIRNAME, Database
from spasticity_tracker.storage.models import Base
from spasticity_tracker.storage.sqlite_files import quick_check, set_aside

NOW = datetime(2026, 3, 15, 12, tzinfo=UTC)
# A value of each column type, inside every check constraint (scores 0-10, amounts > 0).
SAMPLE: dict[type, object] = {
    bool: False,
    int: 1,
    float: 1.0,
    str: "sample",
    date: date(2026, 3, 15),
    time: time(8),
    datetime: NOW,
}


# About the diary file's backups; a shared diary's are the server's (pg_dump).
pytestmark = pytest.mark.sqlite_only


def fake_backup(folder: Path, taken: datetime) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / f"diary-{taken:%Y%m%dT%H%M%S%f}Z-at-start.sqlite3"
    path.write_bytes(b"")
    return path


def by_table(fingerprint: str) -> dict[str, str]:
    """The fingerprint's parts, by the table each one counts."""
    return {part.split(":", 1)[0]: part for part in fingerprint.split("|")}


def sample_row(table: Table) -> dict[str, object]:
    """A value for every column of a table but its key."""
    row = {}
    for column in table.columns:
        kind = column.type
        # A TypeDecorator (UTCDateTime) reports object: what it stores is its impl's type.
        if isinstance(kind, TypeDecorator):
            kind = kind.impl_instance
        if not column.primary_key:
            row[column.name] = SAMPLE[kind.python_type]
    return row


def test_the_fingerprint_counts_every_table_of_the_models_and_of_the_file(
    database: Database,
) -> None:
    counted = by_table(fingerprint(database))
    assert list(counted) == [table.name for table in Base.metadata.sorted_tables]
    with closing(sqlite3.connect(database.path)) as connection:
        in_file = {
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        }
    # A table added to the models comes with a migration (test_database checks they match).
    assert set(counted) == in_file - {"alembic_version"}


def test_a_row_added_to_any_table_changes_the_fingerprint(database: Database) -> None:
    # A plain engine has foreign keys off, so that a row can go into any table on its own.
    plain = create_engine(URL.create("sqlite+pysqlite", database=str(database.path)))
    try:
        for table in Base.metadata.sorted_tables:
            before = by_table(fingerprint(database))
            with plain.begin() as connection:
                connection.execute(insert(table).values(sample_row(table)))
            after = by_table(fingerprint(database))
            assert {name for name in after if after[name] != before[name]} == {table.name}
    finally:
        plain.dispose()


def test_backups_are_made_only_when_the_data_changed(database: Database) -> None:
    folder = database.path.parent / BACKUP_DIRNAME
    first = backup_if_changed(database)
    assert first is not None
    assert stat.S_IMODE(first.stat().st_mode) == 0o600
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert backup_if_changed(database) is None  # nothing changed since
    with database.unit_of_work() as uow:
        uow.people.add(Person(name="Alex"))
    second = backup_if_changed(database)
    assert second is not None
    with sqlite3.connect(second) as connection:
        assert connection.execute("SELECT name FROM people").fetchall() == [("Alex",)]
    assert [b.path for b in list_backups(folder)] == [second, first]


def test_rotation_keeps_recent_daily_weekly_and_monthly(tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    hourly = [fake_backup(folder, NOW - timedelta(hours=h)) for h in range(0, 24 * 400, 6)]
    removed = rotate(folder, NOW)
    kept = {b.path for b in list_backups(folder)}
    assert kept.isdisjoint(removed)
    assert set(hourly[:KEEP_RECENT]) <= kept  # the most recent ones
    days = {b.taken_at.astimezone().date() for b in list_backups(folder)}
    for back in range(7):  # one for each of the last 7 days
        assert (NOW - timedelta(days=back)).astimezone().date() in days
    months = {(b.taken_at.year, b.taken_at.month) for b in list_backups(folder)}
    assert len(months) >= 12
    assert len(kept) < 40  # far fewer than the 1600 made


def test_rotation_never_deletes_a_recent_backup_of_a_quiet_diary(tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    old = [fake_backup(folder, NOW - timedelta(days=400 + n)) for n in range(3)]
    assert to_keep(list_backups(folder), NOW) == set(old)  # the 5 most recent are always kept


def test_a_damaged_file_is_found_set_aside_and_a_good_backup_restored(
    database: Database,
) -> None:
    with database.unit_of_work() as uow:
        uow.people.add(Person(name="Alex"))
    backup_if_changed(database)
    database.close()
    path = database.path
    path.write_bytes(b"this is no longer a database" * 100)
    problem = quick_check(path)
    assert problem is not None
    backup = newest_good_backup(path.parent / BACKUP_DIRNAME)
    assert backup is not None
    damaged = set_aside(path, "damaged")
    assert damaged.read_bytes().startswith(b"this is no longer")  # kept, not deleted
    assert restore(backup.path, path) is None
    assert quick_check(path) is None
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    reopened = Database.open(path)
    with reopened.unit_of_work() as uow:
        assert [p.name for p in uow.people.list_all()] == ["Alex"]
    reopened.close()


def test_restoring_sets_the_current_file_aside_first(database: Database) -> None:
    backup = database.backup(database.path.parent / BACKUP_DIRNAME)
    with database.unit_of_work() as uow:
        uow.people.add(Person(name="Added after the backup"))
    database.close()
    replaced = restore(backup, database.path)
    assert replaced is not None
    with sqlite3.connect(replaced) as connection:
        assert connection.execute("SELECT count(*) FROM people").fetchone() == (1,)
    with sqlite3.connect(database.path) as connection:
        assert connection.execute("SELECT count(*) FROM people").fetchone() == (0,)


def test_a_damaged_backup_is_not_restored(tmp_path: Path) -> None:
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"garbage" * 200)
    target = tmp_path / "diary.sqlite3"
    with pytest.raises(DataError, match="damaged too"):
        restore(bad, target)
    assert not target.exists()
