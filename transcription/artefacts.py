"""What Whisper writes that nobody said: repetition loops and the captions of its training data.

Two failure modes of Whisper are well known and both reach a case note as statements nobody
made. On silence, music or line noise it can write the stock lines of the subtitled video it
learned from ("Thanks for watching!", "Please subscribe", "Subtitles by…"), and a decoder that
loses its place repeats one phrase over and over, inside a segment or as the same segment
again and again. The app decodes with VAD (silence never reaches the decoder) and without
conditioning on the previous text (a loop cannot feed itself), which prevents most of it; this
is the last guard, on every path (file, batched, live):

- a segment that is wholly such a caption is dropped: no social-care conversation is made of
  "thanks for watching" alone, and nothing else is said with it;
- a phrase of two or more words said more than LOOP times in a row, or one word more than
  WORD_LOOP times, is kept once (people do say "no, no, no" and "I know, I know": those stay);
- the same segment of four or more words more than LOOP times in a row is kept once.

Plain data in and out; no Qt.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from transcription.transcript import Segment

LOOP = 3        # a phrase of 2+ words said more than this many times in a row is a loop
WORD_LOOP = 5   # one word said more than this many times in a row is a loop
LONGEST_PHRASE = 10
_CAPTION = re.compile(
    r"^(?:(?:thanks|thank you) (?:very much |so much )?for watching|please subscribe|"
    r"(?:please )?(?:like and )?subscribe(?: to (?:my|our|the) channel)?|"
    r"don't forget to (?:like and )?subscribe|see you in the next video|"
    r"(?:subtitles|captions|transcription|transcript) (?:by|from) .+|"
    r"amara\.org(?: community)?|www\.\S+)$")


def _plain(token: str) -> str:
    return re.sub(r"[^\w']+", "", token.lower())


def is_caption(text: str) -> bool:
    words = " ".join(_plain(t) for t in text.split() if _plain(t))
    dotted = text.strip().lower().rstrip(".!")
    return bool(_CAPTION.match(words) or _CAPTION.match(dotted))


def _loop_at(tokens: list[str], start: int) -> tuple[int, int]:
    """(phrase length, times repeated) of the longest loop starting at `start`; (0, 0)."""
    for size in range(1, min(LONGEST_PHRASE, (len(tokens) - start) // 2) + 1):
        phrase = tokens[start:start + size]
        times = 1
        while tokens[start + times * size:start + (times + 1) * size] == phrase:
            times += 1
        if times > (WORD_LOOP if size == 1 else LOOP):
            return size, times
    return 0, 0


def without_loops(segment: Segment) -> Segment:
    """`segment` with each loop inside it said once (its words too, where they line up)."""
    raw = segment.text.split()
    tokens = [_plain(t) for t in raw]
    keep: list[int] = []
    i = 0
    while i < len(tokens):
        size, times = _loop_at(tokens, i)
        if size:
            keep += range(i, i + size)
            i += size * times
        else:
            keep.append(i)
            i += 1
    if len(keep) == len(raw):
        return segment
    words = segment.words
    if len(words) == len(raw):
        words = tuple(words[k] for k in keep)
        end = max(words[-1].end, segment.start) if words else segment.end
    else:
        end = segment.end
    text = re.sub(r"[,;:]$", "", " ".join(raw[k] for k in keep))  # a loop cut off at a comma
    return Segment(segment.start, end, text, segment.speaker, words)


def clean(segments: Iterable[Segment]) -> Iterator[Segment]:
    """The segments without captions and loops; lazy (a run of identical segments waits
    until it ends), so live progress is unchanged."""
    run: list[Segment] = []
    key = ""
    for segment in segments:
        if is_caption(segment.text):
            continue
        segment = without_loops(segment)
        mine = " ".join(_plain(t) for t in segment.text.split())
        if run and mine == key:
            run.append(segment)
            continue
        yield from _settled(run, key)
        run, key = [segment], mine
    yield from _settled(run, key)


def _settled(run: list[Segment], key: str) -> list[Segment]:
    """A run of identical segments: once if it is a loop, else as it came."""
    if len(run) > LOOP and len(key.split()) >= 4:
        return run[:1]
    return run
