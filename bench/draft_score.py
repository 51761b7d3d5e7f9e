"""How a draft scores against a reference: deliberately simple word matching, so every figure
can be checked by hand (see bench/draft_eval.py for what is run).

- key fact / pertinent negative: present when one note sentence holds at least 60% of its
  content words (stemmed, numbers as digits); "facts, 3 sentences" also counts a fact held by
  up to three neighbouring sentences of one section (a reference note often gathers in one
  fact what the draft says in two or three sentences);
- agreed action: present when one drafted action ("owner to ..." as shown) holds 50%;
- reference risk (free text on sc-dev-04 on): flagged when a risk flag cites one of the three
  transcript segments that best match the risk's words (each holding at least a third of
  them), or one flag's category and cited segments hold half of them; for sc-dev-01..03 the
  old labels map to categories (RISK_MAP). "flags" is risk flags per note, so that flagging
  everything would show;
- false alarm: a risk flag whose matched words lie inside a quoted benign phrase;
- length: the note's words (sentences and actions) over the reference note's words;
- "said" share: sentences that attribute their words ("said", "told", "reported"...);
- placed: of the sentences a reference-note section clearly holds (40% of their content words,
  more than any other section), the share the draft put in that section.
"""

from __future__ import annotations

import re
from typing import Any

from summarise.draft import Draft
from summarise.text import content_terms
from transcription.transcript import Transcript

RISK_MAP = {
    "falls risk": {"falls"},
    "self-neglect / nutrition (weight loss)": {"weight loss", "neglect"},
    "medication errors": {"missed medication"},
    "social isolation": {"social isolation"},
    "carer breakdown / carer strain": {"carer breakdown"},
    "risk of Grace leaving home at night": {"wandering"},
    "carer health (angina)": {"carer health"},
    "financial abuse": {"financial abuse"},
    "physical abuse": {"physical abuse"},
    "person's wishes: no police": {"person's wishes"},
}
# The share of a reference item's content words one note sentence (or action) must hold.
# `draft_eval.py --threshold 0.34` sets both to a third: the matcher that gives the drafter of
# commit 8a6897e the notes issue's own figures for it (31/41/21% here against the issue's
# 40/39/23% for key facts, actions and negatives), so that its targets can be read against it.
THRESHOLDS = {"fact": 0.6, "action": 0.5}
SAID_RE = re.compile(r"\b(?:said|says|told|tells|reported|reports|stated|explained|"
                     r"described)\b", re.IGNORECASE)


def coverage(needle: str, haystack: str) -> float:
    wanted = set(content_terms(needle))
    return len(wanted & set(content_terms(haystack))) / len(wanted) if wanted else 1.0


def _found(items: list[str], texts: list[str], threshold: float) -> list[bool]:
    return [max((coverage(item, t) for t in texts), default=0) >= threshold for item in items]


def reference_words(record: dict[str, Any]) -> int:
    note = record.get("reference_note") or {}
    words = 0
    for key, value in note.items():
        parts = value if isinstance(value, list) else [value]
        words += sum(len(str(p).split()) for p in parts)
        del key
    return words


def score(record: dict[str, Any], draft: Draft, transcript: Transcript) -> dict[str, Any]:
    sentences = [s for section in draft.sections for s in section.sentences]
    texts = [s.text for s in sentences]
    actions = [f"{a.owner} {a.text}" for a in draft.actions]
    note_words = sum(len(t.split()) for t in texts) + sum(len(a.text.split())
                                                           for a in draft.actions)
    transcript_words = sum(len(s.text.split()) for s in transcript.segments)
    writers: dict[str, int] = {}
    for s in sentences:
        name = draft.model if s.source == "llm" else "extractive"
        writers[name] = writers.get(name, 0) + 1
    out: dict[str, Any] = {
        "sentences": len(sentences),
        "verified": sum(s.supported for s in sentences) / len(sentences) if sentences else 1.0,
        "of_transcript": note_words / transcript_words if transcript_words else 0.0,
        "said": sum(bool(SAID_RE.search(t)) for t in texts) / len(texts) if texts else 0.0,
        "writers": writers,
    }
    by_model = [s for s in sentences if s.source == "llm"]
    if by_model:  # the share of the model's sentences that follow from what they cite
        out["model_verified"] = sum(s.supported for s in by_model) / len(by_model)
    ref_words = reference_words(record)
    if ref_words:
        out["length"] = note_words / ref_words
    placed = _placed(record, draft)
    if placed is not None:
        out["placed"] = placed
    if "key_facts" in record:
        facts = record["key_facts"]
        hits = _found(facts, texts, THRESHOLDS['fact'])
        out["facts"] = sum(hits) / len(facts)
        out["missed_facts"] = [f for f, h in zip(facts, hits, strict=True) if not h]
        windows = [" ".join(t.text for t in section.sentences[i:i + 3])
                   for section in draft.sections for i in range(len(section.sentences))]
        out["facts3"] = sum(_found(facts, windows, THRESHOLDS['fact'])) / len(facts)
        agreed = record["agreed_actions"]
        found = _found(agreed, actions, THRESHOLDS['action'])
        if agreed:
            out["actions"] = sum(found) / len(agreed)
        out["missed_actions"] = [a for a, h in zip(agreed, found, strict=True) if not h]
        out["extra_actions"] = [d.text for d in draft.actions
                                if max((coverage(a, d.text) for a in agreed), default=0) < 0.3]
        risk_flags = [f for f in draft.flags if f.kind == "risk"]
        flagged = [_risk_flagged(r, risk_flags, transcript) for r in record["risk_flags"]]
        if flagged:
            out["risks"] = sum(flagged) / len(flagged)
        out["flags"] = len(risk_flags)
        out["missed_risks"] = [r for r, h in zip(record["risk_flags"], flagged, strict=True)
                               if not h]
    if record.get("pertinent_negatives"):
        negatives = record["pertinent_negatives"]
        hits = _found(negatives, texts, THRESHOLDS['fact'])
        out["negatives"] = sum(hits) / len(negatives)
        out["negatives3"] = sum(_found(negatives, windows, THRESHOLDS['fact'])) / len(negatives) \
            if "key_facts" in record else out["negatives"]
        out["missed_negatives"] = [n for n, h in zip(negatives, hits, strict=True) if not h]
    if "false_alarms" in record:
        alarms = [a for a in record["false_alarms"]
                  if _raised_by(a, draft, transcript)]
        out["false_alarms"] = len(alarms)
        out["alarms"] = alarms
    return out


def _placed(record: dict[str, Any], draft: Draft) -> float | None:
    """Of the note's sentences whose words a reference-note section clearly holds (40% of
    their content words, more than any other section), the share placed in that section."""
    note = {k: v if isinstance(v, str) else " ".join(map(str, v))
            for k, v in (record.get("reference_note") or {}).items() if k != "actions"}
    if len(note) < 2:
        return None
    terms = {k: set(content_terms(v)) for k, v in note.items()}
    judged = right = 0
    for section in draft.sections:
        for sentence in section.sentences:
            words = set(content_terms(sentence.text))
            if len(words) < 3:
                continue
            shares = sorted(((len(words & t) / len(words), k) for k, t in terms.items()),
                            reverse=True)
            if shares[0][0] < 0.4 or shares[0][0] == shares[1][0]:
                continue
            judged += 1
            right += shares[0][1] == section.id
    return right / judged if judged else None


def _risk_flagged(risk: str, flags: list[Any], transcript: Transcript) -> bool:
    if risk in RISK_MAP:
        return bool(RISK_MAP[risk] & {f.category for f in flags})
    ranked = sorted(((coverage(risk, s.text), i) for i, s in enumerate(transcript.segments)),
                    reverse=True)
    anchors = {i for c, i in ranked[:3] if c >= 1 / 3}
    if any(anchors & set(f.citations) for f in flags):
        return True
    for flag in flags:
        cited = " ".join(transcript.segments[i].text for i in flag.citations
                         if 0 <= i < len(transcript.segments))
        if coverage(risk, f"{flag.category} {cited}") >= 0.5:
            return True
    return False


def _raised_by(quote: str, draft: Draft, transcript: Transcript) -> bool:
    """Does a risk flag rest on words inside this benign quote?"""
    low = quote.lower()
    for flag in draft.flags:
        if flag.kind != "risk":
            continue
        matched = re.findall(r"'([^']+)'", flag.message)
        for index in flag.citations:
            if index >= len(transcript.segments):
                continue
            segment = transcript.segments[index].text.lower()
            if low[:30] in segment and any(m.lower() in low for m in matched):
                return True
    return False
