"""Long decoded stretches cut into sentence-sized segments by their word timings.

Batched decoding (faster-whisper's BatchedInferencePipeline) is fastest without timestamp
tokens, and then returns one segment per stretch of speech found by VAD, up to 30 s. A
segment is the unit of evidence every note sentence cites and the unit who-spoke labels, so
30 s of two people is no use. The words keep their own times (cross-attention alignment, as
for the unclear-word flags), so each stretch is cut again where a sentence ends (a word
ending in . ? or !, not an abbreviation or an initial) or where the speech pauses, and a piece
that still runs long is cut at its longest pause. Plain data in and out; no Qt.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from transcription.transcript import Segment, Word

PAUSE = 0.8      # seconds of silence between two words that end a segment on its own
LONGEST = 15.0   # seconds: a longer piece is cut at its longest pause between words
SHORTEST = 2     # words: a sentence end before this many words does not cut
_END = re.compile(r"[.?!][\"')\]]*$")
_ABBREVIATION = re.compile(
    r"^(?:mr|mrs|ms|mx|dr|prof|st|rev|fr|sr|jr|no|vs|etc|approx|e\.g|i\.e|[a-z])\.$",
    re.IGNORECASE)


def ends_sentence(word: str) -> bool:
    return bool(_END.search(word)) and not _ABBREVIATION.match(word)


def _pieces(words: tuple[Word, ...]) -> Iterator[tuple[Word, ...]]:
    start = 0
    for i, word in enumerate(words):
        last = i == len(words) - 1
        gap = 0.0 if last else words[i + 1].start - word.end
        long_enough = i + 1 - start >= SHORTEST
        if last or gap >= PAUSE or (ends_sentence(word.text) and long_enough):
            yield from _bounded(words[start:i + 1])
            start = i + 1


def _bounded(words: tuple[Word, ...]) -> Iterator[tuple[Word, ...]]:
    """`words`, cut at their longest pause until no piece is over LONGEST seconds."""
    if len(words) < 2 or words[-1].end - words[0].start <= LONGEST:
        yield words
        return
    gaps = [words[i + 1].start - words[i].end for i in range(len(words) - 1)]
    cut = max(range(len(gaps)), key=lambda i: (gaps[i], -abs(i - len(gaps) / 2))) + 1
    yield from _bounded(words[:cut])
    yield from _bounded(words[cut:])


def split_by_words(segment: Segment) -> list[Segment]:
    """`segment` as one segment per sentence (or pause-bounded stretch); unchanged if it has
    no word timings. The pieces' words and texts together are the segment's."""
    if len(segment.words) < 2:
        return [segment]
    pieces = list(_pieces(segment.words))
    if len(pieces) == 1:
        return [segment]
    out = []
    for n, words in enumerate(pieces):
        start = segment.start if n == 0 else words[0].start
        end = segment.end if n == len(pieces) - 1 else words[-1].end
        out.append(Segment(start, max(end, start), " ".join(w.text for w in words),
                           segment.speaker, words))
    return out


def split_all(segments: Iterable[Segment]) -> Iterator[Segment]:
    for segment in segments:
        yield from split_by_words(segment)
