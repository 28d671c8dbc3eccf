"""Undoable actions on the app-wide QUndoStack (Ctrl+Z), backed by the services.

The action itself runs before the command is pushed, so that an error reaches the user as a
message and nothing lands on the stack (QUndoStack.push would swallow an exception raised in
the first redo). The first redo is therefore a no-op."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from spasticity_tracker.domain.entities import Record
from spasticity_tracker.domain.errors import TrackerError
from spasticity_tracker.services.changes import DataChange
from spasticity_tracker.services.records import Deleted, RecordService


class DoneCommand(QUndoCommand):
    def __init__(
        self,
        service: RecordService,
        description: str,
        on_change: Callable[[DataChange], None],
        on_error: Callable[[str], None],
    ):
        super().__init__(description)
        self._service = service
        self._on_change = on_change
        self._on_error = on_error
        self._first = True

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self._guarded(self._redo)

    def undo(self) -> None:
        self._guarded(self._undo)

    def _guarded(self, action: Callable[[], None]) -> None:
        # An exception must not escape into Qt (it would be printed and ignored): say what
        # went wrong and take the command off the stack.
        try:
            action()
        except TrackerError as error:
            self.setObsolete(True)
            self._on_error(f"Could not {self.text()}: {error}")

    def _redo(self) -> None:
        raise NotImplementedError

    def _undo(self) -> None:
        raise NotImplementedError


class DeletedRecordCommand(DoneCommand):
    """A delete already made; undo puts the record back under the same id."""

    def __init__(
        self,
        service: RecordService,
        deleted: Deleted,
        description: str,
        on_change: Callable[[DataChange], None],
        on_error: Callable[[str], None],
    ):
        super().__init__(service, description, on_change, on_error)
        self._deleted = deleted

    def _undo(self) -> None:
        self._on_change(self._service.restore(self._deleted))

    def _redo(self) -> None:
        record = self._deleted.record
        assert record.id is not None
        self._deleted = self._service.delete(type(record), record.id)
        self._on_change(self._deleted.change)


class AddedRecordCommand(DoneCommand):
    """A record already added; undo deletes it, redo puts it back."""

    def __init__(
        self,
        service: RecordService,
        added: Record,
        description: str,
        on_change: Callable[[DataChange], None],
        on_error: Callable[[str], None],
    ):
        super().__init__(service, description, on_change, on_error)
        self._added = added
        self._deleted: Deleted | None = None

    def _undo(self) -> None:
        assert self._added.id is not None
        self._deleted = self._service.delete(type(self._added), self._added.id)
        self._on_change(self._deleted.change)

    def _redo(self) -> None:
        assert self._deleted is not None
        self._on_change(self._service.restore(self._deleted))
