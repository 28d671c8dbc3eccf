"""The main window."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QLabel, QMainWindow

from spasticity_tracker import APP_NAME
from spasticity_tracker.paths import resources_dir
from spasticity_tracker.services.diary import DiaryService
from spasticity_tracker.services.medicines import MedicineService
from spasticity_tracker.services.people import PeopleService


@dataclass(frozen=True)
class Services:
    """The services the window's pages call, built by the composition root."""

    people: PeopleService
    diary: DiaryService
    medicines: MedicineService


class MainWindow(QMainWindow):
    """The app's one window."""

    def __init__(self, services: Services, parent: QMainWindow | None = None):
        super().__init__(parent)
        self._services = services
        self.setWindowTitle(APP_NAME)
        self.setWindowIcon(QIcon(str(resources_dir() / "icons" / "spasticity-tracker.svg")))
        self.resize(1100, 760)
        placeholder = QLabel("Your diary will appear here.")
        placeholder.setObjectName("placeholder")
        placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setCentralWidget(placeholder)
