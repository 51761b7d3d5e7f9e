"""Safety-netting as an action: "if your breathing gets worse, ring the GP" is the person's
"If Mrs Patel's breathing gets worse: ring the GP." (the condition kept, the instruction as an
imperative, "me" the practitioner)."""

from __future__ import annotations

import re

from summarise.action_patterns import SAFETY_RE
from summarise.addressee import Addressee, person_words
from summarise.draft import Action
from summarise.extractive import third_person_verb


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
    cond = re.sub(r"(,?\s+or\s+)you (?!are\b|have\b|'re\b|'ve\b)(\w+)",
                  lambda m: f"{m.group(1)}{who.name} {third_person_verb(m.group(2))}",
                  safety.group("cond"))
    cond = person_words(f"if {cond}", who)
    then = re.sub(r"\b(?:me|us)\b", "the practitioner", then).rstrip(" .")
    text = f"{cond}: {then}"
    return Action(text[:1].upper() + text[1:] + ".", who.owner, None, cited)
