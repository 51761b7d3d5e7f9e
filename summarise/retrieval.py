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


def section_query(title: str, guidance: str, cues: Sequence[str]) -> list[str]:
    """Cue words count fully; words of the title and guidance add a weaker pull."""
    terms = [t for cue in cues for t in content_terms(cue)]
    return terms * 2 + content_terms(title) + content_terms(guidance)
