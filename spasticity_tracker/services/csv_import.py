"""Import a spreadsheet diary: all or nothing, idempotent, with the cautions its doses raise.

A row is placed at its local wall-clock time: a time the clocks skip is a problem, a time they
pass twice is taken at its first occurrence (and the report says so). A row matching a stored
record is already there; a row that would replace another value stored at its date and time is
a problem, never silently dropped.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from typing import Any

from spasticity_tracker.domain.cautions import Caution, new_cautions
from spasticity_tracker.domain.diary_csv import (
    CsvDiary,
    CsvImportError,
    CsvRow,
    DoseColumn,
    read_diary_csv,
)
from spasticity_tracker.domain.entities import (
    Carer,
    CarerId,
    DoseRecord,
    Event,
    Medicine,
    Person,
    PersonId,
    Regimen,
    ScheduledDose,
    SideEffectReport,
    SymptomEntry,
)
from spasticity_tracker.domain.ingredients import form_for, recognise
from spasticity_tracker.domain.regimens import IMPORTED_NOTE, regimen_on
from spasticity_tracker.domain.scales import DoseStatus, DoseUnit, Route, Severity
from spasticity_tracker.domain.validation import FUTURE_TOLERANCE
from spasticity_tracker.services.base import Service, collector_paused
from spasticity_tracker.services.changes import DataChange
from spasticity_tracker.services.records import stored_dose_cautions
from spasticity_tracker.storage.unit_of_work import UnitOfWork

IMPORTED_DOSE_TIME = time(8)  # a spreadsheet gives the daily total only: one dose a day
DEFAULT_ENTRY_TIME = time(20)  # for rows without a time


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
    notes: list[str] = dataclasses.field(default_factory=list)  # e.g. a time passed twice
    events: int = 0  # falls and triggers, one a day each


Problems = list[tuple[int, str]]  # (row, problem): listed in the order of the rows
MinuteKey = tuple[date, int, int]  # a local day, hour and minute


def local_instant(day: date, at: time) -> tuple[datetime | None, timedelta]:
    """The instant a local wall-clock time names, and how far the clocks move there.

    (None, the jump) when the clocks skip the time (spring); (its first occurrence, the
    step back) when they pass it twice (autumn); (the instant, 0) on any other day.
    """
    # Built by combine, not replace(fold=...): replace takes keywords and is several times
    # slower, and an import places thousands of rows.
    wall = datetime.combine(day, at if at.fold == 0 else _fold(at, 0))
    first = wall.astimezone()
    second = datetime.combine(day, _fold(at, 1)).astimezone()
    if first.date() != day or first.time() != wall.time():
        return None, abs(datetime.combine(first.date(), first.time()) - wall)
    if first.utcoffset() == second.utcoffset():  # most days: one instant
        return first, timedelta(0)
    return min(first, second), abs(second - first)


@functools.lru_cache(maxsize=4096)
def _fold(at: time, fold: int) -> time:
    return time(at.hour, at.minute, at.second, at.microsecond, fold=fold)


def _span(delta: timedelta) -> str:
    """'an hour', 'half an hour', '2 hours', '20 minutes'."""
    minutes = round(delta.total_seconds() / 60)
    if minutes == 60:
        return "an hour"
    if minutes == 30:
        return "half an hour"
    return f"{minutes // 60} hours" if minutes % 60 == 0 else f"{minutes} minutes"


@dataclass(frozen=True)
class Placed:
    """Where the rows of a file fall in time: each entry row's instant, and notes to tell."""

    instants: dict[int, datetime]  # row number -> the instant of its minute (entry rows only)
    notes: list[str]
    problems: Problems  # skipped times and future rows; listed with the diary's clashes


def place_rows(diary: CsvDiary, latest: datetime) -> Placed:
    """Each entry row's instant, and a problem for each skipped time and future row.

    Only an entry needs a moment: a row with side effects or doses alone is a day, and is
    in the future only when its day is after today (so an export imports at any hour).
    """
    problems: Problems = []
    notes: list[str] = []
    instants: dict[int, datetime] = {}
    today = latest.astimezone().date()

    def problem(row: CsvRow, text: str) -> None:
        problems.append((row.line, f"Row {row.line}{text}"))

    for row in diary.rows:
        if row.at is None and not row.has_symptoms:
            if row.day > today:
                problem(row, ": the date is in the future.")
            continue
        at = row.at or DEFAULT_ENTRY_TIME
        instant, shift = local_instant(row.day, at)
        if instant is None:
            cell = f", column 'time': '{at:%H:%M}'" if row.at else f": {at:%H:%M}"
            problem(
                row,
                f"{cell} does not exist on {row.day} here (the clocks go forward {_span(shift)}).",
            )
            continue
        if not row.has_symptoms:
            if row.day > today:
                problem(row, ": the date is in the future.")
            continue
        if instant > latest:
            problem(row, ": the date and time are in the future.")
            continue
        if shift:
            notes.append(
                f"Row {row.line}: {row.day} {at:%H:%M} happens twice here (the clocks go back "
                f"{_span(shift)}); the first was taken."
            )
        instants[row.line] = instant
    return Placed(instants, notes, problems)


def _minute(moment: datetime) -> MinuteKey:
    local = moment.astimezone()
    return (local.date(), local.hour, local.minute)


def _row_minute(row: CsvRow) -> MinuteKey:
    at = row.at or DEFAULT_ENTRY_TIME
    return (row.day, at.hour, at.minute)


def _same_entry(entry: SymptomEntry, row: CsvRow) -> bool:
    """The row holds what the stored entry holds (the note as the reader trims cells)."""
    stored = (
        entry.stiffness,
        entry.spasm_frequency,
        entry.spasm_severity,
        entry.pain,
        entry.sleep_disruption,
        entry.note.strip(),
    )
    return stored == (*row.scores.values(), row.notes.strip())


def _unit_text(amount: float, unit: DoseUnit) -> str:
    return f"{amount:g} mg a day" if unit is DoseUnit.MG else f"{amount:g} {unit.value}"


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


def _total_on(regimens: Sequence[Regimen], day: date) -> float | None:
    """The daily total in force on a day, None before the first regimen."""
    in_force = regimen_on(regimens, day)
    return None if in_force is None else in_force.daily_total


def _regimen(medicine: Medicine, day: date, amount: float, by: CarerId | None) -> Regimen:
    assert medicine.id is not None
    note = IMPORTED_NOTE
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


class CsvImport(Service):
    """Import a spreadsheet diary for a person (all or nothing, idempotent), or rehearse it."""

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
        with collector_paused():
            return self._import_file(data, person_name, entered_by, day_first, rehearse)

    def _import_file(
        self, data: bytes, person_name: str, entered_by: str, day_first: bool, rehearse: bool
    ) -> ImportReport:
        diary = read_diary_csv(data, day_first=day_first)
        # Nothing dated after now: the app refuses the same for an entry made by hand.
        placed = place_rows(diary, self.now() + FUTURE_TOLERANCE)
        with self._db.unit_of_work(rehearse=rehearse) as uow:
            person = uow.people.find_by_name(person_name) or uow.people.add(
                Person(name=person_name.strip())
            )
            assert person.id is not None
            before = stored_dose_cautions(uow, person.id)
            # A clash raises here, inside the transaction: it is rolled back whole.
            report = self._import(uow, person, diary, placed, entered_by.strip())
            raised = new_cautions(before, stored_dose_cautions(uow, person.id))
            return replace(report, cautions=raised, notes=placed.notes)

    def _import(
        self, uow: UnitOfWork, person: Person, diary: CsvDiary, placed: Placed, default_by: str
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

        problems: Problems = list(placed.problems)
        # Collected, then written in bulk: years of rows import in a second or two.
        new_entries = self._new_entries(uow, person_id, diary, placed, author, problems)
        new_effects = self._new_side_effects(uow, person_id, diary, author, problems)
        regimens, doses, new_medicines = self._import_doses(uow, person, diary, author, problems)
        if problems:
            raise CsvImportError([text for _, text in sorted(problems, key=lambda p: p[0])])
        entries = uow.entries.add_many(new_entries)
        side_effects = uow.side_effects.add_many(new_effects)
        events = uow.events.add_many(self._new_events(uow, person_id, diary, author))
        change = DataChange.PEOPLE | DataChange.CARERS
        for count, flag in (
            (entries, DataChange.ENTRIES),
            (side_effects, DataChange.SIDE_EFFECTS),
            (events, DataChange.EVENTS),
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
            events=events,
        )

    @staticmethod
    def _new_entries(
        uow: UnitOfWork,
        person_id: PersonId,
        diary: CsvDiary,
        placed: Placed,
        author: Any,
        problems: Problems,
    ) -> list[SymptomEntry]:
        """The rows' entries not stored yet; a row whose minute holds other values clashes.

        Within a minute, rows and stored entries are matched by their values (several a
        minute are allowed, kept a second apart), so the order of rows does not matter.
        """
        stored: dict[MinuteKey, list[SymptomEntry]] = {}
        for entry in uow.entries.list_for(person_id):
            stored.setdefault(_minute(entry.recorded_at), []).append(entry)
        rows_at: dict[MinuteKey, list[CsvRow]] = {}
        for row in diary.rows:
            if row.line in placed.instants:  # a row with symptoms at a time that exists
                rows_at.setdefault(_row_minute(row), []).append(row)
        new: list[SymptomEntry] = []
        for key, rows in rows_at.items():
            unmatched = list(stored.get(key, []))
            left = []
            for row in rows:
                same = next((entry for entry in unmatched if _same_entry(entry, row)), None)
                if same is None:
                    left.append(row)
                else:
                    unmatched.remove(same)
            if left and unmatched:
                day, hour, minute = key
                problems.extend(
                    (
                        row.line,
                        f"Row {row.line}: an entry at {day} {hour:02}:{minute:02} already "
                        "holds other values.",
                    )
                    for row in left
                )
                continue
            taken = {entry.recorded_at for entry in stored.get(key, [])}
            second = 0
            for row in left:
                while (moment := placed.instants[row.line] + timedelta(seconds=second)) in taken:
                    second += 1
                taken.add(moment)
                stiffness = row.scores["stiffness"]
                assert stiffness is not None  # checked by the reader
                new.append(
                    SymptomEntry(
                        person_id=person_id,
                        recorded_at=moment,
                        stiffness=stiffness,
                        spasm_frequency=row.scores["spasm_frequency"],
                        spasm_severity=row.scores["spasm_severity"],
                        pain=row.scores["pain"],
                        sleep_disruption=row.scores["sleep_disruption"],
                        note=row.notes,
                        entered_by=author(row.entered_by),
                    )
                )
        return new

    @staticmethod
    def _new_events(
        uow: UnitOfWork, person_id: PersonId, diary: CsvDiary, author: Any
    ) -> list[Event]:
        """The rows' events not stored yet: one of a kind a day (a second is the same one)."""
        known = {(event.start_date, event.kind) for event in uow.events.list_for(person_id)}
        new: list[Event] = []
        for row in diary.rows:
            for kind in row.events:
                if (row.day, kind) in known:
                    continue
                known.add((row.day, kind))
                new.append(
                    Event(
                        person_id=person_id,
                        kind=kind,
                        start_date=row.day,
                        entered_by=author(row.entered_by),
                    )
                )
        return new

    @staticmethod
    def _new_side_effects(
        uow: UnitOfWork, person_id: PersonId, diary: CsvDiary, author: Any, problems: Problems
    ) -> list[SideEffectReport]:
        """The rows' side effects not stored yet; another severity stored that day clashes."""
        stored: dict[tuple[date, str], list[Severity]] = {}
        for report in uow.side_effects.list_for(person_id):
            stored.setdefault((report.day, report.effect), []).append(report.severity)
        in_file: dict[tuple[date, str], list[tuple[CsvRow, Severity]]] = {}
        for row in diary.rows:
            for effect, severity in row.side_effects:
                in_file.setdefault((row.day, effect), []).append((row, severity))
        new: list[SideEffectReport] = []
        for (day, effect), items in in_file.items():
            unmatched = list(stored.get((day, effect), []))
            left = []
            for row, severity in items:
                if severity in unmatched:
                    unmatched.remove(severity)
                else:
                    left.append((row, severity))
            if left and unmatched:
                held = " and ".join(severity.name.lower() for severity in unmatched)
                problems.extend(
                    (
                        row.line,
                        f"Row {row.line}, column 'side_effects': {effect} on {day} is already "
                        f"in the diary as {held}.",
                    )
                    for row, _ in left
                )
                continue
            new.extend(
                SideEffectReport(
                    person_id=person_id,
                    day=day,
                    effect=effect,
                    severity=severity,
                    entered_by=author(row.entered_by),
                )
                for row, severity in left
            )
        return new

    def _import_doses(
        self, uow: UnitOfWork, person: Person, diary: CsvDiary, author: Any, problems: Problems
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
            starts = {r.start_date: r.daily_total for r in existing}
            recorded = {(d.day, d.scheduled_time) for d in uow.doses.list_for_medicine(medicine.id)}
            new_doses: list[DoseRecord] = []
            new_regimens: list[Regimen] = []
            # A first row that repeats the total already in force is no change.
            in_force = regimen_on(existing, rows[0].day - timedelta(days=1))
            previous: float | None = None if in_force is None else in_force.daily_total
            given: dict[date, CsvRow] = {}  # the row that gave each day's total
            for row in rows:
                amount = row.doses[column.column]
                first = given.setdefault(row.day, row)
                if first.doses[column.column] != amount:
                    # A daily total: two in one day cannot both hold.
                    problems.append(
                        (
                            row.line,
                            f"Row {row.line}, column '{column.column}': {amount:g} is not the "
                            f"{first.doses[column.column]:g} row {first.line} gives for {row.day}.",
                        )
                    )
                elif row.day in starts and starts[row.day] != amount:
                    # A dose change stored that day says otherwise: never silently kept.
                    problems.append(
                        (
                            row.line,
                            f"Row {row.line}, column '{column.column}': the diary already has "
                            f"{medicine.name} at {_unit_text(starts[row.day], column.unit)} from "
                            f"{row.day}.",
                        )
                    )
                elif (
                    amount != previous
                    and row.day not in starts
                    and amount != _total_on([*existing, *new_regimens], row.day)
                ):
                    # A total that moved since the row before, unless the diary moved it too,
                    # on a day without a row: its own export read back in, say. A regimen of
                    # one dose a day would replace the schedule the diary has.
                    new_regimens.append(_regimen(medicine, row.day, amount, author(row.entered_by)))
                    starts[row.day] = amount
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
            regimens += uow.regimens.add_many(new_regimens)
            doses += uow.doses.add_many(new_doses)
        return regimens, doses, added
