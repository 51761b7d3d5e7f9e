"""File modes, through the real command line under the usual umask 022: the data folder is
0700; the vault, its WAL files, keyslots.json, backups and exported notes 0600; a folder the
export makes is 0700; a data folder left 0755 is tightened when the vault opens; and an
export folder whose parent does not exist is refused, not silently made."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from app.casework import Casework
from app.settings import Settings
from storage.paths import DataDir
from storage.vault import Vault
from tests.fakes import fake_services
from tests.storage.test_export import PASSPHRASE, TRANSCRIPT, approved
from tests.test_cli import assert_user_error

ROOT = Path(__file__).resolve().parents[2]


def run(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CASENOTES_")}
    env["CASENOTES_PASSPHRASE"] = PASSPHRASE
    return subprocess.run([sys.executable, "-m", "app.cli", *args, "--data-dir", str(data),
                           "--no-keyring"], cwd=ROOT, env=env, capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=120, umask=0o022)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    made = run(folder, "init", "--name", "Sam Taylor")
    assert made.returncode == 0, made.stderr
    return folder


def test_the_vault_its_keys_backups_and_exports_are_private(data: Path, tmp_path: Path) -> None:
    assert run(data, "visit", "new", "--case", "C-1", "--person", "Mrs Patel", "--consent",
               "the person").returncode == 0
    assert mode(data) == 0o700
    assert mode(data / "casenotes.vault") == mode(data / "keyslots.json") == 0o600
    previous = os.umask(0o022)
    try:  # while the vault is open, SQLite's WAL files exist: they take the vault's mode
        vault = Vault.open(DataDir(data), passphrase=PASSPHRASE, use_keyring=False)
        wal = [data / "casenotes.vault-wal", data / "casenotes.vault-shm"]
        assert {p.name: mode(p) for p in wal} == {p.name: 0o600 for p in wal}
        vault.lock()
    finally:
        os.umask(previous)

    assert run(data, "backup", str(tmp_path / "backups" / "friday")).returncode == 0
    assert mode(tmp_path / "backups" / "friday.cnbackup") == 0o600
    assert mode(tmp_path / "backups") == 0o700

    work, _ = Casework.init(fake_services(Settings(data_dir=tmp_path / "notes"), TRANSCRIPT),
                            PASSPHRASE, name="Sam Taylor", use_keyring=False)
    approved(work, "CASE-1", ["Mrs Patel said she cannot get into the bath."])
    approved(work, "CASE-2", ["Mrs Patel said the stairs are hard."])
    work.lock()
    for fmt in ("txt", "csv"):
        out = tmp_path / f"out-{fmt}"
        done = run(tmp_path / "notes", "export", "--approved", "--again", "--format", fmt,
                   "--out", str(out))
        assert done.returncode == 0, done.stderr
        assert mode(out) == 0o700
        assert {p.name: mode(p) for p in out.iterdir()} == \
            {p.name: 0o600 for p in out.iterdir()} != {}


def test_a_loose_data_folder_is_tightened_when_the_vault_opens(data: Path) -> None:
    data.chmod(0o755)
    for name in ("casenotes.vault", "keyslots.json"):
        (data / name).chmod(0o644)
    opened = run(data, "unlock")
    assert opened.returncode == 0, opened.stderr
    assert mode(data) == 0o700
    assert mode(data / "casenotes.vault") == mode(data / "keyslots.json") == 0o600


def test_an_export_folder_with_a_missing_parent_is_refused(tmp_path: Path) -> None:
    data = tmp_path / "notes"
    work, _ = Casework.init(fake_services(Settings(data_dir=data), TRANSCRIPT), PASSPHRASE,
                            name="Sam Taylor", use_keyring=False)
    approved(work, "CASE-1", ["Mrs Patel said she cannot get into the bath."])
    work.lock()
    mistyped = tmp_path / "Documnets" / "exports"
    assert_user_error(run(data, "export", "--approved", "--format", "txt", "--out",
                          str(mistyped)), f"There is no folder {mistyped.parent}")
    assert not mistyped.parent.exists()
