"""Who spoke: the practitioner or someone else, from a voice profile recorded once.

No speaker-recognition model ships with the app and nothing may be downloaded, so this is
classic signal processing: a voice is summarised by the mean and spread of its MFCCs (the
spectral envelope, which differs between voices far more than between words). The
practitioner records half a minute of their own voice once; each transcript segment's
summary is compared with that profile, and the segments are split in two by their distance
to it (a one-dimensional two-means). The closer group is the practitioner; the rest are
labelled "person" and the practitioner relabels any segment by hand (a carer, a relative).

It works for two voices that differ (the dev conversations: 90%+ of segments right, see
README); it cannot tell two people apart when the practitioner was silent, and short
segments (under a second) are left to the text-based guess in summarise/speakers.py.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from transcription.audio import SAMPLE_RATE
from transcription.transcript import Segment

FRAME = 400   # 25 ms
HOP = 160     # 10 ms
MELS = 26
COEFFS = 13
MIN_SEGMENT = 1.0  # seconds: shorter segments carry too little voice to judge


def _mel_filters(n_fft: int = 512) -> np.ndarray:
    def mel(f: np.ndarray) -> np.ndarray:
        return 2595 * np.log10(1 + f / 700)

    def hz(m: np.ndarray) -> np.ndarray:
        return 700 * (10 ** (m / 2595) - 1)

    points = hz(np.linspace(mel(np.array(60.0)), mel(np.array(7600.0)), MELS + 2))
    bins = np.floor((n_fft + 1) * points / SAMPLE_RATE).astype(int)
    filters = np.zeros((MELS, n_fft // 2 + 1))
    for i in range(MELS):
        left, centre, right = bins[i], bins[i + 1], bins[i + 2]
        for k in range(left, centre):
            filters[i, k] = (k - left) / max(centre - left, 1)
        for k in range(centre, right):
            filters[i, k] = (right - k) / max(right - centre, 1)
    return filters


_FILTERS = _mel_filters()
_DCT = np.cos(np.pi / MELS * (np.arange(MELS) + 0.5)[None, :] * np.arange(COEFFS)[:, None])


def mfcc(audio: np.ndarray) -> np.ndarray:
    """(frames, 12) MFCCs (c1..c12) of the voiced frames of 16 kHz mono audio."""
    audio = np.asarray(audio, dtype=np.float32)
    if audio.size < FRAME:
        return np.zeros((0, COEFFS - 1))
    emphasised = np.append(audio[0], audio[1:] - 0.97 * audio[:-1])
    count = 1 + (emphasised.size - FRAME) // HOP
    index = np.arange(FRAME)[None, :] + HOP * np.arange(count)[:, None]
    frames = emphasised[index] * np.hamming(FRAME)
    power = np.abs(np.fft.rfft(frames, 512)) ** 2 / 512
    energy = power.sum(axis=1)
    voiced = energy > max(energy.max() * 1e-3, 1e-8)  # drop the silences between words
    logmel = np.log(power[voiced] @ _FILTERS.T + 1e-10)
    return (logmel @ _DCT.T)[:, 1:]


def summary(audio: np.ndarray) -> np.ndarray | None:
    """A voice summary (means and spreads of the MFCCs), or None if too little speech."""
    features = mfcc(audio)
    if features.shape[0] < 50:  # half a second of voiced frames
        return None
    return np.concatenate([features.mean(axis=0), features.std(axis=0)])


@dataclass(frozen=True)
class VoiceProfile:
    """The practitioner's voice, from a recording of them alone (20-60 s is plenty)."""

    vector: tuple[float, ...]

    @classmethod
    def enrol(cls, audio: np.ndarray) -> VoiceProfile:
        vector = summary(audio)
        if vector is None or audio.size < 10 * SAMPLE_RATE:
            raise ValueError("The voice sample is too short: read aloud for at least 20 "
                             "seconds, in a quiet room.")
        return cls(tuple(float(x) for x in vector))

    def to_list(self) -> list[float]:
        return list(self.vector)


def label_speakers(audio: np.ndarray, segments: tuple[Segment, ...] | list[Segment],
                   profile: VoiceProfile, *, other: str = "person") -> list[Segment]:
    """The segments with `speaker` set to "practitioner" or `other`; segments already
    labelled by a person, and those too short to judge, keep their label."""
    vectors: dict[int, np.ndarray] = {}
    for i, s in enumerate(segments):
        if s.speaker or s.end - s.start < MIN_SEGMENT:
            continue
        piece = audio[int(s.start * SAMPLE_RATE): int(s.end * SAMPLE_RATE)]
        vector = summary(piece)
        if vector is not None:
            vectors[i] = vector
    out = list(segments)
    for i, mine in nearer_profile(vectors, profile).items():
        out[i] = Segment(out[i].start, out[i].end, out[i].text,
                         "practitioner" if mine else other, out[i].words)
    return out


def nearer_profile(vectors: dict[int, np.ndarray], profile: VoiceProfile) -> dict[int, bool]:
    """{index: whether that voice summary is the profile's voice}: the distances from the
    profile fall into a near group and a far group (two-means)."""
    if not vectors:
        return {}
    reference = np.array(profile.vector)
    stacked = np.stack([reference, *vectors.values()])
    scale = stacked.std(axis=0) + 1e-6  # each dimension weighted by its spread here
    distance = {i: float(np.linalg.norm((v - reference) / scale)) for i, v in vectors.items()}
    near = _two_means(np.array(list(distance.values())))
    return {i: d <= near for i, d in distance.items()}


def _two_means(values: np.ndarray) -> float:
    """The threshold between the near group and the far group of distances."""
    if values.size < 2 or np.ptp(values) == 0:
        return float(values.max())
    low, high = float(values.min()), float(values.max())
    for _ in range(50):
        split = (low + high) / 2
        near, far = values[values <= split], values[values > split]
        if not near.size or not far.size:
            break
        low, high = float(near.mean()), float(far.mean())
    return (low + high) / 2
