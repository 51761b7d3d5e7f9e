"""Mends from the twenty-first hand check (hs-01, hs-02, ht-01, built on since) and from
reading sc-dev-06's draft, each tested on made-up sentences of the same shape."""

from __future__ import annotations

from summarise.extractive import Voice, convert_first_person
from summarise.qa import answered
from summarise.text import clean_speech
from tests.summarise.test_reading_mends3 import _actions, _draft
from tests.summarise.test_reading_mends5 import _sentences

_SHE = Voice("Pat", "she", "her", "her", "herself", False)
_THEY = Voice("Pat", "they", "them", "their", "themselves", True)
_SUPPORT = {"Worker": "practitioner", "Gareth": "person", "Bethan": "professional"}


def _text(segments: list[tuple[str, str]], **kwargs: object) -> str:
    if kwargs:
        draft = _draft(segments, **kwargs)  # type: ignore[arg-type]
        return " ".join(s.text for section in draft.sections for s in section.sentences)
    return " ".join(t for t, _ in _sentences(segments))


def test_a_reflection_agreed_after_its_qualifier_keeps_both() -> None:
    """"So you're late?" "Most days, yeah. Like three, four times a week." kept only "Like
    three, four times a week.", the lateness lost (a first "Yeah," was taken for an opener)."""
    text = _text([("Worker", "So you are late?"),
                  ("Pat", "Most days, yeah. Like three, four times a week.")])
    assert "Late; most days; three, four times a week." in text, text
    found = answered("So you are tired?", "Yeah, most days.", _SHE, frozenset())
    assert found is not None and found.text == "Tired; most days.", found


def test_a_reflection_of_what_someone_does_agrees_and_is_never_an_instruction() -> None:
    """"So you go every week?" "Yeah." had read "Go every week."; "You still drive?"
    "Stills drive" was one step from it."""
    assert answered("So you go every week?", "Yeah.", _SHE, frozenset()).text == \
        "Goes every week."  # type: ignore[union-attr]
    assert answered("You still drive?", "Yeah, just local.", _SHE, frozenset()).text == \
        "Still drives; just local."  # type: ignore[union-attr]
    assert answered("So you go every week?", "Yeah.", _THEY, frozenset()).text == \
        "They go every week."  # type: ignore[union-attr]
    # a tag is no part of it, and an answer that only says it back adds nothing
    assert answered("So you feel quite congested, do you?", "Yeah, quite congested.", _SHE,
                    frozenset()).text == "Feels quite congested."  # type: ignore[union-attr]
    # what was reported or thought is no fact said back; a "no" in the answer is no agreement
    assert answered("And you said you would carry on with the shopping?", "Yeah, that is no "
                    "bother.", _SHE, frozenset()) is None
    assert answered("You measure your temperature then?", "Yeah, I didn't, no.", _SHE,
                    frozenset()) is None


def test_every_verb_of_a_routine_agrees_with_the_dropped_i() -> None:
    """"I go and get Mia. Do tea. Get Mia to bed." read "Goes and get Mia; do tea; … get Mia
    to bed", the bare verbs as instructions."""
    text = _text([("Worker", "And after school?"),
                  ("Pat", "I go and get Mia. Do tea. Then I do her tablets. Get Mia to bed.")],
                 template="carers-assessment")
    assert "Goes and gets Mia; does tea" in text and "gets Mia to bed" in text, text
    # never after a modal or inside an infinitive
    assert convert_first_person("I will sort the timer and check the gauge.", _SHE) == \
        "she will sort the timer and check the gauge."
    assert convert_first_person("I have to get up and go round every room.", _SHE) == \
        "she has to get up and go round every room."


def test_a_one_word_answer_runs_on_into_what_it_leads_to() -> None:
    """"And your dad?" "Coventry. We don't really speak." lost "Coventry" (one word, too short
    to stand alone)."""
    text = _text([("Worker", "And your dad?"), ("Pat", "Coventry. We do not really speak.")],
                 template="carers-assessment")
    assert "coventry" in text.lower() and "do not really speak" in text, text


def test_a_support_worker_telling_of_the_person_speaks_to_the_practitioner() -> None:
    """Bethan (support worker): "He was sat in the dark… I've took a photo of the letter for
    you." read "Bethan said Bethan has took a photo of the letter for Gareth"."""
    text = _text([("Worker", "How has he been?"),
                  ("Bethan", "He was sat in the dark. I have took a photo of the letter for "
                             "you."),
                  ("Worker", "Thank you. Gareth, is that right?"),
                  ("Gareth", "Yeah. It was dark."),
                  ("Bethan", "I have not seen anything like that in his post.")],
                 person="Gareth", speakers=_SUPPORT)
    assert "photo of the letter for the practitioner" in text, text
    assert "Bethan has taken a photo" in text, text
    assert "Bethan has not seen anything like that in his post." in text, text
    assert "Bethan said Bethan" not in text, text
    # a professional advising the person ("your post") still speaks to the person
    advice = _text([("Worker", "How has he been?"), ("Gareth", "Alright."),
                    ("Bethan", "He is doing better. Gareth, you need to open your post.")],
                   person="Gareth", speakers=_SUPPORT)
    assert "Gareth needs to open Gareth's post" in advice, advice


def test_the_past_after_have_is_its_participle() -> None:
    assert clean_speech("I've took a photo. He has went home. I had not ate.") == \
        "I've taken a photo. He has gone home. I had not eaten."
    assert clean_speech("Did you take it?") == "Did you take it?"


def test_a_condition_before_its_own_ill_stays_with_what_it_conditions() -> None:
    """"I'll sort the timer and check the oil gauge, and if it's low I'll order some." was
    "Stephen to sort the timer and check the oil gauge, and if it's low.", the order lost;
    "If that ever did change, I'll leave you some numbers" lost its condition."""
    actions = _actions([
        ("Worker", "What can you do, Alex?"),
        ("Alex", "I will sort the timer and check the oil gauge, and if it is low I will order "
                 "some."),
        ("Alex", "I will put their number on the fridge, Mum."),
        ("Worker", "Lovely. And if it gets worse, I will ring the GP."),
    ])
    texts = [text for _, text in actions]
    assert "Alex to sort the timer and check the oil gauge." in texts, texts
    assert "Alex to order some if it is low." in texts, texts
    assert "Alex to put their number on the fridge." in texts, texts  # "Mum" called
    assert "Ring the GP if it gets worse." in texts, texts


def test_me_for_my_before_whom_someone_is_to_them() -> None:
    """"He's me boyfriend." read "he's Kerry boyfriend"."""
    text = _text([("Worker", "So he knows your PIN?"), ("Pat", "I told him. He is me boyfriend.")])
    assert "Pat's boyfriend" in text, text


def test_what_was_said_before_a_question_is_no_part_of_it() -> None:
    """"That feeling's important. Has he ever hurt you? Pushed you, grabbed you, anything like
    that?" "No!" read "Says he has never hurt Kerry? Pushed Kerry, grabbed Kerry"."""
    text = _text([("Worker", "That feeling is important. Has he ever hurt you? Pushed you, "
                             "grabbed you, anything like that?"),
                  ("Pat", "No! He is not like that.")])
    assert "?" not in text and "never hurt" in text, text
    found = answered("Does she make you do things? In the bedroom, or anywhere?", "No.", _SHE,
                     frozenset())
    assert found is not None and "or or" not in found.text, found


def test_an_idea_offered_with_a_rising_tone_is_unsure() -> None:
    """"What would you do if your phone was flat?" "Erm. Ask the driver?" read as a settled
    answer; a rising "Three years?" to any other question is no doubt."""
    text = _text([("Worker", "What would you do if your phone was flat?"),
                  ("Pat", "Erm. Ask the driver?")])
    assert "not sure — perhaps ask the driver" in text, text
    found = answered("How long has she been coming?", "Two years?", _SHE, frozenset())
    assert found is None or "not sure" not in found.text


def test_the_cleft_undertaking_unspoken_in_full_is_one() -> None:
    """"So what I am going to do is raise a safeguarding concern today" (no contraction) was
    no action."""
    actions = _actions([("Worker", "So what I am going to do is raise a safeguarding concern "
                                   "today, so the money gets looked into properly."),
                        ("Pat", "Okay.")])
    assert any(text.startswith("Raise a safeguarding concern today") for _, text in actions), \
        actions


def test_a_weekday_in_the_plural_keeps_its_capital() -> None:
    text = _text([("Worker", "How often does she come?"), ("Pat", "Tuesdays and Fridays.")])
    assert "Tuesdays" in text, text


def test_dont_think_so_keeps_its_question_and_its_doubt() -> None:
    """"Has anyone asked you to sign anything?" "Don't think so." stood alone as "Doesn't
    think so."; "I don't think so" kept its "I"."""
    text = _text([("Worker", "Has anyone asked you to sign anything? A loan, or a phone "
                             "contract?"),
                  ("Pat", "Don't think so."),
                  ("Worker", "Any falls?"),
                  ("Pat", "I don't think so.")])
    assert "Asked whether anyone has asked Pat to sign anything: doesn't think so." in text, \
        text
    assert "Asked about falls: doesn't think so." in text, text
    # a plain no still says it
    assert "no one has hurt" in _text([("Worker", "Has anyone hurt you?"),
                                       ("Pat", "No.")]).lower()


def test_the_persons_you_told_is_the_practitioner() -> None:
    """"About Shelley. Bethan told you." and "And you're not telling her either." kept a "you"
    that reads as the person."""
    text = _text([("Worker", "Who told you about us?"),
                  ("Pat", "About Shelley. Bethan told you."),
                  ("Worker", "I won't tell your mam without talking to you first."),
                  ("Pat", "No. And you're not telling her either.")])
    assert "Bethan told the practitioner" in text, text
    assert "The practitioner is not telling her either." in text, text
    # "I couldn't tell you" is a way of saying "I don't know"
    assert "tell the practitioner" not in _text([
        ("Worker", "How much is in the account?"),
        ("Pat", "I couldn't tell you. The statements come but I can't read them.")])


def test_a_hedge_with_nothing_it_hedges_is_no_line() -> None:
    text = _text([("Worker", "And what's not so good?"),
                  ("Pat", "I dunno. Maybe. Can we go on Monday?")])
    assert "Dunno" not in text and "maybe" not in text.lower(), text


def test_how_old_the_person_is_reads_as_their_age() -> None:
    """"How old are you now?" "Sixteen." read "Old: sixteen"."""
    text = _text([("Worker", "How old are you now?"), ("Pat", "Sixteen. Sixteen in October.")],
                 template="carers-assessment")
    assert "Age: sixteen; sixteen in October." in text, text


def test_a_vague_ending_and_an_aside_of_honesty_carry_nothing() -> None:
    from summarise.notestyle import tidy

    assert tidy("She is good on the hob, honestly, but she wanders off.") == \
        "She is good on the hob, but she wanders off"
    assert tidy("I help with the bills and stuff.") == "I help with the bills"
    assert tidy("I was honestly shocked.") == "I was honestly shocked"  # (not an aside)


def test_hows_is_how_is_or_how_has() -> None:
    """"How's your health been?" "None." read "Kerry's health been: none"."""
    text = _text([("Worker", "How's your health been?"), ("Pat", "None.")], template="review")
    assert text == "Health: none.", text


def test_the_spoken_past_of_come_and_give_among_past_tenses() -> None:
    """"He was sat in the dark when I come in" read "when Bethan comes in"; "Gaz did. I give
    him me card 'cos I was in the toilets" read "Gives him their card"."""
    assert convert_first_person("He was sat in the dark when I come in.", _SHE) == \
        "He was sat in the dark when she came in."
    assert convert_first_person("I give him my card because I was in the toilets.", _SHE) == \
        "she gave him her card because she was in the toilets."
    assert convert_first_person("I come home every day at six.", _SHE) == \
        "she comes home every day at six."


def test_a_follow_up_question_goes_on_an_answer_of_several_sentences() -> None:
    """"Any falls?" "No falls. Touch wood. I go a bit swimmy…" "How often?" "Now and again."
    left "Now and again; not every day." standing alone: the follow-up joined only an answer
    of one sentence."""
    text = _text([("Worker", "Any falls?"),
                  ("Pat", "No falls. Touch wood. I go a bit swimmy when I stand up, but I "
                          "always have."),
                  ("Worker", "How often?"),
                  ("Pat", "Now and again. Not every day.")])
    assert "always has; now and again; not every day." in text, text


def test_an_emphatic_me_at_the_end_is_no_one() -> None:
    """"I'm never sat still, me." read "Never sat still, Margaret.\""""
    from summarise.notestyle import tidy

    assert tidy("I'm never sat still, me.") == "I'm never sat still"
    assert tidy("She rang me.") == "She rang me"


def test_a_trailing_i_dunno_hedges_what_was_said() -> None:
    from summarise.notestyle import tidy

    assert tidy("Bit sad. Bit... I dunno.") == "Bit sad. Bit"
    assert tidy("I dunno.") == "I dunno"  # alone, it is the answer
