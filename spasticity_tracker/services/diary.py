"""The daily diary: symptom entries, doses taken or missed, side effects, events, appointments."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from spasticity_tracker.domain.cautions import period_cautions
from spasticity_tracker.domain.entities import (
    Appointment,
    DoseRecord,
    Event,
    Medicine,
    PersonId,
    Regimen,
    SideEffectReport,
    SymptomEntry,
)
from spasticity_tracker.domain.regimens import ScheduledSlot, regimen_on, scheduled_slots
from spasticity_tracker.services.changes import CHANGE_FOR_TYPE, DataChange, Saved
from spasticity_tracker.services.records import RecordService
from spasticity_tracker.storage.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class DayLog:
    """What the Today page saves at once: an entry (if scored), doses, side effects, events."""

    entry: SymptomEntry | None = None
    doses: tuple[DoseRecord, ...] = ()
    side_effects: tuple[SideEffectReport, ...] = ()
    events: tuple[Event, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not (self.entry or self.doses or self.side_effects or self.events)


@dataclass(frozen=True)
class DayOverview:
    """A person's day as the Today page shows it."""

    day: date
    slots: list[ScheduledSlot]
    entries: list[SymptomEntry]
    side_effects: list[SideEffectReport]
    extra_doses: list[DoseRecord]
    continuous: list[tuple[Medicine, Regimen]]  # pumps running that day, with their rate
    medicines: list[Medicine]


@dataclass(frozen=True)
class CalendarRecords:
    """What a month calendar marks: the entries and doses of its days, and the days a caution
    (missed doses, a dose change) applied from."""

    entries: list[SymptomEntry]
    doses: list[DoseRecord]
    caution_days: frozenset[date]


def local_day_bounds(day: date) -> tuple[datetime, datetime]:
    """The instants a local calendar day starts and ends (end exclusive), aware."""
    start = datetime.combine(day, time()).astimezone()
    end = datetime.combine(day + timedelta(days=1), time()).astimezone()
    return start, end


class DiaryService(RecordService):
    """The actions of the daily log, each one transaction."""

    # -- actions ---------------------------------------------------------------------------

    def log_entry(self, entry: SymptomEntry) -> Saved[SymptomEntry]:
        """Save a new symptom entry."""
        return self._add(entry)

    def record_doses(self, records: Sequence[DoseRecord]) -> Saved[list[DoseRecord]]:
        """Record what happened to doses; a scheduled dose recorded again replaces its record."""
        with self._db.unit_of_work() as uow:
            stored = [self._record_dose(uow, record) for record in records]
            return Saved(stored, DataChange.DOSES if stored else DataChange.NONE)

    def record_dose(self, record: DoseRecord) -> Saved[DoseRecord]:
        """Record one dose (an extra dose, say), as record_doses does."""
        with self._db.unit_of_work() as uow:
            return Saved(self._record_dose(uow, record), DataChange.DOSES)

    def _record_dose(self, uow: UnitOfWork, record: DoseRecord) -> DoseRecord:
        self._validate(uow, record)
        previous = uow.doses.find_scheduled(record)
        if previous is None:
            return uow.doses.add(record)
        return uow.doses.update(replace(record, id=previous.id))

    def log_day(self, log: DayLog) -> Saved[DayLog]:
        """Save everything the Today page holds in one transaction: all of it or nothing."""
        with self._db.unit_of_work() as uow:
            saved = DayLog(
                entry=None if log.entry is None else self._add_in(uow, log.entry),
                doses=tuple(self._record_dose(uow, record) for record in log.doses),
                side_effects=tuple(self._add_in(uow, record) for record in log.side_effects),
                events=tuple(self._add_in(uow, record) for record in log.events),
            )
        change = DataChange.NONE
        for part in (saved.entry, *saved.doses, *saved.side_effects, *saved.events):
            if part is not None:
                change |= CHANGE_FOR_TYPE[type(part)]
        return Saved(saved, change)

    def report_side_effect(self, report: SideEffectReport) -> Saved[SideEffectReport]:
        return self._add(report)

    def add_event(self, event: Event) -> Saved[Event]:
        return self._add(event)

    def add_appointment(self, appointment: Appointment) -> Saved[Appointment]:
        return self._add(appointment)

    # -- reading ---------------------------------------------------------------------------

    def day_overview(self, person_id: PersonId, day: date) -> DayOverview:
        """The scheduled doses with what was recorded, and the entries and side effects of a day."""
        start, end = local_day_bounds(day)
        with self._db.unit_of_work() as uow:
            medicines = uow.medicines.list_for(person_id)
            regimens = uow.regimens.list_for_person(person_id)
            records = uow.doses.list_for(person_id, day, day)
            continuous = []
            for medicine in medicines:
                in_force = regimen_on((r for r in regimens if r.medicine_id == medicine.id), day)
                if in_force is not None and in_force.rate_per_day is not None:
                    continuous.append((medicine, in_force))
            return DayOverview(
                day=day,
                slots=scheduled_slots(medicines, regimens, day, records),
                entries=uow.entries.list_for(person_id, start, end),
                side_effects=uow.side_effects.list_for(person_id, day, day),
                extra_doses=[r for r in records if r.scheduled_time is None],
                continuous=continuous,
                medicines=medicines,
            )

    def entries(
        self, person_id: PersonId, start: datetime | None = None, end: datetime | None = None
    ) -> list[SymptomEntry]:
        """Entries recorded in [start, end), newest first."""
        with self._db.unit_of_work() as uow:
            return uow.entries.list_for(person_id, start, end)

    def doses(self, person_id: PersonId, first: date, last: date) -> list[DoseRecord]:
        with self._db.unit_of_work() as uow:
            return uow.doses.list_for(person_id, first, last)

    def side_effects(
        self, person_id: PersonId, first: date | None = None, last: date | None = None
    ) -> list[SideEffectReport]:
        with self._db.unit_of_work() as uow:
            return uow.side_effects.list_for(person_id, first, last)

    def events(
        self, person_id: PersonId, first: date | None = None, last: date | None = None
    ) -> list[Event]:
        with self._db.unit_of_work() as uow:
            return uow.events.list_for(person_id, first, last)

    def appointments(
        self, person_id: PersonId, first: date | None = None, last: date | None = None
    ) -> list[Appointment]:
        with self._db.unit_of_work() as uow:
            return uow.appointments.list_for(person_id, first, last)

    def calendar_records(self, person_id: PersonId, first: date, last: date) -> CalendarRecords:
        """The entries, doses and caution days from first to last, for a calendar's marks."""
        start, _ = local_day_bounds(first)
        _, end = local_day_bounds(last)
        with self._db.unit_of_work() as uow:
            person = uow.people.get(person_id)
            medicines = uow.medicines.list_for(person_id)
            regimens = uow.regimens.list_for_person(person_id)
            doses = uow.doses.list_for(person_id, first, last)
            refills = [
                refill
                for medicine in medicines
                if medicine.id is not None
                for refill in uow.refills.list_for_medicine(medicine.id)
            ]
            cautions = period_cautions(
                person, medicines, regimens, doses, refills, first, last, self.today()
            )
            return CalendarRecords(
                entries=uow.entries.list_for(person_id, start, end),
                doses=doses,
                caution_days=frozenset(
                    c.day for c in cautions if c.day is not None and first <= c.day <= last
                ),
            )
