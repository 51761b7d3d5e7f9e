"""The command line: bad input gives one plain-English line and exit code 2, never a traceback."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import wave
from pathlib import Path

import pytest

from app import __version__

ROOT = Path(__file__).resolve().parent.parent


def casenotes(*args: str, data_dir: Path, stdin: str | None = None
              ) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "app.cli", "--data-dir", str(data_dir), *args],
                          cwd=ROOT, capture_output=True, text=True, input=stdin, timeout=300)


def assert_user_error(result: subprocess.CompletedProcess[str], expected: str) -> None:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, lines
    assert lines[0].startswith("casenotes: ") and expected in lines[0], lines[0]


def test_version_from_the_installed_console_script() -> None:
    script = Path(sys.executable).parent / "casenotes"
    command = [str(script)] if script.exists() else [sys.executable, "-m", "app.cli"]
    out = subprocess.run([*command, "--version"], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == f"casenotes {__version__}"


def _text_as_wav(d: Path) -> Path:
    path = d / "minutes.wav"
    path.write_text("Minutes of the team meeting\n")
    return path


def _empty_wav(d: Path) -> Path:
    path = d / "empty.wav"
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(16000)
    return path


def _zero_bytes(d: Path) -> Path:
    path = d / "zero.m4a"
    path.touch()
    return path


@pytest.mark.parametrize(("make", "expected"), [
    (lambda d: d / "no-such-visit.wav", "There is no file at"),
    (_text_as_wav, "minutes.wav is not audio Casenotes can read (it looks like a text file)"),
    (_empty_wav, "empty.wav contains no sound"),
    (_zero_bytes, "zero.m4a is empty (0 bytes)"),
])
def test_transcribe_bad_audio(tmp_path: Path, make, expected: str) -> None:  # type: ignore[no-untyped-def]
    assert_user_error(casenotes("transcribe", str(make(tmp_path)), data_dir=tmp_path / "d"),
                      expected)


def test_transcribe_with_a_model_folder_missing_its_tokenizer(tmp_path: Path,
                                                              sample_audio: Path) -> None:
    from transcription.models import resolve_whisper_model

    folder = tmp_path / "whisper-tiny"
    shutil.copytree(resolve_whisper_model("tiny.en", tmp_path).path, folder)
    (folder / "tokenizer.json").unlink()
    result = casenotes("transcribe", str(sample_audio), "--model", str(folder),
                       data_dir=tmp_path / "d")
    assert_user_error(result, "has no tokenizer.json. Casenotes never downloads files")


@pytest.fixture
def transcript_file(tmp_path: Path, sample_reference: dict) -> Path:
    path = tmp_path / "t.json"
    path.write_text(json.dumps(sample_reference))
    return path


def test_draft_with_a_file_that_is_not_gguf(tmp_path: Path, transcript_file: Path) -> None:
    fake = tmp_path / "model.gguf"
    fake.write_bytes(b"<html>404 Not Found</html>" * 10)
    assert_user_error(casenotes("draft", str(transcript_file), "--llm", str(fake),
                                data_dir=tmp_path / "d"),
                      "model.gguf is not a GGUF language model")


def test_draft_with_a_truncated_gguf(tmp_path: Path, transcript_file: Path) -> None:
    from summarise.models import resolve_llm

    real = resolve_llm("smollm2", tmp_path)
    assert real is not None
    truncated = tmp_path / "half.gguf"
    with real.path.open("rb") as f:
        truncated.write_bytes(f.read(1_000_000))
    assert_user_error(casenotes("draft", str(transcript_file), "--llm", str(truncated),
                                data_dir=tmp_path / "d"),
                      "half.gguf could not be loaded")


def test_draft_with_an_unknown_template(tmp_path: Path, transcript_file: Path) -> None:
    assert_user_error(casenotes("draft", str(transcript_file), "--template", "discharge",
                                "--llm", "none", data_dir=tmp_path / "d"),
                      "There is no template called 'discharge'")


def test_draft_from_a_file_that_is_not_a_transcript(tmp_path: Path) -> None:
    path = tmp_path / "notes.json"
    path.write_text("{not json")
    assert_user_error(casenotes("draft", str(path), data_dir=tmp_path / "d"),
                      "notes.json is not valid JSON")


def test_draft_of_an_empty_transcript(tmp_path: Path) -> None:
    result = casenotes("draft", "-", "--llm", "none", data_dir=tmp_path / "d",
                       stdin='{"language": "en", "duration": 3.0, "segments": []}')
    assert_user_error(result, "no speech in it")


def test_extractive_draft_json_from_stdin(tmp_path: Path, sample_reference: dict) -> None:
    result = casenotes("draft", "-", "--llm", "none", "--person", "Mr Jones", "--json",
                       data_dir=tmp_path / "d", stdin=json.dumps(sample_reference))
    assert result.returncode == 0, result.stderr
    draft = json.loads(result.stdout)
    assert draft["template"] == "home-visit"
    assert draft["model"].startswith("extractive")
    assert "Drafting: 100%" in result.stderr


def test_templates_are_listed(tmp_path: Path) -> None:
    result = casenotes("templates", data_dir=tmp_path / "d")
    assert result.returncode == 0
    assert [line.split()[0] for line in result.stdout.splitlines()] == [
        "care-act-assessment", "carers-assessment", "health-check", "home-visit", "review",
        "safeguarding-concern"]
