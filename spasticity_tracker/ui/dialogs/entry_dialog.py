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
        symptoms = self.form.symptoms()
        return replace(
            self._entry,
            recorded_at=symptoms.when or self._entry.recorded_at,
            stiffness=symptoms.stiffness,  # type: ignore[arg-type]
            spasm_frequency=symptoms.spasm_frequency,
            spasm_severity=symptoms.spasm_severity,
            pain=symptoms.pain,
            sleep_disruption=symptoms.sleep_disruption,
            note=symptoms.note.strip(),
        )
