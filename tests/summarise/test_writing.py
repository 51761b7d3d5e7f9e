from __future__ import annotations

import pytest

from summarise.actions import find_actions
from summarise.evidence import EvidenceUnit
from summarise.notestyle import note_sentence
from summarise.risks import find_risks
from summarise.roster import Roster, Speaker
from summarise.speakers import guess_role

MRS_PATEL = Roster([Speaker("Person", "person", "Mrs Patel")]).voice()
MR_EVANS = Roster([Speaker("Person", "person", "Mr Evans")]).voice()
UNNAMED = Roster([Speaker("Person", "person", None)]).voice()


@pytest.mark.parametrize(("spoken", "voice", "note"), [
    ("I can't get into the bath.", MRS_PATEL, "Can't get into the bath."),
    ("Um, my daughter Priya brings a cooked meal on Sundays.", MRS_PATEL,
     "Her daughter Priya brings a cooked meal on Sundays."),
    ("I sometimes forget the evening ones.", MRS_PATEL, "Sometimes forgets the evening ones."),
    ("I haven't been out since March.", MRS_PATEL, "Hasn't been out since March."),
    ("I wash at the sink because I can't get into the bath.", UNNAMED,
     "Washes at the sink because they can't get into the bath."),
    # Openers that only set the tone go; answers and verbs that look like openers stay.
    ("Honestly, I'm at the end of my tether.", MRS_PATEL, "At the end of her tether."),
    ("Well, to be honest, I fell twice.", MRS_PATEL, "Fell twice."),
    ("Our son comes on a Saturday so I can do the shopping.", MRS_PATEL,
     "Their son comes on a Saturday so she can do the shopping."),
    ("Not really, I can't manage the bus now.", MRS_PATEL,
     "Not really, she can't manage the bus now."),
    # hedges go; "just" meaning "only" stays
    ("I make a sandwich or something in the microwave, that's it.", MRS_PATEL,
     "Makes a sandwich in the microwave."),
    ("I just have a strip wash at the sink.", MRS_PATEL, "Has a strip wash at the sink."),
    ("Just a bruise on my arm.", MRS_PATEL, "Just a bruise on her arm."),
    # once someone else is "he"/"she", the speaker is named, so who did what stays clear
    ("He takes my bank card and pushed me.", MR_EVANS,
     "He takes Mr Evans's bank card and pushed Mr Evans."),
    ("My daughter rings me and she helps me.", MRS_PATEL,
     "Her daughter rings her and she helps Mrs Patel."),
    ("He's family, but I'm frightened of him.", MR_EVANS,
     "He's family, but Mr Evans is frightened of him."),
    # dialect "me" for "my", and the household's "we"
    ("I'm seventy and me back's bad, like, most days.", MRS_PATEL,
     "Seventy and her back's bad, most days."),
    ("We've brought the bed down into the front room.", MRS_PATEL,
     "They have brought the bed down into the front room."),
    ("I'd lost some weight in there.", MRS_PATEL, "Had lost some weight in there."),
])
def test_the_persons_own_words_in_note_style(spoken: str, voice, note: str) -> None:  # type: ignore[no-untyped-def]
    """The person the note is about is never "X said": the subject is implied."""
    assert note_sentence(spoken, voice, subject=True) == note


def test_someone_elses_words_are_attributed_to_them() -> None:
    partner = Roster([Speaker("Mrs Pickering", "person", "Mrs Pickering"),
                      Speaker("Mick (partner)", "carer", "Mick", "partner")])
    voice = partner.voice_of("Mick (partner)", "carer")
    assert note_sentence("She's picking. Half a cob and that's her lot.", voice,
                         subject=False) == \
        "Her partner Mick said she's picking. Half a cob and that's her lot."
    son = Roster([Speaker("Mr Lumsden", "person", "Mr Lumsden"),
                  Speaker("Gary (son)", "family", "Gary", "son")])
    assert son.reference("Gary (son)", "family") == "His son Gary"
    assert son.voice_of("Gary (son)", "family").they == "he"


def _units(*lines: tuple[int, str, str, str]) -> list[EvidenceUnit]:
    """(segment, speaker label, role, text) -> evidence units, as the drafter makes them."""
    return [EvidenceUnit(segment, text, role, label)  # type: ignore[arg-type]
            for segment, label, role, text in lines]


PATEL = Roster([Speaker("Person", "person", "Mrs Patel")])


def test_only_the_practitioners_commitments_become_actions() -> None:
    units = _units(
        (3, "Person", "person", "I'll ask my daughter to sort the tablets."),
        (4, "Worker", "practitioner", "Shall I refer you to the falls team?"),
        (5, "Worker", "practitioner",
         "I'll refer you to the occupational therapist, and I'll phone you on Friday."),
    )
    actions = find_actions(units, PATEL)
    assert [a.text for a in actions] == [
        "Refer Mrs Patel to the occupational therapist.", "Phone Mrs Patel on Friday."]
    assert actions[1].due == "on Friday"
    assert all(a.citations == (5,) and a.owner == "practitioner" for a in actions)


def test_an_action_names_the_person_it_is_about() -> None:
    okafor = Roster([Speaker("Carer", "carer", "Mr Okafor")], ("carer", "person"))
    actions = find_actions(_units((7, "Worker", "practitioner",
                                   "I'd suggest you talk to your GP about how you're feeling.")),
                           okafor)
    assert [(a.owner, a.text) for a in actions] == [
        ("Mr Okafor", "Advised Mr Okafor to talk to his GP about how Mr Okafor is feeling.")]


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
    assert texts == ["Asked how she is getting on: she does get lonely."]


@pytest.mark.parametrize(("question", "answer", "statement"), [
    # a terse answer is a pertinent negative, or a finding with its question
    ("Any falls since you got home?", "No.", "No falls since he got home."),
    ("Any chest pain?", "No, none.", "No chest pain."),
    ("Does Darren give you the card back?", "No.", "Darren does not give him the card back."),
    ("Do you smoke?", "No.", "Does not smoke."),
    ("Were you hurt?", "No, not at all.", "Was not hurt."),
    ("Have you lost weight?", "A bit.", "Asked whether he has lost weight: a bit."),
    ("And how many times a week?", "Three.", "Times a week: three."),
    ("What did you do for work?", "Catering.", "Work: catering."),
    ("And the teatime call?", "Make us a bit of tea.", None),  # a topic, not an answer form
    # a "no" that opens a statement of its own is not a no to the question
    ("Anything in the night notes?", "No falls recorded.",
     "In the night notes: no falls recorded."),
    # no safe form: left to the statement itself
    ("Can you tell me how things have been?", "Not too bad.", None),
    ("Are you eating enough, or do you skip meals?", "Yes.", None),
])
def test_a_question_and_its_answer_become_one_statement(question: str, answer: str,
                                                        statement: str | None) -> None:
    from summarise.qa import answered
    result = answered(question, answer, MR_EVANS, frozenset({"darren", "evans"}))
    assert (result.text if result else None) == statement


def test_a_question_names_the_topic_of_its_answer() -> None:
    from summarise.topics import topic_of
    assert topic_of("And the portable cylinders?", MR_EVANS) == "Portable cylinders"
    assert topic_of("What about getting dressed?", MR_EVANS) == "Getting dressed"
    assert topic_of("How's your sleep?", MR_EVANS) == "Sleep"
    assert topic_of("The discharge letter says you smoke?", MR_EVANS) is None


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
    assert ("Darren does not give him the card back; he keeps it — he says Mr Evans would lose "
            "it.", (0, 1), True) in sentences
    # a full statement is written without the question (its "feel about that" adds nothing)
    assert ("Worries about the money for his food every week.", (3,), True) in sentences


def test_in_a_carers_assessment_the_carer_is_the_person() -> None:
    sentences = _drafted([
        ("Worker", "Tell me about the care you give Grace."),
        ("Carer", "I help her wash and dress and I do all the meals every day."),
    ], template="carers-assessment", person="Mr Okafor")
    assert sentences[0][0] == "Helps her wash and dress and he does all the meals every day."
    # elsewhere a carer stays a carer: a daughter's words are never put in the person's mouth
    sentences = _drafted([
        ("Worker", "Tell me about the care you give your mum."),
        ("Carer", "I help her wash and dress and I do all the meals every day."),
    ], template="home-visit", person="Mrs Patel")
    assert sentences[0][0].startswith("The carer said they help her wash")
    assert "Mrs Patel" not in sentences[0][0]


def test_a_negative_answer_verifies_against_its_own_words() -> None:
    """The question's words must not hide the answer's "not"."""
    sentences = _drafted([("doctor", "And do you drink much in the way of alcohol?"),
                          ("patient", "Uh, no, I I don't drink alcohol, no.")], person=None)
    assert sentences == [("Does not drink much in the way of alcohol; they don't drink alcohol.",
                          (0, 1), True)]


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
    assert sentences == [("Her daughter said she does her shopping on Saturdays and the daughter "
                          "visits every evening after work.", (0,), True)]
