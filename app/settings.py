"""The one typed settings object. Built once at start-up and passed in; never constructed ad hoc.

Stored as JSON in the data folder; unknown keys are ignored and bad values fall back to the
defaults, so a hand-edited file can never stop the app from starting.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

from storage.paths import DataDir, default_data_dir
from summarise.models import DEFAULT_LLM
from summarise.templates import DEFAULT_TEMPLATE
from transcription.models import DEFAULT_MODEL


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    asr_model: str = DEFAULT_MODEL     # "base", "tiny.en" or a folder
    language: str | None = None        # None: detect
    beam_size: int = 8                 # beam 8 against 5: espeak-ng dev sets 0.5-0.8 points
    #                                    better WER, 7-28% more time (README, stop 34)
    vad: bool = True
    batch_size: int = 8                # VAD stretches decoded 8 at a time (README); 0: one by one
    word_timestamps: bool = True       # costs ~nothing here; lets unsure words be flagged
    llm: str = DEFAULT_LLM             # a name of summarise.models.LLM_CHOICES or a .gguf path
    llm_context: int = 2048
    llm_temperature: float = 0.1
    threads: int = 0                   # 0: all cores
    template: str = DEFAULT_TEMPLATE
    lock_idle_minutes: float = 10.0    # the vault locks after this long without input
    input_device: str | None = None    # the microphone last used (QtMultimedia device id)

    @property
    def paths(self) -> DataDir:
        return DataDir(self.data_dir)

    @classmethod
    def load(cls, data_dir: Path | None = None) -> Settings:
        root = Path(data_dir) if data_dir else default_data_dir()
        settings = cls(data_dir=root)
        try:
            stored = json.loads(DataDir(root).settings_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return settings
        if not isinstance(stored, dict):
            return settings
        return settings.updated(**stored)

    def updated(self, **changes: Any) -> Settings:
        """A copy with the valid changes applied; wrongly typed values are ignored."""
        clean: dict[str, Any] = {}
        for f in fields(self):
            if f.name in changes and f.name != "data_dir":
                value, current = changes[f.name], getattr(self, f.name)
                if value is None and f.name in ("language",):
                    clean[f.name] = None
                elif current is None or isinstance(value, type(current)):
                    clean[f.name] = value
        return replace(self, **clean)

    def save(self) -> None:
        paths = self.paths.ensure()
        data = {k: v for k, v in asdict(self).items() if k != "data_dir"}
        tmp = paths.settings_file.with_name("settings.json.partial")
        tmp.write_text(json.dumps(data, indent=2), encoding="utf-8")
        os.replace(tmp, paths.settings_file)
