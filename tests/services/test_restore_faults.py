"""Hostile JSON restores: each is restored whole, or refused with every problem listed."""

from __future__ import annotations

import contextlib
import copy
import json
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from spasticity_tracker import paths
from spasticity_tracker.domain.entities import (
    Appointment,
    MedicineId,
    Person,
    PumpRefill,
    Regimen,
    ToxinInjection,
)
from spasticity_tracker.domain.scales import ToxinProduct
from spasticity_tracker.services import json_restore
from spasticity_tracker.services.demo import DemoService
from spasticity_tracker.services.diary import DiaryService
from spasticity_tracker.services.json_restore import JsonRestoreError
from spasticity_tracker.services.medicines import MedicineService
from spasticity_tracker.services.people import PeopleService
from spasticity_tracker.services.transfer import TransferService
from spasticity_tracker.storage.database import Database
from tests.builders import baclofen_pump
from tests.conftest import fixed_clock
from tests.services.test_restore_json import version_1_export

Export = dict[str, Any]


# -- a real export, and the diary a restore must leave alone ----------------------------------


@pytest.fixture(scope="module")
def real_export(tmp_path_factory: pytest.TempPathFactory) -> Export:
    """An export of five weeks of example diary, a pump with a refill, an injection, a visit."""
    folder = tmp_path_factory.mktemp("real")
    database = Database.open(paths.database_path(folder / "data"))
    try:
        person = DemoService(database, fixed_clock).create_demo_person("Rae", years=0.1).value
        assert person.id is not None
        medicines = MedicineService(database, fixed_clock)
        pump = medicines.add_medicine(
            baclofen_pump(person.id),
            Regimen(medicine_id=MedicineId(0), start_date=date(2026, 2, 1), rate_per_day=300.0),
        ).value
        assert pump.id is not None
        medicines.record_refill(
            PumpRefill(medicine_id=pump.id, refill_date=date(2026, 3, 1), next_due=date(2026, 6, 1))
        )
        medicines.record_injection(
            ToxinInjection(
                person_id=person.id,
                day=date(2026, 2, 2),
                product=ToxinProduct.ONABOTULINUMTOXIN_A,
                total_units=200.0,
            )
        )
        DiaryService(database, fixed_clock).add_appointment(
            Appointment(person_id=person.id, day=date(2026, 4, 20), clinician="Dr Lewis")
        )
        service = TransferService(database, fixed_clock)
        [exported] = [p for p in service.export(folder / "out") if p.suffix == ".json"]
        content: Export = json.loads(exported.read_text(encoding="utf-8"))
        return content
    finally:
        database.close()


def snapshot(database: Database) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, read with a separate connection."""
    with contextlib.closing(sqlite3.connect(database.path)) as connection:
        tables = [
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
        ]
        return {
            table: connection.execute(f'SELECT * FROM "{table}" ORDER BY rowid').fetchall()
            for table in tables
        }


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A closed diary file holding Alex, so that a refusal has something to leave unchanged."""
    path = tmp_path_factory.mktemp("template") / "diary.sqlite3"
    database = Database.open(path)
    try:
        PeopleService(database, fixed_clock).add_person(Person(name="Alex"))
    finally:
        database.close()
    return path


@pytest.fixture
def diary(template: Path, tmp_path: Path) -> Iterator[Database]:
    """A copy of the template diary (copied: making and migrating one takes a second)."""
    path = tmp_path / "diary.sqlite3"
    shutil.copyfile(template, path)
    database = Database.open(path)
    yield database
    database.close()


def encoded(content: object) -> bytes:
    return content if isinstance(content, bytes) else json.dumps(content).encode()


def problems_of(database: Database, content: object) -> list[str]:
    """The problems a refused restore lists; the diary must be exactly as it was."""
    before = snapshot(database)
    with pytest.raises(JsonRestoreError) as refusal:
        TransferService(database, fixed_clock).restore_json(encoded(content))
    assert snapshot(database) == before
    assert refusal.value.problems
    count = len(refusal.value.problems)
    assert str(refusal.value).startswith(
        f"Nothing was restored: the file has {count} problem{'s' if count > 1 else ''}."
    )
    return refusal.value.problems


def changed(export: Export, change: Callable[[dict[str, Any]], object]) -> Export:
    """A copy of the export with one change made to its first person's block."""
    content = copy.deepcopy(export)
    change(content["people"][0])
    return content


# -- what the adversarial run found --------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "kind"),
    [(b"[]", "a list"), (b'"export"', "a text"), (b"42", "a number"), (b"null", "null")],
)
def test_a_top_level_that_is_not_an_object_is_refused(
    diary: Database, content: bytes, kind: str
) -> None:
    assert problems_of(diary, content) == [
        f"The file is not a Spasticity Tracker export: it holds {kind}, not an object."
    ]


@pytest.mark.parametrize(
    "content",
    [
        b"[" * 100_000 + b"]" * 100_000,
        b'{"a": ' * 100_000 + b"1" + b"}" * 100_000,
        b'{"format": "spasticity-tracker", "version": 2, "people": ' + b"[" * 40 + b"]" * 40 + b"}",
    ],
    ids=["lists", "objects", "40-deep"],
)
def test_deep_nesting_is_refused(diary: Database, content: bytes) -> None:
    [problem] = problems_of(diary, content)
    assert problem.startswith("The file nests lists and objects more than 16 deep")


@pytest.mark.parametrize("digits", [100_000, 4_000, 101])
def test_a_number_with_too_many_digits_is_refused(
    diary: Database, real_export: Export, digits: int
) -> None:
    content = json.dumps(real_export).replace('"amount": 5.0', f'"amount": {"9" * digits}', 1)
    assert problems_of(diary, content.encode()) == [
        f"The file holds a number {digits} digits long; no number in an export has more than 100."
    ]


def test_a_long_number_in_range_of_the_parser_is_checked_where_it_is(
    diary: Database, real_export: Export
) -> None:
    def huge(block: dict[str, Any]) -> None:
        block["regimens"][1]["doses"][0]["amount"] = int("9" * 40)

    assert problems_of(diary, changed(real_export, huge)) == [
        "people[0].regimens[1]: Dose must be a number above 0 and at most 1000 mg (got 1e+40)"
    ]


@pytest.mark.parametrize(
    ("spelled", "shown"), [("NaN", "NaN"), ("Infinity", "Infinity"), ("-1e400", "-1e400")]
)
def test_nan_and_infinity_are_refused(
    diary: Database, real_export: Export, spelled: str, shown: str
) -> None:
    content = json.dumps(real_export).replace('"id": 1,', f'"id": {spelled},', 1)
    assert problems_of(diary, content.encode()) == [
        f"The file holds the number {shown}; an export holds only finite numbers."
    ]


def test_a_key_given_twice_is_refused(diary: Database) -> None:
    content = b'{"format": "spasticity-tracker", "version": 2, "version": 1, "people": []}'
    assert problems_of(diary, content) == ["The file gives the key 'version' twice in one object."]


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (
            lambda b: b["person"].update(kidney_impairment="false"),
            "people[0].person.kidney_impairment: must be true or false (got 'false')",
        ),
        (
            lambda b: b["medicines"][0].update(ingredient_confirmed="true"),
            "people[0].medicines[0].ingredient_confirmed: must be true or false (got 'true')",
        ),
        (
            lambda b: b["entries"][0].update(stiffness="5"),
            "people[0].entries[0].stiffness: must be a whole number (got '5')",
        ),
        (
            lambda b: b["doses"][0].update(amount="5"),
            "people[0].doses[0].amount: must be a number (got '5')",
        ),
        (
            lambda b: b["regimens"][0].update(medicine_id=True),
            "people[0].regimens[0].medicine_id: must be a whole number (got true)",
        ),
        (
            lambda b: b.update(person=[]),
            "people[0].person: must be an object (got a list)",
        ),
        (
            lambda b: b.update(carers={}),
            "people[0].carers: must be a list (got an object)",
        ),
        (
            lambda b: b["regimens"][1].update(doses={"amount": 5}),
            "people[0].regimens[1].doses: must be a list (got an object)",
        ),
        (
            lambda b: b["side_effects"][0].update(severity="2"),
            "people[0].side_effects[0].severity: must be one of 1, 2, 3 (got '2')",
        ),
        (
            lambda b: b["events"][0].update(kind="botulinum_toxin"),
            "people[0].events[0].kind: must be one of infection, bladder_bowel, pressure_sore, "
            "temperature, relapse, fall, physio, pump_refill, posture, clothing_splints, stress, "
            "other (got 'botulinum_toxin')",
        ),
        (
            lambda b: b["entries"][0].update(note="\ud800"),
            "people[0].entries[0].note: must be text (got a text with a lone surrogate, "
            "'\\ud800', which is not a character)",
        ),
        (
            lambda b: b["entries"][0].pop("stiffness"),
            "people[0].entries[0].stiffness: is missing",
        ),
        (
            lambda b: b["medicines"][0].update(route="oral"),
            "people[0].medicines[0]: has a field 'route' that a medicine does not have",
        ),
    ],
    ids=[
        "bool-as-text",
        "bool-as-text-2",
        "whole-number-as-text",
        "number-as-text",
        "bool-as-id",
        "list-for-object",
        "object-for-list",
        "object-for-doses",
        "severity-as-text",
        "version-1-kind-in-version-2",
        "lone-surrogate",
        "missing-field",
        "unknown-field",
    ],
)
def test_wrong_types_are_refused(
    diary: Database, real_export: Export, change: Callable[[dict[str, Any]], object], problem: str
) -> None:
    assert problems_of(diary, changed(real_export, change)) == [problem]


def test_every_problem_is_listed_with_where_it_is(diary: Database, real_export: Export) -> None:
    def three(block: dict[str, Any]) -> None:
        block["person"]["kidney_impairment"] = "no"
        block["entries"][2]["stiffness"] = 11
        block["doses"][4]["day"] = "04/02/2026"

    assert problems_of(diary, changed(real_export, three)) == [
        "people[0].person.kidney_impairment: must be true or false (got 'no')",
        "people[0].doses[4].day: must be a date written YYYY-MM-DD (got '04/02/2026')",
        "people[0].entries[2]: Stiffness must be a whole number from 0 to 10 (got 11)",
    ]


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (
            lambda b: b["regimens"][1]["doses"][0].update(amount=1e308),
            "people[0].regimens[1]: Dose must be a number above 0 and at most 1000 mg (got 1e+308)",
        ),
        (
            lambda b: b["regimens"][0].update(rate_per_day=1e308),
            "people[0].regimens[0]: Rate must be a number above 0 and at most 3000 mcg/day "
            "(got 1e+308)",
        ),
        (
            lambda b: b["doses"][0].update(amount=5000.0),
            "people[0].doses[0]: Dose must be a number above 0 and at most 1000 mg (got 5000.0)",
        ),
        (
            lambda b: b["injections"][0].update(total_units=1e308),
            "people[0].injections[0]: Total units must be a number above 0 and at most "
            "2000 units (got 1e+308)",
        ),
        (
            lambda b: b["refills"][0].update(medicine_id=b["medicines"][0]["id"]),
            "people[0].refills[0]: Refill must be recorded for a pump only (got 'Baclofen')",
        ),
    ],
    ids=["mg-dose", "pump-rate", "dose-record", "toxin-units", "refill-of-tablets"],
)
def test_amounts_beyond_the_units_maximum_are_refused(
    diary: Database, real_export: Export, change: Callable[[dict[str, Any]], object], problem: str
) -> None:
    assert problems_of(diary, changed(real_export, change)) == [problem]


def test_two_medicines_sharing_an_id_are_refused(diary: Database, real_export: Export) -> None:
    def share(block: dict[str, Any]) -> None:
        block["medicines"][1]["id"] = block["medicines"][0]["id"]

    [tablets, pump] = [m["id"] for m in real_export["people"][0]["medicines"]]
    # The pump's regimen and refill are not attached to the tablets: they point at nothing.
    assert problems_of(diary, changed(real_export, share)) == [
        f"people[0].medicines[1].id: {tablets} is used by another medicine "
        "(people[0].medicines[0])",
        f"people[0].regimens[0].medicine_id: {pump} is not one of this person's medicines",
        f"people[0].refills[0].medicine_id: {pump} is not one of this person's medicines",
    ]


def test_ids_are_unique_within_their_kind_across_people(
    diary: Database, real_export: Export
) -> None:
    content = copy.deepcopy(real_export)
    second = copy.deepcopy(content["people"][0])
    second["person"]["name"] = "Rae's twin"
    content["people"].append(second)
    problems = problems_of(diary, content)
    person = real_export["people"][0]["person"]["id"]
    assert (
        problems[0] == f"people[1].person.id: {person} is used by another person (people[0].person)"
    )
    assert (
        len(problems)
        == sum(len(v) for v in real_export["people"][0].values() if isinstance(v, list)) + 1
    )


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (
            lambda b: b["regimens"][0].update(medicine_id=999),
            "people[0].regimens[0].medicine_id: 999 is not one of this person's medicines",
        ),
        (
            lambda b: b["entries"][0].update(entered_by=999),
            "people[0].entries[0].entered_by: 999 is not one of this person's carers",
        ),
        (
            lambda b: b["medicines"][0].update(entered_by=999),
            "people[0].medicines[0].entered_by: 999 is not one of this person's carers",
        ),
        (
            lambda b: b["side_effects"][0].update(person_id=999),
            "people[0].side_effects[0].person_id: 999 is not this person's id (1)",
        ),
    ],
    ids=["medicine", "carer", "carer-of-medicine", "person"],
)
def test_links_that_point_at_nothing_are_refused(
    diary: Database, real_export: Export, change: Callable[[dict[str, Any]], object], problem: str
) -> None:
    assert problems_of(diary, changed(real_export, change)) == [problem]


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (
            lambda b: b["appointments"][0].update(day="9999-12-31"),
            "people[0].appointments[0].day: must be a date from 1900-01-01 to 2036-12-31 "
            "(got '9999-12-31')",
        ),
        (
            lambda b: b["entries"][0].update(recorded_at="9999-01-01T08:00:00+00:00"),
            "people[0].entries[0].recorded_at: must be a date and time from 1900-01-01 to "
            "2036-12-31 (got '9999-01-01T08:00:00+00:00')",
        ),
        (
            lambda b: b["entries"][0].update(recorded_at="1800-01-01T08:00:00+00:00"),
            "people[0].entries[0].recorded_at: must be a date and time from 1900-01-01 to "
            "2036-12-31 (got '1800-01-01T08:00:00+00:00')",
        ),
        (
            lambda b: b["side_effects"][0].update(day="1800-01-01"),
            "people[0].side_effects[0].day: must be a date from 1900-01-01 to 2036-12-31 "
            "(got '1800-01-01')",
        ),
        (
            lambda b: b["entries"][0].update(recorded_at="2027-01-01T08:00:00+00:00"),
            "people[0].entries[0]: Date and time cannot be in the future "
            "(got 2027-01-01T08:00+00:00)",
        ),
        (
            lambda b: b["doses"][0].update(day="2027-01-01", taken_at=None, status="missed"),
            "people[0].doses[0]: Dose date cannot be in the future (got 2027-01-01)",
        ),
        (
            lambda b: b["person"].update(date_of_birth="2027-01-01"),
            "people[0].person: Date of birth cannot be in the future (got 2027-01-01)",
        ),
        (
            lambda b: b["regimens"][0].update(start_date="2026-W06-6"),
            "people[0].regimens[0].start_date: must be a date written YYYY-MM-DD "
            "(got '2026-W06-6')",
        ),
        (
            lambda b: b["regimens"][0].update(start_date="2026-02-30"),
            "people[0].regimens[0].start_date: must be a date written YYYY-MM-DD "
            "(got '2026-02-30', which is not a day of the calendar)",
        ),
        (
            lambda b: b["entries"][0].update(recorded_at="2026-03-01T08:00:00"),
            "people[0].entries[0].recorded_at: must be a date and time with its time zone, "
            "written YYYY-MM-DDTHH:MM:SS+HH:MM (got '2026-03-01T08:00:00')",
        ),
    ],
    ids=[
        "year-9999",
        "entry-in-9999",
        "entry-in-1800",
        "side-effect-in-1800",
        "entry-next-year",
        "dose-next-year",
        "born-next-year",
        "week-date",
        "no-such-day",
        "no-time-zone",
    ],
)
def test_dates_outside_the_apps_range_are_refused(
    diary: Database, real_export: Export, change: Callable[[dict[str, Any]], object], problem: str
) -> None:
    assert problems_of(diary, changed(real_export, change)) == [problem]


def test_a_visit_planned_months_ahead_is_restored(diary: Database, real_export: Export) -> None:
    def ahead(block: dict[str, Any]) -> None:
        block["appointments"][0]["day"] = "2026-12-01"
        block["refills"][0]["next_due"] = "2027-01-15"

    report = TransferService(diary, fixed_clock).restore_json(encoded(changed(real_export, ahead)))
    assert report.names == ["Rae"]


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (
            lambda b: b["medicines"][0].update(route="rectal"),
            "people[0].medicines[0].route: must be one of oral, intrathecal, oromucosal_spray, "
            "injection (got 'rectal')",
        ),
        (
            lambda b: b["events"].append(
                {"id": 5, "person_id": 3, "kind": "botulinum_toxin", "start_date": "9999-01-01"}
            ),
            "people[0].events[1].start_date: must be a date from 1900-01-01 to 2036-12-31 "
            "(got '9999-01-01')",
        ),
        (
            lambda b: b["events"].append(
                {"id": 5, "person_id": 3, "kind": "botulinum_toxin", "start_date": "2027-01-01"}
            ),
            "people[0].events[1]: Injection date cannot be in the future (got 2027-01-01)",
        ),
    ],
    ids=["unknown-route", "injection-in-9999", "injection-next-year"],
)
def test_version_1_problems_are_listed_where_they_are(
    diary: Database, change: Callable[[dict[str, Any]], object], problem: str
) -> None:
    assert problems_of(diary, changed(version_1_export(), change)) == [problem]


@pytest.mark.parametrize(
    ("version", "problem"),
    [
        (
            999,
            "version: 999: the file comes from a newer version of Spasticity Tracker (this one "
            "restores versions 1, 2, 3 and 4); update the app to restore it",
        ),
        (0, "version: must be 1, 2, 3 or 4 (got 0)"),
        ("2", "version: must be 1, 2, 3 or 4 (got '2')"),
        (True, "version: must be 1, 2, 3 or 4 (got true)"),
    ],
)
def test_a_version_it_does_not_know_is_refused(
    diary: Database, real_export: Export, version: object, problem: str
) -> None:
    assert problems_of(diary, real_export | {"version": version}) == [problem]


def test_a_file_without_format_or_version_is_refused(diary: Database) -> None:
    assert problems_of(diary, {"format": "something else", "people": []}) == [
        "format: must be 'spasticity-tracker' (got 'something else'); the file is not a "
        "Spasticity Tracker export",
    ]
    assert problems_of(diary, {"format": "spasticity-tracker", "people": []}) == [
        "version: is missing",
    ]


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (
            lambda b: b["regimens"][2].update(start_date=b["regimens"][1]["start_date"]),
            "people[0].regimens[2].start_date: another regimen of this medicine starts on "
            "2026-02-07 (people[0].regimens[1])",
        ),
        (
            lambda b: b["carers"].append(b["carers"][0] | {"id": 99}),
            "people[0].carers[1].name: another carer of this person is called 'Sam' "
            "(people[0].carers[0])",
        ),
        (
            lambda b: b["medicines"].append(b["medicines"][0] | {"id": 99}),
            "people[0].medicines[2].name: another medicine of this person is called 'Baclofen' "
            "in the form tablet (people[0].medicines[0])",
        ),
        (
            lambda b: b["doses"].append(b["doses"][0] | {"id": 9999}),
            "people[0].doses[105]: another dose record of this medicine is for 2026-02-07 at "
            "08:00:00 (people[0].doses[0])",
        ),
    ],
    ids=["regimens-on-one-day", "carers-of-one-name", "medicines-of-one-name", "dose-twice"],
)
def test_records_that_would_clash_are_refused(
    diary: Database, real_export: Export, change: Callable[[dict[str, Any]], object], problem: str
) -> None:
    assert problems_of(diary, changed(real_export, change)) == [problem]


def test_a_person_already_in_the_diary_is_refused(diary: Database, real_export: Export) -> None:
    alex = changed(real_export, lambda b: b["person"].update(name="Alex"))
    assert problems_of(diary, alex) == [
        "people[0].person.name: 'Alex' is already in this diary (restore into an empty data "
        "folder, or rename the person first)"
    ]


def test_a_file_too_large_is_refused_before_it_is_read(
    diary: Database, real_export: Export, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(json_restore, "MAX_BYTES", 10_000)
    content = encoded(real_export)
    assert problems_of(diary, content) == [
        f"The file is {len(content):,} bytes; a restore reads at most 10,000."
    ]


def test_the_command_line_lists_the_problems_without_a_traceback(
    tmp_path: Path, real_export: Export
) -> None:
    def wrong(block: dict[str, Any]) -> None:
        block["person"]["kidney_impairment"] = "false"
        block["doses"][0]["amount"] = 5000.0

    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(changed(real_export, wrong)), encoding="utf-8")
    command = [sys.executable, "-m", "spasticity_tracker", "--data-dir", str(tmp_path / "data")]
    run = subprocess.run(
        [*command, "import", str(path)], capture_output=True, text=True, timeout=120, check=False
    )
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    assert run.stderr.splitlines() == [
        "error: Nothing was restored: the file has 2 problems.",
        "people[0].person.kidney_impairment: must be true or false (got 'false')",
        "people[0].doses[0]: Dose must be a number above 0 and at most 1000 mg (got 5000.0)",
    ]
    deep = tmp_path / "deep.json"
    deep.write_bytes(b"[" * 100_000 + b"]" * 100_000)
    run = subprocess.run(
        [*command, "import", str(deep)], capture_output=True, text=True, timeout=120, check=False
    )
    assert (run.returncode, run.stdout) == (1, "")
    assert "Traceback" not in run.stderr
    assert run.stderr.startswith("error: Nothing was restored: the file has 1 problem.")


# -- anything at all: restored whole, or refused with the diary unchanged ---------------------


@pytest.fixture(scope="module")
def shared_diary(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """One diary for every generated file, holding Alex (restored people are removed again)."""
    database = Database.open(paths.database_path(tmp_path_factory.mktemp("shared") / "data"))
    PeopleService(database, fixed_clock).add_person(Person(name="Alex"))
    yield database
    database.close()


def restored_whole_or_refused(database: Database, data: bytes) -> None:
    """The property: a report, or JsonRestoreError with problems and the diary unchanged."""
    before = snapshot(database)
    refusal: JsonRestoreError | None = None
    try:
        report = TransferService(database, fixed_clock).restore_json(data)
    except JsonRestoreError as error:
        refusal = error
    if refusal is not None:
        assert refusal.problems
        assert all(problem.strip() for problem in refusal.problems)
        assert snapshot(database) == before
        event("refused")
        return
    event("restored")
    people = PeopleService(database, fixed_clock)
    for name in report.names:
        restored = people.find_person(name)
        assert restored is not None
        assert restored.id is not None
        people.delete_person(restored.id)  # the next example starts from the same diary


def mutations() -> st.SearchStrategy[object]:
    """Values a mutated export may hold: the tricky cases above, and any JSON at all."""
    tricky: st.SearchStrategy[object] = st.sampled_from(
        [
            None,
            True,
            False,
            0,
            -1,
            1,
            2,
            2**63,
            10**30,
            1e308,
            -0.0,
            0.5,
            "",
            " ",
            "true",
            "5",
            "2026-01-01",
            "2026-02-30",
            "9999-12-31",
            "1800-01-01",
            "2026-W01-1",
            "08:00:00",
            "2026-03-01T08:00:00",
            "2026-03-01T08:00:00+00:00",
            "9999-12-31T23:59:59+14:00",
            "0001-01-01T00:00:00-12:00",
            "mg",
            "mcg/day",
            "intrathecal_pump",
            "baclofen",
            "botulinum_toxin",
            "\ud800",
            "\x00",
            "x" * 6000,
            [],
            {},
        ]
    )
    return tricky | json_values()


def json_values() -> st.SearchStrategy[object]:
    scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20)
    return st.recursive(
        scalars,
        lambda inner: (
            st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
        ),
        max_leaves=12,
    )


def places(value: object) -> Iterator[tuple[Any, Any]]:
    """Every (container, key or index) in a JSON value."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield value, key
            yield from places(item)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield value, index
            yield from places(item)


@settings(max_examples=100, deadline=None)
@given(value=json_values() | st.binary(max_size=64))
@example(value=b"\xff\xfe")
@example(value={"format": "spasticity-tracker", "version": 2, "people": [[]]})
@example(value={"format": "spasticity-tracker", "version": 1, "people": [{}]})
def test_any_json_value_is_restored_or_refused(shared_diary: Database, value: object) -> None:
    restored_whole_or_refused(shared_diary, encoded(value))


@settings(
    max_examples=250, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_a_mutated_export_is_restored_or_refused(
    shared_diary: Database, real_export: Export, data: st.DataObject
) -> None:
    content = copy.deepcopy(real_export) | {"version": data.draw(st.sampled_from([1, 2]))}
    for _ in range(data.draw(st.integers(1, 3))):
        # An index, not the place itself: a place holds this example's own containers.
        spots = list(places(content))
        container, key = spots[data.draw(st.integers(0, len(spots) - 1))]
        action = data.draw(st.sampled_from(["replace", "remove", "repeat", "add"]))
        if action == "replace":
            container[key] = data.draw(mutations())
        elif action == "remove":
            del container[key]
        elif action == "repeat" and isinstance(container, list):
            container.append(copy.deepcopy(container[key]))
        elif action == "add" and isinstance(container, dict):
            container[data.draw(st.text(max_size=12))] = data.draw(mutations())
    restored_whole_or_refused(shared_diary, encoded(content))


@pytest.mark.parametrize("version", [1, 2])
def test_the_unmutated_export_is_restored(
    diary: Database, real_export: Export, version: int
) -> None:
    """A guard on the property: what is mutated restores as it is, so not all are refusals."""
    content = real_export | {"version": version}
    assert TransferService(diary, fixed_clock).restore_json(encoded(content)).names == ["Rae"]


@pytest.mark.parametrize(
    ("number", "problem"),
    [
        (
            9434765919,
            "people[0].person.hospital_number: must be text (got 9434765919)",
        ),
        (
            "1" * 31,
            "people[0].person: Hospital or NHS number must be at most 30 characters (got 31)",
        ),
        (
            "943\n476",
            "people[0].person: Hospital or NHS number must be one line of text without "
            "control characters (got '943\\n476')",
        ),
    ],
    ids=["a-number", "too-long", "two-lines"],
)
def test_a_hospital_number_that_is_not_one_short_line_of_text_is_refused(
    diary: Database, real_export: Export, number: object, problem: str
) -> None:
    def give(block: dict[str, Any]) -> None:
        block["person"]["hospital_number"] = number

    assert problems_of(diary, changed(real_export, give)) == [problem]
