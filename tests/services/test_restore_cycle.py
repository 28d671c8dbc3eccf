"""The appointment cycle in the JSON export: scores, goals and check-ins restore as they were; a
version 3 file, made before them, restores without them; a wrong goal rating is refused."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from spasticity_tracker import paths
from spasticity_tracker.domain.entities import (
    Appointment,
    AshworthScore,
    Carer,
    Goal,
    Person,
)
from spasticity_tracker.domain.scales import Ashworth, BodySide
from spasticity_tracker.services.appointments import AppointmentService, CheckInAnswers
from spasticity_tracker.services.json_restore import JsonRestoreError
from spasticity_tracker.services.people import PeopleService
from spasticity_tracker.services.transfer import TransferService
from spasticity_tracker.storage.backups import fingerprint
from spasticity_tracker.storage.database import Database
from tests.conftest import fixed_clock
from tests.services.test_restore_json import without_ids

TODAY = date(2026, 3, 15)
SCORES = (
    AshworthScore("Calf", BodySide.RIGHT, Ashworth.ONE_PLUS),
    AshworthScore("Elbow flexors", BodySide.BOTH, Ashworth.TWO),
)
GOALS = (Goal("Walk to the shop", "With one stick"), Goal("Sleep through the night"))


@pytest.fixture
def exported(database: Database, person: Person, carer: Carer, tmp_path: Path) -> dict[str, Any]:
    """Alex's export: an appointment with scores and two goals, the first rated at a check-in
    Jo entered (with a fall)."""
    assert person.id is not None
    service = AppointmentService(database, fixed_clock)
    service.save(
        Appointment(
            person_id=person.id,
            day=date(2026, 3, 2),
            clinician="Dr Lewis",
            service="Spasticity clinic",
            next_day=date(2026, 3, 23),
            ashworth=SCORES,
            goals=GOALS,
            entered_by=carer.id,
        )
    )
    service.check_in(
        person.id, CheckInAnswers(pgic=3, ratings=(1, None), falls=(date(2026, 3, 9),)), carer.id
    )
    files = TransferService(database, fixed_clock).export(tmp_path / "export")
    content: dict[str, Any] = json.loads(next(p for p in files if p.suffix == ".json").read_text())
    return content


def restored_into(folder: Path, content: dict[str, Any]) -> tuple[list[str], dict[str, Any]]:
    """Restore an export into a fresh diary: the names restored, and that diary's own export."""
    other = Database.open(paths.database_path(folder / "data"))
    try:
        transfer = TransferService(other, fixed_clock)
        names = transfer.restore_json(json.dumps(content).encode()).names
        files = transfer.export(folder / "export")
    finally:
        other.close()
    again: dict[str, Any] = json.loads(next(p for p in files if p.suffix == ".json").read_text())
    return names, again


def test_the_export_holds_the_scores_goals_and_check_in(exported: dict[str, Any]) -> None:
    [block] = exported["people"]
    [appointment] = block["appointments"]
    [check_in] = block["check_ins"]
    jo = block["carers"][0]["id"]

    assert exported["version"] == 4
    assert (appointment["service"], appointment["next_day"]) == ("Spasticity clinic", "2026-03-23")
    assert appointment["ashworth"] == [
        {"muscle": "Calf", "side": "right", "score": "1+"},
        {"muscle": "Elbow flexors", "side": "both", "score": "2"},
    ]
    assert appointment["goals"] == [
        {
            "text": "Walk to the shop",
            "expected": "With one stick",
            "rating": 1,
            "rated_on": "2026-03-15",
        },
        {"text": "Sleep through the night", "expected": "", "rating": None, "rated_on": None},
    ]
    assert (check_in["day"], check_in["pgic"], check_in["entered_by"]) == ("2026-03-15", 3, jo)


def test_scores_goals_and_check_ins_restore_as_they_were(
    exported: dict[str, Any], tmp_path: Path
) -> None:
    names, again = restored_into(tmp_path / "other", exported)

    assert names == ["Alex"]
    assert without_ids(again) == without_ids(exported)
    [block] = again["people"]
    jo = block["carers"][0]["id"]
    [appointment] = block["appointments"]
    [check_in] = block["check_ins"]
    [fall] = block["events"]
    assert (appointment["entered_by"], check_in["entered_by"], fall["entered_by"]) == (jo, jo, jo)


def test_the_restored_appointment_reads_back_equal(
    exported: dict[str, Any], database: Database, person: Person, tmp_path: Path
) -> None:
    assert person.id is not None
    [before] = AppointmentService(database, fixed_clock).appointments(person.id)
    other = Database.open(paths.database_path(tmp_path / "other"))
    try:
        TransferService(other, fixed_clock).restore_json(json.dumps(exported).encode())
        alex = PeopleService(other, fixed_clock).find_person("Alex")
        assert alex is not None
        assert alex.id is not None
        [after] = AppointmentService(other, fixed_clock).appointments(alex.id)
        [jo] = PeopleService(other, fixed_clock).carers(alex.id)
        cycle = AppointmentService(other, fixed_clock).cycle(alex.id)
    finally:
        other.close()

    assert replace(after, id=None, person_id=person.id, entered_by=None, version=None) == replace(
        before, id=None, entered_by=None, version=None
    )
    assert after.entered_by == jo.id
    assert after.goals == (replace(GOALS[0], rating=1, rated_on=TODAY), GOALS[1])
    assert cycle.check_in is not None
    assert (cycle.check_in.pgic, cycle.check_in.entered_by) == (3, jo.id)


def test_a_version_3_file_restores_with_no_scores_goals_or_check_ins(
    exported: dict[str, Any], tmp_path: Path
) -> None:
    older = json.loads(json.dumps(exported))
    older["version"] = 3
    [block] = older["people"]
    del block["check_ins"]
    for appointment in block["appointments"]:
        for key in ("service", "next_day", "ashworth", "goals"):
            del appointment[key]

    names, again = restored_into(tmp_path / "other", older)

    assert names == ["Alex"]
    [restored] = again["people"]
    [appointment] = restored["appointments"]
    assert (
        appointment["clinician"],
        appointment["service"],
        appointment["next_day"],
        appointment["ashworth"],
        appointment["goals"],
    ) == ("Dr Lewis", "", None, [], [])
    assert restored["check_ins"] == []
    assert [e["start_date"] for e in restored["events"]] == ["2026-03-09"]


def test_a_goal_rating_outside_minus_2_to_2_is_refused_where_it_is(
    exported: dict[str, Any], tmp_path: Path
) -> None:
    wrong = json.loads(json.dumps(exported))
    wrong["people"][0]["appointments"][0]["goals"][1].update(rating=5, rated_on="2026-03-15")
    other = Database.open(paths.database_path(tmp_path / "other"))
    try:
        with pytest.raises(JsonRestoreError) as refusal:
            TransferService(other, fixed_clock).restore_json(json.dumps(wrong).encode())
        with other.unit_of_work() as uow:
            nobody = uow.people.list_all()
    finally:
        other.close()

    assert refusal.value.problems == [
        "people[0].appointments[0].goals[1]: Goal rating must be a whole number from -2 to 2 "
        "(got 5)"
    ]
    assert nobody == []


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (
            lambda b: b["check_ins"][0].update(day="2026-03-16"),
            "people[0].check_ins[0]: Check-in date cannot be in the future (got 2026-03-16)",
        ),
        (
            lambda b: b["appointments"][0]["goals"][0].update(rated_on="2026-04-01"),
            "people[0].appointments[0]: Goal rating date cannot be in the future (got 2026-04-01)",
        ),
    ],
    ids=["check-in", "goal-rating"],
)
def test_a_check_in_or_a_rating_dated_after_today_is_refused_as_the_app_refuses_it(
    exported: dict[str, Any],
    tmp_path: Path,
    change: Callable[[dict[str, Any]], object],
    problem: str,
) -> None:
    wrong = json.loads(json.dumps(exported))
    change(wrong["people"][0])
    other = Database.open(paths.database_path(tmp_path / "other"))
    try:
        with pytest.raises(JsonRestoreError) as refusal:
            TransferService(other, fixed_clock).restore_json(json.dumps(wrong).encode())
    finally:
        other.close()
    assert refusal.value.problems == [problem]


def test_rating_a_goal_alone_is_a_change_the_backups_see(
    database: Database, person: Person, carer: Carer, exported: dict[str, Any]
) -> None:
    assert person.id is not None
    before = fingerprint(database)
    AppointmentService(database, fixed_clock).check_in(
        person.id, CheckInAnswers(pgic=None, ratings=(None, 2)), carer.id
    )
    assert fingerprint(database) != before
