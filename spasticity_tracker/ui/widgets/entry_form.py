"""The symptom part of a diary entry: when, stiffness, spasms, pain, sleep and a note."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from spasticity_tracker.domain.entities import NOTE_MAX, CarerId, PersonId, SymptomEntry
from spasticity_tracker.domain.scales import (
    PENN_FREQUENCY,
    PENN_SHORT,
    SPASM_SEVERITY,
    STIFFNESS_ANCHORS,
    stiffness_band,
)
from spasticity_tracker.ui.widgets.choice_row import ChoiceRow
from spasticity_tracker.ui.widgets.fields import (
    DateTimeEdit,
    buddy_label,
    plain_label,
    to_qdatetime,
)

SCORE_KEYS = "0123456789T"  # the key that chooses each score 0-10
STIFFNESS_KEYS = SCORE_KEYS


@dataclass(frozen=True)
class Symptoms:
    """What the form holds (stiffness may still be missing)."""

    when: datetime | None  # None: the time was not changed by hand, so "now" at saving
    stiffness: int | None
    spasm_frequency: int | None
    spasm_severity: int | None
    pain: int | None
    sleep_disruption: int | None
    note: str

    @property
    def is_blank(self) -> bool:
        return (
            self.stiffness is None
            and self.spasm_frequency is None
            and self.pain is None
            and self.sleep_disruption is None
            and not self.note.strip()
        )


def _score_row(name: str, low: str, high: str) -> ChoiceRow:
    descriptions = [
        f"{n}{' (' + low + ')' if n == 0 else ' (' + high + ')' if n == 10 else ''}"
        for n in range(11)
    ]
    return ChoiceRow(
        name, [(n, str(n)) for n in range(11)], descriptions=descriptions, keys=SCORE_KEYS
    )


class EntryForm(QWidget):
    """Large-button form for one symptom entry; used on Today and in the edit dialog.

    Keys 0-9 and T (for 10) choose the score of the 0-10 row that has the focus (pain or
    sleep), and the stiffness from anywhere else: `take_key` lets the page or dialog around
    the form pass on the keys pressed outside it.
    """

    changed = Signal()

    def __init__(self, *, show_when: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self._when_edited = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.setVerticalSpacing(6)
        layout.addLayout(form)

        self.stiffness = _score_row("Stiffness", *STIFFNESS_ANCHORS)
        stiffness_label = buddy_label("&Stiffness today (required)", self.stiffness)
        self.stiffness_hint = plain_label(
            f"0 = {STIFFNESS_ANCHORS[0].lower()}, 10 = {STIFFNESS_ANCHORS[1].lower()}. "
            "Keys 0-9, and T for 10.",
            role="hint",
        )
        self.stiffness_chosen = plain_label("Not chosen yet", role="hint")
        self.stiffness_chosen.setAccessibleName("Chosen stiffness")
        form.addRow(stiffness_label)
        form.addRow(self.stiffness)
        form.addRow(self.stiffness_hint)
        form.addRow(self.stiffness_chosen)

        self.spasm_frequency = ChoiceRow(
            "Spasm frequency",
            list(enumerate(PENN_SHORT)),
            columns=2,
            descriptions=PENN_FREQUENCY,
        )
        frequency_label = buddy_label("Spasms, how &often", self.spasm_frequency)
        form.addRow(frequency_label)
        form.addRow(self.spasm_frequency)

        self.spasm_severity = ChoiceRow(
            "Spasm severity", [(i + 1, label) for i, label in enumerate(SPASM_SEVERITY)]
        )
        self.severity_label = plain_label("How severe were the spasms?", wrap=False)
        form.addRow(self.severity_label)
        form.addRow(self.spasm_severity)

        self.pain = _score_row("Pain", "no pain", "worst imaginable")
        pain_label = buddy_label("Pa&in (optional, 0 = none, 10 = worst imaginable)", self.pain)
        form.addRow(pain_label)
        form.addRow(self.pain)

        self.sleep = _score_row("Sleep disruption", "not disrupted", "worst imaginable")
        sleep_label = buddy_label("Sleep &disruption (optional, 0 = slept well)", self.sleep)
        form.addRow(sleep_label)
        form.addRow(self.sleep)

        self.note = QLineEdit()
        self.note.setMaxLength(NOTE_MAX)
        self.note.setPlaceholderText("Anything worth remembering (optional)")
        self.note.setAccessibleName("Note")
        note_label = buddy_label("&Comment or note", self.note)
        form.addRow(note_label, self.note)

        # Made last so that Tab reaches it last, but shown first: most entries are for now.
        self.when = DateTimeEdit(name="Date and time of the entry")
        self.when.dateTimeChanged.connect(self._on_when_changed)
        when_label = buddy_label("&When", self.when)
        if show_when:
            form.insertRow(0, when_label, self.when)
        else:
            self.when.hide()
            when_label.hide()

        self._connect_signals()
        self._on_frequency_changed(None)
        self.clear()

    def _connect_signals(self) -> None:
        self.stiffness.value_changed.connect(self._on_stiffness_changed)
        self.spasm_frequency.value_changed.connect(self._on_frequency_changed)
        for row in (self.spasm_severity, self.pain, self.sleep):
            row.value_changed.connect(self.changed)
        self.note.textChanged.connect(self.changed)

    # -- slots -----------------------------------------------------------------------------

    def _on_stiffness_changed(self, value: int | None) -> None:
        if value is None:
            self.stiffness_chosen.setText("Not chosen yet")
        else:
            self.stiffness_chosen.setText(f"Chosen: {value} ({stiffness_band(value).value})")
        self.changed.emit()

    def _on_frequency_changed(self, value: int | None) -> None:
        # Severity is asked only when there were spasms (PSFS part 2).
        visible = bool(value)
        self.severity_label.setVisible(visible)
        self.spasm_severity.setVisible(visible)
        if not visible:
            self.spasm_severity.set_value(None)
        self.changed.emit()

    def _on_when_changed(self) -> None:
        self._when_edited = True

    # -- values ----------------------------------------------------------------------------

    def choose_stiffness_key(self, key_text: str) -> bool:
        """Choose the stiffness for a shortcut key; returns whether the key was one."""
        index = STIFFNESS_KEYS.find(key_text.upper()) if key_text else -1
        if index < 0:
            return False
        self.stiffness.choose(index)
        return True

    def take_key(self, event: QKeyEvent) -> bool:
        """Choose the stiffness for a key 0-9 or T pressed anywhere; returns whether it did.

        (A focused pain or sleep row takes its own keys before they reach the form.)
        """
        if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return False
        return self.choose_stiffness_key(event.text())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.take_key(event):
            event.accept()
        else:
            super().keyPressEvent(event)

    def symptoms(self) -> Symptoms:
        return Symptoms(
            when=self._chosen_time() if self._when_edited else None,
            stiffness=self.stiffness.value(),
            spasm_frequency=self.spasm_frequency.value(),
            spasm_severity=self.spasm_severity.value(),
            pain=self.pain.value(),
            sleep_disruption=self.sleep.value(),
            note=self.note.text(),
        )

    def _chosen_time(self) -> datetime:
        chosen = self.when.dateTime().toPython()
        assert isinstance(chosen, datetime)
        return chosen.astimezone()  # the edit shows local wall-clock time

    def to_entry(
        self,
        person_id: PersonId,
        entered_by: CarerId | None,
        now: Callable[[], datetime],
    ) -> SymptomEntry:
        """The entry the form describes (raises ValidationError when it is not valid)."""
        symptoms = self.symptoms()
        return SymptomEntry(
            person_id=person_id,
            recorded_at=symptoms.when or now(),
            # None is refused by SymptomEntry with a message naming the field.
            stiffness=symptoms.stiffness,  # type: ignore[arg-type]
            spasm_frequency=symptoms.spasm_frequency,
            spasm_severity=symptoms.spasm_severity,
            pain=symptoms.pain,
            sleep_disruption=symptoms.sleep_disruption,
            note=symptoms.note.strip(),
            entered_by=entered_by,
        )

    def load(self, entry: SymptomEntry) -> None:
        """Fill the form from a saved entry (for editing)."""
        self.when.setDateTime(to_qdatetime(entry.recorded_at.astimezone().replace(tzinfo=None)))
        self._when_edited = True
        self.stiffness.set_value(entry.stiffness)
        self.spasm_frequency.set_value(entry.spasm_frequency)
        self.spasm_severity.set_value(entry.spasm_severity)
        self.pain.set_value(entry.pain)
        self.sleep.set_value(entry.sleep_disruption)
        self.note.setText(entry.note)

    def clear(self, now: datetime | None = None) -> None:
        """Empty the form; the time follows the clock again until changed by hand."""
        for row in (
            self.stiffness,
            self.spasm_frequency,
            self.spasm_severity,
            self.pain,
            self.sleep,
        ):
            row.set_value(None)
        self.note.clear()
        moment = (
            (now or datetime.now(UTC)).astimezone().replace(tzinfo=None, second=0, microsecond=0)
        )
        self.when.setDateTime(to_qdatetime(moment))
        self._when_edited = False

    def follow_clock(self, now: datetime) -> None:
        """Show the time now, unless it was changed by hand (the window shown again from the
        tray hours later must not show the morning's time)."""
        if not self._when_edited:
            moment = now.astimezone().replace(tzinfo=None, second=0, microsecond=0)
            self.when.setDateTime(to_qdatetime(moment))
            self._when_edited = False


__all__ = ["EntryForm", "Symptoms"]
