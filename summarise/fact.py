"""A fact: one note-style statement of what the conversation established, with its kind,
its source and its citations (see `summarise.facts`, which builds them from the transcript,
and `summarise.practitioner_facts`, from the practitioner's own words)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

FactKind = Literal["finding", "negative", "history", "view", "decision", "action", "risk"]

_VIEW_RE = re.compile(r"\b(?:want|wants|wanted|wish|would like|'d like|prefer|hope|rather|"
                      r"happy to|not happy|don't mind|worried|scared|afraid|matters|important)\b",
                      re.IGNORECASE)
_HISTORY_RE = re.compile(r"\b(?:was|were|had|used to|ago|last (?:week|month|year|time)|"
                         r"years?|since|before|fell|went|came|started|stopped|died|passed)\b",
                         re.IGNORECASE)
_NEGATIVE_LEAD_RE = re.compile(r"^(?:No|Nothing|No one|Not|Never|Does not|Do not|Has not|Is not|"
                               r"Cannot|Did not|Was not|Have not|Denies|None|Nobody)\b",
                               re.IGNORECASE)


@dataclass(frozen=True)
class Fact:
    text: str
    kind: FactKind
    source: str                  # "person", or how the note names the speaker
    citations: tuple[int, ...]
    supported: bool
    problems: tuple[str, ...]
    context: str                 # the words that place it in a section (its own + question)
    risky: bool = False
    order: int = 0               # the first segment it rests on, for note order
    spoken: str = ""             # the words as said (a small model may reword them)
    evidence: str = ""           # the cited segments' text
    answered: bool = False       # built from a question and its answer
    reply: int = -1              # the practitioner's turn it replies to (its unit index)
    other: str = ""              # "he"/"she" if the words speak of another man or woman
    section: str = ""            # the section it belongs in, whatever its words (clinical)


def kind_of(text: str, negative: bool) -> FactKind:
    if negative or _NEGATIVE_LEAD_RE.match(text):
        return "negative"
    if _VIEW_RE.search(text):
        return "view"
    if _HISTORY_RE.search(text):
        return "history"
    return "finding"
