"""Reminders from the tray and the reminder window: Taken, Snooze, Seen, Open, close to tray,
the carer's notice on Today, and the reminder settings with the start at login.

The tray icon is the real QSystemTrayIcon and its real menu; the offscreen platform has no
tray to show it in, so the centre is told there is one (has_tray=True) and the menu's actions
are triggered as the desktop would.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QMenu,
    QMessageBox,
    QPushButton,
)
from pytestqt.qtbot import QtBot

from spasticity_tracker.autostart import IN_TRAY, Autostart, Platform
from spasticity_tracker.domain.cautions import CautionKind
from spasticity_tracker.domain.entities import Carer, Medicine, Person, PersonId
from spasticity_tracker.domain.scales import DoseStatus
from spasticity_tracker.storage.database import Database
from spasticity_tracker.ui import style
from spasticity_tracker.ui.app_state import Services
from spasticity_tracker.ui.dialogs.reminder_settings_dialog import ReminderSettingsDialog
from spasticity_tracker.ui.main_window import MainWindow
from spasticity_tracker.ui.reminders import LOG_TIME_KEY, ON_KEY, ReminderCenter
from tests.builders import local
from tests.ui.helpers import User, activate, dialog_button
from tests.ui.test_keyboard import mnemonic_clashes
from tests.ui.test_screen_fit import fit_problems, screen_named

TODAY = date(2026, 3, 15)


class Clock:
    """The app's clock, moved on by the test."""

    def __init__(self) -> None:
        self.now = local(2026, 3, 15, 8, 5)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def quit_on_close() -> Iterator[None]:
    """Reminders in a tray keep the app running when its window closes; put that back."""
    yield
    QApplication.setQuitOnLastWindowClosed(True)


@pytest.fixture
def login(tmp_path: Path) -> Autostart:
    """This user's start at login, in the test's own home folder."""
    return Autostart(Platform.LINUX, tmp_path / "home", {})


@pytest.fixture
def reminded(
    qtbot: QtBot,
    database: Database,
    settings: QSettings,
    clock: Clock,
    baclofen: Medicine,
    carer: Carer,
    login: Autostart,
    quit_on_close: None,
) -> tuple[MainWindow, ReminderCenter]:
    """The window for Alex (baclofen at 08:00, 14:00 and 20:00) with reminders in a tray."""
    window = MainWindow(Services.on(database, clock), settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    center = ReminderCenter(
        window.services, window.state, settings, window.enterer_for, window, has_tray=True
    )
    qtbot.addWidget(center.window)
    window.attach_reminders(center, login)
    center.start()
    return window, center


def _doses(window: MainWindow, person_id: PersonId) -> list[tuple[time | None, DoseStatus]]:
    return [
        (record.scheduled_time, record.status)
        for record in window.services.diary.doses(person_id, TODAY, TODAY)
    ]


def test_a_due_dose_is_in_the_tray_and_the_window_and_told_once(
    reminded: tuple[MainWindow, ReminderCenter],
) -> None:
    _, center = reminded
    assert list(center.menu_actions()) == ["Baclofen 10 mg at 08:00"]
    assert list(center.menu_actions()["Baclofen 10 mg at 08:00"]) == [
        "Taken",
        "Snooze 10 min",
        "Snooze 30 min",
        "Snooze 1 hour",
        "Open",
    ]
    assert center.tray.isVisible()
    assert center.window.isVisible()
    assert [row.heading.text() for row in center.window.rows] == ["Baclofen 10 mg at 08:00"]
    assert center.notifications == [("Reminder", "Baclofen 10 mg at 08:00")]
    assert center.tray.toolTip() == "Spasticity Tracker: 1 reminder due"
    center.check()
    assert len(center.notifications) == 1  # still due, not told again


def test_taken_in_the_tray_records_the_dose_by_whoever_is_entering(
    reminded: tuple[MainWindow, ReminderCenter], person: Person, carer: Carer
) -> None:
    window, center = reminded
    window.state.set_entered_by(carer.id)
    center.menu_actions()["Baclofen 10 mg at 08:00"]["Taken"].trigger()
    assert person.id is not None
    records = window.services.diary.doses(person.id, TODAY, TODAY)
    assert [(r.scheduled_time, r.status, r.entered_by) for r in records] == [
        (time(8), DoseStatus.TAKEN, carer.id)
    ]
    assert records[0].taken_at == local(2026, 3, 15, 8, 5)
    assert center.menu_actions() == {}
    assert not center.window.isVisible()
    # Today shows it at once, as if it had been pressed there
    row = window.today.doses.rows[0]
    assert row.value() is DoseStatus.TAKEN


def test_taken_in_the_window_by_keyboard(
    qtbot: QtBot, reminded: tuple[MainWindow, ReminderCenter], person: Person
) -> None:
    window, center = reminded
    user = User(qtbot)
    activate(window, qtbot)
    # The window came up without taking the keyboard from what was being typed.
    assert QApplication.activeWindow() is window
    user.key(Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(center.window.isActiveWindow)
    taken = center.window.rows[0].button("Taken")
    assert user.focused() is taken
    assert taken.accessibleName() == "Taken: Baclofen 10 mg at 08:00"
    user.key(Qt.Key.Key_Space)
    assert person.id is not None
    assert _doses(window, person.id) == [(time(8), DoseStatus.TAKEN)]
    assert user.count == 2


def test_a_snoozed_reminder_comes_back_after_its_minutes(
    reminded: tuple[MainWindow, ReminderCenter], clock: Clock
) -> None:
    _, center = reminded
    center.window.rows[0].button("Snooze 10 min").click()
    assert center.menu_actions() == {}
    assert center.last is not None
    assert center.last.wake == local(2026, 3, 15, 8, 15)
    assert center.timer.isActive()
    clock.now = local(2026, 3, 15, 8, 15)
    center.check()
    assert list(center.menu_actions()) == ["Baclofen 10 mg at 08:00"]
    assert center.window.rows[0].detail.text().startswith("Due today (snoozed until 08:15).")
    assert center.notifications[-1] == ("Reminder", "Baclofen 10 mg at 08:00")
    assert len(center.notifications) == 2


def test_a_dose_recorded_on_today_is_not_reminded(
    qtbot: QtBot, reminded: tuple[MainWindow, ReminderCenter]
) -> None:
    window, center = reminded
    window.today.doses.rows[0].buttons[2].click()  # Missed
    window.today.save()
    qtbot.waitUntil(lambda: center.menu_actions() == {})
    assert not center.window.isVisible()


def test_the_daily_log_reminder_is_seen_and_gone(
    reminded: tuple[MainWindow, ReminderCenter], settings: QSettings, clock: Clock
) -> None:
    _window, center = reminded
    settings.setValue(LOG_TIME_KEY, "20:30")
    clock.now = local(2026, 3, 15, 20, 45)
    center.check()
    titles = list(center.menu_actions())
    assert "Today's log" in titles
    assert next(iter(center.menu_actions()["Today's log"])) == "Seen"
    center.menu_actions()["Today's log"]["Seen"].trigger()
    assert "Today's log" not in center.menu_actions()


def test_open_shows_that_persons_today(
    qtbot: QtBot,
    reminded: tuple[MainWindow, ReminderCenter],
    person: Person,
) -> None:
    window, center = reminded
    window.hide()
    window.show_page(2)
    center.menu_actions()["Baclofen 10 mg at 08:00"]["Open"].trigger()
    assert window.isVisible()
    assert window.tabs.currentWidget() is window.today
    assert window.state.person_id == person.id


def test_a_dose_over_an_hour_late_is_said_on_today_and_in_the_tray(
    reminded: tuple[MainWindow, ReminderCenter], clock: Clock
) -> None:
    window, center = reminded
    assert [c.kind for c in window.today.cautions.cautions] == []
    clock.now = local(2026, 3, 15, 9, 1)
    center.check()
    kinds = [c.kind for c in window.today.cautions.cautions]
    assert kinds == [CautionKind.NOT_RECORDED]
    assert center.notifications[-1] == (
        "A dose is more than an hour late",
        "Baclofen 10 mg at 08:00\nNot recorded yet: open the diary to record it.",
    )
    assert center.tray.toolTip() == (
        "Spasticity Tracker: 1 reminder due; 1 dose over an hour late, not recorded"
    )
    # Taken now records it late, and the notice goes.
    center.menu_actions()["Baclofen 10 mg at 08:00"]["Taken"].trigger()
    assert [c.kind for c in window.today.cautions.cautions] == []


def test_closing_keeps_the_app_in_the_tray_said_once_and_quit_quits(
    qtbot: QtBot, reminded: tuple[MainWindow, ReminderCenter]
) -> None:
    window, center = reminded
    assert not QApplication.quitOnLastWindowClosed()
    window.close()
    assert not window.isVisible()
    assert center.tray.isVisible()
    told = window.message_box
    assert isinstance(told, QMessageBox)
    assert told.isVisible()
    assert told.text().startswith("Spasticity Tracker keeps running in the system tray")
    told.accept()
    window.show()
    window.message_box = None
    window.close()
    assert window.message_box is None  # said once only
    center.quit_action.trigger()
    assert not window.isVisible()
    assert not center.tray.isVisible()
    assert not center.timer.isActive()


def test_reminder_settings_by_keyboard_write_the_login_start_and_switch_off(
    qtbot: QtBot,
    reminded: tuple[MainWindow, ReminderCenter],
    settings: QSettings,
    login: Autostart,
) -> None:
    window, center = reminded
    user = User(qtbot)
    dialog = window.reminder_settings()
    assert isinstance(dialog, ReminderSettingsDialog)
    qtbot.waitExposed(dialog)
    activate(dialog, qtbot)
    assert user.focused() is dialog.on
    assert not dialog.at_login.isChecked()
    user.key(Qt.Key.Key_I, Qt.KeyboardModifier.AltModifier)  # start when I log &in
    qtbot.waitUntil(dialog.at_login.isChecked)  # a mnemonic clicks with a short animation
    user.key(Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)  # remind me to &log the day
    qtbot.waitUntil(dialog.log.isChecked)
    user.key(Qt.Key.Key_Tab)
    assert user.focused() is dialog.log_time
    user.type_text("2115")
    with qtbot.waitSignal(dialog.accepted):
        user.key(Qt.Key.Key_Return)
    command = login.command()
    assert command is not None
    assert command[-3:] == ["--data-dir", str(window.data_folder), IN_TRAY]
    assert settings.value(LOG_TIME_KEY) == "21:15"

    dialog = window.reminder_settings()
    assert isinstance(dialog, ReminderSettingsDialog)
    qtbot.waitExposed(dialog)
    assert dialog.at_login.isChecked()  # read back from the file
    dialog.on.setChecked(False)
    dialog.at_login.setChecked(False)
    with qtbot.waitSignal(dialog.accepted):
        dialog_button(dialog, QDialogButtonBox.StandardButton.Save).click()
    assert not login.path.exists()
    assert settings.value(ON_KEY) in (False, "false")
    assert not center.tray.isVisible()
    assert QApplication.quitOnLastWindowClosed()
    window.close()  # with reminders off, closing is closing
    assert window.message_box is None


def test_a_login_start_that_cannot_be_written_is_said_in_the_dialog(
    qtbot: QtBot, reminded: tuple[MainWindow, ReminderCenter], login: Autostart
) -> None:
    window, _ = reminded
    login.home.mkdir()
    (login.home / ".config").write_text("a file where the folder should be")
    dialog = window.reminder_settings()
    assert isinstance(dialog, ReminderSettingsDialog)
    dialog.at_login.setChecked(True)
    dialog._on_buttons_accepted()
    assert dialog.isVisible()
    assert "Start at login could not be set: a part of the path is not a folder" in (
        dialog.message.text
    )


@pytest.mark.parametrize("screen_name", ["laptop-1280x720", "laptop-1366x768"])
def test_the_reminder_window_fits_a_small_screen_at_the_largest_text(
    qtbot: QtBot,
    reminded: tuple[MainWindow, ReminderCenter],
    settings: QSettings,
    clock: Clock,
    screen_name: str,
) -> None:
    _window, center = reminded
    style.apply_text_scale(QApplication.instance(), len(style.TEXT_SCALES) - 1)  # type: ignore[arg-type]
    settings.setValue(LOG_TIME_KEY, "20:00")
    clock.now = local(2026, 3, 15, 20, 30)  # three doses and the daily log
    screen = screen_named(screen_name)
    center.window.setScreen(screen)
    center.check()
    center.show_window()
    qtbot.waitExposed(center.window)
    assert len(center.window.rows) == 4
    free = screen.availableGeometry()
    assert center.window.width() <= free.width()
    assert center.window.height() <= free.height()
    assert fit_problems(center.window) == []
    for button in center.window.findChildren(QPushButton):
        if button.isVisible():
            assert button.width() >= button.sizeHint().width(), button.text()


def test_the_reminder_window_follows_a_larger_text_chosen_while_it_is_open(
    qtbot: QtBot,
    reminded: tuple[MainWindow, ReminderCenter],
    settings: QSettings,
    clock: Clock,
) -> None:
    window, center = reminded
    settings.setValue(LOG_TIME_KEY, "08:00")
    center.check()
    center.show_window()
    qtbot.waitExposed(center.window)
    before = center.window.width()
    for _ in range(len(style.TEXT_SCALES)):
        window.larger_text()
    qtbot.waitUntil(lambda: center.window.width() > before)  # while open, not only when shown
    free = center.window.screen().availableGeometry()
    assert free.contains(center.window.frameGeometry())
    assert fit_problems(center.window) == []


def test_each_alt_key_in_the_reminder_settings_and_the_file_menu_does_one_thing(
    qtbot: QtBot, reminded: tuple[MainWindow, ReminderCenter]
) -> None:
    window, _ = reminded
    dialog = window.reminder_settings()
    assert dialog is not None
    qtbot.waitExposed(dialog)
    assert mnemonic_clashes(dialog) == {}
    dialog.reject()
    file_menu = window.menuBar().actions()[0].menu()
    assert isinstance(file_menu, QMenu)
    keys = [
        QKeySequence.mnemonic(action.text()).toString()
        for action in file_menu.actions()
        if action.isVisible() and action.text()
    ]
    assert "Alt+H" in keys  # S&how due reminders
    assert len(keys) == len(set(keys)), keys
