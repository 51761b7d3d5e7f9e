"""The review workspace driven as a person drives it: mouse clicks and key presses through
pytest-qt, with the fake models and a real vault."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import QThread  # noqa: E402

from app.qt import QApplication, Qt, QTimer  # noqa: E402
from tests.ui.test_main_window import (  # noqa: E402,F401
    draft,
    no_modal_dialogs,
    open_sample,
    window,
)

pytestmark = pytest.mark.gui


@pytest.fixture
def blocking_dialogs() -> Iterator[list[str]]:
    """Closes any dialog run with exec(), which waits for an answer in its own event loop
    (a question box the test did not expect would block it for ever), and lists its title."""
    seen: list[str] = []

    def close() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is not None and QThread.currentThread().loopLevel() > 0:
            seen.append(dialog.windowTitle())
            dialog.close()

    timer = QTimer()
    timer.setInterval(300)
    timer.timeout.connect(close)
    timer.start()
    yield seen
    timer.stop()


def click(qtbot, button) -> None:  # type: ignore[no-untyped-def]
    assert button.isEnabled(), button.toolTip()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def choose_flag(qtbot, w, text: str) -> int:  # type: ignore[no-untyped-def]
    flags = w.draft_panel.flags
    row = next(i for i in range(flags.count()) if text in flags.item(i).text())
    flags.scrollToItem(flags.item(row))
    qtbot.mouseClick(flags.viewport(), Qt.MouseButton.LeftButton,
                     pos=flags.visualItemRect(flags.item(row)).center())
    assert flags.currentRow() == row
    return row


def stored_sentence(w, section_id: str, n: int) -> str:  # type: ignore[no-untyped-def]
    content = w.session.visit(w.visit_id)["note"]["content"]
    return next(s for s in content["sections"] if s["id"] == section_id)["sentences"][n]["text"]


def test_edit_on_a_flag_opens_its_sentence_and_resolves_only_once_it_changes(  # type: ignore[no-untyped-def]
        qtbot, window, blocking_dialogs) -> None:  # noqa: F811
    open_sample(qtbot, window)
    draft(qtbot, window)
    panel, review = window.draft_panel, window.draft_panel.review
    editor = panel.editor
    falls = choose_flag(qtbot, window, "Falls")
    click(qtbot, review.edit_button)
    # The sentence citing the flag's evidence is open in the note editor.
    assert panel.pages.currentWidget() is editor
    qtbot.waitUntil(lambda: editor.delegate.editor is not None, timeout=5_000)
    assert "had a fall on the stairs" in editor.delegate.editor.toPlainText()
    item = editor.table.currentItem()
    section_id, n = item.data(Qt.ItemDataRole.UserRole)
    assert editor.table.item(item.row(), 1).text() == "[2] [3]"  # its evidence
    before = stored_sentence(window, section_id, n)
    # Escape leaves the sentence, and the flag, as they were.
    qtbot.keyClick(editor.delegate.editor, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: editor.delegate.editor is None, timeout=5_000)
    qtbot.wait(50)
    assert panel.flags.item(falls).text().startswith("⚠ to resolve")
    assert panel.note["open_flags"] == 2
    # So does Enter with the words unchanged.
    click(qtbot, review.edit_button)
    qtbot.waitUntil(lambda: editor.delegate.editor is not None, timeout=5_000)
    qtbot.keyClick(editor.delegate.editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: editor.delegate.editor is None, timeout=5_000)
    qtbot.wait(50)
    assert panel.flags.item(falls).text().startswith("⚠ to resolve")
    assert stored_sentence(window, section_id, n) == before
    # A real correction resolves it as edited.
    click(qtbot, review.edit_button)
    qtbot.waitUntil(lambda: editor.delegate.editor is not None, timeout=5_000)
    qtbot.keyClicks(editor.delegate.editor, " Referred to the falls team.")
    qtbot.keyClick(editor.delegate.editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.flags.item(falls).text().startswith("✎ edited"),
                    timeout=5_000)
    assert stored_sentence(window, section_id, n).endswith("Referred to the falls team.")
    stored = window.session.visit(window.visit_id)["note"]["content"]["flags"][falls]
    assert stored["resolution"]["choice"] == "edit"
    assert "Referred to the falls team." in stored["resolution"]["reason"]
    assert "Referred to the falls team." in panel.browser.toPlainText()
    # The approval summary says which flag was edited and how the sentence now reads.
    choose_flag(qtbot, window, "Missed medication")
    click(qtbot, review.accept_button)
    click(qtbot, review.approve_button)
    text = " ".join(label.text() for label in window.approval_dialog.findChildren(
        type(review.status)))
    assert "1 accepted, 1 edited, 0 dismissed" in text
    assert "Falls" in text and "Referred to the falls team." in text
    assert blocking_dialogs == []


def approve_by_hand(qtbot, w) -> None:  # type: ignore[no-untyped-def]
    review = w.draft_panel.review
    for text in ("Falls", "Missed medication"):
        choose_flag(qtbot, w, text)
        click(qtbot, review.accept_button)
    click(qtbot, review.approve_button)
    dialog = w.approval_dialog
    dialog.attest.setFocus()
    qtbot.keyClick(dialog.attest, Qt.Key.Key_Space)
    click(qtbot, dialog.ok)
    assert w.session.visit(w.visit_id)["note"]["status"] == "approved"


def test_an_approved_visit_cannot_be_drafted_again_and_says_why(  # type: ignore[no-untyped-def]
        qtbot, window, blocking_dialogs) -> None:  # noqa: F811
    open_sample(qtbot, window)
    draft(qtbot, window)
    button = window.toolbar.widgetForAction(window.draft_action)
    assert button.isEnabled()
    approve_by_hand(qtbot, window)
    assert not button.isEnabled()
    assert "approved" in button.toolTip() and "Amend" in button.toolTip()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.keyClick(window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    qtbot.wait(100)
    qtbot.waitUntil(lambda: window.job is None, timeout=10_000)
    assert window.last_error is None
    panel = window.draft_panel
    assert panel.note is not None and panel.note["status"] == "approved"
    # Once amended (the reason is asked in a question box), a new version can be drafted.
    window.amend_note("The date of the fall was wrong")
    assert window.session.visit(window.visit_id)["note"]["status"] == "draft"
    assert button.isEnabled() and "Ctrl+D" in button.toolTip()
    assert blocking_dialogs == []


def test_without_a_microphone_a_visit_is_imported_and_record_now_says_why(  # type: ignore[no-untyped-def]
        qtbot, window, blocking_dialogs, monkeypatch) -> None:  # noqa: F811
    import app.ui.main_window as main_window

    monkeypatch.setattr(main_window, "input_devices", lambda: [], raising=False)
    click(qtbot, window.toolbar.widgetForAction(window.new_action))
    qtbot.waitUntil(lambda: window.visit_dialog is not None and
                    window.visit_dialog.isVisible(), timeout=5_000)
    dialog = window.visit_dialog
    assert not dialog.record_now.isEnabled()
    assert "microphone" in dialog.record_now.toolTip()
    assert dialog.import_file.isChecked() and dialog.choose.isEnabled()
    dialog.reject()
    assert blocking_dialogs == []


def open_new_visit(qtbot, w):  # type: ignore[no-untyped-def]
    click(qtbot, w.toolbar.widgetForAction(w.new_action))
    qtbot.waitUntil(lambda: w.visit_dialog is not None and w.visit_dialog.isVisible(),
                    timeout=5_000)
    return w.visit_dialog


def test_new_visit_consent_and_recording_choices_are_separate_and_reachable_by_tab(  # type: ignore[no-untyped-def]
        qtbot, window, blocking_dialogs, monkeypatch, sample_audio) -> None:  # noqa: F811
    import app.ui.visit_dialog as visit_dialog

    dialog = open_new_visit(qtbot, window)
    assert dialog.verbal.isChecked() and dialog.record_now.isChecked()
    assert not dialog.choose.isEnabled()
    click(qtbot, dialog.written)
    click(qtbot, dialog.import_file)
    assert dialog.written.isChecked() and dialog.import_file.isChecked()
    assert dialog.choose.isEnabled()
    click(qtbot, dialog.record_now)
    assert dialog.written.isChecked() and not dialog.choose.isEnabled()
    click(qtbot, dialog.verbal)
    assert dialog.verbal.isChecked() and dialog.record_now.isChecked()
    # Import with no file: the error asks for one, and the button to choose it works.
    click(qtbot, dialog.import_file)
    qtbot.keyClicks(dialog.case_ref, "CASE-7")
    qtbot.keyClicks(dialog.person, "Mrs Patel")
    create = next(b for b in dialog.findChildren(type(dialog.choose))
                  if b.text() == "Create visit")
    click(qtbot, create)
    assert "Choose the recording" in dialog.error.text() and dialog.choose.isEnabled()
    assert dialog.verbal.isChecked()
    monkeypatch.setattr(visit_dialog.QFileDialog, "getOpenFileName",
                        lambda *a, **k: (str(sample_audio), ""))
    click(qtbot, dialog.choose)
    assert dialog.file_label.text() == sample_audio.name
    assert dialog.value().recording == sample_audio
    assert dialog.value().consent.how == "verbal"
    # Tab, from the consent choice, reaches the recording choice and its button.
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=5_000)
    dialog.verbal.setFocus()
    assert dialog.focusWidget() is dialog.verbal
    reached = []
    for _ in range(8):
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
        reached.append(dialog.focusWidget())
    assert {dialog.record_now, dialog.import_file} & set(reached) and dialog.choose in reached
    assert reached.index(dialog.choose) < reached.index(dialog.language)
    # Arrow keys move within one choice and leave the other as it was.
    click(qtbot, dialog.record_now)
    qtbot.keyClick(dialog.record_now, Qt.Key.Key_Down)
    assert dialog.import_file.isChecked() and dialog.verbal.isChecked()
    assert dialog.choose.isEnabled()
    dialog.reject()
    assert blocking_dialogs == []
