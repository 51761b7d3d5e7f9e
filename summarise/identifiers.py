"""Identifiers never reach a note's body: the record's header carries the person's name,
address, date of birth, phone number, e-mail and NHS number, entered once and checked there.

A statement that gives one ("I live at 14 Acacia Road", "My date of birth is the third of
March", "ring me on 07700 900123"), or answers a question asking for one ("What's your full
name?", "Is it Mrs Hughes?"), is left out of the note. A speaker introducing themselves ("I'm
Amanda Jackson and I'm nineteen") loses the introduction, and the age said with it, but keeps
what else they said ("…, and I live on my own"). The transcript keeps it all, under the
vault's encryption like everything else.
"""

from __future__ import annotations

import re

_NOT_NAMES = (r"(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|"
              r"February|March|April|May|June|July|August|September|October|November|"
              r"December|Christmas|Easter|Ok|Okay|Alright|Right|True|Fine|English|British|Scottish|"
              r"Welsh|Irish|Roman|Catholic|Church|Christian|Muslim|Jewish|Hindu|Sikh|Buddhist|"
              r"Black|White|Asian|Mixed)\b)")
# a name as said: "Mrs Hughes", "Amanda Jackson", "Tom"
_NAME = (rf"(?-i:(?:(?:Mr|Mrs|Ms|Miss|Dr)\.?\s+)?{_NOT_NAMES}[A-Z][a-z'-]+"
         rf"(?:\s+{_NOT_NAMES}[A-Z][a-z'-]+)?)")
_PATTERNS = (
    r"\b(?:date of birth|d\.?o\.?b\b|born on|birthday is|when were you born|"
    r"what(?:'s| is) your (?:date of birth|dob|birthday))",
    r"\b(?:I live at|(?:he|she|they) lives? at|(?:my|your|her|his|the) (?:home |full |new )?"
    r"address|what(?:'s| is) (?:your|the) address|postcode|post code)\b",
    r"\b\d{1,4}[a-z]? (?:[A-Z][a-z]+ ){1,2}(?:Road|Street|Lane|Avenue|Close|Drive|Way|Crescent|"
    r"Terrace|Place|Court|Gardens|Grove|Walk|Row|Hill|Square)\b",
    r"\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b",                          # a UK postcode
    r"\b(?:phone|mobile|telephone|landline|contact) number\b",
    r"(?:\+44\s?|\b0)(?:\d[\s-]?){9,10}\b",                            # a phone number
    r"\b[\w.+-]+@[\w-]+\.[\w.]+\b|\bat \w+ dot (?:com|co dot uk|org|net)\b",  # an e-mail
    r"\b(?:NHS|national insurance) number\b|\b\d{3} ?\d{3} ?\d{4}\b",
    r"\bwhat(?:'s| is) your (?:full |first |last |sur)?name\b|\b(?:confirm|tell me|give me|"
    r"take|have|get|spell) your (?:full |first |last |sur)?name\b|\byour name and\b",
    # "Is it Mrs Hughes?", "Are you Tom?": the answer confirms who the person is
    rf"\b(?:is it|is that|are you|am I (?:speaking|talking) to|speaking to)\s+{_NAME}\s*\?",
)
_IDENTIFIER_RE = re.compile("|".join(_PATTERNS), re.IGNORECASE)


def gives_identifier(*texts: str) -> bool:
    """Does any of these words (a statement, the question it answers) give an identifier?"""
    return any(_IDENTIFIER_RE.search(t) for t in texts if t)


_NUMBER = (r"(?:\d{1,3}|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|"
           r"three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|"
           r"nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|"
           r"nineteen|a hundred(?: and \w+)?)")
# "I'm Amanda Jackson", "My name's Tom", "Call me Bill": one word of a name is enough after
# "my name is", a title or a second name after "I'm" ("I'm English" is not a name)
_INTRO_RE = re.compile(
    rf"^(?:(?:yes|yeah|hi|hello|hiya|well|sure|okay|ok|so|right|um|uh|erm)\b[,.!]?\s+)*"
    # after "my name is" a month is a name too ("My name is April")
    rf"(?:(?:my|the) name(?:'s| is)\s+(?-i:[A-Z][a-z'-]+(?:\s+[A-Z][a-z'-]+)?)|"
    rf"(?:I'm|I am) called\s+{_NAME}|call me\s+{_NAME}|(?:I'm|I am)\s+(?-i:"
    rf"(?:(?:Mr|Mrs|Ms|Miss|Dr)\.?\s+{_NOT_NAMES}[A-Z][a-z'-]+|{_NOT_NAMES}[A-Z][a-z'-]+\s+"
    rf"{_NOT_NAMES}[A-Z][a-z'-]+)(?:\s+[A-Z][a-z'-]+)?)|(?:I'm|I am)\s+(?-i:{_NOT_NAMES}"
    rf"[A-Z][a-z'-]+)(?=(?:,|\s+and)\s+(?:I'm|I am)\s+{_NUMBER}\b))"
    r"(?:,?\s+by the way)?(?P<end>\s*(?:[,;.!]+|\s+and\b)\s*|\s*$)", re.IGNORECASE)
# ...and the age said with it: "…and I'm nineteen", "…, I'm seventy-eight years old"
_AGE_RE = re.compile(rf"^(?:I'm|I am|aged?)\s+(?:just |only |nearly |almost )?{_NUMBER}"
                     r"(?:\s+years?(?: of age| old)?|\s+year old)?(?P<end>\s*(?:[,;.!]+|\s+and\b)"
                     r"\s*|\s*$)", re.IGNORECASE)


def without_introduction(text: str) -> str:
    """The words without the speaker introducing themselves, or the age said with that:
    "My name's Sarah, I'm seventy-eight and I live on my own." -> "I live on my own."; ""
    if nothing else was said; the words as they are if they introduce no one."""
    intro = _INTRO_RE.match(text.strip())
    if not intro:
        return text
    rest = text.strip()[intro.end():]
    age = _AGE_RE.match(re.sub(r"^[\s,;]*(?:and\s+)?", "", rest))  # "…is April, and I'm fifty"
    if age:
        rest = re.sub(r"^[\s,;]*(?:and\s+)?", "", rest)
    if age:
        rest = rest[age.end():]
    rest = rest.strip(" ,;.")
    return rest[0].upper() + rest[1:] + ("" if rest[-1] in ".!?" else ".") if rest else ""
