"""Kill -9 in the middle of writing audio, transcripts and approvals, 20 times each.

After every kill: the vault opens, the audit chain verifies and agrees with its anchor,
nothing reported as committed is missing or changed, and at most the chunk being written
when the process died is absent.
"""

from __future__ import annotations

import json
import os
import random
from pathlib import Path

import pytest

from storage.paths import DataDir
from storage.records import CaseRecord, content_hash
from storage.vault import Vault
from tests.kill import run_then_kill
from tests.storage.conftest import FAST, PASSPHRASE
from tests.storage.crash_writer import chunk_bytes

WRITER = Path(__file__).with_name("crash_writer.py")
KILLS = 20


def _kill_during(paths: DataDir, mode: str, rng: random.Random) -> list[str]:
    env = {**os.environ, "CASENOTES_PASSPHRASE": PASSPHRASE}
    _, lines = run_then_kill([str(WRITER), str(paths.root), mode], env, rng, 0.02, 0.4)
    return lines


@pytest.fixture
def crash_vault(paths: DataDir) -> DataDir:
    vault, _ = Vault.create(paths, PASSPHRASE, use_keyring=False, scrypt=FAST)
    CaseRecord(vault).ensure_profile("Sam Taylor")
    vault.lock()
    return paths


def _check(paths: DataDir, check) -> None:  # type: ignore[no-untyped-def]
    vault = Vault.open(paths, passphrase=PASSPHRASE, use_keyring=False)
    try:
        record = CaseRecord(vault)
        assert record.verify_audit() == []
        assert vault.anchor_problems() == []  # what a kill costs is never taken for a rollback
        check(vault, record)
    finally:
        vault.lock()


def test_kill_while_writing_audio(crash_vault: DataDir) -> None:
    rng = random.Random(1)
    reported_total = 0
    for _ in range(KILLS):
        lines = _kill_during(crash_vault, "audio", rng)
        reported = [tuple(map(int, line.split()[1:])) for line in lines]
        reported_total += len(reported)

        def check(vault: Vault, record: CaseRecord, reported=reported) -> None:  # type: ignore[no-untyped-def]
            recording = vault.run(lambda c: c.execute(
                "SELECT max(id) FROM recordings").fetchone()[0])
            stored = vault.run(lambda c: c.execute(
                "SELECT seq, data FROM audio_chunks WHERE recording_id = ? ORDER BY seq",
                (recording,)).fetchall())
            seqs = [s for s, _ in stored]
            assert seqs == list(range(len(seqs))), "a gap in the stored chunks"
            assert {s for r, s in reported if r == recording} <= set(seqs)
            assert len(seqs) <= len(reported) + 1   # at most one committed but unreported
            assert all(bytes(d) == chunk_bytes(recording, s) for s, d in stored)
            unfinished = [r["id"] for r in record.unfinished_recordings()]
            assert recording in unfinished      # the app will offer to recover it
        _check(crash_vault, check)
    assert reported_total > KILLS, "the writer barely ran: the test proved little"


def test_kill_while_writing_transcripts(crash_vault: DataDir, sample_transcript) -> None:  # type: ignore[no-untyped-def]
    rng = random.Random(2)
    for _ in range(KILLS):
        lines = _kill_during(crash_vault, "transcript", rng)
        reported = [int(line.split()[1]) for line in lines]

        def check(vault: Vault, record: CaseRecord, reported=reported) -> None:  # type: ignore[no-untyped-def]
            counts = dict(vault.run(lambda c: c.execute(
                "SELECT t.id, count(s.idx) FROM transcripts t LEFT JOIN segments s "
                "ON s.transcript_id = t.id GROUP BY t.id").fetchall()))
            assert all(counts[t] == len(sample_transcript.segments) for t in reported)
            assert all(n == len(sample_transcript.segments) for n in counts.values()), \
                "a transcript was stored half-written"
        _check(crash_vault, check)


def test_kill_while_approving(crash_vault: DataDir) -> None:
    rng = random.Random(3)
    approved: dict[int, str] = {}
    for _ in range(KILLS):
        for line in _kill_during(crash_vault, "approval", rng):
            _, visit, digest = line.split()
            approved[int(visit)] = digest

        def check(vault: Vault, record: CaseRecord) -> None:
            rows = vault.run(lambda c: c.execute(
                "SELECT n.visit_id, n.content_json, a.content_hash FROM notes n "
                "JOIN approvals a ON a.note_id = n.id").fetchall())
            stored = {visit: (json.loads(content), digest) for visit, content, digest in rows}
            for visit, digest in approved.items():
                content, stored_digest = stored[visit]
                assert stored_digest == digest == content_hash(content)
            for content, digest in stored.values():
                assert content_hash(content) == digest, "an approved note changed"
            statuses = vault.run(lambda c: c.execute(
                "SELECT count(*) FROM notes n LEFT JOIN approvals a ON a.note_id = n.id "
                "WHERE (n.status = 'approved') != (a.id IS NOT NULL)").fetchone()[0])
            assert statuses == 0, "a note is approved without its approval, or the reverse"
        _check(crash_vault, check)
    assert len(approved) > KILLS / 2
