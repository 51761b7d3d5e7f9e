"""Exponential back-off after wrong passphrases, remembered across runs of the app.

The first three mistakes cost nothing; after that each attempt must wait 2, 4, 8 ... seconds
(at most 5 minutes) after the previous failure. The count lives outside the vault (the vault
is not open yet), holds nothing secret, and is cleared by a successful unlock.
"""

from __future__ import annotations

import json
import math
import time
from collections.abc import Callable
from pathlib import Path

from storage.errors import TooManyAttempts

FREE_ATTEMPTS = 3
MAX_WAIT = 300.0


class Attempts:
    def __init__(self, path: Path, clock: Callable[[], float] = time.time) -> None:
        self.path = path
        self.clock = clock

    def _load(self) -> tuple[int, float]:
        try:
            data = json.loads(self.path.read_text())
            return int(data["failures"]), float(data["last"])
        except (OSError, ValueError, KeyError, TypeError):
            return 0, 0.0

    def wait_needed(self) -> float:
        failures, last = self._load()
        if failures < FREE_ATTEMPTS:
            return 0.0
        wait = min(2.0 ** (failures - FREE_ATTEMPTS + 1), MAX_WAIT)
        return max(0.0, last + wait - self.clock())

    def check(self) -> None:
        wait = self.wait_needed()
        if wait > 0:
            seconds = math.ceil(wait)
            raise TooManyAttempts(
                f"Too many wrong passphrases. Wait {seconds} second{'' if seconds == 1 else 's'}"
                ", then try again; if the passphrase is lost, unlock with the recovery key.")

    def failed(self) -> None:
        failures, _ = self._load()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(json.dumps({"failures": failures + 1, "last": self.clock()}))

    def succeeded(self) -> None:
        self.path.unlink(missing_ok=True)
