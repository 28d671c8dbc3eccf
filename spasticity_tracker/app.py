"""Composition root: parse arguments, open the data folder, build the services and the window."""

from __future__ import annotations

import gc
import logging
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from spasticity_tracker import cli, paths
from spasticity_tracker.domain.errors import (
    CannotWriteError,
    DataError,
    TrackerError,
    WriteProblem,
)
from spasticity_tracker.presentation.data_folder import (
    RecoveryQuestion,
    damaged_message,
    no_backup_notice,
    open_folder_notice,
    read_only_notice,
    recovery_question,
)
from spasticity_tracker.services.backups import backups_in
from spasticity_tracker.storage.backups import backup_if_changed, restore
from spasticity_tracker.storage.database import BACKUP_DIRNAME, Database
from spasticity_tracker.storage.sqlite_files import quick_check, write_problem

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings

    from spasticity_tracker.lock import DataFolderLock
    from spasticity_tracker.ui.main_window import MainWindow
    from spasticity_tracker.ui.reminders import ReminderCenter

log = logging.getLogger(__name__)

Ask = Callable[[RecoveryQuestion], bool]
Tell = Callable[[str], None]
AskPassword = Callable[[str], str | None]  # why the password is needed -> it, or None


def main(argv: Sequence[str] | None = None) -> int:
    """`spasticity-tracker`: a headless command if one is named, else the main window."""
    # Everything the app writes (database, backups, exports) is personal health data.
    os.umask(0o077)
    args = cli.build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING)
    if args.command is not None:
        collector_after_start()
        return cli.run_command(args)
    if args.smoke:
        collector_after_start()
        return run_smoke()
    return run_gui(args)


def collector_after_start() -> None:
    """The garbage collector back on, where __main__.run held it off for the start.

    What the start made is frozen first (gc.freeze): it lives as long as the app, and later
    full collections no longer walk it all again. The little of it that may become garbage
    in a cycle stays until the app ends.
    """
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def run_smoke() -> int:
    """Open every page and make a summary PDF offscreen on example data; 0 when it all works.

    A frozen build is checked with this: a module left out breaks only the frozen app.
    """
    import tempfile

    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from spasticity_tracker.render.summary_pdf import make_summary_pdf
    from spasticity_tracker.ui.app_state import Services
    from spasticity_tracker.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as folder:
        database = Database.open(paths.database_path(Path(folder)))
        try:
            services = Services.on(database)
            person = services.demo.create_demo_person("Smoke test", years=0.5).value
            assert person.id is not None
            settings = QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat)
            window = MainWindow(services, settings)
            window.show()
            attach_reminders(window, settings).check()  # the tray's modules are in the build
            for page in range(window.tabs.count()):
                window.show_page(page)
                app.processEvents()
            first, last = services.summary.default_period(person.id)
            figures = services.summary.figures(person.id, first, last)
            pdf = Path(folder) / "summary.pdf"
            pages = make_summary_pdf(services.trends, figures, pdf)
            if pages < 1 or pdf.read_bytes()[:5] != b"%PDF-":
                print("smoke test failed: no summary PDF", file=sys.stderr)
                return 1
            window.close()
        finally:
            database.close()
    print(f"smoke test passed: {window.tabs.count()} pages opened, a {pages}-page summary made")
    return 0


def run_gui(args: object) -> int:
    """Open the database and show the main window until it is closed."""
    # Qt is imported here, not at module level, so that headless commands start fast.
    # The window's package before Qt itself: from Qt's first import on, each module's source
    # is read for PySide6's check and not kept (render/pyside_feature.py). SQLAlchemy came
    # before Qt, with this module.
    from spasticity_tracker.ui import style
    from spasticity_tracker.ui.dialogs.recovery import ask_to_restore, tell

    os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from spasticity_tracker import APP_NAME

    app = QApplication.instance() or QApplication(sys.argv[:1])
    QApplication.setApplicationName(APP_NAME)
    QApplication.setOrganizationName("spasticity-tracker")
    QApplication.setDesktopFileName("org.spasticitytracker.SpasticityTracker")
    QApplication.setStyle("Fusion")  # the same look everywhere, and clear focus frames

    # The chosen text size and theme from the first message on (a damaged diary is asked
    # about before the window exists).
    settings = QSettings()
    assert isinstance(app, QApplication)
    style.apply_look(
        app,
        style.clamp_scale_index(settings.value(style.SETTINGS_KEY, style.DEFAULT_SCALE_INDEX)),
        style.theme_from_setting(settings.value(style.THEME_KEY)),
    )

    def tell_and_log(text: str) -> None:
        log.error("%s", text)  # on the terminal too, for whoever started the app from one
        tell(text)

    address = chosen_address(args, settings)
    if address is not None:
        from spasticity_tracker.ui.dialogs.recovery import ask_password

        opened = open_shared_diary(address, ask_password, tell_and_log)
    else:
        folder = paths.data_dir(getattr(args, "data_dir", None))
        opened = open_diary(folder, ask_to_restore, tell_and_log)
    if opened is None:
        return 1
    window = make_window(opened, settings)
    center = attach_reminders(window, settings)
    if not (getattr(args, "in_tray", False) and center.keeps_running):
        window.show()
    # After the first paint: a day's first look at the diary never waits for the reminders,
    # nor for a walk of every object the start made.
    QTimer.singleShot(0, collector_after_start)
    QTimer.singleShot(300, center.start)
    if getattr(args, "benchmark_startup", False):
        # The first paint happens in the first turn of the event loop; then report and quit.
        QTimer.singleShot(0, lambda: (print("shown", flush=True), app.quit()))
    try:
        code = app.exec()
    finally:
        opened.close()
    if window.restart_requested:
        start_again(settings)
    return code


def chosen_address(args: object, settings: QSettings) -> str | None:
    """The shared diary to open: --database, else $SPASTICITY_TRACKER_DATABASE, else the one
    chosen in File > Connect to a shared diary; None for the diary file."""
    from spasticity_tracker.ui.main_window import SHARED_DIARY_KEY

    given = cli.database_url(args)  # type: ignore[arg-type]
    if given is not None:
        return given
    remembered = str(settings.value(SHARED_DIARY_KEY, "") or "").strip()
    return remembered or None


def start_again(settings: QSettings) -> None:
    """Start the app again on the diary chosen in the settings (this process then ends).

    The new process is told the choice itself: a --database or $SPASTICITY_TRACKER_DATABASE
    that this one was started with would win over the setting.
    """
    import subprocess

    from spasticity_tracker.storage.server import DATABASE_ENV
    from spasticity_tracker.ui.main_window import SHARED_DIARY_KEY

    arguments = restart_arguments(sys.argv[1:])
    if getattr(sys, "frozen", False):
        command = [sys.executable, *arguments]
    else:
        command = [sys.executable, "-m", "spasticity_tracker", *arguments]
    environment = dict(os.environ)
    environment[DATABASE_ENV] = str(settings.value(SHARED_DIARY_KEY, "") or "")
    subprocess.Popen(command, env=environment, start_new_session=True)


def restart_arguments(argv: Sequence[str]) -> list[str]:
    """The command line again, without the diary it named and without starting in the tray."""
    kept: list[str] = []
    skip = False
    for argument in argv:
        if skip:
            skip = False
        elif argument == "--database":
            skip = True
        elif not argument.startswith("--database=") and argument != "--in-tray":
            kept.append(argument)
    return kept


def open_shared_diary(address: str, ask_password: AskPassword, tell: Tell) -> Opened | None:
    """Open the shared diary at address for the window; None (the user told why) when it
    cannot be. No lock file and no backups: the server keeps its writers apart and is backed
    up by its administrator."""
    try:
        database = cli.connect(address, ask_password)
    except TrackerError as error:
        tell(str(error))
        return None
    return Opened(database, None)


@dataclass
class Opened:
    """The diary opened at start: its database, the folder's lock, and notices for the window."""

    database: Database
    lock: DataFolderLock | None  # None when read-only: nothing is written, so nothing to guard
    notices: list[str] = field(default_factory=list)

    @property
    def read_only(self) -> WriteProblem | None:
        """Why the diary is open read-only (None when it can be saved)."""
        return self.database.read_only

    def close(self) -> None:
        self.database.close()
        if self.lock is not None:
            self.lock.release()


def open_diary(folder: Path, ask: Ask, tell: Tell) -> Opened | None:
    """Open the diary in folder for the window; None (the user told why) when it cannot be.

    A damaged or empty file is offered its newest good backup. Where nothing can be written
    (a full disk, a read-only folder) the diary opens read-only and a notice says why; a disk
    with room to save but not to back up opens normally, with a notice.
    """
    from spasticity_tracker.lock import DataFolderLock

    path = paths.database_path(folder)
    notices = []
    if (mode := paths.open_to_others(folder)) is not None:
        notices.append(open_folder_notice(folder, mode))
    folder_lock = DataFolderLock(folder)
    lock: DataFolderLock | None = folder_lock
    problem: WriteProblem | None = None
    database: Database | None = None
    try:
        try:
            folder_lock.acquire()
        except CannotWriteError as error:
            lock, problem = None, error.problem
        if not recover_if_damaged(path, ask, tell, cannot_write=problem):
            _release(lock)
            return None
        if problem is None:
            try:
                database = Database.open(path)
            except CannotWriteError as error:
                problem = error.problem
            else:
                missed = _back_up(database)
                if missed is not None:
                    problem = write_problem(folder)  # is there room to save at all?
                    if problem is None:
                        notices.append(no_backup_notice(missed))
                    else:
                        database.close()
        if problem is not None:
            _release(lock)
            lock = None
            database = Database.open(path, read_only=problem)
            notices.insert(0, read_only_notice(problem, folder))
    except TrackerError as error:
        if database is not None:
            database.close()
        _release(lock)
        tell(str(error))
        return None
    assert database is not None
    for notice in notices:
        log.warning("%s", notice)
    return Opened(database, lock, notices)


def _release(lock: DataFolderLock | None) -> None:
    if lock is not None:
        lock.release()


def _back_up(database: Database) -> str | None:
    """Make the start-up backup; None when made (or not needed), else why it was not."""
    try:
        backup_if_changed(database)
    except CannotWriteError as error:
        log.warning("no backup at start: %s", error)
        return error.problem.value
    except DataError as error:
        log.warning("no backup at start: %s", error)
        return str(error)
    return None


def make_window(opened: Opened, settings: QSettings) -> MainWindow:
    """The main window on the opened diary, with its notices shown above every page."""
    from spasticity_tracker.ui.app_state import Services
    from spasticity_tracker.ui.main_window import MainWindow

    window = MainWindow(Services.on(opened.database), settings)
    if opened.notices or opened.read_only is not None:  # else the window's own stays
        window.show_notice("\n".join(opened.notices), read_only=opened.read_only is not None)
    return window


def attach_reminders(window: MainWindow, settings: QSettings) -> ReminderCenter:
    """Reminders from the tray for the window's diary, with the start at login of this user."""
    from spasticity_tracker.autostart import Autostart
    from spasticity_tracker.ui.reminders import ReminderCenter

    center = ReminderCenter(window.services, window.state, settings, window.enterer_for, window)
    window.attach_reminders(center, Autostart())
    return center


def recover_if_damaged(
    path: Path, ask: Ask, tell: Tell, *, cannot_write: WriteProblem | None = None
) -> bool:
    """Check the diary file at start; if it is damaged or empty, offer the newest good backup.

    Returns whether the app may go on. The damaged file is kept aside under a dated name,
    never deleted; with no good backup (or no way to write one in its place) the user is told
    what is wrong, where the file is, and what to do, and the file is left as it is.
    """
    if not path.exists():
        return True
    problem = quick_check(path)
    if problem is None:
        return True
    log.warning("the diary file failed its quick check: %s", problem)
    backups = backups_in(path.parent / BACKUP_DIRNAME, check=True)
    offered = next((backup for backup in backups if backup.is_good), None)
    if offered is None or cannot_write is not None:
        tell(damaged_message(path, problem, backups, cannot_write))
        return False
    if not ask(recovery_question(path, problem, offered, backups)):
        return False
    try:
        restore(offered.path, path, label="damaged")
    except TrackerError as error:
        tell(f"The backup could not be restored: {error} The diary file has not been changed.")
        return False
    return True
