"""What a clinician concluded and advised, as the note's plan carries it.

In a health conversation the practitioner's own words are half the record: the impression
("It seems like you may have something called gastroenteritis") and the advice ("You can try
regular painkillers", "It's also worth using antihistamines", "Paracetamol wouldn't be
helpful"). A template section with `practitioner = true` (the health check's "Plan and
safety-netting") takes them, in their own modality: "Impression: may have a migraine";
"Advised: try regular painkillers". An option stays an option ("can", "could"), never a
decision, and a hedge ("may", "probably") is never dropped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from summarise.addressee import person_words, subject
from summarise.evidence import EvidenceUnit
from summarise.extractive import third_person_verb
from summarise.facts import Fact
from summarise.notestyle import lower_first, tidy
from summarise.risks import find_risks
from summarise.roster import Roster
from summarise.text import clean_speech, content_terms, split_sentences
from summarise.verify import verify
from transcription.transcript import Transcript

# "you may have something called X", "I wonder whether you may have a migraine", "I think you
# probably have a viral illness", "it's most likely a urine infection", "it sounds like a
# flare-up"; in that order of preference, one sentence at a time
_IMPRESSION_RES = tuple(re.compile(p, re.IGNORECASE) for p in (
    r"\byou\s+(?:(?:may|might|could|probably|possibly|most likely)\s+)+(?:well\s+)?(?:just\s+)?"
    r"(?:have|be),?\s+(?:got\s+)?(?:something|a|an|some|what)\b.+",
    r"\byou(?:'re| are)\s+(?:probably|possibly|likely|most likely)\s+(?:suffering from|"
    r"having|getting)\b.+",
    r"\b(?:it|this|that)(?:'s| is)\s+(?:most\s+|more\s+|very\s+)?(?:likely|probably|possibly)"
    r"\s+(?:a|an|just|some|the|your)\b.+",
    r"\b(?:it|this)\s+(?:seems|sounds|looks)\s+like\s+(?:a|an|some|you've got|your)\b.+",
    r"\b(?:it )?could (?:just )?be (?:a|an|some|something)\b.+"))
# the advice itself: a recommendation, an option, an instruction, or what will not help
_ADVICE_RES = tuple(re.compile(p, re.IGNORECASE) for p in (
    r"\b(?:what )?(?:I|we)(?:'d| would| will)? (?:\w+ ){0,2}(?:recommend|suggest|advise)\b"
    r"(?:\s+(?:is|that))?\s+\w+\s+\w+.*",
    r"\bI(?:'m| am) happy to (?:prescribe|give|refer|arrange)\b.+",
    r"\bI can (?:prescribe|give you|offer you|organi[sz]e|arrange|refer)\b.+",
    r"\byou (?:can|could|should|might want to|may want to) (?:also |just |always |still )?"
    r"(?:try|take|use|get|buy|continue|keep|carry on|avoid|stop)\b.+",
    r"\bit(?:'s| is| may be| might be| would be) (?:\w+ ){0,2}worth\b.+",
    r"\b(?:I|we)(?:'d| would) like you to\b.+|\b(?:I|we) (?:want|need) you to\b.+",
    r"\bmake sure (?:that )?you\b.+", r"^(?:continue|carry on) (?:with|taking|using)\b.+",
    r"^[\w ,'-]{3,40}? (?:wouldn't|won't|would not|will not|isn't going to) (?:be )?"
    r"(?:help|helpful|needed|necessary)\b.*",
    r"^(?:and |also |then )?(?:something called |things like |some )?[\w ,'-]{3,40}?,? which "
    r"(?:can|will|should|may|might) (?:\w+ )?help\b.+"))
_NOT_ADVICE_RE = re.compile(r"\?\s*$|^(?:if you (?:can|could|like|want)|can you|could you)\b|"
                            r"\b(?:ask you|tell me|describe|let me know)\b", re.IGNORECASE)
# an explanation or an aside ends the conclusion: "…gastroenteritis, which is a tummy bug"
_CUT_RE = re.compile(r",?\s+(?:which (?:is|essentially|basically|means)|so (?:it|that)|but I|"
                     r"and I)\b.*$|\s+[-—–]\s+.*$", re.IGNORECASE)
_MODAL = {"can", "could", "will", "would", "should", "might", "may", "must", "'d", "'ll"}
MIN_TERMS = 2
_FRAME = set(content_terms("the practitioner person recommends suggests advises"))


def _practitioner(text: str) -> str:
    """"we have steroid creams I can give you" -> "the practitioner has steroid creams the
    practitioner can give you": the practitioner in the third person, the verb agreeing."""
    def swap(match: re.Match[str]) -> str:
        verb = match.group(2)
        if verb.lower() in _MODAL or verb.lower() in ("did", "was", "had"):
            return f"the practitioner {verb}"
        return f"the practitioner {third_person_verb(verb)}"
    text = re.sub(r"\b(?:I|[Ww]e)'d\b", "the practitioner would", text)
    text = re.sub(r"\b(?:I'm|[Ww]e're)\b", "the practitioner is", text)
    text = re.sub(r"\b(I|[Ww]e)\s+(\w+)", swap, text)
    return re.sub(r"\b(?:me|us)\b", "the practitioner", text)


def _found(sentence: str) -> tuple[str, re.Match[str]] | None:
    hedged = re.search(r"\b(?:may|might|could|probably|possibly|likely|seems|sounds|looks)\b",
                       sentence, re.IGNORECASE)
    for label, patterns in (("Impression", _IMPRESSION_RES if hedged else ()),
                            ("Advised", _ADVICE_RES)):
        for pattern in patterns:
            match = pattern.search(sentence)
            if match:
                return label, match
    return None


def clinical_fact(unit: EvidenceUnit, evidence: str, roster: Roster
                  ) -> tuple[str, bool, tuple[str, ...], bool] | None:
    """(statement, verified, problems, risky) for a practitioner's impression or advice; None
    for anything else they said."""
    if unit.role != "practitioner":
        return None
    parts: list[tuple[str, str]] = []
    for spoken in (s for part in re.split(r"\s+—\s+", unit.text) for s in split_sentences(part)):
        sentence = clean_speech(spoken)
        found = None if _NOT_ADVICE_RE.search(sentence) else _found(sentence)
        if found is None:
            continue
        label, match = found
        # from the start of the clause the words are in: "With a couple of options, [we have
        # steroid creams I can give you, which will help]"
        comma = sentence.rfind(", ", 0, match.start())
        start = match.start() if label == "Impression" else comma + 2 if comma >= 0 else 0
        condition = re.search(r"\b(?:if|unless)\b", sentence[:start], re.IGNORECASE)
        if condition and label == "Advised":
            start = condition.start()  # safety-netting keeps its "if": "if not better, ring"
        what = sentence[start:]
        what = _CUT_RE.sub("", tidy(what) or "").strip(" ,.")
        # "you may have…", "you can try…": the note is the person's, so "you" is implied
        what = re.sub(r"^you(?:'re| are)?\s+(?=(?:may|might|could|probably|possibly|can|should|"
                      r"most|just|also|likely)\b)", "", what, flags=re.IGNORECASE)
        # "I'd like you to come back in a week": what they are to do
        what = re.sub(r"(?:^|(?<=, ))(?:(?:I|we)(?:'d| would) like|(?:I|we) (?:want|need)) you to ",
                      "", what, flags=re.IGNORECASE)
        what = re.sub(r"\bmake sure (?:that )?you (\w+)", lambda m: "make sure "
                      f"{subject(roster).name} {third_person_verb(m.group(1))}", what)
        what = person_words(_practitioner(what), subject(roster))
        if len([t for t in content_terms(what) if t not in _FRAME]) >= MIN_TERMS:
            parts.append((label, what))
    if not parts:
        return None
    said = "; ".join(w for _, w in parts)
    label = "Impression" if all(x == "Impression" for x, _ in parts) else "Advised"
    statement = f"{label}: {lower_first(said, roster.names)}."
    allowed = [n for n in (roster.person_name, "practitioner") if n]
    ok, problems = verify(said + ".", [evidence], allowed_names=allowed)
    return statement, ok, problems, bool(find_risks([(0, unit.text)]))


def clinical_facts(units: Sequence[EvidenceUnit], transcript: Transcript, roster: Roster,
                   section: str, facts: Sequence[Fact]) -> list[Fact]:
    """The practitioner's impression and advice, as facts for `section`; none where another
    of their facts already rests on the same line (a summary back, an observation)."""
    cited = {c for f in facts if f.source == "practitioner" for c in f.citations}
    out = []
    for unit in units:
        if unit.role != "practitioner" or cited & set(unit.segments):
            continue
        evidence = " ".join(transcript.segments[i].text for i in unit.segments)
        found = clinical_fact(unit, evidence, roster)
        if found is None:
            continue
        statement, ok, problems, risky = found
        out.append(Fact(statement, "finding", "practitioner", unit.segments, ok, problems,
                        f"{unit.text} {unit.text}", risky, unit.segment, unit.text, evidence,
                        section=section))
    return out
