"""Windows and dialogs sized to the screen they open on: never larger than its free area."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

# Room left for the window manager's frame and title bar, which Qt's sizes do not include.
FRAME = QSize(16, 40)


def free_area(widget: QWidget | None = None) -> QRect:
    """The available area (without panels and docks) of the screen widget is on, or the primary."""
    screen = widget.screen() if widget is not None else None
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def largest_size(widget: QWidget | None = None) -> QSize:
    """The largest client size a window may take on its screen, frame included."""
    return free_area(widget).size() - FRAME


def fit_to_screen(widget: QWidget, preferred: QSize) -> QSize:
    """Resize widget to preferred (grown to its minimum), never past its screen's free area.

    Returns the size given. A layout too large for the screen must scroll or reflow: this
    never lets a window grow past the screen, where its buttons could not be reached.
    """
    wanted = preferred.expandedTo(widget.minimumSizeHint())
    size = wanted.boundedTo(largest_size(widget))
    widget.resize(size)
    return size
