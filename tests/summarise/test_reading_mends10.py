"""Mends from reading the built-on hr, hq and hs drafts at stop 34, each tested on made-up
sentences of the same shape."""

from __future__ import annotations

from summarise.referred import called_gender
from tests.summarise.test_reading_mends import _drafted

_ROLES = {"Worker": "practitioner", "Ron": "person", "Tracey (daughter)": "relative"}


def test_a_daughter_who_calls_the_person_dad_makes_him_he() -> None:
    """"Hiya Dad, you alright?" and "No, but nearly, Dad." to his face: "he", not "Ron…
    Ron… Ron's" in every line."""
    turns = [("Tracey (daughter)", "Hiya Dad, you alright? Is the lady there?"),
             ("Ron", "She's here. I've got you on the loudspeaker."),
             ("Worker", "Does he manage the stairs?"),
             ("Ron", "I haven't gone over on them."),
             ("Tracey (daughter)", "No, but nearly, Dad.")]
    assert called_gender(turns, "Ron", ["Tracey (daughter)"]) == "he"
    texts = [t for _, t, _ in _drafted([
        *turns,
        ("Worker", "How do you manage your tablets?"),
        ("Ron", "I tip them in my hand and I have them with my tea."),
    ], person="Ron", roles=_ROLES)]
    line = next(t for t in texts if "tea" in t)
    assert "his hand" in line and "his tea" in line and "Ron's" not in line, texts


def test_a_call_once_to_someone_else_or_of_someone_gives_no_gender() -> None:
    spoken_of = [("Ron", "I'm alright."), ("Tracey (daughter)", "Dad, he was a miner."),
                 ("Ron", "Forty years."), ("Tracey (daughter)", "Dad, he never missed a shift.")]
    once = [("Ron", "I'm alright."), ("Tracey (daughter)", "Hiya Dad.")]
    not_by_him = [("Worker", "Who's that?"), ("Tracey (daughter)", "Hiya Dad."),
                  ("Worker", "Come in."), ("Tracey (daughter)", "Night, Dad.")]
    answered = [("Ron", "Who does the bins?"), ("Tracey (daughter)", "Dad."),
                ("Ron", "Who cuts the grass?"), ("Tracey (daughter)", "Dad.")]
    for turns in (spoken_of, once, not_by_him, answered):
        assert called_gender(turns, "Ron", ["Tracey (daughter)"]) is None, turns


def test_with_two_relatives_in_the_room_a_dad_may_be_said_to_the_other() -> None:
    """Ron's wife and daughter both there: the daughter's "Dad" cannot be told to be him."""
    roles = {**_ROLES, "Pam (wife)": "relative"}
    texts = [t for _, t, _ in _drafted([
        ("Tracey (daughter)", "Hiya Dad, you alright?"),
        ("Ron", "Not bad, love."),
        ("Pam (wife)", "He's been grand."),
        ("Ron", "I'm alright."),
        ("Tracey (daughter)", "Good, Dad."),
        ("Worker", "How do you manage your tablets?"),
        ("Ron", "I tip them in my hand and I have them with my tea."),
    ], person="Ron", roles=roles)]
    line = next(t for t in texts if "tea" in t)
    assert "his" not in line and "Ron's" in line, texts
