"""Import a spreadsheet diary: all or nothing, idempotent, with the cautions its doses raise."""

from __future__ import annotations

import dataclasses
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from typing import Any

from spasticity_tracker.domain.cautions import Caution, new_cautions
from spasticity_tracker.domain.diary_csv import (
    CsvDiary,
    CsvImportError,
    DoseColumn,
    read_diary_csv,
)
from spasticity_tracker.domain.entities import (
    Carer,
    CarerId,
    DoseRecord,
    Medicine,
    Person,
    PersonId,
    Regimen,
    ScheduledDose,
    SideEffectReport,
    SymptomEntry,
)
from spasticity_tracker.domain.ingredients import form_for, recognise
from spasticity_tracker.domain.regimens import regimen_on
from spasticity_tracker.domain.scales import DoseStatus, DoseUnit, Route
from spasticity_tracker.domain.validation import FUTURE_TOLERANCE
from spasticity_tracker.services.base import Service
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
            before = stored_dose_cautions(uow, person.id)
            report = self._import(uow, person, diary, entered_by.strip())
            raised = new_cautions(before, stored_dose_cautions(uow, person.id))
            return replace(report, cautions=raised)

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
