"""The extractive writer: evidence sentence -> concise third-person note sentence.

It never adds a fact: it removes fillers and turns first-person speech into reported speech
("I can't get into the bath" -> "Mrs Patel said she cannot get into the bath."). It is the
writer of last resort, so the draft stays grounded even when no language model is usable.
"""

from __future__ import annotations

import re

from summarise.speakers import Voice
from summarise.text import STOPWORDS, clean_speech

_ADVERBS = {"sometimes", "often", "never", "always", "still", "usually", "just", "really",
            "also", "only", "now", "normally", "generally", "rarely", "even", "hardly",
            "definitely", "probably", "already", "actually"}
_INVARIANT = {"can", "could", "will", "would", "should", "might", "must", "may", "shall",
              "did", "had", "was", "were", "cannot", "used", "need", "dare", "ought"}
_PAST = {"fell", "went", "got", "took", "came", "felt", "made", "saw", "thought", "knew",
         "told", "left", "lost", "found", "became", "gave", "kept", "broke", "ran", "sat",
         "stood", "slept", "ate", "drank", "hurt", "put", "let", "cut", "hit", "set", "paid",
         "heard", "held", "brought", "bought", "sent", "spent", "lent", "meant", "began",
         "forgot", "woke", "wore", "rang", "spoke", "wrote", "said", "did", "had", "was"}
_SENTENCE_STARTERS = STOPWORDS | {
    "not", "no", "since", "last", "every", "sometimes", "yesterday", "today", "tomorrow",
    "recently", "mostly", "later", "first", "after", "before", "although", "though", "maybe",
    "perhaps", "apparently", "thankfully", "unfortunately", "luckily", "nothing", "everything",
    "something", "anything", "nobody", "everyone", "somebody", "that's", "it's", "there's",
    "usually", "often", "never", "always", "still", "even", "only", "most", "some", "now",
    "hardly", "probably", "just", "yes", "quite", "around", "nearly", "almost", "he's", "she's",
    "they're", "we're"}
_IRREGULAR_3RD = {"am": "is", "have": "has", "do": "does", "go": "goes", "'m": "is",
                  "are": "is", "'ve": "has", "haven't": "hasn't", "don't": "doesn't",
                  "aren't": "isn't", "ain't": "isn't"}


def third_person_verb(verb: str) -> str:
    low = verb.lower()
    if low in _IRREGULAR_3RD:
        return _IRREGULAR_3RD[low]
    if low in _INVARIANT or low in _PAST or low.endswith("ed") or low.endswith("n't"):
        return verb
    if re.search(r"(s|sh|ch|x|z|o)$", low):
        return verb + "es"
    if re.search(r"[^aeiou]y$", low):
        return verb[:-1] + "ies"
    return verb + "s"


_AUX_3RD = {"are": "is", "is": "is", "was": "was", "were": "was", "have": "has", "has": "has",
            "can": "can", "could": "could", "would": "would", "will": "will"}
_YES_NO_RE = re.compile(r"^(do|does|are|is|was|were|have|has|can|could|would|will)\s+"
                        r"(you|(?-i:[A-Z][a-z]+)|it|he|she|they)\s+(.+)$", re.IGNORECASE)
_WH_RE = re.compile(r"^(how|what|when|where|who|why|which)\b((?:\s+\w+){0,3}?)\s+"
                    r"(do|does|are|is|was|were|have|has|can|could|would|will)\s+"
                    r"(you|(?-i:[A-Z][a-z]+)|it|he|she|they)\s+(.+)$", re.IGNORECASE)
_ABOUT_RE = re.compile(r"^(?:what|how)\s+about\s+([^,]+)", re.IGNORECASE)
_PRACTITIONER_SELF = re.compile(r"\b(?:I|me|my|we|us|our)\b", re.IGNORECASE)
_REFLECTION_RE = re.compile(r"^(?:so\s+)?(?:you're|you are)\s+((?:not\s+)?\w+ing\b.*)$",
                            re.IGNORECASE)


def indirect_question(question: str, voice: Voice) -> str | None:
    """The practitioner's question as the note reports it, or None if it has no simple form:
    "Does Darren give you the card back?" -> "whether Darren gives him the card back";
    "How much money do you think has gone?" -> "how much money he thinks has gone";
    "What about getting dressed?" -> "about getting dressed";
    "So you're not getting much sleep." -> "about not getting much sleep"."""
    text = clean_speech(question).strip().rstrip("?.!").strip()
    text = re.sub(r"^(?:and|so|but|ok|okay|right)\b,?\s*", "", text, flags=re.IGNORECASE)
    if _PRACTITIONER_SELF.search(text):
        return None  # "Can you tell me...": about the practitioner, not a question to report
    about = _ABOUT_RE.match(text)
    if about:
        return "about " + _second_to_third(about.group(1).strip(), voice)
    reflection = _REFLECTION_RE.match(text)
    if reflection:
        return "about " + _second_to_third(reflection.group(1), voice)
    wh = _WH_RE.match(text)
    yes_no = None if wh else _YES_NO_RE.match(text)
    if wh:
        lead = (wh.group(1) + wh.group(2)).lower()
        aux, subject, rest = wh.group(3), wh.group(4), wh.group(5)
    elif yes_no:
        lead, aux, subject, rest = "whether", yes_no.group(1), yes_no.group(2), yes_no.group(3)
    else:
        return None
    if "," in rest or " or " in f" {rest} ":
        return None  # "Are you eating enough, do you think?": not one simple question
    person = subject.lower() == "you"
    who = voice.they if person else subject
    plural = voice.plural_verbs if person else subject.lower() == "they"
    aux = aux.lower()
    words_ = rest.split()
    if aux in ("do", "does"):
        if not plural:
            words_[0] = third_person_verb(words_[0])
        verb = ""
    else:
        verb = aux if plural else _AUX_3RD[aux]  # "are you" / "are they" -> "they are"
    clause = " ".join(w for w in (who, verb, _second_to_third(" ".join(words_), voice)) if w)
    return f"{lead} {clause}"


def _second_to_third(text: str, voice: Voice) -> str:
    text = re.sub(r"\byourself\b", voice.themselves, text, flags=re.IGNORECASE)
    text = re.sub(r"\byour\b", voice.their, text, flags=re.IGNORECASE)
    return re.sub(r"\byou\b", voice.them, text, flags=re.IGNORECASE)


# Words speech needs and a note does not; none carries a fact or a negation.
# ("just" only after "I": "I just have a wash" is "I have a wash", "just a bruise" is "only")
_HEDGES_RE = re.compile(r",? or something(?: like that)?\b|(?<=\bI )(?:just|really) |"
                        r"\b(?:actually|basically|literally)\b,?\s*|"
                        r",?\s*(?:—\s*)?that's (?:it|all)\.?$", re.IGNORECASE)


def concise(clause: str) -> str:
    """Drop hedges: "I make a sandwich or something" -> "I make a sandwich"."""
    shorter = re.sub(r"\s{2,}", " ", _HEDGES_RE.sub(lambda m: " " if m.group(0).endswith(
        " ") else "", clause)).strip(" ,")
    return shorter if len(shorter.split()) >= 2 else clause


def report(text: str, voice: Voice) -> str:
    """Turn one spoken sentence into a reported-speech note sentence."""
    clause = concise(clean_speech(text)).rstrip(" .!")
    if not clause:
        return ""
    first = clause.split()[0]
    if first != "I" and re.sub(r"[^\w']", "", first.lower()) in _SENTENCE_STARTERS:
        clause = clause[0].lower() + clause[1:]  # keep names ("Helen") capitalised
    return f"{voice.subject} said {convert_first_person(clause, voice)}."


_PARTICIPLE_RE = re.compile(r"^(?:\w+ed|been|gone|done|seen|taken|got|gotten|had|lost|fallen|"
                            r"left|made|given|told|said|heard|known|found|forgotten|broken|"
                            r"eaten|run|come|become|thought|bought|brought|kept|slept|felt|"
                            r"never|already|just|always)$", re.IGNORECASE)
_SAME_GENDER = {"he": re.compile(r"\b(?:he|him|his|himself|he's)\b", re.IGNORECASE),
                "she": re.compile(r"\b(?:she|her|hers|herself|she's)\b", re.IGNORECASE)}


def convert_first_person(clause: str, voice: Voice) -> str:
    # "He shouted at me and pushed me": reported as "he shouted at him and pushed him", the
    # reader cannot tell who did what. After someone else of the speaker's pronoun appears in
    # the sentence, "me" and "my" become the speaker's name: "he shouted at Mr Evans and
    # pushed Mr Evans", "he takes Mr Evans's bank card".
    other = _SAME_GENDER[voice.they].search(clause) if voice.they in _SAME_GENDER else None
    cut = other.start() if other else len(clause)
    clause = _own_words(clause[:cut], voice.them, voice.their) + _own_words(
        clause[cut:], voice.subject, f"{voice.subject}'s")

    def subject(match: re.Match[str]) -> str:
        contraction = match.group(1) or ""
        rest = match.group(2)
        pieces = rest.split()
        # skip adverbs ("I sometimes forget") to find the verb
        idx = 0
        while idx < len(pieces) and pieces[idx].lower() in _ADVERBS:
            idx += 1
        if contraction:
            verb = {"'m": "are" if voice.plural_verbs else "is",
                    "'ve": "have" if voice.plural_verbs else "has",
                    "'ll": "will", "'d": "would"}[contraction.lower()]
            if contraction.lower() == "'d" and pieces and _PARTICIPLE_RE.match(pieces[0]):
                verb = "had"  # "I'd lost some" is "she had lost some"
            return f"{voice.they} {verb} {rest}"
        if idx < len(pieces):
            v = pieces[idx]
            core = re.match(r"[A-Za-z']+", v)
            if core:
                word = core.group(0)
                if voice.plural_verbs:
                    new = {"am": "are", "was": "were"}.get(word.lower(), word)
                else:
                    new = third_person_verb(word)
                pieces[idx] = new + v[len(word):]
        trailing = rest[len(rest.rstrip()):]
        return f"{voice.they} {' '.join(pieces)}".rstrip() + trailing

    clause = re.sub(r"\bI('m|'ve|'ll|'d)?(?:\s+|$)((?:(?!\bI\b)[^,;.])*)", subject, clause)
    clause = re.sub(r"\bmyself\b", voice.themselves, clause, flags=re.IGNORECASE)
    # "our son" said by one of a couple: their son (the speaker and their partner's).
    clause = re.sub(r"\bour\b", "their", clause)
    clause = re.sub(r"\bOur\b", "Their", clause)
    clause = re.sub(r"\bmine\b", voice.their + "s" if voice.their == "their" else voice.their,
                    clause)
    return clause


def _own_words(text: str, them: str, their: str) -> str:
    text = re.sub(r"\bmy\b", their, text)
    text = re.sub(r"\bMy\b", their[0].upper() + their[1:], text)
    return re.sub(r"\bme\b", them, text)
