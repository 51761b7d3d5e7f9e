"""How the others in the room speak of someone: "I'll refer Roy for his own assessment".

A gender is never guessed from a name. But where the conversation itself speaks of a named
speaker as "he" or "she", again and again and never the other way, the note may too: "Roy
said he fell asleep in the chair", never "Roy said Roy fell asleep". A pronoun counts only in
the same sentence as the name, after it, said by someone else, and not where the name is
called out to its owner ("Roy, she's here", "You do a lot, Gill."): there "she" is someone
else.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from summarise.text import split_sentences

MIN_TIMES = 2  # a pronoun heard this often, and the other never, is how they are spoken of
_HE_RE = re.compile(r"\b(?:he|him|his|himself|he's|he'd|he'll)\b", re.IGNORECASE)
_SHE_RE = re.compile(r"\b(?:she|her|hers|herself|she's|she'd|she'll)\b", re.IGNORECASE)


def _spoken_of(sentence: str, name: str) -> str | None:
    """The words after `name` in the sentence, if the name is spoken of and not called to."""
    for match in re.finditer(rf"\b{re.escape(name)}\b(?!-)", sentence):
        before = sentence[:match.start()].rstrip()
        after = sentence[match.end():]
        if after.startswith(",") and (not before or before.endswith((",", "!", "?", "."))):
            continue  # "Roy, ..." or "..., Roy, ...": called to
        if before.endswith(",") and re.match(r"^\s*[.!?]?\s*$", after):
            continue  # "You do a lot, Gill."
        return after
    return None


def heard_genders(turns: Iterable[tuple[str | None, str]], names: dict[str, str],
                  others: Iterable[str] = ()) -> dict[str, str]:
    """{speaker label: "he" or "she"} for each named speaker ({label: first name}) whom the
    others speak of with one pronoun at least MIN_TIMES times and never with the other.
    `others` are the conversation's other proper names: after one of them, "she" may be
    hers."""
    rivals = [n for n in {*names.values(), *others} if n[:1].isupper()]
    counts = {label: [0, 0] for label in names}
    for speaker, text in turns:
        for sentence in split_sentences(text):
            spoken = {label: _spoken_of(sentence, name) for label, name in names.items()
                      if label != speaker}
            found = {label: after for label, after in spoken.items() if after is not None}
            if len(found) != 1:
                continue  # no name, or two names: whose "he" it is cannot be told
            (label, after), = found.items()
            if any(re.search(rf"\b{re.escape(n)}\b", after) for n in rivals
                   if n != names[label]):
                continue
            counts[label][0] += len(_HE_RE.findall(after))
            counts[label][1] += len(_SHE_RE.findall(after))
    out = {}
    for label, (he, she) in counts.items():
        if he >= MIN_TIMES and not she:
            out[label] = "he"
        elif she >= MIN_TIMES and not he:
            out[label] = "she"
    return out
