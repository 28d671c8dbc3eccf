"""The History page: every entry, newest first, filtered by date; edit, delete and undo."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QPushButton,
    QWidget,
)

from spasticity_tracker.domain.entities import SymptomEntry, SymptomEntryId
from spasticity_tracker.presentation.history_view import (
    DEFAULT_PRESET,
    count_text,
    deleted_text,
    entries_range,
    entry_label,
    filter_days,
    updated_text,
)
from spasticity_tracker.presentation.periods import HISTORY_PRESETS, Preset
from spasticity_tracker.services.changes import DataChange
from spasticity_tracker.ui.actions import Actions
from spasticity_tracker.ui.app_state import AppState, Services
from spasticity_tracker.ui.dialogs.day_view import DayViewDialog
from spasticity_tracker.ui.dialogs.entry_dialog import EntryDialog
from spasticity_tracker.ui.models.entries_model import Column, EntriesModel
from spasticity_tracker.ui.widgets.fields import (
    DateEdit,
    buddy_label,
    choice_box,
    plain_label,
    record_table,
    to_qdate,
)
from spasticity_tracker.ui.widgets.page import LazyPage

UNDO_LABEL = "&Undo (Ctrl+Z)"


class HistoryPage(LazyPage):
    """A table of entries with who entered each; Enter edits, Delete deletes (undoable)."""

    reload_on = DataChange.ENTRIES | DataChange.CARERS | DataChange.PEOPLE

    def __init__(
        self,
        services: Services,
        state: AppState,
        user_actions: Actions,
        parent: QWidget | None = None,
    ):
        super().__init__("History", state, user_actions, parent)
        self._services = services
        self._undo = user_actions.undo_stack
        layout = self.body

        filters = QHBoxLayout()
        self.preset = choice_box(
            "Which entries to show", ((p.label, None) for p in HISTORY_PRESETS)
        )
        preset_label = buddy_label("&Show", self.preset)
        self.first = DateEdit(name="From date")
        self.last = DateEdit(name="To date")
        first_label = buddy_label("&Between", self.first)
        last_label = buddy_label("&and", self.last)
        for widget in (preset_label, self.preset, first_label, self.first, last_label, self.last):
            filters.addWidget(widget)
        filters.addStretch(1)
        layout.addLayout(filters)

        self.model = EntriesModel(self._state.enterer_name, self)
        self.table = record_table(self.model, "Diary entries, newest first", Column.NOTE)
        layout.addWidget(self.table, 1)
        self.count = plain_label(role="hint")
        layout.addWidget(self.count)

        actions = QHBoxLayout()
        self.edit_button = QPushButton("Ed&it entry… (Enter)")
        self.edit_button.setAccessibleName("Edit the selected entry")
        self.delete_button = QPushButton("&Delete entry (Del)")
        self.delete_button.setAccessibleName("Delete the selected entry")
        actions.addWidget(self.edit_button)
        actions.addWidget(self.delete_button)
        self.day_view_button = QPushButton("Day vie&w…")
        self.day_view_button.setAccessibleName("Open the day view on the selected entry's day")
        actions.addWidget(self.day_view_button)
        actions.addStretch(1)
        layout.addLayout(actions)

        self.preset.setCurrentIndex(DEFAULT_PRESET)
        self._apply_preset()
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.preset.currentIndexChanged.connect(self._on_preset_changed)
        self.first.dateChanged.connect(self._on_dates_changed)
        self.last.dateChanged.connect(self._on_dates_changed)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.day_view_button.clicked.connect(self.open_day_view)
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        # The selected row stays in view when the table shrinks (a message shown above it).
        self._rows_view = self.table.viewport()
        self._rows_view.installEventFilter(self)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            QShortcut(
                QKeySequence(key),
                self.table,
                self.edit_selected,
                context=Qt.ShortcutContext.WidgetShortcut,
            )
        QShortcut(
            QKeySequence(QKeySequence.StandardKey.Delete),
            self.table,
            self.delete_selected,
            context=Qt.ShortcutContext.WidgetShortcut,
        )
        self.message.action_triggered.connect(self._undo.undo)
        # Any undo, redo or new action on this page makes the bar's "Undo" stale.
        self._undo.indexChanged.connect(self.message.withdraw_action)
        self._actions.undone.connect(self._on_actions_undone)
        self._actions.redone.connect(self._on_actions_undone)
        self._state.person_changed.connect(lambda _person: self.reload_when_shown())

    # -- filtering -------------------------------------------------------------------------

    def _on_preset_changed(self) -> None:
        self._apply_preset()
        self.reload(keep_row=False)

    def _preset(self) -> Preset:
        return HISTORY_PRESETS[self.preset.currentIndex()]

    def _apply_preset(self) -> None:
        preset = self._preset()
        self.first.setEnabled(preset.is_chosen)
        self.last.setEnabled(preset.is_chosen)
        shown = filter_days(preset, self._services.diary.today())
        if shown is None:
            return
        for edit, value in zip((self.first, self.last), shown, strict=True):
            edit.blockSignals(True)
            edit.setDate(to_qdate(value))
            edit.blockSignals(False)

    def _on_dates_changed(self) -> None:
        if self._preset().is_chosen:
            self.reload(keep_row=False)

    # -- loading ---------------------------------------------------------------------------

    def reload(self, *, keep_row: bool = True) -> None:
        """Load the entries, keeping the selected one selected wherever it moved.

        When it is gone (deleted), the entry now in its row is selected (with keep_row; a new
        filter starts at the top), and shown: never a row out of view.
        """
        super().reload()
        before = self.selected_entry()
        before_row = self._selected_row() if keep_row else None
        person_id = self._state.person_id
        if person_id is None:
            self.model.set_entries([])
        else:
            if not self._preset().is_chosen:
                self._apply_preset()  # "last 30 days" follows the calendar
            start, end = entries_range(self._preset(), self.first.value(), self.last.value())
            self.model.set_entries(self._services.diary.entries(person_id, start, end))
        rows = self.model.rowCount()
        self.count.setText(count_text(rows))
        row = None if before is None else self._row_of(before.id)
        if row is None and rows:
            row = 0 if before_row is None else min(before_row, rows - 1)
        if row is not None:
            self._select_row(row)
        self._update_buttons()

    def _selected_row(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def _row_of(self, entry_id: SymptomEntryId | None) -> int | None:
        return next(
            (r for r in range(self.model.rowCount()) if self.model.entry(r).id == entry_id),
            None,
        )

    def _select_row(self, row: int) -> None:
        self.table.selectRow(row)
        self.table.doItemsLayout()  # the rows' places after a reload, before scrolling to one
        self.table.scrollTo(self.model.index(row, 0))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._rows_view and event.type() == QEvent.Type.Resize:
            current = self.table.currentIndex()
            if current.isValid():
                self.table.scrollTo(current)
        return super().eventFilter(watched, event)

    def _on_actions_undone(self, _action: str, record: object) -> None:
        """Select the entry an undo or redo put back or changed, when it is listed."""
        if isinstance(record, SymptomEntry):
            row = self._row_of(record.id)
            if row is not None:
                self._select_row(row)

    def _update_buttons(self) -> None:
        has = self.selected_entry() is not None
        self.edit_button.setEnabled(has)
        self.delete_button.setEnabled(has)

    def selected_entry(self) -> SymptomEntry | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.entry(rows[0].row()) if rows else None

    # -- actions ---------------------------------------------------------------------------

    def _on_table_double_clicked(self, index: QModelIndex) -> None:
        self.table.selectRow(index.row())
        self.edit_selected()

    def edit_selected(self) -> QDialog | None:
        entry = self.selected_entry()
        if entry is None:
            return None
        diary = self._services.diary
        label = entry_label(entry, self._state.enterer_name(entry.entered_by))

        def submit(edited: SymptomEntry) -> None:
            saved = self._actions.perform(
                lambda: diary.update(edited),
                undo=f"edit {label}",
                service=diary,
                before=entry,
            )
            self.message.show_message(updated_text(saved.value), action=UNDO_LABEL)

        return self._open(EntryDialog(entry, submit, self))

    def delete_selected(self) -> None:
        entry = self.selected_entry()
        if entry is None or entry.id is None:
            return
        entry_id = entry.id
        diary = self._services.diary
        who = self._state.enterer_name(entry.entered_by)
        deleted = self._actions.attempt(
            lambda: diary.delete(SymptomEntry, entry_id),
            self.message,
            undo=f"delete {entry_label(entry, who)}",
            service=diary,
        )
        if deleted is not None:
            # It stays, with its Undo, until dismissed or until another action on this page.
            self.message.show_message(deleted_text(entry, who), action=UNDO_LABEL)
        self.table.setFocus()

    def open_day_view(self) -> QDialog:
        """Open the day view on the selected entry's day, or on today."""
        entry = self.selected_entry()
        today = self._services.diary.today()
        day = today if entry is None else entry.recorded_at.astimezone().date()
        return self._open(DayViewDialog(self._services, self._state, self._actions, day, self))
