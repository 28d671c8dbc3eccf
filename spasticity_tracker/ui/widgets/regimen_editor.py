"""A regimen being typed: doses by time of day, or a pump's rate, with its daily total."""

from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from spasticity_tracker.domain.entities import (
    MedicineId,
    Regimen,
    ScheduledDose,
)
from spasticity_tracker.domain.scales import Route
from spasticity_tracker.ui.widgets.fields import (
    TimeEdit,
    amount_field,
    buddy_label,
    enforce_targets,
    plain_label,
)

MAX_DOSE_TIMES = 6


class DoseRow(QWidget):
    """One scheduled dose: time of day, amount, and a button to remove it."""

    def __init__(self, number: int, at: time, amount: float, unit: str):
        super().__init__()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.time = TimeEdit(at, f"Time of dose {number}")
        self.amount = amount_field(f"Amount of dose {number}", 1000, unit)
        self.amount.setValue(amount)
        self.remove = QPushButton("Remove")
        self.remove.setAutoDefault(False)  # Enter saves the dialog
        self.remove.setAccessibleName(f"Remove dose {number}")
        layout.addWidget(self.time)
        layout.addWidget(self.amount, 1)
        layout.addWidget(self.remove)
        enforce_targets(self)

    def dose(self) -> ScheduledDose | None:
        """The dose, or None when its amount is left at 0."""
        if self.amount.value() <= 0:
            return None
        return ScheduledDose(time_of_day=self.time.value(), amount=self.amount.value())


class RegimenEditor(QWidget):
    """Doses by time of day (oral, spray, injection) or a continuous rate (pump)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self._rows_box = QVBoxLayout()
        layout.addLayout(self._rows_box)
        self._rows: list[DoseRow] = []
        self.add_time = QPushButton("Add a dose &time")
        self.add_time.setAutoDefault(False)
        self.add_time.clicked.connect(lambda: self.add_dose_row(time(12), 0.0))
        layout.addWidget(self.add_time)
        self.rate = amount_field("Pump rate per day", 3000, "mcg/day")
        self.rate_label = buddy_label("Pump &rate", self.rate)
        rate_row = QHBoxLayout()
        rate_row.addWidget(self.rate_label)
        rate_row.addWidget(self.rate, 1)
        layout.addLayout(rate_row)
        self.total = plain_label(role="hint")
        layout.addWidget(self.total)
        self._unit = "mg"
        self._pump = False
        self.rate.valueChanged.connect(self._update_total)

    @property
    def rows(self) -> list[DoseRow]:
        return list(self._rows)

    def set_regimen(self, regimen: Regimen | None) -> None:
        """Show a regimen's doses (or rate) to start editing from."""
        for row in list(self._rows):
            self._remove_row(row)
        if regimen is None:
            return
        for dose in regimen.doses:
            self.add_dose_row(dose.time_of_day, dose.amount)
        self.rate.setValue(regimen.rate_per_day or 0.0)

    def set_route(self, route: Route) -> None:
        self._pump = route.is_continuous
        self._unit = route.default_unit.value
        for row in self._rows:
            row.setVisible(not self._pump)
            row.amount.setSuffix(f" {self._unit}")
        self.add_time.setVisible(not self._pump)
        self.rate.setVisible(self._pump)
        self.rate_label.setVisible(self._pump)
        self._update_total()

    def add_dose_row(self, at: time, amount: float) -> None:
        if len(self._rows) >= MAX_DOSE_TIMES:
            return
        row = DoseRow(len(self._rows) + 1, at, amount, self._unit)
        row.amount.valueChanged.connect(self._update_total)
        row.time.timeChanged.connect(self.changed)
        row.remove.clicked.connect(lambda: self._remove_row(row))
        row.setVisible(not self._pump)
        self._rows_box.addWidget(row)
        self._rows.append(row)
        self._update_total()

    def _remove_row(self, row: DoseRow) -> None:
        self._rows.remove(row)
        self._rows_box.removeWidget(row)
        row.hide()
        row.deleteLater()
        self._update_total()

    def _update_total(self) -> None:
        if self._pump:
            self.total.setText(f"Daily total: {self.rate.value():g} mcg/day")
        else:
            total = sum(row.amount.value() for row in self._rows)
            self.total.setText(f"Daily total: {total:g} {self._unit}/day")
        self.changed.emit()

    def regimen(
        self, medicine_id: MedicineId, start: date, route: Route, note: str = ""
    ) -> Regimen:
        """The regimen entered (raises ValidationError when not valid)."""
        if route.is_continuous:
            rate = self.rate.value()
            return Regimen(
                medicine_id=medicine_id, start_date=start, rate_per_day=rate or None, note=note
            )
        doses = [dose for row in self._rows if (dose := row.dose()) is not None]
        return Regimen(medicine_id=medicine_id, start_date=start, doses=tuple(doses), note=note)
