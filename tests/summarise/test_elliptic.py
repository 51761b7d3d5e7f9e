"""Check-in questions asked without their verb, and their terse answers (made-up dialogue)."""

from __future__ import annotations

import pytest

from summarise.qa import answered
from summarise.speakers import Voice

MR_HALE = Voice("Mr Hale", "he", "him", "his", "himself", False)


@pytest.mark.parametrize(("question", "answer", "statement"), [
    ("Still wheezing? Tight in the chest?", "No. Just a bit first thing.",
     "No longer wheezing or tight in the chest; just a bit first thing."),
    ("Feeling sick? Shivery?", "No.", "Not feeling sick or shivery."),
    ("Unsteady at all?", "No.", "Not unsteady."),
    ("Headaches?", "No.", "No headaches."),
    ("Appetite?", "Not a lot.", "Appetite: not a lot."),  # an amount, not a denial
    ("Sleeping?", "On and off.", "Sleeping: on and off."),
    ("Eating alright?", "Yes.", "Eating alright."),
    ("Bowels, waterworks - any trouble?", "No.", "No trouble with bowels or waterworks."),
    ("Pendant working alright for you?", "Yes, no bother.",
     "Pendant working alright for him: no bother."),
    ("Did anyone call to say they'd be late?", "No.", "No one called to say they'd be late."),
    ("Has anyone been round?", "No.", "No one has been round."),
    ("The water infection - did you finish the tablets?", "Friday.",
     "Finished the tablets: Friday."),
    # not safe to state: whose doing, or no verb known
    ("And the lunchtime call?", "Make us a sandwich.", None),
    ("Did anyone online message you?", "No.", None),
    ("Gone ten?", "Yes.", None),
])
def test_a_verbless_question_and_its_answer(question: str, answer: str,
                                            statement: str | None) -> None:
    result = answered(question, answer, MR_HALE, frozenset({"hale"}))
    assert (result.text if result else None) == statement


def test_a_list_before_its_question_is_not_a_name_called() -> None:
    result = answered("Bowels, waterworks - any trouble?", "No.", MR_HALE)
    assert result is not None and "bowels" in result.text
    # a name called still goes: "Mary, do you smoke?" is asked of Mary
    named = answered("Mary, do you smoke?", "No.", MR_HALE)
    assert named is not None and named.text == "Does not smoke."


# What a reader's hand check of 50 held-out lines found, each mended (made-up wording)
@pytest.mark.parametrize(("question", "answer", "statement"), [
    ("Twice a day?", "Uh, three or four times.", None),  # the practitioner's guess is no fact
    ("Have you had anything like this before?", "Dizzy spells, you mean?", None),
    ("Anything you've eaten, for example nuts or shellfish?", "I had a curry Friday.", None),
    ("Would you be able to ring him?", "He's back Monday.", None),
    ("Do you think it's the new tablets?", "Well, it started about then.", None),
    ("Do you think it's the new tablets?", "I definitely think so.",
     "Thinks it's the new tablets; he definitely thinks so."),
    ("Any swelling in your ankles?", "No, not that I've noticed.",
     "No swelling in his ankles noticed."),
])
def test_answers_a_note_cannot_state_as_asked(question: str, answer: str,
                                              statement: str | None) -> None:
    result = answered(question, answer, MR_HALE, frozenset({"hale"}))
    assert (result.text if result else None) == statement


@pytest.mark.parametrize(("spoken", "clean"), [
    ("So I work at a, I work at an office.", "I work at an office."),
    ("We might, we might go on Sunday.", "We might go on Sunday."),
    ("I take like paracetamol for it.", "I take paracetamol for it."),
    ("Ohh, yeah, so I live with my sister.", "I live with my sister."),
    ("It's like a burning feeling.", "It's like a burning feeling."),  # "like" that means like
])
def test_false_starts_and_fillers_go(spoken: str, clean: str) -> None:
    from summarise.text import clean_speech
    assert clean_speech(spoken) == clean


def test_an_action_full_of_fillers_is_no_action_but_the_real_one_is() -> None:
    from summarise.actions import find_actions
    from summarise.evidence import EvidenceUnit
    from summarise.roster import Roster, Speaker
    units = [EvidenceUnit(0, "So if I'll give yeah no it's a well so yeah good question, so I "
                             "will organise for you to drop off a sample at the surgery.",
                          "practitioner", "doctor")]
    actions = find_actions(units, Roster([Speaker("patient", "person", "the patient")]))
    assert [a.text for a in actions] == [
        "Organise for the patient to drop off a sample at the surgery."]


def test_a_request_taken_on_in_the_next_sentence_is_their_action() -> None:
    from summarise.actions import find_actions
    from summarise.evidence import EvidenceUnit
    from summarise.roster import Roster, Speaker
    units = [EvidenceUnit(0, "Would you be able to ask your sister?", "practitioner", "Worker"),
             EvidenceUnit(1, "She's round on Sunday.", "person", "Gail"),
             EvidenceUnit(1, "I'll ask her then.", "person", "Gail")]
    actions = find_actions(units, Roster([Speaker("Gail", "person", "Gail")]))
    assert [(a.owner, a.text) for a in actions] == [("Gail", "Gail to ask Gail's sister.")]


# The second reader's round (50 new held-out lines), each mended (made-up wording)
@pytest.mark.parametrize(("question", "answer", "statement"), [
    ("When did you last have a night out? A proper one?", "Oh. Two years? Before the move.",
     "Last had a night out: two years? Before the move."),  # the doubt kept
    ("When did you first notice it?", "Last Tuesday.", "First noticed it: last Tuesday."),
    ("Sorry, any dizziness?", "No.", "No dizziness."),
])
def test_second_round_question_forms(question: str, answer: str, statement: str) -> None:
    result = answered(question, answer, MR_HALE, frozenset({"hale"}))
    assert result is not None and result.text == statement


def test_an_agenda_or_an_assumption_is_no_action() -> None:
    from summarise.actions import find_actions
    from summarise.evidence import EvidenceUnit
    from summarise.roster import Roster, Speaker
    roster = Roster([Speaker("Person", "person", "Mr Hale")])
    said = ["We'll look at what support you've got and how things are going.",
            "I'll take it you don't take any regular medication, then."]
    units = [EvidenceUnit(n, text, "practitioner", "Worker") for n, text in enumerate(said)]
    assert find_actions(units, roster) == []


def test_a_question_to_someone_by_name_is_not_a_statement() -> None:
    from summarise.facts import is_uptalk
    assert not is_uptalk("Ellie - in the garden?")
    assert is_uptalk("Three days now?")


def test_the_same_words_twice_are_written_once() -> None:
    from summarise.facts import Fact, joined
    first = Fact("It goes straight through.", "finding", "person", (3,), True, (), "")
    second = Fact("It goes straight through.", "finding", "person", (4,), True, (), "")
    both = joined(first, second)
    assert both.text == "It goes straight through." and both.citations == (3, 4)


@pytest.mark.parametrize(("spoken", "clean"), [
    ("In my lower back, so,..yeah, just to one side.", "In my lower back, so, just to one side."),
    ("It's it's really sore, and it's like super annoying.",
     "It's really sore, and it's super annoying."),
    ("i feel a bit weak -- it just makes me tired.", "I feel a bit weak — it just makes me tired."),
    ("I didn't, I guess, notice.", "I didn't, notice."),
    ("I felt a bit hot. Y'know.", "I felt a bit hot."),
    ("I like really strong tea.", "I like really strong tea."),  # "like" the verb stays
])
def test_speech_marks_inside_a_sentence_go(spoken: str, clean: str) -> None:
    from summarise.text import clean_speech
    assert clean_speech(spoken) == clean


def test_who_said_it_is_named_in_full_once() -> None:
    from summarise.attribution import shortened
    seen: set[str] = set()
    assert shortened(["Darren's sister Claire said she will come on Friday.",
                      "Claire said nothing.", "Darren's sister Claire said it's five hours.",
                      "Tablets: Kelly (senior carer) said none missed.",
                      "Kelly (senior carer) said the notes say so.",
                      "The neighbour said he's in.", "The neighbour said so."], seen) == [
        "Darren's sister Claire said she will come on Friday.", "Claire said nothing.",
        "Claire said it's five hours.", "Tablets: Kelly (senior carer) said none missed.",
        "Kelly said the notes say so.", "The neighbour said he's in.", "The neighbour said so."]


def test_a_name_called_at_the_end_is_not_in_the_note() -> None:
    from tests.summarise.test_facts import _draft
    result = _draft([("Worker", "How are things with the money?"),
                     ("Claire", "That's not a legal requirement, Darren."),
                     ("Darren", "I know.")], template="review",
                    roles={"Worker": "practitioner", "Claire": "family", "Darren": "person"})
    text = " ".join(s.text for section in result.sections for s in section.sentences)
    assert "not a legal requirement" in text and ", Darren." not in text


@pytest.mark.parametrize(("question", "answer", "statement"), [
    # a plain no to "A, or B?" denies both; the condition the question set is kept
    ("When you feel low, do you ever have thoughts of harming yourself, or ending it?", "No.",
     "Never has thoughts of harming himself, or ending it, when he feels low."),
    ("Do you ever go out?", "No.", "Never goes out."),
    ("Do you smoke or drink?", "No.", "Does not smoke or drink."),
    ("Do you smoke or drink?", "Yes.", None),  # which?
    ("You're eating well, and sleeping OK?", "No.", None),  # which part?
])
def test_a_plain_no_to_a_question_of_parts(question: str, answer: str,
                                           statement: str | None) -> None:
    result = answered(question, answer, MR_HALE, frozenset({"hale"}))
    assert (result.text if result else None) == statement


def test_is_anyone_no_reads_no_one() -> None:
    result = answered("Is anyone at home ever unkind to you, or hurting you?", "No.", MR_HALE)
    assert result is not None and result.text == \
        "No one at home is ever unkind to him, or hurting him."
    assert answered("Is anyone helping you with the shopping?", "My son.", MR_HALE) is None


def test_a_number_is_never_conjugated() -> None:
    from tests.summarise.test_facts import _draft
    result = _draft([("doctor", "Can you confirm your age?"),
                     ("patient", "Yes. And I'm twenty six year old.")],
                    template="health-check", roles={"doctor": "practitioner", "patient": "person"})
    text = " ".join(s.text for section in result.sections for s in section.sentences)
    assert "wenties" not in text and "twenty six" in text.lower()
