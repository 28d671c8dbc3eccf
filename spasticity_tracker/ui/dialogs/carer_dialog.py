"""Add a carer: someone who enters records on the person's behalf."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLineEdit, QWidget

from spasticity_tracker.domain.entities import NAME_MAX
from spasticity_tracker.ui.dialogs.form_dialog import FormDialog, Submit
from spasticity_tracker.ui.widgets.fields import labelled_rows, plain_label


class CarerDialog(FormDialog):
    """The carer's name; every record they enter keeps it."""

    def __init__(self, person_name: str, submit: Submit, parent: QWidget | None = None):
        super().__init__("Add a carer", submit, parent, width=480)
        self.body.addWidget(
            plain_label(
                f"A carer enters records on {person_name}'s behalf; every record they enter "
                "says so."
            )
        )
        form = QFormLayout()
        self.body.addLayout(form)
        self.name = QLineEdit()
        self.name.setMaxLength(NAME_MAX)
        self.name.setAccessibleName("Carer's name")
        labelled_rows(form, (("Carer's &name", self.name),))
        self.add_buttons("Save the carer")

    def value(self) -> str:
        return self.name.text()
