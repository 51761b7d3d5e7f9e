"""Editing the note from a flag: which sentence a flag's edit opened and its words then, and
what the window says about the flags left to resolve (Qt-free)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.ui.words import plural


@dataclass(frozen=True)
class FlagEdit:
    """A flag whose sentence is open in the note editor, and the sentence's words then."""
    visit_id: int
    flag: int
    section: str
    sentence: int
    before: str


def sentence_text(content: dict[str, Any], section_id: str, n: int) -> str | None:
    section = next((s for s in content.get("sections", []) if s["id"] == section_id), None)
    if section is None or not 0 <= n < len(section.get("sentences", [])):
        return None
    return str(section["sentences"][n]["text"])


def flags_left(open_flags: int) -> str:
    if open_flags:
        return f"{plural(open_flags, 'flag')} left to resolve before the note can be approved."
    return "All flags resolved. Check the note once more, then Approve (Alt+P)."
