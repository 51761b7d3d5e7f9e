"""Transcripts, the AI's drafts and the practitioner's notes: edits, flags, approval,
amendment."""

from __future__ import annotations

import json
from typing import Any

from storage import audit
from storage.errors import RecordError
from storage.records.base import RecordBase, content_hash, next_id, note_text, owned, write
from transcription.transcript import Segment, Transcript, Word

FLAG_CHOICES = ("accept", "edit", "dismiss")


class NoteRecords(RecordBase):
    @owned
    def save_transcript(self, conn: Any, visit_id: int, recording_id: int | None,
                        transcript: Transcript, model: str,
                        settings: dict[str, Any] | None = None) -> int:
        self._visit_row(conn, visit_id)
        self._refuse_if_approved(conn, visit_id)
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
                    "INSERT INTO notes (id, visit_id, version, draft_id, content_json, "
                    "created_at, updated_at) VALUES (?, ?, 1, ?, ?, ?, ?)",
                    (next_id(conn, "notes"), visit_id, did,
                     json.dumps(content, ensure_ascii=False), now, now)).lastrowid
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
        self._visit_row(conn, visit_id)
        note = self._latest_note(conn, visit_id)
        if note is None:
            raise RecordError(f"Visit {visit_id} has no draft yet.")
        if note["status"] == "approved":
            raise RecordError(f"The note for visit {visit_id} is approved and read-only. Amend "
                              "it to make a new version.")
        return note

    @owned
    def draft_content(self, conn: Any, visit_id: int) -> dict[str, Any] | None:
        """The AI's draft behind the working note, exactly as it was produced."""
        self._visit_row(conn, visit_id)
        row = conn.execute("SELECT d.content_json FROM notes n JOIN drafts d ON d.id = "
                           "n.draft_id WHERE n.visit_id = ? AND n.draft_id IS NOT NULL "
                           "ORDER BY n.version DESC LIMIT 1", (visit_id,)).fetchone()
        return json.loads(row[0]) if row else None

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
            conn.execute("INSERT INTO approvals (id, note_id, approved_by, attestation, "
                         "approved_at, content_hash) VALUES (?, ?, ?, ?, ?, ?)",
                         (next_id(conn, "approvals"), note["id"], profile_id,
                          attestation.strip(), at, digest))
            self._set_state(conn, visit_id, "approved")
            audit.append(conn, actor, "approved", "note", note["id"],
                         {"visit_id": visit_id, "version": note["version"],
                          "content_hash": digest})
        self.vault.publish()  # into the records store; a crash first is healed on next open
        return {"note_id": note["id"], "version": note["version"], "approved_at": at,
                "approved_by": actor, "content_hash": digest}

    @owned
    def amend(self, conn: Any, visit_id: int, reason: str) -> int:
        """Start a new version of an approved note; the approved one stays as it was."""
        if not reason.strip():
            raise RecordError("Say why the note is being amended; the reason goes on the "
                              "record.")
        self._visit_row(conn, visit_id)
        note = self._latest_note(conn, visit_id)
        if note is None or note["status"] != "approved":
            raise RecordError(f"Only an approved note can be amended; visit {visit_id}'s note "
                              "is still a draft, so edit it directly.")
        _, actor = self._current(conn)
        now = audit.now()
        with write(conn):
            new_id = conn.execute(
                "INSERT INTO notes (id, visit_id, version, previous_id, content_json, "
                "amend_reason, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (next_id(conn, "notes"), visit_id, note["version"] + 1, note["id"],
                 json.dumps(note["content"], ensure_ascii=False), reason.strip(), now,
                 now)).lastrowid
            conn.execute("INSERT INTO note_search (rowid, text) VALUES (?, ?)",
                         (new_id, note_text(note["content"])))
            self._set_state(conn, visit_id, "drafted")
            audit.append(conn, actor, "amendment started", "note", new_id,
                         {"visit_id": visit_id, "version": note["version"] + 1,
                          "amends": note["id"], "reason": reason.strip()})
        return int(new_id)
