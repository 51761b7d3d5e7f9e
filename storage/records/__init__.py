"""The case record: cases, visits, consent, audio, transcripts, drafts, notes, approvals.

Every method runs on the vault's owner thread, and every change is one transaction together
with its audit entry, so the record and its history can never disagree. Data in and out is
plain: dicts in the JSON shapes of resources/schemas, and Transcript objects. The record is
assembled from parts: profiles, visits, search and the audit log here; audio in audio.py;
transcripts, drafts and notes in notes.py; approved notes for export and the export log in
exports.py; voice profile, vocabulary and transcript corrections in capture.py; the shared
plumbing (owner thread, one transaction per change, Consent) in base.py.
"""

from __future__ import annotations

from typing import Any

from storage import audit
from storage.errors import RecordError
from storage.fields import check_field
from storage.records.audio import IMPORT_PIECE, AudioRecords
from storage.records.base import Consent, content_hash, next_id, note_text, owned, write
from storage.records.capture import CaptureRecords
from storage.records.exports import ExportRecords
from storage.records.notes import FLAG_CHOICES, NoteRecords

ROLES = ("practitioner", "team-lead")

__all__ = ["FLAG_CHOICES", "IMPORT_PIECE", "CaseRecord", "Consent", "content_hash",
           "note_text", "write"]


class CaseRecord(AudioRecords, NoteRecords, ExportRecords, CaptureRecords):
    """The whole record of cases and visits, one vault."""

    # -- profiles ------------------------------------------------------------------------
    @owned
    def ensure_profile(self, conn: Any, name: str, role: str = "practitioner") -> int:
        row = conn.execute("SELECT id FROM profiles WHERE name = ? AND role = ?",
                           (name, role)).fetchone()
        if row:
            return int(row[0])
        with write(conn):
            cur = conn.execute("INSERT INTO profiles (name, role, created_at) VALUES (?, ?, ?)",
                               (name, role, audit.now()))
            audit.append(conn, name, "profile created", "profile", cur.lastrowid, {"role": role})
        return int(cur.lastrowid)

    @owned
    def add_profile(self, conn: Any, name: str, role: str) -> int:
        """A new profile on this device (the owner adds colleagues and team leads)."""
        name = " ".join(check_field(name, "the profile's name").split())
        if not name:
            raise RecordError("A profile needs the person's name.")
        if role not in ROLES:
            raise RecordError(f"A profile's role is one of: {', '.join(ROLES)}.")
        self.vault.require_owner("add profiles")
        _, actor, _ = self._profile(conn)
        if conn.execute("SELECT 1 FROM profiles WHERE name = ?", (name,)).fetchone():
            raise RecordError(f"There is already a profile called {name}.")
        with write(conn):
            cur = conn.execute("INSERT INTO profiles (name, role, created_at) VALUES (?, ?, ?)",
                               (name, role, audit.now()))
            audit.append(conn, actor, "profile created", "profile", cur.lastrowid,
                         {"role": role, "name": name})
        return int(cur.lastrowid)

    @owned
    def profiles(self, conn: Any) -> list[dict[str, Any]]:
        return [{"id": r[0], "name": r[1], "role": r[2], "created_at": r[3]}
                for r in conn.execute("SELECT id, name, role, created_at FROM profiles "
                                      "ORDER BY id")]

    @owned
    def whoami(self, conn: Any) -> dict[str, Any]:
        profile_id, name, role = self._profile(conn)
        return {"id": profile_id, "name": name, "role": role}

    @owned
    def actor(self, conn: Any) -> str:
        """The name that goes on audit entries for this session's changes."""
        return self._current(conn)[1]

    # -- visits --------------------------------------------------------------------------
    @owned
    def create_visit(self, conn: Any, case_ref: str, person: str, template: str,
                     consent: Consent) -> int:
        case_ref = check_field(case_ref, "the case reference")
        person = check_field(person, "the person's name")
        check_field(consent.by, "who gave consent")
        if not case_ref or not person:
            raise RecordError("A visit needs a case reference and the person's name.")
        if not consent.by.strip() or consent.how not in ("verbal", "written"):
            raise RecordError("Record who gave consent and how (verbal or written) before the "
                              "visit is recorded.")
        profile_id, actor, role = self._profile(conn)
        if role != "practitioner":
            raise RecordError("Visits are recorded under a practitioner's profile; a team "
                              "lead profile sees and exports approved notes.")
        at = audit.now()
        with write(conn):
            row = conn.execute("SELECT id, person FROM cases WHERE reference = ?",
                               (case_ref,)).fetchone()
            if row:
                case_id = row[0]
            else:
                case_id = conn.execute(
                    "INSERT INTO cases (id, reference, person, created_at) VALUES (?, ?, ?, ?)",
                    (next_id(conn, "cases"), case_ref, person, at)).lastrowid
            visit_id = conn.execute(
                "INSERT INTO visits (id, case_id, practitioner_id, template, consent_by, "
                "consent_how, consent_at, consent_note, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (next_id(conn, "visits"), case_id, profile_id, template, consent.by.strip(),
                 consent.how, at, consent.note, at, at)).lastrowid
            conn.execute("INSERT INTO visit_search (rowid, reference, person) VALUES (?, ?, ?)",
                         (visit_id, case_ref, person))
            audit.append(conn, actor, "visit created", "visit", visit_id,
                         {"visit_id": visit_id, "template": template,
                          "consent": {"by": consent.by, "how": consent.how}})
        return int(visit_id)

    @owned
    def visit(self, conn: Any, visit_id: int) -> dict[str, Any]:
        """Everything about a visit, in plain data (the shape `visit show --json` prints)."""
        (vid, reference, person, template, state, consent_by, consent_how, consent_at,
         created_at, practitioner) = self._visit_row(conn, visit_id, lead_ok=True)
        if self._profile(conn)[2] == "team-lead":
            # Approved notes only: no audio, transcript or unapproved draft.
            approved = self._approved_note(conn, vid)
            if approved is None:
                raise RecordError(f"Visit {vid} has no approved note yet.")
            return {"id": vid, "case": reference, "person": person, "template": template,
                    "state": state, "practitioner": practitioner, "created_at": created_at,
                    "consent": {"by": consent_by, "how": consent_how, "at": consent_at},
                    "recordings": [], "transcript": None, "note": approved}
        recordings = [{"id": r[0], "source": r[1], "filename": r[2], "started_at": r[3],
                       "finished": r[4] is not None, "deleted": r[5] is not None,
                       "chunks": r[6], "bytes": r[7] or 0}
                      for r in conn.execute(
                          "SELECT r.id, r.source, r.filename, r.started_at, r.finished_at, "
                          "r.deleted_at, count(a.seq), sum(length(a.data)) FROM recordings r "
                          "LEFT JOIN audio_chunks a ON a.recording_id = r.id "
                          "WHERE r.visit_id = ? GROUP BY r.id ORDER BY r.id", (vid,))]
        transcript = self._transcript(conn, vid)
        note = self._latest_note(conn, vid)
        return {"id": vid, "case": reference, "person": person, "template": template,
                "state": state, "practitioner": practitioner, "created_at": created_at,
                "consent": {"by": consent_by, "how": consent_how, "at": consent_at},
                "recordings": recordings,
                "transcript": transcript.to_dict() if transcript else None,
                "note": note}

    @owned
    def list_visits(self, conn: Any, state: str | None = None) -> list[dict[str, Any]]:
        sql, args = self._visible_visits(conn)
        if state:
            sql += " AND v.state = ?"
            args += (state,)
        return [{"id": r[0], "case": r[1], "person": r[2], "template": r[3], "state": r[4],
                 "updated_at": r[5], "practitioner": r[6]}
                for r in conn.execute(sql + " ORDER BY v.id DESC", args)]

    def _visible_visits(self, conn: Any) -> tuple[str, tuple[Any, ...]]:
        """A practitioner sees their own visits; a team lead the visits with an approved
        note, from every practitioner on this device."""
        profile_id, _, role = self._profile(conn)
        sql = ("SELECT v.id, c.reference, c.person, v.template, v.state, v.updated_at, p.name "
               "FROM visits v JOIN cases c ON c.id = v.case_id "
               "JOIN profiles p ON p.id = v.practitioner_id")
        if role == "team-lead":
            return (sql + " WHERE EXISTS (SELECT 1 FROM notes n WHERE n.visit_id = v.id "
                    "AND n.status = 'approved')", ())
        return sql + " WHERE v.practitioner_id = ?", (profile_id,)

    @owned
    def search(self, conn: Any, query: str, limit: int = 50) -> list[int]:
        """Visit ids whose case reference, person, note or transcript match (FTS5)."""
        terms = " ".join(f'"{t}"' for t in query.replace('"', " ").split())
        if not terms:
            return []
        ids: list[int] = []
        queries = ["SELECT rowid FROM visit_search WHERE visit_search MATCH ?",
                   "SELECT n.visit_id FROM note_search s JOIN notes n ON n.id = s.rowid "
                   "WHERE note_search MATCH ?",
                   "SELECT t.visit_id FROM segment_search s JOIN transcripts t "
                   "ON t.id = (s.rowid >> 20) WHERE segment_search MATCH ?"]
        if self._profile(conn)[2] == "team-lead":  # approved notes only, never transcripts
            queries = [queries[0], queries[1] + " AND n.status = 'approved'"]
        for sql in queries:
            for (visit_id,) in conn.execute(sql + f" LIMIT {int(limit)}", (terms,)):
                if visit_id not in ids:
                    ids.append(visit_id)
        visible_sql, args = self._visible_visits(conn)
        visible = {r[0] for r in conn.execute(visible_sql, args)}
        return [i for i in ids if i in visible][:limit]

    # -- audit ---------------------------------------------------------------------------
    @owned
    def verify_audit(self, conn: Any) -> list[str]:
        return audit.verify(conn)

    @owned
    def history(self, conn: Any, visit_id: int | None = None) -> list[dict[str, Any]]:
        """The audit log, or one visit's entries: only of a visit this profile may see (a
        team lead's, only once it has an approved note)."""
        if visit_id is not None:
            self._visit_row(conn, visit_id, lead_ok=True)
            if self._profile(conn)[2] == "team-lead" and \
                    self._approved_note(conn, visit_id) is None:
                raise RecordError(f"Visit {visit_id} has no approved note yet, and a team lead "
                                  "sees a visit's history only once its note is approved.")
        return audit.entries(conn, visit_id)
