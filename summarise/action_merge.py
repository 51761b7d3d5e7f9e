"""Restated actions merged: a summary that says an earlier commitment again ("So: I'll ring
the OT, ...") adds its citation to that action rather than a second copy."""

from __future__ import annotations

import re

from summarise.action_patterns import DUPLICATE, SHORT_NAMES
from summarise.draft import Action
from summarise.text import content_terms


def _what(action: Action) -> set[str]:
    """The words of what is to be done, without its owner ("Kelly (senior carer) to ...")."""
    text = action.text
    if text.startswith(action.owner + " to "):
        text = text[len(action.owner) + 4:]
    for short, full in SHORT_NAMES:
        text = short.sub(full, text)
    return set(content_terms(text))


def _who(owner: str) -> str:
    """"His son Gary" and "Gary" are one owner."""
    return owner.split()[-1].lower() if owner.split() else owner


# what no one can do: an aim ("I want you to be safe") or a thing unnamed ("Denise is going
# to sort something for you after")
_NO_TASK_RE = re.compile(r"^(?:be (?!back|in touch|there|at|with)\w+|(?:sort|do|get|find) "
                         r"(?:something|anything|summat)\b(?:\s+(?:for|with) \S+)?(?:\s+(?:after|"
                         r"later|then|soon))?\.?$)", re.IGNORECASE)


def add(actions: list[Action], action: Action) -> None:
    """Add an action, or merge it into the one it restates (the longer wording is kept);
    an aim or a thing unnamed is no action."""
    text = action.text[len(action.owner) + 4:] if action.text.startswith(
        action.owner + " to ") else action.text
    if _NO_TASK_RE.match(text.strip()):
        return
    terms = _what(action)
    for n, existing in enumerate(actions):
        other = _what(existing)
        shorter = min(len(terms), len(other))
        # the same words with another owner are another task ("let Dr Nayar know" is the
        # practitioner's; "ring Dr Nayar if…" the person's)
        if shorter >= 2 and len(terms & other) / shorter >= DUPLICATE and \
                _who(existing.owner) == _who(action.owner):
            keep = action if len(terms) > len(other) else existing
            cited = tuple(sorted({*existing.citations, *action.citations}))
            actions[n] = Action(keep.text, keep.owner, keep.due or existing.due or action.due,
                                cited)
            return
    actions.append(action)
