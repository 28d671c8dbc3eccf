"""Restore a JSON export (every record and who entered it) into the diary, in one transaction."""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from dataclasses import dataclass, replace
from datetime import date, datetime, time
from enum import Enum
from typing import Any

from spasticity_tracker.domain.cautions import Caution
from spasticity_tracker.domain.entities import (
    Appointment,
    Carer,
    DoseRecord,
    Event,
    Medicine,
    Person,
    PumpRefill,
    Regimen,
    SideEffectReport,
    SymptomEntry,
    ToxinInjection,
)
from spasticity_tracker.domain.errors import TrackerError, ValidationError
from spasticity_tracker.domain.ingredients import form_for, recognise
from spasticity_tracker.domain.scales import Route, ToxinProduct
from spasticity_tracker.services.base import Service
from spasticity_tracker.services.records import stored_dose_cautions
from spasticity_tracker.storage.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class RestoreReport:
    """Who a JSON restore put back, and the cautions of their dose history."""

    names: list[str]
    cautions: list[Caution]


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


class JsonRestore(Service):
    """Restore a JSON export: every record, who entered it, links kept."""

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
                    assert person.id is not None
                    cautions += stored_dose_cautions(uow, person.id)
                return RestoreReport(names, cautions)
        except (KeyError, TypeError, ValueError) as error:
            if isinstance(error, TrackerError):
                raise
            raise ValidationError(
                "File", "it", f"a complete Spasticity Tracker export ({error!r} is wrong)"
            ) from None
