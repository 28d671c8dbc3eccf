"""Before the appointment: the impression of change, how each goal went, falls since the last
appointment, and the questions to ask. Every part may be left empty; "Not now" skips it all."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from spasticity_tracker.domain.cycle import Cycle
from spasticity_tracker.domain.dates import day_text, weekday_text
from spasticity_tracker.domain.entities import NOTE_MAX
from spasticity_tracker.domain.errors import ValidationError
from spasticity_tracker.domain.scales import GAS_LABELS, PGIC_LABELS, PGIC_QUESTION
from spasticity_tracker.services.appointments import CheckInAnswers
from spasticity_tracker.ui.dialogs.form_dialog import FormDialog, Submit
from spasticity_tracker.ui.widgets.choice_row import ChoiceRow
from spasticity_tracker.ui.widgets.fields import DateEdit, buddy_label, plain_label

GAS_SHORT = {-2: "\N{MINUS SIGN}2", -1: "\N{MINUS SIGN}1", 0: "0", 1: "+1", 2: "+2"}


class CheckInDialog(FormDialog):
    """The short check-in offered on Today from two weeks before the next appointment."""

    def __init__(
        self,
        cycle: Cycle,
        questions: str,
        submit: Submit,
        parent: QWidget | None = None,
    ):
        super().__init__("Before the appointment", submit, parent, width=760)
        self._today = cycle.today
        if cycle.next_day is not None:
            self.body.addWidget(
                plain_label(
                    f"Your next appointment is on {weekday_text(cycle.next_day)}. "
                    "Answer what you can; anything may be left empty.",
                    role="hint",
                )
            )
        self.pgic = ChoiceRow(
            "Impression of change",
            [(value, f"{value}: {label}") for value, label in PGIC_LABELS.items()],
            columns=2,
            keys="1234567",
        )
        question = PGIC_QUESTION.replace("my spasticity", "&my spasticity")
        self.body.addWidget(buddy_label(question, self.pgic))
        self.body.addWidget(self.pgic)

        self.ratings: list[ChoiceRow] = []
        if cycle.goals_to_rate:
            assert cycle.last is not None
            goals_box = QGroupBox(f"Goals agreed on {day_text(cycle.last.day)}: how did each go?")
            goals = QVBoxLayout(goals_box)
            for number, goal in enumerate(cycle.goals_to_rate, start=1):
                expected = f" (expected: {goal.expected})" if goal.expected else ""
                row = ChoiceRow(
                    f"Goal {number}",
                    [(value, GAS_SHORT[value]) for value in GAS_LABELS],
                    descriptions=list(GAS_LABELS.values()),
                )
                if goal.rating is not None:
                    row.set_value(goal.rating)
                label = buddy_label(f"&{number}. {goal.text}{expected}", row)
                label.setWordWrap(True)
                goals.addWidget(label)
                goals.addWidget(row)
                self.ratings.append(row)
            goals.addWidget(
                plain_label(
                    "\N{MINUS SIGN}2 much less than expected, \N{MINUS SIGN}1 less, 0 as "
                    "expected, +1 more, +2 much more than expected.",
                    role="hint",
                )
            )
            self.body.addWidget(goals_box)

        falls_box = QGroupBox("Falls since the last appointment")
        falls = QVBoxLayout(falls_box)
        known = sorted(fall.start_date for fall in cycle.falls)
        self.falls_known = plain_label(
            "Recorded: " + ", ".join(day_text(day) for day in known) if known else "None recorded."
        )
        falls.addWidget(self.falls_known)
        add_row = QHBoxLayout()
        self.fall_day = DateEdit(cycle.today, "Date of a fall")
        self.add_fall = QPushButton("Add a &fall on this date")
        self.add_fall.clicked.connect(self._on_add_fall_clicked)
        add_row.addWidget(self.fall_day)
        add_row.addWidget(self.add_fall)
        add_row.addStretch(1)
        falls.addLayout(add_row)
        self.falls_added = plain_label()
        self.falls_added.hide()
        falls.addWidget(self.falls_added)
        self.body.addWidget(falls_box)
        self.new_falls: list[date] = []
        self._since = cycle.last.day if cycle.last is not None else None

        self.questions = QPlainTextEdit(questions)
        self.questions.setAccessibleName("Questions for the appointment")
        self.questions.setTabChangesFocus(True)
        self.questions.setFixedHeight(self.questions.fontMetrics().lineSpacing() * 4 + 16)
        self.body.addWidget(buddy_label("&Questions for the appointment", self.questions))
        self.body.addWidget(self.questions)
        self.add_buttons("Save the check-in")
        cancel = self.findChild(QDialogButtonBox)
        assert cancel is not None
        skip = cancel.button(QDialogButtonBox.StandardButton.Cancel)
        skip.setText("Not now")
        skip.setAccessibleName("Not now: skip the check-in")

    def _on_add_fall_clicked(self) -> None:
        day = self.fall_day.value()
        if day > self._today:
            self.message.show_message("A fall cannot be dated after today.", error=True)
            return
        if self._since is not None and day <= self._since:
            self.message.show_message(
                f"That is before the last appointment ({day_text(self._since)}).", error=True
            )
            return
        if day not in self.new_falls:
            self.new_falls.append(day)
            self.new_falls.sort()
        self.message.hide()
        self.falls_added.setText("To add: " + ", ".join(day_text(d) for d in self.new_falls))
        self.falls_added.show()

    def value(self) -> tuple[CheckInAnswers, str]:
        text = self.questions.toPlainText()
        if len(text) > NOTE_MAX:
            raise ValidationError("Questions", len(text), f"at most {NOTE_MAX} characters")
        answers = CheckInAnswers(
            pgic=self.pgic.value(),
            ratings=tuple(row.value() for row in self.ratings),
            falls=tuple(self.new_falls),
        )
        return answers, text
