"""Mends from reading sc-dev-12 and sc-dev-13's drafts at stop 29 (both built on), and the
issue's "times and quantities as said, normalised ('half eight' -> 8.30)", each tested on
made-up sentences of the same shape."""

from __future__ import annotations

import pytest

from summarise.extractive import Voice, convert_first_person
from summarise.qa import answered
from summarise.verify import verify
from summarise.written import as_written
from tests.summarise.test_reading_mends3 import _draft

_SHE = Voice("Pat", "she", "her", "her", "herself", False)
_ROLES = {"Worker": "practitioner", "Pat": "person"}


def _text(segments: list[tuple[str, str]]) -> str:
    draft = _draft(segments, speakers=_ROLES)
    return " ".join(s.text for section in draft.sections for s in section.sentences)


@pytest.mark.parametrize(("said", "written"), [
    ("I get up at half eight.", "I get up at 8.30."),
    ("by half four", "by 4.30"),
    ("half past two in the afternoon", "2.30pm"),
    ("at quarter to nine", "at 8.45"),
    ("at ten to twelve", "at 11.50"),
    ("the bus at seven fifty-two", "the bus at 7.52"),
    ("I was up at two in the morning.", "I was up at 2am."),
    ("ten o'clock at night", "10pm"),
    ("She rings at ten o'clock.", "She rings at 10 o'clock."),
    ("Club is six till eight.", "Club is 6 till 8."),
    ("He was diagnosed in twenty sixteen.", "He was diagnosed in 2016."),
    ("She died in two thousand and seventeen.", "She died in 2017."),
    ("since nineteen eighty-one", "since 1981"),
    ("I give him twenty quid.", "I give him £20."),
    ("a letter for two hundred and forty pounds", "a letter for £240"),
    ("about two thousand pounds", "about £2,000"),
    ("fifty p a go", "50p a go"),
])
def test_spoken_times_years_and_money_are_written_in_figures(said: str, written: str) -> None:
    assert as_written(said) == written


@pytest.mark.parametrize("said", [
    "I take two in the morning and two at night.",  # tablets, not a clock time
    "It takes five to ten minutes.",
    "two to three nights a week",
    "an hour and a half",
    "half a stone",
    "I've lost about ten pounds.",  # a weight, not money
    "I'm twenty-one.",
    "She was seven when it started.",
    "from ten to twelve people",
])
def test_counts_ages_and_weights_are_left_as_said(said: str) -> None:
    assert as_written(said) == said


def test_a_time_in_figures_is_supported_by_its_spoken_words_and_by_nothing_else() -> None:
    assert verify("Carers come at 8.30.", ["The carers come at half eight."])[0]
    assert verify("Diagnosed in 2016.", ["I was diagnosed in twenty sixteen."])[0]
    assert verify("Gives him £20 a week.", ["I give him twenty quid a week."])[0]
    assert not verify("Carers come at 9.30.", ["The carers come at half eight."])[0]
    assert not verify("Gives him £30 a week.", ["I give him twenty quid a week."])[0]


def test_a_draft_writes_spoken_times_and_money_in_figures() -> None:
    text = _text([("Worker", "When were you diagnosed?"),
                  ("Pat", "Twenty sixteen. It was just a tremor at first."),
                  ("Worker", "And how much do you give him each week?"),
                  ("Pat", "Twenty quid. Sometimes forty pounds.")])
    assert "2016" in text and "£20" in text and "£40" in text, text
    assert "twenty sixteen" not in text.lower() and "quid" not in text, text
    actions = _draft([("Worker", "I'll come back on Tuesday at half ten."),
                      ("Pat", "Okay, love.")], speakers=_ROLES).actions
    assert any("10.30" in a.text for a in actions), [a.text for a in actions]


def test_a_strong_past_never_takes_an_s() -> None:
    """"Twenty years I sang with them" had read "Gill sangs with them"."""
    for said, past in (("Twenty years I sang with them.", "sang"), ("I slid off the bed.", "slid"),
                       ("I caught my hip on the door.", "caught"), ("I hid upstairs.", "hid")):
        converted = convert_first_person(said, _SHE)
        assert f"she {past} " in converted and f"{past}s" not in converted, converted


def test_anything_else_keeps_its_anything() -> None:
    """"Is there anything else you help with?" "All of it." had read "Else Pat helps with:
    all of it"; "Is there anyone you can talk to…?" lost its "anyone"."""
    found = answered("Is there anything else you help him with?", "All of it. The bills.",
                     _SHE, frozenset())
    assert found is not None and found.text.startswith("Anything else she helps him with: all "
                                                      "of it"), found
    found = answered("Is there anyone you can talk to about how you're feeling?",
                     "My friend Pat, a bit.", _SHE, frozenset({"pat"}))
    assert found is not None and found.text.startswith("Anyone she can talk to"), found
    # a topic with no clause of its own needs no "anything"
    found = answered("Anything in the night notes?", "No falls recorded.", _SHE, frozenset())
    assert found is not None and found.text == "In the night notes: no falls recorded.", found


def test_the_persons_we_in_an_answer_stays_we() -> None:
    """Stop 29 wrote the person's "we" in an answer as "they" ("Josh and Kiran. We play
    Warhammer." -> "they play Warhammer"); the twenty-fourth round found it gave "so we have
    maybe two hours" (Nasreen and the worker) to her husband and his brother. "We" stays."""
    text = _text([("Worker", "Is Tariq out?"),
                  ("Pat", "Yes, his brother has taken him to the mosque, so we have maybe two "
                          "hours.")])
    assert "so we have maybe two hours" in text and "they have" not in text, text
    # the North's "us" for "me", with no "we" to make it a household, stays the person's
    assert convert_first_person("Lorraine cuts it up for us.", _SHE) == \
        "Lorraine cuts it up for us."


def test_a_me_that_no_object_can_be_is_my() -> None:
    """"She's me baby" had read "she's Tracey baby"; "Me kecks are hanging off me" had read
    "Tracey kecks are hanging off Tracey"."""
    from summarise.dialect import written_plainly
    assert written_plainly("She's me baby, her.") == "She's my baby, her."
    assert written_plainly("Me kecks are hanging off me.") == "My kecks are hanging off me."
    assert written_plainly("Me back's killing me.") == "My back's killing me."
    # an object, or "me" as the answer to who, stays
    for said in ("It's me again.", "That's me done.", "Me and him are fine.", "It was me that "
                 "rang.", "Me too.", "It's me being daft."):
        assert written_plainly(said) == said


def test_a_list_said_by_number_is_one_numbered_sentence() -> None:
    """"One. Get the bus home on my own. Two. Keep Becca. …" had read "One; get the bus…;
    two; Keep Becca; …"."""
    text = _text([("Worker", "What do you want next?"),
                  ("Pat", "One. Get the bus home on my own. Two. Keep Becca. Three. Work with "
                          "dogs.")])
    assert "wants next: (1) get the bus home on their own; (2) keep Becca; (3) work with dogs" \
        in text, text
    # numbers that are no list stay as said
    from summarise.spoken_list import listed
    assert listed(["How many?", "Two.", "One.", "Two.", "Keep it."]) == \
        ["How many?", "Two.", "One.", "Two.", "Keep it."]


def test_what_did_you_write_asks_the_question_before_it() -> None:
    """"What support have you got now? What did you write?" "Becca on Wednesdays." had read
    "Wrote: Becca on Wednesdays", flagged as unsupported."""
    for asked in ("What support have you got now? What did you write?",
                  "Question one - what support have you got now? What did you write?"):
        text = _text([("Worker", asked), ("Pat", "Becca on Wednesdays and Saturdays.")])
        assert text.startswith("Asked what support Pat has got: ") and "rite" not in text, text


def test_a_question_led_by_its_condition_keeps_it_in_what_was_asked() -> None:
    """"If he shouts, or you feel scared, what could you do?" "Ring Marcia?" had read "Ring
    Marcia.", alone, with nothing to say when."""
    found = answered("If he shouts, or you feel scared, what could you do?", "Ring Marcia?",
                     _SHE, frozenset({"marcia"}))
    assert found is not None and found.text == \
        "Asked what she could do if he shouts, or she feels scared: ring Marcia.", found
    # a yes-or-no question led by its condition keeps it in the question too
    found = answered("When he shouted, were you frightened?", "A bit.", _SHE, frozenset())
    assert found is not None and found.text == \
        "Asked whether she was frightened when he shouted: a bit.", found


def test_a_reply_after_two_things_said_back_answers_neither() -> None:
    """"You're not going to sign any phone contract for Dean. And you're going to text Kelly."
    "And tell her I miss her." had read "Asked about not going to sign any phone contract for
    Dean: tell her she misses her", a reply put to the wrong line."""
    text = _text([("Worker", "Right, let me say back what we have agreed. You are not going to "
                             "sign any phone contract for Dean. And you are going to text Kelly."),
                  ("Pat", "And tell her I miss her.")])
    assert "contract for Dean:" not in text, text


def _owned(segments: list[tuple[str, str]], **roles: str) -> list[tuple[str, str]]:
    draft = _draft(segments, speakers={**_ROLES, **roles})
    return [(a.owner, a.text) for a in draft.actions]


def test_an_offer_asked_and_taken_up_is_the_practitioners_action() -> None:
    """"Would you like me to ring the bank with you?" "Yes please." was no action at all: only
    "I'll…" made one. Leave for the here and now, a choice not yet made and an offer turned
    down stay none."""
    assert ("practitioner", "Ring the bank with Pat.") in _owned([
        ("Worker", "Would you like me to ring the bank with you?"), ("Pat", "Yes please.")])
    assert ("practitioner", "Ring them with Pat, and stop the card and get a new one with a new "
            "PIN that only Pat knows.") in _owned([
                ("Worker", "Would you be happy if I rang them with you, and we stopped the card "
                           "and got a new one with a new PIN that only you know?"),
                ("Pat", "Yes.")])
    assert ("practitioner", "Put Pat's name down for the stroke group.") in _owned([
        ("Worker", "There is a stroke group that meets on Thursdays. Would you want me to put "
                   "your name down?"), ("Pat", "Go on then.")])
    for offer, reply in (("Shall I put the kettle on?", "Yes please."),
                         ("Is it alright if I call you Arthur?", "Aye."),
                         ("Shall I have a word with Jenny, or would you rather?", "You do it."),
                         ("Do you want me to ring your daughter?", "No, leave it.")):
        assert _owned([("Worker", offer), ("Pat", reply)]) == [], offer


def test_a_request_after_a_name_or_before_a_softer_word_is_still_agreed() -> None:
    """"And Archie, can you check your sugar every morning? Senga, maybe help him write it
    down?" "Aye." was no action: the name before "can you", and the second question between
    the request and its reply, hid it."""
    actions = _owned([("Worker", "And Pat, can you check your sugar every morning before "
                                 "breakfast? Senga, maybe help her write it down?"),
                      ("Pat", "Aye, I can do that.")], Senga="relative")
    assert ("Pat", "Pat to check Pat's sugar every morning before breakfast.") in actions, actions


def test_a_role_that_needs_to_act_is_the_owner() -> None:
    """"The manager needs to ring the agency and ask that Dan isn't sent back here." was no
    action; "The manager'll have his details" is no action either."""
    actions = _owned([("Worker", "So here is what needs to happen today. The manager needs to "
                                 "ring the agency and ask that Dan is not sent back here."),
                      ("Kelly", "Right. The manager will have his details from the agency.")],
                     Kelly="professional")
    assert actions == [("The manager", "The manager to ring the agency and ask that Dan is not "
                                       "sent back here.")], actions


def test_a_denial_said_by_someone_named_is_never_cut() -> None:
    """"In the night notes: Kelly said no falls recorded" was cut for length when a new action
    took its words: a denial after "Kelly said" was not known as one."""
    from summarise.fact import Fact
    from summarise.placing import denies

    def fact(text: str) -> Fact:
        return Fact(text, "finding", "Kelly", (3,), True, (), text)

    assert denies(fact("In the night notes: Kelly said no falls recorded; the notes say she "
                       "was unsettled about three, calling out, and she was assisted to "
                       "reposition and settled."))
    assert not denies(fact("In the night notes: Kelly said she was unsettled about three, "
                           "calling out, and she was assisted to reposition and settled."))


def test_a_how_many_question_with_its_own_verb_is_reported_whole() -> None:
    """"How many letters are in there?" "Eleven." had read "Letters are in there: eleven."
    (the question pasted in as a statement); "How much of your time does all this take?" had
    read "Of his time does all this take: …"."""
    assert answered("How many letters are in there, roughly?", "Eleven.", _SHE,
                    frozenset()).text == "Asked how many letters are in there: eleven."  # type: ignore[union-attr]
    assert answered("How much of your time does all this take?", "All the time.", _SHE,
                    frozenset()).text == \
        "Asked how much of her time all this takes: all the time."  # type: ignore[union-attr]
    assert answered("How many times a week?", "Three.", _SHE, frozenset()).text == \
        "Times a week: three."  # type: ignore[union-attr]


def test_a_check_of_a_no_and_a_not_question_are_never_stated() -> None:
    """"None at all? Not even a little trip?" "No. I've come over funny…" had read "No none
    at all or not even a little trip; …"; "Not a porridge fan?" "I like it with golden syrup."
    had read "Not a porridge fan: she likes it…", the question made a statement she denied."""
    assert answered("None at all? Not even a little trip?", "No. I have come over a bit funny.",
                    _SHE, frozenset()) is None
    found = answered("Not a porridge fan?", "I like it with golden syrup.", _SHE, frozenset())
    assert found is not None and found.text == \
        "Asked whether she is a porridge fan: she likes it with golden syrup.", found
    assert answered("Not a smoker?", "No.", _SHE, frozenset()).text == "Not a smoker."  # type: ignore[union-attr]
    assert answered("Not a smoker?", "Yes.", _SHE, frozenset()) is None


def test_a_name_that_starts_a_list_is_not_a_name_called() -> None:
    """"Donna, and the little one with the glasses" (the staff she praised) had lost
    "Donna", so the joke about the porridge read as said of the one with the glasses."""
    text = " ".join(s.text for section in _draft(
        [("Worker", "Is anybody here ever unkind to you?"),
         ("Pat", "No. No, the day ones are champion. Donna, and the little one with the "
                 "glasses."), ("Donna", "She is a character.")],
        speakers={**_ROLES, "Donna": "professional"}).sections for s in section.sentences)
    assert "Donna, and the little one with the glasses" in text, text


def test_the_potteries_her_before_a_verb_is_she() -> None:
    from summarise.dialect import written_plainly
    assert written_plainly("I nearly had a fit when her told me.") == \
        "I nearly had a fit when she told me."
    assert written_plainly("Her rang me at ten.") == "She rang me at ten."
    for said in ("I gave her the keys.", "Her mum is lovely.", "She rang her."):
        assert written_plainly(said) == said


def test_an_offer_taken_up_cites_the_reply_that_takes_it_up() -> None:
    """"…I'll email your housing officer this week. Is that okay?" "Yeah." cited only the
    offer, so the reader could not see it was agreed."""
    actions = _draft([("Worker", "With your permission, I will email your housing officer this "
                                 "week and send them your log. Is that okay?"),
                      ("Pat", "Yeah. Okay.")], speakers=_ROLES).actions
    assert [a.citations for a in actions] == [(0, 1)], actions


def test_words_said_twice_a_dash_left_alone_and_for_me_are_tidied() -> None:
    """From hr-03: "to the to the voices", "he starts to — — to look at me", "— this I
    didn't know" and "For Marek, Marek wants to keep their job"."""
    from summarise.notestyle import tidy
    assert tidy("Not on the phone — to the... to the voices.") == "Not on the phone — to the voices"
    assert tidy("I was — I was scared.") == "I was scared"
    assert tidy("My manager is okay, but he starts to — you know — to look at me.") == \
        "My manager is okay, but he starts to — to look at me"
    assert tidy("— this I did not know.") == "this I did not know"
    assert tidy("And for me, I want to keep my job.") == "I want to keep my job"
    # a word said again after a dash is not always a stutter
    assert tidy("It is where is it — it is on the side there.") == \
        "It is where is it — it is on the side there"


def test_rough_handling_raises_physical_abuse_and_is_never_cut() -> None:
    """hr-04: "he gets her under the arms and yanks her up" raised nothing, so the note's
    length cut the disclosure itself."""
    from summarise.risks import find_risks
    flags = find_risks([(0, "There's a big lad. He gets her under the arms and yanks her up. "
                            "Like a sack of tatties.")])
    assert [f.category for f in flags] == ["physical abuse"], flags
    assert find_risks([(0, "My daughter drags me round the shops every Saturday.")]) == []


def test_a_question_tag_before_a_name_called_goes_with_it() -> None:
    """"She does the Chronicle one every morning, don't you, Peggy." had read "…, don't the
    practitioner"."""
    from summarise.notestyle import tidy
    assert tidy("She does the Chronicle one every morning, don't you, Peggy.") == \
        "She does the Chronicle one every morning"
    assert tidy("I like it, Pat.") == "I like it, Pat"


def test_a_summary_to_the_person_by_name_drops_the_name_called() -> None:
    """"Ron, you're getting on well — no falls…" in a read-back had read "Summarised back:
    Ron, Ron is getting on well"; "what we have agreed" opens a read-back as "we've" does."""
    text = " ".join(s.text for section in _draft(
        [("Worker", "Okay, let me read back what we have agreed. Pat, you are getting on well "
                    "— no falls, no chest pain, the cough has cleared."), ("Pat", "Aye.")],
        speakers=_ROLES).sections for s in section.sentences)
    assert "Summarised back: Pat is getting on well — no falls" in text, text


def test_mends_from_the_twenty_fourth_round() -> None:
    """hq-01..04 (written this stop, read by a fresh reader at 48e4b5e, built on since)."""
    # an aim, or a thing unnamed, is no action
    actions = _owned([("Worker", "I want you to be safe, and to have your own money for your "
                                 "food. Is that alright?"), ("Pat", "Aye."),
                      ("Worker", "And Denise is going to sort something for you after."),
                      ("Pat", "Okay."), ("Worker", "I will ring the bank today. Is that alright?"),
                      ("Pat", "Aye.")], Denise="professional")
    assert actions == [("practitioner", "Ring the bank today.")], actions
    # "the carers help me with me back": Pat's back, never the carers'; "pay me back" is no back
    from summarise.dialect import written_plainly
    voice = Voice("Gary", "Gary", "Gary", "Gary's", "themselves", False)
    assert "with Gary's back" in convert_first_person(
        written_plainly("The carers help me with me back."), voice)
    assert convert_first_person(written_plainly("They pay me back."), voice) == \
        "They pay Gary back."
    assert written_plainly("She gives me tablets.") == "She gives me tablets."
    # a worried question with its tag is asked, never stated
    assert _draft([("Worker", "The oxygen stays while you need it."),
                   ("Pat", "They'll not take it off us, will they?")], speakers=_ROLES
                  ).sections == _draft([("Worker", "The oxygen stays while you need it.")],
                                       speakers=_ROLES).sections
    # a question put by name to one speaker is not the answer of another
    text = " ".join(s.text for section in _draft(
        [("Worker", "Kerry, are you happy to stay in?"),
         ("Pat", "She'll stay whether I like it or not."), ("Kerry", "I will, Dad.")],
        speakers={**_ROLES, "Kerry": "relative"}).sections for s in section.sentences)
    assert "Asked whether" not in text and "stay whether Pat likes it or not" in text, text


def test_more_mends_from_the_twenty_fourth_round() -> None:
    """"What do you use, a lighter or matches?" had read "Asked about do Maureen uses…";
    "Not yet." had read "Has not told the GP" (the intent lost); "The purple one... no, the
    Trelegy" kept the slip; "on the motorway, where is it, Wetherby" kept the search."""
    from summarise.notestyle import tidy
    found = answered("What do you use, a lighter or matches?", "A lighter. The clicky one.",
                     _SHE, frozenset())
    assert found is not None and found.text.startswith(
        "Asked whether she uses a lighter or matches: a lighter"), found
    assert answered("Have you told the GP about the driving?", "Not yet.", _SHE,
                    frozenset()).text == "Has not told the GP about the driving yet."  # type: ignore[union-attr]
    assert answered("Have you told the GP about the driving?", "No.", _SHE,
                    frozenset()).text == "Has not told the GP about the driving."  # type: ignore[union-attr]
    assert tidy("The purple one... no, the Trelegy, once in the morning.") == \
        "The Trelegy, once in the morning"
    assert tidy("They found him on the motorway, where is it, Wetherby, at half three.") == \
        "They found him on the motorway, Wetherby, at half three"


def test_a_report_said_after_goes_first() -> None:
    """"She minds my card. 'Cause I'm not good with it, she says." had read "'Cause Ciaran
    is not good with it, she says Ciaran would only…", the claim read as fact (round 24)."""
    from summarise.notestyle import tidy
    assert tidy("'Cause I'm not good with it, she says.") == "She says I'm not good with it"
    assert tidy("It was fine, he said.") == "He said it was fine"
    assert tidy("He is lovely, she says, but he forgets.") == \
        "He is lovely, she says, but he forgets"


def test_someone_minding_the_persons_card_raises_financial_abuse() -> None:
    """hq-02: "She minds my card." raised nothing, so the length budget cut it."""
    from summarise.risks import find_risks
    assert [f.category for f in find_risks([(0, "She minds my card.")])] == ["financial abuse"]
    assert find_risks([(0, "I mind the kids on a Tuesday.")]) == []
