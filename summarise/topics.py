"""What a question asks about, when it names it ("And the teatime call?" -> "Teatime call"),
to head the reply that answers it (summarise/facts.py)."""

from __future__ import annotations

import re

from summarise.asked import others_pronoun
from summarise.qa import _third
from summarise.qa_patterns import OPENER_RE
from summarise.speakers import Voice
from summarise.text import clean_speech, content_terms

_TOPIC_RES = tuple(re.compile(p, re.IGNORECASE) for p in (
    r"^(?:what|how) about (?P<t>.+)$",
    # "And the portable cylinders?": a short noun phrase, no verb of its own
    r"^(?P<t>(?:the|your|her|his|their) (?:(?!(?:is|are|was|were|says?|said|do|does|did|"
    r"has|have|had|can|will|would|going|gets?|got|when|where|why|who|what|how)\b|\w+ed\b)"
    r"\w+[\s'-]*){1,4})$",
    r"^how(?:'s| is| are| was| were) (?P<t>(?:the|your|her|his|their) [^,]+?)"
    r"(?: going| doing| getting on| these days| at the moment| now)?$",
    r"^(?:can you )?tell me (?:a bit |a little )?(?:more )?about (?P<t>.+)$",
))


def topic_of(question: str, voice: Voice) -> str | None:
    """What a question asks about, when it names it: "And the teatime call?" -> "Teatime
    call"; "What about getting dressed?" -> "Getting dressed"; else None."""
    q = clean_speech(question).strip().rstrip("?").strip()
    while True:
        shorter = OPENER_RE.sub("", q)
        if shorter == q:
            break
        q = shorter
    if others_pronoun(q, voice):
        return None  # "Any other accounts he could get at?": that "he" is someone else
    for pattern in _TOPIC_RES:
        match = pattern.match(q)
        if match:
            topic = re.sub(r"^(?:the|a|an|her|his|their)\s+", "",
                           _third(match.group("t").strip(), voice), flags=re.IGNORECASE)
            if 1 <= len(topic.split()) <= 6 and content_terms(topic):
                return topic[0].upper() + topic[1:]
    return None
