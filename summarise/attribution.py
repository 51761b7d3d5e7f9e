"""Who said it, once in full: "Darren's sister Claire said..." the first time, "Claire said..."
after that, as a practitioner writes a note. Shortening only drops words, so a sentence's
check against its evidence still holds."""

from __future__ import annotations

import re
from collections.abc import Iterable, MutableSet

# "Darren's sister Claire said", "Her partner Mick said", "Kelly (senior carer) said", at the
# start of a sentence or of a part after ": " or "; "
_SAID_BY_RE = re.compile(
    r"(?:(?<=^)|(?<=: )|(?<=; ))(?P<who>(?:(?:Her|His|Their|her|his|their|(?-i:[A-Z])[\w']*'s) "
    r"[a-z]+(?:-in-law)? )?(?-i:[A-Z])[\w']+(?: \([^)]*\))?)(?= said\b)")


def short_name(who: str) -> str:
    """"Darren's sister Claire" -> "Claire"; "Kelly (senior carer)" -> "Kelly"."""
    bare = re.sub(r"\s*\([^)]*\)$", "", who)
    return bare.split()[-1] if bare.split()[-1][:1].isupper() else who


def shortened(texts: Iterable[str], seen: MutableSet[str]) -> list[str]:
    """The texts in note order, each speaker named in full the first time only."""
    out = []
    for text in texts:
        def swap(match: re.Match[str]) -> str:
            who = match.group("who")
            short = short_name(who)
            if who in seen and short != who:
                return short
            seen.add(who)
            return who
        out.append(_SAID_BY_RE.sub(swap, text))
    return out
