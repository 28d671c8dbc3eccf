"""An extra dose, outside the regimen: which medicine, how much and when."""

from __future__ import annotations

from datetime import time

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QWidget,
)

from spasticity_tracker.domain.entities import Medicine
from spasticity_tracker.ui.widgets.fields import (
    TimeEdit,
    amount_field,
    enforce_targets,
    labelled_rows,
    save_cancel_buttons,
)


class ExtraDoseDialog(QDialog):
    """Which medicine, how much and when, for a dose outside the regimen."""

    def __init__(self, medicines: list[Medicine], now: time, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Extra dose")
        self._medicines = medicines
        form = QFormLayout(self)
        self.medicine = QComboBox()
        for medicine in medicines:
            self.medicine.addItem(f"{medicine.name} ({medicine.dose_unit.value})")
        self.medicine.setAccessibleName("Medicine")
        self.amount = amount_field("Amount", 1000, "")
        self.amount.setValue(5)
        self.time = TimeEdit(now, "Time taken")
        labelled_rows(
            form,
            (("&Medicine", self.medicine), ("&Amount", self.amount), ("&Time taken", self.time)),
        )
        form.addRow(save_cancel_buttons(self, self.accept))
        enforce_targets(self)

    def values(self) -> tuple[Medicine, float, time]:
        return self._medicines[self.medicine.currentIndex()], self.amount.value(), self.time.value()
