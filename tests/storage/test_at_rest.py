"""After a full workflow, nothing sensitive is readable on disk.

The whole workflow (init, new visit, import the sample, transcribe with Whisper base, draft
with SmolLM2, resolve flags, approve) runs through the real CLI with the system temp folder,
the cache folder (where Qt would keep one) and HOME pointed at fresh folders. Then every file
under the data folder, temp and cache is searched, byte by byte, for transcript phrases, the
case reference and runs of the audio in plain form (decoded PCM and the original FLAC bytes).
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from transcription.audio import decode_audio

ROOT = Path(__file__).resolve().parents[2]
CASE = "CASE-PLAIN-7781"
PHRASES = ["make a sandwich", "occupational therapist", "blister pack", "stay in my own",
           "evening ones", CASE]


def _pcm(sample_audio: Path) -> np.ndarray:
    return (decode_audio(sample_audio) * 32767).astype("<i2")


def _secrets(sample_audio: Path) -> list[bytes]:
    """Phrases (UTF-8 and UTF-16) plus 48-byte runs of loud speech and of the FLAC file."""
    needles = [p.encode() for p in PHRASES] + [p.encode("utf-16-le") for p in PHRASES]
    pcm = _pcm(sample_audio)
    loud = [i for i in range(0, len(pcm) - 24, 16000) if np.abs(pcm[i:i + 24]).min() > 300]
    assert len(loud) >= 4, "the sample should have loud stretches to look for"
    needles += [pcm[i:i + 24].tobytes() for i in loud[:: max(1, len(loud) // 4)][:4]]
    flac = sample_audio.read_bytes()
    needles += [flac[int(len(flac) * f): int(len(flac) * f) + 48] for f in (0.2, 0.5, 0.8)]
    return needles


@pytest.mark.model
def test_nothing_sensitive_is_on_disk_after_a_full_workflow(tmp_path: Path,
                                                            sample_audio: Path) -> None:
    data, temp, cache, home = (tmp_path / n for n in ("data", "tmp", "cache", "home"))
    for folder in (temp, cache, home):
        folder.mkdir()
    env = {**os.environ, "TMPDIR": str(temp), "XDG_CACHE_HOME": str(cache), "HOME": str(home),
           "CASENOTES_PASSPHRASE": "correct horse battery staple"}

    def casenotes(*args: str) -> str:
        result = subprocess.run([sys.executable, "-m", "app.cli", "--data-dir", str(data),
                                 "--no-keyring", *args], cwd=ROOT, env=env,
                                capture_output=True, text=True, timeout=600)
        assert result.returncode == 0, result.stderr
        return result.stdout

    casenotes("init", "--name", "Sam Taylor")
    visit = json.loads(casenotes("visit", "new", "--case", CASE, "--person", "Mr Jones",
                                 "--consent", "the person", "--json"))["id"]
    casenotes("visit", "import", str(visit), str(sample_audio))
    assert "sandwich" in casenotes("visit", "transcribe", str(visit))
    casenotes("visit", "draft", str(visit), "--llm", "smollm2")
    shown = json.loads(casenotes("visit", "show", str(visit), "--json"))
    for n in range(len(shown["note"]["content"]["flags"])):
        casenotes("visit", "resolve", str(visit), str(n), "--accept")
    casenotes("visit", "approve", str(visit), "--confirm")
    assert "intact" in casenotes("audit", "verify")

    files = [p for root in (data, temp, cache) for p in root.rglob("*") if p.is_file()]
    assert data / "casenotes.vault" in files
    needles = _secrets(sample_audio)
    leaks = [(str(path.relative_to(tmp_path)), needle[:24])
             for path in files for needle in needles if needle in path.read_bytes()]
    assert leaks == []
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(data / "casenotes.vault").execute("SELECT * FROM sqlite_master").fetchall()


@pytest.mark.gui
def test_nothing_sensitive_is_on_disk_after_a_visit_in_the_window(tmp_path: Path,
                                                                  sample_audio: Path) -> None:
    """The same search after the window was used (setup, sample visit, draft, lock), so
    Qt's own cache and temp files are covered too."""
    data, temp, cache, home = (tmp_path / n for n in ("data", "tmp", "cache", "home"))
    for folder in (temp, cache, home):
        folder.mkdir()
    env = {**os.environ, "TMPDIR": str(temp), "XDG_CACHE_HOME": str(cache), "HOME": str(home),
           "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, str(Path(__file__).with_name("gui_workflow.py")),
                             str(data)], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=120)
    assert result.stdout.strip().endswith("done"), result.stderr[-2000:]
    files = [p for root in (data, temp, cache, home) for p in root.rglob("*") if p.is_file()]
    assert data / "casenotes.vault" in files
    needles = [p.encode() for p in PHRASES[:-1]] + _secrets(sample_audio)[len(PHRASES) * 2:]
    needles.append(b"SAMPLE-0001")
    leaks = [(str(path.relative_to(tmp_path)), needle[:24])
             for path in files for needle in needles if needle in path.read_bytes()]
    assert leaks == []


def test_the_search_would_find_a_leak(tmp_path: Path, sample_audio: Path) -> None:
    """The search above must be able to fail: plant every kind of secret and find each."""
    planted = b"".join([b"x" * 100, *(p.encode() for p in PHRASES),
                        *(p.encode("utf-16-le") for p in PHRASES), _pcm(sample_audio).tobytes(),
                        sample_audio.read_bytes()])
    needles = _secrets(sample_audio)
    assert all(needle in planted for needle in needles)
    assert not any(needle in bytes(len(planted)) for needle in needles)
