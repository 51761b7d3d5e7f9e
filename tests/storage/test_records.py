from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlcipher3

from storage import retention
from storage.errors import RecordError
from storage.records import CaseRecord, Consent
from storage.vault import Vault
from tests.storage.conftest import new_visit
from transcription.transcript import Transcript

DRAFT = {"template": "home-visit", "model": "test", "actions": [],
         "sections": [{"id": "views", "title": "Views", "sentences": [
             {"text": "Mr Jones said he wants to stay at home.", "citations": [0],
              "supported": True}]}],
         "flags": [{"kind": "risk", "category": "falls", "message": "Possible falls risk.",
                    "citations": [0]}]}


def drafted_visit(record: CaseRecord, transcript: Transcript, case: str = "CASE-1") -> int:
    visit_id = new_visit(record, case=case)
    rid = record.import_file(visit_id, Path(__file__).resolve().parents[2] /
                             "resources" / "sample" / "home-visit.flac")
    tid = record.save_transcript(visit_id, rid, transcript, "base")
    record.save_draft(visit_id, tid, DRAFT)
    return visit_id


def approved_visit(record: CaseRecord, transcript: Transcript, case: str = "CASE-1") -> int:
    visit_id = drafted_visit(record, transcript, case)
    record.resolve_flag(visit_id, 0, "accept")
    record.approve(visit_id, "I have checked this note against the conversation.")
    return visit_id


def test_consent_is_required(record: CaseRecord) -> None:
    with pytest.raises(RecordError, match="consent"):
        record.create_visit("CASE-1", "Mr Jones", "home-visit", Consent("", "verbal"))
    with pytest.raises(RecordError, match="consent"):
        record.create_visit("CASE-1", "Mr Jones", "home-visit", Consent("the person", "nod"))


def test_approval_waits_for_every_flag(record: CaseRecord, sample_transcript) -> None:  # type: ignore[no-untyped-def]
    visit_id = drafted_visit(record, sample_transcript)
    with pytest.raises(RecordError, match="1 flag"):
        record.approve(visit_id, "checked")
    with pytest.raises(RecordError, match="reason"):
        record.resolve_flag(visit_id, 0, "dismiss", "")
    record.resolve_flag(visit_id, 0, "dismiss", "Fall was in 2019; no current risk.")
    approval = record.approve(visit_id, "checked")
    note = record.note(visit_id)
    assert note["status"] == "approved" and note["approval"]["by"] == "Sam Taylor"
    assert approval["content_hash"] == note["approval"]["content_hash"]
    assert record.visit(visit_id)["state"] == "approved"


def test_approved_notes_are_protected_by_the_store_itself(vault: Vault, record: CaseRecord,
                                                          sample_transcript) -> None:  # type: ignore[no-untyped-def]
    visit_id = approved_visit(record, sample_transcript)
    for sql in ("UPDATE notes SET content_json = '{}' WHERE visit_id = ?",
                "DELETE FROM notes WHERE visit_id = ?",
                "UPDATE approvals SET approved_by = 99 WHERE note_id IN "
                "(SELECT id FROM notes WHERE visit_id = ?)",
                "DELETE FROM approvals WHERE note_id IN (SELECT id FROM notes WHERE visit_id = ?)",
                "DELETE FROM audit_log WHERE ? > 0",
                "UPDATE audit_log SET actor = 'someone else' WHERE ? > 0",
                "UPDATE drafts SET content_json = '{}' WHERE visit_id = ?"):
        with pytest.raises(sqlcipher3.IntegrityError):
            vault.run(lambda conn, sql=sql: conn.execute(sql, (visit_id,)))
    with pytest.raises(RecordError, match="approved and read-only"):
        record.update_note(visit_id, DRAFT)
    with pytest.raises(RecordError, match="Amend"):
        record.save_draft(visit_id, 1, DRAFT)


def test_amendment_is_a_new_linked_version(record: CaseRecord, sample_transcript) -> None:  # type: ignore[no-untyped-def]
    visit_id = approved_visit(record, sample_transcript)
    first = record.note(visit_id)
    new_id = record.amend(visit_id, "Daughter's name corrected")
    second = record.note(visit_id)
    assert second["id"] == new_id and second["version"] == 2
    assert second["previous_id"] == first["id"] and second["status"] == "draft"
    edited = json.loads(json.dumps(second["content"]))
    edited["sections"][0]["sentences"][0]["text"] = "Mr Jones said he wants to stay home."
    record.update_note(visit_id, edited)
    record.approve(visit_id, "checked")
    assert record.note(visit_id)["version"] == 2
    actions = [e["action"] for e in record.history(visit_id)]
    assert actions[-3:] == ["amendment started", "note edited", "approved"]


def test_tampering_with_the_audit_log_is_detected(vault: Vault, record: CaseRecord,
                                                  sample_transcript) -> None:  # type: ignore[no-untyped-def]
    approved_visit(record, sample_transcript)
    assert record.verify_audit() == []

    def tamper(conn) -> None:  # type: ignore[no-untyped-def]
        conn.execute("DROP TRIGGER audit_log_is_append_only")
        conn.execute("UPDATE audit_log SET actor = 'Someone Else' WHERE action = 'approved'")
    vault.run(tamper)
    problems = record.verify_audit()
    assert len(problems) == 1 and "was altered" in problems[0]


def test_deleting_an_audit_entry_is_detected(vault: Vault, record: CaseRecord,
                                             sample_transcript) -> None:  # type: ignore[no-untyped-def]
    approved_visit(record, sample_transcript)

    def tamper(conn) -> None:  # type: ignore[no-untyped-def]
        conn.execute("DROP TRIGGER audit_log_is_kept")
        conn.execute("DELETE FROM audit_log WHERE seq = 3")
    vault.run(tamper)
    problems = record.verify_audit()
    assert any("entry 3 is missing" in p for p in problems)


def test_search_by_case_person_and_words(record: CaseRecord, sample_transcript) -> None:  # type: ignore[no-untyped-def]
    one = drafted_visit(record, sample_transcript, case="CASE-ALPHA")
    two = new_visit(record, case="CASE-BETA", person="Mrs Patel")
    assert record.search("CASE-ALPHA") == [one]
    assert record.search("Patel") == [two]
    assert record.search("sandwich") == [one]          # transcript words
    assert record.search("stay home") == [one]         # note words (stemmed)
    assert record.search("zebra") == []
    assert record.search('"; DROP TABLE notes; --') == []


def test_retention_deletes_old_audio_and_transcripts_and_audits_it(
        vault: Vault, record: CaseRecord, sample_transcript) -> None:  # type: ignore[no-untyped-def]
    visit_id = approved_visit(record, sample_transcript)
    recent = drafted_visit(record, sample_transcript, case="CASE-RECENT")
    vault.run(lambda conn: conn.execute(
        "INSERT INTO exports (note_id, format, destination, content_hash, exported_by, "
        "exported_at) SELECT id, 'docx', '/tmp', 'x', 1, ? FROM notes WHERE visit_id = ?",
        (datetime.now(UTC).isoformat(), visit_id)))
    assert vault.run(lambda conn: retention.run(conn)) == {"recordings": 0, "transcripts": 0}
    later = datetime.now(UTC) + timedelta(days=31)
    assert vault.run(lambda conn: retention.run(conn, later)) == {"recordings": 1,
                                                                   "transcripts": 1}
    visit = record.visit(visit_id)
    assert visit["recordings"][0]["deleted"] and visit["recordings"][0]["bytes"] == 0
    assert visit["transcript"] is None and record.note(visit_id)["status"] == "approved"
    assert record.visit(recent)["recordings"][0]["bytes"] > 0
    assert record.search("sandwich") == [recent]
    with pytest.raises(RecordError, match="retention policy"):
        record.recording_audio(visit["recordings"][0]["id"])
    actions = [e["action"] for e in record.history(visit_id)]
    assert "audio deleted (retention)" in actions and "transcript deleted (retention)" in actions
    assert record.verify_audit() == []
