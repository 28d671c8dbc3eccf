"""The appointment cycle in the window: recording an appointment, the check-in before the next
one (goals rated by keyboard alone, and skippable), and the appointments list with Undo."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from spasticity_tracker.domain.entities import (
    Appointment,
    AshworthScore,
    Carer,
    Goal,
    Medicine,
    Person,
)
from spasticity_tracker.domain.scales import Ashworth, BodySide, EventKind
from spasticity_tracker.services.appointments import AppointmentService
from spasticity_tracker.storage.database import Database
from spasticity_tracker.ui import style
from spasticity_tracker.ui.dialogs.appointment_dialog import AppointmentDialog
from spasticity_tracker.ui.dialogs.appointments_dialog import AppointmentsDialog
from spasticity_tracker.ui.dialogs.check_in_dialog import CheckInDialog
from spasticity_tracker.ui.main_window import MainWindow
from tests.conftest import fixed_clock
from tests.ui.helpers import MakeWindow, User, activate, dialog_button
from tests.ui.test_keyboard import mnemonic_clashes
from tests.ui.test_screen_fit import fit_problems, screen_named

TODAY = date(2026, 3, 15)  # the tests' clock


@pytest.fixture
def agreed(database: Database, person: Person, baclofen: Medicine, carer: Carer) -> Appointment:
    """Alex's appointment of 1 February with two goals, the next one on 20 March."""
    assert person.id is not None
    return (
        AppointmentService(database, fixed_clock)
        .save(
            Appointment(
                person_id=person.id,
                day=date(2026, 2, 1),
                clinician="Dr Lewis",
                service="Spasticity clinic",
                next_day=date(2026, 3, 20),
                goals=(
                    Goal(text="Put on my left shoe without help", expected="Most mornings"),
                    Goal(text="Walk to the shop", expected="With one stick"),
                ),
            )
        )
        .value
    )


def test_recording_an_appointment_with_its_goals_and_scores(
    qtbot: QtBot, window: MainWindow, person: Person
) -> None:
    listing = window.show_appointments()
    assert isinstance(listing, AppointmentsDialog)
    qtbot.waitExposed(listing)
    assert listing.none.isVisible()
    dialog = listing.record()
    assert isinstance(dialog, AppointmentDialog)
    qtbot.waitExposed(dialog)
    dialog.day.setDate(QDate(2026, 3, 10))
    dialog.clinician.setText("Dr Lewis")
    dialog.service.setText("Spasticity clinic, St Mary's")
    dialog.decided.setPlainText("Baclofen up to 20 mg three times a day")
    dialog.has_next.setChecked(True)
    dialog.next_day.setDate(QDate(2026, 6, 9))
    dialog.goal_texts[0].setText("Put on my left shoe without help")
    dialog.goal_expected[0].setText("Most mornings")
    dialog.add_score.click()
    row = dialog.ashworth_rows[0]
    assert dialog.focusWidget() is row.muscle
    row.muscle.setText("Elbow flexors")
    row.side.setCurrentIndex(row.side.findData(BodySide.LEFT))
    row.score.setCurrentIndex(row.score.findData(Ashworth.ONE_PLUS))
    dialog.add_score.click()  # an empty row is left out
    with qtbot.waitSignal(dialog.accepted):
        dialog_button(dialog, QDialogButtonBox.StandardButton.Save).click()
    assert person.id is not None
    [saved] = window.services.appointments.appointments(person.id)
    assert (saved.day, saved.clinician, saved.service, saved.next_day) == (
        date(2026, 3, 10),
        "Dr Lewis",
        "Spasticity clinic, St Mary's",
        date(2026, 6, 9),
    )
    assert saved.notes == "Baclofen up to 20 mg three times a day"
    assert saved.goals == (Goal(text="Put on my left shoe without help", expected="Most mornings"),)
    assert saved.ashworth == (
        AshworthScore(muscle="Elbow flexors", side=BodySide.LEFT, score=Ashworth.ONE_PLUS),
    )
    assert listing.model.rowCount() == 1
    assert listing.model.index(0, 0).data() == "10 Mar 2026"
    assert listing.message.text == "Appointment of 10 Mar 2026 recorded."
    # Today counts down to the next one; the check-in is not offered this far ahead.
    assert window.today.cycle_bar.isVisibleTo(window)
    assert window.today.cycle_text.text() == "Next appointment: Tue 9 Jun 2026, in 86 days."
    assert not window.today.check_in_button.isVisibleTo(window)


def test_a_goal_without_words_but_with_an_outcome_is_refused_in_the_dialog(
    qtbot: QtBot, window: MainWindow, person: Person
) -> None:
    listing = window.show_appointments()
    assert isinstance(listing, AppointmentsDialog)
    dialog = listing.record()
    assert isinstance(dialog, AppointmentDialog)
    qtbot.waitExposed(dialog)
    dialog.goal_expected[1].setText("Most mornings")
    dialog_button(dialog, QDialogButtonBox.StandardButton.Save).click()
    assert dialog.isVisible()
    assert "goal 2" in dialog.message.text
    assert person.id is not None
    assert window.services.appointments.appointments(person.id) == []


def test_the_check_in_rates_goals_by_keyboard_alone(
    qtbot: QtBot, make_window: MakeWindow, agreed: Appointment, carer: Carer, person: Person
) -> None:
    window = make_window()
    window.state.set_entered_by(carer.id)
    today = window.today
    assert today.cycle_text.text() == (
        "Next appointment: Fri 20 Mar 2026, in 5 days. A short check-in helps prepare for it."
    )
    assert today.check_in_button.isVisibleTo(window)
    user = User(qtbot)
    activate(window, qtbot)
    user.key(Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)  # Chec&k in…
    qtbot.waitUntil(lambda: isinstance(window.open_dialog, CheckInDialog))  # a button's Alt key
    dialog = window.open_dialog
    assert isinstance(dialog, CheckInDialog)
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(dialog.isActiveWindow)
    assert user.focused() is dialog.pgic.buttons[0]
    user.key(Qt.Key.Key_3)  # "minimally improved"
    assert dialog.pgic.value() == 3
    user.key(Qt.Key.Key_Tab)  # to goal 1, at -2
    for _ in range(3):
        user.key(Qt.Key.Key_Right)  # -1, 0, +1
    user.key(Qt.Key.Key_Space)
    assert dialog.ratings[0].value() == 1
    user.key(Qt.Key.Key_Tab)  # to goal 2
    user.key(Qt.Key.Key_Right)
    user.key(Qt.Key.Key_Space)
    assert dialog.ratings[1].value() == -1
    with qtbot.waitSignal(dialog.accepted):
        user.key(Qt.Key.Key_Return)
    assert user.count == 11  # Alt+K, 3, Tab, Right x3, Space, Tab, Right, Space, Enter
    assert person.id is not None
    cycle = window.services.appointments.cycle(person.id)
    assert cycle.check_in is not None
    assert (cycle.check_in.pgic, cycle.check_in.entered_by) == (3, carer.id)
    assert [(g.rating, g.rated_on) for g in cycle.goals_to_rate] == [(1, TODAY), (-1, TODAY)]
    assert today.cycle_text.text() == (
        "Next appointment: Fri 20 Mar 2026, in 5 days. Checked in on 15 Mar 2026."
    )
    assert not today.check_in_button.isVisibleTo(window)


def test_the_check_in_records_falls_and_questions(
    qtbot: QtBot, make_window: MakeWindow, agreed: Appointment, person: Person
) -> None:
    window = make_window()
    dialog = window.check_in()
    assert isinstance(dialog, CheckInDialog)
    qtbot.waitExposed(dialog)
    dialog.fall_day.setDate(QDate(2026, 1, 20))  # before the last appointment: refused
    dialog.add_fall.click()
    assert "before the last appointment" in dialog.message.text
    dialog.fall_day.setDate(QDate(2026, 3, 2))
    dialog.add_fall.click()
    dialog.add_fall.click()  # the same date twice is one fall
    assert dialog.falls_added.text() == "To add: 2 Mar 2026"
    dialog.questions.setPlainText("Is the evening dose the cause of the drowsiness?")
    with qtbot.waitSignal(dialog.accepted):
        dialog_button(dialog, QDialogButtonBox.StandardButton.Save).click()
    assert person.id is not None
    falls = [e for e in window.services.diary.events(person.id) if e.kind is EventKind.FALL]
    assert [f.start_date for f in falls] == [date(2026, 3, 2)]
    assert window.services.people.person(person.id).questions == (
        "Is the evening dose the cause of the drowsiness?"
    )
    # Nothing else was asked of the person: no impression given, no check-in made.
    assert window.services.appointments.cycle(person.id).check_in is None


def test_the_check_in_is_skippable_and_never_in_the_way_of_the_three_keys(
    qtbot: QtBot, make_window: MakeWindow, agreed: Appointment, person: Person
) -> None:
    window = make_window()
    dialog = window.check_in()
    assert isinstance(dialog, CheckInDialog)
    qtbot.waitExposed(dialog)
    skip = dialog_button(dialog, QDialogButtonBox.StandardButton.Cancel)
    assert skip.text() == "Not now"
    skip.click()
    assert person.id is not None
    assert window.services.appointments.cycle(person.id).check_in is None
    # Still offered, and the day is still logged in three keys from the stiffness row.
    assert window.today.check_in_button.isVisibleTo(window)
    window.show_page(0)
    activate(window, qtbot)
    user = User(qtbot)
    assert user.focused() is window.today.form.stiffness.buttons[0]
    user.key(Qt.Key.Key_5)
    user.key(Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    user.key(Qt.Key.Key_Return)
    [entry] = window.services.diary.entries(person.id)
    assert entry.stiffness == 5


def test_removing_an_appointment_and_undoing_it(
    qtbot: QtBot, make_window: MakeWindow, agreed: Appointment, person: Person
) -> None:
    window = make_window()
    listing = window.show_appointments()
    assert isinstance(listing, AppointmentsDialog)
    qtbot.waitExposed(listing)
    activate(listing, qtbot)
    user = User(qtbot)
    assert user.focused() is listing.table
    user.key(Qt.Key.Key_Delete)
    assert person.id is not None
    assert window.services.appointments.appointments(person.id) == []
    assert listing.message.text == "Appointment of 1 Feb 2026 removed, with its scores and goals."
    assert listing.none.isVisible()
    assert not window.today.cycle_bar.isVisibleTo(window)
    listing.message.action_triggered.emit()  # Undo
    [back] = window.services.appointments.appointments(person.id)
    assert back.goals == agreed.goals
    assert back.id == agreed.id
    assert listing.model.rowCount() == 1
    assert window.today.cycle_bar.isVisibleTo(window)


def test_correcting_keeps_a_goals_rating_while_its_words_stay(
    qtbot: QtBot, make_window: MakeWindow, agreed: Appointment, person: Person
) -> None:
    assert person.id is not None
    window = make_window()
    service = window.services.appointments
    from spasticity_tracker.services.appointments import CheckInAnswers

    service.check_in(person.id, CheckInAnswers(pgic=None, ratings=(2, None)), None)
    listing = window.show_appointments()
    assert isinstance(listing, AppointmentsDialog)
    dialog = listing.correct()
    assert isinstance(dialog, AppointmentDialog)
    qtbot.waitExposed(dialog)
    dialog.goal_texts[1].setText("Walk to the post office")  # reworded: a new goal
    with qtbot.waitSignal(dialog.accepted):
        dialog_button(dialog, QDialogButtonBox.StandardButton.Save).click()
    [saved] = service.appointments(person.id)
    assert [(g.text, g.rating) for g in saved.goals] == [
        ("Put on my left shoe without help", 2),
        ("Walk to the post office", None),
    ]
    assert saved.id == agreed.id


@pytest.mark.parametrize("screen_name", ["laptop-1280x720", "laptop-1366x768"])
def test_the_cycle_dialogs_fit_a_small_screen_at_the_largest_text_with_one_key_each(
    qtbot: QtBot,
    make_window: MakeWindow,
    agreed: Appointment,
    screen_name: str,
) -> None:
    window = make_window()
    for _ in range(len(style.TEXT_SCALES)):
        window.larger_text()
    screen = screen_named(screen_name)
    free = screen.availableGeometry()
    listing = window.show_appointments()
    assert isinstance(listing, AppointmentsDialog)
    for make in (lambda: listing, listing.correct, window.check_in):
        dialog = make()
        assert dialog is not None
        dialog.setScreen(screen)
        dialog.show()
        qtbot.waitExposed(dialog)
        assert dialog.width() <= free.width(), type(dialog).__name__
        assert dialog.height() <= free.height(), type(dialog).__name__
        assert fit_problems(dialog) == [], type(dialog).__name__
        assert mnemonic_clashes(dialog) == {}, type(dialog).__name__
        if dialog is not listing:
            dialog.reject()
    listing.reject()
    window.show_page(0)
    assert mnemonic_clashes(window) == {}


def test_enter_on_the_list_corrects_the_selected_appointment(
    qtbot: QtBot, make_window: MakeWindow, agreed: Appointment
) -> None:
    window = make_window()
    listing = window.show_appointments()
    assert isinstance(listing, AppointmentsDialog)
    qtbot.waitExposed(listing)
    activate(listing, qtbot)
    user = User(qtbot)
    assert user.focused() is listing.table
    user.key(Qt.Key.Key_Return)
    dialog = listing.open_dialog
    assert isinstance(dialog, AppointmentDialog)
    assert dialog.windowTitle() == "Correct an appointment"
    assert dialog.clinician.text() == "Dr Lewis"
    assert listing.isVisible()
