"""Whom the practitioner's "you" means, and how an action names them.

"You" is the person, unless the practitioner has turned to someone ("Mick, how are you
doing?") or someone else has just answered; a name that is no other speaker's is taken to be
the person's own first name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from summarise.extractive import third_person_verb
from summarise.roster import Roster

if TYPE_CHECKING:
    from summarise.evidence import EvidenceUnit


@dataclass(frozen=True)
class Addressee:
    """Whom the practitioner's "you" means: the person, or someone they turned to ("Mick,
    how are you doing?")."""
    owner: str       # as an action's owner: "Mrs Pickering", "Her partner Mick"
    name: str        # in the action's words: "Mrs Pickering", "Mick"
    possessive: str  # "her", "Mick's"


def speaker_of(unit: EvidenceUnit, roster: Roster) -> Addressee:
    speaker = roster.get(unit.label)
    if speaker is None or roster.is_subject(unit.label, unit.role):
        return subject(roster)
    name = speaker.name or roster.reference(unit.label, unit.role)
    short = name.split()[0] if speaker.name and not speaker.name.startswith(("Mr", "Mrs", "Ms",
                                                                             "Miss", "Dr")) \
        else name
    return Addressee(roster.reference(unit.label, unit.role), short,
                     short + ("'" if short.endswith("s") else "'s"))


def subject_owner(roster: Roster) -> str:
    return roster.person_name or "The person"


def subject(roster: Roster) -> Addressee:
    name = roster.person_name or "the person"
    return Addressee(roster.person_name or "The person", name, roster.possessive())


def vocative(text: str, roster: Roster) -> Addressee | None:
    """Someone named as the practitioner turns to them: "And Mick, ...", "..., Mick?". A name
    that is no other speaker's is taken to be the person's own first name."""
    for match in _VOCATIVE_RE.finditer(text):
        name = match.group(1) or match.group(2)
        if name in _NOT_NAMES:
            continue
        for speaker in roster.speakers.values():
            if speaker.role == "practitioner" or not speaker.name:
                continue
            if name in speaker.name.split() and speaker.label != (
                    roster.subject.label if roster.subject else None):
                possessive = name + ("'" if name.endswith("s") else "'s")
                return Addressee(roster.reference(speaker.label, speaker.role), name, possessive)
        return subject(roster)
    return None


def by_addressee(text: str, roster: Roster, who: Addressee) -> list[tuple[str, Addressee]]:
    """The turn cut where it calls someone new by name, each part with whom it speaks to."""
    parts: list[tuple[str, Addressee]] = []
    for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z])", text):
        who = vocative(sentence, roster) or who
        if parts and parts[-1][1] == who:
            parts[-1] = (f"{parts[-1][0]} {sentence}", who)
        else:
            parts.append((sentence, who))
    return parts


def label_of(addressee: Addressee, roster: Roster) -> str | None:
    if addressee.owner == subject(roster).owner:
        return roster.subject.label if roster.subject else None
    return next((label for label, s in roster.speakers.items()
                 if roster.reference(label, s.role) == addressee.owner), None)


# "And Mick, ..." turns to Mick; "a meeting with the police, housing and Siobhan, so…" does not
_VOCATIVE_RE = re.compile(r"(?:^|[,.!?]\s+)(?:(?:and|so|now|right|okay|but),?\s+){0,2}"
                          r"((?-i:[A-Z][a-z]+))(?=,|\?|\s*$)|"
                          # "…see you in twelve months, Danny. Maybe before."
                          r",\s+((?-i:[A-Z][a-z]+))(?=[.!](?:\s|$))", re.IGNORECASE)
_NOT_NAMES = {"And", "So", "Now", "Right", "Okay", "But", "Well", "Yes", "No", "Thanks",
              "Lovely", "Good", "Great", "Fine", "Sorry", "Right then", "Monday", "Tuesday",
              "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Hello", "Bye"}


def person_words(text: str, who: Addressee) -> str:
    text = re.sub(r"\byou both\b", "both", text, flags=re.IGNORECASE)
    # "ask for both of you": more than the one spoken to
    text = re.sub(r"\b(both|all|each|either|neither) of you\b", r"\1 of them", text,
                  flags=re.IGNORECASE)
    text = re.sub(r"\byourself\b", "themselves", text)  # "keep yourself safe"
    text = re.sub(r"\byour\b", who.possessive, text)
    text = re.sub(r"\byou(?: are|'re)\b", f"{who.name} is", text)  # "how Mr Okafor is feeling"
    text = re.sub(r"\byou(?: have|'ve)\b", f"{who.name} has", text)
    text = re.sub(r"\byou'll\b", f"{who.name} will", text)  # never "Ms Hindle'll"
    # the verb agrees with its new, third-person subject: "so Jay doesn't have to"
    for second, third in (("don't", "doesn't"), ("do not", "does not"), ("aren't", "isn't"),
                          ("are not", "is not"), ("haven't", "hasn't"), ("have not", "has not"),
                          ("were", "was"), ("weren't", "wasn't")):
        text = re.sub(rf"\byou {second}\b", f"{who.name} {third}", text, flags=re.IGNORECASE)
    # "Gareth, you need to open your post" -> "Gareth needs to…"
    text = re.sub(r"(?<!\blet )(?<!\bmake )(?<!\bhelp )(?<!\bsee )"
                  r"\byou (need|want|like|seem|feel|get|keep|look|know|think|say)\b",
                  lambda m: f"{who.name} {third_person_verb(m.group(1))}", text,
                  flags=re.IGNORECASE)
    # "while you ring them" -> "while Mr Rowley rings them"
    text = re.sub(r"\b(while|when|until|before|after|if|so|and|what|how|where|why) you "
                  r"(?!(?:and|or|but|nor|to|too|both|all|also|as|at|in|on|for|with|the|a|an)\b)"
                  r"(\w+(?:'\w+)?)",
                  lambda m: f"{m.group(1)} {who.name} {third_person_verb(m.group(2))}", text)
    # "I'll tell him you prefer texts" -> "tell him Ellie prefers texts"
    text = re.sub(r"\b((?:tell|tells|told|let|ask|remind|show)\s+"
                  r"(?:him|her|them|(?-i:[A-Z]\w+))(?:\s+know)?(?:\s+that)?) you "
                  r"(?!(?:and|or|but|to|too|both|all|also|as|at|in|on|for|with|the|a|an|can|"
                  r"could|will|would|should|might|must|may|had|did|were)\b)"
                  r"([a-z]+)\b",
                  lambda m: f"{m.group(1)} {who.name} {third_person_verb(m.group(2))}", text,
                  flags=re.IGNORECASE)
    # "I'll send it you in writing": "send it to Gill", never "send it Gill"
    text = re.sub(r"\b(send|give|bring|post|pass|hand|lend|read|email|show)\s+(it|them|this|that)"
                  r" you\b", r"\1 \2 to you", text, flags=re.IGNORECASE)
    text = re.sub(r"\byou\b", who.name, text)
    text = re.sub(r"\bYou\b", who.name, text)
    return text


_TURNED_TO_RE = re.compile(r"(?:^|[,.!?]\s+)(?:(?i:and|so|now|but|okay|right),?\s+){0,2}"
                           r"((?-i:[A-Z][a-z]+))"
                           r"(?=,|\.|\?|!|\s*$)")
# a relative calling the person by what they are to them, at the end ("…, Dad.") or before
# "you" ("Mam, you said…"); "Mum, she's been worse" is about her, not to her
_KIN = r"(?-i:Dad|Mum|Mam|Mom|Nan|Nana|Gran|Grandad|Grandma|Granda)"
_KIN_CALLED_RE = re.compile(rf",\s*{_KIN}(?=\s*(?:[.?!;]|[-—–]\s)|\s*$)|"
                            rf"^{_KIN},\s*(?=you\b|your\b)")


# a name called at a sentence's end ("I've seen your bank statement, Darren.") speaks to them
# for the whole turn; one called first ("Jean, can you help him?") turns to them from there
_CALLED_LAST_RE = re.compile(r",\s*(?-i:[A-Z][a-z]+)[.?!]")


def spoken_to(text: str, label: str | None, roster: Roster, turn: str = "") -> str:
    """"You weren't fine, Roy. You were on the floor for four hours.", said to another speaker
    by name: "you" is that speaker ("Roy wasn't fine. Roy was on the floor…"), never copied."""
    if not re.search(r"\byou(?:r|rs|rself)?\b", text, re.IGNORECASE):
        # "That's not a legal requirement, Darren.": the name called is not part of the note
        for speaker in roster.speakers.values():
            for name in (speaker.name or "").split() if speaker.label != label else ():
                if name[:1].isupper() and name not in ("Mr", "Mrs", "Ms", "Miss", "Dr"):
                    # "…, Darren." / "Roy, I can't do it.": the one spoken to, not the note's
                    # (never "Donna, and the little one with the glasses": a list)
                    text = re.sub(rf",\s*{re.escape(name)}(?=[.!]\s*$)|^{re.escape(name)},"
                                  r"(?!\s*(?:and|or)\b)\s*", "", text)
        return text
    kin = _KIN_CALLED_RE.search(f"{text} {turn}")
    speaking = roster.get(label)
    if kin and speaking is not None and speaking.role in ("family", "carer") and \
            roster.subject is not None and roster.subject.label != label:
        # "You don't know that, Dad.", from the son: "you" is the person he calls "Dad"
        text = _KIN_CALLED_RE.sub("", text).strip()
        return person_words(text[:1].upper() + text[1:], subject(roster))
    # a name called in this sentence, or earlier in the turn ("You weren't fine, Roy. You
    # were on the floor…"); never one called after it ("…under your calves. Jean, can you
    # help him?" turns to Jean for the next thing only)
    at = turn.find(text[:24]) if len(text) >= 12 else -1
    after = turn[at + len(text):] if at >= 0 else ""
    before = (turn[:at] + " " + " ".join(_CALLED_LAST_RE.findall(after))) if at >= 0 else turn
    for match in _TURNED_TO_RE.finditer(f"{text} {before}"):
        name = match.group(1)
        for speaker in roster.speakers.values():
            if speaker.label == label or speaker.role == "practitioner" or not speaker.name \
                    or name not in speaker.name.split():
                continue
            who = Addressee(name, name, name + ("'" if name.endswith("s") else "'s"))
            text = re.sub(rf",\s*{name}(?=[,.?!]|\s*$)", "", text)
            return person_words(text, who)
    if speaking is not None and roster.is_subject(label, speaking.role):
        # the person's "Bethan told you", "you're not telling her": to the practitioner
        text = _TOLD_YOU_RE.sub(r"\1 the practitioner", text)
        text = _YOU_TOLD_RE.sub("the practitioner", text)
        text = re.sub(r"\bthe practitioner(?:'re| are)\b", "the practitioner is", text)
        return text
    if speaking is not None and speaking.role == "professional" and roster.subject is not None:
        if _of_the_person(f"{text} {turn}", roster) and \
                not re.search(r"\byour\b", f"{text} {turn}", re.IGNORECASE):
            # "He was sat in the dark. I've took a photo of the letter for you.": a support
            # worker telling of the person speaks to the practitioner
            return person_words(text, _PRACTITIONER)
        return person_words(text, subject(roster))  # the nurse's "you", to no one named
    return text


# "you" as the one spoken to, in what the person says of telling and asking
# (never "I couldn't tell you", "he could tell you what they had for tea": a way of speaking)
_TOLD_YOU_RE = re.compile(r"\b(told|asked|promised|rang|phoned|texted|emailed|wrote to) you\b"
                          r"(?! know\b)", re.IGNORECASE)
_YOU_TOLD_RE = re.compile(r"(?:^|(?<=[,;—] )|(?<=\band )|(?<=\bbut ))(?:you|You)(?=(?:'re| are) "
                          r"not (?:telling|going to tell)\b| (?:said|told|asked|promised|rang|"
                          r"phoned|wrote)\b)")
_PRACTITIONER = Addressee("The practitioner", "the practitioner", "the practitioner's")


def _of_the_person(turn: str, roster: Roster) -> bool:
    """Whether a turn speaks of the person in the third person ("his post", "Gareth's")."""
    voice = roster.voice()
    words = {w for w in (voice.they, voice.them, voice.their) if w in ("he", "him", "his",
                                                                      "she", "her")}
    if voice.they not in ("he", "she"):
        words = {"he", "him", "his", "she", "her"}  # whose gender no one has said yet
    names = [n for n in (roster.person_name or "").split()
             if n not in ("Mr", "Mrs", "Ms", "Miss", "Dr")]
    return bool(words and re.search(rf"\b(?:{'|'.join(sorted(words))})\b", turn,
                                    re.IGNORECASE)) or \
        any(re.search(rf"\b{re.escape(n)}\b", turn) for n in names)
