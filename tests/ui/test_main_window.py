"""The main window opens with the app's title."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from spasticity_tracker import APP_NAME
from spasticity_tracker.services.diary import DiaryService
from spasticity_tracker.services.medicines import MedicineService
from spasticity_tracker.services.people import PeopleService
from spasticity_tracker.ui.main_window import MainWindow, Services


def test_main_window_shows_with_the_app_title(
    qtbot: QtBot, people: PeopleService, diary: DiaryService, medicines: MedicineService
) -> None:
    window = MainWindow(Services(people=people, diary=diary, medicines=medicines))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.windowTitle() == APP_NAME
    assert window.isVisible()
