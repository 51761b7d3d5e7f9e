"""Refuse every network connection in this process, loudly.

`install()` replaces the socket functions that open connections or resolve names; any
attempt raises NetworkAttempted, which fails the test that triggered it. Used by the
offline-pipeline test inside `unshare -n` (belt and braces: the namespace has no network,
the guard also names the culprit).
"""

from __future__ import annotations

import socket


class NetworkAttempted(AssertionError):
    pass


def _refuse(*args, **kwargs):  # type: ignore[no-untyped-def]
    raise NetworkAttempted(f"network access attempted: {args!r}")


def install() -> None:
    socket.socket.connect = _refuse  # type: ignore[method-assign]
    socket.socket.connect_ex = _refuse  # type: ignore[method-assign]
    socket.create_connection = _refuse  # type: ignore[assignment]
    socket.getaddrinfo = _refuse  # type: ignore[assignment]
    socket.gethostbyname = _refuse  # type: ignore[assignment]
