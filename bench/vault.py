"""Vault benchmark: unlock+open time, insert rate beside plain SQLite, FTS search latency.

Each visit is what the app writes for a real one: the visit, a transcript of the sample's
segments, and a draft with its working note; three transactions, each with its audit entry,
WAL + synchronous=FULL. The plain-SQLite run uses the very same code with the key step
removed, so the ratio is the cost of encryption alone.

    .venv/bin/python bench/vault.py [--visits 10000]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import storage.vault as vault_module  # noqa: E402
from storage.paths import DataDir  # noqa: E402
from storage.records import CaseRecord, Consent  # noqa: E402
from storage.vault import Vault  # noqa: E402
from transcription.transcript import Transcript  # noqa: E402

PASSPHRASE = "correct horse battery staple"
WORDS = ("kitchen stairs bath tablets daughter neighbour pension shopping garden doctor "
         "pharmacy walking frame hospital bus club church breakfast night carer").split()


def _plain_connect(path: Path, data_key: bytes) -> Any:
    import sqlcipher3

    conn = sqlcipher3.connect(str(path), isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA secure_delete = ON")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def _fill(record: CaseRecord, visits: int, transcript: Transcript, draft: dict) -> float:
    rng = random.Random(7)
    started = time.perf_counter()
    for n in range(visits):
        person = f"Person {n}"
        visit = record.create_visit(f"CASE-{n:06d}", person, "home-visit",
                                    Consent("the person", "verbal"))
        extra = " ".join(rng.sample(WORDS, 3))
        segments = tuple(s.__class__(s.start, s.end, f"{s.text} {extra}", s.speaker)
                         for s in transcript.segments)
        tid = record.save_transcript(visit, None, Transcript("en", transcript.duration,
                                                             segments), "base")
        record.save_draft(visit, tid, draft)
    return time.perf_counter() - started


def _setup(folder: Path, plain: bool) -> tuple[Vault, CaseRecord]:
    original = vault_module._connect
    if plain:
        vault_module._connect = _plain_connect
    try:
        vault, _ = Vault.create(DataDir(folder), PASSPHRASE, use_keyring=False)
    finally:
        vault_module._connect = original
    record = CaseRecord(vault)
    record.ensure_profile("Sam Taylor")
    return vault, record


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--visits", type=int, default=10_000)
    ap.add_argument("--searches", type=int, default=200)
    args = ap.parse_args()
    transcript = Transcript.from_dict(json.loads(
        (ROOT / "resources/sample/home-visit.ref.json").read_text()))
    draft = {"template": "home-visit", "model": "bench", "actions": [], "flags": [],
             "sections": [{"id": "views", "title": "Views", "sentences": [
                 {"text": s.text, "citations": [i], "supported": True}
                 for i, s in enumerate(transcript.segments[:6])]}]}
    base = Path(tempfile.mkdtemp(prefix="casenotes-vault-bench-"))
    print(f"{args.visits} visits (visit + {len(transcript.segments)}-segment transcript + "
          "draft and note each); WAL, synchronous=FULL")

    rates = {}
    for label, plain in (("plain SQLite", True), ("SQLCipher vault", False)):
        vault, record = _setup(base / label.replace(" ", "-"), plain)
        seconds = _fill(record, args.visits, transcript, draft)
        rates[label] = args.visits / seconds
        print(f"{label:16} insert: {rates[label]:7.1f} visits/s ({seconds:.1f} s)")
        vault.lock()
    print(f"encryption overhead: {rates['plain SQLite'] / rates['SQLCipher vault']:.2f}x "
          "(target < 1.5x)")

    paths = DataDir(base / "SQLCipher-vault")
    size = paths.vault.stat().st_size / 2**20
    opens = []
    for _ in range(5):
        started = time.perf_counter()
        vault = Vault.open(paths, passphrase=PASSPHRASE, use_keyring=False)
        opens.append(time.perf_counter() - started)
        vault.lock()
    print(f"unlock + open ({size:.0f} MB vault, scrypt KDF + open + probe): "
          f"median {statistics.median(opens):.3f} s (target < 0.5 s)")

    vault = Vault.open(paths, passphrase=PASSPHRASE, use_keyring=False)
    record = CaseRecord(vault)
    rng = random.Random(3)
    queries = [rng.choice(WORDS) + " " + rng.choice(WORDS) for _ in range(args.searches)]
    queries += [f"CASE-{rng.randrange(args.visits):06d}" for _ in range(args.searches // 4)]
    times, hits = [], 0
    for query in queries:
        started = time.perf_counter()
        hits += len(record.search(query))
        times.append(time.perf_counter() - started)
    times.sort()
    median, p95 = statistics.median(times) * 1000, times[int(len(times) * 0.95)] * 1000
    print(f"FTS search over notes, transcripts and case details: median {median:.1f} ms, "
          f"p95 {p95:.1f} ms (target < 50 ms; {hits / len(queries):.0f} hits per query, "
          "capped at 50)")
    vault.lock()


if __name__ == "__main__":
    main()
