"""Small talk: what is said on the way in and over a cup of tea, which no case note carries.

"Do you want a brew? The kettle's boiled.", "Milk, no sugar.", "That cake is lovely.",
"Terrible weather we're having." bear on nobody's care. Left in, they land wherever their words
pull them ("lovely", "good" are the cues of a review's "Outcomes and what is working").

Only the talk itself is small: what a person eats and drinks is nutrition ("Tea. Loads of tea.
Ten, twelve cups a day."), and the cold indoors is heating ("It was freezing in here last
week"). So a sentence is small talk only when, once the small-talk phrases below are taken
out, no word that says something is left ("I'll have a coffee, I've not had a drink since the
carer left" keeps its carer), and it raises no risk.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from summarise.risks import find_risks
from summarise.text import content_terms

_DRINK = r"(?:tea|coffee|cuppa|brew|drink|cup|one|squash|juice|biscuit|biscuits)"
_TREAT = (r"(?:cake|biscuits?|scones?|coffee|tea|cuppa|brew|soup|sandwich(?:es)?|buns?|"
          r"flapjacks?|shortbread|pie|cup of (?:tea|coffee))")
_NICE = (r"(?:lovely|gorgeous|delicious|beautiful|nice|great|good|smashing|amazing|perfect|"
         r"spot on|proper|decent|cracking|champion|the best|a mean|a good|a lovely|a nice|"
         r"a proper|a decent|a cracking)")
_WEATHER_WORD = (r"(?:raining|pouring|chucking it down|freezing|roasting|boiling|baking|bitter|"
                 r"cold|warm|hot|sunny|windy|wet|grim|miserable|lovely|nice|glorious|"
                 r"horrible|awful|foggy|icy|snowing|muggy|close|"
                 r"(?:tipping|tamping|bucketing|lashing|pouring|siling|teeming) (?:it )?down)")
_PATTERNS = tuple(re.compile(p, re.IGNORECASE) for p in (
    # an offer of a drink, its answer, and the kettle
    rf"\b(?:do you want|d'you want|would you like|can I get you|could I get you|fancy|"
    rf"shall I (?:make|get|put)|let me (?:make|get) you|I'll make (?:you|us)|are you having)"
    rf"\s+(?:a|an|another|some|one)?\s*(?:\w+\s+)?(?:of\s+)?{_DRINK}\b",
    r"\b(?:I'll|I will|we'll) put the kettle on\b|\bput the kettle on\b",
    r"\b(?:the\s+)?kettle(?:'s| is| has)?\s+(?:on|boiled|boiling|just boiled)\b",
    r"\bis (?:that|the) kettle on\b",
    r"\bI (?:could|would) (?:kill|murder|do) (?:for |with )?an?\s+(?:\w+\s+)?(?:of\s+)?"
    rf"{_DRINK}\b",
    rf"\b(?:go on(?: then)?,?\s*)?(?:yes,? please,?\s*)?I'll have (?:a|one|an?)\s+"
    rf"(?:(?:small|quick|little|cup of|mug of)\s+)?(?:{_DRINK})?(?=\s*(?:[,.!—;-]|then|please|"
    r"if you're making|thanks|$))",
    r"\b(?:if you're making (?:one|it)|I'd love one|go on then|yes,? please)\b",
    r"\bwhere's (?:that|my|the) (?:brew|tea|coffee|cuppa)\b",
    r"\b(?:milk|white|black)(?:,|\s+and)?\s+(?:no|one|two|three)\s+sugars?\b|"
    r"\b(?:no|one|two|three) sugars?\b|\bmilk and sugar\b|\bhow do you take it\b",
    # a compliment on what is being eaten or drunk
    rf"\b(?:that|this|the|these|those|your|her|his)\s+{_TREAT}\s+(?:is|are|was|were|'s|tastes?)"
    rf"\s+(?:(?:really|very|so|dead|proper)\s+)?{_NICE}\b",
    rf"\b(?:you|she|he|they|I|\w+)\s+(?:make|makes|made|do|does)\s+(?:(?:really|very)\s+)?"
    rf"{_NICE}\s+{_TREAT}\b",
    rf"\b{_NICE}\s+{_TREAT}(?:,? this| that)?\b",
    # a remark on the weather, outside
    r"\b(?:terrible|lovely|awful|horrible|nice|miserable|glorious|grim|beautiful|funny|"
    r"strange|mad) (?:weather|day|morning|afternoon)(?: (?:we're|we are|we've been) having"
    r"| for it| out there| today| again)?\b",
    r"\b(?:the )?weather(?:'s| is| has been| was)?\b",
    rf"\bit(?:'s| is| was| has been|'s been)\s+(?:(?:really|so|dead|proper|absolutely|a bit)\s+)?"
    rf"{_WEATHER_WORD}\s+(?:out there|outside|out|today|this morning|again|all week|all day)\b",
    r"\b(?:raining|rain|snowing|snow) again\b|\bforecast\b|\bbrass monkeys\b",
    # greetings and thanks on the doorstep
    r"\b(?:nice|lovely|good|great) (?:to|to finally) (?:meet|see) you\b|"
    r"\bthank(?:s| you) for (?:coming|popping|calling) (?:in|round|out|over|by)?\b|"
    r"\b(?:did you|you) find (?:us|it|the place|the house) (?:alright|okay|ok|all right)\b|"
    r"\b(?:have|take) a seat\b|\bsit (?:yourself )?down\b|\bmake yourself at home\b",
    r"^(?:hiya|hi|hello|hey|morning|afternoon|evening|good (?:morning|afternoon|evening))\b|"
    r"\bcome (?:in|on in|through|inside)(?: out of the (?:rain|cold|wet|wind))?\b|"
    r"\bmind (?:the|them|those|that|my) (?:step|steps|dog|cat|door|mess|bags|boxes)\b|"
    r"\bwipe your feet\b|"
    # where to sit, and what to move off the chair: "Sit there if you want. Shift them cans."
    r"\bsit (?:there|here|wherever|anywhere|where you like)(?: if you (?:want|like))?\b|"
    r"\b(?:shift|move) (?:them|those|the|that|this) (?:\w+ )?(?:cans?|cat|dog|papers?|bags?|"
    r"boxes|stuff|things|washing|cushions?)\b|\b(?:on|in) your way (?:out|in)\b|"
    r"\b(?:just )?squeeze (?:past|through|in)\b(?:,? you'll be (?:sound|fine|alright|okay|ok))?|"
    # who is at the door: "It's the social worker, from the council. I rang yesterday."
    r"\bit's (?:only )?(?:me|the|your) (?:\w+ )?(?:social worker|nurse|carer|worker|OT)\b"
    r"(?:,? from the (?:council|team|hospital|\w+ team))?|\bI (?:rang|phoned|called) "
    r"(?:you )?(?:yesterday|earlier|last week|this morning)\b|"
    # the line itself: "I can hear you now.", "Can you hear me?"
    r"\b(?:I )?can (?:you )?(?:hear|see) (?:you|me)(?: now| okay| ok| fine| alright)?\b|"
    r"\byou're (?:breaking up|on mute|frozen)\b|"
    # a reaction to what was just said
    r"\bdon't (?:say that|be (?:daft|silly|soft))\b",
    # thanks, goodbyes and "that sounds good" as a visit ends: no word left says anything
    r"^(?:(?:ok(?:ay)?|k|right|well|oh|yeah|yes|great|perfect|brilliant|lovely|cool|fine|good|"
    r"fab|smashing|cheers|ta|bye(?:[- ]bye)?|goodbye|ta-ra|see you(?: (?:soon|later|then))?|"
    r"take care|you too|and you|no problem|no worries|all right|alright|fair enough|"
    r"sure|thank(?:s| you)(?: (?:very|so) much| a lot| ever so much)?(?: for (?:that|your help|"
    r"everything|your time|coming))?|(?:that|it)(?:'s| is| sounds| all sounds)"
    r" (?:good|great|fine|lovely|perfect|brilliant|cool|grand|helpful)|sounds (?:good|great|"
    r"fine|lovely|perfect)|(?:have a )?(?:good|nice|lovely) (?:day|one|weekend|afternoon))"
    r"(?:[\s,.!;—-]+|$))+$",
))
# Asides to someone else in the room ("Mick, write it down.") and greetings say nothing.
ASIDE_RE = re.compile(r"^(?:(?-i:[A-Z][a-z]+),\s+(?:\w+\s+){0,1}(?:write|see|get|put|go|come|"
                       r"make|put|pass|fetch|mind|look|sit|stop|leave|let|tell|show)\b|"
                       r"(?:ay up|hiya|hello|hi|morning|afternoon|come in|come on in|"
                       r"bye|see you|ta-ra|cheers|lovely|thanks)\b|"
                       # a grudging yes that says no more: "If you must.", "If you like."
                       r"(?:(?:oh|well|aye|yes|yeah),?\s+)?if you (?:must|like|want|insist|"
                       r"say so)[.!]?$)", re.IGNORECASE)
# words that only carry the talk along ("…, by the way", "then", "please")
_CARRIERS = set(content_terms("by the way then please ta isn't it innit eh mind there here "
                              "course thanks lovely really just duw blimey gosh crikey ooh "
                              "aww bless"))


def small_talk(text: str, names: Iterable[str] = ()) -> bool:
    """Is this sentence small talk and nothing else? `names` (lowercase) are the
    conversation's proper names, which say nothing on their own ("Same as our Gary")."""
    rest, found = text, False
    for pattern in _PATTERNS:
        rest, n = pattern.subn(" ", rest)
        found = found or n > 0
    if not found or find_risks([(0, text)]):
        return False
    ignored = _CARRIERS | set(content_terms(" ".join(names)))
    return not [t for t in content_terms(rest) if t not in ignored]
