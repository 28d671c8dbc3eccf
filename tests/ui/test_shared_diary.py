"""The window on a shared diary (the real test server): what it shows, sharing from its menu,
a read-only share, pages that follow another login's changes, a clash told in the dialog,
and File > Connect to a shared diary."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox
from pytestqt.qtbot import QtBot

from spasticity_tracker.domain.entities import Medicine, Person, SymptomEntry
from spasticity_tracker.domain.scales import DoseStatus
from spasticity_tracker.services.diary import DiaryService
from spasticity_tracker.services.sharing import SharingService
from spasticity_tracker.storage.database import Database
from spasticity_tracker.ui.app_state import Services
from spasticity_tracker.ui.dialogs.connect_dialog import ConnectDialog
from spasticity_tracker.ui.dialogs.entry_dialog import EntryDialog
from spasticity_tracker.ui.dialogs.share_dialog import ShareDialog
from spasticity_tracker.ui.main_window import SHARED_DIARY_KEY, MainWindow
from tests import server as test_server
from tests.conftest import NOW, fixed_clock
from tests.engines import server, server_diary
from tests.ui.conftest import WINDOW_SIZE
from tests.ui.helpers import User, activate, dialog_button, reply

__all__ = ["server", "server_diary"]

pytestmark = pytest.mark.server

SAVE = QDialogButtonBox.StandardButton.Save


@pytest.fixture
def database(server: Path, server_diary: str) -> Iterator[Database]:
    """The shared test diary, opened by a carer's login (not its owner)."""
    database = Database.connect(test_server.url(server, server_diary, test_server.CARER))
    yield database
    database.close()


@pytest.fixture
def clinician(server: Path, server_diary: str) -> Iterator[Database]:
    """The same diary opened by another login, as on another computer."""
    database = Database.connect(test_server.url(server, server_diary, test_server.CLINICIAN))
    yield database
    database.close()


def window_on(qtbot: QtBot, database: Database, settings: QSettings) -> MainWindow:
    window = MainWindow(Services.on(database, fixed_clock), settings)
    qtbot.addWidget(window)
    window.resize(*WINDOW_SIZE)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_the_window_names_the_shared_diary_and_has_no_data_folder(
    qtbot: QtBot, database: Database, settings: QSettings, person: Person
) -> None:
    window = window_on(qtbot, database, settings)

    assert window.windowTitle().endswith(f"as {test_server.CARER}")
    assert "shared diary diary_" in window.windowTitle()
    assert not window.backups_action.isVisible()
    assert not window.open_folder_action.isVisible()
    assert window.share_action.isVisible()
    assert window.notices is not None
    # What this login enters is entered by it, also in a diary it made.
    assert window.enterer_combo.currentText() == f"{test_server.CARER} (carer)"
    assert window.state.enterer_name(window.state.entered_by) == test_server.CARER


def test_sharing_from_the_menu_lists_the_share_and_delete_takes_it_back(
    qtbot: QtBot, database: Database, settings: QSettings, person: Person
) -> None:
    window = window_on(qtbot, database, settings)
    user = User(qtbot)
    dialog = window.share_diary()
    assert isinstance(dialog, ShareDialog)
    qtbot.waitExposed(dialog)
    activate(dialog, qtbot)
    assert dialog.current.item(0).text() == "Nobody yet"

    assert user.focused() is dialog.login
    user.type_text(test_server.CLINICIAN)
    user.click(dialog.read_only)
    with qtbot.waitSignal(dialog.accepted, timeout=3000):
        user.key(Qt.Key.Key_Return)

    sharing = SharingService(database, fixed_clock)
    [share] = sharing.shares("Alex")
    assert (share.login, share.read_only) == (test_server.CLINICIAN, True)

    again = window.share_diary()
    assert isinstance(again, ShareDialog)
    qtbot.waitExposed(again)
    activate(again, qtbot)
    assert again.current.item(0).text() == f"{test_server.CLINICIAN}: reads only"
    again.current.setFocus()
    user.key(Qt.Key.Key_Delete)
    assert sharing.shares("Alex") == []
    assert again.message.text == f"No longer shared with {test_server.CLINICIAN}."
    assert again.current.item(0).text() == "Nobody yet"


def test_a_diary_shared_read_only_says_so_above_every_page(
    qtbot: QtBot, database: Database, clinician: Database, settings: QSettings, person: Person
) -> None:
    SharingService(database, fixed_clock).share("Alex", test_server.CLINICIAN, read_only=True)

    window = window_on(qtbot, clinician, settings)

    assert window.enterer_combo.currentText() == "Alex (themself)"  # nothing made for it
    assert window.notice.isVisible()
    assert "shared with you (clinician) to read only" in window.notice.text
    assert window.windowTitle().endswith("(read-only)")


def test_a_login_shared_to_change_a_diary_enters_as_itself(
    qtbot: QtBot, database: Database, clinician: Database, settings: QSettings, person: Person
) -> None:
    SharingService(database, fixed_clock).share("Alex", test_server.CLINICIAN)

    window = window_on(qtbot, clinician, settings)

    assert window.enterer_combo.currentText() == f"{test_server.CLINICIAN} (carer)"
    assert window.state.enterer_name(window.state.entered_by) == test_server.CLINICIAN
    assert not window.notice.isVisible()


def test_the_page_shown_follows_what_another_login_saves(
    qtbot: QtBot, database: Database, clinician: Database, settings: QSettings, person: Person
) -> None:
    assert person.id is not None
    SharingService(database, fixed_clock).share("Alex", test_server.CLINICIAN)
    window = window_on(qtbot, database, settings)
    window.show_page(1)
    history = window.history
    before = history.model.rowCount()

    DiaryService(clinician, fixed_clock).log_entry(
        SymptomEntry(person_id=person.id, recorded_at=NOW, stiffness=7)
    )

    qtbot.waitUntil(lambda: history.model.rowCount() == before + 1, timeout=5000)
    assert history.model.entry(0).stiffness == 7


@pytest.mark.parametrize("in_front", [False, True], ids=["window", "dialog in front"])
def test_a_dose_button_keeps_the_focus_when_another_login_saves(
    qtbot: QtBot,
    database: Database,
    clinician: Database,
    settings: QSettings,
    person: Person,
    baclofen: Medicine,
    in_front: bool,
) -> None:
    """Another login's save reloads Today, whose dose rows are made anew: a carer recording
    doses by keyboard keeps their place, the same choice of the same dose, also when the
    save comes while another window is in front."""
    assert person.id is not None
    SharingService(database, fixed_clock).share("Alex", test_server.CLINICIAN)
    window = window_on(qtbot, database, settings)
    activate(window, qtbot)
    before = window.today.doses.rows
    before[1].button_for(DoseStatus.MISSED).setFocus()  # the 14:00 dose's "Missed"
    dialog = QDialog(window)
    if in_front:
        dialog.show()
        activate(dialog, qtbot)

    DiaryService(clinician, fixed_clock).log_entry(
        SymptomEntry(person_id=person.id, recorded_at=NOW, stiffness=7)
    )

    qtbot.waitUntil(lambda: "stiffness 7" in window.today.logged.text(), timeout=5000)
    qtbot.wait(10)  # the old rows are deleted at the next turn of the event loop
    dialog.close()
    activate(window, qtbot)
    after = window.today.doses.rows
    assert after[1] is not before[1], "the rows were made anew"
    assert QApplication.focusWidget() is after[1].button_for(DoseStatus.MISSED)


def test_an_entry_changed_meanwhile_elsewhere_is_told_in_the_dialog_not_overwritten(
    qtbot: QtBot, database: Database, clinician: Database, settings: QSettings, person: Person
) -> None:
    assert person.id is not None
    entry = (
        DiaryService(database, fixed_clock)
        .log_entry(SymptomEntry(person_id=person.id, recorded_at=NOW, stiffness=5))
        .value
    )
    SharingService(database, fixed_clock).share("Alex", test_server.CLINICIAN)
    window = window_on(qtbot, database, settings)
    window.show_page(1)
    history = window.history
    history.table.selectRow(0)
    history.edit_selected()
    dialog = history.open_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)

    DiaryService(clinician, fixed_clock).update(replace(entry, stiffness=9))
    assert isinstance(dialog, EntryDialog)
    dialog.form.stiffness.choose(2)
    dialog_button(dialog, SAVE).click()

    assert dialog.isVisible()
    text = dialog.message.text
    assert f"changed by {test_server.CLINICIAN} meanwhile" in text
    assert "stiffness: 9 saved, 2 yours" in text
    [stored] = DiaryService(database, fixed_clock).entries(person.id)
    assert stored.stiffness == 9


def test_connect_remembers_the_choice_and_starts_again_only_when_asked(
    qtbot: QtBot, database: Database, settings: QSettings, person: Person
) -> None:
    window = window_on(qtbot, database, settings)
    user = User(qtbot)
    dialog = window.connect_to_diary()
    assert isinstance(dialog, ConnectDialog)
    qtbot.waitExposed(dialog)
    assert dialog.on_a_server.isChecked()
    assert database.server is not None
    assert dialog.address.text() == database.server.address

    dialog.address.setText("mysql://me@db.example/diary")
    dialog_button(dialog, SAVE).click()
    assert dialog.isVisible()
    assert "Only PostgreSQL servers" in dialog.message.text
    assert settings.value(SHARED_DIARY_KEY) is None

    dialog.on_this_computer.setChecked(True)
    assert not dialog.address.isEnabled()
    with qtbot.waitSignal(dialog.accepted, timeout=3000):
        dialog_button(dialog, SAVE).click()
    assert settings.value(SHARED_DIARY_KEY) == ""
    text = reply(qtbot, window.message_box, yes=False)
    assert "From now on the app opens the diary file on this computer" in text
    assert window.restart_requested is False

    address = "postgresql://carer_one@db.example/diary"
    dialog = window.connect_to_diary()
    assert isinstance(dialog, ConnectDialog)
    qtbot.waitExposed(dialog)
    user.click(dialog.on_a_server)
    dialog.address.setText(address)
    with qtbot.waitSignal(dialog.accepted, timeout=3000):
        dialog_button(dialog, SAVE).click()
    assert settings.value(SHARED_DIARY_KEY) == address
    reply(qtbot, window.message_box, yes=True)
    assert window.restart_requested is True


def test_after_a_lost_connection_the_window_listens_again_and_reloads(
    qtbot: QtBot,
    database: Database,
    clinician: Database,
    settings: QSettings,
    person: Person,
    server: Path,
    server_diary: str,
) -> None:
    assert person.id is not None
    SharingService(database, fixed_clock).share("Alex", test_server.CLINICIAN)
    window = window_on(qtbot, database, settings)
    notices = window.notices
    assert notices is not None
    with test_server.admin(server) as connection:
        connection.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND application_name = 'Spasticity Tracker (notices)'",
            (server_diary,),
        )
    qtbot.waitUntil(lambda: notices.waiting_to_reopen, timeout=5000)

    window.show_page(1)
    before = window.history.model.rowCount()
    DiaryService(clinician, fixed_clock).log_entry(
        SymptomEntry(person_id=person.id, recorded_at=NOW, stiffness=7)
    )
    with qtbot.waitSignal(window.state.data_changed, timeout=3000):
        notices.reopen()  # what the timer does after RETRY_MS
    assert window.history.model.rowCount() == before + 1  # missed meanwhile, reloaded
    DiaryService(clinician, fixed_clock).log_entry(
        SymptomEntry(person_id=person.id, recorded_at=NOW, stiffness=3)
    )
    qtbot.waitUntil(lambda: window.history.model.rowCount() == before + 2, timeout=5000)
