"""What every part of the case record shares: running on the vault's owner thread, one
transaction per change, and the plain data types of the record."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar

from storage import audit
from storage.errors import RecordError

if TYPE_CHECKING:
    from storage.vault import Vault

P = ParamSpec("P")
R = TypeVar("R")
S = TypeVar("S", bound="RecordBase")


def owned(method: Callable[Concatenate[S, Any, P], R]) -> Callable[Concatenate[S, P], R]:
    """Run the method on the vault's owner thread, passing the connection."""
    def wrapper(self: S, *args: P.args, **kwargs: P.kwargs) -> R:
        return self.vault.run(lambda conn: method(self, conn, *args, **kwargs))
    wrapper.__name__ = method.__name__
    wrapper.__doc__ = method.__doc__
    return wrapper


@contextmanager
def write(conn: Any) -> Iterator[Any]:
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


@dataclass(frozen=True)
class Consent:
    by: str    # "the person" or the representative's name and relationship
    how: str   # "verbal" or "written"
    note: str = ""


def content_hash(content: dict[str, Any]) -> str:
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def note_text(content: dict[str, Any]) -> str:
    """The searchable text of a note: section sentences and actions."""
    parts = [s["text"] for section in content.get("sections", [])
             for s in section.get("sentences", [])]
    parts += [a["text"] for a in content.get("actions", [])]
    return "\n".join(parts)


class RecordBase:
    """State and lookups every part of the record uses."""

    def __init__(self, vault: Vault, actor: str | None = None) -> None:
        self.vault = vault
        self._actor = actor

    def _current(self, conn: Any) -> tuple[int, str]:
        row = conn.execute("SELECT id, name FROM profiles ORDER BY id LIMIT 1").fetchone()
        if not row:
            raise RecordError("This vault has no practitioner profile yet. Run 'casenotes "
                              "init' to set one up.")
        return int(row[0]), self._actor or row[1]

    def _visit_row(self, conn: Any, visit_id: int) -> Any:
        row = conn.execute(
            "SELECT v.id, c.reference, c.person, v.template, v.state, v.consent_by, "
            "v.consent_how, v.consent_at, v.created_at, p.name FROM visits v "
            "JOIN cases c ON c.id = v.case_id JOIN profiles p ON p.id = v.practitioner_id "
            "WHERE v.id = ?", (visit_id,)).fetchone()
        if not row:
            raise RecordError(f"There is no visit {visit_id}. List visits with "
                              "'casenotes visit list'.")
        return row

    def _set_state(self, conn: Any, visit_id: int, state: str) -> None:
        conn.execute("UPDATE visits SET state = ?, updated_at = ? WHERE id = ?",
                     (state, audit.now(), visit_id))
