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
              r"\bnot (?:so |very )?steady\b", r"\blost (?:my|her|his) balance\b"),
    # Abuse, in the Care Act's own categories, so the right procedure is followed.
    "physical abuse": (r"\bhit(?:s|ting)? (?:me|her|him)\b", r"\bslapp?(?:ed|s)?\b",
                       r"\bpush(?:ed|es)? (?:me|her|him)\b", r"\bkick(?:ed|s)?\b",
                       r"\bpunch(?:ed|es)?\b", r"\bgrabb?(?:ed|s)? (?:me|her|him)\b",
                       r"\bhurt (?:me|her|him)\b",
                       r"\bphysical abuse\b"),
    "financial abuse": (r"\btakes? (?:my|her|his) (?:money|pension|bank ?card|card)\b",
                        r"\btook (?:my|her|his) (?:money|pension|bank ?card|card)\b",
                        r"\bkeeps (?:my|her|his|the) (?:bank ?)?card\b",
                        r"\b(?:money|pension)(?:'s| is| has) (?:all )?gone\b",
                        r"\bthe money's gone\b", r"\bnothing left\b",
                        r"\bfinancial abuse\b", r"\bsteal(?:s|ing)?\b", r"\bstole\b"),
    "emotional abuse": (r"\bshouts? at (?:me|her|him)\b", r"\bshouted at (?:me|her|him)\b",
                        r"\bthreaten(?:s|ed|ing)?\b", r"\b(?:scared|frightened|afraid) of "
                        r"(?:him|her|them|(?-i:[A-Z][a-z]+))\b",
                        r"\bcalls? (?:me|her|him) names\b",
                        r"\bemotional abuse\b", r"\bpsychological abuse\b"),
    "sexual abuse": (r"\bsexual(?:ly)? (?:abuse|assault|touch)", r"\btouched (?:me|her|him) "
                     r"(?:where|inappropriately)", r"\braped?\b"),
    # An injury is an indicator to explain, whatever caused it.
    "injury": (r"\bbruis(?:e|es|ed|ing)\b", r"\bburns? (?:on|to)\b", r"\bcuts? (?:on|to)\b",
               r"\bbroken (?:arm|wrist|hip|leg|rib)", r"\bnothing broken\b"),
    "neglect": (r"\bneglect(?:ed|ing)?\b", r"\bleft alone (?:all|for)\b", r"\bno food\b",
                r"\bnobody (?:comes|helps)\b", r"\bsoiled\b", r"\bdirty\b",
                r"\bnot washed\b"),
    "self-harm": (r"\bself[- ]harm(?:ing)?\b", r"\bcut(?:ting)? myself\b",
                  r"\bhurt(?:ing)? myself on purpose\b", r"\boverdose\b"),
    "suicide": (r"\bsuicid(?:e|al)\b", r"\bkill(?:ing)? myself\b", r"\bend (?:it all|my life)\b",
                r"\bbetter off dead\b", r"\bdon'?t want to (?:live|be here)\b"),
    "weapons": (r"\bknife\b", r"\bknives\b", r"\bgun\b", r"\bweapon\b", r"\bshotgun\b"),
    "missed medication": (r"\bforg[eo]t(?:s|ting)? (?:\w+ ){0,3}(?:tablets|pills|medication|"
                          r"medicine|doses?|ones)\b",
                          r"\bforg[eo]t(?:s|ting)? (?:if|whether) (?:I|she|he)"
                          r"(?:'ve| have| has| had)? (?:taken|take|took|had) (?:them\b|it\b|an?\b|"
                          r"(?:my|her|his|the) (?:\w+ )?(?:tablets|pills|medication|medicine|"
                          r"doses?)\b)", r"\bmiss(?:ed|es|ing)? (?:\w+ ){0,2}"
                          r"(?:tablets|pills|medication|doses?)\b",
                          r"\bnot taking (?:my|her|his) (?:tablets|medication)\b"),
    "weight loss": (r"\bweight loss\b",
                    r"\blo(?:st|sing) (?:(?:some|a|bit|lot|little|of|on|so|much|too|such) ){0,3}"
                    r"weight\b",
                    r"\b(?:clothes|skirts?|trousers) (?:are|feel) (?:loose|baggy)\b",
                    r"\bnot eating\b", r"\bno appetite\b", r"\bnot eating enough\b"),
    "wandering": (r"\bwander(?:s|ed|ing)?\b", r"\bgot lost\b", r"\bfound (?:her|him) outside\b",
                  r"\bleft the house at night\b", r"\btries to (?:go|get) out\b"),
    "carer breakdown": (r"\bcan'?t cope\b", r"\bcannot cope\b", r"\bnot coping\b",
                        r"\bend of my tether\b", r"\bbreaking point\b",
                        r"\bcan'?t (?:go on|carry on|do this|keep going)\b", r"\bexhausted\b",
                        r"\bburn(?:t|ed) out\b", r"\bhardly any (?:sleep|rest)\b"),
    "carer health": (r"\bangina\b", r"\bchest pains?\b", r"\bmy (?:own )?health\b",
                     r"\bheart (?:condition|problems?)\b"),
    "social isolation": (r"\blonely\b", r"\bisolated\b", r"\bdon'?t see anyone\b",
                         r"\bnobody to talk to\b", r"\bon my own all\b",
                         r"\bdon'?t get out\b", r"\bnot really\b(?= ?.{0,40}out)"),
    # Not a harm but a decision the record must carry (Making Safeguarding Personal).
    "person's wishes": (r"\bdon'?t want (?:the )?police\b", r"\bdon'?t want (?:him|her|them) "
                        r"in trouble\b", r"\bdon'?t want to (?:go|move) (?:in|into) a home\b",
                        r"\bdon'?t want (?:you|anyone) to tell\b"),
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
            message = (f"The person's wishes: the conversation mentions {words}. Record them "
                       "and take them into account." if category == "person's wishes" else
                       f"Possible {category} risk: the conversation mentions {words}. Check it "
                       "is recorded and acted on.")
            flags.append(Flag("risk", category, message,
                              tuple(dict.fromkeys(i for i, _ in found))))
    return flags
