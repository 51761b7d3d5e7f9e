"""Backups: one ``.cnbackup`` file (a zip holding an encrypted copy of the vault and its
portable key slots), and restoring one.

A backup opens with the same passphrase or recovery key as the vault it was made from (the
keyring slot stays behind: it belongs to this computer's login). It is written under a
temporary name, fsync'd and renamed, 0600, so a killed backup leaves nothing half-written.
"""

from __future__ import annotations

import os
import shutil
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from storage import audit
from storage.connection import connect
from storage.errors import VaultCorrupt, VaultError
from storage.keys import KeySlots
from storage.paths import DataDir, create_private

if TYPE_CHECKING:
    from storage.vault import Vault


def write(vault: Vault, data_key: bytes, out: Path) -> Path:
    """Write the backup of `vault` to `out` (.cnbackup added when it has no suffix)."""
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

    def export(conn: Any) -> None:
        conn.execute(f"ATTACH DATABASE ? AS backup KEY \"x'{key_hex}'\"", (str(copy),))
        try:
            conn.execute("SELECT sqlcipher_export('backup')")
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            conn.execute(f"PRAGMA backup.user_version = {int(version)}")
        finally:
            conn.execute("DETACH DATABASE backup")
    try:
        for leftover in (copy, partial):  # from a backup to this name that was killed
            leftover.unlink(missing_ok=True)
        create_private(copy).close()
        vault.run(export)
        portable = KeySlots(vault.slots.vault_id,
                            [s for s in vault.slots.slots if s["type"] != "keyring"])
        with create_private(partial) as raw, \
                zipfile.ZipFile(raw, "w", zipfile.ZIP_STORED) as archive:
            archive.write(copy, "casenotes.vault")
            archive.writestr("keyslots.json", portable.to_json())
        with partial.open("rb+") as f:
            os.fsync(f.fileno())
        os.replace(partial, out)
    except OSError as exc:
        raise VaultError(f"The backup could not be written ({exc.strerror or exc}). Check "
                         "there is space on the drive; nothing was changed.") from exc
    finally:
        copy.unlink(missing_ok=True)
        partial.unlink(missing_ok=True)
    return out


def put_in_place(paths: DataDir, backup: Path, *, passphrase: str | None,
                 recovery_key: str | None) -> tuple[KeySlots, bytes]:
    """Check `backup` opens and its audit chain holds, then move it into place; return its
    key slots and data key. The vault it replaces is kept as casenotes.vault.before-restore.
    """
    if not backup.is_file():
        raise VaultError(f"There is no backup at {backup}. Check the name and folder.")
    try:
        with zipfile.ZipFile(backup) as archive:
            if set(archive.namelist()) != {"casenotes.vault", "keyslots.json"}:
                raise zipfile.BadZipFile
            slots = KeySlots.from_json(archive.read("keyslots.json").decode("utf-8"))
            paths.ensure()
            staged = paths.root / "casenotes.vault.restoring"
            with archive.open("casenotes.vault") as src, staged.open("wb") as dst:
                shutil.copyfileobj(src, dst)
    except (zipfile.BadZipFile, UnicodeDecodeError, KeyError, OSError):
        raise VaultError(f"{backup.name} is not a Casenotes backup, or it is damaged. "
                         "Choose the .cnbackup file that 'casenotes backup' wrote.") from None
    try:
        data_key = (slots.unlock_with_recovery_key(recovery_key) if recovery_key
                    else slots.unlock_with_passphrase(passphrase or ""))
        conn = connect(staged, data_key)
        try:
            problems = audit.verify(conn)
        finally:
            conn.close()
        if problems:
            raise VaultCorrupt(f"The backup's audit log does not verify ({problems[0]}). "
                               "It was not restored; try an older backup.")
    except Exception:
        staged.unlink(missing_ok=True)
        raise
    if paths.vault.exists():
        for suffix in ("", "-wal", "-shm"):
            current = paths.root / f"casenotes.vault{suffix}"
            if current.exists():
                os.replace(current, paths.root / f"casenotes.vault.before-restore{suffix}")
        if paths.anchor.exists():
            os.replace(paths.anchor, paths.root / "audit-anchor.json.before-restore")
    os.replace(staged, paths.vault)
    return slots, data_key
