"""Who spoke when: diarization error rate and practitioner labels, on real and synthetic speech.

Three sets, each transcribed or segmented as the app would, then split into speakers by
transcription/diarise.py (the app's split, with and without the practitioner's voice
profile) and, beside it, labelled by transcription/voice.py's two-voice split (practitioner
or person, from the profile):

- **real**: the pyannote-audio wheel's 30 s phone call between two women (`make test` unpacks
  it into build/fixtures/pyannote-sample), with its who-spoke-when (sample.rttm); Whisper base
  with the app's defaults makes the segments. The profile is enrolled from each caller's own
  turns in turn (about 12 s: the app asks for 20 s from a separate recording), so both
  callers are scored as the practitioner once.
- **shared voices**: the 3-speaker dev conversations of ../shared/eval/social-care-dev.json
  spoken by the shared tool with espeak-ng (bench/devspeech.py), Whisper base's own segments
  (cached by bench/asr.py or made here). Two of its three voices (en-gb, en-gb-scotland) are
  one synthetic vocal tract with two accents.
- **three timbres**: the same conversations spoken again with three distinct espeak-ng
  timbres (bench/diarise.py caches them), on the reference utterances.

DER is the share of the reference's speech time that is missed (no speaker where one
speaks; a segment too short to judge counts here), falsely given a speaker, or given the
wrong one, under the best one-to-one mapping of found speakers to true ones, on a 10 ms
grid; shown with no collar and with the usual 0.25 s forgiveness collar around each true
turn's edges. "practitioner right" is the share of judged segments whose practitioner-or-not
label is right. Prints figures; asserts nothing.

    .venv/bin/python bench/speakers.py
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterable, Sequence
from itertools import permutations
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.devspeech import cache, dev_records, spoken  # noqa: E402
from transcription.audio import SAMPLE_RATE, decode_audio  # noqa: E402
from transcription.diarise import split_speakers  # noqa: E402
from transcription.transcript import Segment  # noqa: E402
from transcription.voice import VoiceProfile, label_speakers  # noqa: E402

CACHE = cache()
CALL = ROOT / "build" / "fixtures" / "pyannote-sample"
VOICES = ["en-gb", "en-us+f3", "en-gb-scotland", "en-us+m3"]  # the shared tool's order
DISTINCT = ("en-gb", "en-us+f3", "en-gb-x-rp+m7", "en-us+m3")  # bench/diarise.py's timbres
PRACTITIONER = {"practitioner", "Worker", "worker", "Social worker"}
ENROL = ("Good morning. My name is Sam and I am a social worker with the adult social care "
         "team. I am recording this short passage so that the app can recognise my voice. "
         "When I visit people at home we talk about how they are managing, what matters to "
         "them, and what support would help. I will read on for a little longer so that "
         "there is enough of my voice to learn from, and then I will stop.")
STEP = 0.01  # seconds: the grid DER is counted on
Turn = tuple[float, float, str]


def speak(text: str, voice: str, out: Path) -> None:
    raw = out.with_suffix(".raw.wav")
    subprocess.run(["espeak-ng", "-v", voice, "-s", "160", "-w", str(raw), text], check=True)
    subprocess.run(["sox", str(raw), "-r", "16000", "-c", "1", "-b", "16", str(out)],
                   check=True)


def overlap(a: Segment, ref: dict) -> float:  # type: ignore[type-arg]
    return max(0.0, min(a.end, ref["end"]) - max(a.start, ref["start"]))


def truest(segment: Segment, ref: list[dict]) -> str:  # type: ignore[type-arg]
    """A Whisper segment's true speaker: the reference utterance it overlaps most."""
    return str(max(ref, key=lambda u: overlap(segment, u))["speaker"])


def _grid(turns: Iterable[Turn], names: list[str], frames: int) -> np.ndarray:
    """(speakers, frames) booleans: who speaks in each 10 ms frame."""
    grid = np.zeros((len(names), frames), dtype=bool)
    for start, end, who in turns:
        grid[names.index(who), int(round(start / STEP)):int(round(end / STEP))] = True
    return grid


def der(reference: Sequence[Turn], found: Sequence[Turn], collar: float = 0.0
        ) -> dict[str, float]:
    """Missed, false-alarm and confusion time (s), the reference speech time, and DER."""
    end = max([e for _, e, _ in reference] + [e for _, e, _ in found] + [0.0])
    frames = int(round(end / STEP)) + 1
    true_names = sorted({w for _, _, w in reference})
    got_names = sorted({w for _, _, w in found})
    truth, got = _grid(reference, true_names, frames), _grid(found, got_names, frames)
    keep = np.ones(frames, dtype=bool)
    if collar:
        for start, stop, _ in reference:
            for edge in (start, stop):
                keep[max(0, int(round((edge - collar) / STEP))):
                     int(round((edge + collar) / STEP))] = False
    truth, got = truth[:, keep], got[:, keep]
    n_true, n_got = truth.sum(axis=0), got.sum(axis=0)
    together = (truth[:, None, :] & got[None, :, :]).sum(axis=2)  # (true, found) frames
    best = 0
    small, large = (got_names, true_names) if len(got_names) <= len(true_names) \
        else (true_names, got_names)
    for chosen in permutations(range(len(large)), len(small)):
        pairs = zip(range(len(small)), chosen, strict=True)
        total = sum(int(together[j, i] if small is got_names else together[i, j])
                    for i, j in pairs)
        best = max(best, total)
    missed = float(np.maximum(n_true - n_got, 0).sum()) * STEP
    false_alarm = float(np.maximum(n_got - n_true, 0).sum()) * STEP
    confusion = float(np.minimum(n_true, n_got).sum() - best) * STEP
    speech = float(n_true.sum()) * STEP
    return {"missed": missed, "false alarm": false_alarm, "confusion": confusion,
            "speech": speech, "der": (missed + false_alarm + confusion) / max(speech, 1e-9)}


def turns_of(segments: Sequence[Segment]) -> list[Turn]:
    return [(s.start, s.end, s.speaker) for s in segments if s.speaker]


def practitioner_right(labelled: Sequence[Segment], truth: Sequence[bool]) -> tuple[int, int]:
    judged = [(s.speaker == "practitioner", t) for s, t in zip(labelled, truth, strict=True)
              if s.speaker]
    return sum(1 for got, want in judged if got == want), len(judged)


def whisper_segments(audio: np.ndarray, cached: Path | None) -> list[Segment]:
    if cached is not None and cached.exists():
        return [Segment(s["start"], s["end"], s["text"])
                for s in json.loads(cached.read_text())["segments"]]
    from app.services import Services, run_to_completion
    from app.settings import Settings
    services = Services(Settings(data_dir=CACHE / "data"))
    segments = [Segment(s.start, s.end, s.text) for s in
                run_to_completion(services.transcribe_audio(audio)).transcript.segments]
    if cached is not None:
        cached.write_text(json.dumps({"segments": [
            {"start": s.start, "end": s.end, "text": s.text} for s in segments]}))
    return segments


class Table:
    """Rows of one set, and their sums."""

    def __init__(self, title: str) -> None:
        self.title = title
        self.rows: list[tuple[str, int, int, dict[str, float], dict[str, float],
                              tuple[int, int], tuple[int, int]]] = []

    def add(self, name: str, true: int, found: int, plain: dict[str, float],
            collared: dict[str, float], ours: tuple[int, int], two: tuple[int, int]) -> None:
        self.rows.append((name, true, found, plain, collared, ours, two))

    def print(self) -> None:
        print(f"\n== {self.title} ==")
        print(f"{'conversation':16} {'true':>4} {'found':>5} {'DER':>6} {'DER c.25':>8} "
              f"{'missed':>6} {'FA':>5} {'conf.':>6} {'practitioner right':>19} "
              f"{'two-voice split':>16}")
        sums: dict[str, list[float]] = {
            "plain": [0.0, 0.0], "collar": [0.0, 0.0], "ours": [0, 0], "two": [0, 0],
            "count": [0, 0], "parts": [0.0, 0.0, 0.0]}
        for name, true, found, plain, collared, ours, two in self.rows:
            print(f"{name:16} {true:>4} {found:>5} {100 * plain['der']:5.1f}% "
                  f"{100 * collared['der']:7.1f}% {100 * plain['missed'] / plain['speech']:5.1f}% "
                  f"{100 * plain['false alarm'] / plain['speech']:4.1f}% "
                  f"{100 * plain['confusion'] / plain['speech']:5.1f}% "
                  f"{ours[0]:>9}/{ours[1]:<4} {100 * ours[0] / max(ours[1], 1):4.1f}% "
                  f"{two[0]:>6}/{two[1]:<4} {100 * two[0] / max(two[1], 1):4.1f}%")
            sums["plain"][0] += plain["der"] * plain["speech"]
            sums["plain"][1] += plain["speech"]
            sums["collar"][0] += collared["der"] * collared["speech"]
            sums["collar"][1] += collared["speech"]
            for key, (a, b) in (("ours", ours), ("two", two)):
                sums[key][0] += a
                sums[key][1] += b
            sums["count"][0] += found == true
            sums["count"][1] += 1
            for k, part in enumerate(("missed", "false alarm", "confusion")):
                sums["parts"][k] += plain[part]
        speech = max(sums["plain"][1], 1e-9)
        o, t = sums["ours"], sums["two"]
        print(f"{'all (by time)':16} {'':>4} {sums['count'][0]:>2}/{sums['count'][1]:<2} "
              f"{100 * sums['plain'][0] / speech:5.1f}% "
              f"{100 * sums['collar'][0] / max(sums['collar'][1], 1e-9):7.1f}% "
              f"{100 * sums['parts'][0] / speech:5.1f}% {100 * sums['parts'][1] / speech:4.1f}% "
              f"{100 * sums['parts'][2] / speech:5.1f}% "
              f"{o[0]:>9}/{o[1]:<4} {100 * o[0] / max(o[1], 1):4.1f}% "
              f"{t[0]:>6}/{t[1]:<4} {100 * t[0] / max(t[1], 1):4.1f}%")


def profile_for(voice: str) -> VoiceProfile:
    enrol = CACHE / f"enrol-{voice}.wav"
    if not enrol.exists():
        speak(ENROL, voice, enrol)
    return VoiceProfile.enrol(decode_audio(enrol))


def score(table: Table, name: str, audio: np.ndarray, segments: list[Segment],
          reference: list[Turn], truth: list[str], profile: VoiceProfile,
          practitioner: str) -> None:
    """One recording: the app's split with the profile, scored every way."""
    labelled = split_speakers(audio, segments, profile)
    found = turns_of(labelled)
    is_practitioner = [t == practitioner for t in truth]
    table.add(name, len({w for _, _, w in reference}), len({w for _, _, w in found}),
              der(reference, found), der(reference, found, collar=0.25),
              practitioner_right(labelled, is_practitioner),
              practitioner_right(label_speakers(audio, segments, profile), is_practitioner))


def real_call() -> None:
    if not (CALL / "sample.wav").exists():
        print(f"\n(no real call: {CALL}/sample.wav is missing; run 'make test' once)")
        return
    audio = decode_audio(CALL / "sample.wav")
    reference: list[Turn] = []
    for line in (CALL / "sample.rttm").read_text().splitlines():
        parts = line.split()
        reference.append((float(parts[3]), float(parts[3]) + float(parts[4]), parts[7]))
    segments = whisper_segments(audio, CACHE / "pyannote-sample.base.json")
    truth = []
    for s in segments:
        talk: dict[str, float] = {}
        for start, end, who in reference:
            talk[who] = talk.get(who, 0.0) + max(0.0, min(end, s.end) - max(start, s.start))
        truth.append(max(talk, key=lambda who: talk[who]))
    table = Table("real speech: the pyannote phone call, Whisper base segments, "
                  "profile from each caller's own turns")
    blind = split_speakers(audio, segments)
    found = turns_of(blind)
    table.add("no profile", 2, len({w for _, _, w in found}), der(reference, found),
              der(reference, found, collar=0.25), (0, 0), (0, 0))
    for caller in sorted({w for _, _, w in reference}):
        voice = np.concatenate([audio[int(s * SAMPLE_RATE):int(e * SAMPLE_RATE)]
                                for s, e, who in reference if who == caller])
        score(table, f"enrolled {caller}", audio, segments, reference, truth,
              VoiceProfile.enrol(voice), caller)
    table.print()


def dev_sets() -> None:
    shared = Table("shared voices (espeak-ng, two of three one vocal tract), 3-speaker dev "
                   "conversations, Whisper base segments")
    distinct = Table("three timbres, 3-speaker dev conversations, reference utterances")
    for record in dev_records():
        speech, ref = spoken(record["id"])
        order = list(dict.fromkeys(u["speaker"] for u in ref))
        if len(order) < 3:
            continue
        worker = next(n for n in order if n in PRACTITIONER)
        audio = decode_audio(speech)
        reference = [(u["start"], u["end"], u["speaker"]) for u in ref]
        segments = whisper_segments(audio, CACHE / f"{record['id']}.espeak.base.json")
        truth = [truest(s, ref) for s in segments]
        score(shared, record["id"], audio, segments, reference, truth,
              profile_for(VOICES[order.index(worker)]), worker)
        again = CACHE / f"{record['id']}.distinct.wav"
        times = Path(f"{again}.ref.json")
        if times.exists():
            ref2 = json.loads(times.read_text())["segments"]
            audio2 = decode_audio(again)
            plain = [Segment(u["start"], u["end"], u["text"]) for u in ref2]
            score(distinct, record["id"], audio2, plain,
                  [(u["start"], u["end"], u["speaker"]) for u in ref2],
                  [u["speaker"] for u in ref2],
                  profile_for(DISTINCT[order.index(worker) % len(DISTINCT)]), worker)
            del audio2
        del audio
    shared.print()
    if distinct.rows:
        distinct.print()
    else:
        print("\n(no three-timbre speech cached: run bench/diarise.py once)")


def main() -> None:
    real_call()
    dev_sets()


if __name__ == "__main__":
    main()
