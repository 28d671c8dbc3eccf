"""Composition root: parse arguments, open the data folder, build the services and the window."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from spasticity_tracker import cli, paths
from spasticity_tracker.storage.backups import backup_if_changed, newest_good_backup, restore
from spasticity_tracker.storage.database import BACKUP_DIRNAME, Database
from spasticity_tracker.storage.sqlite_files import quick_check, set_aside

log = logging.getLogger(__name__)


def main(argv: Sequence[str] | None = None) -> int:
    """`spasticity-tracker`: a headless command if one is named, else the main window."""
    # Everything the app writes (database, backups, exports) is personal health data.
    os.umask(0o077)
    args = cli.build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING)
    if args.command is not None:
        return cli.run_command(args)
    if args.smoke:
        return run_smoke()
    return run_gui(args)


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
    os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from spasticity_tracker import APP_NAME
    from spasticity_tracker.domain.errors import TrackerError
    from spasticity_tracker.ui.app_state import Services
    from spasticity_tracker.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    QApplication.setApplicationName(APP_NAME)
    QApplication.setOrganizationName("spasticity-tracker")
    QApplication.setDesktopFileName("org.spasticitytracker.SpasticityTracker")
    QApplication.setStyle("Fusion")  # the same look everywhere, and clear focus frames
    from spasticity_tracker.lock import DataFolderLock
    from spasticity_tracker.ui.dialogs.recovery import ask_to_restore, tell

    folder = paths.data_dir(getattr(args, "data_dir", None))
    lock = DataFolderLock(folder)
    try:
        lock.acquire()
    except TrackerError as error:
        tell(str(error))
        return 1
    try:
        if not recover_if_damaged(paths.database_path(folder), ask_to_restore):
            return 1
        database = Database.open(paths.database_path(folder))
        backup_if_changed(database)
    except TrackerError as error:
        lock.release()
        tell(str(error))
        return 1
    services = Services.on(database)
    window = MainWindow(services, QSettings())
    window.show()
    if getattr(args, "benchmark_startup", False):
        from PySide6.QtCore import QTimer

        # The first paint happens in the first turn of the event loop; then report and quit.
        QTimer.singleShot(0, lambda: (print("shown", flush=True), app.quit()))
    try:
        return app.exec()
    finally:
        database.close()
        lock.release()


def recover_if_damaged(path: Path, ask: Callable[[str, str | None, str], bool]) -> bool:
    """Check the diary file at start; if it is damaged, offer the newest good backup.

    Returns whether the app may go on. The damaged file is set aside, never deleted.
    """
    if not path.exists():
        return True
    problem = quick_check(path)
    if problem is None:
        return True
    log.warning("the diary file failed its quick check")
    backup = newest_good_backup(path.parent / BACKUP_DIRNAME)
    when = None if backup is None else f"{backup.taken_at.astimezone():%d %b %Y %H:%M}"
    if backup is None or not ask(problem, when, str(path.parent)):
        return False
    set_aside(path, "damaged")
    restore(backup.path, path)
    return True
