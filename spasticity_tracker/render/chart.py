"""The trends chart: stiffness, doses, side effects and events on linked date axes.

The plot items are made once; showing a person's data feeds them ready series (from
presentation/trends_view.py) with setData, and choosing a range only moves the view. The
same chart is drawn on the Trends page and, offscreen, on the clinic summary.
"""

from __future__ import annotations

import html
import itertools
from collections.abc import Callable
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import Any

import pyqtgraph as pg
import pyqtgraph.exporters
from pyqtgraph.graphicsItems.DateAxisItem import (
    adjustTimestampToPreferredUtcOffset,
    utcfromtimestamp,
)
from PySide6.QtCore import QPointF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFontMetrics, QImage, QResizeEvent
from PySide6.QtWidgets import QGraphicsItem

from spasticity_tracker.domain.dates import MONTHS, WEEKDAYS
from spasticity_tracker.domain.scales import EventKind, Severity
from spasticity_tracker.presentation.trends_view import (
    DAY,
    NONE_RECORDED,
    OVERLAYS,
    TrendsView,
    day_of,
    x_of,
)

LAST_ROW = 4
STIFFNESS_TICKS = [
    (0, "0"),
    (2, "mild"),
    (4, "4"),
    (5.5, "moderate"),
    (7, "7"),
    (8.5, "severe"),
    (10, "10"),
]
BAND_TICKS = [(2, "mild"), (5.5, "moderate"), (8.5, "severe")]  # a short plot: the bands only
LABEL_POSITIONS = (0.92, 0.7, 0.48)
ACCENT = "#1f5f8b"
DOSE_COLOURS = (ACCENT, "#c0561f", "#2a7f3f", "#6a3d9a", "#8b1f1f")
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
TOXIN_MARK = "star"
DAILY_DOT_SIZE = 6  # pixels across
DAILY_DOT_COLOUR = "#777777"
OVERLAY_PENS = {
    "pain": ("#c0561f", Qt.PenStyle.DashLine),
    "sleep": ("#6a3d9a", Qt.PenStyle.DotLine),
    "spasms": ("#2a7f3f", Qt.PenStyle.DashDotLine),
}
EXPORT_WIDTH = 2000  # pixels: enough for print
# pyqtgraph names months and weekdays with strftime, in the process locale ("Mär" under a
# German system, in an English chart): the formats with words are written here instead.
TICK_WORDS: dict[str, Callable[[datetime], str]] = {
    "%b": lambda moment: MONTHS[moment.month - 1],
    "%a %d": lambda moment: f"{WEEKDAYS[moment.weekday()]} {moment.day:02d}",
}


class DateAxis(pg.DateAxisItem):  # type: ignore[misc]  # pyqtgraph has no type hints
    """A date axis in English whose day numbers keep clear of the month names.

    pyqtgraph puts "30" and "Sep" side by side when a day tick falls just before the 1st;
    a day tick closer to a month tick than half the day spacing is left out.
    """

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        spec = next((s for s in self.zoomLevel.tickSpecs if s.spacing == spacing), None)
        words = TICK_WORDS.get(spec.format) if spec is not None else None
        if words is None:  # numbers only: pyqtgraph's own strings
            strings: list[str] = super().tickStrings(values, scale, spacing)
            return strings
        moments = (
            utcfromtimestamp(adjustTimestampToPreferredUtcOffset(v, self.utcOffset)) for v in values
        )
        return [words(moment) for moment in moments]

    # The plots' date axes are linked: all ask for the same ticks at each redraw. The last
    # answer is kept (the same range, width, zone and font), with the zoom level it chose.
    _last: tuple[tuple[object, ...], Any, float, list[tuple[float, list[float]]]] | None = None

    def tickValues(
        self, lowest: float, highest: float, size: float
    ) -> list[tuple[float, list[float]]]:
        metrics = getattr(self, "fontMetrics", None)
        font = None if metrics is None else (metrics.height(), metrics.averageCharWidth())
        key = (lowest, highest, size, self.utcOffset, font)
        last = DateAxis._last
        if last is not None and last[0] == key:
            _, self.zoomLevel, self.minSpacing, kept = last
            return kept
        kept = self._clear_ticks(lowest, highest, size)
        DateAxis._last = (key, self.zoomLevel, self.minSpacing, kept)
        return kept

    def _clear_ticks(
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


def keep_drawn(item: QGraphicsItem) -> None:
    """An item and its children drawn from pixmaps of themselves, made again when they change.

    For what a range switch leaves as it is on screen: the left axes with their titles, and
    the legends. Without it, every switch drew their text again, about a quarter of its time
    (10 years, a median of 36 ms a switch against 28 ms, side by side in one process). The
    chart for print is drawn without: its pictures are made at their own resolution.
    """
    item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
    for child in item.childItems():
        keep_drawn(child)


class TrendsChart(pg.GraphicsLayoutWidget):  # type: ignore[misc]  # pyqtgraph has no hints
    """Stacked plots with linked date axes and a day cursor.

    On screen (fit_to_view), the lanes shrink to the chart's height and, where even their
    smallest does not fit, the last ones (events, then side effects, then the pump) are left
    out, so that the dates under the last plot are always in view. A picture for print keeps
    every lane at the height it asks for.
    """

    lanes_left_out = Signal(list)  # the titles of the plots left out for want of height

    def __init__(self, *, fit_to_view: bool = False) -> None:
        # Before the widget is made: it takes its colours from these options. No
        # antialiasing on screen: it halves the time to redraw years of data. Pictures saved
        # for print are drawn antialiased (the exporter's default).
        pg.setConfigOptions(antialias=False, background="w", foreground="k")
        super().__init__()
        self.fit_to_view = fit_to_view
        self._wanted: dict[pg.PlotItem, int] = {}  # the height each plot asks for
        self._lanes: dict[pg.PlotItem, int] = {}  # the lanes of side effects and events
        self._titles: dict[pg.PlotItem, str] = {}
        self.left_out: list[str] = []
        self.view: TrendsView | None = None
        self._marks: list[tuple[float, str]] = []  # each dose change: where, and its label
        self._change_lines: dict[int, pg.InfiniteLine] = {}  # by mark: the labels made so far
        self._labels_wanted = True
        self._label_timer = QTimer(self, singleShot=True, interval=0)
        self._label_timer.timeout.connect(self._place_labels)
        self.change_segments: dict[int, pg.PlotDataItem] = {}  # per plot, all changes
        self.dose_lines: dict[int, pg.PlotDataItem] = {}
        self._build_plots()

    # -- building --------------------------------------------------------------------------

    def _plot(self, row: int, title: str, height: int) -> pg.PlotItem:
        # No context menus (enableMenu): none is offered, and each is a form of widgets to make.
        plot = self.addPlot(row=row, col=0, axisItems={"bottom": DateAxis()}, enableMenu=False)
        plot.setLabel("left", title)
        self._titles[plot] = title
        # Lanes and scores are plain numbers: a scale such as "(x0.001)" only confuses. And
        # an axis with a scale sets its title's text again at each change of range, the
        # hidden ones too (about 250 times in the making of a printed chart).
        for side in ("left", "bottom", "top", "right"):
            plot.getAxis(side).enableAutoSIPrefix(False)
        plot.setMenuEnabled(False)
        plot.showGrid(x=False, y=True, alpha=0.15)
        plot.getAxis("left").setWidth(150)
        if self.fit_to_view:
            keep_drawn(plot.getAxis("left"))  # with its title
        self._wanted[plot] = height
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
        plot.getAxis("left").setTicks([STIFFNESS_TICKS])
        plot.setYRange(0, 10.3, padding=0)
        # For print, drawn once over one range: only what is in view. On screen, neither
        # clipped to the view nor thinned out: pyqtgraph would make its points and lines
        # again at every change of range, which costs more than drawing years of them (10
        # years, in one process: a switch 38.6 against 36.9 ms, to All 47.8 against 43.8).
        # Thinning would start only at ten days a pixel: some 30 years of diary.
        # (Only here: clipping would break the paired segments of the event bars.)
        if not self.fit_to_view:
            plot.setClipToView(True)
            plot.setDownsampling(auto=True, mode="peak")
        self.legend = plot.addLegend(offset=(-10, 5), colCount=2)
        self.legend.setBrush(pg.mkBrush(255, 255, 255, 220))
        self.daily_points = plot.plot(
            [],
            [],
            pen=None,
            symbol="o",
            symbolSize=DAILY_DOT_SIZE,
            symbolBrush=DAILY_DOT_COLOUR,
            symbolPen=None,
            name="daily stiffness",
        )
        self.rolling_line = plot.plot(
            [], [], pen=pg.mkPen(ACCENT, width=3), connect="finite", name="7-day mean"
        )
        self.overlay_lines = {}
        for key, _text, name in OVERLAYS:
            colour, style = OVERLAY_PENS[key]
            line = plot.plot(
                [], [], pen=pg.mkPen(colour, width=2, style=style), connect="finite", name=name
            )
            line.setVisible(False)
            self.legend.removeItem(line)  # listed only while shown
            self.overlay_lines[key] = line

        self.dose_plot = self._plot(1, "Daily dose (mg)", 90)
        self.dose_plot.sigXRangeChanged.connect(lambda *_: self._show_labels_in_view())
        self.dose_plot.vb.sigResized.connect(lambda *_: self._show_labels_in_view())
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
        # A botulinum toxin injection: a star on its day, and a lighter bar over the weeks
        # its effect is expected (about day 4 to 4 months).
        self.toxin_windows = self.events_plot.plot(
            [], [], pen=pg.mkPen("#c9b3e6", width=6), connect="pairs"
        )
        self.event_marks = pg.ScatterPlotItem(brush=pg.mkBrush("#555555"), pen=pg.mkPen("#222222"))
        self.events_plot.addItem(self.event_marks)
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

    # -- data ------------------------------------------------------------------------------

    def show_view(self, view: TrendsView) -> None:
        """Feed every plot item a person's series."""
        self.view = view
        self.daily_points.setData(*view.daily_points)
        self.rolling_line.setData(view.xs, view.rolling)
        for key, line in self.overlay_lines.items():
            line.setData(view.xs, view.overlay(key))
        self._set_doses(view)
        self._set_side_effects(view)
        self._set_events(view)
        self._set_change_lines(view)
        for each in self.plots:
            each.setLimits(xMin=x_of(view.first) - 3 * DAY, xMax=x_of(view.last) + 3 * DAY)
        self._keep_legends_drawn()

    def _set_doses(self, view: TrendsView) -> None:
        seen = set()
        for index, line in enumerate(view.dose_lines):
            plot = self.pump_plot if line.pump else self.dose_plot
            item = self.dose_lines.get(line.medicine_id)
            if item is None:
                pen = pg.mkPen(DOSE_COLOURS[index % len(DOSE_COLOURS)], width=3)
                # A legend draws its names as HTML: a name is text, never markup.
                name = html.escape(line.name)
                item = plot.plot([], [], pen=pen, connect="finite", name=name)
                self.dose_lines[line.medicine_id] = item
            item.setData(line.xs, line.ys)
            seen.add(line.medicine_id)
        # Lines of medicines not in this diary (another person's) go, legend entries too.
        for medicine_id in [m for m in self.dose_lines if m not in seen]:
            item = self.dose_lines.pop(medicine_id)
            for plot in (self.dose_plot, self.pump_plot):
                if item in plot.listDataItems():
                    plot.removeItem(item)
        self.dose_plot.setYRange(0, max(view.highest_dose(False), 10) * 1.15, padding=0)
        self.pump_plot.setYRange(0, max(view.highest_dose(True), 100) * 1.15, padding=0)
        self._want(self.pump_plot, 80 if view.has_pump else 0)

    def _set_side_effects(self, view: TrendsView) -> None:
        for severity, (xs, ys) in view.effect_points.items():
            self.effect_marks[severity].setData(xs, ys)
        lanes = view.effect_lanes
        ticks = list(enumerate(lanes)) or [(0, NONE_RECORDED)]
        self.effects_plot.getAxis("left").setTicks([ticks])
        self.effects_plot.setYRange(-0.7, max(len(lanes), 1) - 0.3, padding=0)
        self._lanes[self.effects_plot] = max(len(lanes), 1)
        self._want(self.effects_plot, 40 + self._lane_height() * max(len(lanes), 1))

    def _set_events(self, view: TrendsView) -> None:
        self.event_bars.setData(*view.event_bars)
        self.toxin_windows.setData(*view.toxin_windows)
        # Columns, with the item's one brush and pen: a dict of its own for each mark, with
        # a pen and brush made for it, took about 20 ms for 10 years of events.
        marks = view.event_marks
        self.event_marks.setData(
            x=[mark.x for mark in marks],
            y=[mark.lane for mark in marks],
            symbol=[
                TOXIN_MARK if mark.kind is None else EVENT_MARKS.get(mark.kind, "o")
                for mark in marks
            ],
            size=[16 if mark.kind is None else 12 for mark in marks],
        )
        lanes = view.event_lanes
        ticks = list(enumerate(lanes)) or [(0, NONE_RECORDED)]
        self.events_plot.getAxis("left").setTicks([ticks])
        self.events_plot.setYRange(-0.7, max(len(lanes), 1) - 0.3, padding=0)
        self._lanes[self.events_plot] = max(len(lanes), 1)
        self._want(self.events_plot, 50 + self._lane_height() * max(len(lanes), 1))

    def _set_change_lines(self, view: TrendsView) -> None:
        # Each plot gets one item that draws every change as a dashed segment: a few items
        # instead of one per change per plot keeps drawing years of changes quick. The dose
        # plot's labels are made only when first shown (years of changes, few in view).
        for old in self._change_lines.values():
            self.dose_plot.removeItem(old)
        self._change_lines = {}
        self._marks = list(view.change_marks)
        self._show_labels_in_view()
        pen = pg.mkPen("#444444", width=1.5, style=Qt.PenStyle.DashLine)
        for plot in self.plots:
            segments = self.change_segments.get(id(plot))
            if segments is None:
                segments = pg.PlotDataItem([], [], pen=pen, connect="pairs")
                plot.addItem(segments, ignoreBounds=True)
                segments.setClipToView(False)  # clipping would break the pairs
                segments.setDownsampling(ds=1, auto=False)
                self.change_segments[id(plot)] = segments
                plot.sigYRangeChanged.connect(partial(self._fit_change_segments, plot))
            self._fit_change_segments(plot)

    def _fit_change_segments(self, plot: pg.PlotItem, *_: object) -> None:
        """Each change's segment exactly the plot's height (a dashed pen over a far longer
        line costs much more), again whenever its height in values changes."""
        low, high = plot.viewRange()[1]
        xs = [x for x, _ in self._marks for x in (x, x)]
        self.change_segments[id(plot)].setData(xs, [low, high] * len(self._marks))

    def _change_label(self, index: int) -> pg.InfiniteLine:
        """The line (drawn by the dose plot's segments, so with no pen of its own) that
        carries a change's label, made the first time the label is shown."""
        line = self._change_lines.get(index)
        if line is None:
            x, label = self._marks[index]
            # Stagger the labels, so that changes a few days apart do not print over each other.
            position = LABEL_POSITIONS[index % len(LABEL_POSITIONS)]
            line = pg.InfiniteLine(
                pos=x,
                angle=90,
                movable=False,
                pen=pg.mkPen(None),
                label=label,
                labelOpts={"position": position, "color": "#222222", "fill": "#ffffffcc"},
            )
            self.dose_plot.addItem(line, ignoreBounds=True)
            self._change_lines[index] = line
        return line

    @property
    def change_days(self) -> list[date]:
        """The days the dose-change lines mark (as drawn through the dose plot)."""
        xs, _ = self.change_segments[id(self.dose_plot)].getData()
        return sorted({day_of(x + DAY / 2) for x in xs})

    @property
    def change_labels(self) -> list[str]:
        """The labels of the dose changes, oldest first."""
        return [label for _, label in self._marks]

    @property
    def labels_shown(self) -> list[str]:
        """The dose-change labels now shown, oldest first."""
        return [
            line.label.toPlainText()
            for _, line in sorted(self._change_lines.items())
            if line.label.isVisible()
        ]

    def set_change_labels_visible(self, visible: bool) -> None:
        """Label the dose changes (or not); a change outside the dates shown is never labelled.

        A label is drawn beside its line: for a line left of the view, only the end of its
        text ("...g/day") would show at the plot's edge.
        """
        self._labels_wanted = visible
        self._show_labels_in_view()

    def _show_labels_in_view(self) -> None:
        # After the range settles: a person's view is shown whole, then narrowed to a range,
        # and only the few changes in that range need a label made.
        self._label_timer.start()

    def _place_labels(self) -> None:
        (left, right), _ = self.dose_plot.viewRange()
        height = self.dose_plot.vb.height()
        for index, (x, _) in enumerate(self._marks):
            shown = self._labels_wanted and left <= x <= right
            if not (shown or index in self._change_lines):
                continue
            label = self._change_label(index).label
            label.setVisible(shown)
            if shown and height > 0:
                # Whole inside the plot: a short plot (large text, a small window) would
                # cut the top off a label staggered high.
                half = min(label.boundingRect().height() / 2 / height, 0.5)
                wanted = LABEL_POSITIONS[index % len(LABEL_POSITIONS)]
                label.setPosition(min(max(wanted, half), 1 - half))

    def set_overlay_visible(self, key: str, shown: bool) -> None:
        line = self.overlay_lines[key]
        line.setVisible(shown)
        if shown:
            self.legend.addItem(line, line.name())
        else:
            self.legend.removeItem(line)
        self._keep_legends_drawn()

    def _keep_legends_drawn(self) -> None:
        if self.fit_to_view:
            for legend in (self.legend, self.dose_plot.legend):
                keep_drawn(legend)

    # -- fitting the lanes to the height ---------------------------------------------------

    def _lane_height(self) -> int:
        """One lane of side effects or events: a line of the chart's text on screen."""
        if not self.fit_to_view:
            return 14
        return max(14, QFontMetrics(self.font()).height())

    def _want(self, plot: pg.PlotItem, height: int) -> None:
        """The height a plot asks for (0: not drawn at all, such as a pump nobody has)."""
        self._wanted[plot] = height
        if self.fit_to_view:
            self._fit_lanes()
        else:
            self._show_plot(plot, height)

    @staticmethod
    def _show_plot(plot: pg.PlotItem, height: int) -> None:
        plot.setVisible(height > 0)
        # A hidden plot still keeps its row's height in the layout unless it is let go.
        plot.setMaximumHeight(100000 if height > 0 else 0)
        plot.setMinimumHeight(height)

    def _floor(self, plot: pg.PlotItem) -> int:
        """The least height at which a plot still reads: its ticks or lanes one text line each."""
        line = QFontMetrics(self.font()).height()
        if plot is self.stiffness_plot:
            return 3 * line
        if plot in self._lanes:
            return line * self._lanes[plot] + 10
        return 2 * line

    def _fit_lanes(self, height: int | None = None) -> None:
        """Share the chart's height among the lanes, leaving out the last ones where needed.

        Each plot shown gets a fixed height (the grid layout would otherwise hand out room by
        its own preferences and push the last plot, and the dates, out of view): at least
        its floor, more in proportion to what it asks for, and the last one the dates' room.
        """
        line = QFontMetrics(self.font()).height()
        dates = line + 10  # the date axis under the last plot: a line of text and its ticks
        gap = 6  # between two plots
        room = (self.height() if height is None else height) - dates - 18  # the margins
        shown = [plot for plot in self.plots if self._wanted.get(plot, 0) > 0]
        while len(shown) > 2 and sum(self._floor(plot) + gap for plot in shown) > room:
            shown.pop()
        room -= gap * len(shown)
        wanted = {plot: self._wanted[plot] for plot in shown}
        floors = {plot: min(self._floor(plot), wanted[plot]) for plot in shown}
        heights = dict(floors)
        spare = room - sum(floors.values())
        if spare > 0:
            # What is left goes in proportion to what each asks for beyond its floor, then
            # (once every plot has its wish) in proportion to the wishes: the chart is filled.
            beyond = {plot: wanted[plot] - floors[plot] for plot in shown}
            if sum(beyond.values()) >= spare:
                share = spare / max(sum(beyond.values()), 1)
                heights = {plot: floors[plot] + beyond[plot] * share for plot in shown}
            else:
                scale = room / sum(wanted.values())
                heights = {plot: wanted[plot] * scale for plot in shown}
        for plot in self.plots:
            height = int(heights.get(plot, 0))
            last = bool(shown) and plot is shown[-1]
            self._show_plot(plot, height + (dates if last else 0))
            if height:
                plot.setMaximumHeight(height + (dates if last else 0))
            # A title longer than its plot is tall would run into the next plot's.
            title = QFontMetrics(self.font()).horizontalAdvance(self._titles[plot])
            plot.getAxis("left").showLabel(height >= title + 8)
            axis = plot.getAxis("bottom")
            axis.setStyle(showValues=last)
            # The dates' room is set, not learnt at the first paint: the plot above them is
            # sized knowing it, and they are never drawn clipped.
            axis.setHeight(dates if last else None)
        # Seven tick labels need seven lines; fewer, and they would be drawn over each other.
        short = int(heights.get(self.stiffness_plot, 0)) < len(STIFFNESS_TICKS) * line
        self.stiffness_plot.getAxis("left").setTicks([BAND_TICKS if short else STIFFNESS_TICKS])
        left_out = [
            self._titles[plot]
            for plot in self.plots
            if self._wanted.get(plot, 0) > 0 and plot not in shown
        ]
        # The layout keeps the size of its old minimums until it is given its room again.
        self.ci.setGeometry(self.range)
        if left_out != self.left_out:
            self.left_out = left_out
            self.lanes_left_out.emit(left_out)

    def minimumSizeHint(self) -> QSize:
        """On screen, room for the stiffness and dose plots and the dates, in lines of text.

        Below this the page scrolls rather than squeeze the chart to nothing.
        """
        if not getattr(self, "fit_to_view", False):
            return QSize(super().minimumSizeHint())
        line = QFontMetrics(self.font()).height()
        return QSize(200, 7 * line + 40)

    def sizeHint(self) -> QSize:
        # On screen the chart takes the room its page has to spare (it stretches); asking
        # for more would make a short window's page scroll the dates out of view.
        if getattr(self, "fit_to_view", False):
            return self.minimumSizeHint()
        return QSize(super().sizeHint())

    def resizeEvent(self, event: QResizeEvent) -> None:
        # Fitted first: the view then gives the layout its new room.
        if getattr(self, "fit_to_view", False) and self.view is not None:
            self._fit_lanes(event.size().height())
        super().resizeEvent(event)

    # -- view and cursor -------------------------------------------------------------------

    def show_range(self, first: date, last: date) -> None:
        """Show the days from first to last."""
        if last < first:
            first, last = last, first
        self.stiffness_plot.setXRange(x_of(first) - DAY / 2, x_of(last) + DAY / 2, padding=0)

    def visible_days(self) -> tuple[date, date]:
        (left, right), _ = self.stiffness_plot.viewRange()
        return day_of(left + DAY / 2), day_of(right - DAY / 2)

    def set_cursor(self, day: date) -> None:
        for line in self.cursor_lines:
            line.setValue(x_of(day))
            line.setVisible(True)

    def set_cursor_visible(self, visible: bool) -> None:
        for line in self.cursor_lines:
            line.setVisible(visible)

    def day_at(self, position: QPointF) -> date | None:
        """The day under a point of the scene, if it is over a plot."""
        for each in self.plots:
            if each.isVisible() and each.sceneBoundingRect().contains(position):
                return day_of(each.vb.mapSceneToView(position).x())
        return None

    # -- pictures --------------------------------------------------------------------------

    def image(self, width: int = EXPORT_WIDTH) -> QImage:
        """The chart on white, `width` pixels wide, antialiased for print."""
        exporter = pyqtgraph.exporters.ImageExporter(self.ci)
        exporter.parameters()["width"] = width
        exporter.parameters()["background"] = pg.mkColor("w")
        image = exporter.export(toBytes=True)
        assert isinstance(image, QImage)
        return image

    def save_png(self, path: Path) -> None:
        """Save the chart as a PNG about 2000 px wide on white, for print."""
        if not self.image().save(str(path)):  # the format follows the suffix, .png
            raise OSError(f"the picture could not be written to {path}")
