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
