"""Add a medicine with its current regimen: doses by time of day, or a pump's rate."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QWidget,
)

from spasticity_tracker.domain.cautions import Caution
from spasticity_tracker.domain.entities import (
    CarerId,
    Medicine,
    MedicineId,
    PersonId,
    Regimen,
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
from spasticity_tracker.ui.dialogs.form_dialog import FormDialog, Submit
from spasticity_tracker.ui.widgets.fields import (
    DateEdit,
    labelled_rows,
    plain_label,
)
from spasticity_tracker.ui.widgets.message_bar import CautionList
from spasticity_tracker.ui.widgets.regimen_editor import RegimenEditor

DEFAULT_TIMES = (time(8), time(14), time(20))
UNSAVED = MedicineId(0)  # the medicine's id is set when it is saved (see MedicineService)


class MedicineDialog(FormDialog):
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
        submit: Submit,
        parent: QWidget | None = None,
    ):
        super().__init__("Add a medicine", submit, parent, width=600)
        self._person_id = person_id
        self._entered_by = entered_by
        self._cautions_for = cautions_for
        self._ingredient_by_hand = False
        self._form_by_hand = False
        layout = self.body
        form = QFormLayout()
        layout.addLayout(form)
        self.name = QComboBox()
        self.name.setEditable(True)
        for name, _ingredient, _form in COMMON_MEDICINES:
            self.name.addItem(name)
        # Empty until typed or chosen: Enter or Space at once must not save the first name
        # of the list, with doses the person never looked at.
        self.name.setCurrentIndex(-1)
        self.name.setEditText("")
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
        self.add_buttons()
        self._connect_signals()
        self._on_name_edited(self.name.currentText())
        self.editor.set_route(self.chosen_route())  # the form may not have changed

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

    def value(self) -> tuple[Medicine, Regimen]:
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
            medicine, regimen = self.value()
        except TrackerError:
            self.cautions.set_cautions([])
            return
        self.cautions.set_cautions(self._cautions_for(medicine, regimen))
        if self.isVisible():
            QTimer.singleShot(0, self, self.refit)  # once the caution blocks are laid out
