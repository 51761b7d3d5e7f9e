"""Render a draft (or the sections drafted so far) as HTML for QTextBrowser.

Citations become links (``cite:N``) that the draft panel turns into "show segment N".
Unsupported sentences are marked in words as well as colour, so the mark survives a
screen reader and colour blindness.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape

from app.ui.theme import HIGHLIGHT_BACKGROUND, HIGHLIGHT_TEXT, colour
from app.ui.words import plural
from storage.exports.emphasis import to_html
from summarise.draft import Action, DraftSection, Sentence


def _chips(citations: Sequence[int]) -> str:
    return "".join(f' <a href="cite:{i}" title="Show segment {i} of the transcript" '
                   f'style="text-decoration:none">[{i}]</a>' for i in citations)


def written_by(model: str, writers: Mapping[str, int] | None) -> str:
    """"Drafted with the extractive writer: 4 sentences." / "Drafted with SmolLM2: it wrote 2
    sentences, the extractive writer 3." """
    def n(count: int) -> str:
        return plural(count, "sentence")
    # "Qwen…, SHA-256 cc32…(64)": the full hash stays in the record and every export; the
    # panel shows its first 12 digits, enough to tell two files apart at a glance.
    name, _, digest = model.partition(", SHA-256 ")
    model = f"{name} (SHA-256 {digest[:12]}…)" if digest else model
    writers = dict(writers or {})
    extractive = writers.pop("extractive", 0)
    if not writers:
        if model.startswith("extractive"):
            return f"Drafted with the extractive writer (no language model): {n(extractive)}."
        return f"Drafted with {model}: the extractive writer wrote all {n(extractive)}."
    by_model = sum(writers.values())
    return (f"Drafted with {model}: it wrote {n(by_model)}, the extractive writer "
            f"{extractive}.")


def render(sections: Sequence[DraftSection], actions: Sequence[Action] = (),
           *, model: str = "", pending: int = 0, finished: bool = False,
           notices: Sequence[str] = (), editable: bool = True,
           writers: Mapping[str, int] | None = None,
           set_aside: Sequence[Sentence] = ()) -> str:
    warning, muted = colour("warning"), colour("muted")
    parts = [f'<p style="color:{warning}"><b>Note:</b> {escape(n)}</p>' for n in notices]
    if model:  # an approved note (not editable) has been checked: no call to check it
        ask = ("Check every sentence against the transcript; click a number to see the "
               "evidence." if editable else "Click a number to see the evidence.")
        parts.append(f'<p style="color:{muted}">{escape(written_by(model, writers))} {ask}</p>')
    for section in sections:
        copy = (f' <a href="copy:{escape(section.id)}" title="Copy this section\'s text, to '
                f'paste into the case system" style="font-size:small;font-weight:normal">'
                "Copy</a>" if finished and section.sentences else "")
        if finished and editable:
            copy += (f' <a href="redraft:{escape(section.id)}" title="Write this section again '
                     f'from the transcript; the other sections are kept" '
                     f'style="font-size:small;font-weight:normal">Rewrite</a>')
        parts.append(f"<h3>{escape(section.title)}{copy}</h3>")
        if not section.sentences:
            parts.append(f'<p style="color:{muted}"><i>Nothing in the conversation for this '
                         "section.</i></p>")
            continue
        parts.append("<ul>")
        for sentence in section.sentences:
            text = to_html(sentence.text)
            if sentence.supported:
                parts.append(f"<li>{text}{_chips(sentence.citations)}</li>")
            else:
                parts.append(f'<li><span style="background-color:{HIGHLIGHT_BACKGROUND};'
                             f'color:{HIGHLIGHT_TEXT}">'
                             f"<b>Check:</b> {text}</span>{_chips(sentence.citations)}</li>")
        parts.append("</ul>")
    if pending:
        more = plural(pending, "more section", "more sections")
        parts.append(f'<p style="color:{muted}"><i>Drafting {more}…</i></p>')
    if finished:
        parts.append("<h3>Agreed actions</h3>")
        if actions:
            parts.append("<ul>")
            for action in actions:
                due = f" <b>by {escape(action.due)}</b>" if action.due else ""
                parts.append(f"<li>{escape(action.text)} <i>({escape(action.owner)})</i>{due}"
                             f"{_chips(action.citations)}</li>")
            parts.append("</ul>")
        else:
            parts.append(f'<p style="color:{muted}"><i>No commitments were made in the '
                         "conversation.</i></p>")
    if finished and editable and set_aside:
        parts.append("<h3>Set aside (not in the note)</h3>")
        parts.append(f'<p style="color:{muted}">The language model also wrote these. They do '
                     "not follow from the lines they cite, which the note already covers in "
                     "their own words. Add one only if the recording bears it out.</p><ul>")
        for sentence in set_aside:
            why = "; ".join(sentence.problems)
            parts.append(f'<li style="color:{muted}">{escape(sentence.text)} '
                         f"<i>({escape(why)})</i>{_chips(sentence.citations)}</li>")
        parts.append("</ul>")
    return "\n".join(parts)
