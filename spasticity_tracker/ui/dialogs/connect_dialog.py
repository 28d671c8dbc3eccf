"""File > Connect to a shared diary: the diary file on this computer, or one on a server."""

from __future__ import annotations

from PySide6.QtWidgets import QButtonGroup, QFormLayout, QLineEdit, QRadioButton, QWidget

from spasticity_tracker.services.sharing import check_address
from spasticity_tracker.ui.dialogs.form_dialog import FormDialog, Submit
from spasticity_tracker.ui.widgets.fields import labelled_rows, plain_label

EXAMPLE = "postgresql://LOGIN@HOST/DATABASE"


class ConnectDialog(FormDialog):
    """Where the diary is kept; the choice is remembered and used from the next start.

    submit gets the address of a shared diary, or None for the diary file.
    """

    def __init__(self, current: str | None, submit: Submit, parent: QWidget | None = None):
        super().__init__("Connect to a shared diary", submit, parent, width=620)
        self.body.addWidget(
            plain_label(
                "A shared diary is kept on a PostgreSQL server, so that a family, a care home "
                "or a clinic can keep diaries from more than one computer. Its administrator "
                "gives you its address and your login (see the README)."
            )
        )
        self.on_this_computer = QRadioButton("The diary &file on this computer")
        self.on_a_server = QRadioButton("A &shared diary on a server")
        group = QButtonGroup(self)
        group.addButton(self.on_this_computer)
        group.addButton(self.on_a_server)
        self.body.addWidget(self.on_this_computer)
        self.body.addWidget(self.on_a_server)
        form = QFormLayout()
        self.body.addLayout(form)
        self.address = QLineEdit(current or "")
        self.address.setPlaceholderText(EXAMPLE)
        self.address.setAccessibleName("Address of the shared diary")
        labelled_rows(form, (("&Address", self.address),))
        self.body.addWidget(
            plain_label(
                f"For example {EXAMPLE}, or postgresql://LOGIN@/DATABASE?host=/run/postgresql "
                "on this computer. A password is asked for when the server needs one; it is "
                "never kept by the app (libpq's ~/.pgpass can keep it)."
            )
        )
        (self.on_a_server if current else self.on_this_computer).setChecked(True)
        self.on_a_server.toggled.connect(self.address.setEnabled)
        self.address.setEnabled(bool(current))
        self.add_buttons("Connect")
        self.set_save_text("&Connect")

    def value(self) -> str | None:
        if self.on_this_computer.isChecked():
            return None
        return check_address(self.address.text())
