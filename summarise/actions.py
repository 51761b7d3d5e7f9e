"""Agreed actions: who will do what by when, from the practitioner's own commitments.

Only first-person commitments by the practitioner count ("I'll refer you...", "I'll phone you
on Friday"). Something the person or a relative says they will do is not an agreed action
of the service, so it is left out rather than invented into one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from summarise.draft import Action
from summarise.speakers import COMMITMENT_RE, Role
from summarise.text import clean_speech

_DUE_RE = re.compile(
    r"\b(?:(?:by|on|next|this|before|after|until)\s+(?:(?:next|this)\s+)?"
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|week|month|weekend|"
    r"morning|afternoon|evening)|tomorrow|today|tonight|later today|"
    r"within\s+\w+\s+(?:days?|weeks?|working days?)|in\s+(?:a|\w+)\s+(?:days?|weeks?))\b",
    re.IGNORECASE)
_LEAD_RE = re.compile(
    r"^(?:I'll|I will|I'm going to|I am going to|we'll|we will|I can)\s+"
    r"(?:also\s+|then\s+|just\s+|now\s+|definitely\s+)?", re.IGNORECASE)


def find_actions(units: Iterable[tuple[int, str, Role]], person_ref: str) -> list[Action]:
    """`units` are (segment index, sentence text, speaker role) in transcript order."""
    actions: list[Action] = []
    for index, text, role in units:
        if role != "practitioner" or text.rstrip().endswith("?"):
            continue  # a question ("shall I ...?") is not yet a commitment
        starts = [m.start() for m in COMMITMENT_RE.finditer(text)]
        for n, start in enumerate(starts):
            end = starts[n + 1] if n + 1 < len(starts) else len(text)
            clause = text[start:end].strip().rstrip(",;")
            clause = re.sub(r"(?:,?\s+and|,)$", "", clause).strip()
            action_text = _imperative(clause, person_ref)
            if action_text:
                due = _DUE_RE.search(clause)
                actions.append(Action(action_text, "practitioner",
                                      due.group(0) if due else None, (index,)))
    return actions


def _imperative(clause: str, person_ref: str) -> str:
    body = _LEAD_RE.sub("", clean_speech(clause)).rstrip(" .!,")
    if not body:
        return ""
    possessive = person_ref + "'" if person_ref.endswith("s") else person_ref + "'s"
    body = re.sub(r"\byour\b", possessive, body)
    body = re.sub(r"\byou are\b", "they are", body)
    body = re.sub(r"\byou\b", person_ref, body)
    return body[0].upper() + body[1:] + "."
