"""Measure start-up, saving, trends, the summary, import and memory on 1 and 10 years of data.

Run with `uv run python -m benchmarks`. Each figure is the median of several runs on this
machine; the table says whether it meets its target. Nothing here passes or fails CI.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

from spasticity_tracker import paths
from spasticity_tracker.domain.entities import PersonId, SymptomEntry
from spasticity_tracker.services.demo import DemoService
from spasticity_tracker.services.diary import DiaryService
from spasticity_tracker.services.summary import SummaryService
from spasticity_tracker.services.transfer import TransferService
from spasticity_tracker.services.trends import TrendsService
from spasticity_tracker.storage.database import Database

PERSON = "Benchmark"
BASELINE = """
import os, sys
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
import pyqtgraph
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.show()
QTimer.singleShot(0, lambda: (print("shown", flush=True), app.quit()))
app.exec()
"""
MEMORY = """
import os, sys
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from pathlib import Path
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from spasticity_tracker.storage.database import Database
from spasticity_tracker.ui.app_state import Services
from spasticity_tracker.ui.main_window import MainWindow
app = QApplication(sys.argv[:1])
database = Database.open(Path(sys.argv[1]))
window = MainWindow(Services.on(database), QSettings(sys.argv[2], QSettings.Format.IniFormat))
window.resize(1240, 860)
window.show()
for page in range(window.tabs.count()):
    window.show_page(page)
    app.processEvents()
window.history.preset.setCurrentIndex(4)  # everything
app.processEvents()
# VmHWM, the peak of this process's own memory: ru_maxrss would carry over the high-water
# mark of the (larger) harness process that started it, kept across exec on Linux.
status = open("/proc/self/status").read()
print(int(status.split("VmHWM:")[1].split()[0]) // 1024)
"""


def median_ms(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


# An installed app has its bytecode compiled; a shell that forbids writing it would make every
# start compile all of Qt's Python glue, pyqtgraph and numpy again. The warm-up runs write it.
ENVIRONMENT = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def until_shown(command: list[str]) -> float:
    """Milliseconds from starting a process to its "shown" line."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=ENVIRONMENT)
    assert process.stdout is not None
    for line in process.stdout:
        if line.strip() == "shown":
            elapsed = (time.perf_counter() - start) * 1000
            process.wait(timeout=60)
            return elapsed
    raise RuntimeError(f"{command} never showed its window")


def make_diary(folder: Path, years: float) -> Database:
    database = Database.open(paths.database_path(folder))
    DemoService(database).create_demo_person(PERSON, years=years, seed=3)
    return database


def measure(folder: Path, years: float) -> dict[str, float]:
    """Every figure for a diary of `years` years in `folder`."""
    results: dict[str, float] = {}
    database = make_diary(folder, years)
    settings = str(folder / "settings.ini")
    # Start-up: the app's own window (after one start that makes the at-start backup).
    app = [
        sys.executable,
        "-m",
        "spasticity_tracker",
        "--data-dir",
        str(folder),
        "--benchmark-startup",
    ]
    baseline = [sys.executable, "-c", BASELINE]
    until_shown(app)  # warm-up: the at-start backup, and the bytecode
    until_shown(baseline)
    results["start"] = statistics.median(until_shown(app) for _ in range(5))
    results["baseline"] = statistics.median(until_shown(baseline) for _ in range(5))

    person_id = database_person(database)
    results.update(time_diary(database, person_id, settings, years))

    exported = TransferService(database).export(folder / "export", PERSON)
    csv_file = next(p for p in exported if p.suffix == ".csv")
    rows = csv_file.read_text(encoding="utf-8").count("\n") - 1
    results["import-rows"] = rows

    def import_fresh() -> None:
        with tempfile.TemporaryDirectory() as scratch:
            fresh = Database.open(paths.database_path(Path(scratch)))
            TransferService(fresh).import_csv(csv_file.read_bytes(), PERSON)
            fresh.close()

    results["import"] = median_ms(import_fresh, 3)
    database.close()
    memory = subprocess.run(
        [sys.executable, "-c", MEMORY, str(paths.database_path(folder)), settings],
        capture_output=True,
        text=True,
        check=True,
    )
    results["memory"] = float(memory.stdout.strip().splitlines()[-1])
    return results


def time_diary(
    database: Database, person_id: PersonId, settings: str, years: float
) -> dict[str, float]:
    """Saving, the Trends page and the summary, on a diary file or a shared diary alike."""
    results: dict[str, float] = {}
    diary = DiaryService(database)
    moments = iter(datetime.now(UTC) - timedelta(minutes=n) for n in range(1000))
    results["save"] = median_ms(
        lambda: diary.log_entry(
            SymptomEntry(person_id=person_id, recorded_at=next(moments), stiffness=5)
        ),
        30,
    )

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from spasticity_tracker.ui.app_state import Services
    from spasticity_tracker.ui.main_window import MainWindow

    qt = QApplication.instance() or QApplication(sys.argv[:1])
    services = Services.on(database)
    window = MainWindow(services, QSettings(settings, QSettings.Format.IniFormat))
    window.resize(1240, 860)
    window.show()
    qt.processEvents()

    def first_draw() -> None:
        window.trends.reload()
        window.show_page(3)
        qt.processEvents()

    results["trends-first"] = median_ms(first_draw, 3)
    presets = iter([0, 3, 1, 2, 5] * 4)

    def switch() -> None:
        window.trends.preset.setCurrentIndex(next(presets))
        qt.processEvents()

    results["trends-switch"] = median_ms(switch, 15)

    def switch_to_all_and_back() -> None:
        window.trends.preset.setCurrentIndex(0)
        qt.processEvents()
        window.trends.preset.setCurrentIndex(5)
        qt.processEvents()

    results["trends-switch-all"] = median_ms(switch_to_all_and_back, 5) / 2
    window.close()
    if window.notices is not None:
        window.notices.close()

    from spasticity_tracker.render.summary_pdf import make_summary_pdf

    summaries = SummaryService(database)
    trends = TrendsService(database)
    today = summaries.today()
    folder = Path(settings).parent
    for key, days in (("summary-3m", 91), ("summary-all", int(years * 366))):
        target = folder / f"{key}.pdf"

        def summary(days: int = days, target: Path = target) -> None:
            figures = summaries.figures(person_id, today - timedelta(days=days - 1), today)
            make_summary_pdf(trends, figures, target)

        results[key] = median_ms(summary, 3)
    return results


SERVER_ROWS = ("save", "trends-first", "trends-switch", "summary-3m", "summary-all")


def measure_server(years: float) -> dict[str, float] | None:
    """Saving, Trends and the summary on a shared diary: a real PostgreSQL cluster on a Unix
    socket in a temporary folder (tests/server.py), or the one named by
    SPASTICITY_TRACKER_TEST_SERVER. None where no PostgreSQL server programs are installed."""
    from tests import server as test_server

    try:
        test_server.bin_dir()
    except RuntimeError as missing:
        print(f"Not measured on PostgreSQL: {missing}")
        return None
    given = os.environ.get(test_server.SERVER_ENV)
    with tempfile.TemporaryDirectory() as scratch:
        cluster = Path(given) if given else Path(tempfile.mkdtemp(prefix="st-pg-"))
        if not given:
            test_server.start(cluster)
        try:
            name = test_server.new_diary(cluster)
            database = Database.connect(test_server.url(cluster, name, test_server.OWNER))
            try:
                DemoService(database).create_demo_person(PERSON, years=years, seed=3)
                person_id = database_person(database)
                return time_diary(database, person_id, str(Path(scratch) / "settings.ini"), years)
            finally:
                database.close()
                test_server.drop_diary(cluster, name)
        finally:
            if not given:
                test_server.stop(cluster)
                shutil.rmtree(cluster, ignore_errors=True)


WIDE_COLUMNS = 200_000
WIDE_TARGET_MS = 1000.0


def wide_header_ms() -> float:
    """Read a spreadsheet whose header names 200,000 columns (each is checked for repeats)."""
    from spasticity_tracker.domain.diary_csv import read_diary_csv

    columns = ",".join(f"c{index}" for index in range(WIDE_COLUMNS))
    data = f"date,stiffness,{columns}\n2025-01-01,5\n".encode()
    return median_ms(lambda: read_diary_csv(data), 3)


def database_person(database: Database) -> PersonId:
    with database.unit_of_work() as uow:
        found = uow.people.find_by_name(PERSON)
    assert found is not None
    assert found.id is not None
    return found.id


ROWS = (
    # key, label, unit, target, how the target reads
    ("start", "cold start to the main window shown", "ms", 1500.0, "at most 1.5 s"),
    ("save", "save one entry through the service", "ms", 30.0, "at most 30 ms"),
    ("trends-first", "Trends page, first draw", "ms", 300.0, "at most 300 ms"),
    ("trends-switch", "Trends page, switching range", "ms", 50.0, "at most 50 ms"),
    ("trends-switch-all", "Trends page, switching to All", "ms", 50.0, "at most 50 ms"),
    ("summary-3m", "summary PDF, 3 months", "ms", 1500.0, "at most 1.5 s"),
    ("summary-all", "summary PDF, the whole diary", "ms", 3000.0, "at most 3 s"),
    ("import", "import the diary CSV", "ms", 2000.0, "at most 2 s"),
    ("memory", "peak memory, every page opened", "MB", 250.0, "at most 250 MB"),
)


def main() -> None:
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as one_dir, tempfile.TemporaryDirectory() as ten_dir:
        print("Measuring 1 year of diary...", flush=True)
        one = measure(Path(one_dir), 1)
        print("Measuring 10 years of diary...", flush=True)
        ten = measure(Path(ten_dir), 10)
    ratio = ten["start"] / ten["baseline"]
    print()
    print(f"{'figure':<40} {'1 year':>10} {'10 years':>10}  {'target':<22} meets")
    for key, label, unit, target, reads in ROWS:
        meets = ten[key] <= target
        if key == "start":
            meets = meets and ratio <= 1.6
            reads += f" and 1.6x baseline ({ratio:.2f}x)"
        print(
            f"{label:<40} {one[key]:>7.0f} {unit:<2} {ten[key]:>7.0f} {unit:<2}  "
            f"{reads:<22} {'yes' if meets else 'NO'}"
        )
    print(
        f"{'bare PySide6 + pyqtgraph window':<40} {one['baseline']:>7.0f} ms "
        f"{ten['baseline']:>7.0f} ms  (the baseline)"
    )
    print("Measuring 1 and 10 years of a shared diary on PostgreSQL...", flush=True)
    shared = {years: measure_server(years) for years in (1, 10)}
    for key in SERVER_ROWS:
        label = next(row[1] for row in ROWS if row[0] == key) + ", PostgreSQL"
        one_server, ten_server = shared[1], shared[10]
        if one_server is None or ten_server is None:
            break
        print(f"{label:<40} {one_server[key]:>7.0f} ms {ten_server[key]:>7.0f} ms")
    wide = wide_header_ms()
    print(
        f"{'a header of 200,000 columns':<40} {wide:>7.0f} ms {'':>10}  "
        f"{'at most 1 s':<22} {'yes' if wide <= WIDE_TARGET_MS else 'NO'}"
    )
    print(f"\nImport: {one['import-rows']:.0f} and {ten['import-rows']:.0f} rows.")
    print(f"The harness took {time.perf_counter() - started:.0f} s.")


if __name__ == "__main__":
    main()
