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
        out.append(own_words(_SAID_BY_RE.sub(swap, text)))
    return out


def own_words(text: str) -> str:
    """"Wendy (neighbour) said Wendy pops in and Wendy does his shopping" -> "Wendy
    (neighbour) pops in and does his shopping": where someone says what they do themselves
    (their "I" written as their name, no "she" or "he" being known), the sentence is theirs
    already and "said" only repeats it. Only words are dropped (see `shortened`)."""
    out, at = [], 0
    for match in _SAID_BY_RE.finditer(text):
        short = short_name(match.group("who"))
        said = f" said {short} "
        body = match.end() + len(said)
        if match.start() < at or not text.startswith(said, match.end()) or \
                not text[body:body + 1].islower():
            continue
        end = text.find("; ", body)
        end = len(text) if end < 0 else end
        clause = re.sub(rf"\b(and|but|then|so) {re.escape(short)} (?=[a-z])", r"\1 ",
                        text[body:end])
        out.append(f"{text[at:match.end()]} {clause}")
        at = end
    out.append(text[at:])
    return "".join(out)
