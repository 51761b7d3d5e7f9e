"""Editing the note sentence by sentence, and its agreed actions (action_editor.py), with the
evidence beside each and the AI's original wording on demand; edits are saved to the vault
two seconds after the last keystroke (and at once when the vault locks or the window
closes), so a crash loses at most those seconds."""

from __future__ import annotations

import copy
import difflib
from html import escape
from typing import Any

from app.qt import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
)
from app.ui.action_editor import ActionEditor
from app.ui.rich_sentence import RichSentenceDelegate
from app.ui.theme import colour
from storage.exports.emphasis import plain

AUTOSAVE_MS = 2000
ROLE = Qt.ItemDataRole.UserRole


def diff_html(before: str, after: str) -> str:
    """Word-level difference: removed words struck through, added words underlined."""
    a, b = before.split(), after.split()
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b).get_opcodes():
        if op == "equal":
            out.append(escape(" ".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(f"<s style='color:{colour('error')}'>{escape(' '.join(a[i1:i2]))}</s>")
        if j2 > j1:
            out.append(f"<u style='color:{colour('success')}'>{escape(' '.join(b[j1:j2]))}</u>")
    return " ".join(out)


def key_tuple(key: Any) -> tuple[str, int]:
    section_id, n = key
    return str(section_id), int(n)


class NoteEditor(QWidget):
    save_requested = Signal(object)  # the note content, to store
    citation_clicked = Signal(int)
    sentence_edited = Signal(str, int)  # section id, sentence number: its words changed

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.content: dict[str, Any] | None = None
        self.original: dict[str, Any] | None = None
        self.dirty = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(AUTOSAVE_MS)
        self.timer.timeout.connect(self.flush)
        self.table = QTableWidget(0, 3)
        self.table.setAccessibleName("Note sentences; edit a sentence to change the note")
        self.table.setHorizontalHeaderLabels(["Sentence", "Evidence",
                                              "AI's wording (your changes marked)"])
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked |
                                   QAbstractItemView.EditTrigger.EditKeyPressed)
        self.delegate = RichSentenceDelegate(self.table)
        self.table.setItemDelegateForColumn(0, self.delegate)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnHidden(2, True)
        header.sectionResized.connect(lambda *_: self._fit_rows())
        self.table.itemChanged.connect(self._edited)
        self.table.cellClicked.connect(self._clicked)
        self.show_ai = QCheckBox("Show the AI's original wording")
        self.show_ai.toggled.connect(self._show_ai)
        self.state = QLabel("Double-click a sentence (or press F2) to edit it; B and I (Ctrl+B, "
                            "Ctrl+I) emphasise words; Enter keeps the change, Escape drops "
                            "it. Edits are saved as you go.")
        self.state.setWordWrap(True)
        tools = QHBoxLayout()
        tools.addWidget(self.show_ai, 1)
        for label, attribute, name in (("B", "bold", "Bold (Ctrl+B, while editing a sentence)"),
                                       ("I", "italic", "Italic (Ctrl+I, while editing a "
                                                       "sentence)")):
            button = QPushButton(label)
            font = button.font()
            font.setBold(attribute == "bold")
            font.setItalic(attribute == "italic")
            button.setFont(font)
            button.setFixedWidth(button.fontMetrics().horizontalAdvance("MM") + 16)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the sentence editor keeps focus
            button.setAccessibleName(name)
            button.setToolTip(name)
            button.clicked.connect(lambda _=False, a=attribute: self.emphasise(a))
            tools.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(tools)
        self.action_editor = ActionEditor()
        self.action_editor.edited.connect(self._actions_edited)
        self.action_editor.citation_clicked.connect(self.citation_clicked)
        parts = QSplitter(Qt.Orientation.Vertical)
        parts.addWidget(self.table)
        parts.addWidget(self.action_editor)
        parts.setStretchFactor(0, 3)
        parts.setStretchFactor(1, 1)
        parts.setChildrenCollapsible(False)
        # Most of the room to the sentences from the start (the actions' table would otherwise
        # take its default height, leaving a short window's sentences a row and a half).
        parts.setSizes([3000, 1000])
        layout.addWidget(parts, 1)
        layout.addWidget(self.state)

    def load(self, content: dict[str, Any], original: dict[str, Any] | None,
             read_only: bool) -> None:
        self.flush()
        self.content = copy.deepcopy(content)
        self.original = original
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        before = {(s["id"], n): x["text"] for s in (original or {}).get("sections", [])
                  for n, x in enumerate(s.get("sentences", []))}
        for section in self.content.get("sections", []):
            row = self.table.rowCount()
            self.table.insertRow(row)
            heading = QTableWidgetItem(section["title"])
            heading.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = heading.font()
            font.setBold(True)
            heading.setFont(font)
            self.table.setItem(row, 0, heading)
            for n, sentence in enumerate(section.get("sentences", [])):
                row = self.table.rowCount()
                self.table.insertRow(row)
                text = QTableWidgetItem(sentence["text"])
                text.setData(ROLE, (section["id"], n))
                flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                if not read_only:
                    flags |= Qt.ItemFlag.ItemIsEditable
                text.setFlags(flags)
                chips = QTableWidgetItem(" ".join(f"[{c}]" for c in sentence["citations"]))
                chips.setFlags(Qt.ItemFlag.ItemIsEnabled)
                chips.setToolTip("Click to see and hear the evidence")
                chips.setData(ROLE, list(sentence["citations"]))
                self.table.setItem(row, 0, text)
                self.table.setItem(row, 1, chips)
                self._show_diff(row, before.get((section["id"], n)), sentence["text"])
        self.table.blockSignals(False)
        self._fit_rows()
        self.action_editor.load(self.content.get("actions", []),
                                (original or {}).get("actions"), read_only)
        self.state.setText("Approved: read-only. Amend to change it." if read_only else
                           "Double-click a sentence (or press F2) to edit it; B and I (Ctrl+B, "
                           "Ctrl+I) emphasise words; Enter keeps the change, Escape drops "
                           "it. Edits are saved as you go.")

    def emphasise(self, attribute: str) -> None:
        """Bold or italic for the selected words of the sentence being edited."""
        if self.delegate.editor is None:
            self.state.setText("Open a sentence first (double-click it or press F2), select "
                               "the words, then press B or I.")
            return
        self.delegate.editor.toggle(attribute)

    def _show_ai(self, on: bool) -> None:
        self.table.setColumnHidden(2, not on)
        self._fit_rows()

    def _fit_rows(self, only: int | None = None) -> None:
        """Each row as tall as its wrapped sentence, or the marked-up AI wording beside it
        (a cell widget, which the table does not measure by itself)."""
        rows = range(self.table.rowCount()) if only is None else [only]
        width = self.table.columnWidth(2)
        for row in rows:
            self.table.resizeRowToContents(row)
            label = self.table.cellWidget(row, 2)
            if isinstance(label, QLabel) and not self.table.isColumnHidden(2) and width > 0:
                margins = label.contentsMargins()
                needed = label.heightForWidth(width - margins.left() - margins.right())
                needed += margins.top() + margins.bottom() + 2
                if needed > self.table.rowHeight(row):
                    self.table.setRowHeight(row, needed)

    def _show_diff(self, row: int, before: str | None, after: str) -> None:
        """The AI's sentence with the practitioner's changes marked: removed words struck
        through, added ones underlined (colour is not the only cue). One label per row,
        updated in place."""
        label = self.table.cellWidget(row, 2)
        if not isinstance(label, QLabel):
            label = QLabel()
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setAccessibleName("The AI's wording and your changes")
            label.setContentsMargins(4, 2, 4, 2)
            self.table.setCellWidget(row, 2, label)
        if before is None:
            label.setText("<i>(not in the AI's draft)</i>")
        elif plain(before) == plain(after):
            note = "(unchanged)" if before == after else "(emphasis added)"
            label.setText(f"{escape(plain(before))} <i>{note}</i>")
        else:
            label.setText(diff_html(plain(before), plain(after)))

    def _clicked(self, row: int, column: int) -> None:
        item = self.table.item(row, column)
        if column == 1 and item is not None and item.data(ROLE):
            self.citation_clicked.emit(int(item.data(ROLE)[0]))

    def _edited(self, item: QTableWidgetItem) -> None:
        key = item.data(ROLE)
        if self.content is None or item.column() != 0 or not key:
            return
        section_id, n = key
        section = next(s for s in self.content["sections"] if s["id"] == section_id)
        text = " ".join(item.text().split())
        if not text or text == section["sentences"][n]["text"]:
            return
        section["sentences"][n]["text"] = text
        before = {(s["id"], m): x["text"] for s in (self.original or {}).get("sections", [])
                  for m, x in enumerate(s.get("sentences", []))}
        self._show_diff(item.row(), before.get(key_tuple(key)), text)
        self._fit_rows(item.row())
        self.dirty = True
        self.state.setText("Editing… (saved two seconds after you stop typing)")
        self.timer.start()
        self.sentence_edited.emit(section_id, n)

    def _actions_edited(self) -> None:
        if self.content is None:
            return
        self.content["actions"] = copy.deepcopy(self.action_editor.items)
        self.dirty = True
        self.state.setText("Editing… (saved two seconds after you stop typing)")
        self.timer.start()

    def open_sentence(self, section_id: str, n: int) -> bool:
        """Select one sentence, with its evidence beside it, and open it for editing."""
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            if item is not None and item.data(ROLE) and \
                    key_tuple(item.data(ROLE)) == (section_id, n):
                self.table.setCurrentItem(item)
                self.table.scrollToItem(item)
                self.table.setFocus()
                if item.flags() & Qt.ItemFlag.ItemIsEditable:
                    self.table.editItem(item)
                return True
        return False

    def flush(self) -> None:
        """Save now if anything changed (the autosave timer, locking, closing)."""
        self.timer.stop()
        if self.dirty and self.content is not None:
            self.dirty = False
            self.save_requested.emit(copy.deepcopy(self.content))
            self.state.setText("All edits saved in the vault.")

    def changed_html(self) -> str:
        """Every changed sentence as a word-level diff against the AI's wording."""
        if self.content is None or self.original is None:
            return ""
        before = {(s["id"], n): x["text"] for s in self.original.get("sections", [])
                  for n, x in enumerate(s.get("sentences", []))}
        rows = [diff_html(before[(s["id"], n)], x["text"])
                for s in self.content.get("sections", [])
                for n, x in enumerate(s.get("sentences", []))
                if (s["id"], n) in before and before[(s["id"], n)] != x["text"]]
        return "<br>".join(rows)
