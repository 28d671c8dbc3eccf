"""Restore a JSON export (every record and who entered it) into the diary, in one transaction.

Nothing is written until the whole file has been checked: its size before it is parsed, its
numbers and nesting as it is parsed, then every field's type and range, ids unique within their
kind, every link (a regimen's medicine, who entered a record) resolved inside the person's own
block, the entities' own rules and the rules a record entered by hand must pass (amounts within
the unit's maximum, no future diary dates), and what the diary's tables keep unique. Every
problem is listed with where it is, as the CSV import lists its rows.

The checks follow the entities' own fields and type hints, so a field added to an entity is
checked here without a second schema to keep in step.
"""

from __future__ import annotations

import dataclasses
import json
import math
import re
import types
import typing
from collections.abc import Callable, Container, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, time
from enum import Enum
from typing import Any, TypeVar

from spasticity_tracker.domain import validation as check
from spasticity_tracker.domain.cautions import Caution
from spasticity_tracker.domain.diary_csv import MOST_PROBLEMS_SHOWN
from spasticity_tracker.domain.entities import (
    Appointment,
    AshworthScore,
    Carer,
    CheckIn,
    DoseRecord,
    Event,
    Goal,
    Medicine,
    Person,
    PumpRefill,
    Regimen,
    ScheduledDose,
    SideEffectReport,
    SymptomEntry,
    ToxinInjection,
)
from spasticity_tracker.domain.errors import TrackerError, ValidationError
from spasticity_tracker.domain.ingredients import form_for, recognise
from spasticity_tracker.domain.scales import EventKind, Route, ToxinProduct
from spasticity_tracker.services.base import Service
from spasticity_tracker.services.records import check_regimen_fits, stored_dose_cautions
from spasticity_tracker.storage.unit_of_work import UnitOfWork

FORMAT = "spasticity-tracker"
# 1: medicines by route, injections as events (see the upgrades below); 2: by ingredient and
# form; 3: with the person's hospital number (optional: files before it restore without one);
# 4: the appointment cycle (optional too).
KNOWN_VERSIONS = (1, 2, 3, 4)
# Twenty years of one person's diary export is about 10 MB, and parsing takes about 4.5 times
# a file's size in memory: ten such people fit; a file far beyond any diary is refused unread.
MAX_BYTES = 100 * 1024 * 1024
# An export nests 7 deep (the file, people, a person, regimens, a regimen, its doses, a dose);
# more means a file made to exhaust the parser, whose recursion has no limit of its own.
MAX_DEPTH = 16
# No id, score or amount needs more; Python's own limit (4,300 digits) is far beyond it, and
# converting a 100,000-digit number to text for a message is slow.
MAX_DIGITS = 100
# A planned date (an appointment, a refill due, a dose change) may be ahead, but not by decades:
# dates like 9999-12-31 would overflow the date arithmetic of the windows and charts.
YEARS_AHEAD = 10
LARGEST_ID = 2**63 - 1  # SQLite's integers
LONGEST_SHOWN = 60  # characters of a text from the file quoted in a problem

T = TypeVar("T")


class JsonRestoreError(TrackerError):
    """The file cannot be restored; the message lists every problem, one a line.

    Printed as the CSV import's CsvImportError is (domain/diary_csv.py), so that both imports
    read alike on the command line and in the app.
    """

    def __init__(self, problems: list[str]):
        self.problems = problems
        shown = problems[:MOST_PROBLEMS_SHOWN]
        more = len(problems) - len(shown)
        tail = [f"... and {more} more problems"] if more else []
        count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
        super().__init__(f"Nothing was restored: the file has {count}.\n" + "\n".join(shown + tail))


@dataclass(frozen=True)
class RestoreReport:
    """Who a JSON restore put back, and the cautions of their dose history."""

    names: list[str]
    cautions: list[Caution]


# -- reading the file ----------------------------------------------------------------------------


class _UnreadableError(Exception):
    """Raised from inside the JSON parser's hooks: the file is refused with this one problem."""


def _whole_number(text: str) -> int:
    digits = len(text.lstrip("-"))
    if digits > MAX_DIGITS:
        raise _UnreadableError(
            f"The file holds a number {digits} digits long; no number in an export has more "
            f"than {MAX_DIGITS}."
        )
    return int(text)


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):  # 1e400 reads as infinity
        raise _UnreadableError(
            f"The file holds the number {text}; an export holds only finite numbers."
        )
    return value


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # json keeps the last of two equal keys; which value was meant cannot be known.
    found: dict[str, Any] = {}
    for key, value in pairs:
        if key in found:
            raise _UnreadableError(f"The file gives the key {_shown(key)} twice in one object.")
        found[key] = value
    return found


def _too_deep(value: object) -> bool:
    """Whether lists and objects nest more than MAX_DEPTH deep (counted without recursion)."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        children: Iterable[object]
        if isinstance(item, dict):
            children = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        if depth > MAX_DEPTH:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False


def check_size(size: int) -> None:
    """Refuse a file too large to restore (JsonRestoreError); callers can ask before reading."""
    if size > MAX_BYTES:
        raise JsonRestoreError(
            [f"The file is {size:,} bytes; a restore reads at most {MAX_BYTES:,}."]
        )


def read_export(data: bytes) -> object:
    """The file's JSON value; raises JsonRestoreError when it is too large, or not sound JSON."""
    check_size(len(data))
    too_deep = (
        f"The file nests lists and objects more than {MAX_DEPTH} deep; an export nests them 7 deep."
    )
    try:
        text = data.decode("utf-8-sig")
        content = json.loads(
            text,
            object_pairs_hook=_object,
            parse_int=_whole_number,
            parse_float=_finite,
            parse_constant=_finite,  # NaN, Infinity and -Infinity, which json takes by default
        )
    except UnicodeDecodeError as error:
        raise JsonRestoreError(
            [f"The file is not UTF-8 text (byte {error.start} cannot be read)."]
        ) from None
    except RecursionError:  # the parser recurses once per level: nested too deep for it
        raise JsonRestoreError([too_deep]) from None
    except _UnreadableError as error:
        raise JsonRestoreError([str(error)]) from None
    except json.JSONDecodeError as error:
        raise JsonRestoreError(
            [f"The file is not JSON: {error.msg} (line {error.lineno}, column {error.colno})."]
        ) from None
    if _too_deep(content):
        raise JsonRestoreError([too_deep])
    return content


# -- checking it ---------------------------------------------------------------------------------


def _kind_of(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "a text"
    return "a number"


def _shown(value: object) -> str:
    """A value from the file as a message shows it: short, escaped, in JSON's words."""
    if value is None or isinstance(value, bool | dict | list):
        return _kind_of(value)
    if isinstance(value, str):
        quoted = repr(value[:LONGEST_SHOWN])  # escapes control characters and lone surrogates
        return quoted[:-1] + "..." + quoted[-1] if len(value) > LONGEST_SHOWN else quoted
    return str(value)


_DATE = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
_TIME = r"[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,6})?)?"
# The shapes an export writes (isoformat). fromisoformat alone also takes week dates
# ("2026-W06-6"), compact dates and other spellings an export never holds.
_SHAPES = {
    date: (re.compile(_DATE), "a date written YYYY-MM-DD"),
    time: (re.compile(_TIME), "a time of day written HH:MM:SS"),
    datetime: (
        re.compile(f"{_DATE}T{_TIME}(Z|[+-][0-9]{{2}}:[0-9]{{2}})"),
        "a date and time with its time zone, written YYYY-MM-DDTHH:MM:SS+HH:MM",
    ),
}
_WHAT = {bool: "true or false", int: "a whole number", float: "a number", str: "text"}

# What each kind is called in a message.
_LABELS: dict[type, str] = {
    Person: "person",
    Carer: "carer",
    Medicine: "medicine",
    Regimen: "regimen",
    ScheduledDose: "scheduled dose",
    DoseRecord: "dose record",
    SymptomEntry: "entry",
    SideEffectReport: "side effect",
    Event: "event",
    Appointment: "appointment",
    PumpRefill: "refill",
    ToxinInjection: "injection",
    AshworthScore: "Ashworth score",
    Goal: "goal",
    CheckIn: "check-in",
}
# A person's block: the person, then their records, in the order they are written.
_BLOCK: dict[str, type] = {
    "person": Person,
    "carers": Carer,
    "medicines": Medicine,
    "regimens": Regimen,
    "doses": DoseRecord,
    "refills": PumpRefill,
    "entries": SymptomEntry,
    "side_effects": SideEffectReport,
    "events": Event,
    "appointments": Appointment,
    "injections": ToxinInjection,
    "check_ins": CheckIn,
}
_REQUIRED_IN_BLOCK = ("person", "carers", "medicines")  # every version had them
# Ids that other records point at: without them the links cannot be followed.
_ID_NEEDED = (Person, Carer, Medicine)


@dataclass(frozen=True)
class _Field:
    """An entity's field as the file must give it, from the entity's type hint."""

    kind: Any  # bool, int, float, str, date, time, datetime, an Enum, or an entity (of a list)
    many: bool  # a list of `kind` entities (a regimen's scheduled doses)
    optional: bool  # null allowed
    required: bool  # the file must give it

    @property
    def what(self) -> str:
        """What the field must be, as a message says it."""
        if self.many:
            return "a list"
        if issubclass(self.kind, Enum):
            return "one of " + ", ".join(str(m.value) for m in self.kind)
        if self.kind in _SHAPES:
            return _SHAPES[self.kind][1]
        return _WHAT[self.kind]


def _fields_of(kind: type) -> dict[str, _Field]:
    """An entity's fields, resolved from its type hints."""
    fields = {}
    hints = typing.get_type_hints(kind)  # once: each call evaluates every annotation again
    for f in dataclasses.fields(kind):
        hint = hints[f.name]
        optional = typing.get_origin(hint) in (types.UnionType, typing.Union)
        if optional:
            [hint] = [a for a in typing.get_args(hint) if a is not type(None)]
        many = typing.get_origin(hint) is tuple
        if many:
            hint = typing.get_args(hint)[0]
        fields[f.name] = _Field(
            kind=getattr(hint, "__supertype__", hint),  # NewType ids are ints
            many=many,
            optional=optional,
            required=(f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING)
            or (f.name == "id" and kind in _ID_NEEDED),
        )
    return fields


# Resolved once, not for every record of a long diary.
_FIELDS = {kind: _fields_of(kind) for kind in _LABELS}
# Severity's values are ints and the others' texts: the type must match too ("2" is not 2).
_MEMBERS = {
    kind: {(type(m.value), m.value): m for m in kind}
    for kind in {f.kind for fields in _FIELDS.values() for f in fields.values()}
    if isinstance(kind, type) and issubclass(kind, Enum)
}


class _Bad:
    """A value that failed its check (its problem is already listed)."""


BAD = _Bad()


@dataclass
class _Checked:
    """One record that passed its own checks, with where it is in the file."""

    where: str
    record: Any


@dataclass
class _Block:
    """A person's block, checked: the person and their records by key."""

    where: str
    person: Person | None
    records: dict[str, list[_Checked]]


class _Checker:
    """Checks an export's value, collecting every problem with where it is in the file."""

    def __init__(self, now: datetime):
        self.now = now
        self.today = now.astimezone().date()
        self.latest = date(self.today.year + YEARS_AHEAD, 12, 31)
        self.problems: list[str] = []
        # Ids are unique within their kind across the whole file, as in the diary it came from.
        self._ids: dict[type, dict[int, str]] = {}

    def problem(self, where: str, text: str) -> None:
        self.problems.append(f"{where}: {text}")

    def rule(self, where: str, check_one: Callable[..., object], *args: object) -> None:
        """Run a domain rule; its ValidationError becomes a listed problem."""
        try:
            check_one(*args)
        except ValidationError as error:
            self.problem(where, str(error))

    # -- the file and its blocks ---------------------------------------------------------------

    def export(self, content: object) -> list[_Block]:
        """Each person's block; problems are collected, not raised."""
        if not isinstance(content, dict):
            self.problems.append(
                "The file is not a Spasticity Tracker export: it holds "
                f"{_kind_of(content)}, not an object."
            )
            return []
        if content.get("format") != FORMAT:
            self.problem(
                "format",
                f"must be {FORMAT!r} (got {_shown(content.get('format'))}); the file is not "
                "a Spasticity Tracker export",
            )
            return []
        # A format or version it does not know stops the check: the rest would be read wrongly.
        numbers = [str(v) for v in KNOWN_VERSIONS]
        known = ", ".join(numbers[:-1]) + " and " + numbers[-1]
        version = content.get("version", BAD)
        if version is BAD:
            self.problem("version", "is missing")
            return []
        if type(version) is int and version > max(KNOWN_VERSIONS):
            self.problem(
                "version",
                f"{version}: the file comes from a newer version of Spasticity Tracker (this "
                f"one restores versions {known}); update the app to restore it",
            )
            return []
        if type(version) is not int or version not in KNOWN_VERSIONS:  # not true, not 2.0
            self.problem(
                "version", f"must be {known.replace(' and ', ' or ')} (got {_shown(version)})"
            )
            return []
        self._unknown_keys("the file", content, {"format", "version", "people"}, "an export")
        people = self._list("people", content.get("people", BAD))
        blocks = [self._block(version, f"people[{i}]", raw) for i, raw in enumerate(people)]
        self._unique_names(blocks)
        return blocks

    def _list(self, where: str, raw: object) -> list[Any]:
        if raw is BAD:
            self.problem(where, "is missing")
            return []
        if not isinstance(raw, list):
            self.problem(where, f"must be a list (got {_shown(raw)})")
            return []
        return raw

    def _unknown_keys(
        self, where: str, raw: Mapping[str, object], known: Container[str], label: str
    ) -> None:
        for key in raw:  # in the file's order, so that the problems are listed in it too
            if key not in known:
                self.problem(where, f"has a field {_shown(key)} that {label} does not have")

    def _block(self, version: int, where: str, raw: object) -> _Block:
        if not isinstance(raw, dict):
            self.problem(where, f"must be an object (got {_shown(raw)})")
            return _Block(where, None, {})
        self._unknown_keys(where, raw, _BLOCK, "a person's part of an export")
        raw_person = raw.get("person", BAD)
        if raw_person is BAD:
            self.problem(f"{where}.person", "is missing")
            person = None
        else:
            person = self.record(Person, raw_person, f"{where}.person")
        lists: dict[str, list[tuple[str, Any]]] = {}
        for key in _BLOCK:
            if key == "person":
                continue
            missing: object = BAD if key in _REQUIRED_IN_BLOCK else []
            items = self._list(f"{where}.{key}", raw.get(key, missing))
            lists[key] = [(f"{where}.{key}[{i}]", item) for i, item in enumerate(items)]
        records: dict[str, list[_Checked]] = {key: [] for key in lists}
        for key, items in lists.items():
            for at, item in items:
                kind, record = _BLOCK[key], None
                if version == 1 and key == "medicines":
                    item = self._medicine_of_version_1(at, item)
                if version == 1 and key == "events" and _is_toxin_event(item):
                    kind, record = ToxinInjection, self._injection_of_version_1(at, item)
                elif item is not BAD:
                    record = self.record(kind, item, at)
                if record is not None:
                    records["injections" if kind is ToxinInjection else key].append(
                        _Checked(at, record)
                    )
        block = _Block(where, person, records)
        self._links(block, raw)
        self._rules(block)
        return block

    def _medicine_of_version_1(self, where: str, raw: object) -> object:
        """A medicine from a version 1 export (a route, no ingredient) in today's form."""
        if not isinstance(raw, dict) or "ingredient" in raw:
            return raw
        # Version 1 medicines were oral unless they said otherwise.
        written = raw.get("route", Route.ORAL.value)
        if not isinstance(written, str) or written not in _ROUTES:
            routes = ", ".join(_ROUTES)
            self.problem(f"{where}.route", f"must be one of {routes} (got {_shown(written)})")
            return BAD
        route = Route(written)
        name = raw.get("name")
        recognised = recognise(name if isinstance(name, str) else "")  # else: listed as text
        upgraded = {key: value for key, value in raw.items() if key != "route"}
        upgraded["ingredient"] = recognised.ingredient.value
        upgraded["form"] = form_for(recognised, route).value
        upgraded["ingredient_confirmed"] = recognised.is_sure
        return upgraded

    def _injection_of_version_1(self, where: str, raw: dict[str, Any]) -> ToxinInjection | None:
        """A version 1 injection event, checked as the event it was, as an injection record."""
        event = self.record(Event, raw | {"kind": EventKind.OTHER.value}, where)
        if event is None:
            return None
        return ToxinInjection(
            person_id=event.person_id,
            day=event.start_date,
            product=ToxinProduct.OTHER,
            note=event.note,
            entered_by=event.entered_by,
        )

    # -- one record ----------------------------------------------------------------------------

    def record(self, kind: type[T], raw: object, where: str) -> T | None:
        """The entity a record in the file stands for, or None when it has a problem."""
        if not isinstance(raw, dict):
            self.problem(where, f"must be an object (got {_shown(raw)})")
            return None
        fields = _FIELDS[kind]
        label = _LABELS[kind]
        self._unknown_keys(where, raw, fields, f"{'an' if label[0] in 'aeiou' else 'a'} {label}")
        values = {}
        sound = True
        for name, field in fields.items():
            at = f"{where}.{name}"
            if name not in raw:
                if field.required:
                    self.problem(at, "is missing")
                    sound = False
                continue
            value = self.value(field, raw[name], at)
            if value is BAD:
                sound = False
            else:
                values[name] = value
        if "id" in values and values["id"] is not None:
            sound &= self._unique_id(kind, values["id"], f"{where}.id")
        if not sound:
            return None
        try:
            return kind(**values)
        except ValidationError as error:
            self.problem(where, str(error))
            return None

    def _unique_id(self, kind: type, value: int, where: str) -> bool:
        seen = self._ids.setdefault(kind, {})
        if value in seen:
            self.problem(where, f"{value} is used by another {_LABELS[kind]} ({seen[value]})")
            return False
        seen[value] = where.removesuffix(".id")
        return True

    def value(self, field: _Field, raw: object, where: str) -> Any:
        """A field's value from the file, checked against the entity's type hint."""
        if raw is None:
            if field.optional:
                return None
            self.problem(where, f"must be {field.what} (got null)")
            return BAD
        if field.many:
            if not isinstance(raw, list):
                self.problem(where, f"must be a list (got {_shown(raw)})")
                return BAD
            items = [self.record(field.kind, each, f"{where}[{i}]") for i, each in enumerate(raw)]
            return BAD if None in items else tuple(items)
        if field.kind in _MEMBERS:
            member = _MEMBERS[field.kind].get((type(raw), raw)) if _scalar(raw) else None
            if member is None:
                self.problem(where, f"must be {field.what} (got {_shown(raw)})")
                return BAD
            return member
        if field.kind in _SHAPES:
            return self._moment(field.kind, raw, where)
        return self._plain(field.kind, raw, where)

    def _plain(self, hint: Any, raw: object, where: str) -> Any:
        if isinstance(raw, bool):  # an int in Python: true where a number belongs is refused
            if hint is bool:
                return raw
        elif hint is int and isinstance(raw, int):
            if -LARGEST_ID <= raw <= LARGEST_ID:
                return raw
            self.problem(where, f"must be a whole number of at most 18 digits (got {_shown(raw)})")
            return BAD
        elif hint is float and isinstance(raw, int | float):
            return float(raw)  # an int has at most MAX_DIGITS digits: never overflows a float
        elif hint is str and isinstance(raw, str):
            try:
                raw.encode("utf-8")
            except UnicodeEncodeError:  # "\ud800" is valid JSON but no character; SQLite refuses it
                self.problem(
                    where,
                    f"must be text (got a text with a lone surrogate, {_shown(raw)}, which is "
                    "not a character)",
                )
                return BAD
            return raw
        self.problem(where, f"must be {_WHAT[hint]} (got {_shown(raw)})")
        return BAD

    def _moment(self, kind: type, raw: object, where: str) -> Any:
        shape, what = _SHAPES[kind]
        if not isinstance(raw, str) or not shape.fullmatch(raw):
            self.problem(where, f"must be {what} (got {_shown(raw)})")
            return BAD
        value: date | time
        try:
            if kind is time:
                return time.fromisoformat(raw)
            value = datetime.fromisoformat(raw) if kind is datetime else date.fromisoformat(raw)
        except ValueError:  # 2026-02-30, 25:00, an offset of 99 hours
            real = "a day of the calendar" if kind is date else "a real time"
            self.problem(where, f"must be {what} (got {_shown(raw)}, which is not {real})")
            return BAD
        # The day as written, before any conversion to UTC (which overflows at year 1).
        day = value.date() if isinstance(value, datetime) else value
        if not check.EARLIEST_DATE <= day <= self.latest:
            what = "a date and time" if kind is datetime else "a date"
            self.problem(
                where,
                f"must be {what} from {check.EARLIEST_DATE} to {self.latest} (got {_shown(raw)})",
            )
            return BAD
        return value

    # -- a person's block as a whole -----------------------------------------------------------

    def _links(self, block: _Block, raw: dict[str, Any]) -> None:
        """Every person_id, medicine_id and entered_by points at this block's own records."""
        # Ids as written, even of records with other problems, so that one problem is not
        # echoed by every record that points at it.
        person_id = _id_in(raw.get("person"))
        carers = _ids_in(raw.get("carers"))
        medicines = _ids_in(raw.get("medicines"))
        for checked in block.records.values():
            for each in checked:
                record = each.record
                if (
                    person_id is not None
                    and hasattr(record, "person_id")
                    and record.person_id != person_id
                ):
                    self.problem(
                        f"{each.where}.person_id",
                        f"{record.person_id} is not this person's id ({person_id})",
                    )
                if (
                    medicines is not None
                    and hasattr(record, "medicine_id")
                    and record.medicine_id not in medicines
                ):
                    self.problem(
                        f"{each.where}.medicine_id",
                        f"{record.medicine_id} is not one of this person's medicines",
                    )
                entered_by = getattr(record, "entered_by", None)
                if entered_by is not None and carers is not None and entered_by not in carers:
                    self.problem(
                        f"{each.where}.entered_by",
                        f"{entered_by} is not one of this person's carers",
                    )

    def _rules(self, block: _Block) -> None:
        """The rules a record entered by hand passes (services/records.py), and the clashes."""
        today, now = self.today, self.now
        if block.person is not None and block.person.date_of_birth is not None:
            where = f"{block.where}.person"
            self.rule(
                where, check.day_not_in_future, "Date of birth", block.person.date_of_birth, today
            )
        medicines = {each.record.id: each.record for each in block.records["medicines"]}
        for each in block.records["regimens"]:
            if (medicine := medicines.get(each.record.medicine_id)) is not None:
                self.rule(each.where, check_regimen_fits, medicine, each.record)
        for each in block.records["doses"]:
            dose: DoseRecord = each.record
            if (medicine := medicines.get(dose.medicine_id)) is not None:
                unit = medicine.dose_unit
                self.rule(
                    each.where, check.amount, "Dose", dose.amount, unit.value, unit.max_amount
                )
            self.rule(each.where, check.day_not_in_future, "Dose date", dose.day, today)
            if dose.taken_at is not None:
                self.rule(each.where, check.not_in_future, "Time taken", dose.taken_at, now)
        for each in block.records["refills"]:
            refill: PumpRefill = each.record
            medicine = medicines.get(refill.medicine_id)
            if medicine is not None and not medicine.route.is_continuous:
                self.problem(
                    each.where,
                    str(ValidationError("Refill", medicine.name, "recorded for a pump only")),
                )
            self.rule(each.where, check.day_not_in_future, "Refill date", refill.refill_date, today)
        for each in block.records["entries"]:
            self.rule(
                each.where, check.not_in_future, "Date and time", each.record.recorded_at, now
            )
        for key, label in (
            ("side_effects", "Side effect date"),
            ("injections", "Injection date"),
            ("check_ins", "Check-in date"),
        ):
            for each in block.records[key]:
                self.rule(each.where, check.day_not_in_future, label, each.record.day, today)
        for each in block.records["appointments"]:
            for goal in each.record.goals:
                if goal.rated_on is not None:
                    self.rule(
                        each.where,
                        check.day_not_in_future,
                        "Goal rating date",
                        goal.rated_on,
                        today,
                    )
        self._clashes(block)

    def _clashes(self, block: _Block) -> None:
        """What the diary's tables keep unique (exactly, as their constraints do), checked here.

        Left to the database, a clash would stop the restore at the first one, as one vague
        conflict.
        """
        for key, fields, at, says in _UNIQUE:
            seen: dict[tuple[object, ...], str] = {}
            for each in block.records[key]:
                values = {name: getattr(each.record, name) for name in fields}
                if None in values.values():
                    continue  # extra doses have no scheduled time; several a day are allowed
                same = tuple(values.values())
                if same in seen:
                    shown = {name: getattr(v, "value", v) for name, v in values.items()}
                    where = f"{each.where}.{at}" if at else each.where
                    self.problem(where, f"{says.format(**shown)} ({seen[same]})")
                else:
                    seen[same] = each.where

    def _unique_names(self, blocks: list[_Block]) -> None:
        seen: dict[str, str] = {}
        for block in blocks:
            if block.person is None:
                continue
            name = block.person.name
            if name in seen:
                self.problem(
                    f"{block.where}.person.name",
                    f"another person in the file is called {_shown(name)} ({seen[name]})",
                )
            seen.setdefault(name, f"{block.where}.person")


# Per kind: the fields the diary's table keeps unique together, the field a clash is reported
# at, and what is said.
_UNIQUE = (
    ("carers", ("name",), "name", "another carer of this person is called {name!r}"),
    (
        "medicines",
        ("name", "form"),
        "name",
        "another medicine of this person is called {name!r} in the form {form}",
    ),
    (
        "regimens",
        ("medicine_id", "start_date"),
        "start_date",
        "another regimen of this medicine starts on {start_date}",
    ),
    (
        "doses",
        ("medicine_id", "day", "scheduled_time"),
        "",
        "another dose record of this medicine is for {day} at {scheduled_time}",
    ),
)


def _scalar(raw: object) -> bool:
    return isinstance(raw, str | int | float)  # not a list or an object, which cannot be keys


def _id_in(raw: object) -> int | None:
    """The id a record in the file gives, when it is a whole number."""
    found = raw.get("id") if isinstance(raw, dict) else None
    return found if type(found) is int else None


def _ids_in(raw: object) -> set[int | None] | None:
    """The ids a list of records gives, or None when it is no list."""
    # A list that is not one is a problem listed already: links into it are not listed too.
    return {_id_in(item) for item in raw} if isinstance(raw, list) else None


_TOXIN_EVENT = "botulinum_toxin"  # version 1 kept injections as events
_ROUTES = [route.value for route in Route]  # version 1 medicines had a route, not a form


def _is_toxin_event(raw: object) -> bool:
    return isinstance(raw, dict) and raw.get("kind") == _TOXIN_EVENT


# -- writing it ----------------------------------------------------------------------------------


def restore_json(uow: UnitOfWork, content: object, *, now: datetime) -> list[str]:
    """Check the whole export, then put every record back (new ids, links kept).

    Returns the people's names; raises JsonRestoreError listing every problem, having written
    nothing, when any part of the file is wrong.
    """
    checker = _Checker(now)
    blocks = checker.export(content)
    for block in blocks:
        if block.person is not None and uow.people.find_by_name(block.person.name) is not None:
            checker.problem(
                f"{block.where}.person.name",
                f"{_shown(block.person.name)} is already in this diary (restore into an empty "
                "data folder, or rename the person first)",
            )
    if checker.problems:
        raise JsonRestoreError(checker.problems)
    return [_write(uow, block) for block in blocks]


def _write(uow: UnitOfWork, block: _Block) -> str:
    assert block.person is not None
    person = uow.people.add(replace(block.person, id=None))
    carer_ids: dict[Any, Any] = {None: None}
    for each in block.records["carers"]:
        carer = each.record
        carer_ids[carer.id] = uow.carers.add(replace(carer, id=None, person_id=person.id)).id
    medicine_ids: dict[Any, Any] = {}
    for each in block.records["medicines"]:
        medicine = each.record
        medicine_ids[medicine.id] = uow.medicines.add(
            replace(
                medicine,
                id=None,
                person_id=person.id,
                entered_by=carer_ids[medicine.entered_by],
            )
        ).id
    for key, kind in _BLOCK.items():
        if kind in (Person, Carer, Medicine):
            continue
        link = "medicine_id" if key in ("regimens", "doses", "refills") else "person_id"
        for each in block.records[key]:
            record = each.record
            owner = medicine_ids[record.medicine_id] if link == "medicine_id" else person.id
            uow.repository_for(kind).add(
                replace(record, id=None, entered_by=carer_ids[record.entered_by], **{link: owner})
            )
    return person.name


class JsonRestore(Service):
    """Restore a JSON export: every record, who entered it, links kept."""

    def restore_json(self, data: bytes) -> RestoreReport:
        """Restore a JSON export (every record, who entered it) in one transaction.

        Raises JsonRestoreError, listing every problem, when the file is not a sound export.
        """
        content = read_export(data)
        with self._db.unit_of_work() as uow:
            names = restore_json(uow, content, now=self.now())
            cautions = []
            for name in names:
                person = uow.people.find_by_name(name)
                assert person is not None
                assert person.id is not None
                cautions += stored_dose_cautions(uow, person.id)
            return RestoreReport(names, cautions)
