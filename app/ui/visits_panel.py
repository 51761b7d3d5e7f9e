"""Recent visits, newest first; choosing one opens its transcript and note."""

from __future__ import annotations

from typing import Any

from app.qt import QLabel, QListWidget, QListWidgetItem, Qt, QVBoxLayout, QWidget, Signal

STATE_LABELS = {"new": "new", "recording": "recording", "recorded": "recorded",
                "transcribed": "transcribed", "drafted": "draft ready", "approved": "approved",
                "exported": "exported"}


class VisitsPanel(QWidget):
    visit_chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QListWidget()
        self.list.setObjectName("visitList")
        self.list.setAccessibleName("Visits")
        self.list.itemActivated.connect(self._chosen)
        self.list.itemClicked.connect(self._chosen)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 4, 8)
        layout.addWidget(QLabel("<b>Visits</b>"))
        layout.addWidget(self.list)

    def set_visits(self, visits: list[dict[str, Any]], current: int | None = None) -> None:
        self.list.clear()
        for v in visits:
            item = QListWidgetItem(f"{v['person']}\n{v['case']} · "
                                   f"{STATE_LABELS.get(v['state'], v['state'])}")
            item.setData(Qt.ItemDataRole.UserRole, v["id"])
            self.list.addItem(item)
            if v["id"] == current:
                item.setSelected(True)
        if not visits:
            placeholder = QListWidgetItem("No visits yet.\nStart one with New visit (Ctrl+N).")
            placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addItem(placeholder)

    def _chosen(self, item: QListWidgetItem) -> None:
        visit_id = item.data(Qt.ItemDataRole.UserRole)
        if visit_id is not None:
            self.visit_chosen.emit(int(visit_id))
