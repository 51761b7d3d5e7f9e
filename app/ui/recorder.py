"""The microphone, through QtMultimedia's QAudioSource: raw PCM into memory, never a file.

QMediaRecorder can only record to a file or a URL of its own choosing, outside the vault;
QAudioSource hands us the samples, which go straight to the vault in compressed chunks
(app/capture.py) and to the live transcriber. This class only deals with the device:
format, level, elapsed time, pause, silence and a device that disappears. What to do with
the audio is the `sink`'s job.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from app.qt import (
    QAudio,
    QAudioDevice,
    QAudioFormat,
    QAudioSource,
    QIODevice,
    QMediaDevices,
    QObject,
    Signal,
)
from transcription.audio import SAMPLE_RATE, StreamResampler

SILENCE_RMS = 10 ** (-55 / 20)  # about -55 dBFS: nothing but the noise floor
SILENCE_WARN_SECONDS = 10.0


def input_devices() -> list[QAudioDevice]:
    return list(QMediaDevices.audioInputs())


def find_device(device_id: str | None) -> QAudioDevice:
    """The remembered microphone if it is still there, else the system default."""
    for device in input_devices():
        if device_id and bytes(device.id().data()).decode(errors="replace") == device_id:
            return device
    return QMediaDevices.defaultAudioInput()


def device_key(device: QAudioDevice) -> str:
    return bytes(device.id().data()).decode(errors="replace")


class Recorder(QObject):
    level = Signal(float)      # 0..1, for the meter (RMS in dBFS mapped from -60..0)
    elapsed = Signal(float)    # seconds recorded (pauses excluded)
    silent = Signal(float)     # seconds of silence so far, once it passes 10 s
    sound_back = Signal()
    device_lost = Signal(str)  # plain-English message; what was recorded is kept

    def __init__(self, device: QAudioDevice, sink: Callable[[np.ndarray], None],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.sink = sink
        self.device = device
        self.samples = 0
        self.quiet_samples = 0
        self._warned = False
        self._source: QAudioSource | None = None
        self._io: QIODevice | None = None
        self._resampler: StreamResampler | None = None
        self._format = QAudioFormat()
        self._devices = QMediaDevices(self)
        self._devices.audioInputsChanged.connect(self._check_device)

    # -- control -------------------------------------------------------------------------
    def start(self) -> None:
        wanted = QAudioFormat()
        wanted.setSampleRate(SAMPLE_RATE)
        wanted.setChannelCount(1)
        wanted.setSampleFormat(QAudioFormat.SampleFormat.Int16)
        self._format = wanted if self.device.isFormatSupported(wanted) else \
            self.device.preferredFormat()
        rate = self._format.sampleRate()
        self._resampler = StreamResampler(rate) if rate != SAMPLE_RATE else None
        self._source = QAudioSource(self.device, self._format, self)
        self._source.setBufferSize(SAMPLE_RATE)  # about half a second of 16-bit mono
        self._source.stateChanged.connect(self._state_changed)
        self._io = self._source.start()
        if self._io is None:
            self.device_lost.emit(f"The microphone '{self.device.description()}' could not "
                                  "be opened. Choose another one, or check it is plugged in.")
            return
        self._io.readyRead.connect(self._read)

    def pause(self) -> None:
        if self._source:
            self._read()
            self._source.suspend()

    def resume(self) -> None:
        if self._source:
            self._source.resume()

    def stop(self) -> None:
        if self._source is None:
            return
        self._read()
        source, self._source, self._io = self._source, None, None
        source.stateChanged.disconnect(self._state_changed)
        source.stop()
        source.deleteLater()

    @property
    def paused(self) -> bool:
        return self._source is not None and \
            self._source.state() == QAudio.State.SuspendedState

    @property
    def seconds(self) -> float:
        return self.samples / SAMPLE_RATE

    # -- audio ---------------------------------------------------------------------------
    def _read(self) -> None:
        if self._io is None:
            return
        data = bytes(self._io.readAll().data())
        if not data:
            return
        samples = _to_mono_float(data, self._format)
        if self._resampler:
            samples = self._resampler.push(samples)
        if not samples.size:
            return
        pcm = np.clip(samples * 32768.0, -32768, 32767).astype(np.int16)
        self.samples += pcm.size
        self.sink(pcm)
        rms = float(np.sqrt(np.mean(np.square(samples, dtype=np.float64))))
        db = 20 * np.log10(max(rms, 1e-6))
        self.level.emit(min(1.0, max(0.0, (db + 60) / 60)))
        self.elapsed.emit(self.seconds)
        if rms < SILENCE_RMS:
            self.quiet_samples += pcm.size
            quiet = self.quiet_samples / SAMPLE_RATE
            if quiet >= SILENCE_WARN_SECONDS and not self._warned:
                self._warned = True
                self.silent.emit(quiet)
        else:
            if self._warned:
                self.sound_back.emit()
            self.quiet_samples, self._warned = 0, False

    # -- the device ----------------------------------------------------------------------
    def _state_changed(self, state: QAudio.State) -> None:
        if self._source is None:
            return
        if state == QAudio.State.StoppedState and \
                self._source.error() != QAudio.Error.NoError:
            self._lost()

    def _check_device(self) -> None:
        if self._source is not None and \
                device_key(self.device) not in {device_key(d) for d in input_devices()}:
            self._lost()

    def _lost(self) -> None:
        name = self.device.description()
        self.stop()
        self.device_lost.emit(f"The microphone '{name}' stopped working or was unplugged. "
                              f"Everything up to now ({self.seconds:.0f} s) is saved. Choose "
                              "another microphone to carry on recording.")


def _to_mono_float(data: bytes, fmt: QAudioFormat) -> np.ndarray:
    kind = fmt.sampleFormat()
    if kind == QAudioFormat.SampleFormat.Int16:
        samples = np.frombuffer(data, dtype="<i2").astype(np.float32) / 32768.0
    elif kind == QAudioFormat.SampleFormat.Int32:
        samples = np.frombuffer(data, dtype="<i4").astype(np.float32) / 2147483648.0
    elif kind == QAudioFormat.SampleFormat.Float:
        samples = np.frombuffer(data, dtype="<f4").astype(np.float32)
    else:  # UInt8
        samples = (np.frombuffer(data, dtype=np.uint8).astype(np.float32) - 128.0) / 128.0
    channels = max(1, fmt.channelCount())
    if channels > 1:
        usable = samples.size - samples.size % channels
        samples = samples[:usable].reshape(-1, channels).mean(axis=1)
    return samples
