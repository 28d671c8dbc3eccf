"""Import a spreadsheet diary (all or nothing, idempotent) and export the diary again.

The CSV export is in the import format, so that exporting and importing into an empty folder
round-trips. The JSON export holds every record losslessly.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import types
import typing
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from enum import Enum
from pathlib import Path
from typing import Any

from spasticity_tracker.domain.cautions import Caution, dose_cautions, new_cautions
from spasticity_tracker.domain.diary_csv import (
    CsvDiary,
    CsvImportError,
    DoseColumn,
    column_prefix,
    read_diary_csv,
    write_diary_csv,
)
from spasticity_tracker.domain.entities import (
    Appointment,
    Carer,
    CarerId,
    DoseRecord,
    Event,
    Medicine,
    Person,
    PersonId,
    PumpRefill,
    Regimen,
    ScheduledDose,
    SideEffectReport,
    SymptomEntry,
    ToxinInjection,
)
from spasticity_tracker.domain.errors import TrackerError, ValidationError
from spasticity_tracker.domain.ingredients import form_for, recognise
from spasticity_tracker.domain.regimens import regimen_on
from spasticity_tracker.domain.scales import DoseStatus, DoseUnit, Route, ToxinProduct
from spasticity_tracker.domain.series import entry_day
from spasticity_tracker.domain.validation import FUTURE_TOLERANCE
from spasticity_tracker.services.base import Service
from spasticity_tracker.services.changes import DataChange
from spasticity_tracker.storage.unit_of_work import UnitOfWork

IMPORTED_DOSE_TIME = time(8)  # a spreadsheet gives the daily total only: one dose a day
DEFAULT_ENTRY_TIME = time(20)  # for rows without a time
PRIVATE_FILE = 0o600
EXPORT_VERSION = 2  # 2: medicines by ingredient and form; botulinum toxin injections


@dataclass(frozen=True)
class ImportReport:
    """What an import added (records already there are left as they are)."""

    person: str
    entries: int
    side_effects: int
    regimens: int
    doses: int
    unknown_columns: list[str]
    change: DataChange
    new_medicines: list[Medicine] = dataclasses.field(default_factory=list)
    cautions: list[Caution] = dataclasses.field(default_factory=list)  # what it raised, dated


@dataclass(frozen=True)
class RestoreReport:
    """Who a JSON restore put back, and the cautions of their dose history."""

    names: list[str]
    cautions: list[Caution]


def _moments(diary: CsvDiary) -> list[datetime]:
    """Each row's instant: its time, else 20:00; rows sharing a minute a second apart."""
    seen: Counter[tuple[date, time]] = Counter()
    moments = []
    for row in diary.rows:
        at = row.at or DEFAULT_ENTRY_TIME
        key = (row.day, at)
        local = datetime.combine(row.day, at) + timedelta(seconds=seen[key])
        seen[key] += 1
        moments.append(local.astimezone())
    return moments


class TransferService(Service):
    """Spreadsheet import and the exports."""

    def import_csv(
        self,
        data: bytes,
        person_name: str,
        *,
        entered_by: str = "",
        day_first: bool = False,
        rehearse: bool = False,
    ) -> ImportReport:
        """Import a diary file for a person in one transaction: all of it or nothing.

        A rehearsal does the whole import and reports it, then rolls it back: the preview
        shows exactly what the import would add, and the cautions it would raise.
        """
        diary = read_diary_csv(data, day_first=day_first)
        # Nothing dated after now: the app refuses the same for an entry made by hand.
        latest = self.now() + FUTURE_TOLERANCE
        late = [
            row.line
            for row, moment in zip(diary.rows, _moments(diary), strict=True)
            if moment > latest
        ]
        if late:
            raise CsvImportError(
                [f"Row {line}: the date and time are in the future." for line in late]
            )
        with self._db.unit_of_work(rehearse=rehearse) as uow:
            person = uow.people.find_by_name(person_name) or uow.people.add(
                Person(name=person_name.strip())
            )
            assert person.id is not None
            before = self._dose_cautions(uow, person)
            report = self._import(uow, person, diary, entered_by.strip())
            raised = new_cautions(before, self._dose_cautions(uow, person))
            return replace(report, cautions=raised)

    @staticmethod
    def _dose_cautions(uow: UnitOfWork, person: Person) -> list[Caution]:
        assert person.id is not None
        return dose_cautions(
            person, uow.medicines.list_for(person.id), uow.regimens.list_for_person(person.id)
        )

    def _import(
        self, uow: UnitOfWork, person: Person, diary: CsvDiary, default_by: str
    ) -> ImportReport:
        assert person.id is not None
        person_id = person.id
        carers: dict[str, CarerId | None] = {"": None, person.name.casefold(): None}

        def author(name: str) -> CarerId | None:
            name = (name or default_by).strip()
            key = name.casefold()
            if key not in carers:
                found = uow.carers.find_by_name(person_id, name)
                carer = found or uow.carers.add(Carer(person_id=person_id, name=name))
                carers[key] = carer.id
            return carers[key]

        existing = {e.recorded_at for e in uow.entries.list_for(person_id)}
        effects = {(r.day, r.effect) for r in uow.side_effects.list_for(person_id)}
        # Collected, then written in bulk: years of rows import in a second or two.
        new_entries: list[SymptomEntry] = []
        new_effects: list[SideEffectReport] = []
        for row, moment in zip(diary.rows, _moments(diary), strict=True):
            by = author(row.entered_by)
            if row.has_symptoms and moment not in existing:
                stiffness = row.scores["stiffness"]
                assert stiffness is not None  # checked by the reader
                new_entries.append(
                    SymptomEntry(
                        person_id=person_id,
                        recorded_at=moment,
                        stiffness=stiffness,
                        spasm_frequency=row.scores["spasm_frequency"],
                        spasm_severity=row.scores["spasm_severity"],
                        pain=row.scores["pain"],
                        sleep_disruption=row.scores["sleep_disruption"],
                        note=row.notes,
                        entered_by=by,
                    )
                )
                existing.add(moment)
            for effect, severity in row.side_effects:
                if (row.day, effect) not in effects:
                    new_effects.append(
                        SideEffectReport(
                            person_id=person_id,
                            day=row.day,
                            effect=effect,
                            severity=severity,
                            entered_by=by,
                        )
                    )
                    effects.add((row.day, effect))
        entries = uow.entries.add_many(new_entries)
        side_effects = uow.side_effects.add_many(new_effects)
        regimens, doses, new_medicines = self._import_doses(uow, person, diary, author)
        change = DataChange.PEOPLE | DataChange.CARERS
        for count, flag in (
            (entries, DataChange.ENTRIES),
            (side_effects, DataChange.SIDE_EFFECTS),
            (regimens, DataChange.REGIMENS | DataChange.MEDICINES),
            (doses, DataChange.DOSES),
        ):
            if count:
                change |= flag
        return ImportReport(
            person.name,
            entries,
            side_effects,
            regimens,
            doses,
            diary.unknown_columns,
            change,
            new_medicines,
        )

    def _import_doses(
        self, uow: UnitOfWork, person: Person, diary: CsvDiary, author: Any
    ) -> tuple[int, int, list[Medicine]]:
        assert person.id is not None
        regimens = doses = 0
        added: list[Medicine] = []
        # A column names a medicine and its unit: "baclofen_mg" and "baclofen_mcg" are the
        # tablets and the pump, two medicines of one ingredient.
        medicines = {(m.name.casefold(), m.dose_unit): m for m in uow.medicines.list_for(person.id)}
        for column in diary.dose_columns:
            rows = sorted(
                (row for row in diary.rows if column.column in row.doses), key=lambda r: r.day
            )
            if not rows:
                continue
            medicine = medicines.get((column.medicine.casefold(), column.unit))
            if medicine is None:
                medicine = uow.medicines.add(imported_medicine(person.id, column))
                medicines[(column.medicine.casefold(), column.unit)] = medicine
                added.append(medicine)
            assert medicine.id is not None
            existing = uow.regimens.list_for_medicine(medicine.id)
            known = {r.start_date for r in existing}
            recorded = {(d.day, d.scheduled_time) for d in uow.doses.list_for_medicine(medicine.id)}
            new_doses: list[DoseRecord] = []
            # A first row that repeats the total already in force is no change.
            in_force = regimen_on(existing, rows[0].day - timedelta(days=1))
            previous: float | None = None if in_force is None else in_force.daily_total
            for row in rows:
                amount = row.doses[column.column]
                if amount != previous and row.day not in known:
                    uow.regimens.add(_regimen(medicine, row.day, amount, author(row.entered_by)))
                    known.add(row.day)
                    regimens += 1
                previous = amount
                if amount > 0 and not medicine.route.is_continuous:
                    record = DoseRecord(
                        medicine_id=medicine.id,
                        day=row.day,
                        status=DoseStatus.TAKEN,
                        amount=amount,
                        scheduled_time=IMPORTED_DOSE_TIME,
                        entered_by=author(row.entered_by),
                    )
                    if (record.day, record.scheduled_time) not in recorded:
                        recorded.add((record.day, record.scheduled_time))
                        new_doses.append(record)
            doses += uow.doses.add_many(new_doses)
        return regimens, doses, added

    def restore_json(self, data: bytes) -> RestoreReport:
        """Restore a JSON export (every record, who entered it) in one transaction."""
        try:
            content = json.loads(data.decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise ValidationError("File", "it", f"a JSON export ({error})") from None
        try:
            with self._db.unit_of_work() as uow:
                names = restore_json(uow, content)
                cautions = []
                for name in names:
                    person = uow.people.find_by_name(name)
                    assert person is not None
                    cautions += self._dose_cautions(uow, person)
                return RestoreReport(names, cautions)
        except (KeyError, TypeError, ValueError) as error:
            if isinstance(error, TrackerError):
                raise
            raise ValidationError(
                "File", "it", f"a complete Spasticity Tracker export ({error!r} is wrong)"
            ) from None

    # -- export ----------------------------------------------------------------------------

    def export(self, folder: Path, person_name: str | None = None) -> list[Path]:
        """Write each person's diary CSV and a full JSON file into folder (all 0600)."""
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        written = []
        with self._db.unit_of_work() as uow:
            people = uow.people.list_all()
            if person_name is not None:
                people = [p for p in people if p.name.casefold() == person_name.casefold()]
                if not people:
                    raise ValidationError("Person", person_name, "the name of a person here")
            everything: dict[str, Any] = {"format": "spasticity-tracker", "version": EXPORT_VERSION}
            everything["people"] = []
            for person in people:
                assert person.id is not None
                # Only letters, digits, - and _ in file names: a "/" or ".." cannot escape.
                stem = "-".join(re.findall(r"[\w]+", person.name)) or "person"
                csv_path = folder / f"{stem}-diary.csv"
                _write_private(csv_path, self._diary_csv(uow, person))
                written.append(csv_path)
                everything["people"].append(_person_json(uow, person))
            json_path = folder / "spasticity-tracker-export.json"
            _write_private(
                json_path, json.dumps(everything, indent=1, sort_keys=True, default=_plain) + "\n"
            )
            written.append(json_path)
        return written

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
        rows = []
        for day in sorted(set(by_day) | set(effects_by_day)):
            day_entries = by_day.get(day) or [None]
            for index, entry in enumerate(day_entries):
                effects = effects_by_day.get(day, []) if index == 0 else []
                doses = []
                for medicine in medicines:
                    own = [r for r in regimens if r.medicine_id == medicine.id]
                    in_force = regimen_on(own, day)
                    doses.append("" if in_force is None else f"{in_force.daily_total:g}")
                who = entry.entered_by if entry else (effects[0].entered_by if effects else None)
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
                        "" if entry is None else entry.note,
                        carers.get(who, "") if who is not None else "",
                        *doses,
                    ]
                )
        return write_diary_csv(columns, rows)


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


def imported_medicine(person_id: PersonId, column: DoseColumn) -> Medicine:
    """The medicine a dose column names: its ingredient recognised from the name.

    A close spelling ("baclophen_mg") is taken as that ingredient, for the person to confirm.
    """
    recognised = recognise(column.medicine)
    route = Route.INTRATHECAL if column.unit is DoseUnit.MCG_PER_DAY else Route.ORAL
    return Medicine(
        person_id=person_id,
        name=column.medicine,
        ingredient=recognised.ingredient,
        form=form_for(recognised, route),
        ingredient_confirmed=recognised.is_sure,
    )


def _regimen(medicine: Medicine, day: date, amount: float, by: CarerId | None) -> Regimen:
    assert medicine.id is not None
    note = "Imported from a spreadsheet (daily total)"
    if amount == 0:
        return Regimen(medicine_id=medicine.id, start_date=day, note=note, entered_by=by)
    if medicine.route.is_continuous:
        return Regimen(
            medicine_id=medicine.id, start_date=day, rate_per_day=amount, note=note, entered_by=by
        )
    return Regimen(
        medicine_id=medicine.id,
        start_date=day,
        doses=(ScheduledDose(time_of_day=IMPORTED_DOSE_TIME, amount=amount),),
        note=note,
        entered_by=by,
    )


def _write_private(path: Path, text: str) -> None:
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE)
    with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as handle:
        handle.write(text)
    os.chmod(path, PRIVATE_FILE)


def _plain(value: object) -> object:
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    raise TypeError(f"cannot write {type(value).__name__} to JSON")


def _record(entity: object) -> dict[str, Any]:
    assert dataclasses.is_dataclass(entity)
    assert not isinstance(entity, type)
    return dataclasses.asdict(entity)


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
    }


def _from_plain(kind: type, data: dict[str, Any]) -> Any:
    """An entity from its JSON form (dates, times and enums back from their text)."""
    hints = typing.get_type_hints(kind)
    values = {}
    for field in dataclasses.fields(kind):
        if field.name not in data:
            continue
        values[field.name] = _value(hints[field.name], data[field.name])
    return kind(**values)


def _value(hint: Any, raw: Any) -> Any:
    if raw is None:
        return None
    options = [a for a in typing.get_args(hint) if a is not type(None)]
    if typing.get_origin(hint) in (types.UnionType, typing.Union) and options:
        hint = options[0]
    hint = getattr(hint, "__supertype__", hint)  # NewType ids are ints
    if hint is datetime:
        return datetime.fromisoformat(raw)
    if hint is date:
        return date.fromisoformat(raw)
    if hint is time:
        return time.fromisoformat(raw)
    if isinstance(hint, type) and issubclass(hint, Enum):
        return hint(raw)
    if typing.get_origin(hint) is tuple:
        (item,) = typing.get_args(hint)[:1]
        return tuple(_from_plain(item, each) for each in raw)
    return raw


def _medicine_of_version_1(raw: dict[str, Any]) -> dict[str, Any]:
    """A medicine from a version 1 export (a route, no ingredient) in today's form."""
    if "ingredient" in raw or "route" not in raw:
        return raw
    recognised = recognise(str(raw.get("name", "")))
    upgraded = {key: value for key, value in raw.items() if key != "route"}
    upgraded["ingredient"] = recognised.ingredient.value
    upgraded["form"] = form_for(recognised, Route(raw["route"])).value
    upgraded["ingredient_confirmed"] = recognised.is_sure
    return upgraded


_TOXIN_EVENT = "botulinum_toxin"  # version 1 kept injections as events


def _injections_of_version_1(block: dict[str, Any]) -> dict[str, Any]:
    """A person's block with version 1 injection events turned into injection records."""
    events = block.get("events", [])
    if not any(isinstance(e, dict) and e.get("kind") == _TOXIN_EVENT for e in events):
        return block
    injections = [
        {
            "person_id": event.get("person_id"),
            "day": event.get("start_date"),
            "product": ToxinProduct.OTHER.value,
            "note": event.get("note", ""),
            "entered_by": event.get("entered_by"),
        }
        for event in events
        if event.get("kind") == _TOXIN_EVENT
    ]
    return block | {
        "events": [e for e in events if e.get("kind") != _TOXIN_EVENT],
        "injections": [*block.get("injections", []), *injections],
    }


def restore_json(uow: UnitOfWork, data: dict[str, Any]) -> list[str]:
    """Put every record of an export back (new ids, links kept); returns the people's names."""
    if data.get("format") != "spasticity-tracker":
        raise ValidationError("File", "this JSON", "a Spasticity Tracker export")
    names = []
    for block in data.get("people", []):
        person = _from_plain(Person, block["person"])
        if uow.people.find_by_name(person.name) is not None:
            raise ValidationError(
                "Person",
                person.name,
                "a name not already in this diary (restore into an "
                "empty data folder, or rename the person first)",
            )
        new_person = uow.people.add(replace(person, id=None))
        carer_ids: dict[Any, Any] = {None: None}
        for raw in block["carers"]:
            carer = _from_plain(Carer, raw)
            carer_ids[carer.id] = uow.carers.add(
                replace(carer, id=None, person_id=new_person.id)
            ).id
        medicine_ids: dict[Any, Any] = {}
        for raw in block["medicines"]:
            medicine = _from_plain(Medicine, _medicine_of_version_1(raw))
            medicine_ids[medicine.id] = uow.medicines.add(
                replace(
                    medicine,
                    id=None,
                    person_id=new_person.id,
                    entered_by=carer_ids[medicine.entered_by],
                )
            ).id
        for key, kind, link in (
            ("regimens", Regimen, "medicine_id"),
            ("doses", DoseRecord, "medicine_id"),
            ("refills", PumpRefill, "medicine_id"),
            ("entries", SymptomEntry, "person_id"),
            ("side_effects", SideEffectReport, "person_id"),
            ("events", Event, "person_id"),
            ("appointments", Appointment, "person_id"),
            ("injections", ToxinInjection, "person_id"),
        ):
            for raw in _injections_of_version_1(block).get(key, []):
                record = _from_plain(kind, raw)
                owner = (
                    medicine_ids[getattr(record, link)]
                    if link == "medicine_id"
                    else (new_person.id)
                )
                uow.repository_for(kind).add(
                    replace(
                        record,
                        id=None,
                        entered_by=carer_ids[record.entered_by],
                        **{link: owner},
                    )
                )
        names.append(new_person.name)
    return names
