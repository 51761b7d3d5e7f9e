"""What someone other than the practitioner said, as the evidence keeps it: an interjection,
a sentence broken off or a question tag carries nothing of its own."""

from __future__ import annotations

import re

from summarise.text import clean_speech


def as_said(sentence: str) -> str | None:
    """Someone else's sentence as the evidence keeps it, or None where it carries nothing:
    "Ohh.", "I'll be honest with you.", "Dad, it's not about the..."; a last clause cut off
    ("…the little click, but me hearing aids...") goes, and a tag ("I've got to, haven't
    I?") makes no question."""
    cleaned = clean_speech(sentence)
    if _INTERJECTION_RE.match(cleaned) or not cleaned.strip(" .!?,;") or \
            _CUT_OFF_RE.search(sentence):
        return None
    # "What do they call it, agora-.": the word broken off, and what led up to it
    broken = re.search(r"(?:^|,\s+)[^,]*\b[A-Za-z]{2,}-[.…]?\s*$", sentence)
    if broken:
        kept = sentence[:broken.start()].strip()
        if len(kept.split()) <= 6:
            return None
        sentence = kept.rstrip(",") + "."
    return _TAG_QUESTION_RE.sub(".", _TRAILING_CUT_RE.sub(".", sentence))


_TAG_QUESTION_RE = re.compile(
    r"(?<=\w)(?<!\bor),?\s+(?:haven't|hasn't|isn't|aren't|wasn't|weren't|don't|doesn't|didn't|"
    r"won't|wouldn't|can't|couldn't|shouldn't|int|ain't)\s+(?:I|you|he|she|it|we|they)\?\s*$|"
    # (a tag without "not" asks to be agreed with, a doubt kept: "That's not the same, is
    # it?")
    r"(?<=\w),?\s+innit\?\s*$")
_TRAILING_CUT_RE = re.compile(r",\s+(?:but|and|or|so|because|cos|'cause)\b[^,.!?]*(?:\.\.\.|…)\s*$",
                              re.IGNORECASE)
# a sentence broken off by an interruption, on a word that needs another after it
_CUT_OFF_RE = re.compile(r"\b(?:the|a|an|to|of|for|with|and|or|but|about|my|your|his|her|their|"
                         r"our|in|on|at|from|by|is|was|that|if|because|so)\s*(?:\.\.\.|…|—|–|-)"
                         r"\s*$", re.IGNORECASE)
_INTERJECTION_RE = re.compile(r"^(?:o+h+|a+h+|o+o+h*|ooh|aah|ahh|oh dear|oh right|ah right|ach|och|"
                              r"wow|gosh|blimey|crikey|well|so|erm|um|hmm|er|"
                              # "Honestly? It's a lot.": an opener asked of oneself
                              r"(?:honestly|truthfully|to be honest|in all honesty)\?)[\s,.!]*$",
                              re.IGNORECASE)
