"""The main window's keyboard part: F6 / Ctrl+Tab between the panes, and the F1 list of
every shortcut.

Tab moves between the controls of a pane (the transcript and the lists are one Tab stop
each); F6 and Ctrl+Tab move between the panes themselves, visits -> transcript -> draft ->
flags and round again, with Shift for the other way, as in a browser or a mail client.
"""

from __future__ import annotations

from app.qt import (
    QAction,
    QApplication,
    QKeySequence,
    QMessageBox,
    QShortcut,
    Qt,
    QWidget,
)
from app.ui.keys import shortcut
from app.ui.window_base import WindowBase

NEXT_PANE = "Next pane: visits, transcript, draft, flags"
PREVIOUS_PANE = "Previous pane"
# Keys that belong to a widget rather than to a shortcut, so no QShortcut can list them.
OTHER_KEYS = [
    ("Tab / Shift+Tab", "Next / previous control within a pane"),
    ("Alt+A / Alt+E / Alt+D", "Accept, edit or dismiss the chosen flag"),
    ("Alt+P / Alt+M", "Approve / amend the note"),
    ("Shift+F10", "On a transcript segment: who spoke, correct the words"),
    ("Enter", "On a transcript segment or a citation: play it"),
    ("F2", "In the note editor: edit the chosen sentence or action"),
    ("Ctrl+B / Ctrl+I", "While editing a sentence: bold / italic"),
    ("Enter / Escape", "While editing a sentence: keep / drop the change"),
]


class KeysPart(WindowBase):
    def _install_keys(self) -> None:
        for keys in ("F6", "Ctrl+Tab"):
            shortcut(keys, self, NEXT_PANE, lambda: self.move_to_pane(1))
        for keys in ("Shift+F6", "Ctrl+Shift+Tab"):
            shortcut(keys, self, PREVIOUS_PANE, lambda: self.move_to_pane(-1))

    # -- panes ---------------------------------------------------------------------------
    def _panes(self) -> list[tuple[QWidget, QWidget | None]]:
        """Each pane: the area it covers, and the control that takes the focus in it."""
        draft = self.draft_panel
        page = draft.pages.currentWidget()
        editor = draft.editor.table if page is draft.editor else page
        transcript = self.transcript_panel
        target = (transcript.table if transcript.table.isVisible() else
                  transcript.sample_button)
        middle = transcript.parentWidget() or transcript
        return [(self.visits_panel, self.visits_panel.list), (middle, target),
                (draft.pages, editor), (draft, draft.flags)]

    def move_to_pane(self, step: int) -> None:
        if self.session is None:
            return
        panes = self._panes()
        focus = QApplication.focusWidget()
        here = next((n for n, (area, _target) in enumerate(panes)
                     if focus is not None and (focus is area or area.isAncestorOf(focus))),
                    None)
        if here is None:
            here = -1 if step > 0 else len(panes)
        elif here == len(panes) - 1 and self.draft_panel.edit_button is focus:
            here = 2  # Edit note sits above the draft, in its pane
        for n in range(1, len(panes) + 1):
            target = panes[(here + step * n) % len(panes)][1]
            if target is not None and target.isVisible() and target.isEnabled():
                target.setFocus(Qt.FocusReason.ShortcutFocusReason)
                return

    # -- help ----------------------------------------------------------------------------
    def on_shortcuts(self) -> None:
        rows: dict[str, list[str]] = {}
        for act in self.findChildren(QAction):
            keys = act.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            if keys and act.text():
                rows.setdefault(act.text().replace("&", ""), []).append(keys)
        for key in self.findChildren(QShortcut):
            keys = key.key().toString(QKeySequence.SequenceFormat.NativeText)
            if keys and key.whatsThis():
                rows.setdefault(key.whatsThis(), []).append(keys)
        listed = sorted((" / ".join(dict.fromkeys(keys)), what) for what, keys in rows.items())
        html = "".join(f"<tr><td style='padding-right:16px'><b>{keys}</b></td><td>{what}</td>"
                       "</tr>" for keys, what in listed + OTHER_KEYS)
        box = QMessageBox(QMessageBox.Icon.Information, "Keyboard shortcuts",
                          f"<table>{html}</table>", QMessageBox.StandardButton.Ok, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.shortcuts_box = box
        box.open()
