"""Reading a summary PDF back as text, page by page (poppler's pdftotext, installed by .ci/run)."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from dataclasses import dataclass
from pathlib import Path


def _pages(path: Path, mode: str) -> list[str]:
    tool = shutil.which("pdftotext")
    assert tool is not None, "pdftotext is needed: apt-get install poppler-utils"
    text = subprocess.run(
        [tool, mode, str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    # Ligatures ("ﬀ") are read as their letters.
    return unicodedata.normalize("NFKC", text).split("\f")[:-1]  # it ends with a form feed


@dataclass(frozen=True)
class Page:
    """A page's text twice: laid out as printed (a table row on one line), and in the order it
    was drawn (a table cell's lines together), as flowing words."""

    layout: str
    text: str

    def __contains__(self, part: str) -> bool:
        return part in self.text


def pdf_pages(path: Path) -> list[Page]:
    """Each page of a PDF as text."""
    layouts = _pages(path, "-layout")
    raws = _pages(path, "-raw")
    return [Page(layout, flowing(raw)) for layout, raw in zip(layouts, raws, strict=True)]


def flowing(text: str) -> str:
    """The words of a text with every run of spaces and line ends made one space."""
    return " ".join(text.split())


def line_with(page: Page | str, *parts: str) -> str:
    """The one line of a page holding every part, in that order (a table row)."""
    layout = page.layout if isinstance(page, Page) else page
    for line in layout.splitlines():
        at = 0
        for part in parts:
            at = line.find(part, at)
            if at < 0:
                break
            at += len(part)
        else:
            return line
    raise AssertionError(f"no line holds {parts!r} in order:\n{layout}")
