"""How long the extractive writer takes on a long visit: a 30-minute conversation (about
4,500 words at 150 words a minute) made of the longest dev conversations end to end, with
their speaker roles, drafted with the default settings.

    .venv/bin/python bench/draft_speed.py [--minutes 30] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.devspeech import SHARED  # noqa: E402
from summarise.drafter import DraftCompleted, draft  # noqa: E402
from summarise.templates import load_template  # noqa: E402
from transcription.transcript import Transcript  # noqa: E402

WORDS_PER_MINUTE = 150


def long_visit(minutes: float) -> tuple[Transcript, dict[str, str]]:
    records = sorted(json.loads((SHARED / "eval" / "social-care-dev.json").read_text()),
                     key=lambda r: -sum(len(u["text"].split()) for u in r["utterances"]))
    wanted = minutes * WORDS_PER_MINUTE
    segments, roles, words, at = [], {}, 0, 0.0
    while words < wanted:
        for record in records:
            for u in record["utterances"]:
                # one practitioner and one person throughout, as in a single visit
                role = u.get("role", "person")
                label = {"practitioner": "Worker", "person": "Person"}.get(role, u["speaker"])
                roles[label] = role
                length = len(u["text"].split()) / WORDS_PER_MINUTE * 60
                segments.append({"start": at, "end": at + length, "text": u["text"],
                                 "speaker": label})
                at += length
                words += len(u["text"].split())
                if words >= wanted:
                    break
            if words >= wanted:
                break
    return Transcript.from_dict({"segments": segments}), roles


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--minutes", type=float, default=30)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    if not SHARED.exists():
        sys.exit(f"needs {SHARED} (the shared evaluation data)")
    transcript, roles = long_visit(args.minutes)
    template = load_template("care-act-assessment")
    times = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        result = [e for e in draft(transcript, template, speakers=roles)
                  if isinstance(e, DraftCompleted)][0].draft
        times.append(time.perf_counter() - started)
    words = sum(len(s.text.split()) for s in transcript.segments)
    sentences = sum(len(s.sentences) for s in result.sections)
    print(f"{transcript.duration / 60:.0f}-minute conversation ({words} words, "
          f"{len(transcript.segments)} segments): extractive draft in "
          f"{statistics.median(times):.2f} s median, {max(times):.2f} s worst of {args.repeat}; "
          f"{sentences} sentences, {len(result.actions)} actions, "
          f"{sum(f.kind == 'risk' for f in result.flags)} risk flags")


if __name__ == "__main__":
    main()
