"""Fuzzing the command line's inputs with a seeded generator (no new dependency): random
transcript JSON for `casenotes draft`, random template TOML loaded by `draft --template` and
`templates`, and random audio bytes for `casenotes transcribe` and `visit import` /
`visit transcribe` into a real vault.

Every run must end with exit 0 (it worked) or 2 (one plain line saying what was wrong):
never 1 (an unexpected exception), never a traceback; and afterwards the vault still opens in
a fresh process and its audit log verifies. The commands run in this process through
`app.cli.main` (the same parser and error handling as the `casenotes` script), so a few
hundred cases fit in well under a minute; seed and case are printed on failure to replay.
"""

from __future__ import annotations

import io
import json
import math
import random
import struct
import wave
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any

import pytest

from app.cli import main
from tests.storage.test_export import PASSPHRASE
from tests.test_cli_export import run

SEED = 14
VALUES: list[Any] = [None, True, False, 0, -1, 1, 2**63, -2**70, 0.5, -3.25, 1e308, math.inf,
                     -math.inf, math.nan, "", " ", "0", "1.5", "x", "\x1b]0;owned\x07", "\u202e",
                     "\n\r\t", "é" * 300, "word " * 2000, [], {}, [1, 2], {"a": 1}]


def cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def check(case: str, code: int, err: str) -> None:
    assert code in (0, 2), f"{case}: exit {code}: {err[-2000:]}"
    assert "Traceback" not in err, f"{case}: {err[-2000:]}"
    if code == 2:
        lines = [line for line in err.splitlines() if line.strip()]
        assert lines and lines[-1].startswith("casenotes: "), f"{case}: {err[-2000:]}"


def value(rng: random.Random, depth: int = 0) -> Any:
    pick = rng.random()
    if depth < 2 and pick < 0.1:
        return [value(rng, depth + 1) for _ in range(rng.randint(0, 3))]
    if depth < 2 and pick < 0.2:
        return {rng.choice(["start", "end", "text", "x"]): value(rng, depth + 1)
                for _ in range(rng.randint(0, 3))}
    return rng.choice(VALUES)


def segment(rng: random.Random) -> Any:
    start = rng.uniform(-5, 60)
    seg: dict[str, Any] = {"start": start, "end": start + rng.uniform(-1, 10),
                           "text": rng.choice(["I cannot get into the bath.", "No.",
                                               "I'll phone you Friday.", "", "haven't"]),
                           "speaker": rng.choice(["person", "practitioner", "carer", None])}
    if rng.random() < 0.4:
        seg["words"] = [{"word": rng.choice(["I", "no", "bath"]), "start": start,
                         "end": start + 0.3, "probability": rng.uniform(-1, 2)}
                        for _ in range(rng.randint(0, 4))]
    if rng.random() < 0.08:  # break it here and there
        seg[rng.choice(["start", "end", "text", "speaker", "words", "extra"])] = value(rng)
    if rng.random() < 0.03:
        return value(rng)
    return seg


def transcript(rng: random.Random) -> str:
    data: Any = {"language": rng.choice(["en", "cy", "", None, 5]),
                 "duration": rng.choice([60.0, -1, 0, None, "long", 1e308]),
                 "segments": [segment(rng) for _ in range(rng.randint(0, 12))]}
    if rng.random() < 0.15:
        data = value(rng)
    if rng.random() < 0.15 and isinstance(data, dict):
        data.pop("segments", None)
    text = json.dumps(data, allow_nan=True)
    if rng.random() < 0.1:
        cut = rng.randint(0, len(text))
        text = text[:cut] + rng.choice(["", "}", "\x00", "]]]", "\x7f"])
    return text


def toml_value(rng: random.Random) -> str:
    return rng.choice(['"text"', "7", "-1", "3.5", "true", "[]", '["fall", "bath"]', "[1, 2]",
                       '""', '"  "', "{ a = 1 }", '"\\u0007bell"', "2024-01-01", "25"])


def quoted(text: str) -> str:
    return f'"{text}"'


def template(rng: random.Random, stem: str) -> str:
    def field(valid: str) -> str:  # right nineteen times in twenty
        return valid if rng.random() < 0.95 else toml_value(rng)

    lines = [f"id = {field(quoted(stem))}", f"title = {field(quoted('Fuzz'))}"]
    if rng.random() < 0.3:
        lines.append(f"person_labels = {field('[' + quoted('carer') + ']')}")
    for n in range(rng.choice([0, 1, 1, 2, 3, 4])):
        lines.append("[[sections]]")
        lines.append(f"id = {field(quoted(f's{n}'))}")
        lines.append(f"title = {field(quoted('Section'))}")
        if rng.random() < 0.5:
            lines.append(f"cues = {field('[' + quoted('bath') + ', ' + quoted('phone') + ']')}")
        if rng.random() < 0.3:
            lines.append(f"{rng.choice(['guidance', 'max_sentences', 'other'])} = "
                         f"{toml_value(rng)}")
    text = "\n".join(lines) + "\n"
    if rng.random() < 0.15:
        cut = rng.randint(0, len(text))
        text = text[:cut] + rng.choice(["[[", "= =", '"', "\x00", "[sections"])
    return text


def wav(seconds: float, rng: random.Random, *, rate: int = 16_000, channels: int = 1) -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as w:
        w.setnchannels(channels)
        w.setsampwidth(2)
        w.setframerate(rate)
        frames = int(seconds * rate) * channels
        w.writeframes(struct.pack(f"<{frames}h", *(rng.randint(-3000, 3000)
                                                  for _ in range(frames))))
    return buffer.getvalue()


def audio(rng: random.Random, n: int) -> tuple[str, bytes]:
    """Mostly things that are not audio, a few that nearly are, two that are (noise)."""
    noise = wav(1.0, rng)
    cases: list[tuple[str, bytes]] = [
        ("noise.wav", noise), ("stereo-44k.wav", wav(0.5, rng, rate=44_100, channels=2)),
        ("empty.wav", b""), ("cut.wav", noise[:rng.randint(1, 60)]),
        ("header-only.wav", noise[:44]), ("lying-size.wav", noise[:4] + b"\xff\xff\xff\x7f"
                                          + noise[8:2000]),
        ("random.mp3", b"ID3\x04" + rng.randbytes(3000)), ("random.ogg", b"OggS" +
                                                            rng.randbytes(2000)),
        ("random.flac", b"fLaC" + rng.randbytes(2000)), ("pdf.m4a", b"%PDF-1.7\n" +
                                                         rng.randbytes(500)),
        ("zeros.wav", bytes(5000)), ("text.wav", b"hello " * 300),
    ]
    if n < len(cases):
        return cases[n]
    name = rng.choice(["x.wav", "x.mp3", "x.ogg", "x.webm", "x"])
    return name, rng.randbytes(rng.randint(0, 20_000))


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CASENOTES_PASSPHRASE", PASSPHRASE)
    folder = tmp_path / "data"
    code, _, err = cli("init", "--name", "Sam Taylor", "--data-dir", str(folder), "--no-keyring")
    assert code == 0, err
    code, _, err = cli("visit", "new", "--case", "FUZZ-1", "--person", "Mr Jones", "--consent",
                       "the person", "--data-dir", str(folder), "--no-keyring")
    assert code == 0, err
    return folder


@pytest.mark.model
def test_random_inputs_never_crash_the_command_line(data: Path, tmp_path: Path) -> None:
    rng = random.Random(SEED)
    common = ("--data-dir", str(data), "--no-keyring")
    outcomes = {"draft": [0, 0], "template": [0, 0], "audio": [0, 0]}

    for n in range(150):
        path = tmp_path / f"t{n}.json"
        path.write_text(transcript(rng), encoding="utf-8")
        code, _, err = cli("draft", str(path), *common)
        check(f"seed {SEED}, transcript {n}: {path.read_text()[:500]!r}", code, err)
        outcomes["draft"][code // 2] += 1

    (data / "templates").mkdir(exist_ok=True)
    good = tmp_path / "good.json"
    good.write_text(json.dumps({"language": "en", "duration": 20.0, "segments": [
        {"start": 0.0, "end": 10.0, "text": "I cannot get into the bath.", "speaker": "person"},
        {"start": 10.0, "end": 20.0, "text": "I'll phone you on Friday.",
         "speaker": "practitioner"}]}))
    for n in range(60):
        stem = f"fuzz-{n}"
        file = data / "templates" / f"{stem}.toml"
        file.write_text(template(rng, stem), encoding="utf-8")
        code, _, err = cli("draft", str(good), "--template", stem, *common)
        check(f"seed {SEED}, template {n}: {file.read_text()!r}", code, err)
        outcomes["template"][code // 2] += 1
        code, _, err = cli("templates", *common)
        check(f"seed {SEED}, templates with {n}: {file.read_text()!r}", code, err)
        file.unlink()

    for n in range(24):
        name, body = audio(rng, n)
        path = tmp_path / f"a{n}-{name}"
        path.write_bytes(body)
        code, _, err = cli("transcribe", str(path), "--model", "tiny.en", *common)
        check(f"seed {SEED}, audio {n} ({name}, {len(body)} bytes)", code, err)
        outcomes["audio"][code // 2] += 1
        if n < 12:  # into the vault, and transcribed there when it was taken
            code, _, err = cli("visit", "import", "1", str(path), *common)
            check(f"seed {SEED}, import {n} ({name})", code, err)
            if code == 0:
                code, _, err = cli("visit", "transcribe", "1", "--model", "tiny.en", *common)
                check(f"seed {SEED}, visit transcribe {n} ({name})", code, err)

    # Both outcomes were reached for every kind of input: the generator is not all noise.
    assert all(ok and refused for ok, refused in outcomes.values()), outcomes
    opened = run(data, "audit", "verify")
    assert opened.returncode == 0, opened.stderr
    assert "audit log is intact" in opened.stdout
