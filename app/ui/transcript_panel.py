"""The transcript: timed segments in a table that grows as transcription proceeds.

Its Speaker column shows who said each segment: the label the recording, the voice profile
("practitioner", "other") or the practitioner gave. It is edited in place (double-click the
cell, or F2 on a segment; type a role or a name, "Priya (daughter)"; Enter keeps it, Escape
drops it) and saved through the service layer, so the next draft names that speaker."""

from __future__ import annotations

from app.qt import (
    QAbstractItemView,
    QColor,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    Signal,
)
from app.ui.keys import shortcut
from app.ui.theme import HIGHLIGHT_BACKGROUND, HIGHLIGHT_TEXT
from summarise.unsure import unclear_words
from transcription.transcript import Segment

_HINT = ("Open a recording to begin (Ctrl+O).\n\n"
         "New to Casenotes? Try it on a short, fictional home visit first.")


def clock(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    return f"{minutes:02d}:{secs:02d}"


SPEAKERS = ("practitioner", "person", "carer", "other")
SPEAKER = 2  # the Speaker column


class TranscriptPanel(QWidget):
    sample_requested = Signal()
    segment_activated = Signal(int)      # clicked or Enter: play it
    speaker_changed = Signal(int, str)   # segment index, new speaker
    correction_requested = Signal(int)   # segment index: correct its words

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel("<b>Transcript</b>")
        self.hint = QLabel(_HINT)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: palette(placeholder-text); padding: 24px;")
        self.sample_button = QPushButton("Try the sample recording")
        self.sample_button.setAccessibleName("Open the sample recording")
        self.sample_button.clicked.connect(self.sample_requested)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("transcriptTable")
        self.table.setAccessibleName("Transcript segments")
        self.table.setHorizontalHeaderLabels(["#", "Time", "Speaker", "What was said"])
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Only the Speaker cells are editable; F2 (below) opens the chosen segment's.
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked)
        self.table.itemChanged.connect(self._speaker_typed)
        name = shortcut("F2", self.table, "On a transcript segment: type who spoke",
                        self.edit_speaker)
        name.setContext(Qt.ShortcutContext.WidgetShortcut)
        self.table.setWordWrap(True)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table: arrows move within it
        self.table.cellClicked.connect(lambda row, _col: self.segment_activated.emit(row))
        self.table.cellActivated.connect(lambda row, _col: self.segment_activated.emit(row))
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._menu)
        self.table.setToolTip("Double-click a speaker (or press F2) to type who spoke, such "
                              "as Priya (daughter); right-click a segment (or Shift+F10) to "
                              "choose who spoke or correct the words")
        header = self.table.horizontalHeader()
        for col in (0, 1, 2):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        layout = self._layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 4, 8)
        layout.addWidget(self.heading)
        layout.addStretch(1)
        layout.addWidget(self.hint)
        layout.addWidget(self.sample_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.table, 1)
        layout.addStretch(1)
        self.table.hide()

    def clear(self, heading: str = "Transcript") -> None:
        self.heading.setText(f"<b>{heading}</b>")
        self.table.setRowCount(0)
        self.table.show()
        self.hint.hide()
        self.sample_button.hide()
        self._layout.setStretch(1, 0)
        self._layout.setStretch(self._layout.count() - 1, 0)

    def append(self, segment: Segment) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        cells = (str(row), clock(segment.start), segment.speaker or "", segment.text)
        unclear = [w.text for w in unclear_words(segment.words)]
        self.table.blockSignals(True)
        for col, value in enumerate(cells):
            item = QTableWidgetItem(value)
            flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
            if col == SPEAKER:
                flags |= Qt.ItemFlag.ItemIsEditable
                item.setData(Qt.ItemDataRole.UserRole, value)  # as stored
                item.setToolTip("Who spoke: double-click (or F2) to type a role or a name")
            item.setFlags(flags)
            if col < 2:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            if col == 3 and unclear:
                # Marked in words as well as colour, for screen readers and colour blindness.
                note = f"Unclear words: {', '.join(unclear)}. Check them against the audio."
                item.setToolTip(note)
                item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, note)
                item.setBackground(QColor(HIGHLIGHT_BACKGROUND))
                item.setForeground(QColor(HIGHLIGHT_TEXT))
            self.table.setItem(row, col, item)
        self.table.blockSignals(False)
        self.table.resizeRowToContents(row)
        self.table.scrollToBottom()

    def _menu(self, position) -> None:  # type: ignore[no-untyped-def]
        row = self.table.currentRow()
        if row < 0:
            return
        menu = QMenu(self)
        who = menu.addMenu("Who spoke")
        for speaker in SPEAKERS:
            act = who.addAction(speaker.capitalize())
            act.triggered.connect(lambda _=False, s=speaker: self.speaker_changed.emit(row, s))
        who.addSeparator()
        who.addAction("Type a name… (F2)").triggered.connect(self.edit_speaker)
        menu.addAction("Correct the words…").triggered.connect(
            lambda: self.correction_requested.emit(row))
        menu.popup(self.table.viewport().mapToGlobal(position))
        self.menu = menu

    def edit_speaker(self) -> None:
        """Open the chosen segment's Speaker cell for typing."""
        item = self.table.item(self.table.currentRow(), SPEAKER)
        if item is not None:
            self.table.setCurrentItem(item)
            self.table.editItem(item)

    def _speaker_typed(self, item: QTableWidgetItem) -> None:
        if item.column() != SPEAKER:
            return
        name = " ".join(item.text().split())
        stored = item.data(Qt.ItemDataRole.UserRole) or ""
        if not name or name == stored:  # nothing typed, or nothing changed: as stored
            self.table.blockSignals(True)
            item.setText(stored)
            self.table.blockSignals(False)
            return
        self.speaker_changed.emit(item.row(), name)

    def update_segment(self, index: int, text: str, speaker: str | None) -> None:
        """Show a segment as stored (after a correction, or a refused one)."""
        if 0 <= index < self.table.rowCount():
            self.table.blockSignals(True)
            self.table.item(index, 3).setText(text)  # type: ignore[union-attr]
            who = self.table.item(index, SPEAKER)
            if who is not None:
                who.setText(speaker or "")
                who.setData(Qt.ItemDataRole.UserRole, speaker or "")
            self.table.blockSignals(False)

    def follow(self, seconds: float, starts: list[float]) -> None:
        """Highlight the segment being played (without moving the keyboard focus, or closing
        a speaker being typed: moving the current row would end the edit)."""
        if self.table.state() == QAbstractItemView.State.EditingState:
            return
        row = max((i for i, start in enumerate(starts) if start <= seconds), default=-1)
        if row >= 0 and row != self.table.currentRow():
            self.table.blockSignals(True)
            self.table.selectRow(row)
            self.table.blockSignals(False)
            item = self.table.item(row, 0)
            if item is not None:
                self.table.scrollToItem(item)

    def segment_count(self) -> int:
        return self.table.rowCount()

    def show_segment(self, index: int) -> None:
        if 0 <= index < self.table.rowCount():
            self.table.selectRow(index)
            item = self.table.item(index, 3)
            if item is not None:
                self.table.scrollToItem(item, QAbstractItemView.ScrollHint.PositionAtCenter)
            self.table.setFocus()
