"""A recording in progress: PCM in, FLAC chunks committed to the vault every few seconds.

This is the part of capture that keeps the promise "never lose a recording": whatever feeds it
(the microphone through QtMultimedia in the window, or a test), every `chunk_seconds` of audio
is encoded in memory and committed to the vault on its own, so a crash or power cut loses at
most the chunk being filled. On the next start, `Casework.unfinished_recordings()` finds the
recording and `recover_recording()` keeps what was saved.

Thread-safety: one Capture is fed from one thread (the audio callback's); each commit runs on
the vault's owner thread and blocks the caller for a few milliseconds.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from app.casework import Casework
from transcription.audio import SAMPLE_RATE
from transcription.chunks import encode_flac

CHUNK_SECONDS = 3.0


class Capture:
    def __init__(self, work: Casework, visit_id: int, *, chunk_seconds: float = CHUNK_SECONDS,
                 on_chunk: Callable[[int, float], None] | None = None) -> None:
        self.work = work
        self.chunk_samples = int(chunk_seconds * SAMPLE_RATE)
        self.on_chunk = on_chunk
        self.recording_id = work.record.start_recording(visit_id, "microphone", "flac",
                                                        sample_rate=SAMPLE_RATE)
        self._pending: list[np.ndarray] = []
        self._pending_samples = 0
        self._seq = 0
        self.saved_seconds = 0.0

    def feed(self, samples: np.ndarray) -> None:
        """Add 16 kHz mono samples (float32 in [-1, 1] or int16); commits full chunks."""
        self._pending.append(np.asarray(samples).reshape(-1))
        self._pending_samples += self._pending[-1].size
        while self._pending_samples >= self.chunk_samples:
            block = np.concatenate(self._pending)
            self._commit(block[: self.chunk_samples])
            rest = block[self.chunk_samples:]
            self._pending = [rest] if rest.size else []
            self._pending_samples = rest.size

    def stop(self) -> int:
        """Commit what is left and mark the recording finished; return its id."""
        if self._pending_samples:
            self._commit(np.concatenate(self._pending))
            self._pending, self._pending_samples = [], 0
        self.work.record.finish_recording(self.recording_id)
        return self.recording_id

    def _commit(self, samples: np.ndarray) -> None:
        seconds = samples.size / SAMPLE_RATE
        self.work.record.add_audio_chunk(self.recording_id, self._seq, encode_flac(samples),
                                         seconds)
        self.saved_seconds += seconds
        if self.on_chunk:
            self.on_chunk(self._seq, self.saved_seconds)
        self._seq += 1
