"""How the cited words were meant, for a model's fact: checks for the kinds a hand check of
50 sentences from Qwen2.5 1.5B found getting past the word checks (README, "Drafting").

Each returns plain-English problems; `summarise.factcheck.check_fact` adds them:

- a hedge or a frequency dropped: "every day, nearly" is not "every day";
- an exception dropped: "No. Just the morning girl being late." is not "no worries";
- a question made a statement: "Would it be the same person every time?";
- an instruction to someone else made the person's own act: "Mind them bags on your way out";
- "I don't know" made an answer;
- a pronoun the note cannot resolve: "She died…" when the question asked about "your mam";
- another speaker's words, or the worker's hedged reflection, given as the person's own.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from summarise.text import NO, content_terms
from summarise.verify import FRAMING

Line = tuple[str, str, str]  # (speaker as the lines name them, role, text)

_HEDGE_RE = re.compile(r"\b(nearly|almost|about|roughly|around|mostly|usually|sometimes|"
                       r"occasionally|a bit|a little|not always|most days|more or less|"
                       r"than usual|or so|ish|maybe|probably|I think|I'd say)\b", re.IGNORECASE)
_EXCEPTION_RE = re.compile(r"^\W*(?:just|only|except|apart from|bar|but|other than)\b",
                           re.IGNORECASE)
_DONT_KNOW_RE = re.compile(r"\b(?:I don't know|I do not know|dunno|not sure|no idea|"
                           r"couldn't tell you|can't remember)\b", re.IGNORECASE)
_UNSURE_FACT_RE = re.compile(r"\b(?:not know|not sure|unsure|no idea|does not know|"
                             r"did not know|doesn't know|didn't know|could not say|"
                             r"cannot remember|can't remember|uncertain)\b", re.IGNORECASE)
_IMPERATIVE_RE = re.compile(r"^\W*(?:(?:and|so|oh|well)\W+)?(?:mind|don't|do not|let|make sure|"
                            r"get|take|put|leave|keep|bring|go|come|shut|close|watch|tell|"
                            r"give|ring|call)\b", re.IGNORECASE)
_PRONOUN_LEAD_RE = re.compile(r"^(she|he|they|it|this|that|these|those)\b", re.IGNORECASE)
_SOMEONE_RE = re.compile(r"\byour (?:mam|mum|mother|dad|father|son|daughter|husband|wife|"
                         r"partner|brother|sister|friend|neighbour|carer|nan|gran|grandson|"
                         r"granddaughter|boyfriend|girlfriend|landlord|niece|nephew)\b|"
                         r"\b(?:does|did|is|was|has|will) (?:she|he)\b", re.IGNORECASE)
_REFLECTION_RE = re.compile(r"\b(?:it sounds like|sounds like|I wonder|I get the sense|"
                            r"part of you|it seems|maybe you|perhaps you|I imagine)\b",
                            re.IGNORECASE)


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", text.strip()) if s]


def _terms(text: str) -> set[str]:
    return set(content_terms(text)) - FRAMING


def meant(text: str, cited: Sequence[int], lines: Mapping[int, Line],
          person: str | None) -> list[str]:
    rows = [lines[c] for c in sorted(cited) if c in lines]
    theirs = [r for r in rows if r[1] != "practitioner"]
    fact = _terms(text)
    problems: list[str] = []
    # the answer's sentence that the fact rests on most
    said = [(len(fact & _terms(s)), s, r) for r in theirs for s in _sentences(r[2])]
    best = max(said, key=lambda t: t[0]) if said else (0, "", ("", "", ""))
    for _, sentence, _row in [t for t in said if t[0] >= 2 or t is best]:
        hedge = _HEDGE_RE.search(sentence)
        if hedge and not _HEDGE_RE.search(text) and len(fact & _terms(sentence)) >= 1:
            problems.append(f"it drops '{hedge.group(0)}' from \"{sentence[:50]}\"")
            break
    for row in theirs:
        parts = _sentences(row[2])
        for first, second in zip(parts, parts[1:], strict=False):
            if re.match(rf"^\W*(?:{NO}|not really)\W*$", first, re.IGNORECASE) and \
                    _EXCEPTION_RE.match(second) and not (_terms(second) & fact):
                problems.append(f"it leaves out the exception the answer gives (\"{second[:50]}\")")
    if best[0] and best[1].rstrip().endswith("?") and not text.rstrip().endswith("?") and \
            not re.search(r"\b(?:asked|asks|wondered|wanted to know)\b", text):
        problems.append("the cited words ask this; they do not say it")
    if best[0] >= 2 and (_IMPERATIVE_RE.match(best[1]) or
                         re.search(r"\byour?\b", best[1], re.IGNORECASE)):
        problems.append(f"the cited words tell someone else to do this (\"{best[1][:50]}\")")
    asked = set().union(*(_terms(r[2]) for r in rows if r[1] == "practitioner"))
    if any(_DONT_KNOW_RE.search(r[2]) and len(r[2].split()) <= 6 for r in theirs) and (
            not _UNSURE_FACT_RE.search(text) or fact - asked - {"not", "know", "sure"}):
        # "Ellie doesn't know how to manage her money" from "How's money going?" "I don't know."
        problems.append("the answer was that they did not know")
    for r in rows:  # "And in bed?" "Yes.": the question goes on from one not cited
        if r[1] == "practitioner" and re.match(r"^\W*(?:and|or|what about|how about)\b", r[2],
                                               re.IGNORECASE) and len(r[2].split()) <= 5 and \
                r[2].rstrip().endswith("?") and any(
                    re.match(r"^\W*(?:yes|yeah|no|nope|aye)\W*$", t[2], re.IGNORECASE)
                    for t in theirs):
            problems.append(f"\"{r[2].strip()}\" goes on from an earlier question the fact "
                            "does not cite")
    problems += _possessive(text, rows)
    lead = _PRONOUN_LEAD_RE.match(text)
    if lead:
        word = lead.group(1).lower()
        asked_about = next((m.group(0) for r in rows if r[1] == "practitioner"
                            for m in [_SOMEONE_RE.search(r[2])] if m), None)
        if word in {"it", "this", "that", "these", "those", "they"}:
            problems.append(f"it begins with '{lead.group(1)}', which the note cannot resolve")
        elif asked_about:
            problems.append(f"'{lead.group(1)}' may be someone else here (the question asks "
                            f"about \"{asked_about}\")")
    problems += _whose(text, fact, rows, person)
    return problems


def _possessive(text: str, rows: Sequence[Line]) -> list[str]:
    """"the PIP goes into Ellie's account" from Halina's "the account I manage": whose it is
    must be what the lines say (X's, or "my" in X's own words)."""
    out = []
    for match in re.finditer(r"\b([A-Z][a-z]+)'s (\w+)", text):
        name, thing = match.group(1), match.group(2).lower()
        mentioned = [r for r in rows if re.search(rf"\b{re.escape(thing)}\b", r[2], re.I)]
        if not mentioned:
            continue
        owned = any(re.search(rf"\b{name}'s (?:\w+ )?{re.escape(thing)}\b", r[2], re.I) or
                    (name.lower() in r[0].lower() and
                     re.search(rf"\b(?:my|mine|me) (?:\w+ )?{re.escape(thing)}\b", r[2], re.I)) or
                    re.search(rf"\b(?:his|her|your) (?:\w+ )?{re.escape(thing)}\b", r[2], re.I)
                    for r in mentioned)
        if not owned:
            out.append(f"the cited lines do not say the {thing} is {name}'s")
    return out


def _whose(text: str, fact: set[str], rows: Sequence[Line], person: str | None
           ) -> list[str]:
    """Another speaker's words, or the worker's hedged reflection, given as the person's:
    "Her sofa…" from Halina's line; "wants to go back to work" from "it sounds like part of
    you wants to go back"."""
    if not fact or re.match(r"^[A-Z][\w']*(?: \([^)]*\))?(?: [A-Z][\w']*)? (?:says|said|reports|"
                            r"explains|told|tells|thinks|feels)\b", text):
        return []
    share: dict[str, int] = {}
    for speaker, role, said in rows:
        key = "worker" if role == "practitioner" else speaker
        share[key] = max(share.get(key, 0), len(fact & _terms(said)))
    mine = max((n for k, n in share.items() if person and k == person), default=0)
    for speaker, role, said in rows:
        key = "worker" if role == "practitioner" else speaker
        if key == person or share[key] <= mine or share[key] * 2 < len(fact):
            continue
        if role == "practitioner" and _REFLECTION_RE.search(said):
            return ["it gives the worker's reflection (\"it sounds like…\") as the person's "
                    "own words"]
        if role not in ("practitioner", "person") and person:
            return [f"these are {speaker}'s words, not {person}'s: the note must say whose"]
    return []
