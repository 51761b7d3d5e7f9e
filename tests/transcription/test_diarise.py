"""Splitting voices into speakers, on short synthetic speech made here with espeak-ng."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from transcription.audio import SAMPLE_RATE, decode_audio
from transcription.diarise import LiveVoices, split_speakers
from transcription.live import LiveTranscriber
from transcription.transcriber import TranscribeOptions
from transcription.transcript import Segment
from transcription.voice import VoiceProfile

pytestmark = pytest.mark.skipif(shutil.which("espeak-ng") is None and not os.environ.get("CI"),
                                reason="needs espeak-ng (make test installs it; CI runs it)")

# Three timbres: the dev conversations' en-gb and en-gb-scotland differ in accent only (one
# espeak-ng vocal tract), which no spectral summary tells apart (bench/diarise.py).
VOICES = ("en-gb", "en-us+f3", "en-gb-x-rp+m7")
LINES = ("How have you been managing with the stairs since I last came round?",
         "Mum has been much better this week, she is eating properly again.",
         "I can come in on Tuesdays and Thursdays to help with the shopping.",
         "The district nurse is coming on Friday to look at the dressing.",
         "Would it help if we arranged a key safe for the front door?",
         "She gets tired in the afternoons, so the mornings are best for visits.",
         "I will write to the occupational therapist about a rail by the bath.",
         "We had a fall on Sunday night but nobody was hurt, thank goodness.")


def _say(text: str, voice: str, folder: Path) -> np.ndarray:
    path = folder / f"{abs(hash((text, voice)))}.wav"
    subprocess.run(["espeak-ng", "-v", voice, "-s", "160", "-w", str(path), text], check=True)
    return decode_audio(path)


def _conversation(folder: Path, voices: tuple[str, ...], turns: int
                  ) -> tuple[np.ndarray, list[Segment], list[str]]:
    """Turns spoken in rotation, a third of a second apart; (audio, segments, true voices)."""
    pieces: list[np.ndarray] = []
    segments: list[Segment] = []
    truth: list[str] = []
    gap = np.zeros(SAMPLE_RATE // 3, dtype=np.float32)
    at = 0
    for turn in range(turns):
        voice = voices[turn % len(voices)]
        text = LINES[turn % len(LINES)]
        speech = _say(text, voice, folder)
        segments.append(Segment(at / SAMPLE_RATE, (at + speech.size) / SAMPLE_RATE, text))
        truth.append(voice)
        pieces += [speech, gap]
        at += speech.size + gap.size
    return np.concatenate(pieces), segments, truth


def _same_partition(labels: list[str | None], truth: list[str]) -> bool:
    pairs = set(zip(labels, truth, strict=True))
    return len(pairs) == len(set(labels)) == len(set(truth))


def test_three_voices_are_three_speakers_each_segment_its_own(tmp_path: Path) -> None:
    audio, segments, truth = _conversation(tmp_path, VOICES, 12)
    labels = [s.speaker for s in split_speakers(audio, segments)]
    assert None not in labels
    assert sorted(set(labels)) == ["Speaker 1", "Speaker 2", "Speaker 3"]  # type: ignore[type-var]
    assert _same_partition(labels, truth)
    assert labels[:3] == ["Speaker 1", "Speaker 2", "Speaker 3"]  # numbered as first heard


def test_the_practitioner_is_found_from_the_profile_the_others_numbered(tmp_path: Path) -> None:
    audio, segments, truth = _conversation(tmp_path, ("en-us+f3", "en-gb", "en-gb-x-rp+m7"),
                                           12)
    sample = np.concatenate([_say(" ".join(LINES[:4]), "en-gb", tmp_path)] * 2)
    profile = VoiceProfile.enrol(sample)
    labels = [s.speaker for s in split_speakers(audio, segments, profile)]
    assert [labels[i] for i, v in enumerate(truth) if v == "en-gb"] == ["practitioner"] * 4
    assert labels[:3] == ["Speaker 2", "practitioner", "Speaker 3"]
    assert _same_partition(labels, truth)


def test_one_voice_is_one_speaker(tmp_path: Path) -> None:
    audio, segments, _ = _conversation(tmp_path, ("en-gb",), 8)
    labels = {s.speaker for s in split_speakers(audio, segments)}
    assert labels == {"Speaker 1"}


def test_short_and_already_named_segments_keep_their_label(tmp_path: Path) -> None:
    audio, segments, _ = _conversation(tmp_path, VOICES, 9)
    segments[0] = Segment(segments[0].start, segments[0].end, segments[0].text, "Priya (daughter)")
    segments[1] = Segment(segments[1].start, segments[1].start + 0.5, segments[1].text)
    out = split_speakers(audio, segments)
    assert out[0].speaker == "Priya (daughter)"
    assert out[1].speaker is None
    assert [s.text for s in out] == [s.text for s in segments]


def test_silence_and_no_segments_change_nothing() -> None:
    silence = np.zeros(5 * SAMPLE_RATE, dtype=np.float32)
    assert split_speakers(silence, []) == []
    quiet = [Segment(0.0, 4.0, "…")]
    assert split_speakers(silence, quiet) == quiet


def _silent_runs(audio: np.ndarray, shortest: int) -> list[tuple[int, int]]:
    """(start, end) of each run of exact silence at least `shortest` samples long."""
    quiet = np.concatenate([[False], audio == 0.0, [False]])
    edges = np.flatnonzero(np.diff(quiet.astype(np.int8)))
    return [(int(a), int(b)) for a, b in zip(edges[::2], edges[1::2], strict=True)
            if b - a >= shortest]


class _TurnsTranscriber:
    """Stands in for Whisper in the live test: one segment per stretch of sound between the
    conversation's silent gaps (the words do not matter here, the voices do)."""
    name = "turns"

    def transcribe(self, audio: np.ndarray, options: object
                   ) -> tuple[str, Iterator[Segment]]:
        edges = [0] + [x for run in _silent_runs(audio, SAMPLE_RATE // 4) for x in run] + \
            [audio.size]
        spans = [(a, b) for a, b in zip(edges[::2], edges[1::2], strict=True) if b - a > 0]
        return "en", iter([Segment(a / SAMPLE_RATE, b / SAMPLE_RATE, f"turn at {a}")
                           for a, b in spans])


def test_a_live_recording_of_three_voices_has_three_speakers_at_stop(tmp_path: Path) -> None:
    # While recording, each stretch knows only "practitioner" or "person" (from the
    # profile); at Stop the whole recording is split, so the third voice is its own speaker.
    audio, _, truth = _conversation(tmp_path, ("en-us+f3", "en-gb", "en-gb-x-rp+m7"), 12)
    sample = np.concatenate([_say(" ".join(LINES[:4]), "en-gb", tmp_path)] * 2)
    voices = LiveVoices(VoiceProfile.enrol(sample))
    live = LiveTranscriber(_TurnsTranscriber(), TranscribeOptions(language="en"),  # type: ignore[arg-type]
                           min_stretch=8.0, max_stretch=12.0, label=voices.label,
                           regroup=voices.regroup,
                           find_pauses=lambda a: _silent_runs(a, SAMPLE_RATE // 4))
    stretches = 0
    for start in range(0, audio.size, SAMPLE_RATE // 10):  # 100 ms blocks, as captured
        live.feed(audio[start:start + SAMPLE_RATE // 10])
        if live.step():
            stretches += 1
    during = {s.speaker for s in live.segments}
    transcript = live.finish()
    labels = [s.speaker for s in transcript.segments]
    assert stretches >= 3  # the split spans stretches, not one stretch's segments
    assert during <= {"practitioner", "person"}
    assert len(labels) == len(truth)
    assert [labels[i] for i, v in enumerate(truth) if v == "en-gb"] == ["practitioner"] * 4
    assert labels[:3] == ["Speaker 2", "practitioner", "Speaker 3"]
    assert _same_partition(labels, truth)
