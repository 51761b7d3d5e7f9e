"""Retention reaches a practitioner who stops opening Casenotes, tried for real through the
command line and SQLCipher: the owner's opening (which holds every practitioner's key)
deletes the audio of their approved visit past its period, never that of a visit not yet
approved, logged in their own audit chain as the owner's, and every chain and anchor still
verifies (theirs, the owner's and the records store's)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.casework import Casework
from storage.records import Consent
from tests.fakes import fake_services
from tests.storage.test_export import ATTEST, PASSPHRASE, TRANSCRIPT, draft
from tests.test_cli_export import LEAD, OTHER, run
from tests.test_cli_role_keys import rows, slot_keys

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "resources" / "sample" / "home-visit.flac"
KIM = 2  # profile id


def recorded(work: Casework, case: str, *, approve: bool) -> int:
    record = work.record
    visit = record.create_visit(case, "Mrs Asha Patel", "home-visit",
                                Consent("the person", "verbal"))
    rid = record.import_file(visit, SAMPLE)
    tid = record.save_transcript(visit, rid, TRANSCRIPT, "base")
    record.save_draft(visit, tid, draft(["Kim saw the stairlift is broken."]))
    if approve:
        record.resolve_flag(visit, 0, "accept")
        record.approve(visit, ATTEST)
    return visit


@pytest.fixture
def data(settings) -> Path:  # type: ignore[no-untyped-def]
    """Sam (owner); Kim (practitioner) recorded and approved CASE-7, recorded CASE-8 and left
    it drafted, then never opened Casenotes again; Jo Lead is the team lead."""
    services = fake_services(settings, TRANSCRIPT)
    work, _ = Casework.init(services, PASSPHRASE, name="Sam Taylor", use_keyring=False)
    assert work.add_profile("Kim Other", "practitioner", OTHER) == KIM
    work.add_profile("Jo Lead", "team-lead", LEAD)
    work.lock()
    session = Casework.unlock(services, passphrase=OTHER, use_keyring=False)
    try:
        recorded(session, "CASE-7", approve=True)
        recorded(session, "CASE-8", approve=False)
    finally:
        session.lock()
    return settings.data_dir


def kims_audio(data: Path) -> dict[str, tuple[bool, int]]:
    """Per case: whether Kim's recording is marked deleted, and its audio bytes left; read
    with the key Kim's passphrase unwraps, without opening Casenotes as Kim."""
    [kim] = slot_keys(data, OTHER, KIM)
    found = rows(data / f"casework-{KIM}.vault", kim[:32],
                 "SELECT c.reference, r.deleted_at IS NOT NULL, (SELECT coalesce(sum("
                 "length(a.data)), 0) FROM audio_chunks a WHERE a.recording_id = r.id) "
                 "FROM recordings r JOIN visits v ON v.id = r.visit_id "
                 "JOIN cases c ON c.id = v.case_id")
    return {case: (bool(deleted), size) for case, deleted, size in found}


def test_the_owners_opening_applies_retention_to_a_practitioner_who_stays_away(
        data: Path) -> None:
    before = kims_audio(data)
    assert set(before) == {"CASE-7", "CASE-8"}
    assert all(not deleted and size > 0 for deleted, size in before.values())
    # The owner shortens the audio period to nothing; Kim never opens Casenotes again.
    assert run(data, "retention", "policy", "--audio-days", "0").returncode == 0
    listed = run(data, "visit", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    assert json.loads(listed.stdout) == []  # the owner's own list stays the owner's

    after = kims_audio(data)
    assert after["CASE-7"] == (True, 0), "the approved visit's audio is past its period"
    assert after["CASE-8"] == before["CASE-8"], "a visit not yet approved keeps its audio"
    # The team lead's records store has the deletion too, published by the owner's opening.
    shown = json.loads(run(data, "audit", "show", "--json", passphrase=LEAD).stdout)
    assert [e["actor"] for e in shown if e["action"] == "audio deleted (retention)"] == [
        "Sam Taylor"]
    # Kim's chain and anchor verify, and the deletion in it is the owner's, once.
    verified = run(data, "audit", "verify", passphrase=OTHER)
    assert verified.returncode == 0, verified.stderr
    log = json.loads(run(data, "audit", "show", "--json", passphrase=OTHER).stdout)
    deleted = [e for e in log if e["action"] == "audio deleted (retention)"]
    assert [(e["actor"], e["details"].get("run_by")) for e in deleted] == [
        ("Sam Taylor", "owner")]
    for secret in (PASSPHRASE, LEAD):
        verified = run(data, "audit", "verify", passphrase=secret)
        assert verified.returncode == 0, (secret, verified.stderr)
