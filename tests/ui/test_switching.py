"""Switching person or day never mixes diaries: undo, questions, chart legend, the date."""

from __future__ import annotations

from datetime import date, time

from pytestqt.qtbot import QtBot

from spasticity_tracker.domain.entities import Medicine, MedicineId, Person, Regimen, ScheduledDose
from spasticity_tracker.domain.ingredients import Ingredient
from spasticity_tracker.domain.scales import DoseStatus
from spasticity_tracker.services.diary import DiaryService
from spasticity_tracker.services.medicines import MedicineService
from spasticity_tracker.services.people import PeopleService
from spasticity_tracker.ui.main_window import MainWindow
from tests.builders import local
from tests.ui.helpers import MakeWindow


def switch_to(window: MainWindow, name: str) -> None:
    index = window.person_combo.findText(name)
    window.person_combo.setCurrentIndex(index)
    window.person_combo.activated.emit(index)


def test_undo_never_reaches_another_persons_records(
    window: MainWindow,
    qtbot: QtBot,
    people: PeopleService,
    medicines: MedicineService,
    baclofen: Medicine,
) -> None:
    assert baclofen.id is not None
    people.add_person(Person(name="Bea"))
    window.refresh_people(select=baclofen.person_id)
    window.show_page(2)
    card = window.medicines.cards[0]
    card.remove_button.click()  # Alex's only dose change, undoable
    assert window.undo_group.canUndo()
    switch_to(window, "Bea")
    assert not window.undo_group.canUndo()
    assert medicines.regimens(baclofen.id) == []  # and nothing of Alex's came back either


def test_questions_typed_for_one_person_are_kept_when_switching(
    window: MainWindow, qtbot: QtBot, people: PeopleService, person: Person
) -> None:
    people.add_person(Person(name="Bea"))
    window.refresh_people(select=person.id)
    window.show_page(4)
    window.summary.questions.setPlainText("Alex's question")
    switch_to(window, "Bea")
    assert window.summary.questions.toPlainText() == ""
    assert people.find_person("Alex").questions == "Alex's question"  # type: ignore[union-attr]
    switch_to(window, "Alex")
    assert window.summary.questions.toPlainText() == "Alex's question"


def test_the_chart_shows_only_the_persons_own_medicines(
    window: MainWindow,
    qtbot: QtBot,
    people: PeopleService,
    medicines: MedicineService,
    person: Person,
) -> None:
    bea = people.add_person(Person(name="Bea")).value
    assert bea.id is not None
    medicines.add_medicine(
        Medicine(person_id=bea.id, name="Tizanidine", ingredient=Ingredient.TIZANIDINE),
        Regimen(
            medicine_id=MedicineId(0),
            start_date=date(2026, 3, 1),
            doses=(ScheduledDose(time_of_day=time(8), amount=2.0),),
        ),
    )
    window.refresh_people(select=person.id)
    window.show_page(3)
    qtbot.waitUntil(lambda: window.trends.view is not None)
    switch_to(window, "Bea")
    items = window.trends.chart.dose_plot.listDataItems()
    # Named: the medicines' dose lines (the dose-change lines have no name).
    assert [item.name() for item in items if item.name()] == ["Tizanidine"]


def test_a_today_page_left_open_past_midnight_does_not_save_to_the_old_day(
    make_window: MakeWindow,
    qtbot: QtBot,
    diary: DiaryService,
    person: Person,
    baclofen: Medicine,
) -> None:
    window = make_window()
    today = window.today
    assert today.current_day() == date(2026, 3, 15)
    moments = iter([local(2026, 3, 16, 8, 30)] * 50)
    today._services.diary._clock = lambda: next(moments)  # the night passes, window open
    today.doses.rows[0].set_value(DoseStatus.TAKEN)
    today.form.stiffness.set_value(5)
    assert today.save() is False
    assert "The date has changed" in today.message.text
    assert "Monday 16 March" in today.title.text()
    assert diary.doses(person.id, date(2026, 3, 15), date(2026, 3, 16)) == []  # type: ignore[arg-type]
