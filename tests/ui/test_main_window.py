"""The main window: title, person and enterer, the first run, and a remembered text size."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, QSettings, Qt, QTime
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialogButtonBox,
    QDoubleSpinBox,
    QTimeEdit,
)
from pytestqt.qtbot import QtBot

from spasticity_tracker import APP_NAME
from spasticity_tracker.domain.entities import Carer, Medicine, Person, SymptomEntry
from spasticity_tracker.domain.scales import Condition, Route
from spasticity_tracker.services.diary import DiaryService
from spasticity_tracker.services.medicines import MedicineService
from spasticity_tracker.services.people import PeopleService
from spasticity_tracker.ui import style
from spasticity_tracker.ui.app_state import Services
from spasticity_tracker.ui.dialogs.medicine_dialog import MedicineDialog
from spasticity_tracker.ui.dialogs.person_dialog import PersonDialog
from spasticity_tracker.ui.main_window import MainWindow
from tests.builders import local
from tests.ui.helpers import MakeWindow, User, activate, answer, dialog_button, reply


def choose(combo: QComboBox, data: Any) -> None:
    """Choose an item as the user would: it becomes current and `activated` is emitted."""
    index = combo.findData(data)
    assert index >= 0, f"{data!r} is not offered in {combo.accessibleName()!r}"
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def test_main_window_shows_with_the_app_title(window: MainWindow) -> None:
    assert window.windowTitle() == APP_NAME
    assert window.isVisible()
    assert window.stack.currentWidget() is not window.welcome
    assert window.tabs.currentWidget() is window.today


def test_history_and_medicines_are_made_when_first_opened_by_keyboard(
    window: MainWindow, qtbot: QtBot, diary: DiaryService, person: Person
) -> None:
    """Only Today is built at start; a page opened from the keyboard is whole at once: the
    person's records, the focus where it belongs, and its own undo."""
    from spasticity_tracker.ui.pages.history_page import HistoryPage
    from spasticity_tracker.ui.pages.medicines_page import MedicinesPage

    assert person.id is not None
    diary.log_entry(
        SymptomEntry(person_id=person.id, recorded_at=local(2026, 3, 15, 7, 45), stiffness=4)
    )
    assert window.findChildren(HistoryPage) == []
    assert window.findChildren(MedicinesPage) == []
    activate(window, qtbot)
    user = User(qtbot)

    user.key(Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)  # View > Go to History
    (history,) = window.history_tab.findChildren(HistoryPage)
    qtbot.waitExposed(history)
    assert history.model.rowCount() == 1
    assert history.model.entry(0).stiffness == 4
    assert QApplication.focusWidget() is history.table
    user.key(Qt.Key.Key_Delete)
    assert diary.entries(person.id) == []
    assert window.undo_action.isEnabled(), "the History page's undo is the active one"
    user.key(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [entry.stiffness for entry in diary.entries(person.id)] == [4]

    user.key(Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)  # the Medicines tab
    (medicines,) = window.medicines_tab.findChildren(MedicinesPage)
    qtbot.waitExposed(medicines)
    assert [card.medicine.name for card in medicines.cards] == ["Baclofen"]
    focused = QApplication.focusWidget()
    assert focused is not None
    assert medicines.isAncestorOf(focused), "the focus is on the page's first control"
    assert not window.undo_action.isEnabled(), "nothing done on Medicines yet"
    assert window.findChildren(HistoryPage) == [history], "made once"


# -- person and enterer --------------------------------------------------------------------


@pytest.fixture
def bea(people: PeopleService, diary: DiaryService) -> Person:
    """A second person, Bea, with one entry this morning and no medicines."""
    saved = people.add_person(Person(name="Bea")).value
    assert saved.id is not None
    diary.log_entry(
        SymptomEntry(
            person_id=saved.id,
            recorded_at=local(2026, 3, 15, 7, 45),
            stiffness=9,
        )
    )
    return saved


def test_choosing_another_person_shows_their_diary(
    make_window: MakeWindow,
    qtbot: QtBot,
    settings: QSettings,
    person: Person,
    baclofen: Medicine,
    bea: Person,
) -> None:
    window = make_window()
    assert window.state.person == person, "people are listed by name: Alex first"
    assert len(window.today.doses.rows) == 3
    assert window.today.logged.text() == "Nothing yet."

    choose(window.person_combo, bea.id)

    assert window.state.person == bea
    assert window.today.doses.rows == [], "Bea takes no medicines"
    assert "stiffness 9" in window.today.logged.text()
    assert "Bea" in window.today.entering_as.text()
    window.tabs.setCurrentWidget(window.history_tab)
    qtbot.waitExposed(window.history)
    assert window.history.model.rowCount() == 1
    assert window.history.model.entry(0).stiffness == 9

    choose(window.person_combo, person.id)
    assert window.state.person == person
    assert window.history.model.rowCount() == 0
    assert len(window.today.doses.rows) == 3

    # The window opens on the person last chosen.
    choose(window.person_combo, bea.id)
    window.close()
    again = make_window()
    assert again.state.person == bea
    assert again.person_combo.currentData() == bea.id


def test_choosing_a_carer_makes_them_the_enterer_of_what_is_saved(
    window: MainWindow, qtbot: QtBot, diary: DiaryService, person: Person, carer: Carer
) -> None:
    assert window.state.entered_by is None
    assert window.enterer_combo.currentData() is None

    choose(window.enterer_combo, carer.id)
    assert window.state.entered_by == carer.id
    assert "Jo" in window.today.entering_as.text()

    user = User(qtbot)
    user.click(window.today.form.stiffness.button_for(5))
    user.click(window.today.save_button)
    assert person.id is not None
    assert [(e.stiffness, e.entered_by) for e in diary.entries(person.id)] == [(5, carer.id)]

    choose(window.enterer_combo, None)
    assert window.state.entered_by is None
    user.click(window.today.form.stiffness.button_for(3))
    user.click(window.today.save_button)
    assert [(e.stiffness, e.entered_by) for e in diary.entries(person.id)] == [
        (3, None),
        (5, carer.id),
    ]


def test_switching_person_resets_the_enterer(
    make_window: MakeWindow, person: Person, carer: Carer, bea: Person
) -> None:
    window = make_window()
    choose(window.enterer_combo, carer.id)
    choose(window.person_combo, bea.id)
    assert window.state.entered_by is None, "Jo is Alex's carer, not Bea's"
    assert window.enterer_combo.findData(carer.id) == -1


# -- first run -----------------------------------------------------------------------------


def test_an_empty_diary_opens_on_the_welcome(make_window: MakeWindow) -> None:
    window = make_window()
    assert window.stack.currentWidget() is window.welcome
    assert window.welcome.isVisible()
    assert not window.tabs.isVisible()
    assert not window.remove_examples_action.isEnabled()


def test_example_data_is_explored_and_removed_again(
    make_window: MakeWindow,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    people: PeopleService,
    diary: DiaryService,
) -> None:
    window = make_window()
    User(qtbot).click(window.welcome.example)

    examples = people.people()
    assert [p.is_example for p in examples] == [True]
    example = examples[0]
    assert example.id is not None
    assert window.stack.currentWidget() is not window.welcome
    assert window.tabs.isVisible()
    assert window.tabs.currentWidget() is window.today
    assert window.state.person == example
    assert "example" in window.person_combo.currentText().lower()
    assert diary.entries(example.id), "the example person comes with a diary"
    assert window.remove_examples_action.isEnabled()

    window.remove_examples_action.trigger()
    asked = reply(qtbot, window.message_box, yes=True)

    assert "Remove the example data" in asked
    assert people.people() == []
    assert window.stack.currentWidget() is window.welcome
    assert window.state.person is None
    assert not window.remove_examples_action.isEnabled()


def test_removing_example_data_keeps_your_own_diary(
    make_window: MakeWindow,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    people: PeopleService,
    person: Person,
) -> None:
    window = make_window()
    window.explore_example()
    assert len(people.people()) == 2

    window.remove_example_data()
    reply(qtbot, window.message_box, yes=False)
    assert len(people.people()) == 2, "answering No removes nothing"

    window.remove_example_data()
    reply(qtbot, window.message_box, yes=True)
    assert people.people() == [person]
    assert window.state.person == person
    assert window.stack.currentWidget() is not window.welcome


def fill_person(dialog: PersonDialog) -> None:
    dialog.name.setText("Robin")
    dialog.birth.setDate(QDate(1980, 5, 17))
    dialog.condition.setCurrentIndex(list(Condition).index(Condition.STROKE))
    dialog.kidney.setChecked(True)
    dialog_button(dialog, QDialogButtonBox.StandardButton.Save).click()


def fill_medicine(dialog: MedicineDialog) -> None:
    dialog.name.setCurrentIndex(dialog.name.findText("Baclofen"))
    dialog.start.setDate(QDate(2026, 1, 1))
    times = sorted(dialog.findChildren(QTimeEdit), key=lambda edit: edit.accessibleName())
    amounts = sorted(dialog.findChildren(QDoubleSpinBox), key=lambda spin: spin.accessibleName())
    amounts = [spin for spin in amounts if spin.accessibleName().startswith("Amount of dose")]
    assert len(times) == len(amounts) == 3, "three dose times are offered"
    for edit, spin, hour in zip(times, amounts, (7, 13, 21), strict=True):
        edit.setTime(QTime(hour, 0))
        spin.setValue(15)
    dialog_button(dialog, QDialogButtonBox.StandardButton.Save).click()


def test_set_up_my_diary_adds_the_person_then_their_medicine(
    make_window: MakeWindow,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    people: PeopleService,
    medicines: MedicineService,
) -> None:
    window = make_window()
    User(qtbot).click(window.welcome.setup)
    answer(qtbot, window.open_dialog, PersonDialog, fill_person)
    answer(qtbot, window.open_dialog, MedicineDialog, fill_medicine)
    asked = reply(qtbot, window.message_box, yes=False)

    assert "another medicine" in asked
    [robin] = people.people()
    assert (robin.name, robin.date_of_birth, robin.condition, robin.kidney_impairment) == (
        "Robin",
        date(1980, 5, 17),
        Condition.STROKE,
        True,
    )
    assert not robin.is_example
    assert robin.id is not None
    [baclofen] = medicines.medicines(robin.id)
    assert (baclofen.name, baclofen.route) == ("Baclofen", Route.ORAL)
    assert baclofen.id is not None
    [regimen] = medicines.regimens(baclofen.id)
    assert regimen.start_date == date(2026, 1, 1)
    assert [(d.time_of_day, d.amount) for d in regimen.doses] == [
        (time(7), 15.0),
        (time(13), 15.0),
        (time(21), 15.0),
    ]
    assert window.stack.currentWidget() is not window.welcome
    assert window.tabs.currentWidget() is window.today
    assert window.state.person == robin
    assert len(window.today.doses.rows) == 3


def test_cancelling_set_up_keeps_the_welcome(
    make_window: MakeWindow, qtbot: QtBot, people: PeopleService
) -> None:
    window = make_window()
    User(qtbot).click(window.welcome.setup)
    dialog = window.open_dialog
    assert isinstance(dialog, PersonDialog)
    with qtbot.waitSignal(dialog.rejected):
        dialog_button(dialog, QDialogButtonBox.StandardButton.Cancel).click()
    assert people.people() == []
    assert window.stack.currentWidget() is window.welcome


# -- text size -----------------------------------------------------------------------------


def test_larger_text_is_remembered_and_applied_to_a_new_window(
    make_window: MakeWindow,
    qtbot: QtBot,
    services: Services,
    settings_path: Path,
    person: Person,
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    normal = style.base_point_size(app) * style.TEXT_SCALES[style.DEFAULT_SCALE_INDEX]
    window = make_window()
    assert app.font().pointSizeF() == pytest.approx(normal)

    User(qtbot).click(window.larger_button)
    larger = style.TEXT_SCALES[style.DEFAULT_SCALE_INDEX + 1] * style.base_point_size(app)
    assert app.font().pointSizeF() == pytest.approx(larger, abs=0.05)
    assert app.font().pointSizeF() > normal
    qtbot.wait(10)
    note = window.today.form.note
    assert note.font().pointSizeF() == pytest.approx(larger, abs=0.05), "widgets follow"
    window.close()

    stored = QSettings(str(settings_path), QSettings.Format.IniFormat)
    assert int(stored.value(style.SETTINGS_KEY)) == style.DEFAULT_SCALE_INDEX + 1

    style.apply_text_scale(app, style.DEFAULT_SCALE_INDEX)
    assert app.font().pointSizeF() == pytest.approx(normal)
    again = MainWindow(services, stored)  # a new session on the same settings file
    qtbot.addWidget(again)
    assert again.text_scale_index == style.DEFAULT_SCALE_INDEX + 1
    assert app.font().pointSizeF() == pytest.approx(larger, abs=0.05)

    again.normal_text()
    assert app.font().pointSizeF() == pytest.approx(normal)
