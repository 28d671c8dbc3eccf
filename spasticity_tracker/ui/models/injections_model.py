"""A table model over botulinum toxin injections: a thin adapter for the Medicines page."""

from __future__ import annotations

from collections.abc import Callable
from enum import IntEnum
from typing import Any

from PySide6.QtCore import Qt

from spasticity_tracker.domain.dates import day_text
from spasticity_tracker.domain.entities import (
    CarerId,
    ToxinInjection,
)
from spasticity_tracker.ui.models.record_model import RecordModel


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
