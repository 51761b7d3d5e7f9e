"""`casenotes export` and `casenotes profile` through the real command line: roles, the
re-export question, an empty selection, and a full or read-only output folder."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from app.casework import Casework
from tests.fakes import fake_services
from tests.storage.test_export import PASSPHRASE, TRANSCRIPT, approved
from tests.test_cli import assert_user_error

ROOT = Path(__file__).resolve().parent.parent
LEAD = "team lead passphrase here"
OTHER = "another practitioner passphrase"


def run(data: Path, *args: str, passphrase: str = PASSPHRASE, prefix: tuple[str, ...] = (),
        **env_extra: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CASENOTES_")}
    env.update(CASENOTES_PASSPHRASE=passphrase, **env_extra)
    return subprocess.run([*prefix, sys.executable, "-m", "app.cli", *args, "--data-dir",
                           str(data), "--no-keyring"], cwd=ROOT, env=env, capture_output=True,
                          text=True, stdin=subprocess.DEVNULL, timeout=120)


@pytest.fixture
def data(settings) -> Path:  # type: ignore[no-untyped-def]
    work, _ = Casework.init(fake_services(settings, TRANSCRIPT), PASSPHRASE, name="Sam Taylor",
                            use_keyring=False)
    approved(work, "CASE-1", ["Mrs Patel said she cannot get into the bath."])
    approved(work, "CASE-2", ["Mrs Patel said the stairs are hard."])
    approved(work, "CASE-3", ["DRAFT ONLY: not checked."], approve=False)
    work.lock()
    return settings.data_dir


def exports_logged(data: Path, passphrase: str = PASSPHRASE) -> int:
    shown = json.loads(run(data, "audit", "show", "--json", passphrase=passphrase).stdout)
    return sum(1 for e in shown if e["action"] == "exported")


def test_export_writes_logs_and_asks_before_exporting_again(data: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run(data, "export", "--approved", "--format", "txt", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "Exported 2 approved notes as TXT" in result.stdout
    files = sorted(out.iterdir())
    assert len(files) == 2 and not any("DRAFT ONLY" in f.read_text() for f in files)
    assert exports_logged(data) == 1

    assert_user_error(run(data, "export", "--approved", "--format", "txt", "--out", str(out)),
                      "2 of these 2 notes were exported before")
    assert sorted(out.iterdir()) == files
    result = run(data, "export", "--approved", "--new-only", "--format", "txt", "--out",
                 str(out))
    assert result.returncode == 0 and "no approved notes to export" in result.stdout
    result = run(data, "export", "--approved", "--again", "--case", "CASE-2", "--format",
                 "json", "--out", str(out), "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["notes"] == 1
    assert exports_logged(data) == 2


def test_nothing_to_export_writes_nothing(data: Path, tmp_path: Path) -> None:
    out = tmp_path / "never"
    result = run(data, "export", "--approved", "--since", "2999-01-01", "--format", "pdf",
                 "--out", str(out))
    assert result.returncode == 0
    assert "There are no approved notes to export" in result.stdout
    assert not out.exists()
    assert_user_error(run(data, "export", "--format", "pdf", "--out", str(out)), "--approved")
    bad_date = run(data, "export", "--approved", "--since", "last week")
    assert bad_date.returncode == 2 and "write it as YYYY-MM-DD" in bad_date.stderr


def test_a_team_lead_sees_approved_notes_only(data: Path, tmp_path: Path) -> None:
    added = run(data, "profile", "add", "Jo Lead", "--role", "team-lead",
                CASENOTES_NEW_PASSPHRASE=LEAD)
    assert added.returncode == 0, added.stderr
    assert run(data, "profile", "add", "Kim Other", CASENOTES_NEW_PASSPHRASE=OTHER
               ).returncode == 0
    seen = json.loads(run(data, "visit", "list", "--json", passphrase=LEAD).stdout)
    assert sorted(v["case"] for v in seen) == ["CASE-1", "CASE-2"]
    shown = json.loads(run(data, "visit", "show", str(seen[0]["id"]), "--json",
                           passphrase=LEAD).stdout)
    assert shown["transcript"] is None and shown["recordings"] == []
    assert shown["note"]["status"] == "approved"
    assert_user_error(run(data, "visit", "show", "3", passphrase=LEAD), "approved note")
    assert_user_error(run(data, "visit", "transcribe", "1", passphrase=LEAD), "team lead")
    # A second practitioner on the device sees none of Sam's visits.
    assert json.loads(run(data, "visit", "list", "--json", passphrase=OTHER).stdout) == []
    # (Not even there to refuse: Kim's casework database holds Kim's visits only.)
    assert_user_error(run(data, "visit", "show", "1", passphrase=OTHER), "There is no visit 1")
    assert_user_error(run(data, "profile", "add", "Eve", CASENOTES_NEW_PASSPHRASE=OTHER,
                          passphrase=LEAD), "owner")

    result = run(data, "export", "--approved", "--format", "csv", "--out",
                 str(tmp_path / "lead"), passphrase=LEAD)
    assert result.returncode == 0, result.stderr
    entry = [e for e in json.loads(run(data, "audit", "show", "--json").stdout)
             if e["action"] == "exported"][-1]
    assert entry["actor"] == "Jo Lead"
    assert run(data, "export", "--approved", "--format", "txt", "--out", str(tmp_path / "x"),
               passphrase=OTHER).stdout.startswith("There are no approved notes")


def _namespace() -> list[str]:
    unshare = shutil.which("unshare")
    if unshare and subprocess.run([unshare, "-rm", "true"], capture_output=True).returncode == 0:
        return [unshare, "-rm"]
    pytest.skip("mount namespaces are not available here (needs unshare -rm)")


@pytest.mark.parametrize(("mount", "message"), [("size=4k", "no space left"),
                                                ("ro", "cannot write to")])
def test_a_full_or_read_only_folder_leaves_nothing(data: Path, tmp_path: Path, mount: str,
                                                   message: str) -> None:
    out = tmp_path / "usb"
    out.mkdir()
    # The first file fits in a 4k tmpfs and the second does not: the first must go too.
    script = (f'mount -t tmpfs -o {mount} tmpfs "{out}" && {{ "$@"; rc=$?; '
              f'echo "LEFT:$(ls -A "{out}" | tr "\\n" " ")"; exit $rc; }}')
    result = run(data, "export", "--approved", "--format", "pdf", "--out", str(out),
                 prefix=(*_namespace(), "sh", "-c", script, "sh"))
    assert_user_error(result, message)
    assert "Nothing was exported" in result.stderr
    assert result.stdout.strip().splitlines()[-1] == "LEFT:"  # not even a .partial file
    # Nothing is recorded as exported, and the notes are still there to export.
    assert exports_logged(data) == 0
    listed = run(data, "export", "--approved", "--new-only", "--format", "txt", "--out",
                 str(tmp_path / "after"))
    assert "Exported 2 approved notes" in listed.stdout
