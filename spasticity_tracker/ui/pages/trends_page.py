"""The Trends page: stiffness against dose over time, with dose changes, side effects and events.

The chart (render/chart.py) draws what presentation/trends_view.py works out; this page holds
the controls: the range, the overlays, the day cursor and its readout, and export.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QPushButton,
    QWidget,
)

from spasticity_tracker.domain.entities import PersonId
from spasticity_tracker.presentation.periods import TRENDS_PRESETS, Span, preset_range
from spasticity_tracker.presentation.trends_view import (
    LABELLED_CHANGES_UP_TO,
    OVERLAYS,
    TrendsView,
    left_out_text,
)
from spasticity_tracker.render.chart import TrendsChart
from spasticity_tracker.services.base import collector_paused
from spasticity_tracker.services.changes import DataChange
from spasticity_tracker.services.trends import TrendsService
from spasticity_tracker.ui.actions import Actions
from spasticity_tracker.ui.app_state import AppState
from spasticity_tracker.ui.dialogs.files import choose_new_file
from spasticity_tracker.ui.widgets.fields import (
    DateEdit,
    buddy_label,
    choice_box,
    enforce_targets,
    plain_label,
    to_qdate,
)
from spasticity_tracker.ui.widgets.page import LazyPage

RELOAD_ON = (
    DataChange.ENTRIES
    | DataChange.REGIMENS
    | DataChange.MEDICINES
    | DataChange.SIDE_EFFECTS
    | DataChange.EVENTS
    | DataChange.INJECTIONS
)
DEFAULT_PRESET = 1  # 3 months
MOUSE_RATE = 30  # readouts a second at most while the mouse moves over the chart


class TrendsPage(LazyPage):
    """The chart with its controls, a day cursor, a readout and a sentence about the range."""

    reload_on = RELOAD_ON

    def __init__(
        self,
        trends: TrendsService,
        state: AppState,
        user_actions: Actions,
        parent: QWidget | None = None,
    ):
        super().__init__("Trends", state, user_actions, parent)
        self._trends = trends
        self.view: TrendsView | None = None
        self._cursor_day: date | None = None
        self._preset_range: tuple[date, date] | None = None  # what the chosen preset shows

        layout = self.body
        # Two rows, so that the largest text fits a 1280-pixel screen: the range, then what
        # is drawn on it and the picture.
        controls = QHBoxLayout()
        shown = QHBoxLayout()
        self.preset = choice_box("Range of dates shown", ((p.label, None) for p in TRENDS_PRESETS))
        preset_label = buddy_label("Ran&ge", self.preset)
        self.first = DateEdit(name="First date shown")
        self.last = DateEdit(name="Last date shown")
        controls.addWidget(preset_label)
        controls.addWidget(self.preset)
        controls.addWidget(self.first)
        controls.addWidget(self.last)
        controls.addStretch(1)
        self.overlays: dict[str, QCheckBox] = {}
        for key, text, _name in OVERLAYS:
            box = QCheckBox(text)
            box.setAccessibleName(f"Show {text.lower()} on the stiffness chart")
            shown.addWidget(box)
            self.overlays[key] = box
        shown.addStretch(1)
        self.export_button = QPushButton("Save as p&icture…")
        self.export_button.setAccessibleName("Save the chart as a PNG picture for printing")
        shown.addWidget(self.export_button)
        layout.addLayout(controls)
        layout.addLayout(shown)

        self.chart = TrendsChart(fit_to_view=True)
        self.chart.setAccessibleName("Stiffness and dose chart")
        self.chart.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        layout.addWidget(self.chart, 1)
        self.readout = plain_label(role="hint")
        self.readout.setAccessibleName("Values on the chosen day")
        self.range_caption = plain_label()
        self.range_caption.setAccessibleName("Summary of the range shown")
        layout.addWidget(self.readout)
        layout.addWidget(self.range_caption)
        self.left_out_note = plain_label(role="hint")
        self.left_out_note.setAccessibleName("Parts of the chart not shown")
        self.left_out_note.hide()
        layout.addWidget(self.left_out_note)
        layout.addWidget(
            plain_label(
                "Side effects: circle mild, triangle moderate, square severe. Dashed lines: dose "
                "changes. Keys: Left and Right move a day, Shift with them moves the view, "
                "+ and - zoom, Home and End go to the first and last day.",
                role="hint",
            )
        )
        self.preset.setCurrentIndex(DEFAULT_PRESET)
        enforce_targets(self)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.preset.currentIndexChanged.connect(self._on_preset_changed)
        self.first.dateChanged.connect(self._on_dates_changed)
        self.last.dateChanged.connect(self._on_dates_changed)
        for key, box in self.overlays.items():
            box.toggled.connect(lambda shown, key=key: self.chart.set_overlay_visible(key, shown))
        self.export_button.clicked.connect(self._on_export_clicked)
        self.chart.lanes_left_out.connect(self._on_chart_lanes_left_out)
        self.chart.stiffness_plot.sigXRangeChanged.connect(self._on_view_changed)
        # The mouse reports every pixel it crosses: a readout at most MOUSE_RATE times a second.
        self._mouse = pg.SignalProxy(
            self.chart.scene().sigMouseMoved, rateLimit=MOUSE_RATE, slot=self._on_mouse_moved
        )
        self._state.person_changed.connect(lambda _person: self.reload_when_shown())

    def _on_chart_lanes_left_out(self, titles: list[str]) -> None:
        self.left_out_note.setText(left_out_text(titles))
        self.left_out_note.setVisible(bool(titles))

    # -- data ------------------------------------------------------------------------------

    def reload(self) -> None:
        super().reload()
        if self._state.person_id is not None:
            self.load(self._state.person_id)

    @collector_paused()
    def load(self, person_id: PersonId) -> None:
        """Fetch a person's series and show them (years of days: see collector_paused)."""
        self.view = view = TrendsView(self._trends.trend_data(person_id))
        self.chart.show_view(view)
        self._cursor_day = None
        self._apply_preset()
        self.set_cursor(view.last)

    # -- range -----------------------------------------------------------------------------

    def _on_preset_changed(self) -> None:
        self._apply_preset()

    def _on_dates_changed(self) -> None:
        if TRENDS_PRESETS[self.preset.currentIndex()].is_chosen:
            self.show_range(self.first.value(), self.last.value())

    def _apply_preset(self) -> None:
        view = self.view
        preset = TRENDS_PRESETS[self.preset.currentIndex()]
        self.first.setEnabled(preset.is_chosen)
        self.last.setEnabled(preset.is_chosen)
        if view is None:
            return
        shown = preset_range(
            preset, view.last, earliest=view.first, appointments=view.data.appointments
        )
        if shown is None:  # chosen dates: the person's own
            self.show_range(self.first.value(), self.last.value())
            return
        self._preset_range = shown
        self.show_range(*shown)

    def show_range(self, first: date, last: date) -> None:
        """Show the days from first to last."""
        self.chart.show_range(first, last)
        self._on_view_changed()  # also when the range was already this one

    def visible_days(self) -> tuple[date, date]:
        return self.chart.visible_days()

    def _on_view_changed(self) -> None:
        view = self.view
        if view is None:
            return
        first, last = self.visible_days()
        for edit, value in ((self.first, first), (self.last, last)):
            edit.blockSignals(True)
            edit.setDate(to_qdate(value))
            edit.blockSignals(False)
        self.chart.set_change_labels_visible((last - first).days + 1 <= LABELLED_CHANGES_UP_TO)
        preset = TRENDS_PRESETS[self.preset.currentIndex()]
        # A preset names its range (e.g. "3 months") until the view is zoomed or moved.
        named = preset.span is Span.DAYS and self._preset_range == (first, last)
        self.range_caption.setText(view.caption(preset.label if named else None, first, last))

    # -- cursor and keys -------------------------------------------------------------------

    def set_cursor(self, day: date) -> None:
        view = self.view
        if view is None:
            return
        day = min(max(day, view.first), view.last)
        if day == self._cursor_day:
            return  # the same day: nothing to redraw or read out again
        self._cursor_day = day
        self.chart.set_cursor(day)
        self.readout.setText(view.describe_day(day))
        first, last = self.visible_days()
        if not first <= day <= last:  # keep the cursor in view
            shift = (day - last).days if day > last else (day - first).days
            self.show_range(first + timedelta(days=shift), last + timedelta(days=shift))

    def describe_day(self, day: date) -> str:
        """Everything the chart shows for one day, in words."""
        assert self.view is not None
        return self.view.describe_day(day)

    def _on_mouse_moved(self, event: tuple[QPointF]) -> None:
        day = self.chart.day_at(event[0])
        if day is not None:
            self.set_cursor(day)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.view is None or self._cursor_day is None:
            super().keyPressEvent(event)
            return
        key = event.key()
        shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        first, last = self.visible_days()
        span = (last - first).days + 1
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            step = -1 if key == Qt.Key.Key_Left else 1
            if shift:
                move = timedelta(days=step * max(1, span // 5))
                self.show_range(first + move, last + move)
            else:
                self.set_cursor(self._cursor_day + timedelta(days=step))
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal, Qt.Key.Key_Minus, Qt.Key.Key_Underscore):
            zoom_in = key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal)
            half = max(3, span // 4) if zoom_in else span
            centre = self._cursor_day
            self.show_range(centre - timedelta(days=half), centre + timedelta(days=half))
        elif key == Qt.Key.Key_Home:
            self.set_cursor(self.view.first)
        elif key == Qt.Key.Key_End:
            self.set_cursor(self.view.last)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    # -- export ----------------------------------------------------------------------------

    def export_png(self, path: Path) -> None:
        """Save the chart as a PNG about 2000 px wide on white, for print."""
        self.chart.save_png(path)

    def _on_export_clicked(self) -> None:
        self.file_dialog = choose_new_file(
            self,
            "Save the chart as a picture",
            "spasticity-trends.png",
            "PNG pictures (*.png)",
            ".png",
            self.save_picture,
        )

    def save_picture(self, path: Path) -> None:
        """Write the chart's picture where the person chose, and say so."""
        try:
            self.export_png(path)
        except OSError as error:
            self.message.show_message(f"The picture could not be saved: {error}", error=True)
            return
        self.message.show_message(f"Chart saved as {path}.")
