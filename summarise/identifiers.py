"""Identifiers never reach a note's body: the record's header carries the person's address,
date of birth, phone number, e-mail and NHS number, entered once and checked there.

A statement that gives one ("I live at 14 Acacia Road", "My date of birth is the third of
March", "ring me on 07700 900123"), or answers a question asking for one, is left out of the
note. The transcript keeps it, under the vault's encryption like everything else.
"""

from __future__ import annotations

import re

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
)
_IDENTIFIER_RE = re.compile("|".join(_PATTERNS), re.IGNORECASE)


def gives_identifier(*texts: str) -> bool:
    """Does any of these words (a statement, the question it answers) give an identifier?"""
    return any(_IDENTIFIER_RE.search(t) for t in texts if t)
