"""What the whole window shares: the chosen person, who is entering, and the change signal."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from spasticity_tracker.domain.entities import Carer, CarerId, Person, PersonId
from spasticity_tracker.presentation.formatting import enterer_name

if TYPE_CHECKING:  # the database is handed over by the composition root, never opened here
    from spasticity_tracker.services.demo import DemoService
    from spasticity_tracker.services.summary import SummaryService
    from spasticity_tracker.services.transfer import TransferService
    from spasticity_tracker.services.trends import TrendsService
    from spasticity_tracker.storage.database import Database
from spasticity_tracker.services.appointments import AppointmentService
from spasticity_tracker.services.backups import BackupService
from spasticity_tracker.services.base import Clock, system_clock
from spasticity_tracker.services.changes import DataChange
from spasticity_tracker.services.diary import DiaryService
from spasticity_tracker.services.medicines import MedicineService
from spasticity_tracker.services.people import PeopleService
from spasticity_tracker.services.reminders import ReminderService
from spasticity_tracker.services.sharing import SharingService


@dataclass(frozen=True)
class Services:
    """The services the pages call, built by the composition root.

    The example data, Trends, the summary and import and export are made (and their modules
    imported) when first asked for: Today's first paint needs none of them, and their modules
    took about 40 ms of the start.
    """

    database: Database
    clock: Clock
    people: PeopleService
    diary: DiaryService
    medicines: MedicineService
    backups: BackupService
    reminders: ReminderService
    appointments: AppointmentService
    sharing: SharingService

    @classmethod
    def on(cls, database: Database, clock: Clock = system_clock) -> Services:
        """Every service on one database and one clock."""
        return cls(
            database=database,
            clock=clock,
            people=PeopleService(database, clock),
            diary=DiaryService(database, clock),
            medicines=MedicineService(database, clock),
            backups=BackupService(database, clock),
            reminders=ReminderService(database, clock),
            appointments=AppointmentService(database, clock),
            sharing=SharingService(database, clock),
        )

    @cached_property
    def demo(self) -> DemoService:
        from spasticity_tracker.services.demo import DemoService

        return DemoService(self.database, self.clock)

    @cached_property
    def trends(self) -> TrendsService:
        from spasticity_tracker.services.trends import TrendsService

        return TrendsService(self.database, self.clock)

    @cached_property
    def summary(self) -> SummaryService:
        from spasticity_tracker.services.summary import SummaryService

        return SummaryService(self.database, self.clock)

    @cached_property
    def transfer(self) -> TransferService:
        from spasticity_tracker.services.transfer import TransferService

        return TransferService(self.database, self.clock)


class AppState(QObject):
    """The current person and enterer, and the app-wide ``data_changed(DataChange)`` broadcast."""

    person_changed = Signal(object)  # Person | None
    entered_by_changed = Signal(object)  # CarerId | None
    data_changed = Signal(object)  # DataChange

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._person: Person | None = None
        self._carers: list[Carer] = []
        self._entered_by: CarerId | None = None

    @property
    def person(self) -> Person | None:
        return self._person

    @property
    def person_id(self) -> PersonId | None:
        return None if self._person is None else self._person.id

    @property
    def carers(self) -> list[Carer]:
        return list(self._carers)

    @property
    def entered_by(self) -> CarerId | None:
        """None when the person enters their own records, else the carer's id."""
        return self._entered_by

    def set_person(self, person: Person | None, carers: list[Carer]) -> None:
        self._person = person
        self._carers = list(carers)
        self._entered_by = None
        self.person_changed.emit(person)
        self.entered_by_changed.emit(None)

    def update_person(self, person: Person) -> None:
        """The same person, edited (no change of who is shown or who is entering)."""
        if self._person is not None and person.id == self._person.id:
            self._person = person

    def set_carers(self, carers: list[Carer]) -> None:
        self._carers = list(carers)

    def set_entered_by(self, carer_id: CarerId | None) -> None:
        if carer_id != self._entered_by:
            self._entered_by = carer_id
            self.entered_by_changed.emit(carer_id)

    def enterer_name(self, carer_id: CarerId | None) -> str:
        """Who entered a record, in words."""
        return enterer_name(self._person, self._carers, carer_id)

    def broadcast(self, change: DataChange) -> None:
        if change:
            self.data_changed.emit(change)
