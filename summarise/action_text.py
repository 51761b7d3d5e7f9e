"""How an action reads: the owner and what they are to do ("Mr Ashworth to ring the bank."),
the practitioner's own words in the third person, a capital to start."""

from __future__ import annotations

import re

from summarise.action_patterns import NOT_TO_RE
from summarise.extractive import third_person_verb


def own_words(body: str) -> str:
    """The practitioner's own undertaking, their "I" and "me" named: "ring her once I've
    spoken to Sue" -> "…once the practitioner has spoken to Sue"."""
    body = re.sub(r"\bI've\b", "the practitioner has", body)
    body = re.sub(r"\bI'm\b", "the practitioner is", body)
    body = re.sub(r"\bI'll\b", "the practitioner will", body)
    body = re.sub(r"\bI'd\b", "the practitioner would", body)
    body = re.sub(r"\bI (\w+)", lambda m: "the practitioner " + third_person_verb(m.group(1)),
                  body)
    return re.sub(r"\bme\b", "the practitioner", body)


def to(owner: str, body: str) -> str:
    """ "Mr Ashworth to ring the bank." or, for advice against, "Mr Ashworth not to say
    anything to Kev." (never "to don't say"). What they said of themselves after it ("…,
    I'll never remember it all", "— she won't let me") is no part of it."""
    owner = re.sub(r"\s*\([^)]*\)", "", owner)  # "Kemi (district nurse)" acts as "Kemi"
    body = re.sub(r"(?:,|\s[—–-])\s+[^,—–]*\b(?:I|I'll|I'm|I've|I'd|me|my)\b.*$", "", body)
    if NOT_TO_RE.match(body):
        return f"{owner} not to {NOT_TO_RE.sub('', body)}."
    if re.match(r"no\s+\w+ing\b", body, re.IGNORECASE):  # "I'd suggest no smoking in bed"
        return f"{owner}: {body}."
    return f"{owner} to {body}."


def capital(text: str) -> str:
    return text[0].upper() + text[1:] if text else text


def spoken_plainly(text: str) -> str:
    """An undertaking as a note reads it: a condition said before its own "I'll" goes after
    it ("…, and if it's low I'll order some" -> "…, and I'll order some if it's low", so the
    order is not cut off at the condition), and a relative called by what they are at the end
    ("I'll put the number on the fridge, Mam.") is no part of it."""
    text = re.sub(r"(,?\s+and\s+)(if\s[^,.;?!—–]+?),?\s+(I'll|I will)\s+([^,.;?!—–]+)",
                  r"\1\3 \4 \2", text)
    # "And if it gets worse, I'll ring the GP." -> "I'll ring the GP if it gets worse."
    text = re.sub(r"(^|[.!?]\s+)(?:(?i:and|so|but)\s+)?(?i:if)\s([^,.;?!—–]+),\s*(I'll|I will)\s+"
                  r"([^.;?!—–]+)", lambda m: f"{m.group(1)}{m.group(3)} {m.group(4)} if "
                  f"{m.group(2)}", text)
    return re.sub(r",\s*(?-i:Mam|Mum|Mom|Dad|Nan|Nana|Gran|Grandad|Granda)(?=[.!]?(?:\s|$))", "",
                  text)
