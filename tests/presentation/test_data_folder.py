"""What the user is told about the data folder: read-only, open to others, backups, recovery."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from spasticity_tracker.domain.errors import WriteProblem
from spasticity_tracker.presentation.data_folder import (
    backup_line,
    damaged_message,
    holdings,
    open_folder_notice,
    read_only_notice,
    recovery_question,
)
from spasticity_tracker.services.backups import BackupInfo

DIARY = Path("/home/alex/diary/spasticity-tracker.sqlite3")
TAKEN = datetime(2026, 3, 15, 12, tzinfo=UTC)


def backup(people: int, entries: int, problem: str | None = None) -> BackupInfo:
    return BackupInfo(Path("b.sqlite3"), TAKEN, "at-start", 4096, people, entries, problem)


@pytest.mark.parametrize(
    ("people", "entries", "text"),
    [
        (0, 0, "nobody and no entries"),
        (1, 1, "1 person and 1 entry"),
        (2, 340, "2 people and 340 entries"),
    ],
)
def test_holdings_are_counted_in_words(people: int, entries: int, text: str) -> None:
    assert holdings(people, entries) == text


@pytest.mark.parametrize(
    ("problem", "start"),
    [
        (WriteProblem.DISK_FULL, "The disk is full: the diary is open read-only"),
        (WriteProblem.READ_ONLY, "The data folder /home/alex/diary is read-only: the diary"),
        (WriteProblem.NOT_ALLOWED, "You may not write to the data folder /home/alex/diary:"),
    ],
)
def test_the_read_only_notice_says_why_and_that_nothing_can_be_saved(
    problem: WriteProblem, start: str
) -> None:
    notice = read_only_notice(problem, DIARY.parent)
    assert notice.startswith(start)
    assert "nothing can be saved" in notice


def test_an_open_folder_is_named_with_its_mode_and_the_fix() -> None:
    notice = open_folder_notice(DIARY.parent, 0o1777)
    assert "other users" in notice
    assert "(mode 1777)" in notice
    assert "chmod 700 '/home/alex/diary'" in notice


def test_a_backup_line_says_what_it_holds_or_what_is_wrong() -> None:
    assert backup_line(backup(1, 3)).endswith("at start   1 person and 3 entries")
    assert backup_line(backup(0, 0, "the file is empty: 0 bytes")).endswith(
        "cannot be used: the file is empty: 0 bytes"
    )


def test_the_recovery_question_offers_the_backup_with_its_date_and_contents() -> None:
    offered = backup(1, 3)
    listed = [backup(0, 0, "the file is empty: 0 bytes"), offered]
    question = recovery_question(DIARY, "file is not a database", offered, listed)
    assert str(DIARY) in question.text
    assert "It holds 1 person and 3 entries." in question.text
    assert "never deleted" in question.text
    assert question.details.splitlines() == [backup_line(b) for b in listed]


def test_a_damaged_diary_with_no_backup_is_explained_with_what_to_do() -> None:
    message = damaged_message(DIARY, "file is not a database", [backup(0, 0, "empty")])
    assert str(DIARY) in message
    assert "(of 1 there, none could be read or held anything)" in message
    assert "has not been changed or deleted" in message
    assert "What to do: move the file out of the folder" in message
    assert "open the app again to start a new diary" in message


def test_a_damaged_diary_on_a_read_only_folder_says_why_nothing_is_restored() -> None:
    message = damaged_message(DIARY, "file is not a database", [], WriteProblem.READ_ONLY)
    assert "A backup cannot be put in its place here: the disk or folder is read-only" in message
    assert "has not been changed" in message
