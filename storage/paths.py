"""Where Casenotes keeps things: one per-user data folder, overridable for tests and admins.

Layout::

    DATA/casenotes.vault   the SQLCipher database: every case record, audio included
    DATA/keyslots.json     the vault's data key, wrapped per way of unlocking (no secret in clear)
    DATA/unlock-attempts.json  wrong-passphrase count, for back-off
    DATA/models/           assembled bundled models (not sensitive: public weights)
    DATA/templates/        the user's own note templates (*.toml)
    DATA/settings.json

Sensitive material (audio, transcripts, drafts, notes) never gets a file of its own here: it
lives only inside the encrypted vault.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "casenotes"


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
        return self.root / "unlock-attempts.json"

    @property
    def settings_file(self) -> Path:
        return self.root / "settings.json"

    def ensure(self) -> DataDir:
        for folder in (self.root, self.models):
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        return self
