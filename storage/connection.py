"""Opening the SQLCipher database with a raw 256-bit key, and telling damage from other errors.

Every connection gets the same settings: WAL with synchronous=FULL (a committed change
survives a crash or power cut), secure_delete (removed audio does not linger in free pages)
and foreign keys.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from storage.errors import VaultCorrupt

RESTORE_HINT = "Restore it from a backup with 'casenotes restore BACKUP'."


def connect(path: Path, data_key: bytes) -> Any:
    import sqlcipher3

    conn = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=True)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = \"x'{data_key.hex()}'\"")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA secure_delete = ON")
        conn.execute("PRAGMA foreign_keys = ON")
    except sqlcipher3.DatabaseError as exc:
        conn.close()
        raise corrupt(path) from exc
    return conn


def corrupt(path: Path) -> VaultCorrupt:
    return VaultCorrupt(f"The vault file {path.name} is damaged or incomplete, and Casenotes "
                        f"cannot read it. {RESTORE_HINT}")


def is_corruption(exc: BaseException) -> bool:
    """SQLITE_CORRUPT and SQLITE_NOTADB arrive as plain DatabaseError, not a subclass."""
    import sqlcipher3

    return type(exc) is sqlcipher3.DatabaseError
