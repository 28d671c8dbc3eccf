"""The Database: private files, pragmas, migrations, backups and all-or-nothing units of work."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import event

from spasticity_tracker.domain.entities import Person
from spasticity_tracker.domain.errors import ConflictError, DataError, NewerSchemaError
from spasticity_tracker.storage.database import Database, alembic_config


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_open_creates_private_folder_and_files(tmp_path: Path) -> None:
    db = Database.open(tmp_path / "new" / "nested" / "diary.sqlite3")
    with db.unit_of_work() as uow:
        uow.people.add(Person(name="Alex"))
    assert mode(tmp_path / "new" / "nested") == 0o700
    files = list((tmp_path / "new" / "nested").iterdir())
    assert files, "the database file exists"
    for file in files:
        assert mode(file) == 0o600, file.name
    db.close()


def test_an_existing_folder_keeps_its_mode_and_the_diary_is_private(tmp_path: Path) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(0o755)  # shared on purpose: the user is warned, the folder left as it is
    Database.open(folder / "diary.sqlite3").close()
    assert mode(folder) == 0o755
    assert mode(folder / "diary.sqlite3") == 0o600


@pytest.mark.sqlite_only
def test_every_connection_has_the_house_pragmas(database: Database) -> None:
    with database.engine.connect() as connection:
        raw = connection.connection.driver_connection
        assert raw is not None
        pragma = {
            name: raw.execute(f"PRAGMA {name}").fetchone()[0]
            for name in ("foreign_keys", "journal_mode", "synchronous", "busy_timeout")
        }
    assert pragma == {
        "foreign_keys": 1,
        "journal_mode": "wal",
        "synchronous": 2,  # FULL
        "busy_timeout": 5000,
    }


def test_empty_database_upgrades_to_head_and_models_match_migrations(tmp_path: Path) -> None:
    db = Database.open(tmp_path / "diary.sqlite3", migrate=False)
    assert db.current_revision() is None
    assert db.migrate() is True
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert db.current_revision() == head
    with db.engine.connect() as connection:
        # Raises if the models and the migrations have drifted apart.
        command.check(alembic_config(connection))
    db.close()


def test_reopening_an_up_to_date_database_migrates_nothing(tmp_path: Path) -> None:
    path = tmp_path / "diary.sqlite3"
    Database.open(path).close()
    db = Database.open(path, migrate=False)
    assert db.migrate() is False
    assert not (tmp_path / "backups").exists()
    db.close()


def test_a_newer_schema_is_refused_and_left_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "diary.sqlite3"
    Database.open(path).close()
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = 'ffff_from_the_future'")
    before = path.read_bytes()
    with pytest.raises(NewerSchemaError, match="newer version"):
        Database.open(path)
    assert path.read_bytes() == before


@pytest.mark.sqlite_only
def test_backup_is_private_checked_and_holds_the_data(database: Database, tmp_path: Path) -> None:
    with database.unit_of_work() as uow:
        uow.people.add(Person(name="Alex"))
    backup = database.backup(tmp_path / "backups", reason="test")
    assert mode(backup) == 0o600
    assert mode(tmp_path / "backups") == 0o700
    with sqlite3.connect(backup) as connection:
        assert connection.execute("SELECT name FROM people").fetchall() == [("Alex",)]


def people_in(database: Database) -> list[str]:
    with database.unit_of_work() as uow:
        return [p.name for p in uow.people.list_all()]


# Folder names that are URL syntax: '#' starts a fragment, '?' a query, '%41' decodes to 'A'.
@pytest.mark.parametrize("folder_name", ["data", "Diary #2", "what?", "50% done", "a%41b"])
def test_replacing_with_a_backup_keeps_the_state_replaced_twice_over(
    tmp_path: Path, folder_name: str
) -> None:
    db = Database.open(tmp_path / folder_name / "diary.sqlite3")
    with db.unit_of_work() as uow:
        uow.people.add(Person(name="Alex"))
    backup = db.backup(db.path.parent / "backups")
    with db.unit_of_work() as uow:
        uow.people.add(Person(name="Added after the backup"))
    before = db.replace_with(backup)
    assert before is not None
    assert "before-restore" in before.name
    assert people_in(db) == ["Alex"]  # the same Database goes on, on the restored file
    db.close()
    [replaced] = db.path.parent.glob("diary-replaced-*.sqlite3")
    for kept in (before, replaced):
        assert mode(kept) == 0o600
        with sqlite3.connect(kept) as connection:
            assert connection.execute("SELECT count(*) FROM people").fetchone() == (2,)
    assert sorted(p.name for p in tmp_path.iterdir()) == [folder_name]  # no stray files


@pytest.mark.sqlite_only
def test_a_damaged_backup_changes_nothing(database: Database, tmp_path: Path) -> None:
    with database.unit_of_work() as uow:
        uow.people.add(Person(name="Alex"))
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"garbage" * 200)
    with pytest.raises(DataError, match="damaged; nothing was changed"):
        database.replace_with(bad)
    assert people_in(database) == ["Alex"]
    assert not (database.path.parent / "backups").exists()


def test_a_unit_of_work_that_raises_writes_nothing(database: Database) -> None:
    def add_then_fail() -> None:
        with database.unit_of_work() as uow:
            uow.people.add(Person(name="Alex"))
            raise RuntimeError("power cut")

    with pytest.raises(RuntimeError, match="power cut"):
        add_then_fail()
    with database.unit_of_work() as uow:
        assert uow.people.list_all() == []


def test_a_broken_uniqueness_rule_is_a_plain_conflict(database: Database) -> None:
    with database.unit_of_work() as uow:
        uow.people.add(Person(name="Alex"))
    with pytest.raises(ConflictError, match="already exists"), database.unit_of_work() as uow:
        uow.people.add(Person(name="Alex"))


def test_upgrading_a_database_with_data_backs_it_up_and_keeps_every_row(tmp_path: Path) -> None:
    path = tmp_path / "diary.sqlite3"
    old = Database.open(path, migrate=False)
    with old.engine.connect() as connection:
        command.upgrade(alembic_config(connection), "0001")
        connection.commit()
    with sqlite3.connect(path) as raw:
        raw.execute(
            "INSERT INTO people (id, name, condition, kidney_impairment, is_example, created_at,"
            " updated_at) VALUES (1, 'Alex', 'other', 0, 0, '2026-01-01', '2026-01-01')"
        )
        raw.execute(
            "INSERT INTO medicines (id, person_id, name, route, unit, created_at, updated_at)"
            " VALUES (1, 1, 'Baclofen', 'oral', 'mg', '2026-01-01', '2026-01-01')"
        )
    old.close()

    upgraded = Database.open(path)
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert upgraded.current_revision() == head
    with upgraded.unit_of_work() as uow:
        [person] = uow.people.list_all()
        assert person.id is not None
        assert [m.name for m in uow.medicines.list_for(person.id)] == ["Baclofen"]
    upgraded.close()
    [backup] = (tmp_path / "backups").iterdir()
    assert "before-upgrade-0001" in backup.name
    assert mode(backup) == 0o600
    with sqlite3.connect(backup) as raw:
        assert raw.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
        assert raw.execute("SELECT name FROM medicines").fetchall() == [("Baclofen",)]


def test_an_upgrade_that_fails_its_checks_leaves_the_file_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "diary.sqlite3"
    old = Database.open(path, migrate=False)
    with old.engine.connect() as connection:
        command.upgrade(alembic_config(connection), "0002")
        connection.commit()
    old.close()
    with sqlite3.connect(path) as raw:  # a dangling row, as a faulty step might leave
        raw.execute(
            "INSERT INTO medicines (person_id, name, route, unit, created_at, updated_at)"
            " VALUES (999, 'X', 'oral', 'mg', '2026-01-01', '2026-01-01')"
        )
    for _attempt in range(2):  # and again on the next start: never half-upgraded
        with pytest.raises(DataError, match="1 broken links"):
            Database.open(path)
        with sqlite3.connect(path) as raw:
            assert raw.execute("SELECT version_num FROM alembic_version").fetchone() == ("0002",)


def test_ids_are_never_reused(database: Database) -> None:
    with database.unit_of_work() as uow:
        first = uow.people.add(Person(name="A"))
        second = uow.people.add(Person(name="B"))
    with database.unit_of_work() as uow:
        uow.people.delete(second.id)  # type: ignore[arg-type]
        third = uow.people.add(Person(name="C"))
    assert third.id not in (first.id, second.id)


@pytest.mark.parametrize(
    ("pragma", "cause"),
    [
        ("PRAGMA max_page_count=1", "the disk is full"),
        ("PRAGMA query_only=1", "the data folder cannot be written"),
    ],
    ids=["disk-full", "read-only"],
)
@pytest.mark.sqlite_only
def test_a_full_disk_or_read_only_file_is_a_clear_error_and_loses_nothing(
    database: Database, pragma: str, cause: str
) -> None:
    with database.unit_of_work() as uow:
        uow.people.add(Person(name="Saved before"))
    event.listen(database.engine, "connect", lambda dbapi, _record: dbapi.execute(pragma))
    database.engine.dispose()  # new connections get the pragma

    def add_many() -> None:
        with database.unit_of_work() as uow:
            for number in range(300):
                uow.people.add(Person(name=f"Person {number} " + "x" * 80))

    with pytest.raises(DataError, match=cause) as caught:
        add_many()
    assert "Nothing of it was written" in str(caught.value)
    raw = sqlite3.connect(database.path)
    try:
        assert raw.execute("SELECT name FROM people").fetchall() == [("Saved before",)]
        assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    finally:
        raw.close()


def test_a_folder_that_cannot_be_made_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(DataError, match="cannot be used"):
        Database.open(blocker / "data" / "diary.sqlite3")


def test_the_schema_head_constant_is_alembics_head() -> None:
    from spasticity_tracker.storage.database import SCHEMA_HEAD

    assert ScriptDirectory.from_config(alembic_config()).get_current_head() == SCHEMA_HEAD
