"""Reminders while the app runs: a tray icon, a reminder window, and a timer that only wakes.

What is due comes from the domain schedule (domain/reminders.py through ReminderService);
this module shows it. The timer fires at the schedule's next moment (or after five minutes at
most, so that a laptop woken from sleep or a clock put right is noticed soon), and asks again.

Each reminder offers Taken (a dose), Seen (anything else), Snooze for 10, 30 or 60 minutes,
and Open (the diary's Today page for that person). They are in the reminder window, with
large buttons that the keyboard reaches, and in the tray icon's menu. The desktop's own
notification (through QSystemTrayIcon) says that a reminder fell due; it never has to be
clicked in time, since the reminder stays in the window and the menu until acted on.

Snoozes and the reminders closed with Seen last while the app runs.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QEvent, QObject, QSettings, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QIcon
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QMenu,
    QPushButton,
    QScrollArea,
    QSystemTrayIcon,
    QVBoxLayout,
    QWidget,
)

from spasticity_tracker import APP_NAME
from spasticity_tracker.domain.entities import CarerId, DoseRecord, Person, PersonId
from spasticity_tracker.domain.errors import TrackerError
from spasticity_tracker.domain.reminders import (
    SNOOZE_MINUTES,
    Reminder,
    ReminderKey,
    ReminderKind,
    Snooze,
    in_zone,
    snooze,
)
from spasticity_tracker.paths import resources_dir
from spasticity_tracker.presentation import reminders_view as words
from spasticity_tracker.services.changes import DataChange
from spasticity_tracker.services.reminders import ReminderCheck, ReminderChoices
from spasticity_tracker.ui.app_state import AppState, Services
from spasticity_tracker.ui.widgets.fields import enforce_targets, heading, plain_label
from spasticity_tracker.ui.widgets.message_bar import MessageBar
from spasticity_tracker.ui.widgets.screen_fit import fit_to_screen, free_area

ON_KEY = "reminders/on"
LOG_TIME_KEY = "reminders/log_time"  # "HH:MM", or "" for no daily log reminder
TOLD_TRAY_KEY = "reminders/told_close_to_tray"
DEFAULT_LOG_TIME = time(20)
LONGEST_SLEEP = timedelta(minutes=5)
PREFERRED_WIDTH = 640

Enterer = Callable[[PersonId], CarerId | None]


def reminders_on(settings: QSettings) -> bool:
    """Reminders are on unless switched off: missed doses are what the app warns about."""
    return settings.value(ON_KEY, True) not in (False, "false")


def log_time(settings: QSettings) -> time | None:
    """The chosen time of the daily log reminder (None: no such reminder)."""
    value = str(settings.value(LOG_TIME_KEY, "") or "")
    try:
        hours, minutes = value.split(":")
        return time(int(hours), int(minutes))
    except ValueError:
        return None


def tray_available() -> bool:
    return QSystemTrayIcon.isSystemTrayAvailable()


class ReminderCenter(QObject):
    """Asks the schedule what is due, and shows it in the tray and the reminder window."""

    checked = Signal(object)  # ReminderCheck, after every look
    open_requested = Signal(object)  # PersonId: show that person's Today page
    quit_requested = Signal()

    def __init__(
        self,
        services: Services,
        state: AppState,
        settings: QSettings,
        enterer: Enterer,
        parent: QObject | None = None,
        *,
        has_tray: bool | None = None,
    ):
        super().__init__(parent)
        self._services = services
        self._state = state
        self._settings = settings
        self._enterer = enterer
        self.has_tray = tray_available() if has_tray is None else has_tray
        self._snoozes: dict[PersonId, list[Snooze]] = {}
        self._dismissed: dict[PersonId, set[ReminderKey]] = {}
        self._notified: set[tuple[PersonId, ReminderKey, datetime]] = set()
        self._told_late: set[tuple[PersonId, ReminderKey]] = set()
        self.last: ReminderCheck | None = None
        self.notifications: list[tuple[str, str]] = []  # what the desktop was told, in order

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setTimerType(Qt.TimerType.CoarseTimer)
        self.timer.timeout.connect(self.check)

        self.tray = QSystemTrayIcon(
            QIcon(str(resources_dir() / "icons" / "spasticity-tracker.svg")), self
        )
        self.tray.setToolTip(APP_NAME)
        self.menu = QMenu()
        self.tray.setContextMenu(self.menu)
        self.tray.activated.connect(self._on_tray_activated)
        self.tray.messageClicked.connect(self.show_window)
        self.window = ReminderWindow(self)
        state.data_changed.connect(self._on_state_data_changed)
        self._build_menu()

    # -- switching on and off ----------------------------------------------------------------

    @property
    def enabled(self) -> bool:
        return reminders_on(self._settings)

    @property
    def keeps_running(self) -> bool:
        """Whether closing the window leaves the app running in the tray."""
        return self.enabled and self.has_tray

    def start(self) -> None:
        """Show the tray icon (where there is a tray) and look at once; nothing when off."""
        if not self.enabled:
            self.stop()
            return
        if self.has_tray:
            self.tray.show()
        self.check()

    def stop(self) -> None:
        self.timer.stop()
        self.tray.hide()
        self.window.hide()
        self.last = None
        self._build_menu()

    # -- looking -------------------------------------------------------------------------------

    def choices(self) -> ReminderChoices:
        return ReminderChoices(snoozes=self._snoozes, dismissed=self._dismissed)

    def check(self) -> ReminderCheck | None:
        """Ask what is due now; tell the desktop of what is new; sleep until the next moment."""
        if not self.enabled:
            return None
        try:
            found = self._services.reminders.check(log_time(self._settings), self.choices())
        except TrackerError:
            self.timer.start(int(LONGEST_SLEEP.total_seconds() * 1000))
            return None
        self.last = found
        self._build_menu()
        self.window.show_check(found)
        self._tell_new(found)
        self.tray.setToolTip(words.tooltip(len(found.due), len(found.late)))
        sleep = min(found.wake - found.now, LONGEST_SLEEP)
        self.timer.start(max(1000, int(sleep.total_seconds() * 1000) + 500))
        self.checked.emit(found)
        return found

    def _several(self) -> bool:
        return self.last is not None and len(self.last.people) > 1

    def _tell_new(self, found: ReminderCheck) -> None:
        """One notification for whatever fell due or became late since the last look."""
        several = len(found.people) > 1
        late = []
        for person, reminder in found.late:
            assert person.id is not None
            if (person.id, reminder.key) not in self._told_late:
                self._told_late.add((person.id, reminder.key))
                late.append(words.title(person, reminder, several_people=several))
        new = []
        for person, reminder in found.due:
            assert person.id is not None
            seen = (person.id, reminder.key, reminder.due)
            if seen not in self._notified:
                self._notified.add(seen)
                line = words.title(person, reminder, several_people=several)
                if line not in late:  # a dose late at the first look is told of once
                    new.append(line)
        if not new and not late:
            return
        if late:
            title, text = words.late_notification(late)
            if new:
                text += "\n\n" + words.notification(new)[1]
        else:
            title, text = words.notification(new)
        self._notify(title, text, warning=bool(late))
        self.window.show_without_focus()

    def _notify(self, title: str, text: str, *, warning: bool = False) -> None:
        self.notifications.append((title, text))
        if self.has_tray and self.tray.isVisible():
            icon = (
                QSystemTrayIcon.MessageIcon.Warning
                if warning
                else QSystemTrayIcon.MessageIcon.Information
            )
            self.tray.showMessage(title, text, icon, 15_000)

    def _on_state_data_changed(self, change: DataChange) -> None:
        if self.enabled and change & (
            DataChange.DOSES
            | DataChange.ENTRIES
            | DataChange.REGIMENS
            | DataChange.MEDICINES
            | DataChange.PEOPLE
            | DataChange.REFILLS
            | DataChange.APPOINTMENTS
        ):
            QTimer.singleShot(0, self.check)  # after every page has taken the change in

    # -- what a reminder offers ----------------------------------------------------------------

    def take(self, person: Person, reminder: Reminder) -> DoseRecord | None:
        """Record a reminded dose taken now, by whoever enters for that person."""
        assert person.id is not None
        try:
            saved = self._services.reminders.take(reminder, self._enterer(person.id))
        except TrackerError as error:
            self.window.message.show_message(str(error), error=True)
            return None
        self._state.broadcast(saved.change)
        self.check()
        return saved.value

    def snooze(self, person: Person, reminder: Reminder, minutes: int) -> None:
        assert person.id is not None
        made = snooze(reminder, minutes, self._services.reminders.now())
        self._snoozes.setdefault(person.id, []).append(made)
        self.check()

    def dismiss(self, person: Person, reminder: Reminder) -> None:
        """Seen: the reminder is closed and not shown again (a dose is still late for a carer)."""
        assert person.id is not None
        self._dismissed.setdefault(person.id, set()).add(reminder.key)
        self.check()

    def open_person(self, person: Person) -> None:
        self.open_requested.emit(person.id)

    # -- the window and the tray menu ---------------------------------------------------------

    def show_window(self) -> None:
        """Bring the reminder window up, with the keyboard in it."""
        if self.last is None:
            self.check()
        self.window.show_check(self.last)
        self.window.show_focused()

    def _on_tray_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (
            QSystemTrayIcon.ActivationReason.Trigger,
            QSystemTrayIcon.ActivationReason.DoubleClick,
        ):
            if self.last is not None and (self.last.due or self.last.late):
                self.show_window()
            else:
                self.open_requested.emit(None)

    def _build_menu(self) -> None:
        self.menu.clear()
        found = self.last
        several = self._several()
        if found is not None:
            for person, reminder in found.due:
                sub = self.menu.addMenu(words.title(person, reminder, several_people=several))
                for text, act in self._reminder_actions(person, reminder):
                    sub.addAction(text).triggered.connect(act)
            if found.due:
                self.menu.addSeparator()
        self.show_reminders_action = self.menu.addAction("Show reminders…")
        self.show_reminders_action.triggered.connect(self.show_window)
        self.open_action = self.menu.addAction(f"Open {APP_NAME}")
        self.open_action.triggered.connect(lambda: self.open_requested.emit(None))
        self.menu.addSeparator()
        self.quit_action: QAction = self.menu.addAction(f"Quit {APP_NAME}")
        self.quit_action.triggered.connect(self.quit_requested)

    def _reminder_actions(
        self, person: Person, reminder: Reminder
    ) -> list[tuple[str, Callable[[], object]]]:
        """(text, what it does) for each choice a reminder offers, in the order shown."""
        actions: list[tuple[str, Callable[[], object]]] = []
        if reminder.kind is ReminderKind.DOSE:
            actions.append(("Taken", lambda: self.take(person, reminder)))
        else:
            actions.append(("Seen", lambda: self.dismiss(person, reminder)))

        def snoozer(minutes: int) -> Callable[[], object]:
            return lambda: self.snooze(person, reminder, minutes)

        for minutes in SNOOZE_MINUTES:
            actions.append((f"Snooze {words.SNOOZE_LABELS[minutes]}", snoozer(minutes)))
        actions.append(("Open", lambda: self.open_person(person)))
        return actions

    def menu_actions(self) -> dict[str, dict[str, QAction]]:
        """The tray menu's reminders by title, each with its choices by text."""
        found = {}
        for action in self.menu.actions():
            sub = action.menu()
            if isinstance(sub, QMenu):
                found[action.text()] = {each.text(): each for each in sub.actions()}
        return found


class ReminderWindow(QDialog):
    """The reminders due now, each with large Taken (or Seen), Snooze and Open buttons."""

    def __init__(self, center: ReminderCenter):
        super().__init__(None)
        self._center = center
        self.setWindowTitle(f"Reminders: {APP_NAME}")
        self.setWindowIcon(QIcon(str(resources_dir() / "icons" / "spasticity-tracker.svg")))
        self.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint)
        outer = QVBoxLayout(self)
        self.message = MessageBar()
        outer.addWidget(self.message)
        self.late_frame = QFrame()
        self.late_frame.setProperty("role", "error")
        self.late = plain_label()
        self.late.setAccessibleName("Doses over an hour late")
        QVBoxLayout(self.late_frame).addWidget(self.late)
        self.late_frame.hide()
        outer.addWidget(self.late_frame)
        self.area = QScrollArea()
        self.area.setWidgetResizable(True)
        self.area.setFrameShape(QFrame.Shape.NoFrame)
        self.area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        outer.addWidget(self.area, 1)
        self.close_button = QPushButton("Close")
        self.close_button.setAccessibleName("Close the reminders (they stay in the tray)")
        self.close_button.clicked.connect(self.hide)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.close_button)
        outer.addLayout(bottom)
        self.rows: list[ReminderRow] = []
        self.show_check(None)

    def show_check(self, found: ReminderCheck | None) -> None:
        """Show what a look found; hide when nothing is left to show."""
        due = [] if found is None else found.due
        late = [] if found is None else found.late
        several = found is not None and len(found.people) > 1
        had_focus = self.isActiveWindow()
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 0, 0)
        self.rows = []
        late_keys = {(p.id, r.key) for p, r in late}
        for person, reminder in due:
            assert found is not None
            today = in_zone(found.now).date()
            is_late = (person.id, reminder.key) in late_keys
            row = ReminderRow(self._center, person, reminder, several, today, late=is_late)
            self.rows.append(row)
            layout.addWidget(row)
        if not due:
            layout.addWidget(plain_label("Nothing is due now."))
        layout.addStretch(1)
        self.area.setWidget(content)
        # Late doses without a row of their own (snoozed, or closed with Seen) are listed above.
        due_keys = {(p.id, r.key) for p, r in due}
        lines = [
            words.title(p, r, several_people=several)
            for p, r in late
            if (p.id, r.key) not in due_keys
        ]
        self.late.setText(
            "Over an hour late and not recorded:\n" + "\n".join(lines) if lines else ""
        )
        self.late_frame.setVisible(bool(lines))
        enforce_targets(self)
        if self.isVisible():
            if not due and not late:
                self.hide()
                return
            self._fit()
            if had_focus:
                self.focus_first()

    def focus_first(self) -> None:
        target = self.rows[0].buttons[0] if self.rows else self.close_button
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    def _fit(self) -> None:
        """As tall as the reminders need and as wide as their buttons, within the screen."""
        self.ensurePolished()
        outer = self.layout()
        assert outer is not None
        outer.activate()
        content = self.area.widget()
        assert content is not None
        inner = content.layout()
        assert inner is not None
        margins = outer.contentsMargins()
        bar = self.area.verticalScrollBar().sizeHint().width()
        width = max(PREFERRED_WIDTH, content.minimumSizeHint().width() + bar)
        width += margins.left() + margins.right()
        inside = width - margins.left() - margins.right() - bar
        if inner.hasHeightForWidth():  # wrapped text is as tall as its width makes it
            needed = inner.totalHeightForWidth(inside)
        else:
            needed = inner.totalSizeHint().height()
        around = outer.totalSizeHint().height() - self.area.sizeHint().height()
        fit_to_screen(self, QSize(width, around + needed))
        free = free_area(self)
        frame = self.frameGeometry()
        if not free.contains(frame):  # grown past the screen's edge: moved back onto it
            x = max(free.left(), min(frame.left(), free.right() + 1 - frame.width()))
            y = max(free.top(), min(frame.top(), free.bottom() + 1 - frame.height()))
            self.move(x, y)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        # A text size chosen while the window is up: it grows (or shrinks) to the new text.
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.FontChange) and self.isVisible():
            QTimer.singleShot(0, self._fit)

    def show_without_focus(self) -> None:
        """Up on top, without taking the keyboard from whatever the person is typing in."""
        if self.isVisible():
            return
        self._fit()
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, True)
        self.show()
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, False)

    def show_focused(self) -> None:
        self._fit()
        self.show()
        self.raise_()
        self.activateWindow()
        self.focus_first()

    def closeEvent(self, event: QCloseEvent) -> None:
        # Closing only hides: the reminders stay in the tray's menu until acted on.
        event.ignore()
        self.hide()


class ReminderRow(QFrame):
    """One reminder: what and when, then its buttons in a row."""

    def __init__(
        self,
        center: ReminderCenter,
        person: Person,
        reminder: Reminder,
        several: bool,
        today: date,
        *,
        late: bool = False,
    ):
        super().__init__()
        self.person = person
        self.reminder = reminder
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        name = words.title(person, reminder, several_people=several)
        self.heading = heading(name, role="subheading")
        layout.addWidget(self.heading)
        self.detail = plain_label(words.detail(reminder, today, late=late))
        layout.addWidget(self.detail)
        buttons = QHBoxLayout()
        self.buttons: list[QPushButton] = []
        for text, act in center._reminder_actions(person, reminder):
            button = QPushButton(text)
            button.setAccessibleName(f"{text}: {name}")
            button.clicked.connect(act)
            if text == "Taken":
                button.setProperty("role", "primary")
            buttons.addWidget(button)
            self.buttons.append(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

    def button(self, text: str) -> QPushButton:
        return next(button for button in self.buttons if button.text() == text)
