"""The command line: one argparse parser for the app and its headless commands."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from spasticity_tracker import APP_NAME, __version__, paths
from spasticity_tracker.domain.errors import TrackerError
from spasticity_tracker.services.demo import DemoService
from spasticity_tracker.storage.database import Database

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
        "-v", "--verbose", action="store_true", help="log more detail to the terminal"
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
    return parser


def open_database(data_dir: str | None) -> Database:
    """Open (creating and upgrading if needed) the database in the chosen data folder."""
    return Database.open(paths.database_path(paths.data_dir(data_dir)))


def run_command(args: argparse.Namespace) -> int:
    """Run a headless command; errors are printed plainly, with exit status 1."""
    try:
        database = open_database(args.data_dir)
    except TrackerError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    try:
        if args.command == "demo":
            return _demo(database, args)
        raise AssertionError(f"unknown command {args.command}")
    except TrackerError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    finally:
        database.close()


def _demo(database: Database, args: argparse.Namespace) -> int:
    person = DemoService(database).create_demo_person(args.person, args.years, args.seed).value
    print(
        f"Created example person {person.name!r} with {args.years:g} years of diary in "
        f"{Path(database.path).parent}"
    )
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point for the headless commands alone (the app's main() also comes here)."""
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING)
    if args.command is None:
        build_parser().print_help()
        return 2
    return run_command(args)
