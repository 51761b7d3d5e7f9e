"""The approval summary says what the practitioner changed in the agreed actions (added,
edited, removed) against the AI's draft, so the person attesting sees it before they sign."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from app.qt import QLabel, Qt  # noqa: E402
from app.ui.review import action_changes  # noqa: E402
from tests.ui.test_main_window import (  # noqa: E402,F401
    draft,
    no_modal_dialogs,
    open_sample,
    window,
)
from tests.ui.test_note_actions import cell_centre, type_into_cell  # noqa: E402
from tests.ui.test_review_workspace import choose_flag, click  # noqa: E402

pytestmark = pytest.mark.gui


def summary_text(dialog) -> str:  # type: ignore[no-untyped-def]
    return " ".join(label.text() for label in dialog.findChildren(QLabel))


def open_approval(qtbot, w):  # type: ignore[no-untyped-def]
    review = w.draft_panel.review
    for text in ("Falls", "Missed medication"):
        choose_flag(qtbot, w, text)
        click(qtbot, review.accept_button)
    click(qtbot, review.approve_button)
    qtbot.waitUntil(lambda: w.approval_dialog.isVisible(), timeout=5_000)
    return w.approval_dialog


def test_unchanged_actions_are_said_to_be_the_ais(qtbot, window) -> None:  # type: ignore[no-untyped-def] # noqa: F811
    open_sample(qtbot, window)
    draft(qtbot, window)
    dialog = open_approval(qtbot, window)
    assert "Agreed actions: as drafted, unchanged." in summary_text(dialog)
    dialog.reject()


def test_the_approval_summary_lists_actions_added_edited_and_removed(  # type: ignore[no-untyped-def]
        qtbot, window) -> None:  # noqa: F811
    open_sample(qtbot, window)
    draft(qtbot, window)
    panel = window.draft_panel
    click(qtbot, panel.edit_button)
    actions = panel.editor.action_editor
    table = actions.table
    blister = next(r for r in range(table.rowCount())
                   if "blister pack" in table.item(r, 0).text())
    ai_words = table.item(blister, 0).text()
    ai_owner = table.item(blister, 1).text() or "no one named"
    new_words = "Ask the pharmacy about a blister pack for the morning tablets."
    type_into_cell(qtbot, table, blister, 0, new_words)
    type_into_cell(qtbot, table, blister, 1, "Priya (daughter)")
    type_into_cell(qtbot, table, blister, 2, "Friday")
    referral = next(r for r in range(table.rowCount())
                    if "occupational therapist" in table.item(r, 0).text())
    removed_words = table.item(referral, 0).text()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                     pos=cell_centre(table, referral, 0))
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    qtbot.keyClick(table, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier |
                   Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: table.indexWidget(table.currentIndex()) is not None, timeout=5_000)
    editor = table.indexWidget(table.currentIndex())
    qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor, "Send the falls leaflet.")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: any(table.item(r, 0).text() == "Send the falls leaflet."
                                for r in range(table.rowCount())), timeout=5_000)
    # Approve straight away: the summary includes what was typed before the autosave.
    dialog = open_approval(qtbot, window)
    text = summary_text(dialog)
    assert "Agreed actions you changed: 1 added, 1 edited, 1 removed." in text
    assert "Added: “Send the falls leaflet.” (practitioner, no date)" in text
    assert (f"Edited: “{new_words}” (was “{ai_words}”; who: "
            f"{ai_owner} → Priya (daughter); by when: no date → Friday)") in text
    assert f"Removed: “{removed_words}”" in text
    dialog.attest.setFocus()
    qtbot.keyClick(dialog.attest, Qt.Key.Key_Space)
    click(qtbot, dialog.ok)
    assert window.session.visit(window.visit_id)["note"]["status"] == "approved"


def test_actions_citing_the_same_lines_are_matched_in_order() -> None:
    ai = [{"text": "Call the GP", "owner": "practitioner", "due": None, "citations": [4]},
          {"text": "Call the OT", "owner": "practitioner", "due": None, "citations": [4]}]
    now = [{"text": "Call the GP", "owner": "practitioner", "due": None, "citations": [4]},
           {"text": "Email the OT", "owner": "practitioner", "due": None, "citations": [4]},
           {"text": "Book a review", "owner": None, "due": "May", "citations": []}]
    added, edited, removed = action_changes(ai, now)
    assert added == ["“Book a review” (no one named, by May)"]
    assert edited == ["“Email the OT” (was “Call the OT”)"]
    assert removed == []
    # One of two taken out is removed, not the other one edited into its place.
    assert action_changes(ai, ai[1:]) == ([], [], ["“Call the GP”"])
    # Words rewritten past recognition are a replacement: one removed, one added.
    assert action_changes(ai[:1], [dict(ai[0], text="Send a leaflet")]) == (
        ["“Send a leaflet” (practitioner, no date)"], [], ["“Call the GP”"])
