"""A visit being recorded: audio safe in the vault as it arrives, transcript growing live.

Plain data in (16 kHz int16 samples from whatever microphone front end), events out. The
window feeds it from QAudioSource; the end-to-end test from a real PulseAudio server. Every
`feed` goes to the capture (FLAC chunks committed every 3 s: a crash loses at most one) and
to the live transcriber; `transcribe()` runs on the model thread until `stop()`, then
finishes the tail and stores the transcript with the recording it came from.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Callable, Iterator

import numpy as np

from app.capture import Capture
from app.casework import Casework
from app.services import SegmentTranscribed, TranscriptionCompleted, TranscriptionEvent
from transcription.transcript import Transcript

IDLE_WAIT = 0.25  # seconds between looks for a finished stretch
AHEAD_WAIT = 2.0  # seconds between the drafting model's looks at the transcript
AHEAD_NICE = 10   # the drafting model's thread yields the CPU to Whisper


class RecordingSession:
    def __init__(self, work: Casework, visit_id: int, *, model: str | None = None,
                 language: str | None = None, translate: bool = False,
                 on_chunk: Callable[[int, float], None] | None = None,
                 draft_ahead: bool = True) -> None:
        self.work = work
        self.visit_id = visit_id
        self.model = model
        self.language = language
        self.translate = translate
        self.vocabulary = work.vocabulary_for(visit_id)
        self.capture = Capture(work, visit_id, on_chunk=on_chunk)
        self.live = work.services.live_transcriber(model, language, translate=translate,
                                                   vocabulary=self.vocabulary,
                                                   voice=work.voice_profile())
        self.recording_id = self.capture.recording_id
        self._stopped = threading.Event()
        self.stopped_at: float | None = None
        self.read_ahead = 0  # stretches the drafting model read during the recording
        self._ahead: threading.Thread | None = None
        if draft_ahead:
            self._ahead = threading.Thread(target=self._read_ahead, name="draft-ahead",
                                           daemon=True)
            self._ahead.start()

    def _read_ahead(self) -> None:
        """The drafting model's thread: as the live transcriber finishes stretches, a capable
        model reads them (summarise.drafter.read_ahead), at a lower CPU priority than Whisper
        so that the transcript never falls behind for it. Nothing is stored: the answers wait
        in the model's cache for the draft after Stop. The extractive writer does nothing."""
        with contextlib.suppress(OSError, AttributeError):  # Linux: nice this thread alone
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), AHEAD_NICE)
        services = self.work.services
        try:
            if services.writer() is None:
                return
            visit = self.work.record.visit(self.visit_id)
        except Exception:  # noqa: BLE001 - a model that will not load is reported at Draft
            return
        seen = 0
        while not self._stopped.wait(AHEAD_WAIT):
            segments = tuple(self.live.segments)
            if len(segments) == seen:
                continue
            seen = len(segments)
            try:
                so_far = Transcript(self.live.language or "en", segments[-1].end, segments)
                self.read_ahead += services.read_ahead(so_far, visit["template"],
                                                       person_name=visit["person"],
                                                       stop=self._stopped.is_set)
            except Exception:  # noqa: BLE001 - the draft at Stop reads what this could not
                return

    def feed(self, pcm: np.ndarray) -> None:
        self.capture.feed(pcm)
        self.live.feed(pcm)

    def stop(self) -> int:
        """Commit the last chunk, mark the recording finished, let the tail be transcribed."""
        rid = self.capture.stop()
        self.stopped_at = time.perf_counter()
        self._stopped.set()
        return rid

    @property
    def stopped(self) -> bool:
        return self._stopped.is_set()

    def transcribe(self, cancelled: Callable[[], bool] = lambda: False
                   ) -> Iterator[TranscriptionEvent]:
        """Transcribe stretches as they finish; after stop, the tail; then store it all.

        Yields SegmentTranscribed as segments appear and one TranscriptionCompleted whose
        `seconds` is the time from stop to the stored transcript.
        """
        index = 0

        def emit(segments: list) -> Iterator[SegmentTranscribed]:  # type: ignore[type-arg]
            nonlocal index
            total = max(self.live.seconds_recorded, 1e-6)
            for segment in segments:
                yield SegmentTranscribed(segment, index, min(1.0, segment.end / total))
                index += 1

        found = True
        while not self._stopped.wait(0 if found else IDLE_WAIT):
            if cancelled():
                return
            new = self.live.step()
            found = bool(new)
            yield from emit(new)
        before = len(self.live.segments)
        transcript = self.live.finish()
        yield from emit(list(transcript.segments[before:]))
        name = self.work.services.transcriber(self.model).name
        settings = {"beam_size": self.work.services.settings.beam_size,
                    "vad": self.work.services.settings.vad, "live": True,
                    "translate": self.translate, "vocabulary": len(self.vocabulary),
                    "language": self.language or self.work.services.settings.language}
        saved = self.work.record.save_transcript(self.visit_id, self.recording_id, transcript,
                                                 name, settings)
        stopped_at = self.stopped_at or time.perf_counter()
        yield TranscriptionCompleted(transcript, name, time.perf_counter() - stopped_at,
                                     saved_id=saved)
