"""Record an appointment: when, with whom, what was decided, the next date, the clinician's
Modified Ashworth scores and the goals agreed."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from spasticity_tracker.domain.entities import (
    GOAL_MAX,
    NAME_MAX,
    Appointment,
    AshworthScore,
    CarerId,
    Goal,
    PersonId,
)
from spasticity_tracker.domain.errors import ValidationError
from spasticity_tracker.domain.scales import GOALS_MAX, Ashworth, BodySide
from spasticity_tracker.ui.dialogs.form_dialog import FormDialog, Submit
from spasticity_tracker.ui.widgets.fields import (
    DateEdit,
    enforce_targets,
    labelled_rows,
    plain_label,
)

ASHWORTH_ROWS_MAX = 12  # muscles a clinic letter scores; more is a typing slip


class AshworthRow(QWidget):
    """One Modified Ashworth score: muscle, side, score, and a button to take it away."""

    def __init__(self, number: int, score: AshworthScore | None = None):
        super().__init__()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.muscle = QLineEdit(score.muscle if score else "")
        self.muscle.setMaxLength(NAME_MAX)
        self.muscle.setPlaceholderText("e.g. elbow flexors")
        self.muscle.setAccessibleName(f"Muscle {number}")
        self.side = QComboBox()
        for side in BodySide:
            self.side.addItem(side.label, side)
        self.side.setAccessibleName(f"Side of muscle {number}")
        self.score = QComboBox()
        for value in Ashworth:
            self.score.addItem(value.value, value)
        self.score.setAccessibleName(f"Modified Ashworth score of muscle {number}")
        if score is not None:
            self.side.setCurrentIndex(self.side.findData(score.side))
            self.score.setCurrentIndex(self.score.findData(score.score))
        self.remove = QPushButton("Remove")
        self.remove.setAccessibleName(f"Remove the score of muscle {number}")
        layout.addWidget(self.muscle, 1)
        layout.addWidget(self.side)
        layout.addWidget(self.score)
        layout.addWidget(self.remove)

    def value(self) -> AshworthScore | None:
        """The score (None when no muscle is named: an empty row is left out)."""
        if not self.muscle.text().strip():
            return None
        return AshworthScore(
            muscle=self.muscle.text().strip(),
            # Qt gives a str enum back as plain text
            side=BodySide(self.side.currentData()),
            score=Ashworth(self.score.currentData()),
        )


class AppointmentDialog(FormDialog):
    """An appointment, new or to correct; its scores and goals are saved with it."""

    def __init__(
        self,
        person_id: PersonId,
        entered_by: CarerId | None,
        today: date,
        submit: Submit,
        parent: QWidget | None = None,
        *,
        appointment: Appointment | None = None,
    ):
        title = "Record an appointment" if appointment is None else "Correct an appointment"
        super().__init__(title, submit, parent, width=720)
        self._person_id = person_id
        self._entered_by = entered_by
        self._original = appointment
        form = QFormLayout()
        self.body.addLayout(form)
        self.day = DateEdit(appointment.day if appointment else today, "Appointment date")
        self.clinician = QLineEdit(appointment.clinician if appointment else "")
        self.clinician.setMaxLength(NAME_MAX)
        self.clinician.setAccessibleName("Clinician")
        self.clinician.setPlaceholderText("e.g. Dr Lewis")
        self.service = QLineEdit(appointment.service if appointment else "")
        self.service.setMaxLength(NAME_MAX)
        self.service.setAccessibleName("Service")
        self.service.setPlaceholderText("e.g. spasticity clinic, St Mary's")
        self.decided = QPlainTextEdit(appointment.notes if appointment else "")
        self.decided.setAccessibleName("What was decided")
        self.decided.setTabChangesFocus(True)  # Tab leaves the box; it never types a tab
        self.decided.setPlaceholderText("e.g. baclofen up to 20 mg three times a day; physio")
        self.decided.setFixedHeight(self.decided.fontMetrics().lineSpacing() * 4 + 16)
        next_row = QHBoxLayout()
        self.has_next = QCheckBox("&Next appointment on")
        self.has_next.setAccessibleName("The next appointment's date is known")
        planned = appointment.next_day if appointment else None
        self.has_next.setChecked(planned is not None)
        self.next_day = DateEdit(planned or today, "Next appointment date")
        self.next_day.setEnabled(planned is not None)
        self.has_next.toggled.connect(self.next_day.setEnabled)
        next_row.addWidget(self.has_next)
        next_row.addWidget(self.next_day, 1)
        next_holder = QWidget()
        next_holder.setLayout(next_row)
        next_row.setContentsMargins(0, 0, 0, 0)
        labelled_rows(
            form,
            (
                ("&Date", self.day),
                ("C&linician", self.clinician),
                ("Se&rvice", self.service),
                ("&What was decided", self.decided),
            ),
        )
        form.addRow(next_holder)

        goals_box = QGroupBox("Goals agreed (up to three, in your own words)")
        goals = QGridLayout(goals_box)
        goals.addWidget(plain_label("Goal", role="hint"), 0, 1)
        goals.addWidget(plain_label("Expected outcome", role="hint"), 0, 2)
        self.goal_texts: list[QLineEdit] = []
        self.goal_expected: list[QLineEdit] = []
        kept = appointment.goals if appointment else ()
        for index in range(GOALS_MAX):
            goal = kept[index] if index < len(kept) else None
            text = QLineEdit(goal.text if goal else "")
            text.setMaxLength(GOAL_MAX)
            text.setAccessibleName(f"Goal {index + 1}")
            expected = QLineEdit(goal.expected if goal else "")
            expected.setMaxLength(GOAL_MAX)
            expected.setAccessibleName(f"Expected outcome of goal {index + 1}")
            if index == 0:
                text.setPlaceholderText("e.g. put on my left shoe without help")
                expected.setPlaceholderText("e.g. most mornings")
            goals.addWidget(plain_label(f"{index + 1}."), index + 1, 0)
            goals.addWidget(text, index + 1, 1)
            goals.addWidget(expected, index + 1, 2)
            self.goal_texts.append(text)
            self.goal_expected.append(expected)
        goals.setColumnStretch(1, 3)
        goals.setColumnStretch(2, 2)
        self.body.addWidget(goals_box)

        ashworth_box = QGroupBox("Modified Ashworth scores, from the clinic letter (if given)")
        self._ashworth_layout = QVBoxLayout(ashworth_box)
        self._ashworth_layout.addWidget(
            plain_label(
                "The clinician's measure of each muscle: 0, 1, 1+, 2, 3 or 4. Copy it from "
                "the letter; it is not a score to give yourself.",
                role="hint",
            )
        )
        self.ashworth_rows: list[AshworthRow] = []
        self.add_score = QPushButton("Add a sc&ore")
        self.add_score.setAccessibleName("Add a Modified Ashworth score")
        self.add_score.clicked.connect(self._on_add_score_clicked)
        self._ashworth_layout.addWidget(self.add_score)
        for score in appointment.ashworth if appointment else ():
            self._add_row(score)
        self.body.addWidget(ashworth_box)
        self.add_buttons("Save the appointment")

    # -- Ashworth rows -----------------------------------------------------------------------

    def _add_row(self, score: AshworthScore | None = None) -> AshworthRow:
        row = AshworthRow(len(self.ashworth_rows) + 1, score)
        row.remove.clicked.connect(lambda: self._remove_row(row))
        self._ashworth_layout.insertWidget(self._ashworth_layout.count() - 1, row)
        self.ashworth_rows.append(row)
        self.add_score.setEnabled(len(self.ashworth_rows) < ASHWORTH_ROWS_MAX)
        enforce_targets(row)
        return row

    def _on_add_score_clicked(self) -> None:
        row = self._add_row()
        row.muscle.setFocus()
        self.refit()

    def _remove_row(self, row: AshworthRow) -> None:
        index = self.ashworth_rows.index(row)
        self.ashworth_rows.remove(row)
        row.hide()
        row.deleteLater()
        self.add_score.setEnabled(True)
        following = self.ashworth_rows[index] if index < len(self.ashworth_rows) else None
        (following.muscle if following else self.add_score).setFocus()

    # -- the value ---------------------------------------------------------------------------

    def value(self) -> Appointment:
        goals = []
        kept = self._original.goals if self._original else ()
        for index, (text, expected) in enumerate(
            zip(self.goal_texts, self.goal_expected, strict=True)
        ):
            if not text.text().strip():
                if expected.text().strip():
                    raise ValidationError("Goal", "", f"written in goal {index + 1}'s box too")
                continue
            goal = Goal(text=text.text().strip(), expected=expected.text().strip())
            if index < len(kept) and kept[index].text == goal.text:
                # The same goal: its rating stays with it.
                goal = replace(goal, rating=kept[index].rating, rated_on=kept[index].rated_on)
            goals.append(goal)
        scores = [score for row in self.ashworth_rows if (score := row.value()) is not None]
        made = Appointment(
            person_id=self._person_id,
            day=self.day.value(),
            clinician=self.clinician.text().strip(),
            service=self.service.text().strip(),
            notes=self.decided.toPlainText().strip(),
            next_day=self.next_day.value() if self.has_next.isChecked() else None,
            ashworth=tuple(scores),
            goals=tuple(goals),
            entered_by=self._entered_by,
        )
        if self._original is None:
            return made
        # A correction keeps the record's id, who first entered it and when.
        return replace(
            made,
            id=self._original.id,
            entered_by=self._original.entered_by,
            created_at=self._original.created_at,
            version=self._original.version,  # saved only over what was read
        )
