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


def sample_recording() -> Path:
    return path("sample", "home-visit.flac")
