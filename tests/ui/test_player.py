"""The player: a segment clicked plays from its start, the transcript follows playback, speed
and back-5-seconds work, and the audio is played from memory (no file is written)."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from app.qt import QMediaPlayer  # noqa: E402
from tests.ui.test_main_window import (  # noqa: E402,F401
    no_modal_dialogs,
    open_sample,
    window,
)

pytestmark = pytest.mark.gui


def test_clicking_a_segment_plays_it_and_the_transcript_follows(qtbot, window) -> None:  # type: ignore[no-untyped-def] # noqa: F811
    open_sample(qtbot, window)
    player = window.player
    assert player.isEnabled() and player.duration > 55   # the sample is 60.4 s
    start = window.transcript.segments[3].start
    window.transcript_panel.segment_activated.emit(3)
    qtbot.waitUntil(lambda: player.player.playbackState() ==
                    QMediaPlayer.PlaybackState.PlayingState, timeout=10_000)
    qtbot.waitUntil(lambda: player.position() > start + 0.3, timeout=10_000)
    assert player.position() < window.transcript.segments[5].end
    qtbot.waitUntil(lambda: window.transcript_panel.table.currentRow() == 3, timeout=5_000)
    assert player.player.source().toString() == "recording.wav"  # a name; the data is memory
    player.speed.setCurrentIndex(player.speed.findData(2.0))
    assert player.player.playbackRate() == 2.0
    before = player.position()
    player.back_button.click()
    qtbot.waitUntil(lambda: player.position() < before - 3, timeout=5_000)
    player.toggle()
    qtbot.waitUntil(lambda: player.player.playbackState() !=
                    QMediaPlayer.PlaybackState.PlayingState, timeout=5_000)
    assert player.play_button.text() == "▶ Play"
