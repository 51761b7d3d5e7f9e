"""Every button enabled only when its action can succeed, with the reason in its tooltip
when it cannot (issue 17, "Window states"), driven with the mouse and keys as a person
drives the window."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

import app.ui.window_review as window_review  # noqa: E402
from app.qt import QApplication, Qt  # noqa: E402
from tests.ui.test_main_window import (  # noqa: E402,F401
    PASSPHRASE,
    draft,
    make_window,
    no_modal_dialogs,
    open_sample,
    window,
)
from tests.ui.test_review_workspace import approve_by_hand, choose_flag, click  # noqa: E402
from tests.ui.test_workspace_wording import activate  # noqa: E402

pytestmark = pytest.mark.gui
CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


def test_a_resolved_flag_cannot_be_decided_again(  # type: ignore[no-untyped-def]
        qtbot, window, monkeypatch) -> None:  # noqa: F811
    """Accept on a dismissed flag used to overwrite the dismissal and its reason."""
    open_sample(qtbot, window)
    draft(qtbot, window)
    activate(qtbot, window)
    review = window.draft_panel.review
    monkeypatch.setattr(window_review.QInputDialog, "getText",
                        lambda *a, **k: ("Reviewed with the pharmacist", True))
    medication = choose_flag(qtbot, window, "Missed medication")
    click(qtbot, review.dismiss_button)
    qtbot.waitUntil(lambda: window.draft_panel.note["open_flags"] == 1, timeout=5_000)
    assert window.draft_panel.flags.currentRow() == medication
    for button in (review.accept_button, review.edit_button, review.dismiss_button):
        assert not button.isEnabled(), button.text()
        assert "already resolved" in button.toolTip() and "dismissed" in button.toolTip()
    qtbot.mouseClick(review.accept_button, Qt.MouseButton.LeftButton)
    qtbot.keyClick(window.draft_panel.flags, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    qtbot.wait(300)  # a mnemonic clicks after a short animation
    stored = window.session.visit(window.visit_id)["note"]["content"]["flags"][medication]
    assert stored["resolution"]["choice"] == "dismiss"
    assert stored["resolution"]["reason"] == "Reviewed with the pharmacist"
    # The flag still to resolve can be decided.
    choose_flag(qtbot, window, "Falls")
    assert review.accept_button.isEnabled() and review.dismiss_button.isEnabled()
    assert "already resolved" not in review.accept_button.toolTip()
    click(qtbot, review.accept_button)
    qtbot.waitUntil(lambda: window.draft_panel.note["open_flags"] == 0, timeout=5_000)
    assert QApplication.focusWidget() is window.draft_panel.flags


def test_an_approved_note_cannot_be_edited_only_amended(  # type: ignore[no-untyped-def]
        qtbot, window, monkeypatch) -> None:  # noqa: F811
    """Edit note stayed enabled on an approved note (opening a read-only editor); it is off,
    pointing to Amend, and comes back with the amendment's new version."""
    open_sample(qtbot, window)
    draft(qtbot, window)
    activate(qtbot, window)
    panel = window.draft_panel
    click(qtbot, panel.edit_button)  # approving from the editor, as a person may
    assert panel.pages.currentWidget() is panel.editor
    approve_by_hand(qtbot, window)
    activate(qtbot, window)
    assert panel.pages.currentWidget() is panel.browser
    assert not panel.edit_button.isEnabled()
    assert "approved" in panel.edit_button.toolTip() and "Amend" in panel.edit_button.toolTip()
    qtbot.mouseClick(panel.edit_button, Qt.MouseButton.LeftButton)
    qtbot.keyClick(window, Qt.Key.Key_E, CTRL | SHIFT)
    assert panel.pages.currentWidget() is panel.browser
    monkeypatch.setattr(window_review.QInputDialog, "getText",
                        lambda *a, **k: ("The date of the fall was wrong", True))
    click(qtbot, panel.review.amend_button)
    qtbot.waitUntil(lambda: panel.note["status"] != "approved", timeout=5_000)
    assert panel.edit_button.isEnabled()
    assert "Amend" not in panel.edit_button.toolTip()
    qtbot.keyClick(window, Qt.Key.Key_E, CTRL | SHIFT)
    assert panel.pages.currentWidget() is panel.editor


def test_the_focus_stays_in_the_draft_pane_after_drafting_again_and_amending(  # type: ignore[no-untyped-def]
        qtbot, window, monkeypatch) -> None:  # noqa: F811
    """Drafting again from a review button (Dismiss… then Cancel, Ctrl+D) disabled it
    while the draft ran, and Qt sent the focus on to the visits search box; Amend's button is
    hidden once the amendment is made, with the same result."""
    open_sample(qtbot, window)
    draft(qtbot, window)
    activate(qtbot, window)
    panel, search = window.draft_panel, window.visits_panel.search
    choose_flag(qtbot, window, "Falls")
    monkeypatch.setattr(window_review.QInputDialog, "getText", lambda *a, **k: ("", False))
    click(qtbot, panel.review.dismiss_button)  # then Cancel: the flag is left as it was
    assert QApplication.focusWidget() is panel.review.dismiss_button
    qtbot.keyClick(panel.review.dismiss_button, Qt.Key.Key_D, CTRL)
    qtbot.waitUntil(lambda: window.job is None and panel.note is not None, timeout=10_000)
    focus = QApplication.focusWidget()
    assert focus is not search and focus is not None and panel.isAncestorOf(focus), focus
    approve_by_hand(qtbot, window)
    activate(qtbot, window)
    monkeypatch.setattr(window_review.QInputDialog, "getText",
                        lambda *a, **k: ("The date of the fall was wrong", True))
    click(qtbot, panel.review.amend_button)
    qtbot.waitUntil(lambda: panel.note["status"] != "approved", timeout=5_000)
    focus = QApplication.focusWidget()
    assert focus is not search and focus is not None and panel.isAncestorOf(focus), focus


def test_no_keyring_leaves_the_set_up_keyring_box_unticked_and_says_why(  # type: ignore[no-untyped-def]
        qtbot, settings, sample_transcript) -> None:
    """The test session has no keyring: the box was ticked all the same."""
    w = make_window(qtbot, settings, sample_transcript)
    activate(qtbot, w)
    page = w.unlock_page
    assert page.setup_mode
    box = page.keyring
    assert not box.isChecked() and not box.isEnabled()
    assert "no login keyring" in box.toolTip().lower() and "passphrase" in box.toolTip()
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    assert not box.isChecked()
    # Tab goes from the passphrases past it; Enter creates the vault without a keyring slot.
    qtbot.keyClicks(page.name, "Sam Taylor")
    qtbot.keyClick(page.name, Qt.Key.Key_Tab)
    qtbot.keyClicks(QApplication.focusWidget(), PASSPHRASE)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    qtbot.keyClicks(QApplication.focusWidget(), PASSPHRASE)
    reached = []
    for _ in range(4):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        reached.append(QApplication.focusWidget())
    assert box not in reached
    qtbot.keyClick(page.confirm, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.session is not None, timeout=10_000)
    assert w.session is not None and not w.session.vault.slots.has("keyring")


def test_a_working_keyring_leaves_the_set_up_box_ticked(  # type: ignore[no-untyped-def]
        qtbot, settings, sample_transcript, keyring_session) -> None:
    w = make_window(qtbot, settings, sample_transcript)
    activate(qtbot, w)
    box = w.unlock_page.keyring
    assert box.isChecked() and box.isEnabled()
    assert "no login keyring" not in box.toolTip().lower()
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)  # a person may still untick it
    assert not box.isChecked()
