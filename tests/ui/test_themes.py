"""Themes and text: WCAG contrast of every theme colour pair, focus frames, the View menu's Theme
choice (applied and remembered) and a text size that follows the system's."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import fields
from datetime import time
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtGui import QActionGroup, QColor, QImage, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QHBoxLayout, QMenu, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from spasticity_tracker.domain.entities import Medicine, Person
from spasticity_tracker.ui import style
from spasticity_tracker.ui.app_state import Services
from spasticity_tracker.ui.main_window import MainWindow
from spasticity_tracker.ui.widgets.fields import TimeEdit, amount_field
from spasticity_tracker.ui.widgets.message_bar import MessageBar
from tests.conftest import SYSTEM_POINT_SIZE
from tests.ui.helpers import MakeWindow

# WCAG 2.2: 1.4.3 (AA, 4.5:1) and 1.4.6 (AAA, 7:1) for text; 1.4.11 (3:1) for the frames of
# controls and focus indicators. The high-contrast theme holds its frames to the text's 7:1.
TEXT_MINIMUM = {"standard": 4.5, "high_contrast": 7.0, "dark": 4.5}
FRAME_MINIMUM = {"standard": 3.0, "high_contrast": 7.0, "dark": 3.0}
THEME_KEYS = [theme.key for theme in style.THEMES]


def channel(value: int) -> float:
    """One sRGB channel (0-255) made linear, as WCAG's relative luminance defines it."""
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    """WCAG relative luminance of a '#rrggbb' colour."""
    rgb = QColor(colour)
    assert rgb.isValid(), colour
    return (
        0.2126 * channel(rgb.red()) + 0.7152 * channel(rgb.green()) + 0.0722 * channel(rgb.blue())
    )


def contrast(first: str, second: str) -> float:
    """WCAG contrast ratio, from 1 (the same) to 21 (black on white)."""
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.fixture(autouse=True)
def standard_afterwards(qapp: QApplication) -> Iterator[None]:
    """Whatever a test chose, the tests after it see the standard theme."""
    yield
    style.apply_look(qapp, style.DEFAULT_SCALE_INDEX, style.STANDARD)


def test_the_contrast_formula_gives_the_known_ratios() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#ffffff", "#ffffff") == pytest.approx(1.0)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)
    assert contrast("#595959", "#ffffff") == pytest.approx(7.0, abs=0.01)


def test_there_are_standard_high_contrast_and_dark_themes() -> None:
    assert THEME_KEYS == ["standard", "high_contrast", "dark"]
    assert style.THEMES[0] is style.STANDARD


@pytest.mark.parametrize("key", THEME_KEYS)
def test_every_text_colour_meets_its_contrast_on_its_background(key: str) -> None:
    theme = style.theme_named(key)
    low = {
        f"{text} on {background}": round(contrast(theme.colour(text), theme.colour(background)), 2)
        for text, background in style.TEXT_PAIRS
        if contrast(theme.colour(text), theme.colour(background)) < TEXT_MINIMUM[key]
    }
    assert low == {}, f"below {TEXT_MINIMUM[key]}:1 in {theme.name}"


@pytest.mark.parametrize("key", THEME_KEYS)
def test_every_frame_and_focus_colour_stands_out_from_what_it_borders(key: str) -> None:
    theme = style.theme_named(key)
    low = {
        f"{frame} against {background}": round(
            contrast(theme.colour(frame), theme.colour(background)), 2
        )
        for frame, background in style.FRAME_PAIRS
        if contrast(theme.colour(frame), theme.colour(background)) < FRAME_MINIMUM[key]
    }
    assert low == {}, f"below {FRAME_MINIMUM[key]}:1 in {theme.name}"


def test_every_theme_colour_is_in_a_checked_pair() -> None:
    checked = {name for pair in (*style.TEXT_PAIRS, *style.FRAME_PAIRS) for name in pair}
    colours = {field.name for field in fields(style.Theme) if field.type == "str"} - {
        "key",
        "name",
    }
    assert colours - checked == set(), "a colour no contrast test looks at"


# -- what is drawn ---------------------------------------------------------------------------


def edge_runs(image: QImage, colour: str) -> list[int]:
    """How many pixels of a colour run inwards from the middle of each edge (l, r, t, b)."""
    target = QColor(colour).rgb()
    mid_x, mid_y = image.width() // 2, image.height() // 2
    starts = {
        "left": [(x, mid_y) for x in range(image.width())],
        "right": [(x, mid_y) for x in reversed(range(image.width()))],
        "top": [(mid_x, y) for y in range(image.height())],
        "bottom": [(mid_x, y) for y in reversed(range(image.height()))],
    }
    runs = []
    for points in starts.values():
        run = 0
        for x, y in points:
            if image.pixel(x, y) != target:
                break
            run += 1
        runs.append(run)
    return runs


def inside(image: QImage, margin: int) -> QImage:
    """The image without a margin all round."""
    return image.copy(margin, margin, image.width() - 2 * margin, image.height() - 2 * margin)


def has_colour(image: QImage, colour: str) -> bool:
    """Whether any pixel of the image is exactly the colour."""
    target = QColor(colour).rgb()
    return any(
        image.pixel(x, y) == target for x in range(image.width()) for y in range(image.height())
    )


@pytest.mark.parametrize("key", THEME_KEYS)
def test_a_focused_button_wears_a_thick_frame_that_is_not_only_a_colour(
    qapp: QApplication, qtbot: QtBot, key: str
) -> None:
    theme = style.theme_named(key)
    style.apply_look(qapp, style.DEFAULT_SCALE_INDEX, theme)
    holder = QWidget()
    qtbot.addWidget(holder)
    row = QHBoxLayout(holder)
    focused, other, checked = QPushButton("Taken"), QPushButton("Late"), QPushButton("6")
    checked.setCheckable(True)
    checked.setChecked(True)
    for button in (focused, other, checked):
        button.setMinimumSize(style.MIN_TARGET, style.MIN_TARGET)
        row.addWidget(button)
    holder.show()
    qtbot.waitExposed(holder)
    focused.setFocus()
    qtbot.wait(10)
    assert focused.hasFocus()

    def seen(button: QPushButton) -> QImage:
        """The button as it shows on the window (its margin shows the window behind it)."""
        return holder.grab(button.geometry()).toImage()

    ring = seen(focused)
    assert min(edge_runs(ring, theme.focus)) >= theme.focus_width, "a whole frame, all round"
    assert theme.focus_width >= 3
    plain = seen(other)
    assert not has_colour(plain, theme.focus), "only the focused button wears the focus colour"
    # Not by colour alone: around an unfocused button the window shows where the frame would be.
    gap = theme.focus_width - theme.border_width
    assert gap >= 2
    assert min(edge_runs(plain, theme.window)) >= gap
    assert min(edge_runs(inside(plain, gap), theme.border)) >= theme.border_width
    # A chosen value is filled with the accent colour (and bold), focused or not.
    chosen = seen(checked)
    assert chosen.pixelColor(chosen.width() // 2, 6 + theme.focus_width).name() == theme.accent
    checked.setFocus()
    qtbot.wait(10)
    chosen = seen(checked)
    assert min(edge_runs(chosen, theme.focus)) >= theme.focus_width


@pytest.mark.parametrize("key", THEME_KEYS)
def test_messages_and_cautions_wear_the_theme_colours(
    qapp: QApplication, qtbot: QtBot, key: str
) -> None:
    theme = style.theme_named(key)
    style.apply_look(qapp, style.DEFAULT_SCALE_INDEX, theme)
    bar = MessageBar()
    qtbot.addWidget(bar)
    bar.resize(400, 80)
    bar.show_message("Saved")
    qtbot.waitExposed(bar)
    image = bar.grab().toImage()
    assert image.pixelColor(image.width() // 2, 3).name() == theme.banner
    assert image.pixelColor(image.width() // 2, 0).name() == theme.banner_border
    assert has_colour(image, theme.banner_text)

    bar.show_message("The diary could not be saved", error=True)
    qtbot.wait(10)
    image = bar.grab().toImage()
    assert image.pixelColor(image.width() // 2, 3).name() == theme.error
    assert image.pixelColor(image.width() // 2, 0).name() == theme.error_border
    assert has_colour(image, theme.error_text)


@pytest.mark.parametrize("key", THEME_KEYS)
def test_the_palette_follows_the_theme(qapp: QApplication, key: str) -> None:
    theme = style.theme_named(key)
    style.apply_look(qapp, style.DEFAULT_SCALE_INDEX, theme)
    palette = qapp.palette()
    role = QPalette.ColorRole
    expected = {
        role.Window: theme.window,
        role.WindowText: theme.text,
        role.Base: theme.base,
        role.Text: theme.base_text,
        role.Button: theme.button,
        role.ButtonText: theme.button_text,
        role.Highlight: theme.highlight,
        role.HighlightedText: theme.highlighted_text,
        role.PlaceholderText: theme.placeholder,
        role.Link: theme.link,
        role.ToolTipBase: theme.tooltip,
        role.ToolTipText: theme.tooltip_text,
    }
    assert {r.name: palette.color(r).name() for r in expected} == {
        r.name: colour for r, colour in expected.items()
    }
    disabled = QPalette.ColorGroup.Disabled
    assert palette.color(disabled, role.WindowText).name() == theme.disabled_text
    assert palette.color(disabled, role.ButtonText).name() == theme.disabled_text
    assert style.current_theme(qapp) is theme


# -- the View menu ---------------------------------------------------------------------------


def theme_menu(window: MainWindow) -> tuple[QMenu, QMenu]:
    """The View menu and its Theme submenu, found as a person finds them: by their titles."""
    [view] = [a.menu() for a in window.menuBar().actions() if a.text() == "&View"]
    assert isinstance(view, QMenu)
    [themes] = [a.menu() for a in view.actions() if a.menu() and a.text() == "&Theme"]
    assert isinstance(themes, QMenu)
    return view, themes


def test_the_view_menu_offers_each_theme_once_as_a_checkable_choice(
    make_window: MakeWindow, person: Person
) -> None:
    window = make_window()
    _, themes = theme_menu(window)
    actions = themes.actions()
    assert [a.text() for a in actions] == [theme.name for theme in style.THEMES]
    assert all(a.isCheckable() for a in actions)
    group = actions[0].actionGroup()
    assert isinstance(group, QActionGroup)
    assert group.isExclusive()
    assert all(a.actionGroup() is group for a in actions)
    assert [a.isChecked() for a in actions] == [True, False, False], "Standard at first"
    letters = [a.text()[a.text().index("&") + 1].lower() for a in actions]
    assert len(set(letters)) == len(letters), "each theme has its own key"


def choose_by_keyboard(qtbot: QtBot, window: MainWindow, letter: Qt.Key) -> None:
    """View, T for Theme, then the theme's letter: the keys a person presses in the menus."""
    view, themes = theme_menu(window)
    view.popup(window.mapToGlobal(QPoint(20, 20)))
    qtbot.waitExposed(view)
    QTest.keyClick(view, Qt.Key.Key_T)
    qtbot.waitUntil(themes.isVisible)
    QTest.keyClick(themes, letter)
    qtbot.waitUntil(lambda: not view.isVisible())


# Menus are pop-up windows: the offscreen platform says it cannot raise them or grab the keys.
@pytest.mark.qt_log_ignore(
    "This plugin does not support raise()", "This plugin does not support grabbing the keyboard"
)
def test_a_theme_chosen_from_the_view_menu_is_applied_and_remembered(
    make_window: MakeWindow, qtbot: QtBot, settings_path: Path, person: Person, baclofen: Medicine
) -> None:
    window = make_window()
    app = QApplication.instance()
    assert isinstance(app, QApplication)

    choose_by_keyboard(qtbot, window, Qt.Key.Key_D)
    assert style.current_theme(app) is style.DARK
    assert app.palette().color(QPalette.ColorRole.Window).name() == style.DARK.window
    qtbot.wait(10)
    image = window.grab().toImage()
    assert image.pixelColor(image.width() - 3, image.height() - 3).name() == style.DARK.window
    _, themes = theme_menu(window)
    assert [a.isChecked() for a in themes.actions()] == [False, False, True]
    stored = QSettings(str(settings_path), QSettings.Format.IniFormat)
    assert stored.value(style.THEME_KEY) == "dark"

    # The text size keeps the theme, and the theme keeps the text size.
    window.larger_text()
    assert style.current_theme(app) is style.DARK
    choose_by_keyboard(qtbot, window, Qt.Key.Key_H)
    assert style.current_theme(app) is style.HIGH_CONTRAST
    assert app.font().pointSizeF() == pytest.approx(
        style.base_point_size(app) * style.TEXT_SCALES[style.DEFAULT_SCALE_INDEX + 1], abs=0.05
    )
    assert QSettings(str(settings_path), QSettings.Format.IniFormat).value(style.THEME_KEY) == (
        "high_contrast"
    )


def test_a_window_opened_with_a_remembered_theme_uses_it(
    qtbot: QtBot, services: Services, settings: QSettings, person: Person
) -> None:
    settings.setValue(style.THEME_KEY, "high_contrast")
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    window = MainWindow(services, settings)
    qtbot.addWidget(window)
    assert style.current_theme(app) is style.HIGH_CONTRAST
    assert app.palette().color(QPalette.ColorRole.Window).name() == style.HIGH_CONTRAST.window
    _, themes = theme_menu(window)
    assert [a.isChecked() for a in themes.actions()] == [False, True, False]


@pytest.mark.parametrize("stored", [None, "", "neon", 3])
def test_an_unknown_or_missing_theme_setting_means_the_standard_theme(stored: object) -> None:
    assert style.theme_from_setting(stored) is style.STANDARD


# -- text size -------------------------------------------------------------------------------


def test_the_normal_text_is_the_system_font_size_and_a_plus_scales_it(
    qapp: QApplication, qtbot: QtBot, make_window: MakeWindow, person: Person
) -> None:
    system = SYSTEM_POINT_SIZE  # the font the tests' desktop gives the app (tests/conftest.py)
    assert style.base_point_size(qapp) == pytest.approx(system)
    window = make_window()
    assert qapp.font().pointSizeF() == pytest.approx(system)
    window.larger_text()
    assert qapp.font().pointSizeF() == pytest.approx(
        system * style.TEXT_SCALES[style.DEFAULT_SCALE_INDEX + 1], abs=0.05
    )
    window.normal_text()
    assert qapp.font().pointSizeF() == pytest.approx(system)


@pytest.mark.parametrize("key", THEME_KEYS)
def test_typed_number_and_time_fields_show_their_text_and_the_same_frames(
    qapp: QApplication, qtbot: QtBot, key: str
) -> None:
    theme = style.theme_named(key)
    style.apply_look(qapp, style.DEFAULT_SCALE_INDEX, theme)
    holder = QWidget()
    qtbot.addWidget(holder)
    row = QHBoxLayout(holder)
    amount = amount_field("Dose", 1000.0, "mg")
    amount.setValue(15.0)
    at = TimeEdit(time(8, 0), "Time")
    for field in (amount, at):
        row.addWidget(field)
    holder.show()
    qtbot.waitExposed(holder)
    amount.setFocus()
    qtbot.wait(10)
    for field in (amount, at):
        edit = field.lineEdit()
        needed = edit.fontMetrics().horizontalAdvance(edit.text())
        assert edit.width() >= needed, f"{edit.text()!r} is cut"
    ring = holder.grab(amount.geometry()).toImage()
    assert min(edge_runs(ring, theme.focus)) >= theme.focus_width
    plain = holder.grab(at.geometry()).toImage()
    gap = theme.focus_width - theme.border_width
    assert min(edge_runs(plain, theme.window)) >= gap
    assert min(edge_runs(inside(plain, gap), theme.border)) >= theme.border_width
