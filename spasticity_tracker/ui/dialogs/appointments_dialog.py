"""Appointments: the list, newest first, and recording, correcting or removing one (with Undo)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from spasticity_tracker.domain.dates import day_text
from spasticity_tracker.domain.entities import Appointment, CarerId, PersonId
from spasticity_tracker.services.appointments import AppointmentService
from spasticity_tracker.ui.actions import Actions
from spasticity_tracker.ui.dialogs.appointment_dialog import AppointmentDialog
from spasticity_tracker.ui.models.record_model import RecordModel
from spasticity_tracker.ui.widgets.fields import enforce_targets, plain_label, record_table
from spasticity_tracker.ui.widgets.message_bar import MessageBar
from spasticity_tracker.ui.widgets.screen_fit import fit_to_screen

UNDO_LABEL = "&Undo"
# What was decided last, where the table stretches: the short columns stay whole.
HEADERS = ("Date", "Clinician", "Next", "Goals", "Entered by", "Service", "What was decided")


def goals_text(appointment: Appointment) -> str:
    """'2 (1 rated)'."""
    if not appointment.goals:
        return ""
    done = sum(goal.rating is not None for goal in appointment.goals)
    return f"{len(appointment.goals)} ({done} rated)"


class AppointmentsModel(RecordModel):
    """Rows of Appointment, newest first."""

    headers = HEADERS

    def __init__(self, enterer_name: Callable[[CarerId | None], str], parent: Any = None):
        super().__init__(parent)
        self._enterer_name = enterer_name

    def appointment(self, row: int) -> Appointment:
        appointment: Appointment = self.record(row)
        return appointment

    def cell(self, record: Any, column: int, role: int) -> Any:
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        appointment: Appointment = record
        values = (
            day_text(appointment.day),
            appointment.clinician,
            "" if appointment.next_day is None else day_text(appointment.next_day),
            goals_text(appointment),
            self._enterer_name(appointment.entered_by),
            appointment.service,
            appointment.notes,
        )
        return values[column]


class AppointmentsDialog(QDialog):
    """Every appointment of the person, with Record, Correct (Enter) and Remove (Delete)."""

    def __init__(
        self,
        service: AppointmentService,
        actions: Actions,
        person_id: PersonId,
        entered_by: Callable[[], CarerId | None],
        enterer_name: Callable[[CarerId | None], str],
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self._service = service
        self._actions = actions
        self._person_id = person_id
        self._entered_by = entered_by
        self.open_dialog: QDialog | None = None
        self.setWindowTitle("Appointments")
        layout = QVBoxLayout(self)
        self.message = MessageBar()
        self.message.action_triggered.connect(self._undo)
        layout.addWidget(self.message)
        self.none = plain_label("No appointments recorded yet.")
        layout.addWidget(self.none)
        self.model = AppointmentsModel(enterer_name, self)
        self.table = record_table(self.model, "Appointments, newest first", len(HEADERS) - 1)
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.add_button = QPushButton("&Record an appointment…")
        self.correct_button = QPushButton("&Correct…")
        self.correct_button.setAccessibleName("Correct the selected appointment")
        self.remove_button = QPushButton("Re&move")
        self.remove_button.setAccessibleName("Remove the selected appointment")
        for button in (self.add_button, self.correct_button, self.remove_button):
            button.setAutoDefault(False)  # Enter on the list corrects; it never records
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.add_button.clicked.connect(self.record)
        self.correct_button.clicked.connect(self.correct)
        self.remove_button.clicked.connect(self.remove)
        enforce_targets(self)
        fit_to_screen(self, QSize(980, 560))
        self.reload()

    def reload(self, select: date | None = None) -> None:
        appointments = self._service.appointments(self._person_id)
        self.model.set_records(appointments)
        self.table.setVisible(bool(appointments))
        self.none.setVisible(not appointments)
        for button in (self.correct_button, self.remove_button):
            button.setEnabled(bool(appointments))
        if appointments:
            days = [a.day for a in appointments]
            self.table.selectRow(days.index(select) if select in days else 0)
            self.table.setFocus()
        else:
            self.add_button.setFocus()

    def selected(self) -> Appointment | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.appointment(rows[0].row()) if rows else None

    def _open(self, appointment: Appointment | None) -> QDialog:
        def submit(value: Appointment) -> None:
            before = appointment
            when = day_text(value.day)
            self._actions.perform(
                lambda: self._service.save(value),
                undo=f"{'record' if before is None else 'correct'} the appointment of {when}",
                service=self._service,
                before=before,
            )
            verb = "recorded" if before is None else "corrected"
            self.message.show_message(f"Appointment of {when} {verb}.", action=UNDO_LABEL)
            self.reload(select=value.day)

        dialog = AppointmentDialog(
            self._person_id,
            self._entered_by(),
            self._service.today(),
            submit,
            self,
            appointment=appointment,
        )
        self.open_dialog = dialog
        dialog.open()
        return dialog

    def record(self) -> QDialog:
        return self._open(None)

    def correct(self) -> QDialog | None:
        appointment = self.selected()
        return None if appointment is None else self._open(appointment)

    def remove(self) -> None:
        appointment = self.selected()
        if appointment is None or appointment.id is None:
            return
        appointment_id, when = appointment.id, day_text(appointment.day)
        done = self._actions.attempt(
            lambda: self._service.delete(Appointment, appointment_id),
            self.message,
            undo=f"remove the appointment of {when}",
            service=self._service,
        )
        if done is not None:
            self.message.show_message(
                f"Appointment of {when} removed, with its scores and goals.", action=UNDO_LABEL
            )
            self.reload()

    def _undo(self) -> None:
        self._actions.undo_stack.undo()
        self.message.hide()
        self.reload()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.table.hasFocus() and event.key() == Qt.Key.Key_Delete:
            self.remove()
            event.accept()
            return
        if self.table.hasFocus() and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.correct()
            event.accept()
            return
        super().keyPressEvent(event)
