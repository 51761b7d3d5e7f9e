"""Evidence for a draft: the transcript's sentences, who said each, and which section each
statement belongs to.

`evidence_units` splits segments into sentences and notes who spoke each (the role the user
gave, the label, or a guess from what the sentence does); the first sentence of a reply keeps
the question it answers. What each statement says, and where it goes, is `summarise.facts`'
and `summarise.placing`'s.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from summarise.as_said import as_said
from summarise.dialect import DIALECT_WRITTEN
from summarise.qa_patterns import REPEAT_RE
from summarise.speakers import Role, guess_role, role_of
from summarise.spoken_list import listed
from summarise.takeback import BARE_TURN_RE, takes_back
from summarise.templates import SectionSpec
from summarise.text import (
    NO,
    NUMBER_WORDS,
    STOPWORDS,
    YES,
    clean_speech,
    content_terms,
    split_sentences,
)
from transcription.transcript import Transcript

MIN_TERMS = 3


@dataclass(frozen=True)
class EvidenceUnit:
    segment: int
    text: str
    role: Role
    label: str | None
    extra: tuple[int, ...] = ()  # later segments a continuation was joined from
    # A short answer ("Maybe four hours.") carries the practitioner's question it answers:
    # (the question's segment, its text), else None.
    asked: tuple[int, str] | None = None

    @property
    def segments(self) -> tuple[int, ...]:
        return (self.segment, *self.extra)

    @property
    def cited(self) -> tuple[int, ...]:
        """What a note sentence from this unit cites: its own segments and the question."""
        return tuple(sorted({*self.segments, self.asked[0]})) if self.asked else self.segments


_PRONOUN_START = re.compile(r"^(?:She|He|They|It|That|This|Which)\b")


# a sentence about someone other than the speaker ("He shouts.", "Kev comes in late.")...
_OTHER_SUBJECT = re.compile(r"^(?:(?:well|and|but|so|oh)\b[\s,\-—–]*)?(?:he|she|they|"
                            r"(?-i:[A-Z][a-z]+)(?! I\b))\s+(?!I\b)\w+", re.IGNORECASE)
# ...and one that carries on without a subject: "Bangs the doors.", "Shouting, like.",
# "When he's had a drink." (a pronoun-led one, "He...", is joined anyway)
_NO_SUBJECT = re.compile(r"^(?:(?!(?:I|I'm|I've|I'd|I'll|We|You|My|Our|The|A|An|This|That|There|"
                         r"It|Yes|No|Not|Never|Nothing|Well|So|But|And|Oh|Aye|Yeah|Okay|Right)\b)"
                         r"[A-Z][a-z]+(?:s|es|ed|ing)\b|When\b|Whenever\b|Because\b|Then\b)")
_ENDS_SENTENCE = re.compile(r"[.!?][\"')\]]*$")
# "I don't like it. But I can do it.": a short sentence that turns the one before it round
# belongs to it. Alone, "I can do it" says too little to be kept, and the note would read
# "Does not like it" with the balance lost.
_TURNS_ROUND = re.compile(r"^(?:but|though|although|even so,|still,|mind you,)\s+\S",
                          re.IGNORECASE)
_BARE_YES_NO = re.compile(rf"^(?:(?:{YES}|{NO}|not really)\b[\s,.!]*)+$",
                          re.IGNORECASE)
QUALIFIER_WORDS = 10  # "short": up to this many words


def _sentences(transcript: Transcript) -> list[tuple[tuple[int, ...], str, str | None]]:
    """(segments spanned, sentence, speaker label) in order.

    Whisper cuts segments by time, often mid-sentence ("I'll also refer you for" / "a pendant
    alarm"); a segment that does not end a sentence carries on into the next one by the same
    speaker, and the sentence cites both.
    """
    out: list[tuple[tuple[int, ...], str, str | None]] = []
    carry: str = ""
    carry_segments: tuple[int, ...] = ()
    for index, segment in enumerate(transcript.segments):
        text = f"{carry} {segment.text}".strip() if carry else segment.text
        # "... I feel safe.": the pause is no sentence
        pieces = listed([piece for piece in split_sentences(text) if re.search(r"\w", piece)])
        carried = carry_segments + (index,) if carry else (index,)
        carry, carry_segments = "", ()
        following = transcript.segments[index + 1] if index + 1 < len(transcript.segments) \
            else None
        if (pieces and not _ENDS_SENTENCE.search(pieces[-1]) and following is not None
                and following.speaker == segment.speaker):
            carry = pieces.pop()
            carry_segments = carried if not pieces else (index,)
        for n, piece in enumerate(pieces):
            out.append((carried if n == 0 else (index,), piece, segment.speaker))
    if carry:
        out.append((carry_segments, carry, transcript.segments[-1].speaker))
    return out


# "No." before "It were the year before last.": a bare yes or no has no referent to keep
_BARE_ANSWER_RE = re.compile(rf"^\W*(?:(?:{YES}|{NO})\W*)+$", re.IGNORECASE)
_SAID_THAT_RE = re.compile(r"\b(?:said|says|told (?:me|us|him|her|them)|thinks|reckons|"
                           r"thought) that[.!]?\s*$")


def evidence_units(transcript: Transcript, person_labels: Sequence[str] = (),
                   roles: Mapping[str, Role] | None = None) -> list[EvidenceUnit]:
    """Sentences with their speaker. A sentence that opens with a pronoun stays joined to the
    one before it in the same turn, so "She works full time" keeps "my daughter" beside it
    and is never reported as if the speaker said it of themselves. `roles` gives the role of
    each speaker label where it is known; a label in `person_labels` (the template's: "carer"
    in a carer's assessment) is the person."""
    units: list[EvidenceUnit] = []
    roles = roles or {}
    # the words the conversation writes in lower case somewhere: "Perth" is never one of them
    lower = set(re.findall(r"\b[a-z][a-z']*\b", transcript.text)) | DIALECT_WRITTEN

    def join(text: str, previous: EvidenceUnit, segments: tuple[int, ...]) -> None:
        """The sentence joined to the unit before it: one piece of evidence, both cited."""
        spans = tuple(dict.fromkeys(previous.segments + segments))
        units[-1] = EvidenceUnit(spans[0], text, previous.role, previous.label, spans[1:])

    # the units as they stood before the last sentence came, that sentence and its speaker:
    # a retraction or a correction takes it back
    before: tuple[list[EvidenceUnit], str, str | None, Role] | None = None
    retracted = False
    for segments, sentence, label in _sentences(transcript):
        role: Role = roles[label] if label and label in roles else (
            "person" if label and label.strip().lower() in person_labels else (
                role_of(label) or guess_role(sentence)))
        if role != "practitioner":
            said = as_said(sentence)
            if said is None:
                continue
            sentence = said
            if retracted and BARE_TURN_RE.match(clean_speech(sentence)):
                continue  # "Well, I wouldn't, would I? But no.": the answer said again
            if before is not None and before[2] == label and before[3] != "practitioner":
                undone = takes_back(before[1], sentence, before[0])
                if undone:
                    units[:] = before[0]
                    before, retracted = None, undone == "retracted"
                    if retracted:
                        continue
        retracted = False
        before = (list(units), sentence, label, role)
        previous = units[-1] if units else None

        # the same turn: the same segment, or the next one by the same (or same-guessed) speaker
        same_turn = previous is not None and (
            previous.segments[-1] == segments[0] or (
                previous.segments[-1] == segments[0] - 1 and previous.role == role and
                previous.label == label))
        about_other = previous is not None and _OTHER_SUBJECT.match(clean_speech(previous.text))
        if (previous is not None and same_turn and not previous.text.rstrip().endswith("?") and
                not _BARE_ANSWER_RE.match(previous.text) and
                # "That's not the same, is it?": asked, so it is no continuation to report
                not (role != "practitioner" and sentence.rstrip().endswith("?")) and
                (_PRONOUN_START.match(sentence) or (about_other and _NO_SUBJECT.match(
                    clean_speech(sentence))))):
            # "He shouts. Bangs the doors.": a sentence with no subject of its own is still
            # about him, never the speaker's own doing
            # " — " marks a continuation about someone else; "; " joins the speaker's own
            joined = previous.text.rstrip(" .") + " — " + sentence[0].lower() + sentence[1:]
            if _SAID_THAT_RE.search(previous.text) and sentence.startswith("That "):
                # "The hospital said that. That he might be muddly.": one report
                joined = previous.text.rstrip(" .") + " " + sentence[5:]
            join(joined, previous, segments)
            continue
        if previous is not None and same_turn and _qualifies_previous(previous, sentence):
            # "…, but I can do it"; "…; still, I get there"
            opener = _TURNS_ROUND.match(sentence)
            mark = "; " if opener and "," in opener.group(0) else ", "
            joined = previous.text.rstrip(" .!") + mark + sentence[0].lower() + sentence[1:]
            join(joined, previous, segments)
            continue
        if previous is not None and same_turn and _condition_only(clean_speech(previous.text)):
            # "If your headaches aren't getting better. I want you to give me a call.": the
            # recogniser's full stop cut the condition from what it is the condition of
            joined = previous.text.rstrip(" .!") + ", " + _lower_start(sentence, lower)
            join(joined, previous, segments)
            continue
        if previous is not None and same_turn and previous.role != "practitioner" and \
                _HEDGE_ONLY.match(clean_speech(sentence)):
            # "Couple of times a week? Maybe.": the hedge belongs to what it hedges
            joined = previous.text.rstrip(" .!?") + ", " + sentence[0].lower() + sentence[1:]
            join(joined, previous, segments)
            continue
        answer = len(units) > 1 and units[-2].role == "practitioner" and \
            units[-2].text.rstrip().endswith("?") and previous is not None and \
            previous.role != "practitioner"
        if previous is not None and same_turn and _runs_on(previous, sentence, answer):
            # "Text. Or email. Not phone."; "I get the fourteen. On my own now.": short
            # sentences of one reply read as one, so none is lost for having too few words
            joined = previous.text.rstrip(" .!") + "; " + _lower_start(sentence, lower)
            join(joined, previous, segments)
            continue
        units.append(EvidenceUnit(segments[0], sentence, role, label, segments[1:]))
    return _link_answers(units)


_IF_RE = re.compile(r"^(?:(?:and|but|so|in the meantime|okay|ok|also|then),?\s+)*(?:if|unless)\s",
                    re.IGNORECASE)


def _condition_only(sentence: str) -> bool:
    """"In the meantime if your headaches aren't getting better, or they're getting worse.":
    an if-clause and nothing else (every part after a comma goes on with "or", "and"...)."""
    if not _IF_RE.match(sentence) or sentence.rstrip().endswith("?"):
        return False
    parts = sentence.rstrip(" .!").split(", ")[1:]
    return all(re.match(r"(?:or|and|so|by|in|within|even)\b", p, re.IGNORECASE) for p in parts)


SHORT_WORDS = 4   # a sentence this short, or with fewer than two content words, runs on
RUN_MAX_WORDS = 40  # ...into the one before it, up to this length


def _lower_start(sentence: str, lower: set[str]) -> str:
    """The sentence as it reads after "; ": a name ("Perth": never written in lower case in
    the conversation), "I" or "OT" keeps its capital."""
    first = sentence.split()[0] if sentence.split() else ""
    bare = re.sub(r"[^\w']", "", first).lower()
    if first == "I" or first.startswith("I'") or first[1:2].isupper() or (
            bare not in lower and re.sub(r"'s$", "", bare) not in lower and
            bare not in STOPWORDS and bare not in NUMBER_WORDS):
        return sentence
    return sentence[0].lower() + sentence[1:]


_HEDGE_ONLY = re.compile(r"^\W*(?:maybe|perhaps|probably|possibly|I think(?: so)?|I'm not sure|"
                         r"not sure|I don't know|don't know|or so|roughly|about that|"
                         r"give or take|more or less|something like that|or thereabouts)\W*$",
                         re.IGNORECASE)
_FILLER_ONLY = re.compile(r"^\W*(?:(?:well|right|okay|ok|so|oh|ah|hmm|mm|erm|um|yeah|yes|no|"
                          r"aye|alright|all right|fine|good|not bad|go on|go on then|sit down|"
                          r"it is|it was|it does|she does|he does|"
                          r"they do|I do|I am|I did)\W*)+$", re.IGNORECASE)


def _runs_on(previous: EvidenceUnit, sentence: str, answer: bool = False) -> bool:
    """A short sentence that goes on from the one before it in the same reply: neither is a
    question or a bare yes or no (`_link_answers` pairs those with their question).
    `answer`: the one before is the first sentence of a reply to a question."""
    before, now = clean_speech(previous.text), clean_speech(sentence)
    if previous.role == "practitioner" or before.endswith("?") or now.endswith("?") or \
            _BARE_YES_NO.match(before) or _BARE_YES_NO.match(now) or \
            _BACKCHANNEL.match(now) or not now:
        return False
    short = len(now.split()) <= SHORT_WORDS or len(content_terms(now)) < 2 or (
        # an answer that says nothing alone: "Once. Last month I woke up…", "I've got to. I
        # can't get to work otherwise." (but not "Well." or "Right.")
        answer and not content_terms(before) and
        not _FILLER_ONLY.match(before)) or (
        # a one-word answer, then what it leads to: "Coventry. We don't really speak."
        answer and len(before.split()) == 1 and not _FILLER_ONLY.match(before) and
        not re.match(r"I\b", now))  # (the person's own "I…" reads on its own)
    return short and len(before.split()) + len(now.split()) <= RUN_MAX_WORDS


def _qualifies_previous(previous: EvidenceUnit, sentence: str) -> bool:
    """A short "But I can do it." after a statement by the same speaker; not after a bare
    "No." (that one is no plain answer, `_link_answers` sees to it), a fragment ("Of all
    this.") or a question."""
    before = clean_speech(previous.text)
    return (previous.role != "practitioner" and not previous.text.rstrip().endswith("?") and
            bool(_TURNS_ROUND.match(sentence)) and len(sentence.split()) <= QUALIFIER_WORDS
            and bool(content_terms(before)) and not _BARE_YES_NO.match(before))


_ANSWER_OPENER = re.compile(
    r"^(?:yes|no|not|never|hardly|maybe|probably|perhaps|about|around|roughly|nearly|almost|"
    r"sometimes|only|just|a little|a bit|none|nothing|once|twice|every|most|mostly|quite|"
    r"pretty|always|usually)\b", re.IGNORECASE)
_HAS_SUBJECT = re.compile(r"\b(?:I|I'm|I've|I'd|we|he|she|they|it|my|our)\b", re.IGNORECASE)
_QUESTION_START = re.compile(r"^(?:(?:and|so|but|okay|right|now),?\s+)?(?:do|does|did|are|is|was|"
                             r"were|have|has|can|could|will|would|how|what|when|where|who|why|"
                             r"which|any|anything|you|your)\b", re.IGNORECASE)
_QUALIFIES = re.compile(r"^(?:not like that|not exactly|not as such|not really|well|but|although|"
                        r"except|apart from|sort of|kind of)\b", re.IGNORECASE)
_BACKCHANNEL = re.compile(r"^(?:yeah|yes|yep|mm+|mhm|mm-hmm|okay|ok|right|uh-huh)[.!]?$",
                         re.IGNORECASE)
_UNDERTAKES_RE = re.compile(r"^(?:(?:okay|ok|right|yes|yeah|aye|alright),?\s+)?(?:I'll|I will|"
                            r"I'm going to|we'll|will do)\b", re.IGNORECASE)
_PROMPT = re.compile(r"\?\s*$|^(?:so\s+)?(?:you're|you are)\b", re.IGNORECASE)


_SAID_BACK_RE = re.compile(r"^(?:and|so|but)?\s*(?:you're|you are|you've|you have|you'll|you will|"
                           r"you)\b", re.IGNORECASE)
_ASKS_FOR_ANSWER_RE = re.compile(r"^(?:and|so)?\s*(?:what|how)\s+(?:did|do|would|will)\s+you\s+"
                                 r"(?:write|put|say|think|reckon|answer)(?:\s+(?:down|there|then|"
                                 r"to (?:it|that)))?\s*\?$", re.IGNORECASE)


def _link_answers(units: list[EvidenceUnit]) -> list[EvidenceUnit]:
    """Give a short answer the question it answers. "Maybe four hours." alone says nothing;
    the note needs "Asked about not getting much sleep, Mr Okafor said maybe four hours." A
    unit is such an answer when it is the first sentence of the reply to a question or a
    reflection and opens like one (no, maybe, just...) or has few words and no subject
    ("Twice a week.")."""
    out: list[EvidenceUnit] = []
    prompt: EvidenceUnit | None = None
    since = 0
    told = 0  # the practitioner's sentences after a reflection, in its turn
    repeat = False  # the reply asked to hear the question again ("With my what?")
    for n, unit in enumerate(units):
        if unit.role != "practitioner" and prompt is not None and since == 0 and \
                REPEAT_RE.match(clean_speech(unit.text)):
            repeat = True
            out.append(unit)
            continue
        if unit.role == "practitioner" and repeat and prompt is not None and \
                not _PROMPT.search(unit.text):
            # "Your waterworks, your urine.": the question said again; the answer is to it
            repeat = False
            out.append(unit)
            continue
        repeat = False
        if unit.role == "practitioner":
            if _PROMPT.search(unit.text):
                # "Have you got your rescue pack? The steroids and the antibiotics?": the
                # fragment narrows the question before it, it does not replace it
                fragment = not _QUESTION_START.match(clean_speech(unit.text))
                narrows = fragment and since == 0 and prompt is not None and \
                    unit.segment == prompt.segment
                # "What support have you got now? What did you write?": the second asks
                # for the answer to the first, and has no topic of its own
                again = since == 0 and prompt is not None and \
                    unit.segment == prompt.segment and prompt.text.rstrip().endswith("?") and \
                    bool(_ASKS_FOR_ANSWER_RE.match(clean_speech(unit.text)))
                if again:
                    pass
                elif not narrows:
                    prompt, told = unit, 0
                elif prompt is not None and not _QUESTION_START.match(clean_speech(prompt.text)) \
                        and prompt.text.rstrip().endswith("?"):
                    # "Still coughing? Short of breath?": one question, asked in two parts
                    prompt = EvidenceUnit(prompt.segment, f"{prompt.text} {unit.text}",
                                          prompt.role, prompt.label, prompt.extra)
            elif since > 0 or prompt is None or unit.segment != prompt.segment:
                prompt = None
            elif not prompt.text.rstrip().endswith("?"):
                # "So, to make sure I've got it right: you're drinking…. You've had toast….
                # You want the electric sorted first." "That's it.": a reflection with more
                # after it is a summary, and the reply answers the whole of it
                told += 1
                # ("You're not going to sign any contract. And you're going to text Kelly."
                # "And tell her I miss her.": a second "you" said back; the reply could be to
                # either, so it is to neither)
                if told >= 2 or _SAID_BACK_RE.match(clean_speech(unit.text)):
                    prompt = None
            since = 0
            out.append(unit)
            continue
        since += 1
        text = clean_speech(unit.text)
        after = units[n + 1] if n + 1 < len(units) else None
        if (prompt is not None and since == 1 and _BACKCHANNEL.match(text) and after is not None
                and after.label == unit.label and after.role != "practitioner" and
                _ANSWER_OPENER.match(clean_speech(after.text))):
            since = 0  # "Yeah." then "Uh no, not that I know of.": the second one answers
            out.append(unit)
            continue
        # only the first sentence of a reply answers the question: in "Bit of white in the
        # morning. No green." the "No" is about green, not the question
        if (prompt is not None and since == 1 and after is not None and
                after.label == unit.label and _QUALIFIES.match(clean_speech(after.text))):
            out.append(unit)  # "No. Not like that. He said...": not a plain no; its words stand
            prompt = None
            continue
        if prompt is not None and since == 1 and not (
                # "You're going to ask Sarah on Sunday." "I'll write it down.": an undertaking,
                # no answer to the reflection
                not prompt.text.rstrip().endswith("?") and _UNDERTAKES_RE.match(text)) and (
                _ANSWER_OPENER.match(text) or _PROMPT.search(prompt.text) or (
                    len(content_terms(text)) <= MIN_TERMS and not _HAS_SUBJECT.search(text))):
            unit = EvidenceUnit(unit.segment, unit.text, unit.role, unit.label, unit.extra,
                                (prompt.segment, prompt.text))
        out.append(unit)
    return out


OTHER = SectionSpec("other", "Other points raised",
                    "Statements that fit no section of the template.", (), 4)
