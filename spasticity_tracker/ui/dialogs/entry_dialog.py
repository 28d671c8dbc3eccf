"""Edit one diary entry in the same form as Today."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget

from spasticity_tracker.domain.entities import SymptomEntry
from spasticity_tracker.presentation.form_text import ENTRY_UNCHANGED
from spasticity_tracker.ui.dialogs.form_dialog import FormDialog, Submit
from spasticity_tracker.ui.widgets.entry_form import EntryForm


class EntryDialog(FormDialog):
    """Edit one entry in the same form as Today; keys 0-9 and T choose the stiffness."""

    def __init__(self, entry: SymptomEntry, submit: Submit, parent: QWidget | None = None):
        super().__init__("Edit entry", submit, parent, width=760)
        self._entry = entry
        self.form = EntryForm(show_when=True)
        self.form.load(entry)
        self._loaded_when = self.form.when.dateTime()
        self.body.addWidget(self.form)
        self.add_buttons("Save changes to the entry")

    def value(self) -> SymptomEntry:
        """The entry as edited (raises ValidationError when it is not valid)."""
        old = self._entry
        made = self.form.to_entry(old.person_id, old.entered_by, lambda: old.recorded_at)
        if self.form.when.dateTime() == self._loaded_when:
            # The field shows minutes only: an untouched time keeps its seconds.
            made = replace(made, recorded_at=old.recorded_at)
        # The same record: its id, and when and by whom it was first entered, stay.
        return replace(
            made,
            id=old.id,
            created_at=old.created_at,
            updated_at=old.updated_at,
            version=old.version,  # saved only over what was read (a clash is told)
        )

    def unchanged_text(self, value: SymptomEntry) -> str | None:
        return ENTRY_UNCHANGED if value == self._entry else None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Keys pressed outside the form (on Save or Cancel) choose the stiffness too.
        if self.form.take_key(event):
            event.accept()
        else:
            super().keyPressEvent(event)
