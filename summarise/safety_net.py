"""Safety-netting as an action: "if your breathing gets worse, ring the GP" is advice to the
person, "Advised: if Mrs Patel's breathing gets worse, ring the GP." (the condition kept, the
instruction as an imperative, "me" the practitioner), never an agreed undertaking."""

from __future__ import annotations

import re

from summarise.action_patterns import SAFETY_RE
from summarise.addressee import Addressee, person_words, subject, vocative
from summarise.draft import Action
from summarise.extractive import third_person_verb
from summarise.roster import Roster


def safety_net(sentence: str, who: Addressee, cited: tuple[int, ...]) -> Action | None:
    """The safety net `sentence` sets for `who`, or None if it sets none."""
    safety = SAFETY_RE.match(sentence)
    if not safety:
        return None
    # "you ring 999" is the instruction: "ring 999"
    # ("you can have a carer's assessment" keeps its subject)
    then = person_words(re.sub(r"^(?:please\s+)?(?:(?:I|we) (?:want|need|'d like|would like) "
                               r"|(?=you\s))?"
                               r"you\s+(?:to\s+|should\s+|must\s+|need to\s+)?"
                               r"(?!can\b|could\b|might\b|may\b|will\b|'ll\b)(?=\w)", "",
                               safety.group("then"), flags=re.IGNORECASE), who)
    # "if you get a headache, or you feel sick" -> "if Roy gets a headache, or Roy feels..."
    cond = re.sub(r"(,?\s+(?:or|and)\s+)you (?!are\b|have\b|'re\b|'ve\b)(\w+)",
                  lambda m: f"{m.group(1)}{who.name} {third_person_verb(m.group(2))}",
                  safety.group("cond"))
    cond = person_words(f"if {cond}", who)
    # "…, or the Samaritans — I'll write the numbers down": the practitioner's own part is
    # an action of its own
    then = re.split(r"\s+[—–-]\s+(?=I'll\b|I will\b|I'm going to\b)", then)[0]
    then = re.sub(r"^please\s+|,?\s+please(?=[.,]|$)", "", then, flags=re.IGNORECASE)
    then = re.sub(r",\s+here's my (?:number|card)\b", "", then)  # handed over there and then
    # "if I send it straight to your pharmacy": the practitioner's doing, in the condition
    cond = re.sub(r"\bI (\w+)", lambda m: "the practitioner " + third_person_verb(m.group(1)),
                  cond)
    then = re.sub(r"\bI'm\b", "the practitioner is", then)  # "or the duty team if I'm not in"
    then = re.sub(r"\b(?:me|us|I)\b", "the practitioner", then).rstrip(" .")
    # "…, or you're being sick, or feel drowsy": the verb with no subject agrees too
    cond = re.sub(r"(,?\s+or\s+)(feel|get|become|go|start|seem|look|have|notice|find|"
                  r"struggle|fall|need|hear|see)\b(?=\s)",
                  lambda m: m.group(1) + third_person_verb(m.group(2)), cond)
    # advice, never an agreed undertaking: "Advised: if Pat's breathing gets worse, ring the GP."
    return Action(f"Advised: {cond}, {then}.", who.owner, None, cited)


def net_for(sentence: str, who: Addressee, roster: Roster) -> Addressee:
    """Whom a safety net is for: "If your breathing gets worse…, that's 999", said after the
    neighbour's "That's no bother" but calling no one by name, is the person's; one that
    speaks of the person as "he" or "she" ("if he has a seizure, ring me") stays with
    whoever was spoken to."""
    person = subject(roster)
    if who.owner == person.owner or vocative(sentence, roster) is not None or \
            not re.search(r"\b(?:if|when)\b[^,]*\byour?\b", sentence, re.IGNORECASE):
        return who
    pronoun = roster.voice().they
    if pronoun in ("he", "she") and re.search(
            r"\b(?:he|him|his)\b" if pronoun == "he" else r"\b(?:she|her|hers)\b",
            sentence, re.IGNORECASE):
        return who
    return person
