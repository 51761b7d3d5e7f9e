"""An offer asked as a question and taken up: "Would you like me to ring the bank with you?"
"Yes please." is the practitioner's action ("Ring the bank with Doreen"), as much as "I'll
ring the bank" is. Only an offer of something to be done later: "Shall I put the kettle on?"
and "Can I have a look at your legs?" ask leave for the here and now, and "Can I/Could I"
(leave, as often as an offer) are never read as offers.
"""

from __future__ import annotations

import re

from summarise.action_patterns import VERBS
from summarise.antecedent import introduced
from summarise.elliptic import PAST

OFFER_Q_RE = re.compile(
    r"^(?:(?:and|so|okay|right|well),?\s+)?(?:(?-i:[A-Z][a-z]+),\s+)?"
    r"(?:would you like me to|do you want me to|would you want me to|shall I|should I|"
    r"would it help if I|would you be happy (?:for me to|if I)|would you mind if I|"
    r"is it (?:okay|ok|alright|all right) (?:with you )?if I|how about (?:if )?I|"
    r"what if I)\s+(?P<rest>.+?)\s*\??$", re.IGNORECASE)
# what is done there and then: "shall I put the kettle on", "would you like me to show you"
_NOW_RE = re.compile(r"^(?:call you (?:by )?(?-i:[A-Z])\w*|put the kettle|make (?:a|you a|us a)|"
                     r"sit|come in|come through|"
                     r"have a look|take a look|look at|show|read|go through|explain|talk|tell|"
                     r"open|close|shut|turn|get you|pass|start|carry on|go on|leave it|"
                     r"take (?:your|a)|check your|wait)\b", re.IGNORECASE)
# "if I rang them": the offer's verb as the action's (the irregular pasts, turned round)
_BASE = {done: base for base, done in PAST.items()}
_VERB_RE = re.compile(rf"^(?:{VERBS})\b", re.IGNORECASE)


def _base(verb: str) -> str:
    low = verb.lower()
    if low in _BASE:
        return _BASE[low]
    for past, base in (("ied", "y"), ("rred", "r"), ("pped", "p"), ("tted", "t")):
        if low.endswith(past):
            return low[:-len(past)] + base
    if low.endswith("ed") and _VERB_RE.match(low[:-2]):
        return low[:-2]
    if low.endswith("ed") and _VERB_RE.match(low[:-1]):
        return low[:-1]  # "arranged" -> "arrange"
    return low


# an offer with nothing said of where to: "Would you like me to refer you?", "put your name
# down?" (for the group just introduced in the turn)
_NO_PLACE_RE = re.compile(r"^(?:(?P<refer>refer)\s+\w+|put\s+\w+\s+name\s+down|put\s+\w+\s+down|"
                          r"sign\s+\w+\s+up|book\s+\w+\s+in)$", re.IGNORECASE)


def offered(question: str, turn: str = "") -> str | None:
    """What the practitioner offers to do, as an instruction ("ring the bank with you, and
    stop the card"), or None if the question is no offer of a later task. `turn`: what the
    practitioner said before it, which may name where the offer is to ("There's a younger
    group. Would you like me to refer you?")."""
    offer = OFFER_Q_RE.match(question.strip())
    if offer is None or re.search(r",?\s+or\s+(?:would|do|shall|should|will|can)\b",
                                  offer.group("rest"), re.IGNORECASE):
        return None  # "…, or would you rather do it yourself?": a choice, not yet taken
    rest = offer.group("rest")
    # "if I rang them with you, and we stopped the card and got a new one": the past of
    # the condition
    rest = re.sub(r"^(\w+)", lambda m: _base(m.group(1)), rest, count=1)
    rest = re.sub(r"(,?\s+and\s+)(?:(?:I|we)\s+)?(\w+)", lambda m: m.group(1) + (
        _base(m.group(2)) if m.group(2).lower() in _BASE or m.group(2).endswith("ed") else
        m.group(2)), rest)
    if _NOW_RE.match(rest) or not _VERB_RE.match(rest) or "?" in rest:
        return None
    place = introduced(turn) if _NO_PLACE_RE.match(rest) else None
    if place:
        rest += f" {'to' if _NO_PLACE_RE.match(rest).group('refer') else 'for'} the {place}"  # type: ignore[union-attr]
    return rest
