"""A practitioner's own casework database: their visits, audio, transcripts, drafts and notes
in ``casework-N.vault``, under a random key of its own.

Why: SQLCipher encrypts a whole database under one key, so a key slot that opens a database
reads all of it with a few lines of ``sqlcipher3``, whatever the software shows. A
practitioner's slot (storage/keys.py, "holds": "own") therefore holds the key of their own
casework database and the records key, and nothing that opens the owner's casework
(casenotes.vault) or another practitioner's. The owner's slots reach each practitioner's key
through its custodian wrap, for backups, restores and a passphrase set again (docs/security.md
says why the owner, and no one else, holds it).

Made by the owner's session when the practitioner is given a passphrase (nothing of theirs
exists before): the schema, what it is (``store_info``: role 'casework', its profile and its id
base, so its ids never collide in the records store: storage/publication.py), the profiles,
the retention periods, and a first audit entry, anchored in ``casework-N-anchor.json``. At
each of the practitioner's openings the profiles and retention periods are brought up to date
from the records store, which the owner's openings publish them into; the owner's openings
also apply retention to it (`retain`), as its practitioner's do. The owner's `rekey`
re-encrypts it under a new key (`rekey`), so a copy of the old one is of no more use.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from typing import Any

from storage import audit
from storage.anchor import Anchor
from storage.connection import connect
from storage.errors import VaultCorrupt
from storage.migrations import migrate
from storage.paths import DataDir, create_private
from storage.publication import ID_SPAN
from storage.records.base import write

CREATED = "casework created"


def create(paths: DataDir, vault_id: str, profile_id: int, key: bytes, owner: Any,
           actor: str) -> None:
    """Make practitioner `profile_id`'s casework database under `key`, from the owner's
    connection `owner` (profiles, retention periods)."""
    path = paths.casework(profile_id)
    create_private(path).close()
    conn = connect(path, key)
    try:
        migrate(conn)
        with write(conn):
            conn.executemany("INSERT INTO store_info (key, value) VALUES (?, ?)",
                             [("role", "casework"), ("profile", str(profile_id)),
                              ("id_base", str(profile_id * ID_SPAN)), ("vault_id", vault_id)])
            _take(conn, owner.execute("SELECT id, name, role, created_at FROM profiles"),
                  owner.execute("SELECT key, value FROM policy"))
            audit.append(conn, actor, CREATED, "profile", profile_id,
                         {"profile": profile_id, "anchored": True})
        Anchor(paths, vault_id, key, practitioner=profile_id).reset(conn)
    finally:
        conn.close()


def require(path: Path) -> None:
    """Before connecting (which would make an empty database): the file is there."""
    if not path.exists():
        raise VaultCorrupt(f"Your casework database ({path.name}) is missing. Ask the vault's "
                           "owner to restore the vault from a backup with 'casenotes restore "
                           "BACKUP'.")


def check(conn: Any, profile_id: int) -> None:
    """The database is practitioner `profile_id`'s casework (not a swapped-in file)."""
    row = conn.execute("SELECT value FROM store_info WHERE key = 'profile'").fetchone()
    if row is None or row[0] != str(profile_id):
        raise VaultCorrupt(f"casework-{profile_id}.vault is not this practitioner's casework. "
                           "Ask the vault's owner to restore it from a backup with 'casenotes "
                           "restore BACKUP'.")


def start(conn: Any, store: Any, profile_id: int) -> None:
    """At the practitioner's opening: their casework (`check`), brought up to date from the
    records store (`refresh`), which is opened here."""
    check(conn, profile_id)
    if store.conn is None:
        store.open()
    refresh(conn, store.conn)


def refresh(conn: Any, store: Any) -> None:
    """Bring the profiles and retention periods up to date from the records store."""
    profiles = store.execute("SELECT id, name, role, created_at FROM profiles").fetchall()
    policy = store.execute("SELECT key, value FROM policy").fetchall()
    have = (conn.execute("SELECT id, name, role, created_at FROM profiles").fetchall(),
            conn.execute("SELECT key, value FROM policy").fetchall())
    if set(profiles) <= set(have[0]) and set(policy) <= set(have[1]):
        return
    with write(conn):
        _take(conn, profiles, policy)


def _take(conn: Any, profiles: Any, policy: Any) -> None:
    conn.executemany("INSERT INTO profiles (id, name, role, created_at) VALUES (?, ?, ?, ?) "
                     "ON CONFLICT(id) DO UPDATE SET name = excluded.name, role = excluded.role",
                     list(profiles))
    conn.executemany("INSERT OR REPLACE INTO policy (key, value) VALUES (?, ?)", list(policy))


def key_for(path: Path, slots: Any, data_key: bytes, profile_id: int) -> bytes:
    """The custodian-held key that opens practitioner `profile_id`'s casework at `path`: the
    one kept, or of two (a re-encryption cut short) the one the file opens with."""
    keys = slots.custodian_keys(data_key, profile_id)
    for key in keys[:-1]:
        try:
            connect(path, key).close()
            return key
        except VaultCorrupt:
            continue
    return keys[-1]


def rekey(paths: DataDir, slots: Any, data_key: bytes, profile_id: int, actor: str) -> None:
    """Re-encrypt practitioner `profile_id`'s casework under a new key (owner's `rekey`):
    the new key is kept beside the old first, the anchor sealed under both while it runs, and
    the old one dropped once done, so a crash at any point leaves a key that opens it."""
    path = paths.casework(profile_id)
    old = key_for(path, slots, data_key, profile_id)
    new = os.urandom(32)
    slots.set_custodian(data_key, profile_id, new, keep=True)
    slots.save(paths.keyslots)
    was = Anchor(paths, slots.vault_id, old, practitioner=profile_id)
    anchor = Anchor(paths, slots.vault_id, new, practitioner=profile_id)
    conn = connect(path, old)
    try:
        was.reset(conn, was.keys + anchor.keys)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute(f"PRAGMA rekey = \"x'{new.hex()}'\"")
        conn.execute("PRAGMA journal_mode = WAL")
    finally:
        conn.close()
    slots.set_custodian(data_key, profile_id, new)
    slots.save(paths.keyslots)
    conn = connect(path, new)
    try:
        with write(conn):
            audit.append(conn, actor, "casework re-encrypted", "profile", profile_id, {})
        anchor.reset(conn)
    finally:
        conn.close()


def after_restore(paths: DataDir, slots: Any, data_key: bytes) -> None:
    """After a restore (owner's session): each practitioner's casework restored with it gets
    the audit entry and a fresh anchor (the one beside the replaced vault went with it), and
    its approved notes are published into the records store built again from the backup."""
    from storage.keys import records_key
    from storage.publication import Source
    from storage.records_store import RecordsStore

    for profile_id in slots.custodians():
        if not paths.casework(profile_id).exists():
            continue
        key = key_for(paths.casework(profile_id), slots, data_key, profile_id)
        conn = connect(paths.casework(profile_id), key)
        store = RecordsStore(paths, slots.vault_id, records_key(data_key), Source(profile_id))
        try:
            with write(conn):
                audit.append(conn, "system", "restored from backup", "vault", None, {})
            Anchor(paths, slots.vault_id, key, practitioner=profile_id).reset(conn)
            store.sync(conn)
        finally:
            store.close()
            conn.close()


def retain(paths: DataDir, slots: Any, data_key: bytes, owner: Any, actor: str,
           now: datetime | None = None) -> dict[str, int]:
    """At the owner's opening (the owner holds every practitioner's key): retention on each
    practitioner's casework, so one who stops opening Casenotes keeps nothing past its
    period. Their retention periods are first brought up to date from the owner's `owner`
    connection; the same rules as at their own opening (storage/retention.py), each deletion
    in their own log as the owner's (`actor`, "run_by": "owner"), their anchor moved on and
    the deletions published. A casework whose log has lost its end is left as evidence, and
    one missing or not theirs is left for their own opening to report."""
    from storage import retention
    from storage.connection import is_corruption
    from storage.keys import records_key
    from storage.publication import Source
    from storage.records_store import RecordsStore

    done = {"recordings": 0, "transcripts": 0}
    for profile_id in slots.custodians():
        path = paths.casework(profile_id)
        if not path.exists():
            continue
        try:
            key = key_for(path, slots, data_key, profile_id)
            conn = connect(path, key)
        except VaultCorrupt:
            continue
        try:
            check(conn, profile_id)
            anchor = Anchor(paths, slots.vault_id, key, practitioner=profile_id)
            if anchor.problems(conn):
                continue
            refresh(conn, owner)
            deleted = retention.run(conn, now, actor, {"run_by": "owner"})
            anchor.refresh(conn)
            if any(deleted.values()):
                store = RecordsStore(paths, slots.vault_id, records_key(data_key),
                                     Source(profile_id))
                try:
                    store.sync(conn)
                finally:
                    store.close()
            anchor.refresh(conn)
            done = {name: done[name] + deleted[name] for name in done}
        except Exception as exc:  # a damaged casework must not keep the owner out
            if not (isinstance(exc, VaultCorrupt) or is_corruption(exc)):
                raise
        finally:
            conn.close()
    return done
