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
from storage.exports.emphasis import plain
from storage.roles import who

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


def next_id(conn: Any, table: str) -> int:
    """The id for a new row of `table` (cases, visits, notes, approvals): one past the
    highest, and never below this database's id base. A practitioner's own casework counts
    from N * 1,000,000 (store_info 'id_base', storage/practitioners.py), so what it publishes
    never collides in the records store with the owner's rows or another practitioner's."""
    row = conn.execute("SELECT value FROM store_info WHERE key = 'id_base'").fetchone() \
        if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'store_info'").fetchone() \
        else None  # a schema from before 5 (made that way by tests of migrations)
    base = int(row[0]) if row else 0
    return int(conn.execute(f"SELECT max(coalesce(max(id), 0), ?) + 1 FROM {table}",
                            (base,)).fetchone()[0])


@dataclass(frozen=True)
class Consent:
    by: str    # "the person" or the representative's name and relationship
    how: str   # "verbal" or "written"
    note: str = ""


def content_hash(content: dict[str, Any]) -> str:
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def note_text(content: dict[str, Any]) -> str:
    """The searchable text of a note: section sentences (without emphasis marks) and actions."""
    parts = [plain(s["text"]) for section in content.get("sections", [])
             for s in section.get("sentences", [])]
    parts += [a["text"] for a in content.get("actions", [])]
    return "\n".join(parts)


class RecordBase:
    """State and lookups every part of the record uses."""

    def __init__(self, vault: Vault, actor: str | None = None) -> None:
        self.vault = vault
        self._actor = actor

    def _profile(self, conn: Any) -> tuple[int, str, str]:
        """Who is working: the profile whose passphrase opened the vault, else the owner
        (the first profile, made at set-up). Returns (id, name for the audit log, role)."""
        row = who(conn, self.vault.profile_id)
        if not row:
            raise RecordError("This vault has no practitioner profile yet. Run 'casenotes "
                              "init' to set one up.")
        return row[0], self._actor or row[1], row[2]

    def _current(self, conn: Any) -> tuple[int, str]:
        profile_id, name, _ = self._profile(conn)
        return profile_id, name

    def _visit_row(self, conn: Any, visit_id: int, *, lead_ok: bool = False) -> Any:
        """A visit the current profile may work on: a practitioner their own visits; a team
        lead only where `lead_ok` (reading approved notes), never audio, drafts or changes."""
        row = conn.execute(
            "SELECT v.id, c.reference, c.person, v.template, v.state, v.consent_by, "
            "v.consent_how, v.consent_at, v.created_at, p.name, v.practitioner_id "
            "FROM visits v JOIN cases c ON c.id = v.case_id "
            "JOIN profiles p ON p.id = v.practitioner_id WHERE v.id = ?",
            (visit_id,)).fetchone()
        if not row and self.vault.store is None:  # a team lead's records store
            raise RecordError(f"Visit {visit_id} has no approved note yet (a team lead sees a "
                              "visit once its note is approved). List the approved visits "
                              "with 'casenotes visit list'.")
        if not row:
            raise RecordError(f"There is no visit {visit_id}. List visits with "
                              "'casenotes visit list'.")
        profile_id, _, role = self._profile(conn)
        if role == "team-lead" and not lead_ok:
            raise RecordError("A team lead profile sees approved notes only; recording, "
                              "drafting and approving are done from the practitioner's "
                              "profile.")
        if role == "practitioner" and row[10] != profile_id:
            raise RecordError(f"Visit {visit_id} belongs to another practitioner ({row[9]}); "
                              "it is not shown to you.")
        return row[:10]

    def _has_approved_note(self, conn: Any, visit_id: int) -> bool:
        """Whether any version of the visit's note is approved."""
        return conn.execute("SELECT 1 FROM notes WHERE visit_id = ? AND status = 'approved' "
                            "LIMIT 1", (visit_id,)).fetchone() is not None

    def _refuse_if_approved(self, conn: Any, visit_id: int) -> None:
        """The recording and transcript an approved note cites stay as they were approved
        (schema 0003's triggers enforce it; this says so in words a person can act on)."""
        if self._has_approved_note(conn, visit_id):
            raise RecordError(f"Visit {visit_id} has an approved note, so its recording and "
                              "transcript are kept exactly as they were approved. To correct "
                              f"the note, use 'casenotes visit amend {visit_id} --reason WHY'.")

    @owned
    def refuse_if_approved(self, conn: Any, visit_id: int) -> None:
        """Check before long work (transcribing) that its result could be stored."""
        self._visit_row(conn, visit_id)
        self._refuse_if_approved(conn, visit_id)

    def _set_state(self, conn: Any, visit_id: int, state: str) -> None:
        conn.execute("UPDATE visits SET state = ?, updated_at = ? WHERE id = ?",
                     (state, audit.now(), visit_id))
