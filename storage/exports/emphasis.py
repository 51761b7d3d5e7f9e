"""Emphasis inside a note sentence: the practitioner's bold and italic, kept as text.

A sentence stays a plain string in the vault, with emphasis marked the way Markdown does it:
``**bold**`` and ``*italic*``. Formats that can show emphasis (the window, DOCX) show it;
the rest (text, CSV, JSON's "text", PDF) carry the words without the marks, so a case system
never receives stray asterisks. A lone asterisk that opens no pair is left as it is.
"""

from __future__ import annotations

import re
from html import escape

_MARKS = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*|\*(?=[^\s*])(.+?)(?<=[^\s*])\*")


def runs(text: str) -> list[tuple[str, bool, bool]]:
    """(words, bold, italic) pieces in order; `**x**` is bold, `*x*` italic, and an italic
    piece inside bold (``**a *b* c**``) is both."""
    out: list[tuple[str, bool, bool]] = []
    position = 0
    for match in _MARKS.finditer(text):
        if match.start() > position:
            out.append((text[position:match.start()], False, False))
        if match.group(1) is not None:
            for piece, _, italic in runs(match.group(1)):
                out.append((piece, True, italic))
        else:
            out.append((match.group(2), False, True))
        position = match.end()
    if position < len(text):
        out.append((text[position:], False, False))
    return out


def plain(text: str) -> str:
    """The words without the emphasis marks."""
    return "".join(piece for piece, _, _ in runs(text))


def to_html(text: str) -> str:
    parts = []
    for piece, bold, italic in runs(text):
        html = escape(piece)
        if italic:
            html = f"<i>{html}</i>"
        if bold:
            html = f"<b>{html}</b>"
        parts.append(html)
    return "".join(parts)


def from_runs(pieces: list[tuple[str, bool, bool]]) -> str:
    """Marks for (words, bold, italic) pieces, e.g. from a rich-text editor. Neighbouring
    bold pieces share one pair of marks (``**a *b* c**``); the spaces at the edges of an
    emphasised stretch stay outside its marks."""
    out: list[str] = []
    n = 0
    while n < len(pieces):
        text, bold, italic = pieces[n]
        if bold and text.strip():
            group = []
            while n < len(pieces) and pieces[n][1]:
                group.append((pieces[n][0], False, pieces[n][2]))
                n += 1
            out.append(_wrap(from_runs(group), "**"))
            continue
        out.append(_wrap(text, "*") if italic and text.strip() else text)
        n += 1
    return "".join(out)


def _wrap(text: str, mark: str) -> str:
    core = text.strip()
    lead = text[: len(text) - len(text.lstrip())]
    tail = text[len(text.rstrip()):]
    return f"{lead}{mark}{core}{mark}{tail}"
