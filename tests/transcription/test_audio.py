from __future__ import annotations

import wave
from pathlib import Path

import numpy as np
import pytest

from transcription.audio import SAMPLE_RATE, decode_audio
from transcription.errors import AudioError


def test_sample_decodes_to_16k_mono_float(sample_audio: Path, sample_reference: dict) -> None:
    audio = decode_audio(sample_audio)
    assert audio.dtype == np.float32
    assert abs(len(audio) / SAMPLE_RATE - sample_reference["duration"]) < 0.5
    assert 0.05 < float(np.abs(audio).max()) <= 1.0


def test_wav_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "tone.wav"
    tone = (0.5 * np.sin(2 * np.pi * 440 * np.arange(8000) / 8000) * 32767).astype("<i2")
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(8000)
        w.writeframes(tone.tobytes())
    audio = decode_audio(path)
    assert abs(len(audio) - SAMPLE_RATE) < 200  # 1 s resampled from 8 kHz


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _empty_wav(path: Path) -> Path:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(16000)
    return path


@pytest.mark.parametrize(("make", "expected"), [
    (lambda d: d / "missing.wav", "There is no file at"),
    (lambda d: _write(d / "zero.wav", b""), "empty (0 bytes)"),
    (lambda d: _write(d / "notes.wav", b"Meeting notes\nnot audio\n"),
     "it looks like a text file"),
    (lambda d: _write(d / "report.wav", b"%PDF-1.7\n" + bytes(300)),
     "it looks like a PDF document"),
    (lambda d: _empty_wav(d / "empty.wav"), "contains no sound"),
    (lambda d: d, "is a folder"),
])
def test_bad_input_gives_a_plain_one_line_error(tmp_path: Path, make, expected: str) -> None:
    with pytest.raises(AudioError) as info:
        decode_audio(make(tmp_path))
    message = str(info.value)
    assert expected in message
    assert "\n" not in message
    assert any(word in message for word in ("Choose", "Check", "Record")), "no next step"


def test_probe_accepts_audio_and_refuses_what_decode_refuses(tmp_path: Path,
                                                             sample_audio: Path) -> None:
    from transcription.audio import probe_audio

    probe_audio(sample_audio)
    for bad, expected in ((_empty_wav(tmp_path / "e.wav"), "contains no sound"),
                          (_write(tmp_path / "t.wav", b"hello there\n"), "looks like a text")):
        with pytest.raises(AudioError, match=expected):
            probe_audio(bad)
