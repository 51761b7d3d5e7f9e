"""Audio in the case record: recordings and their chunks, committed as they arrive."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from storage import audit
from storage.errors import RecordError
from storage.records.base import RecordBase, owned, write

IMPORT_PIECE = 1 << 20  # imported files are stored in 1 MB pieces


class AudioRecords(RecordBase):
    @owned
    def start_recording(self, conn: Any, visit_id: int, source: str, codec: str, *,
                        filename: str | None = None, sample_rate: int | None = None) -> int:
        self._visit_row(conn, visit_id)
        self._refuse_if_approved(conn, visit_id)
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
    def finish_recording(self, conn: Any, recording_id: int, recovered: bool = False) -> None:
        row = conn.execute("SELECT visit_id FROM recordings WHERE id = ?",
                           (recording_id,)).fetchone()
        if not row:
            raise RecordError(f"There is no recording {recording_id}.")
        self._visit_row(conn, row[0])
        _, actor = self._current(conn)
        chunks, size = conn.execute("SELECT count(*), coalesce(sum(length(data)), 0) FROM "
                                    "audio_chunks WHERE recording_id = ?",
                                    (recording_id,)).fetchone()
        with write(conn):
            conn.execute("UPDATE recordings SET finished_at = ? WHERE id = ?",
                         (audit.now(), recording_id))
            if not self._has_approved_note(conn, row[0]):  # an approved visit keeps its state
                self._set_state(conn, row[0], "recorded")
            action = "recording recovered after an interruption" if recovered else \
                "recording finished"
            audit.append(conn, actor, action, "recording", recording_id,
                         {"visit_id": row[0], "chunks": chunks, "bytes": size})

    def import_file(self, visit_id: int, path: Path) -> int:
        """Copy a recording file into the vault, whole, in one transaction."""
        data = path.read_bytes()
        return self._import_bytes(visit_id, path.name, data)

    @owned
    def _import_bytes(self, conn: Any, visit_id: int, filename: str, data: bytes) -> int:
        self._visit_row(conn, visit_id)
        self._refuse_if_approved(conn, visit_id)
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
        row = conn.execute("SELECT codec, deleted_at, visit_id FROM recordings WHERE id = ?",
                           (recording_id,)).fetchone()
        if not row:
            raise RecordError(f"There is no recording {recording_id}.")
        self._visit_row(conn, row[2])
        if row[1]:
            raise RecordError(f"The audio of recording {recording_id} was deleted on "
                              f"{row[1][:10]} under the retention policy.")
        chunks = [bytes(r[0]) for r in conn.execute(
            "SELECT data FROM audio_chunks WHERE recording_id = ? ORDER BY seq",
            (recording_id,))]
        return row[0], chunks

    @owned
    def latest_recording(self, conn: Any, visit_id: int) -> int:
        self._visit_row(conn, visit_id)
        row = conn.execute("SELECT id FROM recordings WHERE visit_id = ? AND deleted_at IS NULL "
                           "ORDER BY id DESC LIMIT 1", (visit_id,)).fetchone()
        if not row:
            raise RecordError(f"Visit {visit_id} has no recording yet. Import one with "
                              f"'casenotes visit import {visit_id} FILE'.")
        return int(row[0])

    @owned
    def unfinished_recordings(self, conn: Any) -> list[dict[str, Any]]:
        """The current practitioner's recordings that were never stopped (a crash)."""
        profile_id, _, role = self._profile(conn)
        if role != "practitioner":
            return []
        return [{"id": r[0], "visit_id": r[1], "started_at": r[2], "chunks": r[3]}
                for r in conn.execute(
                    "SELECT r.id, r.visit_id, r.started_at, count(a.seq) FROM recordings r "
                    "LEFT JOIN audio_chunks a ON a.recording_id = r.id "
                    "JOIN visits v ON v.id = r.visit_id "
                    "WHERE r.finished_at IS NULL AND v.practitioner_id = ? GROUP BY r.id",
                    (profile_id,))]
