"""Visits grouped by where they are (recording, to transcribe, draft ready, approved,
exported), newest first, with a search over people, case references and the words of notes
and transcripts; choosing one opens its transcript and note."""

from __future__ import annotations

from typing import Any

from app.qt import (
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)

STATE_LABELS = {"new": "new", "recording": "recording", "recorded": "recorded",
                "transcribed": "transcribed", "drafted": "draft ready", "approved": "approved",
                "exported": "exported"}


GROUPS = [("Recording", ("new", "recording")), ("To transcribe", ("recorded",)),
          ("Transcribed", ("transcribed",)), ("Draft ready", ("drafted",)),
          ("Approved", ("approved",)), ("Exported", ("exported",))]


class VisitsPanel(QWidget):
    visit_chosen = Signal(int)
    search_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QListWidget()
        self.list.setObjectName("visitList")
        self.list.setAccessibleName("Visits")
        self.list.itemActivated.connect(self._chosen)
        # A click or an arrow key makes a visit current, and the current visit is the open
        # one: the panes never show another visit than the one the list shows.
        self.list.currentItemChanged.connect(lambda item, _previous: self._chosen(item))
        # Long names are elided (the whole text is in the tooltip), never scrolled to.
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search people, cases, words…")
        self.search.setAccessibleName("Search visits")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.search_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 4, 8)
        layout.addWidget(QLabel("<b>Visits</b>"))
        layout.addWidget(self.search)
        layout.addWidget(self.list)

    def set_visits(self, visits: list[dict[str, Any]], current: int | None = None) -> None:
        """List `visits`; `current` (the open visit) is made the current row, quietly: it is
        open already."""
        self.list.blockSignals(True)
        try:
            self._fill(visits, current)
        finally:
            self.list.blockSignals(False)

    def _fill(self, visits: list[dict[str, Any]], current: int | None) -> None:
        self.list.clear()
        for title, states in GROUPS:
            group = [v for v in visits if v["state"] in states]
            if not group:
                continue
            heading = QListWidgetItem(f"{title} ({len(group)})")
            # Enabled (so it is drawn in the text colour, not the faint disabled grey) but
            # not selectable: a heading, not a visit.
            heading.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = heading.font()
            font.setBold(True)
            heading.setFont(font)
            self.list.addItem(heading)
            for v in group:
                item = QListWidgetItem(f"{v['person']}\n{v['case']} · "
                                       f"{STATE_LABELS.get(v['state'], v['state'])}")
                item.setData(Qt.ItemDataRole.UserRole, v["id"])
                item.setToolTip(item.text())
                self.list.addItem(item)
                if v["id"] == current:
                    self.list.setCurrentItem(item)
        if not visits:
            # Short lines: the list elides a line too wide for it (at 1024x600, 150 px).
            text = ("No visits match\nthe search." if self.search.text().strip() else
                    "No visits yet.\nStart one with\nNew visit (Ctrl+N).")
            placeholder = QListWidgetItem(text)
            placeholder.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.list.addItem(placeholder)

    def _chosen(self, item: QListWidgetItem | None) -> None:
        visit_id = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if visit_id is not None:
            self.visit_chosen.emit(int(visit_id))
