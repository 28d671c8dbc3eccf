"""Safety by ingredient in the window: the add-medicine dialog, guessed ingredients, the import
preview, botulinum toxin injections and the urgent pump banner."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QDialogButtonBox
from pytestqt.qtbot import QtBot

from spasticity_tracker.domain.cautions import CautionKind
from spasticity_tracker.domain.entities import (
    Medicine,
    MedicineId,
    Person,
    PumpRefill,
    Regimen,
    ToxinInjection,
)
from spasticity_tracker.domain.ingredients import Ingredient
from spasticity_tracker.domain.scales import Form, ToxinProduct
from spasticity_tracker.services.medicines import MedicineService
from spasticity_tracker.storage.database import Database
from spasticity_tracker.ui.dialogs.medicine_dialog import MedicineDialog
from spasticity_tracker.ui.dialogs.toxin_dialog import ToxinInjectionDialog
from spasticity_tracker.ui.main_window import MainWindow
from spasticity_tracker.ui.widgets.fields import to_qdate
from tests.builders import baclofen_pump
from tests.conftest import NOW
from tests.ui.helpers import answer, axis_texts, dialog_button, import_preview, keep

TODAY = NOW.astimezone().date()


def save(dialog: QDialog) -> None:
    dialog_button(dialog, QDialogButtonBox.StandardButton.Save).click()


def typed_name(dialog: MedicineDialog, text: str) -> None:
    field = dialog.name.lineEdit()
    assert field is not None  # an editable combo box has a line edit
    field.clear()
    QTest.keyClicks(field, text)


def test_the_name_sets_the_ingredient_and_form_until_chosen_by_hand(
    window: MainWindow, qtbot: QtBot, person: Person
) -> None:
    assert person.id is not None
    dialog = MedicineDialog(
        person.id, None, TODAY, window._services.medicines.regimen_cautions, keep, window
    )
    qtbot.addWidget(dialog)
    assert not dialog.editor.rate.isVisibleTo(dialog)  # tablets: doses by time, no pump rate
    typed_name(dialog, "Lyflex")
    assert (dialog.chosen_ingredient(), dialog.chosen_form()) == (
        Ingredient.BACLOFEN,
        Form.ORAL_LIQUID,
    )
    assert dialog.recognised.text() == "Recognised: baclofen."
    typed_name(dialog, "Baclophen")
    assert dialog.chosen_ingredient() is Ingredient.BACLOFEN
    assert dialog.recognised.text().startswith("Did you mean baclofen?")
    typed_name(dialog, "Vitamin D")
    assert dialog.chosen_ingredient() is Ingredient.OTHER
    assert "choose its active ingredient" in dialog.recognised.text()
    dialog.ingredient.setCurrentIndex(list(Ingredient).index(Ingredient.GABAPENTIN))
    dialog.ingredient.activated.emit(dialog.ingredient.currentIndex())  # chosen by hand
    typed_name(dialog, "Baclofen")
    assert dialog.chosen_ingredient() is Ingredient.GABAPENTIN  # the person's choice stays
    dialog.form.setCurrentIndex(list(Form).index(Form.INTRATHECAL_PUMP))
    assert dialog.editor.rate.isVisibleTo(dialog)
    assert not dialog.editor.add_time.isVisibleTo(dialog)


def test_adding_a_liquid_shows_the_total_caution_live_and_after_saving(
    window: MainWindow,
    qtbot: QtBot,
    medicines: MedicineService,
    person: Person,
) -> None:
    seen: list[str] = []

    def add_lyflex(dialog: MedicineDialog) -> None:
        typed_name(dialog, "Lyflex")
        for row in dialog.editor.rows:
            row.amount.setValue(25.0)  # 75 mg a day, on top of 30 mg of tablets
        seen.extend(c.title for c in dialog.cautions.cautions)
        save(dialog)

    window.show_page(2)
    window.medicines.add_button.click()
    answer(qtbot, window.open_dialog, MedicineDialog, add_lyflex)
    assert seen == ["Baclofen 105 mg a day: above the usual maximum"]
    assert [c.kind for c in window.medicines.cautions.cautions] == [CautionKind.ABOVE_USUAL_MAXIMUM]
    assert "raised a caution" in window.medicines.message.text
    assert person.id is not None
    assert [m.name for m in medicines.medicines(person.id)] == ["Baclofen", "Lyflex"]


def test_a_pump_of_the_same_name_joins_the_tablets(
    window: MainWindow, qtbot: QtBot, medicines: MedicineService, person: Person
) -> None:
    def add_pump(dialog: MedicineDialog) -> None:
        typed_name(dialog, "Baclofen")
        dialog.form.setCurrentIndex(list(Form).index(Form.INTRATHECAL_PUMP))
        dialog.editor.rate.setValue(200.0)
        save(dialog)

    window.show_page(2)
    window.medicines.add_button.click()
    answer(qtbot, window.open_dialog, MedicineDialog, add_pump)
    assert person.id is not None
    forms = [(m.name, m.form) for m in medicines.medicines(person.id)]
    assert forms == [("Baclofen", Form.TABLET), ("Baclofen", Form.INTRATHECAL_PUMP)]
    titles = [card.title() for card in window.medicines.cards]
    assert titles == ["Baclofen (tablet)", "Baclofen (intrathecal pump)"]


def test_a_guessed_ingredient_is_confirmed_on_its_card(
    window: MainWindow, medicines: MedicineService, person: Person
) -> None:
    assert person.id is not None
    medicines.add_medicine(
        Medicine(
            person_id=person.id,
            name="Tizanadine",
            ingredient=Ingredient.TIZANIDINE,
            ingredient_confirmed=False,
        )
    )
    window.show_page(2)
    card = window.medicines.cards[-1]
    assert "guessed from the name as tizanidine" in card.ingredient_label.text()
    card.ingredient_choice.setCurrentIndex(list(Ingredient).index(Ingredient.TIZANIDINE))
    card.confirm_button.click()
    [stored] = [m for m in medicines.medicines(person.id) if m.name == "Tizanadine"]
    assert stored.ingredient_confirmed
    card = window.medicines.cards[-1]
    assert card.ingredient_label.text() == "Active ingredient: tizanidine"


RISKY = "date,stiffness,baclofen_mg\n2026-03-01,5,60\n2026-03-02,5,120\n2026-03-03,6,0\n"


def test_the_import_preview_lists_each_caution_with_its_date(
    qtbot: QtBot, database: Database, tmp_path: Path
) -> None:
    dialog = import_preview(qtbot, database, tmp_path / "risky.csv", RISKY)
    text = dialog.preview.toPlainText()
    assert "Cautions (information only: nothing is blocked):" in text
    assert "Caution, 2 Mar 2026: Baclofen 120 mg a day: above the usual maximum." in text
    assert "Caution, 3 Mar 2026: Stopping baclofen." in text
    assert dialog.import_button.isEnabled()  # never blocked


def test_an_injection_is_recorded_listed_and_undone(
    window: MainWindow, qtbot: QtBot, medicines: MedicineService
) -> None:
    def record(dialog: ToxinInjectionDialog) -> None:
        dialog.day.setDate(to_qdate(TODAY - timedelta(days=10)))
        dialog.product.setCurrentIndex(list(ToxinProduct).index(ToxinProduct.ABOBOTULINUMTOXIN_A))
        dialog.units.setValue(500.0)
        dialog.muscles.setText("left calf")
        save(dialog)

    window.show_page(2)
    window.medicines.injections.add_button.click()
    answer(qtbot, window.medicines.open_dialog, ToxinInjectionDialog, record)
    model = window.medicines.injections.model
    assert model.rowCount() == 1
    assert model.injection(0).total_units == 500.0
    window.medicines.message.action_button.click()  # Undo
    assert window.medicines.injections.model.rowCount() == 0


def test_trends_marks_an_injection_and_its_expected_window(
    window: MainWindow, qtbot: QtBot, medicines: MedicineService, person: Person
) -> None:
    assert person.id is not None
    day = TODAY - timedelta(days=20)
    medicines.record_injection(
        ToxinInjection(person_id=person.id, day=day, product=ToxinProduct.ONABOTULINUMTOXIN_A)
    )
    window.show_page(3)
    qtbot.waitUntil(lambda: window.trends.view is not None)
    trends = window.trends
    assert axis_texts(trends.chart.events_plot) == ["Botulinum toxin"]
    xs, _ = trends.chart.toxin_windows.getData()
    assert len(xs) == 2
    assert "expected effect of the botulinum toxin injection" in trends.describe_day(TODAY)


def test_a_pump_refill_due_in_two_days_is_an_urgent_banner_on_today(
    window: MainWindow, medicines: MedicineService, person: Person
) -> None:
    assert person.id is not None
    pump = medicines.add_medicine(
        baclofen_pump(person.id, "Gablofen"),
        Regimen(medicine_id=MedicineId(0), start_date=date(2026, 1, 1), rate_per_day=300.0),
    ).value
    assert pump.id is not None
    medicines.record_refill(
        PumpRefill(medicine_id=pump.id, refill_date=TODAY, next_due=TODAY + timedelta(days=2))
    )
    window.refresh_people(select=person.id)
    window.show_page(0)
    [caution] = window.today.cautions.cautions
    assert caution.urgent
    assert "get urgent medical help" in caution.text
    [frame] = [w for w in window.today.cautions.children() if w.property("role")]
    assert frame.property("role") == "error"
