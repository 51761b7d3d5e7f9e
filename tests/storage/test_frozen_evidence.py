"""Once a visit has an approved note, the recording and transcript it cites are frozen: the
store's triggers refuse any change (retention's audited deletion aside), an older vault gets
them by migration, and the command line refuses with a plain line that points to amending."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlcipher3

from app.casework import Casework
from storage import migrations, retention
from storage.errors import RecordError
from storage.paths import DataDir
from storage.records import CaseRecord
from storage.records_store import RecordsStore
from storage.vault import Vault
from tests.fakes import fake_services
from tests.storage.conftest import FAST, PASSPHRASE
from tests.storage.test_export import TRANSCRIPT, approved
from tests.storage.test_records import approved_visit, drafted_visit
from tests.test_cli import assert_user_error
from tests.test_cli_export import run

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "resources" / "sample" / "home-visit.flac"

# Each is refused once the visit's note is approved (the ids are filled in per visit).
CHANGES = [
    "UPDATE segments SET text = 'something else' WHERE transcript_id = {t} AND idx = 0",
    "UPDATE segments SET speaker = 'carer' WHERE transcript_id = {t}",
    "DELETE FROM segments WHERE transcript_id = {t}",
    "INSERT INTO segments (transcript_id, idx, start, end, text) VALUES ({t}, 999, 0, 1, 'x')",
    "UPDATE transcripts SET model = 'other' WHERE id = {t}",
    "DELETE FROM transcripts WHERE id = {t}",
    "INSERT INTO transcripts (visit_id, model, language, duration, created_at) "
    "VALUES ({v}, 'base', 'en', 1, 'now')",
    "UPDATE audio_chunks SET data = x'00' WHERE recording_id = {r}",
    "DELETE FROM audio_chunks WHERE recording_id = {r}",
    "INSERT INTO audio_chunks (recording_id, seq, data, created_at) "
    "VALUES ({r}, 999, x'00', 'now')",
    "UPDATE recordings SET filename = 'other.wav' WHERE id = {r}",
    "DELETE FROM recordings WHERE id = {r}",
    "INSERT INTO recordings (visit_id, source, codec, started_at) "
    "VALUES ({v}, 'import', 'original', 'now')",
    "DELETE FROM drafts WHERE visit_id = {v}",
]


def _ids(vault: Vault, visit: int) -> dict[str, int]:
    t, r = vault.run(lambda c: c.execute("SELECT id, recording_id FROM transcripts WHERE "
                                         "visit_id = ?", (visit,)).fetchone())
    return {"v": visit, "t": t, "r": r}


def _refused(vault: Vault, sql: str) -> str:
    with pytest.raises(sqlcipher3.IntegrityError) as caught:
        vault.run(lambda c: c.execute(sql))
    return str(caught.value)


def test_the_store_freezes_an_approved_visits_evidence(vault: Vault, record: CaseRecord,
                                                       sample_transcript) -> None:  # type: ignore[no-untyped-def]
    draft_only = _ids(vault, drafted_visit(record, sample_transcript, "CASE-1"))
    done = _ids(vault, approved_visit(record, sample_transcript, "CASE-2"))
    for sql in CHANGES:
        message = _refused(vault, sql.format(**done))
        assert "approved note" in message or "drafts behind an approved note" in message, sql
    # The same changes to a visit still in draft go through (in a transaction undone after);
    # deleting a row that others refer to is left out, as foreign keys refuse that anyway.
    vault.run(lambda c: c.execute("BEGIN"))
    for sql in CHANGES:
        if not sql.startswith(("DELETE FROM transcripts", "DELETE FROM recordings",
                               "DELETE FROM drafts")):
            vault.run(lambda c, sql=sql: c.execute(sql.format(**draft_only)))
    vault.run(lambda c: c.execute("ROLLBACK"))
    # The service layer says the same in words a person can act on.
    with pytest.raises(RecordError, match="casenotes visit amend 2"):
        record.correct_segment(done["v"], 0, text="something else")
    with pytest.raises(RecordError, match="kept exactly as they were approved"):
        record.import_file(done["v"], SAMPLE)
    record.amend(done["v"], "a date was wrong")  # amending changes the note, not the evidence
    assert _refused(vault, CHANGES[0].format(**done))


def test_retention_still_deletes_an_approved_visits_audio_and_transcript(
        vault: Vault, record: CaseRecord, sample_transcript) -> None:  # type: ignore[no-untyped-def]
    done = _ids(vault, approved_visit(record, sample_transcript))
    vault.run(lambda c: c.execute("INSERT INTO exports (note_id, format, destination, "
                                  "content_hash, exported_by, exported_at) SELECT id, 'txt', "
                                  "'x', 'h', 1, '2000-01-01' FROM notes"))
    later = datetime.now(UTC) + timedelta(days=400)
    assert vault.run(lambda c: retention.run(c, later)) == {"recordings": 1, "transcripts": 1}
    left = vault.run(lambda c: c.execute(
        "SELECT (SELECT count(*) FROM audio_chunks), (SELECT count(*) FROM segments)"
    ).fetchone())
    assert tuple(left) == (0, 0)
    # Deleted stays deleted: the mark cannot be taken back.
    assert "approved note" in _refused(
        vault, f"UPDATE recordings SET deleted_at = NULL WHERE id = {done['r']}")
    assert "approved note" in _refused(
        vault, f"UPDATE transcripts SET deleted_at = NULL WHERE id = {done['t']}")


def test_an_older_vault_gets_the_triggers_by_migration(tmp_path: Path, sample_transcript,  # type: ignore[no-untyped-def]
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    paths = DataDir(tmp_path / "data")
    every = migrations.migrations()
    monkeypatch.setattr(migrations, "migrations", lambda: every[:2])  # Casenotes as it was
    # ... which had no records store (storage/records_store.py) either
    monkeypatch.setattr(RecordsStore, "sync",
                        lambda self, conn, actor="system", problems=None: None)
    monkeypatch.setattr(RecordsStore, "publish", lambda self, conn: None)
    old, _ = Vault.create(paths, PASSPHRASE, use_keyring=False, scrypt=FAST)
    record = CaseRecord(old)
    record.ensure_profile("Sam Taylor")
    visit = approved_visit(record, sample_transcript)
    assert old.run(lambda c: c.execute("PRAGMA user_version").fetchone()[0]) == 2
    old.lock()
    monkeypatch.undo()

    vault = Vault.open(paths, passphrase=PASSPHRASE, use_keyring=False)
    try:
        assert vault.run(lambda c: c.execute("PRAGMA user_version").fetchone()[0]) == \
            migrations.latest_version()
        assert "approved note" in _refused(vault, CHANGES[0].format(**_ids(vault, visit)))
        assert CaseRecord(vault).verify_audit() == []
    finally:
        vault.lock()


@pytest.fixture
def data(settings) -> Path:  # type: ignore[no-untyped-def]
    work, _ = Casework.init(fake_services(settings, TRANSCRIPT), PASSPHRASE, name="Sam Taylor",
                            use_keyring=False)
    approved(work, "CASE-1", ["Mrs Patel said she cannot get into the bath."])
    work.lock()
    return settings.data_dir


def test_the_command_line_refuses_and_points_to_amend(data: Path, tmp_path: Path) -> None:
    for attempt in (("visit", "segment", "1", "0", "--text", "I can get into the bath."),
                    ("visit", "segment", "1", "0", "--speaker", "carer"),
                    ("visit", "import", "1", str(SAMPLE)),
                    ("visit", "transcribe", "1")):
        assert_user_error(run(data, *attempt), "use 'casenotes visit amend 1 --reason WHY'")
    # Exported, or with an amendment under way, the evidence stays as approved.
    assert run(data, "export", "--approved", "--format", "txt", "--out",
               str(tmp_path / "out")).returncode == 0
    assert run(data, "visit", "amend", "1", "--reason", "a date was wrong").returncode == 0
    assert_user_error(run(data, "visit", "segment", "1", "0", "--text", "changed"),
                      "kept exactly as they were approved")
    shown = run(data, "visit", "show", "1")
    assert "[0] 00:00.0-00:10.0 person: I cannot get into the bath." in shown.stdout
