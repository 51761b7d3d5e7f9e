"""Real human voices, not synthetic speech: the pyannote-audio wheel's 30 s two-person phone
call (sample.wav with sample.stm, the timed words, and sample.rttm, who spoke when), and
Debian pocketsphinx-testdata's LibriVox read-speech clips with their transcripts. `make test`
takes both from their (hash-checked) packages. Whisper base, the default settings.

Measured (2 cores): the phone call 16.0% WER with the default batched decoding (19.8% one by
one; plain faster-whisper without VAD: 28.4%, and 5x
slower, decoding the 6.7 s of line noise before anyone speaks); LibriVox 2.8%."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from transcription.audio import SAMPLE_RATE, decode_audio
from transcription.diarise import speaker_count, split_speakers
from transcription.models import resolve_whisper_model
from transcription.transcriber import TranscribeOptions, WhisperTranscriber
from transcription.transcript import Segment
from transcription.voice import VoiceProfile, label_speakers
from transcription.wer import word_error_rate

pytestmark = pytest.mark.model
ROOT = Path(__file__).resolve().parents[2]
CALL = ROOT / "build" / "fixtures" / "pyannote-sample"
LIBRIVOX = Path("/usr/share/pocketsphinx/test/data/librivox")


def _need(path: Path, how: str) -> Path:
    if not path.exists():
        pytest.fail(f"{path} is missing: {how}")
    return path


@pytest.fixture(scope="module")
def whisper(model_data_dir: Path) -> WhisperTranscriber:
    return WhisperTranscriber(resolve_whisper_model("base", model_data_dir))


@pytest.fixture(scope="module")
def call(whisper: WhisperTranscriber) -> tuple[np.ndarray, list[Segment]]:
    audio = decode_audio(_need(CALL / "sample.wav", "run 'make test', which unpacks it from "
                                                   "the pyannote-audio wheel"))
    _, segments = whisper.transcribe(audio, TranscribeOptions())
    return audio, list(segments)


@pytest.fixture(scope="module")
def call_unbatched(whisper: WhisperTranscriber,
                   call: tuple[np.ndarray, list[Segment]]) -> tuple[np.ndarray, list[Segment]]:
    """Decoded one stretch at a time: Whisper's own, longer segments."""
    _, segments = whisper.transcribe(call[0], TranscribeOptions(batch_size=0))
    return call[0], list(segments)


def _turns() -> list[tuple[float, float, str]]:
    rows = [line.split() for line in (CALL / "sample.rttm").read_text().splitlines()]
    return [(float(r[3]), float(r[3]) + float(r[4]), r[7]) for r in rows]


def test_a_real_phone_call_transcribes_within_25_percent_wer_and_no_words_in_the_silence(
        call: tuple[np.ndarray, list[Segment]]) -> None:
    _, segments = call
    reference = " ".join(line.split(None, 5)[5]
                         for line in (CALL / "sample.stm").read_text().splitlines())
    heard = " ".join(s.text for s in segments)
    assert word_error_rate(reference, heard) <= 0.25, heard
    lowered = heard.lower()
    assert "new jersey" in lowered and "chicago" in lowered and "yankee" in lowered
    # nobody speaks for the first 6.7 s (line noise): nothing may be "heard" there
    assert segments[0].start >= 6.0


def test_read_speech_from_librivox_transcribes_within_8_percent_wer_negation_kept(
        whisper: WhisperTranscriber) -> None:
    listing = _need(LIBRIVOX / "transcription",
                    "run 'make test', which installs Debian's pocketsphinx-testdata")
    clips = re.findall(r"<s> (.*?) </s> \((.*?)\)", listing.read_text())
    assert len(clips) == 5
    references, heard = [], []
    for text, name in clips:
        _, segments = whisper.transcribe(decode_audio(LIBRIVOX / f"{name}.wav"),
                                         TranscribeOptions())
        references.append(text)
        heard.append(" ".join(s.text for s in segments))
    assert word_error_rate(" ".join(references), " ".join(heard)) <= 0.08, heard
    assert any("was not an ill" in h.lower() for h in heard)   # "he was not an ill disposed…"


def _practitioner_right(audio: np.ndarray, segments: list[Segment],
                        split: Callable[..., list[Segment]], judged_only: bool
                        ) -> tuple[int, int]:
    """Each caller enrolled in turn from her own turns of the call (about 12 s each: the app
    asks for 20 s or more, from a separate recording, so this is the easier case), then the
    segments labelled; a segment's true speaker is the one who talks most within it.
    (right, counted): practitioner-or-not right, over the judged segments or all of them."""
    turns = _turns()
    right = total = 0
    for enrolled in sorted({who for _, _, who in turns}):
        voice = np.concatenate([audio[int(s * SAMPLE_RATE):int(e * SAMPLE_RATE)]
                                for s, e, who in turns if who == enrolled])
        labelled = split(audio, segments, VoiceProfile.enrol(voice))
        for segment in labelled:
            if judged_only and not segment.speaker:
                continue
            talk: dict[str, float] = {}
            for start, end, who in turns:
                talk[who] = talk.get(who, 0.0) + max(0.0, min(end, segment.end) -
                                                     max(start, segment.start))
            truth = max(talk, key=lambda who: talk[who])
            total += 1
            right += (segment.speaker == "practitioner") == (truth == enrolled)
    return right, total


def test_who_spoke_on_real_voices_from_a_voice_profile(
        call: tuple[np.ndarray, list[Segment]]) -> None:
    """With the default decoding (batched, cut into sentences) the call's two voices are
    found without a profile, and with one the practitioner is right on 80% of the judged
    segments in bench/speakers.py (16 of 20; DER 34.5%, against 48.4% on Whisper's own
    longer segments): held at 75% here."""
    audio, segments = call
    assert speaker_count(split_speakers(audio, segments)) == 2
    right, total = _practitioner_right(audio, segments, split_speakers, judged_only=True)
    assert total >= 16 and right >= 0.75 * total, f"{right} of {total}"


@pytest.mark.parametrize("split", [label_speakers, split_speakers],
                         ids=["two-voice split", "any-count split"])
def test_one_voice_found_the_profile_decides(
        call_unbatched: tuple[np.ndarray, list[Segment]],
        split: Callable[..., list[Segment]]) -> None:
    """On Whisper's own longer segments the any-count split (transcription/diarise.py) finds
    one voice in this call, the two being too alike to group apart, and then judges each
    segment against the profile as the two-voice split does: before that it called every
    segment the practitioner."""
    audio, segments = call_unbatched
    assert speaker_count(split_speakers(audio, segments)) == 1
    right, total = _practitioner_right(audio, segments, split, judged_only=False)
    assert total >= 6 and right >= total - 1, f"{right} of {total}"
