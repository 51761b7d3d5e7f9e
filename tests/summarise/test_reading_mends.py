"""Mends from reading the extractive writer's drafts of held-out conversations: each one a
pattern of English, tested on made-up sentences of the same shape."""

from __future__ import annotations

import re

import pytest

from summarise.notestyle import note_sentence
from summarise.roster import Roster, Speaker

MRS_PATEL = Roster([Speaker("Person", "person", "Mrs Patel")]).voice()


def _drafted(segments: list[tuple[str, str]], template: str = "home-visit",
             person: str | None = "Mr Evans", roles: dict[str, str] | None = None
             ) -> list[tuple[str, str, tuple[int, ...]]]:
    """(section id, sentence, citations) of the extractive draft of these (speaker, text)."""
    from summarise.drafter import DraftCompleted, draft
    from summarise.templates import load_template
    from transcription.transcript import Transcript

    transcript = Transcript.from_dict({"segments": [
        {"start": n, "end": n + 1, "text": text, "speaker": who}
        for n, (who, text) in enumerate(segments)]})
    done = [e for e in draft(transcript, load_template(template), person_name=person,
                             speakers=roles) if isinstance(e, DraftCompleted)][0]
    return [(section.id, s.text, s.citations)
            for section in done.draft.sections for s in section.sentences]


@pytest.mark.parametrize(("spoken", "note"), [
    ("I can do it.", "Can do it."),
    ("I don't mind.", "Doesn't mind."),
    ("I can see.", "Can see."),
    ("That's the one I like.", "That's the one she likes."),
    # a tag after a comma, or a negative question tag, still goes
    ("It's cold in here, isn't it.", "It's cold in here."),
    ("It's cold in here isn't it.", "It's cold in here."),
    ("The stairs are hard, mind.", "The stairs are hard."),
    ("It's not that bad... no.", "It's not that bad."),
    # ...but a "no" that is the only denial is no tag
    ("Heavens, no.", "Heavens, no."),
    # two words said as one take no "s": never "dunnoes"
    ("I dunno where it went.", "Dunno where it went."),
    ("I divvent know.", "Doesn't know."),  # a dialect negative is written as one
    ("My sister and I go to the market.", "Her sister and she go to the market."),
])
def test_a_sentence_ending_in_its_own_verb_keeps_it(spoken: str, note: str) -> None:
    """"I can do it" is no question tag ("…, do it"): the verb and its object stay."""
    assert note_sentence(spoken, MRS_PATEL, subject=True) == note


@pytest.mark.parametrize(("said", "kept"), [
    ("I'm not keen on the bus. But I can use it.", "Not keen on the bus, but he can use it."),
    ("My knees are bad. Still, I get to the shop.",
     "His knees are bad; still, he gets to the shop."),
    ("I hate the stairs. Though I manage.", "Hates the stairs, though he manages."),
])
def test_a_short_sentence_that_turns_the_last_one_round_stays_with_it(said: str, kept: str
                                                                        ) -> None:
    """"I don't like it. But I can do it.": without its "but", the note says only the half."""
    sentences = _drafted([("Person", said)])
    assert [text for _, text, _ in sentences] == [kept]


def test_a_qualifier_joins_only_its_own_speakers_statement() -> None:
    sentences = _drafted([
        ("Worker", "Do you go out much?"),
        ("Person", "No. But I sit in the garden when it's warm."),  # a bare "no" stays apart
        ("Worker", "The physio said the stairs are hard for you."),
        ("Person", "But I do them every night."),                    # another speaker's turn
    ])
    texts = [text for _, text, _ in sentences]
    assert not any("no, but" in t.lower() for t in texts)
    assert any(t.startswith("Does them every night") for t in texts), texts


def test_a_named_speakers_own_i_is_their_name_never_they() -> None:
    """"Halina said they make…" reads as someone else: with no title or relation to give a
    "she" or "he", the named speaker's "I" is their name (a gender is never guessed)."""
    sentences = _drafted([
        ("Worker", "Who else comes in?"),
        ("Person", "Wendy from next door."),
        ("Wendy (neighbour)", "I pop in every morning and I do his shopping on a Friday."),
        ("Bogdan", "I'm his lodger. I cook his tea most nights."),
    ], roles={"Worker": "practitioner", "Person": "person", "Wendy (neighbour)": "other",
              "Bogdan": "other"})
    texts = [text for _, text, _ in sentences]
    # (their own doing is said once: "Bogdan cooks his tea", never "Bogdan said Bogdan cooks";
    # one known by their role keeps "said", so the role is not said twice in a line)
    assert "Wendy (neighbour) said Wendy pops in every morning and Wendy does his shopping " \
        "on a Friday." in texts, texts
    assert any(t.startswith("Bogdan cooks his tea") for t in texts), texts
    assert not any(" they " in f" {t} " for t in texts)
    # their "me" stays their name too, after it has been said, and two subjects agree
    sentences = _drafted([("Wendy (neighbour)", "My husband and I look in on him, and he "
                                                "rings me if he needs anything.")],
                         roles={"Wendy (neighbour)": "other"})
    assert sentences[0][1] == "Wendy (neighbour) said Wendy's husband and Wendy look in on " \
        "him, and he rings Wendy if he needs anything."
    # a relation that says "she" keeps its pronoun
    sentences = _drafted([("Daughter (Karen)", "I ring him every night.")],
                         roles={"Daughter (Karen)": "family"})
    assert sentences[0][1] == "His daughter Karen said she rings him every night."


def test_a_label_and_its_colon_never_reach_the_note() -> None:
    """"Wrote:" is a label or a note-taking cue, not words said: alone, or before what follows,
    it is left out; a word that says what follows is about ("Breakfast: toast") stays."""
    sentences = _drafted([
        ("Worker", "What did the hospital give you for the pain?"),
        ("Person", "Wrote:"),
        ("Person", "Note: I take the white tablets at night."),
        ("Worker", "And for breakfast?"),
        ("Person", "Heading:"),
        ("Worker", "Go on."),
        ("Person", "Breakfast: porridge and a banana, every day."),
    ])
    texts = [text for _, text, _ in sentences]
    assert not any(re.search(r"\b(?:wrote|note|heading):", t, re.IGNORECASE) for t in texts), \
        texts
    assert any("takes the white tablets at night" in t.lower() for t in texts), texts
    assert any("breakfast: porridge" in t.lower() for t in texts), texts
    assert all(len(t.rstrip(".:").split()) > 1 for t in texts), texts


def test_a_speaker_introducing_themselves_is_not_in_the_note() -> None:
    """The record's header says who the person is: "I'm Amanda Jackson and I'm nineteen" is no
    note sentence ("they are Amanda Jackson and they are nineteen"); what else they said is."""
    sentences = _drafted([
        ("doctor", "Hello, how can I help you today?"),
        ("patient", "Hi, I'm Carol Benson and I'm thirty-four. I've had a rash on my arms "
                    "for ten days."),
        ("doctor", "Can I just take your full name again?"),
        ("patient", "Carol Anne Benson."),
        ("doctor", "Thank you. Who's at home with you?"),
        ("patient", "My name's Carol, by the way, I'm thirty-four years old and I live with "
                    "my partner in a flat."),
    ], template="health-check", person=None,
        roles={"doctor": "practitioner", "patient": "person"})
    texts = [text for _, text, _ in sentences]
    assert not any("Carol" in t or "Benson" in t or "thirty-four" in t for t in texts), texts
    assert any("rash on their arms for ten days" in t for t in texts), texts
    assert any("with their partner in a flat" in t for t in texts), texts


def test_confirming_who_they_are_is_not_in_the_note_but_an_age_said_as_a_fact_is() -> None:
    sentences = _drafted([
        ("Worker", "Hello, is it Mrs Hughes?"),
        ("Person", "Yes, that's me, love."),
        ("Worker", "Do you manage your own money?"),
        ("Person", "I'm ninety-one, I'm not daft. I go to the bank every Friday."),
    ], person="Mrs Hughes")
    texts = [text for _, text, _ in sentences]
    assert not any("Mrs Hughes" in t or "that's" in t.lower() for t in texts), texts
    assert any("ninety-one" in t for t in texts), texts


def test_small_talk_is_in_no_section() -> None:
    """Offers of a drink, compliments on the cake, the weather: no one's care, and "lovely"
    is a cue of a review's "Outcomes and what is working"."""
    sentences = _drafted([
        ("Worker", "Hello Mrs Patel, thanks for having me."),
        ("Person", "Come in. Would you like a cup of coffee? The kettle's just boiled."),
        ("Worker", "I'd love one, thank you."),
        ("Person", "Milk, no sugar? These scones are lovely."),
        ("Person", "Awful weather we've been having, isn't it. It's pouring out there."),
        ("Worker", "How are the morning calls going?"),
        ("Person", "They're good, the carers are lovely, but they come late most days."),
        ("Worker", "And what do you drink in the day?"),
        ("Person", "Tea. Six or seven cups of tea a day, and a glass of milk at night."),
    ], template="review", person="Mrs Patel")
    texts = [text.lower() for _, text, _ in sentences]
    for chat in ("kettle", "scones", "weather", "pouring", "sugar"):
        assert not any(chat in t for t in texts), (chat, texts)
    assert any("come late most days" in t for t in texts), texts
    assert any("six or seven cups of tea a day" in t for t in texts), texts  # nutrition


def test_an_answer_that_raises_a_risk_with_its_question_is_never_cut() -> None:
    """"Do you feel lonely?" "Most days." raises the risk only with its question; a fact
    that raises a risk is never left out for the note's length (summarise/placing.py)."""
    from summarise.drafter import _facts
    from summarise.templates import load_template
    from transcription.transcript import Transcript

    transcript = Transcript.from_dict({"segments": [
        {"start": 0, "end": 1, "text": "Do you feel lonely?", "speaker": "Worker"},
        {"start": 1, "end": 2, "text": "Most days, yes.", "speaker": "Person"}]})
    _, _, facts = _facts(transcript, load_template("home-visit"), "Mrs Patel",
                         {"Worker": "practitioner", "Person": "person"})
    assert [f.risky for f in facts] == [True], facts


@pytest.mark.parametrize(("question", "note"), [
    ("Do you ever feel dizzy?", "Feels dizzy."),
    ("Do you usually eat lunch?", "Usually eats lunch."),
])
def test_a_yes_to_do_you_ever_is_no_verb_ever(question: str, note: str) -> None:
    """"Do you ever feel dizzy?" "Yes." had read "Evers feel dizzy"."""
    from summarise.qa import answered

    result = answered(question, "Yes.", MRS_PATEL)
    assert result is not None and result.text == note
