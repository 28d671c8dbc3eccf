"""A typical day takes at most four presses or clicks, and every part of Today works by keyboard."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractButton, QApplication, QComboBox, QLabel, QTabBar, QWidget
from pytestqt.qtbot import QtBot

from spasticity_tracker.domain.entities import Medicine, Person
from spasticity_tracker.domain.scales import DoseStatus, EventKind, Severity
from spasticity_tracker.services.diary import DiaryService
from spasticity_tracker.ui.main_window import MainWindow
from tests.ui.helpers import DIALOGS, MakeWindow, User, activate, describe

MOST_INTERACTIONS = 4


def test_a_typical_day_takes_at_most_four_key_presses(
    window: MainWindow, qtbot: QtBot, diary: DiaryService, person: Person
) -> None:
    # Fresh window on Today: only the focus Qt and the app chose, no help from the test.
    assert window.tabs.currentWidget() is window.today
    activate(window, qtbot)
    user = User(qtbot)

    user.key(Qt.Key.Key_6)  # stiffness 6
    user.key(Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)  # All taken so far
    user.key(Qt.Key.Key_Return)  # save

    assert user.count <= MOST_INTERACTIONS
    assert person.id is not None
    assert [entry.stiffness for entry in diary.entries(person.id)] == [6]
    doses = diary.doses(person.id, diary.today(), diary.today())
    # On the tests' clock (noon) only the 08:00 dose is due: the later ones stay open.
    assert [dose.status for dose in doses] == [DoseStatus.TAKEN], (
        f"doses stored: {doses}; focus ended on {describe(QApplication.focusWidget())}"
    )


def test_a_typical_day_takes_at_most_four_clicks(
    window: MainWindow, qtbot: QtBot, diary: DiaryService, person: Person
) -> None:
    user = User(qtbot)
    user.click(window.today.form.stiffness.button_for(6))
    user.click(window.today.doses.all_taken)
    user.click(window.today.save_button)

    assert user.count <= MOST_INTERACTIONS
    assert person.id is not None
    assert [entry.stiffness for entry in diary.entries(person.id)] == [6]
    doses = diary.doses(person.id, diary.today(), diary.today())
    assert [dose.status for dose in doses] == [DoseStatus.TAKEN]  # 08:00, due by noon


def choose_in_row(user: User, buttons: Sequence[QAbstractButton], index: int) -> None:
    """Tab into a row of choice buttons, arrow to one and press Space."""
    user.tab_to(buttons[0])
    for _ in range(index):
        user.key(Qt.Key.Key_Right)
    assert buttons[index].hasFocus(), f"arrow keys did not reach {describe(buttons[index])}"
    user.key(Qt.Key.Key_Space)


def test_a_full_day_by_keyboard_alone(
    window: MainWindow, qtbot: QtBot, diary: DiaryService, person: Person
) -> None:
    page = window.today
    form = page.form
    activate(window, qtbot)
    window.today.setFocus()
    qtbot.wait(10)
    user = User(qtbot)

    user.key(Qt.Key.Key_7)
    assert form.stiffness.value() == 7
    choose_in_row(user, form.spasm_frequency.buttons, 3)
    assert form.spasm_severity.isVisible()
    choose_in_row(user, form.spasm_severity.buttons, 1)
    choose_in_row(user, form.pain.buttons, 2)
    choose_in_row(user, form.sleep.buttons, 5)
    user.tab_to(form.note)
    user.type_text("Bad night")

    user.tab_to(page.doses.all_taken)
    user.key(Qt.Key.Key_Space)
    late = page.doses.rows[1]
    user.tab_to(late.button_for(DoseStatus.TAKEN))  # a chosen button is the row's Tab stop
    user.key(Qt.Key.Key_Right)
    user.key(Qt.Key.Key_Space)
    assert late.value() is DoseStatus.LATE

    dizziness = page.side_effects.checks[1]
    user.tab_to(dizziness)
    user.key(Qt.Key.Key_Space)
    assert dizziness.isChecked()
    user.key(Qt.Key.Key_Tab)
    severity = user.focused()
    assert isinstance(severity, QComboBox), "Tab from a side effect goes to its severity"
    assert severity.accessibleName() == "Severity of dizziness"
    user.key(Qt.Key.Key_Down)
    user.key(Qt.Key.Key_Down)
    assert severity.currentData() is Severity.SEVERE

    fall = next(b for b in page.events.buttons if b.text() == EventKind.FALL.label)
    user.tab_to(fall)
    user.key(Qt.Key.Key_Space)
    user.key(Qt.Key.Key_Return)

    assert person.id is not None
    entries = diary.entries(person.id)
    assert [
        (e.stiffness, e.spasm_frequency, e.spasm_severity, e.pain, e.sleep_disruption, e.note)
        for e in entries
    ] == [(7, 3, 2, 2, 5, "Bad night")]
    doses = diary.doses(person.id, diary.today(), diary.today())
    # The 20:00 dose is not due at noon: "all taken so far" leaves it open.
    assert [dose.status for dose in doses] == [DoseStatus.TAKEN, DoseStatus.LATE]
    assert [(s.effect, s.severity) for s in diary.side_effects(person.id)] == [
        ("dizziness", Severity.SEVERE)
    ]
    assert [e.kind for e in diary.events(person.id)] == [EventKind.FALL]
    assert form.symptoms().is_blank


def tab_order(qtbot: QtBot, first: QWidget, most: int = 200) -> list[QWidget]:
    """The widgets Tab visits from `first` until it comes back round to it.

    A date edit keeps the focus while Tab steps through its day, month, year and time.
    """
    first.setFocus()
    qtbot.wait(10)
    user = User(qtbot)
    visited = [first]
    for _ in range(most):
        user.key(Qt.Key.Key_Tab)
        widget = user.focused()
        if widget is first:
            break
        if widget is not visited[-1]:
            visited.append(widget)
    return visited


def test_tab_follows_the_today_page_in_reading_order(window: MainWindow, qtbot: QtBot) -> None:
    page = window.today
    form = page.form
    activate(window, qtbot)
    order = tab_order(qtbot, window.person_combo)
    in_order = [
        ("stiffness", form.stiffness.buttons[0]),
        ("spasms", form.spasm_frequency.buttons[0]),
        ("pain", form.pain.buttons[0]),
        ("sleep", form.sleep.buttons[0]),
        ("note", form.note),
        ("all taken", page.doses.all_taken),
        ("first dose", page.doses.rows[0].buttons[0]),
        ("last dose", page.doses.rows[-1].buttons[0]),
        ("first side effect", page.side_effects.checks[0]),
        ("other side effect", page.side_effects.other),
        ("first event", page.events.buttons[0]),
        ("save", page.save_button),
    ]
    missing = [name for name, widget in in_order if widget not in order]
    assert not missing, f"Tab never reaches: {missing}"
    positions = [(order.index(widget), name) for name, widget in in_order]
    assert positions == sorted(positions), "Tab visits Today's parts in this order: " + ", ".join(
        name for _, name in sorted(positions)
    )


def mnemonic_clashes(top: QWidget) -> dict[str, list[str]]:
    """Alt+letter keys claimed by more than one visible control in a window."""
    claims: dict[str, list[str]] = defaultdict(list)

    def claim(text: str, owner: str) -> None:
        key = QKeySequence.mnemonic(text).toString()
        if key:
            claims[key].append(owner)

    for widget in top.findChildren(QWidget):
        if not widget.isVisible():
            continue
        if isinstance(widget, QAbstractButton):
            claim(widget.text(), f"button {widget.text()!r}")
        elif isinstance(widget, QLabel) and widget.buddy() is not None:
            claim(widget.text(), f"label {widget.text()!r}")
        elif isinstance(widget, QTabBar):
            for index in range(widget.count()):
                claim(widget.tabText(index), f"tab {widget.tabText(index)!r}")
    if hasattr(top, "menuBar") and top.menuBar().isVisible():
        for action in top.menuBar().actions():
            claim(action.text(), f"menu {action.text()!r}")
    return {key: owners for key, owners in claims.items() if len(owners) > 1}


@pytest.mark.parametrize("page", ["today", "history", "medicines", "trends", "summary"])
def test_each_alt_key_does_one_thing(window: MainWindow, qtbot: QtBot, page: str) -> None:
    window.show_page(["today", "history", "medicines", "trends", "summary"].index(page))
    qtbot.wait(10)
    assert mnemonic_clashes(window) == {}


def test_each_alt_key_on_the_welcome_does_one_thing(make_window: MakeWindow, qtbot: QtBot) -> None:
    window = make_window()
    assert window.stack.currentWidget() is window.welcome
    assert mnemonic_clashes(window) == {}


@pytest.mark.parametrize("kind", ["person", "entry", "extra dose", "medicine"])
def test_each_alt_key_in_each_dialog_does_one_thing(
    window: MainWindow, qtbot: QtBot, person: Person, baclofen: Medicine, kind: str
) -> None:
    dialog = DIALOGS[kind](window, person, baclofen)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert mnemonic_clashes(dialog) == {}
    dialog.reject()
