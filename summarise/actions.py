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
from dataclasses import replace
from typing import TYPE_CHECKING

from summarise.action_merge import add as _add
from summarise.action_patterns import (
    ACCEPT_RE,
    AND_VERB_RE,
    ASIDE_RE,
    CHOSEN_RE,
    COMMITTING,
    DECISION_RE,
    DECLINED_RE,
    DUE_RE,
    FOLLOW_ON_RE,
    HERE_AND_NOW_RE,
    IMPERATIVE_RE,
    ING_BASE,
    LEAD_RE,
    LEAVE_IT_RE,
    NOT_COMMITTED_RE,
    OFFER_RE,
    OPTIONS_RE,
    OTHER_RE,
    OWN_RE,
    RECAP_RE,
    RECOMMEND_RE,
    REPORTED_RE,
    REQUEST_RE,
    SAYING_RE,
    SECOND_OWNER_RE,
    SEEKS_AGREEMENT_RE,
    TAKEN_UP_RE,
    uncleft,
)
from summarise.action_text import capital as _capital
from summarise.action_text import own_words as _own_words
from summarise.action_text import spoken_plainly
from summarise.action_text import to as _to
from summarise.addressee import (
    Addressee,
    by_addressee,
    person_words,
    speaker_of,
    subject,
    subject_owner,
    vocative,
)
from summarise.antecedent import (
    RELATIVE_END_RE,
    linked,
    relative_object,
    resolve_fronted,
    resolve_object,
    vague,
)
from summarise.draft import Action
from summarise.notestyle import tidy
from summarise.offers import offered
from summarise.roster import FAMILY, Roster
from summarise.safety_net import net_for, safety_net
from summarise.text import content_terms

if TYPE_CHECKING:
    from summarise.evidence import EvidenceUnit


def find_actions(units: Sequence[EvidenceUnit], roster: Roster) -> list[Action]:
    """Every agreed action, in the order first said: the practitioner's, what others in the
    room commit to ("I'll put it in the handover"), and requests accepted ("Can you email
    them over today?" "Yeah. By four.")."""
    actions: list[Action] = []
    person = subject(roster)
    addressee = person
    replied: dict[str | None, Addressee] = {}  # who spoke since the practitioner last did
    offered: list[Action] = []  # this turn's, if it ends asking "Would that help?"
    option: tuple[int, Action] | None = None  # "I can refer you, or sit with you while..."
    turn = ""
    for n, unit in enumerate(units):
        if option is not None and (n - option[0] > 3 or CHOSEN_RE.search(unit.text)):
            if n - option[0] <= 3:  # "You do it." / "I'll do it."
                _add(actions, replace(option[1], citations=tuple(sorted(
                    {*option[1].citations, *unit.segments}))))
            option = None
        if unit.role != "practitioner" and offered:
            # an offer stands only if the reply takes it up
            if ACCEPT_RE.match(tidy(unit.text) or "x") or TAKEN_UP_RE.search(unit.text):
                for action in offered:  # ...citing the reply that takes it up
                    _add(actions, replace(action, citations=tuple(sorted(
                        {*action.citations, *unit.segments}))))
            offered = []
        if unit.role != "practitioner":
            turn = ""  # what the practitioner said so far in this turn
            if n + 1 < len(units) and units[n + 1].role == "practitioner" and \
                    unit.text.rstrip().endswith("?"):
                # "Can you email me a copy of the plan?" "I will, with Darren's okay."
                asked = _accepted_request(unit, units[n + 1], roster, speaker_of(unit, roster))
                if asked is not None:
                    _add(actions, asked)
            speaker = speaker_of(unit, roster)
            replied[unit.label] = speaker
            if unit.role in COMMITTING and speaker.owner != person.owner:
                for action in _own_commitments(unit.text, unit.segments, speaker, person):
                    _add(actions, action)
            if unit.role == "professional" and not unit.text.rstrip().endswith("?"):
                # the nurse's "What I want you to do is put a pillow under your calves"
                for action in _others(uncleft(tidy(unit.text) or ""), unit.segments, roster,
                                      person):
                    _add(actions, action)
            continue
        if len(replied) == 1:
            addressee = next(iter(replied.values()))  # talking to whoever just answered
        elif replied:
            addressee = person  # several answered: "you" is the person again
        if RECAP_RE.search(f"{turn} {unit.text}"):
            before = addressee = person  # the visit read back: its "you" is the person's
        before = addressee
        addressee = vocative(unit.text, roster) or addressee
        replied = {}
        if unit.text.rstrip().endswith("?"):
            at = n + 1  # the reply, after any softer word on the request ("Maybe …?")
            if at < len(units) and units[at].role == "practitioner" and \
                    units[at].segment == unit.segment and FOLLOW_ON_RE.match(units[at].text):
                at += 1
            accepted = _accepted_request(unit, units[at] if at < len(units) else None,
                                         roster, addressee,
                                         units[at + 1] if at + 1 < len(units) else None, turn)
            if accepted is not None:
                _add(actions, accepted)
            continue  # a question ("shall I ...?") is not yet a commitment
        first = OPTIONS_RE.match(tidy(unit.text) or "")
        if first:
            body = resolve_object(_imperative("I'll " + first.group(1), addressee), turn)
            if len(content_terms(body)) >= 2:
                option = (n, Action(body, "practitioner", _due(body), unit.segments))
        # "Mags, if anything changes, ring me. Otherwise I'll see you in twelve months,
        # Danny.": each sentence's "you" is whoever it calls by name, or was spoken to before
        said = [action for part, who in by_addressee(unit.text, roster, before)
                for action in _actions_in(part, unit.segments, roster, who, turn)]
        turn += " " + (tidy(unit.text) or "").rstrip(".") + "."
        following = units[n + 1] if n + 1 < len(units) else None
        same_turn = following is not None and following.role == "practitioner"
        asks = next((u for u in units[n + 1:n + 3] if u.role == "practitioner"
                     and SEEKS_AGREEMENT_RE.search(u.text)), None) if same_turn else None
        # "I can give you a leaflet": an offer, agreed when taken up or said again as "I'll"
        can = OFFER_RE.search(tidy(unit.text) or "")
        if asks is not None or (said and can):
            offered += said  # "Let me talk it through with the team. Would that help?"
        else:
            for action in said:
                _add(actions, action)
    return actions


def _own_commitments(text: str, cited: tuple[int, ...], who: Addressee, person: Addressee
                     ) -> list[Action]:
    """A relative's or professional's "I'll ...": "Kelly (senior carer) to tell Bernie"."""
    spoken = spoken_plainly(tidy(text))
    out: list[Action] = []
    if NOT_COMMITTED_RE.search(spoken) or DECLINED_RE.match(spoken):
        return out  # "I can't, I've got to get the kids at three": a reason for saying no
    # a relative's "I could make it the weekend after next" is a maybe, not an undertaking
    starts = [m.start() for m in OWN_RE.finditer(spoken)
              if not re.match(r"I could\b", m.group(0), re.IGNORECASE)]
    for n, start in enumerate(starts):
        clause = spoken[start:starts[n + 1] if n + 1 < len(starts) else len(spoken)]
        clause = re.sub(r",?\s+and\s*$", "", re.split(r"[.;]|,\s+(?:but|because|so)\b", clause)[0])
        for n_part, part in enumerate(AND_VERB_RE.split(clause)):
            body = LEAD_RE.sub("", part if n_part == 0 else "I'll " + part).strip(" ,.")
            body = person_words(re.sub(r"\bmy\b", who.possessive, body), person)
            if len(content_terms(body)) >= 2:
                out.append(Action(_to(who.owner, body), who.owner, _due(body), cited))
    return out


def _accepted_request(unit: EvidenceUnit, reply: EvidenceUnit | None, roster: Roster,
                      addressee: Addressee, then: EvidenceUnit | None = None, turn: str = ""
                      ) -> Action | None:
    """A practitioner's request that the next speaker accepts is that speaker's action:
    "Would you be able to ask her?" "Yes." or "She's in Sunday. I'll ask her then." (`then`:
    the reply's next sentence)."""
    if reply is None or (reply.role == "practitioner") == (unit.role == "practitioner"):
        return None
    if not ACCEPT_RE.match(tidy(reply.text) or "x"):
        if then is None or then.label != reply.label or \
                not re.match(r"^(?:I'll|I will)\b", tidy(then.text) or ""):
            return None
        reply = replace(reply, extra=(*reply.extra, *then.segments))
    cited = tuple(sorted({*unit.segments, *reply.segments}))
    offer = offered(tidy(unit.text) + "?", turn) if unit.role == "practitioner" else None
    if offer:  # "Would you like me to ring the bank with you?" "Yes please."
        body = _body(offer, speaker_of(reply, roster))
        return Action(_capital(body) + ".", "practitioner", _due(body) or _due(reply.text),
                      cited) if len(content_terms(body)) >= 2 else None
    request = REQUEST_RE.match(tidy(unit.text) + "?")
    if request is None or HERE_AND_NOW_RE.match(request.group("rest")):
        return None
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
    return Action(_to(who.owner, body), who.owner, due, cited)


def _actions_in(text: str, cited: tuple[int, ...], roster: Roster, who: Addressee,
                context: str = "") -> list[Action]:
    spoken = spoken_plainly(uncleft(tidy(text) or ""))
    # "I'll ring you Wednesday, Jean.": the name called is not part of the action
    spoken = re.sub(r",\s*((?-i:[A-Z][a-z]+))(?=[.!]?$|[.!?,]\s|\s+[-—–]\s)", lambda m: "" if (
        m.group(1).lower() in roster.names or m.group(1) == who.name) else m.group(0), spoken)
    if not spoken:
        return []
    # every safety net of the turn ("If he falls…, ring 999. And if he ever gets out at
    # night…, ring 999 straight away."), and whatever else the turn commits to
    sentences = re.split(r"(?<=[.!?])\s+(?=[A-Z])", spoken)
    nets = [safety_net(sentence, net_for(sentence, who, roster), cited)
            for sentence in sentences]
    if any(nets):
        rest = " ".join(s for s, net in zip(sentences, nets, strict=True) if net is None)
        # "…, ring the duty team — I'll leave the number": that part is the practitioner's
        tails = [action for s, net in zip(sentences, nets, strict=True) if net is not None
                 for tail in re.findall(r"\s[—–-]\s+((?:I'll|I will|I'm going to)\b.*)$", s)
                 for action in _actions_in(tail, cited, roster, net_for(s, who, roster))]
        return [net for net in nets if net is not None] + tails + (
            _actions_in(rest, cited, roster, who, context) if rest else [])
    out = []
    starts = [m.start() for m in OWN_RE.finditer(spoken)]
    if starts and not NOT_COMMITTED_RE.search(spoken[starts[0]:]):
        # "you come in tomorrow at ten, and we'll ring them together": the other's part first
        head = re.sub(r"(?:,?\s+and|,)\s*$", "", spoken[:starts[0]].rstrip())
        relative, carried = relative_object(head), ""
        head = RELATIVE_END_RE.sub("", head)
        out = _others(head, cited, roster, who) if head else []
        for n, start in enumerate(starts):
            end = starts[n + 1] if n + 1 < len(starts) else len(spoken)
            # a commitment ends with its sentence: "I could speak to Miss Kaur. They can be more
            # flexible, and help you catch up" does not make the practitioner help
            sentence = re.split(r"(?<=[.!?])\s+(?=[A-Z])|\s+[-—–]\s+",
                                spoken[start:end].strip())[0]
            whole = re.sub(r"(?:,?\s+and|,)$", "", sentence.rstrip(",;-—– "))
            whole, relative, carried = linked(whole, relative, carried, n + 1 < len(starts))
            for n_part, clause in enumerate(AND_VERB_RE.split(whole.strip())):
                body = _imperative(clause if n_part == 0 else "I'll " + clause, who)
                body = resolve_fronted(body, head) if n == 0 else body
                # "it" is what this turn's words just introduced; the earlier turn's only
                # where the action would say nothing without it ("look into it")
                body = resolve_object(body, spoken[:start]) if not vague(body) else \
                    resolve_object(body, f"{context} {spoken[:start]}")
                if _garbled(clause):
                    continue  # "if I'll give yeah no it's a well so yeah good question"
                if len(content_terms(body)) >= 2 and not vague(body):  # not "I'll ask."
                    due = DUE_RE.search(clause)
                    out.append(Action(body, "practitioner", due.group(0) if due else None,
                                      cited))
        return out
    recommend = RECOMMEND_RE.search(spoken)
    if recommend:
        body = re.sub(r"\b(?:me|us)\b", "the practitioner", _body(recommend.group(1), who))
        joint = re.match(r"we\s+", body)
        if joint:  # "What I'd suggest is we start looking at options": done together
            body = _capital(body[joint.end():])
            return [Action(body + ".", "agreed", _due(body), cited)] if body else []
        if body and re.search(r"advi[sc]e|recommend|suggest", recommend.group(0), re.I):
            # advice, not yet agreed: "Advised Mr Woodall not to drive while he is this tired"
            body = re.sub(r"^(?:not\s+)?to\s+", lambda m: "don't " if "not" in m.group(0)
                          else "", body)
            text = _to(who.owner, body)  # "I'd suggest talking to HR": advised about it
            text = text.replace(" to ", " about ", 1) if re.match(r"\w+ing\b", body) else text
            return [Action(f"Advised {text}", who.owner, _due(body), cited)]
        if body:
            return [Action(_to(who.owner, body), who.owner, _due(body), cited)]
    others = _others(spoken, cited, roster, who)
    if others:
        return others
    imperative = IMPERATIVE_RE.match(spoken)
    if imperative and who.owner != subject_owner(roster) and not LEAVE_IT_RE.match(spoken) \
            and not NOT_COMMITTED_RE.search(spoken):
        body = re.sub(r"\b(?:me|us)\b", "the practitioner", _body(imperative.group("rest"), who))
        if len(content_terms(body)) >= 2:
            return [Action(_to(who.owner, body[0].lower() + body[1:]), who.owner,
                           _due(body), cited)]
    decision = DECISION_RE.search(spoken)
    if decision and not re.search(r"\bif\b", spoken[:decision.start()], re.IGNORECASE):
        what = person_words(decision.group(0), who)
        return [Action(_capital(what.rstrip(" .")) + ".", "agreed", _due(what), cited)]
    return out


_FILLER_WORDS = {"yeah", "yes", "no", "well", "so", "okay", "ok", "right", "uh", "um", "erm"}


def _garbled(clause: str) -> bool:
    """A false start full of fillers is no commitment, whatever verb it holds."""
    words = [w.strip(",.").lower() for w in clause.split()[:9]]
    return sum(w in _FILLER_WORDS for w in words[1:]) >= 2


def _others(spoken: str, cited: tuple[int, ...], roster: Roster, who: Addressee
            ) -> list[Action]:
    """What someone else takes on: "Halina's going to help you open an account, and Becca
    will practise budgeting with you" (two people, two actions)."""
    other = OTHER_RE.search(spoken)
    if other is None or NOT_COMMITTED_RE.search(spoken) or \
            REPORTED_RE.search(spoken[:other.start()]):
        return []  # "he says you'll be put in a home" reports a threat, not a plan
    out = []
    for piece in SECOND_OWNER_RE.split(spoken[other.start():]):
        match = OTHER_RE.search(piece)
        if match is None:
            continue
        owner = _owner(match, roster, who)
        # "...you bring the letters in, and we'll go through them": the practitioner's part
        # is theirs, not the other's
        rest = re.split(r",?\s+and\s+(?:I|we)(?:'ll| will)\s", match.group("rest"))[0]
        if match.group("ing"):  # "Gary's ringing the chemist, and asking about a review"
            # ...cut where another clause starts ("and he's getting an alarm")
            rest = re.split(r",?\s+and\s+(?:he|she|they)(?:'s|'re| is| are)\s", rest)[0]
            rest = ING_BASE[match.group("ing").lower()] + " " + re.sub(
                r"(,?\s+and\s+)(\w+ing)\b",
                lambda m: m.group(1) + ING_BASE.get(m.group(2).lower(), m.group(2)), rest)
        body = _body(rest, who)
        if owner and body and len(content_terms(body)) >= 2:
            if re.match(r"(?:carrying on|to carry on)", match.group(0).split(None, 2)[-1]):
                body = "carry on " + body
            out.append(Action(_to(owner, body), owner, _due(body), cited))
    return out


def _owner(match: re.Match[str], roster: Roster, addressee: Addressee) -> str | None:
    name, who, rel = match.group("name"), match.group("who"), match.group("rel")
    if match.group("role"):
        return f"The {match.group('role')}"
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


def _due(text: str) -> str | None:
    due = DUE_RE.search(text)
    return due.group(0) if due else None


def _imperative(clause: str, who: Addressee) -> str:
    body = LEAD_RE.sub("", clause).split(" — ")[0]
    if SAYING_RE.match(body):
        return ""  # "I need to tell you that I'm worried...": said there and then, not a task
    # "…and ask for plain clothes, and I'll come with them": the practitioner's, as the rest
    body = re.sub(r",?\s+and (?:I'll|I will)\s+", ", and ", body)
    body = _own_words(_body(body, who))
    return _capital(body) + "." if body else ""


def _body(text: str, who: Addressee) -> str:
    body = ASIDE_RE.sub("", text.strip()).rstrip(" .!,;")
    # "you'll still need to book in to see them, though" -> "book in to see them"
    body = re.sub(r",?\s+though$", "", re.sub(r"^(?:still\s+)?(?:need|have) to\s+", "", body))
    body = re.sub(r"\bmy\b", "the", body)  # "my manager" is the practitioner's: "the manager"
    body = re.sub(r"\bour (?=[a-z])", "the ", body)  # "our safeguarding team" ("our Bernie" stays)
    body = re.sub(r"\s+myself\b", "", body)
    return person_words(body, who).strip()
