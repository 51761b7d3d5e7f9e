"""The encrypted vault: one SQLCipher 4 database, opened with a raw 256-bit data key.

One owner: the connection is created and used only on the vault's own thread; any thread may
call `run(fn)`, which executes ``fn(conn)`` there and returns its result (Anki's single-worker
pattern). Locking closes the connection and drops the key from this object.

Durability: WAL journal with synchronous=FULL, so every committed audio chunk, transcript and
approval survives a crash or power cut; `secure_delete` overwrites deleted content so removed
audio does not linger in free pages.

Anchored log: after every commit that adds audit entries, the log's last entry is sealed
into audit-anchor.json (storage/anchor.py), so entries cut from the end are seen.

Roles: changing keys and writing backups belong to the owner (storage/roles.py); a member may
change only their own slot's passphrase. Every key operation's audit entry names the person.

Which database, by what the opening key holds (storage/keys.py): the data key (the owner's
slots, or a practitioner's slot an older Casenotes made) opens the owner's casework database,
a practitioner's own key their own (storage/practitioners.py); beside either, on the same
thread, the records store of approved notes is kept up to date (storage/records_store.py).
With only the records key (a team lead's slot) the vault *is* the records store: the same
schema, holding only what was published, read as a casework database is read.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

from storage import anchor, backup, practitioners, vault_keys
from storage.anchor import Anchor
from storage.attempts import Attempts, Tally
from storage.connection import RESTORE_HINT, connect, corrupt, is_corruption
from storage.errors import (
    VaultCorrupt,
    VaultError,
    VaultExists,
    VaultLocked,
    VaultMissing,
    WrongPassphrase,
)
from storage.keys import (
    CASEWORK,
    OWN,
    RECORDS,
    KeySlots,
    add_keyring_slot,
    new_data_key,
    records_key,
    unlock_key,
)
from storage.migrations import migrate
from storage.paths import DataDir, create_private
from storage.publication import Source
from storage.records_store import RecordsStore, connect_store, reported_problems
from storage.recovery_key import new_recovery_key
from storage.roles import owner_only, who
from storage.strength import check_passphrase
from storage.vault_keys import audited as _audited

T = TypeVar("T")


class Vault:
    """Use `Vault.create` or `Vault.open`; close with `lock()`."""

    def __init__(self, paths: DataDir, slots: KeySlots, data_key: bytes,
                 profile_id: int | None = None, holding: str = CASEWORK) -> None:
        self.paths = paths
        self.slots = slots
        self.holds = holding  # CASEWORK (data key), OWN (own key + records key), RECORDS
        db_key, store_key = ((data_key[:32], data_key[32:]) if holding == OWN
                             else (data_key, records_key(data_key)))
        self.db = {RECORDS: paths.records, CASEWORK: paths.vault}.get(holding) or \
            paths.casework(profile_id or 0)
        self.store = (RecordsStore(paths, slots.vault_id, store_key,
                                   Source(profile_id if holding == OWN else None))
                      if holding != RECORDS else None)
        # Whose passphrase opened the vault: None for the owner's slots (passphrase, recovery
        # key, keyring), else the profile id of a member's own passphrase slot.
        self.profile_id = profile_id
        self.replaced: Path | None = None  # after `restore`: where the vault it replaced is kept
        self.earlier_failures = Tally()    # wrong passphrases tried since the last unlock
        self._key: bytes | None = data_key
        self._db_key = db_key
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="vault")
        self._owner: threading.Thread | None = None
        self._conn: Any = None
        self._anchor = Anchor(paths, slots.vault_id, db_key, records=holding == RECORDS,
                              practitioner=profile_id if holding == OWN else None)
        try:
            self.run(self._start)
        except BaseException:
            self._key = None
            self._executor.shutdown(wait=False)
            raise

    def _start(self, _conn: Any) -> None:
        self._owner = threading.current_thread()
        assert self._key is not None
        if self.holds == OWN:
            practitioners.require(self.db)
        if self.store is None:
            if not self.db.exists():
                raise VaultMissing(
                    "The approved notes have not been published on this computer yet. Ask "
                    "the vault's owner or a practitioner to open Casenotes once, then try "
                    "again.")
            self.paths.make_private()
            self._conn = connect_store(self.db, self._key)
        else:
            if not self.db.exists():  # a new vault: 0600 from the first byte
                create_private(self.db).close()
            self.paths.make_private()
            self._conn = connect(self.db, self._db_key)
        try:
            migrate(self._conn)
            if self.holds == OWN:  # theirs? then the profiles and retention periods
                assert self.store is not None and self.profile_id is not None
                practitioners.start(self._conn, self.store, self.profile_id)
            # Cheap probe instead of a full check (which costs ~1.3 s per 100 MB): the newest
            # audit entry sits at the end of the file, where truncation bites first.
            self._conn.execute("SELECT max(seq), count(*) FROM audit_log").fetchone()
            if self.store is not None:  # take in what a team lead did, then publish
                self.store.sync(self._conn, problems=self._anchor.problems(self._conn))
            self._settle_anchor(self._conn)
        except Exception as exc:
            self._conn.close()
            if self.store is not None:
                self.store.close()
            if is_corruption(exc):
                raise corrupt(self.db) from exc
            raise

    def _settle_anchor(self, conn: Any) -> None:
        """Anchor a log that never was (a vault from before anchors), or let the anchor catch
        up with commits a crash kept it from recording; a log that has lost its end is left
        as it is, for `audit verify` to report (storage/anchor.py)."""
        if anchor.head(conn) is None:
            return  # a new vault: anchored once its first entry is written
        if not self._anchor.file.exists() and not anchor.expected(conn):
            _audited(conn, "system", anchor.ANCHORED, "vault", None, {})
            self._anchor.reset(conn)
        else:
            self._anchor.refresh(conn)

    # -- the owner thread ----------------------------------------------------------------
    def run(self, fn: Callable[[Any], T]) -> T:
        """Run ``fn(connection)`` on the vault's own thread and return its result."""
        if threading.current_thread() is self._owner:
            return self._guarded(fn)
        if self._key is None and self._owner is not None:
            raise VaultLocked("The vault is locked. Unlock it to continue.")
        return self._executor.submit(lambda: self._guarded(fn)).result()

    def _guarded(self, fn: Callable[[Any], T]) -> T:
        conn = self._conn
        changes = conn.total_changes if conn is not None else None
        try:
            return fn(conn)
        except Exception as exc:
            if is_corruption(exc):
                raise corrupt(self.db) from exc
            raise
        finally:
            if changes is not None and self._conn is conn and not conn.in_transaction \
                    and conn.total_changes != changes:
                self._after_commit(conn)

    def _after_commit(self, conn: Any) -> None:
        """Move the audit anchor to the log's new end. A failure here cannot undo the commit
        it follows, so it is not raised: the anchor, one commit behind, catches up later."""
        try:
            self._anchor.refresh(conn)
        except OSError:
            pass

    def anchor_problems(self) -> list[str]:
        """Entries missing from the end of the audit log, or a rolled-back vault, in words; in
        a team lead's session, those of the records store and those the casework database
        last reported to it."""
        return self.run(lambda conn: self._anchor.problems(conn) + (
            reported_problems(conn) if self.store is None else []))

    def accept_log(self) -> list[str]:
        """Anchor the log as it now stands, after its shortening has been looked into (an
        older copy put back on purpose); audited with what the anchor said was missing."""
        self.require_owner("accept a shortened audit log")
        problems = self.anchor_problems()
        if not problems:
            raise VaultError("The audit log matches its anchor: there is nothing to accept.")

        def accept(conn: Any) -> None:
            if self.store is not None:  # publishing waited for this; a store holding notes
                self.store.sync(conn)   # of the abandoned history is set aside first
            _audited(conn, self.actor(conn), "audit anchor reset", "vault", None,
                     {"problems": problems})
            self._anchor.reset(conn)
        self.run(accept)
        return problems

    def publish(self) -> None:
        """Bring the records store up to date (after an approval, an export, a new member).
        A failure cannot undo the commit it follows and is not raised: the next opening
        publishes (storage/records_store.py)."""
        store = self.store
        if store is None or self._key is None:
            return
        try:
            self.run(lambda conn: None if self._anchor.problems(conn) else store.publish(conn))
        except Exception:  # noqa: BLE001 - healed at the next opening, as a crash would be
            pass

    def check_integrity(self) -> list[str]:
        """A full structural check of every page: problems found, empty when sound."""
        rows = self.run(lambda conn: conn.execute("PRAGMA quick_check(20)").fetchall())
        return [] if [r[0] for r in rows] == ["ok"] else [r[0] for r in rows]

    @property
    def locked(self) -> bool:
        return self._key is None

    @property
    def is_owner(self) -> bool:
        """Whether the owner's slots (passphrase, recovery key, keyring) unlocked the vault."""
        return self.profile_id is None

    def require_owner(self, what: str) -> None:
        """Refuse (NotPermitted) unless the owner unlocked the vault; `what` completes
        "Only the vault's owner can ...", e.g. "write a backup"."""
        if not self.is_owner:
            raise owner_only(what)

    @property
    def key(self) -> bytes:
        """The key this session opened with (the data key, or a team lead's records key)."""
        if self._key is None:
            raise VaultLocked("The vault is locked. Unlock it to continue.")
        return self._key

    @property
    def anchor(self) -> Anchor:
        return self._anchor

    def rekeyed(self, slots: KeySlots, key: bytes, anchor_: Anchor) -> None:
        """After `rekey` (storage/vault_keys.py): the new slots, data key and anchor."""
        self.slots, self._key, self._db_key, self._anchor = slots, key, key, anchor_

    def actor(self, conn: Any) -> str:
        """The name for the audit log: the profile whose slot unlocked the vault."""
        profile = who(conn, self.profile_id)
        return profile[1] if profile else "system"

    def lock(self) -> None:
        """Close the database and forget the key. Safe to call twice."""
        if self._key is None:
            return

        def close(conn: Any) -> None:
            if self.store is not None:
                if conn is not None:
                    try:
                        if not self._anchor.problems(conn):
                            self.store.publish(conn)
                    except Exception:  # noqa: BLE001 - locking must not fail; see publish()
                        pass
                self.store.close()
            if conn is not None:
                conn.close()
            self._conn = None

        self.run(close)
        self._key, self._db_key = None, b""
        self._executor.shutdown(wait=True)

    # -- creating and opening ------------------------------------------------------------
    @classmethod
    def create(cls, paths: DataDir, passphrase: str, *, use_keyring: bool = True,
               scrypt: dict[str, int] | None = None) -> tuple[Vault, str]:
        """Make a new vault; return it and the recovery key (shown once, never stored)."""
        if paths.vault.exists() or paths.keyslots.exists():
            raise VaultExists(f"There is already a vault in {paths.root}. Open it, or choose "
                              "another folder with --data-dir.")
        check_passphrase(passphrase)
        paths.ensure()
        data_key = new_data_key()
        recovery_key = new_recovery_key()
        slots = KeySlots.create(data_key, passphrase, recovery_key, scrypt=scrypt)
        if use_keyring:
            add_keyring_slot(slots, data_key)
        slots.save(paths.keyslots)
        vault = cls(paths, slots, data_key)

        def created(conn: Any) -> None:
            _audited(conn, "system", "vault created", "vault", None,
                     {"slots": [s["type"] for s in slots.slots], "anchored": True})
            vault._anchor.reset(conn)
        vault.run(created)
        return vault, recovery_key

    @classmethod
    def open(cls, paths: DataDir, *, passphrase: str | None = None,
             recovery_key: str | None = None, use_keyring: bool = True) -> Vault:
        """Unlock with the keyring (if allowed and present), a passphrase or the recovery key."""
        if not paths.vault.exists() or not paths.keyslots.exists():
            if paths.vault.exists() or paths.keyslots.exists():
                raise VaultCorrupt(f"Part of the vault in {paths.root} is missing. "
                                   f"{RESTORE_HINT}")
            raise VaultMissing(f"There is no vault in {paths.root} yet. Create one with "
                               "'casenotes init'.")
        pending_path = paths.keyslots.with_name("keyslots.json.next")
        candidates = [(KeySlots.load(paths.keyslots), paths.keyslots)]
        if pending_path.exists():  # a rekey was interrupted: the new key may be the live one
            candidates.insert(0, (KeySlots.load(pending_path), pending_path))
        written = {source: slots.to_json() for slots, source in candidates}
        keys: list[tuple[KeySlots, Path, tuple[bytes, int | None, str]]] = []
        wrong: WrongPassphrase | None = None
        attempts = Attempts(paths)
        with attempts.turn():  # one guess at a time, counted (storage/attempts.py)
            if passphrase is not None or recovery_key is not None:
                attempts.check()
            for slots, source in candidates:
                try:
                    key = unlock_key(slots, passphrase, recovery_key, use_keyring)
                except WrongPassphrase as exc:
                    wrong = exc
                    continue
                keys.append((slots, source, key))
            if not keys:
                attempts.failed()
                raise wrong or WrongPassphrase("That passphrase is not right.")
            earlier = attempts.succeeded()
        failure: VaultCorrupt | None = None
        for slots, source, key in keys:
            try:
                vault = cls(paths, slots, key[0], key[1], key[2])
            except VaultCorrupt as exc:
                failure = exc
                continue
            if slots.to_json() != written[source]:  # a slot gained its check (keys.py)
                slots.save(source)
            if source == pending_path:
                os.replace(pending_path, paths.keyslots)
            else:
                pending_path.unlink(missing_ok=True)
            if earlier.failures:
                vault.earlier_failures = earlier
                vault.run(lambda conn: _audited(
                    conn, "system", "wrong passphrases before unlock", "vault", None,
                    {"failures": earlier.failures, "last_tried": earlier.last_tried}))
            if passphrase is not None and vault_keys.wide_lead_slot(vault):
                vault = vault_keys.narrow_lead_slot(vault, passphrase)
                vault.earlier_failures = earlier
            return vault
        assert failure is not None
        raise failure

    # -- keys (storage/vault_keys.py) ------------------------------------------------------
    def change_passphrase(self, new_passphrase: str) -> None:
        """Rewrap the slot that unlocked the vault: the owner's passphrase slot, or a member's
        own slot (a member can never change the owner's passphrase or another member's)."""
        vault_keys.change_passphrase(self, new_passphrase)

    def set_member_passphrase(self, profile_id: int, passphrase: str) -> None:
        """Give a profile its own passphrase: a practitioner's slot holds the key of their own
        casework database (made now if they have none) and the records key, a team lead's the
        records key only."""
        vault_keys.set_member_passphrase(self, profile_id, passphrase)

    def rekey(self, passphrase: str) -> str:
        """Re-encrypt the vault (and the records store) under a new data key; return the new
        recovery key. Crash-safe (storage/vault_keys.py)."""
        return vault_keys.rekey(self, passphrase)

    # -- backup and restore (storage/backup.py) ----------------------------------------
    def backup(self, out: Path) -> Path:
        """Write an encrypted copy that opens with the same passphrase or recovery key; only
        the owner may (it holds every practitioner's visits)."""
        self.require_owner("write a backup of the vault")
        return backup.write(self, self.key, out)

    @classmethod
    def restore(cls, paths: DataDir, source: Path, *, passphrase: str | None = None,
                recovery_key: str | None = None, use_keyring: bool = True,
                older: bool = False) -> Vault:
        """Check a backup opens and its audit chain holds, then put it in place; the vault it
        replaces is kept in `replaced` (DATA/before-restore.N: storage/backup.py). A backup
        older than the vault here is refused unless `older`."""
        return backup.restore(cls, paths, source, passphrase=passphrase,
                              recovery_key=recovery_key, use_keyring=use_keyring, older=older)

