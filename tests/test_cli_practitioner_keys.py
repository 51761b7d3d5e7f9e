"""Each practitioner's casework under a key only their slot (and the owner's custodian wrap)
holds, tried for real: a second practitioner's passphrase, and every key their slot unwraps,
do not open the first practitioner's casework database (or the owner's) with sqlcipher3
directly; each practitioner sees only their own visits through the command line, while the
team lead sees every practitioner's approved notes in the one records store; the owner's
backup, restore and rekey keep every practitioner's casework; a publication a crash cut off
is made at the practitioner's next opening, and a rekey cut off part-way loses nothing; a
vault from before keeps its practitioners' visits with the owner, and says so."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest
import sqlcipher3

from app.casework import Casework
from storage.anchor import anchor_key
from storage.keys import KeySlots, records_key
from storage.records_store import RecordsStore
from tests.fakes import fake_services
from tests.storage.test_export import PASSPHRASE, TRANSCRIPT, approved
from tests.test_cli import assert_user_error
from tests.test_cli_export import LEAD, OTHER, run
from tests.test_cli_role_keys import FIXTURE, opens, rows, slot_keys

THIRD = "a third practitioner passphrase"
KIM, LEE = 2, 3  # profile ids


@pytest.fixture
def data(settings) -> Path:  # type: ignore[no-untyped-def]
    """Sam (owner) approved CASE-1; Kim (practitioner) approved CASE-7 and drafted CASE-8;
    Lee (practitioner) approved a visit to CASE-1 too; Jo Lead is the team lead."""
    services = fake_services(settings, TRANSCRIPT)
    work, _ = Casework.init(services, PASSPHRASE, name="Sam Taylor", use_keyring=False)
    approved(work, "CASE-1", ["Sam said the front door sticks."])
    assert work.add_profile("Kim Other", "practitioner", OTHER) == KIM
    assert work.add_profile("Lee Third", "practitioner", THIRD) == LEE
    work.add_profile("Jo Lead", "team-lead", LEAD)
    work.lock()
    for secret, visits in ((OTHER, [("CASE-7", "Kim noted the stairlift is broken.", True),
                                     ("CASE-8", "KIM DRAFT ONLY, not checked.", False)]),
                           (THIRD, [("CASE-1", "Lee saw the bath board fitted.", True)])):
        session = Casework.unlock(services, passphrase=secret, use_keyring=False)
        try:
            for case, sentence, approve in visits:
                approved(session, case, [sentence], approve=approve)
        finally:
            session.lock()
    return settings.data_dir


def texts(path: Path, key: bytes) -> str:
    return json.dumps(rows(path, key, "SELECT content_json FROM notes") +
                      rows(path, key, "SELECT text FROM segments"))


def test_a_practitioners_keys_cannot_decrypt_another_practitioners_casework(data: Path
                                                                           ) -> None:
    [kim] = slot_keys(data, OTHER, KIM)
    # Everything Kim's passphrase gives, whole or split, and what can be derived from it.
    tried = [kim, kim[:32], kim[32:]]
    tried += [derive(k) for k in tried for derive in (records_key, anchor_key)]
    for other in ("casenotes.vault", f"casework-{LEE}.vault"):
        for key in tried:
            assert not opens(data / other, key), other
        conn = sqlcipher3.connect(str(data / other))  # the passphrase as SQLCipher's own
        try:
            conn.execute(f"PRAGMA key = '{OTHER}'")
            with pytest.raises(sqlcipher3.DatabaseError):
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
    # Kim's own casework opens with the first half, and holds Kim's visits only.
    own = data / f"casework-{KIM}.vault"
    assert "stairlift" in texts(own, kim[:32]) and "KIM DRAFT ONLY" in texts(own, kim[:32])
    assert "bath board" not in texts(own, kim[:32]) and "front door" not in texts(own, kim[:32])
    [lee] = slot_keys(data, THIRD, LEE)
    assert "bath board" in texts(data / f"casework-{LEE}.vault", lee[:32])
    assert not opens(own, lee[:32]) and not opens(own, lee[32:])
    # The records store, which both slots reach, holds approved notes only: no draft.
    store = texts(data / "records.vault", kim[32:])
    assert all(s in store for s in ("stairlift", "bath board", "front door"))
    assert "KIM DRAFT ONLY" not in store
    assert rows(data / "records.vault", kim[32:], "SELECT count(*) FROM segments") == [(0,)]


def listed(data: Path, passphrase: str) -> list[dict]:
    result = run(data, "visit", "list", "--json", passphrase=passphrase)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_each_practitioner_sees_only_their_own_visits(data: Path, tmp_path: Path) -> None:
    kim = listed(data, OTHER)
    assert sorted(v["case"] for v in kim) == ["CASE-7", "CASE-8"]
    lee = listed(data, THIRD)
    assert [v["case"] for v in lee] == ["CASE-1"]
    assert [v["case"] for v in listed(data, PASSPHRASE)] == ["CASE-1"]
    assert {v["id"] for v in kim}.isdisjoint({v["id"] for v in lee})
    assert_user_error(run(data, "visit", "show", str(lee[0]["id"]), passphrase=OTHER),
                      f"There is no visit {lee[0]['id']}")
    shown = json.loads(run(data, "visit", "show", str(lee[0]["id"]), "--json",
                           passphrase=THIRD).stdout)
    assert "bath board" in json.dumps(shown["note"])

    # The team lead sees every practitioner's approved note, two visits to one case.
    seen = listed(data, LEAD)
    assert sorted(v["case"] for v in seen) == ["CASE-1", "CASE-1", "CASE-7"]
    out = tmp_path / "lead"
    exported = run(data, "export", "--approved", "--format", "csv", "--out", str(out),
                   passphrase=LEAD)
    assert exported.returncode == 0, exported.stderr
    # Each practitioner's next opening takes the export of their own note into their log.
    for secret in (OTHER, THIRD, PASSPHRASE):
        verified = run(data, "audit", "verify", passphrase=secret)
        assert verified.returncode == 0, verified.stderr
        log = json.loads(run(data, "audit", "show", "--json", passphrase=secret).stdout)
        assert [e["actor"] for e in log if e["action"] == "exported"] == ["Jo Lead"], secret
    assert {v["state"] for v in listed(data, OTHER) if v["case"] == "CASE-7"} == {"exported"}
    assert run(data, "audit", "verify", passphrase=LEAD).returncode == 0

    # The owner's retention periods reach each practitioner's casework; its files are 0600.
    assert run(data, "retention", "policy", "--audio-days", "7").returncode == 0
    shown = run(data, "retention", "policy", passphrase=OTHER)
    assert "Audio is deleted 7 days after" in shown.stdout, shown.stderr
    for name in (f"casework-{KIM}.vault", f"casework-{KIM}-anchor.json"):
        assert oct((data / name).stat().st_mode & 0o777) == "0o600", name


def test_the_owners_backup_restore_and_rekey_keep_every_practitioners_casework(
        data: Path, tmp_path: Path) -> None:
    made = run(data, "backup", str(tmp_path / "copy"))
    assert made.returncode == 0, made.stderr
    backup = tmp_path / "copy.cnbackup"
    with zipfile.ZipFile(backup) as archive:
        assert sorted(archive.namelist()) == ["casenotes.vault", f"casework-{KIM}.vault",
                                              f"casework-{LEE}.vault", "keyslots.json"]
    assert_user_error(run(data, "backup", str(tmp_path / "kim"), passphrase=OTHER),
                      "Only the vault's owner")

    # Restored into a new folder: every practitioner opens their own casework there. (Kim's
    # passphrase does not restore it: it does not hold the owner's key.)
    fresh = tmp_path / "fresh"
    assert_user_error(run(fresh, "restore", str(backup), passphrase=OTHER),
                      "a practitioner's own passphrase")
    restored = run(fresh, "restore", str(backup))
    assert restored.returncode == 0, restored.stderr
    assert sorted(v["case"] for v in listed(fresh, OTHER)) == ["CASE-7", "CASE-8"]
    assert [v["case"] for v in listed(fresh, THIRD)] == ["CASE-1"]
    assert sorted(v["case"] for v in listed(fresh, LEAD)) == ["CASE-1", "CASE-1", "CASE-7"]
    for secret in (PASSPHRASE, OTHER, THIRD, LEAD):
        verified = run(fresh, "audit", "verify", passphrase=secret)
        assert verified.returncode == 0, (secret, verified.stdout, verified.stderr)

    # Restored over the vault (an older backup, asked for): the vault here is kept whole.
    [seven] = [v["id"] for v in listed(data, OTHER) if v["case"] == "CASE-7"]
    assert run(data, "visit", "amend", str(seven), "--reason", "typo",
               passphrase=OTHER).returncode == 0
    over = run(data, "restore", str(backup), "--older")
    assert over.returncode == 0, over.stderr
    kept = data / "before-restore.1"
    assert (kept / f"casework-{KIM}.vault").exists() and (kept / f"casework-{LEE}.vault").exists()
    assert run(data, "audit", "verify", passphrase=OTHER).returncode == 0
    assert {v["case"]: v["state"] for v in listed(data, OTHER)}["CASE-7"] == "approved"

    # Rekey: the owner's key changes, each practitioner's casework stays theirs (their
    # passphrases are removed, as every member's is, until the owner sets them again).
    [before] = slot_keys(data, OTHER, KIM)
    rekeyed = run(data, "rekey", CASENOTES_NEW_PASSPHRASE="a brand new passphrase now")
    assert rekeyed.returncode == 0, rekeyed.stderr
    assert_user_error(run(data, "unlock", passphrase=OTHER), "not right")
    slots = json.loads((data / "keyslots.json").read_text())["slots"]
    assert sorted(s["profile"] for s in slots if s["type"] == "custodian") == [KIM, LEE]
    # Kim's casework is re-encrypted too: a copy of Kim's old key no longer opens it.
    assert not opens(data / f"casework-{KIM}.vault", before[:32])
    again = run(data, "profile", "passphrase", "Kim Other", passphrase="a brand new passphrase now",
                CASENOTES_NEW_PASSPHRASE=THIRD + " for Kim")
    assert again.returncode == 0, again.stderr
    assert "earlier visit" not in again.stdout
    assert sorted(v["case"] for v in listed(data, THIRD + " for Kim")) == ["CASE-7", "CASE-8"]
    # Kim, not the owner, changes Kim's passphrase; the casework stays Kim's.
    changed = run(data, "passphrase", "change", passphrase=THIRD + " for Kim",
                  CASENOTES_NEW_PASSPHRASE=OTHER)
    assert changed.returncode == 0, changed.stderr
    assert sorted(v["case"] for v in listed(data, OTHER)) == ["CASE-7", "CASE-8"]
    log = json.loads(run(data, "audit", "show", "--json", passphrase=OTHER).stdout)
    assert [e["actor"] for e in log if e["action"] == "passphrase changed"] == ["Kim Other"]
    assert [e["actor"] for e in log if e["action"] == "casework re-encrypted"] == ["Sam Taylor"]
    for secret in (OTHER, "a brand new passphrase now"):
        verified = run(data, "audit", "verify", passphrase=secret)
        assert verified.returncode == 0, verified.stderr


def test_a_vault_from_before_keeps_its_practitioners_visits_with_the_owner(tmp_path: Path
                                                                          ) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURE, data)
    opened = run(data, "visit", "list", "--json")
    assert opened.returncode == 0, opened.stderr
    assert "Kim Other's passphrase" in opened.stderr and "shared casework" in opened.stderr
    [wide] = slot_keys(data, OTHER, 3)
    assert opens(data / "casenotes.vault", wide)  # as it was: said so, above, and in the docs
    assert listed(data, OTHER) == []
    assert not list(data.glob("casework-*"))
    # Kim, on the old slot, works in the shared casework database as before.
    started = run(data, "visit", "new", "--case", "CASE-9", "--person", "Mr Shah", "--consent",
                  "the person", passphrase=OTHER)
    assert started.returncode == 0, started.stderr
    assert [v["case"] for v in listed(data, OTHER)] == ["CASE-9"]
    # A practitioner added now gets a casework database of their own.
    added = run(data, "profile", "add", "Lee Third", "--role", "practitioner",
                CASENOTES_NEW_PASSPHRASE=THIRD)
    assert added.returncode == 0, added.stderr
    [lee] = slot_keys(data, THIRD, 4)
    assert not opens(data / "casenotes.vault", lee[:32]) and opens(data / "casework-4.vault",
                                                                    lee[:32])
    assert listed(data, THIRD) == []
    for secret in (PASSPHRASE, OTHER, THIRD, LEAD):
        assert run(data, "audit", "verify", passphrase=secret).returncode == 0, secret
    assert sorted(v["case"] for v in listed(data, PASSPHRASE)) == ["CASE-1", "CASE-2"]

    # The owner gives Kim a passphrase again: a casework database of Kim's own, which the old
    # slot's key no longer reaches; the warning stops.
    renewed = run(data, "profile", "passphrase", "Kim Other", CASENOTES_NEW_PASSPHRASE=OTHER)
    assert renewed.returncode == 0, renewed.stderr
    assert "Kim Other's 1 earlier visit stays in the shared casework database" in \
        " ".join(renewed.stdout.split())
    [kim] = slot_keys(data, OTHER, 3)
    assert len(kim) == 64 and not opens(data / "casenotes.vault", kim[:32])
    assert opens(data / "casework-3.vault", kim[:32])
    assert "shared casework" not in run(data, "visit", "list").stderr
    assert listed(data, OTHER) == []
    # Kim's earlier visit is not lost: it is in the shared database, which the owner holds.
    assert rows(data / "casenotes.vault", wide, "SELECT c.reference FROM visits v JOIN cases c "
                "ON c.id = v.case_id WHERE v.practitioner_id = 3") == [("CASE-9",)]
    assert_user_error(run(data, "profile", "passphrase", "Sam Taylor",
                          CASENOTES_NEW_PASSPHRASE=OTHER), "no colleague's profile")
    assert_user_error(run(data, "profile", "passphrase", "Kim Other", passphrase=OTHER,
                          CASENOTES_NEW_PASSPHRASE=THIRD), "Only the vault's owner")


def test_a_practitioners_publication_cut_off_is_made_at_their_next_opening(
        settings, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    services = fake_services(settings, TRANSCRIPT)
    work, _ = Casework.init(services, PASSPHRASE, name="Sam Taylor", use_keyring=False)
    work.add_profile("Kim Other", "practitioner", OTHER)
    work.add_profile("Jo Lead", "team-lead", LEAD)
    work.lock()
    kim = Casework.unlock(services, passphrase=OTHER, use_keyring=False)

    def crash(self: RecordsStore, conn: Any) -> None:
        raise OSError("killed between the two commits")
    with monkeypatch.context() as m:
        m.setattr(RecordsStore, "publish", crash)
        approved(kim, "CASE-7", ["Kim noted the stairlift is broken."])
        kim.lock()
    data = settings.data_dir
    [lead] = slot_keys(data, LEAD, 3)
    assert rows(data / "records.vault", lead, "SELECT count(*) FROM notes") == [(0,)]
    # The owner's opening cannot publish it (Kim's casework is not the owner's to open) ...
    Casework.unlock(services, passphrase=PASSPHRASE, use_keyring=False).lock()
    assert rows(data / "records.vault", lead, "SELECT count(*) FROM notes") == [(0,)]
    # ... Kim's next opening does, once.
    for _ in range(2):
        Casework.unlock(services, passphrase=OTHER, use_keyring=False).lock()
        assert rows(data / "records.vault", lead, "SELECT count(*) FROM notes") == [(1,)]
    seen = Casework.unlock(services, passphrase=LEAD, use_keyring=False)
    try:
        assert [n["case"] for n in seen.approved_notes()] == ["CASE-7"]
        assert seen.verify_audit() == []
    finally:
        seen.lock()


def test_a_rekey_cut_off_while_re_encrypting_a_practitioners_casework(
        data: Path, settings, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    owner = Casework.unlock(fake_services(settings, TRANSCRIPT), passphrase=PASSPHRASE,
                            use_keyring=False)
    real = KeySlots.set_custodian

    def killed(self: KeySlots, data_key: bytes, profile_id: int, key: bytes, *,
               keep: bool = False) -> None:
        if profile_id == KIM and not keep:  # Kim's casework is under the new key by now
            raise OSError("killed while re-encrypting Kim's casework")
        real(self, data_key, profile_id, key, keep=keep)
    new = "a brand new passphrase now"
    try:
        with monkeypatch.context() as m:
            m.setattr(KeySlots, "set_custodian", killed)
            with pytest.raises(OSError):
                owner.rekey(new)
    finally:
        owner.lock()
    slots = json.loads((data / "keyslots.json").read_text())["slots"]
    assert [s["profile"] for s in slots if s["type"] == "custodian"].count(KIM) == 2
    # The key that opens Kim's casework is found; nothing is lost and every chain holds.
    assert run(data, "backup", str(data.parent / "after"), passphrase=new).returncode == 0
    again = run(data, "profile", "passphrase", "Kim Other", passphrase=new,
                CASENOTES_NEW_PASSPHRASE=OTHER)
    assert again.returncode == 0, again.stderr
    assert sorted(v["case"] for v in listed(data, OTHER)) == ["CASE-7", "CASE-8"]
    for secret in (OTHER, new):
        verified = run(data, "audit", "verify", passphrase=secret)
        assert verified.returncode == 0, verified.stderr
    # The next rekey finishes the job: one key kept for Kim again.
    assert run(data, "rekey", passphrase=new, CASENOTES_NEW_PASSPHRASE=THIRD).returncode == 0
    slots = json.loads((data / "keyslots.json").read_text())["slots"]
    assert [s["profile"] for s in slots if s["type"] == "custodian"].count(KIM) == 1
