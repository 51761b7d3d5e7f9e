"""How well the voice profile splits practitioner from others, on the dev conversations.

Each conversation from ../shared/eval/social-care-dev.json is spoken with espeak-ng by the
shared tool (one voice per speaker); the practitioner's voice profile is enrolled from a
separate 30 s passage read in the practitioner's voice. Scored two ways: on the reference
utterances (the classifier alone) and on Whisper base's own segments (what the app sees),
each segment's true speaker being the reference utterance it overlaps most.

    .venv/bin/python bench/speakers.py
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.services import Services, run_to_completion  # noqa: E402
from app.settings import Settings  # noqa: E402
from bench.devspeech import cache, dev_records, spoken  # noqa: E402
from transcription.audio import SAMPLE_RATE, decode_audio  # noqa: E402
from transcription.transcript import Segment  # noqa: E402
from transcription.voice import VoiceProfile, label_speakers  # noqa: E402

CACHE = cache()
VOICES = ["en-gb", "en-us+f3", "en-gb-scotland", "en-us+m3"]  # the shared tool's order
ENROL = ("Good morning. My name is Sam and I am a social worker with the adult social care "
         "team. I am recording this short passage so that the app can recognise my voice. "
         "When I visit people at home we talk about how they are managing, what matters to "
         "them, and what support would help. I will read on for a little longer so that "
         "there is enough of my voice to learn from, and then I will stop.")


def speak(text: str, voice: str, out: Path) -> None:
    raw = out.with_suffix(".raw.wav")
    subprocess.run(["espeak-ng", "-v", voice, "-s", "160", "-w", str(raw), text], check=True)
    subprocess.run(["sox", str(raw), "-r", "16000", "-c", "1", "-b", "16", str(out)],
                   check=True)


def overlap(a: Segment, ref: dict) -> float:
    return max(0.0, min(a.end, ref["end"]) - max(a.start, ref["start"]))


PRACTITIONER = {"practitioner", "Worker", "worker", "Social worker"}


def score(labelled: list[Segment], truth: list[str]) -> tuple[int, int]:
    judged = [(s.speaker, t) for s, t in zip(labelled, truth, strict=True) if s.speaker]
    right = sum(1 for got, want in judged
                if (got == "practitioner") == (want in PRACTITIONER))
    return right, len(judged)


def main() -> None:
    records = dev_records()
    services = Services(Settings(data_dir=CACHE / "data"))
    totals = {"reference": [0, 0], "whisper": [0, 0]}
    print(f"{'conversation':14} {'speakers':>8} {'on reference segments':>22} "
          f"{'on Whisper segments':>20}")
    for record in records:
        speech, ref = spoken(record["id"])
        order: list[str] = []
        for u in ref:
            if u["speaker"] not in order:
                order.append(u["speaker"])
        voice = VOICES[next(i for i, name in enumerate(order) if name in PRACTITIONER)]
        enrol = CACHE / f"enrol-{voice}.wav"
        if not enrol.exists():
            speak(ENROL, voice, enrol)
        profile = VoiceProfile.enrol(decode_audio(enrol))
        audio = decode_audio(speech)

        plain = [Segment(u["start"], u["end"], u["text"]) for u in ref]
        got = score(label_speakers(audio, plain, profile), [u["speaker"] for u in ref])
        cached = CACHE / f"{record['id']}.base.json"
        if cached.exists():
            segments = [Segment(s["start"], s["end"], s["text"])
                        for s in json.loads(cached.read_text())["segments"]]
        else:
            segments = list(run_to_completion(services.transcribe_audio(audio))
                            .transcript.segments)
        truth = [max(ref, key=lambda u, s=s: overlap(s, u))["speaker"] for s in segments]
        plain_segments = [Segment(s.start, s.end, s.text) for s in segments]
        whisper = score(label_speakers(audio, plain_segments, profile), truth)
        for key, (right, total) in (("reference", got), ("whisper", whisper)):
            totals[key][0] += right
            totals[key][1] += total
        print(f"{record['id']:14} {len(order):>8} {got[0]:>11}/{got[1]:<3} "
              f"{100 * got[0] / got[1]:5.1f}% {whisper[0]:>9}/{whisper[1]:<3} "
              f"{100 * whisper[0] / whisper[1]:5.1f}%")
        del audio
    ref_right, ref_total = totals["reference"]
    w_right, w_total = totals["whisper"]
    print(f"{'all':14} {'':>8} {ref_right:>11}/{ref_total:<3} {100 * ref_right / ref_total:5.1f}% "
          f"{w_right:>9}/{w_total:<3} {100 * w_right / w_total:5.1f}%")
    print(f"(segments under 1 s are left to the text-based guess; {SAMPLE_RATE} Hz audio)")


if __name__ == "__main__":
    main()
