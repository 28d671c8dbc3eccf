"""Migration 0005: medicines get an ingredient and a form; toxin events become injections."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest
from alembic import command

from spasticity_tracker.domain.ingredients import Ingredient
from spasticity_tracker.domain.scales import Form, ToxinProduct
from spasticity_tracker.storage.database import Database, alembic_config

STAMP = "'2026-01-01 00:00:00'"
# (name, route) as diaries kept them before, and what the upgrade makes of them.
OLD_MEDICINES = {
    "Baclofen": ("oral", Ingredient.BACLOFEN, Form.TABLET, True),
    "Lyflex": ("oral", Ingredient.BACLOFEN, Form.ORAL_LIQUID, True),
    "Baclophen": ("oral", Ingredient.BACLOFEN, Form.TABLET, False),
    "Gablofen": ("intrathecal", Ingredient.BACLOFEN, Form.INTRATHECAL_PUMP, True),
    "THC:CBD spray": ("oromucosal_spray", Ingredient.NABIXIMOLS, Form.SPRAY, True),
    "Vitamin D": ("oral", Ingredient.OTHER, Form.TABLET, False),
}


def old_diary(path: Path) -> None:
    """A diary at schema 0004 with one person, their medicines and a toxin event."""
    old = Database.open(path, migrate=False)
    with old.engine.connect() as connection:
        command.upgrade(alembic_config(connection), "0004")
        connection.commit()
    old.close()
    with sqlite3.connect(path) as raw:
        raw.execute(
            "INSERT INTO people (id, name, condition, kidney_impairment, is_example, questions,"
            f" created_at, updated_at) VALUES (1, 'Alex', 'other', 0, 0, '', {STAMP}, {STAMP})"
        )
        for index, (name, (route, *_)) in enumerate(OLD_MEDICINES.items(), start=1):
            unit = {"intrathecal": "mcg/day", "oromucosal_spray": "sprays"}.get(route, "mg")
            raw.execute(
                "INSERT INTO medicines (id, person_id, name, route, unit, created_at, updated_at)"
                f" VALUES (?, 1, ?, ?, ?, {STAMP}, {STAMP})",
                (index, name, route, unit),
            )
        for kind in ("botulinum_toxin", "fall"):
            raw.execute(
                "INSERT INTO events (person_id, kind, start_date, note, created_at, updated_at)"
                f" VALUES (1, ?, '2026-02-03', 'left calf', {STAMP}, {STAMP})",
                (kind,),
            )


def test_medicines_are_guessed_and_toxin_events_become_injections(tmp_path: Path) -> None:
    path = tmp_path / "diary.sqlite3"
    old_diary(path)
    database = Database.open(path)
    try:
        with database.unit_of_work() as uow:
            [person] = uow.people.list_all()
            assert person.id is not None
            found = {
                m.name: (m.ingredient, m.form, m.ingredient_confirmed)
                for m in uow.medicines.list_for(person.id)
            }
            [injection] = uow.injections.list_for(person.id)
            events = uow.events.list_for(person.id)
    finally:
        database.close()
    assert found == {name: tuple(expected) for name, (_, *expected) in OLD_MEDICINES.items()}
    assert (injection.day, injection.product, injection.total_units, injection.note) == (
        date(2026, 2, 3),
        ToxinProduct.OTHER,
        None,
        "left calf",
    )
    assert [event.kind.value for event in events] == ["fall"]


def test_the_same_name_in_two_forms_is_allowed_after_the_upgrade(tmp_path: Path) -> None:
    path = tmp_path / "diary.sqlite3"
    old_diary(path)
    Database.open(path).close()
    with sqlite3.connect(path) as raw:
        raw.execute(
            "INSERT INTO medicines (person_id, name, ingredient, form, ingredient_confirmed,"
            f" unit, created_at, updated_at) VALUES (1, 'Baclofen', 'baclofen',"
            f" 'intrathecal_pump', 1, 'mcg/day', {STAMP}, {STAMP})"
        )
        with pytest.raises(sqlite3.IntegrityError):
            raw.execute(
                "INSERT INTO medicines (person_id, name, ingredient, form, ingredient_confirmed,"
                f" unit, created_at, updated_at) VALUES (1, 'Baclofen', 'baclofen', 'tablet', 1,"
                f" 'mg', {STAMP}, {STAMP})"
            )


def test_the_downgrade_puts_routes_and_events_back(tmp_path: Path) -> None:
    path = tmp_path / "diary.sqlite3"
    old_diary(path)
    Database.open(path).close()
    database = Database.open(path, migrate=False)
    with database.engine.connect() as connection:
        raw = connection.connection.driver_connection
        assert raw is not None
        raw.execute("PRAGMA foreign_keys=OFF")
        command.downgrade(alembic_config(connection), "0004")
        connection.commit()
    database.close()
    with sqlite3.connect(path) as raw:
        routes = dict(raw.execute("SELECT name, route FROM medicines").fetchall())
        kinds = sorted(kind for (kind,) in raw.execute("SELECT kind FROM events"))
    assert routes == {name: route for name, (route, *_) in OLD_MEDICINES.items()}
    assert kinds == ["botulinum_toxin", "fall"]
