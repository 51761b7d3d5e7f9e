"""Small, dependency-free text utilities shared by retrieval, writing and verification.

Everything works on lowercase word stems, so "washes", "washing" and "wash" meet, and on
expanded contractions, so "can't" and "cannot" meet.
"""

from __future__ import annotations

import re
from functools import lru_cache

from summarise.dialect import written_plainly
from summarise.written import as_written

_CONTRACTIONS = (
    # dialect negatives are negatives, first: "I dinnae know", "I divvn't knaa", "I doe like"
    (r"\bcann?ae\b|\bcanna\b", "cannot"), (r"\bwillnae\b", "will not"),
    (r"\bdi(?:nnae|vv?ent|vv?n'?t)\b", "do not"), (r"\bkna[aw]\b", "know"),
    (r"\b(did|could|would|should|is|was|does|have|has|were|are)nae\b", r"\1 not"),
    (r"\b(i|you|we|they|he|she)\s+doe\b", r"\1 do not"),
    (r"\b(i|you|we|they|he|she|it)\s+cor\b", r"\1 cannot"),
    (r"\b(i|you|we|they|he|she|it)\s+ay\b(?!,)", r"\1 ai not"),
    (r"\b(i|we|they|he|she)\s+day\b", r"\1 did not"),
    (r"\bcannit\b", "cannot"), (r"\bno'(?=\s)", "not"),
    # the North's words, as clean_speech writes them: "owt" is "anything" to match
    (r"\bowt\b", "anything"), (r"\bnowt\b", "nothing"), (r"\bsummat\b", "something"),
    (r"\bower\b", "over"), (r"\breyt\b", "right"), (r"\bgan\b", "go"), (r"\byem\b", "home"),
    (r"\bbairns\b", "children"), (r"\bbairn\b", "child"), (r"\bmarra\b", "mate"),
    (r"\bmair\b", "more"), (r"\btae\b", "to"), (r"\bgie\b", "give"),
    (r"(?:^|(?<=[.!?,;]\s))happen(?=\s+(?:i|you|he|she|we|they|it)\b)", "perhaps"),
    (r"\bcan'?t\b", "cannot"), (r"\bwon'?t\b", "will not"), (r"\bshan't\b", "shall not"),
    (r"\b(\w+)n't\b", r"\1 not"), (r"\b(\w+)'ll\b", r"\1 will"), (r"\bi'm\b", "i am"),
    (r"\b(\w+)'re\b", r"\1 are"), (r"\b(\w+)'ve\b", r"\1 have"), (r"\b(\w+)'d\b", r"\1 would"),
)
_CONTRACTION_RES = tuple((re.compile(p, re.IGNORECASE), r) for p, r in _CONTRACTIONS)

STOPWORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before
being below between both but by could did do does doing down during each few for from further
had has have having he her here hers herself him himself his how i if in into is it its itself
just me more most my myself nor now of off on once only or other our ours ourselves out over
own same she should so some such than that the their theirs them themselves then there these
they this those through to too under until up very was we were what when where which while who
whom why will with would you your yours yourself yourselves yes yeah okay ok oh well right
really thing things bit lot lots said says say get got go going gone come came one
thank thanks love dear please sure mm hmm um uh er erm aye alright cheers
s
""".split())
# "s" is what is left of "'s" (is, has or a possessive) once words are split.
# "not", "no", "never", "cannot" are deliberately not stopwords: negation carries meaning.

# The words of a bare yes or no, as regex alternatives: "ar" is the Black Country's yes, "naw"
# Scotland's no (whole words only, so "are" and "nawt" are neither)
YES = r"yes|yeah|yep|aye|ar"
NO = r"no|nope|nah|naw"

NEGATIONS = frozenset({"not", "no", "never", "cannot", "nothing", "nobody", "none", "neither",
                       "nor", "without"})

NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "twice": 2, "once": 1,
    "first": 1, "second": 2, "third": 3, "half": 0.5, "double": 2,
}

_WORD_RE = re.compile(r"[a-z0-9]+")
_SENTENCE_RE = re.compile(r"(?<!\bMr\.)(?<!\bMrs\.)(?<!\bMs\.)(?<!\bDr\.)(?<!\bSt\.)"
                          r"(?<=[.!?])\s+(?=[A-Z0-9\"'])")
FILLERS_RE = re.compile(
    r"\b(?:um+|uh+|er+m?|hmm+|mm+|(?<!let )(?<!only )(?<!what )(?<!who )you know|i mean|sort of|"
    r"kind of)\b[,.]?\s*|"
    # "like" as a discourse particle: ", like," and "like six" (about six), never "I like it"
    r"(?<=, )like,\s*|(?<=^)like,\s+|\blike\.\.\.\s*|"
    r"(?:(?<=[\s,])|^)like\s+(?=(?:\d|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
    r"twelve|twenty|thirty|half|a couple|a few|once|twice|every|the whole|all)\b)",
    re.IGNORECASE)
# Words that set the tone and carry nothing a note keeps: an endearment called ("Yes, love.",
# "Thank you, pet"), a stance ("…, to be fair", "I'll be honest with you", "I didn't go
# looking, honest.")
_TONE_RE = re.compile(
    r",\s*(?:(?:my |me )(?:love|darling|dear|lover|'ansum|duck)|love|lovey|pet|duck|ducks|hen|"
    r"darling|sweetheart|sweetie|bab|babe|chuck|flower|petal|dear|'ansum|ansum|hinny|luvver)"
    r"(?=\s*[,.!?;]|\s*$)|"
    r",?\s*\b(?:to be fair|to be honest(?: with you)?|if I'm honest|if I'm being honest|"
    r"I(?:'ll| will) be honest(?: with you)?|I have to say|I must say|honest to God|"
    r"I'm telling you(?: now)?|I tell you)"
    r"(?=\s*[,.!?;—–]|\s*$)|"
    r",\s*honest(?=\s*[.!]|\s*$)|,\s*honestly(?=\s*[,.!;]|\s*$)", re.IGNORECASE)
# "like" between a word and what it introduces: "smoke for like socially", "and like paracetamol"
_LIKE_RE = re.compile(r"\b(for|at|about|around|just|and|or|but|so|got|been|had|have|take|took)"
                      # "it's always been like that" compares: the "like" stays
                      r"\s+like(?:,\s+|\s+(?!(?:that|this|it|him|her|them|me|you|us|before|"
                      r"normal)\b))(?=[a-z])",
                      re.IGNORECASE)
_LIKE_AFTER_RE = re.compile(r"\b(and|or|but|so|then|was|were|is|are|it's|I'm|he's|she's|just|"
                            r"really|got|had|been|went|the|a|an|my|his|her|their|wanna|gonna|"
                            r"want to|didn't|don't)\s*,\s*(?:like|sort of|kind of),\s*",
                            re.IGNORECASE)
# a false start repaired: "they work at a, they work at an office" -> "they work at an
# office"; "they might, they might go" -> "they might go"
_FALSE_START_RE = re.compile(r"\b((?:[\w']+\s+){2,5})[\w']+,\s+(?=\1)", re.IGNORECASE)
# a clause abandoned for another: "I just wanted to, erm, I don't think Dad's telling you"
_ABANDONED_RE = re.compile(r"\b(?:I|we|you|he|she|they) (?:just |only |was |were )?(?:wanted|"
                           r"going|meant|tried|needed|want|need|was going|were going) to,\s+"
                           r"(?=(?:I|we|you|he|she|they|it|there)\b)")
_TWICE_RE = re.compile(r"\b([\w']+\s+[\w']+),\s+\1\b", re.IGNORECASE)
_OPENERS_RE = re.compile(
    r"^(?:(?:oh+h*|um+|erm|ah+|ach|och)[.!]|"
    r"(?:so|well|oh+h*|ach|och|okay|ok|yeah|and|but|hey|honestly|to be honest|"
    r"to tell you the truth|"
    r"actually|basically)\b,?|(?:right|look|listen|anyway),)\s+(?=\S)", re.IGNORECASE)
_REPEAT_RE = re.compile(r"\b([\w']+)(?:[\s,]+\1\b)+", re.IGNORECASE)
# speech marks inside a sentence: "yeah" after a pause ("so, yeah, just to one side"),
# "y'know", a parenthetical "I guess", and "like" before a word it only leans on ("it's like
# super annoying", "like really"); never a first "Yeah" that answers, or "like" meaning as
# ("it feels like a cramp")
_SPOKEN_RE = re.compile(
    r"(?<=[,;—])\s*(?:yeah|yep|yes)\b,?(?=\s)|\by'know\b,?|"
    r"(,)\s*I (?:guess|suppose|think)\s*,|"
    r"(?<!\bI )(?<!\byou )(?<!\bwe )(?<!\bthey )(?<!\bwould )(?<!\bd )"
    r"\blike,?\s+(?=(?:super|really|very|pretty|quite|totally|literally|basically|actually|"
    r"only|properly|proper|more|much|so)\b)", re.IGNORECASE)
# ...but an object ending one clause and the subject starting the next is no stutter: "or he
# hurts you, you ring 999", "if you see it, it's..."
_CLAUSE_PAIR_RE = re.compile(r"\b\w+\s+(you|it|that|her|them)$", re.IGNORECASE)


def _unrepeat(match: re.Match[str]) -> str:
    before = match.string[:match.start()] + match.group(1)
    if "," in match.group(0) and _CLAUSE_PAIR_RE.search(before) and \
            match.group(0).count(",") == 1 and len(match.group(0).split()) == 2:
        return match.group(0)
    return match.group(1)
# a phrase said twice, the second time whole: "don't think I've ever, I don't think I've ever
# had one" -> "I don't think I've ever had one"
_RESTART_RE = re.compile(r"\b((?:[\w']+\s+){2,6}[\w']+),\s+((?:I|we|he|she|it|you)\s+)?\1\b",
                         re.IGNORECASE)


# pure functions of their text, asked again and again of the same words while drafting; a
# draft empties their caches when it ends, so no words of a conversation outlive it in memory
@lru_cache(maxsize=16384)
def expand_contractions(text: str) -> str:
    for pattern, repl in _CONTRACTION_RES:
        text = pattern.sub(repl, text)
    return text


def words(text: str) -> list[str]:
    """Lowercase word tokens with contractions expanded."""
    return _WORD_RE.findall(expand_contractions(text.replace("’", "'")).lower())


# Irregular forms a note and its evidence often differ by ("I fell" / "she had a fall").
_IRREGULAR = {"fell": "fall", "fallen": "fall", "lost": "lose", "ate": "eat", "eaten": "eat",
              "slept": "sleep", "felt": "feel", "took": "take", "taken": "take", "gave": "give",
              "given": "give", "forgot": "forget", "forgotten": "forget", "broke": "break",
              "broken": "break", "paid": "pay", "bought": "buy", "brought": "bring",
              "thought": "think", "told": "tell", "kept": "keep", "went": "go", "gone": "go",
              "woke": "wake", "drank": "drink", "drunk": "drink",
              "wore": "wear", "worn": "wear", "spoke": "speak", "spoken": "speak", "rang": "ring",
              "sent": "send", "spent": "spend", "stood": "stand", "sat": "sit", "heard": "hear",
              "met": "meet", "referral": "refer", "referrals": "refer", "referred": "refer",
              "assessment": "assess", "assessments": "assess", "arrangement": "arrange",
              "ran": "run", "shouted": "shout", "children": "child", "goes": "go",
              "does": "do",
              "women": "woman", "men": "man", "feet": "foot", "teeth": "tooth"}


# past tenses among them (a verb to leave as it is when "I met" becomes "she met")
PAST_FORMS = frozenset(w for w in _IRREGULAR if not w.endswith(("en", "ren", "ment", "ments", "al",
                                                                  "als")) and
                       w not in ("feet", "teeth", "women", "men", "children", "goes", "does"))


def stem(word: str) -> str:
    """A light suffix stripper: enough to match inflections, never to change meaning.
    "manage", "manages", "managed" and "managing" all become "manag"; "lost", "lose" and
    "losing" meet too."""
    word = _IRREGULAR.get(word, word)
    base = word
    for suffix, repl in (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""),
                         ("s", "")):
        if not word.endswith(suffix) or len(word) - len(suffix) < 3:
            continue
        base = word[: len(word) - len(suffix)] + repl
        if suffix == "es" and not re.search(r"(?:sh|ch|ss|x|z)$", base):
            base = word[:-1]  # "takes" is "take" + s; "washes" is "wash" + es
        if suffix == "ed" and word.endswith("eed"):
            base = word[:-1]  # "agreed" is "agree" + d
        if repl == "" and len(base) > 3 and base[-1] == base[-2] and base[-1] not in "lszaeiou":
            base = base[:-1]  # "stopped" -> "stop", but "falls" -> "fall"
        break
    if len(base) >= 4 and base.endswith("e") and not base.endswith("ee"):
        base = base[:-1]  # "take"/"taking", "manage"/"managed" meet
    # never turn a word into a negation ("noted" must not become "not")
    return word if base in NEGATIONS else base


def content_terms(text: str) -> list[str]:
    """Stems of the words that carry meaning (stopwords dropped, negations kept); a number
    is its digits however it was said ("seventy-six" and "76" are both "76")."""
    tokens = words(text)
    terms: list[str] = []
    at = 0
    for start, end, value in _spoken_numbers(tokens):
        terms += _stems(tokens[at:start])
        terms.append(f"{value:g}")
        at = end
    return terms + _stems(tokens[at:])


def _stems(tokens: list[str]) -> list[str]:
    """Stems of the tokens that are not stopwords, before or after stemming ("gets" is "get")."""
    return [s for w, s in ((w, stem(w)) for w in tokens if w not in STOPWORDS)
            if s not in STOPWORDS and not (s in _STOP_STEMS and len(w) > len(s))]


# "comes" is "come" inflected, no content of its own (but the name "Sam" is not "same")
_STOP_STEMS = frozenset(stem(w) for w in STOPWORDS)
_UNITS = {w: v for w, v in NUMBER_WORDS.items() if isinstance(v, int) and 2 <= v <= 19}
_TENS = {w: v for w, v in NUMBER_WORDS.items() if v in (20, 30, 40, 50, 60, 70, 80, 90)}
_SCALES = {"hundred": 100, "thousand": 1000}


def _spoken_numbers(tokens: list[str]) -> list[tuple[int, int, float]]:
    """(first token, last token + 1, value) of each run of number words or digits read as one
    quantity: "seventy six" = 76, "two hundred and forty" = 240, and "200 and 40", which is
    how Whisper sometimes writes "two hundred and forty", = 240 too. "Two, three times" stays
    two numbers: a run only continues the way English builds one number."""
    found: list[tuple[int, int, float]] = []
    i = 0
    while i < len(tokens):
        total = current = 0.0
        last = ""  # kind of the previous token: digit, unit, tens, scale, and
        j = end = i
        while j < len(tokens):
            word = tokens[j]
            nxt = tokens[j + 1] if j + 1 < len(tokens) else ""
            if word.isdigit() and last in ("", "and"):
                current, last = current + float(word), "digit"
            elif word in _UNITS and last in ("", "tens", "scale", "and"):
                current, last = current + _UNITS[word], "unit"
            elif word == "one" and last == "" and nxt in _SCALES:
                current, last = 1.0, "unit"
            elif word in _TENS and last in ("", "scale", "and"):
                current, last = current + _TENS[word], "tens"
            elif word in _SCALES and last in ("unit", "tens", "digit"):
                current, last = current * _SCALES[word], "scale"
                if _SCALES[word] == 1000:
                    total, current = total + current, 0.0
            elif (word == "and" and (last == "scale" or (last == "digit" and current
                                                            and current % 100 == 0))
                  and (nxt in _UNITS or nxt in _TENS or nxt.isdigit())):
                last = "and"
                j += 1
                continue
            else:
                break
            j += 1
            end = j
        if end > i:
            found.append((i, end, total + current))
            i = end
        else:
            i += 1
    return found


_ONE_AS_PRONOUN = frozenset("no any some every each this that the which another".split())


def numbers(text: str, *, with_parts: bool = False) -> set[float]:
    """Every quantity in the text, written as digits or words: "two" == "2",
    "seventy-six" == "76". With `with_parts`, each word of a compound counts too (70 and 6 as
    well as 76): evidence that says "three or four" or "seventy-six" supports either reading."""
    tokens = words(text)
    found: set[float] = set()
    for start, end, value in _spoken_numbers(tokens):
        found.add(value)
        if with_parts:
            found |= {float(t) if t.isdigit() else float(NUMBER_WORDS[t])
                      for t in tokens[start:end] if t.isdigit() or t in NUMBER_WORDS}
    for n, w in enumerate(tokens):
        if w == "one" and n and tokens[n - 1] in _ONE_AS_PRONOUN:
            continue  # "no one", "that one", "the one": no quantity
        if w in NUMBER_WORDS and w not in _UNITS and w not in _TENS and w not in _SCALES:
            found.add(float(NUMBER_WORDS[w]))  # once, twice, first, half...
    return found


@lru_cache(maxsize=16384)
def has_negation(text: str) -> bool:
    return any(w in NEGATIONS for w in words(text))


def split_sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_RE.split(text.strip()) if s.strip()]


# A label, not words said: a word and its colon standing alone ("Wrote:"), or a note-taking
# cue before what follows ("Note: the blue ones", "Wrote: …"). "Breakfast: toast" keeps its
# word, which says what the rest is about.
_LABEL_RE = re.compile(
    r"(?:^|(?<=[.!?;]\s))(?:[A-Za-z'-]+:(?=\s*$)|(?:wrote|write|writes|writing|written|note|"
    r"notes|noted|nb|ps|quote|unquote|heading|title|subject|memo|reminder|comments?|"
    r"summary|question|answer|q|a):\s+)(?P<next>\w?)", re.IGNORECASE)


@lru_cache(maxsize=16384)
def clean_speech(text: str) -> str:
    """Remove fillers, stutters ("um", "I I"), transcribers' notes ("[speaks Sylheti]",
    "(laughs)") and labels ("Wrote:") that a written note never carries."""
    while _LABEL_RE.search(text):
        text = _LABEL_RE.sub(lambda m: m.group("next").upper(), text).strip()
    text = re.sub(r"\s*(?:\[[^\]]*\]|\((?:laughs?|laughing|pause|sighs?|coughs?|crying|"
                  r"inaudible|unclear|crosstalk|[a-z ]*speaks? [^)]*)\))\s*", " ", text,
                  flags=re.IGNORECASE)
    text = re.sub(r"\bi\b(?=\s|'|$)", "I", text)  # "i feel" as transcribed
    text = re.sub(r"^\s*(?:\.{3}|…)\s*", "", text)  # "... I feel safe.": a pause before it
    text = written_plainly(text)  # dialect as a note writes it (summarise.dialect)
    text = re.sub(r"\s*--+\s*", " — ", text)
    text = re.sub(r"(?<!\.)\.\.(?!\.)\s*", " ", text)  # ",..yeah": a pause, not an ellipsis
    # "and, like, lifted" is "and lifted", never "and, lifted"
    text = _LIKE_AFTER_RE.sub(r"\1 ", text)
    text = FILLERS_RE.sub("", text)
    text = _TONE_RE.sub("", text)
    if re.match(r"^\s*,\s*[a-z]", text):  # "I'm telling you now, he did it." -> "He did it."
        text = text.lstrip(" ,")
        text = text[0].upper() + text[1:]
    text = _SPOKEN_RE.sub(lambda m: m.group(1) or "", text)
    text = _REPEAT_RE.sub(_unrepeat, text)
    text = _LIKE_RE.sub(r"\1 ", text)
    text = _FALSE_START_RE.sub("", text)
    text = _ABANDONED_RE.sub("", text)
    text = _TWICE_RE.sub(r"\1", text)
    text = _RESTART_RE.sub(lambda m: m.group(0)[m.end(1) - m.start(0):].lstrip(", "), text)
    text = re.sub(r"\s+([,.!?])", r"\1", text)
    text = re.sub(r"\.(?:\s*\.)+(?!\.)", ".", text) if "..." not in text else text
    # Openers that only set the tone of speech ("Honestly, I'm at the end of my tether"):
    # repeatedly, so "Well, honestly, ..." loses both. Answers ("not really", "no") stay.
    text = text.strip()
    while True:
        shorter = _OPENERS_RE.sub("", text, count=1)
        if shorter == text or not shorter:
            break
        text = shorter
    return re.sub(r"\s{2,}", " ", text).strip()


def proper_names(text: str) -> set[str]:
    """Capitalised words not at the start of a sentence: likely names of people and places."""
    names = set()
    for sentence in split_sentences(text):
        tokens = re.findall(r"[A-Za-z][A-Za-z'-]*", sentence)
        for token in tokens[1:]:
            if token[0].isupper() and token.lower() not in STOPWORDS and token != "I":
                names.add(re.sub(r"'s$", "", token.lower()))  # "Evans's" is Evans
    return names


def forget() -> None:
    """Empty the caches of the conversation's words (called when a draft ends)."""
    for cached in (expand_contractions, has_negation, clean_speech, as_written):
        cached.cache_clear()
