"""A question and its answer, together, as one note statement.

Assessments are question and answer, and the answers are terse: "Any falls?" "No." is the
pertinent negative "No falls."; "Have you lost weight?" "A bit." is "Has lost weight: a bit.";
"How many times a week?" "Three." is "Times a week: three." The answer alone says nothing
and the question alone is not a fact, so the statement cites both, and each part of it is
checked against its own words (the question's words must not hide the answer's "not").
"""

from __future__ import annotations

import re
from dataclasses import replace

from summarise.answer import Answered, join, still_to_come
from summarise.asked import (
    asks_something,
    bare_reported,
    chosen,
    indirect_question,
    others_pronoun,
    whether_anyone,
)
from summarise.asked import declarative as _declarative
from summarise.asked import subject_you as _subject_you
from summarise.asked import third as _third
from summarise.elliptic import elliptic, past
from summarise.extractive import convert_first_person, mid_name
from summarise.notestyle import agree_dropped, tidy
from summarise.qa_patterns import (
    ACKNOWLEDGED_RE,
    ANY_RE,
    ASKS_BACK_RE,
    AUX_RE,
    CHECKS_NO_RE,
    CONDITION_LEAD_RE,
    DENIED_Q_RE,
    ECHO_RE,
    EXAMPLES_RE,
    FULL_Q_RE,
    MODIFIERS,
    MORE_ANY_RE,
    NEGATIVE_RE,
    NONE_KNOWN_RE,
    NONE_SEEN_RE,
    NOTHING_ASKED,
    OPENER_RE,
    OPINION_RE,
    POSITIVE_RE,
    REPEAT_RE,
    SOFT_NO_RE,
    STRONG_NO_RE,
    TAIL_RE,
    TAIL_SENTENCE_RE,
    TAIL_WH_RE,
    TOPIC_LEAD_RE,
    TWO_PART_RE,
    WH_BARE_RE,
    WH_RE,
    WISH_RE,
    YES_NO_ONLY_RE,
    without_vocative,
)
from summarise.reflect import question_itself, said_back, tentative
from summarise.speakers import Voice
from summarise.text import NO, YES, clean_speech, content_terms
from summarise.verify import FRAMING

_SAME_GENDER = {"he": re.compile(r"\b(?:he|him|his|he's|himself)\b", re.IGNORECASE),
                "she": re.compile(r"\b(?:she|her|hers|she's|herself)\b", re.IGNORECASE)}


def _answer_rest(answer: str) -> str:
    """The answer without its yes/no: "No, they've come every time." -> "they've come every
    time"."""
    rest = re.sub(rf"^(?:(?:{YES}|{NO})\b(?:[,.!;]+\s*|\s*$|\s+(?=I\b|I'm\b|I've\b)))+", "",
                  clean_speech(answer), flags=re.IGNORECASE)  # "no I don't feel feverish" too
    return tidy(rest)


def answered(question: str, answer: str, voice: Voice, names: frozenset[str] | None = None
             ) -> Answered | None:
    """The question and its answer as one statement, or None where no safe form exists.
    `names` are the conversation's proper names, which keep their capitals. A question led by
    its condition ("When you feel like that, do you ever...?") keeps the condition at its
    end: "Does not ever have thoughts of ending his life, when he feels like that."."""
    if voice.they in ("he", "she") and _SAME_GENDER[voice.they].search(clean_speech(question)):
        # "Has he ever hit you?" asked of a man: "he has never hit Mr Ashworth", never "he has
        # never hit him", which could be either of them
        name = mid_name(voice.subject)
        voice = Voice(voice.subject, name, name, name + ("'" if name.endswith("s") else "'s"),
                      voice.themselves, False)
    lead = CONDITION_LEAD_RE.match(clean_speech(question).strip())
    if lead is None:
        found = still_to_come(_answered(question, answer, voice, names), clean_speech(answer))
        return found and tentative(replace(found, text=agree_dropped(found.text,
                                                                     voice.plural_verbs)),
                                    question, answer)
    asked = clean_speech(question).strip()[lead.end():]
    condition = _third(_subject_you(lead.group("cond").strip(), voice), voice)
    condition = condition[0].lower() + condition[1:]
    reported = indirect_question(asked, voice, lambda t: _subject_you(t, voice)) if re.match(
        r"(?:what|how|where|who)\b", asked, re.IGNORECASE) else None
    if reported and tidy(answer):
        # "If he shouts, what could you do?" "Ring Marcia?": the condition is part of what
        # was asked ("Asked what she could do if he shouts: ring Marcia.")
        return join(f"Asked {reported} {condition}: ", convert_first_person(tidy(answer), voice),
                     reported.split(" ", 1)[1], False, joiner="", names=names)
    result = _answered(asked, answer, voice, names)
    if result is None:
        return None
    if result.text.startswith("Asked ") and ": " in result.text:  # "Asked whether … when …:"
        said, _, rest = result.text.partition(": ")
        return replace(result, text=f"{said} {condition}: {rest}")
    head, joiner, more = result.text.rstrip(".").partition("; ")
    return Answered(f"{head}, {condition}{joiner}{more}.",
                    result.question_part, result.answer_part, result.negative,
                    result.implied_subject)


def _answered(question: str, answer: str, voice: Voice, names: frozenset[str] | None
              ) -> Answered | None:
    q = TAIL_SENTENCE_RE.sub("", question_itself(clean_speech(question)).rstrip("?").strip() +
                             "?")
    first, _, more = q.partition("? ")
    if more and FULL_Q_RE.match(first):
        q = first  # "When did you last have a break? A proper one?": the question is the first
        if "," in more and not FULL_Q_RE.match(more) and STRONG_NO_RE.match(clean_speech(answer)):
            # "…ever hurt you? Pushed you, grabbed you, hit you?" "No.": each denied with it
            listed = re.sub(r",(?!\s*(?:or|and)\b)\s*(?=[^,]*$)", ", or ", more.rstrip("?").strip())
            q = f"{first}, {listed[:1].lower()}{listed[1:]}"
    q = q.strip().rstrip("?").strip()
    q = TAIL_RE.sub("", without_vocative(TAIL_RE.sub("", q), names))  # ", Pat, roughly"
    while True:
        shorter = OPENER_RE.sub("", q)
        if shorter == q or (re.match(r"^(?-i:[A-Z][a-z]+),", q) and
                            not re.match(r"^(?:do|does|did|are|is|was|were|have|has|can|could"
                                         r"|will|would|how|what|when|where|who|which|any|you(?:r|'re)?)\b",
                                         shorter, re.IGNORECASE)):
            break  # "Waterworks, bowels - any problems?": a list, not a name called
        q = shorter
    # "The chest infection - did you finish the antibiotics?": the topic, then the question
    q = re.sub(r"^[^?]{1,40}?\s[-—–]\s+(?=(?:do|does|did|are|is|was|were|have|has|can|could|"
               r"will|would|how|what|when|where)\b)", "", q, flags=re.IGNORECASE)
    if not q or re.search(r"\b(?:I|me|my|we|us|our)\b", q):
        return None  # "Can I ask...", "Shall we...": not a question of fact
    a = clean_speech(answer).strip()
    options = re.match(r"^what (do|does|did) (you|he|she|they) (\w+), (.+\bor\b.+)$", q,
                       re.IGNORECASE)
    if options:  # "What do you use, a lighter or matches?": the options are the question
        q = f"{options[1]} {options[2]} {options[3]} {options[4]}"
    if CHECKS_NO_RE.match(q):
        return None  # "None at all? Not even a little trip?" "No. I've come over funny…"
    not_a = re.match(r"^not (?:a|an|much of a) (?P<np>[\w' -]+)$", q, re.IGNORECASE)
    if not_a and YES_NO_ONLY_RE.match(a):  # "Not a smoker?" "No." agrees; a yes could go either way
        return Answered(f"{q[0].upper()}{q[1:]}.", q, "", True) if STRONG_NO_RE.match(a) else None
    if not_a:  # "Not a porridge fan?" "I like it with golden syrup."
        whether = f"whether {voice.they} {'are' if voice.plural_verbs else 'is'} a {not_a['np']}"
        return join(f"Asked {whether}: ", convert_first_person(tidy(a), voice), whether, False,
                    joiner="", names=names)
    if not content_terms(a) and ACKNOWLEDGED_RE.match(a):
        return None  # "Right you are.": an acknowledgement answers nothing
    if ASKS_BACK_RE.search(a) or REPEAT_RE.match(a):
        return None  # "Headaches, you mean?": the answer asks what was meant
    if 0 < len(content_terms(q)) <= 2 and content_terms(a) == content_terms(q):
        return None  # "Promise?" "Promise.": said back, nothing said
    echo = ECHO_RE.match(a)
    verb = {"can't": "can", "won't": "will"}.get(echo.group(1).lower(),
                                                echo.group(1).lower().removesuffix("n't")) \
        if echo else ""
    family = {"is": "is|are|was|were", "was": "was|were|is", "do": "do|does|did",
              "does": "do|does|did", "did": "did|do|does", "am": "are|is", "are": "are|is",
              "have": "have|has|had", "has": "has|have|had"}.get(verb, verb)
    if echo and not re.match(rf"^(?:{family})\b", q, re.IGNORECASE):
        return None  # "Yes it is" answers an "is it...?" asked earlier, not this question
    negative = bool(NEGATIVE_RE.match(a)) or bool(re.match(
        r"^(?:I )?(?:don't|do not) (?:think|reckon|believe) so\b", a, re.IGNORECASE))
    # "Do you think it's linked?" "I certainly think so." is a yes
    positive = bool(POSITIVE_RE.match(a)) or (not negative and bool(re.match(
        r"^I (?:\w+ )?(?:think|reckon|believe|suppose) so\b", a, re.IGNORECASE)))
    # "Not really, I drink socially": a hedged no with more to say is not a plain "does not"
    hedged = negative and not STRONG_NO_RE.match(a) and len(tidy(a).split()) > 3
    if negative and SOFT_NO_RE.match(a) and not content_terms(SOFT_NO_RE.sub("", a)):
        # "Do you drink?" "Not much." is no "does not drink", nor "Is it sore?" "Not really."
        # "it is not sore": the question as asked, the answer as given
        reported = indirect_question(q, voice, lambda t: _subject_you(t, voice))
        reported = reported or whether_anyone(q, voice)
        asked_any = ANY_RE.match(q)
        if not reported and asked_any and asked_any.group(2).strip() and \
                not others_pronoun(asked_any.group(2), voice) and set(
                    content_terms(asked_any.group(2))) - set(content_terms(NOTHING_ASKED)):
            reported = "about " + _subject_you(asked_any.group(2).strip(), voice)  # "Any pain?"
        if reported:
            return join(f"Asked {reported}: ", re.sub(r"^I (?=don't|do not)", "", tidy(a)),
                         reported.split(" ", 1)[1], False, joiner="", names=names)
    rest = _answer_rest(a) if (negative or positive) else tidy(a)
    if negative and NEGATIVE_RE.match(rest) and len(rest.split()) <= 3:
        rest = ""  # "No, not really." says no more than "No."
    if negative:  # "No. No, nothing like that. I just get fed up.": the no said again
        rest = re.sub(r"^(?:no,?\s+)?(?:nothing|none|never|not at all)(?: like that| of the "
                      r"sort| at all)?[.!]?(?:\s+|$)", "", rest, flags=re.IGNORECASE)
    if rest:
        rest = convert_first_person(rest, voice)
    denied = DENIED_Q_RE.match(q)
    if denied:
        # "No problems with vomiting?" "No." agrees: no problems with vomiting. A "yes" could
        # agree or contradict, so it makes no statement of its own
        if not negative and not re.match(r"^(?:no|none|nothing|never)\b", a, re.IGNORECASE):
            return None
        stmt = _third(denied.group("stmt"), voice)
        if hedged:  # "No, not really, only on the stairs": the answer as given
            return join(f"Asked about {stmt[0].lower()}{stmt[1:]}: ", tidy(a), stmt, False,
                         joiner="", names=names)
        return join(stmt[0].upper() + stmt[1:], rest, stmt, True, names=names)
    any_q = ANY_RE.match(q)
    neither = negative and not hedged and bool(STRONG_NO_RE.match(a)) and \
        not re.search(r",?\s*\band\b", q)  # "A, or B?" "No.": neither
    if not any_q and (negative or positive) and TWO_PART_RE.search(q) and not neither:
        # "You're drinking plenty of fluids, and passing urine OK?" "No. I drank loads…": a
        # bare yes or no cannot say which part it answers; only what follows it is kept
        if not rest:
            return None
        negative = positive = False
        a = _answer_rest(a)
    if any_q and others_pronoun(any_q.group(2), voice):
        return None  # "Any other accounts he could get at?": not the person's "he"
    if any_q and any_q.group(2).strip() and not set(content_terms(any_q.group(2))) - set(
            content_terms(NOTHING_ASKED)):
        return None  # "Anything else (you want to tell me)?": no topic; the answer stands alone
    if any_q and any_q.group(2).strip():
        topic = _subject_you(any_q.group(2).strip(), voice)
        word = any_q.group(1).lower()
        if negative and NONE_KNOWN_RE.match(a) and word == "any":
            return join(f"No known {MORE_ANY_RE.sub(' or ', topic)}", "", topic, True,
                         names=names)
        if negative and NONE_SEEN_RE.match(a) and word == "any":
            # "Any blood in your stools?" "No, not that I could see." -> "...noticed"
            return join(f"No {MORE_ANY_RE.sub(' or ', topic)} noticed", "", topic, True,
                         names=names)
        if not negative and EXAMPLES_RE.search(topic):
            return None  # "Anything you've touched, for example soaps?": examples, not facts
        if negative and hedged and not re.match(r"^no\b", a, re.IGNORECASE):
            # "Not loss of vision, I wouldn't say. It's just like shooting lights": a part
            # denied and something else said; the question as asked, the answer as given
            return join(f"Asked about {topic}: ", rest, topic, False, joiner="",
                         names=names)
        if negative:
            lead = {"any": "No", "anything": "Nothing", "anyone": "No one",
                    "anybody": "No one"}[word]
            # "Any redness, any swelling round it?" "No." -> "No redness or swelling round it."
            text = f"{lead} {MORE_ANY_RE.sub(' or ', topic)}"
            q_part = topic
        else:
            # "Anything else Gill helps with: …" (never "Else…"); "Any pain?" -> "Pain: …"
            stem_ = f"{word} {topic}" if word != "any" and re.match(
                r"(?:else\b|.*\b(?:you|he|she|they|we)\b)", any_q.group(2)) else topic
            text = f"{stem_[0].upper()}{stem_[1:]}: {'yes' if positive and not rest else ''}"
            q_part = topic
            return join(text, rest, q_part, negative, joiner="", names=names)
        return join(text, rest, q_part, negative, names=names)
    # "And your mam died when?" "2017. The November." -> "Mam died: 2017; the November."
    asked_last = TAIL_WH_RE.match(q)
    if asked_last and rest and not negative:
        topic = _third(_subject_you(asked_last.group("stmt").strip(), voice), voice)
        topic = re.sub(r"^(?:and|so|but)\s+", "", topic, flags=re.IGNORECASE)
        return join(f"{topic[0].upper()}{topic[1:]}: ", rest, topic, negative, joiner="",
                     names=names)
    aux = AUX_RE.match(q)
    # "Do you ever have thoughts of ending your life, or hurting yourself?" "No." denies
    # both; a yes, or a softer no, could mean either, so a question of parts needs a plain no
    if aux and (not re.search(r"\bor\b|,|\b(?:either|both|any of|those|these)\b",
                              aux.group(3)) or
                # ("Did you ring an ambulance either time?" "No.": neither time)
                (negative and STRONG_NO_RE.match(a) and not hedged and
                 not re.search(r"\b(?:both|any of(?! (?:that|this|it)\b)|those|these)\b|"
                               r"\bor not\b", aux.group(3)))):
        asked = _declarative(aux.group(1), aux.group(2), aux.group(3), voice, False) or (
            f"did {_subject_you(aux.group(3), voice)}" if aux.group(1).lower() == "did" else None)
        if (negative or positive) and not hedged:
            clause = _declarative(aux.group(1), aux.group(2), aux.group(3), voice, negative)
            if clause:
                out = join(clause[0].upper() + clause[1:], rest, asked or clause, negative,
                            names=names)
                return Answered(out.text, out.question_part, out.answer_part, negative,
                                aux.group(2).lower() == "you")
        elif rest and not hedged:
            # "Have you lost weight?" "A bit." -> "Lost weight: a bit."; the answer is not a
            # yes, so the question's words are a topic, never stated as a fact. Not from a
            # request ("Would you be able to ask her?") or an opinion sought ("Do you think
            # it's related?"): those words are no topic, and the answer stands alone.
            if aux.group(2).lower() == "you" and (
                    aux.group(1).lower() == "would" and not WISH_RE.match(aux.group(3)) or
                    OPINION_RE.match(aux.group(3))):
                return None
            if aux.group(1):
                # "Has he taken money before?" -> "Asked whether he has taken money before: …";
                # "Have you lost weight?" "A bit." -> "Asked whether she has lost weight: a
                # bit." (a topic cut from it, "Lost weight:", reads as a stub)
                reported = indirect_question(q, voice, lambda t: _subject_you(t, voice))
                if reported:
                    return join(f"Asked {reported}: ", rest, reported.split(" ", 1)[1],
                                 negative, joiner="", names=names)
            topic = TOPIC_LEAD_RE.sub("", _subject_you(aux.group(3), voice)) \
                if aux.group(2).lower() == "you" else f"{aux.group(2)} {aux.group(3)}"
            if aux.group(1).lower() == "did" and aux.group(2).lower() == "you":
                # "Did you finish the antibiotics?" "Sunday." -> "Finished the antibiotics:
                # Sunday." (never the bare verb, which reads as an instruction)
                verb, _, more = topic.partition(" ")
                done = past(verb)
                if done is None:
                    return None
                topic = f"{done} {more}".strip()
            topic = _third(topic, voice)
            if aux.group(2).lower() == "you" and [t for t in content_terms(topic)
                                                   if t not in FRAMING]:
                return join(f"{topic[0].upper()}{topic[1:]}: ", rest, topic, False, joiner="",
                             names=names)
    wh = WH_RE.match(q)
    bare = None if wh else WH_BARE_RE.match(q)
    rest = convert_first_person(tidy(a), voice) if tidy(a) else ""  # the whole answer
    # the question as asked reads better than a topic cut from it ("How often come:"); a
    # bare "And how many times a week?" has no clause to report, so it gives a topic
    reported = None if bare else indirect_question(q, voice, lambda t: _subject_you(t, voice))
    if reported and not asks_something(reported, voice) and len(content_terms(rest)) >= 2:
        reported = None  # "How are you getting on?" "I do get lonely.": the answer says it all
    if reported and rest and len(content_terms(rest)) <= 12:
        # "How are you getting on with Tom?" "Fine." -> "Asked how he is getting on with Tom:
        # fine." (the question as asked, where a topic would garble it)
        return join(f"Asked {reported}: ", rest, reported.split(" ", 1)[1], negative,
                     joiner="", names=names)
    if (wh or bare) and rest and len(content_terms(rest)) <= 6:
        if wh:
            lead, extra = wh.group(1).lower(), (wh.group(2) or "").strip()
            subject, tail = wh.group(4), _subject_you(wh.group(5), voice)
            if wh.group(3).lower() == "did" and subject.lower() == "you":
                # "When did you last have a break?" -> "Last had a break: ..."
                tail = re.sub(r"^((?:last|first|ever|really|actually|just)\s+)?(\w+)",
                              lambda m: (m.group(1) or "") + (past(m.group(2)) or m.group(2)),
                              tail, count=1)
            if subject.lower() in ("you", "it", "we", "she", "he", "they"):
                subject = ""  # "How is she eating?" -> "Eating: ..."
            elif " " in subject and subject.split()[-1].lower() in MODIFIERS:
                subject, tail = f"{subject.split(None, 1)[1]} {tail}".strip(), ""
            elif " " in subject:  # "How does your shopping get done?" -> "Shopping: ..."
                subject, tail = subject.split(None, 1)[1], ""
        else:
            lead, extra, subject, tail = bare.group(1).lower(), bare.group(2), "", ""  # type: ignore[union-attr]
            said = bare_reported(lead, extra, voice, lambda t: _subject_you(t, voice))
            if said:  # "How many letters are in there?" -> "Asked how many letters are in there:"
                return join(f"Asked {said}: ", rest, said, negative, joiner="", names=names)
        wish = re.match(r"^(?:like|want)(?: to happen| to do)?(?: (?:with|for|about) (.+))?$",
                        tail)
        asked_words = tail
        if lead == "what" and subject == "" and wish:
            # "What would you like to happen with the calls?" -> "Wishes for the calls: ..."
            tail = "wishes for " + wish.group(1) if wish.group(1) else "wishes"
        head = "how often" if lead == "how often" else (
            extra if lead in ("how many", "how much", "how long", "what time", "which") or
            extra else "")
        tail = TOPIC_LEAD_RE.sub("", tail.strip()) if not (head or subject) else tail
        tail = re.sub(r"^been\b\s*", "", tail)
        topic = _third(" ".join(w for w in (head, subject, tail) if w), voice).strip()
        asked_age = lead == "how" and topic == "old" and wh is not None and \
            wh.group(4).lower() == "you"  # "How old are you now?" -> "Age: sixteen"
        topic = re.sub(r"^else\s+", "", topic)  # "What else has changed?" -> "Changed ..."
        named = {w.lower() for w in (voice.subject, voice.they, voice.them)}
        if topic and [t for t in content_terms(topic) if t not in named and t not in FRAMING]:
            checked = topic if not wish else asked_words  # the question's own words
            topic = "age" if asked_age else topic
            return join(f"{topic[0].upper()}{topic[1:]}: ", rest, checked, negative, joiner="",
                         names=names)
    back = said_back(q, a, answer, positive, negative, _answer_rest(a), voice)
    if back is not None:
        return join(back[0], back[1], back[2], False, names=names)
    # "Still coughing? Short of breath?" "No.": a question without its verb
    added = _answer_rest(a) if (negative or positive) else ""
    if NEGATIVE_RE.match(added) and len(added.split()) <= 3:
        added = ""  # "Not really." after the no says no more
    short = elliptic(q, convert_first_person(added, voice) if added else "", negative, positive,
                     hedged, rest, lambda t: _third(_subject_you(t, voice), voice),
                     (voice.them, voice.themselves))
    if short is not None:
        return join(short.lead, short.rest, short.asked, short.negative, joiner=short.joiner,
                     names=names)
    return chosen(q, rest, voice, names)
