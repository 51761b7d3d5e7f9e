"""Spoken sentence -> case-note sentence, as a social worker writes one.

"I don't go upstairs at all now" from the person becomes "Does not go upstairs at all now.";
"I'm not hungry" becomes "Not hungry."; from her partner, "She's picking" becomes "Her
partner Mick said she is picking." The person the note is about is never attributed (the
record is theirs); everyone else is, by name and relation. Nothing is added: fillers, hedges
and openers go, first person becomes third, and the words that carry facts stay.
"""

from __future__ import annotations

import re

from summarise.dialect import ME_POSSESSIVE_RE as _ME_POSSESSIVE_RE
from summarise.extractive import (
    _SENTENCE_STARTERS,
    concise,
    convert_first_person,
    household,
    third_person_verb,
)
from summarise.speakers import Voice
from summarise.text import NUMBER_WORDS, PAST_FORMS, clean_speech, has_negation

# Tags that only ask for agreement ("..., isn't it", "..., mind", "..., like") carry no fact.
# Only after a comma or a pause, except a negative question tag or a dialect "and that":
# without one, "I don't mind", "I can do it" and "what I like" end in their own verb or object.
_TAGS_RE = re.compile(r"(?:(?:,|\.\.\.|…)\s+\b(?:(?:is|does|have|do|am|are|was|were|did|can|will|"
                      r"would|could)\s+(?:it|I|you|he|she|they|"
                      r"we)|mind|like|you see|see|no|yes|yeah|me)|"
                      r",?\s+\b(?:(?:isn't|wasn't|doesn't|"
                      r"didn't|haven't|hasn't|aren't|won't|can't|don't|weren't|ain't|int)\s+(?:it|I|you|he|she|they|"
                      r"we)|an' all|and that|and all that|and stuff|and stuff like that))"
                      r"(?:,\s*(?-i:[A-Z][a-z]+))?"  # "…, don't you, Peggy.": and the name called
                      r"\s*([.!?]*)$", re.IGNORECASE)
_DROP_SUBJECT_RE = re.compile(r"^(?:she|he|they)\s+(?:(is|are)\s+(?!going\b))?", re.IGNORECASE)


def lower_first(text: str, names: frozenset[str] | None = None) -> str:
    """A clause as it reads after a colon or "; ": "Two litres" -> "two litres", but "Gary
    does the shop" keeps its capital: with `names` (the conversation's proper names) every
    other word is lowered, without them only common words are."""
    first = text.split()[0] if text.split() else ""
    bare = re.sub(r"[^\w']", "", first.lower())
    if re.sub(r"'s$", "", bare) in _CALENDAR or (bare.endswith("days") and bare[:-1] in _CALENDAR):
        return text  # "Sunday", "March" keep their capitals
    if names is not None and first and first != "I" and not first.startswith("I'") and \
            not first.isupper():
        return text if re.sub(r"'s$", "", bare) in names else text[0].lower() + text[1:]
    if first != "I" and (bare in _SENTENCE_STARTERS or bare in NUMBER_WORDS or
                         bare.endswith(("ly", "n't")) or bare in _COMMON_OPENERS or
                         re.sub(r"'s$", "", bare) in _COMMON_OPENERS or
                         bare in _VERB_OPENERS or bare in PAST_FORMS):
        return text[0].lower() + text[1:]
    return text


_CALENDAR = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
             "january", "february", "april", "june", "july", "august", "september", "october",
             "november", "december", "christmas", "easter"}
_COMMON_OPENERS = {"bit", "morning", "evening", "night", "afternoon", "twice", "once", "better",
                   "worse", "same", "fine", "good", "bad", "okay", "ok", "none", "nobody",
                   "lots", "loads", "plenty", "little", "few", "much", "many", "more", "less",
                   "half", "every", "each", "both", "either", "neither", "sometimes", "usually",
                   "mostly", "fifteen", "mind", "tea", "breakfast", "lunch", "dinner", "toast",
                   "help", "stop", "keep", "get", "make", "cream", "beans", "yes", "yeah", "no"}


# a clause whose subject is implied opens with its verb: "Does not go upstairs"
_VERB_OPENERS = {"does", "do", "did", "has", "have", "had", "is", "are", "was", "were", "can",
                 "cannot", "could", "will", "would", "goes", "gets", "takes", "uses", "feels",
                 "thinks", "knows", "says", "lives", "likes", "wants", "needs", "eats",
                 "sleeps", "walks", "washes", "makes", "helps", "tries", "used", "went",
                 "fell", "lost", "came", "got", "took", "felt", "still", "not", "never"}


def tidy(text: str) -> str:
    """The spoken sentence without fillers, hedges, openers or question tags."""
    clause = concise(clean_speech(text)).strip()
    clause = re.sub(r"\b(?:meself|mesen|missen)\b", "myself", clause)  # dialect
    # nonstandard agreement as a note writes it: "he were in" -> "he was in", "he don't mean
    # it" -> "he doesn't mean it", "they was looking" -> "they were looking" ("if he were"
    # stays)
    clause = re.sub(r"\b(?<!if )(?<!as though )(he|she|it|He|She|It) were\b", r"\1 was", clause)
    clause = re.sub(r"\b(he|she|it|He|She|It|I) weren't\b", r"\1 wasn't", clause)
    clause = re.sub(r"\b(?<!if )(?<!wish )I were\b", "I was", clause)
    clause = re.sub(r"\b(he|she|He|She) don't\b", r"\1 doesn't", clause)
    clause = re.sub(r"\b(they|we|you|They|We|You) was\b", r"\1 were", clause)
    # a pause or a word said again: "since... since it was hot" -> "since it was hot",
    # "money is... not so good" -> "money is not so good"
    # "'Cause I'm not good with it, she says.": the one who says it goes first, so the next
    # sentence cannot take it ("…, she says I'd only spend it" read as Shannon's claim)
    said_after = re.match(r"^(?:'?cause|because|cos)?\s*(?P<what>[^,;—]{3,80}),\s+(?P<who>she|he|"
                          r"they) (?P<says>says|said|reckons|thinks)(?P<rest>\s*(?:[.!]|[—;].*)?)$",
                          clause, re.IGNORECASE)
    if said_after:
        what = said_after["what"]
        what = what if re.match(r"I\b|(?-i:[A-Z][a-z]+\b)(?<!It)(?<!That)(?<!This)", what) \
            else what[0].lower() + what[1:]
        clause = f"{said_after['who'].capitalize()} {said_after['says']} {what}" \
                 f"{said_after['rest'].rstrip('.!')}"
    # a dash left alone by a filler dropped ("starts to — you know — to look"), or opening it
    clause = re.sub(r"\s+[—–]\s+[—–](?=\s)", " —", clause)
    clause = re.sub(r"^[—–]\s+", "", clause)
    # ...and words said twice about a pause: "to the... to the voices", "I was — I was scared"
    clause = re.sub(r"\b((?:\w+\s+){0,2}\w+)(?:\.\.\.|…)\s*\1(?=\s)", r"\1", clause,
                    flags=re.IGNORECASE)
    clause = re.sub(r"\b((?:\w+\s+){1,2}\w+)\s+[—–]\s+\1(?=\s)", r"\1", clause,
                    flags=re.IGNORECASE)
    # a word searched for ("on the motorway, where is it, Wetherby"), and a slip taken back
    # ("The purple one... no, the Trelegy"): what is meant, once
    searched = r"(?:where is it|what's it called|what do you call it|what's the word)"
    clause = re.sub(rf"\b(at|in|on|to|from|by|near),\s*{searched},\s*(?=\w)", r"\1 ", clause,
                    flags=re.IGNORECASE)
    clause = re.sub(rf",\s*{searched},\s*(?=\w)", ", ", clause, flags=re.IGNORECASE)
    taken_back = re.sub(r"^[^.;:,]{1,40}?(?:\.\.\.|…)\s*no,\s+(?=\w)", "", clause,
                        flags=re.IGNORECASE)
    if taken_back != clause:
        clause = taken_back[0].upper() + taken_back[1:]
    # "And for me, I want to keep my job": the "me" put first says no more than the "I"
    clause = re.sub(r"^(?:and\s+|but\s+)?(?:as\s+)?for me,\s+(?=I\b)", "", clause,
                    flags=re.IGNORECASE)
    clause = re.sub(r"\b(and|but|or|is|was|were|are|just|since|the|a|an|to|of|in|it's|so|"
                    r"then|because|if)(?:\.\.\.|…)\s+(?=[a-z])", r"\1 ", clause,
                    flags=re.IGNORECASE)
    # "like" hedging a number or opening a clause: "like, two, three" -> "two, three"
    clause = re.sub(r"(?:^|(?<=[;:—]\s))like,\s+", "", clause)
    clause = re.sub(r"\s+and(?=\s*(?:[.;!?]|$))|(?<=:)\s*—\s*",
                    lambda m: "" if "and" in m.group(0) else " ", clause)
    # what a dropped "yes" or "um" leaves: "Friday dinnertime, — they said", "that's,. that"
    clause = re.sub(r",\s*(?=[—–]\s)", " ", clause)
    clause = re.sub(r",\s*([;:])", r"\1", clause)
    clause = re.sub(r",\s*\.(?=\s)", " —", clause)  # "That's, um... that was" -> "That's — that"
    # "Bit sad. Bit... I dunno.": a trailing "I dunno" after what was said hedges it, no more
    clause = re.sub(r"(?<=\w)(?:[;,.]|\.\.\.|…)*\s*[;,]?\s*I dunno\s*[.!?]*$", "", clause)
    tag = _TAGS_RE.search(clause)
    if tag and re.match(r"^[\s,.…]*no\b", tag.group(0), re.IGNORECASE) and \
            not has_negation(clause[:tag.start()]):
        return clause.rstrip(" .!?;:")  # "God, no." is a denial, not a tag: its "no" stays
    return _TAGS_RE.sub(r"\1", clause).rstrip(" ,.!?;:")


# Dialect "me" for "my" before what a person has: "me back", "me legs", "me tablets".
# The household speaking: "we've brought the bed down" -> "they have brought the bed down".
_SINGULAR = {"don't": "doesn't", "do": "does", "have": "has", "haven't": "hasn't", "are": "is",
             "aren't": "isn't", "were": "was", "weren't": "wasn't", "do not": "does not"}


def _singular(clause: str) -> str:
    """The verb after an implied singular subject: "have been" -> "has been"."""
    first, _, rest = clause.partition(" ")
    low = first.lower()
    if low in _SINGULAR:
        return f"{_SINGULAR[low]} {rest}".strip()
    if low.isalpha() and low not in _SENTENCE_STARTERS and not low.endswith(("ing", "ed")) and \
            low not in ("dunno", "gonna", "wanna"):
        return f"{third_person_verb(first)} {rest}".strip()
    return clause


# a name after one of these is who they are ("my sister, Jo, came"), not someone called to
_APPOSED = re.compile(r"\b(?:sister|brother|son|daughter|husband|wife|partner|mum|mam|mother|dad|"
                      r"father|friend|mate|neighbour|carer|nurse|worker|doctor|GP|lad|lass|girl|"
                      r"boy|grandson|granddaughter|nephew|niece|cousin|auntie|aunt|uncle|"
                      r"boyfriend|girlfriend|called|named|and|with|to|from|for|by|of)\s*$",
                      re.IGNORECASE)


def without_called(clause: str, names: frozenset[str]) -> str:
    """The clause without a name called to someone in the room: "There's no mice, Jo, I'd
    know" -> "There's no mice, I'd know"; "I know, Edna." -> "I know"."""
    def drop(match: re.Match[str]) -> str:
        if match.group(1).lower() not in names or _APPOSED.search(clause[:match.start()]):
            return match.group(0)
        return ""
    clause = re.sub(r"^(?:Dad|Mum|Mam|Mom|Nan|Nana|Gran|Grandad|Grandpa|Love|Pet),\s+(?=[a-z]|I\b)",
                    "", clause)  # "Dad, she would not."
    return re.sub(r"(?<=[a-z'])\s*,\s*((?-i:[A-Z][a-z]+))(?=\s*(?:[,.!?;]|$))", drop, clause)


# "He feeds himself; I cut his meat up": where someone else is the subject of a clause, a
# dropped "I" would read as that one's doing ("Cut his meat up — he is slow"), so the speaker
# keeps their name
_OTHER_DOES_RE = re.compile(r"\b(?:he|she|he's|she's)\b", re.IGNORECASE)


def note_sentence(text: str, voice: Voice, *, subject: bool,
                  names: frozenset[str] = frozenset()) -> str:
    """One spoken sentence as a note sentence; "" if nothing is left of it. `names` are the
    conversation's proper names (lowercase), which keep their capital after "said"."""
    clause = without_called(tidy(text), names) if names else tidy(text)
    if subject and not re.search(r"\b(?:we|we're|we've|we'll|we'd|our|ours|ourselves)\b",
                                 clause, re.IGNORECASE):
        # the North's "us" for "me", where no "we" says it is a household: "Lorraine cuts it
        # up for us" is for him
        clause = re.sub(r"(?<=[a-z] )us\b", "me", clause)
    clause = household(clause, us=True)
    if not clause:
        return ""
    first = clause.split()[0]
    bare = re.sub(r"[^\w']", "", first.lower())
    if first != "I" and not first.startswith("I'") and (bare in _SENTENCE_STARTERS or (
            names and re.sub(r"'s$", "", bare) not in names and not first.isupper())):
        clause = clause[0].lower() + clause[1:]  # keep names ("Helen") capitalised
    converted = convert_first_person(_ME_POSSESSIVE_RE.sub("my ", clause), voice)
    if not subject:
        own = voice.subject
        if converted.startswith(own + " ") and not re.search(r"; | — ", converted) and \
                re.fullmatch(r"(?-i:[A-Z][a-z]+)", own):
            # "Bethan said Bethan has not seen anything like that": their own doing, once
            return f"{voice.subject}{converted[len(own):]}."
        return f"{voice.subject} said {converted}."
    if clause.startswith("I") and re.match(r"^I(?:'m|'ve|'ll|'d)?\b", clause) and \
            not _OTHER_DOES_RE.search(clause):
        # the person's own sentence: the subject is implied ("Fell on the stairs")
        dropped = _DROP_SUBJECT_RE.sub("", converted, count=1)
        if voice.plural_verbs and dropped != converted:
            dropped = _singular(dropped)  # "they don't go" -> "Does not go", never "Don't go"
        if voice.they not in ("she", "he", "they") and converted.startswith(voice.they + " "):
            dropped = re.sub(r"^(?:is|are)\s+(?!going\b)", "",
                             converted[len(voice.they) + 1:], count=1)
        if dropped and dropped != converted:
            converted = dropped
            if not voice.plural_verbs:
                # "I go and get Mia. Do tea. Get Mia to bed.": the same dropped "I" runs on
                # through a list of what they do, so each bare verb agrees ("does tea")
                converted = _ROUTINE_RE.sub(lambda m: third_person_verb(m.group(1)), converted)
    converted = agree_dropped(converted, voice.plural_verbs)
    return converted[0].upper() + converted[1:] + "."


_ROUTINE_RE = re.compile(r"(?<=; )(do|get|make|take|put|give|help|cook|wash|clean|feed|walk|"
                         r"pick|sort|check|bring|fetch|empty|change|dress|hoover|iron|tidy|lift|"
                         r"ring|phone|collect|pay|buy|read|watch|shop|prompt|remind|drop)"
                         r"(?=\s+(?:the|a|an|his|her|their|my|it|them|him|up|out|round|"
                         r"(?-i:[A-Z][a-z]+)|[a-z]+\b(?<!ing)))")


# A denial of harm is the person's account, not an established fact: "Has Ryan ever hurt
# you?" "No, he'd never." is "Says Ryan has never hurt her."; "Any self-harm?" "No." is
# "Reports no self-harm."
def as_account(statement: str, they: str, names: frozenset[str]) -> str:
    if statement.startswith("No "):
        return "Reports n" + statement[1:]
    if _IMPLIED_RE.match(statement):  # "Is not frightened of him" -> "Says she is not…"
        return f"Says {they} {statement[0].lower()}{statement[1:]}"
    return "Says " + lower_first(statement, names)


_IMPLIED_RE = re.compile(r"^(?:Is|Was|Has|Had|Does|Did|Never|Not|Would|Will|Can|Could|Feels|"
                         r"Gets|Goes)\b")


# The person's own "Don't need one." with its subject dropped, as the note writes it: "Does
# not need one" (never "don't", which reads as an instruction). Only before a verb of the
# speaker's own state or doing, so an instruction ("Don't lift anything") stays one.
_DROPPED_RE = re.compile(r"(?:^|(?<=; )|(?<=: ))(don't|do not)(?=\s+(?:really\s+)?(?:know|need|"
                         r"want|like|feel|think|sleep|eat|drink|see|remember|care|smoke|cook|drive|"
                         r"cope|manage|hear|understand|believe|reckon|trust|fancy|enjoy)\b)|"
                         r"(?:^|(?<=; )|(?<=: ))(haven't|have not)(?=\s+(?:been|had|got|seen|"
                         r"heard|done|noticed|felt|slept|eaten|told|needed)\b)", re.IGNORECASE)
_AGREED = {"don't": "doesn't", "do not": "does not", "haven't": "hasn't", "have not": "has not"}


def agree_dropped(text: str, plural: bool) -> str:
    if plural:
        return text
    def agreed(match: re.Match[str]) -> str:
        said = match.group(1) or match.group(2)
        word = _AGREED[said.lower()]
        return word[0].upper() + word[1:] if said[0].isupper() else word
    return _DROPPED_RE.sub(agreed, text)
