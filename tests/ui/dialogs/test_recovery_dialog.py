"""The question at start for a damaged diary: answered by keyboard, every backup in view."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from spasticity_tracker.presentation.data_folder import RecoveryQuestion
from spasticity_tracker.ui import style
from spasticity_tracker.ui.dialogs.recovery import RecoveryDialog, ask_to_restore

QUESTION = RecoveryQuestion(
    text="The diary file could not be read. Restore the newest good backup?",
    details=(
        "30 Nov 2026 10:19   by hand   cannot be used: the file is empty: 0 bytes\n"
        "30 Nov 2026 10:18   at start   1 person and 389 entries"
    ),
)


@pytest.fixture
def largest_text(qapp: QApplication) -> object:
    style.apply_text_scale(qapp, len(style.TEXT_SCALES) - 1)
    yield
    style.apply_text_scale(qapp, style.DEFAULT_SCALE_INDEX)


def test_every_backup_is_listed_in_view_with_what_it_holds(qtbot: QtBot) -> None:
    dialog = RecoveryDialog(QUESTION)
    qtbot.addWidget(dialog)
    assert dialog.question.text() == QUESTION.text
    assert dialog.question.textFormat() is Qt.TextFormat.PlainText
    assert dialog.backups.toPlainText() == QUESTION.details
    assert dialog.backups.isReadOnly()


@pytest.mark.parametrize(
    ("key", "restores"), [(Qt.Key.Key_Return, True), (Qt.Key.Key_Escape, False)]
)
def test_enter_restores_and_escape_quits(qtbot: QtBot, key: Qt.Key, restores: bool) -> None:
    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, RecoveryDialog)
        qtbot.keyClick(dialog, key)

    QTimer.singleShot(0, answer)
    assert ask_to_restore(QUESTION) is restores


def test_alt_q_quits_changing_nothing(qtbot: QtBot) -> None:
    dialog = RecoveryDialog(QUESTION)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_Q, Qt.KeyboardModifier.AltModifier)
    assert dialog.result() == QDialog.DialogCode.Rejected


@pytest.mark.usefixtures("largest_text")
def test_at_the_largest_text_every_button_shows_its_whole_label(qtbot: QtBot) -> None:
    dialog = RecoveryDialog(QUESTION)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    for button in (dialog.restore_button, dialog.quit_button):
        assert button.width() >= button.sizeHint().width(), button.text()
        assert button.height() >= style.MIN_TARGET
    assert dialog.width() <= dialog.screen().availableGeometry().width()
