"""Record a botulinum toxin injection."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QLineEdit, QVBoxLayout, QWidget

from spasticity_tracker.domain.entities import (
    NAME_MAX,
    TOXIN_UNITS_MAX,
    CarerId,
    PersonId,
    ToxinInjection,
)
from spasticity_tracker.domain.errors import TrackerError
from spasticity_tracker.domain.scales import ToxinProduct
from spasticity_tracker.ui.widgets.fields import (
    DateEdit,
    amount_field,
    enforce_targets,
    labelled_rows,
    note_field,
    plain_label,
    save_cancel_buttons,
)
from spasticity_tracker.ui.widgets.message_bar import MessageBar


class ToxinInjectionDialog(QDialog):
    """Date, product, total units (0 when not known), muscles, who gave it, and a note."""

    def __init__(
        self,
        person_id: PersonId,
        entered_by: CarerId | None,
        today: date,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self._person_id = person_id
        self._entered_by = entered_by
        self.setWindowTitle("Record a botulinum toxin injection")
        layout = QVBoxLayout(self)
        self.message = MessageBar()
        layout.addWidget(self.message)
        form = QFormLayout()
        layout.addLayout(form)
        self.day = DateEdit(today, "Injection date")
        self.product = QComboBox()
        for product in ToxinProduct:
            self.product.addItem(product.label)
        self.product.setAccessibleName("Product")
        self.units = amount_field("Total units, 0 if not known", TOXIN_UNITS_MAX, "units")
        self.muscles = note_field("Muscles injected", placeholder="e.g. left calf, right thigh")
        self.given_by = QLineEdit()
        self.given_by.setMaxLength(NAME_MAX)
        self.given_by.setAccessibleName("Given by")
        self.given_by.setPlaceholderText("e.g. Dr Lewis, spasticity clinic")
        self.note = note_field("Note about the injection")
        labelled_rows(
            form,
            (
                ("&Date", self.day),
                ("&Product", self.product),
                ("Total &units", self.units),
                ("&Muscles", self.muscles),
                ("&Given by", self.given_by),
                ("&Note", self.note),
            ),
        )
        layout.addWidget(
            plain_label(
                "Units of one product are not those of another: they are never added up "
                "across products. Leave the units at 0 if you do not know them.",
                role="hint",
            )
        )
        layout.addWidget(save_cancel_buttons(self, self._on_buttons_accepted))
        self.result_injection: ToxinInjection | None = None
        enforce_targets(self)
        self.resize(560, 0)

    def values(self) -> ToxinInjection:
        """The injection entered (raises ValidationError when not valid)."""
        units = self.units.value()
        return ToxinInjection(
            person_id=self._person_id,
            day=self.day.value(),
            product=list(ToxinProduct)[self.product.currentIndex()],
            total_units=units or None,
            muscles=self.muscles.text().strip(),
            given_by=self.given_by.text().strip(),
            note=self.note.text().strip(),
            entered_by=self._entered_by,
        )

    def _on_buttons_accepted(self) -> None:
        try:
            self.result_injection = self.values()
        except TrackerError as error:
            self.message.show_message(str(error), error=True)
            return
        self.accept()
