"""What every service shares: the database, a clock, and the check of who entered a record."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

from spasticity_tracker.domain.entities import CarerId, PersonId
from spasticity_tracker.domain.errors import ValidationError
from spasticity_tracker.storage.database import Database
from spasticity_tracker.storage.unit_of_work import UnitOfWork

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    """Now, aware, in UTC."""
    return datetime.now(UTC)


class Service:
    """Base of the services: holds the database and the clock (replaced in tests)."""

    def __init__(self, database: Database, clock: Clock = system_clock):
        self._db = database
        self._clock = clock

    def now(self) -> datetime:
        return self._clock()

    def today(self) -> date:
        """The local calendar day now."""
        return self._clock().astimezone().date()

    @staticmethod
    def _check_author(uow: UnitOfWork, person_id: PersonId, entered_by: CarerId | None) -> None:
        """The carer who entered a record must be one of this person's carers."""
        if entered_by is None:
            return
        carer = uow.carers.get(entered_by)
        if carer.person_id != person_id:
            raise ValidationError("Entered by", carer.name, "one of this person's carers")
