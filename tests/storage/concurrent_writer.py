"""One of two processes writing the same shared diary at once (test_server_concurrency.py).

Each adds its own entries and counts up a shared entry's note, reading it afresh and saving
again whenever its save clashes with the other's. Prints how many clashes it met.
"""

from __future__ import annotations

import sys
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from spasticity_tracker.domain.entities import PersonId, SymptomEntry, SymptomEntryId
from spasticity_tracker.domain.errors import ConflictError
from spasticity_tracker.services.diary import DiaryService
from spasticity_tracker.storage.database import Database


def main(url: str, person_id: int, shared_id: int, rounds: int, offset: int, go: Path) -> None:
    database = Database.connect(url)
    diary = DiaryService(database)
    clashes = 0
    print("ready", flush=True)
    while not go.exists():  # both start together, so that their saves interleave
        time.sleep(0.005)
    try:
        for index in range(rounds):
            diary.log_entry(
                SymptomEntry(
                    person_id=PersonId(person_id),
                    recorded_at=datetime(2026, 1, 1, tzinfo=UTC)
                    + timedelta(minutes=offset + index),
                    stiffness=index % 11,
                )
            )
            while True:
                with database.unit_of_work() as uow:
                    current = uow.entries.get(SymptomEntryId(shared_id))
                try:
                    diary.update(replace(current, note=str(int(current.note) + 1)))
                    break
                except ConflictError:
                    clashes += 1
    finally:
        database.close()
    print(clashes)


if __name__ == "__main__":
    url, person, shared, rounds, offset, go = sys.argv[1:]
    main(url, int(person), int(shared), int(rounds), int(offset), Path(go))
