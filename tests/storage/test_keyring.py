"""The keyring slot against a real Secret Service; the passphrase slot without any keyring."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import keyring
import pytest

from storage import keyring_store
from storage.errors import VaultLocked
from storage.keys import KEYRING_SERVICE
from storage.paths import DataDir
from storage.records import CaseRecord
from storage.vault import Vault
from tests.storage.conftest import FAST, PASSPHRASE, new_visit


def test_keyring_slot_unlocks_without_a_passphrase(keyring_session, paths: DataDir) -> None:  # type: ignore[no-untyped-def]
    assert "SecretService" in type(keyring.get_keyring()).__module__
    vault, _ = Vault.create(paths, PASSPHRASE, use_keyring=True, scrypt=FAST)
    assert vault.slots.has("keyring")
    record = CaseRecord(vault)
    record.ensure_profile("Sam Taylor")
    visit_id = new_visit(record)
    vault.lock()
    stored = keyring.get_password(KEYRING_SERVICE, vault.slots.vault_id)
    assert stored and PASSPHRASE not in stored  # the keyring holds a wrapping key, not ours

    reopened = Vault.open(paths)  # no passphrase: the keyring slot opens it
    assert CaseRecord(reopened).visit(visit_id)["case"] == "CASE-1"
    reopened.lock()

    with pytest.raises(VaultLocked):
        Vault.open(paths, use_keyring=False)
    keyring_store.delete(KEYRING_SERVICE, vault.slots.vault_id)
    with pytest.raises(VaultLocked, match="passphrase"):
        Vault.open(paths)
    Vault.open(paths, passphrase=PASSPHRASE).lock()


def test_passphrase_slot_works_where_no_keyring_exists(paths: DataDir) -> None:
    """A fresh process with no session bus: keyring's own detection finds no Secret Service."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("DBUS_SESSION_BUS_ADDRESS", "PYTHON_KEYRING_BACKEND")}
    env["XDG_RUNTIME_DIR"] = os.fspath(paths.root.parent / "no-runtime")
    code = ("import sys; from pathlib import Path; from storage import keyring_store; "
            "from storage.paths import DataDir; from storage.vault import Vault; "
            "print(keyring_store.available()); "
            "v, _ = Vault.create(DataDir(Path(sys.argv[1])), sys.argv[2], use_keyring=True, "
            "scrypt={'n': 1024, 'r': 8, 'p': 1}); print([s['type'] for s in v.slots.slots]); "
            "v.lock()")
    out = subprocess.run([sys.executable, "-c", code, str(paths.root), PASSPHRASE], env=env,
                         cwd=Path(__file__).resolve().parents[2], capture_output=True,
                         text=True, check=True).stdout.splitlines()
    assert out == ["False", "['passphrase', 'recovery']"]
    with pytest.raises(VaultLocked):
        Vault.open(paths)
    Vault.open(paths, passphrase=PASSPHRASE).lock()
