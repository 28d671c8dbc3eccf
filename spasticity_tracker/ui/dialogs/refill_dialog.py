"""A pump refill: when it was done and when the next one is due."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtWidgets import (
    QFormLayout,
    QWidget,
)

from spasticity_tracker.domain.entities import CarerId, Medicine, PumpRefill
from spasticity_tracker.ui.dialogs.form_dialog import FormDialog, Submit
from spasticity_tracker.ui.widgets.fields import (
    DateEdit,
    labelled_rows,
    note_field,
)

REFILL_INTERVAL_DAYS = 90  # a starting point only: the pump clinic gives the real date


class RefillDialog(FormDialog):
    """A pump refill: when it was done and when the next one is due."""

    def __init__(
        self,
        medicine: Medicine,
        today: date,
        entered_by: CarerId | None,
        submit: Submit,
        parent: QWidget | None = None,
    ):
        super().__init__(f"Record a pump refill: {medicine.name}", submit, parent)
        self._medicine = medicine
        self._entered_by = entered_by
        form = QFormLayout()
        self.body.addLayout(form)
        self.refilled = DateEdit(today, "Refilled on")
        self.next_due = DateEdit(today + timedelta(days=REFILL_INTERVAL_DAYS), "Next refill due")
        # The due date follows the refill date until it is set by hand.
        self.refilled.dateChanged.connect(
            lambda: self.next_due.setDate(self.refilled.date().addDays(REFILL_INTERVAL_DAYS))
        )
        self.note = note_field("Note about the refill")
        labelled_rows(
            form,
            (
                ("&Refilled on", self.refilled),
                ("Next refill &due", self.next_due),
                ("&Note", self.note),
            ),
        )
        self.add_buttons("Save the refill")

    def value(self) -> PumpRefill:
        """The refill entered (raises ValidationError when not valid)."""
        assert self._medicine.id is not None
        return PumpRefill(
            medicine_id=self._medicine.id,
            refill_date=self.refilled.value(),
            next_due=self.next_due.value(),
            note=self.note.text().strip(),
            entered_by=self._entered_by,
        )
