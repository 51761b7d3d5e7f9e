"""Window-wide keys that outlive their buttons' labels, each with the words F1 lists it under.

A QPushButton's own shortcut is reset by every setText (Qt makes the label's '&' mnemonic the
new shortcut, or none): Play becoming Pause, or Edit note becoming View note, lost Ctrl+Space
and Ctrl+Shift+E after one use. A QShortcut belongs to the window, not the label.
"""

from __future__ import annotations

from collections.abc import Callable

from app.qt import QKeySequence, QShortcut, QWidget


def shortcut(keys: str, parent: QWidget, description: str,
             slot: Callable[[], object]) -> QShortcut:
    """`keys` for `slot` while `parent`'s window is active and `parent` is enabled and shown;
    `description` is what the F1 list says it does."""
    made = QShortcut(QKeySequence(keys), parent)
    made.setWhatsThis(description)
    made.activated.connect(slot)
    return made
