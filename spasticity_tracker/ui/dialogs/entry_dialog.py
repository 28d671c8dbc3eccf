"""Edit one diary entry in the same form as Today."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QScrollArea,
    QWidget,
)

from spasticity_tracker.domain.entities import SymptomEntry
from spasticity_tracker.ui.dialogs.form_dialog import FormDialog, Submit
from spasticity_tracker.ui.widgets.entry_form import EntryForm


class EntryDialog(FormDialog):
    """Edit one entry in the same form as Today."""

    def __init__(self, entry: SymptomEntry, submit: Submit, parent: QWidget | None = None):
        super().__init__("Edit entry", submit, parent)
        self._entry = entry
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        self.form = EntryForm(show_when=True)
        self.form.load(entry)
        scroll.setWidget(self.form)
        self.body.addWidget(scroll, 1)
        self.add_buttons("Save changes to the entry")
        self.resize(760, 820)

    def value(self) -> SymptomEntry:
        """The entry as edited (raises ValidationError when it is not valid)."""
        old = self._entry
        made = self.form.to_entry(old.person_id, old.entered_by, lambda: old.recorded_at)
        # The same record: its id, and when and by whom it was first entered, stay.
        return replace(made, id=old.id, created_at=old.created_at, updated_at=old.updated_at)
