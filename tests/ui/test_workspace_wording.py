"""The words the window shows, driven as a person drives it (issue 17, item 11): an approved
note says so, counts of one are singular, labels show their mnemonic rather than an '&',
the status bar follows the flags, a stale set-up error goes away, and resolving a flag or
approving leaves the keyboard focus where the work is."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import QPoint  # noqa: E402

from app.qt import QApplication, QLabel, Qt  # noqa: E402
from tests.ui.test_main_window import (  # noqa: E402,F401
    PASSPHRASE,
    draft,
    make_window,
    no_modal_dialogs,
    open_sample,
    window,
)
from tests.ui.test_review_workspace import (  # noqa: E402,F401
    approve_by_hand,
    blocking_dialogs,
    choose_flag,
    click,
)

pytestmark = pytest.mark.gui


def activate(qtbot, w) -> None:  # type: ignore[no-untyped-def]
    """Make the window the active one, as a person's click on it does: shortcuts and the
    keyboard focus only work in the active window."""
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=5_000)


def click_row(qtbot, view, row: int) -> None:  # type: ignore[no-untyped-def]
    """Click a list's row where a person would: on its text, inside the visible part (a
    narrow list's rows are wider than it)."""
    rect = view.visualItemRect(view.item(row))
    x = min(rect.center().x(), rect.left() + view.viewport().width() // 2)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(x, rect.center().y()))


def test_an_approved_note_is_headed_approved_without_the_check_banner(  # type: ignore[no-untyped-def]
        qtbot, window, blocking_dialogs) -> None:  # noqa: F811
    open_sample(qtbot, window)
    draft(qtbot, window)
    panel = window.draft_panel
    assert "Draft note" in panel.heading.text()
    assert "Check every sentence" in panel.browser.toPlainText()
    approve_by_hand(qtbot, window)
    assert "Approved note" in panel.heading.text()
    assert "Draft note" not in panel.heading.text()
    assert "Check every sentence" not in panel.browser.toPlainText()
    # Opened again from the visits list, it still reads as approved.
    visits = window.visits_panel.list
    row = next(i for i in range(visits.count()) if visits.item(i).data(Qt.ItemDataRole.UserRole))
    click_row(qtbot, visits, row)
    qtbot.keyClick(visits, Qt.Key.Key_Return)
    assert "Approved note" in panel.heading.text()
    assert "Check every sentence" not in panel.browser.toPlainText()
    assert blocking_dialogs == []


def test_one_exported_note_and_one_second_to_wait_are_singular(  # type: ignore[no-untyped-def]
        qtbot, window, monkeypatch, tmp_path: Path, settings) -> None:  # noqa: F811
    import app.ui.export_dialog as export_dialog

    open_sample(qtbot, window)
    draft(qtbot, window)
    approve_by_hand(qtbot, window)
    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.export_dialog is not None and
                    window.export_dialog.isVisible(), timeout=5_000)
    dialog = window.export_dialog
    monkeypatch.setattr(export_dialog.QFileDialog, "getExistingDirectory",
                        lambda *a, **k: str(tmp_path / "out"))
    click(qtbot, dialog.export_button)
    qtbot.waitUntil(lambda: dialog.job is None and "Export" in dialog.status.text(),
                    timeout=20_000)
    assert "Exported 1 note as" in dialog.status.text(), dialog.status.text()
    dialog.reject()
    # Locked, after four wrong passphrases, with a second of the back-off left.
    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.session is None
    settings.paths.attempts.write_text(json.dumps({"failures": 4, "last": time.time() - 3.2}))
    page = window.unlock_page
    qtbot.keyClicks(page.secret, PASSPHRASE)
    qtbot.keyClick(page.secret, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.error.isVisible(), timeout=10_000)
    assert "Wait 1 second," in page.error.text(), page.error.text()


def test_transcription_settings_labels_are_mnemonics_not_ampersands(  # type: ignore[no-untyped-def]
        qtbot, window, blocking_dialogs) -> None:  # noqa: F811
    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None, timeout=5_000)
    qtbot.keyClick(QApplication.activePopupWidget(), Qt.Key.Key_T)
    qtbot.waitUntil(lambda: getattr(window, "capture_dialog", None) is not None and
                    window.capture_dialog.isVisible(), timeout=5_000)
    dialog = window.capture_dialog
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=5_000)
    labels = {label.text(): label for label in dialog.findChildren(QLabel)
              if "&" in label.text()}
    # An '&' is shown as an underline only on a label with a buddy; elsewhere it is literal.
    assert labels and all(label.buddy() is not None for label in labels.values()), \
        [text for text, label in labels.items() if label.buddy() is None]
    qtbot.keyClick(dialog, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    assert dialog.focusWidget() is dialog.model
    qtbot.keyClick(dialog, Qt.Key.Key_V, Qt.KeyboardModifier.AltModifier)
    assert dialog.focusWidget() is dialog.voice_button
    dialog.reject()
    assert blocking_dialogs == []


def test_the_status_bar_counts_the_flags_down_to_all_resolved(  # type: ignore[no-untyped-def]
        qtbot, window, blocking_dialogs) -> None:  # noqa: F811
    open_sample(qtbot, window)
    draft(qtbot, window)
    review, bar = window.draft_panel.review, window.statusBar()
    assert "2 flags to resolve" in bar.currentMessage()
    choose_flag(qtbot, window, "Falls")
    click(qtbot, review.accept_button)
    assert "1 flag left to resolve" in bar.currentMessage(), bar.currentMessage()
    choose_flag(qtbot, window, "Missed medication")
    click(qtbot, review.accept_button)
    assert "All flags resolved" in bar.currentMessage(), bar.currentMessage()
    assert "flags to resolve" not in bar.currentMessage()
    assert blocking_dialogs == []


def test_a_stale_passphrase_error_clears_when_the_fields_change(  # type: ignore[no-untyped-def]
        qtbot, settings, sample_transcript) -> None:
    w = make_window(qtbot, settings, sample_transcript)
    activate(qtbot, w)
    page = w.unlock_page
    qtbot.keyClicks(page.name, "Sam Taylor")
    qtbot.keyClicks(page.secret, PASSPHRASE)
    qtbot.keyClicks(page.confirm, PASSPHRASE + "x")
    qtbot.keyClick(page.confirm, Qt.Key.Key_Return)
    assert page.error.isVisible() and "different" in page.error.text()
    qtbot.keyClick(page.confirm, Qt.Key.Key_Backspace)  # now the same
    assert not page.error.isVisible()
    page.keyring.setFocus()
    qtbot.keyClick(page.keyring, Qt.Key.Key_Space)  # untick it
    assert not page.keyring.isChecked()
    qtbot.keyClick(page.confirm, Qt.Key.Key_Return)
    assert page.submit.text() == "Creating…" and not page.error.isVisible()
    qtbot.waitUntil(lambda: w.session is not None, timeout=10_000)


def test_focus_stays_on_the_flags_after_accept_and_approve(  # type: ignore[no-untyped-def]
        qtbot, window) -> None:  # noqa: F811
    open_sample(qtbot, window)
    draft(qtbot, window)
    activate(qtbot, window)
    panel, review = window.draft_panel, window.draft_panel.review
    choose_flag(qtbot, window, "Falls")
    click(qtbot, review.accept_button)
    focus = QApplication.focusWidget()
    assert focus is not window.visits_panel.search
    assert focus is panel.flags, focus
    # The keyboard carries on from there: down to the next flag, Alt+A to accept it.
    qtbot.keyClick(panel.flags, Qt.Key.Key_Down)
    assert "Missed medication" in panel.flags.currentItem().text()
    qtbot.keyClick(panel.flags, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: panel.note["open_flags"] == 0, timeout=5_000)  # an animated click
    assert QApplication.focusWidget() is panel.flags
    click(qtbot, review.approve_button)  # the focus goes with the click, to Approve…
    assert QApplication.focusWidget() is review.approve_button
    dialog = window.approval_dialog
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=5_000)
    dialog.attest.setFocus()
    qtbot.keyClick(dialog.attest, Qt.Key.Key_Space)
    qtbot.keyClick(dialog.ok, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5_000)
    activate(qtbot, window)  # as the window manager does once the dialog has gone
    # …which approving hides: the focus goes back to the flags, not on to the search box.
    assert window.session.visit(window.visit_id)["note"]["status"] == "approved"
    focus = QApplication.focusWidget()
    assert focus is not window.visits_panel.search
    assert focus is not None and panel.isAncestorOf(focus), focus


def test_the_draft_still_says_who_wrote_it_after_a_flag_is_resolved(  # type: ignore[no-untyped-def]
        qtbot, window, blocking_dialogs) -> None:  # noqa: F811
    """Resolving a flag redrew the note without its writers: "Drafted with the extractive
    writer (no language model): 0 sentences." over a note of four (seen in the X
    walkthrough's screenshots)."""
    open_sample(qtbot, window)
    draft(qtbot, window)
    browser = window.draft_panel.browser

    def written() -> str:
        return next(line for line in browser.toPlainText().splitlines()
                    if line.startswith("Drafted with"))
    before = written()
    assert " 0 sentences" not in before, before
    activate(qtbot, window)
    choose_flag(qtbot, window, "Falls")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: "1 flag left" in window.statusBar().currentMessage(),
                    timeout=5_000)
    assert written() == before
    assert blocking_dialogs == []
