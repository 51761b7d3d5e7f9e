"""What transcription knows about the room: vocabulary (the user's and the case's) reaches
Whisper as hotwords, translation is asked for, the voice profile labels who spoke, and a
practitioner's corrections keep Whisper's original words."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from app.casework import Casework
from storage.errors import RecordError
from storage.records import Consent
from tests.fakes import fake_services
from transcription.audio import decode_audio
from transcription.transcript import Segment
from transcription.voice import VoiceProfile, label_speakers

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SPEECH = FIXTURES / "live-visit.flac"


@pytest.fixture
def work(settings, sample_transcript):  # type: ignore[no-untyped-def]
    session, _ = Casework.init(fake_services(settings, sample_transcript),
                               "correct horse battery staple", name="Sam Taylor",
                               use_keyring=False)
    yield session
    session.lock()


def test_vocabulary_and_translation_reach_whisper(work: Casework, sample_audio: Path) -> None:
    visit = work.start_visit("CASE-7", "Mrs Nowak", "home-visit",
                             Consent("the person", "verbal"), sample_audio)
    work.record.add_vocabulary(["Reablement", "Dr Okonkwo"])
    work.record.add_vocabulary(["Zbigniew", "Nowak"], case_ref="CASE-7")
    assert work.record.vocabulary("CASE-7") == {"mine": ["Dr Okonkwo", "Reablement"],
                                                "case": ["Nowak", "Zbigniew"]}
    list(work.transcribe(visit, translate=True))
    options = work.services.transcriber().options[-1]  # type: ignore[attr-defined]
    assert options.hotwords == "Dr Okonkwo, Nowak, Reablement, Zbigniew"
    assert options.task == "translate"
    # Another case's visit gets the practitioner's terms, not CASE-7's.
    other = work.start_visit("CASE-8", "Mr Jones", "home-visit",
                             Consent("the person", "verbal"), sample_audio)
    list(work.transcribe(other))
    options = work.services.transcriber().options[-1]  # type: ignore[attr-defined]
    assert options.hotwords == "Dr Okonkwo, Reablement" and options.task == "transcribe"
    with pytest.raises(RecordError, match="no case CASE-99"):
        work.record.add_vocabulary(["x"], case_ref="CASE-99")


def test_corrections_keep_whispers_words(work: Casework, sample_audio: Path) -> None:
    visit = work.start_visit("CASE-7", "Mrs Nowak", "home-visit",
                             Consent("the person", "verbal"), sample_audio)
    list(work.transcribe(visit))
    work.correct_segment(visit, 2, text="I fell in the bathroom last week.", speaker="carer")
    segment = work.visit(visit)["transcript"]["segments"][2]
    assert segment["text"] == "I fell in the bathroom last week."
    assert segment["speaker"] == "carer"
    original = work.vault.run(lambda c: c.execute(
        "SELECT original_text FROM segments WHERE idx = 2").fetchone()[0])
    assert original and original != segment["text"]
    # A name the practitioner gives is kept as typed; nothing, or a control code, is not.
    work.correct_segment(visit, 2, speaker=" Priya (daughter) ")
    assert work.visit(visit)["transcript"]["segments"][2]["speaker"] == "Priya (daughter)"
    with pytest.raises(RecordError, match="Say who spoke"):
        work.correct_segment(visit, 2, speaker="  ")
    with pytest.raises(RecordError, match="control character"):
        work.correct_segment(visit, 2, speaker="Priya\x1b[2J")
    with pytest.raises(RecordError, match="no segment 99"):
        work.correct_segment(visit, 99, text="x")
    assert work.visit(visit)["id"] in work.record.search("bathroom")


def test_the_voice_profile_tells_the_practitioner_from_the_person(work: Casework) -> None:
    audio = decode_audio(SPEECH)
    ref = json.loads((FIXTURES / "live-visit.ref.json").read_text())["segments"]
    mine = np.concatenate([audio[int(s["start"] * 16000):int(s["end"] * 16000)]
                           for s in ref if s["speaker"] == "practitioner"])
    with pytest.raises(RecordError, match="too short"):
        work.enrol_voice(mine[: 16000 * 5])
    work.enrol_voice(np.tile(mine, 2))  # the practitioner's voice, alone, 26 s
    profile = work.voice_profile()
    assert isinstance(profile, VoiceProfile)
    plain = [Segment(s["start"], s["end"], s["text"]) for s in ref]
    labelled = label_speakers(audio, plain, profile)
    assert [s.speaker for s in labelled] == [s["speaker"] for s in ref]
    # A label a person gave is never overwritten.
    fixed = [Segment(0.0, 4.7, "Hello", "carer")] + plain[1:]
    assert label_speakers(audio, fixed, profile)[0].speaker == "carer"
    assert [e["action"] for e in work.history()].count("voice profile recorded") == 1


def test_translation_needs_a_multilingual_model() -> None:
    from transcription.errors import ModelError
    from transcription.transcriber import TranscribeOptions, WhisperTranscriber

    english = WhisperTranscriber.__new__(WhisperTranscriber)
    english.name, english.english_only = "tiny.en", True
    with pytest.raises(ModelError, match="cannot translate"):
        english.transcribe(np.zeros(16000, dtype=np.float32),
                           TranscribeOptions(task="translate"))
