"""The whole pipeline, real models, with networking refused twice over.

The CLI runs in a child process inside a new network namespace (`unshare -n`: no interface
but a downed loopback) with a socket guard installed that fails on any connect or name
lookup. The bundled Whisper base model transcribes the sample; the bundled SmolLM2 drafts.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

import resources
from tests import netguard

ROOT = Path(__file__).resolve().parent.parent
GUARDED = ("import sys; sys.path.append({tests!r}); import netguard; netguard.install(); "
           "from app.cli import main; sys.exit(main(sys.argv[1:]))")


def _isolation() -> list[str]:
    """`unshare -n` where this machine allows it (root, or user namespaces enabled)."""
    unshare = shutil.which("unshare")
    if unshare:
        for prefix in ([unshare, "-n"], [unshare, "-rn"]):
            if subprocess.run([*prefix, "true"], capture_output=True).returncode == 0:
                return prefix
    return []


def offline_casenotes(args: list[str], data_dir: Path) -> subprocess.CompletedProcess[str]:
    code = GUARDED.format(tests=str(ROOT / "tests"))
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    env["PYTHONPATH"] = str(ROOT)
    return subprocess.run([*_isolation(), sys.executable, "-c", code, "--data-dir",
                           str(data_dir), *args], cwd=ROOT, capture_output=True, text=True,
                          env=env, timeout=600)


def schema(name: str) -> dict:
    return json.loads(resources.path("schemas", name).read_text())


def test_the_guard_itself_refuses_connections() -> None:
    saved = (socket.socket.connect, socket.socket.connect_ex, socket.create_connection,
             socket.getaddrinfo, socket.gethostbyname)
    netguard.install()
    try:
        with pytest.raises(netguard.NetworkAttempted):
            socket.create_connection(("127.0.0.1", 9))
        with socket.socket() as s, pytest.raises(netguard.NetworkAttempted):
            s.connect(("127.0.0.1", 9))
    finally:
        (socket.socket.connect, socket.socket.connect_ex, socket.create_connection,
         socket.getaddrinfo, socket.gethostbyname) = saved


@pytest.mark.model
def test_whole_pipeline_runs_with_networking_refused(model_data_dir: Path, tmp_path: Path,
                                                     sample_audio: Path) -> None:
    isolation = _isolation()
    if not isolation:
        print("unshare -n unavailable here: relying on the socket guard alone")
    transcribed = offline_casenotes(["transcribe", str(sample_audio), "--json"], model_data_dir)
    assert transcribed.returncode == 0, transcribed.stderr
    transcript = json.loads(transcribed.stdout)
    jsonschema.validate(transcript, schema("transcript.schema.json"))
    text = " ".join(s["text"] for s in transcript["segments"]).lower()
    assert transcript["language"] == "en"
    for phrase in ("sandwich", "occupational therapist", "pharmacy", "next monday"):
        assert phrase in text

    transcript_file = tmp_path / "transcript.json"
    transcript_file.write_text(transcribed.stdout)
    drafted = offline_casenotes(["draft", str(transcript_file), "--llm", "smollm2",
                                 "--person", "Mr Jones", "--json"], model_data_dir)
    assert drafted.returncode == 0, drafted.stderr
    draft = json.loads(drafted.stdout)
    jsonschema.validate(draft, schema("draft.schema.json"))
    assert draft["model"].startswith("SmolLM2")
    sentences = [s for section in draft["sections"] for s in section["sentences"]]
    assert len(sentences) >= 4
    count = len(transcript["segments"])
    for item in sentences + draft["actions"]:
        assert item["citations"] and all(0 <= c < count for c in item["citations"])
    assert any("occupational therapist" in a["text"] for a in draft["actions"])
    assert "falls" in {f["category"] for f in draft["flags"]}
    unsupported = {(f["section"], f["sentence"]) for f in draft["flags"]
                   if f["kind"] == "unsupported"}
    for section in draft["sections"]:
        for n, sentence in enumerate(section["sentences"]):
            assert sentence["supported"] == ((section["id"], n) not in unsupported)


def test_sample_reference_matches_the_transcript_schema(sample_reference: dict) -> None:
    reference = {k: sample_reference[k] for k in ("language", "duration", "segments")}
    jsonschema.validate(reference, schema("transcript.schema.json"))


def test_schema_rejects_a_sentence_without_citations() -> None:
    bad = {"template": "home-visit", "actions": [], "flags": [], "sections": [
        {"id": "a", "title": "A", "sentences": [{"text": "x", "citations": [],
                                                  "supported": True}]}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema("draft.schema.json"))
