"""Safe editing: the selection stays where the person was, undo stays on its page and says
what it undid, and a repeated Enter on Today never turns a save into an error."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from spasticity_tracker.domain.entities import Carer, Medicine, Person, SymptomEntry
from spasticity_tracker.services.diary import DiaryService
from spasticity_tracker.services.medicines import MedicineService
from spasticity_tracker.ui.dialogs.entry_dialog import EntryDialog
from spasticity_tracker.ui.main_window import MainWindow
from spasticity_tracker.ui.pages.history_page import HistoryPage
from spasticity_tracker.ui.widgets.fields import to_qdatetime
from tests.builders import local
from tests.ui.helpers import MakeWindow, User, activate, dialog_button

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def entries(diary: DiaryService, person: Person, carer: Carer) -> list[SymptomEntry]:
    """Jo's entry this morning, with a note, then Alex's own two of the days before."""
    assert person.id is not None
    made = [
        SymptomEntry(
            person_id=person.id,
            recorded_at=local(2026, 3, 15, 8, 0),
            stiffness=6,
            note="after a bad night",
            entered_by=carer.id,
        ),
        SymptomEntry(person_id=person.id, recorded_at=local(2026, 3, 14, 9, 30), stiffness=4),
        SymptomEntry(person_id=person.id, recorded_at=local(2026, 3, 13, 19, 45), stiffness=3),
    ]
    return [diary.log_entry(entry).value for entry in made]


@pytest.fixture
def history(
    make_window: MakeWindow, qtbot: QtBot, entries: list[SymptomEntry], baclofen: Medicine
) -> tuple[MainWindow, HistoryPage]:
    """The window on the History page, showing the three entries."""
    window = make_window()
    window.show_page(window.tabs.indexOf(window.history_tab))
    qtbot.waitExposed(window.history)
    return window, window.history


def row_of(page: HistoryPage, entry: SymptomEntry) -> int:
    return next(r for r in range(page.model.rowCount()) if page.model.entry(r).id == entry.id)


def select(page: HistoryPage, entry: SymptomEntry) -> None:
    page.table.selectRow(row_of(page, entry))
    assert page.selected_entry() == entry


def stored(diary: DiaryService, person: Person) -> list[SymptomEntry]:
    assert person.id is not None
    return diary.entries(person.id)


def edit_and_save(page: HistoryPage, qtbot: QtBot, entry: SymptomEntry, stiffness: int) -> None:
    """Open an entry in the dialog, give it another stiffness and save it."""
    select(page, entry)
    page.edit_selected()
    dialog = page.open_dialog
    assert isinstance(dialog, EntryDialog)
    qtbot.waitExposed(dialog)
    dialog.form.stiffness.set_value(stiffness)
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        dialog_button(dialog, QDialogButtonBox.StandardButton.Save).click()


def press_delete(page: HistoryPage, qtbot: QtBot) -> None:
    """Delete, as a keyboard user does it: the Delete key in the table."""
    activate(page.window(), qtbot)
    page.table.setFocus()
    qtbot.wait(10)
    User(qtbot).key(Qt.Key.Key_Delete)


# -- History: the selection ----------------------------------------------------------------


def test_after_an_edit_the_selection_stays_on_the_edited_row(
    history: tuple[MainWindow, HistoryPage],
    qtbot: QtBot,
    diary: DiaryService,
    person: Person,
    entries: list[SymptomEntry],
) -> None:
    window, page = history
    activate(window, qtbot)
    jos, own, older = entries
    edit_and_save(page, qtbot, own, 8)
    selected = page.selected_entry()
    assert selected is not None
    assert selected.id == own.id, f"after editing Alex's entry the selection is on {selected}"

    press_delete(page, qtbot)  # the next Delete takes the entry just edited, nothing else
    assert [entry.id for entry in stored(diary, person)] == [jos.id, older.id]


def test_an_entry_moved_by_its_edit_stays_selected_in_its_new_place(
    history: tuple[MainWindow, HistoryPage], qtbot: QtBot, entries: list[SymptomEntry]
) -> None:
    _, page = history
    jos = entries[0]
    select(page, jos)
    page.edit_selected()
    dialog = page.open_dialog
    assert isinstance(dialog, EntryDialog)
    qtbot.waitExposed(dialog)
    earlier = local(2026, 3, 14, 8, 0)  # the day before: it moves down to the middle row
    dialog.form.when.setDateTime(to_qdatetime(earlier.replace(tzinfo=None)))
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        dialog_button(dialog, QDialogButtonBox.StandardButton.Save).click()

    assert row_of(page, jos) == 1
    selected = page.selected_entry()
    assert selected is not None
    assert selected.id == jos.id


def test_a_delete_selects_the_next_row_in_view(
    make_window: MakeWindow,
    qtbot: QtBot,
    diary: DiaryService,
    person: Person,
    baclofen: Medicine,
) -> None:
    assert person.id is not None
    start = local(2026, 3, 15, 9, 0)
    made = [
        diary.log_entry(
            SymptomEntry(
                person_id=person.id, recorded_at=start - timedelta(hours=6 * n), stiffness=n % 11
            )
        ).value
        for n in range(60)
    ]
    window = make_window()
    window.show_page(window.tabs.indexOf(window.history_tab))
    page = window.history
    qtbot.waitExposed(page)
    activate(window, qtbot)
    middle = made[40]  # far down the table: it has to be scrolled to
    select(page, middle)
    page.table.scrollTo(page.model.index(row_of(page, middle), 0))
    qtbot.wait(10)

    press_delete(page, qtbot)

    selected = page.selected_entry()
    assert selected is not None
    assert selected.id == made[41].id, f"after deleting row 40 the selection went to {selected}"
    shown = page.table.visualRect(page.table.currentIndex())
    assert page.table.viewport().rect().contains(shown), "the selected row is out of view"

    # At the end of the table, the row before it.
    last = made[-1]
    select(page, last)
    press_delete(page, qtbot)
    selected = page.selected_entry()
    assert selected is not None
    assert selected.id == made[-2].id


def test_the_undo_bar_after_a_delete_names_the_entry_and_stays(
    history: tuple[MainWindow, HistoryPage],
    qtbot: QtBot,
    diary: DiaryService,
    person: Person,
    entries: list[SymptomEntry],
) -> None:
    window, page = history
    activate(window, qtbot)
    jos = entries[0]
    select(page, jos)
    press_delete(page, qtbot)

    said = page.message.text
    for part in ("15 Mar 2026", "08:00", "Jo", "deleted"):
        assert part in said, f"the bar says {said!r}: it does not name {part!r}"

    # The person takes their time: they move about the table, log today's entry on Today,
    # and come back. The bar and its Undo are still there, and undo the delete.
    page.table.selectRow(1)
    window.show_page(window.tabs.indexOf(window.today))
    user = User(qtbot)
    user.key(Qt.Key.Key_5)
    user.key(Qt.Key.Key_Return)
    assert len(stored(diary, person)) == 3  # two left, and today's new one
    window.show_page(window.tabs.indexOf(window.history_tab))
    assert page.message.isVisible()
    assert page.message.text == said
    assert page.message.action_button.isVisible()

    User(qtbot).click(page.message.action_button)
    assert jos in stored(diary, person), "the undo puts Jo's entry back, note and all"
    assert len(stored(diary, person)) == 4, "today's new entry is not undone"
    selected = page.selected_entry()
    assert selected is not None
    assert selected.id == jos.id, "the entry put back is selected"
    assert page.message.text.startswith("Undone:")


# -- undo: scoped to its page, and saying what it undid ------------------------------------


def test_ctrl_z_undoes_only_what_the_page_on_screen_did(
    window: MainWindow,
    qtbot: QtBot,
    medicines: MedicineService,
    baclofen: Medicine,
) -> None:
    assert baclofen.id is not None
    window.show_page(window.tabs.indexOf(window.medicines_tab))
    window.medicines.cards[0].remove_button.click()  # baclofen's dose change, undoable
    assert medicines.regimens(baclofen.id) == []

    window.show_page(window.tabs.indexOf(window.today))
    activate(window, qtbot)
    User(qtbot).key(Qt.Key.Key_Z, CTRL)
    assert medicines.regimens(baclofen.id) == [], "Ctrl+Z on Today undid a change on Medicines"
    assert not window.undo_action.isEnabled(), "Today did nothing that can be undone"

    window.show_page(window.tabs.indexOf(window.medicines_tab))
    assert window.undo_action.isEnabled()
    User(qtbot).key(Qt.Key.Key_Z, CTRL)
    assert len(medicines.regimens(baclofen.id)) == 1
    bar = window.medicines.message
    assert bar.isVisible()
    assert bar.text == "Undone: remove the dose change of Baclofen from 1 Jan 2026."


def test_undo_and_redo_say_what_they_did_on_the_page(
    history: tuple[MainWindow, HistoryPage],
    qtbot: QtBot,
    diary: DiaryService,
    person: Person,
    entries: list[SymptomEntry],
) -> None:
    window, page = history
    activate(window, qtbot)
    select(page, entries[1])
    press_delete(page, qtbot)
    User(qtbot).key(Qt.Key.Key_Z, CTRL)
    assert len(stored(diary, person)) == 3
    assert page.message.isVisible()
    assert page.message.text == "Undone: delete the entry of 14 Mar 2026 09:30, entered by Alex."
    assert not page.message.text.startswith("Problem")

    window.redo_action.trigger()
    assert len(stored(diary, person)) == 2
    assert page.message.text == "Redone: delete the entry of 14 Mar 2026 09:30, entered by Alex."


# -- Today: a repeated Enter, and messages that do not linger ------------------------------


def test_a_repeated_enter_after_a_save_says_saved_again(
    window: MainWindow, qtbot: QtBot, diary: DiaryService, person: Person
) -> None:
    page = window.today
    activate(window, qtbot)
    user = User(qtbot)
    user.key(Qt.Key.Key_6)
    user.key(Qt.Key.Key_Return)
    said = page.message.text
    assert said.startswith("Saved")

    user.key(Qt.Key.Key_Return)  # a second press, with slow or shaking hands
    assert page.message.isVisible()
    assert page.message.text == said
    assert page.message.property("role") != "error"
    assert [entry.stiffness for entry in stored(diary, person)] == [6], "saved once only"


def test_a_saved_message_goes_once_a_new_entry_is_begun(
    window: MainWindow, qtbot: QtBot, diary: DiaryService, person: Person
) -> None:
    page = window.today
    activate(window, qtbot)
    user = User(qtbot)
    user.key(Qt.Key.Key_6)
    user.key(Qt.Key.Key_Return)
    assert page.message.isVisible()

    user.key(Qt.Key.Key_3)  # the next entry is begun
    assert not page.message.isVisible(), f"the old {page.message.text!r} lingers"
    user.key(Qt.Key.Key_Return)
    assert page.message.text.startswith("Saved")
    assert sorted(entry.stiffness for entry in stored(diary, person)) == [3, 6]
    user.key(Qt.Key.Key_Return)
    assert page.message.text.startswith("Saved")
    assert page.message.property("role") != "error"
