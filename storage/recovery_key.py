"""The recovery key: made once at set-up, read aloud and typed back in groups of four."""

from __future__ import annotations

import secrets

_RECOVERY_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no I, O, 0, 1


def new_recovery_key() -> str:
    """32 characters in 8 groups (160 bits), easy to read aloud and type back."""
    chars = "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(32))
    return "-".join(chars[i:i + 4] for i in range(0, 32, 4))


def normalise_recovery_key(text: str) -> str:
    chars = "".join(c for c in text.upper() if c.isalnum())
    return "-".join(chars[i:i + 4] for i in range(0, len(chars), 4))
