"""The Trends page plots exactly the domain series, marks each dose change and follows the range."""

from __future__ import annotations

import gc
import itertools
import math
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from pathlib import Path

import numpy
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QGraphicsItem
from pytestqt.qtbot import QtBot

from spasticity_tracker.domain.entities import (
    Event,
    Medicine,
    MedicineId,
    Person,
    Regimen,
    ScheduledDose,
    SideEffectReport,
    SymptomEntry,
    ToxinInjection,
)
from spasticity_tracker.domain.scales import EventKind, Severity, ToxinProduct
from spasticity_tracker.domain.series import daily_means, rolling_mean
from spasticity_tracker.presentation.periods import TRENDS_PRESETS
from spasticity_tracker.presentation.trends_view import (
    DAY,
    NONE_RECORDED,
    TOXIN_LANE,
    day_of,
    x_of,
)
from spasticity_tracker.render.chart import EVENT_MARKS, TOXIN_MARK, DateAxis, keep_drawn
from spasticity_tracker.services.diary import DiaryService
from spasticity_tracker.services.medicines import MedicineService
from spasticity_tracker.ui.main_window import MainWindow
from spasticity_tracker.ui.pages.trends_page import TrendsPage
from tests.builders import baclofen_pump
from tests.ui.helpers import axis_texts, drawn_texts

TODAY = date(2026, 3, 15)
FIRST = date(2026, 1, 1)


def at(day: date, hour: int = 20) -> datetime:
    return datetime.combine(day, time(hour)).astimezone()


@pytest.fixture
def history(
    diary: DiaryService, medicines: MedicineService, person: Person, baclofen: Medicine
) -> list[SymptomEntry]:
    """Ten weeks of entries with gaps and a two-entry day, two dose changes and a pump."""
    assert person.id is not None
    assert baclofen.id is not None
    entries = []
    for offset in range(0, 74):
        day = FIRST + timedelta(days=offset)
        if offset % 5 == 3:  # a gap every five days
            continue
        entries.append(SymptomEntry(person_id=person.id, recorded_at=at(day), stiffness=offset % 9))
    entries.append(SymptomEntry(person_id=person.id, recorded_at=at(FIRST, 8), stiffness=9))
    for entry in entries:
        diary.log_entry(entry)
    for start, amount in ((date(2026, 2, 1), 15.0), (date(2026, 3, 1), 20.0)):
        medicines.record_regimen_change(
            Regimen(
                medicine_id=baclofen.id,
                start_date=start,
                doses=(ScheduledDose(time_of_day=time(8), amount=amount),),
            )
        )
    medicines.add_medicine(
        baclofen_pump(person.id),
        Regimen(medicine_id=MedicineId(0), start_date=date(2026, 2, 10), rate_per_day=250.0),
    )
    diary.report_side_effect(
        SideEffectReport(
            person_id=person.id, day=date(2026, 3, 2), effect="drowsiness", severity=Severity.SEVERE
        )
    )
    diary.add_event(
        Event(
            person_id=person.id,
            kind=EventKind.INFECTION,
            start_date=date(2026, 2, 20),
            end_date=date(2026, 2, 25),
        )
    )
    return entries


def open_trends(window: MainWindow, qtbot: QtBot) -> TrendsPage:
    window.show_page(3)
    page = window.trends
    qtbot.waitUntil(lambda: page.view is not None)
    return page


def same(plotted: list[float], expected: list[float | None]) -> bool:
    return len(plotted) == len(expected) and all(
        (math.isnan(p) and e is None) or p == pytest.approx(e)
        for p, e in zip(plotted, expected, strict=True)
    )


def test_the_plotted_series_are_the_domain_series(
    window: MainWindow, qtbot: QtBot, history: list[SymptomEntry]
) -> None:
    page = open_trends(window, qtbot)
    assert page.view is not None
    assert page.view.first == FIRST
    assert page.view.last == TODAY
    expected_daily = daily_means(history, FIRST, TODAY)
    assert expected_daily[0] == pytest.approx((0 + 9) / 2)  # two entries on the first day
    xs, ys = page.chart.rolling_line.getData()
    assert list(xs) == [x_of(FIRST + timedelta(days=n)) for n in range(len(expected_daily))]
    assert same(list(ys), rolling_mean(expected_daily))
    px, py = page.chart.daily_points.getData()
    present = [
        (x_of(FIRST + timedelta(days=n)), v) for n, v in enumerate(expected_daily) if v is not None
    ]
    assert list(zip(px, py, strict=True)) == [(x, pytest.approx(v)) for x, v in present]


def test_dose_steps_and_change_lines_sit_at_the_regimen_dates(
    window: MainWindow, qtbot: QtBot, history: list[SymptomEntry], baclofen: Medicine
) -> None:
    page = open_trends(window, qtbot)
    assert baclofen.id is not None
    xs, ys = page.chart.dose_lines[baclofen.id].getData()
    # 30 mg/day from 1 January, 15 from 1 February, 20 from 1 March: steps at those days.
    assert list(ys) == [30.0, 30.0, 15.0, 15.0, 20.0, 20.0]
    assert xs[1] == xs[2] == x_of(date(2026, 2, 1)) - DAY / 2
    assert xs[3] == xs[4] == x_of(date(2026, 3, 1)) - DAY / 2
    assert page.chart.change_days == [date(2026, 2, 1), date(2026, 3, 1)]
    for plot in page.chart.plots:
        xs, ys = page.chart.change_segments[id(plot)].getData()  # the line through each plot
        assert sorted({day_of(x + DAY / 2) for x in xs}) == page.chart.change_days
        assert set(ys) == set(plot.viewRange()[1])  # from the plot's foot to its top
    page.chart.dose_plot.setYRange(0, 99, padding=0)  # as the printed chart does: more room
    _, ys = page.chart.change_segments[id(page.chart.dose_plot)].getData()
    assert set(ys) == {0, 99}
    assert page.chart.pump_plot.isVisible()
    assert page.chart.change_labels == ["Baclofen 15 mg/day", "Baclofen 20 mg/day"]


def test_a_change_outside_the_dates_shown_is_not_labelled(
    window: MainWindow, qtbot: QtBot, history: list[SymptomEntry]
) -> None:
    page = open_trends(window, qtbot)
    page.chart.show_range(date(2026, 2, 15), TODAY)  # 1 March in view, 1 February before it
    qtbot.wait(10)
    assert page.chart.labels_shown == ["Baclofen 20 mg/day"]
    page.chart.show_range(FIRST, TODAY)
    qtbot.wait(10)
    assert page.chart.labels_shown == ["Baclofen 15 mg/day", "Baclofen 20 mg/day"]


def test_change_labels_stay_whole_inside_a_short_dose_plot(
    window: MainWindow, qtbot: QtBot, history: list[SymptomEntry]
) -> None:
    window.resize(1280, 720)
    for _ in range(6):
        window.larger_text()  # the largest text: the dose plot is at its shortest
    page = open_trends(window, qtbot)
    page.chart.show_range(FIRST, TODAY)
    qtbot.waitUntil(lambda: len(page.chart.labels_shown) == 2)
    plot = page.chart.dose_plot.vb.sceneBoundingRect()
    for line in page.chart._change_lines.values():
        label = line.label.sceneBoundingRect()
        assert plot.top() <= label.top(), (plot, label)
        assert label.bottom() <= plot.bottom(), (plot, label)


def test_range_presets_change_the_view_and_the_summary(
    window: MainWindow, qtbot: QtBot, history: list[SymptomEntry]
) -> None:
    page = open_trends(window, qtbot)
    index = {preset.label: n for n, preset in enumerate(TRENDS_PRESETS)}
    page.preset.setCurrentIndex(index["1 month"])
    assert page.visible_days() == (TODAY - timedelta(days=29), TODAY)
    assert page.range_caption.text().startswith("1 month: mean stiffness")
    assert "of 30 days" in page.range_caption.text()
    page.preset.setCurrentIndex(index["All"])
    assert page.visible_days() == (FIRST, TODAY)
    assert page.range_caption.text().endswith("2 dose changes")
    page.preset.setCurrentIndex(index["Chosen dates"])
    page.first.setDate(page.first.date().addDays(30))
    assert page.visible_days()[0] == FIRST + timedelta(days=30)


def test_the_keyboard_moves_the_cursor_and_zooms(
    window: MainWindow, qtbot: QtBot, history: list[SymptomEntry]
) -> None:
    page = open_trends(window, qtbot)
    page.chart.setFocus()
    assert page.readout.text().startswith("Sun 15 Mar 2026")
    QTest.keyClick(page.chart, Qt.Key.Key_Left)
    assert page.readout.text().startswith("Sat 14 Mar 2026; stiffness")
    first, last = page.visible_days()
    QTest.keyClick(page.chart, Qt.Key.Key_Plus)
    zoomed = page.visible_days()
    assert (zoomed[1] - zoomed[0]) < (last - first)
    start = zoomed[0]
    assert page.range_caption.text().startswith(f"{start.day} {start:%b %Y} to ")  # not "3 months"
    QTest.keyClick(page.chart, Qt.Key.Key_Home)
    assert page.readout.text().startswith("Thu 1 Jan 2026")
    assert page.visible_days()[0] <= FIRST


def test_overlays_are_shown_on_request(
    window: MainWindow, qtbot: QtBot, history: list[SymptomEntry]
) -> None:
    page = open_trends(window, qtbot)
    assert not page.chart.overlay_lines["pain"].isVisible()
    page.overlays["pain"].setChecked(True)
    assert page.chart.overlay_lines["pain"].isVisible()


def test_export_writes_a_png_for_print(
    window: MainWindow, qtbot: QtBot, history: list[SymptomEntry], tmp_path: Path
) -> None:
    page = open_trends(window, qtbot)
    target = tmp_path / "chart.png"
    page.export_png(target)
    data = target.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width = int.from_bytes(data[16:20], "big")  # from the IHDR chunk
    assert width == 2000


def test_empty_lanes_say_so_and_no_axis_carries_a_scale(
    window: MainWindow, qtbot: QtBot, diary: DiaryService, person: Person
) -> None:
    assert person.id is not None
    for offset in range(10):
        diary.log_entry(
            SymptomEntry(
                person_id=person.id, recorded_at=at(TODAY - timedelta(days=offset + 1)), stiffness=5
            )
        )
    page = open_trends(window, qtbot)

    assert axis_texts(page.chart.effects_plot) == [NONE_RECORDED]
    assert axis_texts(page.chart.events_plot) == [NONE_RECORDED]
    chart = page.chart
    for plot in (chart.stiffness_plot, chart.dose_plot, chart.effects_plot, chart.events_plot):
        assert "x0." not in plot.getAxis("left").labelString()


def test_lanes_are_named_when_there_is_something_to_show(
    window: MainWindow, qtbot: QtBot, history: list[SymptomEntry]
) -> None:
    page = open_trends(window, qtbot)
    page.preset.setCurrentIndex([p.label for p in TRENDS_PRESETS].index("All"))

    assert axis_texts(page.chart.effects_plot) == ["Drowsiness"]
    assert axis_texts(page.chart.events_plot) == [EventKind.INFECTION.label]


def test_one_day_events_and_injections_are_marked_by_kind_on_their_lanes(
    window: MainWindow,
    qtbot: QtBot,
    history: list[SymptomEntry],
    diary: DiaryService,
    medicines: MedicineService,
    person: Person,
) -> None:
    assert person.id is not None
    for kind, day in ((EventKind.FALL, date(2026, 3, 3)), (EventKind.PHYSIO, date(2026, 3, 5))):
        diary.add_event(Event(person_id=person.id, kind=kind, start_date=day, end_date=day))
    medicines.record_injection(
        ToxinInjection(
            person_id=person.id, day=date(2026, 3, 9), product=ToxinProduct.ONABOTULINUMTOXIN_A
        )
    )
    page = open_trends(window, qtbot)

    marks = page.chart.event_marks
    assert axis_texts(page.chart.events_plot) == [
        EventKind.INFECTION.label,
        EventKind.FALL.label,
        EventKind.PHYSIO.label,
        TOXIN_LANE,
    ]
    spots = sorted(
        (day_of(spot.pos().x()), spot.pos().y(), spot.symbol(), spot.size())
        for spot in marks.points()
    )
    assert spots == [
        (date(2026, 3, 3), 1, EVENT_MARKS[EventKind.FALL], 12),
        (date(2026, 3, 5), 2, EVENT_MARKS[EventKind.PHYSIO], 12),
        (date(2026, 3, 9), 3, TOXIN_MARK, 16),
    ]
    for spot in marks.points():  # one dark fill and outline for every mark
        assert spot.brush().color().name() == "#555555"
        assert spot.pen().color().name() == "#222222"


def test_day_numbers_keep_clear_of_month_names(
    window: MainWindow, qtbot: QtBot, history: list[SymptomEntry]
) -> None:
    page = open_trends(window, qtbot)
    axis = page.chart.events_plot.getAxis("bottom")  # the dates under the last plot
    assert isinstance(axis, DateAxis)
    texts = sorted((rect.left(), rect.right(), text) for rect, text in drawn_texts(axis))

    assert {"Jan", "Feb", "Mar"} <= {text for _, _, text in texts}
    gaps = [b[0] - a[1] for a, b in itertools.pairwise(texts)]
    assert min(gaps) >= 8, texts


def test_the_linked_date_axes_share_ticks_only_for_the_same_range_and_width(
    window: MainWindow, qtbot: QtBot, history: list[SymptomEntry]
) -> None:
    page = open_trends(window, qtbot)
    upper = page.chart.stiffness_plot.getAxis("bottom")
    lower = page.chart.events_plot.getAxis("bottom")
    qtbot.waitUntil(lambda: hasattr(upper, "fontMetrics") and hasattr(lower, "fontMetrics"))
    start, end, month = x_of(FIRST), x_of(TODAY), 30 * DAY
    # Each ask differs from the one before in one thing: the range's start, end, or width.
    asks = [(start, end, 900.0), (end - month, end, 900.0), (end - month, end - month / 2, 900.0)]
    asks += [(end - month, end - month / 2, 120.0)]
    for lowest, highest, width in asks * 2:
        for axis in (upper, lower, upper):
            ticks = axis.tickValues(lowest, highest, width)
            zoom = axis.zoomLevel
            assert ticks == axis._clear_ticks(lowest, highest, width)  # worked out afresh
            assert axis.zoomLevel is zoom


def test_the_chart_is_drawn_dark_on_white(
    window: MainWindow, qtbot: QtBot, history: list[SymptomEntry]
) -> None:
    page = open_trends(window, qtbot)
    assert page.chart.backgroundBrush().color().name() == "#ffffff"
    axis = page.chart.events_plot.getAxis("bottom")
    assert axis.textPen().color().name() == "#000000"


def test_what_is_kept_drawn_on_screen_looks_as_if_drawn_afresh(
    window: MainWindow, qtbot: QtBot, history: list[SymptomEntry]
) -> None:
    """The left axes and the legends are drawn from pixmaps kept between redraws: after a
    range switch, an overlay shown and hidden, and larger text, the chart is as drawn anew,
    but for a few pixels where a kept item's edge is rounded out to a whole pixel."""
    page = open_trends(window, qtbot)
    chart = page.chart
    kept = [item for item in chart.scene().items() if item.cacheMode() != item.CacheMode.NoCache]
    assert chart.stiffness_plot.getAxis("left") in kept
    assert chart.legend in kept

    def drawn() -> numpy.ndarray:
        QApplication.processEvents()
        image = chart.grab().toImage().convertToFormat(QImage.Format.Format_ARGB32)
        return numpy.frombuffer(image.constBits(), numpy.uint32).copy()

    steps: list[Callable[[], object]] = [
        lambda: page.preset.setCurrentIndex(0),  # 1 month
        lambda: page.overlays["pain"].setChecked(True),
        lambda: page.overlays["pain"].setChecked(False),
        window.larger_text,
        lambda: page.preset.setCurrentIndex(5),  # all
    ]
    before = drawn()
    for step in steps:
        step()
        qtbot.wait(20)  # the change labels, placed after the range settles
        from_pixmaps = drawn()
        assert from_pixmaps.shape != before.shape or (from_pixmaps != before).sum() > 100
        for item in chart.scene().items():
            item.setCacheMode(QGraphicsItem.CacheMode.NoCache)
        assert (from_pixmaps != drawn()).sum() <= 10
        chart._keep_legends_drawn()
        for plot in chart.plots:
            keep_drawn(plot.getAxis("left"))
        before = from_pixmaps


def test_a_persons_series_are_read_and_plotted_with_the_collector_held_off(
    window: MainWindow, qtbot: QtBot, history: list[SymptomEntry], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Years of days make tens of thousands of objects: a collection part-way would walk
    every object of the app. The collector runs again after."""
    page = open_trends(window, qtbot)
    collecting: dict[str, bool] = {}
    for owner, name in ((page._trends, "trend_data"), (page.chart, "show_view")):
        real = getattr(owner, name)

        def spy(*args: object, real: Callable[..., object] = real, name: str = name) -> object:
            collecting[name] = gc.isenabled()
            return real(*args)

        monkeypatch.setattr(owner, name, spy)
    assert gc.isenabled()
    page.reload()
    assert collecting == {"trend_data": False, "show_view": False}
    assert gc.isenabled()
