"""The player without a speaker, and playing a citation (issue 17, item 8): no output device
means a plain notice and no playback (whose slider ran at about twice the real speed), and a
citation plays its segment and stops at its end."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from app.qt import QMediaPlayer, Qt  # noqa: E402
from app.ui import player as player_module  # noqa: E402
from tests.ui.test_main_window import (  # noqa: E402,F401
    draft,
    no_modal_dialogs,
    open_sample,
    window,
)
from tests.ui.test_review_workspace import click  # noqa: E402

pytestmark = pytest.mark.gui


def playing(bar) -> bool:  # type: ignore[no-untyped-def]
    return bar._player is not None and \
        bar._player.playbackState() == QMediaPlayer.PlaybackState.PlayingState


def test_without_a_speaker_play_says_so_and_nothing_runs(  # type: ignore[no-untyped-def]
        qtbot, window, monkeypatch) -> None:  # noqa: F811
    real = player_module.output_devices
    monkeypatch.setattr(player_module, "output_devices", lambda: [])
    open_sample(qtbot, window)
    bar = window.player
    assert bar.isEnabled() and not bar.notice.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_Space, Qt.KeyboardModifier.ControlModifier)
    assert bar.notice.isVisible() and "No speaker or headphones" in bar.notice.text()
    assert not bar.slider.isVisible()
    # A segment (or citation) clicked says the same, and nothing plays or moves.
    table = window.transcript_panel.table
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                     pos=table.visualItemRect(table.item(3, 3)).center())
    qtbot.wait(600)
    assert not playing(bar) and bar.slider.value() == 0 and bar.position() == 0.0
    assert bar.time.text().startswith("0:00 /")
    # Headphones plugged in: Play plays, and the notice goes.
    monkeypatch.setattr(player_module, "output_devices", real)
    click(qtbot, bar.play_button)
    qtbot.waitUntil(lambda: playing(bar), timeout=10_000)
    assert not bar.notice.isVisible() and bar.slider.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_Space, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not playing(bar), timeout=5_000)


def test_a_citation_plays_its_segment_and_stops_at_its_end(qtbot, window) -> None:  # type: ignore[no-untyped-def] # noqa: F811
    open_sample(qtbot, window)
    draft(qtbot, window)
    click(qtbot, window.draft_panel.edit_button)
    table = window.draft_panel.editor.table
    segments = window.transcript.segments
    rows = [r for r in range(table.rowCount())
            if table.item(r, 1) is not None and table.item(r, 1).data(Qt.ItemDataRole.UserRole)]
    row = min(rows, key=lambda r: (lambda s: s.end - s.start)(
        segments[table.item(r, 1).data(Qt.ItemDataRole.UserRole)[0]]))
    cited = segments[table.item(row, 1).data(Qt.ItemDataRole.UserRole)[0]]
    table.scrollToItem(table.item(row, 1))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                     pos=table.visualItemRect(table.item(row, 1)).center())
    bar = window.player
    qtbot.waitUntil(lambda: playing(bar), timeout=10_000)
    qtbot.waitUntil(lambda: not playing(bar), timeout=(cited.end - cited.start) * 1000 + 8_000)
    stopped = bar.position()
    assert cited.end - 0.1 <= stopped < cited.end + 0.6
    qtbot.wait(400)
    assert not playing(bar) and bar.position() == stopped
    # Play (Ctrl+Space) then plays on past it.
    qtbot.keyClick(window, Qt.Key.Key_Space, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bar.position() > cited.end + 0.8, timeout=5_000)
