"""The walkthrough (tests/ui/walkthrough.py) end to end: the real app on Xvfb with openbox,
typed into with xdotool, from set-up to an exported note and the lock. Slow (about a minute
and a half on 2 cores, most of it Whisper transcribing the sample); runs in `make test`,
which installs Xvfb, openbox, xdotool and ImageMagick."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.ui.walkthrough import STEPS, TOOLS, walk

pytestmark = pytest.mark.slow


def test_the_walkthrough_exports_the_approved_note_and_shoots_every_step(tmp_path: Path
                                                                         ) -> None:
    missing = [tool for tool in TOOLS if not shutil.which(tool)]
    if missing:
        pytest.fail(f"{', '.join(missing)} missing: run 'make test', which installs them")
    out = tmp_path / "screens"
    walked = walk(out)
    assert walked.exported_name.startswith("ASC-104233_") and \
        walked.exported_name.endswith("_v1.txt")
    text = walked.exported_text
    assert "Mr Jones" in text and "ASC-104233" in text and "Sam Taylor" in text
    assert "he can make a sandwich" in text  # the note's sentence, as approved
    expected = [f"{n:02d}-{step}.png" for n, step in enumerate(STEPS, 1)]
    assert [p.name for p in walked.screenshots] == expected
    for name in expected:
        shot = out / name
        assert shot.is_file() and shot.stat().st_size > 10_000, name
        head = shot.read_bytes()[:24]
        assert head[:8] == b"\x89PNG\r\n\x1a\n", name
        size = int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")
        assert size == (1366, 768), (name, size)  # the whole screen
