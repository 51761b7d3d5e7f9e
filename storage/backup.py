"""Backups: one ``.cnbackup`` file (a zip holding an encrypted copy of the vault, of each
practitioner's own casework database (``casework-N.vault``, each under its own key, which the
owner's key reaches through its custodian wrap) and the portable key slots), and restoring one.

A backup opens with the same passphrase or recovery key as the vault it was made from (the
keyring slot stays behind: it belongs to this computer's login). It is written under a
temporary name, fsync'd and renamed, 0600, so a killed backup leaves nothing half-written.

Restoring keeps what it replaces, every time: the vault here moves with its key slots and
audit anchor into DATA/before-restore.N, a new folder each time (``casenotes --data-dir
DATA/before-restore.1 unlock`` opens it). A backup older than the vault here (by the time of
the last audit entry) is refused unless asked for, with what the newer vault holds. Its
passphrase is a guess like any other, backed off and counted (storage/attempts.py).
"""

from __future__ import annotations

import os
import re
import shutil
import uuid
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from storage import anchor, audit, keyring_store, practitioners
from storage.anchor import last_change_at, when
from storage.attempts import Attempts
from storage.connection import connect, is_corruption
from storage.errors import VaultCorrupt, VaultError, WrongPassphrase
from storage.keys import KEYRING_SERVICE, KeySlots, add_keyring_slot
from storage.paths import PRIVATE_DIR, DataDir, create_private, fsync_dir
from storage.vault_keys import audited

if TYPE_CHECKING:
    from storage.vault import Vault


_CASEWORK = re.compile(r"casework-(\d+)\.vault")


def write(vault: Vault, data_key: bytes, out: Path) -> Path:
    """Write the backup of `vault` to `out` (.cnbackup added when it has no suffix), and
    audit it."""
    out = out if out.suffix else out.with_suffix(".cnbackup")
    if out.exists():
        raise VaultError(f"{out} already exists. Choose a new name for the backup.")
    try:
        out.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        raise VaultError(f"Casenotes cannot write to {out.parent} ({exc.strerror}). "
                         "Choose a folder you can write to.") from exc
    copy = out.with_name(out.name + ".vault.partial")
    partial = out.with_name(out.name + ".partial")
    key_hex = data_key.hex()

    own = {p: practitioners.key_for(vault.paths.casework(p), vault.slots, data_key, p)
           for p in vault.slots.custodians() if vault.paths.casework(p).exists()}
    copies = {p: out.with_name(f"{out.name}.casework-{p}.partial") for p in own}
    try:
        for leftover in (copy, partial, *copies.values()):  # from a backup that was killed
            leftover.unlink(missing_ok=True)
        create_private(copy).close()
        vault.run(lambda conn: _export(conn, copy, key_hex))
        for profile_id, key in own.items():  # each under its own key, as it is here
            create_private(copies[profile_id]).close()
            conn = connect(vault.paths.casework(profile_id), key)
            try:
                _export(conn, copies[profile_id], key.hex())
            finally:
                conn.close()
        portable = KeySlots(vault.slots.vault_id,
                            [s for s in vault.slots.slots if s["type"] != "keyring"])
        with create_private(partial) as raw, \
                zipfile.ZipFile(raw, "w", zipfile.ZIP_STORED) as archive:
            archive.write(copy, "casenotes.vault")
            for profile_id, path in copies.items():
                archive.write(path, vault.paths.casework(profile_id).name)
            archive.writestr("keyslots.json", portable.to_json())
        with partial.open("rb+") as f:
            os.fsync(f.fileno())
        os.replace(partial, out)
    except OSError as exc:
        raise VaultError(f"The backup could not be written ({exc.strerror or exc}). Check "
                         "there is space on the drive; nothing was changed.") from exc
    finally:
        for path in (copy, partial, *copies.values()):
            path.unlink(missing_ok=True)
    vault.run(lambda conn: audited(conn, vault.actor(conn), "backup written", "vault", None,
                                   {"file": out.name}))
    return out


def _export(conn: Any, copy: Path, key_hex: str) -> None:
    conn.execute(f"ATTACH DATABASE ? AS backup KEY \"x'{key_hex}'\"", (str(copy),))
    try:
        conn.execute("SELECT sqlcipher_export('backup')")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        conn.execute(f"PRAGMA backup.user_version = {int(version)}")
    finally:
        conn.execute("DETACH DATABASE backup")


def put_in_place(paths: DataDir, backup: Path, *, passphrase: str | None,
                 recovery_key: str | None, older: bool = False,
                 use_keyring: bool = True) -> tuple[KeySlots, bytes, Path | None]:
    """Check `backup` opens and its audit chain holds, then move it into place; return its
    key slots, its data key and the folder where the vault it replaced is kept.

    The vault here is never lost: it moves, with the key slots and anchor that open and
    check it, into the next free DATA/before-restore.N (never overwritten), which opens as a
    data folder of its own. A backup older than the vault here is refused unless `older`.
    """
    if not backup.is_file():
        raise VaultError(f"There is no backup at {backup}. Check the name and folder.")
    staged = paths.root / "casenotes.vault.restoring"
    own: dict[int, Path] = {}  # each practitioner's casework, staged
    try:
        with zipfile.ZipFile(backup) as archive:
            names = set(archive.namelist())
            own = {int(m.group(1)): paths.root / f"{m.group(0)}.restoring"
                   for m in filter(None, map(_CASEWORK.fullmatch, names))}
            if names - {"casenotes.vault", "keyslots.json"} != \
                    {p.name.removesuffix(".restoring") for p in own.values()} or \
                    not {"casenotes.vault", "keyslots.json"} <= names:
                raise zipfile.BadZipFile
            slots = KeySlots.from_json(archive.read("keyslots.json").decode("utf-8"))
            paths.ensure()
            for name, target in [("casenotes.vault", staged)] + [
                    (p.name.removesuffix(".restoring"), p) for p in own.values()]:
                with archive.open(name) as src, target.open("wb") as dst:
                    shutil.copyfileobj(src, dst)
    except (zipfile.BadZipFile, UnicodeDecodeError, KeyError, OSError):
        staged.unlink(missing_ok=True)
        for path in own.values():
            path.unlink(missing_ok=True)
        raise VaultError(f"{backup.name} is not a Casenotes backup, or it is damaged. "
                         "Choose the .cnbackup file that 'casenotes backup' wrote.") from None
    try:
        data_key = _guess(paths, slots, passphrase, recovery_key)
        try:
            conn = connect(staged, data_key)
            try:
                problems = audit.verify(conn)
                incoming = _contents(conn)
            finally:
                conn.close()
            for profile_id, path in own.items():  # every chain in the backup must hold
                conn = connect(path, practitioners.key_for(path, slots, data_key, profile_id))
                try:
                    problems += audit.verify(conn)
                finally:
                    conn.close()
        except Exception as exc:
            if not (isinstance(exc, VaultCorrupt) or is_corruption(exc)):
                raise
            raise VaultCorrupt(f"The vault inside {backup.name} is damaged and cannot be read "
                               "(its passphrase is right), so it was not restored and nothing "
                               "here was changed. Try another backup.") from None
        if problems:
            raise VaultCorrupt(f"The backup's audit log does not verify ({problems[0]}). "
                               "It was not restored; try an older backup.")
        if paths.vault.exists() and not older:
            _refuse_if_older(paths, backup, incoming, passphrase, recovery_key, use_keyring)
    except Exception:
        staged.unlink(missing_ok=True)
        for path in own.values():
            path.unlink(missing_ok=True)
        raise
    kept = _keep(paths) if paths.vault.exists() else None
    for profile_id, path in own.items():
        os.replace(path, paths.casework(profile_id))
    os.replace(staged, paths.vault)
    if kept is not None and KeySlots.load(kept / "keyslots.json").vault_id == slots.vault_id:
        # Both copies would otherwise share one keyring entry, and the restored vault's new
        # keyring secret would stop the kept one opening from the keyring.
        slots.vault_id = str(uuid.uuid4())
    return slots, data_key, kept


def _guess(paths: DataDir, slots: KeySlots, passphrase: str | None,
           recovery_key: str | None) -> bytes:
    """The backup's data key: a guess, made in turn and counted against the folder it would
    be restored into, as an unlock is. Success clears the count only where there is no vault
    yet: the count of a vault here moves with its key slots when it is kept."""
    attempts = Attempts(paths)
    with attempts.turn():
        attempts.check()
        try:
            key = (slots.unlock_with_recovery_key(recovery_key) if recovery_key
                   else slots.unlock_with_passphrase(passphrase or ""))
        except WrongPassphrase:
            attempts.failed()
            raise
        if not paths.keyslots.exists():
            attempts.succeeded()
        return key


def restore(cls: type[Vault], paths: DataDir, source: Path, *, passphrase: str | None,
            recovery_key: str | None, use_keyring: bool, older: bool) -> Vault:
    """`Vault.restore`: put the backup in place, open it, and record the restore."""
    slots, data_key, kept = put_in_place(paths, source, passphrase=passphrase,
                                         recovery_key=recovery_key, older=older,
                                         use_keyring=use_keyring)
    if use_keyring:
        add_keyring_slot(slots, data_key)
    slots.save(paths.keyslots)
    vault = cls(paths, slots, data_key)
    vault.replaced = kept
    record_restore(vault, source, kept)
    return vault


def record_restore(vault: Vault, source: Path, kept: Path | None) -> None:
    """After a restore: a fresh anchor (the one of the vault it replaced went with it) and
    the audit entry naming the backup and where the replaced vault was kept."""
    def restored(conn: Any) -> None:
        vault.anchor.reset(conn)
        audited(conn, "system", "restored from backup", "vault", None,
                {"file": source.name, "kept": kept.name if kept else None})
    vault.run(restored)
    vault.publish()  # the owner's first (the profiles), now the log is anchored
    vault.run(lambda conn: practitioners.after_restore(vault.paths, vault.slots, vault.key))


def next_kept(paths: DataDir) -> Path:
    """The folder the vault here would be kept in by the next restore."""
    n = 1
    while (paths.root / f"before-restore.{n}").exists():
        n += 1
    return paths.root / f"before-restore.{n}"


def _keep(paths: DataDir) -> Path:
    """Move the vault here, its journal, key slots and anchor, and its records store (built
    again from the restored vault), into a new numbered folder."""
    while True:
        kept = next_kept(paths)
        try:
            kept.mkdir(mode=PRIVATE_DIR)  # exclusive: two restores never share a folder
            break
        except FileExistsError:
            continue
    names = ["casenotes.vault", "casenotes.vault-wal", "casenotes.vault-shm", "keyslots.json",
             "keyslots.json.next", "audit-anchor.json", "records.vault", "records.vault-wal",
             "records.vault-shm", "records-anchor.json"]
    for name in names + [p.name for p in paths.practitioner_files()]:
        if (paths.root / name).exists():
            os.replace(paths.root / name, kept / name)
    fsync_dir(kept)
    fsync_dir(paths.root)
    return kept


@dataclass(frozen=True)
class Contents:
    """What a vault holds, as far as can be said, to compare a backup with the vault it would
    replace. `visits` is None when the vault here could not be opened: then only the time of
    its last change is known (from its anchor, or the file's modification time)."""

    last_at: str | None
    last: str | None = None
    visits: int | None = None
    seq: int = 0
    hash: str = ""

    def describe(self, where: str) -> str:
        if self.visits is None:
            return (f"{where} was last changed at {when(self.last_at or '')} (it does not open "
                    "with this backup's passphrase, so Casenotes cannot say what it holds)")
        last = f"its last change was {self.last}" if self.last else "it has no changes"
        return f"{where} holds {self.visits} visit{'' if self.visits == 1 else 's'} and {last}"


# Entries that change nothing a backup lacks: the vault a backup was made from is never
# "newer" than the backup for having logged that it was backed up.
_BOOKKEEPING = ("backup written", anchor.ANCHORED)


def _contents(conn: Any) -> Contents:
    last = anchor.head(conn)
    visits = int(conn.execute("SELECT count(*) FROM visits").fetchone()[0])
    if last is None:
        return Contents(None, None, visits)
    return Contents(last.at, last.describe(), visits, last.seq, last.hash)


def _newer_here(conn: Any, incoming: Contents) -> Contents | None:
    """The vault here, when it holds changes the backup lacks; None when it holds nothing
    more (the backup's last entry is in its log, followed only by bookkeeping)."""
    here = _contents(conn)
    row = conn.execute("SELECT hash FROM audit_log WHERE seq = ?", (incoming.seq,)).fetchone()
    if row is not None and row[0] == incoming.hash:
        later = conn.execute("SELECT count(*) FROM audit_log WHERE seq > ? AND action NOT IN "
                             f"({', '.join('?' * len(_BOOKKEEPING))})",
                             (incoming.seq, *_BOOKKEEPING)).fetchone()[0]
        return here if later else None
    return here if (incoming.last_at or "") < (here.last_at or "") else None


def _current(paths: DataDir, incoming: Contents, passphrase: str | None,
             recovery_key: str | None, use_keyring: bool) -> Contents | None:
    """The vault here when it is newer than the backup, else None. Opened with the keyring or
    the secret the backup took (often the same); a vault that opens but is damaged is what a
    restore is for, and never counts as newer."""
    key = None
    try:
        slots = KeySlots.load(paths.keyslots)
        if use_keyring and slots.has("keyring"):
            secret = keyring_store.load(KEYRING_SERVICE, slots.vault_id)
            key = slots.unlock_with_keyring_secret(secret) if secret else None
        if key is None:
            key = (slots.unlock_with_recovery_key(recovery_key) if recovery_key else
                   slots.unlock_with_passphrase(passphrase or ""))
    except Exception:  # noqa: BLE001 - another passphrase, or damaged slots: go by time
        key = None
    if key is not None:
        try:
            conn = connect(paths.vault, key)
            try:
                return _newer_here(conn, incoming)
            finally:
                conn.close()
        except Exception:  # noqa: BLE001 - damaged: replacing it is the point
            return None
    at = last_change_at(paths)
    if at is None:
        mtime = max(p.stat().st_mtime for p in (paths.vault, paths.root / "casenotes.vault-wal")
                    if p.exists())
        at = datetime.fromtimestamp(mtime, UTC).isoformat(timespec="milliseconds")
        at = at.replace("+00:00", "Z")
    return Contents(at) if (incoming.last_at or "") < at else None


def _refuse_if_older(paths: DataDir, backup: Path, incoming: Contents,
                     passphrase: str | None, recovery_key: str | None,
                     use_keyring: bool) -> None:
    here = _current(paths, incoming, passphrase, recovery_key, use_keyring)
    if here is None:
        return
    raise VaultError(
        f"{backup.name} is older than the vault it would replace: "
        f"{here.describe('the vault here')}, while {incoming.describe('the backup')}. "
        f"Nothing was changed. To put the older backup in place anyway, run 'casenotes "
        f"restore {backup} --older'; the vault here would be kept, with the passphrases "
        f"that open it, in {next_kept(paths)}.")
