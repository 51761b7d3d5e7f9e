"""The shared dev conversations as speech, for the benchmarks only (never the app or tests).

`../shared/tools/synth_conversation.py` speaks each public script in
`../shared/eval/social-care-dev.json` with espeak-ng; the result is synthetic speech of public
text, not case data, and nothing here ever touches a vault. It is cached once in a private
temp folder (mode 0700) so that the benchmarks, each run several times, do not re-synthesise.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DEV_SET = SHARED / "eval" / "social-care-dev.json"
CACHE = Path(tempfile.gettempdir()) / "casenotes-eval-asr"


def cache() -> Path:
    CACHE.mkdir(mode=0o700, exist_ok=True)
    return CACHE


def dev_records() -> list[dict[str, Any]]:
    return list(json.loads(DEV_SET.read_text()))


def spoken(record_id: str, engine: str = "espeak") -> tuple[Path, list[dict[str, Any]]]:
    """(the conversation's synthetic speech, its reference segments with times)."""
    speech = cache() / (f"{record_id}.wav" if engine == "espeak" else f"{record_id}.{engine}.wav")
    if not speech.exists():
        subprocess.run([sys.executable, str(SHARED / "tools" / "synth_conversation.py"),
                        str(DEV_SET), record_id, str(speech), "--engine", engine], check=True,
                       capture_output=True)
    reference = Path(f"{speech}.ref.json")
    return speech, list(json.loads(reference.read_text())["segments"])
