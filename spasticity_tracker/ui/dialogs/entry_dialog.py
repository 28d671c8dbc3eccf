"""Edit one diary entry in the same form as Today."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtWidgets import (
    QDialog,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from spasticity_tracker.domain.entities import SymptomEntry
from spasticity_tracker.domain.errors import TrackerError
from spasticity_tracker.ui.widgets.entry_form import EntryForm
from spasticity_tracker.ui.widgets.fields import (
    enforce_targets,
    save_cancel_buttons,
)
from spasticity_tracker.ui.widgets.message_bar import MessageBar


class EntryDialog(QDialog):
    """Edit one entry in the same form as Today."""

    def __init__(
        self,
        entry: SymptomEntry,
        save: Callable[[SymptomEntry], None],
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self._entry = entry
        self._save = save
        self.setWindowTitle("Edit entry")
        self.setModal(True)
        layout = QVBoxLayout(self)
        self.message = MessageBar()
        layout.addWidget(self.message)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        self.form = EntryForm(show_when=True)
        self.form.load(entry)
        scroll.setWidget(self.form)
        layout.addWidget(scroll, 1)
        layout.addWidget(
            save_cancel_buttons(self, self._on_buttons_accepted, "Save changes to the entry")
        )
        enforce_targets(self)
        self.resize(760, 820)

    def edited_entry(self) -> SymptomEntry:
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

    def _on_buttons_accepted(self) -> None:
        try:
            self._save(self.edited_entry())
        except TrackerError as error:
            self.message.show_message(str(error), error=True)
            return
        self.accept()
