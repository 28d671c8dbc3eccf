"""The Medicines page: dose changes with their cautions, history, correction, undo and refills."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from spasticity_tracker.domain.entities import Medicine, Person, Regimen
from spasticity_tracker.domain.scales import DoseStatus, Route
from spasticity_tracker.services.medicines import MedicineService
from spasticity_tracker.services.people import PeopleService
from spasticity_tracker.ui.dialogs.dose_change_dialog import DoseChangeDialog
from spasticity_tracker.ui.dialogs.refill_dialog import RefillDialog
from spasticity_tracker.ui.main_window import MainWindow
from spasticity_tracker.ui.models.regimen_changes_model import Column
from spasticity_tracker.ui.pages.medicines_page import MedicineCard
from spasticity_tracker.ui.widgets.fields import to_qdate
from tests.builders import baclofen_pump
from tests.ui.helpers import activate, answer, dialog_button

TODAY = date(2026, 3, 15)


def open_medicines(window: MainWindow, qtbot: QtBot) -> list[MedicineCard]:
    window.show_page(2)
    qtbot.waitUntil(lambda: bool(window.medicines.cards))
    return window.medicines.cards


def table_text(card: MedicineCard, row: int, column: Column) -> str:
    return str(card.model.data(card.model.index(row, column)))


def save(dialog: DoseChangeDialog | RefillDialog) -> None:
    dialog_button(dialog, QDialogButtonBox.StandardButton.Save).click()


def set_amounts(dialog: DoseChangeDialog, amount: float) -> None:
    """Set every dose of the new regimen to an amount."""
    for row in dialog.editor.rows:
        row.amount.setValue(amount)


def test_record_a_dose_change_and_see_it_in_the_history(
    window: MainWindow,
    qtbot: QtBot,
    medicines: MedicineService,
    baclofen: Medicine,
) -> None:
    [card] = open_medicines(window, qtbot)
    assert "30 mg/day" in card.current.text()

    def raise_the_dose(dialog: DoseChangeDialog) -> None:
        set_amounts(dialog, 15.0)
        dialog.note.setText("Dr Lewis, clinic 15 March")
        assert dialog.cautions.cautions == []
        save(dialog)

    card.change_button.click()
    answer(qtbot, window.medicines.open_dialog, DoseChangeDialog, raise_the_dose)
    [card] = window.medicines.cards
    assert table_text(card, 0, Column.STARTS) == "Sun 15 Mar 2026"
    assert table_text(card, 0, Column.CHANGE) == "30 \N{RIGHTWARDS ARROW} 45 mg/day"
    assert table_text(card, 0, Column.ENTERED_BY) == "Alex"
    assert table_text(card, 0, Column.NOTE) == "Dr Lewis, clinic 15 March"
    assert "45 mg/day" in card.current.text()
    assert baclofen.id is not None
    assert [r.daily_total for r in medicines.regimens(baclofen.id)] == [30.0, 45.0]


def test_cautions_show_in_the_dialog_and_never_block(
    window: MainWindow,
    qtbot: QtBot,
    medicines: MedicineService,
    baclofen: Medicine,
) -> None:
    [card] = open_medicines(window, qtbot)
    seen: list[list[str]] = []

    def above_maximum_then_stop(dialog: DoseChangeDialog) -> None:
        set_amounts(dialog, 30.0)  # 90 mg a day
        seen.append([c.title for c in dialog.cautions.cautions])
        set_amounts(dialog, 0.0)  # stopped
        seen.append([c.title for c in dialog.cautions.cautions])
        assert "Doses are normally reduced gradually over 1-2 weeks" in (
            dialog.cautions.cautions[0].text
        )
        save(dialog)

    card.change_button.click()
    answer(qtbot, window.medicines.open_dialog, DoseChangeDialog, above_maximum_then_stop)
    assert seen == [["Baclofen 90 mg a day: above the usual maximum"], ["Stopping baclofen"]]
    assert baclofen.id is not None
    assert medicines.regimens(baclofen.id)[-1].is_stopped  # saved despite the caution


def test_correct_a_change_then_remove_it_and_undo(
    window: MainWindow,
    qtbot: QtBot,
    medicines: MedicineService,
    baclofen: Medicine,
) -> None:
    assert baclofen.id is not None
    [card] = open_medicines(window, qtbot)

    def to_twenty(dialog: DoseChangeDialog) -> None:
        set_amounts(dialog, 20.0)
        save(dialog)

    card.correct_button.click()  # the only change, selected: the first regimen
    answer(qtbot, window.medicines.open_dialog, DoseChangeDialog, to_twenty)
    assert [r.daily_total for r in medicines.regimens(baclofen.id)] == [60.0]

    [card] = window.medicines.cards
    card.remove_button.click()
    assert medicines.regimens(baclofen.id) == []
    assert "removed" in window.medicines.message.text
    activate(window, qtbot)
    QTest.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [r.daily_total for r in medicines.regimens(baclofen.id)] == [60.0]
    [card] = window.medicines.cards
    assert table_text(card, 0, Column.CHANGE) == "60 mg/day (start)"


def test_undo_a_recorded_change_from_the_message_bar(
    window: MainWindow,
    qtbot: QtBot,
    medicines: MedicineService,
    baclofen: Medicine,
) -> None:
    assert baclofen.id is not None
    [card] = open_medicines(window, qtbot)
    card.change_button.click()

    def to_fifteen(dialog: DoseChangeDialog) -> None:
        set_amounts(dialog, 15.0)  # a change that changes nothing is refused
        save(dialog)

    answer(qtbot, window.medicines.open_dialog, DoseChangeDialog, to_fifteen)
    recorded = medicines.regimens(baclofen.id)
    assert len(recorded) == 2
    window.medicines.message.action_button.click()
    assert len(medicines.regimens(baclofen.id)) == 1
    window.redo_action.trigger()
    assert medicines.regimens(baclofen.id) == recorded, "redo puts it back as it was"


def test_a_pump_is_shown_in_mcg_per_day_and_its_refill_banner_is_on_today(
    window: MainWindow,
    qtbot: QtBot,
    medicines: MedicineService,
    person: Person,
) -> None:
    assert person.id is not None
    medicines.add_medicine(
        baclofen_pump(person.id),
        Regimen(medicine_id=0, start_date=date(2026, 1, 1), rate_per_day=350.0),  # type: ignore[arg-type]
    )
    cards = open_medicines(window, qtbot)
    pump_card = next(c for c in cards if c.medicine.route is Route.INTRATHECAL)
    assert "350 mcg/day" in pump_card.current.text()
    assert "mg " not in pump_card.current.text()
    assert table_text(pump_card, 0, Column.CHANGE) == "350 mcg/day (start)"

    def refill_due_in_a_week(dialog: RefillDialog) -> None:
        dialog.next_due.setDate(to_qdate(date(2026, 3, 22)))
        save(dialog)

    pump_card.refill_button.click()
    answer(qtbot, window.medicines.open_dialog, RefillDialog, refill_due_in_a_week)
    window.show_page(0)
    titles = [c.title for c in window.today.cautions.cautions]
    assert titles == ["Pump refill due in 7 days (Sun 22 Mar 2026)"]
    assert window.today.cautions.isVisible()


def test_missed_doses_raise_the_today_banner_until_a_dose_is_taken_again(
    window: MainWindow, qtbot: QtBot
) -> None:
    today = window.today
    assert today.cautions.cautions == []
    rows = today.doses.rows
    rows[0].set_value(DoseStatus.MISSED)
    assert today.save()
    assert today.cautions.cautions == []  # one missed dose is not yet a caution
    today.doses.rows[1].set_value(DoseStatus.MISSED)
    assert today.save()
    [caution] = today.cautions.cautions
    assert caution.title == "2 Baclofen doses missed in a row"
    assert "Seek medical help" in caution.text
    assert today.cautions.isVisible()
    today.doses.rows[2].set_value(DoseStatus.TAKEN)
    assert today.save()
    assert today.cautions.cautions == []
    assert not today.cautions.isVisible()


def test_the_kidney_note_shows_on_the_medicines_page(
    window: MainWindow, qtbot: QtBot, people: PeopleService, person: Person
) -> None:
    open_medicines(window, qtbot)
    assert window.medicines.cautions.cautions == []
    people.update_person(replace(person, kidney_impairment=True))
    window.refresh_people(select=person.id)
    [caution] = window.medicines.cautions.cautions
    assert caution.title == "Kidney impairment"
