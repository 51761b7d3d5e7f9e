"""Transcript + template -> cited draft, one section at a time.

The pipeline, in the order it runs:
1. split segments into sentences ("evidence units") and note who spoke each, by the roles
   the user gave or read from the labels (`summarise.evidence`, `summarise.roster`);
2. build the facts layer: each answer with its question, each statement in note style, every
   one verified against the words it cites (`summarise.facts`);
3. place each fact in the section it fits best (BM25 on the section's cues and guidance), no
   section capped, and join neighbouring facts into one sentence; a fact that does not verify
   is kept and flagged, never dropped silently;
4. find the agreed actions in every form they are said (`summarise.actions`) and the risk
   cues in context (`summarise.risks`), and flag them.

A capable model (section mode) writes whole sections from the evidence instead of step 3,
under the same verification; a small one may only reword the person's plain statements.

`draft()` is a generator: it yields `SectionDrafted` after each section and `DraftCompleted`
last, so a worker can show progress, and cancelling is simply not asking for the next item.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from summarise.actions import find_actions
from summarise.attribution import shortened
from summarise.clinical import clinical_facts
from summarise.draft import Action, Draft, DraftSection, Flag, Sentence
from summarise.errors import TemplateError
from summarise.evidence import OTHER, EvidenceUnit, evidence_units
from summarise.facts import Fact, build_facts
from summarise.model_draft import FactsRead, SectionShown, model_draft
from summarise.model_facts import FactsCache, speaker_names
from summarise.placing import MIN_NOTE_WORDS, NOTE_SHARE, merge_facts, place_facts
from summarise.risks import find_risks
from summarise.roster import Roster
from summarise.speakers import Voice, voice_for
from summarise.templates import SectionSpec, Template
from summarise.text import clean_speech, forget, proper_names
from summarise.unsure import low_confidence as _low_confidence
from summarise.verify import verify
from summarise.written import as_written
from transcription.transcript import Transcript

SURE_DENIAL = 0.8  # a denial heard with less confidence than this never cancels a risk cue
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


DraftEvent = SectionDrafted | FactsRead | DraftCompleted


def rewritten(fact: Fact, writer: Writer, roster: Roster) -> Sentence | None:
    """A small model's wording of the person's own statement, used only where every word of
    it is in the evidence, it names the right speaker and it refers to the same people."""
    if fact.source != "person" or not fact.spoken or fact.answered:
        return None
    voice = roster.voice()
    allowed = [n for n in (roster.person_name, voice.subject) if n]
    written = writer.rewrite(clean_speech(fact.spoken), voice)
    if not written or _attributed_to(written) not in (None, voice.subject):
        return None  # "Grace Okafor said..." of Mr Okafor's words: the wrong speaker
    if _pronouns(written) - {voice.they} != _pronouns(fact.text) - {voice.they}:
        # "he doesn't want him in trouble" -> "he didn't want to be in trouble": the same
        # words, someone else's trouble. The people referred to must stay the same (the note's
        # own sentence leaves the subject's "he" implied, so that one may differ).
        return None
    if _NOT_A_NOTE_RE.search(written):
        return None
    # every word the model wrote must be in the evidence: the extractive wording is there to
    # fall back on, so a paraphrase that might have changed a fact is not used
    ok, _ = verify(written, [fact.evidence], allowed_names=allowed, min_overlap=1.0)
    return Sentence(written, fact.citations, True, "llm") if ok else None


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
                  writer: Writer, person_name: str | None, facts: Sequence[Fact] = ()
                  ) -> list[Sentence]:
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
    out += [_sentence(f) for f in merge_facts([f for f in facts
                                               if not set(f.citations) <= covered])]
    return out


def _evidence(transcript: Transcript, unit: EvidenceUnit) -> str:
    return " ".join(transcript.segments[i].text for i in unit.cited)


def _budget(transcript: Transcript, actions: Sequence[Action]) -> int:
    """The words the note's sentences may take: a share of the conversation, less what the
    agreed actions take (they are never cut)."""
    words = sum(len(s.text.split()) for s in transcript.segments)
    return max(int(NOTE_SHARE * words) - sum(len(a.text.split()) for a in actions),
               MIN_NOTE_WORDS)


def _sentence(fact: Fact) -> Sentence:
    return Sentence(fact.text, fact.citations, fact.supported, "extractive", fact.problems)


def draft(transcript: Transcript, template: Template, *, writer: Writer | None = None,
          person_name: str | None = None, speakers: Mapping[str, str] | None = None
          ) -> Iterator[DraftEvent]:
    """`speakers` maps speaker labels to roles (practitioner, person, carer, family,
    professional, interpreter, other) where the user named them; else the labels are read.
    The conversation's words are kept in memory only while it is drafted (`forget`)."""
    try:
        yield from _draft(transcript, template, writer=writer, person_name=person_name,
                          speakers=speakers)
    finally:
        forget()


def _draft(transcript: Transcript, template: Template, *, writer: Writer | None,
           person_name: str | None, speakers: Mapping[str, str] | None
           ) -> Iterator[DraftEvent]:
    roster, units, facts = _facts(transcript, template, person_name, speakers)
    actions = _actions(units, roster)
    budget = _budget(transcript, actions)
    sections: list[DraftSection] = []
    said: list[str] = []  # how the draft was made, for the reader
    aside: list[Sentence] = []
    if writer is not None and getattr(writer, "section_mode", False) and \
            hasattr(writer, "chat_json"):
        # a capable model reads the conversation window by window (summarise/model_draft.py)
        cache = getattr(writer, "facts_cache", None) or FactsCache()
        read: FactsRead | None = None
        steps = model_draft(transcript, template, units, roster, facts, actions,
                            writer, budget, cache)  # type: ignore[arg-type]
        while True:
            try:
                step = next(steps)
            except StopIteration as finished:
                sections, more, aside = finished.value
                break
            if isinstance(step, FactsRead):
                read = step
            yield (SectionDrafted(step.section, step.done, step.total)
                   if isinstance(step, SectionShown) else step)
        actions = [*actions, *more]
        if read is not None:
            said.append(f"{writer.name.split(',')[0]} read the conversation in {read.total} "
                        f"parts and wrote {read.facts} facts; {read.verified} of them follow "
                        "from the lines they cite and replace the extractive sentences there; "
                        f"{len(aside)} that do not, on lines the note already covers, are set "
                        "aside below the note; the rest are in the note, flagged."
                        + (f" {read.retold} of its statements only retold a question and were "
                           "left out." if read.retold else ""))
        specs: list[SectionSpec] = []
    else:
        placed = place_facts(facts, template, budget)
        specs = [*template.sections, OTHER] if placed[OTHER.id] else list(template.sections)
    total = len(specs)
    named: set[str] = set()  # who has been named in full so far (summarise.attribution)
    for done, spec in enumerate(specs, start=1):
        if writer is not None and getattr(writer, "section_mode", False):
            section_units = [u for u in units if u.segment in
                             {c for f in placed[spec.id] for c in f.citations}]
            sentences = write_section(spec, section_units, transcript, writer, person_name,
                                      placed[spec.id])
        else:
            sentences = _sentences_from(placed[spec.id], writer, roster)
            sentences = [replace(s, text=t) for s, t in
                         zip(sentences, shortened([s.text for s in sentences], named),
                             strict=True)]
        section = DraftSection(spec.id, spec.title, tuple(sentences))
        sections.append(section)
        yield SectionDrafted(section, done, total)

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
    # the words as said, and each answer with its question ("Have you lost weight?" "A bit.")
    # (and a sentence the recogniser cut across two segments: "Sometimes I forget / if I take
    # them")
    flags += find_risks([*((i, s.text) for i, s in enumerate(transcript.segments)),
                         *((u.segments, u.text, _risk_role(u, template)) for u in units
                           if len(u.segments) > 1),
                         *((f.citations, f.text) for f in facts if f.answered)],
                        roles=_segment_roles(units, len(transcript.segments),
                                             "carer" in template.person_labels),
                        unsure=[frozenset(w.text.strip(" .,!?;:").lower() for w in s.words
                                          if w.probability < SURE_DENIAL)
                                for s in transcript.segments])
    flags += _low_confidence(transcript, sections, actions)
    model = writer.name if writer else "extractive (no language model)"
    notices = tuple(said) + (tuple(writer.notices()) if writer is not None and
                             hasattr(writer, "notices") else ())
    yield DraftCompleted(Draft(template.id, model, tuple(sections), tuple(actions),
                               tuple(flags), notices, tuple(aside)))


def read_ahead(transcript: Transcript, template: Template, writer: Writer, *,
               person_name: str | None = None, speakers: Mapping[str, str] | None = None,
               stop: Callable[[], bool] = lambda: False) -> int:
    """During a recording: let a capable model read the finished stretches of the transcript
    so far, so that at Stop only the last stretch is left (`draft` finds the rest in the
    writer's cache). Returns the stretches read; 0 for a writer that drafts no facts."""
    cache = getattr(writer, "facts_cache", None)
    if cache is None or not getattr(writer, "section_mode", False) or \
            not hasattr(writer, "chat_json") or not transcript.segments:
        return 0
    roster, units, _ = _facts(transcript, template, person_name, speakers)
    names = speaker_names(units, len(transcript.segments), roster)
    return int(cache.prepare(writer, transcript.segments, names, stop))


def _facts(transcript: Transcript, template: Template, person_name: str | None,
           speakers: Mapping[str, str] | None) -> tuple[Roster, list[EvidenceUnit], list[Fact]]:
    roster = Roster.build((s.speaker for s in transcript.segments), speakers,
                          (*template.person_labels, "person"), person_name)
    roster.names = frozenset(proper_names(transcript.text)) | {
        w.lower() for s in roster.speakers.values() if s.name for w in s.name.split()}
    roster.hear((s.speaker, s.text) for s in transcript.segments)
    roles = {label: speaker.role for label, speaker in roster.speakers.items()}
    units = evidence_units(transcript, template.person_labels, roles)
    facts = build_facts(units, [_evidence(transcript, u) for u in units], roster)
    plan = next((s.id for s in template.sections if s.practitioner), None)
    if plan is not None:
        facts = sorted([*facts, *clinical_facts(units, transcript, roster, plan, facts)],
                       key=lambda f: f.order)
    # times, years and money in figures ("half eight" -> "8.30"), as a note writes them
    return roster, units, [replace(f, text=as_written(f.text)) for f in facts]


def _actions(units: Sequence[EvidenceUnit], roster: Roster) -> list[Action]:
    return [replace(a, text=as_written(a.text), due=as_written(a.due) if a.due else a.due)
            for a in find_actions(units, roster)]


def _asks_you(unit: EvidenceUnit) -> bool:
    """A guessed practitioner's line is taken as theirs only when it speaks to "you": "I get
    chest pains when I'm stressed, but how can I?" is the carer's, whatever its question mark."""
    return unit.role == "practitioner" and bool(re.search(r"\byou(?:r|'re|'ve)?\b", unit.text,
                                                           re.IGNORECASE))


def _risk_role(unit: EvidenceUnit, template: Template) -> str | None:
    """A unit's speaker role for the risk cues (see _segment_roles)."""
    if unit.label is None and not _asks_you(unit):
        return None
    if unit.role == "person" and "carer" in template.person_labels:
        return "carer"
    return unit.role


def _segment_roles(units: Sequence[EvidenceUnit], count: int, carer_is_person: bool
                   ) -> list[str | None]:
    """Each segment's speaker role for the risk cues, by segment index. None where it is not
    known: no unit covers it, or the transcript has no speaker label and the role is only a
    guess (a guessed "person" must not silence a carer's "I can't cope"). In a carer's
    assessment the person the note is about is the carer."""
    roles: list[str | None] = [None] * count
    seen = [False] * count
    for unit in units:
        role: str | None = unit.role
        if unit.label is None and not _asks_you(unit):
            role = None
        elif carer_is_person and role == "person":
            role = "carer"
        for index in unit.segments:
            if 0 <= index < count and not seen[index]:
                roles[index], seen[index] = role, True
    return roles


def _sentences_from(facts: Sequence[Fact], writer: Writer | None, roster: Roster
                    ) -> list[Sentence]:
    """The section's facts as note sentences, neighbouring ones joined (see merge_facts); a
    small model may reword the person's own plain statements, under the checks above."""
    out = []
    for fact in facts if writer is not None else merge_facts(facts):
        out.append((rewritten(fact, writer, roster) if writer is not None else None)
                   or _sentence(fact))
    return out


# "Ask the pharmacy about." : Whisper lost the end of the commitment at a segment boundary.
_DANGLING = re.compile(r"\b(?:about|for|to|with|and|or|but|the|a|an|of|at|on|in|from|by|"
                       r"into|some|any)\.?$", re.IGNORECASE)


def redraft_section(transcript: Transcript, template: Template, section_id: str,
                    *, writer: Writer | None = None, person_name: str | None = None,
                    speakers: Mapping[str, str] | None = None
                    ) -> tuple[DraftSection, list[Flag]]:
    """Write one section again from the same evidence; the others are not touched.

    Returns the section and its unsupported-sentence flags (risk flags do not change).
    """
    specs = {s.id: s for s in (*template.sections, OTHER)}
    if section_id not in specs:
        raise TemplateError(f"The template {template.id} has no section '{section_id}'. Its "
                            f"sections are: {', '.join(specs)}.")
    spec = specs[section_id]
    roster, units, facts = _facts(transcript, template, person_name, speakers)
    placed = place_facts(facts, template,
                         _budget(transcript, _actions(units, roster)))[section_id]
    if writer is not None and getattr(writer, "section_mode", False):
        cited = {c for f in placed for c in f.citations}
        sentences = write_section(spec, [u for u in units if u.segment in cited], transcript,
                                  writer, person_name, placed)
    else:
        sentences = _sentences_from(placed, writer, roster)
    flags = [Flag("unsupported", "unsupported statement",
                  f"Check this sentence: {'; '.join(s.problems)}.", s.citations, section_id, n)
             for n, s in enumerate(sentences) if not s.supported]
    return DraftSection(spec.id, spec.title, tuple(sentences)), flags
