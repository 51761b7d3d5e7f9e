"""Capture into the vault: lossless chunks, and nothing lost but the chunk being filled."""

from __future__ import annotations

import os
import random
from pathlib import Path

import numpy as np
import pytest

from app.capture import Capture
from app.casework import Casework
from app.services import Services
from storage.records import Consent
from tests.kill import run_then_kill
from transcription.audio import decode_audio

PASSPHRASE = "correct horse battery staple"
WRITER = Path(__file__).with_name("capture_writer.py")


def _int16(samples: np.ndarray) -> np.ndarray:
    return np.clip(np.rint(samples * 32768.0), -32768, 32767).astype(np.int16)


@pytest.fixture
def work(settings):  # type: ignore[no-untyped-def]
    session, _ = Casework.init(Services(settings), PASSPHRASE, name="Sam Taylor",
                               use_keyring=False)
    yield session
    session.lock()


def test_captured_audio_comes_back_exactly(work: Casework, sample_audio: Path) -> None:
    visit = work.new_visit("CASE-1", "Mr Jones", "home-visit", Consent("the person", "verbal"))
    audio = decode_audio(sample_audio)[: 16000 * 10]
    chunks: list[int] = []
    capture = Capture(work, visit, on_chunk=lambda seq, s: chunks.append(seq))
    for start in range(0, len(audio), 1234):
        capture.feed(audio[start:start + 1234])
    rid = capture.stop()
    assert chunks == [0, 1, 2, 3]  # three full 3 s chunks and the last second
    back = work.recording_samples(rid)
    assert np.array_equal(_int16(back), _int16(audio))
    assert work.unfinished_recordings() == []
    assert work.visit(visit)["state"] == "recorded"


def test_kill_during_recording_loses_at_most_the_chunk_being_filled(
        settings, sample_audio: Path) -> None:  # type: ignore[no-untyped-def]
    work, _ = Casework.init(Services(settings), PASSPHRASE, name="Sam Taylor",
                            use_keyring=False)
    visit = work.new_visit("CASE-1", "Mr Jones", "home-visit", Consent("the person", "verbal"))
    work.lock()
    audio = _int16(decode_audio(sample_audio))
    rng = random.Random(5)
    env = {**os.environ, "CASENOTES_PASSPHRASE": PASSPHRASE}
    for _ in range(10):
        ready, lines = run_then_kill([str(WRITER), str(settings.data_dir), str(visit)], env,
                                     rng, 0.3, 2.0)
        reported = len([line for line in lines if line.startswith("chunk")])

        session = Casework.unlock(Services(settings), passphrase=PASSPHRASE, use_keyring=False)
        try:
            rid = int(ready[1])
            assert rid in [r["id"] for r in session.unfinished_recordings()]
            seconds = session.recover_recording(rid)
            saved = _int16(session.recording_samples(rid))
            assert reported * 16000 <= len(saved) <= (reported + 1) * 16000
            assert seconds == len(saved) / 16000
            assert np.array_equal(saved, audio[: len(saved)])  # nothing garbled or reordered
            assert rid not in [r["id"] for r in session.unfinished_recordings()]
            assert session.verify_audit() == []
        finally:
            session.lock()
