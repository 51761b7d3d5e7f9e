"""The one way to find bundled files (templates, schemas, the sample, styles).

Works the same from a source checkout, an installed wheel and a frozen bundle
(PyInstaller sets ``sys._MEIPASS``; resources are collected under ``resources/`` there).
"""

from __future__ import annotations

import sys
from pathlib import Path


def root() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parent


def path(*parts: str) -> Path:
    """Return the path of a bundled resource, e.g. ``path("schemas", "draft.schema.json")``."""
    return root().joinpath(*parts)


def bundled_models() -> Path | None:
    """The models folder inside a packaged app (see packaging/), or None when running from
    source or a wheel, where the model packages installed beside the app are used instead."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen and (Path(frozen) / "models").is_dir():
        return Path(frozen) / "models"
    return None


def sample_recording() -> Path:
    return path("sample", "home-visit.flac")
