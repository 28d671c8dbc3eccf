"""Regenerate the README screenshots from example data: `uv run python packaging/screenshots.py`.

The window is rendered offscreen at a fixed size with a fixed random seed, so the pictures
change only when the app does.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

from PySide6.QtCore import QSettings
from PySide6.QtGui import QPageSize
from PySide6.QtWidgets import QApplication

from spasticity_tracker.storage.database import Database
from spasticity_tracker.ui.app_state import Services
from spasticity_tracker.ui.main_window import MainWindow
from spasticity_tracker.ui.summary_printer import make_summary_pdf

SIZE = (1240, 860)
LARGEST_STEPS = 5  # from the normal size to the largest


def summary_page_image(services: Services, out: Path) -> None:
    """Page 1 of the clinic summary for the last 6 months, as a PNG (needs pdftoppm)."""
    [person] = services.people.people()
    assert person.id is not None
    last = services.summary.today()
    figures = services.summary.figures(person.id, last - timedelta(days=182), last)
    with tempfile.TemporaryDirectory() as folder:
        pdf = Path(folder) / "summary.pdf"
        make_summary_pdf(services.trends, figures, pdf, QPageSize.PageSizeId.A4)
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "90",
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
                str(pdf),
                str(out / "summary-page-1"),
            ],
            check=True,
        )
    print(out / "summary-page-1.png")


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    QApplication.setStyle("Fusion")
    with tempfile.TemporaryDirectory() as folder:
        database = Database.open(Path(folder) / "diary.sqlite3")
        empty = MainWindow(
            Services.on(database),
            QSettings(str(Path(folder) / "welcome.ini"), QSettings.Format.IniFormat),
        )
        empty.resize(*SIZE)
        empty.show()
        for _ in range(3):
            app.processEvents()
        empty.grab().save(str(out / "welcome.png"))  # the first day: nobody yet
        empty.close()
        services = Services.on(database)
        person = services.demo.create_demo_person("Alex Morgan", years=1.0, seed=7).value
        assert person.id is not None
        services.summary.save_questions(
            person.id, "Could the drowsiness be from the higher evening dose?"
        )
        settings = QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(services, settings)
        window.resize(*SIZE)
        window.show()

        def shoot(name: str, page: int) -> None:
            window.show_page(page)
            for _ in range(3):
                app.processEvents()
            window.grab().save(str(out / name))
            print(out / name)

        shoot("today.png", 0)
        shoot("history.png", 1)
        shoot("medicines.png", 2)
        shoot("trends.png", 3)
        shoot("summary.png", 4)
        for _ in range(LARGEST_STEPS):
            window.larger_text()
        shoot("today-largest-text.png", 0)
        shoot("history-largest-text.png", 1)
        window.normal_text()
        window.close()
        summary_page_image(services, out)
        database.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/screenshots"))
