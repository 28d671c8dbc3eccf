"""User text is shown as typed everywhere: never read as HTML (no <img> loaded, no <b> bold)."""

from __future__ import annotations

import html
from datetime import date, time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from spasticity_tracker.domain.entities import (
    Medicine,
    MedicineId,
    Person,
    Regimen,
    ScheduledDose,
    SideEffectReport,
    SymptomEntry,
)
from spasticity_tracker.domain.ingredients import Ingredient
from spasticity_tracker.domain.scales import Severity
from spasticity_tracker.services.diary import DiaryService
from spasticity_tracker.services.medicines import MedicineService
from spasticity_tracker.services.people import PeopleService
from spasticity_tracker.ui.main_window import MainWindow
from spasticity_tracker.ui.models.entries_model import Column
from tests.builders import local
from tests.ui.helpers import MakeWindow

MARKUP = '<img src="x"><b>bold</b>'


def labels_of(root: QWidget) -> list[QLabel]:
    """A widget's labels, itself included when it is one."""
    own = [root] if isinstance(root, QLabel) else []
    return own + root.findChildren(QLabel)


def rich_labels(window: MainWindow) -> list[str]:
    """Every label of the window and its open dialogs that could read its text as HTML."""
    roots = [window, *(w for w in QApplication.topLevelWidgets() if w.isVisible())]
    return sorted(
        {
            f"{type(label.window()).__name__}: {label.text()!r}"
            for root in roots
            for label in labels_of(root)
            if label.textFormat() is not Qt.TextFormat.PlainText
        }
    )


def test_user_text_is_never_read_as_html(
    make_window: MakeWindow,
    qtbot: QtBot,
    people: PeopleService,
    diary: DiaryService,
    medicines: MedicineService,
) -> None:
    person = people.add_person(Person(name=f"Alex {MARKUP}", is_example=True)).value
    assert person.id is not None
    carer = people.add_carer(person.id, f"Jo {MARKUP}").value
    medicines.add_medicine(
        Medicine(person_id=person.id, name=f"Baclofen {MARKUP}", ingredient=Ingredient.BACLOFEN),
        Regimen(
            medicine_id=MedicineId(0),
            start_date=date(2026, 3, 1),
            doses=(ScheduledDose(time_of_day=time(8), amount=10.0),),
        ),
    )
    diary.log_entry(
        SymptomEntry(
            person_id=person.id,
            recorded_at=local(2026, 3, 14, 9),
            stiffness=5,
            note=MARKUP,
            entered_by=carer.id,
        )
    )
    diary.report_side_effect(
        SideEffectReport(
            person_id=person.id, day=date(2026, 3, 14), effect=MARKUP, severity=Severity.MILD
        )
    )
    window = make_window()
    for page in range(window.tabs.count()):
        window.show_page(page)
        qtbot.wait(10)
    assert rich_labels(window) == []

    # The tables' tooltips show the note as typed, escaped inside the tooltip's own markup.
    window.show_page(1)
    tip = window.history.model.index(0, Column.NOTE).data(Qt.ItemDataRole.ToolTipRole)
    assert html.escape(MARKUP) in tip
    assert MARKUP not in tip

    # The chart's legend draws HTML: the medicine's name is escaped in it.
    window.show_page(3)
    qtbot.waitUntil(lambda: window.trends.view is not None)
    [legend_entry] = [
        label.text
        for _sample, label in window.trends.chart.dose_plot.legend.items
        if "Baclofen" in label.text
    ]
    assert html.escape(MARKUP) in legend_entry

    # Dialogs that show user text: editing the person, and the question naming example data.
    dialog = window.edit_person()
    assert dialog is not None
    assert rich_labels(window) == []
    dialog.reject()
    window.remove_example_data()
    box = window.message_box
    assert isinstance(box, QMessageBox)
    assert box.textFormat() is Qt.TextFormat.PlainText
    assert MARKUP in box.text()
    box.reject()
