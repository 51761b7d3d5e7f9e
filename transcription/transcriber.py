"""Speech to timed segments.

`Transcriber` is the protocol the services depend on; `WhisperTranscriber` is the real one
(faster-whisper on CTranslate2, CPU, int8) and tests inject fakes. Following faster-whisper,
`transcribe` returns at once with the detected language and a *lazy* iterator of segments:
progress is ``segment.end / duration`` and cancelling is simply not iterating further.

Thread-safety: one WhisperTranscriber may be used from one thread at a time. Loading is the
slow part (about a second for base), so the services keep one instance per model.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from transcription import OFFLINE_ENVIRONMENT
from transcription.artefacts import clean, without_loops
from transcription.audio import SAMPLE_RATE
from transcription.errors import ModelError
from transcription.models import WhisperModelRef
from transcription.sentences import split_all
from transcription.transcript import Segment, Word


@dataclass(frozen=True)
class TranscribeOptions:
    """Decoding settings. Defaults were chosen from bench/asr.py on 2 cores (see README)."""
    language: str | None = None        # None: detect
    beam_size: int = 8                 # 5 lost 0.5-0.8 points on espeak-ng (README, stop 34)
    vad: bool = True
    word_timestamps: bool = True       # word probabilities: unsure words get flagged
    initial_prompt: str | None = None
    hotwords: str | None = None        # custom vocabulary: names, places, services, jargon
    task: str = "transcribe"           # or "translate": into English, from any language
    batch_size: int = 8                # > 1: faster-whisper's batched pipeline (always VAD),
    #                                    cut into sentences by word times; 0 or 1: one by one


HOLE = 3.0  # seconds between batched segments that are decoded again one by one
LONG_WORD = 2.5  # a word said over this many seconds is speech the decoder skipped


class Transcriber(Protocol):
    name: str

    def transcribe(self, audio: np.ndarray,
                   options: TranscribeOptions) -> tuple[str, Iterator[Segment]]:
        """Return (language, lazy segments) for 16 kHz mono float32 samples."""
        ...


def _offline() -> None:
    # The package sets these on import; set again in case something in the process changed
    # them since (they must hold before huggingface_hub and onnxruntime are first imported).
    os.environ.update(OFFLINE_ENVIRONMENT)


class WhisperTranscriber:
    def __init__(self, model: WhisperModelRef, *, threads: int = 0,
                 compute_type: str = "int8") -> None:
        _offline()
        from faster_whisper import WhisperModel

        self.name = model.name
        self.english_only = model.english_only
        try:
            self._model = WhisperModel(str(model.path), device="cpu", compute_type=compute_type,
                                       cpu_threads=threads, local_files_only=True)
        except (RuntimeError, ValueError, OSError) as exc:
            raise ModelError(
                f"The Whisper model in {model.path} could not be loaded ({_first_line(exc)}). "
                "It may be damaged: reinstall it, or choose another with --model."
            ) from exc

    def transcribe(self, audio: np.ndarray,
                   options: TranscribeOptions) -> tuple[str, Iterator[Segment]]:
        language = options.language
        if self.english_only:
            if language not in (None, "en"):
                raise ModelError(
                    f"The {self.name} model understands English only. Use --model base for "
                    f"'{language}', or leave out --language."
                )
            language = "en"
            if options.task == "translate":
                raise ModelError(f"The {self.name} model cannot translate. Use --model base "
                                 "to translate a conversation into English.")
        if options.batch_size > 1:
            return self._batched(audio, language, options)
        segments, info = self._model.transcribe(
            audio,
            language=language,
            beam_size=options.beam_size,
            vad_filter=options.vad,
            word_timestamps=options.word_timestamps,
            initial_prompt=options.initial_prompt,
            hotwords=options.hotwords,
            task=options.task,
            condition_on_previous_text=False,
        )
        return info.language, clean(_segment(s) for s in segments)


    def _batched(self, audio: np.ndarray, language: str | None,
                 options: TranscribeOptions) -> tuple[str, Iterator[Segment]]:
        """Speech stretches found by VAD, decoded several at a time, without timestamp
        tokens (asked for them, batched decoding lost its accuracy: README); each stretch
        is then cut into sentences by its words' own times (transcription/sentences.py)."""
        from faster_whisper import BatchedInferencePipeline

        if getattr(self, "_pipeline", None) is None:
            self._pipeline = BatchedInferencePipeline(model=self._model)
        segments, info = self._pipeline.transcribe(
            audio, language=language, beam_size=options.beam_size,
            batch_size=options.batch_size, vad_filter=True, word_timestamps=True,
            initial_prompt=options.initial_prompt, hotwords=options.hotwords,
            task=options.task, condition_on_previous_text=False, without_timestamps=True)
        decoded = self._filled(audio, (_segment(s) for s in segments), info.language, options)
        return info.language, clean(split_all(decoded))

    def _filled(self, audio: np.ndarray, segments: Iterator[Segment], language: str,
                options: TranscribeOptions) -> Iterator[Segment]:
        """The batched segments, with any stretch they skipped decoded again one by one.
        Without timestamp tokens Whisper can jump to the end of a 30 s stretch and write only
        its last sentences: on a dev conversation it left out 24 s of speech (bench/asr.py).
        A gap of HOLE seconds between two segments is decoded again, unbatched with VAD (a
        real silence costs only the VAD's look at it)."""
        at = 0.0
        for segment in segments:
            if first_heard(segment) - at >= HOLE:
                yield from self._again(audio, at, first_heard(segment), language, options)
            if suspect(segment):
                # skipped or looping inside its stretch: the stretch one by one, if that
                # hears more
                redone = list(self._again(audio, segment.start, segment.end, language,
                                          options))
                if heard(redone) > heard([segment]):
                    yield from redone
                    at = max(at, segment.end)
                    continue
            yield segment
            at = max(at, segment.end)
        if duration_of(audio) - at >= HOLE:
            yield from self._again(audio, at, duration_of(audio), language, options)

    def _again(self, audio: np.ndarray, start: float, end: float, language: str,
               options: TranscribeOptions, *, depth: int = 0) -> Iterator[Segment]:
        """`audio[start:end]` decoded one stretch at a time. Decoding with timestamps can
        skip too, most often at the piece's start (on a dev conversation it began 6.5 s in,
        twelve words lost): a hole of HOLE seconds before one of its segments is decoded once
        more (not after the last: a piece ends where the next decoded speech begins)."""
        piece = audio[int(start * SAMPLE_RATE):int(end * SAMPLE_RATE)]
        segments, _ = self._model.transcribe(
            piece, language=language, beam_size=options.beam_size, vad_filter=True,
            word_timestamps=True, initial_prompt=options.initial_prompt,
            hotwords=options.hotwords, task=options.task, condition_on_previous_text=False)
        at = start
        for s in segments:
            found = _segment(s)
            if not found.text:
                continue
            found = found.shifted(start)
            if depth == 0 and first_heard(found) - at >= HOLE:
                yield from self._again(audio, at, first_heard(found), language, options,
                                       depth=1)
            yield found
            at = max(at, found.end)


def suspect(segment: Segment) -> bool:
    """A batched stretch whose decoder lost its place: a pause of HOLE seconds between two of
    its words, a word drawn out over LONG_WORD seconds (both speech it skipped: on a dev
    conversation 25 words became "here no", 3.7 s long), or a loop ("left, left, left…")."""
    words = segment.words
    return any(b.start - a.end >= HOLE for a, b in zip(words, words[1:], strict=False)) or \
        any(w.end - w.start >= LONG_WORD for w in words) or \
        without_loops(segment).text != segment.text


def first_heard(segment: Segment) -> float:
    """When the segment's first word begins (its start where it has no word times)."""
    return segment.words[0].start if segment.words else segment.start


def heard(segments: list[Segment]) -> int:
    """The words of `segments` once their loops are said once."""
    return sum(len(without_loops(s).text.split()) for s in segments)


def _segment(s) -> Segment:  # type: ignore[no-untyped-def]
    words = tuple(Word(w.word.strip(), w.start, w.end, w.probability) for w in (s.words or ()))
    return Segment(float(s.start), float(s.end), s.text.strip(), None, words)


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0][:160]


def duration_of(audio: np.ndarray) -> float:
    return len(audio) / SAMPLE_RATE
