"""Facts from a capable language model, one stretch of the conversation at a time.

The model reads a window of numbered transcript lines (about WINDOW_WORDS words, never cut
between a question and its answer) and returns facts as JSON, each with the line numbers it
rests on (schema-constrained, so the output always parses). Every fact goes through
`summarise.factcheck` against the lines it cites; one that does not hold is kept, flagged with
what the model claimed and why it does not follow. The model's facts are plain `Fact`s, so
they are placed, joined and written into the note exactly as the extractive ones are.

A window's answer depends only on its lines, so it is cached by their text: during a
recording the finished windows are read as the live transcriber produces them
(`FactsCache.prepare`), and at Stop only the last stretch remains.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from summarise.evidence import EvidenceUnit
from summarise.fact import Fact, FactKind
from summarise.factcheck import check_fact
from summarise.placing import denies
from summarise.roster import Roster
from summarise.speakers import voice_for
from summarise.text import content_terms, has_negation
from transcription.transcript import Segment

WINDOW_WORDS = 120   # a stretch the 1.5B model reads well; a longer one and it skims
MAX_FACTS = 6        # per window: a small model repeats itself past this
FACTS_SCHEMA = {
    "type": "object", "required": ["facts"],
    "properties": {"facts": {"type": "array", "maxItems": MAX_FACTS, "items": {
        "type": "object", "required": ["text", "lines"],
        "properties": {"text": {"type": "string"},
                       "lines": {"type": "array", "items": {"type": "integer"}}}}}}}
FACTS_SYSTEM = (
    "You are a UK social worker writing the case note of a visit from its transcript. Read the "
    "numbered lines and list the facts worth recording: the person's situation, health, what "
    "they can and cannot do, who helps, their views and wishes, risks, what was ruled out "
    "(pertinent negatives such as 'No falls since March.'), decisions and agreed actions (who "
    "will do what, and when). Write each fact as one short case-note sentence in the third "
    "person: never 'I' or 'you', and no 'said' unless the source is someone other than the "
    "person. Never retell a question ('Worker asked if...'): write what the answer established. "
    "Use only what these lines say: no guesses, nothing from the example. If an offer "
    "was declined, write that it was declined. Give each fact the numbers of the lines it "
    "rests on.")
# One worked example, written for this prompt (not from any evaluation conversation): a terse
# answer kept with its question, a declined offer, a relative's words attributed, an action.
_EXAMPLE_LINES = (
    "[1] Worker: Any falls lately?\n"
    "[2] Mr Jones: No, none.\n"
    "[3] Worker: And who does your shopping?\n"
    "[4] Mr Jones: My daughter Ann, on Fridays. She can't come every week though.\n"
    "[5] Worker: Would you like a referral to the falls clinic?\n"
    "[6] Mr Jones: No, I don't want that.\n"
    "[7] Ann (daughter): He's stopped using his frame indoors.\n"
    "[8] Worker: I'll ring the GP about your tablets this week.")
_EXAMPLE_FACTS = json.dumps({"facts": [
    {"text": "No falls lately.", "lines": [1, 2]},
    {"text": "His daughter Ann does his shopping on Fridays but cannot come every week.",
     "lines": [3, 4]},
    {"text": "Declined a referral to the falls clinic.", "lines": [5, 6]},
    {"text": "Ann says he has stopped using his frame indoors.", "lines": [7]},
    {"text": "Worker to ring the GP about his tablets this week.", "lines": [8]}]})


class FactModel(Protocol):
    """A chat model that answers a conversation with JSON matching a schema."""

    name: str

    def chat_json(self, messages: list[dict[str, str]], schema: dict[str, Any],
                  max_tokens: int) -> dict[str, Any] | None: ...


@dataclass(frozen=True)
class Window:
    start: int   # first segment
    end: int     # one past the last

    def lines(self, speakers: Sequence[str], segments: Sequence[Segment]) -> str:
        return "\n".join(f"[{i}] {speakers[i]}: {segments[i].text.strip()}"
                         for i in range(self.start, self.end))


def windows(segments: Sequence[Segment], words: int | None = None, *, final: bool = True
            ) -> list[Window]:
    """Consecutive stretches of about `words` words. A window never ends on a question (its
    answer goes with it). With `final` false (a recording still going on) the last, unfinished
    stretch is left out."""
    words = words or WINDOW_WORDS
    out: list[Window] = []
    start, count = 0, 0
    for i, segment in enumerate(segments):
        count += len(segment.text.split())
        if count >= words and not segment.text.rstrip().endswith("?"):
            out.append(Window(start, i + 1))
            start, count = i + 1, 0
    if final and start < len(segments):
        out.append(Window(start, len(segments)))
    return out


def speaker_names(units: Sequence[EvidenceUnit], count: int, roster: Roster) -> list[str]:
    """How the lines name each segment's speaker: the note's names ("Mrs Pickering", "Mick
    (partner)", "Worker"), so that the facts use them too."""
    names = ["Speaker"] * count
    for unit in units:
        if unit.role == "practitioner":
            name = "Worker"
        elif unit.role == "person":
            name = roster.person_name or "The person"
        else:
            name = unit.label or voice_for(unit.role, roster.person_name, unit.label).subject
        for index in unit.segments:
            if 0 <= index < count:
                names[index] = name
    return names


def messages_for(lines: str) -> list[dict[str, str]]:
    return [{"role": "system", "content": FACTS_SYSTEM},
            {"role": "user", "content": f"Lines:\n{_EXAMPLE_LINES}"},
            {"role": "assistant", "content": _EXAMPLE_FACTS},
            {"role": "user", "content": "Now the lines of this visit (the example above was "
                                        f"another visit: nothing from it applies):\n{lines}"}]


Raw = list[tuple[str, tuple[int, ...]]]


class FactsCache:
    """The model's answer per window, keyed by the window's lines. Thread-safe: a live
    recording fills it from a worker thread while the window drafts from it at Stop."""

    def __init__(self) -> None:
        self._answers: dict[str, Raw] = {}
        self._lock = threading.Lock()
        self._asking = threading.Lock()  # one question to the model at a time

    @staticmethod
    def key(model: FactModel, lines: str) -> str:
        """The model (named with its weights' hash), the whole prompt and the lines."""
        prompt = json.dumps(messages_for(lines))
        return hashlib.sha256(f"{model.name}\n{prompt}".encode()).hexdigest()

    def dump(self) -> dict[str, list[list[Any]]]:
        """The answers as JSON-ready data (the benchmarks keep them between runs, so that a
        change to the checks is measured without asking the model again)."""
        with self._lock:
            return {k: [[text, list(lines)] for text, lines in raw]
                    for k, raw in self._answers.items()}

    def load(self, data: dict[str, list[list[Any]]]) -> None:
        with self._lock:
            for k, raw in data.items():
                self._answers[k] = [(str(text), tuple(int(n) for n in lines))
                                    for text, lines in raw]

    def get(self, model: FactModel, lines: str) -> Raw | None:
        with self._lock:
            return self._answers.get(self.key(model, lines))

    def read(self, model: FactModel, lines: str) -> Raw:
        """The model's facts for these lines, asked once."""
        with self._asking:  # the recording's thread may be reading this very window
            cached = self.get(model, lines)
            if cached is not None:
                return cached
            answer = model.chat_json(messages_for(lines), FACTS_SCHEMA,
                                     max_tokens=60 * MAX_FACTS)
            raw = _parse(answer)
            with self._lock:
                self._answers[self.key(model, lines)] = raw
            return raw

    def prepare(self, model: FactModel, segments: Sequence[Segment], speakers: Sequence[str],
                stop: Callable[[], bool] = lambda: False) -> int:
        """Read every finished window not yet read (during a recording), until `stop` says
        so; returns how many were read."""
        done = 0
        for window in windows(segments, final=False):
            if stop():
                break
            lines = window.lines(speakers, segments)
            if self.get(model, lines) is None:
                self.read(model, lines)
                done += 1
        return done


def _parse(answer: dict[str, Any] | None) -> Raw:
    out: Raw = []
    seen: set[str] = set()
    for item in (answer or {}).get("facts", []) if isinstance(answer, dict) else []:
        try:
            text = " ".join(str(item["text"]).split())
            lines = tuple(dict.fromkeys(int(n) for n in item["lines"]))
        except (KeyError, TypeError, ValueError):
            continue
        if text and text.lower() not in seen:  # a small model repeats itself
            seen.add(text.lower())
            out.append((text if text[-1] in ".!?" else text + ".", lines))
    return out


@dataclass(frozen=True)
class WindowFacts:
    window: Window
    facts: list[Fact]
    done: int
    total: int
    retold: int = 0  # statements that only retold a question, left out


# "Worker asks if there are any other worries", "Priya asks if it's the concentrator": the
# conversation retold, not what it established (what the answer said is a fact of its own)
_RETOLD_RE = re.compile(r"^(?:[Tt]he )?(?:worker|practitioner|[A-Z][\w']*)(?: \([^)]*\))?"
                        r"(?: [A-Z][\w']*)? "
                        r"(?:asks|asked|wants to know|wanted to know|enquired|inquired|"
                        r"checks|checked|queried|wonders|wondered)\b"
                        r"(?: (?:her|him|them|[A-Z][\w']*(?: [A-Z][\w']*)?))? "
                        r"(?:if|whether|about|who|what|how|when|where|why)\b")


def retells(text: str) -> bool:
    return bool(_RETOLD_RE.match(text))


def read_windows(segments: Sequence[Segment], units: Sequence[EvidenceUnit], roster: Roster,
                 model: FactModel, cache: FactsCache) -> Iterator[WindowFacts]:
    """Each window's checked facts, in order; stop iterating to cancel."""
    speakers = speaker_names(units, len(segments), roster)
    roles = {i: u.role for u in units for i in u.segments}
    stretches = windows(segments)
    for done, window in enumerate(stretches, start=1):
        raw = cache.read(model, window.lines(speakers, segments))
        facts = [to_fact(text, cited, window, segments, speakers, roles, roster)
                 for text, cited in raw if not retells(text)]
        yield WindowFacts(window, facts, done, len(stretches), len(raw) - len(facts))


def to_fact(text: str, cited: tuple[int, ...], window: Window, segments: Sequence[Segment],
            speakers: Sequence[str], roles: Mapping[int, str], roster: Roster) -> Fact:
    """The model's statement as a Fact, checked against the lines it cites."""
    inside = with_pairs(tuple(sorted(c for c in cited if window.start <= c < window.end)),
                        window, segments, speakers)
    lines = {i: (speakers[i], roles.get(i, "other"), segments[i].text)
             for i in range(window.start, window.end)}
    names = [n for n in (roster.person_name, *speakers[window.start:window.end]) if n]
    ok, problems = check_fact(text, inside, lines, names, roster.person_name or None)
    if not inside:
        problems = ("it cites none of the lines the model was given",)
        ok, inside = False, (window.start,)
    elif len(inside) < len(cited):
        problems += ("it cites lines the model was not given",)
        ok = False
    evidence = " ".join(segments[c].text for c in inside)
    # "model:" and whose words: two speakers' facts are never joined into one sentence
    whose = "+".join(sorted({speakers[c] for c in inside}))
    return Fact(text=text, kind=_kind(text), source=f"model:{whose}", citations=inside,
                supported=ok,
                problems=problems, context=f"{text} {evidence}", order=inside[0],
                evidence=evidence, answered=any(segments[c].text.rstrip().endswith("?")
                                                for c in inside))


def with_pairs(cited: tuple[int, ...], window: Window, segments: Sequence[Segment],
               speakers: Sequence[str]) -> tuple[int, ...]:
    """A question and its answer are one piece of evidence, as in the facts layer: a fact
    citing the question ("Any falls?") rests on the answer after it ("No.") too, and one
    citing a terse answer rests on the question before it. A model often cites only one."""
    out = set(cited)
    for c in cited:
        if segments[c].text.rstrip().endswith("?") and c + 1 < window.end and \
                speakers[c + 1] != speakers[c]:
            out.add(c + 1)
        elif c - 1 >= window.start and segments[c - 1].text.rstrip().endswith("?") and \
                speakers[c - 1] != speakers[c]:
            out.add(c - 1)
    return tuple(sorted(out))


# what cannot be an action's owner: "Mrs Pickering is meant to be on oxygen" is no action
_NOT_OWNER = {"is", "are", "was", "were", "has", "have", "had", "meant", "wants", "wanted",
              "needs", "needed", "likes", "used", "going", "able", "due", "happy", "keen",
              "supposed", "trying", "tries", "seems", "appears", "prefers", "hopes", "asked"}


def _kind(text: str) -> FactKind:
    probe = Fact(text, "finding", "model:", (0,), True, (), text)
    if denies(probe) and has_negation(text):
        return "negative"
    owner = text.split(" to ")[0].split(" will ")[0]
    if owner != text and len(owner.split()) <= 3 and owner[:1].isupper() and \
            not {w.lower() for w in owner.split()} & _NOT_OWNER:
        return "action"  # "Worker to ring the GP ...", "Her son will ring the GP"
    return "view" if any(t in content_terms(text) for t in ("want", "wish", "prefer")) \
        else "finding"
