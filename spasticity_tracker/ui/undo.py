"""Undoable actions on the app-wide QUndoStack (Ctrl+Z), backed by the services."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from spasticity_tracker.domain.entities import Record
from spasticity_tracker.services.changes import Change
from spasticity_tracker.services.records import Deleted, RecordService


class DeleteRecordCommand(QUndoCommand):
    """Delete a record; undo puts it back under the same id."""

    def __init__(
        self,
        service: RecordService,
        record: Record,
        description: str,
        on_change: Callable[[Change], None],
    ):
        super().__init__(description)
        self._service = service
        self._record = record
        self._on_change = on_change
        self._deleted: Deleted | None = None

    def redo(self) -> None:
        assert self._record.id is not None
        self._deleted = self._service.delete(type(self._record), self._record.id)
        self._on_change(self._deleted.change)

    def undo(self) -> None:
        assert self._deleted is not None
        self._on_change(self._service.restore(self._deleted))
