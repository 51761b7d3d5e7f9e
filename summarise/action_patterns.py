"""The forms of English an agreed action takes, as patterns (`summarise.actions` uses them).

Leads ("I'll", "what we'll do is", "let me"), someone else's undertaking ("your daughter's
going to"), advice ("I'd suggest"), decisions ("the calls stop from Monday"), safety-netting
("if ..., ring 999"), offers and their acceptance, requests, and what is no commitment
("I can't promise", "shall I...?", signposting within the visit).
"""

from __future__ import annotations

import re

from summarise.speakers import ACTION_VERBS
from summarise.text import YES

VERBS = ACTION_VERBS + (r"|let|tell|inform|leave|chase up|liaise|note|record|pass on|"
                         r"put in|start|stop|increase|reduce|prescribe|print|post|do|see|"
                         r"take|make|keep|try|look|write|bring|show|talk|have a word|"
                         r"have a look|get in touch|drop in|pop in|come out|come and see|be back|"
                         r"be in touch|mention|email|e-mail|text|ring round|hand over|update|"
                         r"keep an eye|add|include|"
                         r"change|move|swap|cancel|chase|fill in|complete|fax|forward")
OWN_LEAD = (r"(?:what I(?:'m| am) going to do is|what I(?:'ll| will) do is|what I can do is|"
             r"what we'll do is|"
             r"what we're going to do is|I'll|I will|I'm going to|I am going to|I'm gonna|"
             r"we'll|we will|we're going to|we are going to|let me|I can|I could|I need to|"
             r"I (?:do |really |still )?have to|I've got to|"
             r"I(?:'d| would) (?:also |really )?like to|"
             r"I'm (?:also )?happy to|I'll need to|I'd suggest we|I want to)")
ADVERB = r"(?:also\s+|then\s+|just\s+|now\s+|definitely\s+|certainly\s+|first\s+|still\s+)?"
# "here's what I'd like to do, and…", "what you need to keep going": a relative clause names
# something, it commits no one (the clefts "what I'll do is…" are leads of their own)
RELATIVE = r"(?<!\bwhat )(?<!\bwhatever )(?<!\beverything )(?<!\banything )(?<!\ball )"
OWN_RE = re.compile(rf"\b{RELATIVE}{OWN_LEAD}\s+{ADVERB}(?:{VERBS})\b", re.IGNORECASE)
# someone else's: "you're going to ask", "Mick, you'll carry on", "your daughter's going to"
OTHER_RE = re.compile(
    # "if you need to go back…" is a condition, not an undertaking
    rf"\b{RELATIVE}(?<!\bif )(?:(?P<name>(?-i:[A-Z][a-z]+)),\s+)?"
    r"(?P<who>you|your (?P<rel>\w+(?:-in-law)?)|"
    # a role named by the practitioner: "the manager needs to ring the agency"
    r"the (?P<role>manager|home manager|nurse|district nurse|doctor|GP|OT|physio|pharmacist|"
    r"pharmacy|chemist|agency|provider|care agency|care home|school|college|landlord|council|"
    r"consultant|surgery|housing officer|warden|ward)(?=(?:'s| is)?\s+(?:going to|will need to|"
    r"needs? to|has to)\b)|"
    r"(?-i:[A-Z][a-z]+))(?:'s| is| are|'re)?(?:\s+|(?='ll\b))(?:going to|gonna|'ll|will|"
    r"need to|needs to|"
    r"has to|have to|agreed to|said (?:you'd|she'd|he'd|they'd)|carrying on|to carry on|"
    # an arrangement in the present: "Gary's ringing the chemist on Monday"
    r"(?<=(?:'s|is|re) )(?P<ing>ringing|calling|phoning|booking|sending|asking|checking|"
    r"arranging|contacting|emailing|writing to|referring|chasing|bringing))\s+"
    rf"{ADVERB}(?P<rest>.+)$", re.IGNORECASE)
# the arrangement's verb as an action's: "ringing" -> "ring"
ING_BASE = {"ringing": "ring", "calling": "call", "phoning": "phone", "booking": "book",
            "sending": "send", "asking": "ask", "checking": "check", "arranging": "arrange",
            "contacting": "contact", "emailing": "email", "writing to": "write to",
            "referring": "refer", "chasing": "chase", "bringing": "bring"}
# advice: "I'd suggest you ...", "what we'd recommend is ...", "I'd advise you to ..."
SECOND_OWNER_RE = re.compile(r",?\s+and\s+(?=(?-i:[A-Z][a-z]+)(?:'s| is| will|'ll| are)\s)")
RECOMMEND_RE = re.compile(r"\b(?:(?:what )?(?:I|we)(?:'d| would)(?: really| certainly| strongly)? "
                           r"(?:suggest|recommend|advise)|I (?:will |would )?"
                           r"(?:certainly |strongly )?(?:advise|recommend|suggest)|"
                           r"my advice (?:would be|is)|"
                           # "I'd like you to come back and see me in a week": asked of them
                           r"(?:I|we)(?:'d| would) like you to|(?:I|we) (?:want|need) you to)"
                           r"\s+(?:is\s+)?"
                           r"(?:(?:just|that|for)\s+)?(?:what (?:we|I) (?:say|call)\s+)?"
                           r"(?:you\s+)?(?:to\s+)?(?:should\s+)?(.+)$",
                           re.IGNORECASE)
DECISION_RE = re.compile(
    r"\b(?P<what>(?:the|your|her|his|their)\s+(?:\w+\s+){0,3}?(?:calls?|visits?|care|package|"
    r"hours|plan|placement|sessions?|days?|support|service|review|meals?))\s+"
    r"(?:will\s+)?(?P<verb>stops?|starts?|stays?|continues?|goes up|goes down|increases?|"
    r"reduces?|changes?|moves?|remains?|ends?|is (?:increased|reduced|stopped|staying|"
    r"going up|going down|ending|changing|moving))\b(?P<rest>.*)$", re.IGNORECASE)
# the condition may list several ("if you get a bad headache, or you're being sick, you ring
# 999"): it runs to the first comma that a "then" verb follows
SAFETY_RE = re.compile(r"^(?:(?:and|but|so|in the meantime|okay|ok|um|you know|remember|"
                       r"don't forget|(?-i:[A-Z][a-z]+)),?\s+)*"
                       r"if\s+"
                        r"(?P<cond>[^,]+(?:,\s+(?:or|by|in|within|so|and|like|such as|if)\s+"
                        r"[^,]+)*),"
                        r"\s*(?:then\s+)?"
                        r"(?P<then>(?:please\s+)?(?:(?:don't|do not|never)\s+(?=\w)|"
                        r"ring|call|phone|contact|start|go|dial|use|"
                        r"press|get|tell|let|come|take|seek|"
                        # "whoever's with you needs to ring 999": someone else's part
                        r"(?:whoever's|whoever is|someone|somebody) (?:with you )?"
                        r"(?:needs to|should|must|has to|will need to) (?:ring|call|phone)|"
                        r"you (?:ring|call|phone|can|should|"
                        r"must|need)|(?:I|we) (?:want|need|'d like|would like) you to)\b.+)$",
                        re.IGNORECASE)
DUE_RE = re.compile(
    r"\b(?:(?:by|on|next|this|before|after|until|from)\s+(?:(?:next|this)\s+)?"
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|week|month|weekend|"
    r"morning|afternoon|evening)|tomorrow|today|tonight|later today|"
    r"within\s+\w+\s+(?:days?|weeks?|working days?)|in\s+(?:a|\w+)\s+(?:days?|weeks?))\b",
    re.IGNORECASE)
LEAD_RE = re.compile(rf"^{OWN_LEAD}\s+{ADVERB}", re.IGNORECASE)
# "I'll send you a copy and call you in two weeks": a second verb after "and" is its own action.
# So is one after ", and": "tell the oxygen team, and refer to the fire service".
AND_VERB_RE = re.compile(rf",\s+and\s+we\s+(?=(?:{ACTION_VERBS})\b)|"
                          rf",?\s+and\s+(?:I'll\s+|then\s+)?(?=(?:{ACTION_VERBS})\s+"
                          rf"(?:you|your)\b)|,\s+and\s+(?:I'll\s+|then\s+)?(?=(?:{ACTION_VERBS})\b)|"
                          rf",?\s+and\s+I(?:'ll| will)\s+(?=(?:{ACTION_VERBS})\b)", re.IGNORECASE)
# Reasons and asides add words, not actions: "so if you fall you can call for help".
ASIDE_RE = re.compile(r"(?:,?\s+so (?:that |if |you |they |he |she |we |it's |it )|,\s+maybe |"
                       r"\s+to see how (?!the|your|her|his)|,\s+(?:just|only) so |"
                       r",\s+because |,\s+if that's (?:okay|alright|ok)|,\s+(?:actually|I know|"
                       r"I mean)\b).*$", re.IGNORECASE)
NOT_COMMITTED_RE = re.compile(r"\b(?:can't|cannot|won't|couldn't) promise|"
                               r"\bask (?:you )?(?:this|something|a question|everybody|everyone|"
                               r"all my)\b|"
                               r"\bask you (?:about|a few|some|"
                               r"a couple|if|whether|how|what)\b|\bif you want\b|"
                               r"\bdo you want me to\b|\bshall I\b|\bwould you like\b|"
                               # hospitality: "I'll put the kettle on"
                               r"\bput the kettle on\b|\bmake (?:you |us )?(?:a |another )?"
                               r"(?:cup of )?(?:tea|brew|coffee|cuppa)\b|"
                               # asked there and then: "I'll just ask, how many times…?"
                               r"\bask(?: you)?,?\s+(?:how|what|when|where|who|whether|if|do|"
                               r"does|did|are|is|have|has)\b[^.]*\?|"
                               # a topic handed on: "I'll leave that one for the GP"
                               r"\bleave (?:that|this|it)(?: one)? (?:for|to|with) (?:the |your )?"
                               r"(?:GP|doctor|nurse|hospital|consultant|specialist)\b|"
                               # ...or left with them: "I'll leave that between you and the
                               # bank", "I'll leave it up to you"
                               r"\bleave (?:that|this|it)(?: one)? (?:between you|up to you|with "
                               r"you|to you)\b|"
                               # checking what was heard: "I'll just check I've got everything"
                               r"\b(?:check|make sure) (?:that )?I(?:'ve| have) (?:got|understood|"
                               r"heard)\b|\bmake sure I'm not missing\b|"
                               # leave-taking: "I'll let you get on", "I'll leave you to it"
                               r"\blet you (?:get on|go|get off|get back)\b|"
                               r"\bleave you (?:to it|in peace|be)\b|"
                               r"\bI'm not going to\b|\bI won't\b|\bif and when you\b|"
                               # this visit's agenda: "We'll look at what support you've got"
                               r"\b(?:look at|go through|talk about|talk through|cover) "
                               r"(?:what|how|whether) (?:support )?(?:you|things)\b|"
                               # an assumption: "I'll take it you don't take any medication"
                               r"\btake it (?:that |you |he |she |they )|"
                               # a wish there and then: "I just want to see you're alright"
                               r"\bwant to see (?:that )?(?:you|he|she|they)(?:'re|'s| are| is)\b|"
                               r"\bwhen you're ready\b|\bif you'd like\b|^I can\b[^.]*,\s+or\b|"
                               # asked there and then: "I need to ask about Kai as well" (no
                               # one named to ask: the person, now); looked at there and then:
                               # "let me just have a look under the dressing" (but "let me look
                               # into it" is a task)
                               r"\b(?:need|have|want|'d like|would like|must) to ask about\b|"
                               r"\blet me (?:just )?(?:have a (?:quick )?look|take a look|look|"
                               r"see)\b(?! (?:into|if|whether|what))|"
                               # the visit summed up: "let me just say back what we've talked
                               # about and you tell me if I've got it wrong"
                               r"\blet me (?:just )?(?:say|read|sum|go over|run through|recap)"
                               r"\b[^.]*\b(?:back|up|talked|discussed|said|agreed)\b|"
                               r"\bif I've got (?:it|that|anything) wrong\b|"
                               # talked through here and now: "let me talk through some
                               # options and you tell me what you think", "let me explain"
                               r"\blet me (?:just )?(?:talk|go|run|take you|walk you) (?:you )?"
                               r"through\b[^.]*\band you (?:tell|say|let)\b|"
                               r"\blet me (?:just )?(?:explain|tell you|ask you)\b|"
                               # empathy and judgement there and then: "I can see why you did
                               # that", "I'll take that as a yes"
                               r"\bI can (?:see|understand|imagine|hear|tell) (?:why|how|what|"
                               r"that|it|you)\b|\btake (?:that|it) as a (?:yes|no)\b|"
                               # signposting: "I need to tell you what I'm going to do", "what
                               # I can do is tell you the options and you have a think"
                               r"\btell you (?:what|how|why) (?:I'm|I am|we're|I'll|we'll|I)\b|"
                               r"\btell you (?:about )?(?:the|your|some) options\b|"
                               # the visit itself, arranged before it: "Gemma said she'd let
                               # you know I was coming"
                               r"\blet (?:you|him|her|them) know (?:that )?(?:I|we) (?:was|were|"
                               r"'d be|would be) (?:coming|visiting|calling|popping)\b|"
                               # signposting within the visit: "I'll ask you a bit more about
                               # your work later on", "I'll come back to that in a second",
                               # "we'll get to medication in just a second",
                               # "I'll come back to that, I promise"
                               r"\bcome back to (?:that|this|it)\b(?! (?:on|next|at|when|after|"
                               r"in (?:a|two|three|\w+) (?:week|month)))|"
                               r"\b(?:ask|talk|come back to|get (?:back )?to|go (?:through|over)|"
                               r"explain|check)"
                               r"\b[^.]*\b(?:later on|in (?:just )?a (?:sec|second|minute|moment|"
                               r"bit)|shortly|in a moment|before (?:you|I) go)\b",
                               re.IGNORECASE)
DUPLICATE = 0.6  # share of the shorter action's words that make it a restatement
# A pseudo-cleft says what will be done: "What we'll look at is getting a morning call put in"
# is "We'll look at getting a morning call put in"; "What I'd like to do today is what's called
# an assessment" describes this visit, not a next step.
CLEFT_NOW_RE = re.compile(
    r"\bwhat (?:I|we) ?(?:'d like to|would like to|'ll|will|'re going to|are going to|"
    r"'m going to|am going to|want to) do (?:today|now|here|this (?:morning|afternoon|visit)) "
    r"is\b[^.?!]*[.?!]?\s*", re.IGNORECASE)
CLEFT_RE = re.compile(
    r"\bwhat (?P<who>I|we) ?(?:'ll|will|'re going to|are going to|'m going to|am going to|"
    r"'d like to|would like to|need to|want to)\s+(?P<verb>(?!do\b)[a-z]+(?:\s+(?:at|up|in|on|"
    r"out|for|about|into|through|with))?)\s+(?:(?:first|next|then)\s+)?is\s+", re.IGNORECASE)
# The same service under its usual short name, when telling a restatement from a new action.
SHORT_NAMES = ((re.compile(r"\bOTs?\b"), "occupational therapist"),
                (re.compile(r"\bphysio\b", re.IGNORECASE), "physiotherapist"),
                (re.compile(r"\bDN\b"), "district nurse"))
# Options offered ("I can put in a referral for you, or sit with you while you ring them"),
# and the first taken up ("You do it." "I'll do it.")
OPTIONS_RE = re.compile(r"^(?:(?:and|so|well|okay|ok|right),?\s+)*I (?:can|could) (.+?),\s+or\s+",
                         re.IGNORECASE)
CHOSEN_RE = re.compile(r"^(?:(?:okay|ok|right|fine|yes|yeah),?\s+)?(?:you do it|you do that|"
                        r"I'll do (?:it|that))\b", re.IGNORECASE)
OFFER_RE = re.compile(r"^(?:(?:and|so|well|okay|ok|right|um|but|or),?\s+)*(?:I|we) (?:can|could)\b|"
                       r"\b(?:options?|we have)\b.*\bI can\b", re.IGNORECASE)
# "Would that help?", "Is that okay?": what came just before is an offer, not yet agreed
SEEKS_AGREEMENT_RE = re.compile(r"\b(?:would that (?:help|be (?:okay|ok|alright|all right|good))|"
                                 r"is that (?:okay|ok|alright|all right)|how does that sound|"
                                 r"would you like (?:that|me to)|shall I|do you want me to|"
                                 r"what do you think)\b.*\?", re.IGNORECASE)
TAKEN_UP_RE = re.compile(r"\b(?:that would (?:help|be)|that'd (?:help|be)|it would|"
                          r"go on(?: then)?|please|that's fine|I think so|sounds good|fair enough|"
                          r"\w+'d be (?:good|great|lovely|grand|brilliant|champion|fine)|"
                          r"would be (?:good|great|lovely|brilliant)|you do it|"
                          r"(?:alright|all right|ok|okay) then)\b", re.IGNORECASE)
COMMITTING = {"professional", "family", "carer"}
ACCEPT_RE = re.compile(rf"^(?:{YES}|of course|sure|certainly|will do|I will|I can|"
                        r"I'll|okay|ok|no problem|no bother|course|go on|alright then|"
                        r"all right then)\b", re.IGNORECASE)
# ("And your head - will you ring 111 now?": a topic, then the request; "And Archie, can
# you…?": the name called)
REQUEST_RE = re.compile(rf"^(?:[^?]{{1,40}}?\s[-—–]\s+)?(?:(?:and|so|okay|right),?\s+)?"
                         rf"(?:(?-i:[A-Z][a-z]+),\s+)?(?:can|could|will|would) you "
                         rf"(?:please\s+|just\s+|also\s+)?(?:be able to\s+)?"
                         rf"(?P<rest>(?:{VERBS})\b.*?)\??$",
                         re.IGNORECASE)
# a softer word on the request just made, before the reply: "Maybe have one at the back door?",
# "Senga, maybe help him write it down?"
FOLLOW_ON_RE = re.compile(r"^(?:(?-i:[A-Z][a-z]+),\s+)?(?:maybe|perhaps|or even|even)\b[^.!]*\?$",
                          re.IGNORECASE)
IMPERATIVE_RE = re.compile(rf"^(?:(?:and|so|then|also|please),?\s+)?(?:please\s+)?"
                            rf"(?P<rest>(?:{VERBS}|keep an eye on|update|make sure)\b.*)$",
                            re.IGNORECASE)
# Requests met there and then ("Can you talk me through what you found?") are not actions.
HERE_AND_NOW_RE = re.compile(r"^(?:talk|tell|show|explain|go through|walk)\b", re.IGNORECASE)
REPORTED_RE = re.compile(r"\b(?:says?|said|thinks?|thought|reckons?|tells? (?:me|him|her|you)|"
                          r"told (?:me|him|her|you)|threatens?|threatened)\s+(?:that\s+)?$",
                          re.IGNORECASE)
# "Leave it with me": the practitioner will see to it, and says no more than that
LEAVE_IT_RE = re.compile(r"^(?:(?:and|so|just),?\s+)?leave (?:it|that|this) with (?:me|us)\b",
                          re.IGNORECASE)
SAYING_RE = re.compile(r"^(?:tell|say to|let) you (?:that\b|I'm\b|I am\b|I\b|know that I)|"
                        r"^be (?:honest|straight|clear)\b", re.IGNORECASE)
NOT_TO_RE = re.compile(r"^(?:don't|do not|never)\s+", re.IGNORECASE)


def uncleft(spoken: str) -> str:
    spoken = CLEFT_NOW_RE.sub("", spoken)
    # "What we'll do is, you come in tomorrow": "you'll come in tomorrow"
    spoken = re.sub(r"\bwhat (?:I|we) ?(?:'ll|will|'re going to|are going to) do is,?\s+you\s+"
                    r"(?!'ll\b|will\b)", "you'll ", spoken, flags=re.IGNORECASE)
    # "What I want you to do is put a pillow under your calves": "you need to put a pillow…"
    spoken = re.sub(r"\bwhat (?:I|we) (?:want|need|'d like|would like) you to do is,?\s+",
                    "you need to ", spoken, flags=re.IGNORECASE)
    # "What we'll do is Mags goes with you three more times": "Mags will go with you…"
    spoken = re.sub(r"\bwhat (?:I|we) ?(?:'ll|will|'re going to|are going to) do is,?\s+"
                    r"((?-i:[A-Z][a-z]+))\s+([a-z]+s)\b(?<!ss)",
                    lambda m: f"{m.group(1)} will {_base(m.group(2))}", spoken,
                    flags=re.IGNORECASE)
    return CLEFT_RE.sub(lambda m: f"{m.group('who')}'ll {m.group('verb')} ", spoken)


def _base(verb: str) -> str:
    """"goes", "tries", "takes", "washes" -> "go", "try", "take", "wash"."""
    if verb.endswith("ies"):
        return verb[:-3] + "y"
    if re.search(r"(?:o|ss|sh|ch|x)es$", verb):
        return verb[:-2]
    return verb[:-1]
# a refusal first: what follows is why, not an undertaking ("I can't, I've got to get the
# kids at three. Sorry.")
DECLINED_RE = re.compile(r"^(?:(?:oh|no|sorry|um|well),?\s+)*(?:I can't|I cannot|I won't|I "
                         r"couldn't|I'm not able to|I'm afraid I can't)\b(?!\s+wait\b)",
                         re.IGNORECASE)
# the visit said back to the person: "to sum up", "let me just read it back"
RECAP_RE = re.compile(r"\b(?:to recap|recap|to sum up|sum up|summari[sz]e|go over what|"
                      r"just to check I(?:'ve| have) got|"
                      r"(?:check|make sure|be sure) I(?:'ve| have) "
                      r"got (?:this|that|it|everything|all that) right|"
                      r"what I(?:'ve| have) (?:got|heard) is|if I(?:'ve| have) understood|"
                      r"read (?:it|that|this) back|what we(?:'ve| have) agreed)\b", re.IGNORECASE)
