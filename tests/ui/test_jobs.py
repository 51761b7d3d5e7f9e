"""The model thread yields the CPU to the window: its niceness is the window's plus
MODEL_NICENESS, every job (a pooled thread runs many; it must not creep up)."""

from __future__ import annotations

import os
import threading

import pytest

pytest.importorskip("pytestqt")

from app.ui.jobs import MODEL_NICENESS, Job  # noqa: E402

pytestmark = pytest.mark.gui


@pytest.mark.skipif(not hasattr(os, "getpriority"), reason="niceness is a POSIX feature")
def test_model_work_runs_at_a_lower_priority_than_the_window(qtbot) -> None:  # type: ignore[no-untyped-def]
    window = os.getpriority(os.PRIO_PROCESS, 0)
    seen: list[int] = []

    def work():  # type: ignore[no-untyped-def]
        yield os.getpriority(os.PRIO_PROCESS, threading.get_native_id())

    for n in range(1, 4):
        Job(work).on_success(seen.append).start()
        qtbot.waitUntil(lambda n=n: len(seen) == n, timeout=5_000)
    expected = min(19, window + MODEL_NICENESS)
    assert seen == [expected] * 3
    assert os.getpriority(os.PRIO_PROCESS, 0) == window  # the window's own is untouched
