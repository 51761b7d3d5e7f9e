"""Questions asked without their verb, as a practitioner runs through a check-in.

"Still coughing? Short of breath?" "No." is "No longer coughing or short of breath.";
"Dizzy at all?" "No." is "Not dizzy."; "Pain?" "No more than usual." is "Pain: no more than
usual."; "Waterworks, bowels - any problems?" "No." is "No problems with waterworks or
bowels."; "Key safe working alright?" "Yes, no bother." is "Key safe working alright: no
bother."; "Did anyone ring to say they'd be late?" "No." is "No one rang to say they'd be
late." A plain no is stated as a denial only of what was asked; any other answer is kept, as
given, after the question's words. Questions with their verb are `summarise.qa`'s.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from summarise.extractive import PARTICIPLE_RE, third_person_verb
from summarise.qa_patterns import OBJECT_AFTER
from summarise.text import NO

# a question with its verb or question word is not elliptical
_FULL_RE = re.compile(r"^(?:do|does|did|are|is|was|were|have|has|can|could|will|would|should|"
                      r"how|what|when|where|who|whom|why|which|any|anything|anyone|you|your|"
                      r"you're|is|it|it's|that|that's|there|shall|may|might)\b", re.IGNORECASE)
_NOT_A_TOPIC_RE = re.compile(r"^(?:in|on|at|for|with|after|before|from|to|or|and|so|but|then|"
                             r"like|about|since|until|\d|one|two|three|four|five|six|seven|"
                             r"eight|nine|ten|eleven|twelve|half|gone|once|twice|every|each|"
                             r"a couple|most|a few|some)\b", re.IGNORECASE)
_ANY_LIST_RE = re.compile(r"^(?P<topics>[\w' ,]+?)\s*[-—–,]\s*any (?P<what>[\w' ]+)$",
                          re.IGNORECASE)
# "The chest infection - did you finish the antibiotics?": a question with its verb after all
_ASKS_RE = re.compile(r"\b(?:do|does|did|are|is|was|were|have|has|can|could|will|would)\s+"
                      r"(?:you|he|she|they|it|we)\b", re.IGNORECASE)
_PLAIN_NO_RE = re.compile(rf"^(?:{NO}|never|none|nothing|not at all|not really|no,? not "
                          r"really|not that I know of)\b(?!\s+(?:more|less|longer|much|worse|"
                          r"better)\b)", re.IGNORECASE)
_ADJECTIVES = {"short", "sore", "tired", "ok", "okay", "alright", "happy", "sad", "lonely",
               "worried", "scared", "safe", "warm", "cold", "hot", "well", "better", "worse",
               "able", "sick", "ill", "low", "down", "anxious", "stressed", "confused",
               "breathless", "comfortable", "sleepy", "hungry", "thirsty", "constipated",
               "dizzy", "shivery", "wheezy", "achy", "itchy", "unsteady", "faint", "weak",
               "steady", "settled", "fine", "out", "poorly", "bored", "fed", "frightened"}
_ADJECTIVE_END_RE = re.compile(r"(?:ful|ous|ive|ish|less|ed|able|ible)$")
# "you" as the subject of a verb ("that you didn't want"), unless a verb or preposition
# before it takes it as its object ("made you do")
_SUBJECT_YOU_RE = re.compile(r"\byou\b(?=\s+(?:didn't|don't|did|do|does|were|are|was|want|"
                             r"wanted|had|have|know|knew|can|could|would|will|feel|felt|said|"
                             r"say|think|thought|need|needed)\b)", re.IGNORECASE)


def _object_you(text: str, them: str) -> str:
    """"Has anyone hurt you?" -> "hurt him": every "you" that is an object (`text` follows
    the question's verb, so a "you" first in it is that verb's)."""
    return re.sub(r"\byou\b", lambda m: m.group(0) if _SUBJECT_YOU_RE.match(
        text, m.start()) and text[:m.start()].strip() and
        not OBJECT_AFTER.search(text[:m.start()]) else them, text,
        flags=re.IGNORECASE)


_ANYONE_RE = re.compile(r"^(?P<aux>did|has|have|does|do) (?:anyone|anybody|someone|somebody) "
                        r"(?P<else>else )?(?P<verb>[a-z]+)\b(?P<rest>.*)$", re.IGNORECASE)
_ANYONE_IS_RE = re.compile(r"^(?P<aux>is|was) (?:anyone|anybody|someone|somebody) "
                           r"(?P<where>(?:at|in|from|round|around) (?:home|here|there|the \w+|"
                           r"your \w+|college|school|work|the day centre) )?(?P<rest>.+)$",
                           re.IGNORECASE)
PAST = {"be": "was", "become": "became", "begin": "began", "bring": "brought", "buy": "bought",
         "catch": "caught", "come": "came", "do": "did", "drink": "drank", "drive": "drove",
         "eat": "ate", "fall": "fell", "feel": "felt", "find": "found", "forget": "forgot",
         "get": "got", "give": "gave", "go": "went", "have": "had", "hear": "heard",
         "hit": "hit", "hurt": "hurt", "keep": "kept", "know": "knew", "leave": "left",
         "lend": "lent", "let": "let", "lose": "lost", "make": "made", "mean": "meant",
         "meet": "met", "pay": "paid", "put": "put", "read": "read", "ring": "rang",
         "run": "ran", "say": "said", "see": "saw", "sell": "sold", "send": "sent",
         "show": "showed", "sit": "sat", "sleep": "slept", "speak": "spoke", "spend": "spent",
         "stand": "stood", "steal": "stole", "take": "took", "teach": "taught", "tell": "told",
         "think": "thought", "throw": "threw", "wake": "woke", "wear": "wore", "win": "won",
         "write": "wrote", "stop": "stopped", "drop": "dropped", "pop": "popped"}

_REGULAR = {"call", "phone", "visit", "help", "check", "ask", "contact", "mention", "offer",
            "explain", "arrange", "talk", "turn", "warn", "notice", "text", "email", "knock",
            "answer", "finish", "start", "open", "change", "use", "look", "clean", "cook",
            "wash", "shower", "collect", "deliver", "order", "book", "miss", "need", "want",
            "manage", "cope", "walk", "move", "pick", "return", "happen", "stay",
            "attend", "complete", "receive", "shout", "push", "threaten", "touch", "report",
            "borrow", "lock", "unlock", "fix", "repair"}  # each takes -ed or -d
_PARTICIPLES = {"been", "rung", "called", "phoned", "visited", "helped", "asked", "contacted",
                "mentioned", "offered", "explained", "arranged", "talked", "seen", "come", "said",
                "told", "taken", "given", "got", "sent", "written", "hurt", "hit", "threatened",
                "shouted", "touched", "pushed", "noticed", "checked", "spoken"}


class Elliptic(NamedTuple):
    lead: str          # the statement's start: "No longer coughing or short of breath"
    rest: str          # what the answer adds, to follow it
    asked: str         # the question's words the statement rests on (checked against them)
    negative: bool
    joiner: str        # "; " after a denial, "" after a "topic: "


def past(verb: str) -> str | None:
    low = verb.lower()
    if low in PAST:
        return PAST[low]
    if low in _REGULAR:
        return low + ("d" if low.endswith("e") else "ed")
    return None  # "refer" -> "referred", "online" is no verb: only verbs known are put in the past


def _adjective(word: str) -> bool:
    low = word.lower()
    return low in _ADJECTIVES or bool(_ADJECTIVE_END_RE.search(low))


def elliptic(question: str, rest: str, negative: bool, positive: bool, hedged: bool,
             whole: str, third: object, them: tuple[str, str] = ("them", "themselves")
             ) -> Elliptic | None:
    """The statement for a verbless question and its answer, or None. `rest` is the answer
    without its yes/no, `whole` the answer as given (both third person already); `third`
    turns the question's "your" into the person's."""
    to_third = third if callable(third) else (lambda t: t)
    being = _ANYONE_IS_RE.match(question.strip())
    if being and negative and not hedged:
        # "Is anyone at home ever unkind to you?" "No." -> "No one at home is ever unkind..."
        where = being.group("where") or ""
        rest_of = _object_you(re.sub(r"\byourself\b", them[1],
                                                      being.group("rest"), flags=re.I), them[0])
        rest_of = to_third(rest_of)  # "your" -> "his"
        verb = being.group("aux").lower()
        return Elliptic(f"No one {where}{verb} {rest_of}", rest, rest_of, True, "; ")
    anyone = _ANYONE_RE.match(question.strip())
    if anyone:
        if not negative or hedged:
            return None
        verb = anyone.group("verb")
        aux = anyone.group("aux").lower()
        said = past(verb) if aux == "did" else (
            f"has {verb}" if aux in ("has", "have") and (
                verb.lower() in _PARTICIPLES or PARTICIPLE_RE.match(verb)) else
            third_person_verb(verb) if aux in ("do", "does") and (
                verb.lower() in _REGULAR or verb.lower() in ("have", "go", "come", "live"))
            else None)
        if not said:
            return None
        # "Has anyone hurt you?" "No." -> "No one has hurt him" (an object, never "he")
        rest_of = _object_you(re.sub(r"\byourself\b", them[1],
                                                      anyone.group("rest"), flags=re.I), them[0])
        # "Does anyone else have your card?" "No." -> "No one else has her card"
        return Elliptic(f"No one {anyone.group('else') or ''}{said}{to_third(rest_of)}", rest,
                        f"{verb}{anyone.group('rest')}", True, "; ")
    pieces = [p.strip(" ,") for p in question.split("?") if p.strip(" ,")]
    if not pieces or any(_FULL_RE.match(p) or _NOT_A_TOPIC_RE.match(p) or _ASKS_RE.search(p)
                         for p in pieces) or sum(len(p.split()) for p in pieces) > 9:
        return None
    # only a plain no denies what was asked: "Not a lot." to "Eating alright?" is an amount
    negative = negative and bool(_PLAIN_NO_RE.match(whole))
    asked = " or ".join(p[0].lower() + p[1:] if not p[:2].isupper() else p for p in pieces)
    asked = to_third(asked)
    listed = _ANY_LIST_RE.match(asked)
    if listed:
        topics = [t.strip() for t in re.split(r",\s*|\s+(?:and|or)\s+", listed.group("topics"))
                  if t.strip()]
        joined = " or ".join(topics)
        what = listed.group("what").strip()
        if negative and not hedged:
            return Elliptic(f"No {what} with {joined}", rest, asked, True, "; ")
        return Elliptic(f"{what[0].upper()}{what[1:]} with {joined}: ", whole, asked, False, "")
    words = asked.split()
    still = words[0].lower() == "still"
    head = words[1] if still and len(words) > 1 else words[0]
    participle = len(head) > 4 and head.lower().endswith("ing")
    described = re.match(r"^((?:\w+\s+){1,3}?)(\w{3,}ing)\b(.*)$", asked)
    if negative and not hedged:
        if still and participle:
            lead = "No longer " + " ".join(words[1:])
        elif participle or _adjective(head):
            lead = "Not " + asked
        elif described and not participle:  # "key safe working alright" -> "...not working"
            lead = f"{described.group(1)}not {described.group(2)}{described.group(3)}"
        else:
            lead = "No " + asked
        return Elliptic(lead[0].upper() + lead[1:], rest, asked, True, "; ")
    if positive and not rest and (participle or _adjective(head) or described):
        return Elliptic(asked[0].upper() + asked[1:], "", asked, False, "")
    answer = rest if positive else whole
    if not answer or (not positive and re.match(r"^(?:the|a|an|this|that|these|those)\b", asked)):
        return None  # "And the teatime call?" "Make us a bit of tea.": whose doing is unclear
    return Elliptic(f"{asked[0].upper()}{asked[1:]}: ", answer, asked, False, "")
