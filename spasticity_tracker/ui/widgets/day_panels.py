"""The Today page's panels: scheduled doses, side effects and events of the day."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from spasticity_tracker.domain.entities import (
    NAME_MAX,
    CarerId,
    DoseRecord,
    Event,
    PersonId,
    SideEffectReport,
)
from spasticity_tracker.domain.regimens import ScheduledSlot, due_by
from spasticity_tracker.domain.scales import SIDE_EFFECTS, DoseStatus, EventKind, Severity
from spasticity_tracker.presentation.today_view import (
    all_taken_button,
    all_taken_so_far_text,
    extra_dose_text,
    pump_text,
    slot_text,
)
from spasticity_tracker.services.diary import DayOverview
from spasticity_tracker.ui.style import MIN_TARGET
from spasticity_tracker.ui.widgets.choice_row import ChoiceRow, ImmediateButton
from spasticity_tracker.ui.widgets.fields import plain_label

STATUS_CHOICES = (
    (DoseStatus.TAKEN, "Taken"),
    (DoseStatus.LATE, "Late"),
    (DoseStatus.MISSED, "Missed"),
)


def local_instant(day: date, at: time) -> datetime:
    """A local wall-clock time on a day as an aware instant."""
    return datetime.combine(day, at).astimezone()


def _slot_key(slot: ScheduledSlot) -> tuple[object, date, time]:
    """What names a scheduled dose across reloads: its medicine, day and time."""
    return (slot.medicine.id, slot.day, slot.time_of_day)


class DosesPanel(QWidget):
    """Today's scheduled doses: taken, late or missed for each, and 'all taken so far'."""

    changed = Signal()
    extra_dose_requested = Signal()

    def __init__(self, clock: Callable[[], datetime], parent: QWidget | None = None):
        super().__init__(parent)
        self._clock = clock
        self._slots: list[ScheduledSlot] = []
        self._rows: list[ChoiceRow] = []
        self._all_taken_used = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        buttons = QHBoxLayout()
        self.all_taken = ImmediateButton()
        self._set_all_taken_text()
        self.extra = QPushButton("E&xtra dose…")
        self.extra.setAccessibleName("Record an extra dose")
        buttons.addWidget(self.all_taken)
        buttons.addWidget(self.extra)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self._grid = QGridLayout()
        self._grid.setColumnStretch(1, 1)
        layout.addLayout(self._grid)
        self.summary = plain_label(role="hint")
        layout.addWidget(self.summary)
        self.all_taken.clicked.connect(self._on_all_taken_clicked)
        self.extra.clicked.connect(self.extra_dose_requested)

    @property
    def rows(self) -> list[ChoiceRow]:
        return list(self._rows)

    def set_overview(self, overview: DayOverview) -> None:
        # The rows are made anew (a save on another computer reloads the page): a dose button
        # with the focus hands it to the same choice of the same dose, not to the next page.
        # The window's focus, not the app's: the window may not be the active one (a dialog
        # or another app in front), and its focus comes back to it when it is again.
        focused = self.window().focusWidget()
        kept = next(
            (
                (_slot_key(slot), row.buttons.index(focused))
                for slot, row in zip(self._slots, self._rows, strict=True)
                if focused in row.buttons
            ),
            None,
        )
        while self._grid.count():
            item = self._grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self._slots = list(overview.slots)
        self._rows = []
        self._all_taken_used = False
        for index, slot in enumerate(self._slots):
            what = slot_text(slot)
            label = plain_label(what, wrap=False)
            row = ChoiceRow(f"{what}", STATUS_CHOICES)
            row.set_value(None if slot.record is None else slot.record.status)
            row.value_changed.connect(self.changed)
            self._grid.addWidget(label, index, 0)
            self._grid.addWidget(row, index, 1)
            self._rows.append(row)
            if kept is not None and kept[0] == _slot_key(slot):
                row.buttons[kept[1]].setFocus(Qt.FocusReason.OtherFocusReason)
        lines = [pump_text(medicine, regimen) for medicine, regimen in overview.continuous]
        by_id = {medicine.id: medicine for medicine in overview.medicines}
        lines += [
            extra_dose_text(record, by_id.get(record.medicine_id))
            for record in overview.extra_doses
        ]
        if not self._slots and not overview.continuous:
            lines.append("No doses are scheduled today. Add medicines on the Medicines page.")
        self.summary.setText("\n".join(lines))
        self.summary.setVisible(bool(lines))
        self.all_taken.setEnabled(bool(self._slots))
        self._set_all_taken_text()
        self.extra.setEnabled(any(not m.route.is_continuous for m in overview.medicines))

    def _local_now(self) -> tuple[date, time]:
        now = self._clock().astimezone()
        return now.date(), now.time()

    def _still_to_come(self) -> bool:
        day, at = self._local_now()
        return any(
            slot.day > day or (slot.day == day and slot.time_of_day > at) for slot in self._slots
        )

    def _set_all_taken_text(self) -> None:
        text, name = all_taken_button(self._still_to_come())
        self.all_taken.setText(text)
        self.all_taken.setAccessibleName(name)

    def refresh_all_taken(self) -> None:
        """Word the 'all taken' button for the time now (the page may stay open for hours)."""
        self._set_all_taken_text()

    def _on_all_taken_clicked(self) -> None:
        # Only the doses due by now: a dose still to come is marked when it is taken.
        due = due_by(self._slots, *self._local_now())
        for slot, row in zip(self._slots, self._rows, strict=True):
            if slot in due and row.value() is None:
                row.set_value(DoseStatus.TAKEN)
        self._all_taken_used = True
        self._set_all_taken_text()

    def all_taken_text(self) -> str | None:
        """What 'all taken so far' did, for the save message; None when it covered the day."""
        if not self._all_taken_used or not self._still_to_come():
            return None
        day, at = self._local_now()
        taken = sum(
            1
            for slot, row in zip(self._slots, self._rows, strict=True)
            if (slot.day < day or (slot.day == day and slot.time_of_day <= at))
            and row.value() in (DoseStatus.TAKEN, DoseStatus.LATE)
        )
        return all_taken_so_far_text(taken, len(self._slots))

    def records(self, entered_by: CarerId | None, now: datetime) -> list[DoseRecord]:
        """Dose records for the rows whose status was set or changed."""
        records = []
        for slot, row in zip(self._slots, self._rows, strict=True):
            status = row.value()
            if status is None or (slot.record is not None and slot.record.status == status):
                continue
            taken_at = None
            if status is DoseStatus.TAKEN:
                scheduled = local_instant(slot.day, slot.time_of_day)
                taken_at = min(scheduled, now).astimezone(UTC)
            elif status is DoseStatus.LATE:
                taken_at = now.astimezone(UTC)
            assert slot.medicine.id is not None
            records.append(
                DoseRecord(
                    medicine_id=slot.medicine.id,
                    day=slot.day,
                    status=status,
                    amount=slot.amount,
                    scheduled_time=slot.time_of_day,
                    taken_at=taken_at,
                    entered_by=entered_by,
                )
            )
        return records


class SideEffectsPanel(QWidget):
    """The side-effect checklist, most common first, each with its severity."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self._checks: list[tuple[str, QCheckBox, QComboBox]] = []
        for index, (key, label) in enumerate(SIDE_EFFECTS):
            check = QCheckBox(label)
            check.setAccessibleName(f"Side effect: {label}")
            severity = self._severity_box(label)
            check.toggled.connect(severity.setEnabled)
            check.toggled.connect(self.changed)
            layout.addWidget(check, index, 0)
            layout.addWidget(severity, index, 1)
            self._checks.append((key, check, severity))
        row = len(SIDE_EFFECTS)
        self.other = QLineEdit()
        self.other.setMaxLength(NAME_MAX)
        self.other.setPlaceholderText("Another side effect, in your words")
        self.other.setAccessibleName("Other side effect")
        self.other_severity = self._severity_box("other side effect")
        self.other.textChanged.connect(
            lambda text: self.other_severity.setEnabled(bool(text.strip()))
        )
        self.other.textChanged.connect(self.changed)
        layout.addWidget(self.other, row, 0)
        layout.addWidget(self.other_severity, row, 1)
        self.reported = plain_label(role="hint")
        layout.addWidget(self.reported, row + 1, 0, 1, 2)
        layout.setColumnStretch(0, 1)

    @staticmethod
    def _severity_box(label: str) -> QComboBox:
        box = QComboBox()
        for severity in Severity:
            box.addItem(severity.label, severity)
        box.setAccessibleName(f"Severity of {label.lower()}")
        box.setEnabled(False)
        box.setMinimumHeight(MIN_TARGET)
        return box

    @property
    def checks(self) -> list[QCheckBox]:
        return [check for _, check, _ in self._checks]

    def set_reported(self, reports: list[SideEffectReport], label_for: dict[str, str]) -> None:
        if reports:
            named = ", ".join(
                f"{label_for.get(r.effect, r.effect)} ({r.severity.label.lower()})" for r in reports
            )
            self.reported.setText(f"Already reported today: {named}")
        else:
            self.reported.setText("None reported today yet.")

    def reports(
        self, person_id: PersonId, day: date, entered_by: CarerId | None
    ) -> list[SideEffectReport]:
        chosen = [(key, box) for key, check, box in self._checks if check.isChecked()]
        if self.other.text().strip():
            chosen.append((self.other.text().strip(), self.other_severity))
        return [
            SideEffectReport(
                person_id=person_id,
                day=day,
                effect=effect,
                severity=box.currentData(),
                entered_by=entered_by,
            )
            for effect, box in chosen
        ]

    def clear(self) -> None:
        for _, check, box in self._checks:
            check.setChecked(False)
            box.setCurrentIndex(0)
        self.other.clear()
        self.other_severity.setCurrentIndex(0)


class EventsPanel(QWidget):
    """Event and trigger tags for the day; several may be chosen."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self._buttons: list[tuple[EventKind, QPushButton]] = []
        for index, kind in enumerate(EventKind):
            button = QPushButton(kind.label)
            button.setCheckable(True)
            button.setAccessibleName(f"Event: {kind.label}")
            button.setMinimumHeight(MIN_TARGET)
            button.toggled.connect(self.changed)
            layout.addWidget(button, index // 2, index % 2)
            self._buttons.append((kind, button))

    @property
    def buttons(self) -> list[QPushButton]:
        return [button for _, button in self._buttons]

    def events(self, person_id: PersonId, day: date, entered_by: CarerId | None) -> list[Event]:
        return [
            Event(person_id=person_id, kind=kind, start_date=day, entered_by=entered_by)
            for kind, button in self._buttons
            if button.isChecked()
        ]

    def clear(self) -> None:
        for _, button in self._buttons:
            button.setChecked(False)
