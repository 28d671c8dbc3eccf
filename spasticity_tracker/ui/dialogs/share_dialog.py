"""File > Share this diary: who else (which login of the shared diary's server) may see it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QWidget,
)

from spasticity_tracker.domain.entities import Share
from spasticity_tracker.domain.errors import TrackerError
from spasticity_tracker.ui.dialogs.form_dialog import FormDialog, Submit
from spasticity_tracker.ui.widgets.fields import buddy_label, labelled_rows, plain_label


def share_text(share: Share) -> str:
    return f"{share.login}: {'reads only' if share.read_only else 'reads and changes'}"


class ShareDialog(FormDialog):
    """Share a person's diary with a login (submit gets (login, read_only)); the current
    shares are listed, and one can be taken back at once (Delete)."""

    def __init__(
        self,
        person_name: str,
        shares: Callable[[], list[Share]],
        unshare: Callable[[str], object],
        submit: Submit,
        parent: QWidget | None = None,
    ):
        super().__init__(f"Share {person_name}'s diary", submit, parent, width=600)
        self._shares = shares
        self._unshare = unshare
        self.body.addWidget(
            plain_label(
                f"Another login of this server can see {person_name}'s diary, and change it "
                "unless it is shared to read only (a clinician reads and makes summaries). "
                "What a login enters is entered by it. The server enforces this."
            )
        )
        self.current = QListWidget()
        self.current.setAccessibleName("Shared with")
        self.body.addWidget(buddy_label("Shared &with", self.current))
        self.body.addWidget(self.current)
        self.stop_button = QPushButton("S&top sharing with the chosen login")
        self.stop_button.clicked.connect(self.stop_sharing)
        self.body.addWidget(self.stop_button)
        delete = QShortcut(QKeySequence.StandardKey.Delete, self.current)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.stop_sharing)
        form = QFormLayout()
        self.body.addLayout(form)
        self.login = QLineEdit()
        self.login.setAccessibleName("Login to share with")
        self.read_only = QCheckBox("Read &only")
        labelled_rows(form, (("&Login", self.login),))
        form.addRow("", self.read_only)
        self.add_buttons("Share")
        self.set_save_text("&Share")
        self.refresh()

    def first_field(self) -> QWidget | None:
        return self.login

    def _on_refused(self) -> None:
        # The message takes room: grow to keep the login in view, and put the keyboard there.
        self.refit()
        self.login.setFocus()
        self.login.selectAll()
        self.scroll_area.ensureWidgetVisible(self.login)

    def _fit_list(self) -> None:
        """As tall as its shares (four rows at the most; more scroll), not a screenful."""
        rows = min(max(self.current.count(), 1), 4)
        row = self.current.sizeHintForRow(0) if self.current.count() else 0
        row = max(row, self.current.fontMetrics().height())
        frame = 2 * self.current.frameWidth()
        self.current.setFixedHeight(rows * row + frame + 4)

    def refresh(self) -> None:
        self.current.clear()
        for share in self._shares():
            item = QListWidgetItem(share_text(share))
            item.setData(Qt.ItemDataRole.UserRole, share.login)
            self.current.addItem(item)
        if self.current.count() == 0:
            item = QListWidgetItem("Nobody yet")
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.current.addItem(item)
        else:
            self.current.setCurrentRow(0)
        self.stop_button.setEnabled(self.current.currentItem() is not None)
        self._fit_list()

    def stop_sharing(self) -> None:
        item = self.current.currentItem()
        login = None if item is None else item.data(Qt.ItemDataRole.UserRole)
        if not login:
            return
        try:
            self._unshare(str(login))
        except TrackerError as error:
            self.message.show_message(str(error), error=True)
            return
        self.refresh()
        self.message.show_message(f"No longer shared with {login}.")

    def value(self) -> tuple[str, bool]:
        return self.login.text().strip(), self.read_only.isChecked()
