"""Agreed actions: who will do what by when, from the practitioner's own commitments.

Only first-person commitments by the practitioner count ("I'll refer you...", "I'll phone you
on Friday"). Something the person or a relative says they will do is not an agreed action
of the service, so it is left out rather than invented into one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from summarise.draft import Action
from summarise.speakers import ACTION_VERBS, COMMITMENT_LEAD, COMMITMENT_RE, Role
from summarise.text import clean_speech

_DUE_RE = re.compile(
    r"\b(?:(?:by|on|next|this|before|after|until)\s+(?:(?:next|this)\s+)?"
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|week|month|weekend|"
    r"morning|afternoon|evening)|tomorrow|today|tonight|later today|"
    r"within\s+\w+\s+(?:days?|weeks?|working days?)|in\s+(?:a|\w+)\s+(?:days?|weeks?))\b",
    re.IGNORECASE)
_LEAD_RE = re.compile(rf"^{COMMITMENT_LEAD}\s+(?:also\s+|then\s+|just\s+|now\s+|"
                      r"definitely\s+)?", re.IGNORECASE)
# "I'll send you a copy and call you in two weeks": a second verb after "and" is its own action.
# Only when that verb addresses the person again: "come and look at" stays one action.
_AND_VERB_RE = re.compile(rf",?\s+and\s+(?:I'll\s+|then\s+)?(?=(?:{ACTION_VERBS})\s+"
                          r"(?:you|your)\b)", re.IGNORECASE)


def find_actions(units: Iterable[tuple[int | tuple[int, ...], str, Role]], person_ref: str
                 ) -> list[Action]:
    """`units` are (segment index or indexes, sentence text, speaker role) in order."""
    actions: list[Action] = []
    for where, text, role in units:
        cited = (where,) if isinstance(where, int) else tuple(where)
        if role != "practitioner" or text.rstrip().endswith("?"):
            continue  # a question ("shall I ...?") is not yet a commitment
        starts = [m.start() for m in COMMITMENT_RE.finditer(text)]
        for n, start in enumerate(starts):
            end = starts[n + 1] if n + 1 < len(starts) else len(text)
            whole = text[start:end].strip().rstrip(",;")
            whole = re.sub(r"(?:,?\s+and|,)$", "", whole).strip()
            for n_part, clause in enumerate(_AND_VERB_RE.split(whole)):
                if n_part:
                    clause = "I'll " + clause
                action_text = _imperative(clause, person_ref)
                if action_text:
                    due = _DUE_RE.search(clause)
                    actions.append(Action(action_text, "practitioner",
                                          due.group(0) if due else None, cited))
    return actions


# Reasons and asides add words, not actions: "so if you fall you can call for help".
_ASIDE_RE = re.compile(r"(?:,?\s+so (?:that |if |you |they |he |she |we )|,\s+maybe |"
                       r"\s+to see how ).*$", re.IGNORECASE)


def _imperative(clause: str, person_ref: str) -> str:
    body = _LEAD_RE.sub("", clean_speech(clause)).split(" — ")[0].rstrip(" .!,")
    body = _ASIDE_RE.sub("", body)
    if not body:
        return ""
    possessive = person_ref + "'" if person_ref.endswith("s") else person_ref + "'s"
    body = re.sub(r"\byour\b", possessive, body)
    body = re.sub(r"\byou(?: are|'re)\b", f"{person_ref} is", body)  # "how Mr Okafor is feeling"
    body = re.sub(r"\byou\b", person_ref, body)
    body = re.sub(r"\bmy\b", "the", body)  # "my manager" is the practitioner's: "the manager"
    return body[0].upper() + body[1:] + "."
