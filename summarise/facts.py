"""The facts layer: what the conversation established, as short note statements.

Between the transcript and the note. A fact is one note-style statement with its kind, whose
words it rests on (the person, a named relative or carer, a professional), the segments it
cites and whether it verified against them. Facts come from:

- a question and its answer together, however terse ("Any falls?" "No." -> "No falls.");
- the person's own statements, in the third person with the subject implied;
- what others in the room said, attributed to them by name and relation.

Sections, merging and the note's wording are decided later (`summarise.drafter`); a fact is
plain data, so a language model's facts (which must verify the same way) can replace them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from summarise.action_patterns import RECAP_RE
from summarise.addressee import label_of, spoken_to, vocative
from summarise.asked import cloze, indirect_question, subject_you
from summarise.evidence import EvidenceUnit
from summarise.fact import Fact
from summarise.fact import kind_of as _kind
from summarise.identifiers import gives_identifier, without_introduction
from summarise.notestyle import as_account, lower_first, note_sentence, without_called
from summarise.practitioner_facts import practitioner_fact
from summarise.qa import answered
from summarise.qa_patterns import (
    ASKS_LEAVE_RE,
    BACK_REF_RE,
    CHECK_RE,
    CONSENT_RE,
    FOLLOW_UP_RE,
    HARM_ASKED_RE,
    POINTS_BACK_RE,
)
from summarise.risks import find_risks
from summarise.roster import Roster
from summarise.small_talk import ASIDE_RE, small_talk
from summarise.text import NEGATIONS, NO, YES, clean_speech, content_terms, has_negation
from summarise.topics import topic_of
from summarise.verify import check_part, same_polarity, verify

MIN_TERMS = 2  # a plain statement needs this many content words to say something
MERGE_MAX_WORDS = 45  # one reply, or neighbouring answers, joined up to this length

# A sentence ending in "?" that is a statement said with a rising tone ("Three days now?"):
# it does not open as a question does.
_QUESTION_OPENER_RE = re.compile(r"^(?:do|does|did|are|is|was|were|have|has|can|could|will|"
                                 r"would|should|shall|may|might|how|what|when|where|who|why|"
                                 r"which|any|anything|isn't|aren't|don't|didn't|won't)\b",
                                 re.IGNORECASE)


_YES_NO_RE = re.compile(rf"^\s*(?:(?:{YES}|{NO})\b(?:[,.!;]+\s*|\s*$))+",
                        re.IGNORECASE)


def is_uptalk(text: str) -> bool:
    """"Three days now?" from the person is a statement, "Is it three days?" a question."""
    stripped = clean_speech(text).strip()
    # "You're not a smoker?" asks the practitioner something: a question, not a statement
    if re.match(r"^(?:like |or |and |so |but )?(?:if|what if|in case|say)\b", stripped,
                re.IGNORECASE):
        return False  # "Like if it's still going on in four days?": the question goes on
    if re.match(r"^(?-i:[A-Z][a-z]+)\s*[-—–,]\s", stripped):
        return False  # "Ellie - in the toilets?": asked of Ellie, not a statement
    if re.search(r",\s*(?:will|won't|would|wouldn't|is|isn't|are|aren't|was|wasn't|do|don't|does|"
                 r"doesn't|did|didn't|can|can't|have|haven't|has|hasn't)\s+(?:they|he|she|it|I|"
                 r"we)\?$", stripped, re.IGNORECASE):
        return False  # "They'll not take it off us, will they?": a worried question
    return stripped.endswith("?") and not _QUESTION_OPENER_RE.match(stripped) and \
        not re.search(r"\b(?:you|your|you're|yours|is that|is it|do I|should I|shall I|can I|"
                      r"need to)\b|,? or\b|"
                      # a tag that checks understanding: "…, call back, that OK?"
                      r",\s*(?:that|that's|is that)?\s*(?:ok|okay|right|alright|correct|yeah)\?$",
                      stripped, re.IGNORECASE)


def fact_from(unit: EvidenceUnit, evidence: str, roster: Roster, least: int = MIN_TERMS
              ) -> Fact | None:
    """The note statement for one piece of evidence, or None if it says nothing (fewer than
    `least` content words)."""
    if unit.role == "practitioner":
        return None
    text = without_introduction(clean_speech(unit.text))
    if not text:
        return None  # "I'm Amanda Jackson and I'm nineteen.": the header says who they are
    unit = replace(unit, text=text) if text != clean_speech(unit.text) else unit
    called = vocative(unit.asked[1], roster) if unit.asked else None
    if called is not None and label_of(called, roster) not in (None, unit.label):
        # "Kerry, are you happy to stay in?" answered by Gary: not his answer to his question
        # (nor "Have you had a diabetic review, Danny?" answered by Mags, whose "you" it is not)
        unit = replace(unit, asked=None)
    if unit.asked and CONSENT_RE.match(text) and ASKS_LEAVE_RE.search(unit.asked[1]):
        return None  # "Would it be alright if I had a look?" "Aye, course you can."
    # a nurse's "Half eight?" asks, as the practitioner's questions do: it is never uptalk
    if text.endswith("?") and (not is_uptalk(text) or unit.role == "professional") or \
            ASIDE_RE.match(text) and not (unit.asked and CONSENT_RE.match(text)):
        return None
    if gives_identifier(text, unit.asked[1] if unit.asked else ""):
        return None  # the record's header carries the address, date of birth, phone...
    if small_talk(text, roster.names) and (not unit.asked or small_talk(unit.asked[1],
                                                                      roster.names)):
        return None  # "The kettle's boiled.", "That cake is lovely.": nobody's care
    subject = roster.is_subject(unit.label, unit.role)
    voice = roster.voice() if subject else roster.voice_of(unit.label, unit.role)
    risky = bool(find_risks([(0, text)]))
    allowed = [n for n in (roster.person_name, voice.subject) if n]
    # the names of those in the room, which alone say nothing
    room = {w.lower() for s in roster.speakers.values() for w in (s.name or "").split()}
    if unit.asked:
        qa = answered(unit.asked[1], without_called(unit.text, roster.names), voice,
                      roster.names)
        if qa is not None and len(content_terms(qa.text)) >= 2 and [
                t for t in content_terms(qa.text) if t not in room and t not in _HEDGE_WORDS]:
            statement = qa.text if subject else _attributed(qa.text, qa.implied_subject,
                                                            voice.subject, roster.names)
            if subject and qa.negative and HARM_ASKED_RE.search(unit.asked[1]):
                statement = as_account(statement, voice.they, roster.names)
            ok_q, problems_q = check_part(qa.question_part, unit.asked[1], allowed)
            if qa.answer_part and content_terms(qa.answer_part):
                # the answer's words without its yes or no, which the statement already carries
                ok_a, problems_a = verify(qa.answer_part + ".", [_YES_NO_RE.sub("", unit.text)],
                                          allowed_names=allowed)
            else:
                ok_a, problems_a = same_polarity(qa.negative, unit.text)
            return Fact(statement, _kind(statement, qa.negative), "person" if subject else
                        voice.subject, unit.cited, ok_q and ok_a, problems_q + problems_a,
                        f"{unit.text} {unit.text} {unit.asked[1]}",
                        # "Do you feel lonely?" "Yeah.": the risk is in the two together
                        risky or bool(find_risks([(0, statement)])), unit.segment,
                        unit.text, evidence, True)
    text = without_called(spoken_to(text, unit.label, roster, evidence), roster.names)
    terms = content_terms(text)
    substantive = [t for t in terms if t not in NEGATIONS]
    # "No green." is a pertinent negative however short; otherwise a statement needs words
    # "I'm not hungry.", alone or run on ("I can't do it; not after the operation.")
    denial = any(has_negation(p) and len(p.split()) <= 6 for p in text.split("; "))
    if not risky and len(substantive) < (1 if denial else least):
        return None
    said = _REDUNDANT_RE.match(text)  # "No, I haven't noticed…": the clause says its no
    if said and has_negation(said.group(2)) == (said.group(1).lower() in ("no", "nope", "nah")):
        text = said.group(2)
    statement = note_sentence(text, voice, subject=subject, names=roster.names)
    if not statement or not [t for t in content_terms(statement) if t not in room and
                             t not in _HEDGE_WORDS]:
        # "Hello, Mrs Khatun.": only names of those in the room ("Our Mark's…" stays); "Dunno,
        # maybe.": a hedge, and nothing it hedges
        return None
    ok, problems = verify(statement, [evidence], allowed_names=allowed)
    # "Two cans of?" "Lager.": the answer fills the question's blank; "No, I haven't noticed
    # anything like that.": the answer needs its question, as asked
    stem = cloze(unit.asked[1], voice) if unit.asked else None
    reported = indirect_question(unit.asked[1], voice, lambda t: subject_you(t, voice)) if (
        unit.asked and not stem and POINTS_BACK_RE.search(text)) else None
    if unit.asked and (stem or reported):
        part, head = (stem, stem) if stem else (str(reported).split(" ", 1)[1],
                                                 f"Asked {reported}:")
        ok_q, problems_q = check_part(part, unit.asked[1], allowed)
        bare = not [t for t in content_terms(statement) if t not in NEGATIONS]  # "Don't know."
        statement, ok, problems = (f"{head} {lower_first(statement, roster.names)}",
                                   (ok or bare) and ok_q, problems_q + (() if bare else problems))
    return Fact(statement, _kind(statement, False), "person" if subject else voice.subject,
                unit.cited if stem or reported else unit.segments, ok, problems,
                f"{unit.text} {unit.text}", risky, unit.segment, unit.text, evidence)


_HEDGE_WORDS = frozenset(t for w in ("dunno", "maybe", "perhaps", "probably", "suppose", "guess",
                                     "know", "sure", "mean", "reckon")
                         for t in content_terms(w))  # (as the matcher stems them)
_REDUNDANT_RE = re.compile(r"^(no|nope|nah|yes|yeah|yep)\b,?\s+((?:I|I'm|I've|I'd|I'll)\b.+)$",
                           re.IGNORECASE)


def _attributed(text: str, implied: bool, who: str, names: frozenset[str]) -> str:
    """An answer by someone other than the person, attributed: "Her partner Mick smokes.";
    "Eating: her partner Mick said she's picking."; "Her partner Mick: no falls"."""
    if implied:
        return f"{who} {lower_first(text, names)}"
    topic, colon, answer = text.partition(": ")
    mid = who[0].lower() + who[1:] if who.split()[0] in ("Her", "His", "Their", "The") else who
    if colon:
        return f"{topic}: {mid} said {lower_first(answer, names)}"
    return f"{who}: {lower_first(text, names)}"


def refers_back(question: str) -> bool:
    """A short question about what was just said ("Have you mentioned that to the GP?")."""
    asked = clean_speech(question)
    # ("How about your medication, how do you manage that?": its own topic, first)
    return len(asked.split()) <= 12 and bool(BACK_REF_RE.search(asked)) and \
        not CHECK_RE.search(asked) and not re.match(r"^[^,—–-]*\b(?:your|the|his|her|their)\s+"
                                                     r"\w+[^,—–-]*\s*[,—–-]\s", asked)


def build_facts(units: Sequence[EvidenceUnit], evidence: Sequence[str], roster: Roster
                ) -> list[Fact]:
    """Every fact the conversation established, in the order it was said. One speaker's
    reply to one question is one statement, as a note has it ("Teatime call: makes them a
    bit of tea; Mick does that anyway."), within MERGE_MAX_WORDS."""
    facts: list[Fact] = []
    reply, prompt, topic_used, recap, lead = -1, "", False, False, ""
    earlier, opened = -1, 0  # the practitioner's turn before this one; where this one began
    for n, (unit, words) in enumerate(zip(units, evidence, strict=True)):
        if unit.role == "practitioner":
            follow = FOLLOW_UP_RE.match(clean_speech(unit.text).strip())
            if follow and facts and facts[-1].reply == reply and reply < n - 1:
                # "Sertraline. Fifty." "How long for?" "Two year.": the answer goes on the
                # one before ("Sertraline: fifty; for two year"), however short
                lead = "for " if follow.group(1) else " "
                continue
            lead = ""
            if reply != n - 1:  # a new turn
                prompt, topic_used, recap, earlier, opened = "", False, False, reply, n
            reply = n
            if unit.text.rstrip().endswith("?"):
                prompt = unit.text
            opens = RECAP_RE.search(unit.text)
            told = unit.text[opens.end():].partition(":") if opens and not recap else None
            if told and told[1] and not told[0].strip(" ,.") and told[2].strip():
                # "So, to make sure I've got it right: you had a fall on Friday…": the
                # summary starts after the colon
                unit = replace(unit, text=told[2].strip())
                recap = True
            seen = practitioner_fact(unit, words, roster, recap)
            if seen is not None:
                facts.append(seen)
            recap = recap or bool(opens)
            continue
        # "No. Gave up.": what follows a bare yes or no says why, however short
        after_no = n > 0 and units[n - 1].asked is not None and units[n - 1].segment == \
            unit.segment and bool(_YES_NO_RE.fullmatch(units[n - 1].text.strip()))
        fact = fact_from(unit, words, roster, 1 if after_no or lead else MIN_TERMS)
        if fact is None:
            continue
        # "I've lost about a stone." "Have you mentioned that to Dr Okonjo?" "No.": the
        # answer goes on the one before, where its "that" can be read
        # (only where the statement keeps the "that": "Has not mentioned that to Dr Okonjo")
        # (and only a question that opens its turn: in "I'd suggest the microwave. Can you
        # manage that?" the "that" is the suggestion)
        back = unit.asked is not None and refers_back(unit.asked[1]) and bool(facts) and \
            facts[-1].reply == earlier >= 0 and facts[-1].source == fact.source and \
            bool(re.search(r"\bthat\b", fact.text, re.IGNORECASE)) and all(
                len(u.text.split()) <= 3 for u in units[opened:reply])
        fact = replace(fact, reply=earlier if back else reply,
                       other=_other_of(clean_speech(unit.text), roster.pronoun)
                       if fact.source == "person" else "")
        if lead.strip() and not fact.text.lower().startswith(("for ", "since ", "about ")):
            fact = replace(fact, text=lead + lower_first(fact.text, roster.names))
        lead = ""
        topic = topic_of(prompt, roster.voice()) if prompt and not topic_used else None
        if topic and not fact.answered and fact.source == "person":
            ok, problems = verify(topic + ".", [prompt], allowed_names=[
                n for n in (roster.person_name,) if n])
            question = next(u.segment for u in units[reply::-1] if u.text == prompt)
            fact = replace(fact, text=f"{topic}: {lower_first(fact.text, roster.names)}",
                           supported=fact.supported and ok, problems=fact.problems + problems,
                           citations=tuple(sorted({question, *fact.citations})),
                           context=f"{fact.context} {prompt}")
        topic_used = topic_used or topic is not None
        facts.append(fact)
    return _join_replies(facts)


_FORMS = {"he": re.compile(r"\b(?:he|him|his|he's|himself)\b", re.IGNORECASE),
          "she": re.compile(r"\b(?:she|her|hers|she's|herself)\b", re.IGNORECASE)}


def may_join(previous: Fact, fact: Fact) -> bool:
    """"He said it were for the gas" + "I'm not daft" -> "he is not daft": joined, the two
    "he"s would read as one man. A part that refers to the person as "he" is kept apart from
    one in which the speaker spoke of another "he" (and the other way round)."""
    for first, second in ((previous, fact), (fact, previous)):
        if first.other and _FORMS[first.other].search(second.text):
            return False
    return True


def _other_of(text: str, pronoun: str | None) -> str:
    """The person's own pronoun, if their words speak of someone else by it ("He shouts")."""
    return pronoun if pronoun in _FORMS and _FORMS[pronoun].search(text) else ""


def join_neighbours(facts: Sequence[Fact], together: Callable[[Fact, Fact], bool]
                    ) -> list[Fact]:
    """Join each fact to the one before where `together` says they belong in one sentence,
    both verified, from the same source, within MERGE_MAX_WORDS, and their "he"s or "she"s
    cannot be confused (may_join). An unverified fact stays alone, with its own flag."""
    out: list[Fact] = []
    for fact in facts:
        previous = out[-1] if out else None
        if (previous is not None and previous.supported and fact.supported and
                previous.source == fact.source and together(previous, fact) and
                len(previous.text.split()) + len(fact.text.split()) <= MERGE_MAX_WORDS and
                may_join(previous, fact)):
            out[-1] = joined(previous, fact)
        else:
            out.append(fact)
    return out


def _join_replies(facts: Sequence[Fact]) -> list[Fact]:
    """One speaker's reply to one question is one statement."""
    return join_neighbours(facts, lambda a, b: a.reply == b.reply and a.reply >= 0)


def joined(previous: Fact, fact: Fact) -> Fact:
    more = continuing(fact.text, fact.source)
    # the same words said twice ("It just feels like it's going straight through.") once
    text = previous.text if more.rstrip(".").lower() in previous.text.lower() else \
        previous.text.rstrip(".") + "; " + more
    return replace(previous, text=text,
                   citations=tuple(sorted({*previous.citations, *fact.citations})),
                   context=previous.context + " " + fact.context,
                   risky=previous.risky or fact.risky,
                   evidence=f"{previous.evidence} {fact.evidence}",
                   spoken=f"{previous.spoken} {fact.spoken}", other=previous.other or fact.other,
                   answered=previous.answered and fact.answered,
                   kind=previous.kind if previous.kind == fact.kind else "finding")


def continuing(text: str, source: str) -> str:
    """A sentence as it reads after "; ": the attribution is not repeated."""
    if source != "person" and text.startswith(source + " said "):
        text = text[len(source) + len(" said "):]
    elif source != "person" and text.startswith(source + ": "):
        text = text[len(source) + 2:]
    return lower_first(text)
