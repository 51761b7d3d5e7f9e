"""The workflow both front ends call: audio -> transcript -> cited draft.

The CLI and the GUI use only these functions; neither reimplements a step. Long steps are
generators of small, plain event objects, so a caller shows progress by iterating and cancels
by stopping (the GUI's job helper checks its cancel flag between events).

Models are injected through factories so tests can use fakes; the real ones are loaded once
per name and reused. Thread-safety: a Services object and the models it holds must be used
from one thread at a time; the GUI runs all model work on its single model-worker thread.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np

import resources
from app.policy import Policy, load_policy
from app.settings import Settings
from storage.errors import VaultError
from summarise.draft import Draft
from summarise.drafter import DraftEvent, Writer, draft, read_ahead, redraft_section
from summarise.errors import DraftError, TemplateError
from summarise.models import resolve_llm
from summarise.templates import Template, load_template, template_files
from transcription.audio import decode_audio
from transcription.diarise import LiveVoices, split_speakers
from transcription.errors import TranscriptionError
from transcription.live import LiveTranscriber
from transcription.models import resolve_whisper_model
from transcription.transcriber import TranscribeOptions, Transcriber, duration_of
from transcription.transcript import Segment, Transcript
from transcription.voice import VoiceProfile

# Errors whose message is written for the user: shown as they are, never as a traceback.
USER_ERRORS: tuple[type[Exception], ...] = (TranscriptionError, DraftError, VaultError)

SAMPLE_PERSON = "Mr Jones"

TranscriberFactory = Callable[[str, Settings], Transcriber]
WriterFactory = Callable[[str, Settings], Writer | None]


@dataclass(frozen=True)
class SegmentTranscribed:
    segment: Segment
    index: int
    fraction: float  # 0..1 of the recording covered so far


@dataclass(frozen=True)
class TranscriptionCompleted:
    transcript: Transcript
    model: str
    seconds: float  # wall-clock time spent transcribing
    saved_id: int | None = None  # the vault's transcript id, once stored


TranscriptionEvent = SegmentTranscribed | TranscriptionCompleted


def whisper_factory(model: str, settings: Settings) -> Transcriber:
    from transcription.transcriber import WhisperTranscriber

    ref = resolve_whisper_model(model, settings.paths.ensure().models)
    return WhisperTranscriber(ref, threads=settings.threads)


def llama_factory(llm: str, settings: Settings) -> Writer | None:
    from summarise.llm import LlamaWriter

    ref = resolve_llm(llm, settings.paths.ensure().models)
    if ref is None:
        return None
    return LlamaWriter(ref, n_ctx=settings.llm_context, threads=settings.threads,
                       temperature=settings.llm_temperature)


class Services:
    def __init__(self, settings: Settings, *,
                 transcriber_factory: TranscriberFactory = whisper_factory,
                 writer_factory: WriterFactory = llama_factory,
                 policy: Policy | None = None) -> None:
        self.policy = policy if policy is not None else load_policy()
        self.settings = settings
        self._transcriber_factory = transcriber_factory
        self._writer_factory = writer_factory
        self._transcribers: dict[str, Transcriber] = {}
        self._writers: dict[str, Writer | None] = {}
        # Models are loaded once even when two threads ask at the same moment (the window
        # warms Whisper up after unlocking while a recording may already be starting).
        self._loading = threading.Lock()

    @property
    def lock_idle_minutes(self) -> float:
        """The organisation's idle lock where its policy file sets one, else the user's."""
        return self.policy.lock_idle_minutes or self.settings.lock_idle_minutes

    # -- models, loaded once -------------------------------------------------------------
    def transcriber(self, model: str | None = None) -> Transcriber:
        name = model or self.settings.asr_model
        with self._loading:
            if name not in self._transcribers:
                self._transcribers[name] = self._transcriber_factory(name, self.settings)
            return self._transcribers[name]

    def writer(self, llm: str | None = None) -> Writer | None:
        name = llm or self.settings.llm
        with self._loading:
            if name not in self._writers:
                self._writers[name] = self._writer_factory(name, self.settings)
            return self._writers[name]

    # -- steps ---------------------------------------------------------------------------
    @staticmethod
    def load_audio(path: str | Path) -> np.ndarray:
        return decode_audio(path)

    def transcribe_audio(self, audio: np.ndarray, *, model: str | None = None,
                         language: str | None = None, translate: bool = False,
                         vocabulary: list[str] | None = None,
                         voice: VoiceProfile | None = None) -> Iterator[TranscriptionEvent]:
        transcriber = self.transcriber(model)
        options = self.transcribe_options(language, translate=translate, vocabulary=vocabulary)
        started = time.perf_counter()
        duration = duration_of(audio)
        detected, segments = transcriber.transcribe(audio, options)
        collected: list[Segment] = []
        for segment in segments:
            if not segment.text:
                continue
            collected.append(segment)
            yield SegmentTranscribed(segment, len(collected) - 1,
                                     min(1.0, segment.end / duration) if duration else 1.0)
        if voice and collected:  # who spoke: the practitioner, then each other voice
            collected = split_speakers(audio, collected, voice, sole_other="person")
        yield TranscriptionCompleted(Transcript(detected, duration, tuple(collected)),
                                     transcriber.name, time.perf_counter() - started)

    def transcribe_options(self, language: str | None = None, *, translate: bool = False,
                           vocabulary: list[str] | None = None) -> TranscribeOptions:
        return TranscribeOptions(language=language or self.settings.language,
                                 beam_size=self.settings.beam_size, vad=self.settings.vad,
                                 word_timestamps=self.settings.word_timestamps,
                                 hotwords=", ".join(vocabulary) if vocabulary else None,
                                 batch_size=self.settings.batch_size,
                                 task="translate" if translate else "transcribe")

    def live_transcriber(self, model: str | None = None, language: str | None = None, *,
                         translate: bool = False, vocabulary: list[str] | None = None,
                         voice: VoiceProfile | None = None) -> LiveTranscriber:
        """A transcriber for a recording still in progress (see transcription/live.py)."""
        voices = LiveVoices(voice) if voice else None  # who spoke: live, then at Stop
        return LiveTranscriber(self.transcriber(model),
                               self.transcribe_options(language, translate=translate,
                                                       vocabulary=vocabulary),
                               label=voices.label if voices else None,
                               regroup=voices.regroup if voices else None)

    def transcribe_file(self, path: str | Path, *, model: str | None = None,
                        language: str | None = None) -> Iterator[TranscriptionEvent]:
        audio = self.load_audio(path)
        yield from self.transcribe_audio(audio, model=model, language=language)

    def draft(self, transcript: Transcript, template_id: str | None = None, *,
              llm: str | None = None, person_name: str | None = None,
              speakers: Mapping[str, str] | None = None) -> Iterator[DraftEvent]:
        """`speakers` maps the transcript's speaker labels to roles where the user named
        them ("Gary (son)": "family"); without it the labels are read as they stand."""
        template = self.template(template_id or self.settings.template)
        if not transcript.segments:
            raise DraftError("The transcript has no speech in it, so there is nothing to draft. "
                             "Check the recording has sound, then transcribe it again.")
        yield from draft(transcript, template, writer=self.writer(llm), person_name=person_name,
                         speakers=speakers)

    def read_ahead(self, transcript: Transcript, template_id: str | None = None, *,
                   person_name: str | None = None, stop: Callable[[], bool] = lambda: False
                   ) -> int:
        """While a visit is recorded: the drafting model reads the stretches finished so far
        (none for the extractive writer), so the draft at Stop has only the last to read."""
        writer = self.writer()
        if writer is None or not getattr(writer, "section_mode", False):
            return 0
        return read_ahead(transcript, self.template(template_id or self.settings.template),
                          writer, person_name=person_name, stop=stop)

    def redraft_section(self, transcript: Transcript, draft_: Draft, section_id: str, *,
                        llm: str | None = None, person_name: str | None = None) -> Draft:
        """The same draft with one section written again; every other section is kept."""
        template = self.template(draft_.template)
        section, flags = redraft_section(transcript, template, section_id,
                                         writer=self.writer(llm), person_name=person_name)
        sections = tuple(section if s.id == section_id else s for s in draft_.sections)
        if section_id not in {s.id for s in draft_.sections}:
            sections += (section,)
        kept = tuple(f for f in draft_.flags
                     if not (f.kind == "unsupported" and f.section == section_id))
        return Draft(draft_.template, draft_.model, sections, draft_.actions,
                     kept + tuple(flags))

    # -- reference data ------------------------------------------------------------------
    def template(self, template_id: str) -> Template:
        return load_template(template_id, self.settings.paths.templates)

    def templates(self) -> list[Template]:
        out = []
        for template_id in template_files(self.settings.paths.templates):
            try:
                out.append(self.template(template_id))
            except TemplateError:
                continue  # a broken user file must not hide the others; `template()` reports it
        return out

    @staticmethod
    def sample_recording() -> Path:
        return resources.sample_recording()


def run_to_completion(events: Iterator[TranscriptionEvent]) -> TranscriptionCompleted:
    """Drain a transcription; for callers that need no progress."""
    for event in events:
        if isinstance(event, TranscriptionCompleted):
            return event
    raise RuntimeError("transcription ended without a result")
