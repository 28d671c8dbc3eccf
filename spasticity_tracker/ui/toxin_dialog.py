"""Record a botulinum toxin injection, and the table that lists them on the Medicines page."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from enum import IntEnum
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QLineEdit, QVBoxLayout, QWidget

from spasticity_tracker.domain.dates import day_text
from spasticity_tracker.domain.entities import (
    NAME_MAX,
    TOXIN_UNITS_MAX,
    CarerId,
    PersonId,
    ToxinInjection,
)
from spasticity_tracker.domain.errors import TrackerError
from spasticity_tracker.domain.scales import ToxinProduct
from spasticity_tracker.ui.record_model import RecordModel
from spasticity_tracker.ui.widgets import (
    DateEdit,
    MessageBar,
    amount_field,
    enforce_targets,
    labelled_rows,
    note_field,
    plain_label,
    save_cancel_buttons,
)


class ToxinInjectionDialog(QDialog):
    """Date, product, total units (0 when not known), muscles, who gave it, and a note."""

    def __init__(
        self,
        person_id: PersonId,
        entered_by: CarerId | None,
        today: date,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self._person_id = person_id
        self._entered_by = entered_by
        self.setWindowTitle("Record a botulinum toxin injection")
        layout = QVBoxLayout(self)
        self.message = MessageBar()
        layout.addWidget(self.message)
        form = QFormLayout()
        layout.addLayout(form)
        self.day = DateEdit(today, "Injection date")
        self.product = QComboBox()
        for product in ToxinProduct:
            self.product.addItem(product.label)
        self.product.setAccessibleName("Product")
        self.units = amount_field("Total units, 0 if not known", TOXIN_UNITS_MAX, "units")
        self.muscles = note_field("Muscles injected", placeholder="e.g. left calf, right thigh")
        self.given_by = QLineEdit()
        self.given_by.setMaxLength(NAME_MAX)
        self.given_by.setAccessibleName("Given by")
        self.given_by.setPlaceholderText("e.g. Dr Lewis, spasticity clinic")
        self.note = note_field("Note about the injection")
        labelled_rows(
            form,
            (
                ("&Date", self.day),
                ("&Product", self.product),
                ("Total &units", self.units),
                ("&Muscles", self.muscles),
                ("&Given by", self.given_by),
                ("&Note", self.note),
            ),
        )
        layout.addWidget(
            plain_label(
                "Units of one product are not those of another: they are never added up "
                "across products. Leave the units at 0 if you do not know them.",
                role="hint",
            )
        )
        layout.addWidget(save_cancel_buttons(self, self._on_buttons_accepted))
        self.result_injection: ToxinInjection | None = None
        enforce_targets(self)
        self.resize(560, 0)

    def values(self) -> ToxinInjection:
        """The injection entered (raises ValidationError when not valid)."""
        units = self.units.value()
        return ToxinInjection(
            person_id=self._person_id,
            day=self.day.value(),
            product=list(ToxinProduct)[self.product.currentIndex()],
            total_units=units or None,
            muscles=self.muscles.text().strip(),
            given_by=self.given_by.text().strip(),
            note=self.note.text().strip(),
            entered_by=self._entered_by,
        )

    def _on_buttons_accepted(self) -> None:
        try:
            self.result_injection = self.values()
        except TrackerError as error:
            self.message.show_message(str(error), error=True)
            return
        self.accept()


class Column(IntEnum):
    DAY = 0
    PRODUCT = 1
    UNITS = 2
    MUSCLES = 3
    GIVEN_BY = 4
    ENTERED_BY = 5


HEADERS = {
    Column.DAY: "Date",
    Column.PRODUCT: "Product",
    Column.UNITS: "Total units",
    Column.MUSCLES: "Muscles",
    Column.GIVEN_BY: "Given by",
    Column.ENTERED_BY: "Entered by",
}


class InjectionsModel(RecordModel):
    """Rows of ToxinInjection, newest first."""

    headers = tuple(HEADERS[column] for column in Column)

    def __init__(self, enterer_name: Callable[[CarerId | None], str], parent: Any = None):
        super().__init__(parent)
        self._enterer_name = enterer_name

    def set_injections(self, injections: list[ToxinInjection]) -> None:
        self.set_records(sorted(injections, key=lambda i: i.day, reverse=True))

    def injection(self, row: int) -> ToxinInjection:
        injection: ToxinInjection = self.record(row)
        return injection

    def cell(self, record: Any, column: int, role: int) -> Any:
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        injection: ToxinInjection = record
        which = Column(column)
        if which is Column.DAY:
            return day_text(injection.day)
        if which is Column.PRODUCT:
            return injection.product.label
        if which is Column.UNITS:
            return "not recorded" if injection.total_units is None else f"{injection.total_units:g}"
        if which is Column.MUSCLES:
            return injection.muscles
        if which is Column.GIVEN_BY:
            return injection.given_by
        return self._enterer_name(injection.entered_by)
