"""The draft: plain, immutable data. Every sentence carries the segment indexes it rests on.

JSON shape (documented in resources/schemas/draft.schema.json)::

    {"template": "home-visit", "model": "...",
     "sections": [{"id", "title", "sentences": [{"text", "citations": [3], "supported": true}]}],
     "actions": [{"text", "owner", "due", "citations"}],
     "flags": [{"kind", "category", "message", "citations", "section"?, "sentence"?}]}
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

FlagKind = Literal["unsupported", "risk", "low-confidence"]


@dataclass(frozen=True)
class Sentence:
    text: str
    citations: tuple[int, ...]
    supported: bool
    source: Literal["llm", "extractive"] = "extractive"
    problems: tuple[str, ...] = ()  # why verification failed, in plain English

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"text": self.text, "citations": list(self.citations),
                               "supported": self.supported, "source": self.source}
        if self.problems:
            out["problems"] = list(self.problems)
        return out


@dataclass(frozen=True)
class DraftSection:
    id: str
    title: str
    sentences: tuple[Sentence, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title,
                "sentences": [s.to_dict() for s in self.sentences]}


@dataclass(frozen=True)
class Action:
    text: str
    owner: str
    due: str | None
    citations: tuple[int, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "owner": self.owner, "due": self.due,
                "citations": list(self.citations)}


@dataclass(frozen=True)
class Flag:
    kind: FlagKind
    category: str
    message: str
    citations: tuple[int, ...]
    section: str | None = None
    sentence: int | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, "category": self.category,
                               "message": self.message, "citations": list(self.citations)}
        if self.section is not None:
            out["section"] = self.section
        if self.sentence is not None:
            out["sentence"] = self.sentence
        return out


@dataclass(frozen=True)
class Draft:
    template: str
    model: str
    sections: tuple[DraftSection, ...]
    actions: tuple[Action, ...] = ()
    flags: tuple[Flag, ...] = field(default_factory=tuple)
    notices: tuple[str, ...] = ()  # how the draft was made, when that differs from the usual
    # a language model's statements that do not follow from the lines they cite, on lines the
    # note already covers: shown to the practitioner below the note, never part of it
    set_aside: tuple[Sentence, ...] = ()

    def writers(self) -> dict[str, int]:
        """How many sentences each writer wrote: "extractive", or the model's name."""
        counts: dict[str, int] = {}
        for section in self.sections:
            for sentence in section.sentences:
                name = self.model if sentence.source == "llm" else "extractive"
                counts[name] = counts.get(name, 0) + 1
        return counts

    def to_dict(self) -> dict[str, Any]:
        out = {"template": self.template, "model": self.model,
               "sections": [s.to_dict() for s in self.sections],
               "actions": [a.to_dict() for a in self.actions],
               "flags": [f.to_dict() for f in self.flags],
               "writers": self.writers()}
        if self.notices:
            out["notices"] = list(self.notices)
        if self.set_aside:
            out["set_aside"] = [s.to_dict() for s in self.set_aside]
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Draft:
        """The JSON shape back into a Draft (extra keys, such as resolutions, are ignored)."""
        def sentence(x: dict[str, Any]) -> Sentence:
            return Sentence(x["text"], tuple(x["citations"]), x["supported"],
                            x.get("source", "extractive"), tuple(x.get("problems", ())))

        sections = tuple(DraftSection(s["id"], s["title"], tuple(
            sentence(x) for x in s["sentences"])) for s in data["sections"])
        actions = tuple(Action(a["text"], a["owner"], a.get("due"), tuple(a["citations"]))
                        for a in data.get("actions", []))
        flags = tuple(Flag(f["kind"], f["category"], f["message"], tuple(f["citations"]),
                           f.get("section"), f.get("sentence")) for f in data.get("flags", []))
        return cls(data["template"], data.get("model", ""), sections, actions, flags,
                   tuple(data.get("notices", ())),
                   tuple(sentence(x) for x in data.get("set_aside", ())))
