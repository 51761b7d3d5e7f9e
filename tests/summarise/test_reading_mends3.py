"""Mends from reading built-on drafts again (sc-dev-08) and from a fresh reader's marks on
conversations nobody had read, each tested on made-up sentences of the same shape."""

from __future__ import annotations

from typing import Any

import pytest

from tests.summarise.test_reading_mends import _drafted
from tests.summarise.test_reading_mends2 import ROLES


def _draft(segments: list[tuple[str, str]], template: str = "home-visit", *,
           person: str = "Pat", speakers: dict[str, str] | None = None) -> Any:
    """The whole extractive draft (sections, actions, flags) of these (speaker, text)."""
    from summarise.drafter import DraftCompleted, draft
    from summarise.templates import load_template
    from transcription.transcript import Transcript

    transcript = Transcript.from_dict({"segments": [
        {"start": n, "end": n + 1, "text": text, "speaker": who}
        for n, (who, text) in enumerate(segments)]})
    return [e for e in draft(transcript, load_template(template), person_name=person,
                             speakers=speakers or ROLES) if isinstance(e, DraftCompleted)][0].draft


def _actions(segments: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(a.owner, a.text) for a in _draft(segments).actions]


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
    assert texts[0].startswith("Advised: if Pat has a seizure and it goes on more than five "
                               "minutes"), texts
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


@pytest.mark.parametrize(("spoken", "kept", "never"), [
    ("I doe know what it was.", "doesn't know what it was", "does know"),
    ("I doe eat much.", "doesn't eat much", "does eat"),
    ("I cannae manage the stairs now.", "can't manage the stairs", "cannae"),
    ("I dinnae go up any more.", "doesn't go up", "dinnae"),
])
def test_a_dialect_negative_stays_a_negative(spoken: str, kept: str, never: str) -> None:
    """The Black Country's "I doe know" (don't) was written "does know": the negation lost."""
    texts = [t for _, t, _ in _drafted([
        ("Worker", "How are you managing, Pat?"),
        ("Pat", spoken),
    ], person="Pat", roles=ROLES)]
    joined = " ".join(texts)
    assert kept in joined and never not in joined, texts


def test_a_dialect_negative_is_a_negation_to_the_checks() -> None:
    from summarise.text import has_negation

    assert has_negation("I doe like them") and has_negation("I dinnae know")
    assert has_negation("she cannae") and not has_negation("a doe and her fawn")


def test_me_for_my_is_their() -> None:
    """"I ring her on me break" was "Rings her on them break"; "Tell me about it" keeps
    its object."""
    texts = [t for _, t, _ in _drafted([
        ("Worker", "Tell me about your week."),
        ("Pat", "Me daughter comes on Sundays. I ring her on me break. I put me finger on it. "
                "She gave me a lift."),
    ], person="Pat", roles=ROLES)]
    joined = " ".join(texts)
    assert "Pat's daughter" in joined and "on their break" in joined, texts
    assert "their finger" in joined and "gave Pat a lift" in joined, texts  # never "them"
    assert "them break" not in joined, texts


def test_a_name_called_after_a_sentence_is_not_its_you() -> None:
    """"…put a pillow under your calves. Jean, can you help him with that?": the calves are
    the person's, not Jean's; a nurse's "you" to no one named is the person."""
    texts = [t for _, t, _ in _drafted([
        ("Worker", "How are you, Pat?"),
        ("Pat", "Not bad."),
        ("Alex", "I'm alright."),
        ("Nurse", "What I want you to do is put a pillow under your calves so your heels are "
                  "floating. Alex, can you help him with that?"),
    ], person="Pat", roles={**ROLES, "Nurse": "professional"})]
    joined = " ".join(texts)
    assert "Pat's calves" in joined and "Alex's calves" not in joined, texts


def test_asking_or_looking_there_and_then_is_no_action() -> None:
    actions = _actions([
        ("Worker", "Okay. I need to ask about Kai as well. What does Kai do to help?"),
        ("Pat", "He makes tea."),
        ("Worker", "Let me just have a look at the dressing. I need to ask the GP about your "
                   "tablets."),
    ])
    texts = [t for _, t in actions]
    assert not any("Kai" in t or "look" in t for t in texts), texts
    assert any("Ask the GP about Pat's tablets" in t for t in texts), texts


def test_what_well_do_is_someone_goes_is_their_action() -> None:
    """"What we'll do is Alex goes with you three more times" was "Do is Alex goes with…"."""
    actions = _actions([
        ("Worker", "How is the bus, Pat?"),
        ("Pat", "Good."),
        ("Alex", "He's doing well."),
        ("Worker", "What we'll do is Alex goes with you three more times. What we'll do is "
                   "Alex takes you to the bank."),
    ])
    assert ("Alex", "Alex to go with Pat three more times.") in actions, actions
    assert ("Alex", "Alex to take Pat to the bank.") in actions, actions


def test_a_denied_threat_raises_nothing_and_keeps_its_object() -> None:
    """"Has anyone threatened you?" "No." is "No one has threatened Pat.", which is no risk;
    "Has he ever stopped you going out?" keeps "Pat", never "stopped she"."""
    from summarise.risks import find_risks

    assert find_risks([(0, "No one has threatened Pat.")]) == []
    assert find_risks([(0, "Nobody has threatened her.")]) == []
    assert find_risks([(0, "He threatened her.")])
    texts = [t for _, t, _ in _drafted([
        ("Worker", "Has he ever stopped you going out, or seeing people?"),
        ("Pat", "No. Val comes in every day."),
    ], "safeguarding-concern", person="Pat", roles=ROLES)]
    assert any("stopped Pat going out" in t for t in texts), texts


def test_guards_on_me_and_you() -> None:
    """What must not change with those: "for me sometimes" is no "my"; "you mentioned you
    live with…" keeps its subject; "how tired you are" agrees."""
    texts = [t for _, t, _ in _drafted([
        ("Worker", "Who does your hair?"),
        ("Pat", "I do it over the sink. Alex does it for me sometimes."),
        ("Worker", "You mentioned you live with your wife, is that right?"),
        ("Pat", "Yes."),
        ("Worker", "Have you told your GP how tired you are?"),
        ("Pat", "No."),
    ], person="Pat", roles=ROLES)]
    joined = " ".join(texts)
    assert "for Pat sometimes" in joined and "my sometimes" not in joined, texts
    assert "them live" not in joined, texts
    assert "how tired Pat is" in joined or "how tired they are" in joined, texts


def test_like_between_words_leaves_no_comma() -> None:
    from summarise.text import clean_speech

    assert clean_speech("I got behind her and, like, lifted under her arms.") == \
        "I got behind her and lifted under her arms."
    assert clean_speech("I was tired, like, I could not move.") == \
        "I was tired, I could not move."


def test_consent_to_someone_elses_examination_is_kept() -> None:
    """Leave for the practitioner is a courtesy; consent to the doctor's looking is a fact."""
    texts = [t for _, t, _ in _drafted([
        ("Worker", "Would it be okay for the doctor to come and look at your arms?"),
        ("Pat", "If you want, love."),
    ], "safeguarding-concern", person="Pat", roles=ROLES)]
    assert any("doctor" in t for t in texts), texts


@pytest.mark.parametrize(("question", "answer", "note"), [
    # "either" with a plain no is neither: the answer keeps its question
    ("Did you ring an ambulance either time?", "No. I didn't wanna, like, waste their time.",
     "Did not ring an ambulance either time; she didn't wanna waste their time."),
    # "you'd" is "she would", never "Pat'd"; "not ever" is "never"; the no said again goes
    ("Have you ever had thoughts of hurting yourself, or that you'd be better off not here?",
     "No. No, nothing like that. I just get fed up.",
     "Has never had thoughts of hurting herself, or that she would be better off not here; "
     "she gets fed up."),
    # the verb after "when" agrees, and "been like that" keeps its "like"
    ("And do you get any burning or any pain when you pass water?",
     "No. It's just me prostate. It's always been like that.",
     "No burning or pain when she passes water; it's just her prostate. It's always been like "
     "that."),
])
def test_answers_read_as_note_sentences(question: str, answer: str, note: str) -> None:
    from summarise.qa import answered
    from summarise.speakers import Voice

    result = answered(question, answer, Voice("Pat", "she", "her", "her", "herself", False))
    assert result is not None and result.text == note


def test_a_nurses_instruction_is_the_persons_action_and_names_are_tidy() -> None:
    """From re-reading ho-01 (built on): the nurse's "What I want you to do is…" is the
    person's to do; "Kemi (district nurse) to order…" acts as "Kemi"; "I'll ring you
    Wednesday, Pat." loses the name called; "let me just say back what we've talked about"
    is the visit summed up, no action."""
    actions = _actions([
        ("Worker", "How are you, Pat?"),
        ("Pat", "Fine."),
        ("Kemi (district nurse)", "Okay. What I want you to do is put a pillow under your "
                                  "calves so your heels are floating. I'll order you some heel "
                                  "protectors."),
        ("Worker", "Let me just say back what we've talked about and you tell me if I've got "
                   "it wrong. I'll ring you Wednesday, Pat."),
    ])
    texts = [t for _, t in actions]
    assert "Pat to put a pillow under Pat's calves so Pat's heels are floating." in texts, texts
    assert any(t.startswith("Kemi to order Pat some heel protectors") for t in texts), texts
    assert "Ring Pat Wednesday." in texts, texts
    assert not any("say back" in t or "got it wrong" in t for t in texts), texts


def test_anything_else_is_no_topic() -> None:
    texts = [t for _, t, _ in _drafted([
        ("Worker", "Anything else?"),
        ("Pat", "The racing's on at two."),
    ], person="Pat", roles=ROLES)]
    assert texts and not any(t.startswith("Else") for t in texts), texts


def test_names_called_and_answers_said_back() -> None:
    """From re-reading ho-02 (built on): the name called mid-action goes ("Refer Pat to the
    carers' centre, Pat."); "about any of that" is no choice of parts, so a plain no states
    it; "Promise?" "Promise." says nothing."""
    actions = [t for _, t in _actions([
        ("Worker", "How are things, Pat?"),
        ("Pat", "Fine."),
        ("Worker", "I'll refer you to the carers' centre, Pat. They're brilliant. I'll ask for "
                   "an assessment of your needs, Pat, including a morning call."),
    ])]
    assert "Refer Pat to the carers' centre." in actions, actions
    assert "Ask for an assessment of Pat's needs, including a morning call." in actions, actions
    texts = [t for _, t, _ in _drafted([
        ("Worker", "Have you been to your GP about any of that?"),
        ("Pat", "No."),
        ("Worker", "Promise?"),
        ("Pat", "Promise."),
    ], person="Pat", roles=ROLES)]
    assert "Has not been to Pat's GP about any of that." in texts, texts
    assert not any("romise" in t for t in texts), texts


def test_youd_and_id_need_are_would() -> None:
    """"you'd need" / "I'd need" is "would need", never "had need" ("need" ends in "ed")."""
    from summarise.asked import third
    from summarise.speakers import Voice

    voice = Voice("Pat", "she", "her", "her", "herself", False)
    assert third("that you'd need help", voice) == "that she would need help"
    assert third("you'd been there", voice) == "she had been there"
    texts = [t for _, t, _ in _drafted([
        ("Worker", "What would help?"),
        ("Pat", "I'd need someone in the mornings."),
    ], person="Pat", roles=ROLES)]
    assert any("ould need someone in the mornings" in t for t in texts), texts


def test_a_question_after_a_name_with_its_examples_and_a_pause_first() -> None:
    """From re-reading ho-04 (built on): "Doreen, has Ryan ever hurt you? Pushed you, grabbed
    you, hit you?" "No." was "Ryan has never hurt her? Pushed her, grabbed her, hit her.",
    which read as a statement and raised a physical-abuse flag on "hit her"; "... I feel
    safe." began "; she feels safe"."""
    done = _draft([
        ("Worker", "Doreen, has Ryan ever hurt you? Pushed you, grabbed you, hit you?"),
        ("Pat", "No. No. He'd never."),
        ("Worker", "And do you feel safe?"),
        ("Pat", "... I feel safe. I do."),
    ], "safeguarding-concern")
    texts = [s.text for section in done.sections for s in section.sentences]
    # a plain no denies the examples too, each said as a denial, and as the person's account
    # (stop 26: a denial of harm is what she says, not an established fact)
    assert "Says Ryan has never hurt Pat, pushed Pat, grabbed Pat, or hit Pat." in texts, texts
    assert not any(t.startswith(";") or "?" in t for t in texts), texts
    assert not [f for f in done.flags if f.category == "physical abuse"], done.flags


def test_ar_is_yes_and_naw_is_no() -> None:
    """From re-reading ho-03 and -04 (built on): the Black Country's "Ar." was kept as words
    ("Asked whether he knows her PIN number: ar; …") and Scotland's "Naw." as "Seizures:
    naw."; "are" is never a yes."""
    from summarise.qa import answered
    from summarise.speakers import Voice

    voice = Voice("Pat", "she", "her", "her", "herself", False)
    known = answered("Does he know your PIN number?", "Ar. I give it him.", voice)
    assert known is not None and known.text == "He knows her PIN number; she gives it him."
    none = answered("Any seizures?", "Naw.", voice)
    assert none is not None and none.text == "No seizures."
    asked_back = answered("Are you warm enough?", "Are you joking?", voice)
    assert asked_back is None or not asked_back.text.startswith("Is warm")
