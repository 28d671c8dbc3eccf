"""Migration 0007: appointments already there get an empty service, no next date, no scores and
no goals, and can then be given them; check-ins can be added."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date
from pathlib import Path

from alembic import command

from spasticity_tracker.domain.entities import (
    AppointmentId,
    AshworthScore,
    CarerId,
    Goal,
    PersonId,
)
from spasticity_tracker.domain.scales import Ashworth, BodySide
from spasticity_tracker.services.appointments import AppointmentService, CheckInAnswers
from spasticity_tracker.storage.database import SCHEMA_HEAD, Database, alembic_config
from tests.conftest import fixed_clock

STAMP = "'2026-01-01 00:00:00'"
TODAY = date(2026, 3, 15)


def old_diary(path: Path) -> None:
    """A diary at schema 0006: Alex, a carer, and an appointment the carer entered."""
    old = Database.open(path, migrate=False)
    with old.engine.connect() as connection:
        command.upgrade(alembic_config(connection), "0006")
        connection.commit()
    old.close()
    with sqlite3.connect(path) as raw:
        raw.execute(
            "INSERT INTO people (id, name, condition, kidney_impairment, is_example, questions,"
            " hospital_number, created_at, updated_at)"
            f" VALUES (1, 'Alex', 'other', 0, 0, '', '', {STAMP}, {STAMP})"
        )
        raw.execute(
            "INSERT INTO carers (id, person_id, name, created_at, updated_at)"
            f" VALUES (2, 1, 'Jo', {STAMP}, {STAMP})"
        )
        raw.execute(
            "INSERT INTO appointments (id, person_id, day, clinician, notes, entered_by_carer_id,"
            f" created_at, updated_at) VALUES (5, 1, '2026-03-02', 'Dr Lewis', 'Review in June',"
            f" 2, {STAMP}, {STAMP})"
        )


def test_an_old_appointment_reads_back_with_nothing_new_and_can_be_given_it(
    tmp_path: Path,
) -> None:
    path = tmp_path / "diary.sqlite3"
    old_diary(path)
    database = Database.open(path)  # migrates to the newest schema
    try:
        service = AppointmentService(database, fixed_clock)
        [old] = service.appointments(PersonId(1))
        assert (old.id, old.day, old.clinician, old.notes, old.entered_by) == (
            AppointmentId(5),
            date(2026, 3, 2),
            "Dr Lewis",
            "Review in June",
            CarerId(2),
        )
        assert (old.service, old.next_day, old.ashworth, old.goals) == ("", None, (), ())

        scores = (AshworthScore("Calf", BodySide.RIGHT, Ashworth.ONE_PLUS),)
        goals = (Goal("Walk to the shop"), Goal("Sleep through the night"))
        service.save(
            replace(
                old,
                service="Spasticity clinic",
                next_day=date(2026, 6, 1),
                ashworth=scores,
                goals=goals,
            )
        )
        service.check_in(PersonId(1), CheckInAnswers(pgic=4, ratings=(0, None)), CarerId(2))
        [updated] = service.appointments(PersonId(1))
        cycle = service.cycle(PersonId(1))
        with sqlite3.connect(path) as raw:
            [(version,)] = raw.execute("SELECT version_num FROM alembic_version").fetchall()
    finally:
        database.close()
    assert version == SCHEMA_HEAD
    assert (updated.id, updated.service, updated.next_day, updated.ashworth) == (
        AppointmentId(5),
        "Spasticity clinic",
        date(2026, 6, 1),
        scores,
    )
    assert updated.goals == (replace(goals[0], rating=0, rated_on=TODAY), goals[1])
    assert cycle.check_in is not None
    assert (cycle.check_in.day, cycle.check_in.pgic, cycle.check_in.entered_by) == (
        TODAY,
        4,
        CarerId(2),
    )
