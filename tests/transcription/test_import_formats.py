"""Import: every format a practitioner's phone or recorder makes, and video with a sound
track, is stored byte for byte in the vault and decodes to the same speech."""

from __future__ import annotations

import hashlib
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import pytest

from app.casework import Casework
from storage.records import Consent
from tests.fakes import fake_services
from transcription.audio import SAMPLE_RATE, decode_audio
from transcription.transcript import Transcript

SPEECH = Path(__file__).resolve().parents[1] / "fixtures" / "live-visit.flac"
SECONDS = 5


def write(path: Path, audio: np.ndarray, codec: str, *, rate: int = SAMPLE_RATE,
          video: bool = False) -> None:
    """Encode mono speech into `path` with PyAV (FFmpeg), optionally beside a video track."""
    with av.open(str(path), "w") as out:
        if video:
            picture = out.add_stream("mpeg4", rate=10)
            picture.width, picture.height, picture.pix_fmt = 64, 48, "yuv420p"
        sound = out.add_stream(codec, rate=rate)
        sound.layout = "mono"
        pcm = np.clip(np.rint(audio * 32767), -32768, 32767).astype(np.int16)
        frame = av.AudioFrame.from_ndarray(pcm.reshape(1, -1), format="s16", layout="mono")
        frame.sample_rate = SAMPLE_RATE
        frame.time_base = Fraction(1, SAMPLE_RATE)
        resampler = av.AudioResampler(format=sound.format.name, layout="mono", rate=rate)
        frames = resampler.resample(frame) + resampler.resample(None)
        for piece in frames:
            for packet in sound.encode(piece):
                out.mux(packet)
        for packet in sound.encode(None):
            out.mux(packet)
        if video:
            for n in range(SECONDS * 10):
                image = av.VideoFrame(64, 48, "yuv420p")
                image.pts = n
                for packet in picture.encode(image):
                    out.mux(packet)
            for packet in picture.encode(None):
                out.mux(packet)


@pytest.mark.parametrize(("name", "codec", "rate", "video"), [
    ("visit.wav", "pcm_s16le", 16000, False),
    ("visit.flac", "flac", 16000, False),
    ("visit.mp3", "libmp3lame", 44100, False),
    ("visit.m4a", "aac", 48000, False),
    ("visit.ogg", "libopus", 48000, False),
    ("visit.mp4", "aac", 48000, True),
])
def test_each_format_is_kept_exactly_and_decodes(settings, tmp_path: Path, name: str,  # type: ignore[no-untyped-def]
                                                 codec: str, rate: int, video: bool) -> None:
    speech = decode_audio(SPEECH)[: SECONDS * SAMPLE_RATE]
    path = tmp_path / name
    write(path, speech, codec, rate=rate, video=video)
    work, _ = Casework.init(fake_services(settings, Transcript("en", 0.0, ())),
                            "correct horse battery staple", name="Sam Taylor", use_keyring=False)
    try:
        visit = work.start_visit("CASE-1", "Mrs Green", "home-visit",
                                 Consent("the person", "verbal"), path)
        stored = work.visit(visit)["recordings"][0]
        assert stored["source"] == "import" and stored["filename"] == name
        entry = [e for e in work.history(visit) if e["action"] == "recording imported"][0]
        assert entry["details"]["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
        back = work.recording_samples(stored["id"])
        assert abs(len(back) / SAMPLE_RATE - SECONDS) < 0.1
        # The same speech comes back (lossy codecs change the samples, not the envelope).
        n = min(len(back), len(speech))
        envelope = [np.sqrt(np.mean(x[: n - n % 1600].reshape(-1, 1600) ** 2, axis=1))
                    for x in (back, speech)]
        assert np.corrcoef(*envelope)[0, 1] > 0.9
    finally:
        work.lock()
