"""The transcript's Speaker column (issue 17, item 11): always shown, typed into in place by
double-click or F2, Enter to keep and Escape to drop, and saved through the service layer,
so the transcript the next draft reads names the speaker."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from app.qt import QApplication, QLineEdit, Qt  # noqa: E402
from app.ui import player  # noqa: E402
from tests.ui.test_main_window import (  # noqa: E402,F401
    no_modal_dialogs,
    open_sample,
    window,
)

pytestmark = pytest.mark.gui
SPEAKER = 2


def stored_speaker(w, index: int) -> str | None:  # type: ignore[no-untyped-def]
    _, transcript = w.session.record.transcript(w.visit_id)  # what drafting reads
    return transcript.segments[index].speaker  # type: ignore[no-any-return]


def line_editor(qtbot, table) -> QLineEdit:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit) and
                    table.isAncestorOf(QApplication.focusWidget()), timeout=5_000)
    return QApplication.focusWidget()  # type: ignore[return-value]


def test_speakers_are_shown_and_typed_in_place(qtbot, window, monkeypatch) -> None:  # type: ignore[no-untyped-def] # noqa: F811
    # A click on a segment plays it and the selection follows playback; here nothing plays,
    # so the rows the keys choose stay chosen.
    monkeypatch.setattr(player, "output_devices", lambda: [])
    open_sample(qtbot, window)
    table = window.transcript_panel.table
    # Whisper (here, the fake) labels no one; the column is there to fill in.
    assert not table.isColumnHidden(SPEAKER)
    assert table.horizontalHeaderItem(SPEAKER).text() == "Speaker"
    # Double-click the second segment's speaker, type a name, Enter.
    table.scrollToItem(table.item(1, SPEAKER))
    pos = table.visualItemRect(table.item(1, SPEAKER)).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    qtbot.keyClicks(line_editor(qtbot, table), "Mr Jones (person)")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: stored_speaker(window, 1) == "Mr Jones (person)", timeout=5_000)
    assert table.item(1, SPEAKER).text() == "Mr Jones (person)"
    assert window.transcript.segments[1].speaker == "Mr Jones (person)"
    # By keyboard alone: up to the first segment, F2, type, Enter.
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Up)
    assert table.currentRow() == 0
    qtbot.keyClick(table, Qt.Key.Key_F2)
    qtbot.keyClicks(line_editor(qtbot, table), "Sam (social worker)")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: stored_speaker(window, 0) == "Sam (social worker)", timeout=5_000)
    # Escape drops what was typed; the row shows what is stored.
    qtbot.keyClick(table, Qt.Key.Key_Down)
    qtbot.keyClick(table, Qt.Key.Key_Down)
    assert table.currentRow() == 2
    qtbot.keyClick(table, Qt.Key.Key_F2)
    qtbot.keyClicks(line_editor(qtbot, table), "Nobody")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is table, timeout=5_000)
    assert table.item(2, SPEAKER).text() == "" and stored_speaker(window, 2) is None
    # Renaming the first speaker again replaces the name.
    qtbot.keyClick(table, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    assert table.currentRow() == 0
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = line_editor(qtbot, table)
    qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor, "practitioner")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: stored_speaker(window, 0) == "practitioner", timeout=5_000)
    assert [table.item(r, SPEAKER).text() for r in range(3)] == [
        "practitioner", "Mr Jones (person)", ""]


def test_playback_following_does_not_end_a_speaker_being_typed(qtbot, window) -> None:  # type: ignore[no-untyped-def] # noqa: F811
    open_sample(qtbot, window)
    table = window.transcript_panel.table
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(table, Qt.Key.Key_F2)
    qtbot.keyClicks(line_editor(qtbot, table), "Sam")
    starts = [s.start for s in window.transcript.segments]
    window.transcript_panel.follow(starts[4] + 0.1, starts)  # playback reaches segment 4
    assert table.currentRow() == 0
    qtbot.keyClicks(QApplication.focusWidget(), " (social worker)")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: stored_speaker(window, 0) == "Sam (social worker)", timeout=5_000)


def test_naming_speaker_2_once_names_all_its_segments(qtbot, window, monkeypatch) -> None:  # type: ignore[no-untyped-def] # noqa: F811
    # Issue 16: the voice split labels the other voices "Speaker 2", "Speaker 3"; the user
    # names one of a group's segments and every segment of that group follows.
    monkeypatch.setattr(player, "output_devices", lambda: [])
    open_sample(qtbot, window)
    for i, label in enumerate(["practitioner", "Speaker 2", "Speaker 3", "Speaker 2"]):
        window.session.correct_segment(window.visit_id, i, speaker=label)
    window.open_visit(window.visit_id)
    table = window.transcript_panel.table
    qtbot.waitUntil(lambda: table.item(3, SPEAKER).text() == "Speaker 2", timeout=5_000)
    # By mouse: double-click segment 3's speaker, type, Enter.
    table.scrollToItem(table.item(3, SPEAKER))
    pos = table.visualItemRect(table.item(3, SPEAKER)).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    editor = line_editor(qtbot, table)
    qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor, "daughter")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: stored_speaker(window, 1) == "daughter", timeout=5_000)
    assert stored_speaker(window, 3) == "daughter"
    assert [table.item(r, SPEAKER).text() for r in range(4)] == [
        "practitioner", "daughter", "Speaker 3", "daughter"]
    assert "All 2 segments of Speaker 2" in window.statusBar().currentMessage()
    # By keyboard: up to segment 2, F2, name Speaker 3; a typed name is one segment's own.
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Up)
    assert table.currentRow() == 2
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = line_editor(qtbot, table)
    qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor, "district nurse")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: stored_speaker(window, 2) == "district nurse", timeout=5_000)
    qtbot.keyClick(table, Qt.Key.Key_Down)
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = line_editor(qtbot, table)
    qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor, "Priya (daughter)")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: stored_speaker(window, 3) == "Priya (daughter)", timeout=5_000)
    assert stored_speaker(window, 1) == "daughter"
