"""A table model over diary entries, newest first: a thin adapter for the History page."""

from __future__ import annotations

from collections.abc import Callable
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from spasticity_tracker.domain.entities import CarerId, SymptomEntry
from spasticity_tracker.domain.scales import PENN_SHORT, SPASM_SEVERITY

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

_Index = QModelIndex | QPersistentModelIndex


NOT_RECORDED = "\N{EN DASH}"


def _optional(value: int | None) -> str:
    return NOT_RECORDED if value is None else str(value)


class EntriesModel(QAbstractTableModel):
    """Rows of SymptomEntry; the view never sees the database."""

    def __init__(self, enterer_name: Callable[[CarerId | None], str], parent: Any = None):
        super().__init__(parent)
        self._entries: list[SymptomEntry] = []
        self._enterer_name = enterer_name

    def set_entries(self, entries: list[SymptomEntry]) -> None:
        self.beginResetModel()
        self._entries = list(entries)
        self.endResetModel()

    def entry(self, row: int) -> SymptomEntry:
        return self._entries[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        entry = self._entries[index.row()]
        column = Column(index.column())
        if role == EntryRole:
            return entry
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
            Column.STIFFNESS,
            Column.PAIN,
            Column.SLEEP,
        ):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(entry, column)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            text = self._text(entry, column)
            return "not recorded" if text == NOT_RECORDED else text
        if role == Qt.ItemDataRole.ToolTipRole and column is Column.NOTE and entry.note:
            return entry.note
        return None

    def _text(self, entry: SymptomEntry, column: Column) -> str:
        if column is Column.WHEN:
            return f"{entry.recorded_at.astimezone():%a %d %b %Y  %H:%M}"
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

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[Column(section)]
        return None
