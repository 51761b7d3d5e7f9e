"""Decode any supported recording into 16 kHz mono float32 samples, in memory.

Nothing is written to disk: faster-whisper is fed the numpy array directly. PyAV (which
faster-whisper already depends on) does the decoding, so WAV, FLAC, MP3, M4A, OGG/Opus and
the audio track of common video files all work without ffmpeg on the PATH.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import numpy as np

from transcription.errors import AudioError

SAMPLE_RATE = 16_000
SUPPORTED = "WAV, FLAC, MP3, M4A or OGG"

_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive or an Office document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GGUF", "a language-model file"),
    (b"SQLite format 3", "a database file"),
    (b"{", "a text or JSON file"),
    (b"<", "a text, HTML or XML file"),
)


def describe_content(head: bytes) -> str | None:
    """Name what a file that failed to decode looks like, for the error message."""
    for magic, what in _SIGNATURES:
        if head.startswith(magic):
            return what
    if head and all(32 <= b < 127 or b in (9, 10, 13) for b in head):
        return "a text file"
    return None


def check_readable(path: Path) -> None:
    """Raise AudioError for a missing, unreadable or empty file before any decoding."""
    if not path.exists():
        raise AudioError(f"There is no file at {path}. Check the name and folder, then try again.")
    if path.is_dir():
        raise AudioError(f"{path} is a folder, not a recording. Choose a {SUPPORTED} file.")
    try:
        size = path.stat().st_size
        with path.open("rb"):
            pass
    except OSError as exc:
        raise AudioError(
            f"Casenotes cannot open {path.name} ({exc.strerror or exc}). "
            "Check that you have permission to read it."
        ) from exc
    if size == 0:
        raise AudioError(
            f"{path.name} is empty (0 bytes): the recording was not saved. "
            f"Choose another {SUPPORTED} file."
        )


def decode_audio(path: str | Path) -> np.ndarray:
    """Return the whole recording as float32 samples in [-1, 1] at 16 kHz, mono.

    Raises AudioError with a message naming the next step for every input we cannot use:
    a missing or empty file, something that is not audio, or audio with no samples.
    """
    path = Path(path)
    check_readable(path)
    with path.open("rb") as f:
        head = f.read(64)
    return _decode(str(path), path.name, head)


def probe_audio(path: str | Path) -> None:
    """Raise AudioError unless the file holds decodable sound; stops at the first samples.

    The cheap check before a recording is stored: the same errors as `decode_audio`,
    without decoding an hour of audio twice.
    """
    path = Path(path)
    check_readable(path)
    with path.open("rb") as f:
        head = f.read(64)
    _decode(str(path), path.name, head, max_samples=1)


def decode_audio_bytes(data: bytes, name: str) -> np.ndarray:
    """Decode a recording held in memory (e.g. read back from the vault); same contract."""
    if not data:
        raise AudioError(f"{name} is empty (0 bytes). Record again or import another file.")
    return _decode(io.BytesIO(data), name, data[:64])


def _decode(source: Any, name: str, head: bytes, max_samples: int | None = None) -> np.ndarray:
    import av  # deferred: PyAV loads FFmpeg's libraries, which the CLI's --help does not need

    try:
        container = av.open(source, mode="r", metadata_errors="ignore")
    except (av.error.FFmpegError, UnicodeDecodeError, ValueError) as exc:
        raise _not_audio(name, head) from exc
    try:
        if not container.streams.audio:
            raise AudioError(
                f"{name} has no sound track. Choose a {SUPPORTED} file, or a video with sound."
            )
        stream = container.streams.audio[0]
        resampler = av.AudioResampler(format="s16", layout="mono", rate=SAMPLE_RATE)
        chunks: list[np.ndarray] = []
        collected = 0
        try:
            for frame in container.decode(stream):
                for out in resampler.resample(frame):
                    chunks.append(out.to_ndarray().reshape(-1))
                    collected += chunks[-1].size
                if max_samples is not None and collected >= max_samples:
                    break
            else:
                for out in resampler.resample(None):
                    chunks.append(out.to_ndarray().reshape(-1))
        except av.error.FFmpegError as exc:
            if not chunks:
                raise _not_audio(name, head) from exc
            # A truncated file (e.g. a recorder that lost power) still yields what it has.
    finally:
        container.close()
    if not chunks:
        raise AudioError(
            f"{name} contains no sound (it is 0 seconds long). "
            f"Record again or choose another {SUPPORTED} file."
        )
    pcm = np.concatenate(chunks)
    return (pcm.astype(np.float32) / 32768.0).clip(-1.0, 1.0)


def _not_audio(name: str, head: bytes) -> AudioError:
    what = describe_content(head)
    looks = f" (it looks like {what})" if what else ""
    return AudioError(f"{name} is not audio Casenotes can read{looks}. Choose a {SUPPORTED} file.")


class StreamResampler:
    """Linear-interpolation resampling of a stream to 16 kHz, block by block, with no clicks
    at block edges (the fractional position carries over). For microphones that cannot
    deliver 16 kHz themselves; speech recognition needs nothing finer."""

    def __init__(self, rate: int, target: int = SAMPLE_RATE) -> None:
        self.step = rate / target
        self.position = 0.0  # in input samples, relative to the start of `self.tail`
        self.tail = np.zeros(0, dtype=np.float32)

    def push(self, samples: np.ndarray) -> np.ndarray:
        data = np.concatenate([self.tail, np.asarray(samples, dtype=np.float32)])
        if data.size < 2:
            self.tail = data
            return np.zeros(0, dtype=np.float32)
        count = int(np.floor((data.size - 1 - self.position) / self.step)) + 1
        points = self.position + self.step * np.arange(max(count, 0))
        out = np.interp(points, np.arange(data.size), data).astype(np.float32)
        next_position = self.position + self.step * max(count, 0)
        keep = min(int(np.floor(next_position)), data.size)
        self.tail = data[keep:]
        self.position = next_position - keep
        return out
