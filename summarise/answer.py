"""A question and its answer as one statement: the statement, and the parts checked against
the question and the answer."""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarise.notestyle import lower_first


@dataclass(frozen=True)
class Answered:
    """The statement, its question-part (checked against the question) and answer-part."""
    text: str
    question_part: str
    answer_part: str
    negative: bool
    implied_subject: bool = False  # "Smokes.": the one who answered is the subject


def join(text: str, rest: str, q_part: str, negative: bool, joiner: str = "; ",
          names: frozenset[str] | None = None) -> Answered:
    text = text.rstrip(" :") if not rest and text.endswith(": ") else text
    if text.endswith(": yes") and rest:
        text = text[: -len("yes")].rstrip() + " "
        joiner = ""
    last = q_part.split()[-1].strip(",.?").lower() if q_part.split() else ""
    if last and rest:
        # "…to eat yesterday?" "Yesterday... toast.": the question's word said back
        rest = re.sub(rf"^{re.escape(last)}(?:\.\.\.|…|,)\s+(?=\S)", "", rest, flags=re.IGNORECASE)
    if rest:
        lowered = lower_first(rest, names)
        text = f"{text.rstrip()}{joiner}{lowered}" if joiner else f"{text}{lowered}"
    text = re.sub(r"\s+", " ", text).strip().rstrip(":;, ")
    return Answered(text + ".", q_part, rest, negative)


_NOT_YET_RE = re.compile(r"^\W*(?:no[,.!]?\s+)?not yet\b", re.IGNORECASE)


def still_to_come(found: Answered | None, answer: str) -> Answered | None:
    """"Have you told the GP?" "Not yet." is "Has not told the GP yet": the "yet" says it is
    still meant to be done, which "has not" alone loses."""
    if found is None or not found.negative or not _NOT_YET_RE.match(answer) or \
            re.search(r"\byet\b", found.text):
        return found
    head, joiner, more = found.text.rstrip(".").partition("; ")
    return Answered(f"{head} yet{joiner}{more}.", found.question_part, found.answer_part,
                    found.negative, found.implied_subject)
