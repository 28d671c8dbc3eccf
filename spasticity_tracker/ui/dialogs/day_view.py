"""The day view: a month calendar marked by stiffness band and missed doses, and a day's records."""

from __future__ import annotations

from datetime import UTC, date, timedelta

from PySide6.QtCore import QDate, QRect, QSize, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QKeySequence,
    QPainter,
    QShortcut,
    QShowEvent,
    QTextCharFormat,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCalendarWidget,
    QDialog,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from spasticity_tracker.domain.entities import DoseRecord
from spasticity_tracker.domain.regimens import ScheduledSlot
from spasticity_tracker.domain.scales import DoseStatus, StiffnessBand
from spasticity_tracker.domain.validation import EARLIEST_DATE
from spasticity_tracker.presentation.day_view import (
    BAND_SIGNS,
    LEGEND,
    WARNING_SIGN,
    DayMark,
    corrected_text,
    correction_label,
    day_marks,
    entry_line,
    event_covers,
    event_line,
    extra_dose_line,
    heading_text,
    mark_text,
    nothing_text,
    side_effect_line,
    slot_line,
)
from spasticity_tracker.presentation.formatting import amount
from spasticity_tracker.presentation.undo_text import undone_text
from spasticity_tracker.services.changes import DataChange
from spasticity_tracker.ui.actions import Actions
from spasticity_tracker.ui.app_state import AppState, Services
from spasticity_tracker.ui.widgets.day_panels import local_instant
from spasticity_tracker.ui.widgets.fields import enforce_targets, heading, plain_label, to_qdate
from spasticity_tracker.ui.widgets.message_bar import MessageBar
from spasticity_tracker.ui.widgets.screen_fit import fit_to_screen

# The Trends chart's band colours (mild green, moderate amber, severe red): light enough
# for black text on every theme.
BAND_COLOURS = {
    StiffnessBand.MILD: "#cfe8cf",
    StiffnessBand.MODERATE: "#fbe3a8",
    StiffnessBand.SEVERE: "#f3c0c0",
}
WARNING_COLOUR = "#8b1f1f"
INK = "#000000"
SLOT_ROLE = Qt.ItemDataRole.UserRole
PREFERRED_SIZE = QSize(1180, 700)
UNDO_LABEL = "&Undo (Ctrl+Z)"
RELOAD_ON = DataChange.ENTRIES | DataChange.DOSES | DataChange.CARERS | DataChange.PEOPLE


def _to_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class DayCalendar(QCalendarWidget):
    """A month calendar whose days carry their band's colour and sign, and a mark for a warning."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._marks: dict[date, DayMark] = {}
        self.setGridVisible(True)
        self.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        # Qt shows weekends in red: here red means a severe day, so weekends look like any day.
        for weekend in (Qt.DayOfWeek.Saturday, Qt.DayOfWeek.Sunday):
            self.setWeekdayTextFormat(weekend, QTextCharFormat())
        self.setAccessibleName("Calendar: arrows move by day, Page Up and Page Down by month")

    def set_marks(self, marks: dict[date, DayMark]) -> None:
        """Mark these days (and clear every other day's mark)."""
        self.setDateTextFormat(QDate(), QTextCharFormat())  # a null date clears them all
        self._marks = marks
        for day, mark in marks.items():
            if mark.band is None:
                continue
            text_format = QTextCharFormat()
            text_format.setBackground(QBrush(QColor(BAND_COLOURS[mark.band])))
            text_format.setForeground(QBrush(QColor(INK)))
            self.setDateTextFormat(to_qdate(day), text_format)
        # Days after the last one that can be chosen (today) are greyed: nothing to see yet.
        later = QTextCharFormat()
        later.setForeground(self.palette().placeholderText())
        last = self.maximumDate()
        for offset in range(1, 43):
            self.setDateTextFormat(last.addDays(offset), later)
        self.updateCells()

    def mark(self, day: date) -> DayMark | None:
        return self._marks.get(day)

    def mark_text(self, day: date) -> str:
        return mark_text(self.mark(day))

    def paintCell(self, painter: QPainter, rect: QRect, qdate: QDate) -> None:
        super().paintCell(painter, rect, qdate)
        day = _to_date(qdate)
        mark = self._marks.get(day)
        if mark is None:
            return
        # Colour is never the only sign: the band's letter and "!" are drawn in the cell too.
        painter.save()
        font = QFont(painter.font())
        font.setBold(True)
        font.setPointSizeF(max(font.pointSizeF() * 0.75, 7.0))
        painter.setFont(font)
        inner = rect.adjusted(4, 2, -4, -2)
        selected = day == _to_date(self.selectedDate())
        ink = self.palette().highlightedText().color() if selected else QColor(INK)
        if mark.band is not None:
            painter.setPen(ink)
            painter.drawText(
                inner,
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom,
                BAND_SIGNS[mark.band],
            )
        if mark.warns:
            painter.setPen(ink if selected else QColor(WARNING_COLOUR))
            painter.drawText(
                inner, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop, WARNING_SIGN
            )
        painter.restore()


class DayViewDialog(QDialog):
    """A month calendar and the chosen day's records; a scheduled dose can be put right."""

    def __init__(
        self,
        services: Services,
        state: AppState,
        actions: Actions,
        day: date,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self._services = services
        self._state = state
        self._actions = actions
        self.undo_stack = actions.undo_stack
        self._marked: tuple[date, date] | None = None
        today = services.diary.today()
        self.setWindowTitle("Day view")

        layout = QVBoxLayout(self)
        self.message = MessageBar()
        layout.addWidget(self.message)

        self.calendar = DayCalendar()
        self.calendar.setMinimumDate(to_qdate(EARLIEST_DATE))
        self.calendar.setMaximumDate(to_qdate(today))
        legend = plain_label(LEGEND, role="hint")
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.calendar, 1)
        left_layout.addWidget(legend)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        self.heading = heading("")
        self.summary = plain_label()
        self.summary.setAccessibleName("The day's marks")
        self.records = QListWidget()
        self.records.setAccessibleName("The day's records: choose a dose to correct it")
        self.records.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.records.setWordWrap(True)
        right_layout.addWidget(self.heading)
        right_layout.addWidget(self.summary)
        right_layout.addWidget(self.records, 1)
        self.dose_hint = plain_label(role="hint")
        right_layout.addWidget(self.dose_hint)
        dose_buttons = QHBoxLayout()
        self.taken_button = QPushButton("&Taken")
        self.late_button = QPushButton("&Late")
        self.missed_button = QPushButton("&Missed")
        self._status_buttons = {
            DoseStatus.TAKEN: self.taken_button,
            DoseStatus.LATE: self.late_button,
            DoseStatus.MISSED: self.missed_button,
        }
        for status, button in self._status_buttons.items():
            button.setAccessibleName(f"Record the chosen dose as {status.value}")
            dose_buttons.addWidget(button)
        dose_buttons.addStretch(1)
        right_layout.addLayout(dose_buttons)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        layout.addWidget(splitter, 1)

        bottom = QHBoxLayout()
        bottom.addStretch(1)
        self.close_button = QPushButton("Close")
        self.close_button.setAccessibleName("Close the day view")
        bottom.addWidget(self.close_button)
        layout.addLayout(bottom)

        self.setTabOrder(self.calendar, self.records)
        self._connect_signals()
        self.calendar.setSelectedDate(to_qdate(min(day, today)))
        self._reload()
        enforce_targets(self)
        fit_to_screen(self, PREFERRED_SIZE)

    def _connect_signals(self) -> None:
        self.calendar.selectionChanged.connect(self._show_day)
        self.calendar.currentPageChanged.connect(lambda _year, _month: self._mark_month())
        # Enter (or a double click) on a day goes to its records.
        self.calendar.activated.connect(lambda _day: self.records.setFocus())
        self.records.currentRowChanged.connect(lambda _row: self._update_buttons())
        for status, button in self._status_buttons.items():
            button.clicked.connect(lambda _checked=False, s=status: self.correct(s))
        self.close_button.clicked.connect(self.accept)
        self._state.data_changed.connect(self._on_state_data_changed)
        self.message.action_triggered.connect(self.undo_stack.undo)
        self.undo_stack.indexChanged.connect(self.message.withdraw_action)
        self._actions.undone.connect(self._on_actions_undone)
        self._actions.undo_failed.connect(self._on_actions_undo_failed)
        # The main window's Undo is not reachable from this dialog: its own keys undo the page's.
        QShortcut(QKeySequence(QKeySequence.StandardKey.Undo), self, self.undo_stack.undo)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Redo), self, self.undo_stack.redo)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.calendar.setFocus()

    @property
    def day(self) -> date:
        """The day chosen on the calendar."""
        return _to_date(self.calendar.selectedDate())

    # -- loading ---------------------------------------------------------------------------

    def _on_state_data_changed(self, change: DataChange) -> None:
        # A closed day view stays alive under its page until the next one opens: it must not
        # reload for nothing.
        if change & RELOAD_ON and self.isVisible():
            self._reload()

    def _on_actions_undone(self, action: str, _record: object) -> None:
        self.message.show_message(undone_text(action))

    def _on_actions_undo_failed(self, text: str) -> None:
        self.message.show_message(text, error=True)

    def _reload(self) -> None:
        self._marked = None
        self._mark_month()
        self._show_day()

    def _shown_days(self) -> tuple[date, date]:
        """The days on the calendar's page: its month, with a week either side."""
        first = date(self.calendar.yearShown(), self.calendar.monthShown(), 1)
        return first - timedelta(days=7), first + timedelta(days=31 + 14)

    def _mark_month(self) -> None:
        person_id = self._state.person_id
        first, last = self._shown_days()
        if person_id is None or self._marked == (first, last):
            return
        records = self._services.diary.calendar_records(person_id, first, last)
        self.calendar.set_marks(
            day_marks(records.entries, records.doses, records.caution_days, first, last)
        )
        self._marked = (first, last)

    def _show_day(self) -> None:
        day = self.day
        chosen = self._chosen_slot()
        self.heading.setText(heading_text(day, self._services.diary.today()))
        self.summary.setText(self.calendar.mark_text(day))
        self.records.clear()
        person_id = self._state.person_id
        if person_id is None:
            self._update_buttons()
            return
        diary = self._services.diary
        overview = diary.day_overview(person_id, day)
        name = self._state.enterer_name
        for entry in sorted(overview.entries, key=lambda e: e.recorded_at):
            self.records.addItem(entry_line(entry, name(entry.entered_by)))
        for slot in overview.slots:
            who = None if slot.record is None else name(slot.record.entered_by)
            item = QListWidgetItem(slot_line(slot, who))
            item.setData(SLOT_ROLE, slot)
            self.records.addItem(item)
        medicines = {m.id: m for m in overview.medicines}
        for record in overview.extra_doses:
            medicine = medicines[record.medicine_id]
            self.records.addItem(
                extra_dose_line(
                    record,
                    medicine.name,
                    amount(record.amount, medicine.dose_unit),
                    name(record.entered_by),
                )
            )
        for report in overview.side_effects:
            self.records.addItem(side_effect_line(report, name(report.entered_by)))
        for event in diary.events(person_id, None, day):
            if event_covers(event, day):
                self.records.addItem(event_line(event, name(event.entered_by)))
        if not self.records.count():
            self.records.addItem(nothing_text())
        self._select_slot(chosen)
        self._update_buttons()

    # -- correcting a dose -----------------------------------------------------------------

    def _chosen_slot(self) -> ScheduledSlot | None:
        item = self.records.currentItem()
        slot = None if item is None else item.data(SLOT_ROLE)
        return slot if isinstance(slot, ScheduledSlot) else None

    def _select_slot(self, slot: ScheduledSlot | None) -> None:
        if slot is None:
            return
        for row in range(self.records.count()):
            other = self.records.item(row).data(SLOT_ROLE)
            if (
                isinstance(other, ScheduledSlot)
                and other.day == slot.day
                and other.medicine.id == slot.medicine.id
                and other.time_of_day == slot.time_of_day
            ):
                self.records.setCurrentRow(row)
                return

    def _update_buttons(self) -> None:
        slot = self._chosen_slot()
        for status, button in self._status_buttons.items():
            button.setEnabled(
                slot is not None and (slot.record is None or slot.record.status is not status)
            )
        self.dose_hint.setText(
            "Choose a scheduled dose in the list to record or correct it."
            if slot is None
            else f"Record {correction_label(slot)} as taken, late or missed."
        )

    def correct(self, status: DoseStatus) -> None:
        """Record (or correct) the chosen scheduled dose as status, entered by the enterer."""
        slot = self._chosen_slot()
        if slot is None or slot.medicine.id is None:
            return
        diary = self._services.diary
        now = diary.now()
        taken_at = None
        if status is DoseStatus.TAKEN:
            taken_at = min(local_instant(slot.day, slot.time_of_day), now).astimezone(UTC)
        elif status is DoseStatus.LATE and slot.day == diary.today():
            taken_at = now.astimezone(UTC)  # on a past day the time it was taken is not known
        record = DoseRecord(
            medicine_id=slot.medicine.id,
            day=slot.day,
            status=status,
            amount=slot.amount if slot.record is None else slot.record.amount,
            scheduled_time=slot.time_of_day,
            taken_at=taken_at,
            entered_by=self._state.entered_by,
        )
        saved = self._actions.attempt(
            lambda: diary.record_dose(record),
            self.message,
            undo=f"record {correction_label(slot)} as {status.value}",
            service=diary,
            before=slot.record,
        )
        if saved is not None:
            self.message.show_message(corrected_text(slot, status), action=UNDO_LABEL)
        self.records.setFocus()
