"""Retention: delete what the policy says is no longer needed, and audit every deletion.

Defaults (the `policy` table, per vault): audio 30 days after the note is approved;
transcript segments 30 days after the note is exported. Approved notes and the audit log are
kept. With `secure_delete` on, deleted audio is overwritten rather than left in free pages,
and the full-text indexes are rebuilt so deleted words do not linger in them.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from storage import audit
from storage.records import write


def _policy_days(conn: Any, key: str, default: int) -> int:
    row = conn.execute("SELECT value FROM policy WHERE key = ?", (key,)).fetchone()
    try:
        return int(row[0]) if row else default
    except ValueError:
        return default


POLICY_KEYS = {"audio": "retention.audio_days_after_approval",
               "transcripts": "retention.transcript_days_after_export"}


def policy(conn: Any) -> dict[str, int]:
    return {name: _policy_days(conn, key, 30) for name, key in POLICY_KEYS.items()}


def set_policy(conn: Any, actor: str, **days: int) -> dict[str, int]:
    """Change retention periods (days); audited. Unknown names or negative days are refused."""
    from storage.errors import RecordError

    for name, value in days.items():
        if name not in POLICY_KEYS or value < 0:
            raise RecordError("Retention periods are whole days, 0 or more, for 'audio' and "
                              "'transcripts'.")
    with write(conn):
        for name, value in days.items():
            conn.execute("INSERT OR REPLACE INTO policy (key, value) VALUES (?, ?)",
                         (POLICY_KEYS[name], str(value)))
        audit.append(conn, actor, "retention policy changed", "vault", None, dict(days))
    return policy(conn)


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def run(conn: Any, now: datetime | None = None, actor: str = "retention",
        details: dict[str, Any] | None = None) -> dict[str, int]:
    """Apply the policy once; return what was deleted. Runs on the vault's owner thread.
    `details` go on each deletion's audit entry (who ran it, when not the vault's own user)."""
    extra = details or {}
    now = now or datetime.now(UTC)
    audio_cutoff = _iso(now - timedelta(days=_policy_days(
        conn, "retention.audio_days_after_approval", 30)))
    transcript_cutoff = _iso(now - timedelta(days=_policy_days(
        conn, "retention.transcript_days_after_export", 30)))
    recordings = conn.execute(
        "SELECT r.id, r.visit_id FROM recordings r WHERE r.deleted_at IS NULL AND EXISTS ("
        " SELECT 1 FROM notes n JOIN approvals a ON a.note_id = n.id"
        " WHERE n.visit_id = r.visit_id AND a.approved_at < ?)", (audio_cutoff,)).fetchall()
    transcripts = conn.execute(
        "SELECT t.id, t.visit_id FROM transcripts t WHERE t.deleted_at IS NULL AND EXISTS ("
        " SELECT 1 FROM notes n JOIN exports e ON e.note_id = n.id"
        " WHERE n.visit_id = t.visit_id AND e.exported_at < ?)",
        (transcript_cutoff,)).fetchall()
    stamp = _iso(now)
    with write(conn):
        for rid, visit_id in recordings:
            size = conn.execute("SELECT coalesce(sum(length(data)), 0) FROM audio_chunks "
                                "WHERE recording_id = ?", (rid,)).fetchone()[0]
            # Marked deleted first: the store lets only a deleted recording lose its audio.
            conn.execute("UPDATE recordings SET deleted_at = ? WHERE id = ?", (stamp, rid))
            conn.execute("DELETE FROM audio_chunks WHERE recording_id = ?", (rid,))
            audit.append(conn, actor, "audio deleted (retention)", "recording", rid,
                         {"visit_id": visit_id, "bytes": size, **extra})
        for tid, visit_id in transcripts:
            count = conn.execute("SELECT count(*) FROM segments WHERE transcript_id = ?",
                                 (tid,)).fetchone()[0]
            conn.execute("UPDATE transcripts SET deleted_at = ? WHERE id = ?", (stamp, tid))
            conn.execute("DELETE FROM segment_search WHERE rowid >= ? AND rowid < ?",
                         (tid << 20, (tid + 1) << 20))
            conn.execute("DELETE FROM segments WHERE transcript_id = ?", (tid,))
            audit.append(conn, actor, "transcript deleted (retention)", "transcript", tid,
                         {"visit_id": visit_id, "segments": count, **extra})
    if transcripts:
        conn.execute("INSERT INTO segment_search (segment_search) VALUES ('optimize')")
    if recordings or transcripts:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return {"recordings": len(recordings), "transcripts": len(transcripts)}
