"""Repositories: map rows to domain entities and back. They take a session and never commit."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any, ClassVar, Generic, TypeVar, TypeVarTuple

from sqlalchemy import Select, insert, select, text
from sqlalchemy.orm import Session

from spasticity_tracker.domain.entities import (
    Appointment,
    AppointmentId,
    AshworthScore,
    Carer,
    CarerId,
    CheckIn,
    CheckInId,
    DoseRecord,
    DoseRecordId,
    Event,
    EventId,
    Goal,
    Medicine,
    MedicineId,
    Person,
    PersonId,
    PumpRefill,
    PumpRefillId,
    Regimen,
    RegimenId,
    ScheduledDose,
    SideEffectReport,
    SideEffectReportId,
    SymptomEntry,
    SymptomEntryId,
    ToxinInjection,
    ToxinInjectionId,
)
from spasticity_tracker.domain.errors import ClashError, NotFoundError
from spasticity_tracker.domain.ingredients import Ingredient
from spasticity_tracker.domain.regimens import DoseOutcome
from spasticity_tracker.domain.scales import (
    Ashworth,
    BodySide,
    Condition,
    DoseStatus,
    DoseUnit,
    EventKind,
    Form,
    Severity,
    ToxinProduct,
)
from spasticity_tracker.domain.series import EffectMark, EntryFacts, EntryScores
from spasticity_tracker.storage.models import (
    AppointmentRow,
    AshworthScoreRow,
    Base,
    CarerRow,
    CheckInRow,
    DoseRecordRow,
    EventRow,
    GoalRow,
    MedicineRow,
    PersonRow,
    PumpRefillRow,
    RegimenDoseRow,
    RegimenRow,
    SideEffectReportRow,
    SymptomEntryRow,
    ToxinInjectionRow,
    utc_now,
)

E = TypeVar("E")
R = TypeVar("R", bound=Base)

_AUDIT = ("created_at", "updated_at")


class Repository(Generic[E, R]):
    """Add, get, update, delete and list one entity type; a restored entity keeps its id."""

    row_type: ClassVar[type[Any]]
    label: ClassVar[str] = "record"
    has_children: ClassVar[bool] = False  # rows of its own in other tables (add_many)

    def __init__(self, session: Session):
        self._session = session

    # Subclasses map the fields.
    def to_entity(self, row: R) -> E:
        raise NotImplementedError

    def _fields(self, entity: E) -> dict[str, Any]:
        raise NotImplementedError

    def _write(self, entity: E, row: R) -> None:
        for name, value in self._fields(entity).items():
            setattr(row, name, value)

    def _new_row(self, entity: E) -> R:
        row: R = self.row_type()
        self._write(entity, row)
        entity_id = getattr(entity, "id", None)
        if entity_id is not None:  # restoring a deleted record under its old id
            row.id = entity_id  # type: ignore[attr-defined]
        now = utc_now()  # one instant, so that a new record's created_at == updated_at
        for name in _AUDIT:
            setattr(row, name, getattr(entity, name, None) or now)
        return row

    def add(self, entity: E) -> E:
        """Insert; returns the entity with its id and timestamps."""
        row = self._new_row(entity)
        self._session.add(row)
        self._session.flush()
        return self.to_entity(row)

    def add_many(self, entities: Iterable[E]) -> int:
        """Insert many at once (an import, the example data); returns how many.

        One INSERT run over all the rows (executemany), past the session's bookkeeping of
        each object: an import of years of entries takes a fraction of the time. A record
        with rows of its own (a regimen's doses) goes through the session instead. The rows
        of one call share one created instant, as the one transaction that writes them.
        """
        if self.has_children:
            objects = [self._new_row(entity) for entity in entities]
            self._session.add_all(objects)
            self._session.flush()
            return len(objects)
        now = utc_now()
        rows = [self._values(entity, now) for entity in entities]
        if rows:
            self._session.flush()  # rows added before, which these may refer to, go first
        # One run, unless some rows bring their old ids: runs in the order given.
        for names, run in itertools.groupby(rows, key=tuple):
            self._insert(names, list(run))
        return len(rows)

    def _values(self, entity: E, now: datetime) -> dict[str, Any]:
        """A new row's columns, as _new_row sets them."""
        values = self._fields(entity)
        entity_id = getattr(entity, "id", None)
        if entity_id is not None:
            values["id"] = entity_id
        for name in _AUDIT:
            values[name] = getattr(entity, name, None) or now
        values["version"] = 1
        return values

    def _insert(self, names: tuple[str, ...], rows: list[dict[str, Any]]) -> None:
        """One INSERT of the named columns, run over `rows` in one call to the database driver.

        Each column's values are converted by its type's own bind processor, the conversion
        SQLAlchemy's executemany applies, but a column at a time and each distinct value once
        (the audit instants, the day of each of a day's doses). Equal values convert alike for
        what these tables hold: dates, times of day without a zone, and aware instants (equal
        ones are one UTC value). SQLAlchemy's executemany
        builds every row's parameters one by one through its general machinery: for an import
        of 10 years (about 10,000 dose records and 3,800 entries) that took about 0.4 s of
        the import's 0.9 s, and this takes about 0.2 s.
        """
        connection = self._session.connection()
        dialect = connection.dialect
        table = self.row_type.__table__
        compiled = insert(table).compile(dialect=dialect, column_keys=list(names))
        order = compiled.positiontup if compiled.positional else list(names)
        assert order is not None
        assert set(order) == set(names), f"{table.name}: a column left to its default"
        columns: list[list[Any]] = []
        for name in order:
            column = [row[name] for row in rows]
            process = table.c[name].type.dialect_impl(dialect).bind_processor(dialect)
            if process is not None:
                converted = {value: process(value) for value in set(column) if value is not None}
                column = [None if value is None else converted[value] for value in column]
            columns.append(column)
        parameters: list[Any] = (
            list(zip(*columns, strict=True))
            if compiled.positional
            else [dict(zip(order, values, strict=True)) for values in zip(*columns, strict=True)]
        )
        connection.exec_driver_sql(compiled.string, parameters)

    def _row(self, entity_id: int) -> R:
        row: R | None = self._session.get(self.row_type, entity_id)
        if row is None:
            raise NotFoundError(f"That {self.label} no longer exists (id {entity_id}).")
        return row

    def get(self, entity_id: int) -> E:
        return self.to_entity(self._row(entity_id))

    def update(self, entity: E) -> E:
        """Overwrite the stored record with the same id."""
        entity_id = getattr(entity, "id", None)
        if entity_id is None:
            raise NotFoundError(f"That {self.label} has not been saved yet.")
        row = self._row(entity_id)
        seen = getattr(entity, "version", None)
        if seen is not None and seen != getattr(row, "version", seen):
            raise ClashError(self._clash(entity, row))
        self._write(entity, row)
        # Set here, not left to the column's onupdate: a change to child rows only (a dose of
        # a regimen, a goal's rating) sends no UPDATE of the row itself, and the backups tell a
        # changed diary by its newest updated_at.
        row.updated_at = utc_now()  # type: ignore[attr-defined]
        self._session.flush()
        return self.to_entity(row)

    def _clash(self, yours: E, row: R) -> str:
        """Who changed the record meanwhile, and what differs between theirs and yours."""
        theirs = self._fields(self.to_entity(row))
        mine = self._fields(yours)
        differences = [
            f"{name.replace('_', ' ')}: {_shown(theirs[name])} saved, {_shown(mine[name])} yours"
            if not isinstance(theirs[name], str)
            else f"{name.replace('_', ' ')}: changed"  # text (notes) stays out of messages
            for name in theirs
            if theirs[name] != mine.get(name)
        ]
        by = changed_by(self._session, self.row_type.__tablename__, row.id)  # type: ignore[attr-defined]
        return (
            f"This {self.label} was changed {'by ' + by + ' ' if by else ''}meanwhile, so your "
            "change was not saved. "
            + ("; ".join(differences) + ". " if differences else "")
            + "Open it again to see what is saved now, and change it again if need be."
        )

    def delete(self, entity_id: int) -> E:
        """Remove; returns what was removed, so that it can be restored."""
        row = self._row(entity_id)
        entity = self.to_entity(row)
        self._session.delete(row)
        self._session.flush()
        return entity

    def _list(self, statement: Select[Any]) -> list[E]:
        return [self.to_entity(row) for row in self._session.scalars(statement)]

    def _list_plain(self, statement: Select[Any]) -> list[E]:
        """Like _list for a select of the bare table: plain rows, no ORM identity map.

        Years of entries load about twice as fast this way; to_entity reads the same names.
        """
        return [self.to_entity(row) for row in self._session.execute(statement)]  # type: ignore[arg-type]


Columns = TypeVarTuple("Columns")


def _shown(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list | tuple):
        return ", ".join(_shown(item) for item in value) or "none"
    return str(getattr(value, "value", value))


def changed_by(session: Session, table: str, row_id: int) -> str | None:
    """The login that last changed a row, from a shared diary's audit (None in a file)."""
    if session.get_bind().dialect.name != "postgresql":
        return None
    value = session.scalar(
        text(
            "SELECT login FROM audit_log WHERE table_name = :table AND row_id = :row_id "
            "ORDER BY id DESC LIMIT 1"
        ),
        {"table": table, "row_id": row_id},
    )
    return None if value is None else str(value)


def _audit(row: Any) -> dict[str, Any]:
    return {
        "entered_by": None if row.entered_by_carer_id is None else CarerId(row.entered_by_carer_id),
        "created_at": row.created_at,
        "updated_at": row.updated_at,
        "version": row.version,
    }


class PersonRepository(Repository[Person, PersonRow]):
    row_type = PersonRow
    label = "person"

    def to_entity(self, row: PersonRow) -> Person:
        return Person(
            id=PersonId(row.id),
            name=row.name,
            date_of_birth=row.date_of_birth,
            condition=Condition(row.condition),
            kidney_impairment=row.kidney_impairment,
            is_example=row.is_example,
            questions=row.questions,
            hospital_number=row.hospital_number,
            created_at=row.created_at,
            updated_at=row.updated_at,
            version=row.version,
        )

    def _fields(self, entity: Person) -> dict[str, Any]:
        return {
            "name": entity.name,
            "date_of_birth": entity.date_of_birth,
            "condition": entity.condition.value,
            "kidney_impairment": entity.kidney_impairment,
            "is_example": entity.is_example,
            "questions": entity.questions,
            "hospital_number": entity.hospital_number,
        }

    def list_all(self) -> list[Person]:
        return self._list(select(PersonRow).order_by(PersonRow.name))

    def find_by_name(self, name: str) -> Person | None:
        row = self._session.scalars(
            select(PersonRow).where(PersonRow.name == name.strip())
        ).one_or_none()
        return None if row is None else self.to_entity(row)


class CarerRepository(Repository[Carer, CarerRow]):
    row_type = CarerRow
    label = "carer"

    def to_entity(self, row: CarerRow) -> Carer:
        return Carer(
            id=CarerId(row.id),
            person_id=PersonId(row.person_id),
            name=row.name,
            created_at=row.created_at,
            updated_at=row.updated_at,
        )

    def _fields(self, entity: Carer) -> dict[str, Any]:
        return {"person_id": entity.person_id, "name": entity.name}

    def list_for(self, person_id: PersonId) -> list[Carer]:
        return self._list(
            select(CarerRow).where(CarerRow.person_id == person_id).order_by(CarerRow.name)
        )

    def find_by_name(self, person_id: PersonId, name: str) -> Carer | None:
        row = self._session.scalars(
            select(CarerRow).where(CarerRow.person_id == person_id, CarerRow.name == name.strip())
        ).one_or_none()
        return None if row is None else self.to_entity(row)


class MedicineRepository(Repository[Medicine, MedicineRow]):
    row_type = MedicineRow
    label = "medicine"

    def to_entity(self, row: MedicineRow) -> Medicine:
        return Medicine(
            id=MedicineId(row.id),
            person_id=PersonId(row.person_id),
            name=row.name,
            ingredient=Ingredient(row.ingredient),
            form=Form(row.form),
            ingredient_confirmed=row.ingredient_confirmed,
            unit=DoseUnit(row.unit),
            **_audit(row),
        )

    def _fields(self, entity: Medicine) -> dict[str, Any]:
        return {
            "person_id": entity.person_id,
            "name": entity.name,
            "ingredient": entity.ingredient.value,
            "form": entity.form.value,
            "ingredient_confirmed": entity.ingredient_confirmed,
            "unit": entity.dose_unit.value,
            "entered_by_carer_id": entity.entered_by,
        }

    def list_for(self, person_id: PersonId) -> list[Medicine]:
        return self._list(
            select(MedicineRow).where(MedicineRow.person_id == person_id).order_by(MedicineRow.id)
        )


class RegimenRepository(Repository[Regimen, RegimenRow]):
    has_children = True  # its doses
    row_type = RegimenRow
    label = "regimen"

    def to_entity(self, row: RegimenRow) -> Regimen:

        return Regimen(
            id=RegimenId(row.id),
            medicine_id=MedicineId(row.medicine_id),
            start_date=row.start_date,
            doses=tuple(
                ScheduledDose(time_of_day=dose.time_of_day, amount=dose.amount)
                for dose in row.doses
            ),
            rate_per_day=row.rate_per_day,
            note=row.note,
            **_audit(row),
        )

    def _fields(self, entity: Regimen) -> dict[str, Any]:
        return {
            "medicine_id": entity.medicine_id,
            "start_date": entity.start_date,
            "rate_per_day": entity.rate_per_day,
            "note": entity.note,
            "entered_by_carer_id": entity.entered_by,
        }

    def _write(self, entity: Regimen, row: RegimenRow) -> None:
        super()._write(entity, row)
        if row.doses:
            # Delete the old doses first: the unit of work would insert the new ones before
            # deleting the old, and a dose kept at the same time would break uniqueness.
            row.doses.clear()
            self._session.flush()
        row.doses = [
            RegimenDoseRow(time_of_day=dose.time_of_day, amount=dose.amount)
            for dose in entity.doses
        ]

    def list_for_medicine(self, medicine_id: MedicineId) -> list[Regimen]:
        return self._list(
            select(RegimenRow)
            .where(RegimenRow.medicine_id == medicine_id)
            .order_by(RegimenRow.start_date)
        )

    def list_for_person(self, person_id: PersonId) -> list[Regimen]:
        return self._list(
            select(RegimenRow)
            .join(MedicineRow, MedicineRow.id == RegimenRow.medicine_id)
            .where(MedicineRow.person_id == person_id)
            .order_by(RegimenRow.start_date, RegimenRow.medicine_id)
        )


class DoseRecordRepository(Repository[DoseRecord, DoseRecordRow]):
    row_type = DoseRecordRow
    label = "dose record"

    def to_entity(self, row: DoseRecordRow) -> DoseRecord:

        return DoseRecord(
            id=DoseRecordId(row.id),
            medicine_id=MedicineId(row.medicine_id),
            day=row.day,
            status=DoseStatus(row.status),
            amount=row.amount,
            scheduled_time=row.scheduled_time,
            taken_at=row.taken_at,
            **_audit(row),
        )

    def _fields(self, entity: DoseRecord) -> dict[str, Any]:
        return {
            "medicine_id": entity.medicine_id,
            "day": entity.day,
            "status": entity.status.value,
            "amount": entity.amount,
            "scheduled_time": entity.scheduled_time,
            "taken_at": entity.taken_at,
            "entered_by_carer_id": entity.entered_by,
        }

    def find_scheduled(self, record: DoseRecord) -> DoseRecord | None:
        """The record already kept for the same scheduled dose (medicine, day, time), if any."""
        if record.scheduled_time is None:
            return None
        row = self._session.scalars(
            select(DoseRecordRow).where(
                DoseRecordRow.medicine_id == record.medicine_id,
                DoseRecordRow.day == record.day,
                DoseRecordRow.scheduled_time == record.scheduled_time,
            )
        ).one_or_none()
        return None if row is None else self.to_entity(row)

    # Years of dose records (ten thousand and more) are read as plain rows (_list_plain).

    def list_for_medicine(self, medicine_id: MedicineId) -> list[DoseRecord]:
        return self._list_plain(
            select(DoseRecordRow.__table__)
            .where(DoseRecordRow.medicine_id == medicine_id)
            .order_by(DoseRecordRow.day, DoseRecordRow.scheduled_time)
        )

    def list_for(self, person_id: PersonId, first: date, last: date) -> list[DoseRecord]:
        """Dose records of all the person's medicines from first to last day, inclusive."""
        return self._list_plain(_of_person(select(DoseRecordRow.__table__), person_id, first, last))

    def outcomes_for(self, person_id: PersonId, first: date, last: date) -> list[DoseOutcome]:
        """As list_for, each record's medicine, day, dose and outcome alone (what the summary
        counts), read as plain values: a quarter of the time of whole records over years."""
        row = DoseRecordRow
        selected = select(row.medicine_id, row.day, row.status, row.scheduled_time, row.taken_at)
        statement = _of_person(selected, person_id, first, last)
        status = {each.value: each for each in DoseStatus}
        return [
            DoseOutcome(MedicineId(medicine), day, status[value], scheduled, taken_at)
            for medicine, day, value, scheduled, taken_at in self._session.execute(statement)
        ]


def _of_person(
    statement: Select[*Columns], person_id: PersonId, first: date, last: date
) -> Select[*Columns]:
    """The dose records of all the person's medicines from first to last day, in order."""
    return (
        statement.join(MedicineRow, MedicineRow.id == DoseRecordRow.medicine_id)
        .where(
            MedicineRow.person_id == person_id,
            DoseRecordRow.day >= first,
            DoseRecordRow.day <= last,
        )
        .order_by(DoseRecordRow.day, DoseRecordRow.scheduled_time, DoseRecordRow.id)
    )


class SymptomEntryRepository(Repository[SymptomEntry, SymptomEntryRow]):
    row_type = SymptomEntryRow
    label = "diary entry"

    def to_entity(self, row: SymptomEntryRow) -> SymptomEntry:

        return SymptomEntry(
            id=SymptomEntryId(row.id),
            person_id=PersonId(row.person_id),
            recorded_at=row.recorded_at,
            stiffness=row.stiffness,
            spasm_frequency=row.spasm_frequency,
            spasm_severity=row.spasm_severity,
            pain=row.pain,
            sleep_disruption=row.sleep_disruption,
            note=row.note,
            **_audit(row),
        )

    def _fields(self, entity: SymptomEntry) -> dict[str, Any]:
        return {
            "person_id": entity.person_id,
            "recorded_at": entity.recorded_at,
            "stiffness": entity.stiffness,
            "spasm_frequency": entity.spasm_frequency,
            "spasm_severity": entity.spasm_severity,
            "pain": entity.pain,
            "sleep_disruption": entity.sleep_disruption,
            "note": entity.note,
            "entered_by_carer_id": entity.entered_by,
        }

    def list_for(
        self, person_id: PersonId, start: datetime | None = None, end: datetime | None = None
    ) -> list[SymptomEntry]:
        """The person's entries recorded in [start, end), newest first."""
        statement = select(SymptomEntryRow.__table__)
        return self._list_plain(_entries_of(statement, person_id, start, end))

    def facts_for(
        self, person_id: PersonId, start: datetime | None = None, end: datetime | None = None
    ) -> list[EntryFacts]:
        """As list_for, each entry without its id and audit columns (what the summary
        reads), as plain values: a fifth of the time of whole entries over years."""
        row = SymptomEntryRow
        statement = select(
            row.recorded_at,
            row.stiffness,
            row.pain,
            row.sleep_disruption,
            row.spasm_frequency,
            row.spasm_severity,
            row.note,
            row.entered_by_carer_id,
        )
        return [
            EntryFacts(*values[:7], None if values[7] is None else CarerId(values[7]))
            for values in self._session.execute(_entries_of(statement, person_id, start, end))
        ]

    def earliest(self, person_id: PersonId) -> datetime | None:
        """When the person's first entry was recorded; None before their first."""
        moment: datetime | None = self._session.scalar(
            select(SymptomEntryRow.recorded_at)
            .where(SymptomEntryRow.person_id == person_id)
            .order_by(SymptomEntryRow.recorded_at)
            .limit(1)
        )
        return moment

    def scores_for(self, person_id: PersonId, start: datetime | None = None) -> list[EntryScores]:
        """The person's entries' times and scores alone, from start on, newest first (as
        list_for)."""
        row = SymptomEntryRow
        statement = _entries_of(
            select(
                row.recorded_at, row.stiffness, row.pain, row.sleep_disruption, row.spasm_frequency
            ),
            person_id,
            start,
            None,
        )
        return [EntryScores(*values) for values in self._session.execute(statement)]


def _entries_of(
    statement: Select[*Columns], person_id: PersonId, start: datetime | None, end: datetime | None
) -> Select[*Columns]:
    """The person's entries recorded in [start, end), newest first."""
    statement = statement.where(SymptomEntryRow.person_id == person_id)
    if start is not None:
        statement = statement.where(SymptomEntryRow.recorded_at >= start)
    if end is not None:
        statement = statement.where(SymptomEntryRow.recorded_at < end)
    return statement.order_by(SymptomEntryRow.recorded_at.desc(), SymptomEntryRow.id.desc())


class _DatedRepository(Repository[E, R]):
    """Records of a person kept by day."""

    date_column: ClassVar[str] = "day"

    def list_for(
        self, person_id: PersonId, first: date | None = None, last: date | None = None
    ) -> list[E]:
        """The person's records from first to last day inclusive, oldest first."""
        column = getattr(self.row_type, self.date_column)
        # Plain rows, unless a record has rows of its own to load with it (appointments).
        selected = self.row_type if self.has_children else self.row_type.__table__
        statement = select(selected).where(self.row_type.person_id == person_id)
        if first is not None:
            statement = statement.where(column >= first)
        if last is not None:
            statement = statement.where(column <= last)
        statement = statement.order_by(column, self.row_type.id)
        return self._list(statement) if self.has_children else self._list_plain(statement)


class SideEffectReportRepository(_DatedRepository[SideEffectReport, SideEffectReportRow]):
    row_type = SideEffectReportRow
    label = "side effect"

    def to_entity(self, row: SideEffectReportRow) -> SideEffectReport:

        return SideEffectReport(
            id=SideEffectReportId(row.id),
            person_id=PersonId(row.person_id),
            day=row.day,
            effect=row.effect,
            severity=Severity(row.severity),
            note=row.note,
            **_audit(row),
        )

    def marks_for(self, person_id: PersonId) -> list[EffectMark]:
        """Each of the person's reports as its day, effect and severity, oldest first."""
        row = SideEffectReportRow
        statement = (
            select(row.day, row.effect, row.severity)
            .where(row.person_id == person_id)
            .order_by(row.day, row.id)
        )
        return [
            EffectMark(day, effect, Severity(severity))
            for day, effect, severity in self._session.execute(statement)
        ]

    def _fields(self, entity: SideEffectReport) -> dict[str, Any]:
        return {
            "person_id": entity.person_id,
            "day": entity.day,
            "effect": entity.effect,
            "severity": entity.severity.value,
            "note": entity.note,
            "entered_by_carer_id": entity.entered_by,
        }


class EventRepository(_DatedRepository[Event, EventRow]):
    row_type = EventRow
    label = "event"
    date_column = "start_date"

    def to_entity(self, row: EventRow) -> Event:

        return Event(
            id=EventId(row.id),
            person_id=PersonId(row.person_id),
            kind=EventKind(row.kind),
            start_date=row.start_date,
            end_date=row.end_date,
            note=row.note,
            **_audit(row),
        )

    def _fields(self, entity: Event) -> dict[str, Any]:
        return {
            "person_id": entity.person_id,
            "kind": entity.kind.value,
            "start_date": entity.start_date,
            "end_date": entity.end_date,
            "note": entity.note,
            "entered_by_carer_id": entity.entered_by,
        }


class AppointmentRepository(_DatedRepository[Appointment, AppointmentRow]):
    has_children = True  # its Ashworth scores and goals
    row_type = AppointmentRow
    label = "appointment"

    def to_entity(self, row: AppointmentRow) -> Appointment:
        return Appointment(
            id=AppointmentId(row.id),
            person_id=PersonId(row.person_id),
            day=row.day,
            clinician=row.clinician,
            notes=row.notes,
            service=row.service,
            next_day=row.next_day,
            ashworth=tuple(
                AshworthScore(
                    muscle=score.muscle, side=BodySide(score.side), score=Ashworth(score.score)
                )
                for score in row.ashworth
            ),
            goals=tuple(
                Goal(
                    text=goal.text,
                    expected=goal.expected,
                    rating=goal.rating,
                    rated_on=goal.rated_on,
                )
                for goal in row.goals
            ),
            **_audit(row),
        )

    def _fields(self, entity: Appointment) -> dict[str, Any]:
        return {
            "person_id": entity.person_id,
            "day": entity.day,
            "clinician": entity.clinician,
            "notes": entity.notes,
            "service": entity.service,
            "next_day": entity.next_day,
            "entered_by_carer_id": entity.entered_by,
        }

    def _write(self, entity: Appointment, row: AppointmentRow) -> None:
        super()._write(entity, row)
        if row.ashworth or row.goals:
            # The old ones go first: a score or goal kept in its place would break uniqueness.
            row.ashworth.clear()
            row.goals.clear()
            self._session.flush()
        row.ashworth = [
            AshworthScoreRow(
                muscle=each.muscle.strip(), side=each.side.value, score=each.score.value
            )
            for each in entity.ashworth
        ]
        row.goals = [
            GoalRow(
                position=position,
                text=goal.text.strip(),
                expected=goal.expected.strip(),
                rating=goal.rating,
                rated_on=goal.rated_on,
            )
            for position, goal in enumerate(entity.goals, start=1)
        ]

    def days_for(self, person_id: PersonId) -> list[date]:
        """The days of the person's appointments, oldest first (without their scores)."""
        row = AppointmentRow
        statement = select(row.day).where(row.person_id == person_id).order_by(row.day, row.id)
        return list(self._session.scalars(statement))

    def latest_before(self, person_id: PersonId, day: date) -> Appointment | None:
        """The person's last appointment on or before a day."""
        row = self._session.scalars(
            select(AppointmentRow)
            .where(AppointmentRow.person_id == person_id, AppointmentRow.day <= day)
            .order_by(AppointmentRow.day.desc(), AppointmentRow.id.desc())
            .limit(1)
        ).one_or_none()
        return None if row is None else self.to_entity(row)


class CheckInRepository(_DatedRepository[CheckIn, CheckInRow]):
    row_type = CheckInRow
    label = "check-in"

    def to_entity(self, row: CheckInRow) -> CheckIn:
        return CheckIn(
            id=CheckInId(row.id),
            person_id=PersonId(row.person_id),
            day=row.day,
            pgic=row.pgic,
            **_audit(row),
        )

    def _fields(self, entity: CheckIn) -> dict[str, Any]:
        return {
            "person_id": entity.person_id,
            "day": entity.day,
            "pgic": entity.pgic,
            "entered_by_carer_id": entity.entered_by,
        }


class ToxinInjectionRepository(_DatedRepository[ToxinInjection, ToxinInjectionRow]):
    row_type = ToxinInjectionRow
    label = "botulinum toxin injection"

    def to_entity(self, row: ToxinInjectionRow) -> ToxinInjection:
        return ToxinInjection(
            id=ToxinInjectionId(row.id),
            person_id=PersonId(row.person_id),
            day=row.day,
            product=ToxinProduct(row.product),
            total_units=row.total_units,
            muscles=row.muscles,
            given_by=row.given_by,
            note=row.note,
            **_audit(row),
        )

    def _fields(self, entity: ToxinInjection) -> dict[str, Any]:
        return {
            "person_id": entity.person_id,
            "day": entity.day,
            "product": entity.product.value,
            "total_units": entity.total_units,
            "muscles": entity.muscles,
            "given_by": entity.given_by,
            "note": entity.note,
            "entered_by_carer_id": entity.entered_by,
        }


class PumpRefillRepository(Repository[PumpRefill, PumpRefillRow]):
    row_type = PumpRefillRow
    label = "pump refill"

    def to_entity(self, row: PumpRefillRow) -> PumpRefill:
        return PumpRefill(
            id=PumpRefillId(row.id),
            medicine_id=MedicineId(row.medicine_id),
            refill_date=row.refill_date,
            next_due=row.next_due,
            note=row.note,
            **_audit(row),
        )

    def _fields(self, entity: PumpRefill) -> dict[str, Any]:
        return {
            "medicine_id": entity.medicine_id,
            "refill_date": entity.refill_date,
            "next_due": entity.next_due,
            "note": entity.note,
            "entered_by_carer_id": entity.entered_by,
        }

    def list_for_medicine(self, medicine_id: MedicineId) -> list[PumpRefill]:
        """A pump's refills, oldest first."""
        return self._list(
            select(PumpRefillRow)
            .where(PumpRefillRow.medicine_id == medicine_id)
            .order_by(PumpRefillRow.refill_date, PumpRefillRow.id)
        )


__all__: Sequence[str] = [
    "AppointmentRepository",
    "CarerRepository",
    "CheckInRepository",
    "DoseRecordRepository",
    "EventRepository",
    "MedicineRepository",
    "PersonRepository",
    "PumpRefillRepository",
    "RegimenRepository",
    "Repository",
    "SideEffectReportRepository",
    "SymptomEntryRepository",
    "ToxinInjectionRepository",
]
