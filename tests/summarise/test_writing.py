from __future__ import annotations

import pytest

from summarise.actions import find_actions
from summarise.extractive import report
from summarise.risks import find_risks
from summarise.speakers import guess_role, voice_for

MRS_PATEL = voice_for("person", "Mrs Patel", "Person")
UNNAMED = voice_for("person", None, None)


@pytest.mark.parametrize(("spoken", "voice", "note"), [
    ("I can't get into the bath.", MRS_PATEL, "Mrs Patel said she can't get into the bath."),
    ("Um, my daughter Priya brings a cooked meal on Sundays.", MRS_PATEL,
     "Mrs Patel said her daughter Priya brings a cooked meal on Sundays."),
    ("I sometimes forget the evening ones.", MRS_PATEL,
     "Mrs Patel said she sometimes forgets the evening ones."),
    ("I haven't been out since March.", MRS_PATEL,
     "Mrs Patel said she hasn't been out since March."),
    ("I wash at the sink because I can't get into the bath.", UNNAMED,
     "The person said they wash at the sink because they can't get into the bath."),
    # Openers that only set the tone go; answers and verbs that look like openers stay.
    ("Honestly, I'm at the end of my tether.", MRS_PATEL,
     "Mrs Patel said she is at the end of her tether."),
    ("Well, to be honest, I fell twice.", MRS_PATEL, "Mrs Patel said she fell twice."),
    ("Our son comes on a Saturday so I can do the shopping.", MRS_PATEL,
     "Mrs Patel said their son comes on a Saturday so she can do the shopping."),
    ("Not really, I can't manage the bus now.", MRS_PATEL,
     "Mrs Patel said not really, she can't manage the bus now."),
    # hedges go; "just" meaning "only" stays
    ("I make a sandwich or something in the microwave, that's it.", MRS_PATEL,
     "Mrs Patel said she makes a sandwich in the microwave."),
    ("I just have a strip wash at the sink.", MRS_PATEL,
     "Mrs Patel said she has a strip wash at the sink."),
    ("Just a bruise on my arm.", MRS_PATEL, "Mrs Patel said just a bruise on her arm."),
    # once someone else is "he"/"she", the speaker is named, so who did what stays clear
    ("He takes my bank card and pushed me.", voice_for("person", "Mr Evans", None),
     "Mr Evans said he takes Mr Evans's bank card and pushed Mr Evans."),
    ("My daughter rings me and she helps me.", MRS_PATEL,
     "Mrs Patel said her daughter rings her and she helps Mrs Patel."),
    ("He's family, but I'm frightened of him.", voice_for("person", "Mr Evans", None),
     "Mr Evans said he's family, but he is frightened of him."),
])
def test_reported_speech(spoken: str, voice, note: str) -> None:  # type: ignore[no-untyped-def]
    assert report(spoken, voice) == note


def test_only_the_practitioners_commitments_become_actions() -> None:
    units = [
        (3, "I'll ask my daughter to sort the tablets.", "person"),
        (4, "Shall I refer you to the falls team?", "practitioner"),
        (5, "I'll refer you to the occupational therapist, and I'll phone you on Friday.",
         "practitioner"),
    ]
    actions = find_actions(units, "Mrs Patel")
    assert [a.text for a in actions] == [
        "Refer Mrs Patel to the occupational therapist.", "Phone Mrs Patel on Friday."]
    assert actions[1].due == "on Friday"
    assert all(a.citations == (5,) and a.owner == "practitioner" for a in actions)


def test_an_action_names_the_person_it_is_about() -> None:
    actions = find_actions([(7, "I'd suggest you talk to your GP about how you're feeling.",
                             "practitioner")], "Mr Okafor")
    assert [a.text for a in actions] == [
        "Suggest Mr Okafor talk to Mr Okafor's GP about how Mr Okafor is feeling."]


def test_commitment_guess_for_unlabelled_speech() -> None:
    assert guess_role("I'll phone you next Monday.") == "practitioner"
    assert guess_role("How are you managing?") == "practitioner"
    assert guess_role("I fell in the bathroom.") == "person"


def test_risk_cues_cite_their_evidence() -> None:
    flags = find_risks([(0, "I usually fall asleep in the chair."),
                        (1, "I had a fall in the bathroom."),
                        (2, "He shouts at me and took my pension card."),
                        (3, "Sometimes I think I'd be better off dead.")])
    by_category = {f.category: f for f in flags}
    assert by_category["falls"].citations == (1,)          # "fall asleep" is not a fall
    assert by_category["emotional abuse"].citations == (2,)
    assert by_category["financial abuse"].citations == (2,)
    assert by_category["suicide"].citations == (3,)
    assert all(f.kind == "risk" for f in flags)


@pytest.mark.parametrize("said", [
    "I forget if I take them.",             # as our ASR heard sc-dev-01 ("take an M")
    "Sometimes I forget whether I've taken my tablets.",
    "She forgets if she had her medication.",
    "I forgot the evening ones.",
])
def test_forgetting_medication_is_flagged_however_it_is_said(said: str) -> None:
    assert "missed medication" in {f.category for f in find_risks([(0, said)])}


@pytest.mark.parametrize(("said", "flagged"), [
    ("I've lost a bit of weight.", True),
    ("I lost a bit on weight.", True),                # as our ASR heard sc-dev-01
    ("I'm losing so much weight.", True),
    ("She lost her weight watchers card.", False),
])
def test_weight_loss_is_flagged_however_it_is_said(said: str, flagged: bool) -> None:
    assert ("weight loss" in {f.category for f in find_risks([(0, said)])}) == flagged


def test_forgetting_something_else_is_not_a_medication_risk() -> None:
    assert not find_risks([(0, "I forget if I take the bus or the train on Mondays.")])


@pytest.mark.parametrize(("sentence", "role"), [
    ("So your daughter rang us last week because she's been worried about you.",
     "practitioner"),
    ("Last time we spoke you said money had been tight.", "practitioner"),
    ("I need to raise a safeguarding concern with my manager today.", "practitioner"),
    ("That sounds frightening.", "practitioner"),
    ("It's kept encrypted on my laptop.", "practitioner"),
    ("There's a memory cafe with singing at the library on Tuesdays.", "practitioner"),
    ("So what I'm going to do is ask occupational therapy to come.", "practitioner"),
    ("I'll ask my daughter to sort the tablets.", "person"),
    ("There's never much shopping and the money's gone.", "person"),
    ("My pension goes in on a Thursday.", "person"),
])
def test_unlabelled_speech_is_attributed_to_the_right_side(sentence: str, role: str) -> None:
    assert guess_role(sentence) == role


@pytest.mark.parametrize(("spoken", "kept"), [
    ("Look after the cat for me.", "Look after the cat for me."),   # a verb, not "Look, ..."
    ("Right now I am fine.", "Right now I am fine."),
    ("Okay.", "Okay."),                                             # nothing else to keep
])
def test_openers_need_their_comma_or_stand_alone(spoken: str, kept: str) -> None:
    from summarise.text import clean_speech

    assert clean_speech(spoken) == kept



@pytest.mark.parametrize("label", ["Doctor", "GP", "clinician", "Occupational therapist"])
def test_health_professionals_are_practitioners_not_the_person(label: str) -> None:
    from summarise.speakers import role_of

    assert role_of(label) == "practitioner"


def test_short_statements_that_raise_a_risk_reach_the_note() -> None:
    """Three content words is the bar for a statement; a disclosure is kept below it."""
    from summarise.drafter import DraftCompleted, draft
    from summarise.templates import load_template
    from transcription.transcript import Transcript

    transcript = Transcript.from_dict({"segments": [
        {"start": 0, "end": 2, "text": "How are you getting on?", "speaker": "practitioner"},
        {"start": 2, "end": 4, "text": "I do get lonely.", "speaker": "person"},
        {"start": 4, "end": 6, "text": "Right.", "speaker": "person"},
        {"start": 6, "end": 8, "text": "Is there anything else?", "speaker": "practitioner"},
        {"start": 8, "end": 9, "text": "Aye, that's alright.", "speaker": "person"}]})
    done = [e for e in draft(transcript, load_template("home-visit"), person_name="Mrs Patel")
            if isinstance(e, DraftCompleted)][0]
    texts = [s.text for section in done.draft.sections for s in section.sentences]
    assert texts == ["Mrs Patel said she does get lonely."]


MR_EVANS = voice_for("person", "Mr Evans", "Person")


@pytest.mark.parametrize(("question", "reported"), [
    ("Does Darren give you the card back?", "whether Darren gives him the card back"),
    ("How much money do you think has gone?", "how much money he thinks has gone"),
    ("Were you hurt?", "whether he was hurt"),
    ("And how are you getting on with washing?", "how he is getting on with washing"),
    ("So you're not getting much sleep.", "about not getting much sleep"),
    ("What about getting dressed?", "about getting dressed"),
    ("How about your medication, how do you manage that?", "about his medication"),
    # no simple reported form: the answer is written without its question
    ("Did you go to hospital?", None),
    ("Can you tell me how things have been?", None),
    ("Are you eating enough, do you think?", None),
])
def test_questions_in_the_notes_words(question: str, reported: str | None) -> None:
    from summarise.extractive import indirect_question
    assert indirect_question(question, MR_EVANS) == reported


def _drafted(segments: list[tuple[str, str]], template: str = "home-visit",
             person: str | None = "Mr Evans") -> list[tuple[str, tuple[int, ...], bool]]:
    from summarise.drafter import DraftCompleted, draft
    from summarise.templates import load_template
    from transcription.transcript import Transcript

    transcript = Transcript.from_dict({"segments": [
        {"start": n, "end": n + 1, "text": text, "speaker": who}
        for n, (who, text) in enumerate(segments)]})
    done = [e for e in draft(transcript, load_template(template), person_name=person)
            if isinstance(e, DraftCompleted)][0]
    return [(s.text, s.citations, s.supported)
            for section in done.draft.sections for s in section.sentences]


def test_a_short_answer_carries_its_question_and_cites_it() -> None:
    """"No, he keeps it." alone says nothing a reader can use."""
    sentences = _drafted([
        ("practitioner", "Does Darren give you the card back?"),
        ("person", "No, he keeps it. He says I'd lose it."),
        ("practitioner", "How do you feel about that?"),
        ("person", "I worry about the money for my food every week."),
    ])
    assert ("Asked whether Darren gives him the card back, Mr Evans said no, he keeps it — "
            "he says he would lose it.", (0, 1), True) in sentences
    # a full statement is written without the question
    assert ("Mr Evans said he worries about the money for his food every week.", (3,), True) \
        in sentences


def test_in_a_carers_assessment_the_carer_is_the_person() -> None:
    sentences = _drafted([
        ("Worker", "Tell me about the care you give Grace."),
        ("Carer", "I help her wash and dress and I do all the meals every day."),
    ], template="carers-assessment", person="Mr Okafor")
    assert sentences[0][0] == "Mr Okafor said he helps her wash and dress and he does all " \
        "the meals every day."
    # elsewhere a carer stays a carer: a daughter's words are never put in the person's mouth
    sentences = _drafted([
        ("Worker", "Tell me about the care you give your mum."),
        ("Carer", "I help her wash and dress and I do all the meals every day."),
    ], template="home-visit", person="Mrs Patel")
    assert sentences[0][0].startswith("The carer said they help her wash")


def test_a_negative_answer_verifies_against_its_own_words() -> None:
    """The question's words must not hide the answer's "not"."""
    sentences = _drafted([("doctor", "And do you drink much in the way of alcohol?"),
                          ("patient", "Uh, no, I I don't drink alcohol, no.")], person=None)
    assert sentences == [("Asked whether they drink much in the way of alcohol, the person said "
                          "no, they don't drink alcohol, no.", (0, 1), True)]


def test_a_bare_no_without_a_reportable_question_is_not_a_note_sentence() -> None:
    sentences = _drafted([
        ("doctor", "Does the pain move towards the back, or towards your flank, the sides?"),
        ("patient", "No, not really, no.")], person=None)
    assert sentences == []


def test_an_action_cut_off_mid_sentence_is_flagged() -> None:
    """As our ASR heard sc-dev-01: "I'll ask the pharmacy about / and I'll find out..."."""
    from summarise.drafter import DraftCompleted, draft
    from summarise.templates import load_template
    from transcription.transcript import Transcript

    transcript = Transcript.from_dict({"segments": [
        {"start": 0, "end": 2, "text": "I'll ask the pharmacy about", "speaker": None},
        {"start": 2, "end": 4, "text": "and I'll phone you on Friday.", "speaker": None}]})
    done = [e for e in draft(transcript, load_template("home-visit"), person_name="Mrs Patel")
            if isinstance(e, DraftCompleted)][0].draft
    assert [a.text for a in done.actions] == ["Ask the pharmacy about.",
                                              "Phone Mrs Patel on Friday."]
    incomplete = [f for f in done.flags if f.category == "incomplete action"]
    assert len(incomplete) == 1 and incomplete[0].kind == "unsupported"
    assert "Ask the pharmacy about." in incomplete[0].message
    assert incomplete[0].citations == done.actions[0].citations


def test_a_relative_named_as_the_speaker_is_not_an_unsupported_person() -> None:
    """'The daughter said…' names the speaker, not someone the evidence must mention."""
    sentences = _drafted([("Daughter", "I do her shopping on Saturdays and I visit every "
                                       "evening after work.")], person="Mrs Patel")
    assert sentences == [("The daughter said they do her shopping on Saturdays and they visit "
                          "every evening after work.", (0,), True)]
