"""Back-off that holds, through the real command line: eight wrong guesses started at once are
eight counted guesses, the count survives deleting every file but the vault and its keys,
restore guesses through it too; new slots get the real ~1 s scrypt while older, cheaper
slots still open; and a short or common new passphrase is refused with the reason."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.casework import Casework
from storage.paths import DataDir
from storage.records import CaseRecord
from storage.vault import Vault
from tests.fakes import fake_services
from tests.storage.test_export import PASSPHRASE, TRANSCRIPT, approved
from tests.test_cli import assert_user_error
from tests.test_cli_export import ROOT, run

WRONG = "wrong horse battery staple"


def attempts(data: Path) -> dict:
    return json.loads((data / "keyslots.json").read_text())["attempts"]


@pytest.fixture
def data(settings) -> Path:  # type: ignore[no-untyped-def]
    work, _ = Casework.init(fake_services(settings, TRANSCRIPT), PASSPHRASE, name="Sam Taylor",
                            use_keyring=False)
    approved(work, "CASE-1", ["Mrs Patel said she cannot get into the bath."])
    work.lock()
    return settings.data_dir


def test_eight_wrong_guesses_at_once_are_eight_counted_guesses(tmp_path: Path) -> None:
    """At the product's own scrypt cost (made by a `casenotes init` subprocess, which the
    tests' cheap setting does not reach), so the guesses really do overlap in time."""
    data = tmp_path / "data"
    made = run(data, "init", "--name", "Sam Taylor")
    assert made.returncode == 0, made.stderr
    [slot] = [s for s in json.loads((data / "keyslots.json").read_text())["slots"]
              if s["type"] == "passphrase"]
    assert (slot["n"], slot["r"], slot["p"]) == (2**17, 16, 1)

    env = {k: v for k, v in os.environ.items() if not k.startswith("CASENOTES_")}
    guesses = [subprocess.Popen([sys.executable, "-m", "app.cli", "unlock", "--data-dir",
                                 str(data), "--no-keyring"], cwd=ROOT, text=True,
                                env={**env, "CASENOTES_PASSPHRASE": WRONG},
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
               for _ in range(8)]
    errors = [g.communicate(timeout=120)[1] for g in guesses]
    assert all(g.returncode == 2 for g in guesses)
    assert not any("Traceback" in e for e in errors)
    assert sum("That passphrase is not right" in e for e in errors) == 3
    assert sum("Too many wrong passphrases. Wait" in e for e in errors) == 5
    assert (attempts(data)["failures"], attempts(data)["tried"]) == (8, 3)

    # Deleting the other files (the old count file, the locks, the journal) resets nothing;
    # (the audit anchor is spared here: deleting it is reported, tests/test_cli_anchor.py).
    for leftover in data.iterdir():
        if leftover.is_file() and leftover.name not in ("casenotes.vault", "keyslots.json",
                                                        "audit-anchor.json"):
            leftover.unlink()
    assert_user_error(run(data, "unlock"), "Too many wrong passphrases")
    assert attempts(data)["failures"] == 9

    # Once the wait is over (moved back here rather than slept through), the right passphrase
    # opens it, says what was tried, and the log keeps it.
    slots = json.loads((data / "keyslots.json").read_text())
    slots["attempts"]["last"] = time.time() - 60
    (data / "keyslots.json").write_text(json.dumps(slots))
    opened = run(data, "unlock")
    assert opened.returncode == 0, opened.stderr
    assert "warning: 9 wrong passphrases were tried since this vault was last opened" \
        in opened.stderr
    shown = json.loads(run(data, "audit", "show", "--json").stdout)
    assert [e["details"]["failures"] for e in shown
            if e["action"] == "wrong passphrases before unlock"] == [9]
    assert attempts(data)["failures"] == 0
    assert run(data, "unlock").stderr == ""


def test_restore_guesses_are_backed_off_too(data: Path, tmp_path: Path) -> None:
    assert run(data, "backup", str(tmp_path / "friday")).returncode == 0
    backup = str(tmp_path / "friday.cnbackup")
    for _ in range(3):
        assert_user_error(run(data, "restore", backup, passphrase=WRONG), "not right")
    assert_user_error(run(data, "restore", backup), "Too many wrong passphrases")
    assert attempts(data)["failures"] == 4
    fresh = tmp_path / "new-laptop"  # with no vault yet, the count is kept in the folder
    for _ in range(3):
        assert_user_error(run(fresh, "restore", backup, passphrase=WRONG), "not right")
    assert_user_error(run(fresh, "restore", backup), "Too many wrong passphrases")


def test_a_slot_at_the_older_cost_still_opens(tmp_path: Path) -> None:
    paths = DataDir(tmp_path / "data")
    vault, _ = Vault.create(paths, PASSPHRASE, use_keyring=False,
                            scrypt={"n": 2**16, "r": 12, "p": 1})
    CaseRecord(vault).ensure_profile("Sam Taylor")
    vault.lock()
    opened = run(paths.root, "unlock")
    assert opened.returncode == 0 and "The vault opens" in opened.stdout


@pytest.mark.parametrize(("weak", "why"), [
    ("short one", "A passphrase needs at least 12 characters (this one has 9). Three or four "
                  "unrelated words"),
    ("Password2024!", "That passphrase is one of the first an attacker would try"),
    ("qwertyuiop123", "one of the first an attacker would try"),
    ("P@ssw0rd P@ssw0rd", "one of the first an attacker would try"),
])
def test_weak_new_passphrases_are_refused(data: Path, tmp_path: Path, weak: str,
                                          why: str) -> None:
    assert_user_error(run(tmp_path / "other", "init", passphrase=weak), why)
    assert not (tmp_path / "other" / "casenotes.vault").exists()
    keys = (data / "keyslots.json").read_bytes()
    assert_user_error(run(data, "passphrase", "change", CASENOTES_NEW_PASSPHRASE=weak), why)
    assert (data / "keyslots.json").read_bytes() == keys
