"""Two processes writing the same shared diary at once: nothing lost, nothing doubled."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from spasticity_tracker.domain.entities import Person, SymptomEntry
from spasticity_tracker.services.diary import DiaryService
from spasticity_tracker.services.people import PeopleService
from spasticity_tracker.services.sharing import SharingService
from spasticity_tracker.storage.database import Database
from tests import server as test_server
from tests.conftest import NOW, fixed_clock

pytestmark = pytest.mark.server

ROUNDS = 150
ROOT = Path(__file__).parents[2]


def test_two_processes_writing_one_diary_lose_no_update(
    server: Path, server_diary: str, tmp_path: Path
) -> None:
    carer = test_server.url(server, server_diary, test_server.CARER)
    other = test_server.url(server, server_diary, test_server.CLINICIAN)
    database = Database.connect(carer)
    try:
        person = PeopleService(database, fixed_clock).add_person(Person(name="Alex")).value
        assert person.id is not None
        shared = (
            DiaryService(database, fixed_clock)
            .log_entry(SymptomEntry(person_id=person.id, recorded_at=NOW, stiffness=5, note="0"))
            .value
        )
        assert shared.id is not None
        SharingService(database, fixed_clock).share("Alex", test_server.CLINICIAN)

        writers = [
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "tests.storage.concurrent_writer",
                    url,
                    str(person.id),
                    str(shared.id),
                    str(ROUNDS),
                    str(offset),
                    str(tmp_path / "go"),
                ],
                cwd=ROOT,
                stdout=subprocess.PIPE,
                text=True,
            )
            for url, offset in ((carer, 0), (other, 10_000))
        ]
        for writer in writers:
            assert writer.stdout is not None
            assert writer.stdout.readline().strip() == "ready"
        (tmp_path / "go").touch()
        clashes = []
        for writer in writers:
            out, _ = writer.communicate(timeout=300)
            assert writer.returncode == 0
            clashes.append(int(out))  # how often each was told of the other's save

        entries = DiaryService(database, fixed_clock).entries(person.id)
    finally:
        database.close()

    [counted] = [entry for entry in entries if entry.id == shared.id]
    # Every one of the 2 x ROUNDS increments is in the count: a clash was told and saved again.
    assert counted.note == str(2 * ROUNDS)
    assert counted.version == 2 * ROUNDS + 1
    assert len(entries) == 1 + 2 * ROUNDS
    assert len({entry.recorded_at for entry in entries}) == len(entries)
