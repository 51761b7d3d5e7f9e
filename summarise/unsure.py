"""Words that decide a sentence's meaning, where the recogniser was unsure of them.

A negation ("had a fall" against "haven't fallen"), a number, a day or date, a name or a
medicine that Whisper heard with low confidence changes what the note would say, so each gets a
flag of its own that says what is at stake, ahead of the general unclear-words flag, and is
attached to the sentence that rests on it: the note cannot be approved until someone has
listened. Plain data in, plain data out; general patterns of English, no word lists from any
one conversation.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from summarise.draft import Action, DraftSection, Flag
from summarise.text import STOPWORDS
from transcription.transcript import Segment, Transcript, Word

# Meaning-critical words are held to a stricter bar than the unclear-words flag (0.5): a wrong
# "not" is worse than a wrong "the". Auxiliaries ("had", "did") are so common that they are
# flagged only below the general bar, where Whisper itself doubted them.
UNSURE_CRITICAL = 0.8
UNSURE_AUXILIARY = 0.5

_NEGATIONS = {"not", "no", "never", "nothing", "none", "nobody", "neither", "nor", "without",
              "hardly", "cannot"}
# An auxiliary that Whisper may have heard with or without its "n't": "had" / "hadn't".
_AUXILIARIES = {"am": "am not", "is": "isn't", "are": "aren't", "was": "wasn't",
                "were": "weren't", "have": "haven't", "has": "hasn't", "had": "hadn't",
                "do": "don't", "does": "doesn't", "did": "didn't", "can": "can't",
                "could": "couldn't", "will": "won't", "would": "wouldn't",
                "should": "shouldn't", "must": "mustn't"}
_NUMBER_WORDS = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                 "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
                 "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty", "sixty",
                 "seventy", "eighty", "ninety", "hundred", "thousand", "half", "quarter",
                 "once", "twice", "double", "single", "first", "second", "third", "dozen"}
_DAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
         "today", "tonight", "yesterday", "tomorrow", "weekend", "fortnight"}
_MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december"}
# Medicines by the endings drug names share (INN stems) and a few very common names.
_MEDICINE = re.compile(
    r"(pril|olol|sartan|statin|azole|prazole|mycin|cillin|cycline|oxacin|dipine|formin|"
    r"gliptin|parin|xaban|gatran|zepam|azepam|triptyline|oxetine|aline|pramine|done|"
    r"phine|codone|amol|profen|lukast|semide|thiazide|mab|nib)$", re.IGNORECASE)
_COMMON_MEDICINES = {"insulin", "warfarin", "aspirin", "paracetamol", "ibuprofen", "codeine",
                     "morphine", "tramadol", "metformin", "levothyroxine", "lithium",
                     "prednisolone", "inhaler", "antibiotics", "antidepressants", "steroids"}
_DOSE = {"mg", "milligrams", "milligram", "micrograms", "ml", "millilitres", "units", "puffs"}
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d+(?:[.:]\d+)?")


@dataclass(frozen=True)
class Critical:
    segment: int
    word: str
    kind: str          # negation, number, date, name, medicine
    context: str       # the words around it, as heard

    def message(self) -> str:
        quoted = f"'{self.word}'"
        where = f" (\"{self.context}\")" if self.context and self.context != self.word else ""
        if self.kind == "negation":
            other = _alternative(self.word)
            return (f"Unsure whether this says {quoted} or '{other}'{where}: the recogniser "
                    "was unsure of the word that decides whether it happened. Listen to the "
                    "recording and correct the sentence before approving.")
        what = {"number": "the number", "date": "the day or date", "name": "the name",
                "medicine": "the medicine"}[self.kind]
        return (f"Unsure of {what} {quoted}{where}: the recogniser was unsure of it, and the "
                "note depends on it. Listen to the recording and correct it before approving.")


def _alternative(word: str) -> str:
    low = word.lower().replace("’", "'")
    if low in _AUXILIARIES:
        return _AUXILIARIES[low]
    for positive, negative in _AUXILIARIES.items():
        if low == negative:
            return positive
    if low.endswith("n't"):
        return low[:-3]
    return {"no": "a", "never": "ever", "nothing": "something", "none": "some",
            "nobody": "somebody", "cannot": "can", "without": "with"}.get(low, f"not {low}")


def kind_of(word: str, *, first: bool, names: frozenset[str] = frozenset()) -> str | None:
    """Which meaning-critical kind a word is, or None."""
    bare = word.strip(".,;:!?\"()").replace("’", "'")
    low = bare.lower()
    if not low:
        return None
    if low in _NEGATIONS or low.endswith("n't") or low in _AUXILIARIES:
        return "negation"
    if low[0].isdigit() or low in _NUMBER_WORDS:
        return "number"
    if low.removesuffix("s") in _DAYS or (low in _MONTHS and (low != "may" or bare[0].isupper())):
        return "date"
    if low in _COMMON_MEDICINES or low in _DOSE or (len(low) > 6 and _MEDICINE.search(low)):
        return "medicine"
    if low in names or (bare[:1].isupper() and not first and low != "i" and
                        not low.startswith("i'") and len(low) > 1):
        return "name"
    return None


def critical_words(segments: Sequence[Segment], cited: Sequence[int], *,
                   names: frozenset[str] = frozenset(),
                   threshold: float = UNSURE_CRITICAL) -> Iterator[Critical]:
    """The meaning-critical words of the cited segments the recogniser was unsure of; a run of
    neighbouring words of one kind ("Bulls Club", "twenty five") is one."""
    for index in cited:
        words = segments[index].words
        run: list[int] = []
        run_kind = None
        for position, word in enumerate(words):
            previous = words[position - 1].text.strip() if position else ""
            first = position == 0 or previous.endswith((".", "?", "!"))
            kind = kind_of(word.text.strip(), first=first, names=names)
            if kind is not None and (word.probability >= threshold or (
                    word.text.strip(" .,;:!?").lower() in _AUXILIARIES
                    and word.probability >= UNSURE_AUXILIARY)):
                kind = "sure " + kind                 # part of a run, but not itself unsure
            if run and kind is not None and kind.removeprefix("sure ") == run_kind \
                    and run_kind != "negation" and not previous.endswith((".", ",", "?", "!")):
                run.append(position)
                continue
            if run:
                yield _critical(index, words, run, run_kind)
            run, run_kind = [], None
            if kind is not None and not kind.startswith("sure "):
                run, run_kind = [position], kind
        if run:
            yield _critical(index, words, run, run_kind)


def _critical(index: int, words: Sequence[Word], run: list[int], kind: str | None) -> Critical:
    # trailing sure words of the kind stay in the run ("Bulls Club"), leading ones are not in it
    text = " ".join(words[p].text.strip() for p in run).strip(".,;:!?")
    around = " ".join(w.text.strip() for w in words[max(0, run[0] - 2):run[-1] + 3])
    return Critical(index, text, kind or "name", around.strip())


LOW_CONFIDENCE = 0.5
# A doubtful "the" or "at" rarely changes a note: flagged only where Whisper all but guessed it
# (the meaning-critical words, negations among them, have their own flag).
UNSURE_FUNCTION_WORD = 0.2


def unclear_words(words: Sequence[Word]) -> list[Word]:
    """The words a reader should listen to again: a content word below LOW_CONFIDENCE, a "the"
    or "at" only where Whisper all but guessed it (UNSURE_FUNCTION_WORD). The transcript
    highlights the same words the flags name."""
    return [w for w in words if w.probability < (
        LOW_CONFIDENCE if w.text.strip(" .,;:!?\"'").lower() not in STOPWORDS
        else UNSURE_FUNCTION_WORD)]


def low_confidence(transcript: Transcript, sections: Sequence[DraftSection],
                    actions: Sequence[Action] = ()) -> list[Flag]:
    """A flag per meaning-critical word the recogniser was unsure of (a negation, number, date,
    name or medicine: summarise/unsure.py), attached to the sentence resting on it; then the
    general unclear-words flag per cited segment, for what is left."""
    where: dict[int, tuple[str, int]] = {}
    for section in sections:
        for n, sentence in enumerate(section.sentences):
            for c in sentence.citations:
                where.setdefault(c, (section.id, n))
    where_action = {c: a for a in actions for c in a.citations}
    cited = sorted(set(where) | set(where_action))
    flags, raised = [], set()
    for critical in critical_words(transcript.segments, cited):
        section_id, number = where.get(critical.segment, (None, None))
        flags.append(Flag("low-confidence", f"unsure {critical.kind}", critical.message(),
                          (critical.segment,), section_id, number))
        raised |= {(critical.segment, w.strip(" .,;:!?").lower()) for w in critical.word.split()}
    for index in cited:
        unsure = [w.text.strip() for w in unclear_words(transcript.segments[index].words)
                  if (index, w.text.strip(" .,;:!?").lower()) not in raised]
        if unsure:
            flags.append(Flag("low-confidence", "unclear words",
                              "The transcript is unsure of "
                              f"{', '.join(repr(w) for w in unsure[:5])}: listen to the "
                              "recording before relying on it.", (index,)))
    return flags
