"""A list said by number, "One. Get the bus home. Two. Keep Becca.", as one sentence:
(1) get the bus home; (2) keep Becca."""

from __future__ import annotations

import re

_NUMBERS = ("one", "two", "three", "four", "five", "six", "seven", "eight")
_COUNTED_RE = re.compile(rf"^(?:number\s+)?({'|'.join(_NUMBERS)})\W*$", re.IGNORECASE)


def listed(pieces: list[str]) -> list[str]:
    """A list said by number, "One. Get the bus home. Two. Keep Becca.", as one sentence:
    "(1) get the bus home; (2) keep Becca." (each number alone is no sentence)."""
    if sum(1 for p in pieces if _COUNTED_RE.match(p)) < 2:
        return pieces
    out: list[str] = []
    items: list[str] = []
    raw: list[str] = []  # the pieces the list so far was made of

    def close() -> None:
        if len(items) >= 2:
            out.append("; ".join(items) + ".")
        else:
            out.extend(raw)
        items.clear()
        raw.clear()

    n = 0
    while n < len(pieces):
        counted = _COUNTED_RE.match(pieces[n])
        number = _NUMBERS.index(counted.group(1).lower()) if counted else -1
        if counted and number != len(items):
            close()  # a list starts again at "one"
        if counted and number == len(items) and n + 1 < len(pieces) and \
                not _COUNTED_RE.match(pieces[n + 1]):
            item = pieces[n + 1].rstrip(" .!")
            items.append(f"({number + 1}) {item[0].lower()}{item[1:]}")
            raw.extend(pieces[n:n + 2])
            n += 2
            continue
        close()
        out.append(pieces[n])
        n += 1
    close()
    return out
