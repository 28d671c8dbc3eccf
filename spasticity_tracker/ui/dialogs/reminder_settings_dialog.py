"""Reminders and start at login: three switches and the time of the daily log reminder."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QWidget

from spasticity_tracker.ui.dialogs.form_dialog import FormDialog, Submit
from spasticity_tracker.ui.widgets.fields import TimeEdit, plain_label


@dataclass(frozen=True)
class ReminderSettings:
    """What the dialog sets: reminders on, the daily log time (None: none), start at login."""

    on: bool
    log_time: time | None
    at_login: bool


NO_TRAY = (
    "This desktop shows no system tray: reminders appear only while the window is open, and "
    "closing the window quits the app."
)


class ReminderSettingsDialog(FormDialog):
    """Switch reminders, the daily log reminder and the start at login on or off."""

    def __init__(
        self,
        current: ReminderSettings,
        default_log_time: time,
        has_tray: bool,
        submit: Submit,
        parent: QWidget | None = None,
    ):
        super().__init__("Reminders", submit, parent, width=600)
        self.on = QCheckBox("&Remind me of each dose, pump refills and appointments")
        self.on.setChecked(current.on)
        self.body.addWidget(self.on)
        self.body.addWidget(
            plain_label(
                "A reminder offers Taken, Snooze (10, 30 or 60 minutes) and Open. A dose already "
                "recorded is never reminded; a dose more than an hour late and not recorded is "
                "shown on Today and in the tray.",
                role="hint",
            )
        )
        log_row = QHBoxLayout()
        self.log = QCheckBox("Remind me to &log the day at")
        self.log.setChecked(current.log_time is not None)
        self.log_time = TimeEdit(current.log_time or default_log_time, "Daily log reminder time")
        log_row.addWidget(self.log)
        log_row.addWidget(self.log_time)
        log_row.addStretch(1)
        self.body.addLayout(log_row)
        self.at_login = QCheckBox("Start in the tray when I log &in to this computer")
        self.at_login.setChecked(current.at_login)
        self.body.addWidget(self.at_login)
        if not has_tray:
            self.body.addWidget(plain_label(NO_TRAY, role="hint"))
        self.on.toggled.connect(self._follow)
        self.log.toggled.connect(self._follow)
        self._follow()
        self.add_buttons("Save the reminder settings")

    def _follow(self) -> None:
        self.log.setEnabled(self.on.isChecked())
        self.log_time.setEnabled(self.on.isChecked() and self.log.isChecked())

    def value(self) -> ReminderSettings:
        return ReminderSettings(
            on=self.on.isChecked(),
            log_time=self.log_time.value() if self.log.isChecked() else None,
            at_login=self.at_login.isChecked(),
        )
