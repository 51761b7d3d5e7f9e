"""The organisation's policy file: retention periods, idle lock and the keyring, set by IT."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.casework import Casework
from app.policy import Policy, load_policy
from app.services import Services
from app.settings import Settings
from storage.errors import RecordError

ROOT = Path(__file__).resolve().parent.parent
PASSPHRASE = "correct horse battery staple"
GOOD = """
[retention]
audio_days_after_approval = 7
transcript_days_after_export = 60

[security]
lock_idle_minutes = 3
allow_keyring = false
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "policy.toml"
    path.write_text(text)
    return path


def test_a_policy_file_is_read(tmp_path: Path) -> None:
    policy = load_policy(write(tmp_path, GOOD))
    assert policy.retention == {"audio": 7, "transcripts": 60}
    assert policy.lock_idle_minutes == 3 and policy.allow_keyring is False
    assert policy.problems == ()


def test_no_policy_file_means_the_users_own_settings(monkeypatch: pytest.MonkeyPatch,
                                                     tmp_path: Path) -> None:
    monkeypatch.delenv("CASENOTES_POLICY", raising=False)
    services = Services(Settings(tmp_path), policy=Policy())
    assert services.lock_idle_minutes == 10.0 and services.policy.allow_keyring


@pytest.mark.parametrize(("text", "expected"), [
    ("[retention\naudio_days_after_approval = 7", "is not valid TOML"),
    ("[retention]\naudio_days_after_approval = -1", "whole number of days"),
    ("[retention]\naudio_days_after_approval = 'a week'", "whole number of days"),
    ("[retention]\nvideo_days = 3", "unknown retention setting 'video_days'"),
    ("[security]\nlock_idle_minutes = 0", "between 1 and 240"),
    ("[security]\nallow_keyring = 'no'", "true or false"),
    ("[printing]\nallowed = true", "unknown section [printing]"),
])
def test_a_wrong_policy_file_is_explained_and_changes_nothing_else(
        tmp_path: Path, text: str, expected: str) -> None:
    policy = load_policy(write(tmp_path, text))
    assert len(policy.problems) == 1 and expected in policy.problems[0]
    assert str(tmp_path / "policy.toml") in policy.problems[0]
    assert policy.retention == {}
    assert policy.lock_idle_minutes is None


def test_the_vault_takes_the_policys_retention_and_the_user_cannot_override_it(
        tmp_path: Path) -> None:
    settings = Settings(tmp_path / "data")
    work, _ = Casework.init(Services(settings, policy=Policy()), PASSPHRASE, name="Sam",
                            use_keyring=False)
    assert work.retention_policy() == {"audio": 30, "transcripts": 30}
    work.lock()
    governed = Services(settings, policy=load_policy(write(tmp_path, GOOD)))
    work = Casework.unlock(governed, passphrase=PASSPHRASE, use_keyring=False)
    assert work.retention_policy() == {"audio": 7, "transcripts": 60}
    entry = work.history()[-1]
    assert entry["action"] == "retention policy changed"
    assert "policy file" in entry["actor"] and entry["details"] == {"audio": 7,
                                                                   "transcripts": 60}
    with pytest.raises(RecordError, match="set by your organisation's policy file"):
        work.retention_policy(audio=365)
    assert work.retention_policy() == {"audio": 7, "transcripts": 60}
    # Unlocking again under the same policy logs nothing new.
    count = len(work.history())
    work.lock()
    work = Casework.unlock(governed, passphrase=PASSPHRASE, use_keyring=False)
    assert len(work.history()) == count
    assert governed.lock_idle_minutes == 3


def test_the_policy_can_keep_the_vault_off_the_keyring(tmp_path: Path,
                                                       keyring_session: dict) -> None:
    allowed = Services(Settings(tmp_path / "a"), policy=Policy())
    work, _ = Casework.init(allowed, PASSPHRASE, name="Sam", use_keyring=True)
    assert work.vault.slots.has("keyring")   # the check below can fail
    refused = Services(Settings(tmp_path / "b"),
                       policy=load_policy(write(tmp_path, GOOD)))
    work, _ = Casework.init(refused, PASSPHRASE, name="Sam", use_keyring=True)
    assert not work.vault.slots.has("keyring")


def test_the_cli_warns_about_a_broken_policy_file_and_carries_on(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CASENOTES_")}
    env.update(CASENOTES_PASSPHRASE=PASSPHRASE,
               CASENOTES_POLICY=str(write(tmp_path, "[retention\n")))
    data = tmp_path / "data"

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "app.cli", *args, "--data-dir",
                               str(data), "--no-keyring"], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=120)

    created = run("init", "--name", "Sam Taylor")
    assert created.returncode == 0
    assert "warning: The policy file" in created.stderr and "not valid TOML" in created.stderr
    write(tmp_path, GOOD)
    refused = run("retention", "policy", "--audio-days", "365")
    assert refused.returncode == 2
    assert "set by your organisation's policy file" in refused.stderr
    shown = run("retention", "policy")
    assert "deleted 7 days after" in shown.stdout
