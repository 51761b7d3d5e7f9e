from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from storage.attempts import Attempts
from storage.errors import (
    TooManyAttempts,
    VaultCorrupt,
    VaultError,
    VaultExists,
    VaultLocked,
    VaultMissing,
    WrongPassphrase,
)
from storage.keys import KeySlots
from storage.paths import DataDir
from storage.records import CaseRecord
from storage.vault import Vault
from tests.storage.conftest import FAST, PASSPHRASE, new_visit


def test_create_open_and_lock(paths: DataDir) -> None:
    vault, recovery_key = Vault.create(paths, PASSPHRASE, use_keyring=False, scrypt=FAST)
    assert len(recovery_key) == 39 and recovery_key.count("-") == 7
    record = CaseRecord(vault)
    record.ensure_profile("Sam Taylor")
    visit_id = new_visit(record)
    vault.lock()
    with pytest.raises(VaultLocked):
        record.visit(visit_id)
    again = Vault.open(paths, passphrase=PASSPHRASE, use_keyring=False)
    assert CaseRecord(again).visit(visit_id)["person"] == "Mr Jones"
    again.lock()
    with pytest.raises(VaultExists):
        Vault.create(paths, PASSPHRASE, use_keyring=False, scrypt=FAST)


def test_plain_sqlite_cannot_read_the_vault(vault: Vault, paths: DataDir) -> None:
    vault.lock()
    with pytest.raises(sqlite3.DatabaseError, match="not a database"):
        sqlite3.connect(paths.vault).execute("SELECT * FROM sqlite_master").fetchall()


def test_a_short_passphrase_is_refused(paths: DataDir) -> None:
    with pytest.raises(VaultError, match="at least 12 characters"):
        Vault.create(paths, "short", use_keyring=False)
    assert not paths.vault.exists()


def test_wrong_passphrase_changes_nothing_and_backs_off(vault: Vault, paths: DataDir) -> None:
    vault.lock()
    before = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in paths.root.iterdir()
              if p.is_file()}
    for _ in range(3):
        with pytest.raises(WrongPassphrase, match="not right"):
            Vault.open(paths, passphrase="wrong horse battery", use_keyring=False)
    with pytest.raises(TooManyAttempts, match=r"Wait \d+ seconds?,"):
        Vault.open(paths, passphrase=PASSPHRASE, use_keyring=False)
    after = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in paths.root.iterdir()
             if p.is_file()}
    slots = {name: json.loads(files.pop("keyslots.json")[0]) for name, files in
             (("before", before), ("after", after))}
    assert after == before
    # Only the count changed, kept with the keys: three tried, the fourth refused unheard.
    attempts = slots["after"].pop("attempts")
    assert slots["after"] == slots["before"]
    assert (attempts["failures"], attempts["tried"]) == (4, 3)


def test_deleting_files_does_not_reset_the_back_off(vault: Vault, paths: DataDir) -> None:
    vault.lock()
    for _ in range(3):
        with pytest.raises(WrongPassphrase):
            Vault.open(paths, passphrase="wrong horse battery", use_keyring=False)
    for leftover in paths.root.iterdir():
        if leftover.is_file() and leftover.name not in ("casenotes.vault", "keyslots.json"):
            leftover.unlink()
    with pytest.raises(TooManyAttempts):
        Vault.open(paths, passphrase=PASSPHRASE, use_keyring=False)


def test_back_off_doubles_and_clears_on_success(tmp_path: Path) -> None:
    now = [1000.0]
    attempts = Attempts(DataDir(tmp_path), clock=lambda: now[0])
    waits = []
    with attempts.turn():
        for _ in range(6):
            attempts.failed()
            waits.append(attempts.wait_needed())
        assert waits == [0.0, 0.0, 2.0, 4.0, 8.0, 16.0]
        with pytest.raises(TooManyAttempts, match="Wait 16 seconds,"):
            attempts.check()
        assert attempts.wait_needed() == 16.0  # a refused guess is counted, not waited for
        now[0] += 16.0
        attempts.check()
        assert attempts.succeeded().failures == 7
        assert attempts.wait_needed() == 0.0


def test_recovery_key_and_passphrase_change(paths: DataDir) -> None:
    vault, recovery_key = Vault.create(paths, PASSPHRASE, use_keyring=False, scrypt=FAST)
    vault.change_passphrase("a brand new passphrase")
    vault.lock()
    with pytest.raises(WrongPassphrase):
        Vault.open(paths, passphrase=PASSPHRASE, use_keyring=False)
    Vault.open(paths, passphrase="a brand new passphrase", use_keyring=False).lock()
    Vault.open(paths, recovery_key=recovery_key.lower().replace("-", " "),
               use_keyring=False).lock()


def test_rekey_reencrypts_and_replaces_the_recovery_key(paths: DataDir) -> None:
    vault, old_recovery = Vault.create(paths, PASSPHRASE, use_keyring=False, scrypt=FAST)
    record = CaseRecord(vault)
    record.ensure_profile("Sam Taylor")
    visit_id = new_visit(record)
    before = paths.vault.read_bytes()
    new_recovery = vault.rekey(PASSPHRASE)
    vault.lock()
    assert paths.vault.read_bytes()[:4096] != before[:4096]
    assert not paths.keyslots.with_name("keyslots.json.next").exists()
    with pytest.raises(WrongPassphrase):
        Vault.open(paths, recovery_key=old_recovery, use_keyring=False)
    reopened = Vault.open(paths, recovery_key=new_recovery, use_keyring=False)
    assert CaseRecord(reopened).visit(visit_id)["case"] == "CASE-1"
    assert CaseRecord(reopened).verify_audit() == []
    reopened.lock()


def test_an_interrupted_rekey_still_opens(paths: DataDir) -> None:
    """Crash after the new slots were written but before the database was re-encrypted."""
    vault, _ = Vault.create(paths, PASSPHRASE, use_keyring=False, scrypt=FAST)
    vault.lock()
    stale = KeySlots.create(b"\x01" * 32, PASSPHRASE, "AAAA-BBBB", scrypt=FAST)
    pending = paths.keyslots.with_name("keyslots.json.next")
    stale.save(pending)
    Vault.open(paths, passphrase=PASSPHRASE, use_keyring=False).lock()
    assert not pending.exists()


@pytest.mark.parametrize("damage", ["truncate", "garbage"])
def test_a_damaged_vault_names_backup_and_restore(vault: Vault, record: CaseRecord,
                                                  paths: DataDir, damage: str) -> None:
    for n in range(30):
        new_visit(record, case=f"CASE-{n}")
    vault.lock()
    data = paths.vault.read_bytes()
    paths.vault.write_bytes(data[: len(data) // 2] if damage == "truncate"
                            else data[:4096] + bytes(4096) + data[8192:])
    # Noticed at open, at the first read of a damaged page, or by the full check that
    # `audit verify` (and the window, in the background after unlocking) runs.
    try:
        opened = Vault.open(paths, passphrase=PASSPHRASE, use_keyring=False)
        try:
            record = CaseRecord(opened)
            record.list_visits()
            record.search("CASE")
            problems = opened.check_integrity()
        finally:
            opened.lock()
    except VaultCorrupt as exc:
        assert "casenotes restore BACKUP" in str(exc)
    else:
        assert problems, "the damage went unnoticed"


def test_missing_vault_says_how_to_create_one(paths: DataDir) -> None:
    with pytest.raises(VaultMissing, match="casenotes init"):
        Vault.open(paths, passphrase=PASSPHRASE)


def test_backup_restores_with_the_recovery_key(tmp_path: Path, paths: DataDir) -> None:
    vault, recovery_key = Vault.create(paths, PASSPHRASE, use_keyring=False, scrypt=FAST)
    record = CaseRecord(vault)
    record.ensure_profile("Sam Taylor")
    visit_id = new_visit(record)
    backup = vault.backup(tmp_path / "backups" / "friday")
    assert backup.name == "friday.cnbackup"
    new_visit(record, case="CASE-AFTER-BACKUP")
    vault.lock()
    with pytest.raises(VaultError, match="older than the vault it would replace: the vault "
                       "here holds 2 visits and its last change was creation of visit 2 at "):
        Vault.restore(paths, backup, recovery_key=recovery_key, use_keyring=False)
    restored = Vault.restore(paths, backup, recovery_key=recovery_key, use_keyring=False,
                             older=True)
    cases = [v["case"] for v in CaseRecord(restored).list_visits()]
    assert cases == ["CASE-1"] and CaseRecord(restored).visit(visit_id)
    assert CaseRecord(restored).verify_audit() == [] and restored.anchor_problems() == []
    assert restored.replaced == paths.root / "before-restore.1"
    restored.lock()
    kept = Vault.open(DataDir(paths.root / "before-restore.1"), recovery_key=recovery_key,
                      use_keyring=False)
    assert len(CaseRecord(kept).list_visits()) == 2 and kept.anchor_problems() == []
    kept.lock()


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path: Path, paths: DataDir) -> None:
    bogus = tmp_path / "holiday.cnbackup"
    bogus.write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(VaultError, match="not a Casenotes backup"):
        Vault.restore(paths, bogus, passphrase=PASSPHRASE)
    assert not paths.vault.exists()
