"""Colours that follow the system's light or dark theme.

Qt follows the desktop's colour scheme and font size by itself; what would break that is a
fixed colour. The few the window uses for meaning (a problem, a warning, a success, an
unclear word) come from here and are chosen for at least 4.5:1 contrast (WCAG AA) against the
window's own background in either scheme. Meaning is never carried by colour alone.
"""

from __future__ import annotations

from app.qt import QApplication, QColor, QPalette

# (light theme, dark theme)
_COLOURS = {
    "error": ("#b3261e", "#ff8a80"),
    "warning": ("#8a5a00", "#ffcc80"),
    "success": ("#1b5e20", "#81c784"),
    "muted": ("#5f6368", "#b0b4b9"),
}
# Unclear or unchecked text: a highlight with its own text colour, readable in both schemes.
HIGHLIGHT_BACKGROUND = "#fff1c2"
HIGHLIGHT_TEXT = "#3d2c00"


def is_dark() -> bool:
    app = QApplication.instance()
    palette = app.palette() if isinstance(app, QApplication) else QPalette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def colour(role: str) -> str:
    light, dark = _COLOURS[role]
    return dark if is_dark() else light


def contrast(a: str | QColor, b: str | QColor) -> float:
    """WCAG contrast ratio between two colours (1 to 21)."""
    def luminance(c: QColor) -> float:
        def channel(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
        return (0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) +
                0.0722 * channel(c.blueF()))
    la, lb = sorted((luminance(QColor(a)), luminance(QColor(b))), reverse=True)
    return (la + 0.05) / (lb + 0.05)
