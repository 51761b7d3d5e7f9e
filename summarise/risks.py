"""Risk cues a practitioner must see and resolve, each with the evidence that raised it.

A lexicon, not a classifier: it is meant to over-flag. A missed fall or disclosure is far
worse than a flag dismissed with a reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from summarise.draft import Flag

RISK_CUES: dict[str, tuple[str, ...]] = {
    "falls": (r"\bfall(?:s|en|ing)?\b(?!\s+asleep)", r"\bfell\b(?!\s+asleep)",
              r"\bon the floor\b", r"\btripp?(?:ed|ing)?\b", r"\bunsteady\b",
              r"\blost (?:my|her|his) balance\b"),
    "abuse": (r"\babus(?:e|ed|ive|ing)\b", r"\bhit(?:s|ting)? (?:me|her|him)\b",
              r"\bslapp?(?:ed|s)?\b", r"\bpush(?:ed|es)? (?:me|her|him)\b",
              r"\bthreaten(?:s|ed|ing)?\b", r"\bbruis(?:e|es|ed|ing)\b",
              r"\btakes? (?:my|her|his) (?:money|pension|card)\b",
              r"\btook (?:my|her|his) (?:money|pension|card)\b", r"\bscared of (?:him|her)\b",
              r"\bafraid of (?:him|her)\b", r"\bshouts? at (?:me|her|him)\b"),
    "neglect": (r"\bneglect(?:ed|ing)?\b", r"\bleft alone (?:all|for)\b", r"\bno food\b",
                r"\bnobody (?:comes|helps)\b", r"\bsoiled\b", r"\bdirty\b"),
    "self-harm": (r"\bself[- ]harm(?:ing)?\b", r"\bcut(?:ting)? myself\b",
                  r"\bhurt(?:ing)? myself on purpose\b", r"\boverdose\b"),
    "suicide": (r"\bsuicid(?:e|al)\b", r"\bkill(?:ing)? myself\b", r"\bend (?:it all|my life)\b",
                r"\bbetter off dead\b", r"\bdon'?t want to (?:live|be here)\b"),
    "weapons": (r"\bknife\b", r"\bknives\b", r"\bgun\b", r"\bweapon\b", r"\bshotgun\b"),
    "missed medication": (r"\bforg[eo]t(?:s|ting)? (?:\w+ ){0,3}(?:tablets|pills|medication|"
                          r"medicine|doses?|ones)\b", r"\bmiss(?:ed|es|ing)? (?:\w+ ){0,2}"
                          r"(?:tablets|pills|medication|doses?)\b",
                          r"\bnot taking (?:my|her|his) (?:tablets|medication)\b"),
    "weight loss": (r"\bweight loss\b", r"\blost (?:some |a lot of )?weight\b",
                    r"\bclothes (?:are|feel) (?:loose|baggy)\b", r"\bnot eating\b",
                    r"\bno appetite\b"),
    "wandering": (r"\bwander(?:s|ed|ing)?\b", r"\bgot lost\b", r"\bfound (?:her|him) outside\b",
                  r"\bleft the house at night\b"),
    "carer breakdown": (r"\bcan'?t cope\b", r"\bcannot cope\b", r"\bnot coping\b",
                        r"\bat the end of my tether\b", r"\bbreaking point\b",
                        r"\bcan'?t (?:go on|carry on|do this)\b", r"\bexhausted\b",
                        r"\bburn(?:t|ed) out\b"),
}
_COMPILED = {cat: tuple(re.compile(p, re.IGNORECASE) for p in pats)
             for cat, pats in RISK_CUES.items()}


def find_risks(segments: Iterable[tuple[int, str]]) -> list[Flag]:
    """One flag per risk category found, citing every segment that raised it."""
    hits: dict[str, list[tuple[int, str]]] = {}
    for index, text in segments:
        for category, patterns in _COMPILED.items():
            for pattern in patterns:
                match = pattern.search(text)
                if match:
                    hits.setdefault(category, []).append((index, match.group(0)))
                    break
    flags = []
    for category in RISK_CUES:
        if category in hits:
            found = hits[category]
            words = ", ".join(dict.fromkeys(f"'{w}'" for _, w in found))
            flags.append(Flag("risk", category,
                              f"Possible {category} risk: the conversation mentions {words}. "
                              "Check it is recorded and acted on.",
                              tuple(dict.fromkeys(i for i, _ in found))))
    return flags
