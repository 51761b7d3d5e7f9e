"""Child process for the kill -9 tests: writes to the vault in a loop, reporting each commit.

    python crash_writer.py DATA_DIR MODE      (MODE: audio | transcript | approval)

Prints "ready", then one line per committed write, flushed; the parent kills it with SIGKILL
at a random moment and checks that everything reported is in the vault, intact.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from storage.paths import DataDir  # noqa: E402
from storage.records import CaseRecord, Consent  # noqa: E402
from storage.vault import Vault  # noqa: E402
from transcription.transcript import Transcript  # noqa: E402

CHUNK = 32 * 1024


def chunk_bytes(recording: int, seq: int) -> bytes:
    seed = hashlib.sha256(f"{recording}:{seq}".encode()).digest()
    return (seed * (CHUNK // len(seed)))[:CHUNK]


DRAFT = {"template": "home-visit", "model": "test", "actions": [], "flags": [],
         "sections": [{"id": "views", "title": "Views", "sentences": [
             {"text": "Mr Jones said he wants to stay at home.", "citations": [0],
              "supported": True}]}]}


def main() -> None:
    data_dir, mode = Path(sys.argv[1]), sys.argv[2]
    vault = Vault.open(DataDir(data_dir), passphrase=os.environ["CASENOTES_PASSPHRASE"],
                       use_keyring=False)
    record = CaseRecord(vault)
    transcript = Transcript.from_dict(json.loads(
        (Path(__file__).resolve().parents[2] / "resources" / "sample" /
         "home-visit.ref.json").read_text()))
    visit = record.create_visit("CASE-CRASH", "Mr Jones", "home-visit",
                                Consent("the person", "verbal"))
    print("ready", flush=True)
    if mode == "audio":
        recording = record.start_recording(visit, "microphone", "flac")
        for seq in itertools.count():
            record.add_audio_chunk(recording, seq, chunk_bytes(recording, seq), 3.0)
            print(f"chunk {recording} {seq}", flush=True)
    elif mode == "transcript":
        while True:
            tid = record.save_transcript(visit, None, transcript, "base")
            print(f"transcript {tid}", flush=True)
    elif mode == "approval":
        while True:
            visit = record.create_visit("CASE-CRASH", "Mr Jones", "home-visit",
                                        Consent("the person", "verbal"))
            tid = record.save_transcript(visit, None, transcript, "base")
            record.save_draft(visit, tid, DRAFT)
            approval = record.approve(visit, "checked")
            print(f"approved {visit} {approval['content_hash']}", flush=True)


if __name__ == "__main__":
    main()
