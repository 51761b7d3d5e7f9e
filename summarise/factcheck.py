"""Does a model's fact follow from the lines it cites? Mechanical checks, each for a way a
small model was seen to go wrong.

On top of `summarise.verify` (names, numbers, people, a "not", tense and most words in the
evidence):

- a denial must deny what the lines deny: "No falls since the stroke" needs falls in the lines,
  not only the stroke (a word matcher passes it on "stroke" and "since");
- an agreement needs an assent, a refusal a refusal: "agreed to get an interpreter" when the
  person answered the offer "No, I'm fine" is flagged, and so is "declined" with no refusal;
- "Ann says …" must be Ann's words;
- a note sentence, not speech: no questions, "I" or "you".
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from summarise.readings import meant
from summarise.text import NO, YES, content_terms, expand_contractions, has_negation, stem
from summarise.verify import FRAMING, verify

Line = tuple[str, str, str]  # (speaker as the lines name them, role, text)
# The share of a model fact's words the lines must hold: as for the extractive writer. At 0.9
# the hand-checked sample lost five right sentences to catch one wrong one (README, "Drafting").
MODEL_OVERLAP = 0.75

_SPEECH_RE = re.compile(r"\?\s*$|\b(?:I|I'm|I've|I'll|I'd|me|my|you|your|you're)\b")
# what a "no"/"not" governs: the content words that follow it
_DENIAL_RE = re.compile(r"\b(?:no|not|never|without|nor|denies|denied|none of)\s+((?:\S+\s*){1,4})",
                        re.IGNORECASE)
_OFFER_RE = re.compile(r"\b(?:would you like|do you want|would you want|shall I|should I|"
                       r"can I|could I|could we|shall we|how about|what about|would it help|"
                       r"we could|I could|would you be (?:happy|willing|interested)|"
                       r"are you (?:happy|willing|interested)|do you need|would you consider|"
                       r"how would you feel about|is that (?:ok|okay|alright|all right))\b",
                       re.IGNORECASE)
_REFUSAL_RE = re.compile(r"^\W*(?:no|nah|nope|not really|I'd rather not|I would rather not)\b|"
                         r"\b(?:don't want|do not want|wouldn't want|rather not|not for me|"
                         r"no thanks|no thank you|I'm fine|I'll manage|don't need|do not need|"
                         r"not interested|I refuse|I won't|leave it|not bothered|not yet)\b",
                         re.IGNORECASE)
_ASSENT_RE = re.compile(rf"^\W*(?:{YES}|okay|ok|alright|all right|fine|sure|please|"
                        r"go on|go ahead|lovely|that'd be|that would be|sounds good|"
                        r"that's fine|that's good|great)\b|\b(?:fine by me|happy with that|"
                        r"I'd like that|please do|that would help|I'll do that)\b",
                        re.IGNORECASE)
_AGREED_RE = re.compile(r"\b(?:agreed|agrees|agree|accepted|accepts|consented|consents|"
                        r"happy to|keen to|willing to|would like|wants|opted)\b", re.IGNORECASE)
_DECLINED_RE = re.compile(r"\b(?:declined|declines|refused|refuses|turned down|does not want|"
                          r"did not want|doesn't want|didn't want|not want)\b", re.IGNORECASE)
_SAYS_RE = re.compile(r"^((?:[A-Z][a-z]+|[Hh]is|[Hh]er|[Tt]he)(?: [A-Za-z]+){0,2}?) "
                      r"(?:says|said|reports|reported|explains|explained|told|tells|adds|added)\b")


def check_fact(text: str, cited: Sequence[int], lines: Mapping[int, Line],
               names: Sequence[str], person: str | None = None
               ) -> tuple[bool, tuple[str, ...]]:
    """(holds, problems) for a model's fact `text` citing `cited` among the window's `lines`;
    `person` is how the lines name the person the note is about."""
    evidence = _folded([c for c in cited if c in lines], lines)
    # "Declined a referral" rests on an offer and its refusal ("No, I don't want that"): the
    # words checked are what was offered; `_assent` checks the refusal
    checked = _DECLINED_RE.sub("", text) if _DECLINED_RE.search(text) else text
    ok, found = verify(checked, evidence, allowed_names=names, min_overlap=MODEL_OVERLAP)
    problems = list(found)
    source = " ".join(evidence)
    if _SPEECH_RE.search(text):
        problems.append("it is written as speech (a question, 'I' or 'you'), not as a note")
    problems += _denials(text, source)
    problems += _objects(text, evidence)
    problems += _someone_else(text, [lines[c] for c in cited if c in lines], person)
    problems += _assent(text, cited, lines)
    for part in re.split(r"(?<=[.;])\s+", text):  # "The sofa is Halina's. Ellie said…"
        said = _SAYS_RE.match(part)
        if said and evidence:
            problems += _whose_words(said, part, cited, lines)
    problems += _answer_used(text, cited, lines)
    problems += meant(text, cited, lines, person)
    problems = list(dict.fromkeys(problems))
    return ok and not problems, tuple(problems)


# Verbs whose object is the fact: "stop the teatime call" is not "stop the morning call", though
# a word matcher finds "stop", "morning" and "call" in "Stop the teatime one. Keep the morning
# one."
_BOUND_RE = re.compile(r"\b(stop|start|keep|cancel|end|reduce|increase|cut|drop|add|move|"
                       r"change|swap|replace|refuse|decline|want|need|book|refer)\w*"
                       r"(?=\s+((?:\S+\s*){1,4}))", re.IGNORECASE)


_THIRD_PERSON_RE = re.compile(r"^\W*(?:(?:and|but|so|well|oh)\W+)?(?:she|he|they)\b(?!'s)",
                              re.IGNORECASE)


def _whose_words(said: re.Match[str], text: str, cited: Sequence[int],
                 lines: Mapping[int, Line]) -> list[str]:
    """"Tracey says Bernie might be entitled to a carer's assessment": the worker said that.
    The words after "X says" must be X's more than anyone else's."""
    who = [w for w in said.group(1).lower().split() if w not in {"his", "her", "the"}]
    mine = [c for c in cited if c in lines and any(w in lines[c][0].lower() for w in who)]
    names = " and ".join(sorted({lines[c][0] for c in cited if c in lines}))
    reported = re.compile(rf"\b{re.escape(said.group(1))} (?:said|says|told)\b", re.IGNORECASE)
    if not mine and any(reported.search(lines[c][2]) for c in cited if c in lines):
        return []  # "Bernie said she'd do that", in Tracey's own words: reported, rightly
    if not mine:
        return [f"it gives these words to {said.group(1)}, but the cited lines are {names}'s"]
    rest = set(content_terms(text[said.end():])) - FRAMING
    theirs = set().union(*(content_terms(lines[c][2]) for c in mine))
    others = set().union(*(content_terms(lines[c][2]) for c in cited
                           if c in lines and c not in mine))
    if rest and len(rest & theirs) * 2 < len(rest) and len(rest & others) > len(rest & theirs):
        return [f"it gives these words to {said.group(1)}, but most of them are another "
                "speaker's in the cited lines"]
    return []


def _answer_used(text: str, cited: Sequence[int], lines: Mapping[int, Line]) -> list[str]:
    """"Tracey's rent is all okay with that" from "And the rent, all okay with that?" "It comes
    out me Universal Credit…": a fact about a question and its answer must take something
    from the answer (a bare yes or no is folded into the question, see `_folded`)."""
    asked = [c for c in cited if c in lines and lines[c][1] == "practitioner" and
             lines[c][2].rstrip().endswith("?")]
    answers = [c for c in cited if c in lines and lines[c][1] != "practitioner"]
    if not asked or not answers or any(_YES_NO_RE.match(lines[c][2]) for c in answers):
        return []
    terms = set(content_terms(text)) - FRAMING
    from_answer = terms & set().union(*(content_terms(lines[c][2]) for c in answers))
    from_question = terms & set().union(*(content_terms(lines[c][2]) for c in asked))
    if from_question and not from_answer:
        return ["it rests on the question's words, not on what the answer said"]
    return []


def _someone_else(text: str, cited: Sequence[Line], person: str | None) -> list[str]:
    """"Tracey says she comes Fridays" from Tracey's own "She comes Fridays for the shopping":
    her "she" is someone else (her neighbour), not Tracey."""
    if not person:
        return []
    words = [w for w in person.split() if w[:1].isupper()]
    lead = r"^(?:" + "|".join(re.escape(w) for w in words) + r")\b(?:'s)?"
    said_of = re.match(lead + r"(?: [A-Z][\w']+)?(?: (?:says|said|reports|reported|explains)"
                       r"(?: that)?)?(?: (?:she|he))?\b", text)
    if not said_of:
        return []
    rest = set(content_terms(text[said_of.end():])) - FRAMING
    if not rest:
        return []
    best, overlap = "", 0
    for _speaker, role, said in cited:
        if role != "person":
            continue
        for sentence in re.split(r"(?<=[.!?])\s+", said):
            shared = len(rest & set(content_terms(sentence)))
            if shared > overlap:
                best, overlap = sentence, shared
    if best and overlap * 2 >= len(rest) and _THIRD_PERSON_RE.match(best):
        return [f"the cited words say this of someone else (\"{best.strip()[:40]}\"), not of "
                f"{person}"]
    for _speaker, role, said in cited:  # "Mr Ashworth shouts…" from his own "He shouts."
        for sentence in re.split(r"(?<=[.!?])\s+", said) if role == "person" else ():
            terms = set(content_terms(sentence)) - FRAMING
            if _THIRD_PERSON_RE.match(sentence) and terms and terms <= rest:
                return [f"the cited words say this of someone else (\"{sentence.strip()[:40]}"
                        f"\"), not of {person}"]
    return []


def _objects(text: str, evidence: Sequence[str]) -> list[str]:
    """Each such verb's object in the fact must follow the same verb in one cited sentence."""
    out = []
    said = [(stem(m.group(1).lower()), set(content_terms(m.group(2))))
            for line in evidence for m in _BOUND_RE.finditer(expand_contractions(line))]
    for match in _BOUND_RE.finditer(expand_contractions(text)):
        verb = stem(match.group(1).lower())
        wanted = [t for t in content_terms(match.group(2)) if t not in FRAMING][:2]
        if not wanted:
            continue
        objects = [obj for v, obj in said if v == verb]
        if objects and not any(set(wanted) <= obj or wanted[0] in obj for obj in objects):
            out.append(f"it has '{match.group(0)} {match.group(2).strip()}', but in the cited "
                       f"lines '{match.group(1).lower()}' goes with other words")
    return out


_YES_NO_RE = re.compile(rf"^\W*({YES}|{NO}|never|none)\b[\W]*(?:\w+\W*){{0,2}}$",
                        re.IGNORECASE)


def _folded(cited: Sequence[int], lines: Mapping[int, Line]) -> list[str]:
    """The cited lines as evidence, a bare yes or no folded into the question it answers:
    "Any falls since then?" "No." -> "No, any falls since then." (its words, its polarity)."""
    out: list[str] = []
    for c in cited:
        text = lines[c][2]
        before = lines.get(c - 1)
        # "Just Mitzi! No. Not since me mam.": the "No." answers the question, wherever it is
        answer = next(filter(None, (_YES_NO_RE.match(part) for part in
                                    re.split(r"(?<=[.!?])\s+", text.strip())[:3])), None)
        if answer and before is not None and before[2].rstrip().endswith("?") and \
                out and out[-1] == before[2]:
            # each question the line asks, under the answer's polarity
            out[-1] = " ".join(f"{answer.group(1)}, {part.rstrip('?')}." if part.endswith("?")
                               else part
                               for part in re.split(r"(?<=[.!?])\s+", before[2].strip()))
            if not _YES_NO_RE.match(text):
                out.append(text)  # the rest of the answer is evidence too
        else:
            out.append(text)
    return out


def _denials(text: str, source: str) -> list[str]:
    """Each thing the fact denies must be in the cited lines."""
    if not has_negation(text) and not re.search(r"\b(?:without|denies|denied)\b", text, re.I):
        return []
    have = set(content_terms(source)) | {stem(w) for w in content_terms(source)}
    out = []
    for match in _DENIAL_RE.finditer(expand_contractions(text)):
        terms = [t for t in content_terms(match.group(1)) if t not in FRAMING][:2]
        missing = [t for t in terms if t not in have and stem(t) not in have]
        if terms and len(missing) == len(terms):
            out.append(f"it rules out '{missing[0]}', which the cited lines do not mention")
    return out


def _assent(text: str, cited: Sequence[int], lines: Mapping[int, Line]) -> list[str]:
    """An offer's answer decides what the note may say of it."""
    replies = []
    for c in sorted(cited):
        speaker, role, said = lines[c]
        if role == "practitioner" and _OFFER_RE.search(said):
            # the answer is the next line from someone else, cited or not
            reply = next((lines[n] for n in range(c + 1, c + 4)
                          if n in lines and lines[n][0] != speaker), None)
            if reply is not None:
                replies.append(reply[2])
        elif role != "practitioner":
            replies.append(said)
    refused = any(_REFUSAL_RE.search(r) for r in replies)
    assented = any(_ASSENT_RE.search(r) for r in replies)
    if _DECLINED_RE.search(text):
        return [] if refused else ["it says an offer was declined, but the cited lines do not "
                                   "refuse it"]
    claims = _AGREED_RE.search(text) or re.search(
        r"^(?:[A-Z][\w']+(?: [A-Za-z']+){0,3}) (?:to|will) [a-z]+", text)
    if claims and refused and not assented and not has_negation(text):
        return ["it reports as agreed what the cited lines decline"]
    if _AGREED_RE.search(text) and re.search(r"\bagree|accept|consent", text, re.I) and \
            not assented and not has_negation(text):
        return ["it says something was agreed, but no one in the cited lines agrees to it"]
    return []
