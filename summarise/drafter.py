"""Transcript + template -> cited draft, one section at a time.

The pipeline, in the order it runs:
1. split segments into sentences ("evidence units") and note who spoke each;
2. rank units for every section with BM25 on the section's cues and guidance, giving each
   unit to the section it fits best (both in `summarise.evidence`);
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
from summarise.evidence import OTHER, EvidenceUnit, assign_evidence, evidence_units
from summarise.extractive import indirect_question, report
from summarise.risks import find_risks
from summarise.speakers import COMMITMENT_RE, Voice, voice_for
from summarise.templates import SectionSpec, Template
from summarise.text import clean_speech
from summarise.verify import verify
from transcription.transcript import Transcript

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
class SectionDrafted:
    section: DraftSection
    done: int
    total: int


@dataclass(frozen=True)
class DraftCompleted:
    draft: Draft


DraftEvent = SectionDrafted | DraftCompleted


def write_sentence(unit: EvidenceUnit, evidence: str, writer: Writer | None,
                   person_name: str | None) -> Sentence:
    voice = voice_for(unit.role, person_name, unit.label)
    allowed = [person_name, voice.subject] if person_name else [voice.subject]
    extractive = report(unit.text, voice)
    asked = indirect_question(unit.asked[1], voice) if unit.asked else None
    if asked and extractive and unit.asked:
        # the question in the note's words, and the sentence cites it. Each half is checked
        # against its own words: "Do you drink much?" / "No, I don't drink" must not lose the
        # answer's "not" to the question's words.
        answer = _mid_sentence(extractive)
        ok_q, problems_q = verify(asked.removeprefix("whether ") + ".", [unit.asked[1]],
                                  allowed_names=allowed)
        ok_a, problems_a = verify(answer, [evidence.replace(unit.asked[1], " ")],
                                  allowed_names=allowed)
        return Sentence(f"Asked {asked}, {answer}", unit.cited, ok_q and ok_a, "extractive",
                        problems_q + problems_a)
    if writer is not None:
        written = writer.rewrite(clean_speech(unit.text), voice)
        if written and _attributed_to(written) not in (None, voice.subject):
            written = None  # "Grace Okafor said..." of Mr Okafor's words: the wrong speaker
        if written and _pronouns(written) != _pronouns(extractive):
            # "he doesn't want him in trouble" -> "he didn't want to be in trouble": the same
            # words, someone else's trouble. The people referred to must stay the same.
            written = None
        if written and not _NOT_A_NOTE_RE.search(written):
            # every word the model wrote must be in the evidence: the extractive wording is
            # there to fall back on, so a paraphrase that might have changed a fact is not used
            ok, _ = verify(written, [evidence], allowed_names=allowed, min_overlap=1.0)
            if ok:
                return Sentence(written, unit.segments, True, "llm")
    ok, problems = verify(extractive, [evidence], allowed_names=allowed)
    return Sentence(extractive, unit.segments, ok, "extractive", problems)


def _attributed_to(sentence: str) -> str | None:
    """Whom a note sentence gives its words to: "Mr Okafor said ..." -> "Mr Okafor"."""
    said = re.match(r"^(.+?) said\b", sentence)
    return said.group(1) if said else None


def _mid_sentence(text: str) -> str:
    """"The daughter said..." as it reads after a comma: "the daughter said..."."""
    return "the " + text[4:] if text.startswith("The ") else text


_PRONOUN_RE = re.compile(r"\b(?:he|him|his|himself|she|her|hers|herself|they|them|their|"
                         r"theirs|themselves|it|its)\b", re.IGNORECASE)


def _pronouns(text: str) -> set[str]:
    return {p.lower() for p in _PRONOUN_RE.findall(text)}


def write_section(spec: SectionSpec, units: Sequence[EvidenceUnit], transcript: Transcript,
                  writer: Writer, person_name: str | None) -> list[Sentence]:
    """A capable model writes the section; every sentence is checked against what it cites.

    A sentence that does not verify is kept and flagged (the practitioner sees what the model
    claimed, and why it does not hold). Evidence no verified sentence cites is written by the
    extractive writer, so nothing the person said drops out because the model skipped it.
    """
    if not units:
        return []
    speakers = {u.segment: voice_for(u.role, person_name, u.label).subject for u in units}
    allowed = [person_name] if person_name else []
    allowed += sorted(set(speakers.values()))
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
        said = _attributed_to(text)
        cited_speakers = {speakers[c] for c in citations if c in speakers}
        if ok and said is not None and said not in cited_speakers:
            whose = " and ".join(sorted(_mid_sentence(w) for w in cited_speakers))
            ok, problems = False, (f"it gives these words to {said}, but the cited words are "
                                   f"{whose}'s",)
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
                previous.source == sentence.source and
                previous.text.startswith(lead.group(1) + " ")):
            rest = sentence.text[len(lead.group(0)):]
            text = previous.text.rstrip(".") + "; " + rest
            citations = tuple(dict.fromkeys(previous.citations + sentence.citations))
            out[-1] = Sentence(text, citations, True, sentence.source)
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
