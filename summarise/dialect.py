"""Regional speech as a note writes it: "I dinnae know" is "I don't know", "t'garden" is "the
garden", "owt" is "anything", "gan to the match" is "go to the match", "I day know" is "I
didn't know". The words change, never the meaning: a negative stays a negative, and what is
ambiguous ("I ay got it": am not, or have not) keeps its ambiguity ("ain't").

`summarise.text.clean_speech` calls `written_plainly`; the matching side (contractions) knows
the same words, so a note sentence in the written form still verifies against the speech.
"""

from __future__ import annotations

import re

_DIALECT = {"cannae": "can't", "canna": "can't", "dinnae": "don't", "divvent": "don't",
            "divnt": "don't", "divn't": "don't", "divvn't": "don't", "didnae": "didn't",
            "wouldnae": "wouldn't", "couldnae": "couldn't", "willnae": "won't", "isnae": "isn't",
            "wasnae": "wasn't", "doesnae": "doesn't", "havenae": "haven't", "knaa": "know",
            "knaw": "know"}
_DIALECT_RE = re.compile(r"\b(?:" + "|".join(map(re.escape, _DIALECT)) + r")(?!\w)",
                           re.IGNORECASE)


# ...and the words of the North East and Scotland: "gan to the match", "since he come yem",
# "the bairns", "me marra", "mair time", "no' meant tae gie people money"
_NORTH = {"owt": "anything", "nowt": "nothing", "summat": "something", "wi'": "with",
          "'em": "them", "o'": "of", "ower": "over", "reyt": "right", "gan": "go",
          "gannin": "going", "gannin'": "going", "yem": "home", "bairn": "child",
          "bairns": "children", "marra": "mate", "marras": "mates", "mair": "more", "tae": "to",
          "gie": "give", "no'": "not", "cannit": "can't"}
DIALECT_WRITTEN = frozenset(_NORTH.values()) | {"perhaps"}  # what is never a name
_NORTH_RE = re.compile(r"\b(?:owt|nowt|summat|ower|reyt|gan|gannin'?|yem|bairns?|marras?|mair|"
                       r"tae|gie|cannit)\b(?!')|\bwi'(?=\s)|(?<=\s)'em\b|\bno'(?=\s)|"
                       r"\bo'(?=\s)|\bt'(?=[a-z])", re.IGNORECASE)
_NUMBER_WORDS = (r"two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
                 r"thirty|forty|fifty|sixty|seventy|eighty|ninety|\d+")
_YEARS_RE = re.compile(rf"(?<!\ba )(?<!\bthe )\b((?:{_NUMBER_WORDS})(?:[- ](?:one|two|three|"
                       rf"four|five|six|seven|eight|nine))?) year\b(?![- ]old)", re.IGNORECASE)


_PARTICIPLE = {"took": "taken", "went": "gone", "wrote": "written", "ate": "eaten",
               "gave": "given", "broke": "broken", "fell": "fallen", "saw": "seen", "did": "done",
               "spoke": "spoken", "drove": "driven", "forgot": "forgotten", "stole": "stolen",
               "rang": "rung", "drank": "drunk"}
_HAVE_PAST_RE = re.compile(r"(\b(?:have|has|had|(?<=\w)'ve|(?<=I)'d)(?:\s+(?:just|already|never|"
                           r"not|only|ever))?\s+)(" + "|".join(_PARTICIPLE) + r")\b",
                           re.IGNORECASE)


_NOT_A_NOUN = (r"(?:and|or|nor|who|that|what|which|too|again|now|then|here|there|as|if|when|"
               r"because|but|so|to|in|on|at|with|for|from|by|up|off|out|back|myself|alone|mine|"
               r"like|either|neither|really|just|only|all|both|first|last|done|gone|told|an?|"
               r"the|not|no|very|quite|sure|fine|ok|okay|[a-z]+ed|[a-z]+ing)\b")
_ME_AFTER_BE_RE = re.compile(rf"\b((?:is|'s|are|was|were)\s+)me\s+(?=[a-z])(?!{_NOT_A_NOUN})",
                             re.IGNORECASE)
_ME_OPENING_RE = re.compile(rf"(?:^|(?<=[.!?;,—]\s))Me\s+(?=(?!{_NOT_A_NOUN})[a-z]+(?:'s\b|\s+"
                            r"(?:is|are|was|were|has|have|had|hurts?|kills?|keeps?)\b))")
# the North's and Midlands' "me" for "my": "me back", "me boyfriend", "on me own"
# (never after a verb that takes "me" as who it is done for: "they pay me back", "she gives
# me tablets", "he got me tea")
_DATIVE = ("pay", "pays", "paid", "give", "gives", "gave", "send", "sends", "sent", "bring",
           "brings", "brought", "tell", "tells", "told", "show", "shows", "showed", "lend", "lent",
           "buy", "bought", "fetch", "fetched", "pass", "passed", "hand", "handed")
_BACK_AGAIN = ("get", "gets", "got", "ring", "rings", "rang", "call", "calls", "called", "text",
               "texted", "phone", "phoned", "want", "wants", "wanted", "take", "took")
ME_POSSESSIVE_RE = re.compile(
    "".join(rf"(?<!\b{v} )" for v in _DATIVE) +
    "".join(rf"(?!(?<=\b{v} )me back\b)" for v in _BACK_AGAIN) +
    r"\bme (?=(?:own |poor |bad |good |old |new |little |big |older |younger |eldest |oldest |"
    r"youngest |best |late )?(?:back|legs?|knees?|hips?|arms?|feet|"
    r"foot|head|chest|hands?|eyes?|teeth|hair|tablets|pills|medication|tubes?|oxygen|nightie|"
    r"chair|bed|dinner|tea|breakfast|house|flat|room|pension|money|card|husband|wife|son|"
    r"daughter|boyfriend|girlfriend|partner|fella|missus|nan|gran|auntie|uncle|cousin|"
    r"lad|lass|mum|mam|dad|sister|brother|kids|grandkids|mates?|friends?|neighbours?|"
    r"glasses|stick|frame|walker|shopping|bag|purse|keys?|phone|breath|breathing|feet|nerves|"
    r"heart|stomach|belly|bowels|skin|shoulder|neck|ankle|wrist|hearing|memory|trousers|belt|"
    r"shoes|slippers|coat|clothes|socks|hat|nightie|dressing gown|car|garden|cat|dog)\b|"
    r"own\b)",  # "on me own", "me own front room"
    re.IGNORECASE)


def _northern(match: re.Match[str]) -> str:
    word = _NORTH.get(match.group(0).lower(), "the ")
    return word[0].upper() + word[1:] if match.group(0)[0].isupper() else word


_HER_SUBJECT_RE = re.compile(
    r"(?:^|(?<=[.!?;,—]\s)|" + "|".join(rf"(?<=\b(?i:{w})\s)" for w in (
        "when", "if", "and", "because", "cos", "'cause", "but", "so", "that", "then", "till",
        "until", "before", "after", "as")) + r")(?i:h)er(?=\s+(?:told|said|rang|went|was|is|has|"
    r"had|did|does|came|comes|got|gets|wants|wanted|needs|can|could|will|would|won't|can't|couldn't|doesn't|"
    r"didn't|wasn't|isn't|hasn't|knows|knew|thinks|thought|says|goes|gets|keeps|likes)\b)")


def written_plainly(text: str) -> str:
    """The sentence with its dialect words written as a note writes them."""
    # the Black Country's "I doe know" ("don't") and "I cor" ("can't"), never "does know"
    text = re.sub(r"\b((?i:I|you|we|they|he|she))\s+doe\b", r"\1 don't", text)
    text = re.sub(r"\b((?i:I|you|we|they|he|she|it))\s+cor\b", r"\1 can't", text)
    # ...and its "I ay" (am not, have not) and "I day" (did not): "ay" stays ambiguous
    text = re.sub(r"\b((?i:I|you|we|they|he|she|it))\s+ay\b(?!,)", r"\1 ain't", text)
    text = re.sub(r"\b((?i:I|we|they|he|she))\s+day\b", r"\1 didn't", text)
    text = re.sub(r"(?:^|(?<=[.!?]\s))Her's\b", "She's", text)  # "Her's through here"
    # ...and the Potteries' "her" as a subject, where a verb follows: "when her told me"
    text = _HER_SUBJECT_RE.sub(lambda m: "She" if m.group(0)[0] == "H" else "she", text)
    # "I've took a photo", "he's went home": the past after "have" is its participle
    text = _HAVE_PAST_RE.sub(lambda m: m.group(1) + _PARTICIPLE[m.group(2).lower()], text)
    # "I dinnae", "I divvent knaa"
    text = _DIALECT_RE.sub(lambda m: _DIALECT[m.group(0).lower()], text)
    # the North's "t'garden", "owt", "nowt", "summat", "wi' you", "set 'em up", "ower a bowl
    # o' porridge", "reyt", "Happen I'd try it" (perhaps) and "forty year ago" (years)
    text = _NORTH_RE.sub(_northern, text)
    text = ME_POSSESSIVE_RE.sub(lambda m: "My " if m.group(0)[0] == "M" else "my ", text)
    # a "me" no object can be: after "is" ("she's me baby") or opening a clause before its
    # verb ("Me kecks are hanging off me", "Me back's killing me")
    text = _ME_AFTER_BE_RE.sub(r"\1my ", text)
    text = _ME_OPENING_RE.sub("My ", text)
    text = re.sub(r"(?:^|(?<=[.!?,;]\s))Happen(?= (?:I|you|he|she|we|they|it)\b)", "Perhaps",
                  text)
    text = _YEARS_RE.sub(r"\1 years", text)
    # "yer" for "you": "d'yer", "if yer want", "tell yer"; and "innit" as a tag anywhere
    text = re.sub(r"\bd'yer\b", "do you", text, flags=re.IGNORECASE)
    text = re.sub(r"\byer(?=\s+(?:know|want|like|need|can|can't|do|don't|are|were|have|see|"
                  r"get|go|think|mean|say|said|look|ring|come)\b|\s*[.,!?;]|\s*$)", "you", text,
                  flags=re.IGNORECASE)
    text = re.sub(r",?\s*\binnit\b,?(?=\s*[.!?;—]|\s*$)", "", text, flags=re.IGNORECASE)
    text = re.sub(r",\s*innit,", ",", text, flags=re.IGNORECASE)
    return text
