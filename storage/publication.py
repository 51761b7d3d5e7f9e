"""What one casework database publishes into the records store, and how (storage/records_store.py).

Several casework databases publish into the one store: the owner's (casenotes.vault, which
also holds the casework of practitioners whose slots an older Casenotes made) and each
practitioner's own (casework-N.vault, storage/practitioners.py). Each is a `Source`, and
owns a range of ids: a practitioner's casework numbers its cases, visits, notes and
approvals from N * ID_SPAN (storage/records/base.py: `next_id`), the owner's below ID_SPAN,
so their rows never collide in the store. A source touches only its own range there: it
checks, copies and replaces its own notes, visits and exports, replays its own audit entries
(tagged ``casework_source``) and keeps its own place in its log (``casework_seen:N``). Cases
are shared by reference: two practitioners' visits to CASE-1 are one case in the store.
Only the owner's source publishes profiles and the retention periods.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from storage import audit
from storage.records.base import note_text
from storage.records.exports import draft_edits

ID_SPAN = 1_000_000


@dataclass(frozen=True)
class Source:
    """A casework database, by whose it is: None for the owner's, else a practitioner's id."""

    profile: int | None = None

    @property
    def lo(self) -> int:
        return 0 if self.profile is None else self.profile * ID_SPAN

    @property
    def hi(self) -> int:
        return self.lo + ID_SPAN

    def holds(self, row_id: Any) -> bool:
        return isinstance(row_id, int) and self.lo <= row_id < self.hi

    def key(self, name: str) -> str:
        """Its own entry in the store's store_info table."""
        return name if self.profile is None else f"{name}:{self.profile}"

    def tag(self) -> dict[str, Any]:
        return {} if self.profile is None else {"casework_source": self.profile}

    def wants(self, details: Any) -> bool:
        """Whether an entry made in the store (by a team lead) belongs in this source's log:
        it is about one of its visits, or about none (then the owner's)."""
        if not isinstance(details, dict):
            return self.profile is None
        about = [v for v in [details.get("visit_id"), *(details.get("visits") or [])]
                 if isinstance(v, int)]
        return any(self.holds(v) for v in about) if about else self.profile is None


@dataclass(frozen=True)
class Known:
    """What the store already holds of a source, so a publication copies only what is new
    (approved notes never change; a store that was altered is caught by `check_unaltered`)."""

    notes: dict[int, tuple[str, str | None]]  # note id: (content_json, approved hash)
    visits: dict[int, str]  # visit id: updated_at
    seen: int  # the source's log's last entry at its last publication

    @classmethod
    def of(cls, conn: Any, source: Source) -> Known:
        span = (source.lo, source.hi)
        notes = {int(r[0]): (str(r[1]), r[2]) for r in conn.execute(
            "SELECT n.id, n.content_json, a.content_hash FROM notes n "
            "LEFT JOIN approvals a ON a.note_id = n.id WHERE n.id >= ? AND n.id < ?", span)}
        visits = {int(r[0]): str(r[1]) for r in conn.execute(
            "SELECT id, updated_at FROM visits WHERE id >= ? AND id < ?", span)}
        row = conn.execute("SELECT value FROM store_info WHERE key = ?",
                           (source.key("casework_seen"),)).fetchone()
        return cls(notes, visits, int(row[0]) if row else 0)


def published_rows(cw: Any, known: Known, source: Source) -> dict[str, Any]:
    """What the store lacks, read from the casework database: new approved notes in full,
    the rows that can change (profiles, visits' state, exports, policy) whole, and the audit
    entries since the last publication plus every entry of a newly published visit."""
    visits = [int(r[0]) for r in cw.execute(
        "SELECT DISTINCT visit_id FROM notes WHERE status = 'approved' ORDER BY visit_id")]
    marks = ", ".join("?" * len(visits))
    new_visits = [v for v in visits if v not in known.visits]
    all_notes = cw.execute(
        "SELECT n.id, n.visit_id, n.version, n.previous_id, n.content_json, n.status, "
        "n.amend_reason, n.created_at, n.updated_at, a.content_hash FROM notes n "
        "JOIN approvals a ON a.note_id = n.id WHERE n.status = 'approved' ORDER BY n.id"
    ).fetchall()
    note_ids = [n[0] for n in all_notes]
    notes = [n[:9] for n in all_notes if n[0] not in known.notes]
    new_marks = ", ".join("?" * len(new_visits))
    owner = source.profile is None
    return {
        "visits_ids": set(visits),
        "held": {n[0]: (n[4], n[9]) for n in all_notes if n[0] in known.notes},
        "known": known.notes,
        "seen": int(cw.execute("SELECT coalesce(max(seq), 0) FROM audit_log").fetchone()[0]),
        "profiles": cw.execute("SELECT id, name, role, created_at FROM profiles").fetchall()
        if owner else [],
        "cases": cw.execute("SELECT DISTINCT c.id, c.reference, c.person, c.created_at FROM "
                            "cases c JOIN visits v ON v.case_id = c.id WHERE v.id IN "
                            f"({new_marks})", new_visits).fetchall(),
        "visits": [v for v in cw.execute(
            "SELECT id, case_id, practitioner_id, template, state, consent_by, consent_how, "
            "consent_at, consent_note, created_at, updated_at FROM visits WHERE id IN "
            f"({marks})", visits) if known.visits.get(v[0]) != v[10]],
        "notes": notes,
        "approvals": [a for a in cw.execute(
            "SELECT id, note_id, approved_by, attestation, approved_at, content_hash FROM "
            "approvals ORDER BY id") if a[1] not in known.notes],
        "new_visits": new_visits,
        "edits": {n[0]: draft_edits(cw, n[0], n[1], json.loads(n[4])) for n in notes},
        "exports": cw.execute("SELECT note_id, format, destination, content_hash, "
                              "exported_by, exported_at FROM exports WHERE note_id IN "
                              f"({', '.join('?' * len(note_ids))}) ORDER BY id",
                              note_ids).fetchall(),
        "policy": cw.execute("SELECT key, value FROM policy").fetchall() if owner else [],
        "audit": cw.execute(
            "SELECT seq, at, actor, action, entity, entity_id, details_json FROM audit_log "
            f"WHERE seq > ? OR json_extract(details_json, '$.visit_id') IN ({new_marks}) OR "
            "EXISTS (SELECT 1 FROM json_each(details_json, '$.visits') WHERE value IN "
            f"({new_marks})) ORDER BY seq", (known.seen, *new_visits, *new_visits)).fetchall(),
    }


def altered(rows: dict[str, Any]) -> str | None:
    """Why the store's copy of the source's approved notes is not the source's, or None."""
    for note_id, held in rows["known"].items():
        if rows["held"].get(note_id) != held:
            return (f"its copy of note {note_id} differs from the approved note, or is not an "
                    "approved note of this vault")
    return None


def copy(conn: Any, rows: dict[str, Any], source: Source) -> None:
    conn.executemany("INSERT INTO profiles (id, name, role, created_at) VALUES (?, ?, ?, ?) "
                     "ON CONFLICT(id) DO UPDATE SET name = excluded.name, role = excluded.role",
                     rows["profiles"])
    case_ids = {}
    for case_id, reference, person, created_at in rows["cases"]:
        row = conn.execute("SELECT id FROM cases WHERE reference = ?", (reference,)).fetchone()
        if row is None:
            conn.execute("INSERT INTO cases (id, reference, person, created_at) VALUES "
                         "(?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET person = excluded.person",
                         (case_id, reference, person, created_at))
        case_ids[case_id] = case_id if row is None else int(row[0])  # shared by reference
    conn.executemany(
        "INSERT INTO visits (id, case_id, practitioner_id, template, state, consent_by, "
        "consent_how, consent_at, consent_note, created_at, updated_at) VALUES "
        "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
        "state = excluded.state, updated_at = excluded.updated_at",
        [(v[0], case_ids.get(v[1], v[1]), *v[2:]) for v in rows["visits"]])
    conn.executemany("INSERT OR IGNORE INTO notes (id, visit_id, version, previous_id, "
                     "content_json, status, amend_reason, created_at, updated_at) VALUES "
                     "(?, ?, ?, ?, ?, ?, ?, ?, ?)", rows["notes"])
    conn.executemany("INSERT OR IGNORE INTO approvals (id, note_id, approved_by, attestation, "
                     "approved_at, content_hash) VALUES (?, ?, ?, ?, ?, ?)", rows["approvals"])
    now = audit.now()
    conn.executemany("INSERT OR IGNORE INTO published_notes (note_id, edited_share, model, "
                     "published_at) VALUES (?, ?, ?, ?)",
                     [(nid, share, model, now) for nid, (share, model) in rows["edits"].items()])
    # The source's log has taken in the store's own exports of its notes (take_in).
    conn.execute("DELETE FROM exports WHERE note_id >= ? AND note_id < ?",
                 (source.lo, source.hi))
    conn.executemany("INSERT INTO exports (note_id, format, destination, content_hash, "
                     "exported_by, exported_at) VALUES (?, ?, ?, ?, ?, ?)", rows["exports"])
    conn.executemany("INSERT OR REPLACE INTO policy (key, value) VALUES (?, ?)", rows["policy"])
    for visit_id in rows["new_visits"]:
        conn.execute("DELETE FROM visit_search WHERE rowid = ?", (visit_id,))
    conn.executemany("INSERT INTO visit_search (rowid, reference, person) SELECT v.id, "
                     "c.reference, c.person FROM visits v JOIN cases c ON c.id = v.case_id "
                     "WHERE v.id = ?", [(v,) for v in rows["new_visits"]])
    for note in rows["notes"]:
        conn.execute("DELETE FROM note_search WHERE rowid = ?", (note[0],))
        conn.execute("INSERT INTO note_search (rowid, text) VALUES (?, ?)",
                     (note[0], note_text(json.loads(note[4]))))


def replay(conn: Any, rows: dict[str, Any], store_id: str, source: Source) -> None:
    """Copy into the store's chain the audit entries of published visits it lacks, except
    those it sent (taken in from this store), in the source log's order."""
    replayed = {int(r[0]) for r in conn.execute(
        "SELECT json_extract(details_json, '$.casework_seq') FROM audit_log "
        "WHERE json_extract(details_json, '$.casework_seq') IS NOT NULL AND "
        "coalesce(json_extract(details_json, '$.casework_source'), -1) = ?",
        (-1 if source.profile is None else source.profile,))}
    published = rows["visits_ids"]
    for seq, at, actor, action, entity, entity_id, details_json in rows["audit"]:
        if seq in replayed:
            continue
        details = json.loads(details_json)
        if not isinstance(details, dict) or details.get("records_store") == store_id:
            continue
        about = {details.get("visit_id"), *(details.get("visits") or [])}
        if about & published:
            audit.append(conn, actor, action, entity, entity_id,
                         {**details, "casework_seq": seq, **source.tag()}, at=at)
