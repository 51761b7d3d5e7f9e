"""Shared fixtures. Every test gets its own data folder under tmp_path; tests that load real
models share one session folder so the bundled base model is assembled once per run."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["HF_HUB_OFFLINE"] = "1"
# Never touch the developer's own keyring: tests that need one start a private Secret Service.
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import resources  # noqa: E402
from app.settings import Settings  # noqa: E402
from transcription.transcript import Transcript  # noqa: E402

# The product's scrypt (storage/keys.py: ~1 s) for every slot made inside the test process
# would cost minutes; these slots are made cheap instead. Each slot records its own cost, so
# they open anywhere at that cost; slots a `casenotes` subprocess makes (init, passphrase
# change, rekey) use the real one, and tests/test_cli_backoff.py checks it is the real one.
CHEAP_SCRYPT = {"n": 2**10, "r": 8, "p": 1}


@pytest.fixture(autouse=True)
def cheap_scrypt(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("storage.keys.SCRYPT", CHEAP_SCRYPT)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def settings(data_dir: Path) -> Settings:
    return Settings(data_dir=data_dir)


@pytest.fixture(scope="session")
def model_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One data folder per test session for tests that run the real bundled models."""
    return tmp_path_factory.mktemp("model-data")


@pytest.fixture(scope="session")
def sample_audio() -> Path:
    return resources.sample_recording()


@pytest.fixture(scope="session")
def sample_reference() -> dict:
    return json.loads(resources.path("sample", "home-visit.ref.json").read_text())


@pytest.fixture(scope="session")
def sample_transcript(sample_reference: dict) -> Transcript:
    """The sample's exact script, speaker-labelled, as a transcript."""
    return Transcript.from_dict(sample_reference)


@pytest.fixture(scope="session", autouse=True)
def microphone(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """One real PulseAudio server for the whole test session (started here, stopped after),
    whose default microphone is a pipe the recording tests play speech into, and whose
    default speaker is a null sink. Set before any test touches QtMultimedia, so the window's
    player and recorder always find a sound server, as on a laptop."""
    from tests.pulse import VirtualMicrophone

    mic = VirtualMicrophone(tmp_path_factory.mktemp("pulse"))
    mic.start()
    saved = {k: os.environ.get(k) for k in mic.env}
    os.environ.update(mic.env)
    yield mic
    mic.stop()
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


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
