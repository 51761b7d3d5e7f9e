"""Where each fact goes in the note, which facts a note of this length keeps, and which
neighbouring facts read as one sentence.

Placement is BM25 on each section's cues and guidance over the fact's own words and the
question it answers; a fact with no cue of its own stays with the topic of the fact before it.
No section has a cap: the note grows with the conversation. Its length follows the reference
notes practitioners write (22-29% of a conversation's words): past NOTE_SHARE of the words,
the facts that carry least are left out, never one that raises a risk or denies something.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from summarise.evidence import OTHER
from summarise.facts import Fact, join_neighbours
from summarise.retrieval import Bm25, section_query, shared_words
from summarise.templates import Template
from summarise.text import has_negation

MERGE_GAP = 2        # answers this close, in one section, read as one sentence
TOPIC_GAP = 3        # a fact with no cue of its own stays with a fact this close before it


NOTE_SHARE = 0.40    # the note's words (sentences and actions) at most this share of the talk
MIN_NOTE_WORDS = 150  # ...but a short conversation is never cut to nothing
_DENIAL_RE = re.compile(r"(?:^|; |: )(?:(?-i:[A-Z])[\w'() -]{0,40}? said )?"  # "Kelly said no"
                        r"(?:no|not|never|nothing|none|no one|does not|do not|has not|"
                        r"have not|is not|are not|did not|was not|cannot)\b", re.IGNORECASE)
_NUMBER_RE = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|twenty|"
                        r"half|once|twice|hundred)\b", re.IGNORECASE)


def place_facts(facts: Sequence[Fact], template: Template, budget_words: int | None = None
                ) -> dict[str, list[Fact]]:
    """Each fact in the section it fits best (BM25 on the section's cues and guidance over
    the fact's own words and the question it answers); none fits: "Other points raised".
    No section has a cap: the note grows with what the conversation established. Over
    `budget_words`, the facts that carry least are left out (see `value`)."""
    placed: dict[str, list[Fact]] = {s.id: [] for s in template.sections}
    placed[OTHER.id] = []
    if not facts:
        return placed
    index = Bm25([f.context for f in facts])
    shared = shared_words([(s.title, s.guidance) for s in template.sections])
    scores = [index.scores(section_query(s.title, s.guidance, s.cues, shared))
              for s in template.sections]
    best_scores = [max(column) for column in zip(*scores, strict=True)]
    kept = _within(facts, best_scores, budget_words) if budget_words else set(range(len(facts)))
    only_denials = {s.id for s in template.sections if s.denials}
    previous: tuple[str, int] | None = None  # (section, last segment) of the fact before
    for i, fact in enumerate(facts):
        # a positive finding ("Blood in the urine: yes") never goes where only denials belong
        allowed = [k for k, s in enumerate(template.sections) if denies(fact) or not s.denials]
        best = max(allowed or range(len(template.sections)), key=lambda k: scores[k][i])
        if fact.section in placed:
            target = fact.section  # the practitioner's impression and advice: the plan
        elif scores[best][i] > 0:
            target = template.sections[best].id
        elif previous is not None and fact.order - previous[1] <= TOPIC_GAP and (
                denies(fact) or previous[0] not in only_denials):
            # no cue of its own ("Six days."): a conversation keeps to its topic, so it goes
            # where the fact just before it went
            target = previous[0]
        else:
            target = OTHER.id
        if i in kept:
            placed[target].append(fact)
        previous = (target, max(fact.citations))
    return placed


def value(fact: Fact, relevance: float) -> float:
    """What a fact carries, for the note's length: how well it fits the template (0-1), and
    more for an answer to a question, a denial, the person's wishes, a number or a time, and
    most for a risk."""
    return (relevance + 0.5 * fact.answered + 0.5 * denies(fact) + 0.5 * (fact.kind == "view") +
            0.3 * bool(_NUMBER_RE.search(fact.text)) + 2.0 * fact.risky + 1.0 * bool(fact.section))


def denies(fact: Fact) -> bool:
    """A pertinent negative ("No falls since she got home"), alone or joined to others."""
    return fact.kind == "negative" or bool(_DENIAL_RE.search(fact.text)) or (
        has_negation(fact.text) and len(fact.text.split()) <= 20)


def _within(facts: Sequence[Fact], relevance: Sequence[float], budget_words: int) -> set[int]:
    """The indexes of the facts kept: every one, or the most valuable within the budget; a
    fact that raises a risk or denies something is never left out."""
    top = max(relevance) or 1.0
    ranked = sorted(range(len(facts)), key=lambda i: -value(facts[i], relevance[i] / top))
    kept: set[int] = set()
    words = 0
    for i in ranked:
        size = len(facts[i].text.split())
        if words + size <= budget_words or facts[i].risky or denies(facts[i]):
            kept.add(i)
            words += size
    return kept


def merge_facts(facts: Sequence[Fact]) -> list[Fact]:
    """Neighbouring verified facts of one section from the same source, one sentence:
    "No chest pain." + "Bit of white in the morning; no green." -> "No chest pain; bit of
    white in the morning; no green." A run of answers joins across MERGE_GAP segments, one
    speaker's statements only when next to each other."""
    return join_neighbours(facts, lambda previous, fact: fact.order - max(previous.citations) <= (
        MERGE_GAP if previous.answered and fact.answered else 1) and not _topical(previous) and
        not _topical(fact))


def _topical(fact: Fact) -> bool:
    """"Pain: no more than usual." answers its own question: it stands as its own sentence
    rather than run on into "...; not dizzy"."""
    return ": " in fact.text
