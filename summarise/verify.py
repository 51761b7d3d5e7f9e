"""Check a drafted sentence against the transcript segments it cites.

A sentence is supported only if its numbers, names and negation all appear in its evidence
and most of its meaningful words do too. The check is deliberately strict: a false "unsupported"
costs the practitioner one click, a false "supported" can put words in someone's mouth.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from summarise.text import (
    NEGATIONS,
    content_terms,
    has_negation,
    numbers,
    proper_names,
    split_sentences,
    stem,
    words,
)
from summarise.text import expand_contractions as expand
from summarise.written import as_written

# Words a note adds around reported speech that need no evidence of their own.
FRAMING = frozenset(content_terms(
    "person practitioner worker carer said told explained reported described stated added "
    "agreed asked mentioned confirmed felt feels note noted mr mrs ms miss they he she his her "
    "their them him"))
MIN_OVERLAP = 0.75
# Who did what is the fact most easily swapped ("his son" for "his nephew"): like a name, a
# person the sentence mentions must be in the evidence.
PEOPLE = frozenset(content_terms(
    "son daughter wife husband partner mum mother dad father brother sister nephew niece "
    "grandson granddaughter grandchild grandma grandmother grandad grandfather aunt uncle "
    "cousin neighbour friend boyfriend girlfriend landlord doctor gp nurse police "
    "family children child baby stepson stepdaughter"))


def verify(sentence: str, evidence: Iterable[str], *, allowed_names: Iterable[str] = (),
           min_overlap: float = MIN_OVERLAP) -> tuple[bool, tuple[str, ...]]:
    """Return (supported, problems). `allowed_names` are names the note may add: the person's,
    and the speaker's as the note calls them ("The daughter").
    `min_overlap` is the share of the sentence's meaningful words the evidence must hold: 1.0
    where a fallback exists (a small model's rewrite can be replaced by the extractive one)."""
    source = " ".join(evidence)
    if not source.strip():
        return False, ("it cites no transcript text",)
    problems: list[str] = []
    # "8.30" is supported by "half eight", "£40" by "forty quid", "2016" by "twenty sixteen"
    written = as_written(source)
    source_terms = set(content_terms(source)) | set(content_terms(written))
    allowed = {n.lower() for name in allowed_names for n in name.split()}
    allowed |= {w for name in allowed_names for w in words(name)}  # "daughter-in-law"
    allowed |= {stem(n) for n in allowed}
    sentence_terms = content_terms(sentence)
    missing_people = sorted({t for t in sentence_terms if t in PEOPLE} - source_terms - allowed)
    if missing_people:
        problems.append(f"it mentions {', '.join(missing_people)}, who is not in the cited "
                        "conversation")
    missing_numbers = numbers(sentence) - numbers(source, with_parts=True) - \
        numbers(written, with_parts=True)
    if missing_numbers:
        shown = ", ".join(f"{n:g}" for n in sorted(missing_numbers))
        problems.append(f"the number {shown} is not in the cited conversation")
    missing_names = proper_names(sentence) - proper_names(source) - allowed - \
        {w for w in _words_lower(source)}
    if missing_names:
        problems.append(f"the name {', '.join(sorted(missing_names))} is not in the cited "
                        "conversation")
    terms = [t for t in sentence_terms if t not in FRAMING and t not in allowed
             and t not in missing_people]
    negated = has_negation(sentence)
    sentences = split_sentences(source)
    if _negation_differs(terms, [sentence], sentences) and \
            _negation_differs(terms, _clauses(sentence), sentences) and \
            _negation_differs(terms, _clauses(sentence), _comma_clauses(source)):
        problems.append("it says the opposite of the cited conversation (a 'not' differs)"
                        if negated else
                        "it leaves out a 'not' that the cited conversation has")
    covering = _covering_sentences(terms, sentences, negated)
    changed = _changes(sentence) ^ set().union(*(_changes(s) for s in covering)) \
        if covering else set()
    if changed:
        # "has stopped taking" is not "takes", "used to go" is not "goes"
        problems.append(f"it changes when something holds ('{sorted(changed)[0]}' differs from "
                        "the cited conversation)")
    if terms:
        overlap = sum(t in source_terms for t in terms) / len(terms)
        if overlap < min_overlap:
            unknown = [t for t in terms if t not in source_terms][:3]
            problems.append(f"words such as '{', '.join(unknown)}' are not in the cited "
                            "conversation")
    elif not problems:
        problems.append("it says nothing the cited conversation can confirm")
    return not problems, tuple(problems)


# Words that say a state began, ended or belongs to the past: a sentence and the evidence it
# rests on must agree on them, as on a "not".
_CHANGE_RE = re.compile(r"\b(?:stopp?(?:ed|s|ing)?|quit|gave up|given up|no longer|any ?more|"
                        r"used to|start(?:ed|s|ing)?|began|begun|not yet|anymore)\b", re.IGNORECASE)
_CHANGE_FORMS = {"stop": "stopped", "stops": "stopped", "stopping": "stopped", "quit": "stopped",
                 "gave up": "stopped", "given up": "stopped", "no longer": "stopped",
                 "any more": "stopped", "anymore": "stopped", "used to": "used to",
                 "start": "started", "starts": "started", "starting": "started",
                 "began": "started", "begun": "started", "not yet": "not yet"}


def _changes(text: str) -> set[str]:
    """"She has stopped taking them" -> {"stopped"}; "I used to go" -> {"used to"}."""
    return {_CHANGE_FORMS.get(m.group(0).lower(), m.group(0).lower())
            for m in _CHANGE_RE.finditer(expand(text))}


def _negation_differs(terms: list[str], parts: list[str], source: list[str]) -> bool:
    """Whether some part of a drafted sentence and the evidence it rests on disagree on a "not".

    Judged on the whole sentence against the evidence's sentences, and again clause by clause
    against its sentences and against its comma-cut clauses; only a disagreement every way is
    one: in "It got kicked in; not by him." the "not" is the second clause's, and "Not by me."
    holds no content word to be found by; in "Her rent is all paid; not in arrears." the first
    clause rests on "It's all paid," not on the "I'm not in arrears" after its comma.
    """
    for part in parts:
        negated = has_negation(part)
        part_terms = [t for t in content_terms(part) if t in terms]
        covering = _covering_sentences(part_terms, source, negated)
        # a part of only a denial ("No one really.") is covered by the evidence as a whole
        negated_source = any(has_negation(s) for s in covering) if covering else (
            negated and any(has_negation(s) for s in source))
        if negated != negated_source:
            return True
    return False


def _covering_sentences(terms: list[str], source: list[str], prefer_negated: bool) -> list[str]:
    """The evidence sentences that together cover the drafted sentence's words, best first.

    Chosen on content words alone: a "not" must not pull in an unrelated "Not too bad."
    Between equally good sentences, the one that agrees on negation is preferred.
    """
    wanted = set(terms) - NEGATIONS
    ranked = sorted(((set(content_terms(s)) & wanted, s) for s in source),
                    key=lambda pair: (-len(pair[0]), has_negation(pair[1]) != prefer_negated))
    chosen: list[str] = []
    covered: set[str] = set()
    for overlap, text in ranked:
        if overlap - covered:
            chosen.append(text)
            covered |= overlap
    return chosen


_CLAUSE_RE = re.compile(r"\s*(?:;|\s[—–-]\s|[.?!](?=\s|$))\s*")
_COMMA_RE = re.compile(r"\s*(?:[;,]|\s[—–-]\s)\s*")


def _clauses(text: str) -> list[str]:
    """"It got kicked in; not by him." -> ["It got kicked in", "not by him"]."""
    return [c for c in _CLAUSE_RE.split(text) if c.strip()] or [text]


def _comma_clauses(source: str) -> list[str]:
    """The evidence's sentences cut at commas too: "It's all paid, I'm not in arrears." ->
    ["It's all paid", "I'm not in arrears."]. A piece with no content word stays with the
    next: "No, and do you look after anybody now." is one."""
    out: list[str] = []
    for sentence in split_sentences(source):
        held = ""
        for piece in _COMMA_RE.split(sentence):
            held = f"{held} {piece}".strip()
            if set(content_terms(held)) - NEGATIONS:
                out.append(held)
                held = ""
        if held:
            out.append(held)
    return out


def _words_lower(text: str) -> set[str]:
    return {w.lower().strip(".,!?;:'\"") for w in text.split()}


def check_part(part: str, source: str, allowed: list[str]) -> tuple[bool, tuple[str, ...]]:
    """A part of a statement taken from the question: checked against the question's words,
    unless it is only the framing the question itself supplies ("Feeling: ...")."""
    names = {t for n in allowed for t in content_terms(n)}
    if not [t for t in content_terms(part) if t not in FRAMING and t not in names]:
        return True, ()
    return verify(part + ".", [source], allowed_names=allowed)


def same_polarity(negative: bool, answer: str) -> tuple[bool, tuple[str, ...]]:
    if negative == has_negation(answer) or negative:
        return True, ()
    return False, ("the answer's yes or no may be read the wrong way round",)
