"""What the practitioner says back and what the answer does with it: "So you're late?" "Most
days, yeah." agrees ("Late; most days"), and "What would you do?" "Ask the driver?" offers an
idea it is not sure of."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from summarise.asked import subject_you
from summarise.extractive import convert_first_person
from summarise.notestyle import tidy
from summarise.qa_patterns import REFLECT_RE
from summarise.speakers import Voice
from summarise.text import YES, clean_speech, content_terms

if TYPE_CHECKING:
    from summarise.answer import Answered

# "…, do you?", "…, is it?": the tag is no part of what is said back; "you said you'd…",
# "you think…" report or ask an opinion, and are no fact said back
_TAG_RE = re.compile(r",?\s*\b(?:do|don't|are|aren't|have|haven't|is|isn't|did|didn't|can't|"
                     r"won't)\s+(?:you|it|they)\s*$|,\s*(?:right|yeah|then)\s*$", re.IGNORECASE)
_REPORTED_RE = re.compile(r"(?:said|told|mentioned|think|thought|reckon|mean|know)\b",
                          re.IGNORECASE)


def said_back(q: str, a: str, answer: str, positive: bool, negative: bool, rest: str,
              voice: Voice) -> tuple[str, str, str] | None:
    """The statement, the answer's words and the question's part for a practitioner's words
    said back and agreed with, or None. `q` is the question without its opener, `a` the
    answer cleaned, `answer` as spoken, `rest` the answer without its yes."""
    reflect = REFLECT_RE.match(q)
    # "So you're late?" "Most days, yeah.": a yes after what qualifies it, or a first "Yeah,"
    # (which clean_speech takes for an opener), still agrees with what was said back
    qualified = re.match(rf"^([^.?!,]{{1,30}}),\s*(?:{YES})[.!](?:\s+|$)", a, re.IGNORECASE)
    if not reflect or negative or _REPORTED_RE.match(reflect.group(1)) or \
            re.search(r"\b(?:no|not|never)\b|n't\b", a, re.IGNORECASE) or not (
                positive or qualified or re.match(rf"^(?:{YES}),", answer.strip(), re.IGNORECASE)):
        return None
    clause = subject_you(_TAG_RE.sub("", reflect.group(1)), voice)
    if re.match(r"^(?:so\s+)?you\s+(?!are\b|have\b|were\b)", q, re.IGNORECASE):
        # "So you go every week?" "Yeah." -> "Goes every week", never the bare verb
        agreed = convert_first_person(f"I {clause}", voice)
        if agreed.startswith(voice.they + " ") and not voice.plural_verbs:
            clause = agreed[len(voice.they) + 1:]
        elif voice.plural_verbs:  # "They go every week"
            clause = agreed
    said = rest if positive else (
        f"{qualified.group(1)}; {a[qualified.end():]}" if qualified else a)
    said = re.sub(r"^I (?:do|did|am|have|was|will|can)\b[.,!]?\s*", "", tidy(said))  # "I did."
    said = convert_first_person(said, voice) if said else ""
    if not set(content_terms(said)) - set(content_terms(clause)):
        said = ""  # "So you feel quite congested?" "Quite congested.": said back
    return clause[0].upper() + clause[1:], said, clause


# "What would you do if…?": asked for an idea, an answer with a rising tone is unsure; to any
# other question "Three years?" is the speaker's rising tone, and no doubt
_WHAT_DO_RE = re.compile(r"\bwhat (?:would|could|will|should|might|can) you do\b", re.IGNORECASE)


def tentative(found: Answered, question: str, answer: str) -> Answered:
    """"What would you do?" "Erm. Ask the driver?": an answer offered as a question is unsure,
    and the note says so ("…: not sure — perhaps ask the driver")."""
    said = clean_speech(answer).strip()
    part = found.answer_part.strip()
    if not said.endswith("?") or len(said.split()) > 8 or not part or "?" in found.text or \
            not _WHAT_DO_RE.search(question):
        return found
    at = found.text.lower().rfind(part.lower())
    if at < 0:
        return found
    return replace(found, text=f"{found.text[:at]}not sure — perhaps {found.text[at:]}")


def question_itself(question: str) -> str:
    """The question without what was said before it ("That feeling's important. Has he ever
    hurt you? Pushed you…?"), and "How's" as "How is" or, before "been", "How has"."""
    question = re.sub(r"^(?:[^?]*?(?<!\bMr)(?<!\bMrs)(?<!\bDr)[.!]\s+)+(?=[A-Z][^.!]*\?)", "",
                      question.strip())
    question = re.sub(r"^[^?]*? — (?=(?:has|have|had|do|does|did|is|are|was|were|can|could|will|"
                      r"would|how|what|when|where|who|why)\b[^.!]*\?)", "", question)
    question = re.sub(r"^(how|where)'s\b(?=[^?]*\bbeen\b)", r"\1 has", question,
                      flags=re.IGNORECASE)
    return re.sub(r"^(how|where)'s\b", r"\1 is", question, flags=re.IGNORECASE)
