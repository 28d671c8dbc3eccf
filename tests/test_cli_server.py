"""The command line on a shared diary: --database (or its environment variable), share and
unshare, and a read-only login's refusals, against the real test server."""

from __future__ import annotations

from pathlib import Path

import pytest

from spasticity_tracker import cli
from spasticity_tracker.services.diary import DiaryService
from spasticity_tracker.services.people import PeopleService
from spasticity_tracker.storage.database import Database
from spasticity_tracker.storage.server import DATABASE_ENV
from tests import server as test_server
from tests.engines import server, server_diary

__all__ = ["server", "server_diary"]

pytestmark = pytest.mark.server


@pytest.fixture
def address(server: Path, server_diary: str) -> dict[str, str]:
    """The test diary's address for each login."""
    return {
        login: test_server.url(server, server_diary, login)
        for login in (test_server.OWNER, test_server.CARER, test_server.CLINICIAN)
    }


def run(*argv: str) -> int:
    return cli.main(list(argv))


def test_a_diary_is_made_shared_and_read_by_a_clinician_who_cannot_change_it(
    address: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    carer = address[test_server.CARER]
    clinician = address[test_server.CLINICIAN]
    assert run("--database", carer, "demo", "--person", "Sam", "--years", "0.2") == 0
    assert "in the shared diary postgresql://carer_one@/" in capsys.readouterr().out

    assert (
        run("--database", carer, "share", "--person", "Sam", "--with", "clinician", "--read-only")
        == 0
    )
    assert "Shared Sam's diary with clinician, to read only." in capsys.readouterr().out
    assert run("--database", clinician, "share", "--person", "Sam") == 0
    assert capsys.readouterr().out == "clinician (read-only)\n"

    pdf = tmp_path / "sam.pdf"
    assert run("--database", clinician, "summary", "--person", "Sam", "--output", str(pdf)) == 0
    assert pdf.read_bytes()[:5] == b"%PDF-"
    csv = tmp_path / "one.csv"
    csv.write_text("date,stiffness\n2026-03-01,5\n", encoding="utf-8")
    capsys.readouterr()
    assert run("--database", clinician, "import", str(csv), "--person", "Sam") == 1
    error = capsys.readouterr().err
    assert error.startswith("error: clinician may read this diary but not change it")
    assert "Traceback" not in error

    assert run("--database", carer, "unshare", "--person", "Sam", "--with", "clinician") == 0
    assert "no longer shared with clinician" in capsys.readouterr().out
    assert run("--database", clinician, "summary", "--person", "Sam", "--output", str(pdf)) == 1
    assert "no person called 'Sam'" in capsys.readouterr().err


def test_the_environment_names_the_diary_and_the_option_wins(
    address: dict[str, str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(DATABASE_ENV, address[test_server.CARER])
    assert run("demo", "--person", "Sam", "--years", "0.1") == 0
    capsys.readouterr()
    assert run("--database", address[test_server.CLINICIAN], "share", "--person", "Sam") == 1
    assert "no person called 'Sam'" in capsys.readouterr().err
    assert run("share", "--person", "Sam") == 0
    assert capsys.readouterr().out == "Sam's diary is shared with nobody.\n"


def test_sharing_a_diary_file_is_a_plain_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(DATABASE_ENV, raising=False)
    code = run("--data-dir", str(tmp_path), "share", "--person", "Sam", "--with", "carer_one")
    assert code == 1
    assert "sharing needs a shared diary on a PostgreSQL server" in capsys.readouterr().err


def test_a_login_without_its_password_is_told_plainly(
    server: Path, server_diary: str, capsys: pytest.CaptureFixture[str]
) -> None:
    address = test_server.url(server, server_diary, test_server.WITH_PASSWORD)
    assert run("--database", address, "export", "/nonexistent") == 1
    assert capsys.readouterr().err.startswith("error: The server postgresql://night_nurse@/")


def test_an_import_by_a_login_it_was_shared_with_is_entered_by_that_login(
    address: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    carer = address[test_server.CARER]
    assert run("--database", carer, "demo", "--person", "Sam", "--years", "0.1") == 0
    assert run("--database", carer, "share", "--person", "Sam", "--with", "clinician") == 0
    csv = tmp_path / "one.csv"
    csv.write_text("date,stiffness\n2026-03-01,5\n", encoding="utf-8")
    assert (
        run("--database", address[test_server.CLINICIAN], "import", str(csv), "--person", "Sam")
        == 0
    )
    capsys.readouterr()

    database = Database.connect(carer)
    try:
        people = PeopleService(database)
        sam = people.find_person("Sam")
        assert sam is not None
        assert sam.id is not None
        names = {carer.id: carer.name for carer in people.carers(sam.id)}
        entries = DiaryService(database).entries(sam.id)
        [entry] = [
            e for e in entries if e.recorded_at.astimezone().date().isoformat() == "2026-03-01"
        ]
        assert entry.entered_by is not None
        assert names[entry.entered_by] == test_server.CLINICIAN
    finally:
        database.close()
