"""A `casenotes export` killed with SIGKILL part-way leaves no copy of a note behind: the next
start (any command that unlocks the vault) removes the batch's hidden .partial files, and the
files it had put in place but never logged, and the next export to that folder just works."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from app.casework import Casework
from tests.fakes import fake_services
from tests.storage.test_export import PASSPHRASE, TRANSCRIPT, approved
from tests.test_cli_export import exports_logged, run

ROOT = Path(__file__).resolve().parents[2]
NOTES = 60


@pytest.fixture
def data(settings) -> Path:  # type: ignore[no-untyped-def]
    work, _ = Casework.init(fake_services(settings, TRANSCRIPT), PASSPHRASE, name="Sam Taylor",
                            use_keyring=False)
    for n in range(NOTES):
        approved(work, f"CASE-{n:03}", [f"Mrs Patel said visit {n} went well."])
    work.lock()
    return settings.data_dir


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CASENOTES_")}
    return {**env, "CASENOTES_PASSPHRASE": PASSPHRASE}


def _kill_mid_batch(data: Path, out: Path) -> list[Path]:
    """Start an export of every note as PDF and SIGKILL it once its first files are written
    but before the batch is renamed into place; return the .partial files it left."""
    child = subprocess.Popen([sys.executable, "-m", "app.cli", "export", "--approved",
                              "--again", "--format", "pdf", "--out", str(out), "--data-dir",
                              str(data), "--no-keyring"], cwd=ROOT, env=_env(),
                             stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE)
    try:
        while len(list(out.glob(".*.partial"))) < 3:
            try:
                child.wait(timeout=0.005)
            except subprocess.TimeoutExpired:
                continue
            pytest.fail(f"the export ended before it could be killed: {child.stderr.read()!r}")
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
        child.stderr.close()  # type: ignore[union-attr]
    left = sorted(out.glob(".*.partial"))
    assert left and not list(out.glob("*.pdf")), "the kill missed the middle of the batch"
    return left


def test_the_next_start_removes_what_a_killed_export_left(data: Path, tmp_path: Path) -> None:
    out = tmp_path / "usb"
    left = _kill_mid_batch(data, out)
    assert exports_logged(data) == 0

    opened = run(data, "unlock")  # any start: nothing is exported, the leftovers go
    assert opened.returncode == 0, opened.stderr
    assert list(out.iterdir()) == []
    shown = json.loads(run(data, "audit", "show", "--json").stdout)
    [entry] = [e for e in shown if e["action"] == "interrupted export removed"]
    assert entry["details"] == {"folder": str(out), "files_removed": len(left)}


def test_the_next_export_to_the_folder_works(data: Path, tmp_path: Path) -> None:
    out = tmp_path / "usb"
    _kill_mid_batch(data, out)
    again = run(data, "export", "--approved", "--format", "pdf", "--out", str(out))
    assert again.returncode == 0, again.stderr
    assert f"Exported {NOTES} approved notes" in again.stdout
    files = sorted(p.name for p in out.iterdir())
    assert len(files) == NOTES and not any(name.endswith(".partial") for name in files)
    assert not any("-2." in name for name in files)  # the names the killed batch had chosen
    assert exports_logged(data) == 1


def test_files_renamed_into_place_but_never_logged_are_removed(data: Path,
                                                               tmp_path: Path) -> None:
    """The process dies between putting the batch in place and logging it (os._exit where the
    log would be written): those files were never exported, so the next start removes them."""
    out = tmp_path / "share"
    die_before_logging = (
        "import os, sys; from storage.records import CaseRecord; "
        "CaseRecord.record_export = lambda *a, **k: os._exit(9); "
        "from app.cli import main; sys.exit(main())")
    died = subprocess.run([sys.executable, "-c", die_before_logging, "export", "--approved",
                           "--format", "txt", "--case", "CASE-001", "--out", str(out),
                           "--data-dir", str(data), "--no-keyring"], cwd=ROOT, env=_env(),
                          stdin=subprocess.DEVNULL, capture_output=True, timeout=120)
    assert died.returncode == 9, died.stderr
    [placed] = list(out.iterdir())
    assert placed.name.startswith("CASE-001_") and "visit 1 went well" in placed.read_text()
    mine = out / "my own notes.txt"  # a file of the user's in the same folder stays
    mine.write_text("not Casenotes'")

    assert run(data, "unlock").returncode == 0
    assert list(out.iterdir()) == [mine]
    assert exports_logged(data) == 0
