"""How well the voices are split into speakers (transcription/diarise.py), on the dev conversations.

Each conversation from ../shared/eval/social-care-dev.json is spoken with espeak-ng by the
shared tool (one voice per speaker, bench/devspeech.py); the practitioner's voice profile is
enrolled from a separate passage read in the practitioner's voice (as bench/speakers.py).
For each conversation: the true number of speakers, the number found, and the share of the
judged segments (1 s or longer, enough voice) given to the right speaker under the best
one-to-one mapping of groups to true speakers (a group left over counts as wrong). Scored on
the reference utterances and on Whisper base's own segments (what the app sees; each
segment's true speaker is the reference utterance it overlaps most).

The shared tool's voices en-gb and en-gb-scotland (speakers 1 and 3) share one espeak-ng
vocal tract and differ in accent only; so the 3-speaker conversations are also spoken again
here with three timbres ("distinct": en-gb, en-us+f3, en-gb-x-rp+m7; reference utterances a
third of a second apart; cached beside the others).

Compared with: the same clustering on MFCC statistics alone (no pitch), without the rule
that folds groups under 4% of the segments, and a baseline that is told the true count:
k-means on the MFCC means. Extra arguments add thresholds. Prints figures; asserts nothing.

    .venv/bin/python bench/diarise.py [threshold ...]

2026-12-01 (threshold 1.2, share 4%; share of judged segments right, count right):
  shared voices, reference segments: 2 speakers 100.0%, 3 speakers 80.4% (k-means told the
    count 75.7%); count right 5/15 (every 3-speaker one found 2: en-gb and en-gb-scotland
    merge)
  shared voices, Whisper base segments: 99.8% and 80.6% (k-means 72.3%); 8/15
  three timbres, 3-speaker conversations: 99.4% (k-means 97.1%); count right 9/10
  practitioner-or-not from the profile: 1271/1522 (83.5%) on the shared voices and
    1224/1225 on three timbres, against 1250/1522 and 1155/1225 for label_speakers
"""

from __future__ import annotations

import json
import sys
import wave
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.devspeech import cache, dev_records, spoken  # noqa: E402
from bench.speakers import ENROL, PRACTITIONER, VOICES, overlap, speak  # noqa: E402
from transcription.audio import decode_audio  # noqa: E402
from transcription.diarise import (  # noqa: E402
    MIN_GROUP,
    MIN_SHARE,
    THRESHOLD,
    _fold_small,
    average_linkage,
    embeddings,
    split_speakers,
)
from transcription.transcript import Segment  # noqa: E402
from transcription.voice import VoiceProfile, label_speakers  # noqa: E402

CACHE = cache()


def best_mapping(got: list[str], want: list[str]) -> int:
    """Segments right under the best one-to-one mapping of found labels to true ones (exact:
    a dynamic programme over which true speakers are taken, as there are at most four)."""
    found, true = sorted(set(got)), sorted(set(want))
    table = {(g, t): sum(1 for a, b in zip(got, want, strict=True) if a == g and b == t)
             for g in found for t in true}
    best = {0: 0}  # mask of true speakers taken -> segments right so far
    for g in found:
        step = dict(best)
        for mask, right in best.items():
            for j, t in enumerate(true):
                if not mask & (1 << j):
                    key = mask | (1 << j)
                    step[key] = max(step.get(key, 0), right + table[g, t])
        best = step
    return max(best.values())


def truest(segment: Segment, ref: list[dict[str, Any]]) -> str:
    """The true speaker of a Whisper segment: the reference utterance it overlaps most."""
    return str(max(ref, key=lambda u: overlap(segment, u))["speaker"])


def kmeans(points: np.ndarray, k: int, restarts: int = 10) -> list[int]:
    """Plain k-means (deterministic seeds, best of `restarts` by inertia)."""
    rng = np.random.default_rng(0)
    best, best_cost = [0] * len(points), np.inf
    for _ in range(restarts):
        centres = points[rng.choice(len(points), size=min(k, len(points)), replace=False)]
        for _ in range(50):
            label = np.argmin(((points[:, None] - centres[None]) ** 2).sum(axis=2), axis=1)
            new = np.stack([points[label == j].mean(axis=0) if (label == j).any()
                            else centres[j] for j in range(len(centres))])
            if np.allclose(new, centres):
                break
            centres = new
        cost = float(((points - centres[label]) ** 2).sum())
        if cost < best_cost:
            best, best_cost = [int(x) for x in label], cost
    return best


def standardised(vectors: dict[int, np.ndarray], dims: slice) -> np.ndarray:
    stacked = np.stack(list(vectors.values()))[:, dims]
    return (stacked - stacked.mean(axis=0)) / (stacked.std(axis=0) + 1e-6)


Method = Callable[[dict[int, np.ndarray], int], list[int]]


def clustered(dims: slice, threshold: float, share: float = 0.0) -> Method:
    def run(vectors: dict[int, np.ndarray], _true: int) -> list[int]:
        points = standardised(vectors, dims)
        smallest = max(MIN_GROUP, round(share * len(points)))
        return _fold_small(points, average_linkage(points, threshold), smallest)
    return run


def baseline(vectors: dict[int, np.ndarray], true: int) -> list[int]:
    return kmeans(standardised(vectors, slice(0, 12)), true)


OURS = f"ours, threshold {THRESHOLD}"
METHODS: dict[str, Method] = {
    OURS: clustered(slice(0, 26), THRESHOLD, MIN_SHARE),
    "MFCC stats only": clustered(slice(0, 24), THRESHOLD, MIN_SHARE),
    "no share rule": clustered(slice(0, 26), THRESHOLD),
    "k-means, true k": baseline,
}


DISTINCT = ("en-gb", "en-us+f3", "en-gb-x-rp+m7", "en-us+m3")  # three timbres, then a fourth


def respoken(record_id: str, ref: list[dict[str, Any]]) -> tuple[Path, list[dict[str, Any]]]:
    """The conversation spoken again with a distinct timbre per speaker (the shared tool's
    en-gb and en-gb-scotland share one vocal tract: they differ in accent only), its
    utterances a third of a second apart; (speech, reference segments with new times)."""
    speech = CACHE / f"{record_id}.distinct.wav"
    times = Path(f"{speech}.ref.json")
    if not times.exists():
        order = list(dict.fromkeys(u["speaker"] for u in ref))
        pieces, out, at = [], [], 0
        gap = np.zeros(16000 // 3, dtype=np.float32)
        for n, u in enumerate(ref):
            part = CACHE / f"{record_id}.distinct-{n}.wav"
            speak(u["text"], DISTINCT[order.index(u["speaker"]) % len(DISTINCT)], part)
            audio = decode_audio(part)
            part.unlink()
            part.with_suffix(".raw.wav").unlink()
            out.append({"start": at / 16000, "end": (at + audio.size) / 16000,
                        "text": u["text"], "speaker": u["speaker"]})
            pieces += [audio, gap]
            at += audio.size + gap.size
        pcm = (np.concatenate(pieces) * 32767).astype("<i2")
        with wave.open(str(speech), "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(16000)
            w.writeframes(pcm.tobytes())
        times.write_text(json.dumps({"segments": out}))
    return speech, list(json.loads(times.read_text())["segments"])


def main() -> None:
    thresholds = [float(t) for t in sys.argv[1:]]
    for t in thresholds:
        METHODS[f"ours, threshold {t}"] = clustered(slice(0, 26), t, MIN_SHARE)
    rows: list[tuple[str, int, str, list[int], list[str], dict[str, list[str]]]] = []
    for record in dev_records():
        speech, ref = spoken(record["id"])
        audio = decode_audio(speech)
        order = list(dict.fromkeys(u["speaker"] for u in ref))
        for kind in ("reference", "whisper", "distinct"):
            if kind == "distinct":
                if len(order) < 3:
                    continue
                speech, ref = respoken(record["id"], ref)
                audio = decode_audio(speech)
                segments = [Segment(u["start"], u["end"], u["text"]) for u in ref]
                truth = [u["speaker"] for u in ref]
            elif kind == "reference":
                segments = [Segment(u["start"], u["end"], u["text"]) for u in ref]
                truth = [u["speaker"] for u in ref]
            else:
                cached = CACHE / f"{record['id']}.espeak.base.json"
                if not cached.exists():
                    continue
                segments = [Segment(s["start"], s["end"], s["text"])
                            for s in json.loads(cached.read_text())["segments"]]
                truth = [truest(s, ref) for s in segments]
            vectors = embeddings(audio, segments)
            keys = list(vectors)
            want = [truth[i] for i in keys]
            got: dict[str, list[str]] = {name: [str(g) for g in method(vectors, len(order))]
                                         for name, method in METHODS.items()}
            if kind != "whisper":  # the app's own labels, with the practitioner's profile
                voices = DISTINCT if kind == "distinct" else VOICES
                voice = voices[next(i for i, n in enumerate(order) if n in PRACTITIONER)]
                enrol = CACHE / f"enrol-{voice}.wav"
                if not enrol.exists():
                    speak(ENROL, voice, enrol)
                profile = VoiceProfile.enrol(decode_audio(enrol))
                labelled = split_speakers(audio, segments, profile)
                named = [labelled[i].speaker or "" for i in keys]
                practitioner = [i for i, name in enumerate(named) if name == "practitioner"]
                right = sum(1 for i in range(len(keys))
                            if (named[i] == "practitioner") == (want[i] in PRACTITIONER))
                before = label_speakers(audio, segments, profile)  # the two-voice split
                was = sum(1 for n, i in enumerate(keys)
                          if (before[i].speaker == "practitioner") == (want[n] in PRACTITIONER))
                got["_practitioner"] = [f"{right}/{len(keys)}", str(len(practitioner)),
                                        f"{was}/{len(keys)}"]
            rows.append((record["id"], len(order), kind, keys, want, got))
        del audio
    for kind in ("reference", "whisper", "distinct"):
        print(f"\n== on {kind} segments: speakers found (true) and share of judged "
              "segments right ==")
        names = list(METHODS)
        print(f"{'conversation':13} {'true':>4} {'judged':>6} " +
              " ".join(f"{n[:22]:>24}" for n in names))
        totals = {n: [0, 0] for n in names}
        by_count = {n: {2: [0, 0], 3: [0, 0]} for n in names}
        counts_right = {n: 0 for n in names}
        conversations = 0
        for rid, true, k, _keys, want, got in rows:
            if k != kind:
                continue
            conversations += 1
            cells = []
            for n in names:
                right = best_mapping(got[n], want)
                found = len(set(got[n]))
                counts_right[n] += found == true
                totals[n][0] += right
                totals[n][1] += len(want)
                bucket = by_count[n][min(true, 3)]
                bucket[0] += right
                bucket[1] += len(want)
                cells.append(f"{found} ({true}) {100 * right / max(len(want), 1):5.1f}%")
            print(f"{rid:13} {true:>4} {len(want):>6} " + " ".join(f"{c:>24}" for c in cells))
        for label, pick in (("2 speakers", 2), ("3+ speakers", 3)):
            if not by_count[names[0]][pick][1]:
                continue
            print(f"{label:13} {'':>4} {'':>6} " + " ".join(
                f"{100 * by_count[n][pick][0] / max(by_count[n][pick][1], 1):23.1f}%"
                for n in names))
        print(f"{'all':13} {'':>4} {'':>6} " + " ".join(
            f"{100 * totals[n][0] / max(totals[n][1], 1):23.1f}%" for n in names))
        print(f"{'count right':13} {'':>4} {'':>6} " + " ".join(
            f"{counts_right[n]:>17}/{conversations:<6}" for n in names))
    print("\n== what each group found holds (ours; voice by order of first speaking) ==")
    for rid, true, k, _keys, want, got in rows:
        if k == "whisper":
            continue
        order = list(dict.fromkeys(want))
        parts = []
        for g in dict.fromkeys(got[OURS]):
            members = [w for w, x in zip(want, got[OURS], strict=True) if x == g]
            share = {w: members.count(w) for w in order if members.count(w)}
            voices = DISTINCT if k == "distinct" else VOICES
            parts.append("+".join(f"{voices[order.index(w)]}:{c}" for w, c in share.items()))
        print(f"{rid:13} {k[:4]} {true}: " + " | ".join(parts))
    print("\n== practitioner named from the profile (split_speakers; label_speakers, the "
          "split before, beside) ==")
    for rid, true, k, _keys, _want, got in rows:
        if k != "whisper":
            print(f"{rid:13} {k:9} {true} speakers: practitioner-or-not right on "
                  f"{got['_practitioner'][0]:>7} judged segments (label_speakers, two "
                  f"voices: {got['_practitioner'][2]:>7})")


if __name__ == "__main__":
    main()
