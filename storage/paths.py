"""Where Casenotes keeps things: one per-user data folder, overridable for tests and admins.

Layout::

    DATA/models/      assembled bundled models (not sensitive: public weights)
    DATA/templates/   the user's own note templates (*.toml)
    DATA/settings.json

Sensitive material (audio, transcripts, drafts, notes) never gets a file here: it lives only
in the encrypted vault.
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
    def settings_file(self) -> Path:
        return self.root / "settings.json"

    def ensure(self) -> DataDir:
        for folder in (self.root, self.models):
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        return self
