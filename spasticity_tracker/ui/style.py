"""The app's look: Fusion style, a text size that scales everything, and 44 px click targets."""

from __future__ import annotations

from PySide6.QtCore import QLocale
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

MIN_TARGET = 44  # px, WCAG 2.2 target size (2.5.5)
TEXT_SCALES = (0.9, 1.0, 1.15, 1.3, 1.5, 1.75, 2.0)
DEFAULT_SCALE_INDEX = 1
BASE_POINT_SIZE = 11.0
SETTINGS_KEY = "ui/text_scale_index"

ACCENT = "#1f5f8b"
ACCENT_DARK = "#0b2f47"


def english_locale(system: QLocale) -> QLocale:
    """English words, in the system's own country (its date order, paper, first weekday).

    The app speaks English until it is translated: a German system must not make a date
    field say "Mär" in an English window, while a US one still types dates month first.
    """
    return QLocale(QLocale.Language.English, system.territory())


def use_english(system: QLocale | None = None) -> None:
    """Make English the default language of every Qt widget made from now on."""
    QLocale.setDefault(english_locale(system or QLocale.system()))


def clamp_scale_index(index: object) -> int:
    """A valid index into TEXT_SCALES from whatever the settings held."""
    try:
        value = int(str(index))
    except (TypeError, ValueError):
        return DEFAULT_SCALE_INDEX
    return max(0, min(len(TEXT_SCALES) - 1, value))


def stylesheet(point_size: float) -> str:
    """The app-wide style sheet for a base text size (headings scale with it)."""
    # The size is in the style sheet too: with an application style sheet set, widgets that
    # already exist do not follow QApplication.setFont() alone.
    return f"""
    QWidget {{ font-size: {point_size:.1f}pt; }}
    QPushButton, QToolButton, QComboBox, QLineEdit, QTabBar::tab {{
        min-height: {MIN_TARGET - 12}px;
        padding: 5px 10px;
    }}
    QPushButton:checked {{
        background: {ACCENT};
        color: white;
        border: 3px solid {ACCENT_DARK};
        border-radius: 4px;
        font-weight: bold;
    }}
    QPushButton[role="primary"] {{
        background: {ACCENT};
        color: white;
        font-weight: bold;
        border: 2px solid {ACCENT_DARK};
        border-radius: 4px;
        padding: 8px 24px;
    }}
    QPushButton[role="primary"]:disabled {{ background: #8aa7bb; }}
    QPushButton:focus, QComboBox:focus, QLineEdit:focus, QAbstractSpinBox:focus,
    QCheckBox:focus, QTableView:focus {{
        outline: 2px solid #e07a1f;
    }}
    QCheckBox {{ min-height: {MIN_TARGET}px; spacing: 10px; }}
    QCheckBox::indicator {{ width: 22px; height: 22px; }}
    QLabel[role="heading"] {{ font-size: {point_size * 1.45:.1f}pt; font-weight: bold; }}
    QLabel[role="subheading"] {{ font-size: {point_size * 1.15:.1f}pt; font-weight: bold; }}
    QLabel[role="hint"] {{ color: #444444; }}
    QFrame[role="banner"] {{
        border: 2px solid {ACCENT_DARK};
        border-radius: 6px;
        background: #eef5fa;
    }}
    QFrame[role="error"] {{
        border: 2px solid #8b1f1f;
        border-radius: 6px;
        background: #fbeeee;
    }}
    QTabBar::tab {{ padding: 8px 18px; }}
    QTabBar::tab:selected {{ font-weight: bold; border-bottom: 3px solid {ACCENT}; }}
    """


def apply_text_scale(app: QApplication, index: int) -> float:
    """Set the whole app's text size from a TEXT_SCALES index; returns the point size."""
    point_size = round(BASE_POINT_SIZE * TEXT_SCALES[clamp_scale_index(index)], 1)
    font = QFont(app.font())
    font.setPointSizeF(point_size)
    app.setFont(font)
    app.setStyleSheet(stylesheet(point_size))
    return point_size
