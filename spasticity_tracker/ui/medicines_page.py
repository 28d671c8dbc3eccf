"""The Medicines page: each medicine with the regimen in force, and adding a medicine."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from spasticity_tracker.domain.entities import Medicine, Regimen
from spasticity_tracker.domain.regimens import regimen_on
from spasticity_tracker.services.changes import Change
from spasticity_tracker.ui.app_state import AppState, Services
from spasticity_tracker.ui.widgets import LazyPage, heading, plain_label


def describe_regimen(medicine: Medicine, regimen: Regimen | None) -> str:
    """The regimen in words, in the medicine's unit (a pump in mcg/day, never mg)."""
    if regimen is None:
        return "No doses recorded yet."
    since = f"since {regimen.start_date.day} {regimen.start_date:%b %Y}"
    if regimen.is_stopped:
        return f"Stopped {since}."
    unit = medicine.dose_unit.value
    if regimen.rate_per_day is not None:
        return f"{regimen.rate_per_day:g} {unit}, continuous ({since})"
    doses = ", ".join(f"{d.amount:g} {unit} at {d.time_of_day:%H:%M}" for d in regimen.doses)
    return f"{doses}: {regimen.daily_total:g} {unit} a day ({since})"


class MedicinesPage(LazyPage):
    """What the person takes now; dose changes and cautions build on this page."""

    add_requested = Signal()

    def __init__(self, services: Services, state: AppState, parent: QWidget | None = None):
        super().__init__(parent)
        self._services = services
        self._state = state
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Medicines"))
        self.listing = plain_label()
        self.listing.setAccessibleName("Medicines and their doses")
        layout.addWidget(self.listing)
        buttons = QHBoxLayout()
        self.add_button = QPushButton("&Add a medicine…")
        self.add_button.setAccessibleName("Add a medicine")
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.add_button.clicked.connect(self.add_requested)
        state.person_changed.connect(lambda _person: self.reload_when_shown())
        state.data_changed.connect(self._on_state_data_changed)

    def _on_state_data_changed(self, change: Change) -> None:
        if change & (Change.MEDICINES | Change.REGIMENS):
            self.reload_when_shown()

    def reload(self) -> None:
        super().reload()
        person_id = self._state.person_id
        if person_id is None:
            self.listing.setText("")
            return
        today = self._services.medicines.today()
        regimens = self._services.medicines.all_regimens(person_id)
        lines = []
        for medicine in self._services.medicines.medicines(person_id):
            own = [r for r in regimens if r.medicine_id == medicine.id]
            lines.append(f"{medicine.name}: {describe_regimen(medicine, regimen_on(own, today))}")
        self.listing.setText("\n\n".join(lines) if lines else "No medicines yet.")
