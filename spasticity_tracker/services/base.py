"""What every service shares: the database, a clock, and the check of who entered a record."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime

from spasticity_tracker.domain.entities import CarerId, PersonId
from spasticity_tracker.domain.errors import ValidationError
from spasticity_tracker.storage.database import Database
from spasticity_tracker.storage.unit_of_work import UnitOfWork

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    """Now, aware, in UTC."""
    return datetime.now(UTC)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector held off while a bulk job runs (an import, the
    summary's figures, chart and pages, the Trends page's series); as a decorator, for
    each call.

    A job that makes tens of thousands of objects that live on to its end (cells read,
    entities, rows to insert, the rows and days counted) sets off collections part-way, and
    a full one walks every object of the app: for an import of 10 years, 90-150 ms of its
    0.7 s; for the whole 10-year summary, with the window open, about 200 ms of 1.7 s; for
    the Trends page's first draw, 125 to 160 ms in one of five draws. What the job leaves
    to collect (a chart's items) is collected, as before, after.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


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
