"""Make the app icon's PNG sizes, .ico and .icns from its SVG source.

Run with `uv run python packaging/make_icons.py`; the results are committed in resources/icons.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QImageWriter, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def main() -> None:
    QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(ICONS / "spasticity-tracker.svg"))
    for size in SIZES:
        render(renderer, size).save(str(ICONS / f"spasticity-tracker-{size}.png"))
    for suffix, size in (("ico", 256), ("icns", 512)):
        writer = QImageWriter(str(ICONS / f"spasticity-tracker.{suffix}"), suffix.encode())
        if not writer.write(render(renderer, size)):
            raise SystemExit(f"could not write the .{suffix}: {writer.errorString()}")
    print(f"icons written to {ICONS}")


if __name__ == "__main__":
    main()
