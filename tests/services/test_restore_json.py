"""The JSON export restores every record, with who entered it, into another diary."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from spasticity_tracker import paths
from spasticity_tracker.domain.cautions import CautionKind
from spasticity_tracker.domain.entities import MedicineId, Person, Regimen, ToxinInjection
from spasticity_tracker.domain.ingredients import Ingredient
from spasticity_tracker.domain.scales import EventKind, Form, ToxinProduct
from spasticity_tracker.services.demo import DemoService
from spasticity_tracker.services.json_restore import JsonRestoreError
from spasticity_tracker.services.medicines import MedicineService
from spasticity_tracker.services.people import PeopleService
from spasticity_tracker.services.transfer import TransferService
from spasticity_tracker.storage.database import Database
from tests.builders import baclofen_pump
from tests.conftest import fixed_clock


def without_ids(value: Any) -> Any:
    """The export with ids (which a restore renumbers) left out, lists in a fixed order."""
    if isinstance(value, dict):
        return {
            key: without_ids(item)
            for key, item in value.items()
            if key != "id" and not key.endswith("_id")
        }
    if isinstance(value, list):
        return sorted((without_ids(item) for item in value), key=lambda x: json.dumps(x))
    return value


def test_a_json_export_restores_losslessly(database: Database, tmp_path: Path) -> None:
    demo = DemoService(database, fixed_clock).create_demo_person("Test", years=0.3).value
    assert demo.id is not None
    medicines = MedicineService(database, fixed_clock)
    # The same name in a second form, unconfirmed, and a botulinum toxin injection.
    medicines.add_medicine(
        baclofen_pump(demo.id, "Baclofen", ingredient_confirmed=False),
        Regimen(medicine_id=MedicineId(0), start_date=date(2026, 3, 1), rate_per_day=100.0),
    )
    medicines.record_injection(
        ToxinInjection(
            person_id=demo.id,
            day=date(2026, 2, 2),
            product=ToxinProduct.INCOBOTULINUMTOXIN_A,
            total_units=150.0,
            muscles="Right calf",
            given_by="Dr Lewis",
        )
    )
    first = TransferService(database, fixed_clock).export(tmp_path / "first")
    exported = next(p for p in first if p.suffix == ".json")
    other = Database.open(paths.database_path(tmp_path / "other"))
    try:
        restored = TransferService(other, fixed_clock)
        assert restored.restore_json(exported.read_bytes()).names == ["Test"]
        second = restored.export(tmp_path / "second")
    finally:
        other.close()
    before = json.loads(exported.read_text())
    after = json.loads(next(p for p in second if p.suffix == ".json").read_text())
    assert before["version"] == 4
    assert [i["product"] for i in before["people"][0]["injections"]] == ["incobotulinumtoxinA"]
    assert {(m["name"], m["form"]) for m in before["people"][0]["medicines"]} == {
        ("Baclofen", "tablet"),
        ("Baclofen", "intrathecal_pump"),
    }
    assert without_ids(after) == without_ids(before)
    entries = before["people"][0]["entries"]
    assert any(e["entered_by"] for e in entries)  # a carer's entries, kept as the carer's
    restored_entries = after["people"][0]["entries"]
    carers = {c["id"]: c["name"] for c in after["people"][0]["carers"]}
    assert {carers[e["entered_by"]] for e in restored_entries if e["entered_by"]} == {"Sam"}


def test_the_hospital_number_is_exported_and_restored_and_may_be_left_out(
    database: Database, tmp_path: Path
) -> None:
    people = PeopleService(database, fixed_clock)
    people.add_person(Person(name="Bea", hospital_number="943 476 5919"))
    [exported] = [
        p for p in TransferService(database, fixed_clock).export(tmp_path) if p.suffix == ".json"
    ]
    content = json.loads(exported.read_text())
    [block] = content["people"]
    assert block["person"]["hospital_number"] == "943 476 5919"
    assert content["version"] == 4  # 3 brought the hospital number; an older app says to update
    older = json.loads(exported.read_text())
    older["version"] = 2  # as files made before it was kept
    del older["people"][0]["person"]["hospital_number"]
    older["people"][0]["person"]["name"] = "Cal"
    older["people"][0]["person"]["id"] = 2
    for index, restored in enumerate((content, older)):
        other = Database.open(paths.database_path(tmp_path / f"other-{index}"))
        try:
            TransferService(other, fixed_clock).restore_json(json.dumps(restored).encode())
            [person] = PeopleService(other, fixed_clock).people()
        finally:
            other.close()
        assert person.hospital_number == ("943 476 5919" if index == 0 else "")


def test_a_person_already_there_is_not_restored_twice(database: Database, tmp_path: Path) -> None:
    DemoService(database, fixed_clock).create_demo_person("Test", years=0.1)
    service = TransferService(database, fixed_clock)
    exported = next(p for p in service.export(tmp_path) if p.suffix == ".json")
    with pytest.raises(JsonRestoreError) as refusal:
        service.restore_json(exported.read_bytes())
    assert refusal.value.problems == [
        "people[0].person.name: 'Test' is already in this diary (restore into an empty data "
        "folder, or rename the person first)"
    ]


@pytest.mark.parametrize(
    ("content", "problems"),
    [
        (b"not json", ["The file is not JSON: Expecting value (line 1, column 1)."]),
        (
            b'{"format": "something else"}',
            [
                "format: must be 'spasticity-tracker' (got 'something else'); the file is not "
                "a Spasticity Tracker export"
            ],
        ),
        (
            b'{"format": "spasticity-tracker", "version": 2, '
            b'"people": [{"person": {"name": "X"}}]}',
            [
                "people[0].person.id: is missing",
                "people[0].carers: is missing",
                "people[0].medicines: is missing",
            ],
        ),
    ],
    ids=["not-json", "not-ours", "incomplete"],
)
def test_a_file_that_is_not_a_complete_export_is_refused(
    database: Database, content: bytes, problems: list[str]
) -> None:
    with pytest.raises(JsonRestoreError) as refusal:
        TransferService(database, fixed_clock).restore_json(content)
    assert refusal.value.problems == problems
    with database.unit_of_work() as uow:
        assert uow.people.list_all() == []


def version_1_export() -> dict[str, Any]:
    """A version 1 export: medicines with a route and no ingredient."""
    medicine = {"id": 7, "name": "Baclofen", "route": "oral", "unit": "mg", "entered_by": None}
    return {
        "format": "spasticity-tracker",
        "version": 1,
        "people": [
            {
                "person": {"id": 3, "name": "Old", "kidney_impairment": False},
                "carers": [{"id": 4, "person_id": 3, "name": "Jo"}],
                "medicines": [
                    {**medicine, "person_id": 3},
                    {
                        **medicine,
                        "id": 8,
                        "person_id": 3,
                        "name": "Baclofen pump",
                        "route": "intrathecal",
                        "unit": "mcg/day",
                    },
                    {**medicine, "id": 9, "person_id": 3, "name": "Baclophen liquid"},
                    {**medicine, "id": 10, "person_id": 3, "name": "Vitamin D"},
                ],
                "regimens": [
                    {
                        "id": 1,
                        "medicine_id": 7,
                        "start_date": "2026-01-01",
                        "doses": [{"time_of_day": "08:00:00", "amount": 20.0}],
                    },
                    {"id": 2, "medicine_id": 7, "start_date": "2026-02-01", "doses": []},
                ],
                "events": [
                    {"id": 6, "person_id": 3, "kind": "fall", "start_date": "2026-02-11"},
                ],
            }
        ],
    }


def test_a_version_1_export_restores_by_ingredient_and_form(database: Database) -> None:
    report = TransferService(database, fixed_clock).restore_json(
        json.dumps(version_1_export()).encode()
    )

    assert report.names == ["Old"]
    person = PeopleService(database, fixed_clock).find_person("Old")
    assert person is not None
    assert person.id is not None
    found = [
        (m.name, m.ingredient, m.form, m.ingredient_confirmed)
        for m in MedicineService(database, fixed_clock).medicines(person.id)
    ]
    assert found == [
        ("Baclofen", Ingredient.BACLOFEN, Form.TABLET, True),
        ("Baclofen pump", Ingredient.BACLOFEN, Form.INTRATHECAL_PUMP, True),
        ("Baclophen liquid", Ingredient.BACLOFEN, Form.ORAL_LIQUID, False),
        ("Vitamin D", Ingredient.OTHER, Form.TABLET, False),  # a guess, to be confirmed
    ]
    assert [(c.kind, c.title, c.day) for c in report.cautions] == [
        (CautionKind.STOP_OR_FAST_CUT, "Stopping baclofen", date(2026, 2, 1))
    ]


def test_a_version_1_injection_event_restores_as_an_injection(database: Database) -> None:
    content = version_1_export()
    content["people"][0]["events"].append(
        {
            "id": 5,
            "person_id": 3,
            "kind": "botulinum_toxin",
            "start_date": "2026-02-10",
            "end_date": None,
            "note": "Calves",
            "entered_by": 4,
        }
    )
    TransferService(database, fixed_clock).restore_json(json.dumps(content).encode())

    person = PeopleService(database, fixed_clock).find_person("Old")
    assert person is not None
    assert person.id is not None
    [jo] = PeopleService(database, fixed_clock).carers(person.id)
    [injection] = MedicineService(database, fixed_clock).injections(person.id)
    assert (injection.day, injection.product, injection.note, injection.entered_by) == (
        date(2026, 2, 10),
        ToxinProduct.OTHER,
        "Calves",
        jo.id,
    )
    with database.unit_of_work() as uow:
        assert [e.kind for e in uow.events.list_for(person.id)] == [EventKind.FALL]


def test_an_export_of_two_people_restores_both(database: Database, tmp_path: Path) -> None:
    demo = DemoService(database, fixed_clock)
    demo.create_demo_person("First", years=0.05)
    demo.create_demo_person("Second", years=0.05, seed=2)
    exported = next(
        p for p in TransferService(database, fixed_clock).export(tmp_path) if p.suffix == ".json"
    )
    other = Database.open(paths.database_path(tmp_path / "other"))
    try:
        report = TransferService(other, fixed_clock).restore_json(exported.read_bytes())
    finally:
        other.close()
    assert report.names == ["First", "Second"]
