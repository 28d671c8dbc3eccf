"""The chart on the clinic summary: only the period's own labels, beside their own steps, in
their own plots; no empty lanes; text large enough to read on paper; titles that fit."""

from __future__ import annotations

import statistics
from collections.abc import Iterator
from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtCore import QPointF
from PySide6.QtGui import QFontMetrics, QPageSize
from PySide6.QtWidgets import QApplication

from spasticity_tracker.domain.entities import Event, PersonId, ToxinInjection
from spasticity_tracker.domain.ingredients import Ingredient
from spasticity_tracker.domain.scales import EventKind, ToxinProduct
from spasticity_tracker.presentation.trends_view import DAY, x_of
from spasticity_tracker.render import print_chart
from spasticity_tracker.render.chart import DAILY_DOT_COLOUR, DAILY_DOT_SIZE
from spasticity_tracker.render.print_chart import (
    TEXT_PX,
    PrintChart,
    period_data,
    printed_points,
    step_labels,
)
from spasticity_tracker.render.summary_pdf import MARGIN_MM
from spasticity_tracker.services.trends import TrendData, trend_data
from tests.builders import PUMP, TABLET, daily, medicine, oral, pump

FIRST, LAST = date(2026, 2, 1), date(2026, 4, 30)
TIZANIDINE = medicine(3, "Tizanidine", Ingredient.TIZANIDINE)


def fall(day: date) -> Event:
    return Event(person_id=PersonId(1), kind=EventKind.FALL, start_date=day)


def data(**records: object) -> TrendData:
    """A person's series from 1 January to 10 May 2026, stiffness 5 every day."""
    return trend_data(
        date(2026, 1, 1),
        date(2026, 5, 10),
        entries=daily(date(2026, 1, 1), [5] * 130),
        **records,  # type: ignore[arg-type]
    )


@pytest.fixture
def charts(qapp: QApplication) -> Iterator[list[PrintChart]]:
    """The charts a test makes, let go of at its end."""
    made: list[PrintChart] = []
    yield made
    for chart in made:
        chart.close()


def chart_of(
    charts: list[PrintChart], series: TrendData, first: date = FIRST, last: date = LAST
) -> PrintChart:
    chart = PrintChart(series, first, last)
    charts.append(chart)
    return chart


RAISED = [
    oral(date(2025, 12, 1), 10, 10, 10),
    oral(date(2026, 1, 20), 15, 15, 15),  # before the period: the first step's level
    oral(date(2026, 3, 1), 20, 20, 20),
    oral(date(2026, 5, 5), 25, 25, 25),  # after the period
]


def test_only_what_the_period_shows_is_kept() -> None:
    series = data(
        medicines=[TABLET, TIZANIDINE],
        regimens=[
            *RAISED,
            oral(date(2025, 12, 1), 4, medicine=TIZANIDINE),
            oral(date(2026, 1, 10), medicine=TIZANIDINE),  # stopped before the period
        ],
        events=[fall(date(2026, 1, 5)), fall(date(2026, 3, 3)), fall(date(2026, 5, 6))],
        injections=[
            ToxinInjection(person_id=PersonId(1), day=day, product=ToxinProduct.ONABOTULINUMTOXIN_A)
            for day in (date(2025, 6, 1), date(2025, 12, 1))  # faded; still acting in February
        ],
    )
    kept = period_data(series, FIRST, LAST)

    assert kept.medicines == [TABLET]
    assert [mark.day for mark in kept.marks] == [date(2026, 3, 1)]
    assert [event.start for event in kept.events] == [date(2026, 3, 3)]
    assert [injection.day for injection in kept.injections] == [date(2025, 12, 1)]
    assert kept.side_effects == {}


VARIED = daily(date(2026, 1, 1), [n % 11 if n % 6 else None for n in range(130)])


def test_the_period_keeps_its_days_and_two_either_side_with_the_mean_of_the_days_before() -> None:
    series = trend_data(date(2026, 1, 1), date(2026, 5, 10), entries=VARIED)
    kept = period_data(series, FIRST, LAST)

    assert (kept.first, kept.last) == (date(2026, 1, 30), date(2026, 5, 2))
    assert kept.days == [day for day in series.days if kept.first <= day <= kept.last]
    start = series.days.index(kept.first)
    for name in ("stiffness", "rolling", "pain", "sleep", "spasms"):
        whole = getattr(series, name)
        assert getattr(kept, name) == whole[start : start + len(kept.days)], name
    # The 7-day mean of 1 February counts the last days of January.
    week = [s for s in series.stiffness[25:32] if s is not None]
    assert kept.rolling[kept.days.index(FIRST)] == statistics.fmean(week)


def test_a_period_beyond_the_series_keeps_the_series_days() -> None:
    series = trend_data(date(2026, 1, 1), date(2026, 5, 10), entries=VARIED)
    kept = period_data(series, date(2025, 6, 1), date(2026, 6, 1))
    assert (kept.days, kept.stiffness) == (series.days, series.stiffness)
    late = period_data(series, date(2026, 5, 10), date(2026, 5, 10))
    assert late.days == [date(2026, 5, 8), date(2026, 5, 9), date(2026, 5, 10)]


PERIODS = [
    (FIRST, LAST),  # inside the series (1 January to 10 May)
    (date(2026, 4, 1), date(2026, 6, 30)),  # on past its last day
    (date(2025, 11, 1), date(2026, 1, 20)),  # from before its first day
    (date(2026, 5, 20), date(2026, 6, 20)),  # wholly after it
]


@pytest.mark.parametrize(("first", "last"), PERIODS)
def test_the_printed_chart_spans_the_period_as_chosen(
    charts: list[PrintChart], first: date, last: date
) -> None:
    series = trend_data(date(2026, 1, 1), date(2026, 5, 10), entries=VARIED)
    assert chart_of(charts, series, first, last).chart.visible_days() == (first, last)


@pytest.mark.parametrize(("first", "last"), PERIODS)
def test_the_period_s_days_alone_print_the_same_picture_as_the_whole_series(
    charts: list[PrintChart], monkeypatch: pytest.MonkeyPatch, first: date, last: date
) -> None:
    """The days outside the period (but two either side) are not drawn: the lines still run
    on to the edges, and the 7-day mean starts where it did."""
    series = trend_data(
        date(2026, 1, 1), date(2026, 5, 10), entries=VARIED, medicines=[TABLET], regimens=RAISED
    )
    trimmed = chart_of(charts, series, first, last).image(900)

    def whole_series(data: TrendData, first: date, last: date) -> TrendData:
        kept = period_data(data, first, last)
        daily = ("first", "last", "days", "stiffness", "rolling", "pain", "sleep", "spasms")
        return replace(kept, **{name: getattr(data, name) for name in daily})

    monkeypatch.setattr(print_chart, "period_data", whole_series)
    assert trimmed == chart_of(charts, series, first, last).image(900)


def test_each_step_of_the_period_is_labelled_once_its_first_with_the_medicine() -> None:
    series = data(medicines=[TABLET], regimens=RAISED)

    labels = step_labels(period_data(series, FIRST, LAST), FIRST, LAST, tablets=1, pumps=0)

    assert [(label.day, label.text) for label in labels] == [
        (FIRST, "Baclofen 45 mg/day"),
        (date(2026, 3, 1), "60 mg/day"),
    ]


def test_labels_sit_beside_their_own_steps_and_a_pump_s_in_the_pump_plot(
    charts: list[PrintChart],
) -> None:
    series = data(
        medicines=[TABLET, PUMP],
        regimens=[*RAISED, pump(date(2025, 12, 1), 300), pump(date(2026, 4, 1), 350)],
    )
    chart = chart_of(charts, series)

    placed = {item.toPlainText(): plot for plot, item in chart.labels}
    assert set(placed) == {
        "Baclofen 45 mg/day",
        "60 mg/day",
        "Baclofen pump 300 mcg/day",
        "350 mcg/day",
    }
    assert placed["350 mcg/day"] is chart.chart.pump_plot
    assert placed["60 mg/day"] is chart.chart.dose_plot
    for plot, item in chart.labels:
        box = item.sceneBoundingRect()
        text = item.toPlainText()
        day, level = {
            "Baclofen 45 mg/day": (FIRST, 45.0),
            "60 mg/day": (date(2026, 3, 1), 60.0),
            "Baclofen pump 300 mcg/day": (FIRST, 300.0),
            "350 mcg/day": (date(2026, 4, 1), 350.0),
        }[text]
        step = plot.vb.mapViewToScene(QPointF(x_of(day) - DAY / 2, level))
        # Starting just right of where its step starts, and touching the step's level.
        assert 0 <= box.left() - step.x() <= 6, text
        assert box.top() - 1 <= step.y() <= box.bottom() + 1, text
        assert plot.vb.sceneBoundingRect().contains(box), text


def test_plots_with_nothing_in_the_period_are_left_out(charts: list[PrintChart]) -> None:
    tablets = chart_of(charts, data(medicines=[TABLET], regimens=RAISED))
    pump_only = chart_of(
        charts,
        data(medicines=[PUMP], regimens=[pump(date(2025, 12, 1), 300)], events=[fall(FIRST)]),
    )

    c = tablets.chart
    assert tablets.shown == [c.stiffness_plot, c.dose_plot]
    assert not c.pump_plot.isVisible()
    assert not c.events_plot.isVisible()
    assert not c.effects_plot.isVisible()
    p = pump_only.chart
    assert pump_only.shown == [p.stiffness_plot, p.pump_plot, p.events_plot]
    assert not p.dose_plot.isVisible()
    # The dates go under the last plot shown.
    assert p.events_plot.getAxis("bottom").style["showValues"]
    assert not p.pump_plot.getAxis("bottom").style["showValues"]


def test_the_event_lanes_are_the_period_s_own(charts: list[PrintChart]) -> None:
    infection = Event(person_id=PersonId(1), kind=EventKind.INFECTION, start_date=date(2026, 1, 3))
    chart = chart_of(
        charts,
        data(medicines=[TABLET], regimens=RAISED, events=[infection, fall(date(2026, 3, 3))]),
    )

    ticks = chart.chart.events_plot.getAxis("left")._tickLevels
    assert [label for _, label in ticks[0]] == ["Fall"]


@pytest.mark.parametrize(
    "paper", [QPageSize.PageSizeId.A4, QPageSize.PageSizeId.Letter], ids=["A4", "Letter"]
)
def test_every_text_of_the_chart_prints_at_7_points_or_more(
    charts: list[PrintChart], paper: QPageSize.PageSizeId
) -> None:
    chart = chart_of(
        charts, data(medicines=[TABLET], regimens=RAISED, events=[fall(date(2026, 3, 3))])
    )
    body = QPageSize(paper).size(QPageSize.Unit.Millimeter).width() - 2 * MARGIN_MM

    assert printed_points(TEXT_PX, body / 25.4 * 72) >= 7
    for plot in chart.shown:
        for side in ("left", "bottom"):
            assert plot.getAxis(side).style["tickFont"].pixelSize() == TEXT_PX
        assert f"font-size: {TEXT_PX}px" in plot.getAxis("left").label.toHtml().replace(":", ": ")
    for _, item in chart.labels:
        assert item.textItem.font().pixelSize() == TEXT_PX
    # No legend: on paper it would hide the data, and it printed at about 4 points.
    assert not chart.chart.legend.isVisible()


def test_titles_are_no_longer_than_their_plots_are_tall(charts: list[PrintChart]) -> None:
    chart = chart_of(
        charts,
        data(
            medicines=[TABLET, PUMP],
            regimens=[*RAISED, pump(date(2025, 12, 1), 300)],
            events=[fall(date(2026, 3, 3))],
        ),
    )

    metrics = QFontMetrics(chart.font)
    for plot in chart.shown:
        title = plot.getAxis("left").labelText
        assert plot.vb.sceneBoundingRect().height() + 1 >= metrics.horizontalAdvance(title), title


def test_each_day_s_mean_prints_as_a_grey_dot_as_wide_as_on_screen(
    charts: list[PrintChart],
) -> None:
    day = date(2026, 2, 10)
    series = trend_data(date(2026, 1, 1), date(2026, 5, 10), entries=daily(day, [9]))
    chart = chart_of(charts, series)
    width = 2000
    image = chart.image(width)
    scale = width / chart.chart.ci.sceneBoundingRect().width()
    origin = chart.chart.ci.sceneBoundingRect().topLeft()
    centre = (chart.chart.stiffness_plot.vb.mapViewToScene(QPointF(x_of(day), 9)) - origin) * scale
    radius = DAILY_DOT_SIZE * scale / 2

    def colour(dx: float) -> str:
        return image.pixelColor(round(centre.x() + dx), round(centre.y())).name()

    assert [colour(dx) for dx in (-radius + 1.5, 0, radius - 1.5)] == [DAILY_DOT_COLOUR] * 3
    assert DAILY_DOT_COLOUR not in (colour(-radius - 2), colour(radius + 2))
    # Over the stiffness bands, under the 7-day mean's line.
    assert -20 < chart.dots.zValue() < chart.chart.rolling_line.zValue()
    assert not chart.chart.daily_points.scatter.isVisible()  # not drawn twice
