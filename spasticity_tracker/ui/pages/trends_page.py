"""The Trends page: stiffness against dose over time, with dose changes, side effects and events.

The plot items are made once; a reload feeds them new arrays with setData, and choosing a range
only moves the view, so switching ranges does no data work.
"""

from __future__ import annotations

import itertools
import math
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pyqtgraph as pg
import pyqtgraph.exporters
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from spasticity_tracker.domain.dates import day_text
from spasticity_tracker.domain.entities import PersonId
from spasticity_tracker.domain.scales import SIDE_EFFECT_LABELS, EventKind, Route, Severity
from spasticity_tracker.domain.series import range_summary, toxin_window
from spasticity_tracker.services.changes import DataChange
from spasticity_tracker.services.trends import TrendData, TrendsService
from spasticity_tracker.ui.app_state import AppState
from spasticity_tracker.ui.widgets.fields import (
    DateEdit,
    buddy_label,
    choice_box,
    enforce_targets,
    heading,
    plain_label,
)
from spasticity_tracker.ui.widgets.lazy_page import LazyPage
from spasticity_tracker.ui.widgets.message_bar import MessageBar

DAY = 86400.0
RELOAD_ON = (
    DataChange.ENTRIES
    | DataChange.REGIMENS
    | DataChange.MEDICINES
    | DataChange.SIDE_EFFECTS
    | DataChange.EVENTS
    | DataChange.INJECTIONS
)
TOXIN_LANE = "Botulinum toxin"
NONE_RECORDED = "none"  # the lane label of an empty side-effects or events plot
PRESETS = (
    ("1 month", 30),
    ("3 months", 91),
    ("6 months", 182),
    ("1 year", 365),
    ("Since the last appointment", "appointment"),
    ("All", "all"),
    ("Chosen dates", "chosen"),
)
DEFAULT_PRESET = 1
LAST_ROW = 4
LABEL_POSITIONS = (0.92, 0.7, 0.48)
LABELLED_CHANGES_UP_TO = 400  # days in view; beyond that the change labels would overlap
ACCENT = "#1f5f8b"
SEVERITY_MARKS = {  # shape and size say the severity, not only the colour
    Severity.MILD: ("o", 8, "#8fb3cc"),
    Severity.MODERATE: ("t", 12, "#e0a21f"),
    Severity.SEVERE: ("s", 15, "#8b1f1f"),
}
EVENT_MARKS = {
    EventKind.FALL: "x",
    EventKind.PHYSIO: "d",
    EventKind.PUMP_REFILL: "p",
}


def x_of(day: date) -> float:
    """A day on the time axis: local noon, so that points sit in the middle of their day."""
    return datetime.combine(day, time(12)).timestamp()


def day_of(x: float) -> date:
    return datetime.fromtimestamp(x, UTC).astimezone().date()


def _nan(values: list[float | None]) -> list[float]:
    return [math.nan if v is None else v for v in values]


class DateAxis(pg.DateAxisItem):  # type: ignore[misc]  # pyqtgraph has no type hints
    """A date axis whose day numbers keep clear of the month names.

    pyqtgraph puts "30" and "Sep" side by side when a day tick falls just before the 1st;
    a day tick closer to a month tick than half the day spacing is left out.
    """

    def tickValues(
        self, lowest: float, highest: float, size: float
    ) -> list[tuple[float, list[float]]]:
        levels: list[tuple[float, list[float]]] = super().tickValues(lowest, highest, size)
        placed: list[float] = []
        kept = []
        for spacing, values in levels:
            step = min((b - a for a, b in itertools.pairwise(values)), default=0.0)
            clear = [v for v in values if all(abs(v - p) >= step / 2 for p in placed)]
            placed += clear
            kept.append((spacing, clear))
        return kept


class TrendsPage(LazyPage):
    """Stacked plots with linked date axes, a day cursor, a readout and a text summary."""

    def __init__(self, trends: TrendsService, state: AppState, parent: QWidget | None = None):
        super().__init__(parent)
        self._trends = trends
        self._state = state
        self.data: TrendData | None = None
        self._change_lines: list[tuple[pg.PlotItem, pg.InfiniteLine]] = []
        self.change_segments: dict[int, pg.PlotDataItem] = {}  # per plot, all changes
        self._cursor_day: date | None = None
        self._preset_range: tuple[date, date] | None = None  # what the chosen preset shows
        # No antialiasing on screen: it halves the time to redraw years of data. Pictures
        # saved for print are drawn antialiased (the exporter's default).
        pg.setConfigOptions(antialias=False, background="w", foreground="k")

        layout = QVBoxLayout(self)
        layout.addWidget(heading("Trends"))
        self.message = MessageBar()
        layout.addWidget(self.message)
        controls = QHBoxLayout()
        self.preset = choice_box("Range of dates shown", PRESETS)
        preset_label = buddy_label("Ran&ge", self.preset)
        self.first = DateEdit(name="First date shown")
        self.last = DateEdit(name="Last date shown")
        self.overlays: dict[str, QCheckBox] = {}
        controls.addWidget(preset_label)
        controls.addWidget(self.preset)
        controls.addWidget(self.first)
        controls.addWidget(self.last)
        for key, text in (("pain", "Pain"), ("sleep", "Sleep disruption"), ("spasms", "Spasms")):
            box = QCheckBox(text)
            box.setAccessibleName(f"Show {text.lower()} on the stiffness chart")
            controls.addWidget(box)
            self.overlays[key] = box
        controls.addStretch(1)
        self.export_button = QPushButton("Save as p&icture…")
        self.export_button.setAccessibleName("Save the chart as a PNG picture for printing")
        controls.addWidget(self.export_button)
        layout.addLayout(controls)

        self.chart = pg.GraphicsLayoutWidget()
        self.chart.setAccessibleName("Stiffness and dose chart")
        self.chart.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._build_plots()
        layout.addWidget(self.chart, 1)
        self.readout = plain_label(role="hint")
        self.readout.setAccessibleName("Values on the chosen day")
        self.range_caption = plain_label()
        self.range_caption.setAccessibleName("Summary of the range shown")
        layout.addWidget(self.readout)
        layout.addWidget(self.range_caption)
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

    # -- building --------------------------------------------------------------------------

    def _plot(self, row: int, title: str, height: int) -> pg.PlotItem:
        plot = self.chart.addPlot(row=row, col=0, axisItems={"bottom": DateAxis()})
        plot.setLabel("left", title)
        # Lanes and scores are plain numbers: a scale such as "(x0.001)" only confuses.
        plot.getAxis("left").enableAutoSIPrefix(False)
        plot.setMenuEnabled(False)
        plot.showGrid(x=False, y=True, alpha=0.15)
        plot.getAxis("left").setWidth(150)
        plot.setMinimumHeight(height)
        plot.setMouseEnabled(x=True, y=False)
        if row:
            plot.setXLink(self.stiffness_plot)
        if row < LAST_ROW:  # one date axis, under the last plot, is enough
            plot.getAxis("bottom").setStyle(showValues=False)
        return plot

    def _build_plots(self) -> None:
        self.stiffness_plot = self._plot(0, "Stiffness (0-10)", 150)
        plot = self.stiffness_plot
        for low, high, colour in ((0, 4, "#e8f3e8"), (4, 7, "#fdf3dc"), (7, 10, "#f8e1e1")):
            band = pg.LinearRegionItem(
                values=(low, high),
                orientation="horizontal",
                movable=False,
                brush=pg.mkBrush(colour),
                pen=pg.mkPen(None),
            )
            band.setZValue(-20)
            plot.addItem(band, ignoreBounds=True)
        plot.getAxis("left").setTicks(
            [
                [
                    (0, "0"),
                    (2, "mild"),
                    (4, "4"),
                    (5.5, "moderate"),
                    (7, "7"),
                    (8.5, "severe"),
                    (10, "10"),
                ]
            ]
        )
        plot.setYRange(0, 10.3, padding=0)
        # Draw only what is in view, and thin out years of points: keeps range changes quick.
        # (Only here: clipping would break the paired segments of the event bars.)
        plot.setClipToView(True)
        plot.setDownsampling(auto=True, mode="peak")
        self.legend = plot.addLegend(offset=(-10, 5), colCount=2)
        self.legend.setBrush(pg.mkBrush(255, 255, 255, 220))
        self.daily_points = plot.plot(
            [],
            [],
            pen=None,
            symbol="o",
            symbolSize=6,
            symbolBrush="#777777",
            symbolPen=None,
            name="daily stiffness",
        )
        self.rolling_line = plot.plot(
            [], [], pen=pg.mkPen(ACCENT, width=3), connect="finite", name="7-day mean"
        )
        self.overlay_lines = {
            "pain": plot.plot(
                [],
                [],
                pen=pg.mkPen("#c0561f", width=2, style=Qt.PenStyle.DashLine),
                connect="finite",
                name="pain",
            ),
            "sleep": plot.plot(
                [],
                [],
                pen=pg.mkPen("#6a3d9a", width=2, style=Qt.PenStyle.DotLine),
                connect="finite",
                name="sleep disruption",
            ),
            "spasms": plot.plot(
                [],
                [],
                pen=pg.mkPen("#2a7f3f", width=2, style=Qt.PenStyle.DashDotLine),
                connect="finite",
                name="spasm frequency (0-4)",
            ),
        }
        for line in self.overlay_lines.values():
            line.setVisible(False)
            self.legend.removeItem(line)  # listed only while shown

        self.dose_plot = self._plot(1, "Daily dose (mg)", 90)
        self.dose_plot.addLegend(offset=(10, -5))  # bottom left, clear of the change labels
        self.pump_plot = self._plot(2, "Pump (mcg/day)", 80)
        self.effects_plot = self._plot(3, "Side effects", 60)
        # One scatter per severity, each with its own shape, size and colour: fast to draw.
        self.effect_marks = {}
        for severity, (symbol, size, colour) in SEVERITY_MARKS.items():
            marks = pg.ScatterPlotItem(
                symbol=symbol, size=size, brush=pg.mkBrush(colour), pen=pg.mkPen("#333333")
            )
            self.effects_plot.addItem(marks)
            self.effect_marks[severity] = marks
        self.events_plot = self._plot(4, "Events", 60)
        self.event_bars = self.events_plot.plot(
            [], [], pen=pg.mkPen("#999999", width=10), connect="pairs"
        )
        self.event_marks = pg.ScatterPlotItem()
        self.events_plot.addItem(self.event_marks)
        # A botulinum toxin injection: a star on its day, and a lighter bar over the weeks
        # its effect is expected (about day 4 to 4 months).
        self.toxin_windows = self.events_plot.plot(
            [], [], pen=pg.mkPen("#c9b3e6", width=6), connect="pairs"
        )
        self.dose_lines: dict[int, pg.PlotDataItem] = {}
        self.plots = [
            self.stiffness_plot,
            self.dose_plot,
            self.pump_plot,
            self.effects_plot,
            self.events_plot,
        ]
        self.cursor_lines = []
        for each in self.plots:
            line = pg.InfiniteLine(angle=90, movable=False, pen=pg.mkPen("#e07a1f", width=2))
            line.setVisible(False)
            each.addItem(line, ignoreBounds=True)
            self.cursor_lines.append(line)

    def _connect_signals(self) -> None:
        self.preset.currentIndexChanged.connect(self._on_preset_changed)
        self.first.dateChanged.connect(self._on_dates_changed)
        self.last.dateChanged.connect(self._on_dates_changed)
        for key, box in self.overlays.items():
            box.toggled.connect(lambda shown, key=key: self._on_overlay_toggled(key, shown))
        self.export_button.clicked.connect(self._on_export_clicked)
        self.stiffness_plot.sigXRangeChanged.connect(self._on_view_changed)
        self.chart.scene().sigMouseMoved.connect(self._on_mouse_moved)
        self._state.person_changed.connect(lambda _person: self.reload_when_shown())
        self._state.data_changed.connect(self._on_state_data_changed)

    def _on_overlay_toggled(self, key: str, shown: bool) -> None:
        line = self.overlay_lines[key]
        line.setVisible(shown)
        if shown:
            self.legend.addItem(line, line.name())
        else:
            self.legend.removeItem(line)

    def _on_state_data_changed(self, change: DataChange) -> None:
        if change & RELOAD_ON:
            self.reload_when_shown()

    # -- data ------------------------------------------------------------------------------

    def reload(self) -> None:
        super().reload()
        if self._state.person_id is not None:
            self.load(self._state.person_id)

    def load(self, person_id: PersonId) -> None:
        """Fetch a person's series and feed every plot item."""
        self.data = data = self._trends.trend_data(person_id)
        xs = [x_of(day) for day in data.days]
        present = [(x, v) for x, v in zip(xs, data.stiffness, strict=True) if v is not None]
        self.daily_points.setData([x for x, _ in present], [v for _, v in present])
        self.rolling_line.setData(xs, _nan(data.rolling))
        for key, values in (("pain", data.pain), ("sleep", data.sleep), ("spasms", data.spasms)):
            self.overlay_lines[key].setData(xs, _nan(values))
        self._set_doses(data)
        self._set_side_effects(data)
        self._set_events(data)
        self._set_change_lines(data)
        for each in self.plots:
            each.setLimits(xMin=x_of(data.first) - 3 * DAY, xMax=x_of(data.last) + 3 * DAY)
        self._apply_preset()
        self.set_cursor(data.last)

    def _set_doses(self, data: TrendData) -> None:
        palette = [ACCENT, "#c0561f", "#2a7f3f", "#6a3d9a", "#8b1f1f"]
        highest = {False: 0.0, True: 0.0}
        seen = set()
        for index, medicine in enumerate(data.medicines):
            assert medicine.id is not None
            pump = medicine.route is Route.INTRATHECAL
            plot = self.pump_plot if pump else self.dose_plot
            line = self.dose_lines.get(medicine.id)
            if line is None:
                pen = pg.mkPen(palette[index % len(palette)], width=3)
                line = plot.plot([], [], pen=pen, connect="finite", name=medicine.name)
                self.dose_lines[medicine.id] = line
            xs: list[float] = []
            ys: list[float] = []
            for step in data.steps.get(medicine.id, []):
                if xs and xs[-1] != x_of(step.start) - DAY / 2:
                    xs.append(math.nan)  # a gap with no regimen
                    ys.append(math.nan)
                xs += [x_of(step.start) - DAY / 2, x_of(step.end) + DAY / 2]
                ys += [step.total, step.total]
                highest[pump] = max(highest[pump], step.total)
            line.setData(xs, ys)
            seen.add(medicine.id)
        # Lines of medicines not in this diary (another person's) go, legend entries too.
        for medicine_id in [m for m in self.dose_lines if m not in seen]:
            line = self.dose_lines.pop(medicine_id)
            for plot in (self.dose_plot, self.pump_plot):
                if line in plot.listDataItems():
                    plot.removeItem(line)
        self.dose_plot.setYRange(0, max(highest[False], 10) * 1.15, padding=0)
        self.pump_plot.setYRange(0, max(highest[True], 100) * 1.15, padding=0)
        has_pump = any(m.route is Route.INTRATHECAL for m in data.medicines)
        self.pump_plot.setVisible(has_pump)
        # A hidden plot still keeps its row's height in the layout unless it is let go.
        self.pump_plot.setMaximumHeight(100000 if has_pump else 0)
        self.pump_plot.setMinimumHeight(80 if has_pump else 0)

    def _set_side_effects(self, data: TrendData) -> None:
        lanes = list(data.side_effects)
        points: dict[Severity, tuple[list[float], list[float]]] = {s: ([], []) for s in Severity}
        for lane, effect in enumerate(lanes):
            for day, severity in data.side_effects[effect]:
                xs, ys = points[severity]
                xs.append(x_of(day))
                ys.append(lane)
        for severity, (xs, ys) in points.items():
            self.effect_marks[severity].setData(xs, ys)
        ticks = [
            (lane, SIDE_EFFECT_LABELS.get(effect, effect)) for lane, effect in enumerate(lanes)
        ] or [(0, NONE_RECORDED)]
        self.effects_plot.getAxis("left").setTicks([ticks])
        self.effects_plot.setYRange(-0.7, max(len(lanes), 1) - 0.3, padding=0)
        self.effects_plot.setMinimumHeight(40 + 14 * max(len(lanes), 1))

    def _set_events(self, data: TrendData) -> None:
        kinds = sorted({span.kind for span in data.events}, key=lambda k: list(EventKind).index(k))
        names = [kind.label for kind in kinds] + ([TOXIN_LANE] if data.injections else [])
        lane = {kind: index for index, kind in enumerate(kinds)}
        bar_x: list[float] = []
        bar_y: list[float] = []
        spots = []
        for span in data.events:
            y = lane[span.kind]
            if span.is_span:
                bar_x += [x_of(span.start) - DAY / 2, x_of(span.end) + DAY / 2]
                bar_y += [y, y]
            else:
                spots.append(self._spot(span.start, y, EVENT_MARKS.get(span.kind, "o")))
        window_x: list[float] = []
        window_y: list[float] = []
        for injection in data.injections:
            y = len(kinds)
            start, end = toxin_window(injection.day)
            window_x += [x_of(start) - DAY / 2, x_of(end) + DAY / 2]
            window_y += [y, y]
            spots.append(self._spot(injection.day, y, "star", size=16))
        self.event_bars.setData(bar_x, bar_y)
        self.toxin_windows.setData(window_x, window_y)
        self.event_marks.setData(spots)
        ticks = list(enumerate(names)) or [(0, NONE_RECORDED)]
        self.events_plot.getAxis("left").setTicks([ticks])
        self.events_plot.setYRange(-0.7, max(len(names), 1) - 0.3, padding=0)
        self.events_plot.setMinimumHeight(50 + 14 * max(len(names), 1))

    @staticmethod
    def _spot(day: date, y: float, symbol: str, size: int = 12) -> dict[str, object]:
        return {
            "pos": (x_of(day), y),
            "symbol": symbol,
            "size": size,
            "brush": pg.mkBrush("#555555"),
            "pen": pg.mkPen("#222222"),
        }

    def _set_change_lines(self, data: TrendData) -> None:
        # The dose plot gets a labelled line per change; the other plots one item each that
        # draws every change as a dashed segment: a few items instead of one per change per
        # plot keeps redrawing years of changes quick.
        for plot, old in self._change_lines:
            plot.removeItem(old)
        self._change_lines = []
        pen = pg.mkPen("#444444", width=1.5, style=Qt.PenStyle.DashLine)
        for index, mark in enumerate(data.marks):
            # Stagger the labels, so that changes a few days apart do not print over each other.
            position = LABEL_POSITIONS[index % len(LABEL_POSITIONS)]
            line = pg.InfiniteLine(
                pos=x_of(mark.day) - DAY / 2,
                angle=90,
                movable=False,
                pen=pen,
                label=mark.label,
                labelOpts={"position": position, "color": "#222222", "fill": "#ffffffcc"},
            )
            self.dose_plot.addItem(line, ignoreBounds=True)
            self._change_lines.append((self.dose_plot, line))
        xs = [x for mark in data.marks for x in (x_of(mark.day) - DAY / 2,) * 2]
        for plot in self.plots:
            if plot is self.dose_plot:
                continue
            segments = self.change_segments.get(id(plot))
            if segments is None:
                segments = pg.PlotDataItem([], [], pen=pen, connect="pairs")
                plot.addItem(segments, ignoreBounds=True)
                segments.setClipToView(False)  # clipping would break the pairs
                segments.setDownsampling(ds=1, auto=False)
                self.change_segments[id(plot)] = segments
            # Exactly the plot's height: a dashed pen over a far longer line costs much more.
            low, high = plot.viewRange()[1]
            segments.setData(xs, [low, high] * len(data.marks))

    @property
    def change_days(self) -> list[date]:
        """The days the dose-change lines mark."""
        return sorted({day_of(line.value() + DAY / 2) for _, line in self._change_lines})

    # -- range -----------------------------------------------------------------------------

    def _on_preset_changed(self) -> None:
        self._apply_preset()

    def _on_dates_changed(self) -> None:
        if PRESETS[self.preset.currentIndex()][1] == "chosen":
            self._show(self.first.value(), self.last.value())

    def _apply_preset(self) -> None:
        data = self.data
        chosen = PRESETS[self.preset.currentIndex()][1] == "chosen"
        self.first.setEnabled(chosen)
        self.last.setEnabled(chosen)
        if data is None or chosen:
            if data is not None:
                self._show(self.first.value(), self.last.value())
            return
        kind = PRESETS[self.preset.currentIndex()][1]
        if kind == "all":
            first = data.first
        elif kind == "appointment":
            past = [day for day in data.appointments if day < data.last]
            first = past[-1] if past else data.last - timedelta(days=90)
        else:
            assert isinstance(kind, int)
            first = data.last - timedelta(days=kind - 1)
        self._preset_range = (first, data.last)
        self._show(first, data.last)

    def set_cursor_visible(self, visible: bool) -> None:
        for line in self.cursor_lines:
            line.setVisible(visible)

    def show_range(self, first: date, last: date) -> None:
        """Show the days from first to last."""
        self._show(first, last)

    def _show(self, first: date, last: date) -> None:
        if last < first:
            first, last = last, first
        self.stiffness_plot.setXRange(x_of(first) - DAY / 2, x_of(last) + DAY / 2, padding=0)
        self._on_view_changed()  # also when the range was already this one

    def visible_days(self) -> tuple[date, date]:
        (left, right), _ = self.stiffness_plot.viewRange()
        return day_of(left + DAY / 2), day_of(right - DAY / 2)

    def _on_view_changed(self) -> None:
        data = self.data
        if data is None:
            return
        first, last = self.visible_days()
        for edit, value in ((self.first, first), (self.last, last)):
            edit.blockSignals(True)
            edit.setDate(edit.date().fromString(value.isoformat(), Qt.DateFormat.ISODate))
            edit.blockSignals(False)
        span = (last - first).days + 1
        for _, line in self._change_lines:
            if getattr(line, "label", None) is not None:
                line.label.setVisible(span <= LABELLED_CHANGES_UP_TO)
        lo = max(0, (first - data.first).days)
        hi = min(len(data.days), (last - data.first).days + 1)
        changes = sum(1 for mark in data.marks if first <= mark.day <= last)
        label = PRESETS[self.preset.currentIndex()][0]
        named = isinstance(PRESETS[self.preset.currentIndex()][1], int)
        if not named or self._preset_range != (first, last):  # zoomed or moved since
            label = f"{first.day} {first:%b %Y} to {last.day} {last:%b %Y}"
        self.range_caption.setText(range_summary(label, data.stiffness[lo:hi], changes))

    # -- cursor and keys -------------------------------------------------------------------

    def set_cursor(self, day: date) -> None:
        data = self.data
        if data is None:
            return
        day = min(max(day, data.first), data.last)
        self._cursor_day = day
        for line in self.cursor_lines:
            line.setValue(x_of(day))
            line.setVisible(True)
        self.readout.setText(self.describe_day(day))
        first, last = self.visible_days()
        if not first <= day <= last:  # keep the cursor in view
            shift = (day - last).days if day > last else (day - first).days
            self._show(first + timedelta(days=shift), last + timedelta(days=shift))

    def describe_day(self, day: date) -> str:
        """Everything the chart shows for one day, in words."""
        data = self.data
        assert data is not None
        index = (day - data.first).days
        parts = [f"{day:%a} {day.day} {day:%b %Y}"]
        score = data.stiffness[index]
        mean = data.rolling[index]
        parts.append("no stiffness score" if score is None else f"stiffness {score:.3g}")
        if mean is not None:
            parts.append(f"7-day mean {mean:.1f}")
        for key, name in (("pain", "pain"), ("sleep", "sleep disruption"), ("spasms", "spasms")):
            value = getattr(data, key)[index]
            if value is not None:
                parts.append(f"{name} {value:.3g}")
        for medicine in data.medicines:
            assert medicine.id is not None
            for step in data.steps.get(medicine.id, []):
                if step.start <= day <= step.end:
                    unit = medicine.dose_unit.value
                    per_day = unit if unit.endswith("/day") else f"{unit}/day"
                    parts.append(f"{medicine.name} {step.total:g} {per_day}")
        effects = [
            f"{SIDE_EFFECT_LABELS.get(effect, effect).lower()} ({severity.label.lower()})"
            for effect, days in data.side_effects.items()
            for when, severity in days
            if when == day
        ]
        if effects:
            parts.append("side effects: " + ", ".join(effects))
        happening = [s.kind.label.lower() for s in data.events if s.start <= day <= s.end]
        for injection in data.injections:
            start, end = toxin_window(injection.day)
            if injection.day == day:
                happening.append(f"botulinum toxin injection ({injection.product.label})")
            elif start <= day <= end:
                week = (day - injection.day).days // 7 + 1
                happening.append(
                    f"expected effect of the botulinum toxin injection of "
                    f"{day_text(injection.day)} (week {week})"
                )
        if happening:
            parts.append("events: " + ", ".join(happening))
        return "; ".join(parts)

    def _on_mouse_moved(self, position: QPointF) -> None:
        if self.data is None:
            return
        for each in self.plots:
            if each.isVisible() and each.sceneBoundingRect().contains(position):
                x = each.vb.mapSceneToView(position).x()
                self.set_cursor(day_of(x))
                return

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.data is None or self._cursor_day is None:
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
                self._show(first + move, last + move)
            else:
                self.set_cursor(self._cursor_day + timedelta(days=step))
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal, Qt.Key.Key_Minus, Qt.Key.Key_Underscore):
            zoom_in = key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal)
            half = max(3, span // 4) if zoom_in else span
            centre = self._cursor_day
            self._show(centre - timedelta(days=half), centre + timedelta(days=half))
        elif key == Qt.Key.Key_Home:
            self.set_cursor(self.data.first)
        elif key == Qt.Key.Key_End:
            self.set_cursor(self.data.last)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    # -- export ----------------------------------------------------------------------------

    def export_png(self, path: Path) -> None:
        """Save the chart as a PNG about 2000 px wide on white, for print."""
        exporter = pyqtgraph.exporters.ImageExporter(self.chart.ci)
        exporter.parameters()["width"] = 2000
        exporter.parameters()["background"] = pg.mkColor("w")
        exporter.export(str(path))

    def _on_export_clicked(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, "Save the chart as a picture", "spasticity-trends.png", "PNG pictures (*.png)"
        )
        if not name:
            return
        path = Path(name).with_suffix(".png")
        try:
            self.export_png(path)
        except OSError as error:
            self.message.show_message(f"The picture could not be saved: {error}", error=True)
            return
        self.message.show_message(f"Chart saved as {path}.")
