"""One process at a time: an exclusive lock on a small file beside the vault.

Used where two processes (the window and a command, or eight commands started at once) must
not interleave: trying a passphrase and counting the result, rewriting keyslots.json, moving
the audit anchor. `flock` on POSIX, `msvcrt.locking` on Windows; the lock is released when
the block ends or the process dies, so a crash never leaves it held.

Not re-entrant: a holder must not take the same lock again (each `locked` opens its own file
descriptor, and a second flock from another descriptor waits for the first).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from storage.paths import PRIVATE_FILE


@contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on `path` (created 0600 if missing) for the block."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, PRIVATE_FILE)
    try:
        _lock(fd)
        try:
            yield
        finally:
            _unlock(fd)
    finally:
        os.close(fd)


try:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)

except ImportError:  # Windows
    import msvcrt

    def _lock(fd: int) -> None:
        while True:
            try:
                msvcrt.locking(fd, msvcrt.LK_LOCK, 1)  # type: ignore[attr-defined]
                return
            except OSError:  # LK_LOCK gives up after 10 s; keep waiting, as flock does
                continue

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)  # type: ignore[attr-defined]
