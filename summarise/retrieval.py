"""BM25 over transcript sentences: which evidence belongs to which template section.

Okapi BM25 (k1=1.2, b=0.75) is small enough to write out and needs no model: it runs in
well under a millisecond per section for an hour-long transcript.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

from summarise.text import content_terms


class Bm25:
    def __init__(self, documents: Sequence[str], k1: float = 1.2, b: float = 0.75) -> None:
        self.docs = [Counter(content_terms(d)) for d in documents]
        self.lengths = [sum(d.values()) for d in self.docs]
        self.avg_length = (sum(self.lengths) / len(self.docs)) if self.docs else 0.0
        df: Counter[str] = Counter()
        for d in self.docs:
            df.update(d.keys())
        n = len(self.docs)
        self.idf = {t: math.log(1 + (n - f + 0.5) / (f + 0.5)) for t, f in df.items()}
        self.k1, self.b = k1, b

    def scores(self, query_terms: Sequence[str]) -> list[float]:
        weights = Counter(query_terms)
        out = []
        for doc, length in zip(self.docs, self.lengths, strict=True):
            norm = self.k1 * (1 - self.b + self.b * length / (self.avg_length or 1.0))
            score = 0.0
            for term, qw in weights.items():
                tf = doc.get(term)
                if tf:
                    score += qw * self.idf[term] * tf * (self.k1 + 1) / (tf + norm)
            out.append(score)
        return out


# Words of a section's title or guidance that say how, not what ("Being able to make use of
# the home safely", "Accessing and engaging in work"): no pull towards the section.
_FRAME_WORDS = set(content_terms(
    "able being make making use using carry carrying out access accessing engage engaging "
    "develop developing maintain maintaining manage managing appropriately any person "
    "people what who why where when how own possible recent events asked daily life other "
    "personal local words "
    # "carrying", "caring" and "cares" stem as "car": a pull towards every car journey
    "carrying caring"))


def section_query(title: str, guidance: str, cues: Sequence[str],
                  shared: frozenset[str] = frozenset()) -> list[str]:
    """Cue words count fully; words of the title and guidance add a weaker pull, except
    words that frame the section rather than name its subject, and `shared` (words of more
    than one section's title and guidance, which tell the sections apart no better)."""
    terms = [t for cue in cues for t in content_terms(cue)]
    weak = [t for t in content_terms(title) + content_terms(guidance)
            if t not in _FRAME_WORDS and t not in shared]
    return terms * 2 + weak


def shared_words(sections: Sequence[tuple[str, str]]) -> frozenset[str]:
    """Words found in the title or guidance of more than one of these (title, guidance)."""
    seen: dict[str, int] = {}
    for title, guidance in sections:
        for term in set(content_terms(f"{title} {guidance}")):
            seen[term] = seen.get(term, 0) + 1
    return frozenset(t for t, n in seen.items() if n > 1)
