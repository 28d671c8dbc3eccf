"""Notices of a shared diary: what other logins change is shown here without asking."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSocketNotifier, QTimer, Signal

from spasticity_tracker.domain.errors import TrackerError
from spasticity_tracker.services.changes import DataChange
from spasticity_tracker.ui.app_state import AppState

if TYPE_CHECKING:
    from spasticity_tracker.storage.server import Listener

RETRY_MS = 30_000  # how soon to listen again after the connection was lost


class ServerNotices(QObject):
    """Watches the server's notices (its socket, in the event loop: no thread, no timer).

    A change by another login to the person shown reloads every page; a change to anyone's
    name or details (a person added, renamed) is told by people_changed.
    """

    people_changed = Signal(object)  # DataChange.PEOPLE
    shown_changed = Signal()  # the person shown was changed by another login

    def __init__(self, listener: Listener, state: AppState, parent: QObject | None = None):
        super().__init__(parent)
        self._listener = listener
        self._state = state
        self._notifier = self._watch()
        # After a lost connection (the server restarted, the network went): listen again.
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.setInterval(RETRY_MS)
        self._retry.timeout.connect(self.reopen)

    @property
    def waiting_to_reopen(self) -> bool:
        """Whether the connection was lost and the window will listen again soon."""
        return self._retry.isActive()

    def _watch(self) -> QSocketNotifier:
        notifier = QSocketNotifier(self._listener.fileno(), QSocketNotifier.Type.Read, self)
        notifier.activated.connect(self.read)
        return notifier

    def read(self) -> None:
        """Take what has arrived and refresh what it touches."""
        try:
            changed = self._listener.poll()
        except TrackerError:
            self._notifier.setEnabled(False)
            self._retry.start()
            return
        if not changed:
            return
        shown = self._state.person_id
        if any(table == "people" for _person, table in changed):
            self.people_changed.emit(DataChange.PEOPLE)
        if any(person in (shown, None) for person, table in changed if table != "people"):
            self.shown_changed.emit()
            self._state.broadcast(DataChange.ALL)

    def reopen(self) -> None:
        """Listen again; what others changed meanwhile was not heard, so reload it all."""
        try:
            self._listener.reopen()
        except TrackerError:
            self._retry.start()
            return
        self._notifier.deleteLater()
        self._notifier = self._watch()
        self._state.broadcast(DataChange.ALL)

    def close(self) -> None:
        self._retry.stop()
        self._notifier.setEnabled(False)
        self._listener.close()
