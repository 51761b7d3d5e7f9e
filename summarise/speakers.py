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

Role = Literal["practitioner", "person", "carer", "family", "professional", "interpreter",
               "other"]

_PRACTITIONER_LABELS = {"practitioner", "worker", "social worker", "sw", "assessor",
                        "professional", "ot", "nurse", "interviewer", "doctor", "gp",
                        "clinician", "occupational therapist", "care coordinator"}
_CARER_LABELS = {"carer", "daughter", "son", "wife", "husband", "partner", "family",
                 "relative", "mother", "father"}
_PERSON_LABELS = {"person", "client", "service user", "resident", "patient", "adult"}
ACTION_VERBS = (r"refer|phone|call|ring|ask|arrange|contact|send|book|visit|speak|write|check|"
                r"chase|look into|look at|find out|find|sort out|sort|organise|organize|request|"
                r"apply|email|make sure|set up|come back|come round|pop|talk|let you know|get|"
                r"put|discuss|follow up|follow|give|help|raise|report|suggest|bring|drop|"
                r"update|review|order|share|pass")
COMMITMENT_LEAD = (r"(?:what I(?:'m| am) going to do is|what I(?:'ll| will) do is|I'll|I will|"
                   r"I'm going to|"
                   r"I am going to|we'll|we will|I can|I need to|I have to|I'd|I would|"
                   r"I'd like to)")
COMMITMENT_RE = re.compile(
    rf"\b{COMMITMENT_LEAD}\s+(?:also\s+|then\s+|just\s+|now\s+|definitely\s+)?"
    rf"(?:{ACTION_VERBS})\b", re.IGNORECASE)


@dataclass(frozen=True)
class Voice:
    """How a note refers to a speaker: the subject, and the pronouns for reported speech."""
    subject: str
    they: str
    them: str
    their: str
    themselves: str
    plural_verbs: bool  # "they are" vs "she is"
    # "me" and "my" stay the name after it has been said (someone else's voice: "them"
    # would read as another person); else "them"/"their" (summarise/extractive.py)
    name_again: bool = False


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


_OWN_PEOPLE = re.compile(r"\bmy (?:daughter|son|wife|husband|partner|sister|brother|mum|"
                         r"dad|mother|father|neighbour|friend|nephew|niece|grandson|"
                         r"granddaughter|family)\b", re.IGNORECASE)


_SECOND_PERSON = re.compile(r"\b(?:you|your|you're|yourself)\b", re.IGNORECASE)
_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I've|I'd|I'll|me|my|myself)\b")  # "we/us" may be a team
_PRACTITIONER_TALK = re.compile(
    r"\b(?:I'm \w+ from|I'm here to|from the (?:council|adult social care|team)|"
    r"on behalf of|safeguarding|my manager|my team|my notes|referral|last time we spoke|"
    r"encrypted|on (?:this|my) laptop|record (?:this|our|the) )\b|"
    r"^(?:so )?(?:tell me|can you|could you|let's)\b|"
    # empathy and information, the practitioner's side of a conversation
    r"^(?:that sounds|that makes sense|that's (?:really )?(?:important|helpful)|"
    r"(?:I'm )?sorry to hear|thank you for)\b|"
    r"^there's an? (?:\w+ ){0,4}(?:cafe|centre|center|group|service|scheme|team)\b",
    re.IGNORECASE)


def guess_role(text: str) -> Role:
    """Best guess of an unlabelled speaker from what the sentence does.

    Questions, introductions and commitments to act ("I'll refer you", "what I'm going to do
    is ask occupational therapy") are the practitioner's, unless the commitment is about the
    speaker's own people ("I'll ask my daughter"), which is the person's; so is talk about
    "you" with no "I" in it ("So you're not getting much sleep").
    """
    if text.rstrip().endswith("?") or _PRACTITIONER_TALK.search(text):
        return "practitioner"
    if COMMITMENT_RE.search(text) and not _OWN_PEOPLE.search(text):
        return "practitioner"
    if _SECOND_PERSON.search(text) and not _FIRST_PERSON.search(text):
        return "practitioner"  # talking about "you" and never "I": the worker reflecting back
    return "person"


def voice_for(role: Role, person_name: str | None, label: str | None) -> Voice:
    if role == "person":
        # unnamed: "The person", or the label the template counts as the person ("The carer")
        name = person_name or (f"The {label.strip().lower()}" if label and
                               label.strip().lower() not in _PERSON_LABELS else "The person")
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
