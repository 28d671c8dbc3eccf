"""Fixtures for the UI tests: services on the fixed clock, private settings and a shown window."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QSettings
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from spasticity_tracker.domain.entities import Carer, Medicine
from spasticity_tracker.services.diary import DiaryService
from spasticity_tracker.services.medicines import MedicineService
from spasticity_tracker.services.people import PeopleService
from spasticity_tracker.storage.database import Database
from spasticity_tracker.ui import style
from spasticity_tracker.ui.app_state import Services
from spasticity_tracker.ui.main_window import MainWindow
from tests.conftest import fixed_clock
from tests.ui.helpers import MakeWindow

WINDOW_SIZE = (1240, 860)


@pytest.fixture(scope="session", autouse=True)
def fusion_style(qapp: QApplication) -> None:
    """The style the app itself sets, so that sizes match what users see."""
    qapp.setStyle("Fusion")


@pytest.fixture(autouse=True)
def clean_application(qapp: QApplication) -> Iterator[None]:
    """After each test: delete the closed windows, and put back the normal text size."""
    yield
    # pytest-qt closes the test's widgets with deleteLater(), which processEvents() never runs.
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    style.apply_text_scale(qapp, style.DEFAULT_SCALE_INDEX)


@pytest.fixture
def settings_path(tmp_path: Path) -> Path:
    """Where this test's settings file lives (never the user's settings)."""
    return tmp_path / "settings.ini"


@pytest.fixture
def settings(settings_path: Path) -> QSettings:
    """Private settings in an INI file in the test's temporary folder."""
    return QSettings(str(settings_path), QSettings.Format.IniFormat)


@pytest.fixture
def services(
    database: Database, people: PeopleService, diary: DiaryService, medicines: MedicineService
) -> Services:
    """The services the window uses, all on the fixed test clock."""
    return Services.on(database, fixed_clock)


@pytest.fixture
def make_window(qtbot: QtBot, services: Services, settings: QSettings) -> MakeWindow:
    """Build, show and expose a MainWindow on the test's services and settings."""

    def make() -> MainWindow:
        window = MainWindow(services, settings)
        qtbot.addWidget(window)
        window.resize(*WINDOW_SIZE)
        window.show()
        qtbot.waitExposed(window)
        return window

    return make


@pytest.fixture
def window(make_window: MakeWindow, baclofen: Medicine, carer: Carer) -> MainWindow:
    """The shown window for Alex (baclofen three times a day, carer Jo), on Today."""
    return make_window()
