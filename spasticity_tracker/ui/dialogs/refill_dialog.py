"""A pump refill: when it was done and when the next one is due."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QVBoxLayout,
    QWidget,
)

from spasticity_tracker.domain.entities import CarerId, Medicine, PumpRefill
from spasticity_tracker.domain.errors import TrackerError
from spasticity_tracker.ui.widgets.fields import (
    DateEdit,
    enforce_targets,
    labelled_rows,
    note_field,
    save_cancel_buttons,
)
from spasticity_tracker.ui.widgets.message_bar import MessageBar

REFILL_INTERVAL_DAYS = 90  # a starting point only: the pump clinic gives the real date


class RefillDialog(QDialog):
    """A pump refill: when it was done and when the next one is due."""

    def __init__(
        self,
        medicine: Medicine,
        today: date,
        entered_by: CarerId | None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self._medicine = medicine
        self._entered_by = entered_by
        self.setWindowTitle(f"Record a pump refill: {medicine.name}")
        layout = QVBoxLayout(self)
        self.message = MessageBar()
        layout.addWidget(self.message)
        form = QFormLayout()
        layout.addLayout(form)
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
        layout.addWidget(save_cancel_buttons(self, self._on_buttons_accepted))
        self.result_refill: PumpRefill | None = None
        enforce_targets(self)

    def _on_buttons_accepted(self) -> None:
        assert self._medicine.id is not None
        try:
            self.result_refill = PumpRefill(
                medicine_id=self._medicine.id,
                refill_date=self.refilled.value(),
                next_due=self.next_due.value(),
                note=self.note.text().strip(),
                entered_by=self._entered_by,
            )
        except TrackerError as error:
            self.message.show_message(str(error), error=True)
            return
        self.accept()
