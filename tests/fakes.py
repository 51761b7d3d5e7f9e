"""Fast fakes for the injected models: for GUI and workflow tests only.

The real Whisper and llama.cpp paths have their own tests (marked `model`).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence

import numpy as np

from summarise.speakers import Voice
from transcription.transcriber import TranscribeOptions
from transcription.transcript import Segment, Transcript


class FakeTranscriber:
    """Replays a transcript's segments; can block between segments until released."""

    name = "fake-whisper"

    def __init__(self, segments: Sequence[Segment], *, gate: threading.Event | None = None):
        self.segments = list(segments)
        self.gate = gate
        self.calls = 0
        self.options: list[TranscribeOptions] = []

    def transcribe(self, audio: np.ndarray,
                   options: TranscribeOptions) -> tuple[str, Iterator[Segment]]:
        self.calls += 1
        self.options.append(options)

        def generate() -> Iterator[Segment]:
            for segment in self.segments:
                if self.gate is not None:
                    self.gate.wait(5)
                yield Segment(segment.start, segment.end, segment.text)  # no speaker, like Whisper
        return "en", generate()


class FakeWriter:
    """A language model that returns a fixed sentence for every statement."""

    def __init__(self, sentence: str, name: str = "fake-llm") -> None:
        self.sentence = sentence
        self.name = name
        self.calls = 0

    def rewrite(self, statement: str, voice: Voice) -> str | None:
        self.calls += 1
        return self.sentence


def fake_services(settings, transcript: Transcript, writer=None, gate=None):  # type: ignore[no-untyped-def]
    from app.services import Services

    transcriber = FakeTranscriber(transcript.segments, gate=gate)
    return Services(settings, transcriber_factory=lambda name, s: transcriber,
                    writer_factory=lambda name, s: writer)
