"""The window and its dialogs fit a small laptop's screen at every text size, text whole.

The tests run on two offscreen screens (tests/screens.json): 1280x720 and 1366x768.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, QSettings, QSize, Qt
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog, QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from spasticity_tracker.domain.entities import Medicine, Person
from spasticity_tracker.domain.scales import Form
from spasticity_tracker.services.demo import DemoService
from spasticity_tracker.storage.database import Database
from spasticity_tracker.ui import style
from spasticity_tracker.ui.app_state import Services
from spasticity_tracker.ui.dialogs.backups_dialog import BackupsDialog
from spasticity_tracker.ui.dialogs.import_dialog import ImportDialog
from spasticity_tracker.ui.main_window import MAXIMIZED_KEY, SIZE_KEY, MainWindow
from tests.conftest import fixed_clock
from tests.ui.helpers import DIALOGS, User, activate, describe, drawn_texts
from tests.ui.test_today_fits import hidden_part

TEXT_SIZES = {
    "smallest": 0,
    "default": style.DEFAULT_SCALE_INDEX,
    "largest": len(style.TEXT_SCALES) - 1,
}
SCREENS = ["laptop-1280x720", "laptop-1366x768"]
PAGES = ["Today", "History", "Medicines", "Trends", "Summary"]


def screen_named(name: str) -> QScreen:
    found = [screen for screen in QApplication.screens() if screen.name() == name]
    assert found, f"no screen {name}: see tests/screens.json"
    return found[0]


@pytest.fixture
def example_diary(database: Database) -> None:
    """A year of example diary up to the fixed today: doses, side effects, events, carers."""
    DemoService(database, fixed_clock).create_demo_person("Sam Patel", years=1, seed=3)


@pytest.fixture
def open_window(
    qtbot: QtBot, database: Database, settings: QSettings, example_diary: None
) -> object:
    """Open the window on a named screen with a remembered text size, as a person would."""

    def opened(screen_name: str, text_size: str) -> MainWindow:
        settings.setValue(style.SETTINGS_KEY, TEXT_SIZES[text_size])
        window = MainWindow(Services.on(database, fixed_clock), settings)
        qtbot.addWidget(window)
        screen = screen_named(screen_name)
        window.setScreen(screen)
        window.move(screen.availableGeometry().topLeft())
        window.fit_screen()
        window.show()
        qtbot.waitExposed(window)
        return window

    return opened


def in_scroll_area(widget: QWidget) -> bool:
    """Whether the widget can be scrolled into view (it need not be on screen at once)."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def fit_problems(window: QWidget) -> list[str]:
    """Each visible button cut short, smaller than a click target, or out of the window."""
    problems = []
    area = window.rect()
    for button in window.findChildren(QAbstractButton):
        if not button.isVisible() or not button.text():
            continue
        if button.width() < button.sizeHint().width():
            problems.append(f"{describe(button)}: {button.width()} px, its text needs more")
        if min(button.width(), button.height()) < style.MIN_TARGET:
            problems.append(f"{describe(button)}: smaller than {style.MIN_TARGET} px")
        place = QRect(button.mapTo(window, QPoint(0, 0)), button.size())
        if not in_scroll_area(button) and not area.contains(place):
            problems.append(f"{describe(button)}: outside the window at {place}")
    return problems


@pytest.mark.parametrize("text_size", list(TEXT_SIZES))
@pytest.mark.parametrize("screen_name", SCREENS)
def test_every_page_fits_the_screen_with_its_buttons_whole(
    open_window: object, qtbot: QtBot, screen_name: str, text_size: str
) -> None:
    window = open_window(screen_name, text_size)  # type: ignore[operator]
    free = screen_named(screen_name).availableGeometry()
    for index, page in enumerate(PAGES):
        window.show_page(index)
        qtbot.wait(10)
        assert window.width() <= free.width(), (page, window.size())
        assert window.height() <= free.height(), (page, window.size())
        # The layouts ask for no more than the screen: the window cannot be pushed past it.
        assert window.minimumSizeHint().width() <= free.width(), page
        assert window.minimumSizeHint().height() <= free.height(), page
        assert fit_problems(window) == [], page


@pytest.mark.parametrize("text_size", list(TEXT_SIZES))
@pytest.mark.parametrize("screen_name", SCREENS)
def test_trends_always_shows_its_dates(
    open_window: object, qtbot: QtBot, screen_name: str, text_size: str
) -> None:
    window = open_window(screen_name, text_size)  # type: ignore[operator]
    window.show_page(PAGES.index("Trends"))
    qtbot.wait(10)
    chart = window.trends.chart
    shown = [plot for plot in chart.plots if plot.isVisible()]
    assert shown[0] is chart.stiffness_plot
    assert shown[1] is chart.dose_plot
    last = shown[-1]
    dates = [text for _, text in drawn_texts(last.getAxis("bottom"))]
    assert dates, "the last plot draws no dates"
    # The last plot, with its dates, lies inside the chart, and the chart inside the window.
    bottom = last.mapRectToScene(last.boundingRect()).bottom()
    assert bottom <= chart.height() + 1
    chart_bottom = chart.mapTo(window, QPoint(0, chart.height())).y()
    assert chart_bottom <= window.height()
    # What is left out is said.
    note = window.trends.left_out_note
    assert note.isVisible() == bool(chart.left_out)
    for title in chart.left_out:
        assert title.split(" (")[0].lower() in note.text().lower()


def test_a_tall_chart_shows_every_lane_and_says_nothing_is_left_out(
    open_window: object, qtbot: QtBot
) -> None:
    window = open_window("laptop-1366x768", "smallest")  # type: ignore[operator]
    window.show_page(PAGES.index("Trends"))
    chart = window.trends.chart
    chart.resize(chart.width(), 900)
    qtbot.wait(10)
    assert chart.left_out == []
    assert chart.effects_plot.isVisible()
    assert chart.events_plot.isVisible()
    assert not window.trends.left_out_note.isVisible()


def test_a_short_chart_leaves_out_the_last_lanes_first_and_says_so(
    open_window: object, qtbot: QtBot
) -> None:
    window = open_window("laptop-1280x720", "largest")  # type: ignore[operator]
    window.show_page(PAGES.index("Trends"))
    chart = window.trends.chart
    chart.resize(chart.width(), chart.minimumSizeHint().height())
    qtbot.wait(10)
    assert chart.left_out[-1] == "Events"
    assert chart.stiffness_plot.isVisible()
    assert chart.dose_plot.isVisible()
    assert "Events" not in [chart._titles[plot] for plot in chart.plots if plot.isVisible()]
    assert window.trends.left_out_note.isVisible()


@pytest.mark.parametrize(
    ("remembered", "expected"),
    [
        pytest.param(QSize(1000, 600), QSize(1000, 600), id="a-size-that-fits-is-kept"),
        pytest.param(QSize(2400, 1600), None, id="a-larger-monitors-size-is-clamped"),
    ],
)
def test_the_size_a_person_chose_is_remembered_within_the_screen(
    open_window: object, settings: QSettings, remembered: QSize, expected: QSize | None
) -> None:
    settings.setValue(SIZE_KEY, remembered)
    window = open_window("laptop-1280x720", "default")  # type: ignore[operator]
    free = screen_named("laptop-1280x720").availableGeometry()
    if expected is not None:
        assert window.size() == expected
    else:
        assert window.width() <= free.width()
        assert window.height() <= free.height()
        assert window.width() > 1000  # as large as the screen allows, not a small default


def test_closing_the_window_remembers_its_size(
    open_window: object, settings: QSettings, qtbot: QtBot
) -> None:
    window = open_window("laptop-1366x768", "default")  # type: ignore[operator]
    window.resize(1100, 640)
    window.close()
    assert settings.value(SIZE_KEY) == QSize(1100, 640)
    assert settings.value(MAXIMIZED_KEY) in (False, "false")


@pytest.mark.parametrize("screen_name", SCREENS)
def test_the_user_guide_fits_the_screen(
    open_window: object, qtbot: QtBot, screen_name: str
) -> None:
    window = open_window(screen_name, "largest")  # type: ignore[operator]
    window.show_user_guide()
    dialog = window.guide_dialog
    qtbot.waitExposed(dialog)
    free = screen_named(screen_name).availableGeometry()
    assert dialog.width() <= free.width()
    assert dialog.height() <= free.height()
    dialog.close()


def example_person(window: MainWindow) -> tuple[Person, Medicine]:
    [person] = window._services.people.people()
    assert person.id is not None
    oral = [m for m in window._services.medicines.medicines(person.id) if m.form is Form.TABLET]
    return person, oral[0]


def other_dialogs(window: MainWindow) -> dict[str, QDialog]:
    return {
        "import": ImportDialog(window._services.transfer, "Sam Patel", "", window),
        "backups": BackupsDialog(window._services.backups, window),
    }


@pytest.mark.parametrize("text_size", list(TEXT_SIZES))
@pytest.mark.parametrize("screen_name", SCREENS)
def test_every_dialog_fits_the_screen_with_its_buttons_whole(
    open_window: object, qtbot: QtBot, screen_name: str, text_size: str
) -> None:
    window = open_window(screen_name, text_size)  # type: ignore[operator]
    person, baclofen = example_person(window)
    dialogs = {name: make(window, person, baclofen) for name, make in DIALOGS.items()}
    dialogs |= other_dialogs(window)
    free = screen_named(screen_name).availableGeometry()
    for name, dialog in dialogs.items():
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        assert dialog.width() <= free.width(), (name, dialog.size())
        assert dialog.height() <= free.height(), (name, dialog.size())
        assert fit_problems(dialog) == [], name
        dialog.reject()


@pytest.mark.parametrize("text_size", list(TEXT_SIZES))
@pytest.mark.parametrize("screen_name", SCREENS)
def test_a_typical_day_is_three_keys_with_save_in_view(
    open_window: object, qtbot: QtBot, screen_name: str, text_size: str
) -> None:
    window = open_window(screen_name, text_size)  # type: ignore[operator]
    person, _ = example_person(window)
    assert person.id is not None
    page = window.today
    for widget in (page.save_button, page.form.stiffness):
        assert hidden_part(widget) == "", (screen_name, text_size)
    before = window._services.diary.entries(person.id)
    activate(window, qtbot)
    user = User(qtbot)
    user.key(Qt.Key.Key_6)
    user.key(Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    user.key(Qt.Key.Key_Return)
    after = window._services.diary.entries(person.id)
    assert len(after) == len(before) + 1
    [new] = [entry for entry in after if entry not in before]
    assert new.stiffness == 6
