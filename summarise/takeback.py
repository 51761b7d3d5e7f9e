"""What a speaker takes back as soon as they have said it: a retraction ("I'd be out of
here. Well, I wouldn't, would I?"), a doubt ("He's a friend. Well. I thought he were a
friend.") or a joke before the real answer ("Just Mitzi! No."). `summarise.evidence` keeps
what stands."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from summarise.text import NO, YES, clean_speech, content_terms

if TYPE_CHECKING:
    from summarise.evidence import EvidenceUnit

_BARE_RE = re.compile(rf"^\W*(?:(?:{YES}|{NO})\W*)+$", re.IGNORECASE)
# "I'd be out of here. Well, I wouldn't, would I?": the speaker takes it back
_RETRACTS_RE = re.compile(r"^(?:well|no|actually|mind you|oh)?,?\s*(I|you|he|she|we|they|it)\s+"
                          r"(?:wouldn't|couldn't|won't|didn't|don't|doesn't|can't|isn't|aren't|"
                          r"wasn't|weren't|haven't|hasn't)(?:\s+really)?,?(?:\s+(?:would|could|"
                          r"will|did|do|does|can|is|are|was|were|have|has)\s+(?:I|you|he|she|we|"
                          r"they|it))?\W*$", re.IGNORECASE)
# "He's a friend. Well. I thought he were a friend.": the speaker's doubt replaces it
_CORRECTS_RE = re.compile(r"^(?:well,?\s+)?I (?:thought|used to think|did think)\s+(?:that\s+)?"
                          r"(?P<what>.+)$", re.IGNORECASE)
BARE_TURN_RE = re.compile(r"^(?:but|so|and)?,?\s*(?:no|yes|yeah|nah)\W*$", re.IGNORECASE)


def takes_back(last: str, sentence: str, earlier: list[EvidenceUnit]) -> str | None:
    """Whether `sentence` takes back `last`, the speaker's sentence just before it: "retracted"
    ("I'd be out of here. Well, I wouldn't, would I?": both go), "corrected" ("He's a friend.
    I thought he were a friend.": the first goes) or "joked" ("Any caring responsibilities?"
    "Just Mitzi! No.": the answer is the no); None where it does not."""
    now, then = clean_speech(sentence), clean_speech(last)
    retraction = _RETRACTS_RE.match(now)
    if retraction and not re.search(r"\b(?:not|never|no)\b|n't\b", then, re.IGNORECASE) and \
            re.search(rf"\b{retraction.group(1)}(?:'d|'ll|\s+(?:would|will|could|did|can|am|is|"
                      r"are|was|were)\b)", then, re.IGNORECASE):
        return "retracted"
    correction = _CORRECTS_RE.match(now)
    if correction:
        said = set(content_terms(correction.group("what")))
        if said and said <= set(content_terms(then)):
            return "corrected"
    if _BARE_RE.match(now) and last.rstrip().endswith("!") and len(then.split()) <= 4 \
            and earlier and earlier[-1].role == "practitioner" and \
            earlier[-1].text.rstrip().endswith("?"):
        return "corrected"
    return None
