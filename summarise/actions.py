"""Agreed actions: who will do what by when, in every form a practitioner says them.

- the practitioner's own commitments: "I'll refer you", "what I'm going to do is...", "let me
  have a word with...", "I can put in a referral", "I'd like to ask the fire service";
- what someone else takes on, as the practitioner says it: "Sandra, you're going to ask the
  nurse", "your daughter's going to ring the GP", "you need to book the review";
- decisions about the care: "the teatime calls stop from Monday", "we'll keep it at twenty
  hours", "the plan stays as it is";
- safety-netting: "if your breathing gets worse, ring the GP, or 111 out of hours".

Something the person or a relative only says they might do is not an agreed action; nor is a
question ("shall I...?") or a refusal ("I can't promise that"). Each action is written as a
clean imperative ("Ask the provider for an earlier morning call.") or "Owner to ...", with its
owner and due time as said, and cites what it rests on. A summary that restates an earlier
commitment adds its citation to that action rather than a second copy.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from summarise.addressee import (
    Addressee,
    person_words,
    speaker_of,
    subject,
    subject_owner,
    vocative,
)
from summarise.draft import Action
from summarise.notestyle import tidy
from summarise.roster import FAMILY, Roster
from summarise.speakers import ACTION_VERBS
from summarise.text import content_terms

if TYPE_CHECKING:
    from summarise.evidence import EvidenceUnit

_VERBS = ACTION_VERBS + (r"|let|tell|inform|leave|chase up|liaise|note|record|pass on|"
                         r"put in|start|stop|increase|reduce|prescribe|print|post|do|see|"
                         r"take|make|keep|try|look|write|bring|show|talk|have a word|"
                         r"have a look|get in touch|drop in|pop in|come out|come and see|be back|"
                         r"be in touch|mention|email|e-mail|text|ring round|hand over|update|"
                         r"keep an eye|add|include|"
                         r"change|move|swap|cancel|chase|fill in|complete|fax|forward")
_OWN_LEAD = (r"(?:what I'm going to do is|what I'll do is|what I can do is|what we'll do is|"
             r"what we're going to do is|I'll|I will|I'm going to|I am going to|I'm gonna|"
             r"we'll|we will|we're going to|we are going to|let me|I can|I could|I need to|"
             r"I have to|I've got to|I(?:'d| would) (?:also |really )?like to|"
             r"I'm (?:also )?happy to|I'll need to|I'd suggest we|I want to)")
_ADVERB = r"(?:also\s+|then\s+|just\s+|now\s+|definitely\s+|certainly\s+|first\s+|still\s+)?"
OWN_RE = re.compile(rf"\b{_OWN_LEAD}\s+{_ADVERB}(?:{_VERBS})\b", re.IGNORECASE)
# someone else's: "you're going to ask", "Mick, you'll carry on", "your daughter's going to"
_OTHER_RE = re.compile(
    r"\b(?:(?P<name>(?-i:[A-Z][a-z]+)),\s+)?(?P<who>you|your (?P<rel>\w+(?:-in-law)?)|"
    r"(?-i:[A-Z][a-z]+))(?:'s| is| are|'re)?\s+(?:going to|gonna|'ll|will|need to|needs to|"
    r"has to|have to|agreed to|said (?:you'd|she'd|he'd|they'd)|carrying on|to carry on)\s+"
    rf"{_ADVERB}(?P<rest>.+)$", re.IGNORECASE)
# advice: "I'd suggest you ...", "what we'd recommend is ...", "I'd advise you to ..."
_SECOND_OWNER_RE = re.compile(r",?\s+and\s+(?=(?-i:[A-Z][a-z]+)(?:'s| is| will|'ll| are)\s)")
_RECOMMEND_RE = re.compile(r"\b(?:(?:what )?(?:I|we)(?:'d| would)(?: really| certainly| strongly)? "
                           r"(?:suggest|recommend|advise)|I (?:will |would )?"
                           r"(?:certainly |strongly )?(?:advise|recommend|suggest)|"
                           r"my advice (?:would be|is))\s+(?:is\s+)?"
                           r"(?:(?:just|that|for)\s+)?(?:what (?:we|I) (?:say|call)\s+)?"
                           r"(?:you\s+)?(?:to\s+)?(?:should\s+)?(.+)$",
                           re.IGNORECASE)
_DECISION_RE = re.compile(
    r"\b(?P<what>(?:the|your|her|his|their)\s+(?:\w+\s+){0,3}?(?:calls?|visits?|care|package|"
    r"hours|plan|placement|sessions?|days?|support|service|review|meals?))\s+"
    r"(?:will\s+)?(?P<verb>stops?|starts?|stays?|continues?|goes up|goes down|increases?|"
    r"reduces?|changes?|moves?|remains?|ends?|is (?:increased|reduced|stopped|staying|"
    r"going up|going down|ending|changing|moving))\b(?P<rest>.*)$", re.IGNORECASE)
_SAFETY_RE = re.compile(r"^(?:and\s+|but\s+|so\s+)?if\s+(?P<cond>[^,]+),\s*(?:then\s+)?"
                        r"(?P<then>(?:please\s+)?(?:ring|call|phone|contact|start|go|dial|use|"
                        r"press|get|tell|let|come|take|seek|you (?:ring|call|phone|can|should|"
                        r"must|need))\b.+)$", re.IGNORECASE)
_DUE_RE = re.compile(
    r"\b(?:(?:by|on|next|this|before|after|until|from)\s+(?:(?:next|this)\s+)?"
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|week|month|weekend|"
    r"morning|afternoon|evening)|tomorrow|today|tonight|later today|"
    r"within\s+\w+\s+(?:days?|weeks?|working days?)|in\s+(?:a|\w+)\s+(?:days?|weeks?))\b",
    re.IGNORECASE)
_LEAD_RE = re.compile(rf"^{_OWN_LEAD}\s+{_ADVERB}", re.IGNORECASE)
# "I'll send you a copy and call you in two weeks": a second verb after "and" is its own action.
# So is one after ", and": "tell the oxygen team, and refer to the fire service".
_AND_VERB_RE = re.compile(rf",?\s+and\s+(?:I'll\s+|then\s+)?(?=(?:{ACTION_VERBS})\s+"
                          rf"(?:you|your)\b)|,\s+and\s+(?:I'll\s+|then\s+)?(?=(?:{ACTION_VERBS})\b)|"
                          rf",?\s+and\s+I(?:'ll| will)\s+(?=(?:{ACTION_VERBS})\b)", re.IGNORECASE)
# Reasons and asides add words, not actions: "so if you fall you can call for help".
_ASIDE_RE = re.compile(r"(?:,?\s+so (?:that |if |you |they |he |she |we )|,\s+maybe |"
                       r"\s+to see how (?!the|your|her|his)|,\s+(?:just|only) so |"
                       r",\s+because |,\s+if that's (?:okay|alright|ok)|,\s+(?:actually|I know|"
                       r"I mean)\b).*$", re.IGNORECASE)
_NOT_COMMITTED_RE = re.compile(r"\b(?:can't|cannot|won't|couldn't) promise|"
                               r"\bask (?:you )?(?:this|something|a question|everybody|everyone|"
                               r"all my)\b|"
                               r"\bask you (?:about|a few|some|"
                               r"a couple|if|whether|how|what)\b|\bif you want\b|"
                               r"\bdo you want me to\b|\bshall I\b|\bwould you like\b|"
                               r"\bI'm not going to\b|\bI won't\b|\bif and when you\b|"
                               r"\bwhen you're ready\b|\bif you'd like\b|^I can\b[^.]*,\s+or\b|"
                               # signposting within the visit: "I'll ask you a bit more about
                               # your work later on", "I'll come back to that in a second"
                               r"\b(?:ask|talk|come back to|go (?:through|over)|explain|check)"
                               r"\b[^.]*\b(?:later on|in (?:just )?a (?:sec|second|minute|moment|"
                               r"bit)|shortly|in a moment|before (?:you|I) go)\b",
                               re.IGNORECASE)
DUPLICATE = 0.6  # share of the shorter action's words that make it a restatement
# A pseudo-cleft says what will be done: "What we'll look at is getting a morning call put in"
# is "We'll look at getting a morning call put in"; "What I'd like to do today is what's called
# an assessment" describes this visit, not a next step.
_CLEFT_NOW_RE = re.compile(
    r"\bwhat (?:I|we) ?(?:'d like to|would like to|'ll|will|'re going to|are going to|"
    r"'m going to|am going to|want to) do (?:today|now|here|this (?:morning|afternoon|visit)) "
    r"is\b[^.?!]*[.?!]?\s*", re.IGNORECASE)
_CLEFT_RE = re.compile(
    r"\bwhat (?P<who>I|we) ?(?:'ll|will|'re going to|are going to|'m going to|am going to|"
    r"'d like to|would like to|need to|want to)\s+(?P<verb>(?!do\b)[a-z]+(?:\s+(?:at|up|in|on|"
    r"out|for|about|into|through|with))?)\s+(?:(?:first|next|then)\s+)?is\s+", re.IGNORECASE)
# The same service under its usual short name, when telling a restatement from a new action.
_SHORT_NAMES = ((re.compile(r"\bOTs?\b"), "occupational therapist"),
                (re.compile(r"\bphysio\b", re.IGNORECASE), "physiotherapist"),
                (re.compile(r"\bDN\b"), "district nurse"))


def _uncleft(spoken: str) -> str:
    spoken = _CLEFT_NOW_RE.sub("", spoken)
    return _CLEFT_RE.sub(lambda m: f"{m.group('who')}'ll {m.group('verb')} ", spoken)


def find_actions(units: Sequence[EvidenceUnit], roster: Roster) -> list[Action]:
    """Every agreed action, in the order first said: the practitioner's, what others in the
    room commit to ("I'll put it in the handover"), and requests accepted ("Can you email
    them over today?" "Yeah. By four.")."""
    actions: list[Action] = []
    person = subject(roster)
    addressee = person
    replied: dict[str | None, Addressee] = {}  # who spoke since the practitioner last did
    offered: list[Action] = []  # this turn's, if it ends asking "Would that help?"
    for n, unit in enumerate(units):
        if unit.role != "practitioner" and offered:
            # an offer stands only if the reply takes it up
            if _ACCEPT_RE.match(tidy(unit.text) or "x") or _TAKEN_UP_RE.search(unit.text):
                for action in offered:
                    _add(actions, action)
            offered = []
        if unit.role != "practitioner":
            if n + 1 < len(units) and units[n + 1].role == "practitioner" and \
                    unit.text.rstrip().endswith("?"):
                # "Can you email me a copy of the plan?" "I will, with Darren's okay."
                asked = _accepted_request(unit, units[n + 1], roster, speaker_of(unit, roster))
                if asked is not None:
                    _add(actions, asked)
            speaker = speaker_of(unit, roster)
            replied[unit.label] = speaker
            if unit.role in _COMMITTING and speaker.owner != person.owner:
                for action in _own_commitments(unit.text, unit.segments, speaker, person):
                    _add(actions, action)
            continue
        named = vocative(unit.text, roster)
        if named is not None:
            addressee = named
        elif len(replied) == 1:
            addressee = next(iter(replied.values()))  # talking to whoever just answered
        elif replied:
            addressee = person  # several answered: "you" is the person again
        replied = {}
        if unit.text.rstrip().endswith("?"):
            accepted = _accepted_request(unit, units[n + 1] if n + 1 < len(units) else None,
                                         roster, addressee)
            if accepted is not None:
                _add(actions, accepted)
            continue  # a question ("shall I ...?") is not yet a commitment
        said = _actions_in(unit.text, unit.segments, roster, addressee)
        following = units[n + 1] if n + 1 < len(units) else None
        same_turn = following is not None and following.role == "practitioner"
        asks = next((u for u in units[n + 1:n + 3] if u.role == "practitioner"
                     and _SEEKS_AGREEMENT_RE.search(u.text)), None) if same_turn else None
        # "I can give you a leaflet": an offer, agreed when taken up or said again as "I'll"
        can = _OFFER_RE.search(tidy(unit.text) or "")
        if asks is not None or (said and offered) or (said and can):
            offered += said  # "Let me talk it through with the team. Would that help?"
        else:
            for action in said:
                _add(actions, action)
    return actions


_OFFER_RE = re.compile(r"^(?:(?:and|so|well|okay|ok|right|um|but),?\s+)*(?:I|we) (?:can|could)\b|"
                       r"\b(?:options?|we have)\b.*\bI can\b", re.IGNORECASE)
# "Would that help?", "Is that okay?": what came just before is an offer, not yet agreed
_SEEKS_AGREEMENT_RE = re.compile(r"\b(?:would that (?:help|be (?:okay|ok|alright|all right|good))|"
                                 r"is that (?:okay|ok|alright|all right)|how does that sound|"
                                 r"would you like (?:that|me to)|shall I|do you want me to|"
                                 r"what do you think)\b.*\?", re.IGNORECASE)
_TAKEN_UP_RE = re.compile(r"\b(?:that would (?:help|be)|that'd (?:help|be)|it would|"
                          r"go on(?: then)?|please|that's fine|I think so|sounds good|fair enough|"
                          r"(?:alright|all right|ok|okay) then)\b", re.IGNORECASE)


_COMMITTING = {"professional", "family", "carer"}
_ACCEPT_RE = re.compile(r"^(?:yes|yeah|yep|aye|of course|sure|certainly|will do|I will|I can|"
                        r"I'll|okay|ok|no problem|no bother|course)\b", re.IGNORECASE)
_REQUEST_RE = re.compile(rf"^(?:(?:and|so|okay|right),?\s+)?(?:can|could|will|would) you "
                         rf"(?:please\s+|just\s+|also\s+)?(?P<rest>(?:{_VERBS})\b.*?)\??$",
                         re.IGNORECASE)
_IMPERATIVE_RE = re.compile(rf"^(?:(?:and|so|then|also|please),?\s+)?(?:please\s+)?"
                            rf"(?P<rest>(?:{_VERBS}|keep an eye on|update|make sure)\b.*)$",
                            re.IGNORECASE)


# Requests met there and then ("Can you talk me through what you found?") are not actions.
_HERE_AND_NOW_RE = re.compile(r"^(?:talk|tell|show|explain|go through|walk)\b", re.IGNORECASE)


def _own_commitments(text: str, cited: tuple[int, ...], who: Addressee, person: Addressee
                     ) -> list[Action]:
    """A relative's or professional's "I'll ...": "Kelly (senior carer) to tell Bernie"."""
    spoken = tidy(text)
    out: list[Action] = []
    if _NOT_COMMITTED_RE.search(spoken):
        return out
    starts = [m.start() for m in OWN_RE.finditer(spoken)]
    for n, start in enumerate(starts):
        clause = spoken[start:starts[n + 1] if n + 1 < len(starts) else len(spoken)]
        clause = re.sub(r",?\s+and\s*$", "", re.split(r"[.;]|,\s+(?:but|because|so)\b", clause)[0])
        for n_part, part in enumerate(_AND_VERB_RE.split(clause)):
            body = _LEAD_RE.sub("", part if n_part == 0 else "I'll " + part).strip(" ,.")
            body = person_words(re.sub(r"\bmy\b", who.possessive, body), person)
            if len(content_terms(body)) >= 2:
                out.append(Action(f"{who.owner} to {body}.", who.owner, _due(body), cited))
    return out


def _accepted_request(unit: EvidenceUnit, reply: EvidenceUnit | None, roster: Roster,
                      addressee: Addressee) -> Action | None:
    """A practitioner's request that the next speaker accepts is that speaker's action."""
    if reply is None or (reply.role == "practitioner") == (unit.role == "practitioner") or \
            not _ACCEPT_RE.match(tidy(reply.text) or "x"):
        return None
    request = _REQUEST_RE.match(tidy(unit.text) + "?")
    if request is None or _HERE_AND_NOW_RE.match(request.group("rest")):
        return None
    cited = tuple(sorted({*unit.segments, *reply.segments}))
    if reply.role == "practitioner":  # someone asked the practitioner, who agreed
        body = re.sub(r"\b(?:me|my)\b", lambda m: addressee.name if m.group(0) == "me" else
                      addressee.possessive, request.group("rest"))
        body = _body(body, subject(roster))
        if len(content_terms(body)) < 2:
            return None
        return Action(_capital(body) + ".", "practitioner", _due(body), cited)
    who = speaker_of(reply, roster)
    body = _body(request.group("rest"), who)
    body = re.sub(r"\b(?:me|us)\b", "the practitioner", body)
    if len(content_terms(body)) < 2:
        return None
    due = _due(body) or _due(reply.text)
    return Action(f"{who.owner} to {body}.", who.owner, due, cited)


def _actions_in(text: str, cited: tuple[int, ...], roster: Roster, who: Addressee
                ) -> list[Action]:
    spoken = _uncleft(tidy(text) or "")
    if not spoken:
        return []
    safety = _SAFETY_RE.match(spoken)
    if safety:
        then = person_words(safety.group("then"), who)
        cond = person_words(safety.group("cond"), who)
        then = re.sub(r"\b(?:me|us)\b", "the practitioner", then)
        return [Action(_capital(f"If {cond}: {then}") + ".", who.owner, None, cited)]
    out = []
    starts = [m.start() for m in OWN_RE.finditer(spoken)]
    if starts and not _NOT_COMMITTED_RE.search(spoken[starts[0]:]):
        for n, start in enumerate(starts):
            end = starts[n + 1] if n + 1 < len(starts) else len(spoken)
            # a commitment ends with its sentence: "I could speak to Miss Kaur. They can be more
            # flexible, and help you catch up" does not make the practitioner help
            sentence = re.split(r"(?<=[.!?])\s+(?=[A-Z])|\s+—\s+", spoken[start:end].strip())[0]
            whole = re.sub(r"(?:,?\s+and|,)$", "", sentence.rstrip(",;"))
            for n_part, clause in enumerate(_AND_VERB_RE.split(whole.strip())):
                body = _imperative(clause if n_part == 0 else "I'll " + clause, who)
                if len(content_terms(body)) >= 2:  # "I'll ask." alone says what, not whom
                    due = _DUE_RE.search(clause)
                    out.append(Action(body, "practitioner", due.group(0) if due else None,
                                      cited))
        return out
    recommend = _RECOMMEND_RE.search(spoken)
    if recommend:
        body = _body(recommend.group(1), who)
        if body:
            return [Action(f"{who.owner} to {body}.", who.owner, _due(body), cited)]
    other = _OTHER_RE.search(spoken)
    if other and not _NOT_COMMITTED_RE.search(spoken):
        # "Halina's going to help you open an account, and Becca will practise budgeting
        # with you": two people, two actions
        pieces = _SECOND_OWNER_RE.split(spoken[other.start():])
        out = []
        for piece in pieces:
            match = _OTHER_RE.search(piece)
            if match is None:
                continue
            owner = _owner(match, roster, who)
            body = _body(match.group("rest"), who)
            if owner and body and len(content_terms(body)) >= 2:
                if re.match(r"(?:carrying on|to carry on)", match.group(0).split(None, 2)[-1]):
                    body = "carry on " + body
                out.append(Action(f"{owner} to {body}.", owner, _due(body), cited))
        if out:
            return out
    imperative = _IMPERATIVE_RE.match(spoken)
    if imperative and who.owner != subject_owner(roster):
        body = re.sub(r"\b(?:me|us)\b", "the practitioner", _body(imperative.group("rest"), who))
        if len(content_terms(body)) >= 2:
            return [Action(f"{who.owner} to {body[0].lower()}{body[1:]}.", who.owner,
                           _due(body), cited)]
    decision = _DECISION_RE.search(spoken)
    if decision and not re.search(r"\bif\b", spoken[:decision.start()], re.IGNORECASE):
        what = person_words(decision.group(0), who)
        return [Action(_capital(what.rstrip(" .")) + ".", "agreed", _due(what), cited)]
    return out


def _owner(match: re.Match[str], roster: Roster, addressee: Addressee) -> str | None:
    name, who, rel = match.group("name"), match.group("who"), match.group("rel")
    if who.lower() == "you":
        if name:
            named = vocative(name, roster)
            return named.owner if named else addressee.owner
        return addressee.owner
    if rel:
        if rel.lower() not in FAMILY and rel.lower() not in ("gp", "nurse", "carer", "carers"):
            return None
        return f"{_capital(addressee.possessive)} {rel.lower()}"
    if who.lower() in ("i", "we", "it", "that", "this", "there", "they", "he", "she"):
        return None
    known = any(s.name and who in s.name.split() for s in roster.speakers.values()) or \
        who.lower() in roster.names  # a name the conversation uses as one ("Kieran's doing...")
    return who if known else None


_SAYING_RE = re.compile(r"^(?:tell|say to|let) you (?:that\b|I'm\b|I am\b|I\b|know that I)|"
                        r"^be (?:honest|straight|clear)\b", re.IGNORECASE)


def _due(text: str) -> str | None:
    due = _DUE_RE.search(text)
    return due.group(0) if due else None


def _imperative(clause: str, who: Addressee) -> str:
    body = _LEAD_RE.sub("", clause).split(" — ")[0]
    if _SAYING_RE.match(body):
        return ""  # "I need to tell you that I'm worried...": said there and then, not a task
    body = _body(body, who)
    return _capital(body) + "." if body else ""


def _body(text: str, who: Addressee) -> str:
    body = _ASIDE_RE.sub("", text.strip()).rstrip(" .!,;")
    body = re.sub(r"\bmy\b", "the", body)  # "my manager" is the practitioner's: "the manager"
    body = re.sub(r"\s+myself\b", "", body)
    return person_words(body, who).strip()


def _capital(text: str) -> str:
    return text[0].upper() + text[1:] if text else text


def _what(action: Action) -> set[str]:
    """The words of what is to be done, without its owner ("Kelly (senior carer) to ...")."""
    text = action.text
    if text.startswith(action.owner + " to "):
        text = text[len(action.owner) + 4:]
    for short, full in _SHORT_NAMES:
        text = short.sub(full, text)
    return set(content_terms(text))


def _add(actions: list[Action], action: Action) -> None:
    """Add an action, or merge it into the one it restates (the longer wording is kept)."""
    terms = _what(action)
    for n, existing in enumerate(actions):
        other = _what(existing)
        shorter = min(len(terms), len(other))
        if shorter >= 2 and len(terms & other) / shorter >= DUPLICATE:
            keep = action if len(terms) > len(other) else existing
            cited = tuple(sorted({*existing.citations, *action.citations}))
            actions[n] = Action(keep.text, keep.owner, keep.due or existing.due or action.due,
                                cited)
            return
    actions.append(action)
