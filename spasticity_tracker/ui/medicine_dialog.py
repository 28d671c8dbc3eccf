"""Add a medicine with its current regimen: doses by time of day, or a pump's rate."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from spasticity_tracker.domain.cautions import Caution
from spasticity_tracker.domain.entities import (
    CarerId,
    Medicine,
    MedicineId,
    PersonId,
    Regimen,
    ScheduledDose,
)
from spasticity_tracker.domain.errors import TrackerError
from spasticity_tracker.domain.ingredients import (
    COMMON_MEDICINES,
    Certainty,
    Ingredient,
    Recognised,
    recognise,
)
from spasticity_tracker.domain.scales import Form, Route
from spasticity_tracker.ui.widgets import (
    CautionList,
    DateEdit,
    MessageBar,
    TimeEdit,
    amount_field,
    enforce_targets,
    fit_height,
    labelled_rows,
    plain_label,
    save_cancel_buttons,
)

DEFAULT_TIMES = (time(8), time(14), time(20))
MAX_DOSE_TIMES = 6
UNSAVED = MedicineId(0)  # the medicine's id is set when it is saved (see MedicineService)


class DoseRow(QWidget):
    """One scheduled dose: time of day, amount, and a button to remove it."""

    def __init__(self, number: int, at: time, amount: float, unit: str):
        super().__init__()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.time = TimeEdit(at, f"Time of dose {number}")
        self.amount = amount_field(f"Amount of dose {number}", 1000, unit)
        self.amount.setValue(amount)
        self.remove = QPushButton("Remove")
        self.remove.setAutoDefault(False)  # Enter saves the dialog
        self.remove.setAccessibleName(f"Remove dose {number}")
        layout.addWidget(self.time)
        layout.addWidget(self.amount, 1)
        layout.addWidget(self.remove)
        enforce_targets(self)

    def dose(self) -> ScheduledDose | None:
        """The dose, or None when its amount is left at 0."""
        if self.amount.value() <= 0:
            return None
        return ScheduledDose(time_of_day=self.time.value(), amount=self.amount.value())


class RegimenEditor(QWidget):
    """Doses by time of day (oral, spray, injection) or a continuous rate (pump)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self._rows_box = QVBoxLayout()
        layout.addLayout(self._rows_box)
        self._rows: list[DoseRow] = []
        self.add_time = QPushButton("Add a dose &time")
        self.add_time.setAutoDefault(False)
        self.add_time.clicked.connect(lambda: self.add_dose_row(time(12), 0.0))
        layout.addWidget(self.add_time)
        self.rate = amount_field("Pump rate per day", 3000, "mcg/day")
        self.rate_label = QLabel("Pump &rate")
        self.rate_label.setBuddy(self.rate)
        rate_row = QHBoxLayout()
        rate_row.addWidget(self.rate_label)
        rate_row.addWidget(self.rate, 1)
        layout.addLayout(rate_row)
        self.total = plain_label(role="hint")
        layout.addWidget(self.total)
        self._unit = "mg"
        self._pump = False
        self.rate.valueChanged.connect(self._update_total)

    @property
    def rows(self) -> list[DoseRow]:
        return list(self._rows)

    def set_regimen(self, regimen: Regimen | None) -> None:
        """Show a regimen's doses (or rate) to start editing from."""
        for row in list(self._rows):
            self._remove_row(row)
        if regimen is None:
            return
        for dose in regimen.doses:
            self.add_dose_row(dose.time_of_day, dose.amount)
        self.rate.setValue(regimen.rate_per_day or 0.0)

    def set_route(self, route: Route) -> None:
        self._pump = route.is_continuous
        self._unit = route.default_unit.value
        for row in self._rows:
            row.setVisible(not self._pump)
            row.amount.setSuffix(f" {self._unit}")
        self.add_time.setVisible(not self._pump)
        self.rate.setVisible(self._pump)
        self.rate_label.setVisible(self._pump)
        self._update_total()

    def add_dose_row(self, at: time, amount: float) -> None:
        if len(self._rows) >= MAX_DOSE_TIMES:
            return
        row = DoseRow(len(self._rows) + 1, at, amount, self._unit)
        row.amount.valueChanged.connect(self._update_total)
        row.time.timeChanged.connect(self.changed)
        row.remove.clicked.connect(lambda: self._remove_row(row))
        row.setVisible(not self._pump)
        self._rows_box.addWidget(row)
        self._rows.append(row)
        self._update_total()

    def _remove_row(self, row: DoseRow) -> None:
        self._rows.remove(row)
        self._rows_box.removeWidget(row)
        row.hide()
        row.deleteLater()
        self._update_total()

    def _update_total(self) -> None:
        if self._pump:
            self.total.setText(f"Daily total: {self.rate.value():g} mcg/day")
        else:
            total = sum(row.amount.value() for row in self._rows)
            self.total.setText(f"Daily total: {total:g} {self._unit}/day")
        self.changed.emit()

    def regimen(
        self, medicine_id: MedicineId, start: date, route: Route, note: str = ""
    ) -> Regimen:
        """The regimen entered (raises ValidationError when not valid)."""
        if route.is_continuous:
            rate = self.rate.value()
            return Regimen(
                medicine_id=medicine_id, start_date=start, rate_per_day=rate or None, note=note
            )
        doses = [dose for row in self._rows if (dose := row.dose()) is not None]
        return Regimen(medicine_id=medicine_id, start_date=start, doses=tuple(doses), note=note)


class MedicineDialog(QDialog):
    """Name, active ingredient, form, start date and regimen, with live cautions.

    The ingredient and form follow what the name says ("Lyflex" is an oral liquid of
    baclofen; "Baclophen" is offered as baclofen) until the person chooses them by hand.
    """

    def __init__(
        self,
        person_id: PersonId,
        entered_by: CarerId | None,
        today: date,
        cautions_for: Callable[[Medicine, Regimen], list[Caution]],
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self._person_id = person_id
        self._entered_by = entered_by
        self._cautions_for = cautions_for
        self._ingredient_by_hand = False
        self._form_by_hand = False
        self.setWindowTitle("Add a medicine")
        layout = QVBoxLayout(self)
        self.message = MessageBar()
        layout.addWidget(self.message)
        form = QFormLayout()
        layout.addLayout(form)
        self.name = QComboBox()
        self.name.setEditable(True)
        for name, _ingredient, _form in COMMON_MEDICINES:
            self.name.addItem(name)
        self.name.setAccessibleName("Medicine name")
        self.recognised = plain_label(role="hint")
        self.recognised.setAccessibleName("What the name was recognised as")
        self.ingredient = QComboBox()
        for ingredient in Ingredient:
            self.ingredient.addItem(
                "Other (not listed)" if ingredient is Ingredient.OTHER else ingredient.label
            )
        self.ingredient.setAccessibleName("Active ingredient")
        self.form = QComboBox()
        for each in Form:
            self.form.addItem(each.label)
        self.form.setAccessibleName("Form")
        self.start = DateEdit(today, "Taking it since")
        self.editor = RegimenEditor()
        for at in DEFAULT_TIMES:
            self.editor.add_dose_row(at, 5.0)
        labelled_rows(form, (("&Medicine", self.name),))
        form.addRow("", self.recognised)
        labelled_rows(
            form,
            (
                ("Active &ingredient", self.ingredient),
                ("&Form", self.form),
                ("Taking it &since", self.start),
                ("Doses", self.editor),
            ),
        )
        self.cautions = CautionList()
        layout.addWidget(self.cautions)
        layout.addWidget(
            plain_label(
                "Cautions are information only: the medicine is saved as you enter it.",
                role="hint",
            )
        )
        layout.addWidget(save_cancel_buttons(self, self._on_buttons_accepted))
        self.result_value: tuple[Medicine, Regimen] | None = None
        self._connect_signals()
        self._on_name_edited(self.name.currentText())
        self.editor.set_route(self.chosen_route())  # the form may not have changed
        enforce_targets(self)
        self.resize(600, 0)  # the layout keeps it at least as large as its contents

    def _connect_signals(self) -> None:
        self.name.currentTextChanged.connect(self._on_name_edited)
        self.ingredient.activated.connect(self._on_ingredient_activated)
        self.form.activated.connect(self._on_form_activated)
        self.form.currentIndexChanged.connect(self._on_form_changed)
        self.editor.changed.connect(self._update_cautions)
        self.start.dateChanged.connect(self._update_cautions)

    def chosen_ingredient(self) -> Ingredient:
        return list(Ingredient)[self.ingredient.currentIndex()]

    def chosen_form(self) -> Form:
        return list(Form)[self.form.currentIndex()]

    def chosen_route(self) -> Route:
        return self.chosen_form().route

    def _on_name_edited(self, text: str) -> None:
        recognised = recognise(text)
        if not self._ingredient_by_hand:
            self.ingredient.setCurrentIndex(list(Ingredient).index(recognised.ingredient))
        if not self._form_by_hand:
            form = recognised.form or recognised.ingredient.facts.usual_form
            self.form.setCurrentIndex(list(Form).index(form))
        self.recognised.setText(self._recognition_text(text, recognised))
        self._update_cautions()

    @staticmethod
    def _recognition_text(text: str, recognised: Recognised) -> str:
        if not text.strip():
            return "Type the name on the box or label."
        if recognised.certainty is Certainty.EXACT:
            return f"Recognised: {recognised.ingredient.word}."
        if recognised.certainty is Certainty.CLOSE:
            return (
                f"Did you mean {recognised.matched}? The active ingredient is set to "
                f"{recognised.ingredient.word}: check it below."
            )
        return "Not a medicine the app knows: choose its active ingredient below, or Other."

    def _on_ingredient_activated(self, _index: int) -> None:
        self._ingredient_by_hand = True
        self._update_cautions()

    def _on_form_activated(self, _index: int) -> None:
        self._form_by_hand = True

    def _on_form_changed(self, _index: int) -> None:
        self.editor.set_route(self.chosen_route())
        self._update_cautions()

    def values(self) -> tuple[Medicine, Regimen]:
        """The medicine and its first regimen (raises ValidationError when not valid)."""
        medicine = Medicine(
            person_id=self._person_id,
            name=self.name.currentText().strip(),
            ingredient=self.chosen_ingredient(),
            form=self.chosen_form(),
            entered_by=self._entered_by,
        )
        return medicine, self.editor.regimen(UNSAVED, self.start.value(), medicine.route)

    def _update_cautions(self) -> None:
        try:
            medicine, regimen = self.values()
        except TrackerError:
            self.cautions.set_cautions([])
            return
        self.cautions.set_cautions(self._cautions_for(medicine, regimen))
        QTimer.singleShot(0, lambda: fit_height(self))  # once the caution blocks are laid out

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        fit_height(self)

    def _on_buttons_accepted(self) -> None:
        try:
            self.result_value = self.values()
        except TrackerError as error:
            self.message.show_message(str(error), error=True)
            return
        self.accept()
