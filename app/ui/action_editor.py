"""The agreed actions as part of the note: what, who and by when, each with its evidence.

A table under the note's sentences (see note_editor.py), edited the same way: double-click or
F2 opens a cell, Enter keeps the change, Escape drops it. Add action (Ctrl+Shift+A, or Insert
in the table) starts a new one; Remove action (Delete in the table) takes the selected one
out. Every change is announced with `edited`; the note editor saves it with the sentences
(two seconds after the last change), so the approved note and every export carry the
actions as the practitioner left them.
"""

from __future__ import annotations

import copy
from typing import Any

from app.qt import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    Signal,
)
from app.ui.keys import shortcut

ROLE = Qt.ItemDataRole.UserRole
TEXT, OWNER, DUE, EVIDENCE = range(4)
NEW_OWNER = "practitioner"


class ActionEditor(QWidget):
    edited = Signal()               # an action was changed, added or removed
    citation_clicked = Signal(int)  # a segment the evidence cites

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.items: list[dict[str, Any]] = []  # the note's actions as shown
        self.read_only = True
        self.heading = QLabel("<b>Agreed actions</b>")
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("actionTable")
        self.table.setAccessibleName("Agreed actions; edit an action, who does it or by when")
        self.table.setHorizontalHeaderLabels(["Agreed action", "Who", "By when", "Evidence"])
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)
        self.table.setTabKeyNavigation(False)
        # Its heading and about two rows at the least, so a short screen keeps the rest for
        # the sentences above it (the splitter gives it more on a taller one).
        self.table.setMinimumHeight(self.table.fontMetrics().lineSpacing() * 4 + 12)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked |
                                   QAbstractItemView.EditTrigger.EditKeyPressed)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(TEXT, QHeaderView.ResizeMode.Stretch)
        for column in (OWNER, DUE, EVIDENCE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemChanged.connect(self._changed)
        self.table.cellClicked.connect(self._clicked)
        self.add_button = QPushButton("Add action")
        self.add_button.setAccessibleName("Add an agreed action (Ctrl+Shift+A)")
        self.add_button.setToolTip("Add an agreed action (Ctrl+Shift+A)")
        self.add_button.clicked.connect(self.add_action)
        self.remove_button = QPushButton("Remove action")
        self.remove_button.setAccessibleName("Remove the selected action (Delete)")
        self.remove_button.setToolTip("Remove the selected action (Delete, in the table)")
        self.remove_button.clicked.connect(self.remove_action)
        self.table.currentCellChanged.connect(lambda *_: self._refresh_buttons())
        shortcut("Ctrl+Shift+A", self, "Add an agreed action (in the note editor)",
                 self._add_if_allowed)
        delete = shortcut("Delete", self.table, "Remove the selected agreed action (in the "
                          "actions table)", self.remove_action)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        insert = shortcut("Insert", self.table, "Add an agreed action (in the actions table)",
                          self._add_if_allowed)
        insert.setContext(Qt.ShortcutContext.WidgetShortcut)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.add_button)
        top.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)

    def load(self, actions: list[dict[str, Any]], original: list[dict[str, Any]] | None,
             read_only: bool) -> None:
        """Show the note's actions; `original`: the AI's, for each row's tooltip."""
        self.items = copy.deepcopy(actions)
        self.read_only = read_only
        ai = {tuple(a.get("citations", [])): a["text"] for a in original or []}
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        for action in self.items:
            self._append(action, ai.get(tuple(action.get("citations", []))))
        self.table.blockSignals(False)
        self.table.resizeRowsToContents()
        self.add_button.setEnabled(not read_only)
        self._refresh_buttons()

    def _append(self, action: dict[str, Any], ai_text: str | None) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        editable = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not self.read_only:
            editable |= Qt.ItemFlag.ItemIsEditable
        for column, value in ((TEXT, action["text"]), (OWNER, action.get("owner") or ""),
                              (DUE, action.get("due") or "")):
            item = QTableWidgetItem(value)
            item.setFlags(editable)
            self.table.setItem(row, column, item)
        text = self.table.item(row, TEXT)
        if text is not None:
            text.setToolTip(f"The AI's wording: {ai_text}" if ai_text else
                            "Added by the practitioner")
        citations = list(action.get("citations", []))
        chips = QTableWidgetItem(" ".join(f"[{c}]" for c in citations) or "(none)")
        chips.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        chips.setData(ROLE, citations)
        chips.setToolTip("Click to see and hear the evidence" if citations else
                         "No evidence: added by the practitioner")
        self.table.setItem(row, EVIDENCE, chips)
        return row

    def _refresh_buttons(self) -> None:
        self.remove_button.setEnabled(not self.read_only and self.table.currentRow() >= 0)

    def _clicked(self, row: int, column: int) -> None:
        item = self.table.item(row, column)
        if column == EVIDENCE and item is not None and item.data(ROLE):
            self.citation_clicked.emit(int(item.data(ROLE)[0]))

    def _changed(self, item: QTableWidgetItem) -> None:
        row, column = item.row(), item.column()
        if self.read_only or not 0 <= row < len(self.items) or column == EVIDENCE:
            return
        value = " ".join(item.text().split())
        action = self.items[row]
        new: str | None = value
        if column == TEXT:
            if not value:  # an emptied action is removed with Remove action, not by blanking
                self.table.blockSignals(True)
                item.setText(action["text"])
                self.table.blockSignals(False)
                return
            key = "text"
        elif column == OWNER:
            key = "owner"
        else:
            key, new = "due", value or None
        if action.get(key) == new:
            return
        action[key] = new
        self.table.resizeRowToContents(row)
        self.edited.emit()

    def _add_if_allowed(self) -> None:
        if not self.read_only and self.isVisible():
            self.add_action()

    def add_action(self) -> None:
        """A new action, practitioner's by default, open for its words."""
        if self.read_only:
            return
        action: dict[str, Any] = {"text": "New action", "owner": NEW_OWNER, "due": None,
                                  "citations": []}
        self.items.append(action)
        self.table.blockSignals(True)
        row = self._append(action, None)
        self.table.blockSignals(False)
        self.edited.emit()
        item = self.table.item(row, TEXT)
        if item is not None:
            self.table.setCurrentItem(item)
            self.table.scrollToItem(item)
            self.table.setFocus()
            self.table.editItem(item)

    def remove_action(self) -> None:
        row = self.table.currentRow()
        if self.read_only or not 0 <= row < len(self.items):
            return
        del self.items[row]
        self.table.removeRow(row)
        self._refresh_buttons()
        self.edited.emit()
