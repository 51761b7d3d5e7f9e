"""The forms of English a question and its answer take, as patterns (`summarise.qa` uses
them): a bare no or yes, an echo of the question's verb, openers, tails, "any" questions,
questions with their auxiliary or question word, reflections, and what asks back.
"""

from __future__ import annotations

import re

from summarise.text import NO, YES

# A bare no: "No.", "No, ...", "Never.", "Not really." ("No falls recorded" is a statement of
# its own, about falls, not a no to whatever was asked.)
NEGATIVE_RE = re.compile(rf"^(?:(?:{NO}|never|none|nothing|not at all|not really|"
                         r"not that I know of|not as such|no,? not really|not much|not often|"
                         r"hardly)(?=\s*(?:$|[,.!;?]))|(?:not|never) \w+|"
                         # "no I don't feel feverish": said without a pause, the clause agreeing
                         rf"(?:{NO})\s+(?=I(?:'m|'ve)?\s+(?:\w+n't|not|never)\b))", re.IGNORECASE)
POSITIVE_RE = re.compile(rf"^(?:{YES}|I do|I have|I am|I did|I can|"
                         r"it is|it does|they do|they are|he does|she does|he is|she is|definitely|"
                         r"of course|that's right|correct)\b", re.IGNORECASE)
OPENER_RE = re.compile(r"^(?:(?:and|so|but|okay|ok|right|now|then|also|just|well|alright|sorry)"
                        r"\b,?\s*|"
                        r"(?-i:[A-Z][a-z]+),\s+)", re.IGNORECASE)
STRONG_NO_RE = re.compile(rf"^(?:{NO}|never|none|nothing|not at all|no,? never)"
                          r"(?=\s*(?:$|[,.!;?]))", re.IGNORECASE)
# "Yes it is", "No I don't": an answer that echoes the question's own verb
ECHO_RE = re.compile(r"^(?:yes|yeah|no|nope),?\s+(?:it|I|he|she|they|that|we)\s+"
                      r"(is|isn't|was|wasn't|do|don't|does|doesn't|did|didn't|am|have|haven't|"
                      r"has|hasn't|can|can't|will|won't|are|aren't)\b"
                      # bare: "No, I haven't noticed anything" has a verb of its own
                      r"(?=\s*(?:[,.!?;]|$))", re.IGNORECASE)
ACKNOWLEDGED_RE = re.compile(r"^(?:right you are|right|okay|ok|thank you|thanks|lovely|fair "
                              r"enough|alright|all right|ta|cheers|mm+|I see)\b", re.IGNORECASE)
# a second "any" after a comma, "or" or "and" is the list's next item ("any redness, any
# swelling"); after a preposition it is not ("allergies to any medications")
MORE_ANY_RE = re.compile(r"(?:,\s*(?:or\s+|and\s+)?|\s+(?:or|and)\s+)any\s+", re.IGNORECASE)
# "Not that I know of": no known ...
NONE_KNOWN_RE = re.compile(r"^(?:(?:mm|um|er|erm|no),?\s+)?not that I(?:'m aware| know| can "
                            r"(?:think|remember)) of\b", re.IGNORECASE)
# (after a name called: "Doreen, has Ryan ever hurt you? Pushed you, grabbed you?")
FULL_Q_RE = re.compile(r"^(?:(?:and|so|but|okay|ok|right|now|sorry|(?-i:[A-Z][a-z]+)),?\s+)*"
                       r"(?:do|does|did|are|is|"
                        r"was|were|have|has|can|could|will|would|how|what|when|where|who|which)\b",
                        re.IGNORECASE)
NONE_SEEN_RE = re.compile(r"^(?:no,?\s+)?not that I(?:'ve| have)? (?:could see|saw|seen|noticed|"
                           r"could tell)\b", re.IGNORECASE)
EXAMPLES_RE = re.compile(r"\b(?:for example|for instance|such as|e\.g\.)|\bor,", re.IGNORECASE)
OPINION_RE = re.compile(r"^(?:think|reckon|suppose|feel like|know|remember|believe)\b",
                         re.IGNORECASE)
ASKS_BACK_RE = re.compile(r"\byou mean\b|^(?:sorry|pardon)\b[?.!]?|\bwhat do you mean\b",
                           re.IGNORECASE)
# a request to hear the question again answers nothing: "With my what?", "Say again?"
REPEAT_RE = re.compile(r"^(?:(?:sorry|pardon|uh|um|erm|oh|what),?\s+)*(?:say (?:that |it )?again|"
                       r"come again|(?:with |about |in )?(?:my|your|the|his|her) what|"
                       r"what was that|you what|I didn't (?:catch|hear) (?:that|you|it)|"
                       r"can you (?:say|repeat) (?:that|it)(?: again)?|sorry|pardon|what)"
                       r"\s*(?:please|sorry)?\s*[?.!]*$", re.IGNORECASE)
# a short tail sentence after the question: "When was your last screen? If ever?"
TAIL_SENTENCE_RE = re.compile(r"\?\s+(?:if (?:at all|ever|any)|at all|or not|ever|if so)\s*\??$",
                               re.IGNORECASE)
# a question of two parts: "…plenty of fluids, and passing urine OK", "…eating and sleeping"
TWO_PART_RE = re.compile(r",\s*(?:and|or)\s+|\s(?:and|or)\s+(?=(?:\w+ing|are|is|do|does|did|"
                          r"have|has|you|your)\b)", re.IGNORECASE)
# "your last screen": a modifier, not the whole subject
MODIFIERS = {"last", "first", "next", "usual", "main", "current", "latest", "previous",
              "recent", "regular", "normal", "other", "own"}
TAIL_RE = re.compile(r",?\s*\b(?:do you think|would you say|you reckon|roughly|at all|say|"
                      r"then|now|these days|at the moment|"
                      # "Any self-harm, cutting, anything like that?": the list is the question
                      r"(?:or )?(?:anything|something|owt) (?:like that|of that sort|"
                      r"else like that)|"
                      r"or anything)$", re.IGNORECASE)
WH_BARE_RE = re.compile(r"^(how many|how much|how often|how long|what time)\s+(.+)$",
                         re.IGNORECASE)
TOPIC_LEAD_RE = re.compile(r"^(?:(?:do|does|did|doing|have|get|use|been|being)\s+)?"
                            r"(?:(?:for|about|with|to)\s+)?", re.IGNORECASE)
ANY_RE = re.compile(
    r"^(?:(?:have|has) (?:you|he|she|they) (?:had|got|noticed|seen)|do (?:you|they) (?:have|get|"
    r"notice)|does (?:he|she) (?:have|get)|is there|are there|were there|was there|"
    r"did (?:you|he|she|they) (?:have|get|notice)|(?:you|he|she) (?:had|got))?\s*"
    r"\b(any|anything|anyone|anybody)\b\s*(.*)$", re.IGNORECASE)
AUX_RE = re.compile(r"^(do|does|did|are|is|was|were|have|has|can|could|will|would)\s+"
                     r"(you|he|she|they|it|(?-i:[A-Z][a-z]+))\s+(.+)$", re.IGNORECASE)
WH_RE = re.compile(r"^(how many|how much|how often|how long|how far|what time|when|where|who|"
                    r"which|what|how)\b\s*((?:\w+\s+){0,4}?)"
                    r"(do|does|did|are|is|was|were|have|has|can|could|will|would)\s+"
                    r"(you|he|she|they|it|we|(?:the|your|her|his)\s+\w+|(?-i:[A-Z][a-z]+))\b"
                    r"\s*(.*)$", re.IGNORECASE)
REFLECT_RE = re.compile(r"^(?:so\s+)?(?:you're|you are|you've|you have|you)\s+(.+)$",
                         re.IGNORECASE)
NEG_AUX = {"do": "does not", "does": "does not", "did": "did not", "are": "is not",
            "is": "is not", "was": "was not", "were": "was not", "have": "has not",
            "has": "has not", "can": "cannot", "could": "could not", "will": "will not",
            "would": "would not"}
POS_AUX = {"are": "is", "is": "is", "was": "was", "were": "was", "have": "has", "has": "has",
            "can": "can", "could": "could", "will": "will", "would": "would"}
# "you" after these is the object ("help you", "for you"); anywhere else in a question
# turned into a topic it is the subject ("the care you give", "since you came home").
# a question about what was just said: "Have you mentioned that to Dr Okonjo?", "How long has
# that been going on?" (never a check, "Is that right?")
BACK_REF_RE = re.compile(r"(?<!\blike )(?<!\bthan )(?<!\ball )(?<!\band )(?<!\bor )(?<!\bis )"
                         r"\bthat\b(?=\s*(?:\?|$|,)|\s+(?:to|with|about|for|at|before|yet|"
                         r"again|ever|been|happen|happened|start|started|stop|stopped|help|"
                         r"helped|helps|affect|affected|last|lasted)\b)", re.IGNORECASE)
CHECK_RE = re.compile(r"\b(?:is|does|was) (?:that|it|this) (?:right|ok|okay|alright|correct|"
                      r"fair|true)\b|\b(?:and that|or that|and stuff like that)\W*$",
                      re.IGNORECASE)
OBJECT_AFTER = re.compile(r"\b(?:to|for|with|at|from|about|of|on|by|off|into|onto|against|"
                           r"without|towards|toward|behind|beside|near|upon|after|help|helps|give|gives|tell|"
                           r"ask|see|visit|call|ring|phone|let|make|get|take|bring|send|told|gave|"
                           r"asked|sent|brought|took|made|let|helped|hurt|hit|push|pushed|shout|"
                           r"shouted|scare|scared|frighten|frightened|leave|left|keep|kept|"
                           r"support|supports|than|like|stop|stops|threaten|threatens|force|"
                           r"forces|touch|grab|pressure|bully|control|controls|follow|watch|"
                           r"remind|reminds|wake|wakes|lift|trust|owe|owes|lend|lends|text|"
                           r"texts|rang|met|woke|drove|"
                           # "Has he ever stopped you going out?" (never "mentioned you live")
                           r"stopped|prevented|threatened|forced|touched|grabbed|pressured|"
                           r"bullied|controlled|followed|watched|reminded|lifted|texted|phoned|"
                           r"called|visited|checked|picked|kicked|slapped|punched|locked)"
                           r"\s+$", re.IGNORECASE)
PRESENT = {"get", "go", "come", "have", "do", "take", "see", "feel", "need", "use", "think",
            "want", "know", "say", "mean", "like", "manage", "find", "sleep", "eat", "drink",
            "live", "are", "give", "help", "make", "cook", "wash", "dress", "look", "care",
            "cope", "walk", "spend", "pay", "keep", "worry", "enjoy", "prefer", "try", "hope",
            "wish", "remember", "forget", "usually", "normally", "pass", "stand", "bend",
            "lie", "sit", "breathe", "cough", "move", "climb", "lift", "shower", "bath",
            "struggle", "fall", "hurt", "wake", "cry", "drive", "read", "hear", "bring", "stay",
            "visit", "ring", "call", "send", "leave"}
# "When you feel like that, do you ever...?": a condition, then the question
CONDITION_LEAD_RE = re.compile(r"^(?:(?:and|so|okay|right),?\s+)?(?P<cond>(?:when|whenever|if|"
                                r"after|before)\b[^,?]{3,60}(?:,\s+or\s+[^,?]{3,40})?),\s+"
                                r"(?=(?:do|does|did|are|is|was|were|have|has|can|could|would|will|"
                                r"what|how|where|who)\b)", re.IGNORECASE)
# a statement asked as a question by its last word: "you moved here when?"
TAIL_WH_RE = re.compile(r"^(?P<stmt>(?:and |so |but )?(?:you|your|the|her|his|their|she|he|"
                         r"they)\b.+?)\s+(?P<wh>when|where|how long|how many|how much|"
                         r"what time|how often)$", re.IGNORECASE)
# Leave asked ("Would it be alright if I had a look at them?") and given ("Aye, course you
# can."): a courtesy, not a fact. Only the practitioner's own: "Would it be okay for the doctor
# to look at her arms?" "If you want, love." is a consent the note records.
ASKS_LEAVE_RE = re.compile(r"\b(?:(?:would|is) (?:it|that) (?:be )?(?:alright|all right|ok|okay|"
                           r"fine) (?:if|for) (?:I|me|we|us)|(?:can|could|may|shall) I|do you "
                           r"mind if (?:I|we)|mind if I|happy for (?:me|us) to)\b", re.IGNORECASE)
CONSENT_RE = re.compile(rf"^(?:(?:{YES}|okay|ok|sure|of course|course|fine|go ahead|go "
                        r"on|please|that's fine|that's ok|no problem|no bother|if it's no bother|"
                        r"if you like|if you want|you can|that'd be (?:good|great|lovely|nice)|"
                        r"love|pet|hinny|duck|then|by all means)[\s,.!]*)+$", re.IGNORECASE)
# a question that states a denial for the person to confirm: "No chest pain?", "Uh, no, no
# problems with vomiting, or loose stools?" (a "no," before it acknowledges the last answer)
DENIED_Q_RE = re.compile(r"^(?:(?:no|yes|yeah|yep|okay|ok),\s+)*"
                         r"(?P<stmt>(?:no|nothing)\s+\w[^.?!]*)$", re.IGNORECASE)


# a question that only asks more of the answer just given: "How long for?", "When was that?"
FOLLOW_UP_RE = re.compile(r"^(?:(?:and|so|okay|ok|right),?\s+)?(?:(how long(?: for)?|for how "
                           r"long)|since when|when (?:was|did) (?:that|it|this)|when|how often|"
                           r"how many|how much|which one|what dose)\s*\?$", re.IGNORECASE)


def without_vocative(question: str, names: frozenset[str] | None) -> str:
    """The question without a name called mid-way or at its end: "How often do you come
    round, Pat" -> "How often do you come round" (`names`: the conversation's, lowercase)."""
    if not names:
        return question
    return re.sub(r",\s*((?-i:[A-Z][a-z]+))(?=\s*(?:,|$))",
                  lambda m: "" if m.group(1).lower() in names else m.group(0), question)


# A question about harm: its denial is the person's account (summarise.facts).
HARM_ASKED_RE = re.compile(
    # done to the person by someone: "Has he ever hurt you?", "Is anyone unkind to you?"
    r"\b(?:hurt|hit|hits|push|pushed|grab|grabbed|slap|slapped|kick|kicked|threaten|threatened|"
    r"frighten|frightened|scare|scared|abuse|abused|touch|touched|bully|bullied|force|forced|"
    r"harm|made|make|unkind to|nasty to|horrible to)\s+(?:you|yourself)\b|"
    r"\b(?:frightened|scared|afraid) of (?:him|her|them|anyone|anybody|someone)\b|"
    # and harm the person might do themselves
    r"\bself[- ]harm|\bharming yourself\b|\bhurting yourself\b|\bending your life\b|"
    r"\b(?:take|taken|took) (?:your|any) money\b", re.IGNORECASE)


# An answer that points back at its question, which it cannot do without: "No, I haven't
# noticed anything like that.", "Yes, it was.", "It's worse at night.", "Don't know, really."
POINTS_BACK_RE = re.compile(r"\blike that\b|^(?:no|yes|yeah|yep|nope|nah|not really)\b[,.]?\s+\S|"
                            r"^(?:it|that)(?:'s| is| was)\b|^(?:I )?(?:don't|do not) know\b|"
                            r"\b(?:think|suppose|guess|hope|believe) (?:so|not)\b",
                            re.IGNORECASE)


# "Would you be open to something like that again?" "Maybe. If it's on the phone.": a wish
# asked, whose answer needs it (unlike a request, "Would you be able to ask her?")
WISH_RE = re.compile(r"^(?:be (?:open|willing|happy|interested|keen)|like|want|prefer|consider|"
                      r"rather)\b", re.IGNORECASE)


NOTHING_ASKED = "else want tell ask add mention say"  # "Anything else?": no topic
SOFT_NO_RE = re.compile(r"^(?:not really|not much|not often|not a lot|not that much|not very much|"
                        r"not especially|not particularly|hardly(?: ever)?|barely|rarely|"
                        r"(?:I )?(?:don't|do not) (?:think|reckon|believe) so)\b[\s,.!]*"
                        r"(?:no\b[.!]?)?", re.IGNORECASE)
# a check of a "no" just given: "None at all? Not even a little trip?", "Nothing?", "Never?"
CHECKS_NO_RE = re.compile(r"^(?:and\s+)?(?:none|nothing|never|no one|nobody)(?: at all| ever)?"
                          r"(?:[?,]\s*(?:not even|not once|not ever)\b.*)?$|"
                          r"^not (?:even|once|ever)\b", re.IGNORECASE)
YES_NO_ONLY_RE = re.compile(rf"^\W*(?:(?:{YES}|{NO})\W*)+$", re.IGNORECASE)
