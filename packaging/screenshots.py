"""Regenerate the README screenshots from example data: `uv run python packaging/screenshots.py`.

The window is rendered offscreen at a fixed size with a fixed random seed, so the pictures
change only when the app does.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from datetime import time, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

from PySide6.QtCore import QSettings
from PySide6.QtGui import QFont, QPageSize
from PySide6.QtWidgets import QApplication

from spasticity_tracker.domain.entities import (
    Medicine,
    MedicineId,
    Person,
    PumpRefill,
    Regimen,
    ScheduledDose,
)
from spasticity_tracker.domain.ingredients import Ingredient
from spasticity_tracker.domain.scales import Form
from spasticity_tracker.render.summary_pdf import make_summary_pdf
from spasticity_tracker.storage.database import Database
from spasticity_tracker.ui import style
from spasticity_tracker.ui.app_state import Services
from spasticity_tracker.ui.dialogs.import_dialog import ImportDialog
from spasticity_tracker.ui.dialogs.medicine_dialog import MedicineDialog
from spasticity_tracker.ui.main_window import MainWindow

SIZE = (1240, 860)
LAPTOP = (1280, 720 - 40)  # a 1280x720 laptop's screen, less the window's title bar
DESKTOP_POINT_SIZE = 11.0  # a common desktop text size (GNOME's); offscreen Qt has 9 pt
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


RISKY_DIARY = """date,time,stiffness,baclofen_mg
2026-06-01,20:00,5,60
2026-06-02,20:00,5,120
2026-06-03,20:00,6,0
"""


def settle(app: QApplication) -> None:
    for _ in range(3):
        app.processEvents()


def safety_shots(app: QApplication, folder: Path, out: Path) -> None:
    """The add-medicine dialog by ingredient, an import preview with cautions, a pump banner."""
    database = Database.open(folder / "safety" / "diary.sqlite3")
    services = Services.on(database)
    person = services.people.add_person(Person(name="Sam Patel")).value
    assert person.id is not None
    today = services.medicines.today()
    services.medicines.add_medicine(
        Medicine(person_id=person.id, name="Baclofen", ingredient=Ingredient.BACLOFEN),
        Regimen(
            medicine_id=MedicineId(0),
            start_date=today - timedelta(days=60),
            doses=tuple(ScheduledDose(time_of_day=time(h), amount=15.0) for h in (8, 14, 20)),
        ),
    )
    pump = services.medicines.add_medicine(
        Medicine(
            person_id=person.id,
            name="Baclofen pump",
            ingredient=Ingredient.BACLOFEN,
            form=Form.INTRATHECAL_PUMP,
        ),
        Regimen(
            medicine_id=MedicineId(0), start_date=today - timedelta(days=30), rate_per_day=250.0
        ),
    ).value
    assert pump.id is not None
    services.medicines.record_refill(
        PumpRefill(
            medicine_id=pump.id,
            refill_date=today - timedelta(days=88),
            next_due=today + timedelta(days=2),
        )
    )
    settings = QSettings(str(folder / "safety.ini"), QSettings.Format.IniFormat)
    window = MainWindow(services, settings)
    window.resize(*SIZE)
    window.show()
    window.show_page(0)
    settle(app)
    window.grab().save(str(out / "pump-urgent-banner.png"))
    print(out / "pump-urgent-banner.png")

    dialog = window.add_medicine()  # opened as File > Add a medicine opens it
    assert isinstance(dialog, MedicineDialog)
    dialog.name.setEditText("Lyflex")
    for row in dialog.editor.rows:
        row.amount.setValue(15.0)
    settle(app)
    dialog.grab().save(str(out / "add-medicine-ingredient.png"))
    print(out / "add-medicine-ingredient.png")
    dialog.reject()

    source = folder / "risky-diary.csv"
    source.write_text(RISKY_DIARY, encoding="utf-8")
    importing = ImportDialog(services.transfer, "Jo Smith", "", window)
    importing.resize(760, 560)
    importing.load(source)
    importing.show()
    settle(app)
    importing.grab().save(str(out / "import-preview-cautions.png"))
    print(out / "import-preview-cautions.png")
    importing.reject()
    window.close()
    database.close()


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    QApplication.setStyle("Fusion")
    font = QFont(app.font())
    font.setPointSizeF(DESKTOP_POINT_SIZE)
    app.setFont(font)  # read as the system's size when the window first sets its text size
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
        # A small laptop with the largest text, in each theme.
        window.resize(*LAPTOP)
        for _ in range(LARGEST_STEPS):
            window.larger_text()
        for theme in style.THEMES:
            window.choose_theme(theme)
            suffix = "" if theme is style.STANDARD else "-" + theme.key.replace("_", "-")
            shoot(f"today-largest-text{suffix}.png", 0)
            shoot(f"history-largest-text{suffix}.png", 1)
            shoot(f"trends-largest-text{suffix}.png", 3)
        window.choose_theme(style.STANDARD)
        window.normal_text()
        window.close()
        summary_page_image(services, out)
        database.close()
        safety_shots(app, Path(folder), out)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/screenshots"))
