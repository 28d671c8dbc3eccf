"""The base of the window's pages: a heading, a message bar, and the actions they run."""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget

from spasticity_tracker.services.changes import DataChange
from spasticity_tracker.ui.actions import Actions
from spasticity_tracker.ui.app_state import AppState
from spasticity_tracker.ui.widgets.fields import heading
from spasticity_tracker.ui.widgets.message_bar import MessageBar


class Page(QWidget):
    """A page: its heading and message bar on top; its dialogs opened with open()."""

    def __init__(
        self,
        title: str,
        state: AppState,
        user_actions: Actions,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self._state = state
        self._actions = user_actions
        self.open_dialog: QDialog | None = None  # the dialog opened last, for its answerer
        self.body = QVBoxLayout(self)
        self.title = heading(title)
        self.body.addWidget(self.title)
        self.message = MessageBar()
        self.body.addWidget(self.message)

    def _open(self, dialog: QDialog) -> QDialog:
        """Open a dialog without blocking; it answers by its signals."""
        self.open_dialog = dialog
        dialog.open()
        return dialog


class LazyPage(Page):
    """A page that reloads when its data changed, but only once it is on screen."""

    reload_on: ClassVar[DataChange] = DataChange.NONE  # the kinds of data the page shows

    def __init__(
        self,
        title: str,
        state: AppState,
        user_actions: Actions,
        parent: QWidget | None = None,
    ):
        super().__init__(title, state, user_actions, parent)
        self._stale = True
        state.data_changed.connect(self._on_state_data_changed)

    def _on_state_data_changed(self, change: DataChange) -> None:
        if change & self.reload_on:
            self.reload_when_shown()

    def reload(self) -> None:
        """Load the page's data from the services (subclasses call super first)."""
        self._stale = False

    def reload_when_shown(self) -> None:
        """Reload now if on screen, else when next shown (a hidden page does no work)."""
        self._stale = True
        if self.isVisible():
            self.reload()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()
