"""A probe for the window's responsiveness: a 10 ms timer on the UI thread that keeps the gaps
between its ticks. The longest gap, less the period, is the longest time the window could not
have answered a click or a key. Used by bench/ui.py and the responsiveness test."""

from __future__ import annotations

import time

from app.qt import QTimer


class StallProbe:
    def __init__(self, period_ms: int = 10) -> None:
        self.period = period_ms / 1000
        self.last = time.perf_counter()
        self.gaps: list[float] = []
        self.timer = QTimer()
        self.timer.setInterval(period_ms)
        self.timer.timeout.connect(self.tick)

    def start(self) -> None:
        self.last = time.perf_counter()
        self.timer.start()

    def tick(self) -> None:
        now = time.perf_counter()
        self.gaps.append(now - self.last)
        self.last = now

    def stop(self) -> None:
        self.timer.stop()

    @property
    def longest_stall_ms(self) -> float:
        return max(0.0, (max(self.gaps) - self.period) * 1000) if self.gaps else 0.0
