"""How the others in the room speak of someone: "I'll refer Roy for his own assessment".

A gender is never guessed from a name. But where the conversation itself speaks of a named
speaker as "he" or "she", again and again and never the other way, the note may too: "Roy
said he fell asleep in the chair", never "Roy said Roy fell asleep". A pronoun counts only in
the same sentence as the name, after it, said by someone else, and not where the name is
called out to its owner ("Roy, she's here", "You do a lot, Gill."): there "she" is someone
else. Where a daughter or son in the room calls the person "Dad" or "Mum" to their face
("Hiya Dad, you alright?", "No, but nearly, Dad."), the note may say "he" or "she" too.
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


# what a child or grandchild calls a parent or grandparent to their face
_CALLED_SHE = {"mum", "mam", "mom", "mummy", "mammy", "mother", "ma", "nan", "nana", "nanna",
               "gran", "granny", "grandma", "nain", "mamgu"}
_CALLED_HE = {"dad", "da", "daddy", "father", "grandad", "granddad", "grandpa", "grampa",
              "taid", "tad"}
_CALLED = "|".join(sorted(_CALLED_SHE | _CALLED_HE, key=len, reverse=True))
# "Hiya Dad", "Oh, Mum.", "..., Dad?" and "Mam, you..." (said to them; "Dad, he was a miner"
# speaks of him)
_GREETED_RE = re.compile(rf"^(?:(?:hiya|hi|hello|hey|morning|night|bye|oh|ah|aw|come on|"
                         rf"thanks|ta),?\s+)({_CALLED})\s*[,.!?]", re.IGNORECASE)
_LAST_RE = re.compile(rf",\s*({_CALLED})\s*[.!?]+$", re.IGNORECASE)
_FIRST_RE = re.compile(rf"^({_CALLED}),\s+(?=.*\b(?:you|your|you're|yours)\b)", re.IGNORECASE)


def _called_word(sentence: str) -> str | None:
    for pattern in (_GREETED_RE, _LAST_RE, _FIRST_RE):
        found = pattern.search(sentence.strip())
        if found:
            return found.group(1).lower()
    return None


def called_gender(turns: Iterable[tuple[str | None, str]], subject: str,
                  callers: Iterable[str]) -> str | None:
    """"she" or "he" for the subject whom a relative in the room calls "Mum" or "Dad" to
    their face, at least MIN_TIMES times and never the other, or None.

    A call counts only in a turn next to one of the subject's own (so it is said to them)
    and from one of `callers` (the relatives who are neither the subject nor a spouse); the
    caller must be the only relative in the room, since with two a "Dad" may be said to the
    other."""
    ordered = list(turns)
    callers = set(callers)
    counts = [0, 0]
    for index, (speaker, text) in enumerate(ordered):
        if speaker not in callers:
            continue
        near = {ordered[i][0] for i in (index - 1, index + 1) if 0 <= i < len(ordered)}
        if subject not in near:
            continue
        alone = re.fullmatch(rf"\s*(?:oh,?\s+)?({_CALLED})\s*[.!]*\s*", text, re.IGNORECASE)
        if alone and index and ordered[index - 1][0] == subject and \
                not ordered[index - 1][1].rstrip().endswith("?"):
            # "Dad." said back to what he has just said (after a question it may answer it)
            counts[0 if alone.group(1).lower() in _CALLED_HE else 1] += 1
            continue
        for sentence in split_sentences(text):
            word = _called_word(sentence)
            if word in _CALLED_HE:
                counts[0] += 1
            elif word in _CALLED_SHE:
                counts[1] += 1
    he, she = counts
    if he >= MIN_TIMES and not she:
        return "he"
    if she >= MIN_TIMES and not he:
        return "she"
    return None
