"""Small, dependency-free text utilities shared by retrieval, writing and verification.

Everything works on lowercase word stems, so "washes", "washing" and "wash" meet, and on
expanded contractions, so "can't" and "cannot" meet.
"""

from __future__ import annotations

import re

_CONTRACTIONS = (
    (r"\bcan'?t\b", "cannot"), (r"\bwon'?t\b", "will not"), (r"\bshan't\b", "shall not"),
    (r"\b(\w+)n't\b", r"\1 not"), (r"\b(\w+)'ll\b", r"\1 will"), (r"\bi'm\b", "i am"),
    (r"\b(\w+)'re\b", r"\1 are"), (r"\b(\w+)'ve\b", r"\1 have"), (r"\b(\w+)'d\b", r"\1 would"),
)
_CONTRACTION_RES = tuple((re.compile(p, re.IGNORECASE), r) for p, r in _CONTRACTIONS)

STOPWORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before
being below between both but by could did do does doing down during each few for from further
had has have having he her here hers herself him himself his how i if in into is it its itself
just me more most my myself nor now of off on once only or other our ours ourselves out over
own same she should so some such than that the their theirs them themselves then there these
they this those through to too under until up very was we were what when where which while who
whom why will with would you your yours yourself yourselves yes yeah okay ok oh well right
really thing things bit lot lots said says say get got go going gone come came one
thank thanks love dear please sure mm hmm um uh er erm aye alright cheers
s
""".split())
# "s" is what is left of "'s" (is, has or a possessive) once words are split.
# "not", "no", "never", "cannot" are deliberately not stopwords: negation carries meaning.

NEGATIONS = frozenset({"not", "no", "never", "cannot", "nothing", "nobody", "none", "neither",
                       "nor", "without"})

NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "twice": 2, "once": 1,
    "first": 1, "second": 2, "third": 3, "half": 0.5, "double": 2,
}

_WORD_RE = re.compile(r"[a-z0-9]+")
_SENTENCE_RE = re.compile(r"(?<!\bMr\.)(?<!\bMrs\.)(?<!\bMs\.)(?<!\bDr\.)(?<!\bSt\.)"
                          r"(?<=[.!?])\s+(?=[A-Z0-9\"'])")
FILLERS_RE = re.compile(
    r"\b(?:um+|uh+|er+m?|hmm+|mm+|(?<!let )you know|i mean|sort of|kind of)\b[,.]?\s*",
    re.IGNORECASE)
_OPENERS_RE = re.compile(
    r"^(?:(?:so|well|oh|okay|ok|yeah|and|but|honestly|to be honest|to tell you the truth|"
    r"actually|basically)\b,?|(?:right|look|listen|anyway),)\s+(?=\S)", re.IGNORECASE)
_REPEAT_RE = re.compile(r"\b(\w+)(?:[\s,]+\1\b)+", re.IGNORECASE)


def expand_contractions(text: str) -> str:
    for pattern, repl in _CONTRACTION_RES:
        text = pattern.sub(repl, text)
    return text


def words(text: str) -> list[str]:
    """Lowercase word tokens with contractions expanded."""
    return _WORD_RE.findall(expand_contractions(text.replace("’", "'")).lower())


def stem(word: str) -> str:
    """A light suffix stripper: enough to match inflections, never to change meaning."""
    for suffix, repl in (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""),
                         ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            base = word[: len(word) - len(suffix)] + repl
            if repl == "" and len(base) > 3 and base[-1] == base[-2] and base[-1] not in "lsz":
                base = base[:-1]  # "stopped" -> "stop", but "falls" -> "fall"
            # never turn a word into a negation ("noted" must not become "not")
            return word if base in NEGATIONS else base
    return word


def content_terms(text: str) -> list[str]:
    """Stems of the words that carry meaning (stopwords dropped, negations kept)."""
    return [stem(w) for w in words(text) if w not in STOPWORDS]


def numbers(text: str) -> set[float]:
    """Every quantity in the text, written as digits or words ("two" == "2")."""
    found: set[float] = set()
    for w in words(text):
        if w.isdigit():
            found.add(float(w))
        elif w in NUMBER_WORDS:
            found.add(float(NUMBER_WORDS[w]))
    return found


def has_negation(text: str) -> bool:
    return any(w in NEGATIONS for w in words(text))


def split_sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_RE.split(text.strip()) if s.strip()]


def clean_speech(text: str) -> str:
    """Remove fillers and stutters ("um", "I I") that a written note never carries."""
    text = FILLERS_RE.sub("", text)
    text = _REPEAT_RE.sub(r"\1", text)
    text = re.sub(r"\s+([,.!?])", r"\1", text)
    # Openers that only set the tone of speech ("Honestly, I'm at the end of my tether"):
    # repeatedly, so "Well, honestly, ..." loses both. Answers ("not really", "no") stay.
    text = text.strip()
    while True:
        shorter = _OPENERS_RE.sub("", text, count=1)
        if shorter == text or not shorter:
            break
        text = shorter
    return re.sub(r"\s{2,}", " ", text).strip()


def proper_names(text: str) -> set[str]:
    """Capitalised words not at the start of a sentence: likely names of people and places."""
    names = set()
    for sentence in split_sentences(text):
        tokens = re.findall(r"[A-Za-z][A-Za-z'-]*", sentence)
        for token in tokens[1:]:
            if token[0].isupper() and token.lower() not in STOPWORDS and token != "I":
                names.add(token.lower())
    return names
