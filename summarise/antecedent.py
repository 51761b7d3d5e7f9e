"""What "it" and "that" stand for in a commitment, where the words just before say so.

"I can get you a food parcel - I'll try and bring it round this afternoon" commits to
bringing the food parcel; "there's a fuel voucher scheme; I'll put in for that today" to
applying for the scheme; "there's a community alcohol service... I can put in a referral"
to a referral to that service. Only a thing introduced just before ("a ...", "there's a ...")
in the practitioner's own turn is taken; otherwise the words stay as said, and an action
that then says nothing ("Help with that today.", "Look into it.") is no action.
"""

from __future__ import annotations

import re

from summarise.action_patterns import DUE_RE

# "a food parcel", "there's a fuel voucher scheme": the noun phrase, up to its first
# function word or punctuation
_INTRODUCED_RE = re.compile(r"\b(?:a|an)\s+((?:[a-z][a-z'-]*\s+){0,3}[a-z][a-z'-]*)",
                            re.IGNORECASE)
_STOP = {"for", "to", "and", "but", "so", "that", "which", "who", "with", "in", "on", "at",
         "from", "if", "when", "round", "or", "i", "we", "you", "they", "he", "she", "it",
         "this", "as", "about", "because", "then", "now", "today", "tomorrow", "of", "up",
         "out", "off", "back", "while", "until", "there", "under", "by", "over",
         "into", "after", "before"}
# light-verb nouns ("have a look", "give you a ring", "a bit"), never what "it" means
_LIGHT = {"bit", "lot", "look", "ring", "word", "minute", "moment", "second", "chat", "go",
          "think", "few", "couple", "little", "while", "day", "week", "time", "sec", "try",
          "way", "good", "problem", "shame", "pity", "question", "referral", "note", "call",
          "visit"}
_OBJECT_RE = re.compile(r"(?<=[a-z] )(?:it|that)\b(?!\s+(?:is|was|'s|will|would|can|does|did)\b)")
_SERVICE_RE = re.compile(r"\b(?:service|team|scheme|clinic|group|programme|program|charity|"
                         r"project|line)$")
_REFERRAL_RE = re.compile(r"\ba referral\b(?!\s+(?:to|for (?:a|an|the|his|her|their)\b))")
_VAGUE_RE = re.compile(r"^(?:see what (?:I|we|the practitioner) can do|"
                       r"keep an eye on (?:it|that|things|this)|"
                       r"(?:help|look|do|sort|deal|see|think|make a note|find out|check)"
                       r"(?:\s+(?:with|into|at|about|to|of|on|out))?\s+(?:it|that|this|them)"
                       r"(?:\s+(?:for|with)\s+[A-Z][\w']*(?:\s+[A-Z][\w']*)?)?"
                       r"(?:\s+(?:today|tomorrow|now|later|this week|for you))?)\.?$",
                       re.IGNORECASE)


def _introduced(before: str) -> str | None:
    """The last thing introduced with "a"/"an" in the words before, if any."""
    last = None
    for match in _INTRODUCED_RE.finditer(before):
        if re.search(r"\b(?:not|never|n't)\s*$", before[:match.start()], re.IGNORECASE):
            continue  # "It's not a test, I'll write it up": the write-up is of no test
        if re.search(r"\b(?:that's|that is|it's|it is|this is|what)\s*$", before[:match.start()],
                     re.IGNORECASE):
            continue  # "That's a reasonable thing to ask for, and I'll put it down…": said of it
        words = []
        for word in match.group(1).split():
            if word.lower() in _STOP:
                break
            words.append(word)
        if words and words[-1].lower() not in _LIGHT and words[0].lower() not in _LIGHT:
            last = " ".join(words)
    return last


def introduced(before: str) -> str | None:
    """The last thing introduced with "a"/"an" in the words before ("There's a stroke
    group…" -> "stroke group"), if any."""
    return _introduced(before)


def resolve_object(body: str, before: str) -> str:
    """The action with its "it"/"that" object (or a bare referral's service) named."""
    thing = _introduced(before)
    if not thing:
        return body
    if _SERVICE_RE.search(thing) and _REFERRAL_RE.search(body):
        return _REFERRAL_RE.sub(f"a referral to the {thing}", body, count=1)
    return _OBJECT_RE.sub(f"the {thing}", body, count=1)


# a thing put first and taken up by "them"/"it": "So the calls, we'll leave them as they are"
_FRONTED_RE = re.compile(r"^(?:(?:so|and|now|right|okay|ok|well|then),?\s+)*"
                         r"((?:the|your|her|his|their)\s+(?:[a-z][a-z'-]*\s+){0,3}?"
                         r"[a-z][a-z'-]*)\s*[,—–-]*$", re.IGNORECASE)
_FRONTED_OBJECT_RE = re.compile(r"(?<=[a-z] )(?:them|it)\b(?!\s+(?:is|was|'s|are|were)\b)")


def resolve_fronted(body: str, head: str) -> str:
    """"So the calls, we'll leave them as they are" -> "Leave the calls as they are"."""
    fronted = _FRONTED_RE.match(head.strip())
    if not fronted or fronted.group(1).split()[-1].lower() in _STOP:
        return body
    return _FRONTED_OBJECT_RE.sub(fronted.group(1), body, count=1)


def vague(body: str) -> bool:
    """An action that names nothing to do: "Help with that today.", "Look into it.", "Put
    that down and look into it."."""
    parts = re.split(r",?\s+and\s+", body.strip().rstrip("."))
    return all(_VAGUE_RE.match(p) or _NOTED_RE.match(p) for p in parts) and \
        any(_VAGUE_RE.match(p) for p in parts)


_NOTED_RE = re.compile(r"^(?:put|write|jot|note) (?:that|it|this) down$|"
                       r"^(?:make a )?note (?:of )?(?:that|it|this)$", re.IGNORECASE)


# "You'll try a night sitter one night a week, which I'll arrange and look at funding for":
# the relative "which" is the object its clause leaves out
# (a bare "that" only after a comma: "I'll sort that, and…" ends on its object)
RELATIVE_END_RE = re.compile(r"(?:,\s*(?:which|that)|\s+which)\s*$", re.IGNORECASE)
_OBJECT_OF_RE = re.compile(r"(?:'ll|\bwill|\bgoing to|\bto)\s+(?:\w+ly\s+)?\w+\s+"
                           r"(?P<np>(?:a|an|the|some|your|his|her|their)\s+[^,;:.]+)$",
                           re.IGNORECASE)
_GAP_RE = re.compile(r"^(?P<lead>(?:\S+\s+){1,4}?(?:arrange|book|sort|organise|set up|"
                     r"chase|request|apply for|put in for|do|fund|pay for|look into|"
                     r"find|get))(?=\s+and\b|\s*$)", re.IGNORECASE)
_STRANDED_RE = re.compile(r"\b(?:for|about|to|with|on|into|at)\s*$", re.IGNORECASE)


def relative_object(before: str) -> str | None:
    """The noun phrase a clause-final "which" stands for, or None: "You'll try a night
    sitter one night a week, which" -> "a night sitter one night a week"."""
    if not RELATIVE_END_RE.search(before):
        return None
    clause = re.split(r"[.;:!?]\s+", RELATIVE_END_RE.sub("", before))[-1]
    match = _OBJECT_OF_RE.search(clause)
    return match.group("np").strip() if match else None


def fill_gap(clause: str, antecedent: str) -> str:
    """The relative clause's gap filled: "I'll arrange and look at funding for" -> "I'll
    arrange a night sitter and look at funding" (the funding is for it: no more is said)."""
    gap = _GAP_RE.match(clause)
    if gap:
        clause = f"{gap.group('lead')} {antecedent}{clause[gap.end():]}"
    if _STRANDED_RE.search(clause):  # "…and look at funding for": for it, so no more said
        clause = _STRANDED_RE.sub("", clause).rstrip() if gap else \
            f"{clause.rstrip()} {antecedent}"
    return clause


def linked(whole: str, relative: str | None, carried: str, more: bool
            ) -> tuple[str, str | None, str]:
    """A clause joined to the next commitment: "…, which I'll arrange" (its gap filled from
    the phrase before) and "…, and next time we'll do a plan" (the time is the next one's).
    Returns the clause, and the relative object and time the next clause takes."""
    whole = fill_gap(whole, relative) if relative else whole
    whole = f"{whole} {carried}" if carried else whole
    if not more:
        return whole, None, ""
    following = relative_object(whole)
    whole = RELATIVE_END_RE.sub("", whole)
    tail = re.search(rf",?\s+and\s+(then|next time|after that|afterwards|later|"
                     rf"{DUE_RE.pattern})$", whole, re.IGNORECASE)
    if tail:  # "…, and then I'll…": "then" only orders them
        return whole[:tail.start()], following, "" if tail.group(1).lower() == "then" else \
            tail.group(1)
    return whole, following, ""
