"""Live transcription: transcribe a recording in stretches while it is still being made.

The recorder feeds samples as they arrive; a worker calls `step()` whenever it is free, and
each step transcribes one finished stretch of the untranscribed audio. When the user stops,
`finish()` has only the tail left, so the whole transcript is ready seconds after Stop
whatever the recording's length.

Where to cut matters: a word cut in half is lost or doubled. A stretch is cut in the middle
of a pause found by voice-activity detection (Silero, bundled with faster-whisper), so no
word straddles the cut. If someone talks for `max_stretch` seconds without a pause, the
stretch is transcribed to the end and only the segments that finish well before the end are
kept; the next stretch starts where the last kept segment ended, so the words at the edge are
transcribed once, in full, in the next stretch.

Thread-safety: `feed` may be called from the audio thread while `step` runs on the model
thread; the buffer is guarded by a lock. Memory holds only the untranscribed audio (the
recording itself is safe in the vault, chunk by chunk).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace

import numpy as np

from transcription.audio import SAMPLE_RATE
from transcription.transcriber import TranscribeOptions, Transcriber
from transcription.transcript import Segment, Transcript

Pauses = Callable[[np.ndarray], list[tuple[int, int]]]
Labeller = Callable[[np.ndarray, list[Segment]], list[Segment]]
Regrouper = Callable[[list[Segment]], list[Segment]]


def silero_pauses(audio: np.ndarray, min_pause: float = 0.3) -> list[tuple[int, int]]:
    """(start, end) sample offsets of the pauses between stretches of speech."""
    from faster_whisper.vad import VadOptions, get_speech_timestamps

    speech = get_speech_timestamps(audio, VadOptions(min_silence_duration_ms=int(min_pause *
                                                                                 1000),
                                                     speech_pad_ms=60))
    edges = [0] + [x for s in speech for x in (s["start"], s["end"])] + [len(audio)]
    pauses = [(edges[i], edges[i + 1]) for i in range(0, len(edges) - 1, 2)]
    return [(a, b) for a, b in pauses if b - a >= min_pause * SAMPLE_RATE]


class LiveTranscriber:
    def __init__(self, transcriber: Transcriber, options: TranscribeOptions, *,
                 min_stretch: float = 28.0, max_stretch: float = 30.0, edge_margin: float = 2.0,
                 find_pauses: Pauses = silero_pauses, label: Labeller | None = None,
                 regroup: Regrouper | None = None,
                 context_chars: int = 0) -> None:
        self.transcriber = transcriber
        self.options = options
        self.min_stretch = int(min_stretch * SAMPLE_RATE)
        self.max_stretch = int(max_stretch * SAMPLE_RATE)
        self.edge_margin = int(edge_margin * SAMPLE_RATE)
        self.find_pauses = find_pauses
        self.label = label  # who spoke, from the audio of each stretch (transcription/voice.py)
        self.regroup = regroup  # at the end, who spoke over the whole recording (diarise.py)
        # Off by default: carrying the end of the transcript so far into the next stretch as
        # Whisper's prompt helped a little non-batched, but with batched decoding it made
        # Whisper merge a whole stretch into one segment and drop words it had just seen
        # (tests/ui/test_recording.py repeats the fixture and caught it).
        self.context_chars = context_chars
        self.language: str | None = options.language
        self.segments: list[Segment] = []
        self._lock = threading.Lock()
        self._pending = np.zeros(0, dtype=np.float32)  # audio from `_offset` on
        self._offset = 0  # samples transcribed (or skipped as silence) so far
        self._total = 0
        self._tried = 0  # pending size at the last look that found no place to cut

    # -- the audio side ------------------------------------------------------------------
    def feed(self, samples: np.ndarray) -> None:
        """Add 16 kHz mono samples (float32 in [-1, 1], or int16)."""
        block = np.asarray(samples).reshape(-1)
        if block.dtype == np.int16:
            block = block.astype(np.float32) / 32768.0
        with self._lock:
            self._pending = np.concatenate([self._pending, block.astype(np.float32)])
            self._total += block.size

    @property
    def seconds_recorded(self) -> float:
        return self._total / SAMPLE_RATE

    @property
    def seconds_behind(self) -> float:
        """Audio not transcribed yet."""
        with self._lock:
            return self._pending.size / SAMPLE_RATE

    # -- the model side ------------------------------------------------------------------
    def step(self) -> list[Segment]:
        """Transcribe one finished stretch if there is one; return its new segments."""
        with self._lock:
            audio, offset = self._pending.copy(), self._offset
        if audio.size < self.min_stretch or audio.size - self._tried < SAMPLE_RATE:
            return []  # too short, or not a second more than when we last looked
        cut = self._pause_cut(audio)
        if cut is not None:
            return self._transcribe(audio[:cut], offset, keep_all=True)
        if audio.size < self.max_stretch:
            self._tried = audio.size
            return []
        return self._transcribe(audio, offset, keep_all=False)

    def finish(self) -> Transcript:
        """Transcribe whatever is left and return the whole transcript."""
        with self._lock:
            audio, offset = self._pending.copy(), self._offset
        if audio.size:
            self._transcribe(audio, offset, keep_all=True)
        if self.regroup and self.segments:
            self.segments = self.regroup(self.segments)
        return Transcript(self.language or "en", self._total / SAMPLE_RATE,
                          tuple(self.segments))

    def _pause_cut(self, audio: np.ndarray) -> int | None:
        """The middle of the last pause that leaves at least `min_stretch` before it and
        does not touch the end (where speech may be continuing)."""
        best = None
        for start, end in self.find_pauses(audio):
            middle = (start + end) // 2
            if middle >= self.min_stretch and end < audio.size - SAMPLE_RATE // 10:
                best = middle
        return best

    def _transcribe(self, audio: np.ndarray, offset: int, keep_all: bool) -> list[Segment]:
        seconds = offset / SAMPLE_RATE
        options = self.options
        if self.language and options.language is None:
            options = replace(options, language=self.language)  # detected once, then fixed
        if self.context_chars and self.segments and not options.initial_prompt:
            # What was said just before this stretch: Whisper reads it as the preceding text,
            # as it would inside one long file, so names and phrasing carry over the cut.
            context = " ".join(s.text for s in self.segments[-4:])[-self.context_chars:]
            options = replace(options, initial_prompt=context.split(" ", 1)[-1])
        language, segments = self.transcriber.transcribe(audio, options)
        self.language = self.language or language
        found = [s for s in segments if s.text]
        consumed = audio.size
        if not keep_all:
            limit = (audio.size - self.edge_margin) / SAMPLE_RATE
            kept = [s for s in found if s.end <= limit]
            if kept:
                found = kept
                consumed = min(audio.size, int(kept[-1].end * SAMPLE_RATE))
            else:  # one long segment with no end in sight: take it whole
                consumed = audio.size
        if self.label and found:
            found = self.label(audio, found)
        new = [s.shifted(seconds) for s in found]
        with self._lock:
            self._pending = self._pending[consumed:]
            self._offset = offset + consumed
            self._tried = 0
        self.segments.extend(new)
        return new
