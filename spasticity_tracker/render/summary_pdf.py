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
from datetime import date
from pathlib import Path

from PySide6.QtCore import QLocale, QMarginsF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import QFont, QImage, QPageLayout, QPageSize, QPainter, QTextDocument
from PySide6.QtPrintSupport import QPrinter

from spasticity_tracker.domain.entities import PersonId
from spasticity_tracker.presentation.formatting import period_text
from spasticity_tracker.presentation.summary_html import BODY_PT, summary_html
from spasticity_tracker.presentation.trends_view import TrendsView
from spasticity_tracker.render.chart import TrendsChart
from spasticity_tracker.reports.figures import SummaryFigures
from spasticity_tracker.services.files import FileWriteError, check_target, replaced_whole
from spasticity_tracker.services.trends import TrendsService

CHART_URL = QUrl("summary-chart.png")
CHART_SIZE = (880, 260)  # scene units: the smaller, the larger the labels on paper
CHART_WIDTH = 2000  # the image's width in pixels, enough for print
LETTER_TERRITORIES = {
    QLocale.Country.UnitedStates,
    QLocale.Country.Canada,
    QLocale.Country.Mexico,
    QLocale.Country.Philippines,
}
MARGIN_MM = 12.0
FOOTER_INCHES = 0.4
PDF_END = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")


def default_page_size(locale: QLocale | None = None) -> QPageSize.PageSizeId:
    """Letter where it is the custom (US, Canada, Mexico, the Philippines), else A4."""
    territory = (locale or QLocale()).territory()
    if territory in LETTER_TERRITORIES:
        return QPageSize.PageSizeId.Letter
    return QPageSize.PageSizeId.A4


def chart_image(trends: TrendsService, person_id: PersonId, first: date, last: date) -> QImage:
    """The trends chart for a period, on white, about 2000 px wide, without showing a window."""
    chart = TrendsChart()
    try:
        chart.show_view(TrendsView(trends.trend_data(person_id)))
        chart.effects_plot.hide()  # the side effects have their own table on the page
        chart.effects_plot.setMaximumHeight(0)
        chart.effects_plot.setMinimumHeight(0)
        for plot, height, title in (
            (chart.stiffness_plot, 110, "Stiffness"),
            (chart.dose_plot, 70, "mg/day"),
        ):
            plot.setMinimumHeight(height)  # printed smaller than on screen, titles shorter
            plot.setLabel("left", title)
        chart.show_range(first, last)
        chart.set_cursor_visible(False)
        # The chart is never shown, so its layout is sized directly (a hidden widget's resize
        # waits for it to be shown).
        chart.ci.resize(*CHART_SIZE)
        return chart.image(CHART_WIDTH)
    finally:
        chart.deleteLater()


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


def paint_summary(printer: QPrinter, figures: SummaryFigures, chart: QImage | None) -> int:
    """Lay out and paint every page of the summary on the printer; returns the page count."""
    page = printer.pageRect(QPrinter.Unit.DevicePixel)
    footer_height = printer.resolution() * FOOTER_INCHES
    body = QSizeF(page.width(), page.height() - footer_height)
    document = QTextDocument()
    document.documentLayout().setPaintDevice(printer)  # fonts measured at the printer's dpi
    document.setPageSize(body)
    font = QFont("DejaVu Sans")
    font.setPointSizeF(BODY_PT)
    document.setDefaultFont(font)
    if chart is not None:
        document.addResource(QTextDocument.ResourceType.ImageResource, CHART_URL, chart)
    # QTextDocument scales images by the paint device's dpi over 96: give the width at 96 dpi.
    chart_width = int(body.width() * 96 / printer.logicalDpiX())
    document.setHtml(summary_html(figures, CHART_URL.toString() if chart else None, chart_width))
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
