"""Who may do what, through the real command line and a real vault: key changes, backups,
retention, voice and vocabulary belong to the vault's owner; a member changes only their own
passphrase; a team lead sees the history of approved visits only; and the audit log names the
person who did each of these, never "system"."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.casework import Casework
from tests.fakes import fake_services
from tests.storage.test_export import PASSPHRASE, TRANSCRIPT, approved
from tests.test_cli import assert_user_error
from tests.test_cli_export import LEAD, OTHER, run

ROOT = Path(__file__).resolve().parent.parent
NEW = "a new passphrase for this"


@pytest.fixture
def data(settings) -> Path:  # type: ignore[no-untyped-def]
    """Sam's vault: visit 1 approved, visit 2 still a draft; Jo Lead (team lead) and Kim
    Other (practitioner) have passphrase slots of their own."""
    work, _ = Casework.init(fake_services(settings, TRANSCRIPT), PASSPHRASE, name="Sam Taylor",
                            use_keyring=False)
    approved(work, "CASE-1", ["Mrs Patel said she cannot get into the bath."])
    approved(work, "CASE-2", ["DRAFT ONLY: not checked."], approve=False)
    work.add_profile("Jo Lead", "team-lead", LEAD)
    work.add_profile("Kim Other", "practitioner", OTHER)
    work.lock()
    return settings.data_dir


def audit(data: Path, action: str) -> list[dict]:
    shown = run(data, "audit", "show", "--json")
    assert shown.returncode == 0, shown.stderr
    return [e for e in json.loads(shown.stdout) if e["action"] == action]


def test_a_member_changes_only_their_own_passphrase(data: Path) -> None:
    changed = run(data, "passphrase", "change", passphrase=LEAD, CASENOTES_NEW_PASSPHRASE=NEW)
    assert changed.returncode == 0, changed.stderr
    assert "Your passphrase is changed" in changed.stdout
    assert_user_error(run(data, "unlock", passphrase=LEAD), "not right")
    # The new passphrase opens the vault as Jo (a team lead sees approved visits only) ...
    seen = json.loads(run(data, "visit", "list", "--json", passphrase=NEW).stdout)
    assert [v["case"] for v in seen] == ["CASE-1"]
    # ... and the owner's and Kim's passphrases are as they were.
    mine = json.loads(run(data, "visit", "list", "--json").stdout)
    assert sorted(v["case"] for v in mine) == ["CASE-1", "CASE-2"]
    assert run(data, "unlock", passphrase=OTHER).returncode == 0
    [entry] = audit(data, "passphrase changed")
    assert entry["actor"] == "Jo Lead" and entry["entity_id"] == 2


def test_only_the_owner_rekeys_and_writes_backups(data: Path, tmp_path: Path) -> None:
    keyslots = (data / "keyslots.json").read_bytes()
    for who in (LEAD, OTHER):
        assert_user_error(run(data, "rekey", passphrase=who, CASENOTES_NEW_PASSPHRASE=NEW),
                          "Only the vault's owner (who set it up) can re-encrypt the vault")
        assert_user_error(run(data, "backup", str(tmp_path / "copy"), passphrase=who),
                          "Only the vault's owner (who set it up) can write a backup")
    assert (data / "keyslots.json").read_bytes() == keyslots
    assert not (data / "keyslots.json.next").exists()
    assert list(tmp_path.glob("copy*")) == []
    assert audit(data, "backup written") == [] and audit(data, "vault re-encrypted") == []

    # The owner may, and the log says it was Sam.
    assert run(data, "backup", str(tmp_path / "copy")).returncode == 0
    assert run(data, "passphrase", "change", CASENOTES_NEW_PASSPHRASE=NEW).returncode == 0
    rekeyed = run(data, "rekey", passphrase=NEW)
    assert rekeyed.returncode == 0, rekeyed.stderr
    for action in ("backup written", "passphrase changed", "vault re-encrypted"):
        assert [e["actor"] for e in audit_as(data, action, NEW)] == ["Sam Taylor"], action


def audit_as(data: Path, action: str, passphrase: str) -> list[dict]:
    shown = json.loads(run(data, "audit", "show", "--json", passphrase=passphrase).stdout)
    return [e for e in shown if e["action"] == action]


def test_members_cannot_change_retention_voice_or_vocabulary(data: Path) -> None:
    for who in (LEAD, OTHER):
        assert_user_error(run(data, "retention", "policy", "--audio-days", "1", passphrase=who),
                          "can change the retention periods")
        assert_user_error(run(data, "vocabulary", "add", "Reablement", passphrase=who),
                          "can add to the vocabulary")
        assert_user_error(run(data, "voice", "enrol", str(ROOT / "tests" / "fixtures" /
                                                         "live-visit.flac"), passphrase=who),
                          "can save a voice profile")
    shown = run(data, "retention", "policy", passphrase=LEAD)  # reading it is fine
    assert shown.returncode == 0 and "deleted 30 days after" in shown.stdout
    for action in ("retention policy changed", "vocabulary added", "voice profile recorded"):
        assert audit(data, action) == []
    # The owner's own changes name Sam.
    assert run(data, "retention", "policy", "--audio-days", "7").returncode == 0
    assert run(data, "vocabulary", "add", "Reablement").returncode == 0
    assert [e["actor"] for e in audit(data, "retention policy changed")] == ["Sam Taylor"]
    assert [e["actor"] for e in audit(data, "vocabulary added")] == ["Sam Taylor"]


def test_a_team_lead_sees_the_history_of_approved_visits_only(data: Path) -> None:
    assert_user_error(run(data, "audit", "show", "--visit", "2", passphrase=LEAD),
                      "Visit 2 has no approved note yet")
    shown = run(data, "audit", "show", "--visit", "1", "--json", passphrase=LEAD)
    assert shown.returncode == 0, shown.stderr
    assert "approved" in [e["action"] for e in json.loads(shown.stdout)]
    # Sam's visit is not in Kim's casework database at all (tests/test_cli_practitioner_keys.py).
    assert_user_error(run(data, "audit", "show", "--visit", "1", passphrase=OTHER),
                      "There is no visit 1")
    assert run(data, "audit", "show", "--visit", "2").returncode == 0  # Sam's own visit
