"""The one way a page acts: run a service call, record its undo, broadcast what changed.

Like Anki's CollectionOp, every user action goes through Actions: `perform` runs the service
call (one transaction), pushes what can be undone onto the app-wide QUndoStack (Ctrl+Z) and
broadcasts the DataChange so that each page reloads only what changed. `attempt` does the same
and shows a refused action's message on a page's bar. Undo commands are pushed after the
action has run, so that an error reaches the user as a message and nothing lands on the stack
(QUndoStack.push would swallow an exception raised in the first redo): the first redo is a
no-op.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from spasticity_tracker.domain.entities import Record
from spasticity_tracker.domain.errors import TrackerError
from spasticity_tracker.services.changes import DataChange, Saved
from spasticity_tracker.services.records import Deleted, RecordService
from spasticity_tracker.ui.app_state import AppState
from spasticity_tracker.ui.widgets.message_bar import MessageBar

Result = TypeVar("Result", bound=Saved[Any] | Deleted)


class DoneCommand(QUndoCommand):
    """An action already done; undo and redo call the service again."""

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


class UpdatedRecordCommand(DoneCommand):
    """A record already edited; undo writes the version before back, redo the edited one."""

    def __init__(
        self,
        service: RecordService,
        before: Record,
        after: Record,
        description: str,
        on_change: Callable[[DataChange], None],
        on_error: Callable[[str], None],
    ):
        super().__init__(service, description, on_change, on_error)
        self._before = before
        self._after = after

    def _undo(self) -> None:
        self._on_change(self._service.update(self._before).change)

    def _redo(self) -> None:
        self._on_change(self._service.update(self._after).change)


class Actions(QObject):
    """Runs the user's actions on the services, records their undo, broadcasts their change."""

    undo_failed = Signal(str)  # an undo or redo the services refused, in words

    def __init__(self, state: AppState, undo_stack: QUndoStack, parent: QObject | None = None):
        super().__init__(parent)
        self._state = state
        self.undo_stack = undo_stack

    def perform(
        self,
        call: Callable[[], Result],
        *,
        undo: str | None = None,
        service: RecordService | None = None,
        before: Record | None = None,
    ) -> Result:
        """Run a service call; TrackerError goes to the caller (a dialog shows it).

        With `undo` (what Ctrl+Z would undo, e.g. "delete the entry of 2 Jun 2026 08:00"),
        the action is recorded: a Deleted is put back, a Saved record is deleted again, or,
        given the version `before` an edit, written back.
        """
        result = call()
        if undo is not None:
            assert service is not None, "an undoable action names its service"
            self.undo_stack.push(self._command(result, undo, service, before))
        self._state.broadcast(result.change)
        return result

    def attempt(
        self,
        call: Callable[[], Result],
        bar: MessageBar,
        *,
        undo: str | None = None,
        service: RecordService | None = None,
        before: Record | None = None,
    ) -> Result | None:
        """perform(), with a refused action's message shown on `bar`; None when refused."""
        try:
            return self.perform(call, undo=undo, service=service, before=before)
        except TrackerError as error:
            bar.show_message(str(error), error=True)
            return None

    def _command(
        self,
        result: Saved[Any] | Deleted,
        description: str,
        service: RecordService,
        before: Record | None,
    ) -> DoneCommand:
        broadcast, failed = self._state.broadcast, self.undo_failed.emit
        if isinstance(result, Deleted):
            return DeletedRecordCommand(service, result, description, broadcast, failed)
        record = result.value
        assert isinstance(record, Record), "only records can be undone"
        if before is not None:
            return UpdatedRecordCommand(service, before, record, description, broadcast, failed)
        return AddedRecordCommand(service, record, description, broadcast, failed)
