"""A practitioner's question in the note's words, for an answer that needs it:
"How are you getting on with Tom?" "Fine." -> "Asked how she is getting on with Tom: fine."

Used where the question has no shorter form (a topic, a quantity, a yes or no that can be
stated): the note then carries the question as asked, in the third person, and the answer.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from summarise.answer import Answered, join
from summarise.extractive import PARTICIPLE_RE, third_person_verb
from summarise.notestyle import lower_first
from summarise.qa_patterns import AUX_RE, NEG_AUX, OBJECT_AFTER, POS_AUX, PRESENT
from summarise.speakers import Voice
from summarise.text import clean_speech, content_terms
from summarise.verify import FRAMING

_AUX_3RD = {"are": "is", "is": "is", "was": "was", "were": "was", "have": "has", "has": "has",
            "can": "can", "could": "could", "would": "would", "will": "will"}
_YES_NO_RE = re.compile(r"^(do|does|are|is|was|were|have|has|can|could|would|will)\s+"
                        r"(you|(?-i:[A-Z][a-z]+)|it|he|she|they)\s+(.+)$", re.IGNORECASE)
_WH_RE = re.compile(r"^(how|what|when|where|who|why|which)\b((?:\s+\w+){0,5}?)\s+"
                    r"(do|does|are|is|was|were|have|has|can|could|would|will)\s+"
                    r"(you|(?-i:[A-Z][a-z]+)|it|he|she|they)\s+(.+)$", re.IGNORECASE)
_ABOUT_RE = re.compile(r"^(?:what|how)\s+about\s+([^,]+)", re.IGNORECASE)
_PRACTITIONER_SELF = re.compile(r"\b(?:I|me|my|we|us|our)\b", re.IGNORECASE)
_REFLECTION_RE = re.compile(r"^(?:so\s+)?(?:you're|you are)\s+((?:not\s+)?\w+ing\b.*)$",
                            re.IGNORECASE)


ADVERBS = {"ever", "still", "usually", "always", "never", "often", "sometimes", "really",
            "actually", "normally", "generally", "also", "just", "even", "already"}


def indirect_question(question: str, voice: Voice,
                      third: Callable[[str], str] | None = None) -> str | None:
    """The practitioner's question as the note reports it, or None if it has no simple form
    (`third` turns the rest of the question into the third person; by default "you" is
    "them"):
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
        return "about " + (third or (lambda t: _second_to_third(t, voice)))(about.group(1).strip())
    reflection = _REFLECTION_RE.match(text)
    if reflection:
        return "about " + (third or (lambda t: _second_to_third(t, voice)))(reflection.group(1))
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
    if not rest.split():
        return None
    person = subject.lower() == "you"
    who = voice.they if person else subject
    plural = voice.plural_verbs if person else subject.lower() == "they"
    aux = aux.lower()
    words_ = rest.split()
    if aux in ("do", "does"):
        if not plural:  # the verb, after any adverb: "ever forget" -> "ever forgets"
            at = next((n for n, w in enumerate(words_) if w.lower() not in ADVERBS), 0)
            words_[at] = third_person_verb(words_[at])
        verb = ""
    else:
        verb = aux if plural else _AUX_3RD[aux]  # "are you" / "are they" -> "they are"
    if not person:  # "Would Karen have you?": after her verb, "you" is its object
        words_ = re.sub(r"^(\S+\s+)you\b(?!'|\s+(?:should|could|would|can|will|might|must|"
                        r"are|were|have|had|need|want|do|did|don't|go|get|feel|think|know)\b)",
                        rf"\g<1>{voice.them}", " ".join(words_)).split()
    convert = third or (lambda t: _second_to_third(t, voice))
    clause = " ".join(w for w in (who, verb, convert(" ".join(words_))) if w)
    return f"{lead} {clause}"


def _second_to_third(text: str, voice: Voice) -> str:
    text = re.sub(r"\byourself\b", voice.themselves, text, flags=re.IGNORECASE)
    text = re.sub(r"\byour\b", voice.their, text, flags=re.IGNORECASE)
    return re.sub(r"\byou\b", voice.them, text, flags=re.IGNORECASE)


def asks_something(reported: str, voice: Voice) -> bool:
    """Does a reported question name what it asks about ("how she is eating"), beyond the
    framing every question has ("how she is getting on", "how he feels about that")?"""
    named = {w.lower() for w in (voice.subject, voice.they, voice.them)}
    return bool([t for t in content_terms(reported) if t not in named and t not in FRAMING
                 and t not in _GENERIC])


_GENERIC = frozenset(content_terms("whether how what doing getting going things everything "
                                   "anything else lately recently today generally"))


def others_pronoun(text: str, voice: Voice) -> bool:
    """Whether a question's words speak of someone else by the person's own pronoun."""
    if voice.they not in ("he", "she"):
        return False
    forms = r"\b(?:he|him|his|he's)\b" if voice.they == "he" else r"\b(?:she|her|hers|she's)\b"
    return bool(re.search(forms, text, re.IGNORECASE))


def third(text: str, voice: Voice) -> str:
    # "that you'd be better off" -> "that she would be…"; "you'd been" -> "she had been"
    text = re.sub(r"\byou'd\s+(\w+)", lambda m: f"{voice.they} " + (
        "had" if PARTICIPLE_RE.match(m.group(1)) else "would") + f" {m.group(1)}", text,
        flags=re.IGNORECASE)
    text = re.sub(r"\byourself\b", voice.themselves, text, flags=re.IGNORECASE)
    text = re.sub(r"\byour\b", voice.their, text, flags=re.IGNORECASE)
    text = re.sub(r"\byou're\b", f"{voice.they} {'are' if voice.plural_verbs else 'is'}", text,
                  flags=re.IGNORECASE)
    text = re.sub(r"\byou've\b", f"{voice.they} {'have' if voice.plural_verbs else 'has'}", text,
                  flags=re.IGNORECASE)
    return re.sub(r"\byou\b", voice.them, text, flags=re.IGNORECASE)


def subject_you(text: str, voice: Voice) -> str:
    """"since you got home" -> "since she got home": "you" as a subject is they/she/he, and
    its verb agrees ("that you think" -> "that Jay thinks")."""
    def swap(match: re.Match[str]) -> str:
        if OBJECT_AFTER.search(text[:match.start()]):
            return match.group(0)  # left for _third: "help you" -> "help her"
        verb = match.group(1) or ""
        if verb and not voice.plural_verbs and verb.lower() in PRESENT:
            verb = "is" if verb.lower() == "are" else third_person_verb(verb)
        return f"{voice.they} {verb}".rstrip() + (" " if match.group(0).endswith(" ") else "")
    text = re.sub(r"\byou're\b", f"{voice.they} {'are' if voice.plural_verbs else 'is'}", text,
                  flags=re.IGNORECASE)
    text = re.sub(r"\byou've\b", f"{voice.they} {'have' if voice.plural_verbs else 'has'}",
                  text, flags=re.IGNORECASE)
    text = re.sub(r"\byou'll\b", f"{voice.they} will", text, flags=re.IGNORECASE)
    if not voice.plural_verbs:
        # "you don't think it's working" -> "she doesn't think…", "you were" -> "she was"
        for second, third_ in _AGREE:
            text = re.sub(rf"\byou {second}\b", f"{voice.they} {third_}", text,
                          flags=re.IGNORECASE)
    text = re.sub(r"\byou\b(?!')(?:\s+(\w+))?", swap, text, flags=re.IGNORECASE)
    return third(text, voice)


_AGREE = (("don't", "doesn't"), ("do not", "does not"), ("haven't", "hasn't"),
          ("have not", "has not"), ("aren't", "isn't"), ("are not", "is not"),
          ("weren't", "wasn't"), ("were", "was"))


# what a practitioner says of their own view, as well as the verbs anyone uses
_STANCE = PRESENT | {"respect", "understand", "agree", "appreciate", "believe", "accept",
                     "suggest", "recommend", "realise", "realize", "hear", "notice", "see"}


def practitioner_self(text: str) -> str:
    """The practitioner's "I": "I'd like you to come back" -> "the practitioner would like…"
    (never "the practitioner'd")."""
    for short, full in (("'d", "would"), ("'ll", "will"), ("'ve", "has"), ("'m", "is")):
        text = re.sub(rf"\b(?:I|we){short}\b", f"the practitioner {full}", text)
    # and the verb agrees: "I respect that" -> "the practitioner respects that"
    for first, third_ in (("don't", "doesn't"), ("do not", "does not"), ("haven't", "hasn't"),
                          ("have not", "has not"), ("am", "is"), ("are", "is"), ("have", "has"),
                          ("were", "was"), ("weren't", "wasn't")):
        text = re.sub(rf"\b(?:I|we) ((?:just|also|really|still|always|only) )?{first}\b",
                      rf"the practitioner \g<1>{third_}", text)
    text = re.sub(r"\b(?:I|we) ((?:just|also|really|still|always|never|only) )?(\w+)\b",
                  lambda m: "the practitioner " + (m.group(1) or "") + (
                      third_person_verb(m.group(2)) if m.group(2).lower() in _STANCE
                      else m.group(2)), text)
    text = re.sub(r"\b(?:I|we)\b", "the practitioner", text)
    return re.sub(r"\b(?:me|us)\b", "the practitioner", text)


# a question left for the answer to finish: "Two cans of?", "And that's with?"
_CLOZE_RE = re.compile(r"^(?!(?:what|who|how|when|where|why|which|do|does|did|are|is|was|were|"
                       r"have|has|can|could|will|would|any)\b)(?P<stem>(?:\S+\s+){1,6}?(?:of|"
                       r"with|for|to|at|in|on|about|from|by|called|named))$", re.IGNORECASE)


def cloze(question: str, voice: Voice) -> str | None:
    """The blank's lead-in in the note's words, capitalised ("Two cans of"), or None."""
    text = clean_speech(question).strip()
    if not text.endswith("?"):
        return None
    text = re.sub(r"^(?:and|so|but|ok|okay|right)\b,?\s*", "", text.rstrip("?").strip(),
                  flags=re.IGNORECASE)
    match = _CLOZE_RE.match(text)
    if not match or _PRACTITIONER_SELF.search(text):
        return None
    stem = subject_you(match.group("stem"), voice)
    return stem[0].upper() + stem[1:]


def declarative(aux: str, subject: str, rest: str, voice: Voice, negative: bool) -> str | None:
    """"do you smoke" -> "smokes" / "does not smoke"; "is it painful" -> "it is painful";
    "have they missed any calls" -> "they have not missed any calls". A "you" subject is
    left implied (the note is about the one who answered)."""
    rest = subject_you(rest, voice)
    aux = aux.lower()
    person = subject.lower() == "you"
    plural = subject.lower() in ("they", "we")  # "you" is one person, whose subject is implied
    words = rest.split()
    if not words:
        return None
    if negative and aux in ("do", "does") and len(words) > 1 and words[0].lower() == "ever" \
            and not plural:
        # "do you ever have thoughts of..." "No." -> "never has thoughts of..."
        clause = " ".join(["never", third_person_verb(words[1]), *words[2:]])
        # "…stay over, or bring people…" -> "never stays over, or brings people…"
        clause = re.sub(r"(,?\s+(?:or|and)\s+)(\w+)", lambda m: m.group(1) + (third_person_verb(
            m.group(2)) if m.group(2).lower() in PRESENT else m.group(2)), clause)
        return f"{subject} {clause}" if not person else clause
    if negative:
        verb = NEG_AUX[aux]
        if plural:
            verb = {"does not": "do not", "is not": "are not", "was not": "were not",
                    "has not": "have not"}.get(verb, verb)
        # "have you ever had thoughts…" "No." -> "has never had…", never "has not ever had"
        clause = re.sub(r"^(has|have|had|is|are|was|were) not ever\b", r"\1 never",
                        f"{verb} {rest}")
    elif aux in ("do", "does"):
        if words[0].lower() == "ever" and len(words) > 1:
            words = words[1:]  # "do you ever feel lonely" "Yes." -> "feels lonely"
        # "do you usually eat" -> "usually eats", never "usuallies eat"
        k = next((n for n, w in enumerate(words[:-1]) if w.lower() not in ADVERBS), 0)
        if not plural:
            words[k] = third_person_verb(words[k])
        clause = " ".join(words)
    elif aux == "did":
        return None  # "did you fall" -> a past tense we will not guess at
    else:
        verb = aux if plural else POS_AUX[aux]
        clause = f"{verb} {rest}"
    if not person:
        clause = f"{subject} {clause}"
    return clause


def whether_anyone(question: str, voice: Voice) -> str | None:
    """"Has anyone asked you to sign anything" -> "whether anyone has asked her to sign
    anything", or None for a question of any other shape."""
    anyone = re.match(r"^(has|have|did|does|do|is|are|was|were)\s+(anyone|anybody|someone|"
                      r"somebody)\s+(.+)$", question, re.IGNORECASE)
    if not anyone:
        return None
    aux = {"have": "has", "do": "does", "are": "is", "were": "was"}.get(
        anyone.group(1).lower(), anyone.group(1).lower())
    return f"whether {anyone.group(2).lower()} {aux} {subject_you(anyone.group(3), voice)}"


_BARE_BE_RE = re.compile(r"^(?P<np>.+?)\s+(?P<aux>are|is|was|were)\s+(?P<rest>(?:in|on|at|out|"
                         r"there|here|left|still|now)\b.*)$", re.IGNORECASE)
_BARE_DO_RE = re.compile(r"^(?P<np>.+?)\s+(?P<aux>does|do|did)\s+(?P<subj>(?:all )?(?:this|that|"
                         r"it|they|he|she|you))\s+(?P<verb>[a-z]+)(?P<rest>(?:\s+\w+){0,3})$",
                         re.IGNORECASE)


def bare_reported(lead: str, rest: str, voice: Voice, third: Callable[[str], str]) -> str | None:
    """"How many letters are in there?" -> "how many letters are in there"; "How much of your
    time does all this take?" -> "how much of his time all this takes" (never the topic cut
    from it, "Of his time does all this take:"); None where neither shape fits."""
    rest = rest.strip()
    be = _BARE_BE_RE.match(rest)
    if be:
        return f"{lead.lower()} {third(be['np'])} {be['aux'].lower()} {be['rest']}"
    do = _BARE_DO_RE.match(rest)
    if do is None:
        return None
    subject = do["subj"].lower()
    person = subject == "you"
    who = voice.they if person else subject
    verb = do["verb"]
    if do["aux"].lower() == "did":
        return None  # the past of any verb needs a word list; the topic form stays
    if not (voice.plural_verbs if person else subject == "they"):
        verb = third_person_verb(verb)
    return f"{lead.lower()} {third(do['np'])} {who} {verb}{third(do['rest'])}".strip()


def chosen(q: str, rest: str, voice: Voice, names: frozenset[str] | None) -> Answered | None:
    """"Do you know if that's type one or type two?" "Type two." -> "Asked if that's type one
    or type two: type two.": an option picked from the question keeps the question."""
    if not rest or len(rest.split()) > 8 or not re.search(r"\w\s+or\s+\w", q):
        return None
    shared = set(content_terms(rest)) & set(content_terms(q))
    if not shared or (names and shared <= names):
        return None  # "Is it Jayden or Jay?" "Jay's fine.": a name, no fact
    asked = re.sub(r"^(?:do|did)(?: you know)? (?=if|whether)|^(?:is|was|are|does|do) (?:it|that|"
                   r"this|they|the \w+)\s+(?=.+\bor\b)", "", q, flags=re.IGNORECASE)
    aux = AUX_RE.match(asked)
    clause = declarative(aux.group(1), aux.group(2), aux.group(3), voice, False) if aux else None
    # "Do you use a lighter or matches?" -> "Asked whether she uses a lighter or matches"
    if clause and aux and aux.group(2).lower() == "you" and not voice.plural_verbs and \
            not re.match(r"(?:or|and)\b", aux.group(3)) and not clause.startswith(voice.they):
        asked = f"whether {voice.they} {clause}"  # (a plural "they" would need its verb again)
    else:
        asked = third(subject_you(asked, voice), voice)
    lead = "" if re.match(r"^(?:if|whether)\b", asked, re.IGNORECASE) else "about "
    return join(f"Asked {lead}{asked[0].lower()}{asked[1:]}: ", lower_first(rest, names), asked,
                 False, joiner="", names=names)
