"""The bill of materials (packaging/sbom.py): CycloneDX 1.6 that validates against the schema,
naming every runtime package with its version, licence and hashes, the native libraries inside
them, and every bundled model with the SHA-256 of the file the app loads."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from summarise.models import SMOLLM2_FILE, resolve_llm
from transcription.model_files import sha256_file
from transcription.models import BASE_MODEL_SHA256, resolve_whisper_model

ROOT = Path(__file__).resolve().parent.parent
pytest.importorskip("cyclonedx")


def _sbom_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("casenotes_sbom", ROOT / "packaging" / "sbom.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


sbom = _sbom_module()


@pytest.fixture(scope="module")
def model_hashes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    models = tmp_path_factory.mktemp("models")
    tiny = resolve_whisper_model("tiny.en", models).path / "model.bin"
    llm = resolve_llm("smollm2", models)
    assert llm is not None and llm.path.name == SMOLLM2_FILE
    # Whisper base is joined from two packages and checked against this pinned hash on load.
    return {"whisper-base/model.bin": BASE_MODEL_SHA256,
            "whisper-tiny.en/model.bin": sha256_file(tiny), SMOLLM2_FILE: sha256_file(llm.path)}


@pytest.fixture(scope="module")
def document(model_hashes: dict[str, str]) -> dict:  # type: ignore[type-arg]
    third_party = (ROOT / "THIRD_PARTY.md").read_text(encoding="utf-8")
    bom = sbom.build_bom(sbom.lock_pins(), model_hashes, third_party=third_party, version="t")
    return json.loads(sbom.to_json(bom))  # to_json refuses a document the schema rejects


def test_it_validates_and_lists_every_locked_runtime_package_with_version_and_hashes(
        document: dict) -> None:  # type: ignore[type-arg]
    assert document["bomFormat"] == "CycloneDX" and document["specVersion"] == "1.6"
    packages = {c["name"]: c for c in document["components"] if c.get("purl")}
    pins = sbom.lock_pins()
    assert set(packages) == set(pins) and {"faster-whisper", "sqlcipher3"} <= set(packages)
    for name, (version, hashes) in pins.items():
        listed = packages[name]
        assert listed["version"] == version
        assert listed["purl"] == f"pkg:pypi/{name}@{version}"
        assert {h["content"] for h in listed["hashes"]} == set(hashes) and hashes
    assert packages["faster-whisper"]["licenses"] == [{"license": {"id": "MIT"}}] or \
        packages["faster-whisper"]["licenses"] == [{"expression": "MIT"}]
    # sqlcipher3 declares no licence: THIRD_PARTY.md's reading of its licence file is used.
    assert "Zlib" in json.dumps(packages["sqlcipher3"]["licenses"])


def test_native_libraries_are_listed_under_their_package_with_their_hashes(
        document: dict) -> None:  # type: ignore[type-arg]
    packages = {c["name"]: c for c in document["components"] if c.get("purl")}
    sqlcipher = [c["name"] for c in packages["sqlcipher3"].get("components", [])]
    assert any(name.endswith(".so") or ".so." in name for name in sqlcipher)
    libs = [lib for c in packages.values() for lib in c.get("components", [])]
    assert len(libs) > 20
    assert all(len(lib["hashes"][0]["content"]) == 64 for lib in libs)


def test_every_bundled_model_is_listed_with_its_sha256_licence_and_package(
        document: dict, model_hashes: dict[str, str]) -> None:  # type: ignore[type-arg]
    models = [c for c in document["components"] if c["type"] == "machine-learning-model"]
    assert len(models) == len(sbom.BUNDLED_MODELS) == 3
    by_file = {m["bom-ref"].removeprefix("model:"): m for m in models}
    for file, digest in model_hashes.items():
        assert by_file[file]["hashes"] == [{"alg": "SHA-256", "content": digest}]
        assert by_file[file]["licenses"]
        assert any(p["name"] == "casenotes:package" for p in by_file[file]["properties"])


def test_a_model_without_a_hash_is_refused_and_the_validator_rejects_a_broken_document(
        model_hashes: dict[str, str]) -> None:
    incomplete = dict(model_hashes)
    del incomplete[SMOLLM2_FILE]
    with pytest.raises(SystemExit, match="no SHA-256 for the bundled model"):
        sbom.build_bom(sbom.lock_pins(), incomplete)
    from cyclonedx.schema import SchemaVersion
    from cyclonedx.validation.json import JsonStrictValidator

    broken = {"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1,
              "components": [{"type": "machine-learning-model", "name": "m",
                              "hashes": [{"alg": "SHA-256", "content": "not a hash"}]}]}
    assert JsonStrictValidator(SchemaVersion.V1_6).validate_str(json.dumps(broken)) is not None
