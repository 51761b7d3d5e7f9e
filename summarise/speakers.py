"""Who said a piece of evidence, and how a note names them.

Transcripts carry a speaker label when the recorder or the practitioner supplied one; raw
Whisper output does not. Then `guess_role` uses what a sentence does (asking, committing)
to tell the practitioner from the person. The guess only shapes wording ("Mr Jones said ...");
the practitioner checks every sentence, and the citation shows the real words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Role = Literal["practitioner", "person", "carer", "other"]

_PRACTITIONER_LABELS = {"practitioner", "worker", "social worker", "sw", "assessor",
                        "professional", "ot", "nurse", "interviewer"}
_CARER_LABELS = {"carer", "daughter", "son", "wife", "husband", "partner", "family",
                 "relative", "mother", "father"}
_PERSON_LABELS = {"person", "client", "service user", "resident", "patient", "adult"}
COMMITMENT_RE = re.compile(
    r"\b(?:I'll|I will|I'm going to|I am going to|we'll|we will|I can)\s+(?:also\s+|then\s+|"
    r"just\s+|now\s+|definitely\s+)?(?:refer|phone|call|ring|ask|arrange|contact|send|book|"
    r"visit|speak|write|check|chase|look into|find|sort|organise|organize|request|apply|email|"
    r"make|set up|come back|pop|talk|let|get|put|discuss|follow)\b",
    re.IGNORECASE)


@dataclass(frozen=True)
class Voice:
    """How a note refers to a speaker: the subject, and the pronouns for reported speech."""
    subject: str
    they: str
    them: str
    their: str
    themselves: str
    plural_verbs: bool  # "they are" vs "she is"


def role_of(label: str | None) -> Role | None:
    if not label:
        return None
    text = label.strip().lower()
    if text in _PRACTITIONER_LABELS:
        return "practitioner"
    if text in _CARER_LABELS:
        return "carer"
    if text in _PERSON_LABELS:
        return "person"
    return "other"


def guess_role(text: str) -> Role:
    """Best guess of an unlabelled speaker from what the sentence does."""
    if text.rstrip().endswith("?") or (COMMITMENT_RE.search(text) and
                                       re.search(r"\byou(?:r)?\b", text, re.IGNORECASE)):
        return "practitioner"
    return "person"


def voice_for(role: Role, person_name: str | None, label: str | None) -> Voice:
    if role == "person":
        name = person_name or "The person"
        title = name.split()[0].rstrip(".").lower() if person_name else ""
        if title == "mr":
            return Voice(name, "he", "him", "his", "himself", False)
        if title in ("mrs", "ms", "miss"):
            return Voice(name, "she", "her", "her", "herself", False)
        return Voice(name, "they", "them", "their", "themselves", True)
    if role == "practitioner":
        return Voice("The practitioner", "they", "them", "their", "themselves", True)
    subject = f"The {label.strip().lower()}" if label else "The carer"
    return Voice(subject, "they", "them", "their", "themselves", True)
