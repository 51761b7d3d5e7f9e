"""Schema as data: numbered SQL files in storage/schema/, applied in order.

``PRAGMA user_version`` records the last file applied. Each file runs in its own transaction
together with the version bump, so a crash mid-migration leaves the previous version intact.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from storage.errors import VaultError

SCHEMA_DIR = Path(__file__).resolve().parent / "schema"
_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


def migrations() -> list[tuple[int, Path]]:
    found = []
    for path in sorted(SCHEMA_DIR.glob("*.sql")):
        match = _NAME.match(path.name)
        if match:
            found.append((int(match.group(1)), path))
    return found


def latest_version() -> int:
    return max(v for v, _ in migrations())


def migrate(conn: Any) -> int:
    """Bring the schema up to date; return the version it ended at."""
    current = conn.execute("PRAGMA user_version").fetchone()[0]
    latest = latest_version()
    if current > latest:
        raise VaultError(f"This vault was made by a newer Casenotes (schema {current}; this "
                         f"version knows {latest}). Install the newer Casenotes to open it.")
    for version, path in migrations():
        if version <= current:
            continue
        script = path.read_text(encoding="utf-8")
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in _statements(script):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version}")
            conn.execute("COMMIT")
        except Exception:
            conn.execute("ROLLBACK")
            raise
        current = version
    return current


def _statements(script: str) -> list[str]:
    """Split a script into statements, keeping trigger bodies (BEGIN ... END;) whole."""
    import sqlcipher3

    statements, buffer = [], ""
    for line in script.splitlines(keepends=True):
        if not buffer and line.strip().startswith("--"):
            continue
        buffer += line
        if sqlcipher3.complete_statement(buffer):
            if buffer.strip():
                statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return statements
