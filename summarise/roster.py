"""Who is in the conversation, and how a note names each of them.

A speaker label is what the transcript carries ("Worker", "Mrs Pickering", "Gary (son)",
"Kelly (senior carer)"); a role says what the speaker is to the visit (the practitioner, the
person the note is about, a carer, a relative, a professional, an interpreter). Roles come
from the caller where known (the user named the speakers) and are otherwise read from the
label. The note never says "X said" of the person it is about: the whole record is theirs.
Everyone else's words are attributed, by name and relation: "Her son Gary said ...".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from summarise.referred import called_gender, heard_genders
from summarise.speakers import Role, Voice, role_of

_SHE = {"mum", "mother", "mam", "wife", "daughter", "sister", "nan", "nana", "gran", "grandma",
        "grandmother", "aunt", "auntie", "niece", "granddaughter", "girlfriend", "stepmother",
        "daughter-in-law", "mother-in-law", "sister-in-law"}
_HE = {"dad", "father", "husband", "son", "brother", "grandad", "granddad", "grandfather",
       "uncle", "nephew", "grandson", "boyfriend", "stepfather", "son-in-law", "father-in-law",
       "brother-in-law"}
FAMILY = _SHE | _HE | {"partner", "relative", "family", "cousin", "grandchild", "child"}
_PROFESSIONAL = {"nurse", "district nurse", "doctor", "gp", "carer", "senior carer", "ot",
                 "occupational therapist", "physio", "physiotherapist", "care worker",
                 "support worker", "pa", "personal assistant", "manager", "officer", "police",
                 "paramedic", "pharmacist", "teacher", "key worker", "advocate"}
_INTERPRETER = {"interpreter", "translator"}
# a spouse may call the other "Dad" for a joke, or in the children's hearing
_SPOUSE = {"wife", "husband", "partner", "boyfriend", "girlfriend"}
_BY_ROLE = {"carer": "The carer", "family": "A relative", "professional": "The professional",
            "interpreter": "The interpreter"}
_LABEL_RE = re.compile(r"^\s*([^()]+?)\s*\(([^()]+)\)\s*$")
_TITLE_RE = re.compile(r"^(mr|mrs|ms|miss|dr)\.?\s", re.IGNORECASE)


@dataclass(frozen=True)
class Speaker:
    label: str
    role: Role
    name: str | None = None      # "Gary", "Mrs Pickering"
    relation: str | None = None  # "son", "partner", "senior carer"


def parse_label(label: str, role: str | None = None) -> Speaker:
    """"Gary (son)" -> name Gary, relation son; "Mum (Lisa)" -> name Lisa, relation mum;
    "Worker" -> the practitioner; "Neighbour" -> relation neighbour."""
    text = label.strip()
    name: str | None
    relation: str | None
    paren = _LABEL_RE.match(text)
    if paren:
        first, second = paren.group(1).strip(), paren.group(2).strip()
        if first.lower() in FAMILY | _PROFESSIONAL | _INTERPRETER:
            name, relation = second, first.lower()
        else:
            name, relation = first, second.lower()
    elif text.lower() in FAMILY | _PROFESSIONAL | _INTERPRETER | {"neighbour", "friend"}:
        name, relation = None, text.lower()
    elif role_of(text) in ("practitioner", "person"):  # "Worker", "Patient": a role, no name
        name, relation = None, None
    else:
        name, relation = text, None
    given = _role(role) if role else None
    if given is None:
        found = role_of(relation) if relation else role_of(text)
        given = found if found not in (None, "other") else None
        if given is None and relation in FAMILY:
            given = "family"
        elif given is None and relation in _PROFESSIONAL:
            given = "professional"
        elif given is None and relation in _INTERPRETER:
            given = "interpreter"
    if given == "practitioner":
        name = None
    if given == "professional" and any(w in text.lower() for w in _INTERPRETER):
        given = "interpreter"  # "Interpreter", named a professional: still the person's voice
    return Speaker(label, given or role_of(text) or "other", name, relation)


def _role(role: str) -> Role | None:
    low = role.strip().lower()
    if low in ("practitioner", "person", "carer", "family", "professional", "interpreter",
               "other"):
        return low  # type: ignore[return-value]
    return role_of(low)


def gender(speaker: Speaker) -> str | None:
    """"she", "he" or None, from a title or a relation word only (never guessed from a name)."""
    if speaker.name:
        title = _TITLE_RE.match(speaker.name)
        if title:
            return "he" if title.group(1).lower() == "mr" else (
                None if title.group(1).lower() == "dr" else "she")
    if speaker.relation in _SHE:
        return "she"
    if speaker.relation in _HE:
        return "he"
    return None


def _bare(name: str | None) -> str:
    """"Mrs Pickering" -> "Pickering"; "Gill" -> "Gill"."""
    words = [w for w in (name or "").split() if not _TITLE_RE.match(w + " ")]
    return words[-1] if words else ""


def pronouns(pronoun: str | None) -> tuple[str, str, str, str, bool]:
    """(they, them, their, themselves, plural verbs) for "she", "he" or None."""
    if pronoun == "she":
        return "she", "her", "her", "herself", False
    if pronoun == "he":
        return "he", "him", "his", "himself", False
    return "they", "them", "their", "themselves", True


class Roster:
    """Every speaker of a transcript; `subject` is the one the note is about."""

    def __init__(self, speakers: Iterable[Speaker], subject_roles: Iterable[str] = ("person",),
                 person_name: str | None = None) -> None:
        self.speakers = {s.label: s for s in speakers}
        roles = tuple(subject_roles)
        subjects = [s for s in self.speakers.values() if s.role in roles]
        # the first listed subject role that anyone has ("carer" in a carer's assessment)
        self.subject = next((s for role in roles for s in subjects if s.role == role), None)
        self.person_name = person_name or (self.subject.name if self.subject else None)
        self.pronoun = gender(Speaker("", "person", self.person_name, self.subject.relation
                                      if self.subject else None))
        self.names: frozenset[str] = frozenset()  # the conversation's proper names, lowercase
        self.heard: dict[str, str] = {}  # label -> "he"/"she", as the others speak of them

    def hear(self, turns: Iterable[tuple[str | None, str]]) -> None:
        """Learn from the conversation how the others speak of each named speaker
        (`summarise.referred`); a title or relation word still comes first."""
        turns = list(turns)
        named = {s.label: _bare(s.name) for s in self.speakers.values() if s.name}
        self.heard = heard_genders(turns, {k: v for k, v in named.items() if v},
                                   (n.capitalize() for n in self.names))
        if self.pronoun is None and self.subject is not None:
            self.pronoun = self.heard.get(self.subject.label)
        if self.pronoun is None and self.subject is not None:
            self.pronoun = called_gender(turns, self.subject.label, self._callers())

    def _callers(self) -> list[str]:
        """The one relative in the room besides the subject who may call them "Mum" or
        "Dad" (not a spouse); none where there are two."""
        others = [s for s in self.speakers.values() if s is not self.subject
                  and s.role in ("family", "carer", "other")]
        if len(others) != 1 or others[0].relation in _SPOUSE:
            return []
        return [others[0].label]

    @classmethod
    def build(cls, labels: Iterable[str | None], roles: Mapping[str, str] | None = None,
              subject_roles: Iterable[str] = ("person",), person_name: str | None = None
              ) -> Roster:
        roles = roles or {}
        seen = dict.fromkeys(x for x in labels if x)
        speakers = [parse_label(label, roles.get(label)) for label in seen]
        return cls(speakers, subject_roles, person_name)

    def get(self, label: str | None) -> Speaker | None:
        return self.speakers.get(label) if label else None

    def is_subject(self, label: str | None, role: Role) -> bool:
        """Whether these words are the person's own: theirs, or an interpreter's, whose "I"
        is the person speaking ("I get up twice a night" from the interpreter is his)."""
        if label is not None and label in self.speakers and \
                self.speakers[label].role == "interpreter":
            return True
        if self.subject is not None and label is not None and label in self.speakers:
            return label == self.subject.label
        return role == "person"

    def voice(self) -> Voice:
        """The subject, as the note refers to them. Where neither a title nor a relation says
        "she" or "he", the note uses their name ("Jay does not want..."), never a guess."""
        if self.pronoun is None and self.person_name:
            name = self.person_name
            return Voice(name, name, name, name + ("'" if name.endswith("s") else "'s"),
                         "themselves", False)
        they, them, their, themselves, plural = pronouns(self.pronoun)
        return Voice(self.person_name or "The person", they, them, their, themselves, plural)

    def possessive(self) -> str:
        """"her", "his", or the person's name with 's when neither is known."""
        if self.pronoun:
            return "her" if self.pronoun == "she" else "his"
        name = self.person_name
        if not name:
            return "the person's"
        return name + ("'" if name.endswith("s") else "'s")

    def reference(self, label: str | None, role: Role) -> str:
        """How a note sentence names someone other than the subject: "Her son Gary", "Kelly
        (senior carer)", "The neighbour", "The interpreter"."""
        speaker = self.get(label)
        if speaker is None:
            return _BY_ROLE.get(role, "Another person")
        if speaker.relation in FAMILY and speaker.relation not in ("family", "relative"):
            whose = self.possessive()
            rel = f"{whose[0].upper()}{whose[1:]} {speaker.relation}"
            return f"{rel} {speaker.name}" if speaker.name else rel
        if speaker.name and speaker.relation:
            return f"{speaker.name} ({speaker.relation})"
        if speaker.name:
            return speaker.name
        if speaker.relation:
            return f"The {speaker.relation}"
        return _BY_ROLE.get(speaker.role, "Another person")

    def voice_of(self, label: str | None, role: Role) -> Voice:
        """Someone else's voice. With no "she" or "he" to go on, their "I", "me" and "my" are
        their name ("I make the coffee" -> "Halina said Halina makes the coffee", "lift me" ->
        "lift Roy"): "they" and "them" would read as someone else, or everyone in the room, and
        a gender is never guessed from a name."""
        speaker = self.get(label)
        pronoun = (gender(speaker) or self.heard.get(speaker.label)) if speaker else None
        they, them, their, themselves, plural = pronouns(pronoun)
        if pronoun is None and speaker is not None and speaker.name:
            name = speaker.name
            they, them, their, plural = name, name, name + (
                "'" if name.endswith("s") else "'s"), False
        return Voice(self.reference(label, role), they, them, their, themselves, plural,
                     name_again=pronoun is None and speaker is not None and bool(speaker.name))
