"""A table model over one medicine's dose changes: a thin adapter for the Medicines page."""

from __future__ import annotations

from collections.abc import Callable
from enum import IntEnum
from typing import Any

from PySide6.QtCore import Qt

from spasticity_tracker.domain.entities import CarerId, Medicine
from spasticity_tracker.domain.regimens import RegimenChange
from spasticity_tracker.presentation.formatting import (
    dose_list,
    total_change_text,
    total_text,
    weekday_text,
)
from spasticity_tracker.ui.models.record_model import RecordModel


class Column(IntEnum):
    STARTS = 0
    DOSES = 1
    CHANGE = 2
    ENTERED_BY = 3
    NOTE = 4


HEADERS = {
    Column.STARTS: "From",
    Column.DOSES: "Doses",
    Column.CHANGE: "Daily total",
    Column.ENTERED_BY: "Entered by",
    Column.NOTE: "Note",
}


def describe_doses(medicine: Medicine, change: RegimenChange) -> str:
    regimen = change.regimen
    if regimen.is_stopped:
        return "Stopped"
    if regimen.rate_per_day is not None:
        return f"{total_text(medicine, regimen.rate_per_day)}, continuous"
    return dose_list(medicine, regimen)


class RegimenChangesModel(RecordModel):
    """Rows of RegimenChange, newest first."""

    headers = tuple(HEADERS[column] for column in Column)

    def __init__(self, enterer_name: Callable[[CarerId | None], str], parent: Any = None):
        super().__init__(parent)
        self._medicine: Medicine | None = None
        self._enterer_name = enterer_name

    def set_changes(self, medicine: Medicine, changes: list[RegimenChange]) -> None:
        self._medicine = medicine
        self.set_records(list(reversed(changes)))

    def change(self, row: int) -> RegimenChange:
        change: RegimenChange = self.record(row)
        return change

    def cell(self, record: Any, column: int, role: int) -> Any:
        if self._medicine is None:
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        change: RegimenChange = record
        which = Column(column)
        if which is Column.STARTS:
            return weekday_text(change.regimen.start_date)
        if which is Column.DOSES:
            return describe_doses(self._medicine, change)
        if which is Column.CHANGE:
            return total_change_text(self._medicine, change)
        if which is Column.ENTERED_BY:
            return self._enterer_name(change.regimen.entered_by)
        return change.regimen.note
