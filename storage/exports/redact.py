"""Mask third parties' names and everyone's contact details in an exported note.

A note is about one person (the subject); the people around them (a son, a neighbour, a GP)
are third parties whose details may not belong in every copy. Without a named-entity model,
names are found where a note names people: after a title ("Mrs Okafor", "Dr Shah") or a
relationship ("her son David", "neighbour, Jim"); each name found is then masked wherever it
appears in the note. Phone numbers, e-mail addresses, street addresses and postcodes are
masked too. The subject's own name is kept. The preview shows every mask before export.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

TITLES = r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Doctor|Nurse|Sister|Father|Reverend|Rev|Cllr)\.?"
RELATIONS = (r"(?:son|daughter|husband|wife|partner|mother|father|mum|mom|dad|brother|sister|"
             r"aunt|uncle|niece|nephew|cousin|grandson|granddaughter|grandmother|grandfather|"
             r"nan|grandma|grandad|friend|neighbour|neighbor|carer|lodger|landlord|landlady|"
             r"boyfriend|girlfriend|stepson|stepdaughter|son-in-law|daughter-in-law|"
             r"advocate|GP|social worker|key worker|support worker)")
NAME = r"[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?"
NOT_NAMES = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
             "January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December", "The", "She", "He", "They",
             "Her", "His", "Their", "And", "But", "Also", "Who", "When", "Said", "Has", "Had",
             "Is", "Was", "Will", "Would", "Can", "Could", "Lives", "Visits", "Came", "Comes",
             "Helps", "Phones", "Rings", "Calls", "Does", "Did", "Used", "Surgery", "Practice",
             "Council", "Team", "Service", "Services", "Hospital", "Ward", "Clinic",
             "Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Doctor", "Nurse", "Sister", "Father",
             "Reverend", "Rev", "Cllr"}

CONTACTS = [
    ("email", re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")),
    ("phone", re.compile(r"(?<![\w])(?:\+44\s?\(?0?\)?\s?|\b0)\d(?:[\s-]?\d){8,9}\b")),
    ("address", re.compile(
        r"\b\d{1,4}[a-zA-Z]?,?\s+(?:[A-Z][a-z]+\s+){1,3}(?:Road|Rd|Street|St|Avenue|Ave|Lane|"
        r"Close|Drive|Way|Court|Gardens|Place|Crescent|Terrace|Grove|Hill|Park|Row|Square|"
        r"Walk|Mews)\b")),
    ("postcode", re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b")),
]

_TITLED = re.compile(rf"\b{TITLES}\s+({NAME}(?:\s+{NAME})?)")
_RELATED = re.compile(rf"\b{RELATIONS},?\s+(?:called\s+|named\s+)?({NAME}(?:\s+{NAME})?)")


@dataclass
class Redactor:
    """Built from all the note's texts, so a name found once is masked everywhere."""

    subject: str
    names: set[str] = field(default_factory=set)

    @classmethod
    def for_note(cls, subject: str, texts: list[str]) -> Redactor:
        keep = {w for w in re.findall(r"[A-Za-z][\w'-]+", subject)}
        names: set[str] = set()
        for text in texts:
            for pattern in (_TITLED, _RELATED):
                for match in pattern.finditer(text):
                    for word in match.group(1).split():
                        if word not in keep and word not in NOT_NAMES:
                            names.add(word)
        return cls(subject, names)

    def __call__(self, text: str) -> str:
        for kind, pattern in CONTACTS:
            text = pattern.sub(f"[{kind}]", text)
        if self.names:
            words = "|".join(sorted((re.escape(n) for n in self.names), key=len, reverse=True))
            text = re.sub(rf"\b(?:{words})\b(?:\s+\b(?:{words})\b)*", "[name]", text)
        return text

    def changes(self, text: str) -> list[tuple[str, str]]:
        """(original, masked) for each stretch that would change: the preview."""
        masked = self(text)
        if masked == text:
            return []
        return [(text, masked)]
