"""What transcription needs to know about the people in the room: the practitioner's voice
profile, custom vocabulary (theirs and each case's), and corrections to a transcript's
segments (the words or who said them), each kept with Whisper's original."""

from __future__ import annotations

import json
from typing import Any

from storage import audit
from storage.errors import RecordError
from storage.fields import check_field
from storage.records.base import RecordBase, owned, write

SPEAKERS = ("practitioner", "person", "carer", "other")
MAX_TERMS = 200


class CaptureRecords(RecordBase):
    # -- voice profile -------------------------------------------------------------------
    @owned
    def set_voice_profile(self, conn: Any, vector: list[float], seconds: float) -> None:
        self.vault.require_owner("save a voice profile")
        profile_id, actor, _ = self._profile(conn)
        with write(conn):
            conn.execute("INSERT OR REPLACE INTO voice_profiles (profile_id, vector_json, "
                         "seconds, created_at) VALUES (?, ?, ?, ?)",
                         (profile_id, json.dumps(vector), seconds, audit.now()))
            audit.append(conn, actor, "voice profile recorded", "profile", profile_id,
                         {"seconds": round(seconds, 1)})

    @owned
    def voice_profile(self, conn: Any) -> list[float] | None:
        profile_id, _, _ = self._profile(conn)
        row = conn.execute("SELECT vector_json FROM voice_profiles WHERE profile_id = ?",
                           (profile_id,)).fetchone()
        return json.loads(row[0]) if row else None

    @owned
    def delete_voice_profile(self, conn: Any) -> None:
        profile_id, actor, _ = self._profile(conn)
        with write(conn):
            conn.execute("DELETE FROM voice_profiles WHERE profile_id = ?", (profile_id,))
            audit.append(conn, actor, "voice profile deleted", "profile", profile_id, {})

    # -- vocabulary ----------------------------------------------------------------------
    def _case_id(self, conn: Any, case_ref: str | None) -> int | None:
        if not case_ref:
            return None
        row = conn.execute("SELECT id FROM cases WHERE reference = ?", (case_ref,)).fetchone()
        if not row:
            raise RecordError(f"There is no case {case_ref}. Vocabulary for a case is added "
                              "once it has a visit.")
        return int(row[0])

    @owned
    def add_vocabulary(self, conn: Any, terms: list[str], case_ref: str | None = None) -> int:
        self.vault.require_owner("add to the vocabulary")
        clean = sorted({" ".join(t.split()) for t in terms if t.strip()})
        if not clean:
            raise RecordError("Give at least one word or name to add.")
        profile_id, actor, _ = self._profile(conn)
        case_id = self._case_id(conn, case_ref)
        have = len(self._terms(conn, profile_id, case_id))
        if have + len(clean) > MAX_TERMS:
            raise RecordError(f"A vocabulary holds at most {MAX_TERMS} terms; Whisper only "
                              "reads so many. Remove some first.")
        with write(conn):
            for term in clean:
                conn.execute("INSERT OR IGNORE INTO vocabulary (profile_id, case_id, term, "
                             "created_at) VALUES (?, ?, ?, ?)",
                             (profile_id, case_id, term, audit.now()))
            audit.append(conn, actor, "vocabulary added", "vocabulary", case_id,
                         {"terms": len(clean), "case": case_ref})
        return len(clean)

    @owned
    def remove_vocabulary(self, conn: Any, terms: list[str], case_ref: str | None = None
                          ) -> None:
        profile_id, actor, _ = self._profile(conn)
        case_id = self._case_id(conn, case_ref)
        with write(conn):
            for term in terms:
                conn.execute("DELETE FROM vocabulary WHERE profile_id = ? AND case_id IS ? "
                             "AND term = ?", (profile_id, case_id, term.strip()))
            audit.append(conn, actor, "vocabulary removed", "vocabulary", case_id,
                         {"terms": len(terms), "case": case_ref})

    def _terms(self, conn: Any, profile_id: int, case_id: int | None) -> list[str]:
        return [r[0] for r in conn.execute(
            "SELECT term FROM vocabulary WHERE profile_id = ? AND case_id IS ? ORDER BY term",
            (profile_id, case_id))]

    @owned
    def vocabulary(self, conn: Any, case_ref: str | None = None) -> dict[str, list[str]]:
        """{"mine": the practitioner's terms, "case": the case's terms (if a case is named)}"""
        profile_id, _, _ = self._profile(conn)
        out = {"mine": self._terms(conn, profile_id, None), "case": []}
        if case_ref:
            case_id = self._case_id(conn, case_ref)
            out["case"] = self._terms(conn, profile_id, case_id)
        return out

    # -- corrections to the transcript ---------------------------------------------------
    @owned
    def correct_segment(self, conn: Any, visit_id: int, index: int, *,
                        text: str | None = None, speaker: str | None = None) -> None:
        """Change a segment's words or speaker; Whisper's words are kept beside the edit.
        A speaker is a role (SPEAKERS) or a name the practitioner gives, "Priya (daughter)",
        which drafting reads as it reads a recorder's label."""
        self._visit_row(conn, visit_id)
        self._refuse_if_approved(conn, visit_id)
        if speaker is not None:
            speaker = check_field(speaker, "who spoke")
            if not speaker:
                raise RecordError(f"Say who spoke: a role ({', '.join(SPEAKERS)}) or a name, "
                                  "with the relation in brackets: Priya (daughter).")
        if text is not None and not text.strip():
            raise RecordError("A segment cannot be emptied; correct its words instead.")
        row = conn.execute("SELECT id FROM transcripts WHERE visit_id = ? AND deleted_at IS "
                           "NULL ORDER BY id DESC LIMIT 1", (visit_id,)).fetchone()
        if not row:
            raise RecordError(f"Visit {visit_id} has no transcript yet.")
        tid = row[0]
        seg = conn.execute("SELECT text, speaker, original_text FROM segments WHERE "
                           "transcript_id = ? AND idx = ?", (tid, index)).fetchone()
        if not seg:
            raise RecordError(f"The transcript has no segment {index}.")
        _, actor, _ = self._profile(conn)
        with write(conn):
            if text is not None and text.strip() != seg[0]:
                conn.execute("UPDATE segments SET text = ?, original_text = coalesce("
                             "original_text, text), edited_at = ? WHERE transcript_id = ? "
                             "AND idx = ?", (text.strip(), audit.now(), tid, index))
                conn.execute("DELETE FROM segment_search WHERE rowid = ?", ((tid << 20) + index,))
                conn.execute("INSERT INTO segment_search (rowid, text) VALUES (?, ?)",
                             ((tid << 20) + index, text.strip()))
            if speaker is not None:
                conn.execute("UPDATE segments SET speaker = ? WHERE transcript_id = ? AND "
                             "idx = ?", (speaker, tid, index))
            audit.append(conn, actor, "transcript corrected", "segment", index,
                         {"visit_id": visit_id, "transcript": tid,
                          "text": text is not None, "speaker": speaker})
