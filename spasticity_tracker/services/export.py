"""Export the diary: a CSV per person in the import format, and every record as JSON.

The CSV export is in the import format, so that exporting and importing into an empty folder
round-trips. The JSON export holds every record losslessly. The files are written whole or not
at all (services.files): a kill or a full disk leaves the previous export as it was.
"""

from __future__ import annotations

import dataclasses
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from datetime import date, datetime, time
from enum import Enum
from pathlib import Path
from typing import Any

from spasticity_tracker.domain.diary_csv import (
    DoseColumn,
    column_prefix,
    write_diary_csv,
)
from spasticity_tracker.domain.entities import (
    Event,
    Medicine,
    Person,
    PersonId,
    SideEffectReport,
    SymptomEntry,
)
from spasticity_tracker.domain.errors import TrackerError, ValidationError
from spasticity_tracker.domain.regimens import regimen_on
from spasticity_tracker.domain.scales import DoseUnit
from spasticity_tracker.domain.series import entry_day
from spasticity_tracker.services.base import Service
from spasticity_tracker.services.files import FileWriteError, reason, write_whole
from spasticity_tracker.storage.sqlite_files import make_private_dir
from spasticity_tracker.storage.unit_of_work import UnitOfWork

# 2: medicines by ingredient and form; botulinum toxin injections. 3: a person's hospital or
# NHS number (an app that restores only 1 and 2 says to update, rather than name the field).
# 4: the appointment cycle (an appointment's service, next date, Ashworth scores and goals;
# check-ins).
EXPORT_VERSION = 4


def _cell_effect(effect: str) -> str:
    """A side effect named in a person's own words, without the ':' and ';' the cell uses."""
    return effect.replace(":", ",").replace(";", ",")


_UNIT_SUFFIX = {DoseUnit.MG: "mg", DoseUnit.MCG_PER_DAY: "mcg"}


def _dose_columns(medicines: list[Medicine]) -> list[DoseColumn]:
    """A column per medicine; one name in two forms of one unit gets the form in its column."""
    plain = Counter((column_prefix(m.name), m.dose_unit) for m in medicines)
    columns = []
    for m in medicines:
        prefix = column_prefix(m.name)
        if plain[(prefix, m.dose_unit)] > 1:
            prefix = f"{prefix}_{m.form.value}"
        columns.append(DoseColumn(f"{prefix}_{_UNIT_SUFFIX[m.dose_unit]}", m.name, m.dose_unit))
    return columns


def _stem(name: str) -> str:
    """A name in letters, digits, - and _ only: a "/" or ".." cannot leave the folder."""
    return "-".join(re.findall(r"\w+", unicodedata.normalize("NFC", name))) or "person"


def _fold(stem: str) -> str:
    """What a case-insensitive file system (Windows, macOS) takes as the same name."""
    return unicodedata.normalize("NFKC", stem).casefold()


def diary_file_names(people: Sequence[Person]) -> dict[PersonId, str]:
    """Each person's CSV file name; with their id where names would give one file name.

    "Jo Smith" and "Jo.Smith" both give Jo-Smith: they get Jo-Smith-diary-3.csv and
    Jo-Smith-diary-7.csv. Nothing else ends in "-diary-<digits>.csv", so these never clash.
    """
    stems = {person.id: _stem(person.name) for person in people if person.id is not None}
    shared = Counter(_fold(stem) for stem in stems.values())
    return {
        person_id: f"{stem}-diary.csv"
        if shared[_fold(stem)] == 1
        else f"{stem}-diary-{person_id}.csv"
        for person_id, stem in stems.items()
    }


def _plain(value: object) -> object:
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    raise TypeError(f"cannot write {type(value).__name__} to JSON")


def _record(entity: object) -> dict[str, Any]:
    assert dataclasses.is_dataclass(entity)
    assert not isinstance(entity, type)
    record = dataclasses.asdict(entity)
    # A record's version only guards saving from two computers at once: not part of the data.
    record.pop("version", None)
    return record


def _person_json(uow: UnitOfWork, person: Person) -> dict[str, Any]:
    assert person.id is not None
    person_id: PersonId = person.id
    medicines = uow.medicines.list_for(person_id)
    return {
        "person": _record(person),
        "carers": [_record(c) for c in uow.carers.list_for(person_id)],
        "medicines": [_record(m) for m in medicines],
        "regimens": [_record(r) for r in uow.regimens.list_for_person(person_id)],
        "doses": [
            _record(d)
            for m in medicines
            if m.id is not None
            for d in uow.doses.list_for_medicine(m.id)
        ],
        "refills": [
            _record(r)
            for m in medicines
            if m.id is not None
            for r in uow.refills.list_for_medicine(m.id)
        ],
        "entries": [_record(e) for e in uow.entries.list_for(person_id)],
        "side_effects": [_record(s) for s in uow.side_effects.list_for(person_id)],
        "events": [_record(e) for e in uow.events.list_for(person_id)],
        "appointments": [_record(a) for a in uow.appointments.list_for(person_id)],
        "injections": [_record(i) for i in uow.injections.list_for(person_id)],
        "check_ins": [_record(c) for c in uow.check_ins.list_for(person_id)],
    }


class DiaryExport(Service):
    """Export the diary as CSV, in the import format, and as JSON, with every record."""

    # -- export ----------------------------------------------------------------------------

    def export(self, folder: Path, person_name: str | None = None) -> list[Path]:
        """Write each person's diary CSV and a full JSON file into folder (all 0600).

        All the files or none: they replace earlier ones only once every one is written.
        Raises a TrackerError saying why (a full disk, a folder that cannot be written).
        """
        files: list[tuple[Path, bytes]] = []
        with self._db.unit_of_work() as uow:
            everyone = uow.people.list_all()
            people = everyone
            if person_name is not None:
                people = [p for p in people if p.name.casefold() == person_name.casefold()]
                if not people:
                    raise ValidationError("Person", person_name, "the name of a person here")
            # Named among everyone, so that a person's file keeps its name in any export.
            names = diary_file_names(everyone)
            everything: dict[str, Any] = {"format": "spasticity-tracker", "version": EXPORT_VERSION}
            everything["people"] = []
            for person in people:
                assert person.id is not None
                text = self._diary_csv(uow, person)
                files.append((folder / names[person.id], text.encode("utf-8")))
                everything["people"].append(_person_json(uow, person))
            text = json.dumps(everything, indent=1, sort_keys=True, default=_plain) + "\n"
            files.append((folder / "spasticity-tracker-export.json", text.encode("utf-8")))
        try:
            make_private_dir(folder)  # 0700 with each missing parent; one that exists is kept
        except OSError as error:
            raise TrackerError(
                f"Nothing was exported: cannot make {folder}: {reason(error)}."
            ) from None
        try:
            write_whole(files)
        except FileWriteError as error:
            raise TrackerError(
                f"Nothing was exported: {error}. Any earlier export in {folder} is unchanged."
            ) from None
        return [path for path, _ in files]

    def _diary_csv(self, uow: UnitOfWork, person: Person) -> str:
        assert person.id is not None
        carers = {c.id: c.name for c in uow.carers.list_for(person.id)}
        entries = sorted(uow.entries.list_for(person.id), key=lambda e: e.recorded_at)
        reports = uow.side_effects.list_for(person.id)
        medicines = [m for m in uow.medicines.list_for(person.id) if m.dose_unit in _UNIT_SUFFIX]
        regimens = uow.regimens.list_for_person(person.id)
        columns = _dose_columns(medicines)
        by_day: dict[date, list[SymptomEntry | None]] = {}
        for each in entries:
            by_day.setdefault(entry_day(each), []).append(each)
        effects_by_day: dict[date, list[SideEffectReport]] = {}
        for report in reports:
            effects_by_day.setdefault(report.day, []).append(report)
        events_by_day: dict[date, list[Event]] = {}
        for event in uow.events.list_for(person.id):  # by the day each starts on
            events_by_day.setdefault(event.start_date, []).append(event)
        rows = []
        for day in sorted(set(by_day) | set(effects_by_day) | set(events_by_day)):
            day_entries = by_day.get(day) or [None]
            for index, entry in enumerate(day_entries):
                effects = effects_by_day.get(day, []) if index == 0 else []
                events = events_by_day.get(day, []) if index == 0 else []
                doses = []
                for medicine in medicines:
                    own = [r for r in regimens if r.medicine_id == medicine.id]
                    in_force = regimen_on(own, day)
                    doses.append("" if in_force is None else f"{in_force.daily_total:g}")
                first_other = [*effects, *events][:1]
                who = (
                    entry.entered_by
                    if entry
                    else (first_other[0].entered_by if first_other else None)
                )
                rows.append(
                    [
                        day.isoformat(),
                        "" if entry is None else f"{entry.recorded_at.astimezone():%H:%M}",
                        *(
                            ""
                            if entry is None or getattr(entry, name) is None
                            else str(getattr(entry, name))
                            for name in (
                                "stiffness",
                                "spasm_frequency",
                                "spasm_severity",
                                "pain",
                                "sleep_disruption",
                            )
                        ),
                        ";".join(
                            f"{_cell_effect(r.effect)}:{r.severity.name.lower()}" for r in effects
                        ),
                        ";".join(dict.fromkeys(e.kind.value for e in events)),
                        "" if entry is None else entry.note,
                        carers.get(who, "") if who is not None else "",
                        *doses,
                    ]
                )
        return write_diary_csv(columns, rows)
