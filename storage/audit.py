"""The hash-chained audit log: every change to the record appends one entry in the same
transaction as the change itself.

hash(n) = SHA-256(hash(n-1) + canonical JSON of entry n). Changing, removing or reordering any
entry breaks every hash after it, which `verify` reports in plain language.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import Any

GENESIS = "0" * 64


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _digest(prev_hash: str, entry: dict[str, Any]) -> str:
    canonical = json.dumps(entry, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256((prev_hash + canonical).encode("utf-8")).hexdigest()


def append(conn: Any, actor: str, action: str, entity: str, entity_id: int | None,
           details: dict[str, Any] | None = None, *, at: str | None = None) -> str:
    """Append one entry; call inside the transaction that makes the change."""
    row = conn.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    seq, prev_hash = (row[0] + 1, row[1]) if row else (1, GENESIS)
    entry = {"seq": seq, "at": at or now(), "actor": actor, "action": action, "entity": entity,
             "entity_id": entity_id, "details": details or {}}
    digest = _digest(prev_hash, entry)
    conn.execute(
        "INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, details_json, "
        "prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (seq, entry["at"], actor, action, entity, entity_id,
         json.dumps(entry["details"], sort_keys=True, ensure_ascii=False), prev_hash, digest))
    return digest


def verify(conn: Any) -> list[str]:
    """Return the problems found (empty when the chain is intact)."""
    problems: list[str] = []
    expected_prev, expected_seq = GENESIS, 1
    rows = conn.execute("SELECT seq, at, actor, action, entity, entity_id, details_json, "
                        "prev_hash, hash FROM audit_log ORDER BY seq")
    for seq, at, actor, action, entity, entity_id, details_json, prev_hash, digest in rows:
        if seq != expected_seq:
            problems.append(f"entry {expected_seq} is missing (the next entry is {seq})")
        if prev_hash != expected_prev:
            problems.append(f"entry {seq} does not follow on from the entry before it")
        entry = {"seq": seq, "at": at, "actor": actor, "action": action, "entity": entity,
                 "entity_id": entity_id, "details": json.loads(details_json)}
        if _digest(prev_hash, entry) != digest:
            problems.append(f"entry {seq} ({action} {entity} {entity_id}, {at}) was altered")
        expected_prev, expected_seq = digest, seq + 1
    return problems


def entries(conn: Any, visit_id: int | None = None) -> list[dict[str, Any]]:
    """All entries, or those about one visit (an entry names its visit in details, or its
    visits when it concerns several, as an export does)."""
    sql = "SELECT seq, at, actor, action, entity, entity_id, details_json FROM audit_log"
    args: tuple[Any, ...] = ()
    if visit_id is not None:
        sql += (" WHERE json_extract(details_json, '$.visit_id') = ? OR EXISTS (SELECT 1 FROM "
                "json_each(details_json, '$.visits') WHERE value = ?)")
        args = (visit_id, visit_id)
    return [{"seq": s, "at": a, "actor": ac, "action": act, "entity": e, "entity_id": i,
             "details": json.loads(d)}
            for s, a, ac, act, e, i, d in conn.execute(sql + " ORDER BY seq", args)]
