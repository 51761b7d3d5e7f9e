"""The audit log's end is anchored outside the vault (storage/anchor.py), through the real
command line and a real vault: deleting the journal after an approval, or putting an older
copy of the vault back, is reported by `audit verify` in words and with a non-zero exit;
a crash that keeps the anchor from recording the last commit raises no alarm."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from app.casework import Casework
from tests.fakes import fake_services
from tests.kill import run_then_kill
from tests.storage.test_export import PASSPHRASE, TRANSCRIPT, approved
from tests.test_cli import assert_user_error
from tests.test_cli_export import LEAD, ROOT, run

WRITER = ROOT / "tests" / "storage" / "crash_writer.py"


@pytest.fixture
def data(settings) -> Path:  # type: ignore[no-untyped-def]
    """Sam's vault: visit 1 drafted, its one flag still open; Jo Lead is a team lead."""
    work, _ = Casework.init(fake_services(settings, TRANSCRIPT), PASSPHRASE, name="Sam Taylor",
                            use_keyring=False)
    approved(work, "CASE-1", ["Mrs Patel said she cannot get into the bath."], approve=False)
    work.add_profile("Jo Lead", "team-lead", LEAD)
    work.lock()
    return settings.data_dir


def approve_then_crash(data: Path) -> None:
    """Approve visit 1 through the real command line while another process (as the window
    would) holds the vault open, then SIGKILL that process, as a crash or power cut would:
    nobody closed the vault last, so the approval is still only in the -wal file."""
    code = ("import os, sys; from pathlib import Path; from storage.paths import DataDir;"
            " from storage.vault import Vault;"
            " v = Vault.open(DataDir(Path(sys.argv[1])),"
            " passphrase=os.environ['CASENOTES_PASSPHRASE'],"
            " use_keyring=False); print('ready', flush=True); sys.stdin.read()")
    holder = subprocess.Popen([sys.executable, "-c", code, str(data)], cwd=ROOT, text=True,
                              env={**os.environ, "CASENOTES_PASSPHRASE": PASSPHRASE},
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        approved = run(data, "visit", "approve", "1", "--confirm")
        assert approved.returncode == 0, approved.stderr
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.communicate()


def state(data: Path) -> str:
    shown = run(data, "visit", "show", "1", "--json")
    assert shown.returncode == 0, shown.stderr
    return str(json.loads(shown.stdout)["state"])


def verify(data: Path, passphrase: str = PASSPHRASE) -> subprocess.CompletedProcess[str]:
    result = run(data, "audit", "verify", passphrase=passphrase)
    assert "Traceback" not in result.stderr
    return result


def test_deleting_the_journal_after_an_approval_is_reported(data: Path) -> None:
    assert run(data, "visit", "resolve", "1", "0", "--accept").returncode == 0
    assert verify(data).returncode == 0
    approve_then_crash(data)
    assert (data / "casenotes.vault-wal").exists()
    for suffix in ("-wal", "-shm"):
        (data / f"casenotes.vault{suffix}").unlink()
    assert state(data) == "drafted"  # the approval is gone ...

    result = verify(data)  # ... and the log says so
    assert result.returncode == 3, result.stdout
    lines = result.stderr.splitlines()
    assert lines[0].startswith("casenotes: The audit log ends 1 entry before its anchor: the "
                               "last change (approval of visit 1 at "), lines
    assert "rolled back to an older copy or its journal (the -wal file) deleted" in lines[0]
    assert "The log now ends at entry" in lines[0] and "flag decision of visit 1" in lines[0]
    assert "casenotes audit accept" in lines[-1]
    # Every other command warns too, and the team lead's verify sees the same.
    listed = run(data, "visit", "list")
    assert listed.returncode == 0 and "warning: The audit log ends 1 entry" in listed.stderr
    assert verify(data, LEAD).returncode == 3


def test_an_older_copy_of_the_vault_put_back_is_reported(data: Path, tmp_path: Path) -> None:
    old = tmp_path / "old.vault"
    shutil.copy2(data / "casenotes.vault", old)
    assert run(data, "visit", "resolve", "1", "0", "--accept").returncode == 0
    assert run(data, "visit", "approve", "1", "--confirm").returncode == 0
    for suffix in ("-wal", "-shm"):
        (data / f"casenotes.vault{suffix}").unlink(missing_ok=True)
    shutil.copy2(old, data / "casenotes.vault")

    result = verify(data)
    assert result.returncode == 3
    assert "The audit log ends 2 entries before its anchor: the last 2 changes are missing, " \
           "the latest of them approval of visit 1 at " in result.stderr, result.stderr

    # New work on the old copy does not paper over it: the log now differs from its anchor.
    for case in ("CASE-8", "CASE-9"):
        made = run(data, "visit", "new", "--case", case, "--person", "Mr Jones", "--consent",
                   "the person")
        assert made.returncode == 0, made.stderr
    result = verify(data)
    assert result.returncode == 3
    assert "The audit log differs from its anchor at entry" in result.stderr
    assert "(approval of visit 1 at " in result.stderr

    # Only the owner may accept the log as it stands; that is audited, and verify is clean.
    assert_user_error(run(data, "audit", "accept", passphrase=LEAD),
                      "Only the vault's owner (who set it up) can accept a shortened audit log")
    accepted = run(data, "audit", "accept")
    assert accepted.returncode == 0 and "differs from its anchor" in accepted.stdout
    assert verify(data).returncode == 0
    shown = json.loads(run(data, "audit", "show", "--json").stdout)
    assert shown[-1]["action"] == "audit anchor reset" and shown[-1]["actor"] == "Sam Taylor"
    assert_user_error(run(data, "audit", "accept"), "nothing to accept")


def test_a_deleted_or_altered_anchor_is_reported(data: Path) -> None:
    anchor = data / "audit-anchor.json"
    saved = anchor.read_text()
    sealed = json.loads(saved)
    assert sealed["seals"] and "approval" not in saved and "visit" not in saved  # sealed
    anchor.unlink()
    result = verify(data)
    assert result.returncode == 3 and "anchor (audit-anchor.json) is missing" in result.stderr
    sealed["last_change_at"] = "2020-01-01T00:00:00.000Z"
    anchor.write_text(json.dumps(sealed))
    result = verify(data)
    assert result.returncode == 3 and "does not belong to this vault" in result.stderr
    anchor.write_text(saved)
    assert verify(data).returncode == 0


def test_an_anchor_a_crash_left_one_commit_behind_raises_no_alarm(data: Path) -> None:
    anchor = data / "audit-anchor.json"
    before = anchor.read_bytes()
    assert run(data, "visit", "resolve", "1", "0", "--accept").returncode == 0
    # As if the process died after the commit and before the anchor was written.
    anchor.write_bytes(before)
    result = verify(data)
    assert result.returncode == 0, result.stderr
    assert "none missing from the end" in result.stdout
    assert anchor.read_bytes() != before  # it caught up when the vault was opened


def test_kills_in_the_middle_of_approvals_raise_no_alarm(data: Path) -> None:
    """SIGKILL at random moments of a loop of new visits, drafts and approvals: whatever the
    kill cost (the write under way), `audit verify` finds the log and its anchor agree."""
    rng = random.Random(5)
    env = {**os.environ, "CASENOTES_PASSPHRASE": PASSPHRASE}
    for _ in range(4):
        run_then_kill([str(WRITER), str(data), "approval"], env, rng, 0.05, 0.6)
        result = verify(data)
        assert result.returncode == 0, result.stderr
