"""Evidence for a draft: the transcript's sentences, who said each, and which section each
statement belongs to.

1. `evidence_units` splits segments into sentences and notes who spoke each (the label, or a
   guess from what the sentence does); a short answer keeps the question it answers;
2. `assign_evidence` ranks the statements for every section with BM25 on the section's cues
   and guidance and gives each to the section it fits best, within a word budget that never
   drops a statement raising a risk.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from summarise.extractive import indirect_question
from summarise.retrieval import Bm25, section_query
from summarise.risks import find_risks
from summarise.speakers import Role, guess_role, role_of, voice_for
from summarise.templates import SectionSpec, Template
from summarise.text import NEGATIONS, clean_speech, content_terms, split_sentences
from transcription.transcript import Transcript

MIN_TERMS = 3


@dataclass(frozen=True)
class EvidenceUnit:
    segment: int
    text: str
    role: Role
    label: str | None
    extra: tuple[int, ...] = ()  # later segments a continuation was joined from
    # A short answer ("Maybe four hours.") carries the practitioner's question it answers:
    # (the question's segment, its text), else None.
    asked: tuple[int, str] | None = None

    @property
    def segments(self) -> tuple[int, ...]:
        return (self.segment, *self.extra)

    @property
    def cited(self) -> tuple[int, ...]:
        """What a note sentence from this unit cites: its own segments and the question."""
        return tuple(sorted({*self.segments, self.asked[0]})) if self.asked else self.segments


_PRONOUN_START = re.compile(r"^(?:She|He|They|It|That|This|Which)\b")


_ENDS_SENTENCE = re.compile(r"[.!?][\"')\]]*$")


def _sentences(transcript: Transcript) -> list[tuple[tuple[int, ...], str, str | None]]:
    """(segments spanned, sentence, speaker label) in order.

    Whisper cuts segments by time, often mid-sentence ("I'll also refer you for" / "a pendant
    alarm"); a segment that does not end a sentence carries on into the next one by the same
    speaker, and the sentence cites both.
    """
    out: list[tuple[tuple[int, ...], str, str | None]] = []
    carry: str = ""
    carry_segments: tuple[int, ...] = ()
    for index, segment in enumerate(transcript.segments):
        text = f"{carry} {segment.text}".strip() if carry else segment.text
        pieces = split_sentences(text)
        carried = carry_segments + (index,) if carry else (index,)
        carry, carry_segments = "", ()
        following = transcript.segments[index + 1] if index + 1 < len(transcript.segments) \
            else None
        if (pieces and not _ENDS_SENTENCE.search(pieces[-1]) and following is not None
                and following.speaker == segment.speaker):
            carry = pieces.pop()
            carry_segments = carried if not pieces else (index,)
        for n, piece in enumerate(pieces):
            out.append((carried if n == 0 else (index,), piece, segment.speaker))
    if carry:
        out.append((carry_segments, carry, transcript.segments[-1].speaker))
    return out


def evidence_units(transcript: Transcript, person_labels: Sequence[str] = (),
                   roles: Mapping[str, Role] | None = None) -> list[EvidenceUnit]:
    """Sentences with their speaker. A sentence that opens with a pronoun stays joined to the
    one before it in the same turn, so "She works full time" keeps "my daughter" beside it
    and is never reported as if the speaker said it of themselves. `roles` gives the role of
    each speaker label where it is known; a label in `person_labels` (the template's: "carer"
    in a carer's assessment) is the person."""
    units: list[EvidenceUnit] = []
    roles = roles or {}
    for segments, sentence, label in _sentences(transcript):
        role: Role = roles[label] if label and label in roles else (
            "person" if label and label.strip().lower() in person_labels else (
                role_of(label) or guess_role(sentence)))
        previous = units[-1] if units else None
        # the same turn: the same segment, or the next one by the same (or same-guessed) speaker
        same_turn = previous is not None and (
            previous.segments[-1] == segments[0] or (
                previous.segments[-1] == segments[0] - 1 and previous.role == role and
                previous.label == label))
        if (previous is not None and same_turn and _PRONOUN_START.match(sentence)
                and not previous.text.rstrip().endswith("?")):
            # " — " marks a continuation about someone else; "; " joins the speaker's own
            joined = previous.text.rstrip(" .") + " — " + sentence[0].lower() + sentence[1:]
            spans = tuple(dict.fromkeys(previous.segments + segments))
            units[-1] = EvidenceUnit(spans[0], joined, previous.role, previous.label, spans[1:])
            continue
        units.append(EvidenceUnit(segments[0], sentence, role, label, segments[1:]))
    return _link_answers(units)


_ANSWER_OPENER = re.compile(
    r"^(?:yes|no|not|never|hardly|maybe|probably|perhaps|about|around|roughly|nearly|almost|"
    r"sometimes|only|just|a little|a bit|none|nothing|once|twice|every|most|mostly|quite|"
    r"pretty|always|usually)\b", re.IGNORECASE)
_HAS_SUBJECT = re.compile(r"\b(?:I|I'm|I've|I'd|we|he|she|they|it|my|our)\b", re.IGNORECASE)
_QUESTION_START = re.compile(r"^(?:(?:and|so|but|okay|right|now),?\s+)?(?:do|does|did|are|is|was|"
                             r"were|have|has|can|could|will|would|how|what|when|where|who|why|"
                             r"which|any|anything|you|your)\b", re.IGNORECASE)
_PROMPT = re.compile(r"\?\s*$|^(?:so\s+)?(?:you're|you are)\b", re.IGNORECASE)


def _link_answers(units: list[EvidenceUnit]) -> list[EvidenceUnit]:
    """Give a short answer the question it answers. "Maybe four hours." alone says nothing;
    the note needs "Asked about not getting much sleep, Mr Okafor said maybe four hours." A
    unit is such an answer when it is the first sentence of the reply to a question or a
    reflection and opens like one (no, maybe, just...) or has few words and no subject
    ("Twice a week.")."""
    out: list[EvidenceUnit] = []
    prompt: EvidenceUnit | None = None
    since = 0
    for unit in units:
        if unit.role == "practitioner":
            if _PROMPT.search(unit.text):
                # "Have you got your rescue pack? The steroids and the antibiotics?": the
                # fragment narrows the question before it, it does not replace it
                fragment = not _QUESTION_START.match(clean_speech(unit.text))
                if not (fragment and since == 0 and prompt is not None and
                        unit.segment == prompt.segment):
                    prompt = unit
            elif since > 0 or prompt is None or unit.segment != prompt.segment:
                prompt = None
            since = 0
            out.append(unit)
            continue
        since += 1
        text = clean_speech(unit.text)
        # only the first sentence of a reply answers the question: in "Bit of white in the
        # morning. No green." the "No" is about green, not the question
        if prompt is not None and since == 1 and (_ANSWER_OPENER.match(text) or (
                len(content_terms(text)) <= MIN_TERMS and not _HAS_SUBJECT.search(text))):
            unit = EvidenceUnit(unit.segment, unit.text, unit.role, unit.label, unit.extra,
                                (prompt.segment, prompt.text))
        out.append(unit)
    return out


def _is_statement(unit: EvidenceUnit) -> bool:
    """A fact worth a note sentence: said by the person or a carer, not a question, with
    enough words to say something, or short but raising a risk ("I do get lonely", "I'm at
    the end of my tether", "I've lost a bit of weight"). "No, not really, no." says something
    only beside the question it answers, and only if the note can report that question."""
    if unit.role == "practitioner" or unit.text.rstrip().endswith("?"):
        return False
    text = clean_speech(unit.text)
    if find_risks([(0, text)]):
        return True
    terms = content_terms(text)
    if len(terms) < MIN_TERMS:
        return False
    if len([t for t in terms if t not in NEGATIONS]) >= MIN_TERMS:
        return True
    return unit.asked is not None and indirect_question(unit.asked[1], _ANYONE) is not None


_ANYONE = voice_for("person", None, None)


def _question_context(units: Sequence[EvidenceUnit]) -> list[str]:
    """For each unit, the practitioner's question it answers (the last one before it).

    Assessments are question and answer: "What about getting dressed?" names the topic of
    "I can't do my shoes", which has no topic word of its own.
    """
    context, last_question, last_segment = [], "", -1
    for unit in units:
        if unit.role == "practitioner" and unit.text.rstrip().endswith("?"):
            last_question, last_segment = unit.text, unit.segment
        elif unit.role != "practitioner" and unit.segment - last_segment > 2:
            last_question = ""
        context.append(last_question if unit.role != "practitioner" else "")
    return context


OTHER = SectionSpec("other", "Other points raised",
                    "Statements that fit no section of the template.", (), 4)


def assign_evidence(units: Sequence[EvidenceUnit], template: Template,
                    budget_words: int | None = None) -> dict[str, list[EvidenceUnit]]:
    """Give each statement to the section it fits best; keep each section's strongest few.

    A statement is scored on its own words (counted twice) plus the question it answers.
    Statements that fit no section go to "Other points raised" rather than being dropped.
    With a word budget, the weakest statements (relative to their section's best) are left
    out until the note fits; a statement that raises a risk cue is always kept.
    """
    context = _question_context(units)
    pairs = [(u, c) for u, c in zip(units, context, strict=True) if _is_statement(u)]
    chosen: dict[str, list[EvidenceUnit]] = {s.id: [] for s in template.sections}
    chosen[OTHER.id] = []
    if not pairs:
        return chosen
    candidates = [u for u, _ in pairs]
    index = Bm25([f"{u.text} {u.text} {c}" for u, c in pairs])
    scores = [index.scores(section_query(s.title, s.guidance, s.cues))
              for s in template.sections]
    ranked: dict[str, list[tuple[float, int]]] = {s.id: [] for s in template.sections}
    ranked[OTHER.id] = []
    for i, unit in enumerate(candidates):
        best = max(range(len(template.sections)), key=lambda k: scores[k][i])
        if scores[best][i] > 0:
            ranked[template.sections[best].id].append((scores[best][i], i))
        else:
            ranked[OTHER.id].append((float(len(content_terms(unit.text))), i))
    risky = {i for i, u in enumerate(candidates) if find_risks([(0, u.text)])}
    kept: list[tuple[float, int, str]] = []
    for spec in (*template.sections, OTHER):
        ordered = sorted(ranked[spec.id], reverse=True)
        # A section's strongest few, and every statement that raises a risk: a disclosure
        # must reach the note even in a section full of stronger matches.
        top = ordered[: spec.max_sentences] + [item for item in ordered[spec.max_sentences:]
                                               if item[1] in risky]
        top_score = top[0][0] if top else 1.0
        weight = 0.3 if spec is OTHER else 1.0
        kept += [(weight * score / top_score, i, spec.id) for score, i in top]
    if budget_words is not None:
        words = sum(len(candidates[i].text.split()) for _, i, _ in kept)
        for item in sorted(kept):
            if words <= budget_words:
                break
            if item[1] not in risky:
                kept.remove(item)
                words -= len(candidates[item[1]].text.split())
    for spec_id in chosen:
        chosen[spec_id] = [candidates[i] for _, i, s in sorted(kept, key=lambda k: k[1])
                           if s == spec_id]
    return chosen
