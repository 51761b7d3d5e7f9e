"""The player under the transcript: play/pause, seek, speed 0.75-2x, back 5 s.

The recording never leaves memory: it is read from the vault, decoded, wrapped as WAV bytes in
a QBuffer and handed to QMediaPlayer as a source device, so no audio file is ever written.
Playback reports its position, so the transcript can follow it; clicking a segment plays from
its start, clicking a citation plays just the cited segment.

With no speaker or headphones (no audio output at all), Play says so in words instead of
starting: QMediaPlayer without an output runs on a clock of its own, and its position (and
the slider) ran at about twice the real speed. The notice goes when an output appears.
"""

from __future__ import annotations

import io
import wave
from collections.abc import Callable

import numpy as np

from app.qt import (
    QAudioDevice,
    QAudioOutput,
    QBuffer,
    QByteArray,
    QComboBox,
    QHBoxLayout,
    QIODevice,
    QLabel,
    QMediaDevices,
    QMediaPlayer,
    QPushButton,
    QSlider,
    Qt,
    QUrl,
    QVBoxLayout,
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


NO_OUTPUT = ("No speaker or headphones found, so the recording cannot be played. Connect "
             "them (or check the sound settings), then press Play again.")


def output_devices() -> list[QAudioDevice]:
    """The audio outputs the system offers now (none: nothing can be heard)."""
    return list(QMediaDevices.audioOutputs())


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
        self._until: float | None = None    # where a citation's segment ends: pause there
        self._devices: QMediaDevices | None = None  # made when an output is first missed
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
        self.slider.sliderMoved.connect(self._slid)
        self.time = QLabel("0:00 / 0:00")
        self.notice = QLabel(NO_OUTPUT)
        self.notice.setWordWrap(True)
        self.notice.setAccessibleName("Playback notice")
        self.notice.hide()
        self.speed = QComboBox()
        self.speed.setAccessibleName("Playback speed")
        for rate in SPEEDS:
            self.speed.addItem(f"{rate:g}x", rate)
        self.speed.setCurrentIndex(SPEEDS.index(1.0))
        self.speed.currentIndexChanged.connect(
            lambda _i: self._player and self._player.setPlaybackRate(
                float(self.speed.currentData())))
        controls = QHBoxLayout()
        for widget in (self.play_button, self.back_button):
            controls.addWidget(widget)
        controls.addWidget(self.slider, 1)
        controls.addStretch(0)
        controls.addWidget(self.time)
        controls.addWidget(self.speed)
        # The notice has a line of its own under the controls: beside them, in a narrow
        # transcript pane, it wrapped one word to a line and took the transcript's height.
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(controls)
        layout.addWidget(self.notice)
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

    def _can_be_heard(self) -> bool:
        """Whether there is an output to play to; if not, the notice says so."""
        if output_devices():
            self._output_back()
            return True
        if self._devices is None:
            self._devices = QMediaDevices(self)
            self._devices.audioOutputsChanged.connect(self._output_back)
        if self._player is not None:
            self._player.pause()
        self.slider.hide()
        self.notice.show()
        return False

    def _output_back(self) -> None:
        if output_devices() and self.notice.isVisible():
            self.notice.hide()
            self.slider.show()

    def toggle(self) -> None:
        self._until = None  # Play after a citation plays on
        if self._player is not None and \
                self._player.playbackState() == QMediaPlayer.PlaybackState.PlayingState:
            self._player.pause()
        elif self._can_be_heard() and self._ensure_loaded():
            self.player.play()

    def play_from(self, seconds: float, until: float | None = None) -> None:
        """Play from `seconds`; with `until`, pause there (a cited segment's end)."""
        if self._can_be_heard() and self._ensure_loaded():
            self._until = until
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

    def _slid(self, ms: int) -> None:
        self._until = None  # moved by hand: play on from there
        self.seek(ms / 1000)

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
        # Stale reports from before the seek lie outside the segment's end: not the end yet.
        if self._until is not None and self._pending is None and \
                0 <= ms - self._until * 1000 < 2000:
            self._until = None
            self.player.pause()
        if not self.slider.isSliderDown():
            self.slider.setValue(ms)
        self.time.setText(f"{clock(ms / 1000)} / {clock(self.duration)}")
        self.position_changed.emit(ms / 1000)

    def _state(self, state: QMediaPlayer.PlaybackState) -> None:
        playing = state == QMediaPlayer.PlaybackState.PlayingState
        self.play_button.setText("❚❚ Pause" if playing else "▶ Play")
