"""Keys that match roles, tried for real: a team lead's passphrase unwraps only the records
key, which opens the records store of approved notes and not the casework database (tried
with sqlcipher3 directly on the files, with every key their slot unwraps); the team lead still
finds, reads and exports approved notes through the command line, and their export reaches the
casework log; a vault made before role keys opens, is migrated and narrows the team lead's
slot; a publication a crash cut off is made at the next opening; an altered records store is
set aside, not trusted."""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import sqlcipher3
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from app.casework import Casework
from storage.keys import records_key
from storage.records_store import RecordsStore
from tests.fakes import fake_services
from tests.storage.test_export import PASSPHRASE, TRANSCRIPT, approved
from tests.test_cli import assert_user_error
from tests.test_cli_export import LEAD, OTHER, run

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "vault-schema4"
_AADS = [f"casenotes:{t}{h}".encode() for t in ("member", "passphrase", "recovery", "keyring")
         for h in ("", ":records", ":casework", ":own")]


@pytest.fixture
def data(settings) -> Path:  # type: ignore[no-untyped-def]
    """Sam's vault: visit 1 approved, visit 2 a draft; Jo Lead (team lead, profile 2) and
    Kim Other (practitioner, profile 3) have passphrases of their own."""
    work, _ = Casework.init(fake_services(settings, TRANSCRIPT), PASSPHRASE, name="Sam Taylor",
                            use_keyring=False)
    approved(work, "CASE-1", ["Mrs Patel said she cannot get into the bath."])
    approved(work, "CASE-2", ["DRAFT ONLY: not checked."], approve=False)
    work.add_profile("Jo Lead", "team-lead", LEAD)
    work.add_profile("Kim Other", "practitioner", OTHER)
    work.lock()
    return settings.data_dir


def slot_keys(data: Path, passphrase: str, profile: int) -> list[bytes]:
    """Every key the profile's slot unwraps with its passphrase: each (nonce, sealed) pair of
    fields in the slot, under every associated data Casenotes uses."""
    slots = json.loads((data / "keyslots.json").read_text())["slots"]
    [slot] = [s for s in slots if s["type"] == "member" and s.get("profile") == profile]
    kek = hashlib.scrypt(passphrase.encode(), salt=base64.b64decode(slot["salt"]),
                         n=slot["n"], r=slot["r"], p=slot["p"], maxmem=2**30, dklen=32)
    blobs = {}
    for name, value in slot.items():
        try:
            blobs[name] = base64.b64decode(value, validate=True)
        except (TypeError, ValueError):
            continue
    keys = []
    for nonce in (b for b in blobs.values() if len(b) == 12):
        for sealed in (b for b in blobs.values() if len(b) > 16):
            for aad in _AADS:
                try:
                    keys.append(AESGCM(kek).decrypt(nonce, sealed, aad))
                except InvalidTag:
                    pass
    return keys


def opens(path: Path, key: bytes) -> bool:
    conn = sqlcipher3.connect(str(path))
    try:
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return True
    except sqlcipher3.DatabaseError:
        return False
    finally:
        conn.close()


def rows(path: Path, key: bytes, sql: str) -> list[Any]:
    conn = sqlcipher3.connect(str(path))
    try:
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def assert_lead_reads_approved_notes_only(data: Path) -> None:
    keys = slot_keys(data, LEAD, 2)
    assert len(keys) == 1, "a team lead's slot holds one key"
    [key] = keys
    for candidate in (key, records_key(key)):
        assert not opens(data / "casenotes.vault", candidate)
    assert opens(data / "records.vault", key)
    for table in ("recordings", "audio_chunks", "transcripts", "segments", "drafts",
                  "voice_profiles", "vocabulary"):
        assert rows(data / "records.vault", key, f"SELECT count(*) FROM {table}") == [(0,)]
    assert {r[0] for r in rows(data / "records.vault", key, "SELECT status FROM notes")} == \
        {"approved"}
    texts = " ".join(r[0] for r in rows(data / "records.vault", key,
                                        "SELECT content_json FROM notes"))
    assert "cannot get into the bath" in texts and "DRAFT ONLY" not in texts


def test_the_team_leads_passphrase_opens_approved_notes_only(data: Path, tmp_path: Path
                                                             ) -> None:
    assert_lead_reads_approved_notes_only(data)
    # A practitioner's slot holds their own casework's key and the records key, not the data
    # key (tests/test_cli_practitioner_keys.py tries them on every file).
    [kim] = slot_keys(data, OTHER, 3)
    assert not opens(data / "casenotes.vault", kim[:32])
    assert not opens(data / "casenotes.vault", kim[32:])

    # Through the command line the team lead finds, reads and exports the approved note.
    seen = json.loads(run(data, "visit", "list", "--json", passphrase=LEAD).stdout)
    assert [v["case"] for v in seen] == ["CASE-1"]
    found = json.loads(run(data, "visit", "list", "--search", "bath", "--json",
                           passphrase=LEAD).stdout)
    assert [v["case"] for v in found] == ["CASE-1"]
    shown = json.loads(run(data, "visit", "show", "1", "--json", passphrase=LEAD).stdout)
    assert shown["note"]["status"] == "approved" and shown["transcript"] is None
    assert_user_error(run(data, "visit", "show", "2", passphrase=LEAD), "no approved note")
    history = json.loads(run(data, "audit", "show", "--visit", "1", "--json",
                             passphrase=LEAD).stdout)
    assert "approved" in [e["action"] for e in history]
    out = tmp_path / "lead"
    exported = run(data, "export", "--approved", "--format", "csv", "--out", str(out),
                   passphrase=LEAD)
    assert exported.returncode == 0, exported.stderr
    assert len(list(out.glob("*.csv"))) == 1
    assert run(data, "audit", "verify", passphrase=LEAD).returncode == 0

    # The owner's next opening takes the export into the casework log, under Jo's name, once.
    for _ in range(2):
        verified = run(data, "audit", "verify")
        assert verified.returncode == 0, verified.stderr
    log = json.loads(run(data, "audit", "show", "--json").stdout)
    assert [e["actor"] for e in log if e["action"] == "exported"] == ["Jo Lead"]
    mine = json.loads(run(data, "visit", "list", "--json").stdout)
    assert {v["case"]: v["state"] for v in mine}["CASE-1"] == "exported"
    # ... and the team lead sees it as exported.
    again = run(data, "export", "--approved", "--new-only", "--format", "txt", "--out",
                str(tmp_path / "again"), passphrase=LEAD)
    assert "no approved notes to export" in again.stdout


def test_a_vault_made_before_role_keys_is_migrated(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURE, data)
    before = {p.name: p.read_bytes() for p in FIXTURE.iterdir()}
    # The owner opens it first: everything is there, the records store is made, and the owner
    # is told the team lead's old slot still opens the casework until Jo next unlocks.
    listed = run(data, "visit", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    assert sorted(v["case"] for v in json.loads(listed.stdout)) == ["CASE-1", "CASE-2"]
    assert "Jo Lead's passphrase" in listed.stderr and "rekey" in listed.stderr
    assert (data / "records.vault").exists()
    assert run(data, "audit", "verify").returncode == 0
    [wide] = slot_keys(data, LEAD, 2)
    assert opens(data / "casenotes.vault", wide)  # not yet narrowed: said so, above

    # Jo unlocks with the same passphrase as before and sees the approved visit only; the slot
    # now holds the records key alone.
    seen = run(data, "visit", "list", "--json", passphrase=LEAD)
    assert seen.returncode == 0, seen.stderr
    assert [v["case"] for v in json.loads(seen.stdout)] == ["CASE-1"]
    assert_lead_reads_approved_notes_only(data)
    assert run(data, "visit", "list", "--json", passphrase=LEAD).returncode == 0
    # Kim and the owner open as before; nothing the old vault held is lost or changed.
    assert json.loads(run(data, "visit", "list", "--json", passphrase=OTHER).stdout) == []
    listed = run(data, "visit", "list", "--json")
    assert "Jo Lead's passphrase" not in listed.stderr
    show = json.loads(run(data, "visit", "show", "2", "--json").stdout)
    assert "DRAFT ONLY" in json.dumps(show["note"])
    log = json.loads(run(data, "audit", "show", "--json").stdout)
    assert [(e["actor"], e["action"]) for e in log if e["action"] == "key slot narrowed"] == \
        [("Jo Lead", "key slot narrowed")]
    assert run(data, "audit", "verify").returncode == 0
    assert {p.name: p.read_bytes() for p in FIXTURE.iterdir()} == before


def test_a_publication_cut_off_is_made_at_the_next_opening(settings, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    services = fake_services(settings, TRANSCRIPT)
    work, _ = Casework.init(services, PASSPHRASE, name="Sam Taylor", use_keyring=False)
    work.add_profile("Jo Lead", "team-lead", LEAD)

    def crash(self: RecordsStore, conn: Any) -> None:
        raise OSError("killed between the two commits")
    with monkeypatch.context() as m:
        m.setattr(RecordsStore, "publish", crash)
        approved(work, "CASE-1", ["Mrs Patel said she cannot get into the bath."])
        work.lock()
    data = settings.data_dir
    [key] = slot_keys(data, LEAD, 2)
    assert rows(data / "records.vault", key, "SELECT count(*) FROM notes") == [(0,)]
    Casework.unlock(services, passphrase=PASSPHRASE, use_keyring=False).lock()
    assert rows(data / "records.vault", key, "SELECT count(*) FROM notes") == [(1,)]
    lead = Casework.unlock(services, passphrase=LEAD, use_keyring=False)
    try:
        assert [n["case"] for n in lead.approved_notes()] == ["CASE-1"]
        assert lead.approved_notes()[0]["edited_share"] is not None
    finally:
        lead.lock()


def test_an_altered_records_store_is_set_aside(data: Path) -> None:
    [key] = slot_keys(data, LEAD, 2)
    conn = sqlcipher3.connect(str(data / "records.vault"))
    conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    conn.execute("DROP TRIGGER approved_notes_are_read_only")
    conn.execute("UPDATE notes SET content_json = replace(content_json, 'bath', 'shower')")
    conn.commit()
    conn.close()
    listed = run(data, "visit", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    kept = data / "records-set-aside.1"
    assert (kept / "records.vault").exists()
    assert oct(kept.stat().st_mode & 0o777) == "0o700"
    log = json.loads(run(data, "audit", "show", "--json").stdout)
    [entry] = [e for e in log if e["action"] == "records store set aside"]
    assert "differs" in entry["details"]["why"]
    shown = json.loads(run(data, "visit", "show", "1", "--json", passphrase=LEAD).stdout)
    assert "bath" in json.dumps(shown["note"]) and "shower" not in json.dumps(shown["note"])
