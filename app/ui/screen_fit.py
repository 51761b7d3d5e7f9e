"""The size the main window opens at: 1280x700 at most, and always inside the screen with
room for the window manager's title bar and frame (a 1366x768 laptop, or 1024x600)."""

from __future__ import annotations

from app.qt import QRect, QSize

LARGEST = QSize(1280, 700)
FRAME = QSize(40, 60)  # a title bar, the frame's edges and a little margin, generously


def default_size(available: QRect) -> QSize:
    """`available`: the screen's available geometry (without panels and docks)."""
    return QSize(min(LARGEST.width(), available.width() - FRAME.width()),
                 min(LARGEST.height(), available.height() - FRAME.height()))
