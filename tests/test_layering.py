"""Domain below, UI on top: only app/ui and app/qt.py may import PySide6."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# app/cli/ is checked at run time instead: its `gui` command imports the UI lazily.
QT_FREE = ["transcription", "summarise", "storage", "app/services.py", "app/settings.py",
           "resources"]


def _python_files() -> list[Path]:
    files: list[Path] = []
    for entry in QT_FREE:
        path = ROOT / entry
        files += [path] if path.suffix == ".py" else sorted(path.rglob("*.py"))
    return files


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def _is_qt(module: str) -> bool:
    return module.split(".")[0] in ("PySide6", "shiboken6") or module == "app.qt" or \
        module.startswith("app.ui")


def test_domain_modules_never_import_qt_anywhere_in_their_source() -> None:
    files = _python_files()
    assert len(files) > 15, "the layering check found too few files to mean anything"
    offenders = [str(f.relative_to(ROOT)) for f in files
                 if any(_is_qt(m) for m in _imported_modules(f))]
    assert offenders == []


def test_the_check_would_catch_an_offender(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    from PySide6.QtCore import QObject\n")
    assert any(_is_qt(m) for m in _imported_modules(bad))


def test_importing_the_services_and_cli_loads_no_qt() -> None:
    code = ("import sys; import app.services, app.cli, transcription.transcriber, "
            "summarise.drafter, summarise.llm, storage.paths; "
            "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                         text=True, check=True).stdout.strip()
    assert out == "[]"
