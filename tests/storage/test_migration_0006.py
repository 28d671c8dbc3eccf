"""Migration 0006: a person's hospital or NHS number, empty for the people already there."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

from alembic import command

from spasticity_tracker.storage.database import Database, alembic_config

STAMP = "'2026-01-01 00:00:00'"


def test_people_already_there_get_an_empty_number_that_can_be_filled_in(
    tmp_path: Path,
) -> None:
    path = tmp_path / "diary.sqlite3"
    old = Database.open(path, migrate=False)
    with old.engine.connect() as connection:
        command.upgrade(alembic_config(connection), "0005")
        connection.commit()
    old.close()
    with sqlite3.connect(path) as raw:
        raw.execute(
            "INSERT INTO people (id, name, condition, kidney_impairment, is_example, questions,"
            f" created_at, updated_at) VALUES (1, 'Alex', 'other', 0, 0, '', {STAMP}, {STAMP})"
        )
    database = Database.open(path)
    try:
        with database.unit_of_work() as uow:
            [person] = uow.people.list_all()
            assert person.hospital_number == ""
            uow.people.update(replace(person, hospital_number="943 476 5919"))
        with database.unit_of_work() as uow:
            [person] = uow.people.list_all()
    finally:
        database.close()
    assert person.hospital_number == "943 476 5919"
