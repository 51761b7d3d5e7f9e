"""The case record: cases, visits, consent, audio, transcripts, drafts, notes, approvals.

Every method runs on the vault's owner thread, and every change is one transaction together
with its audit entry, so the record and its history can never disagree. Data in and out is
plain: dicts in the JSON shapes of resources/schemas, and Transcript objects.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, TypeVar

from storage import audit
from storage.errors import RecordError
from storage.vault import Vault
from transcription.transcript import Segment, Transcript, Word

P = ParamSpec("P")
R = TypeVar("R")
IMPORT_PIECE = 1 << 20  # imported files are stored in 1 MB pieces
FLAG_CHOICES = ("accept", "edit", "dismiss")


def owned(method: Callable[Concatenate[CaseRecord, Any, P], R]) -> Callable[Concatenate[
        CaseRecord, P], R]:
    """Run the method on the vault's owner thread, passing the connection."""
    def wrapper(self: CaseRecord, *args: P.args, **kwargs: P.kwargs) -> R:
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


class CaseRecord:
    def __init__(self, vault: Vault, actor: str | None = None) -> None:
        self.vault = vault
        self._actor = actor

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
    def actor(self, conn: Any) -> str:
        """The name that goes on audit entries for this session's changes."""
        return self._current(conn)[1]

    def _current(self, conn: Any) -> tuple[int, str]:
        row = conn.execute("SELECT id, name FROM profiles ORDER BY id LIMIT 1").fetchone()
        if not row:
            raise RecordError("This vault has no practitioner profile yet. Run 'casenotes "
                              "init' to set one up.")
        return int(row[0]), self._actor or row[1]

    # -- visits --------------------------------------------------------------------------
    @owned
    def create_visit(self, conn: Any, case_ref: str, person: str, template: str,
                     consent: Consent) -> int:
        case_ref, person = case_ref.strip(), person.strip()
        if not case_ref or not person:
            raise RecordError("A visit needs a case reference and the person's name.")
        if not consent.by.strip() or consent.how not in ("verbal", "written"):
            raise RecordError("Record who gave consent and how (verbal or written) before the "
                              "visit is recorded.")
        profile_id, actor = self._current(conn)
        at = audit.now()
        with write(conn):
            row = conn.execute("SELECT id, person FROM cases WHERE reference = ?",
                               (case_ref,)).fetchone()
            if row:
                case_id = row[0]
            else:
                case_id = conn.execute(
                    "INSERT INTO cases (reference, person, created_at) VALUES (?, ?, ?)",
                    (case_ref, person, at)).lastrowid
            visit_id = conn.execute(
                "INSERT INTO visits (case_id, practitioner_id, template, consent_by, "
                "consent_how, consent_at, consent_note, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (case_id, profile_id, template, consent.by.strip(), consent.how, at,
                 consent.note, at, at)).lastrowid
            conn.execute("INSERT INTO visit_search (rowid, reference, person) VALUES (?, ?, ?)",
                         (visit_id, case_ref, person))
            audit.append(conn, actor, "visit created", "visit", visit_id,
                         {"visit_id": visit_id, "template": template,
                          "consent": {"by": consent.by, "how": consent.how}})
        return int(visit_id)

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

    @owned
    def visit(self, conn: Any, visit_id: int) -> dict[str, Any]:
        """Everything about a visit, in plain data (the shape `visit show --json` prints)."""
        (vid, reference, person, template, state, consent_by, consent_how, consent_at,
         created_at, practitioner) = self._visit_row(conn, visit_id)
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
        sql = ("SELECT v.id, c.reference, c.person, v.template, v.state, v.updated_at "
               "FROM visits v JOIN cases c ON c.id = v.case_id")
        args: tuple[Any, ...] = ()
        if state:
            sql += " WHERE v.state = ?"
            args = (state,)
        return [{"id": r[0], "case": r[1], "person": r[2], "template": r[3], "state": r[4],
                 "updated_at": r[5]} for r in conn.execute(sql + " ORDER BY v.id DESC", args)]

    @owned
    def search(self, conn: Any, query: str, limit: int = 50) -> list[int]:
        """Visit ids whose case reference, person, note or transcript match (FTS5)."""
        terms = " ".join(f'"{t}"' for t in query.replace('"', " ").split())
        if not terms:
            return []
        ids: list[int] = []
        for sql in ("SELECT rowid FROM visit_search WHERE visit_search MATCH ?",
                    "SELECT n.visit_id FROM note_search s JOIN notes n ON n.id = s.rowid "
                    "WHERE note_search MATCH ?",
                    "SELECT t.visit_id FROM segment_search s JOIN transcripts t "
                    "ON t.id = (s.rowid >> 20) WHERE segment_search MATCH ?"):
            for (visit_id,) in conn.execute(sql + f" LIMIT {int(limit)}", (terms,)):
                if visit_id not in ids:
                    ids.append(visit_id)
        return ids[:limit]

    # -- audio ---------------------------------------------------------------------------
    @owned
    def start_recording(self, conn: Any, visit_id: int, source: str, codec: str, *,
                        filename: str | None = None, sample_rate: int | None = None) -> int:
        self._visit_row(conn, visit_id)
        _, actor = self._current(conn)
        with write(conn):
            rid = conn.execute(
                "INSERT INTO recordings (visit_id, source, filename, codec, sample_rate, "
                "started_at) VALUES (?, ?, ?, ?, ?, ?)",
                (visit_id, source, filename, codec, sample_rate, audit.now())).lastrowid
            self._set_state(conn, visit_id, "recording")
            audit.append(conn, actor, "recording started", "recording", rid,
                         {"visit_id": visit_id, "source": source})
        return int(rid)

    @owned
    def add_audio_chunk(self, conn: Any, recording_id: int, seq: int, data: bytes,
                        seconds: float | None = None) -> None:
        """Commit one chunk on its own, so a crash loses at most the chunk being written."""
        with write(conn):
            conn.execute("INSERT INTO audio_chunks (recording_id, seq, seconds, data, "
                         "created_at) VALUES (?, ?, ?, ?, ?)",
                         (recording_id, seq, seconds, data, audit.now()))

    @owned
    def finish_recording(self, conn: Any, recording_id: int) -> None:
        row = conn.execute("SELECT visit_id FROM recordings WHERE id = ?",
                           (recording_id,)).fetchone()
        if not row:
            raise RecordError(f"There is no recording {recording_id}.")
        _, actor = self._current(conn)
        chunks, size = conn.execute("SELECT count(*), coalesce(sum(length(data)), 0) FROM "
                                    "audio_chunks WHERE recording_id = ?",
                                    (recording_id,)).fetchone()
        with write(conn):
            conn.execute("UPDATE recordings SET finished_at = ? WHERE id = ?",
                         (audit.now(), recording_id))
            self._set_state(conn, row[0], "recorded")
            audit.append(conn, actor, "recording finished", "recording", recording_id,
                         {"visit_id": row[0], "chunks": chunks, "bytes": size})

    def import_file(self, visit_id: int, path: Path) -> int:
        """Copy a recording file into the vault, whole, in one transaction."""
        data = path.read_bytes()
        return self._import_bytes(visit_id, path.name, data)

    @owned
    def _import_bytes(self, conn: Any, visit_id: int, filename: str, data: bytes) -> int:
        self._visit_row(conn, visit_id)
        _, actor = self._current(conn)
        digest = hashlib.sha256(data).hexdigest()
        with write(conn):
            rid = conn.execute(
                "INSERT INTO recordings (visit_id, source, filename, codec, started_at, "
                "finished_at) VALUES (?, 'import', ?, 'original', ?, ?)",
                (visit_id, filename, audit.now(), audit.now())).lastrowid
            for seq, offset in enumerate(range(0, len(data), IMPORT_PIECE)):
                conn.execute("INSERT INTO audio_chunks (recording_id, seq, data, created_at) "
                             "VALUES (?, ?, ?, ?)",
                             (rid, seq, data[offset:offset + IMPORT_PIECE], audit.now()))
            self._set_state(conn, visit_id, "recorded")
            audit.append(conn, actor, "recording imported", "recording", rid,
                         {"visit_id": visit_id, "file": filename, "bytes": len(data),
                          "sha256": digest})
        return int(rid)

    @owned
    def recording_audio(self, conn: Any, recording_id: int) -> tuple[str, list[bytes]]:
        """(codec, chunks in order) of one recording."""
        row = conn.execute("SELECT codec, deleted_at FROM recordings WHERE id = ?",
                           (recording_id,)).fetchone()
        if not row:
            raise RecordError(f"There is no recording {recording_id}.")
        if row[1]:
            raise RecordError(f"The audio of recording {recording_id} was deleted on "
                              f"{row[1][:10]} under the retention policy.")
        chunks = [bytes(r[0]) for r in conn.execute(
            "SELECT data FROM audio_chunks WHERE recording_id = ? ORDER BY seq",
            (recording_id,))]
        return row[0], chunks

    @owned
    def latest_recording(self, conn: Any, visit_id: int) -> int:
        row = conn.execute("SELECT id FROM recordings WHERE visit_id = ? AND deleted_at IS NULL "
                           "ORDER BY id DESC LIMIT 1", (visit_id,)).fetchone()
        if not row:
            raise RecordError(f"Visit {visit_id} has no recording yet. Import one with "
                              f"'casenotes visit import {visit_id} FILE'.")
        return int(row[0])

    @owned
    def unfinished_recordings(self, conn: Any) -> list[dict[str, Any]]:
        return [{"id": r[0], "visit_id": r[1], "started_at": r[2], "chunks": r[3]}
                for r in conn.execute(
                    "SELECT r.id, r.visit_id, r.started_at, count(a.seq) FROM recordings r "
                    "LEFT JOIN audio_chunks a ON a.recording_id = r.id "
                    "WHERE r.finished_at IS NULL GROUP BY r.id")]

    # -- transcripts ---------------------------------------------------------------------
    @owned
    def save_transcript(self, conn: Any, visit_id: int, recording_id: int | None,
                        transcript: Transcript, model: str,
                        settings: dict[str, Any] | None = None) -> int:
        self._visit_row(conn, visit_id)
        _, actor = self._current(conn)
        with write(conn):
            tid = conn.execute(
                "INSERT INTO transcripts (visit_id, recording_id, model, language, duration, "
                "settings_json, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (visit_id, recording_id, model, transcript.language, transcript.duration,
                 json.dumps(settings or {}), audit.now())).lastrowid
            for idx, s in enumerate(transcript.segments):
                words = json.dumps([[w.text, w.start, w.end, w.probability] for w in s.words]) \
                    if s.words else None
                conn.execute("INSERT INTO segments (transcript_id, idx, start, end, text, "
                             "speaker, words_json) VALUES (?, ?, ?, ?, ?, ?, ?)",
                             (tid, idx, s.start, s.end, s.text, s.speaker, words))
                conn.execute("INSERT INTO segment_search (rowid, text) VALUES (?, ?)",
                             ((tid << 20) + idx, s.text))
            self._set_state(conn, visit_id, "transcribed")
            audit.append(conn, actor, "transcribed", "transcript", tid,
                         {"visit_id": visit_id, "model": model,
                          "segments": len(transcript.segments)})
        return int(tid)

    def _transcript_id(self, conn: Any, visit_id: int) -> int | None:
        row = conn.execute("SELECT id FROM transcripts WHERE visit_id = ? AND deleted_at IS NULL "
                           "ORDER BY id DESC LIMIT 1", (visit_id,)).fetchone()
        return int(row[0]) if row else None

    def _transcript(self, conn: Any, visit_id: int) -> Transcript | None:
        tid = self._transcript_id(conn, visit_id)
        if tid is None:
            return None
        language, duration = conn.execute("SELECT language, duration FROM transcripts "
                                          "WHERE id = ?", (tid,)).fetchone()
        segments = []
        for start, end, text, speaker, words_json in conn.execute(
                "SELECT start, end, text, speaker, words_json FROM segments "
                "WHERE transcript_id = ? ORDER BY idx", (tid,)):
            words = tuple(Word(*w) for w in json.loads(words_json)) if words_json else ()
            segments.append(Segment(start, end, text, speaker, words))
        return Transcript(language, duration, tuple(segments))

    @owned
    def transcript(self, conn: Any, visit_id: int) -> tuple[int, Transcript]:
        self._visit_row(conn, visit_id)
        tid = self._transcript_id(conn, visit_id)
        transcript = self._transcript(conn, visit_id)
        if tid is None or transcript is None:
            raise RecordError(f"Visit {visit_id} has no transcript yet. Transcribe it with "
                              f"'casenotes visit transcribe {visit_id}'.")
        return tid, transcript

    # -- drafts and notes ----------------------------------------------------------------
    @owned
    def save_draft(self, conn: Any, visit_id: int, transcript_id: int, draft: dict[str, Any],
                   settings: dict[str, Any] | None = None) -> int:
        """Keep the AI draft as produced; start (or restart) the unapproved note from it."""
        self._visit_row(conn, visit_id)
        _, actor = self._current(conn)
        content = dict(draft)
        content["flags"] = [dict(f, resolution=None) for f in draft.get("flags", [])]
        now = audit.now()
        with write(conn):
            did = conn.execute(
                "INSERT INTO drafts (visit_id, transcript_id, template, model, settings_json, "
                "content_json, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (visit_id, transcript_id, draft["template"], draft.get("model", ""),
                 json.dumps(settings or {}), json.dumps(draft, ensure_ascii=False),
                 now)).lastrowid
            latest = conn.execute("SELECT id, version, status FROM notes WHERE visit_id = ? "
                                  "ORDER BY version DESC LIMIT 1", (visit_id,)).fetchone()
            if latest and latest[2] == "approved":
                raise RecordError(f"Visit {visit_id} already has an approved note. Amend it "
                                  "to make a new version instead of drafting again.")
            if latest:
                note_id = latest[0]
                conn.execute("UPDATE notes SET content_json = ?, draft_id = ?, updated_at = ? "
                             "WHERE id = ?", (json.dumps(content, ensure_ascii=False), did,
                                              now, note_id))
                conn.execute("DELETE FROM note_search WHERE rowid = ?", (note_id,))
            else:
                note_id = conn.execute(
                    "INSERT INTO notes (visit_id, version, draft_id, content_json, created_at, "
                    "updated_at) VALUES (?, 1, ?, ?, ?, ?)",
                    (visit_id, did, json.dumps(content, ensure_ascii=False), now,
                     now)).lastrowid
            conn.execute("INSERT INTO note_search (rowid, text) VALUES (?, ?)",
                         (note_id, note_text(content)))
            self._set_state(conn, visit_id, "drafted")
            audit.append(conn, actor, "drafted", "draft", did,
                         {"visit_id": visit_id, "model": draft.get("model"),
                          "note_id": note_id, "flags": len(content["flags"])})
        return int(did)

    def _latest_note(self, conn: Any, visit_id: int) -> dict[str, Any] | None:
        row = conn.execute(
            "SELECT n.id, n.version, n.status, n.content_json, n.amend_reason, n.previous_id, "
            "a.approved_at, p.name, a.content_hash FROM notes n "
            "LEFT JOIN approvals a ON a.note_id = n.id "
            "LEFT JOIN profiles p ON p.id = a.approved_by "
            "WHERE n.visit_id = ? ORDER BY n.version DESC LIMIT 1", (visit_id,)).fetchone()
        if not row:
            return None
        content = json.loads(row[3])
        return {"id": row[0], "version": row[1], "status": row[2], "content": content,
                "amend_reason": row[4], "previous_id": row[5],
                "approval": ({"at": row[6], "by": row[7], "content_hash": row[8]}
                             if row[6] else None),
                "open_flags": sum(1 for f in content.get("flags", [])
                                  if not f.get("resolution"))}

    @owned
    def note(self, conn: Any, visit_id: int) -> dict[str, Any]:
        self._visit_row(conn, visit_id)
        note = self._latest_note(conn, visit_id)
        if note is None:
            raise RecordError(f"Visit {visit_id} has no draft yet. Draft it with "
                              f"'casenotes visit draft {visit_id}'.")
        return note

    def _editable_note(self, conn: Any, visit_id: int) -> dict[str, Any]:
        note = self._latest_note(conn, visit_id)
        if note is None:
            raise RecordError(f"Visit {visit_id} has no draft yet.")
        if note["status"] == "approved":
            raise RecordError(f"The note for visit {visit_id} is approved and read-only. Amend "
                              "it to make a new version.")
        return note

    @owned
    def update_note(self, conn: Any, visit_id: int, content: dict[str, Any]) -> None:
        note = self._editable_note(conn, visit_id)
        _, actor = self._current(conn)
        with write(conn):
            conn.execute("UPDATE notes SET content_json = ?, updated_at = ? WHERE id = ?",
                         (json.dumps(content, ensure_ascii=False), audit.now(), note["id"]))
            conn.execute("DELETE FROM note_search WHERE rowid = ?", (note["id"],))
            conn.execute("INSERT INTO note_search (rowid, text) VALUES (?, ?)",
                         (note["id"], note_text(content)))
            audit.append(conn, actor, "note edited", "note", note["id"],
                         {"visit_id": visit_id, "version": note["version"]})

    @owned
    def resolve_flag(self, conn: Any, visit_id: int, flag: int, choice: str,
                     reason: str = "") -> None:
        if choice not in FLAG_CHOICES:
            raise RecordError(f"Resolve a flag with one of: {', '.join(FLAG_CHOICES)}.")
        if choice == "dismiss" and not reason.strip():
            raise RecordError("Give a reason when dismissing a flag; it goes on the record.")
        note = self._editable_note(conn, visit_id)
        flags = note["content"].get("flags", [])
        if not 0 <= flag < len(flags):
            raise RecordError(f"The note for visit {visit_id} has no flag {flag} (it has "
                              f"{len(flags)}).")
        _, actor = self._current(conn)
        flags[flag]["resolution"] = {"choice": choice, "reason": reason.strip(), "by": actor,
                                     "at": audit.now()}
        with write(conn):
            conn.execute("UPDATE notes SET content_json = ?, updated_at = ? WHERE id = ?",
                         (json.dumps(note["content"], ensure_ascii=False), audit.now(),
                          note["id"]))
            audit.append(conn, actor, "flag resolved", "note", note["id"],
                         {"visit_id": visit_id, "flag": flag, "choice": choice,
                          "reason": reason.strip(), "category": flags[flag].get("category")})

    @owned
    def approve(self, conn: Any, visit_id: int, attestation: str) -> dict[str, Any]:
        """Approve the latest version; refused while any flag is unresolved."""
        note = self._editable_note(conn, visit_id)
        if note["open_flags"]:
            raise RecordError(f"The note cannot be approved yet: {note['open_flags']} flag(s) "
                              "still need a decision (accept, edit or dismiss with a reason).")
        if not attestation.strip():
            raise RecordError("Confirm you have checked the note against the conversation "
                              "before approving it.")
        profile_id, actor = self._current(conn)
        digest = content_hash(note["content"])
        at = audit.now()
        with write(conn):
            conn.execute("UPDATE notes SET status = 'approved', updated_at = ? WHERE id = ?",
                         (at, note["id"]))
            conn.execute("INSERT INTO approvals (note_id, approved_by, attestation, "
                         "approved_at, content_hash) VALUES (?, ?, ?, ?, ?)",
                         (note["id"], profile_id, attestation.strip(), at, digest))
            self._set_state(conn, visit_id, "approved")
            audit.append(conn, actor, "approved", "note", note["id"],
                         {"visit_id": visit_id, "version": note["version"],
                          "content_hash": digest})
        return {"note_id": note["id"], "version": note["version"], "approved_at": at,
                "approved_by": actor, "content_hash": digest}

    @owned
    def amend(self, conn: Any, visit_id: int, reason: str) -> int:
        """Start a new version of an approved note; the approved one stays as it was."""
        if not reason.strip():
            raise RecordError("Say why the note is being amended; the reason goes on the "
                              "record.")
        note = self._latest_note(conn, visit_id)
        if note is None or note["status"] != "approved":
            raise RecordError(f"Only an approved note can be amended; visit {visit_id}'s note "
                              "is still a draft, so edit it directly.")
        _, actor = self._current(conn)
        now = audit.now()
        with write(conn):
            new_id = conn.execute(
                "INSERT INTO notes (visit_id, version, previous_id, content_json, "
                "amend_reason, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (visit_id, note["version"] + 1, note["id"],
                 json.dumps(note["content"], ensure_ascii=False), reason.strip(), now,
                 now)).lastrowid
            conn.execute("INSERT INTO note_search (rowid, text) VALUES (?, ?)",
                         (new_id, note_text(note["content"])))
            self._set_state(conn, visit_id, "drafted")
            audit.append(conn, actor, "amendment started", "note", new_id,
                         {"visit_id": visit_id, "version": note["version"] + 1,
                          "amends": note["id"], "reason": reason.strip()})
        return int(new_id)

    # -- audit ---------------------------------------------------------------------------
    @owned
    def verify_audit(self, conn: Any) -> list[str]:
        return audit.verify(conn)

    @owned
    def history(self, conn: Any, visit_id: int | None = None) -> list[dict[str, Any]]:
        return audit.entries(conn, visit_id)
