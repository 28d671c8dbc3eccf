"""A page that is not built yet, saying plainly what it will hold."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from spasticity_tracker.ui.widgets import heading, plain_label


class PlaceholderPage(QWidget):
    """Title and a sentence about what is coming."""

    def __init__(self, title: str, text: str, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(title))
        layout.addWidget(plain_label(text))
        layout.addStretch(1)
