"""The shared base of the app's table models: rows of domain records, read-only."""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any, ClassVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex


def plain_tooltip(text: str) -> str:
    """A tooltip that shows text as typed: Qt shows a tooltip that looks like HTML as HTML."""
    return f"<p style='white-space:pre-wrap'>{html.escape(text)}</p>"


class RecordModel(QAbstractTableModel):
    """A thin adapter over a list of records; subclasses name the columns and format a cell."""

    headers: ClassVar[Sequence[str]] = ()

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self._records: list[Any] = []

    def set_records(self, records: Sequence[Any]) -> None:
        self.beginResetModel()
        self._records = list(records)
        self.endResetModel()

    def record(self, row: int) -> Any:
        return self._records[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._records):
            return None
        value = self.cell(self._records[index.row()], index.column(), role)
        if role == Qt.ItemDataRole.ToolTipRole and isinstance(value, str) and value:
            return plain_tooltip(value)
        return value

    def cell(self, record: Any, column: int, role: int) -> Any:
        """What a cell shows for a role (None for roles it does not answer)."""
        raise NotImplementedError

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None
