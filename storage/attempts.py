"""Exponential back-off after wrong passphrases, one guess at a time, kept with the keys.

The first three mistakes cost nothing; after that a passphrase is tried only 2, 4, 8 ...
seconds (at most 5 minutes) after the previous wrong one. A guess made sooner is refused
unheard and still counted, so the count is every guess since the last unlock (the owner is
told of them then, and the audit log records them), while the wait grows only with the
guesses actually tried.

Why it holds:

- The count lives in keyslots.json (the "attempts" member, beside the wrapped keys), not in
  a file of its own: deleting it deletes the keys, and the vault no longer opens. (Older
  versions kept it in unlock-attempts.json; that file is still read, never trusted alone.)
  It needs no secret, so it cannot be MAC'd before the vault is open: anyone who can edit
  the file can reset it, but such a person can also copy the vault and guess offline, which
  is what the ~1 s scrypt of each slot is for (docs/security.md).
- A guess is checked, tried and counted under an exclusive lock on keyslots.lock, so eight
  processes started at once make eight counted guesses in turn, not eight at the same count.
- `restore` guesses through the same counter, in the folder it restores into.
"""

from __future__ import annotations

import json
import math
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from storage.errors import TooManyAttempts
from storage.filelock import locked
from storage.paths import DataDir, write_atomically

FREE_ATTEMPTS = 3
MAX_WAIT = 300.0


@dataclass(frozen=True)
class Tally:
    failures: int = 0  # every wrong or refused guess since the last unlock
    tried: int = 0     # the wrong guesses actually tried: these set the wait
    last: float = 0.0  # when the last one was tried

    @property
    def last_tried(self) -> str:
        """When the last guess was tried, as the audit log writes times (UTC, seconds)."""
        return datetime.fromtimestamp(self.last, UTC).isoformat(timespec="seconds").replace(
            "+00:00", "Z")


class Attempts:
    """Use inside `turn()`, which holds the lock; `check`, `failed` and `succeeded` assume
    it is held."""

    def __init__(self, paths: DataDir, clock: Callable[[], float] = time.time) -> None:
        self.paths = paths
        self.clock = clock
        self._held = False

    @contextmanager
    def turn(self) -> Iterator[Attempts]:
        """One guess at a time, across processes."""
        self.paths.root.mkdir(parents=True, exist_ok=True, mode=0o700)
        with locked(self.paths.slots_lock):
            self._held = True
            try:
                yield self
            finally:
                self._held = False

    # -- the count -------------------------------------------------------------------------
    def tally(self) -> Tally:
        return max(_read_slots(self.paths.keyslots), _read_legacy(self.paths.attempts),
                   key=lambda t: (t.failures, t.tried))

    def _store(self, tally: Tally) -> None:
        assert self._held, "use Attempts inside turn()"
        data = _slots_json(self.paths.keyslots)
        if data is None:  # no vault here yet (restoring into an empty folder)
            write_atomically(self.paths.attempts, json.dumps(tally.__dict__).encode())
            return
        data["attempts"] = tally.__dict__
        write_atomically(self.paths.keyslots, json.dumps(data, indent=2).encode())

    def wait_needed(self) -> float:
        tally = self.tally()
        if tally.tried < FREE_ATTEMPTS:
            return 0.0
        wait = min(2.0 ** (tally.tried - FREE_ATTEMPTS + 1), MAX_WAIT)
        return max(0.0, tally.last + wait - self.clock())

    def check(self) -> None:
        """Refuse (and count) a guess that comes before the wait is over."""
        wait = self.wait_needed()
        if wait > 0:
            tally = self.tally()
            self._store(Tally(tally.failures + 1, tally.tried, tally.last))
            seconds = math.ceil(wait)
            raise TooManyAttempts(
                f"Too many wrong passphrases. Wait {seconds} second{'' if seconds == 1 else 's'}"
                ", then try again; if the passphrase is lost, unlock with the recovery key.")

    def failed(self) -> None:
        tally = self.tally()
        self._store(Tally(tally.failures + 1, tally.tried + 1, self.clock()))

    def succeeded(self) -> Tally:
        """Clear the count; return it as it was, so the owner can be told of the guesses."""
        tally = self.tally()
        if tally.failures or tally.tried:
            self._store(Tally())
        self.paths.attempts.unlink(missing_ok=True)
        return tally


def _slots_json(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _tally(data: Any) -> Tally:
    try:
        failures = int(data["failures"])
        return Tally(failures, int(data.get("tried", failures)), float(data["last"]))
    except (KeyError, TypeError, ValueError, AttributeError):
        return Tally()


def _read_slots(path: Path) -> Tally:
    data = _slots_json(path)
    return _tally(data.get("attempts")) if data else Tally()


def _read_legacy(path: Path) -> Tally:
    try:
        return _tally(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, UnicodeDecodeError, ValueError):
        return Tally()
