"""The keyboard in the workspace, pressed as a person presses it (issue 17, items 4 and 5):
shortcuts that keep working after their button is relabelled, F1 listing them, Tab leaving
the transcript, arrow keys in the visits list opening the visit, and F6 / Ctrl+Tab moving
between the panes."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from app.qt import QApplication, QMediaPlayer, Qt  # noqa: E402
from app.ui.visit_dialog import NewVisit  # noqa: E402
from storage.records import Consent  # noqa: E402
from tests.ui.test_main_window import (  # noqa: E402,F401
    draft,
    no_modal_dialogs,
    open_sample,
    window,
)
from tests.ui.test_workspace_wording import activate, click_row  # noqa: E402

pytestmark = pytest.mark.gui
CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


def focused():  # type: ignore[no-untyped-def]
    return QApplication.focusWidget()


def test_ctrl_space_plays_and_pauses_again_and_again(qtbot, window) -> None:  # type: ignore[no-untyped-def] # noqa: F811
    open_sample(qtbot, window)
    activate(qtbot, window)
    player = window.player
    playing = QMediaPlayer.PlaybackState.PlayingState
    for _ in range(2):
        qtbot.keyClick(window, Qt.Key.Key_Space, CTRL)
        qtbot.waitUntil(lambda: player.player.playbackState() == playing, timeout=10_000)
        assert "Pause" in player.play_button.text()
        qtbot.keyClick(window, Qt.Key.Key_Space, CTRL)
        qtbot.waitUntil(lambda: player.player.playbackState() != playing, timeout=5_000)
        assert "Play" in player.play_button.text()


def test_ctrl_shift_e_opens_and_closes_the_editor_every_time(qtbot, window) -> None:  # type: ignore[no-untyped-def] # noqa: F811
    open_sample(qtbot, window)
    draft(qtbot, window)
    activate(qtbot, window)
    panel = window.draft_panel
    for _ in range(2):
        qtbot.keyClick(window, Qt.Key.Key_E, CTRL | SHIFT)
        assert panel.pages.currentWidget() is panel.editor
        assert panel.edit_button.text().replace("&", "") == "View note"
        qtbot.keyClick(window, Qt.Key.Key_E, CTRL | SHIFT)
        assert panel.pages.currentWidget() is panel.browser
        assert panel.edit_button.text().replace("&", "") == "Edit note"


def test_f1_lists_the_player_editor_and_pane_shortcuts(qtbot, window) -> None:  # type: ignore[no-untyped-def] # noqa: F811
    open_sample(qtbot, window)
    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: getattr(window, "shortcuts_box", None) is not None and
                    window.shortcuts_box.isVisible(), timeout=5_000)
    text = window.shortcuts_box.text()
    for keys in ("Ctrl+Space", "Ctrl+Left", "Ctrl+Shift+E", "F2", "Ctrl+B", "Ctrl+I",
                 "F6", "Ctrl+Tab", "Shift+F6", "Ctrl+D", "Ctrl+N"):
        assert f"<b>{keys}" in text or f"/ {keys}" in text, keys
    assert "Play or pause" in text and "pane" in text
    window.shortcuts_box.close()


def test_tab_leaves_the_transcript_and_reaches_the_draft(qtbot, window) -> None:  # type: ignore[no-untyped-def] # noqa: F811
    open_sample(qtbot, window)
    draft(qtbot, window)
    activate(qtbot, window)
    table = window.transcript_panel.table
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                     pos=table.visualItemRect(table.item(1, 3)).center())
    assert focused() is table
    reached = []
    for _ in range(12):
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
        reached.append(focused())
    assert reached[0] is not table  # one Tab leaves the table, not one cell
    panel = window.draft_panel
    assert panel.browser in reached, reached
    # Shift+Tab comes back to the table in one step from whatever follows it.
    first = reached[0]
    first.setFocus()
    qtbot.keyClick(first, Qt.Key.Key_Backtab, SHIFT)
    assert focused() is table


def two_visits(qtbot, w, sample_audio: Path) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    open_sample(qtbot, w)
    first = w.visit_id
    w.start_visit(NewVisit("CASE-2", "Mr Jones", "home-visit", Consent("the person", "verbal"),
                           sample_audio))
    qtbot.waitUntil(lambda: w.job is None and w.visit_id != first, timeout=10_000)
    if getattr(w, "delete_box", None) is not None:
        w.delete_box.done(0)
    return first, w.visit_id


def test_arrow_keys_in_the_visits_list_open_the_visit_they_reach(  # type: ignore[no-untyped-def]
        qtbot, window, sample_audio: Path) -> None:  # noqa: F811
    first, second = two_visits(qtbot, window, sample_audio)
    activate(qtbot, window)
    visits = window.visits_panel.list
    rows = {visits.item(i).data(Qt.ItemDataRole.UserRole): i for i in range(visits.count())}
    # The list shows the open visit as its current row, so the arrows start from there.
    assert visits.currentRow() == rows[second]
    click_row(qtbot, visits, rows[first])
    assert window.visit_id == first and "SAMPLE-0001" in window.transcript_panel.heading.text()
    key = Qt.Key.Key_Up if rows[second] < rows[first] else Qt.Key.Key_Down
    back = Qt.Key.Key_Down if key == Qt.Key.Key_Up else Qt.Key.Key_Up
    qtbot.keyClick(visits, key)
    assert visits.currentRow() == rows[second]
    assert window.visit_id == second and "Mr Jones" in window.transcript_panel.heading.text()
    qtbot.keyClick(visits, back)
    assert window.visit_id == first and "SAMPLE-0001" in window.transcript_panel.heading.text()
    assert focused() is visits  # opening a visit leaves the focus in the list


def test_f6_and_ctrl_tab_move_between_the_panes_and_round(qtbot, window) -> None:  # type: ignore[no-untyped-def] # noqa: F811
    open_sample(qtbot, window)
    draft(qtbot, window)
    activate(qtbot, window)
    visits = window.visits_panel.list
    panel = window.draft_panel
    order = [visits, window.transcript_panel.table, panel.browser, panel.flags]
    click_row(qtbot, visits, 1)
    assert focused() is visits
    for key, modifier in ((Qt.Key.Key_F6, Qt.KeyboardModifier.NoModifier),
                          (Qt.Key.Key_Tab, CTRL)):
        seen = []
        for _ in order:
            qtbot.keyClick(focused(), key, modifier)
            seen.append(focused())
        assert seen == order[1:] + order[:1], (key, seen)
    # Backwards: Shift+F6 and Ctrl+Shift+Tab.
    qtbot.keyClick(focused(), Qt.Key.Key_F6, SHIFT)
    assert focused() is panel.flags
    qtbot.keyClick(focused(), Qt.Key.Key_Backtab, CTRL | SHIFT)
    assert focused() is panel.browser
    # From the search box, F6 goes on to the transcript; in the editor, the draft pane is
    # the sentence table.
    window.visits_panel.search.setFocus()
    qtbot.keyClick(focused(), Qt.Key.Key_F6)
    assert focused() is window.transcript_panel.table
    qtbot.keyClick(window, Qt.Key.Key_E, CTRL | SHIFT)
    qtbot.keyClick(window.transcript_panel.table, Qt.Key.Key_F6)
    assert focused() is panel.editor.table


def test_a_visit_opens_at_the_start_of_its_transcript(  # type: ignore[no-untyped-def]
        qtbot, window, sample_audio: Path) -> None:  # noqa: F811
    first, second = two_visits(qtbot, window, sample_audio)
    activate(qtbot, window)
    visits = window.visits_panel.list
    rows = {visits.item(i).data(Qt.ItemDataRole.UserRole): i for i in range(visits.count())}
    click_row(qtbot, visits, rows[first])
    table = window.transcript_panel.table
    assert window.visit_id == first and table.rowCount() > 5
    scroll = table.verticalScrollBar()
    assert scroll.maximum() > 0, "the test needs a transcript taller than its pane"
    assert scroll.value() == 0 and table.rowAt(0) == 0
