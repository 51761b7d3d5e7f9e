"""Mends from a fresh practitioner's reading of held-out drafts (sc-dev-12, sc-dev-13,
PriMock57 08, 10, 13), each tested on made-up sentences of the same shape."""

from __future__ import annotations

import pytest

from summarise.notestyle import note_sentence
from summarise.referred import heard_genders
from tests.summarise.test_reading_mends import MRS_PATEL, _drafted

ROLES = {"Worker": "practitioner", "Pat": "person", "Alex": "carer"}


def test_how_others_speak_of_someone_gives_their_pronoun() -> None:
    """"I'll ring Alex about his hours", twice, and never "her": Alex is "he"."""
    turns = [("Worker", "I'll ring Alex about his hours."),
             ("Pat", "Alex does the shopping, he's very good."),
             ("Worker", "Alex, she says you're tired.")]  # called to: "she" is someone else
    assert heard_genders(turns, {"Alex": "Alex", "Pat": "Pat"}) == {"Alex": "he"}


def test_a_pronoun_heard_once_or_both_ways_gives_none() -> None:
    once = [("Worker", "I'll ring Alex about his hours.")]
    both = once * 2 + [("Pat", "Alex said her back was bad.")]
    after_another_name = [("Pat", "Alex rang Sue and she came.")] * 3
    assert heard_genders(once, {"Alex": "Alex"}) == {}
    assert heard_genders(both, {"Alex": "Alex"}) == {}
    assert heard_genders(after_another_name, {"Alex": "Alex"}, ["Sue"]) == {}


def test_a_named_speaker_spoken_of_as_he_is_he_in_the_note() -> None:
    """"Alex said Alex fell asleep" reads as two people; "Alex said he fell asleep"."""
    texts = _drafted([
        ("Worker", "Pat, how are things?"),
        ("Pat", "Alex does everything for me, he never stops."),
        ("Worker", "I'll ask Alex about his own health later."),
        ("Alex", "I fell asleep in the chair last night, I was so tired."),
    ], "home-visit", person="Pat", roles=ROLES)
    said = [t for _, t, _ in texts if "asleep" in t]
    assert said and "Alex said he fell asleep" in said[0], texts


def test_short_sentences_of_one_reply_are_kept_together() -> None:
    """"Text. Or email. Not phone.": each too short alone, none may be lost."""
    texts = [t for _, t, _ in _drafted([
        ("Worker", "How would you rather people got in touch?"),
        ("Pat", "Text. Or email. Not phone."),
        ("Worker", "And getting to college?"),
        ("Pat", "I get the fourteen. On my own now. Since half term."),
    ], person="Pat", roles=ROLES)]
    joined = " ".join(texts)
    assert "email" in joined and "not phone" in joined.lower(), texts
    assert "own now" in joined and "half term" in joined, texts


def test_a_sentence_naming_someone_not_in_the_room_is_kept() -> None:
    """"Our Mark's in Australia." is only names, but not of anyone in the room."""
    texts = [t for _, t, _ in _drafted([
        ("Worker", "Tell me about the family."),
        ("Pat", "Our Mark's in Australia."),
        ("Worker", "I see."),
    ], person="Pat", roles=ROLES)]
    assert any("Mark" in t and "Australia" in t for t in texts), texts


def test_what_follows_a_bare_no_is_kept_with_it() -> None:
    """"No. Gave up.": the "No" answers the question alone, and the reason stays beside it
    (neither "No; gave up" run into the answer nor lost for being two words)."""
    texts = [t for _, t, _ in _drafted([
        ("Worker", "Do you smoke?"),
        ("Pat", "No. Gave up."),
        ("Worker", "Any pain?"),
        ("Pat", "No. Only in the morning."),
    ], person="Pat", roles=ROLES)]
    assert "Does not smoke; gave up." in texts, texts
    assert "No pain; only in the morning." in texts, texts


def test_a_no_to_a_question_that_states_a_denial_agrees_with_it() -> None:
    """"No problems with vomiting?" "No." is no vomiting, never "not vomiting"; a "yes"
    could mean either and states nothing."""
    texts = [t for _, t, _ in _drafted([
        ("Doctor", "Uh, no, no problems with vomiting, or loose stools?"),
        ("Patient", "No."),
        ("Doctor", "No chest pain?"),
        ("Patient", "Yes."),
    ], "health-check", person=None)]
    assert "No problems with vomiting, or loose stools." in texts, texts
    assert not [t for t in texts if "not vomiting" in t or "chest" in t], texts


def test_the_visit_s_own_order_and_its_goodbyes_are_no_part_of_the_note() -> None:
    """"We'll get to medication in just a second" is no action; "OK, perfect. Thank you very
    much." and "Bye." say nothing."""
    from summarise.actions import find_actions
    from summarise.evidence import evidence_units
    from summarise.roster import Roster
    from transcription.transcript import Transcript

    spoken = [("Doctor", "And we'll get to medication in just a second."),
              ("Doctor", "I'll refer you to the dermatology clinic this week."),
              ("Patient", "OK, perfect. Thank you very much."),
              ("Patient", "Well, thank you very much. Bye.")]
    transcript = Transcript.from_dict({"segments": [
        {"start": n, "end": n + 1, "text": t, "speaker": who}
        for n, (who, t) in enumerate(spoken)]})
    roster = Roster.build(["Doctor", "Patient"])
    actions = [a.text for a in find_actions(evidence_units(transcript), roster)]
    assert actions == ["Refer the person to the dermatology clinic this week."], actions
    texts = [t for _, t, _ in _drafted(spoken, "health-check", person=None)]
    assert not [t for t in texts if "thank" in t.lower() or "bye" in t.lower()], texts


@pytest.mark.parametrize(("spoken", "note"), [
    ("I'd just be sat there worrying.", "Would just be sat there worrying."),
    ("I'd never go back.", "Would never go back."),
    ("I'd never been so scared.", "Had never been so scared."),
    ("I'd lost some weight.", "Had lost some weight."),
])
def test_i_d_is_had_or_would_by_the_verb_after_its_adverbs(spoken: str, note: str) -> None:
    """"I'd just be sat there" is "would", never "had just be"."""
    assert note_sentence(spoken, MRS_PATEL, subject=True) == note


def test_a_self_introduction_after_a_discourse_marker_stays_out() -> None:
    from summarise.identifiers import without_introduction

    assert without_introduction("Sure, I'm Amanda Jackson and I'm nineteen years old.") == ""
    assert without_introduction("Okay, so I'm Joe Bloggs, I live alone.") == "I live alone."
    assert without_introduction("Sure, I can do that.") == "Sure, I can do that."


def test_a_name_called_at_the_start_is_not_the_note_s() -> None:
    """"Alex, I can't do it." said by Pat to Alex: "Alex, Pat can't do it" reads as if Alex
    were being told; the name called goes."""
    texts = [t for _, t, _ in _drafted([
        ("Worker", "Tell me about the evenings."),
        ("Pat", "Alex, I can't do it. Not after the operation."),
        ("Alex", "I know, love."),
    ], person="Pat", roles=ROLES)]
    assert texts and not [t for t in texts if t.startswith("Alex")], texts
