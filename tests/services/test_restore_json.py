"""The JSON export restores every record, with who entered it, into another diary."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from spasticity_tracker import paths
from spasticity_tracker.domain.errors import ValidationError
from spasticity_tracker.services.demo import DemoService
from spasticity_tracker.services.transfer import TransferService
from spasticity_tracker.storage.database import Database
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
    DemoService(database, fixed_clock).create_demo_person("Test", years=0.3)
    first = TransferService(database, fixed_clock).export(tmp_path / "first")
    exported = next(p for p in first if p.suffix == ".json")
    other = Database.open(paths.database_path(tmp_path / "other"))
    try:
        restored = TransferService(other, fixed_clock)
        assert restored.restore_json(exported.read_bytes()) == ["Test"]
        second = restored.export(tmp_path / "second")
    finally:
        other.close()
    before = json.loads(exported.read_text())
    after = json.loads(next(p for p in second if p.suffix == ".json").read_text())
    assert without_ids(after) == without_ids(before)
    entries = before["people"][0]["entries"]
    assert any(e["entered_by"] for e in entries)  # a carer's entries, kept as the carer's
    restored_entries = after["people"][0]["entries"]
    carers = {c["id"]: c["name"] for c in after["people"][0]["carers"]}
    assert {carers[e["entered_by"]] for e in restored_entries if e["entered_by"]} == {"Sam"}


def test_a_person_already_there_is_not_restored_twice(database: Database, tmp_path: Path) -> None:
    DemoService(database, fixed_clock).create_demo_person("Test", years=0.1)
    service = TransferService(database, fixed_clock)
    exported = next(p for p in service.export(tmp_path) if p.suffix == ".json")
    with pytest.raises(ValidationError, match="a name not already in this diary"):
        service.restore_json(exported.read_bytes())


@pytest.mark.parametrize(
    "content",
    [
        b"not json",
        b'{"format": "something else"}',
        b'{"format": "spasticity-tracker", "people": [{"person": {"name": "X"}}]}',
    ],
    ids=["not-json", "not-ours", "incomplete"],
)
def test_a_file_that_is_not_a_complete_export_is_refused(
    database: Database, content: bytes
) -> None:
    with pytest.raises(ValidationError):
        TransferService(database, fixed_clock).restore_json(content)
    with database.unit_of_work() as uow:
        assert uow.people.list_all() == []
