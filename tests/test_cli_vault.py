"""The vault through the command line: JSON shapes, locked and damaged vaults, one-line errors."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from app.casework import Casework
from app.services import Services
from app.settings import Settings
from tests.test_cli import assert_user_error

ROOT = Path(__file__).resolve().parent.parent
PASSPHRASE = "correct horse battery staple"


def run(data: Path, *args: str, passphrase: str | None = PASSPHRASE,
        stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CASENOTES_")}
    if passphrase is not None:
        env["CASENOTES_PASSPHRASE"] = passphrase
    return subprocess.run([sys.executable, "-m", "app.cli", *args, "--data-dir", str(data),
                           "--no-keyring"], cwd=ROOT, env=env, capture_output=True, text=True,
                          input=stdin, timeout=120)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A vault made in this process (with the tests' cheap scrypt: tests/conftest.py)."""
    folder = tmp_path / "data"
    work, _ = Casework.init(Services(Settings(data_dir=folder)), PASSPHRASE, name="Sam Taylor",
                            use_keyring=False)
    work.lock()
    return folder


def test_init_shows_the_recovery_key_once(tmp_path: Path) -> None:
    result = run(tmp_path / "d", "init", "--name", "Sam Taylor")
    assert result.returncode == 0
    assert "RECOVERY KEY" in result.stdout
    keys = re.findall(r"\b(?:[A-Z0-9]{4}-){7}[A-Z0-9]{4}\b", result.stdout)
    assert len(keys) == 1
    key = keys[0]
    assert key not in (tmp_path / "d" / "keyslots.json").read_text()


def test_visit_new_prints_its_id_as_json(data: Path) -> None:
    result = run(data, "visit", "new", "--case", "CASE-9", "--person", "Mrs Patel",
                 "--template", "care-act-assessment", "--consent", "the person", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"id": 1}
    shown = json.loads(run(data, "visit", "show", "1", "--json").stdout)
    assert shown["case"] == "CASE-9" and shown["template"] == "care-act-assessment"
    assert shown["consent"]["how"] == "verbal" and shown["consent"]["by"] == "the person"


def test_a_locked_vault_says_how_to_unlock(data: Path) -> None:
    assert_user_error(run(data, "visit", "list", passphrase=None), "CASENOTES_PASSPHRASE")


def test_a_wrong_passphrase_is_one_plain_line(data: Path) -> None:
    assert_user_error(run(data, "unlock", passphrase="not the passphrase"),
                      "That passphrase is not right")


def test_passphrase_from_stdin(data: Path) -> None:
    result = run(data, "unlock", "--passphrase-stdin", passphrase=None,
                 stdin=PASSPHRASE + "\n")
    assert result.returncode == 0 and "The vault opens: 0 visits." in result.stdout


def test_a_truncated_vault_names_backup_and_restore(data: Path) -> None:
    for n in range(20):
        run(data, "visit", "new", "--case", f"C-{n}", "--person", "X", "--consent", "the person")
    vault = data / "casenotes.vault"
    vault.write_bytes(vault.read_bytes()[:9000])
    for suffix in ("-wal", "-shm"):
        (data / f"casenotes.vault{suffix}").unlink(missing_ok=True)
    assert_user_error(run(data, "visit", "list"), "casenotes restore BACKUP")


def test_approval_needs_confirmation(data: Path) -> None:
    run(data, "visit", "new", "--case", "C", "--person", "X", "--consent", "the person")
    assert_user_error(run(data, "visit", "approve", "1"), "needs --confirm")


def test_unknown_template_is_refused_before_anything_is_stored(data: Path) -> None:
    assert_user_error(run(data, "visit", "new", "--case", "C", "--person", "X", "--template",
                          "discharge", "--consent", "the person"), "no template called")
    assert json.loads(run(data, "visit", "list", "--json").stdout) == []


def test_passphrase_change_and_backup_restore(data: Path, tmp_path: Path) -> None:
    run(data, "visit", "new", "--case", "C-1", "--person", "X", "--consent", "the person")
    assert run(data, "backup", str(tmp_path / "b")).returncode == 0
    result = run(data, "passphrase", "change", "--passphrase-stdin", passphrase=None,
                 stdin=f"{PASSPHRASE}\nan even better passphrase\n")
    assert result.returncode == 0, result.stderr
    assert_user_error(run(data, "unlock"), "not right")
    # The vault here changed after the backup (its passphrase), and does not open with the
    # backup's: the restore says so and asks to be told.
    assert_user_error(run(data, "restore", str(tmp_path / "b.cnbackup")),
                      "b.cnbackup is older than the vault it would replace: the vault here was "
                      "last changed at ")
    restored = run(data, "restore", str(tmp_path / "b.cnbackup"), "--older")
    assert restored.returncode == 0, restored.stderr
    assert "Restored 1 visit from b.cnbackup" in restored.stdout
    assert f"kept, with the passphrases and recovery key that open it, in {data}/" \
           "before-restore.1" in restored.stdout
    kept = run(data / "before-restore.1", "unlock", passphrase="an even better passphrase")
    assert kept.returncode == 0 and "The vault opens: 1 visit." in kept.stdout


def test_retention_policy_can_be_shown_and_changed(data: Path) -> None:
    shown = run(data, "retention", "policy")
    assert "deleted 30 days after its note is approved" in shown.stdout
    changed = run(data, "retention", "policy", "--audio-days", "7")
    assert "deleted 7 days after" in changed.stdout and "transcripts 30 days" in changed.stdout
    assert_user_error(run(data, "retention", "policy", "--audio-days", "-1"), "whole days")
    assert "retention policy changed" in run(data, "audit", "show").stdout
