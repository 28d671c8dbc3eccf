"""The History table model keeps Qt's model contract and shows who entered each entry."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from spasticity_tracker.domain.entities import Carer, Person, SymptomEntry
from spasticity_tracker.services.diary import DiaryService
from spasticity_tracker.ui.app_state import AppState
from spasticity_tracker.ui.models.entries_model import Column, EntriesModel, EntryRole
from tests.builders import local


@pytest.fixture
def state(person: Person, carer: Carer) -> AppState:
    """App state with Alex chosen and Jo among the carers."""
    state = AppState()
    state.set_person(person, [carer])
    return state


@pytest.fixture
def saved_entries(diary: DiaryService, person: Person, carer: Carer) -> list[SymptomEntry]:
    """Five saved entries over five days, some by Jo, some with every field, newest first."""
    assert person.id is not None
    start = local(2026, 3, 10, 9, 0)
    for day in range(5):
        diary.log_entry(
            SymptomEntry(
                person_id=person.id,
                recorded_at=start + timedelta(days=day),
                stiffness=day + 2,
                spasm_frequency=day % 5 if day % 2 else None,
                spasm_severity=2 if day % 2 and day % 5 else None,
                pain=day if day % 2 == 0 else None,
                note="line one\nline two" if day == 3 else "",
                entered_by=carer.id if day % 2 else None,
            )
        )
    return diary.entries(person.id)


def test_the_model_keeps_the_qt_model_contract(
    qtmodeltester: ModelTester, state: AppState, saved_entries: list[SymptomEntry]
) -> None:
    model = EntriesModel(state.enterer_name)
    model.set_entries(saved_entries)
    assert model.rowCount() == 5
    qtmodeltester.check(model)
    model.set_entries(saved_entries[:2])
    qtmodeltester.check(model)
    model.set_entries([])
    qtmodeltester.check(model)


def test_the_model_shows_entries_newest_first_with_their_enterer(
    qtbot: QtBot, state: AppState, saved_entries: list[SymptomEntry]
) -> None:
    model = EntriesModel(state.enterer_name)
    with qtbot.waitSignals([model.modelAboutToBeReset, model.modelReset]):
        model.set_entries(saved_entries)
    column = [model.index(row, Column.ENTERED_BY).data() for row in range(model.rowCount())]
    assert column == ["Alex", "Jo", "Alex", "Jo", "Alex"]
    assert model.index(0, 0).data(EntryRole) == saved_entries[0]
    assert model.entry(4).stiffness == 2
    assert model.index(1, Column.NOTE).data() == "line one line two"
    tooltip = model.index(1, Column.NOTE).data(Qt.ItemDataRole.ToolTipRole)
    assert tooltip == "<p style='white-space:pre-wrap'>line one\nline two</p>"
    assert model.index(0, Column.PAIN).data(Qt.ItemDataRole.AccessibleTextRole) == "4"
    assert model.index(1, Column.PAIN).data(Qt.ItemDataRole.AccessibleTextRole) == "not recorded"
