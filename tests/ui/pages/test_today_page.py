"""The Today page saves a whole day at once, for whoever is entering, or explains why not."""

from __future__ import annotations

from datetime import time

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QComboBox, QPushButton
from pytestqt.qtbot import QtBot

from spasticity_tracker.domain.entities import (
    Carer,
    DoseRecord,
    Event,
    Person,
    SideEffectReport,
    SymptomEntry,
)
from spasticity_tracker.domain.scales import DoseStatus, EventKind, Severity
from spasticity_tracker.services.diary import DiaryService
from spasticity_tracker.storage.database import Database
from spasticity_tracker.ui.app_state import Services
from spasticity_tracker.ui.main_window import MainWindow
from spasticity_tracker.ui.pages.today_page import TodayPage
from tests.builders import local
from tests.conftest import NOW
from tests.ui.helpers import User, activate

TODAY_ISO = "2026-03-15"


def choose_enterer(window: MainWindow, carer: Carer) -> None:
    combo = window.enterer_combo
    index = combo.findData(carer.id)
    assert index >= 0, "the carer is not offered in 'Entering as'"
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def event_button(page: TodayPage, kind: EventKind) -> QPushButton:
    return next(b for b in page.events.buttons if b.accessibleName() == f"Event: {kind.label}")


def stored_day(
    diary: DiaryService, person: Person
) -> tuple[list[SymptomEntry], list[DoseRecord], list[SideEffectReport], list[Event]]:
    assert person.id is not None
    today = diary.today()
    return (
        diary.entries(person.id),
        diary.doses(person.id, today, today),
        diary.side_effects(person.id),
        diary.events(person.id),
    )


def test_a_whole_day_is_saved_for_the_chosen_enterer(
    window: MainWindow, qtbot: QtBot, diary: DiaryService, person: Person, carer: Carer
) -> None:
    page = window.today
    form = page.form
    user = User(qtbot)
    assert str(diary.today()) == TODAY_ISO
    choose_enterer(window, carer)
    assert window.state.entered_by == carer.id
    assert "Jo" in page.entering_as.text()

    user.click(form.stiffness.button_for(6))
    assert not form.spasm_severity.isVisible(), "severity is asked only when there were spasms"
    user.click(form.spasm_frequency.button_for(0))
    assert not form.spasm_severity.isVisible()
    user.click(form.spasm_frequency.button_for(2))
    assert form.spasm_severity.isVisible(), "spasm frequency above 0 must ask the severity"
    user.click(form.spasm_severity.button_for(2))
    user.click(form.pain.button_for(3))
    user.click(form.sleep.button_for(4))
    user.click(form.note)
    user.type_text("Stiff after physio")

    drowsiness = page.side_effects.checks[0]
    assert drowsiness.accessibleName() == "Side effect: Drowsiness"
    severity = next(
        box
        for box in page.side_effects.findChildren(QComboBox)
        if box.accessibleName() == "Severity of drowsiness"
    )
    assert not severity.isEnabled(), "a severity is chosen only for a ticked side effect"
    user.click(drowsiness)
    assert severity.isEnabled()
    severity.setCurrentIndex(severity.findData(Severity.MODERATE))
    user.click(event_button(page, EventKind.PHYSIO))

    rows = page.doses.rows
    assert len(rows) == 3, "baclofen is scheduled at 08:00, 14:00 and 20:00"
    user.click(page.doses.all_taken)
    # At noon only the 08:00 dose is due: the later ones stay open.
    assert [row.value() for row in rows] == [DoseStatus.TAKEN, None, None]
    user.click(rows[1].button_for(DoseStatus.TAKEN))
    user.click(rows[2].button_for(DoseStatus.MISSED))

    user.click(page.save_button)

    entries, doses, side_effects, events = stored_day(diary, person)
    assert len(entries) == 1
    entry = entries[0]
    assert (
        entry.stiffness,
        entry.spasm_frequency,
        entry.spasm_severity,
        entry.pain,
        entry.sleep_disruption,
        entry.note,
    ) == (6, 2, 2, 3, 4, "Stiff after physio")
    assert entry.entered_by == carer.id
    assert entry.recorded_at == diary.now()
    assert [(d.scheduled_time, d.status) for d in doses] == [
        (time(8), DoseStatus.TAKEN),
        (time(14), DoseStatus.TAKEN),
        (time(20), DoseStatus.MISSED),
    ]
    assert {d.entered_by for d in doses} == {carer.id}
    assert [(s.effect, s.severity, s.entered_by) for s in side_effects] == [
        ("drowsiness", Severity.MODERATE, carer.id)
    ]
    assert [(e.kind, str(e.start_date), e.entered_by) for e in events] == [
        (EventKind.PHYSIO, TODAY_ISO, carer.id)
    ]

    # Shown as logged today, with who entered it.
    logged = page.logged.text()
    assert "stiffness 6" in logged
    assert "pain 3" in logged
    assert "Jo" in logged
    assert "Saved" in page.message.text
    assert page.message.isVisible()

    # The form is ready for the next entry; the doses show what is now recorded.
    symptoms = form.symptoms()
    assert symptoms.is_blank, symptoms
    assert not form.note.text()
    assert not form.spasm_severity.isVisible()
    assert not any(check.isChecked() for check in page.side_effects.checks)
    assert not severity.isEnabled()
    assert not any(button.isChecked() for button in page.events.buttons)
    assert [row.value() for row in page.doses.rows] == [
        DoseStatus.TAKEN,
        DoseStatus.TAKEN,
        DoseStatus.MISSED,
    ]


def test_symptoms_without_stiffness_are_refused_and_nothing_is_written(
    window: MainWindow, qtbot: QtBot, diary: DiaryService, person: Person
) -> None:
    page = window.today
    user = User(qtbot)
    user.click(page.form.pain.button_for(3))
    user.click(page.form.note)
    user.type_text("forgot the score")
    user.click(page.doses.all_taken)
    user.click(page.side_effects.checks[1])
    user.click(event_button(page, EventKind.FALL))

    user.click(page.save_button)

    assert page.message.isVisible()
    assert "stiffness" in page.message.text.lower()
    assert page.message.text.startswith("Problem")
    assert stored_day(diary, person) == ([], [], [], [])
    # What was entered is kept, to be completed.
    assert page.form.pain.value() == 3
    assert page.form.note.text() == "forgot the score"
    assert page.side_effects.checks[1].isChecked()
    assert page.form.stiffness.buttons[0].hasFocus(), "the focus goes to what is missing"


def test_saving_an_empty_page_writes_nothing(
    window: MainWindow, qtbot: QtBot, diary: DiaryService, person: Person
) -> None:
    page = window.today
    User(qtbot).click(page.save_button)
    assert page.message.isVisible()
    assert page.message.text.startswith("Problem")
    assert stored_day(diary, person) == ([], [], [], [])
    assert page.logged.text() == "Nothing yet."


def test_all_taken_so_far_marks_only_the_doses_due_by_now_at_their_times(
    window: MainWindow, qtbot: QtBot, diary: DiaryService, person: Person
) -> None:
    page = window.today
    user = User(qtbot)
    assert NOW.hour == 12, "at noon, 08:00 is due; 14:00 and 20:00 are still to come"
    assert page.doses.all_taken.text() == "&All taken so far"
    assert page.doses.all_taken.accessibleName() == "All doses due so far taken as scheduled"

    activate(window, qtbot)
    user.key(Qt.Key.Key_6)
    user.key(Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    assert [row.value() for row in page.doses.rows] == [DoseStatus.TAKEN, None, None]
    user.key(Qt.Key.Key_Return)

    _, doses, _, _ = stored_day(diary, person)
    assert [(d.scheduled_time, d.status, d.taken_at) for d in doses] == [
        (time(8), DoseStatus.TAKEN, local(2026, 3, 15, 8))
    ], "recorded at its scheduled time, not the time of saving"
    assert "All taken so far: 1 of 3" in page.message.text
    assert [row.value() for row in page.doses.rows] == [DoseStatus.TAKEN, None, None]


def test_all_taken_so_far_never_changes_a_dose_already_recorded(
    window: MainWindow, qtbot: QtBot, diary: DiaryService, person: Person
) -> None:
    page = window.today
    user = User(qtbot)
    rows = page.doses.rows
    user.click(rows[0].button_for(DoseStatus.MISSED))
    user.click(page.save_button)

    rows = page.doses.rows
    assert rows[0].value() is DoseStatus.MISSED
    user.click(page.doses.all_taken)
    assert [row.value() for row in rows] == [DoseStatus.MISSED, None, None]
    user.click(page.save_button)
    _, doses, _, _ = stored_day(diary, person)
    assert [(d.scheduled_time, d.status) for d in doses] == [(time(8), DoseStatus.MISSED)]


def test_an_evening_entry_covers_the_whole_day_with_three_keys(
    qtbot: QtBot,
    database: Database,
    settings: QSettings,
    diary: DiaryService,
    person: Person,
    baclofen: object,
) -> None:
    evening = local(2026, 3, 15, 20, 30)
    window = MainWindow(Services.on(database, lambda: evening), settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    page = window.today
    user = User(qtbot)
    assert page.doses.all_taken.text() == "&All taken as scheduled"

    activate(window, qtbot)
    user.key(Qt.Key.Key_6)
    user.key(Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    user.key(Qt.Key.Key_Return)

    _, doses, _, _ = stored_day(diary, person)
    assert [(d.scheduled_time, d.status, d.taken_at) for d in doses] == [
        (time(hour), DoseStatus.TAKEN, local(2026, 3, 15, hour)) for hour in (8, 14, 20)
    ]
    assert "All taken so far" not in page.message.text
