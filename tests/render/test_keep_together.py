"""Keeping things together on pages, on small hand-made documents: a heading is never left at
the foot of a page while what it heads starts the next, even when it is the move of what it
heads that leaves it there."""

from __future__ import annotations

from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtWidgets import QApplication

from spasticity_tracker.render.summary_pdf import keep_together

PAGE = 400.0
# Rows of three lines: Qt splits a row of several lines across a page break.
ROW = "<tr><td>{0}</td><td>row {0}, line one<br>line two<br>line three</td></tr>"


def document(filler_lines: int) -> QTextDocument:
    """Filler, a paragraph, a heading, then a table with a header row and 40 rows."""
    rows = "".join(ROW.format(number) for number in range(40))
    html = (
        "<p>" + "<br>".join(f"filler {n}" for n in range(filler_lines)) + "</p>"
        "<h2>The heading</h2>"
        "<table border='1' cellpadding='6'><thead><tr><th>Day</th><th>What</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
    )
    made = QTextDocument()
    made.setHtml(html)
    made.setPageSize(made.pageSize().__class__(500.0, PAGE))
    return made


def page_of_heading(made: QTextDocument) -> int:
    block = made.begin()
    while block.isValid() and block.text() != "The heading":
        block = block.next()
    assert block.isValid()
    return int(made.documentLayout().blockBoundingRect(block).top() // PAGE)


def page_of_first_row(made: QTextDocument) -> tuple[int, int]:
    """The pages where the table's first data row starts and ends."""
    cursor = QTextCursor(made)
    table = None
    block = made.begin()
    while block.isValid() and table is None:
        table = QTextCursor(block).currentTable()
        block = block.next()
    assert table is not None
    layout = made.documentLayout()
    row = table.format().headerRowCount()
    cells = [table.cellAt(row, column) for column in range(table.columns())]
    top = min(layout.blockBoundingRect(c.firstCursorPosition().block()).top() for c in cells)
    bottom = max(layout.blockBoundingRect(c.lastCursorPosition().block()).bottom() for c in cells)
    del cursor
    return int(top // PAGE), int((bottom - 1) // PAGE)


def test_a_heading_goes_with_its_table_when_the_tables_first_row_is_moved(
    qapp: QApplication,
) -> None:
    # Find the filler that leaves the heading and the table's header on one page and the
    # first data row across the break: the table is then moved whole to the next page.
    chosen = None
    for lines in range(1, 80):
        made = document(lines)
        first, last = page_of_first_row(made)
        if first != last and page_of_heading(made) == first:
            chosen = lines
            break
    assert chosen is not None, "no filler puts the first row across the page break"

    made = document(chosen)
    keep_together(made)

    first, last = page_of_first_row(made)
    assert first == last  # the row is whole
    assert page_of_heading(made) == first  # and its heading went with it
