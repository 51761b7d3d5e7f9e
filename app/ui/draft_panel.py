"""The cited draft and the flags the practitioner must resolve before approval."""

from __future__ import annotations

from typing import Any

from app.qt import (
    QGuiApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    Qt,
    QTextBrowser,
    QUrl,
    QVBoxLayout,
    QWidget,
    Signal,
)
from app.ui.draft_html import render
from app.ui.keys import shortcut
from app.ui.note_editor import NoteEditor
from app.ui.review import ReviewBar, flag_status
from storage.exports.emphasis import plain
from summarise.draft import Draft, DraftSection, Flag


class DraftPanel(QWidget):
    citation_clicked = Signal(int)
    redraft_requested = Signal(str)  # section id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel("<b>Draft note</b>")
        self.browser = QTextBrowser()
        self.browser.setObjectName("draftView")
        self.browser.setAccessibleName("Draft case note")
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self.on_anchor)
        # One line, never wrapped (a placeholder is not): it fits the pane at 1024x600.
        self.browser.setPlaceholderText("The cited draft appears here after Draft note (Ctrl+D).")
        self.flags_heading = QLabel("<b>Flags to resolve</b>")
        self.flags = QListWidget()
        self.flags.setObjectName("flagList")
        self.flags.setAccessibleName("Flags to resolve before approval")
        self.flags.setWordWrap(True)
        # Two lines of a flag at the least, not the list's default of four: on a 600-pixel
        # screen the rest is the note's (its sentences and actions were a row and a half).
        self.flags.setMinimumHeight(self.flags.fontMetrics().lineSpacing() * 2 + 12)
        self.flags.itemActivated.connect(self.on_flag_activated)
        self.flags.itemClicked.connect(self.on_flag_activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 8, 8, 8)
        self.editor = NoteEditor()
        self.editor.citation_clicked.connect(self.citation_clicked)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.browser)
        self.pages.addWidget(self.editor)
        self.edit_button = QPushButton("Edit &note")
        self.edit_button.setCheckable(True)
        self.edit_button.setAccessibleName("Edit the note sentence by sentence (Ctrl+Shift+E)")
        self.edit_button.toggled.connect(self._edit_mode)
        shortcut("Ctrl+Shift+E", self, "Edit the note sentence by sentence, or back to the "
                 "cited note", self._toggle_editor)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.edit_button)
        layout.addLayout(top)
        layout.addWidget(self.pages, 3)
        layout.addWidget(self.flags_heading)
        layout.addWidget(self.flags, 1)
        self.review = ReviewBar()
        layout.addWidget(self.review)
        self.flags.currentRowChanged.connect(lambda _row: self._refresh_review())
        self.sections: list[DraftSection] = []
        self.note: dict[str, Any] | None = None
        self.title = ""  # the template's, for the heading
        self._offer_editing(None)

    def _offer_editing(self, note: dict[str, Any] | None) -> None:
        """Edit note only where the edits can be kept: a working note, never an approved one
        (read-only: Amend makes the version that can change) nor a draft still running."""
        approved = note is not None and note["status"] == "approved"
        self.edit_button.setEnabled(note is not None and not approved)
        if approved:
            tip = ("This note is approved and read-only. To change it, Amend… (Alt+M) makes a "
                   "new version, with your reason on the record.")
        elif note is None:
            tip = "There is no saved draft to edit yet: Draft note (Ctrl+D) first."
        else:
            tip = "Edit the note sentence by sentence, or go back to the cited note " \
                  "(Ctrl+Shift+E)"
        self.edit_button.setToolTip(tip)

    def _toggle_editor(self) -> None:
        if self.edit_button.isEnabled():
            self.edit_button.click()

    def _edit_mode(self, on: bool) -> None:
        if not on:
            self.editor.flush()
        self.pages.setCurrentWidget(self.editor if on else self.browser)
        self.edit_button.setText("View &note" if on else "Edit &note")

    def _set_heading(self, approved: bool) -> None:
        kind = "Approved note" if approved else "Draft note"
        self.heading.setText(f"<b>{kind}: {self.title}</b>" if self.title else f"<b>{kind}</b>")

    def set_note(self, note: dict[str, Any] | None, provenance: str = "",
                 original: dict[str, Any] | None = None, title: str | None = None) -> None:
        """The working note from the vault: flags with their decisions, approval state.
        `title`: the note's template title, for the heading (None: the one shown stays)."""
        self.note = note
        self.provenance = provenance
        if title is not None:
            self.title = title
        approved = note is not None and note["status"] == "approved"
        if approved and self.edit_button.isChecked():
            self.edit_button.setChecked(False)  # before the editor is loaded read-only
        self._offer_editing(note)
        if note is not None:
            self._set_heading(approved)
            self.editor.load(note["content"], original, approved)
            if approved:  # no Rewrite links on a read-only note
                draft = Draft.from_dict(note["content"])
                self.browser.setHtml(render(draft.sections, draft.actions, model=draft.model,
                                            finished=True, notices=draft.notices,
                                            editable=False, writers=draft.writers()))
        elif self.edit_button.isChecked():
            self.edit_button.setChecked(False)
        row = self.flags.currentRow()
        if note is not None:
            self.flags.clear()
            for flag in note["content"].get("flags", []):
                self._add_flag(Flag(flag["kind"], flag["category"], flag["message"],
                                    tuple(flag["citations"])), flag_status(flag))
            open_flags = note["open_flags"]
            self.flags_heading.setText(
                f"<b>Flags: {open_flags} of {self.flags.count()} left to resolve</b>"
                if self.flags.count() else "<b>No flags: still check every sentence</b>")
            if self.flags.count():
                self.flags.setCurrentRow(min(max(row, 0), self.flags.count() - 1))
        self._refresh_review()

    def settle_focus(self, before: QWidget | None) -> None:
        """Keep the keyboard focus in this panel after the note is reloaded (a flag resolved,
        the note approved). Reloading empties the flag list for a moment, which disables the
        review buttons, and Qt moves the focus of a disabled or hidden widget on to the next
        one in the window: the visits search box. `before`: where the focus was."""
        if before is None or not self.isAncestorOf(before):
            return
        target: QWidget | None = before
        if self.review.isAncestorOf(before) or not (before.isVisible() and before.isEnabled()):
            target = self.flags if self.flags.count() else self.pages.currentWidget()
        if target is not None:
            target.setFocus(Qt.FocusReason.OtherFocusReason)

    def _refresh_review(self) -> None:
        row = self.flags.currentRow()
        flags = self.note["content"].get("flags", []) if self.note else []
        chosen = flags[row] if 0 <= row < len(flags) else None
        self.review.show_note(self.note, has_choice=row >= 0,
                              provenance=getattr(self, "provenance", ""),
                              editable=self.flag_sentence(row) is not None,
                              resolved=chosen if chosen and chosen.get("resolution") else None)

    def flag_sentence(self, index: int) -> tuple[str, int] | None:
        """The sentence a flag is about: the one it names, or else the first sentence that
        cites its evidence; None when the note has no such sentence."""
        if self.note is None:
            return None
        content = self.note["content"]
        flags = content.get("flags", [])
        if not 0 <= index < len(flags):
            return None
        flag = flags[index]
        sections = content.get("sections", [])
        if flag.get("section") is not None and flag.get("sentence") is not None:
            named = next((s for s in sections if s["id"] == flag["section"]), None)
            if named is not None and 0 <= flag["sentence"] < len(named["sentences"]):
                return str(named["id"]), int(flag["sentence"])
            return None
        cited = set(flag.get("citations", []))
        return next(((str(s["id"]), n) for s in sections
                     for n, x in enumerate(s.get("sentences", []))
                     if cited & set(x["citations"])), None)

    def open_sentence(self, section_id: str, n: int) -> None:
        """Show the note editor with one sentence open for editing."""
        self.edit_button.setChecked(True)
        self.editor.open_sentence(section_id, n)

    def start(self, template_title: str, total_sections: int) -> None:
        self.title = template_title
        self._set_heading(False)
        self.sections = []
        self.total = total_sections
        self.browser.setHtml(render([], pending=total_sections))
        self.flags.clear()
        self.flags_heading.setText("<b>Flags to resolve</b>")
        self.note = None
        if self.edit_button.isChecked():
            self.edit_button.setChecked(False)
        self._offer_editing(None)  # nothing stored to edit until the draft is saved
        self._refresh_review()

    def add_section(self, section: DraftSection) -> None:
        """A new section, or a better one in place of the section with its id (a capable model
        replaces the extractive draft section by section)."""
        ids = [s.id for s in self.sections]
        if section.id in ids:
            self.sections[ids.index(section.id)] = section
        else:
            self.sections.append(section)
        self.browser.setHtml(render(self.sections, pending=self.total - len(self.sections)))

    def show_draft(self, draft: Draft) -> None:
        self.sections = list(draft.sections)
        self.browser.setHtml(render(draft.sections, draft.actions, model=draft.model,
                                    finished=True, notices=draft.notices,
                                    writers=draft.writers(), set_aside=draft.set_aside))
        self.flags.clear()
        for flag in draft.flags:
            self._add_flag(flag)
        count = len(draft.flags)
        self.flags_heading.setText(f"<b>Flags to resolve: {count}</b>" if count else
                                   "<b>No flags: still check every sentence</b>")

    def _add_flag(self, flag: Flag, status: str = "") -> None:
        where = ", ".join(f"[{c}]" for c in flag.citations)
        prefix = f"{status} · " if status else "⚠ "
        item = QListWidgetItem(f"{prefix}{flag.category.capitalize()}: {flag.message} {where}")
        item.setData(Qt.ItemDataRole.UserRole, list(flag.citations))
        item.setToolTip("Click to see the evidence in the transcript")
        self.flags.addItem(item)

    def on_anchor(self, url: QUrl) -> None:
        text = url.toString()
        if text.startswith("cite:") and text[5:].isdigit():
            self.citation_clicked.emit(int(text[5:]))
        elif text.startswith("copy:"):
            self.copy_section(text[5:])
        elif text.startswith("redraft:"):
            self.redraft_requested.emit(text[8:])

    def copy_section(self, section_id: str) -> str:
        """Put one section's text on the clipboard, for pasting into a case system's form."""
        for section in self.sections:
            if section.id == section_id:
                text = plain(" ".join(s.text.strip() for s in section.sentences))
                QGuiApplication.clipboard().setText(text)
                return text
        return ""

    def on_flag_activated(self, item: QListWidgetItem) -> None:
        citations = item.data(Qt.ItemDataRole.UserRole) or []
        if citations:
            self.citation_clicked.emit(int(citations[0]))
