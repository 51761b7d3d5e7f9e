"""The extractive writer's grammar: first person to third, verbs that agree, hedges dropped.

It never adds a fact: "I sometimes forget" -> "she sometimes forgets". `summarise.notestyle`
builds note sentences from it; it is the writer of last resort, so the draft stays grounded
even when no language model is usable.
"""

from __future__ import annotations

import re

from summarise.speakers import Voice
from summarise.text import NUMBER_WORDS, PAST_FORMS, STOPWORDS

_ADVERBS = {"sometimes", "often", "never", "always", "still", "usually", "just", "really",
            "nearly", "almost", "barely", "ever", "once", "mostly", "occasionally",
            "also", "only", "now", "normally", "generally", "rarely", "even", "hardly",
            "definitely", "probably", "already", "actually"}
_INVARIANT = {"can", "could", "will", "would", "should", "might", "must", "may", "shall",
              "did", "had", "was", "were", "cannot", "used", "dare", "ought"}
_PAST = {"fell", "went", "got", "took", "came", "felt", "made", "saw", "thought", "knew",
         "told", "left", "lost", "found", "became", "gave", "kept", "broke", "ran", "sat",
         "stood", "slept", "ate", "drank", "hurt", "put", "let", "cut", "hit", "set", "paid",
         "heard", "held", "brought", "bought", "sent", "spent", "lent", "meant", "began",
         "forgot", "woke", "wore", "rang", "spoke", "wrote", "said", "did", "had", "was",
         # (the rest of English's common strong pasts: "twenty years I sang with them" is
         # never "sangs")
         "sang", "swam", "drove", "threw", "won", "stole", "sold", "taught", "caught",
         "fought", "flew", "grew", "blew", "drew", "hid", "bit", "chose", "rode", "rose",
         "froze", "dug", "hung", "struck", "swore", "tore", "understood", "wept", "fed", "led",
         "bled", "shook", "sank", "met", "built", "bent", "dealt", "learnt", "burnt", "spilt",
         "lit", "slid", "stuck", "stung", "swung", "forgave", "overslept", "sought", "shot",
         "spat", "split", "sprang", "strode"}
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


# "I dunno", "I gotta", "I divvent": two words said as one, or a dialect negative ("I
# dinnae"), whose verb does not take an "s"
_RUN_TOGETHER = {"dunno", "gonna", "wanna", "gotta", "oughta", "hafta", "divvent", "divvn't",
                 "dinnae", "didnae", "cannae", "canna", "wouldnae", "couldnae", "willnae"}
_LY_VERBS = {"apply", "reply", "supply", "rely", "multiply", "comply", "imply", "fly", "ally"}


def _adverb(word: str) -> bool:
    low = word.lower().strip(",")
    return low.endswith("ly") and len(low) > 4 and low not in _LY_VERBS


# verbs whose base form ends in "ed": "if you need to" is "if he needs to", not past
_EED = {"need", "feed", "bleed", "speed", "heed", "breed", "succeed", "proceed", "exceed"}


def third_person_verb(verb: str) -> str:
    low = verb.lower()
    if low in _IRREGULAR_3RD:
        return _IRREGULAR_3RD[low]
    if _adverb(low) or low in NUMBER_WORDS or low in _RUN_TOGETHER or (
            low.endswith("ing") and re.search(r"[aeiouy]", low[:-3])):
        # "I doing" is never "doings" (but "I bring" is "brings")
        # an adverb ("I certainly think so"), never "certainlies"; a number ("I'm twenty
        # six"), never "twenties"
        return verb
    if low in _INVARIANT or low in _PAST or low in PAST_FORMS or (
            low.endswith("ed") and low not in _EED) or \
            low.endswith(("n't", "'ve", "'d", "'ll")) or (
                low.endswith("s") and not low.endswith(("ss", "us", "is"))):
        return verb  # already past, or already agrees ("I says to him")
    if re.search(r"(s|sh|ch|x|z|o)$", low):
        return verb + "es"
    if re.search(r"[^aeiou]y$", low):
        return verb[:-1] + "ies"
    return verb + "s"


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


# verbs whose past participle is their base form: after "'d" the tenses around decide
_BOTH_FORMS = {"put", "cut", "hit", "hurt", "let", "set", "shut", "quit", "read", "spread",
               "cost", "burst", "come", "run", "become"}
_SPOKEN_PAST = {"come": "came", "give": "gave", "run": "ran", "become": "became"}
_PAST_TOLD_RE = re.compile(r"\b(?:was|were|had|thought|got|went|said|did|ago|used to|"
                           r"last (?:week|month|year|time))\b", re.IGNORECASE)
# ...and among present tenses, what is done now: "I put the bins out and the caretaker takes
# them down" (a time or an "ago" keeps it past: "I hit my head on Friday")
_PRESENT_TOLD_RE = re.compile(r"\b(?:usually|always|normally|every|each|most days|"
                              r"(?:he|she|it|they|we|the \w+)\s+(?!was\b|has\b|is\b|does\b)"
                              r"\w+[^s's]s)\b", re.IGNORECASE)
_WHEN_TOLD_RE = re.compile(r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
                           r"yesterday|this morning|last night|then|once)\b", re.IGNORECASE)
# (never "need", "feed", "bleed": "I'd need" is "would need")
PARTICIPLE_RE = re.compile(rf"^(?:(?!(?:{'|'.join(sorted(_EED))})$)\w+ed|been|gone|done|seen|"
                           r"taken|got|gotten|had|lost|fallen|left|made|given|told|said|heard|"
                           r"known|found|forgotten|broken|eaten|run|come|become|thought|bought|"
                           r"brought|kept|slept|felt|better)$", re.IGNORECASE)
# "have to", "need to": the "to" of an infinitive, whose verbs never agree
_BEFORE_TO = {"have", "has", "had", "got", "need", "needs", "want", "wants", "going", "try",
              "tries", "trying", "like", "likes", "used", "able", "ought"}
# verbs among the stopwords, which agree after "and" like any other ("go and get her")
_LIGHT_VERBS = {"get", "go", "come", "do", "have", "say"}
_OBJECT_STARTS = {"the", "a", "an", "my", "her", "his", "their", "it", "them", "him", "up",
                  "out", "down", "off", "in", "on", "to", "some", "all", "round", "back", "over"}
_SAME_GENDER = {"he": re.compile(r"\b(?:he|him|his|himself|he's)\b", re.IGNORECASE),
                "she": re.compile(r"\b(?:she|her|hers|herself|she's)\b", re.IGNORECASE)}


_WE = (("we're", "they are"), ("we've", "they have"), ("we'll", "they will"),
       ("we'd", "they would"), ("we", "they"), ("ourselves", "themselves"))


def household(clause: str, *, us: bool = False) -> str:
    """The speaker's "we" as "they" ("Saturday we go into town" -> "Saturday they go into
    town"); "us" too where a "we" says it is the household's (or `us`: where the North's "us"
    for "me" was already read), never the North's "us" for "me"."""
    if not us and not re.search(r"\b(?:we|we're|we've|we'll|we'd|ourselves)\b", clause,
                                re.IGNORECASE):
        return clause
    for spoken, written in (*_WE, ("us", "them")):
        clause = re.sub(rf"\b{spoken}\b", written, clause)
        clause = re.sub(rf"\b{spoken.capitalize()}\b", written.capitalize(), clause)
    return clause


def convert_first_person(clause: str, voice: Voice) -> str:
    # "He shouted at me and pushed me": reported as "he shouted at him and pushed him", the
    # reader cannot tell who did what. After someone else of the speaker's pronoun appears in
    # the sentence, "me" and "my" become the speaker's name: "he shouted at Mr Evans and
    # pushed Mr Evans", "he takes Mr Evans's bank card".
    other = _SAME_GENDER[voice.they].search(clause) if voice.they in _SAME_GENDER else None
    cut = other.start() if other else len(clause)
    name = mid_name(voice.subject)
    # "I've a Post Office account. He doesn't know about that.": where another man is the
    # subject of what follows, the person's own "I" before him is their name ("Mr Ashworth has
    # a Post Office account. He doesn't know…"), so the two "he"s cannot read as one
    subject_voice = voice
    if other and other.group(0).lower() in ("he", "she", "he's", "she's") and \
            re.search(r"\bI\b", clause[:cut]):
        subject_voice = Voice(voice.subject, name, voice.them, voice.their, voice.themselves,
                              False)
    before = _once_named(_subjects(_own_words(clause[:cut], _ME, _MY), subject_voice), voice)
    if cut == len(clause):
        clause = before
    else:  # "He's family, but I'm frightened of him": "but Mr Evans is frightened of him"
        named = Voice(name, name, name, f"{name}'s", voice.themselves, False)
        clause = before + _subjects(_own_words(clause[cut:], name, f"{name}'s"), named)
    clause = re.sub(r"\bmyself\b", voice.themselves, clause, flags=re.IGNORECASE)
    # "Our Dean comes Sundays": the family's own way of naming one of them, just "Dean"
    clause = re.sub(r"\b[Oo]ur (?=(?-i:[A-Z][a-z]+)\b)(?!(?:Monday|Tuesday|Wednesday|Thursday|"
                    r"Friday|Saturday|Sunday|Lord|Lady)\b)", "", clause)
    # "our son" said by one of a couple: their son (the speaker and their partner's).
    clause = re.sub(r"\bour\b", "their", clause)
    clause = re.sub(r"\bOur\b", "Their", clause)
    # ("we" stays: it may be the household's, or the speaker's and the practitioner's, "so we
    # have maybe two hours", which "they" would give to someone else)
    return re.sub(r"\bmine\b", voice.their + "s" if voice.their == "their" else voice.their,
                  clause)


def mid_name(subject: str) -> str:
    """The speaker as named mid-sentence: "Her son Gary" -> "Gary", "Her daughter" -> "the
    daughter" (never "her daughter", which would be someone else's), "Mr Evans" stays."""
    relative = re.match(r"^(?:Her|His|Their|\S+'s?) (\S+)(?: (\S+))?$", subject)
    if relative:
        return relative.group(2) or f"the {relative.group(1)}"
    return "the " + subject[4:] if subject.startswith("The ") else subject


# a short noun phrase and "and" opening the clause, before its "I": "my husband and", "Gary
# and" (never "I eat and", whose "I" is the subject of the next verb too)
_TWO_SUBJECTS_RE = re.compile(r"(?:^|[,;:—]\s*)(?:(?!I\b)[\w'\x02]+\s+)?(?!I\b)[\w']+\s+and\s+$")


def _subjects(clause: str, voice: Voice) -> str:
    """Every "I" as the third person, its verb agreeing: "I sometimes forget" -> "she
    sometimes forgets"."""
    def subject(match: re.Match[str]) -> str:
        contraction = match.group(1) or ""
        rest = match.group(2)
        pieces = rest.split()
        # "my husband and I check on him": the verb of two subjects stays plural
        plural = voice.plural_verbs or bool(_TWO_SUBJECTS_RE.search(
            match.string[:match.start()]))
        # skip adverbs ("I sometimes forget") to find the verb
        idx = 0
        while idx < len(pieces) and (pieces[idx].lower() in _ADVERBS or _adverb(pieces[idx])):
            idx += 1
        if not contraction and _INVERTED_RE.search(match.string[:match.start()]):
            return f"{voice.they} {rest}"  # "what am I doing": the verb came first
        if contraction:
            verb = {"'m": "are" if plural else "is",
                    "'ve": "have" if plural else "has",
                    "'ll": "will", "'d": "would"}[contraction.lower()]
            # "I'd lost some" is "she had lost some", "I'd never been" "had never been";
            # "I'd just be sat there" is "would just be" (the verb after the adverbs decides)
            # ("I'd not heard him" is "had not heard")
            past_not = idx + (idx < len(pieces) and pieces[idx].lower() == "not")
            after = pieces[past_not].strip(",.;").lower() if past_not < len(pieces) else ""
            if contraction.lower() == "'d" and (
                    (PARTICIPLE_RE.match(after) and after not in _BOTH_FORMS) or
                    # "I'd put on two stone", told among past tenses, had happened
                    (after in _BOTH_FORMS and _PAST_TOLD_RE.search(match.string))):
                verb = "had"
            return f"{voice.they} {verb} {rest}"
        if idx < len(pieces):
            v = pieces[idx]
            core = re.match(r"[A-Za-z']+", v)
            if core:
                word = core.group(0)
                if plural:
                    new = {"am": "are", "was": "were"}.get(word.lower(), word)
                elif word.lower() in _BOTH_FORMS and _PRESENT_TOLD_RE.search(match.string) and \
                        not _PAST_TOLD_RE.search(match.string) and \
                        not _WHEN_TOLD_RE.search(match.string):
                    new = word + "s"  # "I cut his meat up — he's slow": what she does
                elif word.lower() in _SPOKEN_PAST and _PAST_TOLD_RE.search(match.string) and \
                        not _PRESENT_TOLD_RE.search(match.string):
                    # "He was sat in the dark when I come in": the spoken past, written
                    new = _SPOKEN_PAST[word.lower()]
                else:
                    new = third_person_verb(word)
                pieces[idx] = new + v[len(word):]
        # "I go up to my room and lock the door": the second verb agrees too
        if not plural and not (idx < len(pieces) and pieces[idx].lower() in _INVARIANT):
            # (never after a modal: "I will sort the timer and check the gauge")
            for k in range(idx + 1, len(pieces) - 1):
                if any(pieces[j].lower() == "to" and pieces[j - 1].lower() in _BEFORE_TO
                       for j in range(idx + 1, k)):
                    break  # "I have to get up and go round": the infinitive's second verb
                if (pieces[k - 1].lower() in ("and", "then") and pieces[k].isalpha() and
                        pieces[k].islower() and (pieces[k] not in STOPWORDS or
                                                 pieces[k] in _LIGHT_VERBS) and
                        (pieces[k + 1].lower() in _OBJECT_STARTS or
                         # "I go and get Mia": a name is an object too
                         re.match(r"(?-i:[A-Z][a-z]+)\b", pieces[k + 1]))):
                    pieces[k] = third_person_verb(pieces[k])
        trailing = rest[len(rest.rstrip()):]
        return f"{voice.they} {' '.join(pieces)}".rstrip() + trailing

    if not voice.plural_verbs:  # "what am I doing here" -> "what is she doing here"
        clause = re.sub(r"\b(am|do|have)(\s+I\b)",
                        lambda m: {"am": "is", "do": "does", "have": "has"}[m.group(1).lower()] +
                        m.group(2) if m.group(1).islower() else m.group(0), clause)
    return re.sub(r"\bI('m|'ve|'ll|'d)?(?:,?\s+|$)((?:(?!\bI\b)[^,;.])*)", subject, clause)


_INVERTED_RE = re.compile(r"\b(?:am|is|are|was|were|do|does|did|have|has|had|can|could|will|"
                          r"would|should|shall|may|might|must)\s+$", re.IGNORECASE)


_ME, _MY = "\x02me", "\x02my"  # placeholders, until it is known whether the name came first
_PRONOUNS = {"her", "him", "them", "his", "their"}


_KIN_RE = re.compile(r"\s*(?:(?:late|eldest|youngest|oldest|little|big|older|younger|ex)[- ])?"
                     r"(?:husband|wife|partner|son|daughter|mum|mam|mother|dad|father|sister|"
                     r"brother|boy|girl|lad|lass|kids?|children|grandson|granddaughter|nan|"
                     r"gran|grandad|auntie|aunt|uncle|niece|nephew|cousin|boyfriend|girlfriend|"
                     r"fiancée?|stepson|stepdaughter)\b", re.IGNORECASE)


def _once_named(text: str, voice: Voice) -> str:
    """"me" and "my" in the person's voice. With a pronoun ("her"), that pronoun. With only a
    name, "my" is "their" after the name ("Tracey has done their shift"), but kin keep the name
    ("Gareth, Tracey's husband") and "me" is always the name ("take her off Tracey"): "them"
    reads as someone else."""
    if voice.them in _PRONOUNS or voice.name_again:
        return text.replace(_ME, voice.them).replace(_MY, voice.their)
    # "on my own" said by someone known only by name: "on their own", never "on Ellie's own"
    text = re.sub(rf"\b(on|of) {_MY} own\b(?!\s+\w)", r"\1 their own", text)
    out, named, since = [], False, ""
    pieces = re.split(f"({_ME}|{_MY})", text)
    for n, piece in enumerate(pieces):
        if piece in (_ME, _MY):
            # "Gareth, their husband" reads as someone else's: kin keep the name
            kin = piece == _MY and n + 1 < len(pieces) and _KIN_RE.match(pieces[n + 1])
            # ...and "the carers help Gary with their back" would be the carers' back
            others = bool(re.search(r"\b(?:they|them|the [a-z]+s)\b", since, re.IGNORECASE))
            # "me" after the name is the name again: "just them and the telly" would be
            # someone else ("Before, it was just me and the telly")
            if named and not kin and not others and piece == _MY:
                piece = "their"
            else:
                piece = voice.them if piece == _ME else voice.their
            named, since = True, since if piece == voice.them else ""
        elif re.search(rf"\b{re.escape(voice.subject)}\b", piece):
            named, since = True, piece[piece.rfind(voice.subject):]
        else:
            since += piece
        out.append(piece)
    return "".join(out)


# "me" for "my", as much of England says it: after a preposition before a word that is no
# function word ("on me break", "with me mam"), or before the body, kin and belongings said
# after a verb or first ("I put me finger on it", "Me back's bad")
_MINE = (r"back|legs?|knees?|hips?|arms?|hands?|fingers?|f[oe]{2}t|head|eyes?|chest|shoulders?|"
         r"neck|wrists?|ankles?|toes?|teeth|belly|stomach|tablets|pills|meds|medication|"
         r"inhaler|mam|mum|ma|dad|da|nan|nana|gran|grandad|daughter|son|husband|wife|lad|lass|"
         r"sister|brother|kids?|bairns?|grandson|granddaughter|bed|chair|room|flat|house|tea|"
         r"dinner|breakfast|break|money|pension|bag|purse|phone|keys?|card|glasses|stick|frame|"
         r"shopping|washing|hair|feet")
_ME_MY_RE = re.compile(
    r"\b((?:on|in|with|to|for|from|at|of|off|round|under|behind|by|into|onto|over|after|"
    r"against|without)\s+)[Mm]e\s+(?=([a-z]+))|()\b[Mm]e(?=\s+(?:" + _MINE + r")\b)")
# "for me sometimes", "to me again": what follows the preposition's "me" is no noun
_NOT_NOUN = STOPWORDS | {"and", "too", "neither", "either", "alone", "sometimes", "today",
                         "tonight", "tomorrow", "yesterday", "later", "anyway", "though",
                         "again", "every", "each", "first", "instead", "anymore", "properly",
                         "yet", "still", "once", "twice", "lately", "personally",
                         # "takes them off me fine", "gets on with me alright"
                         "fine", "okay", "ok", "alright", "good", "better", "worse", "back",
                         "home", "straight", "right", "myself", "both"}


def _me_my(match: re.Match[str]) -> str:
    if match.group(2) is not None and (match.group(2) in _NOT_NOUN or _adverb(match.group(2))
                                       or match.group(2).endswith(("ing", "ly"))):
        return match.group(0)  # "talk to me about it", "for me sometimes"
    my = "My" if match.group(0).rstrip().endswith("Me") else "my"
    return (match.group(1) or "") + my + (" " if match.group(0).endswith(" ") else "")


def _own_words(text: str, them: str, their: str) -> str:
    # "they pay me back", "ring me back": the "back" of the verb, never "my back"
    text = re.sub(r"\b((?:pay|pays|paid|give|gives|gave|get|gets|got|ring|rings|rang|call|calls|"
                  r"called|phone|phoned|text|texted|send|sent|take|took|bring|brought|write|wrote|"
                  r"want|wanted|let)\s+)me(?=\s+back\b)", "\\1\x04", text, flags=re.IGNORECASE)
    text = _ME_MY_RE.sub(_me_my, text).replace("\x04", "me")
    text = re.sub(r"\bmy\b", their, text)
    text = re.sub(r"\bMy\b", their[0].upper() + their[1:] if their != _MY else _MY, text)
    return re.sub(r"\bme\b", them, text)
