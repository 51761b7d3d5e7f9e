"""A draft with a capable model: the extractive note at once, then the model's checked facts
replacing it, window by window.

The model reads the conversation one stretch at a time (`summarise.model_facts`). After each
stretch the note is placed again from the extractive facts and the model's: a model fact that
verified takes the place of the extractive facts resting only on the lines it cites; one that
did not verify is kept beside them and flagged, so nothing the person said drops out because
the model skipped or garbled it. Each section that changed is yielded again (`SectionDrafted`
with the same id replaces the one shown), so a reader sees the note improve while it drafts.
"""

from __future__ import annotations

import re
from collections.abc import Generator, Sequence
from dataclasses import dataclass

from summarise.draft import Action, DraftSection, Sentence
from summarise.evidence import OTHER, EvidenceUnit
from summarise.facts import Fact
from summarise.model_facts import FactModel, FactsCache, read_windows
from summarise.placing import merge_facts, place_facts
from summarise.roster import Roster
from summarise.templates import Template
from transcription.transcript import Transcript


@dataclass(frozen=True)
class SectionShown:
    """A section of the draft as it stands (the same id replaces the one shown before)."""
    section: DraftSection
    done: int
    total: int


@dataclass(frozen=True)
class FactsRead:
    """The model has read `done` of `total` stretches of the conversation."""
    done: int
    total: int
    facts: int      # the model's facts so far
    verified: int   # of them, those that follow from the lines they cite
    retold: int = 0  # its statements that only retold a question, left out


def set_aside(extractive: Sequence[Fact], model: Sequence[Fact]) -> tuple[list[Fact],
                                                                         list[Fact]]:
    """(kept, set aside): a model fact that does not verify stays in the note, flagged, where
    it speaks of lines the extractive facts do not cover (it may have found something they
    missed); where they cover every line it cites, or it cites none it was given, it is set
    aside (shown below the note, not in it): the note already holds those lines' words, and a
    flag per garbled restatement would bury the flags that matter."""
    covered = {c for f in extractive for c in f.citations}
    kept, aside = [], []
    for fact in model:
        if not fact.supported and (set(fact.citations) <= covered or any(
                "none of the lines" in p for p in fact.problems)):
            aside.append(fact)
        else:
            kept.append(fact)
    return kept, aside


def combine(extractive: Sequence[Fact], model: Sequence[Fact]) -> list[Fact]:
    """The model's facts, and every extractive fact not resting only on lines a verified model
    fact cites, in the order they were said."""
    covered = {c for f in model if f.supported for c in f.citations}
    kept = [f for f in extractive if not set(f.citations) <= covered]
    return sorted([*kept, *model], key=lambda f: (f.order, is_model(f)))


def is_model(fact: Fact) -> bool:
    return fact.source.startswith("model:")


def sentence(fact: Fact) -> Sentence:
    return Sentence(fact.text, fact.citations, fact.supported,
                    "llm" if is_model(fact) else "extractive", fact.problems)


def sections_of(facts: Sequence[Fact], template: Template, budget: int) -> list[DraftSection]:
    placed = place_facts(facts, template, budget)
    specs = [*template.sections, OTHER] if placed[OTHER.id] else list(template.sections)
    return [DraftSection(s.id, s.title, tuple(sentence(f) for f in merge_facts(placed[s.id])))
            for s in specs]


_ACTION_RE = re.compile(r"^((?:[A-Z][\w']*)(?: [\w']+){0,3}?) (?:to|will) ([a-z][\w' ,-]+.*)$")


def model_actions(found: Sequence[Fact], actions: Sequence[Action]) -> list[Action]:
    """The model's verified "Worker to ring the GP about her tablets." where no action found
    in the words already rests on those lines."""
    taken = {c for a in actions for c in a.citations}
    out = []
    for fact in found:
        match = _ACTION_RE.match(fact.text)
        if fact.supported and fact.kind == "action" and match and \
                not set(fact.citations) & taken:
            rest = match.group(2)
            out.append(Action(rest[0].upper() + rest[1:], match.group(1), None, fact.citations))
            taken |= set(fact.citations)
    return out


def model_draft(transcript: Transcript, template: Template, units: Sequence[EvidenceUnit],
                roster: Roster, facts: Sequence[Fact], actions: Sequence[Action],
                model: FactModel, budget: int, cache: FactsCache
                ) -> Generator[SectionShown | FactsRead, None,
                               tuple[list[DraftSection], list[Action], list[Sentence]]]:
    """Yields the draft's sections as they change and the model's progress; returns the final
    sections, the actions the model found that the words had not, and the statements set
    aside (see `set_aside`)."""
    shown: dict[str, DraftSection] = {}

    def changed(sections: list[DraftSection]) -> list[SectionShown]:
        out = []
        for n, section in enumerate(sections, start=1):
            if shown.get(section.id) != section:
                shown[section.id] = section
                out.append(SectionShown(section, n, len(sections)))
        return out

    sections = sections_of(facts, template, budget)
    yield from changed(sections)
    found: list[Fact] = []
    more: list[Action] = []
    aside: list[Fact] = []
    retold = 0
    for read in read_windows(transcript.segments, units, roster, model, cache):
        found += read.facts
        retold += read.retold
        yield FactsRead(read.done, read.total, len(found), sum(f.supported for f in found),
                        retold)
        more = model_actions(found, actions)
        # an action the words or the model gave as an action is not said again in the body
        taken = {c for a in (*actions, *more) for c in a.citations}
        body = [f for f in found if not (f.kind == "action" and f.supported and
                                         set(f.citations) & taken)]
        body, aside = set_aside(facts, body)
        sections = sections_of(combine(facts, body), template, budget)
        yield from changed(sections)
    return sections, more, [sentence(f) for f in aside]
