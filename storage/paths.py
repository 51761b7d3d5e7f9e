"""Where Casenotes keeps things: one per-user data folder, overridable for tests and admins.

Layout::

    DATA/casenotes.vault   the SQLCipher database: every case record, audio included
    DATA/records.vault     the records store: approved notes published from it, under the
                           records key a team lead's slot also holds (storage/records_store.py)
    DATA/records-anchor.json  the records store's audit anchor
    DATA/casework-N.vault  practitioner N's own casework (visits, audio, transcripts, drafts,
                           notes), under a key only their slot and the owner's custodian
                           wrap hold; casework-N-anchor.json its audit anchor
    DATA/keyslots.json     the data key, wrapped per way of unlocking, and the back-off count
    DATA/audit-anchor.json the audit log's last entry, sealed, to detect a shortened log
    DATA/keyslots.lock, DATA/audit-anchor.lock  one process at a time (storage/filelock.py)
    DATA/before-restore.N/ a vault that `restore` replaced, with the key slots that open it
    DATA/models/           assembled bundled models (not sensitive: public weights)
    DATA/templates/        the user's own note templates (*.toml)
    DATA/settings.json

Sensitive material (audio, transcripts, drafts, notes) never gets a file of its own here: it
lives only inside the encrypted vault.

Modes: the data folder is 0700 and the vault, its WAL files and the key slots 0600, so other
accounts on a shared computer cannot copy the encrypted vault to attack its passphrase offline;
backups and exported notes are created 0600 too. Looser modes (a folder made 0755 by hand or by
an older version) are tightened whenever the vault is opened.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

APP_NAME = "casenotes"
PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700


def create_private(path: Path) -> BinaryIO:
    """Open a new file for writing that only this account can read (0600 whatever the umask).
    Fails with FileExistsError when the path is taken, so nothing is overwritten."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    return os.fdopen(os.open(path, flags, PRIVATE_FILE), "wb")


def write_atomically(path: Path, data: bytes) -> None:
    """Replace `path` with `data` so that a crash leaves the old file or the new one, never
    half of either; the new file is 0600 and on disk (file and folder fsync'd) on return."""
    partial = path.with_name(path.name + ".partial")
    partial.unlink(missing_ok=True)  # left by a crash, perhaps with a looser mode
    with create_private(partial) as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(partial, path)
    fsync_dir(path.parent)


def fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def make_private(path: Path, mode: int) -> None:
    """Take group and other access away from an existing path. Best effort: a folder owned
    by another account (IT's) cannot be changed, and that must not stop the vault opening."""
    try:
        if path.stat().st_mode & 0o077:
            path.chmod(mode)
    except OSError:
        pass


def default_data_dir() -> Path:
    from platformdirs import user_data_dir

    override = os.environ.get("CASENOTES_DATA_DIR")
    return Path(override) if override else Path(user_data_dir(APP_NAME, appauthor=False))


@dataclass(frozen=True)
class DataDir:
    root: Path

    @property
    def models(self) -> Path:
        return self.root / "models"

    @property
    def templates(self) -> Path:
        return self.root / "templates"

    @property
    def vault(self) -> Path:
        return self.root / "casenotes.vault"

    @property
    def keyslots(self) -> Path:
        return self.root / "keyslots.json"

    @property
    def attempts(self) -> Path:
        """Where older versions kept the back-off count; still read (storage/attempts.py)."""
        return self.root / "unlock-attempts.json"

    @property
    def anchor(self) -> Path:
        return self.root / "audit-anchor.json"

    @property
    def records(self) -> Path:
        return self.root / "records.vault"

    @property
    def records_anchor(self) -> Path:
        return self.root / "records-anchor.json"

    @property
    def records_anchor_lock(self) -> Path:
        return self.root / "records-anchor.lock"

    def casework(self, profile_id: int) -> Path:
        """Practitioner `profile_id`'s own casework database (storage/practitioners.py)."""
        return self.root / f"casework-{int(profile_id)}.vault"

    def casework_anchor(self, profile_id: int) -> Path:
        return self.root / f"casework-{int(profile_id)}-anchor.json"

    def casework_anchor_lock(self, profile_id: int) -> Path:
        return self.root / f"casework-{int(profile_id)}-anchor.lock"

    def practitioner_files(self) -> list[Path]:
        """Every practitioner's casework database, journal and anchor here."""
        return sorted(p for p in self.root.glob("casework-*")
                      if p.name.endswith((".vault", ".vault-wal", ".vault-shm", "-anchor.json")))

    @property
    def slots_lock(self) -> Path:
        return self.root / "keyslots.lock"

    @property
    def anchor_lock(self) -> Path:
        return self.root / "audit-anchor.lock"

    @property
    def settings_file(self) -> Path:
        return self.root / "settings.json"

    def ensure(self) -> DataDir:
        for folder in (self.root, self.models):
            folder.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR)
        return self

    def make_private(self) -> None:
        """Tighten the data folder to 0700 and the vault's files to 0600 (see the module)."""
        make_private(self.root, PRIVATE_DIR)
        for path in (self.vault, self.root / "casenotes.vault-wal",
                     self.root / "casenotes.vault-shm", self.keyslots, self.anchor,
                     self.records, self.root / "records.vault-wal",
                     self.root / "records.vault-shm", self.records_anchor,
                     *self.practitioner_files()):
            make_private(path, PRIVATE_FILE)
