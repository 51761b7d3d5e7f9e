"""Mends from the seventeenth hand check (hv-01..05, built on since), each tested on made-up
sentences of the same shape."""

from __future__ import annotations

from tests.summarise.test_reading_mends3 import _actions
from tests.summarise.test_reading_mends5 import _sentences


def test_empathy_signposting_and_the_visit_itself_are_no_actions() -> None:
    """"I can see why you did that" had become "See why Pat did that"; "I need to tell you
    what I'm going to do", "What I can do is tell you the options and you have a think", "I'll
    take that as a yes" and "Alex said she'd let you know I was coming" were actions too."""
    for said in ("No, I can see why you did that. Do you know where they live?",
                 "Pat, I need to tell you what I'm going to do, because this is about your "
                 "safety.",
                 "It's your decision. What I can do is tell you the options and you have a "
                 "think.",
                 "I'll take that as a yes from Pat.",
                 "Hiya. Alex said she'd let you know I was coming."):
        assert _actions([("Worker", said), ("Pat", "Okay.")]) == [], said


def test_advice_not_yet_agreed_reads_as_advice() -> None:
    """"I'd really advise you not to drive while you're this tired" read "Pat to not to
    drive…", an agreed action, where nothing showed Pat agreed."""
    assert _actions([
        ("Worker", "I'd really advise you not to drive while you're this tired. Could the "
                   "shopping be delivered for now?"),
        ("Pat", "Maybe."),
    ]) == [("Pat", "Advised Pat not to drive while Pat is this tired.")]


def test_me_after_the_name_is_the_name_never_them() -> None:
    """"Before, it was just me and the telly" had become "just them and the telly" (the
    visitors), and "I thought they'd take her off me" "…off them"."""
    text = " ".join(t for t, _ in _sentences([
        ("Worker", "Have you told the GP about that, Pat?"),
        ("Pat", "No. I thought they'd take her off me."),
        ("Worker", "What do you like about having them round?"),
        ("Pat", "It's not boring. Jodie does my hair. Before, it was just me and the telly."),
    ]))
    assert "take her off Pat" in text and "just Pat and the telly" in text
    assert "off them" not in text and "just them" not in text


def test_a_doubt_asked_back_is_not_made_a_statement() -> None:
    """"No. I just want to sleep. That's not the same, is it?" read "wants to sleep — that's
    not the same", her doubt made a firm statement."""
    text = " ".join(t for t, _ in _sentences([
        ("Worker", "Any thoughts of harming yourself, or of not wanting to be here?"),
        ("Pat", "No. I just want to sleep. That's not the same, is it?"),
    ]))
    assert "wants to sleep" in text and "not the same" not in text


def test_the_persons_dropped_subject_agrees() -> None:
    """"Have you got a pendant alarm?" "No. Don't need one." read "…; don't need one", which
    reads as an instruction; an instruction stays one."""
    text = " ".join(t for t, _ in _sentences([
        ("Worker", "Have you got a pendant alarm?"),
        ("Pat", "No. Don't need one."),
        ("Worker", "How's the mood?"),
        ("Pat", "Don't feel great. Haven't been out since the funeral."),
    ]))
    assert "doesn't need one" in text and "doesn't feel great" in text
    assert "hasn't been out since the funeral" in text


def test_a_clause_cut_off_and_a_kin_word_called_stay_out() -> None:
    """"…the little click and the whoosh, but me hearing aids..." ended "but her hearing
    aids."; "Dad, she would not." kept the "Dad" called to him."""
    text = " ".join(t for t, _ in _sentences([
        ("Worker", "And the flame itself?"),
        ("Pat", "Not really. I used to go by the sound, the little click and the whoosh, but me "
                "hearing aids..."),
        ("Alex", "Dad, she would not give up the cooker for anything."),
    ]))
    assert "the little click and the whoosh." in text and "hearing aids" not in text
    assert "Dad" not in text


def test_advice_to_do_something_said_with_ing_reads_about() -> None:
    """From the eighteenth hand check (hu, built on since): "I'd suggest talking to HR this
    week" read "Advised Pat to talking to HR this week"."""
    assert _actions([
        ("Worker", "I'd suggest talking to HR this week."),
        ("Pat", "Maybe."),
    ]) == [("Pat", "Advised Pat about talking to HR this week.")]


def test_an_instruction_reported_in_an_answer_stays_an_instruction() -> None:
    """"What did the physio tell you?" "Don't lift anything heavy." is the physio's
    instruction, never "doesn't lift anything heavy"."""
    text = " ".join(t for t, _ in _sentences([
        ("Worker", "What did the physio tell you?"),
        ("Pat", "Don't lift anything heavy. Haven't been out since the funeral."),
    ]))
    assert "don't lift anything heavy" in text.lower() and "doesn't lift" not in text
    assert "hasn't been out since the funeral" in text
