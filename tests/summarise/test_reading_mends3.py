"""Mends from reading built-on drafts again (sc-dev-08) and from a fresh reader's marks on
conversations nobody had read, each tested on made-up sentences of the same shape."""

from __future__ import annotations

from tests.summarise.test_reading_mends import _drafted
from tests.summarise.test_reading_mends2 import ROLES


def _actions(segments: list[tuple[str, str]]) -> list[tuple[str, str]]:
    from summarise.drafter import DraftCompleted, draft
    from summarise.templates import load_template
    from transcription.transcript import Transcript

    transcript = Transcript.from_dict({"segments": [
        {"start": n, "end": n + 1, "text": text, "speaker": who}
        for n, (who, text) in enumerate(segments)]})
    done = [e for e in draft(transcript, load_template("home-visit"), person_name="Pat",
                             speakers=ROLES) if isinstance(e, DraftCompleted)][0]
    return [(a.owner, a.text) for a in done.draft.actions]


def test_a_safety_net_after_you_know_keeps_its_condition_and_who_acts() -> None:
    """"And you know if you have a seizure…, whoever's with you needs to ring 999" was
    "Pat to ring 999": the condition lost and the wrong person acting."""
    actions = _actions([
        ("Worker", "Are you taking your tablets now?"),
        ("Pat", "Yes, every morning."),
        ("Worker", "Good. And you know if you have a seizure and it goes on more than five "
                   "minutes, whoever's with you needs to ring 999."),
    ])
    texts = [t for _, t in actions if "999" in t]
    assert texts, actions
    assert texts[0].startswith("If Pat has a seizure and it goes on more than five minutes"), \
        texts
    assert "whoever's with Pat needs to ring 999" in texts[0], texts


def test_your_said_to_someone_by_name_is_theirs() -> None:
    """"I've seen your bank statement, Pat." from a relative: Pat's statement, not "your"."""
    texts = [t for _, t, _ in _drafted([
        ("Worker", "How are things, Pat?"),
        ("Pat", "Alright."),
        ("Alex", "He's never paid you back. I've seen your bank statement, Pat. There's about "
                 "four hundred pound gone out in cash."),
    ], person="Pat", roles=ROLES)]
    joined = " ".join(texts)
    assert "Pat's bank statement" in joined and "your" not in joined, texts


def test_a_relative_calling_the_person_dad_means_them_by_you() -> None:
    """"You don't know that, Dad.", from the son, was copied as "Gary said you don't know
    that, Dad."; "Mum, she never eats" is about her, not said to her."""
    texts = [t for _, t, _ in _drafted([
        ("Worker", "How are you getting on, Pat?"),
        ("Pat", "Fine. I manage."),
        ("Alex", "You don't know that, Dad. It was freezing in here last week, Dad."),
        ("Alex", "Mum, she never eats her dinner."),
    ], person="Pat", roles=ROLES)]
    joined = " ".join(texts)
    assert "Pat doesn't know that" in joined and "Dad" not in joined, texts
    assert "she never eats her dinner" in joined, texts


def test_what_am_i_doing_is_what_is_she_doing() -> None:
    """"Some days I think, what am I doing here" was "what am he doings here"."""
    texts = [t for _, t, _ in _drafted([
        ("Worker", "How are you in yourself, Pat?"),
        ("Pat", "Some days I think, what am I doing here. I'd rather be with him."),
    ], person="Pat", roles=ROLES)]
    joined = " ".join(texts)
    assert "what is Pat doing here" in joined and "doings" not in joined, texts


def test_leave_given_is_no_fact_and_what_follows_it_is_kept() -> None:
    """"Would it be alright if I had a look?" "Aye, course you can." said nothing a note
    keeps; "Can I ask about your tablets?" "Yes. I take three in the morning." does."""
    texts = [t for _, t, _ in _drafted([
        ("Worker", "Would it be alright if I had a look at them in a bit?"),
        ("Pat", "Aye, course you can."),
        ("Worker", "Can I ask about your tablets?"),
        ("Pat", "Yes. I take three in the morning."),
    ], person="Pat", roles=ROLES)]
    assert not any("course" in t for t in texts), texts
    assert any("three in the morning" in t for t in texts), texts
