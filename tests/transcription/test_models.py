from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from transcription.errors import ModelError
from transcription.model_files import assemble, sha256_file
from transcription.models import check_model_folder, resolve_whisper_model


def test_bundled_base_is_assembled_once_and_verified(model_data_dir: Path) -> None:
    ref = resolve_whisper_model("base", model_data_dir / "models")
    for name in ("model.bin", "config.json", "tokenizer.json", "vocabulary.json"):
        assert (ref.path / name).is_file()
    stamp = json.loads((ref.path / "model.bin.verified.json").read_text())
    assert stamp["size"] == (ref.path / "model.bin").stat().st_size == 145_217_607
    assert resolve_whisper_model("base", model_data_dir / "models").path == ref.path
    assert not ref.english_only


def test_tiny_en_is_found_inside_its_package(tmp_path: Path) -> None:
    ref = resolve_whisper_model("tiny.en", tmp_path)
    assert ref.english_only and (ref.path / "model.bin").is_file()


def _parts(tmp_path: Path) -> tuple[list[Path], str]:
    a, b = tmp_path / "a.part", tmp_path / "b.part"
    a.write_bytes(b"hello " * 1000)
    b.write_bytes(b"world " * 1000)
    joined = tmp_path / "joined"
    joined.write_bytes(a.read_bytes() + b.read_bytes())
    return [a, b], sha256_file(joined)


def test_assemble_rebuilds_a_damaged_file(tmp_path: Path) -> None:
    parts, digest = _parts(tmp_path)
    target = tmp_path / "out" / "model.bin"
    assemble(parts, target, digest, install_hint="Reinstall.")
    with target.open("r+b") as f:  # damage it, keeping size; the stamp no longer matches
        f.write(b"XXXX")
    import os
    os.utime(target, ns=(1, 1))
    assemble(parts, target, digest, install_hint="Reinstall.")
    assert sha256_file(target) == digest


def test_assemble_refuses_parts_that_do_not_match_the_checksum(tmp_path: Path) -> None:
    parts, _ = _parts(tmp_path)
    target = tmp_path / "out" / "model.bin"
    with pytest.raises(ModelError, match="damaged"):
        assemble(parts, target, "0" * 64, install_hint="Reinstall.")
    assert not target.exists() and not target.with_name("model.bin.partial").exists()


def test_missing_part_names_what_to_install(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="Reinstall Casenotes"):
        assemble([tmp_path / "nope"], tmp_path / "m", "0" * 64,
                 install_hint="Reinstall Casenotes.")


def test_model_folder_without_tokenizer_is_refused_before_loading(tmp_path: Path) -> None:
    folder = tmp_path / "my-model"
    folder.mkdir()
    for name in ("model.bin", "config.json"):
        (folder / name).write_bytes(b"{}")
    with pytest.raises(ModelError, match="no tokenizer.json. Casenotes never downloads"):
        check_model_folder(folder)


def test_unknown_model_name(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="no Whisper model called 'large'"):
        resolve_whisper_model("large", tmp_path)


def test_user_folder_is_accepted(tmp_path: Path) -> None:
    source = resolve_whisper_model("tiny.en", tmp_path).path
    copy = tmp_path / "whisper-tiny.en"
    shutil.copytree(source, copy)
    assert resolve_whisper_model(str(copy), tmp_path).path == copy
