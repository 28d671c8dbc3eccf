"""Add or edit a person: name, date of birth, condition and kidney impairment."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLineEdit,
    QWidget,
)

from spasticity_tracker.domain.entities import HOSPITAL_NUMBER_MAX, NAME_MAX, Person
from spasticity_tracker.domain.scales import Condition
from spasticity_tracker.ui.dialogs.form_dialog import FormDialog, Submit
from spasticity_tracker.ui.widgets.fields import DateEdit, labelled_rows, to_qdate

NO_DATE = QDate(1900, 1, 1)
BIRTH_OPENING = QDate(1960, 1, 1)  # where a date of birth starts when typed or picked


class PersonDialog(FormDialog):
    """The person's profile; Save checks it and saves it before the dialog closes."""

    def __init__(self, submit: Submit, person: Person | None = None, parent: QWidget | None = None):
        super().__init__("Edit person" if person else "Add a person", submit, parent, width=520)
        self._person = person
        form = QFormLayout()
        self.body.addLayout(form)

        self.name = QLineEdit(person.name if person else "")
        self.name.setMaxLength(NAME_MAX)
        self.name.setAccessibleName("Name")
        self.birth = DateEdit(name="Date of birth (optional)")
        # "Not given" is shown for the minimum date; typing or the calendar starts in 1960.
        self.birth.set_not_given("Not given", NO_DATE, BIRTH_OPENING)
        self.birth.setDate(
            to_qdate(person.date_of_birth) if person and person.date_of_birth else NO_DATE
        )
        self.hospital_number = QLineEdit(person.hospital_number if person else "")
        self.hospital_number.setMaxLength(HOSPITAL_NUMBER_MAX)
        self.hospital_number.setAccessibleName("Hospital or NHS number (optional)")
        self.condition = QComboBox()
        for condition in Condition:
            self.condition.addItem(condition.label)
        if person:
            self.condition.setCurrentIndex(list(Condition).index(person.condition))
        self.condition.setAccessibleName("Condition")
        self.kidney = QCheckBox("Kidney problems (noted on the clinic summary)")
        self.kidney.setChecked(bool(person and person.kidney_impairment))
        self.kidney.setAccessibleName("Kidney impairment")

        labelled_rows(
            form,
            (
                ("&Name", self.name),
                ("Date of &birth (optional)", self.birth),
                ("&Hospital or NHS number (optional)", self.hospital_number),
                ("&Condition", self.condition),
            ),
        )
        form.addRow("", self.kidney)
        self.add_buttons()

    def value(self) -> Person:
        """The person as entered (raises ValidationError when not valid)."""
        chosen = self.birth.date()
        birth = None if chosen == NO_DATE else chosen.toPython()
        assert birth is None or isinstance(birth, date)
        name = self.name.text().strip()
        # By index: Qt hands a StrEnum item-data value back as a plain str.
        condition = list(Condition)[self.condition.currentIndex()]
        kidney = self.kidney.isChecked()
        number = self.hospital_number.text().strip()
        if self._person is None:
            return Person(
                name=name,
                date_of_birth=birth,
                condition=condition,
                kidney_impairment=kidney,
                hospital_number=number,
            )
        return replace(
            self._person,
            name=name,
            date_of_birth=birth,
            condition=condition,
            kidney_impairment=kidney,
            hospital_number=number,
        )

    def _on_refused(self) -> None:
        self.name.setFocus()
