"""The command line: one argparse parser for the app and its headless commands.

A command's own services are imported by the command: the window is started through this
module too, and its first paint needs none of them.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from spasticity_tracker import APP_NAME, __version__, paths
from spasticity_tracker.domain.cautions import Caution
from spasticity_tracker.domain.errors import CannotWriteError, DataError, TrackerError, os_reason
from spasticity_tracker.presentation.data_folder import open_folder_notice
from spasticity_tracker.presentation.formatting import counted, import_totals
from spasticity_tracker.services.people import PeopleService
from spasticity_tracker.storage.database import Database
from spasticity_tracker.storage.sqlite_files import quick_check

log = logging.getLogger(__name__)


def build_parser() -> argparse.ArgumentParser:
    """The parser for `spasticity-tracker [--data-dir DIR] [COMMAND ...]`."""
    parser = argparse.ArgumentParser(
        prog="spasticity-tracker",
        description=f"{APP_NAME}: a daily diary of spasticity, baclofen doses and side effects. "
        "With no command, the app's window opens.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help=f"the folder that holds the diary (default: ${paths.DATA_DIR_ENV}, "
        "else the user's data folder)",
    )
    parser.add_argument(
        "--database",
        metavar="URL",
        help="use a shared diary on a PostgreSQL server instead of the diary file, e.g. "
        "postgresql://LOGIN@HOST/DATABASE (default: $SPASTICITY_TRACKER_DATABASE; passwords "
        "as libpq reads them: in the URL, $PGPASSWORD or ~/.pgpass, else asked)",
    )
    parser.add_argument(
        "-v", "--verbose", action="store_true", help="log more detail to the terminal"
    )
    parser.add_argument(
        "--benchmark-startup",
        action="store_true",
        help=argparse.SUPPRESS,  # prints "shown" at the first paint of the window, then quits
    )
    parser.add_argument(
        "--in-tray",
        action="store_true",
        help="start with the window hidden, in the system tray, for reminders (how the app "
        "starts at login); without a tray, or with reminders off, the window opens",
    )
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="check the installed app: open every page and make a summary PDF offscreen, on "
        "example data in a temporary folder; exits 0 when all of it works",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = commands.add_parser(
        "demo",
        help="create an example person filled with realistic diary data",
        description="Create a person, marked as example data, with a realistic diary ending "
        "today: baclofen titration and dose changes, daily stiffness, side effects, missed "
        "doses, events, appointments, and entries by a carer.",
    )
    demo.add_argument("--person", required=True, metavar="NAME", help="the new person's name")
    demo.add_argument(
        "--years",
        type=float,
        default=1.0,
        metavar="N",
        help="how many years of diary to make (default 1, at most 20)",
    )
    demo.add_argument(
        "--seed", type=int, default=1, help="random seed; the same seed gives the same diary"
    )
    summary = commands.add_parser(
        "summary",
        help="write the clinic summary as a PDF",
        description="Write the clinic summary for a person and a period as a PDF: page 1 is "
        "the overview for the neurologist, the details follow. By default the period runs "
        "from the last appointment (or 3 months ago) to today. No display is needed.",
    )
    summary.add_argument("--person", required=True, metavar="NAME", help="whose diary")
    summary.add_argument(
        "--from", dest="first", type=_iso_date, metavar="YYYY-MM-DD", help="first day"
    )
    summary.add_argument("--to", dest="last", type=_iso_date, metavar="YYYY-MM-DD", help="last day")
    summary.add_argument(
        "--paper",
        choices=("a4", "letter"),
        help="paper size (default: Letter in the US, Canada, Mexico and the Philippines, else A4)",
    )
    summary.add_argument(
        "--output", required=True, type=Path, metavar="FILE.pdf", help="where to write the PDF"
    )
    importing = commands.add_parser(
        "import",
        help="import a spreadsheet diary (CSV)",
        description="Import a diary kept in a spreadsheet, saved as CSV (the columns are "
        "described in the README). Nothing is imported if any cell is invalid: every problem "
        "is listed. Importing the same file again adds nothing.",
    )
    importing.add_argument(
        "file",
        type=Path,
        metavar="FILE",
        help="a spreadsheet diary (.csv), or a JSON export to restore (.json)",
    )
    importing.add_argument("--person", metavar="NAME", help="whose diary (needed for a .csv file)")
    importing.add_argument(
        "--entered-by", default="", metavar="NAME", help="who entered rows with no entered_by"
    )
    importing.add_argument(
        "--day-first", action="store_true", help="also accept dates written as DD/MM/YYYY"
    )
    exporting = commands.add_parser(
        "export",
        help="export the diary as CSV and JSON",
        description="Write each person's diary as a CSV in the import format, and every "
        "record as JSON, into a folder. The files are readable only by you.",
    )
    exporting.add_argument("folder", type=Path, metavar="DIR", help="where to write the files")
    exporting.add_argument("--person", metavar="NAME", help="only this person")
    commands.add_parser(
        "check",
        help="open the diary and say where it is and whose diaries it holds",
        description="Open the diary (a diary file, or a shared diary with --database), set it "
        "up or bring it up to date where this login may, and list the people it holds. On a "
        "new shared diary, its owner runs this once to set it up.",
    )
    sharing = commands.add_parser(
        "share",
        help="share a person's diary with another login (shared diary only)",
        description="On a shared diary (--database), let another login of the server see and "
        "change a person's diary, or only see it (--read-only, for a clinician). Only the "
        "login that made the diary may share it. Without --with, list who it is shared with.",
    )
    sharing.add_argument("--person", required=True, metavar="NAME", help="whose diary")
    sharing.add_argument("--with", dest="login", metavar="LOGIN", help="the server login")
    sharing.add_argument(
        "--read-only", action="store_true", help="the login may read and make summaries only"
    )
    unsharing = commands.add_parser(
        "unshare",
        help="stop sharing a person's diary with a login (shared diary only)",
        description="Take back a share: the login no longer sees the person's diary.",
    )
    unsharing.add_argument("--person", required=True, metavar="NAME", help="whose diary")
    unsharing.add_argument(
        "--with", dest="login", required=True, metavar="LOGIN", help="the server login"
    )
    return parser


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date written as YYYY-MM-DD, for example 2026-03-15"
        ) from None


def database_url(args: argparse.Namespace) -> str | None:
    """The shared diary's address: --database, else $SPASTICITY_TRACKER_DATABASE, else None."""
    from spasticity_tracker.storage.server import DATABASE_ENV

    given = getattr(args, "database", None) or os.environ.get(DATABASE_ENV, "")
    return given.strip() or None


def connect(url: str, ask_password: Callable[[str], str | None] | None = None) -> Database:
    """Open the shared diary at url; where the server wants a password, ask_password(why)."""
    from spasticity_tracker.storage.server import PasswordNeededError

    password: str | None = None
    while True:
        try:
            return Database.connect(url, password=password)
        except PasswordNeededError as needed:
            if ask_password is None:
                raise
            password = ask_password(str(needed))
            if password is None:
                raise


def _terminal_password(why: str) -> str | None:
    if not sys.stdin.isatty():
        return None
    import getpass

    return getpass.getpass(f"{why}\nPassword: ") or None


def open_database(data_dir: str | None, *, write: bool = True) -> Database:
    """Open the database in the chosen data folder, upgrading its schema if needed.

    To write, a new diary is made where no file exists. To only read, none is ever made,
    and where the folder cannot be written the diary is opened read-only. An empty or
    damaged file is refused (the app offers to restore a backup); it is never changed here.
    """
    folder = paths.data_dir(data_dir)
    if (mode := paths.open_to_others(folder)) is not None:
        print(f"warning: {open_folder_notice(folder, mode)}", file=sys.stderr)
    path = paths.database_path(folder)
    if not path.exists():
        if not write:
            raise DataError(f"There is no diary in {folder} yet; nothing was made.")
    elif (problem := quick_check(path)) is not None:
        raise DataError(
            f"The diary file {path} is damaged ({problem}); it has not been changed. Open the "
            "app to restore the newest good backup, or to be told what to do if there is none."
        )
    if write:
        return Database.open(path)
    try:
        return Database.open(path)  # an older schema is upgraded, as when writing
    except CannotWriteError as error:
        return Database.open(path, read_only=error.problem)


WRITING_COMMANDS = frozenset({"demo", "import"})


def run_command(args: argparse.Namespace) -> int:
    """Run a headless command; errors are printed plainly, with exit status 1."""
    lock = None
    url = database_url(args)
    try:
        if url is not None:
            # A shared diary: the server keeps its writers apart; no lock file.
            database = connect(url, _terminal_password)
        elif args.command in {"share", "unshare"}:
            raise DataError(
                "A diary file is not shared with logins: sharing needs a shared diary on a "
                "PostgreSQL server (--database URL; see the README)."
            )
        elif args.command in WRITING_COMMANDS:
            # One writer per data folder, the app included (Qt's lock file, so only now).
            from spasticity_tracker.lock import DataFolderLock

            lock = DataFolderLock(paths.data_dir(args.data_dir))
            lock.acquire()
            database = open_database(args.data_dir, write=True)
        else:
            database = open_database(args.data_dir, write=False)
    except TrackerError as error:
        if lock is not None:
            lock.release()
        print(f"error: {error}", file=sys.stderr)
        return 1
    try:
        if args.command == "demo":
            return _demo(database, args)
        if args.command == "summary":
            return _summary(database, args)
        if args.command == "import":
            return _import(database, args)
        if args.command == "export":
            return _export(database, args)
        if args.command == "check":
            return _check(database)
        if args.command == "share":
            return _share(database, args)
        if args.command == "unshare":
            return _unshare(database, args)
        raise AssertionError(f"unknown command {args.command}")
    except TrackerError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    finally:
        database.close()
        if lock is not None:
            lock.release()


def _where(database: Database) -> str:
    if database.server is not None:
        return f"the shared diary {database.server.address}"
    return str(Path(database.path).parent)


def _demo(database: Database, args: argparse.Namespace) -> int:
    from spasticity_tracker.services.demo import DemoService

    person = DemoService(database).create_demo_person(args.person, args.years, args.seed).value
    print(
        f"Created example person {person.name!r} with {counted(args.years, 'year')} of diary in "
        f"{_where(database)}"
    )
    return 0


def _check(database: Database) -> int:
    people = PeopleService(database).people()
    if database.server is not None:
        print(f"The shared diary {database.server.address} is up to date.")
        print(f"You are {database.server.login}; its owner is {database.server.owner}.")
    else:
        print(f"The diary in {_where(database)} is up to date.")
    print(f"It holds {counted(len(people), 'person', 'people')}" + (":" if people else "."))
    for person in people:
        print(f"  {person.name}{' (example)' if person.is_example else ''}")
    return 0


def _share(database: Database, args: argparse.Namespace) -> int:
    from spasticity_tracker.services.sharing import SharingService

    sharing = SharingService(database)
    if not args.login:
        shares = sharing.shares(args.person)
        if not shares:
            print(f"{args.person}'s diary is shared with nobody.")
        for share in shares:
            print(f"{share.login}{' (read-only)' if share.read_only else ''}")
        return 0
    shared = sharing.share(args.person, args.login, read_only=args.read_only)
    how = "to read only" if args.read_only else "to read and change"
    print(f"Shared {args.person}'s diary with {shared.share.login}, {how}.")
    if shared.warning:
        print(f"warning: {shared.warning}", file=sys.stderr)
    return 0


def _unshare(database: Database, args: argparse.Namespace) -> int:
    from spasticity_tracker.services.sharing import SharingService

    if SharingService(database).unshare(args.person, args.login):
        print(f"{args.person}'s diary is no longer shared with {args.login}.")
    else:
        print(f"{args.person}'s diary was not shared with {args.login}; nothing changed.")
    return 0


def _import(database: Database, args: argparse.Namespace) -> int:
    from spasticity_tracker.services.json_restore import check_size
    from spasticity_tracker.services.transfer import TransferService

    restoring = args.file.suffix.casefold() == ".json"
    try:
        if restoring:
            check_size(args.file.stat().st_size)  # a huge file is refused before it is read
        data = args.file.read_bytes()
    except OSError as error:
        print(f"error: cannot read {args.file}: {os_reason(error)}", file=sys.stderr)
        return 1
    transfer = TransferService(database)
    if restoring:
        restored = transfer.restore_json(data)
        print("Restored: " + (", ".join(restored.names) or "nobody (the export was empty)"))
        _print_cautions(restored.cautions)
        return 0
    if not args.person:
        print("error: --person NAME is needed to import a .csv file", file=sys.stderr)
        return 1
    report = transfer.import_csv(
        data,
        args.person,
        entered_by=args.entered_by or _login_as_carer(database),
        day_first=args.day_first,
    )
    totals = import_totals(
        report.entries, report.side_effects, report.regimens, report.doses, report.events
    )
    print(f"Imported for {report.person}: {totals}.")
    for note in report.notes:
        print(note)
    if report.unknown_columns:
        print("Columns ignored (not known): " + ", ".join(report.unknown_columns))
    for medicine in report.new_medicines:
        if not medicine.ingredient_confirmed:
            print(
                f"Check: {medicine.name} was taken to be {medicine.ingredient.word}; confirm "
                "it on the Medicines page."
            )
    _print_cautions(report.cautions)
    return 0


def _login_as_carer(database: Database) -> str:
    """On a shared diary, rows with no entered_by are entered by this login (a carer of that
    name); in a diary file, by the person."""
    return "" if database.server is None else database.server.login


def _print_cautions(cautions: Sequence[Caution]) -> None:
    """Each caution with its date: information for the person, never a refusal."""
    for caution in cautions:
        print(caution.line)


def _export(database: Database, args: argparse.Namespace) -> int:
    from spasticity_tracker.services.transfer import TransferService

    try:
        written = TransferService(database).export(args.folder, args.person)
    except OSError as error:
        print(f"error: cannot write to {args.folder}: {os_reason(error)}", file=sys.stderr)
        return 1
    for path in written:
        print(path)
    return 0


def _summary(database: Database, args: argparse.Namespace) -> int:
    from spasticity_tracker.services.files import check_target
    from spasticity_tracker.services.summary import SummaryService
    from spasticity_tracker.services.trends import TrendsService

    check_target(args.output)  # a folder or a missing folder: said before any work is done
    people = PeopleService(database)
    person = people.find_person(args.person)
    if person is None or person.id is None:
        names = ", ".join(p.name for p in people.people()) or "nobody yet"
        print(f"error: no person called {args.person!r} (people: {names})", file=sys.stderr)
        return 1
    summaries = SummaryService(database)
    default_first, default_last = summaries.default_period(person.id)
    first = args.first or default_first
    last = args.last or default_last
    figures = summaries.figures(person.id, first, last)  # refuses a reversed or future period
    if figures.days_with_entries == 0:
        print(f"error: {person.name} has no diary entries from {first} to {last}", file=sys.stderr)
        return 1
    # Printing needs Qt; it is imported only for this command.
    from spasticity_tracker.render.summary_pdf import make_summary_pdf, page_size_named

    pages = make_summary_pdf(
        TrendsService(database), figures, args.output, page_size_named(args.paper)
    )
    print(f"Wrote the summary for {person.name}, {first} to {last}, {pages} pages: {args.output}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point for the headless commands alone (the app's main() also comes here)."""
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING)
    if args.command is None:
        build_parser().print_help()
        return 2
    return run_command(args)
