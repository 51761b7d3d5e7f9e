"""Counts in words: "1 note", "2 notes", "0 flags". One helper, so no message on screen says
"1 notes" or "1 seconds"."""

from __future__ import annotations


def plural(count: int, word: str, many: str | None = None) -> str:
    """`count` and `word`, plural unless the count is exactly one; `many` is the plural for a
    word that does not just add an s ("1 recording was", "2 recordings were")."""
    return f"{count} {word if count == 1 else many or word + 's'}"
