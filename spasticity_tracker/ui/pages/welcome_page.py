"""The first-run welcome: set up your own diary, or explore with example data."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from spasticity_tracker import APP_NAME
from spasticity_tracker.ui.widgets.fields import heading, plain_label


class WelcomePage(QWidget):
    """Shown while there is nobody to keep a diary for."""

    setup_requested = Signal()
    example_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setAlignment(Qt.AlignmentFlag.AlignCenter)
        box = QWidget()
        box.setMaximumWidth(760)
        inner = QVBoxLayout(box)
        inner.addWidget(heading(f"Welcome to {APP_NAME}"))
        inner.addWidget(
            plain_label(
                "Log your stiffness, spasms, pain, sleep, doses and side effects in a few "
                "seconds a day. Before each clinic appointment, print a one-page summary for "
                "your neurologist.\n\nYour diary stays on this computer, readable only by you."
            )
        )
        buttons = QHBoxLayout()
        self.setup = QPushButton("&Set up my diary")
        self.setup.setAccessibleName("Set up my diary: add my name and medicines")
        self.setup.setDefault(True)
        self.example = QPushButton("E&xplore with example data")
        self.example.setAccessibleName("Explore the app with a made-up example person")
        for button in (self.setup, self.example):
            button.setMinimumHeight(64)
            buttons.addWidget(button)
        inner.addLayout(buttons)
        inner.addWidget(
            plain_label(
                "The example person is clearly marked, and File > Remove example data takes "
                "them away again in one step.",
                role="hint",
            )
        )
        layout.addWidget(box)
        self.setup.clicked.connect(self.setup_requested)
        self.example.clicked.connect(self.example_requested)
