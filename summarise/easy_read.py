"""An easy-read, plain-English version of an approved note, written to the person.

Short sentences, one idea each, "you" instead of the person's name, and everyday words for
service jargon (as councils' easy-read guides do). It is made from the approved note only.

Turning "Frightened of him when he's had a drink" back into "you" cannot be done safely from
the note's words (which "he" is Mr Evans?). So each note sentence is traced to the sentence of the
conversation it was written from, and that sentence's own first person is turned into "you":
"I'm frightened of him" -> "You're frightened of him", which is exact. A sentence that cannot
be traced (the practitioner rewrote it) is kept as the note has it. Translation needs a capable
language model; the practitioner reads the result before sharing it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from summarise.notestyle import note_sentence
from summarise.roster import Roster, Speaker
from summarise.speakers import Voice
from summarise.text import NO, YES, clean_speech, split_sentences

GLOSSARY = (
    (r"\boccupational therap(?:y|ist)\b", "a therapist who helps with everyday tasks"),
    (r"\bpendant alarm\b", "an alarm you wear, to call for help"),
    (r"\bblister pack\b", "a pack that sorts your tablets by day and time"),
    (r"\btelecare(?: team)?\b", "the team for safety alarms at home"),
    (r"\brespite(?: stay)?\b", "a short break"),
    (r"\bsafeguarding concern\b", "a report to keep you safe"),
    (r"\bcare calls?\b", "visits from carers"),
    (r"\bGP\b", "doctor"),
)
_FIRST_TO_SECOND = ((r"\bI'm\b", "you're"), (r"\bI am\b", "you are"), (r"\bI was\b", "you were"),
                    (r"\bI've\b", "you've"), (r"\bI'll\b", "you'll"), (r"\bI'd\b", "you'd"),
                    (r"\bI\b", "you"), (r"\bmyself\b", "yourself"), (r"\bmine\b", "yours"),
                    (r"\bmy\b", "your"), (r"\bMy\b", "Your"), (r"\bme\b", "you"))


_YES_NO_RE = re.compile(rf"^\s*(?:(?:{YES}|{NO})\b[,.!]+\s*)+", re.IGNORECASE)


def first_to_second(text: str) -> str:
    for pattern, repl in _FIRST_TO_SECOND:
        text = re.sub(pattern, repl, text)
    return text[0].upper() + text[1:] if text else text


def _plain(text: str) -> str:
    for pattern, repl in GLOSSARY:
        text = re.sub(pattern, repl, text, flags=re.IGNORECASE)
    return re.sub(r"\b(?:a|an|the) (a|an) ", r"\1 ", text)  # "a a pack" -> "a pack"


def _short(text: str) -> list[str]:
    """One idea per sentence: split at semicolons, dashes and ", but"."""
    out = []
    for part in re.split(r";\s+| — |,\s+(?=but\b)", text.strip().rstrip(".")):
        part = part.strip(" ,")
        if part:
            out.append(part[0].upper() + part[1:] + ".")
    return out


def _sources(citations: Sequence[int], segments: Sequence[str]) -> list[str]:
    return [s for c in citations if 0 <= c < len(segments)
            for s in split_sentences(segments[c])]


def _traced(sentence: str, citations: Sequence[int], segments: Sequence[str],
            person: str) -> str:
    """The person's own words, in the second person, for each part of a note sentence."""
    voice = Roster([Speaker("person", "person", person)]).voice()
    sources = _sources(citations, segments)
    parts = []
    for part in sentence.rstrip(".").split("; "):
        traced = _traced_part(part, sources, voice)
        if traced is None:
            # "He's family, but Mr Evans is frightened of him": a short sentence that turned
            # the one before round ("But I'm frightened of him.") was joined to it
            # (summarise/evidence.py); each clause is traced to its own sentence
            clauses = _TURN_RE.split(part)
            traced = ", ".join(_traced_turn(c, sources, voice) for c in clauses) \
                if len(clauses) > 1 else part  # an answer with its question, or the
            #                                     practitioner's words: as the note has it
        parts.append(traced)
    return "; ".join(parts)


_TURN_RE = re.compile(r",\s+(?=(?:but|though|although)\s)")
_TURN_WORD_RE = re.compile(r"^(?:but|though|although)\s+")


def _traced_turn(clause: str, sources: Sequence[str], voice: Voice) -> str:
    turn = _TURN_WORD_RE.match(clause)
    traced = _traced_part(clause[turn.end():] if turn else clause, sources, voice)
    if traced is None:
        return clause
    return turn.group(0) + traced[0].lower() + traced[1:] if turn else traced


def _traced_part(part: str, sources: Sequence[str], voice: Voice) -> str | None:
    """One part of a note sentence in the person's own words; None if no sentence of the
    conversation renders as it."""
    # "Feel about Darren being here: he's family": the person knows what they were asked
    body = part.split(": ", 1)[1] if ": " in part else part
    own, *continued = body.split(" — ")
    for k, source in enumerate(sources):
        # an answer's words follow its yes or no: "No, he keeps it." -> "he keeps it"
        source = _YES_NO_RE.sub("", source) or source
        rendered = note_sentence(source, voice, subject=True).rstrip(".")
        if rendered and _same(rendered.split(" — ")[0], own, voice):
            # a continuation is the next sentence(s) of the conversation, own words too
            following = sources[k + 1:k + 1 + len(continued)]
            pieces = [source, *(following if len(following) == len(continued) else [])]
            return " — ".join(first_to_second(clean_speech(x).rstrip(" .")) for x in pieces)
    return None


def _same(rendered: str, own: str, voice: Voice) -> bool:
    """The note's part and the rendering of a spoken sentence agree, whether or not the
    part spells out the implied subject ("he can make a sandwich" / "Can make a sandwich")."""
    # "…, but Mr Evans is frightened of him" / "Frightened of him" (the subject implied)
    lead = re.compile(rf"^(?:{re.escape(voice.they)}|{re.escape(voice.subject)})\s+"
                      r"(?:(?:is|are)\s+(?!going\b))?", re.IGNORECASE)
    def bare(text: str) -> str:
        return lead.sub("", text.strip()).lower()
    return bare(rendered) == bare(own) or (
        rendered.lower() == own.lower())


def easy_read(note: dict[str, Any], person: str, segments: Sequence[str] = ()
              ) -> dict[str, list[str]]:
    """{"What you told us": [...], "What will happen next": [...]} from an approved note.

    `segments` are the transcript's texts (indexes as cited); without them, sentences are
    kept as the note words them.
    """
    told = [piece for section in note.get("sections", [])
            for sentence in section.get("sentences", [])
            for piece in _short(_plain(_traced(sentence["text"], sentence["citations"],
                                               segments, person)))]
    next_steps = []
    for action in note.get("actions", []):
        text = re.sub(rf"\b{re.escape(person)}'s\b", "your", action["text"])
        text = re.sub(rf"\b{re.escape(person)}\b", "you", text)
        text = _plain(text).rstrip(".")
        due = action.get("due")
        when = f" This will be {due}." if due and due.lower() not in text.lower() else ""
        next_steps.append("We will " + text[0].lower() + text[1:] + "." + when)
    return {"What you told us": told, "What will happen next": next_steps}


def translate(version: dict[str, list[str]], language: str, writer: Any
               ) -> dict[str, list[str]]:
    """Translate each line with a capable model (one that writes whole sections)."""
    from summarise.errors import LlmError

    if writer is None or not getattr(writer, "section_mode", False):
        raise LlmError("Translating needs a larger language model than the bundled one. Choose "
                       "an instruct GGUF of 1B parameters or more with --llm, or share the "
                       "English version.")
    return {heading: [writer.translate(line, language) for line in lines]
            for heading, lines in version.items()}


def render(version: dict[str, list[str]], person: str) -> str:
    lines = [f"Notes from our visit, for {person}", ""]
    for heading, items in version.items():
        bullets = [f"  • {item}" for item in items] or ["  • Nothing yet."]
        lines += [heading, *bullets, ""]
    lines.append("If anything here is wrong, please tell us.")
    return "\n".join(lines)
