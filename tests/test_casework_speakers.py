"""Who spoke, for three or more (issue 16): a new transcript names the practitioner (from the
voice profile) and numbers the other voices; naming one segment of "Speaker 2" names them all,
through the service layer the CLI and GUI share."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import numpy as np
import pytest

from app.casework import Casework
from app.services import Services, run_to_completion
from storage.records import Consent
from tests.fakes import fake_services
from tests.transcription.test_diarise import LINES, VOICES, _conversation, _say
from transcription.transcript import Transcript
from transcription.voice import VoiceProfile

needs_espeak = pytest.mark.skipif(shutil.which("espeak-ng") is None and not os.environ.get("CI"),
                                  reason="needs espeak-ng (make test installs it; CI runs it)")


@pytest.fixture
def work(settings, sample_transcript):  # type: ignore[no-untyped-def]
    session, _ = Casework.init(fake_services(settings, sample_transcript),
                               "correct horse battery staple", name="Sam Taylor",
                               use_keyring=False)
    yield session
    session.lock()


def _labels(settings, tmp_path: Path, voices: tuple[str, ...]) -> list[str | None]:  # type: ignore[no-untyped-def]
    audio, segments, _ = _conversation(tmp_path, voices, 3 * len(voices) + len(voices))
    services: Services = fake_services(settings, Transcript("en", len(audio) / 16000,
                                                             tuple(segments)))
    profile = VoiceProfile.enrol(np.concatenate([_say(" ".join(LINES[:4]), voices[0],
                                                      tmp_path)] * 2))
    done = run_to_completion(services.transcribe_audio(audio, voice=profile))
    return [s.speaker for s in done.transcript.segments]


@needs_espeak
def test_a_new_transcript_names_the_practitioner_and_numbers_the_others(
        settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    labels = _labels(settings, tmp_path, VOICES)
    assert labels[:3] == ["practitioner", "Speaker 2", "Speaker 3"]
    assert labels == labels[:3] * 4


@needs_espeak
def test_two_voices_read_as_before_practitioner_and_person(settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    labels = _labels(settings, tmp_path, VOICES[:2])
    assert labels == ["practitioner", "person"] * 4


def test_naming_one_segment_of_a_voice_group_names_them_all(work: Casework,
                                                              sample_audio) -> None:  # type: ignore[no-untyped-def]
    visit = work.start_visit("CASE-16", "Mrs Khatun", "home-visit",
                             Consent("the person", "verbal"), sample_audio)
    list(work.transcribe(visit))
    for i, label in enumerate(["practitioner", "Speaker 2", "person", "Speaker 2",
                               "Speaker 3"]):
        work.correct_segment(visit, i, speaker=label)
    assert work.name_speaker(visit, 3, "Shirin (daughter-in-law)") == [1, 3]
    assert work.name_speaker(visit, 2, "carer") == [2]  # a typed label: this segment only
    assert work.name_speaker(visit, 4, "district nurse") == [4]
    _, transcript = work.record.transcript(visit)  # what the drafter reads
    assert [s.speaker for s in transcript.segments[:5]] == [
        "practitioner", "Shirin (daughter-in-law)", "carer", "Shirin (daughter-in-law)",
        "district nurse"]
