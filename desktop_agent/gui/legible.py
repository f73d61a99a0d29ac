"""Colours for secondary text that stay legible: WCAG contrast >= 4.5:1 on the window colour.

A disabled QLabel is the usual way to grey out helper text, and it measures
1.6–1.9:1 on common palettes, below what WCAG asks for normal text (4.5:1).
`HelperLabel` instead mixes the palette's text colour toward the window colour
only as far as 4.5:1 allows, and `ErrorLabel` picks a red that meets 4.5:1 on
light and dark windows alike; both follow a change of the application's
palette (a switch to dark mode).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QLabel, QWidget

MIN_CONTRAST = 4.5
_ERROR_ON_LIGHT = ("#b03a2e", "#962d22", "#7d241b")
_ERROR_ON_DARK = ("#ff8a80", "#ffab91", "#ffd0c8")


def luminance(c: QColor) -> float:
    """WCAG 2 relative luminance."""

    def chan(v: float) -> float:
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * chan(c.redF()) + 0.7152 * chan(c.greenF()) + 0.0722 * chan(c.blueF())


def contrast(a: QColor, b: QColor) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _mix(a: QColor, b: QColor, t: float) -> QColor:
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * t,
        a.greenF() + (b.greenF() - a.greenF()) * t,
        a.blueF() + (b.blueF() - a.blueF()) * t,
    )


def backgrounds(pal: QPalette) -> list[QColor]:
    """What a label may be drawn on: the window, and the panes styles draw a shade off it.

    Fusion, for one, fills a dark tab pane noticeably lighter than the window
    (#2b2b2b → #434343), so helper text is checked against that shade too.
    """
    role = lambda r: pal.color(QPalette.ColorGroup.Active, r)  # noqa: E731
    window = role(QPalette.ColorRole.Window)
    out = [window, role(QPalette.ColorRole.Button), role(QPalette.ColorRole.AlternateBase)]
    out.append(window.lighter(160) if luminance(window) < 0.2 else window.darker(108))
    return out


def helper_colour(pal: QPalette) -> QColor:
    """The palette's text colour, softened toward the window colour while contrast stays >= 4.5:1."""
    text = pal.color(QPalette.ColorGroup.Active, QPalette.ColorRole.WindowText)
    window = pal.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Window)
    under = backgrounds(pal)
    t = 0.45
    while t > 0.0:
        c = QColor(_mix(text, window, t).name())
        if all(contrast(c, bg) >= MIN_CONTRAST + 0.1 for bg in under):  # margin for rounding
            return c
        t -= 0.05
    return QColor(text)


def error_colour(pal: QPalette) -> QColor:
    window = pal.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Window)
    choices = _ERROR_ON_DARK if luminance(window) < 0.2 else _ERROR_ON_LIGHT
    for name in choices:
        if all(contrast(QColor(name), bg) >= MIN_CONTRAST for bg in backgrounds(pal)):
            return QColor(name)
    return pal.color(QPalette.ColorGroup.Active, QPalette.ColorRole.WindowText)


class _ColouredLabel(QLabel):
    def __init__(self, text: str = "", parent: QWidget | None = None):
        super().__init__(text, parent)
        self._recolour()

    def colour_for(self, pal: QPalette) -> QColor:  # overridden
        raise NotImplementedError

    def _recolour(self) -> None:
        colour = self.colour_for(QGuiApplication.palette())
        if self.palette().color(QPalette.ColorRole.WindowText) == colour:
            return  # our own setPalette() comes back as a PaletteChange: nothing to do
        pal = QPalette(self.palette())
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
            pal.setColor(group, QPalette.ColorRole.WindowText, colour)
            pal.setColor(group, QPalette.ColorRole.Text, colour)
        self.setPalette(pal)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.ApplicationPaletteChange, QEvent.Type.PaletteChange):
            self._recolour()


class HelperLabel(_ColouredLabel):
    """Secondary, explanatory text: softer than body text, never below 4.5:1."""

    def colour_for(self, pal: QPalette) -> QColor:
        return helper_colour(pal)


class ErrorLabel(_ColouredLabel):
    """A problem line: red that reads at >= 4.5:1 on light and dark windows."""

    def colour_for(self, pal: QPalette) -> QColor:
        return error_colour(pal)


def dark_palette() -> QPalette:
    """The dark palette the screenshots and the contrast test use."""
    dark = QPalette()
    for role, colour in {
        QPalette.ColorRole.Window: "#2b2b2b",
        QPalette.ColorRole.WindowText: "#e6e6e6",
        QPalette.ColorRole.Base: "#1e1e1e",
        QPalette.ColorRole.AlternateBase: "#262626",
        QPalette.ColorRole.Text: "#e6e6e6",
        QPalette.ColorRole.Button: "#353535",
        QPalette.ColorRole.ButtonText: "#e6e6e6",
        QPalette.ColorRole.Highlight: "#2f6fde",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.Link: "#7fb0ff",
        QPalette.ColorRole.Mid: "#555555",
        QPalette.ColorRole.ToolTipBase: "#353535",
        QPalette.ColorRole.ToolTipText: "#e6e6e6",
        QPalette.ColorRole.PlaceholderText: "#9a9a9a",
    }.items():
        dark.setColor(role, QColor(colour))
    dark.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText, QColor("#8a8a8a"))
    dark.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor("#8a8a8a"))
    return dark
