"""Shared fixtures: an offscreen Qt platform, a fresh database and services on a fixed clock."""

from __future__ import annotations

import os

# Before anything imports Qt: tests run without a display (CI has none), on the two small
# laptop screens the app must fit (tests/screens.json): 1280x720, the primary, and 1366x768.
os.environ["QT_QPA_PLATFORM"] = "offscreen:configfile=" + os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "screens.json"
)
os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")
# A shared diary named in the environment of whoever runs the tests is never theirs to touch.
os.environ.pop("SPASTICITY_TRACKER_DATABASE", None)

import time as time_module
from collections.abc import Callable, Iterator
from datetime import date, datetime, time
from pathlib import Path

import pytest
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from spasticity_tracker import paths
from spasticity_tracker.domain.entities import (
    Carer,
    Medicine,
    MedicineId,
    Person,
    Regimen,
    ScheduledDose,
)
from spasticity_tracker.domain.ingredients import Ingredient
from spasticity_tracker.domain.scales import Form
from spasticity_tracker.services.diary import DiaryService
from spasticity_tracker.services.medicines import MedicineService
from spasticity_tracker.services.people import PeopleService
from spasticity_tracker.storage.database import Database
from tests.builders import local

NOW = local(2026, 3, 15, 12)


def fixed_clock() -> datetime:
    """The tests' 'now': 15 March 2026 at noon on this machine's clock, in whatever zone."""
    return NOW


# The desktop's text size the tests run with: GNOME's default (11 pt), so that the largest
# text (twice that) is what most people who choose it see. The offscreen platform has 9 pt.
SYSTEM_POINT_SIZE = 11.0


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """A test about the diary file (sqlite_only) is not run on the server (tests/engines.py)."""
    dropped = [
        item
        for item in items
        if item.get_closest_marker("sqlite_only") is not None
        and item.get_closest_marker("server") is not None
    ]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = [item for item in items if item not in dropped]


@pytest.fixture(scope="session")
def qapp(qapp_args: list[str], qapp_cls: type[QApplication]) -> QApplication:
    """The one QApplication of the tests, on an 11 pt desktop font (see SYSTEM_POINT_SIZE)."""
    app = qapp_cls.instance() or qapp_cls(qapp_args)
    assert isinstance(app, QApplication)
    font = QFont(app.font())
    font.setPointSizeF(SYSTEM_POINT_SIZE)
    app.setFont(font)
    return app


@pytest.fixture
def local_zone() -> Iterator[Callable[[str], None]]:
    """Sets the process's local time zone (TZ and time.tzset()); the old one is restored."""
    before = os.environ.get("TZ")

    def use(zone: str) -> None:
        os.environ["TZ"] = zone
        time_module.tzset()

    yield use
    if before is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = before
    time_module.tzset()


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    """A new, migrated database in a private temporary data folder."""
    db = Database.open(paths.database_path(tmp_path / "data"))
    yield db
    db.close()


@pytest.fixture
def people(database: Database) -> PeopleService:
    """The people service on the test database and clock."""
    return PeopleService(database, fixed_clock)


@pytest.fixture
def diary(database: Database) -> DiaryService:
    """The diary service on the test database and clock."""
    return DiaryService(database, fixed_clock)


@pytest.fixture
def medicines(database: Database) -> MedicineService:
    """The medicine service on the test database and clock."""
    return MedicineService(database, fixed_clock)


@pytest.fixture
def person(people: PeopleService) -> Person:
    """A saved person, Alex."""
    return people.add_person(Person(name="Alex")).value


@pytest.fixture
def carer(people: PeopleService, person: Person) -> Carer:
    """A saved carer of Alex."""
    assert person.id is not None
    return people.add_carer(person.id, "Jo").value


@pytest.fixture
def baclofen(medicines: MedicineService, person: Person) -> Medicine:
    """Oral baclofen for Alex, 10 mg three times a day since 1 January 2026."""
    assert person.id is not None
    first = Regimen(
        medicine_id=MedicineId(0),  # set by add_medicine
        start_date=date(2026, 1, 1),
        doses=tuple(ScheduledDose(time_of_day=time(hour), amount=10.0) for hour in (8, 14, 20)),
    )
    return medicines.add_medicine(
        Medicine(
            person_id=person.id, name="Baclofen", ingredient=Ingredient.BACLOFEN, form=Form.TABLET
        ),
        first,
    ).value
