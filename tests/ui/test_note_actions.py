"""Agreed actions are part of the note (issue 17, item 2): edited in the note editor by
keyboard and mouse like its sentences, autosaved, approved as left and exported so."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from app.qt import QPushButton, Qt  # noqa: E402
from app.ui import export_dialog  # noqa: E402
from tests.ui.test_main_window import (  # noqa: E402,F401
    draft,
    no_modal_dialogs,
    open_sample,
    window,
)
from tests.ui.test_review_workspace import (  # noqa: E402,F401
    approve_by_hand,
    click,
)

pytestmark = pytest.mark.gui


def cell_centre(table, row: int, column: int):  # type: ignore[no-untyped-def]
    item = table.item(row, column)
    table.scrollToItem(item)
    return table.visualItemRect(item).center()


def type_into_cell(qtbot, table, row: int, column: int, text: str) -> None:  # type: ignore[no-untyped-def]
    """Double-click the cell (a real double-click starts with a click), replace its words,
    Enter."""
    pos = cell_centre(table, row, column)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    qtbot.waitUntil(lambda: table.indexWidget(table.currentIndex()) is not None, timeout=5_000)
    editor = table.indexWidget(table.currentIndex())
    qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.item(row, column).text() == text, timeout=5_000)


def stored_actions(w) -> list[dict]:  # type: ignore[no-untyped-def,type-arg]
    return list(w.session.visit(w.visit_id)["note"]["content"]["actions"])


def test_actions_are_edited_removed_added_approved_and_exported_as_left(  # type: ignore[no-untyped-def]
        qtbot, window, monkeypatch, tmp_path: Path) -> None:  # noqa: F811
    open_sample(qtbot, window)
    draft(qtbot, window)
    panel = window.draft_panel
    click(qtbot, panel.edit_button)
    actions = panel.editor.action_editor
    table = actions.table
    assert actions.isVisible() and table.rowCount() == 3
    blister = next(r for r in range(3) if "blister pack" in table.item(r, 0).text())
    assert table.item(blister, 3).text() == "[10]"  # its evidence, as for sentences
    # The words and who does it, typed in place.
    type_into_cell(qtbot, table, blister, 0, "Ask the pharmacy about a blister pack for "
                                             "the morning tablets.")
    type_into_cell(qtbot, table, blister, 1, "Priya (daughter)")
    type_into_cell(qtbot, table, blister, 2, "Friday")
    assert panel.editor.dirty
    qtbot.waitUntil(lambda: not panel.editor.dirty, timeout=5_000)  # the autosave
    stored = stored_actions(window)
    assert stored[blister]["text"] == ("Ask the pharmacy about a blister pack for the morning "
                                       "tablets.")
    assert (stored[blister]["owner"], stored[blister]["due"]) == ("Priya (daughter)", "Friday")
    assert stored[blister]["citations"] == [10]
    # One removed: click it, press Delete.
    referral = next(r for r in range(table.rowCount())
                    if "occupational therapist" in table.item(r, 0).text())
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                     pos=cell_centre(table, referral, 0))
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert table.rowCount() == 2
    # One added: Add action, type its words, Enter; then who.
    click(qtbot, actions.add_button)
    qtbot.waitUntil(lambda: table.indexWidget(table.currentIndex()) is not None, timeout=5_000)
    editor = table.indexWidget(table.currentIndex())
    qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor, "Send the falls leaflet.")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.item(2, 0).text() == "Send the falls leaflet.", timeout=5_000)
    assert table.item(2, 1).text() == "practitioner"
    # Approving saves what was typed straight away, without waiting for the autosave.
    approve_by_hand(qtbot, window)
    approved = stored_actions(window)
    assert [a["text"] for a in approved] == [
        "Ask the pharmacy about a blister pack for the morning tablets.",
        "Phone Mr Jones next Monday.", "Send the falls leaflet."]
    assert "occupational therapist" not in panel.browser.toPlainText().split(
        "Agreed actions")[1]
    # An approved note's actions are read-only.
    assert not actions.add_button.isEnabled() and not actions.remove_button.isEnabled()
    assert not table.item(0, 0).flags() & Qt.ItemFlag.ItemIsEditable
    # Exported through the window (Ctrl+E), as JSON and as text.
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.setattr(export_dialog.QFileDialog, "getExistingDirectory",
                        lambda *a, **k: str(out))
    monkeypatch.setattr(export_dialog.QMessageBox, "question",
                        lambda *a, **k: export_dialog.QMessageBox.StandardButton.Yes)
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.export_dialog is not None and
                    window.export_dialog.isVisible(), timeout=5_000)
    dialog = window.export_dialog
    select_all = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Select &all")
    for fmt in ("json", "txt"):
        dialog.format.setCurrentIndex(dialog.format.findData(fmt))
        click(qtbot, select_all)  # the note is unticked once exported
        click(qtbot, dialog.export_button)
        qtbot.waitUntil(lambda ext=fmt: dialog.job is None and any(out.glob(f"*.{ext}")),
                        timeout=20_000)
    dialog.close()
    exported = json.loads(next(out.glob("*.json")).read_text())
    notes = exported["notes"] if isinstance(exported, dict) else exported
    assert [(a["text"], a["owner"], a["due"]) for a in notes[0]["actions"]] == [
        ("Ask the pharmacy about a blister pack for the morning tablets.", "Priya (daughter)",
         "Friday"),
        ("Phone Mr Jones next Monday.", "practitioner", "next Monday"),
        ("Send the falls leaflet.", "practitioner", None)]
    text = next(out.glob("*.txt")).read_text()
    assert ("- Ask the pharmacy about a blister pack for the morning tablets. "
            "(Priya (daughter), by Friday)") in text
    assert "Send the falls leaflet." in text and "occupational therapist for" not in text
