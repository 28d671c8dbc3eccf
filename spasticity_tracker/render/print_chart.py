"""The trends chart dressed for paper: only the period's own data, text large enough to read.

The Trends page's chart (render/chart.py) is built as it is for the screen, then changed here
through its plot items: plots with nothing in the period are left out (no empty lanes), each
dose change is labelled beside its own step in its own plot (a pump's in the pump plot), and
every text is set in pixels of the scene, so that its printed size follows from the chart's
width on the page (see printed_points).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFont, QFontMetrics, QImage, QPainter

from spasticity_tracker.domain.entities import Medicine
from spasticity_tracker.domain.scales import Route
from spasticity_tracker.domain.series import DoseChangeMark, toxin_window
from spasticity_tracker.domain.windows import ROLLING_DAYS
from spasticity_tracker.presentation.formatting import total_text
from spasticity_tracker.presentation.trends_view import DAY, TrendsView, change_label, x_of
from spasticity_tracker.render.chart import (
    DAILY_DOT_COLOUR,
    DAILY_DOT_SIZE,
    DOSE_COLOURS,
    TrendsChart,
)
from spasticity_tracker.services.trends import TrendData

SCENE_WIDTH = 880  # scene units across the page body: the chart's text scales with it
TEXT_PX = 12  # every text of the chart, in scene pixels: 7.3 pt printed across A4
LANE_PX = TEXT_PX + 4  # one lane of events: a line of text and a little air
PLOT_PX = {"stiffness": 78, "dose": 56, "pump": 56}  # the plots' heights, lanes aside
TITLES = {"stiffness": "Stiffness", "dose": "mg/day", "pump": "mcg/day", "events": "Events"}
# The bands by name and the scale's ends: a short plot has no room for every number.
STIFFNESS_TICKS = [(0, "0"), (2, "mild"), (5.5, "moderate"), (8.5, "severe")]
HEADROOM = 1.6  # the dose plots reach this far above the highest step: room for labels
EXPORT_WIDTH = 2000  # pixels, enough for print
EDGE_DAYS = 2  # days kept either side of the period printed


def printed_points(scene_px: float, body_width_pt: float) -> float:
    """The printed size in points of a text scene_px high, the chart spanning the body."""
    return scene_px * body_width_pt / SCENE_WIDTH


def period_data(data: TrendData, first: date, last: date) -> TrendData:
    """A person's series with only what the period shows: its days (and a few either side,
    for the lines running on to its edges), its dose changes and events, the medicines
    taken in it and the injections acting in it. The 7-day mean is taken from the whole
    series, so that it counts the days before the period.

    Before, the daily series stayed whole: a 3-month summary of 10 years built and drew
    3,650 days of points to show 91.
    """
    lo = min(max(0, (first - data.first).days - EDGE_DAYS), len(data.days) - 1)
    hi = max(lo + 1, min(len(data.days), (last - data.first).days + 1 + EDGE_DAYS))
    steps = {
        medicine_id: [s for s in own if s.total > 0 and s.start <= last and s.end >= first]
        for medicine_id, own in data.steps.items()
    }
    return replace(
        data,
        first=data.days[lo],
        last=data.days[hi - 1],
        days=data.days[lo:hi],
        stiffness=data.stiffness[lo:hi],
        rolling=data.rolling[lo:hi],
        pain=data.pain[lo:hi],
        sleep=data.sleep[lo:hi],
        spasms=data.spasms[lo:hi],
        medicines=[m for m in data.medicines if m.id is not None and steps.get(m.id)],
        steps=data.steps,
        marks=[mark for mark in data.marks if first <= mark.day <= last],
        events=[e for e in data.events if e.start <= last and e.end >= first],
        side_effects={},
        injections=[i for i in data.injections if _acts_in(i.day, first, last)],
        scored=[],
    )


def days_needed_from(first: date) -> date:
    """The first day a period's chart needs the entries of: the days either side of the
    period, and the week before them for their 7-day mean."""
    return first - timedelta(days=EDGE_DAYS + ROLLING_DAYS)


def _acts_in(day: date, first: date, last: date) -> bool:
    """An injection given in the period, or whose expected effect reaches into it."""
    _, faded = toxin_window(day)
    return day <= last and faded >= first


def _font() -> QFont:
    font = QFont("DejaVu Sans")
    font.setPixelSize(TEXT_PX)
    return font


class PrintChart:
    """The chart of one period as printed on the clinic summary."""

    def __init__(self, data: TrendData, first: date, last: date):
        self.first, self.last = first, last
        self.data = period_data(data, first, last)
        self.chart = TrendsChart()
        chart = self.chart
        self.font = _font()
        view = TrendsView(self.data)
        # The daily dots are drawn by Dots, below: the screen's scatter is given none of them.
        chart.daily_points.setSymbol(None)
        chart.show_view(view)
        self.dots = Dots(*view.daily_points)
        chart.stiffness_plot.addItem(self.dots, ignoreBounds=True)
        # The period as chosen, where it runs past the diary's first or last day too: the
        # screen's limits (the data and 3 days) would slide the view onto days outside it.
        for plot in chart.plots:
            plot.setLimits(xMin=None, xMax=None)
        chart.show_range(first, last)
        chart.set_cursor_visible(False)
        chart.set_change_labels_visible(False)  # labelled beside their steps below
        self.labels: list[tuple[pg.PlotItem, pg.TextItem]] = []  # each beside its step
        pumps = [m for m in self.data.medicines if m.route is Route.INTRATHECAL]
        tablets = [m for m in self.data.medicines if m.route is not Route.INTRATHECAL]
        events = bool(self.data.events or self.data.injections)
        self.shown = [chart.stiffness_plot]
        self.shown += [chart.dose_plot] if tablets else []
        self.shown += [chart.pump_plot] if pumps else []
        self.shown += [chart.events_plot] if events else []
        self.titles = {
            chart.stiffness_plot: TITLES["stiffness"],
            chart.dose_plot: TITLES["dose"],
            chart.pump_plot: TITLES["pump"],
            chart.events_plot: TITLES["events"],
        }
        lanes = len(view.event_lanes)
        self.heights = {
            chart.stiffness_plot: PLOT_PX["stiffness"],
            chart.dose_plot: PLOT_PX["dose"],
            chart.pump_plot: PLOT_PX["pump"],
            chart.events_plot: 12 + LANE_PX * max(lanes, 1),
        }
        self._dress(tablets=len(tablets), pumps=len(pumps))

    # -- dressing --------------------------------------------------------------------------

    def _dress(self, *, tablets: int, pumps: int) -> None:
        chart = self.chart
        metrics = QFontMetrics(self.font)
        ticks = [
            label
            for plot in self.shown
            for level in (plot.getAxis("left")._tickLevels or [])
            for _, label in level
        ]
        axis_width = max((metrics.horizontalAdvance(t) for t in ticks), default=40)
        axis_width += metrics.height() + 20  # the rotated title and some air
        for plot in chart.plots:
            if plot not in self.shown:
                # Left out whole: a hidden plot keeps its row's height unless it is let go.
                plot.setVisible(False)
                plot.setMinimumHeight(0)
                plot.setMaximumHeight(0)
                continue
            height = self._plot_height(plot)
            if plot is self.shown[-1]:
                height += self.dates_height  # the dates are drawn inside the last plot
            plot.setVisible(True)
            plot.setMinimumHeight(height)
            plot.setMaximumHeight(height)
            left = plot.getAxis("left")
            left.setWidth(axis_width)
            left.setStyle(tickFont=self.font, tickTextOffset=4)
            plot.setLabel("left", self.titles[plot], **{"font-size": f"{TEXT_PX}px"})
            last = plot is self.shown[-1]
            bottom = plot.getAxis("bottom")
            bottom.setStyle(showValues=last, tickFont=self.font)
            bottom.setHeight(self.dates_height if last else None)
        chart.stiffness_plot.getAxis("left").setTicks([STIFFNESS_TICKS])
        if chart.dose_plot in self.shown:
            high = max(chart.view.highest_dose(False), 10) if chart.view else 10
            chart.dose_plot.setYRange(0, high * HEADROOM, padding=0)
        if chart.pump_plot in self.shown:
            high = max(chart.view.highest_dose(True), 100) if chart.view else 100
            chart.pump_plot.setYRange(0, high * HEADROOM, padding=0)
        # No legends: on paper they would hide data, and the steps are labelled with their
        # medicine; the caption under the chart names the stiffness marks.
        for legend in (chart.legend, chart.dose_plot.legend):
            legend.setVisible(False)
        chart.ci.resize(SCENE_WIDTH, self.height)
        chart.ci.layout.activate()
        self._label_changes(tablets=tablets, pumps=pumps)

    def _plot_height(self, plot: pg.PlotItem) -> int:
        """A plot's height, at least its rotated title's length (else it runs into the next)."""
        title = QFontMetrics(self.font).horizontalAdvance(self.titles[plot])
        return max(self.heights[plot], title + 16)

    @property
    def dates_height(self) -> int:
        """The date axis under the last plot: a line of text and its ticks."""
        return QFontMetrics(self.font).height() + 12

    @property
    def height(self) -> int:
        """The scene height: the plots shown, the date axis and the gaps between them."""
        plots = sum(self._plot_height(p) for p in self.shown)
        return plots + self.dates_height + 8 * len(self.shown)

    def _label_changes(self, *, tablets: int, pumps: int) -> None:
        """Each step's daily total beside it, in its own plot and colour: to the right of the
        step's start, just above the step (or below, or higher, where another label is in the
        way); a label that finds no room is left out (page 1's table lists every period)."""
        colours = {
            m.id: DOSE_COLOURS[index % len(DOSE_COLOURS)]
            for index, m in enumerate(self.chart.view.data.medicines if self.chart.view else [])
        }
        placed: dict[int, list[QRectF]] = {}
        for label in step_labels(self.data, self.first, self.last, tablets=tablets, pumps=pumps):
            pump = label.medicine.route is Route.INTRATHECAL
            plot = self.chart.pump_plot if pump else self.chart.dose_plot
            item = pg.TextItem(label.text, color=colours.get(label.medicine.id, "#222222"))
            item.setFont(self.font)
            plot.addItem(item, ignoreBounds=True)
            x = x_of(label.day) - DAY / 2
            if self._place(plot, item, x, label.total, placed.setdefault(id(plot), [])):
                self.labels.append((plot, item))
            else:
                plot.removeItem(item)

    @staticmethod
    def _place(
        plot: pg.PlotItem, item: pg.TextItem, x: float, level: float, boxes: list[QRectF]
    ) -> bool:
        """Put a label at the first free place beside its step; False when there is none."""
        view = plot.vb.sceneBoundingRect()
        corner = plot.vb.mapViewToScene(QPointF(x, level))
        size = item.boundingRect()
        width, height = size.width(), size.height()
        # Above the step, below it, then higher above it.
        for top in (-height, 0.0, -2 * height, -3 * height):
            box = QRectF(corner.x() + 3, corner.y() + top, width, height)
            if view.contains(box) and not any(box.intersects(other) for other in boxes):
                item.setAnchor((0, 0))
                item.setPos(plot.vb.mapSceneToView(box.topLeft()))
                boxes.append(box)
                return True
        return False

    # -- pictures --------------------------------------------------------------------------

    def image(self, width: int = EXPORT_WIDTH) -> QImage:
        return self.chart.image(width)

    def close(self) -> None:
        self.chart.deleteLater()


class Dots(pg.GraphicsObject):  # type: ignore[misc]  # pyqtgraph has no type hints
    """The daily dots as printed: each a filled circle DAILY_DOT_SIZE pixels of the scene
    across, as the screen's scatter draws them, below the lines.

    Exporting, the scatter draws each dot as a path of its own, moved and scaled there (3,650
    for 10 years: about 60 to 90 ms); the painter's own circle is about a third of that.
    """

    def __init__(self, xs: Sequence[float], ys: Sequence[float]):
        super().__init__()
        self.points = [QPointF(x, y) for x, y in zip(xs, ys, strict=True)]
        self.brush = pg.mkBrush(DAILY_DOT_COLOUR)
        self.setZValue(-1)  # above the bands (-20), below the mean's line
        # The days and scores the dots are at, and a day and a point more: never an empty
        # rectangle, which the scene could take for nothing to draw.
        self.bounds = (
            QRectF(QPointF(min(xs), min(ys)), QPointF(max(xs), max(ys))).adjusted(-DAY, -1, DAY, 1)
            if self.points
            else QRectF()
        )

    def boundingRect(self) -> QRectF:
        return self.bounds

    def paint(self, painter: QPainter, *_: object) -> None:
        # The size is in pixels of the scene: times the exporter's scale, as the scatter does.
        options = self._exportOpts or {}
        radius = DAILY_DOT_SIZE * options.get("resolutionScale", 1.0) / 2
        transform = painter.transform()
        painter.resetTransform()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, options.get("antialias", True))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.brush)
        for point in self.points:
            painter.drawEllipse(transform.map(point), radius, radius)


@dataclass(frozen=True)
class StepLabel:
    """A dose step's label: where the step starts, its level and its words."""

    day: date
    medicine: Medicine
    total: float
    text: str


def step_labels(
    data: TrendData, first: date, last: date, *, tablets: int, pumps: int
) -> list[StepLabel]:
    """The labels of the period's steps, by day: each medicine's first step named ('Baclofen
    50 mg/day'), then each change with its new total ('45 mg/day', 'stopped'), named too where
    its plot has several medicines."""
    labels = []
    for medicine in data.medicines:
        assert medicine.id is not None
        steps = [s for s in data.steps.get(medicine.id, []) if s.end >= first and s.start <= last]
        if not steps:
            continue
        start = max(steps[0].start, first)
        labels.append(
            StepLabel(
                start,
                medicine,
                steps[0].total,
                change_label(DoseChangeMark(start, medicine, steps[0].total)),
            )
        )
        several = (pumps if medicine.route is Route.INTRATHECAL else tablets) > 1
        for mark in data.marks:
            if mark.medicine == medicine and start < mark.day <= last:
                text = (
                    change_label(mark)
                    if several
                    else ("stopped" if mark.stopped else total_text(medicine, mark.total))
                )
                labels.append(StepLabel(mark.day, medicine, mark.total, text))
    return sorted(labels, key=lambda label: label.day)
