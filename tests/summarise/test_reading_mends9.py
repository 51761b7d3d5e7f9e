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


def test_the_persons_we_in_an_answer_is_they() -> None:
    """"Do you have friends there?" "Two. Josh and Kiran. We play Warhammer." had kept "we
    play Warhammer"; the note speaks of the person and their friends as "they"."""
    text = _text([("Worker", "Do you have friends there?"),
                  ("Pat", "Two. Josh and Kiran. We play Warhammer."),
                  ("Worker", "What do you do with Becca?"),
                  ("Pat", "Saturday we go into town. Wednesday we cook.")])
    assert "they play Warhammer" in text and "Saturday they go into town" in text, text
    assert " we " not in f" {text.lower()} ", text
    # the North's "us" for "me", with no "we" to make it a household, stays the person's
    assert convert_first_person("Lorraine cuts it up for us.", _SHE) == \
        "Lorraine cuts it up for us."
