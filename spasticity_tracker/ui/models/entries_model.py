"""A table model over diary entries, newest first: a thin adapter for the History page."""

from __future__ import annotations

from collections.abc import Callable
from enum import IntEnum
from typing import Any

from PySide6.QtCore import Qt

from spasticity_tracker.domain.entities import CarerId, SymptomEntry
from spasticity_tracker.domain.scales import PENN_SHORT, SPASM_SEVERITY
from spasticity_tracker.presentation.formatting import moment_text
from spasticity_tracker.ui.models.record_model import RecordModel

EntryRole = Qt.ItemDataRole.UserRole + 1  # the SymptomEntry of a row


class Column(IntEnum):
    WHEN = 0
    STIFFNESS = 1
    SPASMS = 2
    PAIN = 3
    SLEEP = 4
    NOTE = 5
    ENTERED_BY = 6


HEADERS = {
    Column.WHEN: "Date and time",
    Column.STIFFNESS: "Stiffness",
    Column.SPASMS: "Spasms",
    Column.PAIN: "Pain",
    Column.SLEEP: "Sleep disruption",
    Column.NOTE: "Note",
    Column.ENTERED_BY: "Entered by",
}


NOT_RECORDED = "\N{EN DASH}"


def _optional(value: int | None) -> str:
    return NOT_RECORDED if value is None else str(value)


class EntriesModel(RecordModel):
    """Rows of SymptomEntry; the view never sees the database."""

    headers = tuple(HEADERS[column] for column in Column)

    def __init__(self, enterer_name: Callable[[CarerId | None], str], parent: Any = None):
        super().__init__(parent)
        self._enterer_name = enterer_name

    def set_entries(self, entries: list[SymptomEntry]) -> None:
        self.set_records(entries)

    def entry(self, row: int) -> SymptomEntry:
        entry: SymptomEntry = self.record(row)
        return entry

    def cell(self, record: Any, column: int, role: int) -> Any:
        entry: SymptomEntry = record
        which = Column(column)
        if role == EntryRole:
            return entry
        if role == Qt.ItemDataRole.TextAlignmentRole and which in (
            Column.STIFFNESS,
            Column.PAIN,
            Column.SLEEP,
        ):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(entry, which)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            text = self._text(entry, which)
            return "not recorded" if text == NOT_RECORDED else text
        if role == Qt.ItemDataRole.ToolTipRole and which is Column.NOTE and entry.note:
            return entry.note
        return None

    def _text(self, entry: SymptomEntry, column: Column) -> str:
        if column is Column.WHEN:
            return moment_text(entry.recorded_at)
        if column is Column.STIFFNESS:
            return str(entry.stiffness)
        if column is Column.SPASMS:
            if entry.spasm_frequency is None:
                return NOT_RECORDED
            text = PENN_SHORT[entry.spasm_frequency]
            if entry.spasm_severity:
                text += f" ({SPASM_SEVERITY[entry.spasm_severity - 1].lower()})"
            return text
        if column is Column.PAIN:
            return _optional(entry.pain)
        if column is Column.SLEEP:
            return _optional(entry.sleep_disruption)
        if column is Column.NOTE:
            return entry.note.replace("\n", " ")
        return self._enterer_name(entry.entered_by)
