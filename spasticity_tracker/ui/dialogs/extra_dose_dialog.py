"""An extra dose, outside the regimen: which medicine, how much and when."""

from __future__ import annotations

from datetime import date, datetime, time

from PySide6.QtWidgets import QComboBox, QFormLayout, QWidget

from spasticity_tracker.domain.entities import CarerId, DoseRecord, Medicine
from spasticity_tracker.domain.scales import DoseStatus
from spasticity_tracker.ui.dialogs.form_dialog import FormDialog, Submit
from spasticity_tracker.ui.widgets.fields import TimeEdit, amount_field, labelled_rows


class ExtraDoseDialog(FormDialog):
    """Which medicine, how much and when, for a dose outside the regimen."""

    def __init__(
        self,
        medicines: list[Medicine],
        day: date,
        now: time,
        entered_by: CarerId | None,
        submit: Submit,
        parent: QWidget | None = None,
    ):
        super().__init__("Extra dose", submit, parent)
        self._medicines = medicines
        self._day = day
        self._entered_by = entered_by
        form = QFormLayout()
        self.body.addLayout(form)
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
        self.add_buttons("Save the extra dose")

    def chosen_medicine(self) -> Medicine:
        return self._medicines[self.medicine.currentIndex()]

    def value(self) -> DoseRecord:
        """The extra dose as a record (raises ValidationError when not valid)."""
        medicine = self.chosen_medicine()
        assert medicine.id is not None
        return DoseRecord(
            medicine_id=medicine.id,
            day=self._day,
            status=DoseStatus.EXTRA,
            amount=self.amount.value(),
            taken_at=datetime.combine(self._day, self.time.value()).astimezone(),
            entered_by=self._entered_by,
        )
