"""`casenotes restore` keeps what it replaces, through the real command line: after a rekey the
kept vault still opens with the passphrase that opened it; each restore keeps its own
numbered copy and never overwrites an earlier one; a backup older than the vault here is
refused, saying what the newer vault holds, unless --older is given."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from app.casework import Casework
from tests.fakes import fake_services
from tests.storage.test_export import PASSPHRASE, TRANSCRIPT, approved
from tests.test_cli import assert_user_error
from tests.test_cli_export import run

NEW = "a new passphrase for this"


@pytest.fixture
def data(settings, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    """Sam's vault with visit 1 approved, backed up to tmp_path/friday.cnbackup."""
    work, _ = Casework.init(fake_services(settings, TRANSCRIPT), PASSPHRASE, name="Sam Taylor",
                            use_keyring=False)
    approved(work, "CASE-1", ["Mrs Patel said she cannot get into the bath."])
    work.lock()
    assert run(settings.data_dir, "backup", str(tmp_path / "friday")).returncode == 0
    return settings.data_dir


def digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.iterdir()) if p.is_file()}


def visits(data: Path, passphrase: str = PASSPHRASE) -> str:
    opened = run(data, "unlock", passphrase=passphrase)
    assert opened.returncode == 0, opened.stderr
    return opened.stdout.strip()


def test_restore_after_rekey_keeps_a_copy_that_opens(data: Path, tmp_path: Path) -> None:
    backup = tmp_path / "friday.cnbackup"
    assert run(data, "visit", "new", "--case", "CASE-2", "--person", "Mr Jones", "--consent",
               "the person").returncode == 0
    assert run(data, "rekey", CASENOTES_NEW_PASSPHRASE=NEW).returncode == 0

    # Older than the vault here, which the backup's passphrase no longer opens.
    refused = run(data, "restore", str(backup))
    assert_user_error(refused, "friday.cnbackup is older than the vault it would replace: the "
                      "vault here was last changed at ")
    assert "it does not open with this backup's passphrase" in refused.stderr
    assert "the backup holds 1 visit and its last change was approval of visit 1 at" \
        in refused.stderr
    assert f"'casenotes restore {backup} --older'" in refused.stderr
    assert f"kept, with the passphrases that open it, in {data}/before-restore.1" \
        in refused.stderr
    assert visits(data, NEW) == "The vault opens: 2 visits."

    restored = run(data, "restore", str(backup), "--older")
    assert restored.returncode == 0, restored.stderr
    assert f"kept, with the passphrases and recovery key that open it, in {data}/" \
           f"before-restore.1. Open it with 'casenotes --data-dir {data}/before-restore.1 " \
           "unlock'" in restored.stdout
    assert visits(data) == "The vault opens: 1 visit."
    kept = data / "before-restore.1"
    assert visits(kept, NEW) == "The vault opens: 2 visits."  # the rekeyed slots came along
    assert run(kept, "audit", "verify", passphrase=NEW).returncode == 0  # and its anchor
    assert run(data, "audit", "verify").returncode == 0
    assert (kept.stat().st_mode & 0o777) == 0o700


def test_a_second_restore_keeps_the_first_copy(data: Path, tmp_path: Path) -> None:
    backup = tmp_path / "friday.cnbackup"
    assert run(data, "restore", str(backup)).returncode == 0  # nothing newer here: no question
    first = digest(data / "before-restore.1")

    # The vault here opens with the backup's passphrase, so the refusal says what it holds.
    assert run(data, "visit", "new", "--case", "CASE-2", "--person", "Mr Jones", "--consent",
               "the person").returncode == 0
    assert_user_error(run(data, "restore", str(backup)),
                      "the vault here holds 2 visits and its last change was creation of "
                      "visit 2 at ")
    assert not (data / "before-restore.2").exists()
    restored = run(data, "restore", str(backup), "--force")
    assert restored.returncode == 0, restored.stderr
    assert "before-restore.2" in restored.stdout
    assert digest(data / "before-restore.1") == first
    assert visits(data / "before-restore.1") == "The vault opens: 1 visit."
    assert visits(data / "before-restore.2") == "The vault opens: 2 visits."
    assert visits(data) == "The vault opens: 1 visit."


def test_restore_into_an_empty_folder_keeps_nothing(data: Path, tmp_path: Path) -> None:
    fresh = tmp_path / "new-laptop"
    restored = run(fresh, "restore", str(tmp_path / "friday.cnbackup"))
    assert restored.returncode == 0, restored.stderr
    assert "kept" not in restored.stdout and not list(fresh.glob("before-restore*"))
    assert visits(fresh) == "The vault opens: 1 visit."
