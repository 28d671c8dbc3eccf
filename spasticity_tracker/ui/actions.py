"""The one way a page acts: run a service call, record its undo, broadcast what changed.

Like Anki's CollectionOp, every user action goes through Actions: `perform` runs the service
call (one transaction), pushes what can be undone onto the page's own QUndoStack and
broadcasts the DataChange so that each page reloads only what changed. `attempt` does the same
and shows a refused action's message on a page's bar. Undo commands are pushed after the
action has run, so that an error reaches the user as a message and nothing lands on the stack
(QUndoStack.push would swallow an exception raised in the first redo): the first redo is a
no-op.

Undo is scoped to the page: each page has its own stack in one UndoGroup, whose active stack
(the one Ctrl+Z and the Edit menu use) follows the page on screen. Ctrl+Z on Today must never
undo a dose change made earlier on Medicines. One shared stack that refused another page's
action would do that too, but would leave the dose change undoable only after undoing
everything done since on Today; with a stack each, every page undoes its own actions in its
own order, and an undo that no longer applies (the record changed elsewhere) says so.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoGroup, QUndoStack
from PySide6.QtWidgets import QTabWidget, QWidget

from spasticity_tracker.domain.entities import Record
from spasticity_tracker.domain.errors import TrackerError
from spasticity_tracker.presentation.undo_text import redone_text, undone_text
from spasticity_tracker.services.changes import DataChange, Saved
from spasticity_tracker.services.records import Deleted, RecordService
from spasticity_tracker.ui.app_state import AppState
from spasticity_tracker.ui.widgets.message_bar import MessageBar

Result = TypeVar("Result", bound=Saved[Any] | Deleted)


@dataclass(frozen=True)
class Hooks:
    """What a command tells the app: the data it changed, and what its undo or redo did."""

    on_change: Callable[[DataChange], None]
    on_error: Callable[[str], None]
    on_undone: Callable[[str, Record], None]
    on_redone: Callable[[str, Record], None]


class DoneCommand(QUndoCommand):
    """An action already done; undo and redo call the service again."""

    def __init__(self, service: RecordService, description: str, hooks: Hooks):
        super().__init__(description)
        self._service = service
        self._hooks = hooks
        self._on_change = hooks.on_change
        self._first = True

    @property
    def record(self) -> Record:
        """The record the action was about (as it is after the action)."""
        raise NotImplementedError

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        if self._guarded(self._redo):
            self._hooks.on_redone(self.text(), self.record)

    def undo(self) -> None:
        if self._guarded(self._undo):
            self._hooks.on_undone(self.text(), self.record)

    def _guarded(self, action: Callable[[], None]) -> bool:
        # An exception must not escape into Qt (it would be printed and ignored): say what
        # went wrong and take the command off the stack.
        try:
            action()
        except TrackerError as error:
            self.setObsolete(True)
            self._hooks.on_error(f"Could not {self.text()}: {error}")
            return False
        return True

    def _redo(self) -> None:
        raise NotImplementedError

    def _undo(self) -> None:
        raise NotImplementedError


class DeletedRecordCommand(DoneCommand):
    """A delete already made; undo puts the record back under the same id."""

    def __init__(self, service: RecordService, deleted: Deleted, description: str, hooks: Hooks):
        super().__init__(service, description, hooks)
        self._deleted = deleted

    @property
    def record(self) -> Record:
        return self._deleted.record

    def _undo(self) -> None:
        self._on_change(self._service.restore(self._deleted))

    def _redo(self) -> None:
        record = self._deleted.record
        assert record.id is not None
        self._deleted = self._service.delete(type(record), record.id)
        self._on_change(self._deleted.change)


class AddedRecordCommand(DoneCommand):
    """A record already added; undo deletes it, redo puts it back."""

    def __init__(self, service: RecordService, added: Record, description: str, hooks: Hooks):
        super().__init__(service, description, hooks)
        self._added = added
        self._deleted: Deleted | None = None

    @property
    def record(self) -> Record:
        return self._added

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
        hooks: Hooks,
    ):
        super().__init__(service, description, hooks)
        self._before = before
        self._after = after

    @property
    def record(self) -> Record:
        return self._after

    def _undo(self) -> None:
        # Over the version now saved: a change made meanwhile by someone else is a clash,
        # told, never overwritten.
        saved = self._service.update(replace(self._before, version=self._after.version))
        self._before = saved.value
        self._on_change(saved.change)

    def _redo(self) -> None:
        saved = self._service.update(replace(self._after, version=self._before.version))
        self._after = saved.value
        self._on_change(saved.change)


class Actions(QObject):
    """Runs the user's actions on the services, records their undo, broadcasts their change."""

    undo_failed = Signal(str)  # an undo or redo the services refused, in words
    undone = Signal(str, object)  # what an undo undid (its description), and its Record
    redone = Signal(str, object)  # what a redo did again, and its Record

    def __init__(self, state: AppState, undo_stack: QUndoStack, parent: QObject | None = None):
        super().__init__(parent)
        self._state = state
        self.undo_stack = undo_stack

    def report_on(self, bar: MessageBar) -> None:
        """Say on bar what each undo and redo did, or why it could not."""
        self.undone.connect(lambda action, _record: bar.show_message(undone_text(action)))
        self.redone.connect(lambda action, _record: bar.show_message(redone_text(action)))
        self.undo_failed.connect(lambda text: bar.show_message(text, error=True))

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
        hooks = Hooks(
            on_change=self._state.broadcast,
            on_error=self.undo_failed.emit,
            on_undone=self.undone.emit,
            on_redone=self.redone.emit,
        )
        if isinstance(result, Deleted):
            return DeletedRecordCommand(service, result, description, hooks)
        record = result.value
        assert isinstance(record, Record), "only records can be undone"
        if before is not None:
            return UpdatedRecordCommand(service, before, record, description, hooks)
        return AddedRecordCommand(service, record, description, hooks)


class UndoGroup(QUndoGroup):
    """The pages' undo stacks; the active one, which Ctrl+Z and the Edit menu undo, is the
    stack of the page on screen (none on a page that undoes nothing)."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._stacks: dict[QWidget, QUndoStack] = {}
        self._tabs: QTabWidget | None = None

    def new_stack(self) -> QUndoStack:
        """An empty stack in the group (for a page's own Actions)."""
        stack = QUndoStack(self)
        self.addStack(stack)
        return stack

    def attach(self, page: QWidget, actions: Actions, bar: MessageBar) -> None:
        """Make actions' stack the page's: active while the page is on screen; its undos
        are told on the page's bar."""
        self._stacks[page] = actions.undo_stack
        actions.report_on(bar)

    def follow(self, tabs: QTabWidget) -> None:
        """Keep the active stack on the page shown in tabs."""
        self._tabs = tabs
        tabs.currentChanged.connect(self._on_tabs_current_changed)
        self._on_tabs_current_changed(tabs.currentIndex())

    def _on_tabs_current_changed(self, index: int) -> None:
        assert self._tabs is not None
        page = self._tabs.widget(index)
        stack = None if page is None else self._stacks.get(page)
        # None (a page that undoes nothing) leaves Undo and Redo disabled; Qt takes it.
        self.setActiveStack(stack)  # type: ignore[arg-type]

    def clear(self) -> None:
        """Forget every page's undo (another person shown, records replaced)."""
        for stack in self.stacks():
            stack.clear()
