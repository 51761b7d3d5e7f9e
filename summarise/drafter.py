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
from summarise.extractive import report
from summarise.retrieval import Bm25, section_query
from summarise.risks import find_risks
from summarise.speakers import COMMITMENT_RE, Role, Voice, guess_role, role_of, voice_for
from summarise.templates import Template
from summarise.text import clean_speech, content_terms, split_sentences
from summarise.verify import verify
from transcription.transcript import Transcript

MIN_TERMS = 3
LOW_CONFIDENCE = 0.5
# A note sentence is reported speech: no first person, no quotation marks, no chat preamble.
_NOT_A_NOTE_RE = re.compile(r"\b(?:I|I'm|I've|I'll|I'd|me|my|myself|mine)\b|[\"“”]|^(?:sure|here|"
                            r"okay|certainly)\b", re.IGNORECASE)


class Writer(Protocol):
    name: str

    def rewrite(self, statement: str, voice: Voice) -> str | None: ...


@dataclass(frozen=True)
class EvidenceUnit:
    segment: int
    text: str
    role: Role
    label: str | None


@dataclass(frozen=True)
class SectionDrafted:
    section: DraftSection
    done: int
    total: int


@dataclass(frozen=True)
class DraftCompleted:
    draft: Draft


DraftEvent = SectionDrafted | DraftCompleted


def evidence_units(transcript: Transcript) -> list[EvidenceUnit]:
    units = []
    for index, segment in enumerate(transcript.segments):
        for sentence in split_sentences(segment.text):
            role = role_of(segment.speaker) or guess_role(sentence)
            units.append(EvidenceUnit(index, sentence, role, segment.speaker))
    return units


def _is_statement(unit: EvidenceUnit) -> bool:
    """A fact worth a note sentence: said by the person or a carer, not a question."""
    if unit.role == "practitioner" or unit.text.rstrip().endswith("?"):
        return False
    return len(content_terms(clean_speech(unit.text))) >= MIN_TERMS


def assign_evidence(units: Sequence[EvidenceUnit], template: Template
                    ) -> dict[str, list[EvidenceUnit]]:
    """Give each statement to the section it fits best; keep each section's strongest few."""
    candidates = [u for u in units if _is_statement(u)]
    chosen: dict[str, list[EvidenceUnit]] = {s.id: [] for s in template.sections}
    if not candidates:
        return chosen
    index = Bm25([u.text for u in candidates])
    scores = [index.scores(section_query(s.title, s.guidance, s.cues))
              for s in template.sections]
    ranked: dict[str, list[tuple[float, int]]] = {s.id: [] for s in template.sections}
    for i in range(len(candidates)):
        best = max(range(len(template.sections)), key=lambda k: scores[k][i])
        if scores[best][i] > 0:
            ranked[template.sections[best].id].append((scores[best][i], i))
    for spec in template.sections:
        top = sorted(ranked[spec.id], reverse=True)[: spec.max_sentences]
        chosen[spec.id] = [candidates[i] for _, i in sorted(top, key=lambda p: p[1])]
    return chosen


def write_sentence(unit: EvidenceUnit, evidence: str, writer: Writer | None,
                   person_name: str | None) -> Sentence:
    voice = voice_for(unit.role, person_name, unit.label)
    allowed = [person_name] if person_name else []
    extractive = report(unit.text, voice)
    if writer is not None:
        written = writer.rewrite(clean_speech(unit.text), voice)
        if written and not _NOT_A_NOTE_RE.search(written):
            ok, _ = verify(written, [evidence], allowed_names=allowed)
            if ok:
                return Sentence(written, (unit.segment,), True, "llm")
    ok, problems = verify(extractive, [evidence], allowed_names=allowed)
    return Sentence(extractive, (unit.segment,), ok, "extractive", problems)


def draft(transcript: Transcript, template: Template, *, writer: Writer | None = None,
          person_name: str | None = None) -> Iterator[DraftEvent]:
    units = evidence_units(transcript)
    evidence = assign_evidence(units, template)
    sections: list[DraftSection] = []
    total = len(template.sections)
    for done, spec in enumerate(template.sections, start=1):
        sentences = tuple(
            write_sentence(u, transcript.segments[u.segment].text, writer, person_name)
            for u in evidence[spec.id])
        section = DraftSection(spec.id, spec.title, sentences)
        sections.append(section)
        yield SectionDrafted(section, done, total)

    person_ref = person_name or "the person"
    actions = find_actions(((u.segment, u.text, u.role) for u in units
                            if COMMITMENT_RE.search(u.text)), person_ref)
    flags: list[Flag] = []
    for section in sections:
        for n, sentence in enumerate(section.sentences):
            if not sentence.supported:
                flags.append(Flag("unsupported", "unsupported statement",
                                  f"Check this sentence: {'; '.join(sentence.problems)}.",
                                  sentence.citations, section.id, n))
    flags += find_risks((i, s.text) for i, s in enumerate(transcript.segments))
    flags += _low_confidence(transcript, sections)
    model = writer.name if writer else "extractive (no language model)"
    yield DraftCompleted(Draft(template.id, model, tuple(sections), tuple(actions),
                               tuple(flags)))


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
