"""Resolving flags and approving in the window, with the fake models and a real vault."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from tests.ui.test_main_window import (  # noqa: E402,F401
    draft,
    no_modal_dialogs,
    open_sample,
    window,
)

pytestmark = pytest.mark.gui


def test_flags_must_be_resolved_before_approval_then_amend(qtbot, window) -> None:  # type: ignore[no-untyped-def] # noqa: F811
    open_sample(qtbot, window)
    draft(qtbot, window)
    panel, review = window.draft_panel, window.draft_panel.review
    note = panel.note
    assert note is not None and note["open_flags"] == panel.flags.count() == 2
    assert "2 of 2 left" in panel.flags_heading.text()
    assert not review.approve_button.isEnabled()
    # Approval is refused by the record too, whatever the button says.
    window.approve_note("I have checked this note against the conversation.")
    assert "2 flag(s) still need a decision" in (window.last_error or "")

    window.resolve_flag(0, "accept")
    assert panel.flags.item(0).text().startswith("✓ accepted")
    assert "1 of 2 left" in panel.flags_heading.text()
    window.resolve_flag(1, "dismiss", "")  # a dismissal needs a reason
    assert "reason" in (window.last_error or "")
    window.resolve_flag(1, "dismiss", "Fall was in 2019; no current risk.")
    assert panel.flags.item(1).text().startswith("✗ dismissed: Fall was in 2019")
    assert review.approve_button.isEnabled()

    window.on_approve()
    dialog = window.approval_dialog
    assert not dialog.ok.isEnabled()
    assert "1 accepted, 0 edited, 1 dismissed" in dialog.findChildren(type(review.status))[0].text()
    dialog.attest.setChecked(True)
    dialog.ok.click()
    stored = window.session.visit(window.visit_id)
    assert stored["state"] == "approved" and stored["note"]["status"] == "approved"
    assert not review.accept_button.isEnabled() and review.amend_button.isVisibleTo(panel)
    assert "read-only" in review.status.text()
    assert "Drafted with AI assistance (" in review.status.text()
    assert "the practitioner changed 0% of its text" in review.status.text()

    window.amend_note("The date of the fall was wrong")
    stored = window.session.visit(window.visit_id)
    assert stored["note"]["version"] == 2 and stored["note"]["status"] == "draft"
    assert review.approve_button.isVisibleTo(panel)


def test_editing_a_flagged_sentence_changes_the_note(qtbot, window) -> None:  # type: ignore[no-untyped-def] # noqa: F811
    open_sample(qtbot, window)
    draft(qtbot, window)
    # Point the first flag at a sentence, as an "unsupported statement" flag does.
    content = window.session.visit(window.visit_id)["note"]["content"]
    section = next(s for s in content["sections"] if s["sentences"])
    content["flags"][0].update(kind="unsupported", section=section["id"], sentence=0)
    window.session.record.update_note(window.visit_id, content)
    window.refresh_note()
    window.resolve_flag(0, "edit", "wording corrected",
                        new_text="Mr Jones said he can make a sandwich himself.")
    stored = window.session.visit(window.visit_id)["note"]["content"]
    fixed = next(s for s in stored["sections"] if s["id"] == section["id"])
    assert fixed["sentences"][0]["text"] == "Mr Jones said he can make a sandwich himself."
    assert stored["flags"][0]["resolution"]["choice"] == "edit"
    assert "a sandwich himself." in window.draft_panel.browser.toPlainText()
    assert window.draft_panel.flags.item(0).text().startswith("✎ edited")


def test_a_segment_can_be_relabelled_and_corrected(qtbot, window) -> None:  # type: ignore[no-untyped-def] # noqa: F811
    open_sample(qtbot, window)
    window.correct_segment(3, speaker="carer")
    window.correct_segment(3, text="I fell in the bathroom in March.")
    stored = window.session.visit(window.visit_id)["transcript"]["segments"][3]
    assert stored["speaker"] == "carer" and stored["text"] == "I fell in the bathroom in March."
    assert window.transcript_panel.table.item(3, 2).text() == "carer"
    assert window.transcript_panel.table.item(3, 3).text() == "I fell in the bathroom in March."
    assert window.transcript.segments[3].speaker == "carer"
    window.correct_segment(3, speaker="neighbour")  # a name or relation, as typed
    assert window.transcript_panel.table.item(3, 2).text() == "neighbour"
    window.correct_segment(3, speaker=" ")
    assert "Say who spoke" in (window.last_error or "")
    assert window.transcript_panel.table.item(3, 2).text() == "neighbour"  # as stored


def test_visits_are_grouped_by_state_and_searchable(qtbot, window) -> None:  # type: ignore[no-untyped-def] # noqa: F811
    open_sample(qtbot, window)
    draft(qtbot, window)
    texts = [window.visits_panel.list.item(i).text()
             for i in range(window.visits_panel.list.count())]
    assert texts[0] == "Draft ready (1)" and "SAMPLE-0001" in texts[1]
    window.visits_panel.search.setText("sandwich")  # a word from the transcript
    assert window.visits_panel.list.count() == 2
    window.visits_panel.search.setText("trampoline")
    assert window.visits_panel.list.item(0).text() == "No visits match\nthe search."


def test_the_history_reads_in_plain_language_and_shortcuts_are_listed(qtbot, window) -> None:  # type: ignore[no-untyped-def] # noqa: F811
    open_sample(qtbot, window)
    draft(qtbot, window)
    for n in range(window.draft_panel.flags.count()):
        window.resolve_flag(n, "accept")
    window.approve_note("I have checked this note against the conversation.")
    assert window.history_action.isEnabled()
    window.on_history()
    text = window.audit_dialog.view.toPlainText()
    assert "The history is intact" in text
    assert "Sam Taylor started the visit (home-visit); consent given by the person" in text
    assert "Sam Taylor chose 'accept' for the" in text
    assert "Sam Taylor approved version 1 of the note" in text
    window.on_shortcuts()
    shortcuts = window.shortcuts_box.text()
    assert "Ctrl+D" in shortcuts and "Draft note" in shortcuts and "Alt+P" in shortcuts


def _editor_at(qtbot, window, wanted):  # type: ignore[no-untyped-def] # noqa: F811
    """Draft the sample, open the note editor, and return it with the first row whose
    sentence cell `wanted` accepts."""
    open_sample(qtbot, window)
    draft(qtbot, window)
    window.draft_panel.edit_button.setChecked(True)
    editor = window.draft_panel.editor
    row = next(r for r in range(editor.table.rowCount()) if wanted(editor.table.item(r, 0)))
    return editor, row


def test_the_note_is_edited_sentence_by_sentence_and_autosaved(qtbot, window) -> None:  # type: ignore[no-untyped-def] # noqa: F811
    from app.qt import Qt

    editor, row = _editor_at(qtbot, window,
                             lambda item: bool(item.data(Qt.ItemDataRole.UserRole)))
    panel = window.draft_panel
    assert panel.pages.currentWidget() is editor
    before = editor.table.item(row, 0).text()
    assert editor.table.item(row, 1).text().startswith("[")  # the evidence chips
    editor.table.item(row, 0).setText(before.rstrip(".") + " every day.")
    assert editor.dirty
    qtbot.waitUntil(lambda: not editor.dirty, timeout=5_000)  # the autosave
    section_id, n = editor.table.item(row, 0).data(Qt.ItemDataRole.UserRole)
    stored = window.session.visit(window.visit_id)["note"]["content"]
    saved = next(s for s in stored["sections"] if s["id"] == section_id)["sentences"][n]
    assert saved["text"] == before.rstrip(".") + " every day."
    editor.show_ai.setChecked(True)
    # The AI's original wording, with the change marked word by word in the window.
    shown = editor.table.cellWidget(row, 2)
    assert not editor.table.isColumnHidden(2) and before.rstrip(".").split()[0] in shown.text()
    assert "<u" in shown.text() and "every day." in shown.text() and "<s" in shown.text()
    unchanged = next(r for r in range(editor.table.rowCount()) if r != row and
                     editor.table.item(r, 0).data(Qt.ItemDataRole.UserRole))
    assert "(unchanged)" in editor.table.cellWidget(unchanged, 2).text()
    assert "<u" in editor.changed_html() and "every day." in editor.changed_html()
    assert "every day." in panel.browser.toPlainText()
    # Approved notes cannot be edited.
    for n_flag in range(panel.flags.count()):
        window.resolve_flag(n_flag, "accept")
    window.approve_note("I have checked this note against the conversation.")
    assert not (editor.table.item(row, 0).flags() & Qt.ItemFlag.ItemIsEditable)


def test_an_edit_survives_sigkill_after_the_autosave(settings, sample_transcript,  # type: ignore[no-untyped-def]
                                                     tmp_path) -> None:
    import os
    import subprocess
    import sys
    from pathlib import Path

    from app.casework import Casework
    from storage.records import Consent
    from tests.fakes import fake_services

    work, _ = Casework.init(fake_services(settings, sample_transcript), "correct horse battery "
                            "staple", name="Sam Taylor", use_keyring=False)
    visit = work.start_visit("CASE-1", "Mr Jones", "home-visit",
                             Consent("the person", "verbal"), work.services.sample_recording())
    list(work.transcribe(visit))
    list(work.draft(visit))
    work.lock()
    child = subprocess.Popen(
        [sys.executable, str(Path(__file__).with_name("editor_writer.py")),
         str(settings.data_dir), str(visit), "Mr Jones said he walks to the shop daily."],
        env={**os.environ, "CASENOTES_PASSPHRASE": "correct horse battery staple"},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert child.stdout is not None
    lines = [child.stdout.readline().strip() for _ in range(2)]
    child.kill()  # SIGKILL, right after the autosave
    child.communicate()
    assert lines == ["ready", "saved"], lines
    work = Casework.unlock(work.services, passphrase="correct horse battery staple",
                           use_keyring=False)
    try:
        text = [s["text"] for section in work.visit(visit)["note"]["content"]["sections"]
                for s in section["sentences"]]
        assert "Mr Jones said he walks to the shop daily." in text
        assert work.verify_audit() == []
    finally:
        work.lock()


def test_a_section_is_rewritten_and_the_others_kept(qtbot, window) -> None:  # type: ignore[no-untyped-def] # noqa: F811
    from app.qt import QUrl

    open_sample(qtbot, window)
    draft(qtbot, window)
    html = window.draft_panel.browser.toHtml()
    assert 'href="redraft:daily-living"' in html
    before = window.session.visit(window.visit_id)["note"]["content"]["sections"]
    window.draft_panel.on_anchor(QUrl("redraft:daily-living"))
    qtbot.waitUntil(lambda: window.job is None, timeout=10_000)
    after = window.session.visit(window.visit_id)["note"]["content"]["sections"]
    assert [s for s in after if s["id"] != "daily-living"] == \
        [s for s in before if s["id"] != "daily-living"]
    assert "Section rewritten" in window.statusBar().currentMessage()


def test_every_control_has_a_name_a_screen_reader_can_say(qtbot, window) -> None:  # type: ignore[no-untyped-def] # noqa: F811
    from app.qt import (
        QAbstractButton,
        QComboBox,
        QLineEdit,
        QPlainTextEdit,
        QSlider,
        QTableWidget,
        QTextBrowser,
    )
    from app.ui.capture_settings import CaptureSettingsDialog
    from app.ui.export_dialog import ExportDialog

    open_sample(qtbot, window)
    draft(qtbot, window)
    screens = [window, ExportDialog(window.session, window),
               CaptureSettingsDialog(window.session, "SAMPLE-0001", window)]
    nameless = []
    for screen in screens:
        for kind in (QAbstractButton, QComboBox, QLineEdit, QPlainTextEdit, QSlider,
                     QTableWidget, QTextBrowser):
            for control in screen.findChildren(kind):
                if control.objectName().startswith("qt_") or \
                        control.metaObject().className() == "QLineEditIconButton":
                    continue  # Qt's own internals (a line edit's clear button, etc.)
                name = control.accessibleName() or getattr(control, "text", lambda: "")()
                if not name.replace("&", "").strip():
                    nameless.append(f"{type(screen).__name__}: {type(control).__name__} "
                                    f"{control.parent().metaObject().className()} "
                                    f"{control.metaObject().className()}")
    assert nameless == []


def test_a_sentence_is_emphasised_in_the_rich_text_editor(qtbot, window) -> None:  # type: ignore[no-untyped-def] # noqa: F811
    from app.qt import Qt, QTextCursor

    editor, row = _editor_at(qtbot, window, lambda item: "sandwich" in (item.text() or ""))
    panel = window.draft_panel
    item = editor.table.item(row, 0)
    editor.table.setCurrentItem(item)
    editor.table.editItem(item)
    qtbot.waitUntil(lambda: editor.delegate.editor is not None, timeout=5_000)
    edit = editor.delegate.editor
    assert "sandwich" in edit.toPlainText()
    # Select "make a sandwich" and make it bold with the B button; italic with Ctrl+I.
    start = edit.toPlainText().index("make a sandwich")
    cursor = edit.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(start + len("make a sandwich"), QTextCursor.MoveMode.KeepAnchor)
    edit.setTextCursor(cursor)
    bold = next(b for b in editor.findChildren(type(panel.edit_button))
                if b.accessibleName().startswith("Bold"))
    bold.click()
    cursor.setPosition(start)
    cursor.setPosition(start + len("make"), QTextCursor.MoveMode.KeepAnchor)
    edit.setTextCursor(cursor)
    qtbot.keyClick(edit, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: editor.delegate.editor is None, timeout=5_000)
    assert "**" in item.text() and "make a sandwich" not in item.text()
    assert "***make* a sandwich**" in item.text()
    qtbot.waitUntil(lambda: not editor.dirty, timeout=5_000)   # autosaved
    stored = window.session.visit(window.visit_id)["note"]["content"]
    saved = [s["text"] for sec in stored["sections"] for s in sec["sentences"]]
    assert any("***make* a sandwich**" in s for s in saved)
    # Shown with its emphasis, never with the marks; the words count as unchanged.
    assert "(emphasis added)" in editor.table.cellWidget(row, 2).text()
    panel.edit_button.setChecked(False)
    html = panel.browser.toHtml()
    assert "make" in html and "**" not in panel.browser.toPlainText()
    assert "font-weight:700" in html or "font-weight:600" in html
    # Escape leaves a sentence as it was.
    editor.table.editItem(item)
    qtbot.waitUntil(lambda: editor.delegate.editor is not None, timeout=5_000)
    editor.delegate.editor.insertPlainText(" Extra words.")
    qtbot.keyClick(editor.delegate.editor, Qt.Key.Key_Escape)
    assert "Extra words" not in item.text()
