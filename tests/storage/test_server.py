"""A shared diary on the real PostgreSQL test server: who sees and changes what is the
server's to enforce. Each check of visibility is made with plain SQL, outside the app."""

from __future__ import annotations

import select
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date, time
from pathlib import Path

import psycopg
import pytest

from spasticity_tracker.domain.entities import (
    Medicine,
    MedicineId,
    Person,
    Regimen,
    ScheduledDose,
    SymptomEntry,
)
from spasticity_tracker.domain.errors import (
    ClashError,
    ConflictError,
    DataError,
    NewerSchemaError,
    NotAllowedError,
    ValidationError,
)
from spasticity_tracker.domain.ingredients import Ingredient
from spasticity_tracker.domain.scales import Form
from spasticity_tracker.services.demo import DemoService
from spasticity_tracker.services.diary import DiaryService
from spasticity_tracker.services.medicines import MedicineService
from spasticity_tracker.services.people import PeopleService
from spasticity_tracker.services.reminders import ReminderChoices, ReminderService
from spasticity_tracker.services.sharing import SharingService
from spasticity_tracker.services.summary import SummaryService
from spasticity_tracker.storage.database import Database
from spasticity_tracker.storage.server import PasswordNeededError, ServerError, shown_url
from tests import server as test_server
from tests.conftest import NOW, fixed_clock

pytestmark = pytest.mark.server

CARER = test_server.CARER
CLINICIAN = test_server.CLINICIAN
OWNER = test_server.OWNER


OpenAs = Callable[[str], Database]


@pytest.fixture
def open_as(server: Path, server_diary: str) -> Iterator[OpenAs]:
    """Open the test diary as a login; every database opened is closed at the end."""
    opened: list[Database] = []

    def open_database(login: str) -> Database:
        database = Database.connect(test_server.url(server, server_diary, login))
        opened.append(database)
        return database

    yield open_database
    for database in opened:
        database.close()


def plain(server: Path, diary: str, login: str) -> psycopg.Connection:
    """A connection as a login with psycopg alone: what any program of that login would see."""
    return psycopg.connect(host=str(server), dbname=diary, user=login, autocommit=True)


def names_seen(server: Path, diary: str, login: str) -> set[str]:
    with plain(server, diary, login) as connection:
        return {row[0] for row in connection.execute("SELECT name FROM people")}


def entries_seen(server: Path, diary: str, login: str) -> int:
    with plain(server, diary, login) as connection:
        row = connection.execute("SELECT count(*) FROM symptom_entries").fetchone()
        assert row is not None
        return int(row[0])


def person_with_an_entry(database: Database, name: str) -> Person:
    person = PeopleService(database, fixed_clock).add_person(Person(name=name)).value
    assert person.id is not None
    DiaryService(database, fixed_clock).log_entry(
        SymptomEntry(person_id=person.id, recorded_at=NOW, stiffness=5, note="private words")
    )
    return person


def test_a_login_sees_only_the_people_it_made_and_those_shared_with_it(
    open_as: OpenAs, server: Path, server_diary: str
) -> None:
    person_with_an_entry(open_as(CARER), "Alex")
    person_with_an_entry(open_as(CLINICIAN), "Blake")

    assert names_seen(server, server_diary, CARER) == {"Alex"}
    assert names_seen(server, server_diary, CLINICIAN) == {"Blake"}
    assert entries_seen(server, server_diary, CARER) == 1
    # Every table that holds a person's data, not only people.
    with plain(server, server_diary, CLINICIAN) as connection:
        rows = connection.execute(
            "SELECT count(*) FROM symptom_entries e JOIN people p ON p.id = e.person_id "
            "WHERE p.name = 'Alex'"
        ).fetchone()
        assert rows == (0,)
        audit = connection.execute("SELECT DISTINCT login FROM audit_log").fetchall()
        assert audit == [(CLINICIAN,)]


def test_sharing_shows_a_diary_to_a_login_and_unsharing_hides_it_again(
    open_as: OpenAs, server: Path, server_diary: str
) -> None:
    person_with_an_entry(open_as(CARER), "Alex")
    sharing = SharingService(open_as(CARER), fixed_clock)

    shared = sharing.share("Alex", CLINICIAN, read_only=True)

    assert shared.warning == ""  # CONNECT is PUBLIC's on the test server
    assert names_seen(server, server_diary, CLINICIAN) == {"Alex"}
    assert entries_seen(server, server_diary, CLINICIAN) == 1
    assert [(s.login, s.read_only) for s in sharing.shares("Alex")] == [(CLINICIAN, True)]

    assert sharing.unshare("Alex", CLINICIAN) is True
    assert names_seen(server, server_diary, CLINICIAN) == set()
    assert entries_seen(server, server_diary, CLINICIAN) == 0
    assert sharing.unshare("Alex", CLINICIAN) is False


def test_only_the_login_that_made_a_diary_may_share_it(open_as: OpenAs) -> None:
    person_with_an_entry(open_as(CARER), "Alex")
    SharingService(open_as(CARER), fixed_clock).share("Alex", CLINICIAN)

    with pytest.raises(NotAllowedError):
        SharingService(open_as(CLINICIAN), fixed_clock).share("Alex", OWNER)


def test_a_share_names_a_real_login(open_as: OpenAs) -> None:
    person_with_an_entry(open_as(CARER), "Alex")
    with pytest.raises(ValidationError, match="no login called 'nobody'"):
        SharingService(open_as(CARER), fixed_clock).share("Alex", "nobody")


def test_a_read_only_login_reads_and_summarises_but_every_write_is_refused_by_the_server(
    open_as: OpenAs, server: Path, server_diary: str
) -> None:
    alex = person_with_an_entry(open_as(CARER), "Alex")
    assert alex.id is not None
    SharingService(open_as(CARER), fixed_clock).share("Alex", CLINICIAN, read_only=True)
    clinician = open_as(CLINICIAN)

    figures = SummaryService(clinician, fixed_clock).figures(
        alex.id, date(2026, 3, 1), date(2026, 3, 15)
    )
    assert figures.days_with_entries == 1
    diary = DiaryService(clinician, fixed_clock)
    with pytest.raises(NotAllowedError, match=f"{CLINICIAN} may read this diary but not change"):
        diary.log_entry(SymptomEntry(person_id=alex.id, recorded_at=NOW, stiffness=2))
    [entry] = diary.entries(alex.id)
    with pytest.raises(NotAllowedError):
        diary.update(replace(entry, stiffness=1))
    assert entry.id is not None
    with pytest.raises(NotAllowedError):
        diary.delete(SymptomEntry, entry.id)
    # The server refuses it to any program, not only to the app.
    with plain(server, server_diary, CLINICIAN) as connection:
        for statement in (
            "UPDATE symptom_entries SET stiffness = 1",
            "DELETE FROM symptom_entries",
            f"INSERT INTO symptom_entries (person_id, recorded_at, stiffness, note, created_at, "
            f"updated_at) VALUES ({alex.id}, now(), 3, '', now(), now())",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                connection.execute(statement)
    assert entries_seen(server, server_diary, CARER) == 1
    assert [e.stiffness for e in DiaryService(open_as(CARER), fixed_clock).entries(alex.id)] == [5]


def test_a_login_may_write_to_a_diary_shared_with_it(open_as: OpenAs) -> None:
    alex = person_with_an_entry(open_as(CARER), "Alex")
    assert alex.id is not None
    SharingService(open_as(CARER), fixed_clock).share("Alex", CLINICIAN)

    DiaryService(open_as(CLINICIAN), fixed_clock).log_entry(
        SymptomEntry(person_id=alex.id, recorded_at=NOW, stiffness=3)
    )

    entries = DiaryService(open_as(CARER), fixed_clock).entries(alex.id)
    assert sorted(e.stiffness for e in entries) == [3, 5]


def test_two_saves_of_the_same_record_never_lose_one_the_second_is_told_who_and_what(
    open_as: OpenAs,
) -> None:
    alex = person_with_an_entry(open_as(CARER), "Alex")
    assert alex.id is not None
    SharingService(open_as(CARER), fixed_clock).share("Alex", CLINICIAN)
    mine = DiaryService(open_as(CARER), fixed_clock)
    theirs = DiaryService(open_as(CLINICIAN), fixed_clock)
    [seen_by_me] = mine.entries(alex.id)
    [seen_by_them] = theirs.entries(alex.id)

    theirs.update(replace(seen_by_them, stiffness=8, pain=2))
    with pytest.raises(ClashError) as clash:
        mine.update(replace(seen_by_me, stiffness=4))

    message = str(clash.value)
    assert f"changed by {CLINICIAN} meanwhile" in message
    assert "stiffness: 8 saved, 4 yours" in message
    assert "pain: 2 saved, nothing yours" in message
    assert "private words" not in message
    [stored] = mine.entries(alex.id)
    assert (stored.stiffness, stored.pain, stored.version) == (8, 2, 2)
    # Read again, the change goes through.
    assert mine.update(replace(stored, stiffness=4)).value.version == 3


def test_the_audit_records_who_inserted_changed_and_deleted_what(
    open_as: OpenAs, server: Path, server_diary: str
) -> None:
    alex = person_with_an_entry(open_as(CARER), "Alex")
    assert alex.id is not None
    SharingService(open_as(CARER), fixed_clock).share("Alex", CLINICIAN)
    diary = DiaryService(open_as(CLINICIAN), fixed_clock)
    [entry] = diary.entries(alex.id)
    diary.update(replace(entry, stiffness=7))
    assert entry.id is not None
    diary.delete(SymptomEntry, entry.id)

    with plain(server, server_diary, OWNER) as connection:
        rows = connection.execute(
            "SELECT login, action, version FROM audit_log "
            "WHERE table_name = 'symptom_entries' AND row_id = %s ORDER BY id",
            (entry.id,),
        ).fetchall()
    assert rows == [(CARER, "insert", 1), (CLINICIAN, "update", 2), (CLINICIAN, "delete", 2)]


def test_only_the_schema_owner_sets_up_or_upgrades_a_shared_diary(server: Path) -> None:
    name = test_server.new_diary(server)
    empty = f"{name}_empty"
    try:
        with test_server.admin(server) as connection:
            connection.execute(f"CREATE DATABASE {empty} OWNER {OWNER}")
        with pytest.raises(DataError, match=f"has no diary yet. Only its owner, {OWNER}, may"):
            Database.connect(test_server.url(server, empty, CARER))
        with test_server.admin(server, name) as connection:
            connection.execute("UPDATE alembic_version SET version_num = '0007'")
        with pytest.raises(DataError, match=r"older version of Spasticity Tracker \(schema 0007\)"):
            Database.connect(test_server.url(server, name, CARER))

        Database.connect(test_server.url(server, empty, OWNER)).close()
        fresh = Database.connect(test_server.url(server, empty, CARER))
        fresh.close()
    finally:
        test_server.drop_diary(server, empty)
        test_server.drop_diary(server, name)


def test_a_password_is_asked_for_and_a_wrong_one_said_so(server: Path, server_diary: str) -> None:
    address = test_server.url(server, server_diary, test_server.WITH_PASSWORD)
    with pytest.raises(PasswordNeededError) as needed:
        Database.connect(address)
    assert needed.value.refused is False
    with pytest.raises(PasswordNeededError) as wrong:
        Database.connect(address, password="wrong")
    assert wrong.value.refused is True
    assert "wrong" not in str(wrong.value)

    Database.connect(address, password=test_server.PASSWORD).close()


def test_a_server_that_is_not_there_is_a_plain_error(tmp_path: Path) -> None:
    with pytest.raises(ServerError, match="cannot be opened"):
        Database.connect(f"postgresql://nobody@/diary?host={tmp_path}")
    with pytest.raises(ServerError, match="Only PostgreSQL"):
        Database.connect("mysql://me@host/diary")


def test_a_shown_address_never_shows_the_password() -> None:
    assert shown_url("postgresql://carer:secret@db.example/diary") == (
        "postgresql://carer:***@db.example/diary"
    )


def test_backups_of_a_shared_diary_are_the_servers(open_as: OpenAs, tmp_path: Path) -> None:
    with pytest.raises(DataError, match="pg_dump"):
        open_as(OWNER).backup(tmp_path)


def test_a_change_by_another_login_is_noticed_and_ones_own_is_not(open_as: OpenAs) -> None:
    carer = open_as(CARER)
    alex = person_with_an_entry(carer, "Alex")
    blake = person_with_an_entry(carer, "Blake")
    assert alex.id is not None
    assert blake.id is not None
    SharingService(carer, fixed_clock).share("Alex", CLINICIAN)
    listener = carer.listen()
    assert listener is not None
    try:
        DiaryService(carer, fixed_clock).log_entry(
            SymptomEntry(person_id=blake.id, recorded_at=NOW, stiffness=1)
        )
        DiaryService(open_as(CLINICIAN), fixed_clock).log_entry(
            SymptomEntry(person_id=alex.id, recorded_at=NOW, stiffness=2)
        )
        ready, _, _ = select.select([listener.fileno()], [], [], 10)
        assert ready
        noticed = listener.poll()
        while select.select([listener.fileno()], [], [], 0.2)[0]:
            noticed |= listener.poll()
    finally:
        listener.close()
    assert noticed == {(alex.id, "symptom_entries")}


def test_a_diary_file_has_no_notices(tmp_path: Path) -> None:
    database = Database.open(tmp_path / "diary.sqlite3")
    try:
        assert database.listen() is None
    finally:
        database.close()


def test_a_change_made_outside_the_app_moves_the_version_on_too(
    open_as: OpenAs, server: Path, server_diary: str
) -> None:
    alex = person_with_an_entry(open_as(CARER), "Alex")
    assert alex.id is not None
    diary = DiaryService(open_as(CARER), fixed_clock)
    [seen] = diary.entries(alex.id)
    with plain(server, server_diary, CARER) as connection:
        connection.execute("UPDATE symptom_entries SET stiffness = 9")

    with pytest.raises(ClashError, match=f"changed by {CARER} meanwhile.*stiffness: 9 saved, 2"):
        diary.update(replace(seen, stiffness=2))


def test_reminders_are_for_the_diaries_a_login_may_change_not_those_it_only_reads(
    open_as: OpenAs,
) -> None:
    carer = open_as(CARER)
    alex = person_with_an_entry(carer, "Alex")
    assert alex.id is not None
    MedicineService(carer, fixed_clock).add_medicine(
        Medicine(
            person_id=alex.id, name="Baclofen", ingredient=Ingredient.BACLOFEN, form=Form.TABLET
        ),
        Regimen(
            medicine_id=MedicineId(0),
            start_date=date(2026, 1, 1),
            doses=(ScheduledDose(time_of_day=time(8), amount=10.0),),
        ),
    )
    sharing = SharingService(carer, fixed_clock)
    sharing.share("Alex", CLINICIAN, read_only=True)

    def due_for(login: str) -> list[str]:
        check = ReminderService(open_as(login), fixed_clock).check(None, ReminderChoices())
        return [person.name for person, _reminder in check.due]

    assert due_for(CARER) == ["Alex"]
    assert due_for(CLINICIAN) == []
    sharing.share("Alex", CLINICIAN)  # now to read and change
    assert due_for(CLINICIAN) == ["Alex"]


def test_a_name_taken_by_a_diary_not_shared_is_said_plainly(open_as: OpenAs) -> None:
    person_with_an_entry(open_as(CARER), "Alex")
    with pytest.raises(ConflictError, match="'Alex' already exists in this shared diary"):
        PeopleService(open_as(CLINICIAN), fixed_clock).add_person(Person(name="Alex"))


def test_a_new_diary_is_its_makers_and_stays_theirs(
    open_as: OpenAs, server: Path, server_diary: str
) -> None:
    open_as(CARER)  # the schema is there
    with plain(server, server_diary, CARER) as connection:
        connection.execute(
            "INSERT INTO people (name, condition, kidney_impairment, is_example, questions, "
            "hospital_number, owner, created_at, updated_at) "
            "VALUES ('Alex', 'other', false, false, '', '', 'clinician', now(), now())"
        )
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            connection.execute("UPDATE people SET owner = 'clinician'")
    assert names_seen(server, server_diary, CARER) == {"Alex"}
    assert names_seen(server, server_diary, CLINICIAN) == set()


def test_a_lost_notice_connection_is_said_and_listens_again(
    open_as: OpenAs, server: Path, server_diary: str
) -> None:
    carer = open_as(CARER)
    alex = person_with_an_entry(carer, "Alex")
    assert alex.id is not None
    SharingService(carer, fixed_clock).share("Alex", CLINICIAN)
    listener = carer.listen()
    assert listener is not None
    try:
        with test_server.admin(server) as connection:
            connection.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = %s AND application_name = 'Spasticity Tracker (notices)'",
                (server_diary,),
            )
        assert select.select([listener.fileno()], [], [], 10)[0]
        with pytest.raises(ServerError, match="was lost"):
            listener.poll()

        listener.reopen()
        DiaryService(open_as(CLINICIAN), fixed_clock).log_entry(
            SymptomEntry(person_id=alex.id, recorded_at=NOW, stiffness=2)
        )
        assert select.select([listener.fileno()], [], [], 10)[0]
        assert (alex.id, "symptom_entries") in listener.poll()
    finally:
        listener.close()


def test_a_shared_diary_from_a_newer_app_is_refused_and_left_alone(
    server: Path, server_diary: str
) -> None:
    with test_server.admin(server, server_diary) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0099'")
    with pytest.raises(NewerSchemaError, match=r"newer version.*nothing was changed"):
        Database.connect(test_server.url(server, server_diary, OWNER))
    with test_server.admin(server, server_diary) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == ("0099",)


PERSON_TABLES = (
    "people",
    "carers",
    "medicines",
    "regimens",
    "regimen_doses",
    "dose_records",
    "symptom_entries",
    "side_effect_reports",
    "events",
    "appointments",
    "ashworth_scores",
    "goals",
    "check_ins",
    "pump_refills",
    "toxin_injections",
)


def rows_seen(server: Path, diary: str, login: str) -> dict[str, int]:
    with plain(server, diary, login) as connection:
        counts = {}
        for table in PERSON_TABLES:
            row = connection.execute(f"SELECT count(*) FROM {table}").fetchone()
            assert row is not None
            counts[table] = int(row[0])
        return counts


def test_every_table_of_a_diary_is_hidden_from_a_login_it_is_not_shared_with(
    open_as: OpenAs, server: Path, server_diary: str
) -> None:
    DemoService(open_as(CARER)).create_demo_person("Alex", years=1.5, seed=2)
    with plain(server, server_diary, CARER) as connection:
        # What the example diary lacks, so that every table has rows to hide.
        connection.execute(
            "INSERT INTO pump_refills (medicine_id, refill_date, next_due, note, created_at, "
            "updated_at) SELECT id, '2026-01-01', '2026-04-01', '', now(), now() "
            "FROM medicines LIMIT 1"
        )
        connection.execute(
            "INSERT INTO toxin_injections (person_id, day, product, muscles, given_by, note, "
            "created_at, updated_at) SELECT id, '2026-01-01', 'other', '', '', '', now(), now() "
            "FROM people"
        )
    mine = rows_seen(server, server_diary, CARER)
    assert all(count > 0 for count in mine.values()), mine

    assert rows_seen(server, server_diary, CLINICIAN) == dict.fromkeys(PERSON_TABLES, 0)
    SharingService(open_as(CARER), fixed_clock).share("Alex", CLINICIAN, read_only=True)
    assert rows_seen(server, server_diary, CLINICIAN) == mine


def test_who_a_diary_is_shared_with_is_seen_only_by_its_maker_and_the_login_itself(
    open_as: OpenAs, server: Path, server_diary: str
) -> None:
    person_with_an_entry(open_as(CARER), "Alex")
    SharingService(open_as(CARER), fixed_clock).share("Alex", CLINICIAN, read_only=True)
    query = "SELECT login FROM diary_shares"

    with plain(server, server_diary, CARER) as connection:
        assert connection.execute(query).fetchall() == [(CLINICIAN,)]
    with plain(server, server_diary, CLINICIAN) as connection:
        assert connection.execute(query).fetchall() == [(CLINICIAN,)]
    with psycopg.connect(
        host=str(server),
        dbname=server_diary,
        user=test_server.WITH_PASSWORD,
        password=test_server.PASSWORD,
        autocommit=True,
    ) as connection:
        assert connection.execute(query).fetchall() == []


def test_a_password_is_taken_from_pgpassword_or_a_pgpass_file_as_libpq_does(
    server: Path, server_diary: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    address = test_server.url(server, server_diary, test_server.WITH_PASSWORD)
    monkeypatch.setenv("PGPASSWORD", test_server.PASSWORD)
    Database.connect(address).close()

    monkeypatch.delenv("PGPASSWORD")
    pgpass = tmp_path / "pgpass"
    pgpass.write_text(f"*:*:{server_diary}:{test_server.WITH_PASSWORD}:{test_server.PASSWORD}\n")
    pgpass.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(pgpass))
    Database.connect(address).close()
