"""Measure start-up, saving, Trends, the summary, import and memory on 1 and 10 years of data.

Run with `uv run python -m benchmarks`. The machine is shared and noisy, so a figure that has a
bare-Qt anchor is measured beside it in one run, alternately (app, anchor, app, anchor, ...),
and reported as the ratio of the two medians: start-up against a bare PySide6 + pyqtgraph
window, peak memory against the same window with a plot, the Trends first draw against a bare
pyqtgraph plot of the same number of days. The other figures are medians in milliseconds.

`--json FILE` writes the table for comparison between commits; `--compare OLD.json` prints
each figure beside the one in OLD.json. Nothing here passes or fails CI: CI runs it once on
the 1-year diary, only to prove it still runs.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass
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
BARE_WINDOW = """
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
# The memory anchor: the bare window with one plot of as many days as the diary, drawn.
BARE_MEMORY = """
import os, sys
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
import numpy
import pyqtgraph
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
plot = pyqtgraph.PlotWidget()
days = int(sys.argv[1])
plot.plot(numpy.arange(days, dtype=float), numpy.random.default_rng(1).random(days) * 10)
window.setCentralWidget(plot)
window.resize(1240, 860)
window.show()
app.processEvents()
status = open("/proc/self/status").read()
print(int(status.split("VmHWM:")[1].split()[0]) // 1024)
"""
MEMORY = """
import os, sys
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from pathlib import Path
# In the order `python -m spasticity_tracker` imports them: the app's modules (SQLAlchemy among
# them) before Qt, the window through the composition root.
from spasticity_tracker.app import Opened, make_window
from spasticity_tracker.storage.database import Database
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
database = Database.open(Path(sys.argv[1]))
window = make_window(
    Opened(database, None), QSettings(sys.argv[2], QSettings.Format.IniFormat)
)
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


@dataclass
class Figure:
    """One measured figure: the app's median, and its anchor's where one applies."""

    value: float
    unit: str = "ms"
    anchor: float | None = None

    @property
    def ratio(self) -> float | None:
        return None if self.anchor is None else self.value / self.anchor


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    target: float  # at most this value (or this ratio to the anchor, with by_ratio)
    reads: str
    by_ratio: bool = False


ROWS = (
    Row("start", "cold start to the main window shown", 1.3, "at most 1.3x the bare window", True),
    Row("save", "save one entry through the service", 5.0, "at most 5 ms"),
    Row("trends-first", "Trends page, first draw", 120.0, "at most 120 ms"),
    Row("trends-switch", "Trends page, switching range", 20.0, "at most 20 ms"),
    Row("trends-switch-all", "Trends page, switching to All", 20.0, "at most 20 ms"),
    Row("summary-3m", "summary PDF, 3 months", 600.0, "at most 0.6 s"),
    Row("summary-all", "summary PDF, the whole diary", 600.0, "at most 0.6 s"),
    Row("import", "import the diary CSV", 500.0, "at most 0.5 s"),
    Row("memory", "peak memory, every page opened", 1.5, "at most 1.5x the bare window", True),
)
SERVER_ROWS = ("save", "trends-first", "trends-switch", "summary-3m", "summary-all")


def median_ms(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def alternately(
    app: Callable[[], float], anchor: Callable[[], float], runs: int, unit: str = "ms"
) -> Figure:
    """Both measured in turn, app then anchor, `runs` times; the medians of each."""
    mine, theirs = [], []
    for _ in range(runs):
        mine.append(app())
        theirs.append(anchor())
    return Figure(statistics.median(mine), unit, statistics.median(theirs))


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


def peak_mb(command: list[str]) -> float:
    done = subprocess.run(command, capture_output=True, text=True, check=True, env=ENVIRONMENT)
    return float(done.stdout.strip().splitlines()[-1])


def make_diary(folder: Path, years: float) -> Database:
    database = Database.open(paths.database_path(folder))
    DemoService(database).create_demo_person(PERSON, years=years, seed=3)
    return database


def measure(folder: Path, years: float, runs: int) -> dict[str, Figure]:
    """Every figure for a diary of `years` years in `folder`."""
    results: dict[str, Figure] = {}
    database = make_diary(folder, years)
    settings = str(folder / "settings.ini")
    days = int(years * 365)
    # Start-up: the app's own window (after one start that makes the at-start backup).
    app = [
        sys.executable,
        "-m",
        "spasticity_tracker",
        "--data-dir",
        str(folder),
        "--benchmark-startup",
    ]
    bare = [sys.executable, "-c", BARE_WINDOW]
    until_shown(app)  # warm-up: the at-start backup, and the bytecode
    until_shown(bare)
    results["start"] = alternately(lambda: until_shown(app), lambda: until_shown(bare), runs)

    person_id = database_person(database)
    results.update(time_diary(database, person_id, settings, years, runs))

    exported = TransferService(database).export(folder / "export", PERSON)
    csv_file = next(p for p in exported if p.suffix == ".csv")
    rows = csv_file.read_text(encoding="utf-8").count("\n") - 1
    results["import-rows"] = Figure(rows, "rows")

    data = csv_file.read_bytes()

    def import_fresh() -> float:
        """The import alone, into a new diary made beforehand (its making is not timed)."""
        with tempfile.TemporaryDirectory() as scratch:
            fresh = Database.open(paths.database_path(Path(scratch)))
            start = time.perf_counter()
            TransferService(fresh).import_csv(data, PERSON)
            elapsed = (time.perf_counter() - start) * 1000
            fresh.close()
        return elapsed

    results["import"] = Figure(statistics.median(import_fresh() for _ in range(max(3, runs))))
    database.close()
    memory = [sys.executable, "-c", MEMORY, str(paths.database_path(folder)), settings]
    results["memory"] = alternately(
        lambda: peak_mb(memory),
        lambda: peak_mb([sys.executable, "-c", BARE_MEMORY, str(days)]),
        max(1, runs // 2),
        "MB",
    )
    return results


def time_diary(
    database: Database, person_id: PersonId, settings: str, years: float, runs: int
) -> dict[str, Figure]:
    """Saving, the Trends page and the summary, on a diary file or a shared diary alike."""
    results: dict[str, Figure] = {}
    diary = DiaryService(database)
    moments = iter(datetime.now(UTC) - timedelta(minutes=n) for n in range(10_000))
    results["save"] = Figure(
        median_ms(
            lambda: diary.log_entry(
                SymptomEntry(person_id=person_id, recorded_at=next(moments), stiffness=5)
            ),
            30,
        )
    )

    import numpy
    import pyqtgraph
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication, QMainWindow

    from spasticity_tracker.ui.app_state import Services
    from spasticity_tracker.ui.main_window import MainWindow

    qt = QApplication.instance() or QApplication(sys.argv[:1])
    services = Services.on(database)
    window = MainWindow(services, QSettings(settings, QSettings.Format.IniFormat))
    window.resize(1240, 860)
    window.show()
    qt.processEvents()
    days = int(years * 365)

    def first_draw() -> float:
        start = time.perf_counter()
        window.trends.reload()
        window.show_page(3)
        qt.processEvents()
        elapsed = (time.perf_counter() - start) * 1000
        window.show_page(0)
        qt.processEvents()
        return elapsed

    bare_window = QMainWindow()
    bare_window.resize(1240, 860)

    def bare_plot() -> float:
        start = time.perf_counter()
        plot = pyqtgraph.PlotWidget()
        plot.plot(numpy.arange(days, dtype=float), numpy.random.default_rng(1).random(days) * 10)
        bare_window.setCentralWidget(plot)
        bare_window.show()
        qt.processEvents()
        elapsed = (time.perf_counter() - start) * 1000
        bare_window.hide()
        return elapsed

    results["trends-first"] = alternately(first_draw, bare_plot, max(3, runs))
    window.show_page(3)
    qt.processEvents()
    presets = iter([0, 3, 1, 2, 5] * 40)

    def switch() -> None:
        window.trends.preset.setCurrentIndex(next(presets))
        qt.processEvents()

    results["trends-switch"] = Figure(median_ms(switch, 15))

    def switch_to_all_and_back() -> None:
        window.trends.preset.setCurrentIndex(0)
        qt.processEvents()
        window.trends.preset.setCurrentIndex(5)
        qt.processEvents()

    results["trends-switch-all"] = Figure(median_ms(switch_to_all_and_back, 5) / 2)
    window.close()
    if window.notices is not None:
        window.notices.close()

    from spasticity_tracker.render.summary_pdf import make_summary_pdf

    summaries = SummaryService(database)
    trends = TrendsService(database)
    today = summaries.today()
    folder = Path(settings).parent
    for key, span in (("summary-3m", 91), ("summary-all", int(years * 366))):
        target = folder / f"{key}.pdf"

        def summary(span: int = span, target: Path = target) -> None:
            figures = summaries.figures(person_id, today - timedelta(days=span - 1), today)
            make_summary_pdf(trends, figures, target)

        results[key] = Figure(median_ms(summary, 5))
    return results


def measure_server(years: float, runs: int) -> dict[str, Figure] | None:
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
                settings = str(Path(scratch) / "settings.ini")
                return time_diary(database, person_id, settings, years, runs)
            finally:
                database.close()
                test_server.drop_diary(cluster, name)
        finally:
            if not given:
                test_server.stop(cluster)
                shutil.rmtree(cluster, ignore_errors=True)


WIDE_COLUMNS = 200_000


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


# -- the table ---------------------------------------------------------------------------------


def shown(figure: Figure | None) -> str:
    """A figure as the table shows it: the value, and its ratio to the anchor."""
    if figure is None:
        return "-"
    text = f"{figure.value:,.0f} {figure.unit}"
    if figure.ratio is not None:
        text += f" ({figure.ratio:.2f}x)"
    return text


def meets(row: Row, figure: Figure) -> bool:
    measured = figure.ratio if row.by_ratio else figure.value
    return measured is not None and measured <= row.target


def table(results: dict[str, dict[str, Figure]]) -> Iterator[str]:
    """The table as lines: a column for each diary, the target, and whether the largest meets
    it."""
    columns = list(results)
    yield f"{'figure':<40}" + "".join(f"{c:>22}" for c in columns) + "  target"
    for row in ROWS:
        figures = [results[c].get(row.key) for c in columns]
        last = figures[-1]
        verdict = "" if last is None else ("  yes" if meets(row, last) else "  NO")
        yield (
            f"{row.label:<40}"
            + "".join(f"{shown(f):>22}" for f in figures)
            + f"  {row.reads}{verdict}"
        )
    anchors = [results[c].get("start") for c in columns]
    yield f"{'  bare window start (the anchor)':<40}" + "".join(
        f"{'-' if a is None or a.anchor is None else f'{a.anchor:,.0f} ms':>22}" for a in anchors
    )
    for key in SERVER_ROWS:
        server_columns = [c for c in columns if f"{key}@postgresql" in results[c]]
        if not server_columns:
            continue
        label = next(row.label for row in ROWS if row.key == key) + ", PostgreSQL"
        yield f"{label:<40}" + "".join(
            f"{shown(results[c].get(key + '@postgresql')):>22}" for c in columns
        )


def compared(new: dict[str, dict[str, Figure]], old: dict[str, dict[str, Figure]]) -> Iterator[str]:
    """Each figure beside the same one in an older run: by ratio where both have an anchor."""
    yield f"{'figure':<46} {'before':>17} {'now':>17} {'change':>8}"
    for column, figures in new.items():
        for key, figure in figures.items():
            before = old.get(column, {}).get(key)
            if before is None:
                continue
            if figure.ratio is not None and before.ratio is not None:
                was, now, unit = before.ratio, figure.ratio, " x"
            else:
                was, now, unit = before.value, figure.value, f" {figure.unit}"
            change = "" if was == 0 else f"{(now - was) / was * 100:+.0f}%"
            name = f"{column} {key}"
            yield f"{name:<46} {was:>14.2f}{unit:<3} {now:>14.2f}{unit:<3} {change:>8}"


def to_json(results: dict[str, dict[str, Figure]]) -> dict[str, object]:
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False
    ).stdout.strip()
    return {
        "commit": commit or None,
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": (
            f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
        ),
        "results": {
            column: {key: asdict(figure) for key, figure in figures.items()}
            for column, figures in results.items()
        },
    }


def from_json(data: dict[str, object]) -> dict[str, dict[str, Figure]]:
    results = data["results"]
    assert isinstance(results, dict)
    return {
        column: {key: Figure(**figure) for key, figure in figures.items()}
        for column, figures in results.items()
    }


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument(
        "--years", type=float, nargs="+", default=[1.0, 10.0], help="diary sizes (default 1 10)"
    )
    parser.add_argument(
        "--runs", type=int, default=5, help="runs of each anchored figure, in turn (default 5)"
    )
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the table as JSON")
    parser.add_argument("--compare", type=Path, metavar="OLD.json", help="a run to compare with")
    parser.add_argument(
        "--no-server", action="store_true", help="leave out the shared diary on PostgreSQL"
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    results: dict[str, dict[str, Figure]] = {}
    for years in args.years:
        column = f"{years:g} year" + ("" if years == 1 else "s")
        print(f"Measuring {column} of diary...", flush=True)
        with tempfile.TemporaryDirectory() as folder:
            results[column] = measure(Path(folder), years, args.runs)
        if not args.no_server:
            print(f"Measuring {column} of a shared diary on PostgreSQL...", flush=True)
            shared = measure_server(years, args.runs)
            for key, figure in (shared or {}).items():
                if key in SERVER_ROWS:
                    results[column][f"{key}@postgresql"] = figure
    print()
    for line in table(results):
        print(line)
    wide = wide_header_ms()
    print(f"\nA header of {WIDE_COLUMNS:,} columns: {wide:,.0f} ms (at most 1 s).")
    rows = ", ".join(f"{c}: {r['import-rows'].value:,.0f}" for c, r in results.items())
    print(f"Rows imported: {rows}.")
    if args.json is not None:
        args.json.write_text(json.dumps(to_json(results), indent=2) + "\n", encoding="utf-8")
        print(f"Written: {args.json}")
    if args.compare is not None:
        print()
        old = from_json(json.loads(args.compare.read_text(encoding="utf-8")))
        for line in compared(results, old):
            print(line)
    print(f"The harness took {time.perf_counter() - started:.0f} s.")


if __name__ == "__main__":
    main()
