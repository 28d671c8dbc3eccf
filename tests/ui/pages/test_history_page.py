"""The History page lists who entered each entry, edits it, and deletes it with undo."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from spasticity_tracker.domain.entities import Carer, Person, SymptomEntry
from spasticity_tracker.services.diary import DiaryService
from spasticity_tracker.ui.dialogs.entry_dialog import EntryDialog
from spasticity_tracker.ui.main_window import MainWindow
from spasticity_tracker.ui.models.entries_model import Column
from spasticity_tracker.ui.pages.history_page import HistoryPage
from tests.builders import local
from tests.ui.helpers import MakeWindow, User, activate, dialog_button


@pytest.fixture
def entries(diary: DiaryService, person: Person, carer: Carer) -> list[SymptomEntry]:
    """Two saved entries, newest first: Jo's this morning and Alex's own from yesterday."""
    assert person.id is not None
    own = SymptomEntry(
        person_id=person.id,
        recorded_at=local(2026, 3, 14, 9, 30, 15),
        stiffness=4,
        pain=2,
        note="walked to the shop",
    )
    by_carer = SymptomEntry(
        person_id=person.id,
        recorded_at=local(2026, 3, 15, 8, 0),
        stiffness=6,
        spasm_frequency=2,
        spasm_severity=1,
        entered_by=carer.id,
    )
    return [diary.log_entry(by_carer).value, diary.log_entry(own).value]


@pytest.fixture
def history(
    make_window: MakeWindow, qtbot: QtBot, entries: list[SymptomEntry], baclofen: object
) -> tuple[MainWindow, HistoryPage]:
    """The window showing the History page with the two entries."""
    window = make_window()
    window.tabs.setCurrentWidget(window.history_tab)
    qtbot.waitExposed(window.history)
    return window, window.history


def shown(page: HistoryPage, column: Column) -> list[str]:
    model = page.table.model()
    return [model.index(row, column).data() for row in range(model.rowCount())]


def stored_ids(diary: DiaryService, person: Person) -> list[int | None]:
    assert person.id is not None
    return [entry.id for entry in diary.entries(person.id)]


def select(page: HistoryPage, entry: SymptomEntry) -> None:
    row = next(r for r in range(page.model.rowCount()) if page.model.entry(r).id == entry.id)
    page.table.selectRow(row)
    assert page.selected_entry() == entry


def edit(page: HistoryPage, qtbot: QtBot, entry: SymptomEntry) -> EntryDialog:
    """Select an entry and open it in the entry dialog."""
    select(page, entry)
    page.edit_selected()
    dialog = page.open_dialog
    assert isinstance(dialog, EntryDialog)
    qtbot.waitExposed(dialog)
    return dialog


def delete(page: HistoryPage, user: User, entry: SymptomEntry) -> None:
    """Select an entry and press Delete."""
    select(page, entry)
    user.click(page.delete_button)


def test_the_table_says_who_entered_each_entry(
    history: tuple[MainWindow, HistoryPage], entries: list[SymptomEntry]
) -> None:
    _, page = history
    assert page.model.headerData(Column.ENTERED_BY, Qt.Orientation.Horizontal) == "Entered by"
    assert shown(page, Column.ENTERED_BY) == ["Jo", "Alex"]
    assert shown(page, Column.STIFFNESS) == ["6", "4"]
    assert shown(page, Column.NOTE) == ["", "walked to the shop"]


def test_an_entry_is_edited_in_the_entry_dialog(
    history: tuple[MainWindow, HistoryPage],
    qtbot: QtBot,
    diary: DiaryService,
    person: Person,
    entries: list[SymptomEntry],
) -> None:
    _, page = history
    user = User(qtbot)
    own = entries[1]
    dialog = edit(page, qtbot, own)
    assert dialog.form.stiffness.value() == 4
    assert dialog.form.note.text() == "walked to the shop"

    user.click(dialog.form.stiffness.button_for(8))
    user.click(dialog_button(dialog, QDialogButtonBox.StandardButton.Save))

    assert not dialog.isVisible()
    assert person.id is not None
    stored = {entry.id: entry for entry in diary.entries(person.id)}
    # Only the stiffness changed: same time (to the second), enterer, pain and note; the
    # version moved on by one, as every saved change does.
    assert own.version is not None
    assert stored[own.id] == replace(
        own, stiffness=8, updated_at=stored[own.id].updated_at, version=own.version + 1
    )
    assert stored[entries[0].id] == entries[0]
    assert shown(page, Column.STIFFNESS) == ["6", "8"]
    assert page.message.isVisible()
    assert "updated" in page.message.text


def test_an_entry_without_stiffness_is_not_saved_from_the_dialog(
    history: tuple[MainWindow, HistoryPage],
    qtbot: QtBot,
    diary: DiaryService,
    person: Person,
    entries: list[SymptomEntry],
) -> None:
    _, page = history
    user = User(qtbot)
    dialog = edit(page, qtbot, entries[0])
    user.click(dialog.form.stiffness.button_for(6))  # the chosen score again: no score
    assert dialog.form.stiffness.value() is None
    user.click(dialog_button(dialog, QDialogButtonBox.StandardButton.Save))

    assert dialog.isVisible()
    assert dialog.message.isVisible()
    assert person.id is not None
    assert diary.entries(person.id) == entries
    dialog.reject()


def test_delete_then_undo_from_the_bar_and_with_ctrl_z(
    history: tuple[MainWindow, HistoryPage],
    qtbot: QtBot,
    diary: DiaryService,
    person: Person,
    carer: Carer,
    entries: list[SymptomEntry],
) -> None:
    window, page = history
    user = User(qtbot)
    by_carer = entries[0]
    all_ids = [entry.id for entry in entries]

    delete(page, user, by_carer)
    assert stored_ids(diary, person) == [entries[1].id]
    assert page.model.rowCount() == 1
    assert page.message.isVisible()
    assert "deleted" in page.message.text
    undo_button = page.message.action_button
    assert undo_button.isVisible()
    assert window.undo_action.isEnabled()

    user.click(undo_button)
    assert stored_ids(diary, person) == all_ids
    assert person.id is not None
    assert diary.entries(person.id)[0] == by_carer, "restored as it was, by Jo, same id"
    assert shown(page, Column.ENTERED_BY) == ["Jo", "Alex"]

    delete(page, user, entries[1])
    assert stored_ids(diary, person) == [by_carer.id]
    assert window.undo_action.shortcut().toString() == "Ctrl+Z"
    activate(window, qtbot)
    user.key(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored_ids(diary, person) == all_ids
    assert diary.entries(person.id)[1] == entries[1]
    assert page.model.rowCount() == 2
    assert not window.undo_action.isEnabled(), "both deletes undone: nothing left to undo"


def test_the_undo_bar_stops_offering_an_undo_once_it_is_undone(
    history: tuple[MainWindow, HistoryPage],
    qtbot: QtBot,
    diary: DiaryService,
    person: Person,
    entries: list[SymptomEntry],
) -> None:
    window, page = history
    user = User(qtbot)
    delete(page, user, entries[1])
    delete(page, user, entries[0])
    assert stored_ids(diary, person) == []

    user.click(page.message.action_button)  # undoes the second delete
    assert stored_ids(diary, person) == [entries[0].id]
    offered = page.message.isVisible() and page.message.action_button.isVisible()
    assert not offered, (
        f"after the undo the bar still says {page.message.text!r} and offers "
        f"{page.message.action_button.text()!r}; pressing it would undo "
        f"{window.undo_group.undoText()!r}, which the bar does not mention"
    )


def test_a_delete_is_undone_then_redone_with_the_keys(
    history: tuple[MainWindow, HistoryPage],
    qtbot: QtBot,
    diary: DiaryService,
    person: Person,
    entries: list[SymptomEntry],
) -> None:
    window, page = history
    user = User(qtbot)
    delete(page, user, entries[0])
    assert stored_ids(diary, person) == [entries[1].id]
    activate(window, qtbot)
    user.key(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored_ids(diary, person) == [entries[0].id, entries[1].id]
    assert window.redo_action.isEnabled()
    assert "delete the entry of" in window.undo_group.redoText()
    window.redo_action.trigger()
    assert stored_ids(diary, person) == [entries[1].id], "redo deletes it again"
    assert page.model.rowCount() == 1
    window.undo_action.trigger()
    assert stored_ids(diary, person) == [entries[0].id, entries[1].id]
    assert page.model.rowCount() == 2


def test_an_edit_is_undone_and_redone(
    history: tuple[MainWindow, HistoryPage],
    qtbot: QtBot,
    diary: DiaryService,
    person: Person,
    entries: list[SymptomEntry],
) -> None:
    window, page = history
    user = User(qtbot)
    own = entries[1]
    dialog = edit(page, qtbot, own)
    user.click(dialog.form.stiffness.button_for(9))
    with qtbot.waitSignal(dialog.accepted):
        user.click(dialog_button(dialog, QDialogButtonBox.StandardButton.Save))
    assert person.id is not None

    def stiffness() -> int:
        assert person.id is not None
        return next(e.stiffness for e in diary.entries(person.id) if e.id == own.id)

    assert stiffness() == 9
    assert window.undo_group.undoText().startswith("edit the entry of")
    window.undo_action.trigger()
    assert stiffness() == 4
    assert shown(page, Column.STIFFNESS) == ["6", "4"]
    window.redo_action.trigger()
    assert stiffness() == 9
    assert shown(page, Column.STIFFNESS) == ["6", "9"]
