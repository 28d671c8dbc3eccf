"""The clinic summary on paper: the chart as an image, the HTML laid out page by page, footers.

QTextDocument.print_() cannot add a footer, so the pages are painted here: the document is laid
out at the printer's resolution on pages shortened by the footer's height, and each page's slice
is drawn followed by "name, period, Page N of M".

A PDF is written to a private temporary file beside the target, checked to be whole, then
renamed over it: a full disk or a failure leaves no partial file and any earlier one intact.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path

from PySide6.QtCore import QLocale, QMarginsF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QFont,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QTextBlock,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextFrame,
    QTextTable,
    QTextTableCell,
)
from PySide6.QtPrintSupport import QPrinter

from spasticity_tracker.domain.entities import PersonId
from spasticity_tracker.presentation.formatting import period_text
from spasticity_tracker.presentation.summary_html import (
    BODY_PT,
    DETAILS,
    PAGE_ONE,
    PageOne,
    summary_html,
)
from spasticity_tracker.render.print_chart import PrintChart, days_needed_from
from spasticity_tracker.reports.figures import SummaryFigures
from spasticity_tracker.services.base import collector_paused
from spasticity_tracker.services.files import FileWriteError, check_target, replaced_whole
from spasticity_tracker.services.trends import TrendsService

CHART_URL = QUrl("summary-chart.png")
CHART_WIDTH = 2000  # the image's width in pixels, enough for print
LETTER_TERRITORIES = {
    QLocale.Country.UnitedStates,
    QLocale.Country.Canada,
    QLocale.Country.Mexico,
    QLocale.Country.Philippines,
}
MARGIN_MM = 10.0
FOOTER_INCHES = 0.35
PDF_END = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")


def default_page_size(locale: QLocale | None = None) -> QPageSize.PageSizeId:
    """Letter where it is the custom (US, Canada, Mexico, the Philippines), else A4."""
    territory = (locale or QLocale()).territory()
    if territory in LETTER_TERRITORIES:
        return QPageSize.PageSizeId.Letter
    return QPageSize.PageSizeId.A4


@collector_paused()
def chart_image(trends: TrendsService, person_id: PersonId, first: date, last: date) -> QImage:
    """The trends chart for a period, on white, about 2000 px wide, without showing a window."""
    chart = PrintChart(trends.trend_data(person_id, days_needed_from(first)), first, last)
    try:
        return chart.image(CHART_WIDTH)
    finally:
        chart.close()


def page_size_named(name: str | None) -> QPageSize.PageSizeId | None:
    """The paper size for "a4" or "letter"; None for the locale's default."""
    return {
        "a4": QPageSize.PageSizeId.A4,
        "letter": QPageSize.PageSizeId.Letter,
    }.get((name or "").lower())


def new_printer(page_size: QPageSize.PageSizeId | None = None) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(
        QPageLayout(
            QPageSize(page_size or default_page_size()),
            QPageLayout.Orientation.Portrait,
            QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
            QPageLayout.Unit.Millimeter,
        )
    )
    return printer


def summary_document(
    printer: QPrinter, figures: SummaryFigures, chart: QImage | None, body: QSizeF
) -> QTextDocument:
    """The summary laid out on pages of the body's size, rows and headings kept together,
    page 1 holding as much of the long lists as fits on one page.

    Whether page 1 fits is tried on page 1 alone (the details start on a page of their own,
    so they cannot change it): years of details are laid out once, not once per try.
    """
    room = next(
        (
            room
            for room in PAGE_ONE[:-1]
            if details_page(_document(printer, figures, chart, body, room, details=False)) <= 1
        ),
        PAGE_ONE[-1],
    )
    return _document(printer, figures, chart, body, room, details=True)


def _document(
    printer: QPrinter,
    figures: SummaryFigures,
    chart: QImage | None,
    body: QSizeF,
    room: PageOne,
    details: bool,
) -> QTextDocument:
    # QTextDocument scales images by the paint device's dpi over 96: give the width at 96 dpi.
    chart_width = int(body.width() * 96 / printer.logicalDpiX())
    font = QFont("DejaVu Sans")
    font.setPointSizeF(BODY_PT)
    document = QTextDocument()
    document.documentLayout().setPaintDevice(printer)  # fonts measured at the printer's dpi
    document.setPageSize(body)
    document.setDefaultFont(font)
    if chart is not None:
        document.addResource(QTextDocument.ResourceType.ImageResource, CHART_URL, chart)
    uri = CHART_URL.toString() if chart else None
    document.setHtml(summary_html(figures, uri, chart_width, room, details))
    keep_together(document)
    return document


def details_page(document: QTextDocument) -> int:
    """The page (from 0) the details start on: 1 when page 1 fits one page."""
    block = document.begin()
    while block.isValid():
        if block.blockFormat().headingLevel() == 1 and block.text() == DETAILS:
            top = document.documentLayout().blockBoundingRect(block).top()
            return _page(top, document.pageSize().height())
        block = block.next()
    return 0


@collector_paused()
def paint_summary(printer: QPrinter, figures: SummaryFigures, chart: QImage | None) -> int:
    """Lay out and paint every page of the summary on the printer; returns the page count."""
    page = printer.pageRect(QPrinter.Unit.DevicePixel)
    footer_height = printer.resolution() * FOOTER_INCHES
    body = QSizeF(page.width(), page.height() - footer_height)
    document = summary_document(printer, figures, chart, body)
    font = document.defaultFont()
    pages = document.pageCount()
    person = figures.person.name
    period = period_text(figures.first, figures.last)
    painter = QPainter(printer)
    if not painter.isActive():  # the output cannot be opened: paint nothing, say so
        return 0
    try:
        footer_font = QFont(font)
        painter.setFont(footer_font)
        for number in range(pages):
            if number:
                printer.newPage()
            painter.save()
            painter.translate(0, -number * body.height())
            document.drawContents(
                painter, QRectF(0, number * body.height(), body.width(), body.height())
            )
            painter.restore()
            footer = QRectF(0, body.height(), body.width(), footer_height)
            painter.drawLine(footer.topLeft(), footer.topRight())
            painter.drawText(
                footer,
                int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
                f"{person}  ·  {period}",
            )
            painter.drawText(
                footer,
                int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight),
                f"Page {number + 1} of {pages}",
            )
    finally:
        painter.end()
    return pages


def _page(y: float, height: float) -> int:
    return int(y // height)


def _top(layout: QAbstractTextDocumentLayout, block: QTextBlock) -> float:
    return layout.blockBoundingRect(block).top()


def _bottom(layout: QAbstractTextDocumentLayout, block: QTextBlock) -> float:
    return layout.blockBoundingRect(block).bottom()


def _tables(frame: QTextFrame) -> list[QTextTable]:
    """Every table in a frame and the frames inside it, in document order."""
    found: list[QTextTable] = []
    for child in frame.childFrames():
        if isinstance(child, QTextTable):
            found.append(child)
        found += _tables(child)
    return found


def _row_span(
    document: QTextDocument, layout: QAbstractTextDocumentLayout, table: QTextTable, row: int
) -> tuple[float, float]:
    """Where a table row's text starts and ends.

    Blocks are found by position: a cell's cursor (firstCursorPosition) costs far more.
    """
    cells = [table.cellAt(row, column) for column in range(table.columns())]
    top = min(_top(layout, document.findBlock(cell.firstPosition())) for cell in cells)
    bottom = max(_bottom(layout, document.findBlock(cell.lastPosition())) for cell in cells)
    return top, bottom


def _break_before(block: QTextBlock) -> None:
    """Start a block (outside a table) on a new page."""
    fmt = block.blockFormat()
    fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
    QTextCursor(block).setBlockFormat(fmt)


def _break_after(cell: QTextTableCell) -> None:
    """End a table cell's row with a page break: the row stretches to the foot of the page
    and the next row starts the next one, under the repeated header."""
    block = cell.lastCursorPosition().block()
    fmt = block.blockFormat()
    fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysAfter)
    QTextCursor(block).setBlockFormat(fmt)


def _table_on_new_page(table: QTextTable) -> None:
    """Start a table on a new page, its header with it."""
    fmt = table.format()
    fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
    table.setFormat(fmt)


Push = Callable[[], None]


def _first_split(document: QTextDocument, tried: set[float], since: float = 0.0) -> float | None:
    """Move the first thing split across a page break onto the next page; returns where it
    was (None when nothing is split any more).

    Split are: a table row (other than a header row, which repeats) with its text on two
    pages, a line of text across the break, and a heading left at the foot of a page with
    what it heads on the next. Each is moved with a page break (QTextDocument has no way to
    keep lines together): the first split in the document first, so that a break once set
    is never moved by a later one. Nothing above `since` is looked at again: a page break
    moves only what is below it (keep_together passes the page before the last one moved).
    """
    layout = document.documentLayout()
    height = document.pageSize().height()
    best: tuple[float, Push] | None = None

    def offer(top: float, push: Push) -> bool:
        """Take a split unless it was tried before; whether it was taken."""
        nonlocal best
        if round(top) in tried:
            return False  # moved once and still there: it cannot be helped
        if best is None or top < best[0]:
            best = (top, push)
        return True

    for table in _tables(document.rootFrame()):
        header = table.format().headerRowCount()
        # Rows start lower and lower: skip, by halving, those that start above `since`.
        low, high = header, table.rows()
        while low < high:
            middle = (low + high) // 2
            if _row_span(document, layout, table, middle)[0] < since:
                low = middle + 1
            else:
                high = middle
        for row in range(low, table.rows()):
            top, bottom = _row_span(document, layout, table, row)
            if best is not None and top > best[0]:
                break  # the rest of this table is further down than what is found
            if bottom - top > height / 2:
                continue  # taller than half a page: split it must be, where it falls
            if _page(top, height) != _page(bottom - 1, height):
                push = (
                    partial(_break_after, table.cellAt(row - 1, 0))
                    if row > header
                    else _table_moved(document, table)
                )
                if offer(top, push):
                    break
    block = document.begin()
    while block.isValid():
        table = QTextCursor(block).currentTable()
        if table is not None:
            # A table's own blocks (its cells) were looked at above: go past it.
            block = document.findBlock(table.lastPosition()).next()
            continue
        if block.text():
            top = _top(layout, block)
            if best is not None and top > best[0]:
                break
            if top + block.layout().boundingRect().height() >= since:
                for number in range(block.layout().lineCount()):
                    line = block.layout().lineAt(number)
                    # Qt can leave a line across the break (after a table). (The empty block
                    # Qt puts after each table shows nothing: it is left alone.)
                    line_top = top + line.y()
                    if _page(line_top, height) != _page(line_top + line.height() - 1, height):
                        offer(line_top, partial(_break_before, block))
                if block.blockFormat().headingLevel() and block.next().isValid():
                    follows = _following_top(document, layout, block)
                    if _page(top, height) != _page(follows, height):
                        offer(top, partial(_break_before, block))
        block = block.next()
    if best is None:
        return None
    first, move = best
    tried.add(round(first))
    move()
    return first


def _table_moved(document: QTextDocument, table: QTextTable) -> Push:
    """How to move a table whose first row is split: from its heading, when a heading comes
    just before it (a table moved alone would leave its heading at the foot of the page,
    and the heading then moved would sit alone above a page break of the table's own)."""
    before = document.findBlock(table.firstPosition() - 1)
    if before.isValid() and before.blockFormat().headingLevel():
        return partial(_break_before, before)
    return partial(_table_on_new_page, table)


def _following_top(
    document: QTextDocument, layout: QAbstractTextDocumentLayout, block: QTextBlock
) -> float:
    """Where what follows a heading starts: the next paragraph, or a table's first data row."""
    following = block.next()
    table = QTextCursor(following).currentTable()
    if table is None:
        return _top(layout, following)
    row = min(table.format().headerRowCount(), table.rows() - 1)
    return _row_span(document, layout, table, row)[0]


KEEP_PASSES = 400  # far more than the rows of a year's notes that can fall on a page break


def keep_together(document: QTextDocument) -> None:
    """Lay out the paged document so that no table row is split across two pages and no
    heading is left at the foot of a page: each is moved whole onto the next page.

    QTextDocument splits a row whose text does not fit, and repeats header rows (<thead>)
    but never keeps a heading with what follows; a pass moves the first split, and the
    layout is redone, until none is left.
    """
    tried: set[float] = set()
    height = document.pageSize().height()
    since = 0.0
    for _ in range(KEEP_PASSES):
        moved = _first_split(document, tried, since)
        if moved is None:
            return
        # A break moves what is below it; a heading on the page before may now be left
        # without what it heads, so that page is looked at again.
        since = max(0.0, (_page(moved, height) - 1) * height)


def ensure_application() -> None:
    """A QApplication for printing from the command line, offscreen when there is no display."""
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is not None:
        return
    no_display = not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if sys.platform.startswith("linux") and no_display:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    QApplication([sys.argv[0]])


def make_summary_pdf(
    trends: TrendsService,
    figures: SummaryFigures,
    path: Path,
    page_size: QPageSize.PageSizeId | None = None,
) -> int:
    """The chart and the pages of a summary written to a PDF file (private); returns pages.

    Raises FileWriteError, before any drawing, for a folder or a missing folder, and after
    it when the file could not be written whole; the target is then unchanged.
    """
    check_target(path)
    ensure_application()
    assert figures.person.id is not None
    chart = chart_image(trends, figures.person.id, figures.first, figures.last)
    return write_pdf(path, figures, chart, page_size)


def write_pdf(
    path: Path,
    figures: SummaryFigures,
    chart: QImage | None,
    page_size: QPageSize.PageSizeId | None = None,
) -> int:
    """Write the summary as a PDF file readable only by the user; returns the number of pages.

    Qt's PDF writer does not report failed writes, so the file is checked whole before it
    replaces the target; raises FileWriteError (and leaves nothing) when it is not.
    """
    check_target(path)
    with replaced_whole(path) as temporary:
        printer = new_printer(page_size)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(temporary))
        printer.setDocName(f"Spasticity summary: {figures.person.name}")
        printer.setCreator("Spasticity Tracker")
        pages = paint_summary(printer, figures, chart)
        del printer  # closes the file
        if not pages or not is_whole_pdf(temporary.read_bytes(), pages):
            raise FileWriteError(f"cannot write {path}: {_why_incomplete(path.parent)}")
    return pages


def is_whole_pdf(data: bytes, pages: int) -> bool:
    """A PDF written to its end: the header, the cross-reference table its trailer points
    at, the end-of-file mark, and the page count painted."""
    end = PDF_END.search(data[-1024:])
    if not data.startswith(b"%PDF-") or end is None:
        return False
    start = int(end[1])
    return data[start : start + 4] == b"xref" and f"/Count {pages}".encode() in data


def _why_incomplete(folder: Path) -> str:
    try:
        space = os.statvfs(folder)
    except (AttributeError, OSError):  # statvfs is POSIX only
        return "the PDF could not be written completely"
    if space.f_bavail * space.f_frsize < 1024 * 1024:
        return "the disk is full"
    return "the PDF could not be written completely"
