"""Risk cues a practitioner must see and resolve, each with the evidence that raised it.

A lexicon, not a classifier: it is meant to over-flag. A missed fall or disclosure is far
worse than a flag dismissed with a reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from summarise.draft import Flag
from summarise.text import split_sentences

RISK_CUES: dict[str, tuple[str, ...]] = {
    "falls": (r"\bfall(?:s|en|ing)?\b(?!\s+(?:asleep|out|apart|behind|for|through|short)\b|-out)",
              r"\bfell\b(?!\s+(?:asleep|out|apart|behind|for|through|short)\b|-out)",
              r"\bon the floor\b", r"\btripp(?:ed|ing)\b", r"\btrips? (?:over|on|up)\b",
              r"\bslipp?(?:ed|ing)? (?:on|in|down|over)\b", r"\bunsteady\b",
              r"\bstuck in the bath\b", r"\bcouldn'?t get (?:out of|up from) the (?:bath|floor|"
              r"chair)\b", r"\blong lie\b", r"\bnearly (?:gone|went|fell|fallen)\b",
              r"\bnot (?:so |very )?steady\b", r"\blost (?:my|her|his) balance\b"),
    # Abuse, in the Care Act's own categories, so the right procedure is followed.
    "physical abuse": (r"\bhit(?:s|ting)? (?:me|her|him)\b", r"\bslapp?(?:ed|s)?\b",
                       r"\bpush(?:ed|es)? (?:me|her|him)\b", r"\bkick(?:ed|s)?\b",
                       r"\bpunch(?:ed|es)?\b", r"\bgrabb?(?:ed|s)? (?:me|her|him)\b",
                       r"\bhurt (?:me|her|him)\b",
                       # rough handling: "he gets her under the arms and yanks her up"
                       r"\byank(?:s|ed|ing)? (?:me|her|him|us)\b", r"\bmanhandl(?:e|es|ed|ing)\b",
                       r"\bshov(?:e|es|ed) (?:me|her|him|us)\b",
                       r"\brough(?:ly)? (?:with|handl)", r"\bphysical abuse\b"),
    "financial abuse": (r"\btakes? (?:my|her|his) (?:money|pension|bank ?card|card)\b",
                        r"\btook (?:my|her|his) (?:money|pension|bank ?card|card)\b",
                        r"\bkeeps (?:my|her|his|the) (?:bank ?)?card\b",
                        # "She minds my card", "he's got my card and my PIN"
                        r"\bminds (?:my|her|his) (?:bank ?)?card\b",
                        r"\b(?:has|'s) got (?:my|her|his) (?:bank ?)?card and "
                        r"(?:my |her |his )?PIN\b",
                        r"\b(?:money|pension)(?:'s| is| has) (?:all )?gone\b",
                        r"\bthe money's gone\b", r"\bnothing left\b",
                        r"\bfinancial abuse\b", r"\bsteal(?:s|ing)?\b", r"\bstole\b"),
    "emotional abuse": (r"\bshouts? at (?:me|her|him)\b", r"\bshouted at (?:me|her|him)\b",
                        r"\bthreaten(?:s|ed|ing)?\b", r"\b(?:scared|frightened|afraid) of "
                        r"(?:him|her|them|(?-i:[A-Z][a-z]+))\b",
                        r"\bcalls? (?:me|her|him) names\b",
                        r"\bemotional abuse\b", r"\bpsychological abuse\b"),
    "sexual abuse": (r"\bsexual(?:ly)? (?:abuse|assault|touch)", r"\btouched (?:me|her|him) "
                     r"(?:where|inappropriately)", r"\braped?\b"),
    # An injury is an indicator to explain, whatever caused it.
    "injury": (r"\bbruis(?:e|es|ed|ing)\b", r"\bburns? (?:on|to)\b", r"\bcuts? (?:on|to)\b",
               r"\bbroken (?:arm|wrist|hip|leg|rib)", r"\bnothing broken\b"),
    "neglect": (r"\bneglect(?:ed|ing)?\b", r"\bleft alone (?:all|for)\b", r"\bno food\b",
                r"\bnobody helps\b", r"\bsoiled\b", r"\bdirty\b",
                r"\bnot washed\b"),
    "self-harm": (r"\bself[- ]harm(?:ing)?\b", r"\bcut(?:ting)? myself\b",
                  r"\bhurt(?:ing)? myself on purpose\b", r"\boverdose\b"),
    "suicide": (r"\bsuicid(?:e|al)\b", r"\bkill(?:ing)? myself\b", r"\bend (?:it all|my life)\b",
                r"\bbetter off dead\b", r"\bdon'?t want to (?:live|be here)\b"),
    "weapons": (r"\bknife\b", r"\bknives\b", r"\bgun\b", r"\bweapon\b", r"\bshotgun\b"),
    "missed medication": (r"\bforg[eo]t(?:s|ting)? (?:\w+ ){0,3}(?:tablets|pills|medication|"
                          r"medicine|doses?|ones)\b",
                          r"\bforg[eo]t(?:s|ting)? (?:if|whether) (?:I|she|he)"
                          r"(?:'ve| have| has| had)? (?:taken|take|took|had) (?:them\b|it\b|an?\b|"
                          r"(?:my|her|his|the) (?:\w+ )?(?:tablets|pills|medication|medicine|"
                          r"doses?)\b)", r"\bmiss(?:ed|es|ing)? (?:\w+ ){0,2}"
                          r"(?:tablets|pills|medication|doses?)\b",
                          r"\bnot taking (?:my|her|his) (?:tablets|medication)\b"),
    "weight loss": (r"\bweight loss\b",
                    r"\blo(?:st|sing) (?:(?:some|a|bit|lot|little|of|on|so|much|too|such) ){0,3}"
                    r"weight\b",
                    r"\b(?:clothes|skirts?|trousers|jeans)\b.{0,20}\b(?:loose|looser|baggy|"
                    r"falling down|hanging off)\b", r"\bnew hole in (?:my|me|his|her) belt\b",
                    r"\bnot eating\b", r"\bno appetite\b", r"\bnot eating enough\b",
                    r"\blo(?:st|sing) (?:about |nearly |over |almost |getting on for )?"
                    r"(?:a|half a|two|three|a couple of) stones?\b(?! (?:from|out of|off)\b)",
                    r"\b(?:gone|going|getting|got) (?:very |really |so )?thin\b",
                    r"\bskin and bones?\b"),
    "wandering": (r"\bwander(?:s|ed|ing)?\b", r"\bgot lost\b", r"\bfound (?:her|him) outside\b",
                  r"\bleft the house at night\b", r"\btries to (?:go|get) out\b"),
    "carer breakdown": (r"\bcan'?t cope\b", r"\bcannot cope\b", r"\bnot coping\b",
                        r"\bend of my tether\b", r"\bbreaking point\b",
                        r"\bcan'?t (?:go on|carry on|do this|keep going)\b", r"\bexhausted\b",
                        r"\bburn(?:t|ed) out\b", r"\bhardly any (?:sleep|rest)\b",
                        r"\bit'?s (?:a lot|too much)\b", r"\bstruggling\b",
                        r"\b(?:worn out|shattered|knackered|run ragged)\b",
                        r"\bcan'?t be here every day\b"),
    # said by a carer of themselves (role-specific: see CARER_ONLY)
    "carer health": (r"\bangina\b", r"\bchest pains?\b", r"\bmy (?:own )?health\b",
                     r"\bheart (?:condition|problems?)\b", r"\bmy back\b", r"\bme back\b",
                     r"\bmy (?:operation|surgery)\b", r"\bhurt my (?:back|shoulder)\b"),
    "fire safety": (r"\bsmok(?:e|es|ed|ing)\b(?! alarm).{0,40}\b(?:in bed|oxygen|settee|sofa|"
                    r"indoors|in the house|inside|kitchen|chair)\b",
                    r"\b(?:in bed|oxygen|settee|sofa|indoors|in the house|inside)\b.{0,30}"
                    r"\bsmok(?:e|es|ed|ing)\b(?! alarm)",
                    r"\b(?:a|one|the) (?:fag|ciggie|cigarette)\b"
                    r".{0,30}\b(?:in bed|settee|sofa|indoors|kitchen|with it on)\b",
                    r"\bsmoke alarms?\b.{0,40}\b(?:not|doesn'?t|don'?t|no|broken|battery|"
                    r"batteries|beeping|took|taken|removed|off)\b",
                    r"\b(?:no|took|taken|removed|took out|pulled)\b.{0,25}\bsmoke alarms?\b",
                    r"\b(?:left|leave|leaves) (?:the )?(?:gas|hob|cooker|oven|pan|chip pan|ring|"
                    r"rings|grill)\b.{0,20}\bon\b", r"\bgas (?:was )?(?:left )?on\b.{0,30}"
                    r"\b(?:all night|flame|asleep|out)\b", r"\bflame (?:had )?(?:gone )?out\b",
                    r"\bcandles?\b", r"\bchip pan\b", r"\bcarbon monoxide\b", r"\bscorch",
                    r"\bcigarette burns?\b", r"\bburn(?:t|ed|s)? (?:the|a|my) (?:pan|house|carpet|"
                    r"sofa|settee|chair)\b", r"\bset (?:the|my) (?:house|place|flat) on fire\b",
                    r"\bfire (?:risk|hazard)\b"),
    "self-neglect and hoarding": (
        r"\bhoard", r"\bclutter", r"\bpiles? of (?:papers|newspapers|rubbish|bags|boxes|stuff)",
        r"\bstacks? of (?:papers|newspapers|boxes)", r"\bnot (?:washed|bathed|showered|changed)\b",
        r"\b(?:same|dirty) clothes\b", r"\bno (?:hot water|food in)\b", r"\bmould(?:y)?\b",
        r"\bfridge\b.{0,25}\b(?:broken|empty|"
        r"not working|doesn'?t work)\b", r"\bhaven'?t eaten\b", r"\bnot eaten\b",
        r"\bself[- ]neglect", r"\bgiven up on (?:myself|herself|himself)\b"),
    "cold home": (r"\bno (?:heating|electric|electricity|gas)\b",
                  r"\bheating\b[^.]{0,40}\b(?:not|never|hardly|off|low|down)\b",
                  r"\b(?:don'?t|doesn'?t|not|never|hardly) (?:have|put|use|turn) "
                  r"(?:it|the heating) "
                  r"on\b", r"\bcan'?t afford (?:the |to )?(?:heating|gas|electric|heat)\b",
                  r"\bemergency credit\b", r"\b(?:freezing|so cold) in (?:here|the house)\b",
                  r"\bmeter\b.{0,20}\b(?:run out|ran out|empty)\b"),
    "mental health crisis": (
        r"\bwouldn'?t mind if I (?:didn'?t|never) wake up\b", r"\bdon'?t want to wake up\b",
        r"\bno point (?:in )?(?:anything|going on|living|carrying on|any more|anymore)\b",
        r"\bhopeless\b", r"\brather be (?:dead|with (?:her|him|them))\b",
        r"\bhear(?:ing)? voices\b", r"\bparanoi", r"\bpanic attacks?\b", r"\bcrisis team\b",
        r"\bsectioned\b", r"\bwant(?:ed)? to die\b", r"\bwish I (?:was|were) dead\b",
        r"\blow (?:mood|in (?:my|her|his)self)\b", r"\bdepress(?:ed|ion)\b",
        r"\b(?:mental health|breakdown)\b", r"\bcan'?t see the point\b"),
    "substance use": (
        r"\b(?:drink|drinking|drinks|drank)\b.{0,30}\b(?:every (?:day|night)|a lot|too much|more|"
        r"bottle|cans|vodka|whisky|lager|wine|spirits|cider|beer)\b",
        r"\bcans? of (?:lager|beer|cider)\b", r"\bbottles? of (?:vodka|wine|whisky|gin|cider)\b",
        r"\balcohol\b", r"\bwithdrawals?\b", r"\bthe shakes\b", r"\bdetox\b",
        r"\b(?:cannabis|heroin|cocaine|methadone|spice|crack)\b", r"\bon the drink\b",
        r"\b(?:a|the) drink problem\b", r"\b(?:lager|vodka|cider|whisky|spirits|pints?)\b",
        r"\b(?:have|has|had) a can\b", r"\b(?:two|three|four|five|six|a few) cans\b"),
    "exploitation": (
        r"\blend(?:s|ing)? (?:him|her|them) (?:money|cash|£)", r"\bborrow(?:s|ed|ing)? "
        r"(?:money|cash|£|a few quid)", r"\b(?:owes|owed) (?:me|him|her)\b",
        r"\b(?:staying|stays|stayed|sleeps|sleeping) (?:over|at mine|at my)\b",
        r"\b(?:has|had|got|gave (?:him|her|them)) (?:a|my|the) key\b",
        r"\bmates?\b.{0,30}\b(?:money|cash|quid)\b", r"\bcuckoo", r"\btak(?:es|ing|en) "
        r"advantage\b", r"\bpressur(?:e|ed|es) (?:me|her|him) (?:into|to)\b",
        r"\bmakes? (?:me|her|him) (?:give|sign|hand over)\b", r"\b(?:my|her|his|the) PIN\b",
        r"\bexploit"),
    "medication stopped or wrong": (
        r"\bstopped (?:taking )?(?:my|her|his|the|them|it)\b.{0,15}(?:tablets|medication|pills|"
        r"meds|insulin|inhalers?)?", r"\b(?:ran|run|running) out of (?:my |her |his |the )?"
        r"(?:tablets|medication|pills|insulin|meds)\b", r"\btake (?:them|it) again\b",
        r"\btook (?:them|it|two|both) (?:twice|again)\b", r"\bdouble (?:up|dose)\b",
        r"\b(?:doesn'?t|don'?t|didn'?t|won'?t|not|never) tak(?:e|es|ing) (?:my|her|his|the|any) "
        r"(?:tablets|medication|pills|meds|medicine|insulin)\b"),
    "seizure or head injury": (
        r"\bseizures?\b", r"\b(?:a|had a|having) fit\b", r"\bblack(?:ed)? out\b",
        r"\b(?:banged|hit|bumped|cut) (?:my|her|his) head\b", r"\bknocked out\b",
        r"\bconcussion\b", r"\bepilep"),
    "diabetes": (r"\bhypos?\b", r"\b(?:blood )?sugars? (?:went|were|was|dropped|low|high)\b",
                 r"\blow sugar\b", r"\bshaky and sweaty\b", r"\bhypoglyc"),
    "skin and pressure": (r"\bpressure (?:sores?|ulcers?|areas?)\b", r"\bsore (?:heels?|bottom|"
                          r"skin|toe)\b", r"\bulcer\b", r"\bbroken skin\b", r"\bweeping\b"),
    "swallowing": (r"\bcough(?:s|ing)? (?:on|when|after) (?:drinks|drinking|eating|food|tea|"
                   r"water)\b", r"\bchok(?:e|es|ing|ed)\b", r"\bdown the wrong (?:way|hole)\b",
                   r"\bswallow(?:ing)? (?:problems?|difficult)"),
    # ...of care: "they didn't turn up", not "the bus didn't come" or "she never come out"
    "missed or late care": (r"\b(?:carers?|girls?|they|nobody|no one|agency|call|visit)\b"
                            r"[^.]{0,20}\b(?:didn'?t|never|don'?t) (?:turn up|come|show up|"
                            r"arrive)\b(?! (?:out|home|back|in)\b)",
                            r"\bmissed (?:call|visit)s?\b", r"\b(?:hours?|hour and a half) late\b",
                            r"\bno one (?:came|turned up)\b", r"\blate calls?\b",
                            r"\b(?:call|carer|carers|one|girl|visit)s?\b[^.]{0,15}\b(?:was|were|"
                            r"came|come|comes|is|are|running) (?:very |so |really )?late\b"),
    "social isolation": (r"\blonely\b", r"\bisolated\b", r"\bdon'?t see anyone\b",
                         r"\bnobody to talk to\b", r"\bon my own all\b",
                         r"\bdon'?t get out\b", r"\bnot really\b(?= ?.{0,40}out)",
                         r"\b(?:don'?t|never) (?:see|talk to) (?:anyone|anybody|nobody)\b",
                         r"\bnobody (?:comes|visits|calls)\b",
                         r"\bhaven'?t (?:been|got) out\b(?! yet)",
                         r"\bnot (?:been )?out of the (?:house|flat)\b"),
    "sight": (r"\b(?:can'?t|cannot|couldn'?t) see (?:the (?:numbers|dial|pen|label|writing)|"
              r"to (?:read|do)|properly|very well)\b", r"\b(?:my|her|his) (?:eyes|eyesight|sight)"
              r"(?:'s| is| are)? (?:bad|going|poor|not (?:good|great))\b",
              r"\bmacular\b", r"\bcataracts?\b", r"\bglaucoma\b"),
    # falling asleep at the wheel: tiredness that puts the road at risk
    "unsafe driving": (r"\b(?:nodded|nodding|dropped|dropping|dozed|dozing|fell|falling|drifted)"
                       r" (?:off|asleep)\b.{0,40}\b(?:at the (?:lights|wheel)|driving|in the car|"
                       r"on the (?:road|motorway|way (?:back|home)))\b",
                       r"\b(?:driving|at the wheel)\b.{0,40}\b(?:nodded|dozed|dropped|fell) "
                       r"(?:off|asleep)\b", r"\basleep at the wheel\b"),
    # Not a harm but a decision the record must carry (Making Safeguarding Personal).
    "person's wishes": (r"\bdon'?t want (?:the )?police\b", r"\bdon'?t want (?:him|her|them) "
                        r"in trouble\b", r"\bdon'?t want to (?:go|move) (?:in|into) a home\b",
                        r"\bdon'?t want (?:you|anyone) to tell\b"),
}
_COMPILED = {cat: tuple(re.compile(p, re.IGNORECASE) for p in pats)
             for cat, pats in RISK_CUES.items()}
# Said of a carer's own health: from the person cared for, "chest pain" is a symptom to record,
# not carer strain.
CARER_ONLY = {"carer health", "carer breakdown"}
CARER_ROLES = {"carer", "family"}
# A cue in the scope of a denial raises nothing: "no chest pain", "I haven't had a fall",
# "never smokes in the house". The denial must reach the cue through function words only,
# so "I don't know why I fell" still raises its flag.
_NEGATED_RE = re.compile(r"(?:\b(?:no|not|never|nothing|nobody|no one|no-one|nowt|without|"
                         r"denies|denied|none|nor)|n't)"
                         r"(?:\s+(?:any|a|an|had|have|has|been|got|ever|really|much|the|more|"
                         r"further|other|recent|real|actual|serious|major|new|sign of|signs of|"
                         r"evidence of|problems? with|issues? with|history of|of|in the way of|"
                         r"at all|drink|drinks|drinking|smoke|smokes|smoking|take|takes|taking|"
                         r"use|uses|using|do|does|get|gets|notice|noticed|feel|felt|think|"
                         r"had a|have a|had any|see|seen|experience|experienced))*\s+$",
                         re.IGNORECASE)
_WARNING_RE = re.compile(r"\byou (?:could|might|may|would) (?:\w+ ){0,2}(?:hurt|hit|injure|"
                         r"drop|fall)", re.IGNORECASE)
_CONDITIONAL_RE = re.compile(r"\b(?:if|in case|unless|whenever)\b", re.IGNORECASE)
# Figures of speech that sound like a risk: "I could murder a biscuit", "dying to get home".
_BENIGN_RE = re.compile(r"\b(?:(?:dying|dyin') (?:to|for)|(?:could|would) (?:kill|murder) "
                        r"(?:for|a)|"
                        r"kill (?:me|us) (?:for|if)|killed it|'ll kill (?:me|us)|murder(?:ed)? a|"
                        r"fall(?:ing|en)? over (?:her|him|them)sel(?:f|ves) to|trip (?:to|out)|"
                        r"day trip|fall asleep|fell asleep|falling asleep|"
                        r"(?:nearly|almost) fell off (?:my|me|her|his|the) (?:chair|seat)|"
                        r"kick(?:ed|s|ing)?[ -](?:off|in|on|start)|"
                        r"(?:trousers|clothes|pants|jeans|skirt|house|"
                        r"place) (?:are |is )?falling (?:down|apart|off))\b", re.IGNORECASE)


def find_risks(segments: Iterable[tuple[int | tuple[int, ...], str] |
                                  tuple[int | tuple[int, ...], str, str | None]],
               roles: Sequence[str | None] | None = None,
               unsure: Sequence[frozenset[str]] | None = None) -> list[Flag]:
    """One flag per risk category found, citing every segment that raised it.

    `roles`, where known, gives each segment's speaker role (by segment index): a
    practitioner's question raises nothing ("Any thoughts of harming yourself?"), and a
    carer-only cue needs a carer or relative to say it. `unsure`, by segment index, holds the
    words the recogniser was unsure of: a denial it may have misheard ("I haven't fallen the
    stairs" for "I had a fall on the stairs") never cancels a risk. An entry may cite several
    segments (a question and its answer, as one statement: "Lost weight: a bit."), and
    may give its speaker's role as a third item."""
    hits: dict[str, list[tuple[tuple[int, ...], str]]] = {}
    for entry in segments:
        where, text = entry[0], entry[1]
        cited = (where,) if isinstance(where, int) else tuple(where)
        index = cited[-1]
        role = entry[2] if len(entry) > 2 else (  # type: ignore[misc]
            roles[index] if roles is not None and 0 <= index < len(roles) else None)
        doubtful = unsure[index] if unsure is not None and 0 <= index < len(unsure) \
            else frozenset()
        for sentence in split_sentences(text) or [text]:
            if role == "practitioner" and (sentence.rstrip().endswith("?") or
                                           _CONDITIONAL_RE.search(sentence) or
                                           _WARNING_RE.search(sentence)):
                continue  # asking, or advising what to do if: "If she hits her head, ring 999";
                # or warning: "you could hurt your back, or hurt her"
            for category, patterns in _COMPILED.items():
                if category in CARER_ONLY and role is not None and role not in CARER_ROLES:
                    continue
                if len(cited) > 1 and category in hits:
                    continue  # a question and answer adds only what the words alone did not
                for pattern in patterns:
                    match = _live_match(pattern, sentence, doubtful)
                    if match:
                        hits.setdefault(category, []).append((cited, match.group(0)))
                        break
    flags = []
    for category in RISK_CUES:
        if category in hits:
            found = hits[category]
            words = ", ".join(dict.fromkeys(f"'{w}'" for _, w in found))
            message = (f"The person's wishes: the conversation mentions {words}. Record them "
                       "and take them into account." if category == "person's wishes" else
                       f"Possible {category} risk: the conversation mentions {words}. Check it "
                       "is recorded and acted on.")
            flags.append(Flag("risk", category, message,
                              tuple(sorted({i for cited, _ in found for i in cited}))))
    return flags


def _live_match(pattern: re.Pattern[str], sentence: str, doubtful: frozenset[str] = frozenset()
                ) -> re.Match[str] | None:
    """The first match of a cue that is neither denied nor part of a figure of speech. A
    denial made of a word in `doubtful` (lowercase) does not count."""
    for match in pattern.finditer(sentence):
        denial = _NEGATED_RE.search(sentence[:match.start()])
        if denial:
            # the whole words of the denial: "haven't", not its "n't"
            start = sentence.rfind(" ", 0, denial.start()) + 1
            said = set(re.findall(r"[\w']+", sentence[start:match.start()].lower()))
            if not said & doubtful:
                continue
        if any(b.start() <= match.start() < b.end() or match.start() <= b.start() < match.end()
               for b in _BENIGN_RE.finditer(sentence)):
            continue
        return match
    return None
