"""A page that reloads its data only while it is on screen."""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QWidget,
)


class LazyPage(QWidget):
    """A page that reloads when its data changed, but only once it is on screen."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._stale = True

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
