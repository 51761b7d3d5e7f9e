"""Transcript + template -> cited draft, one section at a time.

The pipeline, in the order it runs:
1. split segments into sentences ("evidence units") and note who spoke each;
2. rank units for every section with BM25 on the section's cues and guidance, giving each
   unit to the section it fits best;
3. write each unit as a note sentence: the language model's wording if it verifies against
   the cited segment, else the extractive writer's; if neither verifies, keep the sentence
   and flag it, never drop it silently;
4. find the practitioner's commitments (agreed actions) and risk cues, and flag them.

`draft()` is a generator: it yields `SectionDrafted` after each section and `DraftCompleted`
last, so a worker can show progress, and cancelling is simply not asking for the next item.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol

from summarise.actions import find_actions
from summarise.draft import Draft, DraftSection, Flag, Sentence
from summarise.errors import TemplateError
from summarise.extractive import indirect_question, report
from summarise.retrieval import Bm25, section_query
from summarise.risks import find_risks
from summarise.speakers import COMMITMENT_RE, Role, Voice, guess_role, role_of, voice_for
from summarise.templates import SectionSpec, Template
from summarise.text import NEGATIONS, clean_speech, content_terms, split_sentences
from summarise.verify import verify
from transcription.transcript import Transcript

MIN_TERMS = 3
LOW_CONFIDENCE = 0.5
NOTE_BUDGET = 0.40  # a note, not a copy: section sentences stay within this share of the words
MIN_BUDGET_WORDS = 80  # ...but a short conversation is never cut to nothing
# A note sentence is reported speech: no first person, no quotation marks, no chat preamble.
_NOT_A_NOTE_RE = re.compile(r"\b(?:I|I'm|I've|I'll|I'd|me|my|myself|mine)\b|[\"“”]|^(?:sure|here|"
                            r"okay|certainly)\b", re.IGNORECASE)


class Writer(Protocol):
    """A language model. Small ones rewrite single statements (`rewrite`); a writer with
    `section_mode` true also writes whole sections from numbered evidence (`write_section`)."""

    name: str

    def rewrite(self, statement: str, voice: Voice) -> str | None: ...


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


@dataclass(frozen=True)
class SectionDrafted:
    section: DraftSection
    done: int
    total: int


@dataclass(frozen=True)
class DraftCompleted:
    draft: Draft


DraftEvent = SectionDrafted | DraftCompleted


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


def evidence_units(transcript: Transcript, person_labels: Sequence[str] = ()
                   ) -> list[EvidenceUnit]:
    """Sentences with their speaker. A sentence that opens with a pronoun stays joined to the
    one before it in the same turn, so "She works full time" keeps "my daughter" beside it
    and is never reported as if the speaker said it of themselves. A label in
    `person_labels` (the template's: "carer" in a carer's assessment) is the person."""
    units: list[EvidenceUnit] = []
    for segments, sentence, label in _sentences(transcript):
        role: Role = "person" if label and label.strip().lower() in person_labels else (
            role_of(label) or guess_role(sentence))
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
_PROMPT = re.compile(r"\?\s*$|^(?:so\s+)?(?:you're|you are)\b", re.IGNORECASE)


def _link_answers(units: list[EvidenceUnit]) -> list[EvidenceUnit]:
    """Give a short answer the question it answers. "Maybe four hours." alone says nothing;
    the note needs "Asked about not getting much sleep, Mr Okafor said maybe four hours." A
    unit is such an answer when it opens like one (no, maybe, just...) within the first three
    sentences of the reply to a question or a reflection, or is a first sentence of few words
    with no subject ("Twice a week.")."""
    out: list[EvidenceUnit] = []
    prompt: EvidenceUnit | None = None
    since = 0
    for unit in units:
        if unit.role == "practitioner":
            prompt, since = (unit if _PROMPT.search(unit.text) else None), 0
            out.append(unit)
            continue
        since += 1
        text = clean_speech(unit.text)
        if prompt is not None and ((since <= 3 and _ANSWER_OPENER.match(text)) or (
                since == 1 and len(content_terms(text)) <= MIN_TERMS and
                not _HAS_SUBJECT.search(text))):
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


def write_sentence(unit: EvidenceUnit, evidence: str, writer: Writer | None,
                   person_name: str | None) -> Sentence:
    voice = voice_for(unit.role, person_name, unit.label)
    allowed = [person_name] if person_name else []
    extractive = report(unit.text, voice)
    asked = indirect_question(unit.asked[1], voice) if unit.asked else None
    if asked and extractive and unit.asked:
        # the question in the note's words, and the sentence cites it. Each half is checked
        # against its own words: "Do you drink much?" / "No, I don't drink" must not lose the
        # answer's "not" to the question's words.
        answer = extractive[:4].lower() + extractive[4:] if extractive.startswith("The ") \
            else extractive
        ok_q, problems_q = verify(asked.removeprefix("whether ") + ".", [unit.asked[1]],
                                  allowed_names=allowed)
        ok_a, problems_a = verify(answer, [evidence.replace(unit.asked[1], " ")],
                                  allowed_names=allowed)
        return Sentence(f"Asked {asked}, {answer}", unit.cited, ok_q and ok_a, "extractive",
                        problems_q + problems_a)
    if writer is not None:
        written = writer.rewrite(clean_speech(unit.text), voice)
        if written and not _NOT_A_NOTE_RE.search(written):
            ok, _ = verify(written, [evidence], allowed_names=allowed)
            if ok:
                return Sentence(written, unit.segments, True, "llm")
    ok, problems = verify(extractive, [evidence], allowed_names=allowed)
    return Sentence(extractive, unit.segments, ok, "extractive", problems)


def write_section(spec: SectionSpec, units: Sequence[EvidenceUnit], transcript: Transcript,
                  writer: Writer, person_name: str | None) -> list[Sentence]:
    """A capable model writes the section; every sentence is checked against what it cites.

    A sentence that does not verify is kept and flagged (the practitioner sees what the model
    claimed, and why it does not hold). Evidence no verified sentence cites is written by the
    extractive writer, so nothing the person said drops out because the model skipped it.
    """
    if not units:
        return []
    allowed = [person_name] if person_name else []
    speakers = {u.segment: voice_for(u.role, person_name, u.label).subject for u in units}
    evidence = [(u.segment, speakers[u.segment], u.text) for u in units]
    valid = {u.segment for u in units}
    out: list[Sentence] = []
    covered: set[int] = set()
    for text, cited in writer.write_section(spec.title, spec.guidance,  # type: ignore[attr-defined]
                                            evidence):
        citations = tuple(c for c in dict.fromkeys(cited) if c in valid)
        if not citations:
            out.append(Sentence(text, tuple(c for c in cited if 0 <= c < len(
                transcript.segments)) or (units[0].segment,), False, "llm",
                ("it cites none of the evidence for this section",)))
            continue
        ok, problems = verify(text, [transcript.segments[c].text for c in citations],
                              allowed_names=allowed)
        if ok and _NOT_A_NOTE_RE.search(text):
            ok, problems = False, ("it is not written as a note (first person or a quotation)",)
        out.append(Sentence(text, citations, ok, "llm", problems))
        if ok:
            covered |= set(citations)
    out += merge_attributions([
        write_sentence(u, _evidence(transcript, u), None, person_name)
        for u in units if u.segment not in covered])
    return out


def _evidence(transcript: Transcript, unit: EvidenceUnit) -> str:
    return " ".join(transcript.segments[i].text for i in unit.cited)


def _budget(transcript: Transcript) -> int:
    words = sum(len(s.text.split()) for s in transcript.segments)
    return max(int(NOTE_BUDGET * words), MIN_BUDGET_WORDS)


def merge_attributions(sentences: Sequence[Sentence]) -> list[Sentence]:
    """Join consecutive verified sentences reporting the same speaker under one attribution:
    "Mrs Patel said A." + "Mrs Patel said B." -> "Mrs Patel said A; B." Unverified sentences
    stay separate, each with its own flag."""
    out: list[Sentence] = []
    for sentence in sentences:
        previous = out[-1] if out else None
        lead = re.match(r"^(.+? said) ", sentence.text)
        if (previous and lead and sentence.supported and previous.supported and
                previous.source == sentence.source == "extractive" and
                previous.text.startswith(lead.group(1) + " ")):
            rest = sentence.text[len(lead.group(0)):]
            text = previous.text.rstrip(".") + "; " + rest
            citations = tuple(dict.fromkeys(previous.citations + sentence.citations))
            out[-1] = Sentence(text, citations, True, "extractive")
        else:
            out.append(sentence)
    return out


def draft(transcript: Transcript, template: Template, *, writer: Writer | None = None,
          person_name: str | None = None) -> Iterator[DraftEvent]:
    units = evidence_units(transcript, template.person_labels)
    evidence = assign_evidence(units, template, _budget(transcript))
    sections: list[DraftSection] = []
    specs = [*template.sections, OTHER] if evidence[OTHER.id] else list(template.sections)
    total = len(specs)
    for done, spec in enumerate(specs, start=1):
        if writer is not None and getattr(writer, "section_mode", False):
            sentences = write_section(spec, evidence[spec.id], transcript, writer, person_name)
        else:
            sentences = merge_attributions([
                write_sentence(u, _evidence(transcript, u), writer, person_name)
                for u in evidence[spec.id]])
        section = DraftSection(spec.id, spec.title, tuple(sentences))
        sections.append(section)
        yield SectionDrafted(section, done, total)

    person_ref = person_name or "the person"
    actions = find_actions(((u.segments, u.text, u.role) for u in units
                            if COMMITMENT_RE.search(u.text)), person_ref)
    flags: list[Flag] = []
    for section in sections:
        for n, sentence in enumerate(section.sentences):
            if not sentence.supported:
                flags.append(Flag("unsupported", "unsupported statement",
                                  f"Check this sentence: {'; '.join(sentence.problems)}.",
                                  sentence.citations, section.id, n))
    flags += [Flag("unsupported", "incomplete action",
                   f"The action \"{a.text}\" stops mid-sentence: the recording may have cut it "
                   "off. Listen to it, then complete the action or remove it.", a.citations)
              for a in actions if _DANGLING.search(a.text)]
    flags += find_risks((i, s.text) for i, s in enumerate(transcript.segments))
    flags += _low_confidence(transcript, sections)
    model = writer.name if writer else "extractive (no language model)"
    notices = tuple(writer.notices()) if writer is not None and hasattr(writer, "notices") \
        else ()
    yield DraftCompleted(Draft(template.id, model, tuple(sections), tuple(actions),
                               tuple(flags), notices))


# "Ask the pharmacy about." : Whisper lost the end of the commitment at a segment boundary.
_DANGLING = re.compile(r"\b(?:about|for|to|with|and|or|but|the|a|an|of|at|on|in|from|by|"
                       r"into|some|any)\.?$", re.IGNORECASE)


def redraft_section(transcript: Transcript, template: Template, section_id: str,
                    *, writer: Writer | None = None, person_name: str | None = None
                    ) -> tuple[DraftSection, list[Flag]]:
    """Write one section again from the same evidence; the others are not touched.

    Returns the section and its unsupported-sentence flags (risk flags do not change).
    """
    specs = {s.id: s for s in (*template.sections, OTHER)}
    if section_id not in specs:
        raise TemplateError(f"The template {template.id} has no section '{section_id}'. Its "
                            f"sections are: {', '.join(specs)}.")
    spec = specs[section_id]
    units = assign_evidence(evidence_units(transcript, template.person_labels), template,
                            _budget(transcript))[section_id]
    if writer is not None and getattr(writer, "section_mode", False):
        sentences = write_section(spec, units, transcript, writer, person_name)
    else:
        sentences = merge_attributions([
            write_sentence(u, _evidence(transcript, u), writer, person_name)
            for u in units])
    flags = [Flag("unsupported", "unsupported statement",
                  f"Check this sentence: {'; '.join(s.problems)}.", s.citations, section_id, n)
             for n, s in enumerate(sentences) if not s.supported]
    return DraftSection(spec.id, spec.title, tuple(sentences)), flags


def _low_confidence(transcript: Transcript, sections: Sequence[DraftSection]) -> list[Flag]:
    cited = sorted({c for s in sections for sentence in s.sentences for c in sentence.citations})
    flags = []
    for index in cited:
        unsure = [w.text for w in transcript.segments[index].words
                  if w.probability < LOW_CONFIDENCE]
        if unsure:
            flags.append(Flag("low-confidence", "unclear words",
                              "The transcript is unsure of "
                              f"{', '.join(repr(w) for w in unsure[:5])}: listen to the "
                              "recording before relying on it.", (index,)))
    return flags
