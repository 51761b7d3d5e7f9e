"""Facts from the practitioner's own words: what they observed ("I can see Monday's tablets
are still in the box"), why they came ("your daughter rang"), and their summary of what they
heard ("So, to make sure I've got it right: you had a fall on Friday…")."""

from __future__ import annotations

import re

from summarise.addressee import label_of, subject, vocative
from summarise.asked import practitioner_self, subject_you
from summarise.evidence import EvidenceUnit
from summarise.fact import Fact
from summarise.fact import kind_of as _kind
from summarise.identifiers import gives_identifier
from summarise.notestyle import lower_first
from summarise.notestyle import tidy as tidy_clause
from summarise.risks import find_risks
from summarise.roster import Roster
from summarise.speakers import Voice
from summarise.text import clean_speech, content_terms
from summarise.verify import verify

# What the practitioner saw, and why the visit took place, are facts of their own:
# "I can see Monday's tablets are still in the box"; "the GP asked us to come out because of
# the fall on the stairs"; "I'm here because your daughter rang".
_OBSERVED_RE = re.compile(r"^(?:(?:and|so|okay|right|now),?\s+)?I (?:can |could )?(?:see|noticed?|"
                          r"can tell|could tell|have noticed|'ve noticed)\s+(?:that\s+)?"
                          r"(?P<what>(?!you\b|if\b|what\b|why\b|how\b).{12,})$", re.IGNORECASE)
_REASON_RE = re.compile(r"\b(?P<why>(?:the|your|her|his|their) (?:GP|doctor|daughter|son|hospital|"
                        r"nurse|ward|team|neighbour|school|police|social worker)\b.{0,30}?\b"
                        r"(?:asked|referred|rang|contacted|phoned|called) (?:us|me)\b.+|"
                        r"(?:I'm|we're) here (?:today )?(?:because|about)\b.+)$", re.IGNORECASE)


# "So, to sum up." / "Let me just go over what we've said": what follows, in that turn, is the
# practitioner's summary of what they heard, often the clearest evidence there is.
# ...except what is to be done, which is an action (summarise.actions), and politeness.
_PLAN_RE = re.compile(r"\b(?:I'll|I will|I'm going to|we'll|we will|we're going to|you're going "
                      r"to|you'll|will|going to|let me|I can|can you|could you)\b|^(?:thank|"
                      r"thanks|is that|does that|have I|did I|anything)\b", re.IGNORECASE)


def practitioner_fact(unit: EvidenceUnit, evidence: str, roster: Roster, recap: bool = False
                      ) -> Fact | None:
    """What the practitioner observed, why they came, or (in a summary) what they heard;
    None for anything else they said."""
    text = clean_speech(unit.text)
    if text.endswith("?") or gives_identifier(text):
        return None
    observed = _OBSERVED_RE.match(text)
    reason = None if observed else _REASON_RE.search(text)
    if recap and not (observed or reason):
        return _summarised(unit, text, evidence, roster)
    if not (observed or reason):
        return None
    voice = roster.voice()
    said = (observed or reason).group("what" if observed else "why")  # type: ignore[union-attr]
    said = _practitioner_you(tidy_clause(practitioner_self(said)), voice)
    if not said:
        return None
    label = "Observed" if observed else "Reason for visit"
    statement = f"{label}: {lower_first(said, roster.names)}."
    allowed = [n for n in (roster.person_name, "practitioner") if n]
    ok, problems = verify(said + ".", [evidence], allowed_names=allowed)
    return Fact(statement, "finding", "practitioner", unit.segments, ok, problems,
                f"{unit.text} {unit.text}", bool(find_risks([(0, text)])), unit.segment,
                unit.text, evidence)


def _summarised(unit: EvidenceUnit, text: str, evidence: str, roster: Roster) -> Fact | None:
    """One sentence of the practitioner's summary, in the note's words: "you've been back six
    days" -> "Has been back six days" (the summary is of the person, so no "said")."""
    if _PLAN_RE.search(text) or len(content_terms(text)) < 3:
        return None
    voice = roster.voice()
    called = re.match(r"^(?:(?:and|so)\s+)?((?-i:[A-Z][a-z]+)),\s+(?=\S)", text, re.IGNORECASE)
    turned = vocative(text, roster) if called else None
    if called and turned is not None and turned.owner != subject(roster).owner:
        # "Pauline, you're getting three or four hours": said to the wife, of her
        label = label_of(turned, roster)
        voice = roster.voice_of(label, roster.speakers[label].role) if label else voice
        text = text[called.end():]
    elif called and turned is not None and called.group(1) in subject(roster).name.split():
        text = text[called.end():]  # "Ron, you're getting on well": the person, called
    said = practitioner_self(_practitioner_you(tidy_clause(text), voice))
    said = re.sub(r"\bmy\b", "the practitioner's", said)  # "speaking to my manager"
    if not said or voice.they in ("she", "he", "they") and said.lower().startswith(
            voice.they + " "):
        said = said[len(voice.they) + 1:] if said else said  # "she has" -> "has"
    if not said:
        return None
    allowed = [n for n in (roster.person_name, "practitioner") if n]
    ok, problems = verify(said + ".", [evidence], allowed_names=allowed)
    # whose words these are stays plain: the practitioner's summary, not the person's report
    said = "Summarised back: " + lower_first(said, roster.names)
    return Fact(said.rstrip(".") + ".", _kind(said, False), "practitioner", unit.segments, ok,
                problems, f"{unit.text} {unit.text}", bool(find_risks([(0, text)])),
                unit.segment, unit.text, evidence)


def _practitioner_you(text: str, voice: Voice) -> str:
    """The practitioner's "you" is the person: "your daughter rang" -> "her daughter rang",
    "you've been washing at the sink" -> "she has been…", "you manage" -> "she manages",
    "harming yourself" -> "harming herself" (never "she've", "she manage", "yourself")."""
    return subject_you(text, voice)
