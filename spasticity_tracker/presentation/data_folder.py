"""What the user is told about the data folder: read-only, open to others, backups, recovery."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from spasticity_tracker.domain.errors import WriteProblem
from spasticity_tracker.presentation.formatting import moment_text
from spasticity_tracker.services.backups import BackupInfo

BACKUPS_FOLDER = "backups"


def read_only_notice(problem: WriteProblem, folder: Path) -> str:
    """The banner of a diary opened read-only because nothing can be written in its folder."""
    if problem is WriteProblem.DISK_FULL:
        return (
            "The disk is full: the diary is open read-only; nothing can be saved until space "
            "is freed."
        )
    if problem is WriteProblem.READ_ONLY:
        cause = f"The data folder {folder} is read-only"
    else:
        cause = f"You may not write to the data folder {folder}"
    return f"{cause}: the diary is open read-only; nothing can be saved."


def open_folder_notice(folder: Path, mode: int) -> str:
    """A warning that other users of the computer may see (or change) the data folder."""
    return (
        f"The data folder {folder} is open to other users of this computer (mode {mode:o}): "
        "they can see which files are in it. The diary and its backups are readable only by "
        f"you. To make the folder private: chmod 700 '{folder}'."
    )


def no_backup_notice(reason: str) -> str:
    """The banner when the start-up backup could not be made, but the diary can be saved."""
    return (
        f"No backup could be made at start ({reason}). The diary is open and can be saved; "
        "free some space so that the next start can back it up."
    )


def holdings(people: int, entries: int) -> str:
    """'1 person and 340 entries'."""
    who = "nobody" if people == 0 else "1 person" if people == 1 else f"{people} people"
    what = "no entries" if entries == 0 else "1 entry" if entries == 1 else f"{entries} entries"
    return f"{who} and {what}"


def backup_line(backup: BackupInfo) -> str:
    """One backup in a list: when, why, and what it holds or what is wrong with it."""
    when = moment_text(backup.taken_at)
    why = backup.reason.replace("-", " ")
    if backup.problem is not None:
        return f"{when}   {why}   cannot be used: {backup.problem}"
    return f"{when}   {why}   {holdings(backup.people, backup.entries)}"


@dataclass(frozen=True)
class RecoveryQuestion:
    """The question at start when the diary file is damaged and a good backup exists."""

    text: str
    details: str  # every backup, newest first, one a line, with what it holds


def _listing(backups: Sequence[BackupInfo]) -> str:
    lines = [backup_line(backup) for backup in backups]
    return "\n".join(lines) if lines else "There are no backups."


def recovery_question(
    path: Path, problem: str, offered: BackupInfo, backups: Sequence[BackupInfo]
) -> RecoveryQuestion:
    """Offer the newest good backup, saying when it was made and what it holds."""
    return RecoveryQuestion(
        text=(
            f"The diary file {path} could not be read ({problem}).\n\n"
            f"Restore the newest good backup, made {moment_text(offered.taken_at)}? It holds "
            f"{holdings(offered.people, offered.entries)}. The damaged file is kept beside it "
            "under a dated name, never deleted. An older backup can be restored afterwards "
            "from File > Backups."
        ),
        details=_listing(backups),
    )


def damaged_message(
    path: Path,
    problem: str,
    backups: Sequence[BackupInfo],
    cannot_write: WriteProblem | None = None,
) -> str:
    """Why a damaged diary cannot be opened, that nothing was changed, and what to do."""
    folder = path.parent
    if cannot_write is None:
        why = f"No good backup was found in {folder / BACKUPS_FOLDER}"
        if backups:
            why += f" (of {len(backups)} there, none could be read or held anything)"
        todo = (
            "What to do: move the file out of the folder (keep it: it may still be "
            "repaired). If you have an older copy of it elsewhere, put that copy in its "
            "place; otherwise open the app again to start a new diary, into which an export "
            "(CSV or JSON) can be imported."
        )
    else:
        why = f"A backup cannot be put in its place here: {cannot_write.value}"
        todo = (
            "What to do: free some space, or open the diary where its folder can be written, "
            "and start the app again: it will offer the newest good backup."
        )
    return (
        f"The diary file {path} could not be read ({problem}). {why}.\n\n"
        "The file has not been changed or deleted.\n\n"
        f"{todo}"
    )
