"""The player under the transcript: play/pause, seek, speed 0.75-2x, back 5 s.

The recording never leaves memory: it is read from the vault, decoded, wrapped as WAV bytes in
a QBuffer and handed to QMediaPlayer as a source device, so no audio file is ever written.
Playback reports its position, so the transcript can follow it; clicking a segment or a
citation plays from that segment's start.
"""

from __future__ import annotations

import io
import wave
from collections.abc import Callable

import numpy as np

from app.qt import (
    QAudioOutput,
    QBuffer,
    QByteArray,
    QComboBox,
    QHBoxLayout,
    QIODevice,
    QLabel,
    QMediaPlayer,
    QPushButton,
    QSlider,
    Qt,
    QUrl,
    QWidget,
    Signal,
)
from app.ui.keys import shortcut
from transcription.audio import SAMPLE_RATE

SPEEDS = (0.75, 1.0, 1.25, 1.5, 2.0)


def wav_bytes(audio: np.ndarray) -> bytes:
    pcm = np.clip(np.rint(np.asarray(audio) * 32767), -32768, 32767).astype("<i2")
    out = io.BytesIO()
    with wave.open(out, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(SAMPLE_RATE)
        w.writeframes(pcm.tobytes())
    return out.getvalue()


def clock(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    return f"{minutes}:{secs:02}"


class PlayerBar(QWidget):
    position_changed = Signal(float)  # seconds

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.loader: Callable[[], np.ndarray] | None = None
        self.duration = 0.0
        self._buffer: QBuffer | None = None
        self._pending: float | None = None  # a seek asked for before the media was loaded
        # Made on first use: the sound system is only touched when someone presses Play.
        self._player: QMediaPlayer | None = None
        self.play_button = QPushButton("▶ Play")
        self.play_button.setAccessibleName("Play or pause the recording (Ctrl+Space)")
        self.play_button.clicked.connect(self.toggle)
        shortcut("Ctrl+Space", self, "Play or pause the recording", self.play_button.click)
        self.back_button = QPushButton("⟲ 5 s")
        self.back_button.setAccessibleName("Back 5 seconds (Ctrl+Left)")
        self.back_button.clicked.connect(lambda: self.seek(self.position() - 5))
        shortcut("Ctrl+Left", self, "Back 5 seconds in the recording", self.back_button.click)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setAccessibleName("Position in the recording")
        self.slider.sliderMoved.connect(lambda ms: self.seek(ms / 1000))
        self.time = QLabel("0:00 / 0:00")
        self.speed = QComboBox()
        self.speed.setAccessibleName("Playback speed")
        for rate in SPEEDS:
            self.speed.addItem(f"{rate:g}x", rate)
        self.speed.setCurrentIndex(SPEEDS.index(1.0))
        self.speed.currentIndexChanged.connect(
            lambda _i: self._player and self._player.setPlaybackRate(
                float(self.speed.currentData())))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.play_button, self.back_button):
            layout.addWidget(widget)
        layout.addWidget(self.slider, 1)
        layout.addWidget(self.time)
        layout.addWidget(self.speed)
        self.setEnabled(False)

    @property
    def player(self) -> QMediaPlayer:
        if self._player is None:
            self._player = QMediaPlayer(self)
            self._output = QAudioOutput(self)
            self._player.setAudioOutput(self._output)
            self._player.positionChanged.connect(self._moved)
            self._player.playbackStateChanged.connect(self._state)
            self._player.mediaStatusChanged.connect(self._status)
        return self._player

    def set_recording(self, loader: Callable[[], np.ndarray] | None, duration: float) -> None:
        """What to play, read only when first needed (the vault decodes it in memory)."""
        if self._player is not None:
            self._player.stop()
            self._player.setSource(QUrl())
        self._buffer = None
        self.loader, self.duration = loader, duration
        self.slider.setRange(0, int(duration * 1000))
        self.time.setText(f"0:00 / {clock(duration)}")
        self.setEnabled(loader is not None)

    def _ensure_loaded(self) -> bool:
        if self._buffer is not None:
            return True
        if self.loader is None:
            return False
        data = QByteArray(wav_bytes(self.loader()))
        self._buffer = QBuffer(self)
        self._buffer.setData(data)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        # The URL names no file: it only tells the FFmpeg backend the buffer's format (without
        # it, playback from the buffer does not start; tests/ui/test_player.py shows it).
        self.player.setSourceDevice(self._buffer, QUrl("recording.wav"))
        self.player.setPlaybackRate(float(self.speed.currentData()))
        return True

    def toggle(self) -> None:
        if self.player.playbackState() == QMediaPlayer.PlaybackState.PlayingState:
            self.player.pause()
        elif self._ensure_loaded():
            self.player.play()

    def play_from(self, seconds: float) -> None:
        if self._ensure_loaded():
            self.seek(seconds)
            self.player.play()

    def seek(self, seconds: float) -> None:
        if not self._ensure_loaded():
            return
        seconds = max(0.0, min(seconds, self.duration))
        if self.player.mediaStatus() in (QMediaPlayer.MediaStatus.LoadingMedia,
                                         QMediaPlayer.MediaStatus.NoMedia):
            self._pending = seconds  # applied once the media is loaded
        else:
            self.player.setPosition(int(seconds * 1000))

    def _status(self, status: QMediaPlayer.MediaStatus) -> None:
        if self._pending is not None and status in (QMediaPlayer.MediaStatus.LoadedMedia,
                                                    QMediaPlayer.MediaStatus.BufferedMedia,
                                                    QMediaPlayer.MediaStatus.BufferingMedia):
            seconds, self._pending = self._pending, None
            self.player.setPosition(int(seconds * 1000))

    def position(self) -> float:
        return self._player.position() / 1000 if self._player else 0.0

    def stop(self) -> None:
        if self._player is not None:
            self._player.stop()

    def _moved(self, ms: int) -> None:
        if not self.slider.isSliderDown():
            self.slider.setValue(ms)
        self.time.setText(f"{clock(ms / 1000)} / {clock(self.duration)}")
        self.position_changed.emit(ms / 1000)

    def _state(self, state: QMediaPlayer.PlaybackState) -> None:
        playing = state == QMediaPlayer.PlaybackState.PlayingState
        self.play_button.setText("❚❚ Pause" if playing else "▶ Play")
