from __future__ import annotations

from pathlib import Path

import pytest

from storage.paths import DataDir
from storage.records import CaseRecord, Consent
from storage.vault import Vault

# Tests use a cheap scrypt; the product's ~0.3 s setting is measured by bench/vault.py.
FAST = {"n": 2**10, "r": 8, "p": 1}
PASSPHRASE = "correct horse battery staple"


@pytest.fixture
def paths(tmp_path: Path) -> DataDir:
    return DataDir(tmp_path / "data")


@pytest.fixture
def vault(paths: DataDir):  # type: ignore[no-untyped-def]
    v, _ = Vault.create(paths, PASSPHRASE, use_keyring=False, scrypt=FAST)
    yield v
    v.lock()


@pytest.fixture
def record(vault: Vault) -> CaseRecord:
    r = CaseRecord(vault)
    r.ensure_profile("Sam Taylor")
    return r


def new_visit(record: CaseRecord, case: str = "CASE-1", person: str = "Mr Jones") -> int:
    return record.create_visit(case, person, "home-visit", Consent("the person", "verbal"))


@pytest.fixture(scope="session")
def secret_service(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """A real Secret Service: gnome-keyring-daemon on a private dbus session bus.

    Started once per test session and stopped after it; `make test` installs the Debian
    packages (dbus-daemon, gnome-keyring). The user's own keyring is never touched.
    """
    import os
    import shutil
    import subprocess
    import sys
    import time

    for tool in ("dbus-daemon", "gnome-keyring-daemon"):
        if not shutil.which(tool):
            pytest.fail(f"{tool} is missing: run 'make test', which installs it")
    home = tmp_path_factory.mktemp("keyring-home")
    runtime = tmp_path_factory.mktemp("keyring-runtime")
    runtime.chmod(0o700)
    env = {**os.environ, "HOME": str(home), "XDG_RUNTIME_DIR": str(runtime),
           "XDG_DATA_HOME": str(home / "data"), "XDG_CONFIG_HOME": str(home / "config")}
    env.pop("PYTHON_KEYRING_BACKEND", None)
    bus = subprocess.Popen(["dbus-daemon", "--session", "--nofork", "--print-address=1"],
                           env=env, stdout=subprocess.PIPE, text=True)
    assert bus.stdout is not None
    env["DBUS_SESSION_BUS_ADDRESS"] = bus.stdout.readline().strip()
    daemon = subprocess.Popen(["gnome-keyring-daemon", "--foreground", "--unlock",
                               "--components=secrets"], env=env, stdin=subprocess.PIPE,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        assert daemon.stdin is not None
        daemon.stdin.write(b"test keyring password")
        daemon.stdin.close()
        probe = ("import keyring; keyring.set_password('probe', 'probe', 'x'); "
                 "print(keyring.get_password('probe', 'probe'))")
        deadline = time.monotonic() + 15
        while True:
            out = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True,
                                 text=True)
            if out.stdout.strip() == "x":
                break
            if time.monotonic() > deadline:
                pytest.fail(f"the Secret Service did not start: {out.stderr[-300:]}")
            time.sleep(0.2)
        yield {k: env[k] for k in ("DBUS_SESSION_BUS_ADDRESS", "HOME", "XDG_RUNTIME_DIR",
                                   "XDG_DATA_HOME", "XDG_CONFIG_HOME")}
    finally:
        for process in (daemon, bus):
            process.terminate()
            process.wait(10)


@pytest.fixture
def keyring_session(secret_service, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Point this process's keyring at the test Secret Service for one test.

    keyring picks its backend once per process, so the backend is set explicitly here and
    put back to the suite's default (no keyring) afterwards.
    """
    import keyring
    from keyring.backends import SecretService, fail

    for key, value in secret_service.items():
        monkeypatch.setenv(key, value)
    keyring.set_keyring(SecretService.Keyring())
    yield secret_service
    keyring.set_keyring(fail.Keyring())
