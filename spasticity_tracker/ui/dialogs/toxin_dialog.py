"""Record a botulinum toxin injection."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit, QWidget

from spasticity_tracker.domain.entities import (
    NAME_MAX,
    TOXIN_UNITS_MAX,
    CarerId,
    PersonId,
    ToxinInjection,
)
from spasticity_tracker.domain.scales import ToxinProduct
from spasticity_tracker.ui.dialogs.form_dialog import FormDialog, Submit
from spasticity_tracker.ui.widgets.fields import (
    DateEdit,
    amount_field,
    labelled_rows,
    note_field,
    plain_label,
)


class ToxinInjectionDialog(FormDialog):
    """Date, product, total units (0 when not known), muscles, who gave it, and a note."""

    def __init__(
        self,
        person_id: PersonId,
        entered_by: CarerId | None,
        today: date,
        submit: Submit,
        parent: QWidget | None = None,
    ):
        super().__init__("Record a botulinum toxin injection", submit, parent, width=560)
        self._person_id = person_id
        self._entered_by = entered_by
        layout = self.body
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
        self.add_buttons("Save the injection")

    def value(self) -> ToxinInjection:
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
