"""Approved notes for export, and the export log.

Only the latest *approved* version of a visit's note can leave the vault: every way out (CLI,
window, API) reads notes through `approved_notes`, which checks each note's content against
the hash taken when it was approved. A batch is logged in one transaction after its files are
in place, so a failed or cancelled export is never recorded as exported. Until then the batch's
files are listed in export_batches (schema 0004), so one killed part-way is cleaned up later.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable
from typing import Any

from storage import audit
from storage.errors import RecordError
from storage.records.base import RecordBase, content_hash, note_text, owned, write

LATEST_APPROVED = (
    "SELECT n.id, n.visit_id, n.version, n.content_json, n.amend_reason, n.previous_id, "
    "a.approved_at, p.name, a.attestation, a.content_hash, c.reference, c.person, "
    "v.template, v.created_at, w.name, v.practitioner_id "
    "FROM notes n JOIN approvals a ON a.note_id = n.id "
    "JOIN profiles p ON p.id = a.approved_by "
    "JOIN visits v ON v.id = n.visit_id JOIN cases c ON c.id = v.case_id "
    "JOIN profiles w ON w.id = v.practitioner_id "
    "WHERE n.status = 'approved' AND n.version = (SELECT max(version) FROM notes m "
    "WHERE m.visit_id = n.visit_id AND m.status = 'approved')")


class ExportRecords(RecordBase):
    @owned
    def approved_notes(self, conn: Any, *, since: str | None = None, until: str | None = None,
                       practitioner: str | None = None, case: str | None = None,
                       template: str | None = None, exported: bool | None = None,
                       note_ids: Iterable[int] | None = None,
                       with_edits: bool = True) -> list[dict[str, Any]]:
        """The latest approved version of each visible visit's note, oldest visit first.

        since/until are dates (YYYY-MM-DD) of approval, inclusive. with_edits=False skips
        comparing each note with its AI draft (edited_share is None): for quick listings.
        With note_ids, exactly those notes, and an error if any is not an approved latest
        version visible here.
        """
        profile_id, _, role = self._profile(conn)
        sql, args = LATEST_APPROVED, list[Any]()
        if role == "practitioner":
            sql += " AND v.practitioner_id = ?"
            args.append(profile_id)
        if since:
            sql += " AND substr(a.approved_at, 1, 10) >= ?"
            args.append(since)
        if until:
            sql += " AND substr(a.approved_at, 1, 10) <= ?"
            args.append(until)
        if practitioner:
            sql += " AND w.name = ?"
            args.append(practitioner)
        if case:
            sql += " AND c.reference = ?"
            args.append(case)
        if template:
            sql += " AND v.template = ?"
            args.append(template)
        wanted = None if note_ids is None else {int(i) for i in note_ids}
        rows = conn.execute(sql + " ORDER BY v.created_at, n.visit_id", args).fetchall()
        exports = _exports_by_note(conn)
        notes = []
        for row in rows:
            if wanted is not None and row[0] not in wanted:
                continue
            note = _approved(conn, row, exports.get(row[0], []), with_edits)
            if exported is not None and bool(note["exports"]) != exported:
                continue
            notes.append(note)
        if wanted is not None:
            missing = wanted - {n["note_id"] for n in notes}
            if missing:
                raise RecordError(
                    f"Note(s) {', '.join(map(str, sorted(missing)))} cannot be exported: only "
                    "the latest approved version of a note, visible to you, can leave the "
                    "vault.")
        return notes

    def _approved_note(self, conn: Any, visit_id: int) -> dict[str, Any] | None:
        """The latest approved version of one visit's note, in the shape `note` returns."""
        row = conn.execute(LATEST_APPROVED + " AND n.visit_id = ?", (visit_id,)).fetchone()
        if row is None:
            return None
        content = json.loads(row[3])
        return {"id": row[0], "version": row[2], "status": "approved", "content": content,
                "amend_reason": row[4], "previous_id": row[5],
                "approval": {"at": row[6], "by": row[7], "content_hash": row[9]},
                "open_flags": 0}

    @owned
    def record_export(self, conn: Any, files: dict[int, str], fmt: str, destination: str,
                      file_hashes: dict[str, str], redacted: bool,
                      batch: int | None = None) -> None:
        """Log one finished batch: an exports row per note, the visits marked exported, and
        one audit entry naming every note, the format, the place and the files' hashes; the
        batch leaves the journal in the same transaction."""
        profile_id, actor, _ = self._profile(conn)
        notes = self.approved_notes(note_ids=files)  # re-entrant on the owner thread
        by_id = {n["note_id"]: n for n in notes}
        at = audit.now()
        with write(conn):
            if batch is not None:
                conn.execute("DELETE FROM export_batches WHERE id = ?", (batch,))
            for note_id, path in files.items():
                note = by_id[note_id]
                conn.execute("INSERT INTO exports (note_id, format, destination, content_hash, "
                             "exported_by, exported_at) VALUES (?, ?, ?, ?, ?, ?)",
                             (note_id, fmt, path, note["approval"]["content_hash"],
                              profile_id, at))
                self._set_state(conn, note["visit_id"], "exported")
            audit.append(conn, actor, "exported", "export", None,
                         {"notes": sorted(files),
                          "visits": sorted(n["visit_id"] for n in notes), "format": fmt,
                          "destination": destination,
                          "files": file_hashes, "redacted": redacted}, at=at)
        self.vault.publish()


    # -- export batches in progress (the journal) ---------------------------------------
    @owned
    def journal_export(self, conn: Any, batch: int | None, folder: str,
                       files: list[dict[str, Any]]) -> int:
        """Enter (or update) a batch in progress with every file it will leave behind."""
        files_json = json.dumps(files, ensure_ascii=False)
        with write(conn):
            if batch is None:
                batch = conn.execute("INSERT INTO export_batches (folder, files_json, "
                                     "started_at) VALUES (?, ?, ?)",
                                     (folder, files_json, audit.now())).lastrowid
            else:
                conn.execute("UPDATE export_batches SET files_json = ? WHERE id = ?",
                             (files_json, batch))
        return int(batch)

    @owned
    def end_export(self, conn: Any, batch: int) -> None:
        """A failed or cancelled batch has removed its own files: forget it."""
        with write(conn):
            conn.execute("DELETE FROM export_batches WHERE id = ?", (batch,))

    @owned
    def unfinished_exports(self, conn: Any) -> list[tuple[int, str, list[dict[str, Any]]]]:
        """Batches that neither finished nor failed cleanly: (id, folder, files)."""
        return [(r[0], r[1], json.loads(r[2])) for r in conn.execute(
            "SELECT id, folder, files_json FROM export_batches ORDER BY id")]

    @owned
    def unfinished_export_removed(self, conn: Any, batch: int, folder: str,
                                  removed: int) -> None:
        """What a killed batch left is gone: audit that, and forget the batch."""
        _, actor, _ = self._profile(conn)
        with write(conn):
            conn.execute("DELETE FROM export_batches WHERE id = ?", (batch,))
            audit.append(conn, actor, "interrupted export removed", "export", None,
                         {"folder": folder, "files_removed": removed})


def _exports_by_note(conn: Any) -> dict[int, list[dict[str, Any]]]:
    out: dict[int, list[dict[str, Any]]] = {}
    for note_id, fmt, destination, at, name in conn.execute(
            "SELECT e.note_id, e.format, e.destination, e.exported_at, p.name FROM exports e "
            "JOIN profiles p ON p.id = e.exported_by ORDER BY e.id"):
        out.setdefault(note_id, []).append({"format": fmt, "destination": destination,
                                            "at": at, "by": name})
    return out


def _approved(conn: Any, row: Any, exports: list[dict[str, Any]],
              with_edits: bool = True) -> dict[str, Any]:
    (note_id, visit_id, version, content_json, amend_reason, previous_id, approved_at,
     approved_by, attestation, approved_hash, reference, person, template, visit_at,
     practitioner, _) = row
    content = json.loads(content_json)
    if content_hash(content) != approved_hash:
        raise RecordError(f"Note {note_id} no longer matches what was approved (its hash "
                          "differs). Nothing was exported; check the vault with 'casenotes "
                          "audit verify' and restore from a backup.")
    amendment = None
    if previous_id is not None:
        amends = conn.execute("SELECT version FROM notes WHERE id = ?",
                              (previous_id,)).fetchone()
        amendment = {"reason": amend_reason, "amends_version": amends[0] if amends else None}
    edited, model = draft_edits(conn, note_id, visit_id, content, with_edits)
    return {"note_id": note_id, "visit_id": visit_id, "version": version, "case": reference,
            "person": person, "template": template, "visit_date": visit_at[:10],
            "practitioner": practitioner, "content": content,
            "model": content.get("model") or model,
            "edited_share": edited, "amendment": amendment,
            "approval": {"by": approved_by, "at": approved_at, "attestation": attestation,
                         "content_hash": approved_hash},
            "exports": exports}


def draft_edits(conn: Any, note_id: int, visit_id: int, content: dict[str, Any],
                with_edits: bool = True) -> tuple[float | None, str]:
    """How much of the note differs from the AI draft behind it (None when there is no draft,
    or not `with_edits`), and the draft's model. In the records store, which holds no drafts,
    both come from what was worked out when the note was published (published_notes)."""
    draft = conn.execute(
        "SELECT d.content_json, d.model FROM notes m JOIN drafts d ON d.id = m.draft_id "
        "WHERE m.visit_id = ? ORDER BY m.version DESC LIMIT 1", (visit_id,)).fetchone()
    if draft is None:
        row = conn.execute("SELECT edited_share, model FROM published_notes WHERE note_id = ?",
                           (note_id,)).fetchone()
        return (row[0] if with_edits else None, row[1]) if row else (None, "")
    if not with_edits:
        return None, draft[1]
    before, after = note_text(json.loads(draft[0])), note_text(content)
    return round(1 - difflib.SequenceMatcher(None, before, after).ratio(), 3), draft[1]
