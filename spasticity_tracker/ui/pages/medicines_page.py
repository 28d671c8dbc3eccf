"""The Medicines page: each medicine's regimen in force, its dose changes, refills and cautions."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from spasticity_tracker.domain.cautions import Caution, toxin_repeat_caution
from spasticity_tracker.domain.entities import Medicine, PumpRefill, Regimen, ToxinInjection
from spasticity_tracker.domain.ingredients import Ingredient
from spasticity_tracker.domain.regimens import RegimenChange
from spasticity_tracker.presentation.formatting import (
    day_text,
    dose_list,
    ingredient_text,
    total_text,
    weekday_text,
)
from spasticity_tracker.services.changes import DataChange
from spasticity_tracker.ui.actions import Actions
from spasticity_tracker.ui.app_state import AppState, Services
from spasticity_tracker.ui.dialogs.dose_change_dialog import DoseChangeDialog
from spasticity_tracker.ui.dialogs.form_dialog import Submit
from spasticity_tracker.ui.dialogs.refill_dialog import RefillDialog
from spasticity_tracker.ui.dialogs.toxin_dialog import ToxinInjectionDialog
from spasticity_tracker.ui.models.injections_model import InjectionsModel
from spasticity_tracker.ui.models.regimen_changes_model import Column, RegimenChangesModel
from spasticity_tracker.ui.widgets.fields import (
    buddy_label,
    enforce_targets,
    plain_label,
    record_table,
)
from spasticity_tracker.ui.widgets.message_bar import CautionList
from spasticity_tracker.ui.widgets.page import LazyPage

UNDO_LABEL = "&Undo (Ctrl+Z)"
RELOAD_ON = (
    DataChange.MEDICINES
    | DataChange.REGIMENS
    | DataChange.REFILLS
    | DataChange.CARERS
    | DataChange.INJECTIONS
)


def describe_regimen(medicine: Medicine, regimen: Regimen | None) -> str:
    """The regimen in force, in the medicine's unit (a pump in mcg/day, never mg)."""
    if regimen is None:
        return "No doses recorded yet."
    since = f"since {day_text(regimen.start_date)}"
    if regimen.is_stopped:
        return f"Stopped {since}."
    total = total_text(medicine, regimen.daily_total)
    if regimen.rate_per_day is not None:
        return f"{total}, continuous ({since})"
    return f"{dose_list(medicine, regimen)}: {total} ({since})"


class MedicineCard(QGroupBox):
    """One medicine: the regimen in force, actions, and the history of its dose changes."""

    change_requested = Signal(object)  # Medicine
    correct_requested = Signal(object, object)  # Medicine, RegimenChange
    remove_requested = Signal(object, object)  # Medicine, RegimenChange
    refill_requested = Signal(object)  # Medicine
    ingredient_confirmed = Signal(object, object)  # Medicine, Ingredient

    def __init__(
        self,
        medicine: Medicine,
        changes: list[RegimenChange],
        current: Regimen | None,
        refills: list[PumpRefill],
        state: AppState,
        parent: QWidget | None = None,
    ):
        super().__init__(f"{medicine.name} ({medicine.form.label.lower()})", parent)
        self.medicine = medicine
        layout = QVBoxLayout(self)
        self.current = plain_label(f"Now: {describe_regimen(medicine, current)}")
        self.current.setAccessibleName(f"{medicine.name} now")
        layout.addWidget(self.current)
        if medicine.ingredient_confirmed:
            self.ingredient_label = plain_label(
                f"Active ingredient: {ingredient_text(medicine.ingredient)}"
            )
            layout.addWidget(self.ingredient_label)
        else:
            layout.addWidget(self._build_confirmation())
        if medicine.route.is_continuous:
            if refills:
                last = refills[-1]
                refill_text = (
                    f"Last refill {day_text(last.refill_date)}; next due "
                    f"{weekday_text(last.next_due)}."
                )
            else:
                refill_text = "No refill recorded yet: record one to be reminded of the next."
            self.refill_label = plain_label(refill_text)
            layout.addWidget(self.refill_label)

        # Two short rows of buttons rather than one long one: they must fit with large text.
        buttons = QHBoxLayout()
        history_buttons = QHBoxLayout()
        self.change_button = QPushButton("Record a dose change…")
        self.change_button.setAccessibleName(f"Record a dose change of {medicine.name}")
        self.change_button.clicked.connect(lambda: self.change_requested.emit(medicine))
        buttons.addWidget(self.change_button)
        if medicine.route.is_continuous:
            self.refill_button = QPushButton("Record a refill…")
            self.refill_button.setAccessibleName(f"Record a refill of {medicine.name}")
            self.refill_button.clicked.connect(lambda: self.refill_requested.emit(medicine))
            buttons.addWidget(self.refill_button)
        self.correct_button = QPushButton("Correct selected change…")
        self.correct_button.setAccessibleName(f"Correct the selected change of {medicine.name}")
        self.remove_button = QPushButton("Remove selected change")
        self.remove_button.setAccessibleName(f"Remove the selected change of {medicine.name}")
        buttons.addStretch(1)
        layout.addLayout(buttons)
        history_buttons.addWidget(self.correct_button)
        history_buttons.addWidget(self.remove_button)
        history_buttons.addStretch(1)

        self.model = RegimenChangesModel(state.enterer_name, self)
        self.model.set_changes(medicine, changes)
        self.table = record_table(
            self.model, f"Dose changes of {medicine.name}, newest first", Column.NOTE
        )
        rows = self.model.rowCount()
        self.table.setMinimumHeight(min(6, max(rows, 1)) * 40 + 36)
        layout.addWidget(self.table)
        layout.addLayout(history_buttons)
        if rows:
            self.table.selectRow(0)
        self.correct_button.setEnabled(rows > 0)
        self.remove_button.setEnabled(rows > 0)
        enforce_targets(self)
        self.correct_button.clicked.connect(self._on_correct_clicked)
        self.remove_button.clicked.connect(self._on_remove_clicked)

    def _build_confirmation(self) -> QFrame:
        """The guessed ingredient, to confirm or change: the cautions depend on it."""
        frame = QFrame()
        frame.setProperty("role", "banner")
        inner = QVBoxLayout(frame)
        guess = self.medicine.ingredient
        self.ingredient_label = plain_label(
            f"Please check the active ingredient of {self.medicine.name}: it was guessed from "
            f"the name as {ingredient_text(guess)}. The cautions follow the ingredient."
        )
        inner.addWidget(self.ingredient_label)
        row = QHBoxLayout()
        self.ingredient_choice = QComboBox()
        for ingredient in Ingredient:
            self.ingredient_choice.addItem(ingredient_text(ingredient).capitalize())
        self.ingredient_choice.setCurrentIndex(list(Ingredient).index(guess))
        self.ingredient_choice.setAccessibleName(f"Active ingredient of {self.medicine.name}")
        self.confirm_button = QPushButton("Confirm the ingredient")
        self.confirm_button.setAccessibleName(
            f"Confirm the active ingredient of {self.medicine.name}"
        )
        self.confirm_button.clicked.connect(self._on_confirm_clicked)
        row.addWidget(buddy_label("Active &ingredient", self.ingredient_choice))
        row.addWidget(self.ingredient_choice, 1)
        row.addWidget(self.confirm_button)
        inner.addLayout(row)
        return frame

    def _on_confirm_clicked(self) -> None:
        chosen = list(Ingredient)[self.ingredient_choice.currentIndex()]
        self.ingredient_confirmed.emit(self.medicine, chosen)

    def selected_change(self) -> RegimenChange | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.change(rows[0].row()) if rows else None

    def _on_correct_clicked(self) -> None:
        change = self.selected_change()
        if change is not None:
            self.correct_requested.emit(self.medicine, change)

    def _on_remove_clicked(self) -> None:
        change = self.selected_change()
        if change is not None:
            self.remove_requested.emit(self.medicine, change)


class InjectionsBox(QGroupBox):
    """Botulinum toxin injections: the list, and the actions on it."""

    def __init__(self, state: AppState, parent: QWidget | None = None):
        super().__init__("Botulinum toxin injections", parent)
        layout = QVBoxLayout(self)
        self.reminder = CautionList()  # 12 weeks on: information only
        layout.addWidget(self.reminder)
        self.none = plain_label("No injections recorded.")
        layout.addWidget(self.none)
        self.model = InjectionsModel(state.enterer_name, self)
        self.table = record_table(self.model, "Botulinum toxin injections, newest first", 3)
        layout.addWidget(self.table)
        buttons = QHBoxLayout()
        self.add_button = QPushButton("Record an in&jection…")
        self.add_button.setAccessibleName("Record a botulinum toxin injection")
        self.remove_button = QPushButton("Remove selected injection")
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        enforce_targets(self)

    def set_injections(self, injections: list[ToxinInjection], reminder: list[Caution]) -> None:
        self.model.set_injections(injections)
        rows = self.model.rowCount()
        self.table.setVisible(rows > 0)
        self.none.setVisible(rows == 0)
        self.table.setMinimumHeight(min(4, max(rows, 1)) * 40 + 36)
        if rows:
            self.table.selectRow(0)
        self.remove_button.setEnabled(rows > 0)
        self.reminder.set_cautions(reminder)

    def selected(self) -> ToxinInjection | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.injection(rows[0].row()) if rows else None


class MedicinesPage(LazyPage):
    """What the person takes now, every dose change, treatments, and the actions on them."""

    reload_on = RELOAD_ON

    add_requested = Signal()

    def __init__(
        self,
        services: Services,
        state: AppState,
        user_actions: Actions,
        parent: QWidget | None = None,
    ):
        super().__init__("Medicines", state, user_actions, parent)
        self._services = services
        self._undo = user_actions.undo_stack
        self.cards: list[MedicineCard] = []
        self._raised: list[Caution] = []  # what the last action raised, until the next one
        layout = self.body
        self._scroll = QScrollArea()
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        content = QWidget()
        column = QVBoxLayout(content)
        # The cautions scroll with the page, so that they never squeeze the medicines away.
        self.cautions = CautionList()
        column.addWidget(self.cautions)
        self._cards_box = QVBoxLayout()
        column.addLayout(self._cards_box)
        self.empty = plain_label("No medicines yet.")
        column.addWidget(self.empty)
        self.injections = InjectionsBox(state)
        column.addWidget(self.injections)
        column.addStretch(1)
        self._scroll.setWidget(content)
        layout.addWidget(self._scroll, 1)
        buttons = QHBoxLayout()
        self.add_button = QPushButton("&Add a medicine…")
        self.add_button.setAccessibleName("Add a medicine")
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.add_button.clicked.connect(self.add_requested)
        self.injections.add_button.clicked.connect(self.record_injection)
        self.injections.remove_button.clicked.connect(self._on_remove_injection_clicked)
        self.message.action_triggered.connect(self._undo.undo)
        self._undo.indexChanged.connect(self.message.withdraw_action)
        self._state.person_changed.connect(self._on_state_person_changed)

    def _on_state_person_changed(self, _person: object) -> None:
        self._raised = []
        self.reload_when_shown()

    def reload(self) -> None:
        super().reload()
        person = self._state.person
        for card in self.cards:
            self._cards_box.removeWidget(card)
            card.deleteLater()
        self.cards = []
        if person is None or person.id is None:
            self.cautions.set_cautions([])
            self.empty.show()
            return
        medicines = self._services.medicines
        today = medicines.today()
        for medicine in medicines.medicines(person.id):
            assert medicine.id is not None
            changes = medicines.history(medicine.id)
            in_force = [c.regimen for c in changes if c.regimen.start_date <= today]
            card = MedicineCard(
                medicine,
                changes,
                in_force[-1] if in_force else None,
                medicines.refills(medicine.id) if medicine.route.is_continuous else [],
                self._state,
            )
            card.change_requested.connect(self.record_change)
            card.correct_requested.connect(self.correct_change)
            card.remove_requested.connect(self.remove_change)
            card.refill_requested.connect(self.record_refill)
            card.ingredient_confirmed.connect(self.confirm_ingredient)
            self._cards_box.addWidget(card)
            self.cards.append(card)
        self.empty.setVisible(not self.cards)
        injections = medicines.injections(person.id)
        reminder = toxin_repeat_caution(injections, today)
        self.injections.set_injections(injections, [] if reminder is None else [reminder])
        self.cautions.set_cautions(self._raised + medicines.person_notes(person))

    def show_raised(self, text: str, cautions: tuple[Caution, ...], *, undo: bool) -> None:
        """Say what an action did, with the cautions it raised (they stay until the next)."""
        self._raised = list(cautions)
        if self.isVisible():
            self.reload()
        if cautions:
            text += " It raised " + (
                "a caution, shown below." if len(cautions) == 1 else "cautions, shown below."
            )
        self.message.show_message(text, action=UNDO_LABEL if undo else None)

    # -- actions ---------------------------------------------------------------------------

    def _dose_dialog(
        self, medicine: Medicine, submit: Submit, correcting: Regimen | None = None
    ) -> QDialog:
        medicines = self._services.medicines
        today = medicines.today()
        assert medicine.id is not None
        started = [r for r in medicines.regimens(medicine.id) if r.start_date <= today]
        return self._open(
            DoseChangeDialog(
                medicine,
                started[-1] if started else None,
                today,
                lambda regimen: medicines.regimen_cautions(medicine, regimen),
                self._state.entered_by,
                submit,
                correcting=correcting,
                parent=self,
            )
        )

    def record_change(self, medicine: Medicine) -> QDialog:
        medicines = self._services.medicines

        def submit(regimen: Regimen) -> None:
            when = day_text(regimen.start_date)
            saved = self._actions.perform(
                lambda: medicines.record_regimen_change(regimen),
                undo=f"record the dose change of {medicine.name} from {when}",
                service=medicines,
            )
            self.show_raised(
                f"Dose change of {medicine.name} from {when} recorded.", saved.cautions, undo=True
            )

        return self._dose_dialog(medicine, submit)

    def correct_change(self, medicine: Medicine, change: RegimenChange) -> QDialog:
        medicines = self._services.medicines

        def submit(regimen: Regimen) -> None:
            saved = self._actions.perform(
                lambda: medicines.update(regimen),
                undo=f"correct the dose change of {medicine.name}",
                service=medicines,
                before=change.regimen,
            )
            self.show_raised(
                f"Dose change of {medicine.name} corrected.", saved.cautions, undo=True
            )

        return self._dose_dialog(medicine, submit, correcting=change.regimen)

    def remove_change(self, medicine: Medicine, change: RegimenChange) -> None:
        regimen = change.regimen
        assert regimen.id is not None
        regimen_id = regimen.id
        when = day_text(regimen.start_date)
        medicines = self._services.medicines
        deleted = self._actions.attempt(
            lambda: medicines.delete(Regimen, regimen_id),
            self.message,
            undo=f"remove the dose change of {medicine.name} from {when}",
            service=medicines,
        )
        if deleted is not None:
            self.show_raised(
                f"Dose change of {medicine.name} from {when} removed.",
                deleted.cautions,
                undo=True,
            )

    def confirm_ingredient(self, medicine: Medicine, ingredient: Ingredient) -> None:
        medicines = self._services.medicines
        saved = self._actions.attempt(
            lambda: medicines.set_ingredient(medicine, ingredient),
            self.message,
            undo=f"confirm the active ingredient of {medicine.name}",
            service=medicines,
            before=medicine,
        )
        if saved is not None:
            self.show_raised(
                f"The active ingredient of {medicine.name} is now {ingredient_text(ingredient)}.",
                saved.cautions,
                undo=True,
            )

    def record_refill(self, medicine: Medicine) -> QDialog:
        medicines = self._services.medicines

        def submit(refill: PumpRefill) -> None:
            saved = self._actions.perform(
                lambda: medicines.record_refill(refill),
                undo=f"record the refill of {day_text(refill.refill_date)}",
                service=medicines,
            )
            self.message.show_message(
                f"Refill recorded; next due {weekday_text(saved.value.next_due)}.",
                action=UNDO_LABEL,
            )

        return self._open(
            RefillDialog(medicine, medicines.today(), self._state.entered_by, submit, self)
        )

    def record_injection(self) -> QDialog | None:
        person_id = self._state.person_id
        if person_id is None:
            return None
        medicines = self._services.medicines

        def submit(injection: ToxinInjection) -> None:
            when = day_text(injection.day)
            self._actions.perform(
                lambda: medicines.record_injection(injection),
                undo=f"record the injection of {when}",
                service=medicines,
            )
            self.message.show_message(
                f"Botulinum toxin injection of {when} recorded.", action=UNDO_LABEL
            )

        return self._open(
            ToxinInjectionDialog(person_id, self._state.entered_by, medicines.today(), submit, self)
        )

    def _on_remove_injection_clicked(self) -> None:
        injection = self.injections.selected()
        if injection is None or injection.id is None:
            return
        injection_id = injection.id
        when = day_text(injection.day)
        medicines = self._services.medicines
        deleted = self._actions.attempt(
            lambda: medicines.delete(ToxinInjection, injection_id),
            self.message,
            undo=f"remove the injection of {when}",
            service=medicines,
        )
        if deleted is not None:
            self.message.show_message(
                f"Botulinum toxin injection of {when} removed.", action=UNDO_LABEL
            )
