"""Record (or correct) a dose change: start date, new doses or pump rate, note, live cautions."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QFormLayout,
    QWidget,
)

from spasticity_tracker.domain.cautions import Caution
from spasticity_tracker.domain.entities import CarerId, Medicine, Regimen
from spasticity_tracker.domain.errors import TrackerError
from spasticity_tracker.presentation.form_text import (
    CORRECTION_UNCHANGED,
    DOSES_UNCHANGED,
    same_doses,
    same_regimen,
)
from spasticity_tracker.presentation.formatting import total_text
from spasticity_tracker.ui.dialogs.form_dialog import FormDialog, Submit
from spasticity_tracker.ui.widgets.fields import (
    DateEdit,
    labelled_rows,
    note_field,
    plain_label,
)
from spasticity_tracker.ui.widgets.message_bar import CautionList
from spasticity_tracker.ui.widgets.regimen_editor import RegimenEditor


class DoseChangeDialog(FormDialog):
    """The new regimen from a date; cautions appear as it is typed and never block saving."""

    def __init__(
        self,
        medicine: Medicine,
        current: Regimen | None,
        today: date,
        cautions_for: Callable[[Regimen], list[Caution]],
        entered_by: CarerId | None,
        submit: Submit,
        *,
        correcting: Regimen | None = None,
        parent: QWidget | None = None,
    ):
        what = "Correct a dose change" if correcting else "Record a dose change"
        super().__init__(f"{what}: {medicine.name}", submit, parent, width=620)
        self._medicine = medicine
        self._cautions_for = cautions_for
        self._entered_by = entered_by
        self._correcting = correcting
        self._current = current
        layout = self.body
        if current is not None and correcting is None:
            layout.addWidget(plain_label(f"Now: {total_text(medicine, current.daily_total)}"))
        form = QFormLayout()
        layout.addLayout(form)
        start = correcting.start_date if correcting else today
        self.start = DateEdit(start, "New doses start on")
        self.editor = RegimenEditor()
        self.editor.set_route(medicine.route)
        self.editor.set_regimen(correcting or current)
        self.note = note_field(
            "Note about the change",
            correcting.note if correcting else "",
            "e.g. Dr Lewis, clinic 12 March",
        )
        labelled_rows(
            form,
            (
                ("New doses &start on", self.start),
                ("New doses", self.editor),
                ("&Note", self.note),
            ),
        )
        self.cautions = CautionList()
        layout.addWidget(self.cautions)
        layout.addWidget(
            plain_label(
                "Cautions are information only: the change is saved as you enter it.",
                role="hint",
            )
        )
        self.add_buttons("Save the dose change")
        self.editor.changed.connect(self._update_cautions)
        self.start.dateChanged.connect(self._update_cautions)
        self._update_cautions()

    def value(self) -> Regimen:
        """The regimen entered (raises ValidationError when not valid)."""
        assert self._medicine.id is not None
        made = self.editor.regimen(
            self._medicine.id,
            self.start.value(),
            self._medicine.route,
            self.note.text().strip(),
        )
        if self._correcting is not None:
            return replace(
                self._correcting,
                start_date=made.start_date,
                doses=made.doses,
                rate_per_day=made.rate_per_day,
                note=made.note,
            )
        return replace(made, entered_by=self._entered_by)

    def _update_cautions(self) -> None:
        try:
            regimen = self.value()
        except TrackerError:
            regimen = None
        if regimen is None:
            self.cautions.set_cautions([])
            return
        self.cautions.set_cautions(self._cautions_for(regimen))
        if self.isVisible():
            QTimer.singleShot(0, self, self.refit)  # once the caution blocks are laid out

    def unchanged_text(self, value: Regimen) -> str | None:
        # A change that changes nothing is refused with a word, rather than Enter moving on
        # from field to field until something is typed: Enter saves in every other form of
        # the app, and a person who pressed it by mistake (or to close) learns why nothing
        # was recorded and what to do, instead of finding the focus somewhere else.
        if self._correcting is not None:
            return CORRECTION_UNCHANGED if same_regimen(value, self._correcting) else None
        return DOSES_UNCHANGED if same_doses(value, self._current) else None
