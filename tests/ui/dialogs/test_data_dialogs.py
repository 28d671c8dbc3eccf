"""File > Import shows what a file would add (or all its problems); File > Backups restores."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from spasticity_tracker.domain.entities import Person
from spasticity_tracker.services.backups import BackupService
from spasticity_tracker.services.diary import DiaryService
from spasticity_tracker.services.people import PeopleService
from spasticity_tracker.storage.database import Database
from spasticity_tracker.storage.sqlite_files import backup_name
from spasticity_tracker.ui.dialogs.backups_dialog import BackupsDialog
from spasticity_tracker.ui.dialogs.person_dialog import PersonDialog
from tests.conftest import fixed_clock
from tests.ui.helpers import accessible_name, activate, import_preview, reply

GOOD = (
    "Date;Stiffness;Pain;Notes;Baclofen_mg\n"
    '2026-03-01;6;2;"Tight, then better";30\n'
    "2026-03-02;5;;;30\n"
    "2026-03-03;4;1;;45\n"
)
BAD = "date,stiffness\n2026-03-01,11\n2026-13-02,4\n"


def test_a_good_file_is_previewed_then_imported(
    qtbot: QtBot,
    database: Database,
    people: PeopleService,
    diary: DiaryService,
    tmp_path: Path,
) -> None:
    # With a byte-order mark, as Excel writes.
    dialog = import_preview(qtbot, database, tmp_path / "diary.csv", GOOD, "utf-8-sig")
    assert "3 rows from 2026-03-01 to 2026-03-03" in dialog.preview.toPlainText()
    assert "Doses of Baclofen (mg)" in dialog.preview.toPlainText()
    assert dialog.import_button.isEnabled()
    assert people.find_person("Alex") is None  # nothing written by the preview
    with qtbot.waitSignal(dialog.accepted):
        dialog.import_button.click()
    assert dialog.message_box is not None
    assert dialog.message_box.text().startswith("Imported for Alex: 3 entries")
    alex = people.find_person("Alex")
    assert alex is not None
    assert alex.id is not None
    assert [e.stiffness for e in diary.entries(alex.id)] == [4, 5, 6]
    assert [e.note for e in diary.entries(alex.id)][-1] == "Tight, then better"


def test_a_bad_file_lists_every_problem_and_cannot_be_imported(
    qtbot: QtBot, database: Database, tmp_path: Path
) -> None:
    dialog = import_preview(qtbot, database, tmp_path / "bad.csv", BAD)
    text = dialog.preview.toPlainText()
    assert "Row 2, column 'stiffness': '11' must be a whole number from 0 to 10." in text
    assert "Row 3, column 'date': '2026-13-02' is not a date" in text
    assert not dialog.import_button.isEnabled()
    for widget in (dialog.file, dialog.person, dialog.entered_by, dialog.day_first):
        assert accessible_name(widget)


def test_backups_are_made_and_restored_from_the_dialog(
    qtbot: QtBot, database: Database, people: PeopleService
) -> None:
    people.add_person(Person(name="Before"))
    dialog = BackupsDialog(BackupService(database, fixed_clock), None)
    qtbot.addWidget(dialog)
    assert dialog.listing.count() == 0
    dialog.make_backup()
    assert dialog.listing.count() == 1
    assert "1 person and no entries" in dialog.listing.item(0).text()  # what it holds
    people.add_person(Person(name="After the backup"))
    dialog.listing.setCurrentRow(0)
    dialog.restore_button.click()
    reply(qtbot, dialog.question, yes=False)
    assert len(people.people()) == 2, "No restores nothing"
    dialog.restore_button.click()
    asked = reply(qtbot, dialog.question, yes=True)
    assert asked.startswith("Put this backup in place of the diary?")
    assert [p.name for p in people.people()] == ["Before"]
    assert dialog.listing.count() == 2  # the state before the restore was backed up too


def test_the_backups_list_says_what_each_holds_and_never_chooses_an_empty_one(
    qtbot: QtBot, database: Database, people: PeopleService
) -> None:
    people.add_person(Person(name="Alex"))
    service = BackupService(database, fixed_clock)
    good = service.make_backup()
    # What a full disk used to leave behind: a newer backup of 0 bytes.
    later = good.taken_at + timedelta(hours=1)
    (good.path.parent / backup_name(database.path.stem, later, "at-start")).write_bytes(b"")
    dialog = BackupsDialog(service, None)
    qtbot.addWidget(dialog)
    texts = [dialog.listing.item(row).text() for row in range(dialog.listing.count())]
    assert any("cannot be used: the file is empty: 0 bytes" in text for text in texts)
    current = dialog.listing.currentItem()
    assert current is not None
    assert "1 person and no entries" in current.text()


def test_the_person_dialog_keeps_a_hospital_number_and_alt_h_reaches_it(
    qtbot: QtBot, person: Person
) -> None:
    dialog = PersonDialog(lambda _person: None, person)
    qtbot.addWidget(dialog)
    dialog.show()
    activate(dialog, qtbot)
    qtbot.keyClick(dialog, Qt.Key.Key_H, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is dialog.hospital_number
    qtbot.keyClicks(dialog.hospital_number, "  485 777 3456 ")
    assert dialog.value().hospital_number == "485 777 3456"
    assert dialog.value().name == person.name
