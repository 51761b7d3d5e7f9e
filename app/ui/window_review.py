"""The main window's review part: playback, transcript corrections, flags, editing,
rewriting a section, approval and amendment, the visit's history and the shortcut list."""

from __future__ import annotations

from typing import Any

from app.qt import QInputDialog, QTimer
from app.services import USER_ERRORS
from app.ui.audit_view import AuditDialog
from app.ui.draft_html import render
from app.ui.flag_edit import FlagEdit, flags_left, sentence_text
from app.ui.jobs import Job
from app.ui.review import ATTESTATION, ApprovalDialog
from app.ui.window_base import WindowBase
from app.ui.words import plural
from storage.exports.document import writer_label
from storage.exports.emphasis import plain
from summarise.draft import Draft
from summarise.drafter import DraftCompleted, SectionDrafted
from summarise.model_draft import FactsRead
from transcription.transcript import Transcript


class ReviewPart(WindowBase):
    flag_edit: FlagEdit | None = None
    # -- history -------------------------------------------------------------------------
    def _why_not_draft(self, records: bool, busy: bool) -> str | None:
        """Why Draft note cannot succeed now, in words for its tooltip; None when it can."""
        note = self.draft_panel.note
        if not records:
            return "Unlock the vault as a practitioner to draft notes"
        if busy:
            return "Wait for the running task to finish"
        if not (self.transcript and self.transcript.segments):
            return "Transcribe a recording first: start a new visit or open one"
        if note is not None and note["status"] == "approved":
            return "This visit's note is approved and read-only: Amend it to draft again"
        return None

    def on_history(self) -> None:
        if self.session is None or self.visit_id is None:
            return
        visit = self.session.visit(self.visit_id)
        self.audit_dialog = AuditDialog(self.session.history(self.visit_id),
                                        self.session.verify_audit(),
                                        f"{visit['person']} ({visit['case']})", self)
        self.audit_dialog.open()

    # -- playback ------------------------------------------------------------------------
    def _set_player(self, visit: dict[str, Any] | None) -> None:
        session = self.session
        recordings = [r for r in (visit or {}).get("recordings", []) if not r["deleted"]]
        if session is None or not recordings or not visit or not visit.get("transcript"):
            self.player.set_recording(None, 0.0)
            return
        rid = recordings[-1]["id"]
        self.player.set_recording(lambda: session.recording_samples(rid),
                                  float(visit["transcript"]["duration"]))

    def play_segment(self, index: int) -> None:
        if self.transcript and 0 <= index < len(self.transcript.segments) and \
                self.player.isEnabled():
            self.player.play_from(self.transcript.segments[index].start)

    def play_citation(self, index: int) -> None:
        """Play just the cited segment, so what is heard is the evidence and no more."""
        if self.transcript and 0 <= index < len(self.transcript.segments) and \
                self.player.isEnabled():
            segment = self.transcript.segments[index]
            self.player.play_from(segment.start, until=segment.end)

    def _follow_playback(self, seconds: float) -> None:
        if self.transcript:
            self.transcript_panel.follow(seconds, [s.start for s in self.transcript.segments])

    # -- transcript corrections ----------------------------------------------------------
    def correct_segment(self, index: int, *, text: str | None = None,
                        speaker: str | None = None) -> None:
        if self.session is None or self.visit_id is None or self.live is not None:
            return
        try:
            self.session.correct_segment(self.visit_id, index, text=text, speaker=speaker)
        except USER_ERRORS as exc:
            self._refused(index, exc)
            return
        self._reshow([index])
        self.statusBar().showMessage(f"Segment {index} corrected; Whisper's words are kept in "
                                     "the record.")

    def name_speaker(self, index: int, name: str) -> None:
        """Who spoke segment `index`, typed or chosen: a voice group the split found
        ("Speaker 2") is renamed in every segment of it (Casework.name_speaker)."""
        if self.session is None or self.visit_id is None or self.live is not None:
            return
        old = self.transcript.segments[index].speaker if self.transcript and \
            0 <= index < len(self.transcript.segments) else None
        try:
            renamed = self.session.name_speaker(self.visit_id, index, name)
        except USER_ERRORS as exc:
            self._refused(index, exc)
            return
        self._reshow(renamed)
        self.statusBar().showMessage(
            f"All {len(renamed)} segments of {old} now say {name}." if len(renamed) > 1
            else f"Segment {index} corrected; Whisper's words are kept in the record.")

    def _refused(self, index: int, exc: Exception) -> None:
        if self.transcript and 0 <= index < len(self.transcript.segments):
            kept = self.transcript.segments[index]  # the row shows what is stored
            self.transcript_panel.update_segment(index, kept.text, kept.speaker)
        self.show_error(str(exc))

    def _reshow(self, indices: list[int]) -> None:
        """Read the corrected transcript back and show the changed rows as stored."""
        assert self.session is not None and self.visit_id is not None
        self.transcript = Transcript.from_dict(self.session.visit(self.visit_id)["transcript"])
        for i in indices:
            segment = self.transcript.segments[i]
            self.transcript_panel.update_segment(i, segment.text, segment.speaker)

    def on_correct_words(self, index: int) -> None:
        if self.transcript is None or not 0 <= index < len(self.transcript.segments):
            return
        text, ok = QInputDialog.getMultiLineText(self, "Correct the words",
                                                 "What was said (check against the audio):",
                                                 self.transcript.segments[index].text)
        if ok and text.strip():
            self.correct_segment(index, text=text)

    # -- review and approval -------------------------------------------------------------
    def refresh_note(self) -> None:
        if self.session is None or self.visit_id is None:
            self.draft_panel.set_note(None)
            return
        note = self.session.visit(self.visit_id)["note"]
        provenance = ""
        if note and note["status"] == "approved":
            shown = self.session.approved_notes(note_ids=[note["id"]])[0]
            changed = shown["edited_share"]
            provenance = (f"Drafted with AI assistance ({writer_label(shown['model'])}, template "
                          f"{shown['template']})" +
                          (f"; the practitioner changed {changed:.0%} of its text."
                           if changed is not None else "."))
        original = self.session.record.draft_content(self.visit_id) if note else None
        self.draft_panel.set_note(note, provenance, original,
                                  self._template_title(note["content"]) if note else None)
        self._refresh_actions()  # Draft note depends on whether the note is approved

    def _template_title(self, content: dict[str, Any]) -> str:
        template_id = str(content.get("template", ""))
        try:
            return self.services.template(template_id).title
        except USER_ERRORS:  # a template since removed: its id says enough
            return template_id

    def save_note_edits(self, content: dict) -> None:  # type: ignore[type-arg]
        """Autosave from the note editor: the working note, never an approved version."""
        if self.session is None or self.visit_id is None:
            return
        try:
            self.session.record.update_note(self.visit_id, content)
        except USER_ERRORS as exc:
            self.show_error(str(exc))
            return
        self.draft = Draft.from_dict(content)
        self.draft_panel.note = self.session.visit(self.visit_id)["note"]
        self._show_working_note()

    def _show_working_note(self) -> None:
        """The note being worked on, drawn again after a change: with who wrote its sentences
        (without them the line above the note said '0 sentences') and what was set aside,
        as when the draft was first shown."""
        draft = self.draft
        if draft is not None:
            self.draft_panel.browser.setHtml(render(
                draft.sections, draft.actions, model=draft.model, finished=True,
                notices=draft.notices, writers=draft.writers(), set_aside=draft.set_aside))

    def redraft_section(self, section_id: str) -> None:
        """Write one section again on the model thread; the other sections are kept."""
        session, visit_id = self.session, self.visit_id
        if session is None or visit_id is None or self.job is not None:
            return
        self.draft_panel.editor.flush()
        self.statusBar().showMessage("Rewriting the section from the transcript…")

        def work():  # type: ignore[no-untyped-def]
            yield session.redraft_section(visit_id, section_id)

        def done(_content: object) -> None:
            focus = self.focusWidget()
            self.refresh_note()
            note = self.draft_panel.note
            if note is not None:
                self.draft = Draft.from_dict(note["content"])
                self._show_working_note()
            self.draft_panel.settle_focus(focus)
            self.statusBar().showMessage("Section rewritten; check its new flags.")
        self._start(Job(work).on_success(done))

    def _flag_row(self) -> int:
        return self.draft_panel.flags.currentRow()

    def resolve_flag(self, index: int, choice: str, reason: str = "",
                     new_text: str | None = None) -> bool:
        """Record a decision on one flag; with new_text, the flagged sentence is corrected.
        The status bar then says how many flags are left; the focus stays in the draft.
        Unsaved edits are saved first: the reload after the decision would otherwise store
        the editor's copy of the note, with the flag still open, over it."""
        self.draft_panel.editor.flush()
        session, visit_id, note = self.session, self.visit_id, self.draft_panel.note
        if session is None or visit_id is None or note is None or index < 0:
            return False
        focus = self.focusWidget()
        try:
            if new_text is not None:
                content = note["content"]
                flag = content["flags"][index]
                section = next((s for s in content["sections"] if s["id"] == flag.get("section")),
                               None)
                if section is not None and flag.get("sentence") is not None:
                    section["sentences"][flag["sentence"]]["text"] = new_text.strip()
                    session.record.update_note(visit_id, content)
            session.resolve_flag(visit_id, index, choice, reason)
        except USER_ERRORS as exc:
            self.show_error(str(exc))
            return False
        self.refresh_note()
        note = self.draft_panel.note
        if note is not None:
            self.draft = Draft.from_dict(note["content"])
            self._show_working_note()
            self.statusBar().showMessage(flags_left(int(note["open_flags"])))
        self.draft_panel.settle_focus(focus)
        return True

    def on_edit_flag(self) -> None:
        """Open the flagged sentence in the note editor. The flag is marked edited only once
        that sentence's words have changed (on_sentence_edited); Escape, or Enter with the
        words as they were, leaves it to resolve."""
        panel, index = self.draft_panel, self._flag_row()
        target = panel.flag_sentence(index)
        if panel.note is None or self.visit_id is None or target is None:
            return
        section_id, n = target
        before = sentence_text(panel.note["content"], section_id, n)
        self.flag_edit = FlagEdit(self.visit_id, index, section_id, n, before or "")
        panel.open_sentence(section_id, n)
        self.statusBar().showMessage("Correct the flagged sentence against the transcript, "
                                     "then press Enter. The flag is marked edited once its "
                                     "wording changes; Escape leaves it as it was.")

    def on_sentence_edited(self, section_id: str, n: int) -> None:
        edit = self.flag_edit
        if edit is not None and (edit.section, edit.sentence) == (section_id, n):
            # After the editor has finished committing the change: resolving reloads it.
            QTimer.singleShot(0, self._finish_flag_edit)

    def _finish_flag_edit(self) -> None:
        edit, self.flag_edit = self.flag_edit, None
        if edit is None or self.session is None or self.visit_id != edit.visit_id:
            return
        self.draft_panel.editor.flush()
        note = self.session.visit(edit.visit_id)["note"]
        now = sentence_text(note["content"], edit.section, edit.sentence) if note else None
        if now == edit.before:
            return
        reason = ("the sentence was removed" if now is None else
                  f"the sentence now reads “{plain(now)}”")
        if self.resolve_flag(edit.flag, "edit", reason):
            self.statusBar().showMessage("Flag marked edited: the sentence's wording changed. " +
                                         self.statusBar().currentMessage())

    def on_dismiss_flag(self) -> None:
        index = self._flag_row()
        if index < 0:
            return
        reason, ok = QInputDialog.getText(self, "Dismiss the flag",
                                          "Why is this not a concern? (goes on the record)")
        if ok and reason.strip():
            self.resolve_flag(index, "dismiss", reason)

    def on_approve(self) -> None:
        self.draft_panel.editor.flush()  # the summary, and the approval, include every edit
        session, note = self.session, self.draft_panel.note
        if session is None or note is None:
            return
        original = session.record.draft_content(self.visit_id) if self.visit_id else None
        dialog = ApprovalDialog(session.whoami()["name"], note, self, original)
        self.approval_dialog = dialog
        dialog.accepted.connect(lambda: self.approve_note(ATTESTATION))
        dialog.open()

    def approve_note(self, attestation: str) -> None:
        if self.session is None or self.visit_id is None:
            return
        self.draft_panel.editor.flush()
        focus = self.focusWidget()
        try:
            approval = self.session.approve(self.visit_id, attestation)
        except USER_ERRORS as exc:
            self.show_error(str(exc))
            return
        self.refresh_note()
        self.refresh_visits()
        self.draft_panel.settle_focus(focus)
        self.statusBar().showMessage(f"Approved version {approval['version']}. The note is "
                                     "now read-only.")

    def on_amend(self) -> None:
        reason, ok = QInputDialog.getText(self, "Amend the approved note",
                                          "Why does the note need to change? (goes on the record)")
        if ok and reason.strip():
            self.amend_note(reason)

    def amend_note(self, reason: str) -> None:
        if self.session is None or self.visit_id is None:
            return
        focus = self.focusWidget()
        try:
            self.session.amend(self.visit_id, reason)
        except USER_ERRORS as exc:
            self.show_error(str(exc))
            return
        self.refresh_note()
        self.refresh_visits()
        self.draft_panel.settle_focus(focus)  # Amend's button is hidden on the new version
        self.statusBar().showMessage("A new version is open for changes; the approved one is "
                                     "kept as it was.")

    # -- drafting ------------------------------------------------------------------------
    def on_draft(self) -> None:
        session, visit_id = self.session, self.visit_id
        if session is None or visit_id is None or not self.transcript:
            return
        template = self.services.template(session.visit(visit_id)["template"])
        focus = self.focusWidget()
        self.draft_panel.start(template.title, len(template.sections))
        self.draft_panel.settle_focus(focus)  # the review buttons are off while it drafts
        self.statusBar().showMessage("Drafting the note from the transcript…")
        self.progress.setValue(0)
        self._start(Job(lambda: session.draft(visit_id))
                    .on_event(self.on_draft_event)
                    .on_success(self.on_draft_completed)
                    .on_failure(lambda _message: self._show_stored_note(visit_id))
                    .on_cancelled(lambda: self._show_stored_note(visit_id)))

    def _show_stored_note(self, visit_id: int) -> None:
        """After a draft that was refused or cancelled: the note as the vault has it, never
        the sections drafted before it stopped."""
        if self.session is None or self.visit_id != visit_id:
            return
        note = self.session.visit(visit_id)["note"]
        focus = self.focusWidget()
        self.draft = Draft.from_dict(note["content"]) if note else None
        if self.draft is not None:
            self.draft_panel.show_draft(self.draft)
        else:
            self.draft_panel.start("", 0)
        self.refresh_note()
        self.draft_panel.settle_focus(focus)

    def on_draft_event(self, event: object) -> None:
        if isinstance(event, SectionDrafted):
            self.draft_panel.add_section(event.section)
            self.progress.setValue(int(100 * event.done / event.total))
        elif isinstance(event, FactsRead):
            self.progress.setValue(int(100 * event.done / event.total))
            self.statusBar().showMessage(
                f"The language model has read {event.done} of {event.total} parts of the "
                f"conversation; {plural(event.verified, 'fact')} checked against the "
                "transcript so far. The draft improves as it reads; Cancel stops it and keeps "
                "the note as it was.")

    def on_draft_completed(self, event: object) -> None:
        if isinstance(event, DraftCompleted):
            focus = self.focusWidget()
            self.draft = event.draft
            self.draft_panel.show_draft(event.draft)
            self.refresh_note()
            self.refresh_visits()
            self.draft_panel.settle_focus(focus)
            flags = len(event.draft.flags)
            self.statusBar().showMessage(
                f"Draft saved with {plural(flags, 'flag')} to resolve. "
                "Check every sentence against the transcript.")
