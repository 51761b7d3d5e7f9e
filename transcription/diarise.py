"""Who spoke, for any number of voices: split a transcript's segments into speakers.

No speaker model ships with the app and nothing may be downloaded, so this is classic
signal processing on top of transcription/voice.py. Each segment long enough to judge is
summarised by the mean and spread of its MFCCs (the spectral envelope) and by its pitch
(median and spread of log F0, from the autocorrelation of each voiced frame), two things
that differ between voices more than between words. The summaries are standardised within
the visit (each dimension weighted by its spread here, so one loud dimension cannot decide
alone) and grouped bottom-up by average linkage: the two closest groups merge until the closest two
are further apart than THRESHOLD. The number of groups left is the number of speakers;
groups of fewer than MIN_GROUP segments (or MIN_SHARE of them) are too few to be a voice
and join their nearest group. With the practitioner's voice profile (enrolled once), the
group whose centre is nearest the profile is "practitioner"; the others are "Speaker 2",
"Speaker 3", ... in order of first speaking. Without one, they are "Speaker 1", "Speaker 2"...

Measured on the dev conversations spoken by espeak-ng (bench/diarise.py; THRESHOLD was
chosen there from 0.8-1.5, so it has seen those voices). Voices that differ in timbre are
split well; two voices with one vocal tract and different accents (espeak-ng's en-gb and
en-gb-scotland) are one speaker to it, as they were to every per-segment spectral summary
tried (MFCC, log-mel, long-term spectrum, MFCC covariance). Segments
under MIN_SEGMENT seconds, and those with too little voiced sound, keep their label (none):
summarise/speakers.py guesses them from what is said. Pure numpy (no speaker model: those
need torch, which the app does not ship); no Qt; thread-safe (no state).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from transcription.audio import SAMPLE_RATE
from transcription.transcript import Segment
from transcription.voice import (
    MIN_SEGMENT,
    VoiceProfile,
    label_speakers,
    mfcc,
    nearer_profile,
)

THRESHOLD = 1.2     # average distance (per dimension, standardised) at which merging stops
MIN_GROUP = 3       # segments: a smaller group is not taken as a voice of its own,
MIN_SHARE = 0.04    # nor one under this share of the judged segments (a long visit's strays)
PITCH_FRAME = 640   # 40 ms: two periods of an 80 Hz voice
PITCH_HOP = 320
F0_LOW, F0_HIGH = 60.0, 400.0
_GROUP_RE = re.compile(r"Speaker [1-9][0-9]*")


def pitch(audio: np.ndarray) -> np.ndarray:
    """log F0 (Hz) of the clearly voiced 40 ms frames of 16 kHz mono audio."""
    audio = np.asarray(audio, dtype=np.float32)
    if audio.size < PITCH_FRAME:
        return np.zeros(0)
    count = 1 + (audio.size - PITCH_FRAME) // PITCH_HOP
    index = np.arange(PITCH_FRAME)[None, :] + PITCH_HOP * np.arange(count)[:, None]
    frames = audio[index]
    frames = frames - frames.mean(axis=1, keepdims=True)
    energy = (frames ** 2).sum(axis=1)
    loud = energy > max(float(energy.max()) * 1e-2, 1e-8)
    frames, energy = frames[loud], energy[loud]
    if not frames.size:
        return np.zeros(0)
    spectrum = np.fft.rfft(frames * np.hanning(PITCH_FRAME), 2 * PITCH_FRAME)
    auto = np.fft.irfft(np.abs(spectrum) ** 2)[:, :PITCH_FRAME]
    low, high = int(SAMPLE_RATE / F0_HIGH), int(SAMPLE_RATE / F0_LOW)
    lag = low + np.argmax(auto[:, low:high], axis=1)
    strength = auto[np.arange(lag.size), lag] / np.maximum(auto[:, 0], 1e-12)
    voiced = strength > 0.5
    return np.log(SAMPLE_RATE / lag[voiced])


def embedding(audio: np.ndarray) -> np.ndarray | None:
    """A segment's voice: MFCC means and spreads, then log-F0 median and spread (26 values);
    None when there is too little voiced speech to judge."""
    features = mfcc(audio)
    f0 = pitch(audio)
    if features.shape[0] < 50 or f0.size < 10:  # half a second of voice, 10 pitched frames
        return None
    q1, median, q3 = np.percentile(f0, [25, 50, 75])
    return np.concatenate([features.mean(axis=0), features.std(axis=0), [median, q3 - q1]])


def average_linkage(points: np.ndarray, threshold: float) -> list[int]:
    """Bottom-up clustering: a group number per point. Merges the two groups with the least
    average distance between their members until that is over `threshold`."""
    n = points.shape[0]
    if n == 0:
        return []
    gaps = np.sqrt(((points[:, None, :] - points[None, :, :]) ** 2).mean(axis=2))
    np.fill_diagonal(gaps, np.inf)
    sizes = np.ones(n)
    group = list(range(n))
    alive = np.ones(n, dtype=bool)
    while alive.sum() > 1:
        flat = int(np.argmin(gaps))
        a, b = divmod(flat, n)
        if gaps[a, b] > threshold:
            break
        merged = (sizes[a] * gaps[a] + sizes[b] * gaps[b]) / (sizes[a] + sizes[b])
        gaps[a, :] = merged
        gaps[:, a] = merged
        gaps[a, a] = np.inf
        gaps[b, :] = np.inf
        gaps[:, b] = np.inf
        sizes[a] += sizes[b]
        alive[b] = False
        group = [a if g == b else g for g in group]
    return group


def _fold_small(points: np.ndarray, group: list[int], min_group: int) -> list[int]:
    """Groups under `min_group` members join the group whose centre is nearest."""
    counts = {g: group.count(g) for g in set(group)}
    big = [g for g, c in counts.items() if c >= min_group] or [max(counts, key=counts.get)]  # type: ignore[arg-type]
    centres = {g: points[[i for i, x in enumerate(group) if x == g]].mean(axis=0) for g in big}
    return [g if g in centres else min(centres, key=lambda c: float(
        np.linalg.norm(points[i] - centres[c]))) for i, g in enumerate(group)]


def embeddings(audio: np.ndarray, segments: Sequence[Segment]) -> dict[int, np.ndarray]:
    """{segment index: embedding} for the unlabelled segments long enough to judge."""
    out: dict[int, np.ndarray] = {}
    for i, s in enumerate(segments):
        if s.speaker or s.end - s.start < MIN_SEGMENT:
            continue
        vector = embedding(audio[int(s.start * SAMPLE_RATE): int(s.end * SAMPLE_RATE)])
        if vector is not None:
            out[i] = vector
    return out


def split_speakers(audio: np.ndarray, segments: Sequence[Segment],
                   profile: VoiceProfile | None = None, *, sole_other: str | None = None,
                   threshold: float = THRESHOLD, min_group: int = MIN_GROUP) -> list[Segment]:
    """The segments with `speaker` set to "practitioner" (the group nearest the profile) or
    "Speaker N"; segments already labelled by a person, and those too short to judge, keep
    their label. `audio` is the whole recording the segments' times refer to (16 kHz).
    With a profile and one other voice only, that voice is `sole_other` where given (the
    app passes "person": the two-voice visit reads as it did before the split)."""
    return group_speakers(embeddings(audio, segments), segments, profile,
                          sole_other=sole_other, threshold=threshold, min_group=min_group)


def group_speakers(vectors: dict[int, np.ndarray], segments: Sequence[Segment],
                   profile: VoiceProfile | None = None, *, sole_other: str | None = None,
                   threshold: float = THRESHOLD, min_group: int = MIN_GROUP) -> list[Segment]:
    """split_speakers on voices already measured: {segment index: embedding}."""
    out = list(segments)
    if not vectors:
        return out
    keys = list(vectors)
    stacked = np.stack([vectors[i] for i in keys])
    centre, scale = stacked.mean(axis=0), stacked.std(axis=0) + 1e-6
    points = (stacked - centre) / scale
    smallest = max(min_group, round(MIN_SHARE * len(keys)))
    group = _fold_small(points, average_linkage(points, threshold), smallest)
    order = list(dict.fromkeys(group))  # groups in order of first speaking
    names = {g: f"Speaker {n}" for n, g in enumerate(order, start=1)}
    if profile is not None and len(order) == 1:
        # One voice found, yet the practitioner is known to be in the room: two voices too
        # alike to group apart (the real phone call in bench/speakers.py is one such), so
        # each segment is judged by its distance from the profile, as before the split.
        near = nearer_profile({i: v[:24] for i, v in vectors.items()}, profile)
        for i, mine in near.items():
            s = out[i]
            out[i] = Segment(s.start, s.end, s.text,
                             "practitioner" if mine else (sole_other or "Speaker 2"), s.words)
        return out
    if profile is not None:
        # The profile carries MFCC statistics only: compare on those dimensions.
        mine = (np.array(profile.vector) - centre[:24]) / scale[:24]
        nearest = min(order, key=lambda g: float(np.linalg.norm(
            points[[k for k, x in enumerate(group) if x == g], :24].mean(axis=0) - mine)))
        others = [g for g in order if g != nearest]
        names = {nearest: "practitioner",
                 **{g: f"Speaker {n}" for n, g in enumerate(others, start=2)}}
        if sole_other and len(others) == 1:
            names[others[0]] = sole_other
    for k, i in enumerate(keys):
        s = out[i]
        out[i] = Segment(s.start, s.end, s.text, names[group[k]], s.words)
    return out


class LiveVoices:
    """Who spoke in a recording still in progress (transcription/live.py). Each stretch is
    labelled practitioner or person from the profile as it is transcribed, so the window
    shows who spoke while recording, and each segment's voice is kept. At Stop, `regroup`
    splits the whole recording's segments into speakers as a file import does, so a third
    voice (a relative, an interpreter) becomes "Speaker 3" and not "person". Only the
    measured voices are kept (26 numbers a segment), not the audio."""

    def __init__(self, profile: VoiceProfile, *, sole_other: str = "person") -> None:
        self.profile = profile
        self.sole_other = sole_other
        self._voices: list[np.ndarray | None] = []  # one per segment labelled, in order

    def label(self, audio: np.ndarray, segments: list[Segment]) -> list[Segment]:
        """One stretch's segments (times within `audio`), labelled from the profile."""
        measured = embeddings(audio, segments)
        self._voices += [measured.get(i) for i in range(len(segments))]
        return label_speakers(audio, segments, self.profile, other=self.sole_other)

    def regroup(self, segments: Sequence[Segment]) -> list[Segment]:
        """The whole recording's segments (those `label` saw, in order), split into
        speakers. Where more than two voices are found, a segment too short to judge loses
        its live "person" label: that voice is no longer the only other one."""
        if len(segments) != len(self._voices):
            return list(segments)  # not the segments this saw: leave them as they are
        vectors = {i: v for i, v in enumerate(self._voices) if v is not None}
        cleared = [Segment(s.start, s.end, s.text, None, s.words) if i in vectors else s
                   for i, s in enumerate(segments)]
        out = group_speakers(vectors, cleared, self.profile, sole_other=self.sole_other)
        if speaker_count(out) > 2:
            out = [Segment(s.start, s.end, s.text, None, s.words)
                   if i not in vectors and s.speaker == self.sole_other else s
                   for i, s in enumerate(out)]
        return out


def is_voice_group(label: str | None) -> bool:
    """Whether a label is one this split gave ("Speaker 3"), not one a person typed."""
    return bool(label) and _GROUP_RE.fullmatch(label or "") is not None


def speaker_count(segments: Sequence[Segment]) -> int:
    """How many distinct voices a split found (labelled segments only)."""
    return len({s.speaker for s in segments if s.speaker})
