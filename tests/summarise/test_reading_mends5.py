"""Mends from reading the built-on drafts again at stop 26 (hz-04, a Yorkshire carer's
assessment, most of all), each tested on made-up sentences of the same shape."""

from __future__ import annotations

import re

from summarise.text import clean_speech, content_terms
from tests.summarise.test_reading_mends3 import _actions, _draft


def _sentences(segments: list[tuple[str, str]]) -> list[tuple[str, bool]]:
    return [(s.text, s.supported) for section in _draft(segments).sections
            for s in section.sentences]


def test_northern_words_are_written_as_a_note_writes_them_and_still_verify() -> None:
    """"t'garden", "owt", "nowt", "wi'", "'em", "o'", "Happen I'd" and "forty year" were
    copied into the note as said."""
    assert clean_speech("There's children in t'garden. Nowt like that.") == \
        "There's children in the garden. Nothing like that."
    assert clean_speech("I get on wi' it. Our Andrew set 'em up.") == \
        "I get on with it. Our Andrew set them up."
    assert clean_speech("Happen I'd try it.") == "Perhaps I'd try it."
    assert clean_speech("I played cornet forty year.") == "I played cornet forty years."
    # what is not dialect stays: "o'clock", "a five year plan", "six year old", "can't"
    assert clean_speech("At two o'clock, a five year plan, he's six year old, I can't.") == \
        "At two o'clock, a five year plan, he's six year old, I can't."
    assert content_terms("nowt wrong") == content_terms("nothing wrong")
    sentences = _sentences([
        ("Worker", "And how do you get on with the shopping?"),
        ("Pat", "Happen I'd try the bus. There's nowt wrong wi' me legs. I sit in t'car "
                "mostly, forty year I've driven."),
    ])
    text = " ".join(t for t, _ in sentences)
    assert "perhaps" in text.lower() and "nothing wrong with" in text and "the car" in text
    assert not re.search(r"\bt'|\bnowt\b|\bwi'", text)
    assert all(ok for _, ok in sentences)


def test_a_relative_which_is_the_object_its_clause_leaves_out() -> None:
    """"You'll try a night sitter one night a week, which I'll arrange and look at funding
    for" had become "Pat to try a night sitter one night a week, which." and "Arrange and
    look at funding for."."""
    actions = _actions([
        ("Worker", "So to sum up. You'll try a night sitter one night a week, which I'll "
                   "arrange and look at funding for."),
        ("Pat", "Aye."),
    ])
    assert actions == [("Pat", "Pat to try a night sitter one night a week."),
                       ("practitioner",
                        "Arrange a night sitter one night a week and look at funding.")]


def test_a_time_before_the_next_commitment_is_that_ones() -> None:
    """"I'll refer you to the hub, and next time we'll do a contingency plan" had left
    "…, and next time." on the referral and no time on the plan."""
    actions = _actions([
        ("Worker", "I'll refer you to the Carers' Hub for the emergency card, and next time "
                   "we'll do a contingency plan."),
        ("Pat", "Right."),
    ])
    assert actions == [("practitioner", "Refer Pat to the Carers' Hub for the emergency card."),
                       ("practitioner", "Do a contingency plan next time.")]


def test_talking_options_through_now_is_no_action() -> None:
    """"Let me talk through some options and you tell me what you think" had become an
    action "Talk through some options and Pat tells me what Pat thinks"."""
    actions = _actions([
        ("Worker", "Let me talk through some options and you tell me what you think. One is "
                   "a sitting service."),
        ("Pat", "Go on then."),
    ])
    assert actions == []


def test_the_practitioners_own_verb_agrees_in_a_summary() -> None:
    """"You've said no to respite, and I respect that" read "…and the practitioner respect
    that"."""
    sentences = _sentences([
        ("Worker", "How do you feel about respite?"),
        ("Pat", "I don't want it."),
        ("Worker", "So to sum up. You've said no to care home respite, and I respect that."),
        ("Pat", "Aye."),
    ])
    text = " ".join(t for t, _ in sentences)
    assert "the practitioner respects that" in text
    assert "practitioner respect that" not in text


def test_a_sentence_broken_off_and_an_abandoned_start_are_not_the_note() -> None:
    """"Dad, it's not about the..." stood as "Andrew said Dad, it's not about the.", and "I
    just wanted to, erm, I don't think Dad's telling you" kept "he wanted to,"."""
    sentences = _sentences([
        ("Worker", "How are things with the money?"),
        ("Alex", "We're not made of money, and he's retired."),
        ("Pat", "Mum, it's not about the..."),
        ("Alex", "I just wanted to, erm, I don't think he's telling you how bad it is."),
    ])
    text = " ".join(t for t, _ in sentences)
    assert "not about the" not in text
    assert "wanted to" not in text
    assert "how bad it is" in text


def test_an_answer_opened_with_honestly_keeps_what_follows() -> None:
    """"Honestly? It's a lot." had become "Alex said honestly", and "It's a lot" a line of
    its own with no question."""
    text = " ".join(t for t, _ in _sentences([
        ("Worker", "And how are you finding all that, Alex?"),
        ("Alex", "Honestly? It's a lot. I'm on shifts, I'm back and forward from town."),
    ]))
    assert "Alex said it's a lot" in text
    assert "said honestly" not in text


def test_a_tagged_answer_is_a_statement_and_keeps_its_reason() -> None:
    """"Have you driven since?" "I've got to, haven't I? I can't get to work otherwise." kept
    only "Can't get to work otherwise.", with no question: the tag made the answer a
    question, and the drowsy driving before it raised nothing."""
    draft = _draft([
        ("Worker", "Has anything happened, with being so tired, that's worried you?"),
        ("Pat", "I nodded off at the lights, coming back from the chemist."),
        ("Worker", "That's important. Have you driven since?"),
        ("Pat", "I've got to, haven't I? I can't get to work otherwise."),
    ])
    lines = [s.text for section in draft.sections for s in section.sentences]
    assert any("driven since" in t.lower() and "can't get to work otherwise" in t for t in lines)
    assert "Can't get to work otherwise." not in lines
    assert any(f.category == "unsafe driving" for f in draft.flags)
    # a question with no tag stays one: "who else is gonna do it?"
    assert any(t.endswith("who else is gonna do it.") or "gonna do it" in t for t in
               (s.text for section in _draft([
                   ("Worker", "How do you feel about helping your mum?"),
                   ("Pat", "I don't really like it, but who else is gonna do it?")]).sections
                for s in section.sentences))


def test_an_answer_that_says_nothing_alone_runs_on_into_the_next_sentence() -> None:
    """"Has she ever tried to get out?" "Once. Last month I woke up and the front door was
    open." kept "once" and lost what happened."""
    text = " ".join(t for t, _ in _sentences([
        ("Worker", "Has your wife ever tried to get out of the house, Pat?"),
        ("Pat", "Once. Last month I woke up, the front door was wide open and she was stood at "
                "the gate in her nightie."),
    ]))
    assert "once; last month" in text.lower()


def test_kin_keep_the_name_where_their_would_be_someone_elses() -> None:
    """"Gareth, my husband" in Bethan's words had become "Gareth, their husband"."""
    text = " ".join(t for t, _ in _sentences([
        ("Worker", "And on the days he's home?"),
        ("Pat", "Tuesdays I do my shift in the chemist, so Gareth, my husband, he swaps his "
                "shifts so he's home."),
    ]))
    assert "Gareth, Pat's husband" in text
    assert "their husband" not in text


def test_a_name_or_endearment_called_and_a_stance_are_not_the_note() -> None:
    """"There's no mice, Jo, I'd know" kept "Jo"; "I know, Edna", "Yes, love", "to be fair"
    and "I'll be honest with you" were copied in. An apposed name stays ("my sister, Jo,")."""
    text = " ".join(t for t, _ in _sentences([
        ("Worker", "Have you noticed any mice, Pat?"),
        ("Alex", "There's no mice, Pat, I'd know. I'm in here every day, to be fair."),
        ("Worker", "How are the nights?"),
        ("Pat", "Nights are the worst, I'll be honest with you. My sister, Alex, stays over. "
                "Yes, love."),
    ]))
    assert "no mice, Alex would know" in text
    assert not re.search(r"to be fair|be honest|, love|, Pat,", text)
    assert "sister, Alex," in text


def test_a_hedge_stays_with_what_it_hedges() -> None:
    """"Couple of times a week? Maybe." was given as a firm "couple of times a week"."""
    text = " ".join(t for t, _ in _sentences([
        ("Worker", "How often are you managing a wash?"),
        ("Pat", "Couple of times a week? Maybe."),
    ]))
    assert "couple of times a week, maybe" in text


def test_a_denial_of_harm_is_the_persons_account() -> None:
    """"Has he ever hurt you?" "No. He'd never." read as a fact, "Ryan has never hurt her";
    "Any self-harm, cutting, anything like that?" "No." copied "anything like that". A falls
    denial stays a plain negative."""
    texts = [t for t, _ in _sentences([
        ("Worker", "Has Ryan ever hurt you?"),
        ("Pat", "No. No. He'd never."),
        ("Worker", "Any self-harm, cutting, anything like that?"),
        ("Pat", "No."),
        ("Worker", "Any falls?"),
        ("Pat", "No."),
    ])]
    text = " ".join(texts)
    assert "Says Ryan has never hurt Pat." in text
    assert "Reports no self-harm" in text and "anything like that" not in text
    assert "No falls." in text


def test_a_yes_no_question_answered_otherwise_is_reported_as_asked() -> None:
    """"Do you ever feel you can't carry on?" "Some nights." read "Ever feel Pat can't carry
    on: some nights", a stub; "No. Well. I bought a helmet" lost the "no" to "Well."."""
    text = " ".join(t for t, _ in _sentences([
        ("Worker", "Do you ever feel you can't carry on?"),
        ("Pat", "Some nights. Three in the morning."),
        ("Worker", "And have you been spending anything you wouldn't normally, lately?"),
        ("Pat", "No. Well. I bought a new helmet. But I needed one for work."),
    ]))
    assert "Asked whether Pat ever feels" in text and "evers" not in text
    assert "Has not been spending anything" in text and "bought a new helmet" in text


def test_north_east_scots_and_black_country_words_are_written_plainly() -> None:
    """"gan", "yem", "bairns", "mair", "tae", "gie", "no'", "cannit" were copied in; the Black
    Country's "I ay" and "she day" (didn't) read as nothing, losing their negation."""
    assert clean_speech("I used to gan to the match. He come yem with the bairns.") == \
        "I used to go to the match. He come home with the children."
    assert clean_speech("No' meant tae gie people money. I want mair time.") == \
        "Not meant to give people money. I want more time."
    assert clean_speech("She day say that. I ay got it. I cannit sleep.") == \
        "She didn't say that. I ain't got it. I can't sleep."
    assert clean_speech("What a day I had. Is it day yet?") == "What a day I had. Is it day yet?"
    from summarise.text import has_negation
    assert has_negation("she day say all that") and has_negation("I ay got it")


def test_an_answer_that_points_back_at_its_question_keeps_it() -> None:
    """"No, I haven't noticed anything like that." and "Don't know, really." stood alone in
    the PriMock57 drafts, with no question to say what they answer."""
    text = " ".join(t for t, ok in _sentences([
        ("Worker", "How do you feel about the carers?"),
        ("Pat", "Don't know, really. It just happened."),
        ("Worker", "Have you had any trouble with your eyes?"),
        ("Pat", "No, I haven't noticed anything like that, to be fair."),
    ]) if ok)
    assert "Asked how Pat feels about the carers: doesn't know" in text
    assert "Asked whether Pat has had any trouble with Pat's eyes: no" in text or \
        "No trouble with Pat's eyes" in text


def test_a_no_said_without_a_pause_still_answers_its_question() -> None:
    """PriMock57: "Any temperatures or fevers?" "Um, no I don't feel feverish." and "Any
    rashes you may have noticed?" "No, I haven't noticed anything like that." stood alone as
    "No they don't feel feverish." and "No, they haven't noticed anything like that."."""
    text = " ".join(t for t, _ in _sentences([
        ("Worker", "Twice, OK. Um, any temperatures or fevers?"),
        ("Pat", "Um, no I don't feel feverish."),
        ("Worker", "OK. Um, any other skin rashes that you may have noticed?"),
        ("Pat", "No, I haven't noticed anything like that."),
    ]))
    assert "No temperatures or fevers" in text and "No other skin rashes" in text
    assert not re.search(r"(?:^|[.;] )No,? (?:Pat|they)\b", text)


def test_a_question_left_for_the_answer_to_finish_takes_it() -> None:
    """"Two cans of?" "Lager." had left "Lager; just the ordinary stuff" with no question."""
    text = " ".join(t for t, _ in _sentences([
        ("Worker", "Two cans of?"),
        ("Pat", "Lager. Just the ordinary stuff. I'm not a big drinker, never have been."),
    ]))
    assert text.startswith("Two cans of lager; just the ordinary stuff")


def test_a_bare_that_before_the_next_commitment_is_its_object() -> None:
    """"I'll ring the GP about that, and I'll write to you": "that" is no relative here."""
    assert ("practitioner", "Ring the GP about that.") in _actions([
        ("Worker", "I'll ring the GP about that, and I'll write to you on Friday."),
        ("Pat", "Right."),
    ])
