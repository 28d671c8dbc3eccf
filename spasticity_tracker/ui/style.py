"""The app's look: Fusion style, a theme, a text size that follows the system's, 44 px targets."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QLocale, QRect, QSize
from PySide6.QtGui import QColor, QFont, QFontDatabase, QPainter, QPalette, QRegion
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QDateTimeEdit,
    QProxyStyle,
    QStyle,
    QStyleOption,
    QStyleOptionComplex,
    QWidget,
)

from spasticity_tracker.paths import resources_dir

MIN_TARGET = 44  # px, WCAG 2.2 target size (2.5.5)
TEXT_SCALES = (0.9, 1.0, 1.15, 1.3, 1.5, 1.75, 2.0)
DEFAULT_SCALE_INDEX = 1
# Used only when the system gives no point size (a font set in pixels, or none at all).
FALLBACK_POINT_SIZE = 11.0
SETTINGS_KEY = "ui/text_scale_index"
THEME_KEY = "ui/theme"

# Date fields with a calendar: framed by the style sheet like every other field.
DATE_FIELD = 'QDateTimeEdit[calendarPopup="true"]'

# Kept on the QApplication itself: the system's size as the app started, and the theme in use.
_SYSTEM_SIZE_PROPERTY = "spasticityTrackerSystemPointSize"
_THEME_PROPERTY = "spasticityTrackerTheme"


@dataclass(frozen=True)
class Theme:
    """One theme's colours ('#rrggbb'), each named after where it is used, and frame widths."""

    key: str  # as remembered in the settings
    name: str  # in the View > Theme menu, with its mnemonic
    window: str  # pages and dialogs
    text: str  # labels and headings on the window
    hint: str  # explanations under a field, on the window
    link: str
    base: str  # fields, lists and tables
    base_text: str
    alternate_base: str  # every other table row
    placeholder: str  # the grey example inside an empty field
    button: str
    button_text: str
    button_hover: str
    border: str  # the frame of every control
    disabled_text: str
    highlight: str  # the selected row or menu item
    highlighted_text: str
    accent: str  # a chosen value, and the main button of a page
    accent_text: str
    accent_border: str
    accent_disabled: str
    accent_disabled_text: str
    banner: str  # messages and cautions
    banner_text: str
    banner_border: str
    error: str  # problems and urgent cautions
    error_text: str
    error_border: str
    tooltip: str
    tooltip_text: str
    focus: str  # the frame around whatever has the keyboard focus
    border_width: int = 1
    # Thicker than the border: the frame grows as well as changing colour (not colour alone).
    focus_width: int = 3

    def colour(self, name: str) -> str:
        """A colour of this theme by its field name."""
        value = getattr(self, name)
        if not (isinstance(value, str) and value.startswith("#")):
            raise KeyError(f"{name} is not a colour of a theme")
        return value


# Each text colour on the background it is drawn on: WCAG 1.4.3 and 1.4.6 (tests/ui/test_themes).
TEXT_PAIRS: tuple[tuple[str, str], ...] = (
    ("text", "window"),
    ("hint", "window"),
    ("link", "window"),
    ("link", "base"),
    ("base_text", "base"),
    ("base_text", "alternate_base"),
    ("placeholder", "base"),
    ("button_text", "button"),
    ("button_text", "button_hover"),
    # Greyed-out text stays readable: people with low vision still need to read what an
    # unavailable button would do (WCAG exempts it; this app does not).
    ("disabled_text", "window"),
    ("disabled_text", "button"),
    ("highlighted_text", "highlight"),
    ("accent_text", "accent"),
    ("accent_disabled_text", "accent_disabled"),
    ("banner_text", "banner"),
    ("error_text", "error"),
    ("tooltip_text", "tooltip"),
)
# Frames and fills that show where a control is, what is chosen and what has the focus, against
# what they border: WCAG 1.4.11 (non-text contrast) and 2.4.13 (focus appearance).
FRAME_PAIRS: tuple[tuple[str, str], ...] = (
    ("border", "window"),
    ("border", "base"),
    ("border", "button"),
    ("focus", "window"),
    ("focus", "base"),
    ("focus", "button"),
    ("accent", "window"),
    ("accent", "button"),
    ("accent_border", "window"),
    ("highlight", "base"),
    ("banner_border", "window"),
    ("banner_border", "banner"),
    ("error_border", "window"),
    ("error_border", "error"),
)

# The look the app has always had: Fusion's light grey with the app's blue, made to pass AA.
STANDARD = Theme(
    key="standard",
    name="&Standard",
    window="#efefef",
    text="#000000",
    hint="#444444",
    link="#0b4f8a",
    base="#ffffff",
    base_text="#000000",
    alternate_base="#f7f7f7",
    placeholder="#666666",
    button="#f7f7f7",
    button_text="#000000",
    button_hover="#e1ecf4",
    border="#767676",
    disabled_text="#666666",
    highlight="#1f5f8b",
    highlighted_text="#ffffff",
    accent="#1f5f8b",
    accent_text="#ffffff",
    accent_border="#0b2f47",
    accent_disabled="#d0dbe4",
    accent_disabled_text="#3c4a55",
    banner="#eef5fa",
    banner_text="#000000",
    banner_border="#0b2f47",
    error="#fbeeee",
    error_text="#000000",
    error_border="#8b1f1f",
    tooltip="#ffffdc",
    tooltip_text="#000000",
    focus="#a65200",
)

# White and bright colours on black, after Windows' "High Contrast Black": AAA (7:1) for every
# text, thick white frames, a yellow focus frame 4 px wide, greyed-out text in green.
HIGH_CONTRAST = Theme(
    key="high_contrast",
    name="&High contrast",
    window="#000000",
    text="#ffffff",
    hint="#e6e6e6",
    link="#ffff00",
    base="#000000",
    base_text="#ffffff",
    alternate_base="#1a1a1a",
    placeholder="#c8c8c8",
    button="#000000",
    button_text="#ffffff",
    button_hover="#262626",
    border="#ffffff",
    disabled_text="#3ff23f",
    highlight="#1aebff",
    highlighted_text="#000000",
    accent="#1aebff",
    accent_text="#000000",
    accent_border="#ffffff",
    accent_disabled="#000000",
    accent_disabled_text="#3ff23f",
    banner="#000000",
    banner_text="#ffffff",
    banner_border="#1aebff",
    error="#000000",
    error_text="#ffffff",
    error_border="#ff8080",
    tooltip="#000000",
    tooltip_text="#ffffff",
    focus="#ffff00",
    border_width=2,
    focus_width=4,
)

# Light text on dark grey for dim rooms and light-sensitive eyes: AA (4.5:1) for every text.
DARK = Theme(
    key="dark",
    name="&Dark",
    window="#1e1e1e",
    text="#f0f0f0",
    hint="#c4c4c4",
    link="#8cc4ff",
    base="#2a2a2a",
    base_text="#f0f0f0",
    alternate_base="#313131",
    placeholder="#a8a8a8",
    button="#333333",
    button_text="#f0f0f0",
    button_hover="#3d4a57",
    border="#8c8c8c",
    disabled_text="#a6a6a6",
    highlight="#8cc4ff",
    highlighted_text="#000000",
    accent="#8cc4ff",
    accent_text="#000000",
    accent_border="#d0e6ff",
    accent_disabled="#3a4550",
    accent_disabled_text="#b4c0cb",
    banner="#1c2c3c",
    banner_text="#f0f0f0",
    banner_border="#6fa8dc",
    error="#3c1f1f",
    error_text="#f0f0f0",
    error_border="#ff8a80",
    tooltip="#333333",
    tooltip_text="#f0f0f0",
    focus="#ffb340",
)

THEMES = (STANDARD, HIGH_CONTRAST, DARK)


def theme_named(key: str) -> Theme:
    """The theme remembered under a key."""
    return next(theme for theme in THEMES if theme.key == key)


def theme_from_setting(value: object) -> Theme:
    """The theme the settings held, or the standard one for anything else."""
    return next((theme for theme in THEMES if theme.key == value), STANDARD)


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


def _points(font: QFont) -> float:
    """A font's size in points (from pixels at 96 dpi when it was set in pixels), or 0."""
    if font.pointSizeF() > 0:
        return font.pointSizeF()
    return font.pixelSize() * 72 / 96 if font.pixelSize() > 0 else 0.0


def base_point_size(app: QApplication) -> float:
    """The system's text size, as the app found it before it set any font: the normal size."""
    known = app.property(_SYSTEM_SIZE_PROPERTY)
    if isinstance(known, float):
        return known
    general = QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont)
    size = _points(app.font()) or _points(general) or FALLBACK_POINT_SIZE
    app.setProperty(_SYSTEM_SIZE_PROPERTY, float(size))
    return float(size)


def current_theme(app: QApplication) -> Theme:
    """The theme last applied to the app (the standard one before any)."""
    return theme_from_setting(app.property(_THEME_PROPERTY))


class FieldFrames(QProxyStyle):
    """Fusion, drawing the theme's frame and focus frame around number and time fields.

    A style sheet frame on a number or time field without arrows (this app's, which are
    typed) leaves its text 1 px of room in Qt 6.11: those fields keep Fusion's drawing, and
    their frames are painted here, as wide and in the same colours as the style sheet's.
    """

    def __init__(self, theme: Theme):
        super().__init__("Fusion")
        self.theme = theme

    @staticmethod
    def framed_here(widget: QWidget | None) -> bool:
        """Whether a widget is a number or time field whose frame this style paints."""
        if isinstance(widget, QDateTimeEdit) and widget.calendarPopup():
            return False  # a date field: framed by the style sheet
        return isinstance(widget, QAbstractSpinBox)

    def subControlRect(
        self,
        control: QStyle.ComplexControl,
        option: QStyleOptionComplex,
        part: QStyle.SubControl,
        widget: QWidget | None = None,
    ) -> QRect:
        # Qt calls this without a widget at times, which its type stubs do not allow for.
        rect = super().subControlRect(control, option, part, widget)  # type: ignore[arg-type]
        if part is QStyle.SubControl.SC_SpinBoxEditField and self.framed_here(widget):
            # The text clear of the thickest frame.
            inset, frame = self.theme.focus_width + 3, self.theme.focus_width
            rect.setLeft(max(rect.left(), option.rect.left() + inset))
            rect.setRight(min(rect.right(), option.rect.right() - inset))
            rect.setTop(max(rect.top(), option.rect.top() + frame))
            rect.setBottom(min(rect.bottom(), option.rect.bottom() - frame))
        return rect

    def sizeFromContents(
        self,
        kind: QStyle.ContentsType,
        option: QStyleOption,
        size: QSize,
        widget: QWidget | None = None,
    ) -> QSize:
        result = super().sizeFromContents(kind, option, size, widget)  # type: ignore[arg-type]
        if kind is QStyle.ContentsType.CT_SpinBox and self.framed_here(widget):
            frame = self.theme.focus_width
            result = result + QSize(2 * frame, 2 * frame)  # room for the wider frame
        return result

    def drawPrimitive(
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        # The line inside such a field is made taller than the field (every line of text is
        # at least MIN_TARGET high): its own background would cover the field's bottom frame.
        inside = widget.parentWidget() if widget is not None else None
        if element is QStyle.PrimitiveElement.PE_PanelLineEdit and self.framed_here(inside):
            return
        super().drawPrimitive(element, option, painter, widget)

    def drawComplexControl(
        self,
        control: QStyle.ComplexControl,
        option: QStyleOptionComplex,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawComplexControl(control, option, painter, widget)
        if control is not QStyle.ComplexControl.CC_SpinBox or not self.framed_here(widget):
            return
        theme = self.theme
        if option.state & QStyle.StateFlag.State_HasFocus:
            _fill_ring(painter, option.rect, 0, theme.focus_width, theme.focus)
        else:  # as the style sheet's frames: the window colour, then a thin border
            gap = theme.focus_width - theme.border_width
            _fill_ring(painter, option.rect, 0, gap, theme.window)
            _fill_ring(painter, option.rect, gap, theme.border_width, theme.border)


def _fill_ring(painter: QPainter, rect: QRect, inset: int, width: int, colour: str) -> None:
    """Fill a frame `width` px wide, `inset` px inside a rectangle."""
    outer = rect.adjusted(inset, inset, -inset, -inset)
    inner = outer.adjusted(width, width, -width, -width)
    painter.save()
    painter.setClipRegion(QRegion(outer).subtracted(QRegion(inner)))
    painter.fillRect(outer, QColor(colour))
    painter.restore()


def palette(theme: Theme) -> QPalette:
    """Fusion's palette in a theme's colours: menus, scroll bars and dialogs follow it."""
    role = QPalette.ColorRole
    result = QPalette()
    for colour_role, colour in (
        (role.Window, theme.window),
        (role.WindowText, theme.text),
        (role.Base, theme.base),
        (role.AlternateBase, theme.alternate_base),
        (role.Text, theme.base_text),
        (role.PlaceholderText, theme.placeholder),
        (role.Button, theme.button),
        (role.ButtonText, theme.button_text),
        (role.BrightText, theme.text),
        (role.Highlight, theme.highlight),
        (role.HighlightedText, theme.highlighted_text),
        (role.Link, theme.link),
        (role.LinkVisited, theme.link),
        (role.ToolTipBase, theme.tooltip),
        (role.ToolTipText, theme.tooltip_text),
        (role.Accent, theme.accent),
        # Fusion draws bevels and frame shadows from these.
        (role.Light, theme.button_hover),
        (role.Midlight, theme.button),
        (role.Mid, theme.border),
        (role.Dark, theme.border),
        (role.Shadow, theme.border),
    ):
        result.setColor(colour_role, QColor(colour))
    disabled = QPalette.ColorGroup.Disabled
    for colour_role in (role.WindowText, role.Text, role.ButtonText, role.PlaceholderText):
        result.setColor(disabled, colour_role, QColor(theme.disabled_text))
    result.setColor(disabled, role.Base, QColor(theme.window))
    return result


def stylesheet(point_size: float, theme: Theme = STANDARD) -> str:
    """The app-wide style sheet for a base text size (headings scale with it) and a theme."""
    t = theme
    # Every control keeps room for the focus frame: an unfocused one draws its thin border
    # inside a margin of the window colour, a focused one fills both with the focus colour.
    # The frame grows as well as changing colour, and nothing moves when the focus moves.
    gap = t.focus_width - t.border_width
    frame = f"border: {t.border_width}px solid {t.border}; margin: {gap}px;"
    # Ticks and arrows are drawn from files once a style sheet frames their boxes: black ones
    # on light fields, white ones on dark.
    icons = (resources_dir() / "icons").as_posix()
    ink = "black" if QColor(t.base).lightnessF() > 0.5 else "white"
    # Padding and frame included, a control is still MIN_TARGET px high.
    inner = MIN_TARGET - 2 * (5 + t.focus_width)
    # The size is in the style sheet too: with an application style sheet set, widgets that
    # already exist do not follow QApplication.setFont() alone.
    return f"""
    QWidget {{ font-size: {point_size:.1f}pt; }}
    QMenu {{ border: {t.border_width}px solid {t.border}; }}
    QToolTip {{
        background: {t.tooltip}; color: {t.tooltip_text}; border: 1px solid {t.tooltip_text};
    }}
    QPushButton, QToolButton {{
        background: {t.button};
        color: {t.button_text};
        {frame}
        border-radius: 4px;
    }}
    QPushButton, QToolButton, QComboBox, QLineEdit, QTabBar::tab {{
        min-height: {inner}px;
        padding: 5px 10px;
    }}
    QPushButton:hover, QToolButton:hover {{ background: {t.button_hover}; }}
    QPushButton:pressed, QToolButton:pressed {{ background: {t.button_hover}; }}
    QPushButton:disabled, QToolButton:disabled {{ color: {t.disabled_text}; }}
    QPushButton:checked, QToolButton:checked {{
        background: {t.accent};
        color: {t.accent_text};
        border-color: {t.accent_border};
        font-weight: bold;
    }}
    QPushButton[role="primary"] {{
        background: {t.accent};
        color: {t.accent_text};
        border-color: {t.accent_border};
        font-weight: bold;
        padding: 8px 24px;
    }}
    QPushButton[role="primary"]:disabled {{
        background: {t.accent_disabled};
        color: {t.accent_disabled_text};
    }}
    QComboBox {{
        background: {t.button};
        color: {t.button_text};
        {frame}
        border-radius: 4px;
    }}
    QComboBox:editable, QLineEdit, {DATE_FIELD}, QPlainTextEdit, QTextEdit, QAbstractItemView {{
        background: {t.base};
        color: {t.base_text};
        {frame}
        selection-background-color: {t.highlight};
        selection-color: {t.highlighted_text};
    }}
    {DATE_FIELD} {{ padding: 0px 4px; }}
    QComboBox QLineEdit, QAbstractSpinBox QLineEdit {{
        border: none;
        margin: 0px;
        padding: 0px;
        min-height: 0px;
        background: transparent;
    }}
    QComboBox:disabled, QLineEdit:disabled, {DATE_FIELD}:disabled {{
        color: {t.disabled_text};
        background: {t.window};
    }}
    QAbstractItemView {{ alternate-background-color: {t.alternate_base}; }}
    QComboBox QAbstractItemView {{ margin: 0px; }}
    QTableView {{ gridline-color: {t.border}; }}
    QHeaderView {{ border: none; margin: 0px; background: {t.button}; }}
    QHeaderView::section {{
        background: {t.button};
        color: {t.button_text};
        border: none;
        border-right: 1px solid {t.border};
        border-bottom: 1px solid {t.border};
        padding: 4px 8px;
    }}
    QCheckBox {{
        min-height: {MIN_TARGET - 2 * t.focus_width}px;
        spacing: 10px;
        padding: 0px 4px;
        border: {t.focus_width}px solid transparent;
    }}
    QCheckBox::indicator {{
        width: 20px;
        height: 20px;
        border: 2px solid {t.border};
        border-radius: 3px;
        background: {t.base};
    }}
    QCheckBox::indicator:checked {{ image: url("{icons}/check-{ink}.svg"); }}
    QComboBox::drop-down, {DATE_FIELD}::drop-down {{
        border: none;
        width: 28px;
        subcontrol-origin: padding;
        subcontrol-position: center right;
    }}
    QComboBox::down-arrow, {DATE_FIELD}::down-arrow {{
        image: url("{icons}/arrow-down-{ink}.svg");
        width: 14px;
        height: 14px;
    }}
    QScrollBar {{ background: {t.window}; border: none; margin: 0px; }}
    QScrollBar:vertical {{ width: 16px; }}
    QScrollBar:horizontal {{ height: 16px; }}
    QScrollBar::handle {{ background: {t.border}; border-radius: 5px; margin: 3px; }}
    QScrollBar::handle:vertical {{ min-height: 40px; }}
    QScrollBar::handle:horizontal {{ min-width: 40px; }}
    QScrollBar::add-line, QScrollBar::sub-line {{ width: 0px; height: 0px; border: none; }}
    QScrollBar::add-page, QScrollBar::sub-page {{ background: none; }}
    QLabel[role="heading"] {{ font-size: {point_size * 1.45:.1f}pt; font-weight: bold; }}
    QLabel[role="subheading"] {{ font-size: {point_size * 1.15:.1f}pt; font-weight: bold; }}
    QLabel[role="hint"] {{ color: {t.hint}; }}
    QFrame[role="banner"] {{
        border: 2px solid {t.banner_border};
        border-radius: 6px;
        background: {t.banner};
    }}
    QFrame[role="banner"] QLabel {{ color: {t.banner_text}; background: transparent; }}
    QFrame[role="error"] {{
        border: 2px solid {t.error_border};
        border-radius: 6px;
        background: {t.error};
    }}
    QFrame[role="error"] QLabel {{ color: {t.error_text}; background: transparent; }}
    QTabBar::tab {{ padding: 8px 18px; }}
    QTabBar::tab:selected {{ font-weight: bold; border-bottom: 3px solid {t.accent}; }}
    QTabBar::tab:selected:focus {{ border: {t.focus_width}px solid {t.focus}; }}
    /* The chart: a frame of the window colour that the focus colour fills. */
    QGraphicsView {{ border: {t.focus_width}px solid {t.window}; }}
    QGraphicsView:focus {{ border-color: {t.focus}; }}
    QPushButton:focus, QToolButton:focus, QComboBox:focus, QLineEdit:focus,
    {DATE_FIELD}:focus, QPlainTextEdit:focus, QTextEdit:focus, QAbstractItemView:focus,
    QCheckBox:focus {{
        border: {t.focus_width}px solid {t.focus};
        margin: 0px;
    }}
    """


def apply_look(app: QApplication, index: int, theme: Theme) -> float:
    """Set the whole app's text size (a TEXT_SCALES index) and theme; returns the point size.

    What is already set is not set again: a new style sheet, font or palette makes Qt style
    every widget again (the window asks again for the font and colours chosen at start).
    """
    point_size = round(base_point_size(app) * TEXT_SCALES[clamp_scale_index(index)], 1)
    font = QFont(app.font())
    font.setPointSizeF(point_size)
    if font != app.font():
        app.setFont(font)
    app.setProperty(_THEME_PROPERTY, theme.key)
    # The application owns the style it was given as a child (and deletes it when it is
    # replaced); app.style() is the style sheet's own.
    frames = app.findChild(FieldFrames)
    if isinstance(frames, FieldFrames):
        frames.theme = theme
    else:
        app.setStyle(FieldFrames(theme))
    colours = palette(theme)
    if colours != app.palette():
        app.setPalette(colours)
    sheet = stylesheet(point_size, theme)
    if sheet != app.styleSheet():
        app.setStyleSheet(sheet)
    return point_size


def apply_text_scale(app: QApplication, index: int) -> float:
    """Set the whole app's text size from a TEXT_SCALES index, in the theme in use."""
    return apply_look(app, index, current_theme(app))
