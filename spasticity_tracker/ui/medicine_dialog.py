"""Add a medicine with its current regimen: doses by time of day, or a pump's rate."""

from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QPushButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from spasticity_tracker.domain.entities import (
    CarerId,
    Medicine,
    MedicineId,
    PersonId,
    Regimen,
    ScheduledDose,
)
from spasticity_tracker.domain.errors import TrackerError
from spasticity_tracker.domain.scales import COMMON_MEDICINES, Route
from spasticity_tracker.ui.widgets import MessageBar, plain_label

DEFAULT_TIMES = (time(8), time(14), time(20))
MAX_DOSE_TIMES = 6
UNSAVED = MedicineId(0)  # the medicine's id is set when it is saved


def _spin(name: str, maximum: float, suffix: str) -> QDoubleSpinBox:
    spin = QDoubleSpinBox()
    spin.setDecimals(1)
    spin.setRange(0, maximum)
    spin.setSuffix(f" {suffix}")
    spin.setButtonSymbols(QAbstractSpinBox.ButtonSymbols.NoButtons)
    spin.setAccessibleName(name)
    return spin


class RegimenEditor(QWidget):
    """Doses by time of day (oral, spray, injection) or a continuous rate (pump)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self._grid = QGridLayout()
        layout.addLayout(self._grid)
        self._rows: list[tuple[QTimeEdit, QDoubleSpinBox, QPushButton]] = []
        self.add_time = QPushButton("Add a dose &time")
        self.add_time.clicked.connect(lambda: self.add_dose_row(time(12), 0.0))
        layout.addWidget(self.add_time)
        self.rate = _spin("Pump rate per day", 3000, "mcg/day")
        self.rate_label = QLabel("Pump &rate")
        self.rate_label.setBuddy(self.rate)
        rate_row = QGridLayout()
        rate_row.addWidget(self.rate_label, 0, 0)
        rate_row.addWidget(self.rate, 0, 1)
        layout.addLayout(rate_row)
        self.total = plain_label(role="hint")
        layout.addWidget(self.total)
        self._unit = "mg"
        self.rate.valueChanged.connect(self._update_total)

    def set_route(self, route: Route) -> None:
        pump = route.is_continuous
        self._unit = route.default_unit.value
        for time_edit, amount, remove in self._rows:
            for widget in (time_edit, amount, remove):
                widget.setVisible(not pump)
            amount.setSuffix(f" {self._unit}")
        self.add_time.setVisible(not pump)
        self.rate.setVisible(pump)
        self.rate_label.setVisible(pump)
        self._update_total()

    def add_dose_row(self, at: time, amount: float) -> None:
        if len(self._rows) >= MAX_DOSE_TIMES:
            return
        number = len(self._rows) + 1
        time_edit = QTimeEdit(QTime(at.hour, at.minute))
        time_edit.setDisplayFormat("HH:mm")
        time_edit.setButtonSymbols(QAbstractSpinBox.ButtonSymbols.NoButtons)
        time_edit.setAccessibleName(f"Time of dose {number}")
        spin = _spin(f"Amount of dose {number}", 1000, self._unit)
        spin.setValue(amount)
        spin.valueChanged.connect(self._update_total)
        remove = QPushButton("Remove")
        remove.setAccessibleName(f"Remove dose {number}")
        row = (time_edit, spin, remove)
        remove.clicked.connect(lambda: self._remove_row(row))
        index = len(self._rows)
        self._grid.addWidget(time_edit, index, 0)
        self._grid.addWidget(spin, index, 1)
        self._grid.addWidget(remove, index, 2)
        self._rows.append(row)
        self._update_total()

    def _remove_row(self, row: tuple[QTimeEdit, QDoubleSpinBox, QPushButton]) -> None:
        self._rows.remove(row)
        for widget in row:
            self._grid.removeWidget(widget)
            widget.deleteLater()
        self._update_total()

    def _update_total(self) -> None:
        if self.rate.isVisible() or self.rate_label.isVisibleTo(self):
            self.total.setText(f"Daily total: {self.rate.value():g} mcg/day")
            return
        total = sum(spin.value() for _, spin, _ in self._rows)
        self.total.setText(f"Daily total: {total:g} {self._unit}/day")

    def regimen(
        self, medicine_id: MedicineId, start: date, route: Route, note: str = ""
    ) -> Regimen:
        """The regimen entered (raises ValidationError when not valid)."""
        if route.is_continuous:
            rate = self.rate.value()
            return Regimen(
                medicine_id=medicine_id, start_date=start, rate_per_day=rate or None, note=note
            )
        doses = []
        for time_edit, spin, _ in self._rows:
            at = time_edit.time().toPython()
            assert isinstance(at, time)
            if spin.value() > 0:
                doses.append(ScheduledDose(time_of_day=at, amount=spin.value()))
        return Regimen(medicine_id=medicine_id, start_date=start, doses=tuple(doses), note=note)


class MedicineDialog(QDialog):
    """Name (common ones offered, free text allowed), route, start date and regimen."""

    def __init__(
        self, person_id: PersonId, entered_by: CarerId | None, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self._person_id = person_id
        self._entered_by = entered_by
        self.setWindowTitle("Add a medicine")
        layout = QVBoxLayout(self)
        self.message = MessageBar()
        layout.addWidget(self.message)
        form = QFormLayout()
        layout.addLayout(form)
        self.name = QComboBox()
        self.name.setEditable(True)
        for name, route in COMMON_MEDICINES:
            self.name.addItem(name, route)
        self.name.setAccessibleName("Medicine name")
        self.route = QComboBox()
        for route in Route:
            self.route.addItem(route.label, route)
        self.route.setAccessibleName("How it is taken")
        self.start = QDateEdit(QDate.currentDate())
        self.start.setCalendarPopup(True)
        self.start.setDisplayFormat("d MMM yyyy")
        self.start.setButtonSymbols(QAbstractSpinBox.ButtonSymbols.NoButtons)
        self.start.setAccessibleName("Taking it since")
        for text, widget in (
            ("&Medicine", self.name),
            ("&How it is taken", self.route),
            ("Taking it &since", self.start),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            form.addRow(label, widget)
        self.editor = RegimenEditor()
        form.addRow("Doses", self.editor)
        for at in DEFAULT_TIMES:
            self.editor.add_dose_row(at, 5.0)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setDefault(True)
        buttons.accepted.connect(self._on_buttons_accepted)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.name.currentIndexChanged.connect(self._on_name_changed)
        self.route.currentIndexChanged.connect(self._on_route_changed)
        self._on_name_changed()
        self.result_value: tuple[Medicine, Regimen] | None = None
        self.setMinimumWidth(560)

    def _on_name_changed(self) -> None:
        route = self.name.currentData()
        if isinstance(route, Route):
            self.route.setCurrentIndex(list(Route).index(route))
        self._on_route_changed()

    def _on_route_changed(self) -> None:
        self.editor.set_route(self.route.currentData())

    def values(self) -> tuple[Medicine, Regimen]:
        """The medicine and its first regimen (raises ValidationError when not valid)."""
        route: Route = self.route.currentData()
        medicine = Medicine(
            person_id=self._person_id,
            name=self.name.currentText().strip(),
            route=route,
            entered_by=self._entered_by,
        )
        start = self.start.date().toPython()
        assert isinstance(start, date)
        return medicine, self.editor.regimen(UNSAVED, start, route)

    def _on_buttons_accepted(self) -> None:
        try:
            self.result_value = self.values()
        except TrackerError as error:
            self.message.show_message(str(error), error=True)
            return
        self.accept()
