"""Export benchmark: approved notes per second for each format, one batch each.

Each note is the size of a real home-visit note from the sample (five sections of the
sample's draft, two agreed actions). Every batch goes the whole way: read and hash-check
the approved notes in the vault, render, write with fsync, rename into place, and log the
batch in the audit chain.

    .venv/bin/python bench/export.py [--notes 1000]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.casework import Casework  # noqa: E402
from app.services import Services  # noqa: E402
from app.settings import Settings  # noqa: E402
from storage.exports.batch import ExportFinished  # noqa: E402
from storage.exports.formats import FORMATS  # noqa: E402
from storage.records import Consent  # noqa: E402
from transcription.transcript import Segment, Transcript  # noqa: E402

PASSPHRASE = "correct horse battery staple"
SENTENCES = [
    "Mr Jones said he has lived alone since his wife died two years ago.",
    "He said he cannot get into the bath and has been strip-washing at the sink.",
    "His daughter visits on Sundays and does his shopping.",
    "He said he fell on the stairs last month and did not tell anyone.",
    "He wants to stay in his own home.",
    "He takes his tablets from a blister pack the pharmacy delivers.",
    "He said he feels lonely in the evenings.",
]


def note(n: int) -> dict:
    sections = [{"id": f"s{i}", "title": title,
                 "sentences": [{"text": s, "citations": [0], "supported": True}
                               for s in SENTENCES[i:i + 3]]}
                for i, title in enumerate(["Who was seen", "The person's views", "Daily living",
                                           "Risks", "Plan"])]
    return {"template": "home-visit", "model": "SmolLM2-135M-Instruct", "sections": sections,
            "actions": [{"text": f"Refer case {n} for an occupational therapy assessment",
                         "owner": "practitioner", "due": "Friday", "citations": [0]},
                        {"text": "Phone his daughter about the bath", "owner": "practitioner",
                         "due": None, "citations": [0]}],
            "flags": []}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--notes", type=int, default=1000)
    args = parser.parse_args()
    transcript = Transcript("en", 10.0, (Segment(0.0, 10.0, " ".join(SENTENCES), "person"),))
    with tempfile.TemporaryDirectory() as tmp:
        work, _ = Casework.init(Services(Settings(data_dir=Path(tmp) / "data")), PASSPHRASE,
                                name="Sam Taylor", use_keyring=False)
        started = time.perf_counter()
        for n in range(args.notes):
            visit = work.record.create_visit(f"CASE-{n:05}", "Mr Jones", "home-visit",
                                             Consent("the person", "verbal"))
            tid = work.record.save_transcript(visit, None, transcript, "base")
            work.record.save_draft(visit, tid, note(n))
            work.record.approve(visit, "I have checked this note against the conversation.")
        print(f"set-up: {args.notes} approved notes in {time.perf_counter() - started:.1f} s")
        ids = [n["note_id"] for n in work.approved_notes()]
        print(f"machine: {os.cpu_count()} cores\n")
        print(f"{'format':8} {'notes/s':>9} {'seconds':>8} {'files':>6} {'MB':>7}")
        for fmt in FORMATS:
            out = Path(tmp) / fmt
            started = time.perf_counter()
            done = [e for e in work.export(ids, fmt, out) if isinstance(e, ExportFinished)][0]
            seconds = time.perf_counter() - started
            size = sum(Path(f).stat().st_size for f in done.files) / 1e6
            print(f"{fmt:8} {done.notes / seconds:9.0f} {seconds:8.2f} {len(done.files):6} "
                  f"{size:7.2f}")
        work.lock()


if __name__ == "__main__":
    main()
