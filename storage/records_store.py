"""The records store: approved notes, published out of the casework databases (the owner's and
each practitioner's own) into a database of their own (``records.vault``), under a key a team
lead's slot holds without the data key, and a practitioner's beside their own casework key.

Why it exists: a key slot that unwraps the casework database's data key reads everything in
it with a few lines of ``sqlcipher3``, whatever the software shows. A team lead may read
approved notes, so their slot holds only the *records key* (storage/keys.py), which opens
this store and nothing else; the drafts, transcripts and audio stay where it cannot reach.

What is published: every profile (names and roles) and, for each visit with an approved note,
its case, the visit row, every approved version of its note with its approval, each note's
edited share and model (worked out from the draft, which stays behind), those notes' export
log, the retention periods, the search index of those visits and notes, and the visit's audit
entries, replayed into the store's own hash chain (each naming the casework entry it copies:
``casework_seq``). Never audio, transcripts, segments, drafts, unapproved notes, voice
profiles, vocabulary or export batches.

Publishing is idempotent and needs no ordering with the casework commit it follows: the
approval commits in the casework database, then the store is brought up to date in one
transaction of its own. A crash between the two leaves the note unpublished until the next
opening of that casework database (every opening publishes; so do approving, exporting,
adding a member and locking). Each casework database publishes only its own rows
(storage/publication.py: `Source`).

The other way: what a team lead does in the store (exports, changing their passphrase) is in
its chain, and is taken into the casework database whose visits it concerns at its next
opening (`take_in`), with its actor and time, tagged with the store's id and the entry's
number so it is taken in once.

A store that does not open with the records key (damaged, or left by a rekey cut short), or
whose published notes no longer match the casework database (altered by someone holding the
records key), is moved aside, never deleted (``records-set-aside.N/``), and built again.
While the casework log has lost its end (storage/anchor.py: a rollback, a deleted journal)
nothing is taken in or published (storage/vault.py): both stay as they are, as evidence,
until the owner restores a backup or accepts the log.
"""

from __future__ import annotations

import json
import os
import uuid
from pathlib import Path
from typing import Any

from storage import audit
from storage.anchor import ANCHORED, Anchor
from storage.connection import connect
from storage.errors import VaultCorrupt
from storage.migrations import migrate
from storage.paths import PRIVATE_DIR, DataDir, create_private, fsync_dir
from storage.publication import Known, Source, altered, copy, published_rows, replay
from storage.records.base import write

_BOOKKEEPING = (ANCHORED, "audit anchor reset")
_FILES = ("records.vault", "records.vault-wal", "records.vault-shm", "records-anchor.json")


class Altered(Exception):
    """The store's copy of an approved note differs from the casework database's."""


def connect_store(path: Path, key: bytes) -> Any:
    """A connection to an existing records store, its schema brought up to date; VaultCorrupt
    when the key does not open it or it is not a records store."""
    conn = connect(path, key)
    try:
        migrate(conn)
        row = conn.execute("SELECT value FROM store_info WHERE key = 'role'").fetchone()
    except Exception:
        conn.close()
        raise
    if row is None or row[0] != "records":
        conn.close()
        raise VaultCorrupt(f"{path.name} is not a Casenotes records store.")
    return conn


class RecordsStore:
    """The store as a casework session sees it: opened and used on the vault's owner thread,
    beside the casework connection (the owner's, or a practitioner's own: `source`), with the
    records key."""

    def __init__(self, paths: DataDir, vault_id: str, key: bytes,
                 source: Source | None = None) -> None:
        self.paths = paths
        self.vault_id = vault_id
        self.key = key
        self.source = source or Source()
        self.anchor = Anchor(paths, vault_id, key, records=True)
        self.conn: Any = None
        self.set_aside: list[tuple[Path, str]] = []  # (folder, why) of stores moved aside

    # -- opening -------------------------------------------------------------------------
    def open(self) -> None:
        if self.paths.records.exists():
            try:
                self.conn = connect_store(self.paths.records, self.key)
                return
            except VaultCorrupt:
                self._move_aside("it does not open with this vault's records key")
        self._create()

    def _create(self) -> None:
        create_private(self.paths.records).close()
        self.conn = connect_store_new(self.paths.records, self.key, self.vault_id)
        self.anchor.reset(self.conn)

    def _move_aside(self, why: str) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None
        n = 1
        while True:
            folder = self.paths.root / f"records-set-aside.{n}"
            try:
                folder.mkdir(mode=PRIVATE_DIR)
                break
            except FileExistsError:
                n += 1
        for name in _FILES:
            if (self.paths.root / name).exists():
                os.replace(self.paths.root / name, folder / name)
        fsync_dir(folder)
        fsync_dir(self.paths.root)
        self.set_aside.append((folder, why))

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def store_id(self) -> str:
        row = self.conn.execute("SELECT value FROM store_info WHERE key = 'store_id'").fetchone()
        return str(row[0])

    # -- both ways ---------------------------------------------------------------------------
    def sync(self, casework: Any, actor: str = "system", problems: list[str] | None = None
             ) -> None:
        """Take in what was done in the store, then publish; a store found altered is moved
        aside and built again. Audited in the casework log when a store is set aside. With
        `problems` (the casework log has lost its end) neither: they are reported to the
        store, for a team lead's `audit verify`, and both are left as evidence."""
        if self.conn is None:
            self.open()
        if problems:
            with write(self.conn):
                self.conn.execute("INSERT OR REPLACE INTO store_info (key, value) VALUES "
                                  "(?, ?)", (self.source.key("casework_problems"),
                                             json.dumps(problems)))
            return
        self.take_in(casework)
        try:
            self.publish(casework)
        except Altered as exc:
            self._move_aside(str(exc))
            self._create()
            self.publish(casework)
        for folder, why in self.set_aside:
            with write(casework):
                audit.append(casework, actor, "records store set aside", "vault", None,
                             {"folder": folder.name, "why": why})
        self.set_aside.clear()

    def take_in(self, casework: Any) -> int:
        """Append to the casework log what was done in the store and is not yet there (with
        an export, its rows); return how many entries were taken in."""
        sid = self.store_id()
        taken = {int(r[0]) for r in casework.execute(
            "SELECT json_extract(details_json, '$.records_seq') FROM audit_log "
            "WHERE json_extract(details_json, '$.records_store') = ?", (sid,))}
        new = [r for r in self.conn.execute(
            "SELECT seq, at, actor, action, entity, entity_id, details_json FROM audit_log "
            "WHERE json_extract(details_json, '$.casework_seq') IS NULL AND action NOT IN "
            "(?, ?) ORDER BY seq", _BOOKKEEPING)
            if r[0] not in taken and self.source.wants(json.loads(r[6]))]
        if not new:
            return 0
        with write(casework):
            for seq, at, actor, action, entity, entity_id, details_json in new:
                details = json.loads(details_json)
                if action == "exported":
                    self._take_in_exports(casework, details, at)
                audit.append(casework, actor, action, entity, entity_id,
                             {**details, "records_store": sid, "records_seq": seq}, at=at)
        return len(new)

    def _take_in_exports(self, casework: Any, details: dict[str, Any], at: str) -> None:
        notes = [int(n) for n in details.get("notes", []) if self.source.holds(int(n))]
        marks = ", ".join("?" * len(notes))
        for row in self.conn.execute(
                "SELECT note_id, format, destination, content_hash, exported_by, exported_at "
                f"FROM exports WHERE exported_at = ? AND note_id IN ({marks})", (at, *notes)):
            if casework.execute("SELECT 1 FROM exports WHERE note_id = ? AND format = ? AND "
                                "destination = ? AND exported_by = ? AND exported_at = ?",
                                (row[0], row[1], row[2], row[4], row[5])).fetchone() is None:
                casework.execute("INSERT INTO exports (note_id, format, destination, "
                                 "content_hash, exported_by, exported_at) VALUES "
                                 "(?, ?, ?, ?, ?, ?)", row)
        for visit_id in [v for v in details.get("visits", []) if self.source.holds(v)]:
            casework.execute("UPDATE visits SET state = 'exported', updated_at = ? WHERE id = ?",
                             (audit.now(), int(visit_id)))

    def publish(self, casework: Any) -> None:
        """Bring the store up to date with the casework database's approved notes, in one
        transaction of the store's; doing it twice changes nothing."""
        if self.conn is None:
            self.open()
        conn, source = self.conn, self.source
        known = Known.of(conn, source)
        casework.execute("BEGIN")  # one consistent view of the casework database
        try:
            rows = published_rows(casework, known, source)
        finally:
            casework.execute("COMMIT")
        why = altered(rows)
        if why:
            raise Altered(why)
        with write(conn):
            copy(conn, rows, source)
            replay(conn, rows, self.store_id(), source)
            conn.execute("INSERT OR REPLACE INTO store_info (key, value) VALUES (?, ?)",
                         (source.key("casework_seen"), str(rows["seen"])))
            conn.execute("DELETE FROM store_info WHERE key = ?",
                         (source.key("casework_problems"),))
        self.anchor.refresh(conn)

    # -- rekey -----------------------------------------------------------------------------
    def rekey(self, new_key: bytes) -> None:
        """Re-encrypt the store under the records key of a new data key. A crash part-way
        leaves a store the new key does not open: it is set aside and built again."""
        conn = self.conn
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute(f"PRAGMA rekey = \"x'{new_key.hex()}'\"")
        conn.execute("PRAGMA journal_mode = WAL")
        self.key = new_key
        self.anchor = Anchor(self.paths, self.vault_id, new_key, records=True)
        self.anchor.reset(conn)


def reported_problems(conn: Any) -> list[str]:
    """What the casework database last reported of its log's lost end (see `sync`)."""
    return [str(p) for row in conn.execute(
        "SELECT value FROM store_info WHERE key = 'casework_problems' OR key LIKE "
        "'casework_problems:%' ORDER BY key") for p in json.loads(row[0])]


def connect_store_new(path: Path, key: bytes, vault_id: str) -> Any:
    """Make the schema in a new, empty records store and say what it is."""
    conn = connect(path, key)
    try:
        migrate(conn)
        with write(conn):
            conn.executemany("INSERT INTO store_info (key, value) VALUES (?, ?)",
                             [("role", "records"), ("store_id", str(uuid.uuid4())),
                              ("vault_id", vault_id)])
            audit.append(conn, "system", ANCHORED, "vault", None, {"records_store": True})
    except Exception:
        conn.close()
        raise
    return conn
