"""Mends from the twentieth hand check (sc-dev-10..14, built on since), each tested on
made-up sentences of the same shape."""

from __future__ import annotations

from summarise.text import clean_speech
from tests.summarise.test_reading_mends3 import _actions, _draft
from tests.summarise.test_reading_mends5 import _sentences


def _text(segments: list[tuple[str, str]]) -> str:
    return " ".join(t for t, _ in _sentences(segments))


def test_a_statement_the_speaker_takes_back_goes_with_its_retraction() -> None:
    """"I'd be out of here. Well, I wouldn't, would I? But no." had kept "Pat would be out of
    here" and dropped the retraction."""
    text = _text([
        ("Worker", "Any mice, insects, anything like that?"),
        ("Pat", "No! God, no. I'd be out of here. Well, I wouldn't, would I? But no. I keep "
                "the food in the kitchen, in tins."),
    ])
    assert "out of here" not in text and "but no" not in text.lower(), text
    assert "Keeps the food in the kitchen, in tins" in text, text


def test_a_doubt_replaces_what_it_doubts() -> None:
    """"He's a friend. Well. I thought he were a friend." had become "he's a friend", the
    doubt lost."""
    text = _text([
        ("Worker", "Kev?"),
        ("Pat", "Kevin. He's a - he's a friend. Well. I thought he were a friend. I know him "
                "from the Legion."),
    ])
    assert "thought he was a friend" in text, text
    assert "he's a friend" not in text, text


def test_a_joke_before_the_real_answer_is_not_the_answer() -> None:
    """"Any caring responsibilities?" "Just Mitzi! No. Not since me mam." read "Caring
    responsibilities: just Mitzi", as if she cared for someone."""
    text = _text([
        ("Worker", "And do you look after anybody now? Any caring responsibilities?"),
        ("Pat", "Just Mitzi! No. Not since me mam."),
    ])
    assert "Mitzi" not in text and "No caring responsibilities" in text, text


def test_the_speakers_own_doing_beside_someone_elses_keeps_their_name() -> None:
    """"He feeds himself. I cut his meat up. He's slow." read "…; Cut his meat up — he's
    slow", as if he cut his own."""
    text = _text([
        ("Worker", "How does he manage with eating?"),
        ("Pat", "He feeds himself. He has got a big-handled spoon. I cut his meat up. He is "
                "slow."),
    ])
    assert "Pat cut his meat up" in text or "Pat cuts his meat up" in text, text


def test_a_verb_of_both_tenses_among_what_is_done_now_is_present() -> None:
    text = _text([
        ("Worker", "Any mice?"),
        ("Pat", "No. I keep the food in tins, and I put the bins out on the landing and the "
                "caretaker takes them down for me."),
        ("Worker", "And the fall?"),
        ("Pat", "I hit my head on Friday. It is sore now."),
    ])
    assert "puts the bins out" in text and "hit their head on Friday" in text, text


def test_an_undertaking_after_a_plan_is_no_answer_to_its_last_line() -> None:
    """"You're going to ask Sarah on Sunday…" "I'll write it down." had become "Asked about
    going to ask Sarah on Sunday…: Pat will write it down"."""
    text = _text([
        ("Worker", "I'll refer Roy this week. You're going to ring Helen tomorrow about the "
                   "nights. You're going to ask Sarah on Sunday which days she can do."),
        ("Pat", "I'll write it down."),
    ])
    assert "Asked" not in text, text


def test_a_summary_is_summarised_back_and_a_confirmation_answers_no_line_of_it() -> None:
    """"So, to make sure I've got it right: you had a fall…. You're drinking…. You want…"
    "That's it." had become "Asked about drinking…: that's it", as if that were all he
    drank; the summary itself was not in the note."""
    text = _text([
        ("Worker", "So, to make sure I've got it right: you had a fall on Friday and hit "
                   "your head. You're drinking eight or nine strong cans a day, with shakes in "
                   "the morning. You've had toast yesterday, the electric is on emergency. You "
                   "want the electric and food sorted first."),
        ("Pat", "That's it."),
    ])
    assert "Summarised back: Pat had a fall on Friday" in text, text
    assert "that's it" not in text.lower(), text


def test_you_after_a_preposition_is_an_object() -> None:
    """"Taking money off you?" had become "taking money off he"."""
    draft = _draft([
        ("Worker", "Anyone coming round, taking money off you, anything like that?"),
        ("Pat", "No. Nobody comes round. That is the point."),
    ], person="Mr Rowley")
    text = " ".join(s.text for section in draft.sections for s in section.sentences)
    assert "taking money off him" in text, text


def test_you_in_a_practitioners_undertaking_reads_as_written() -> None:
    """"I'll send it you in writing" read "Send it Pat…"; "I'll tell him you prefer texts"
    read "Pat prefer texts"."""
    actions = [t for _, t in _actions([
        ("Worker", "I will send it you in writing as well. I will tell him you prefer texts "
                   "and emails. I will let Tom know you want to move."),
    ])]
    assert actions == ["Send it to Pat in writing as well.",
                       "Tell him Pat prefers texts and emails.",
                       "Let Tom know Pat wants to move."], actions


def test_d_not_before_a_participle_is_had_not() -> None:
    """"I'd not heard him get up" read "would not heard him"."""
    assert "Pat had not heard him get up" in _text([
        ("Pat", "I'd not heard him get up. He was on the floor."),
    ])


def test_a_safety_net_is_advice_and_its_verbs_agree() -> None:
    """"If you get a bad headache, or you're being sick, or feel drowsy, you ring 999" was an
    agreed action of Pat's ("…: ring 999"), with "or feel drowsy"."""
    assert _actions([
        ("Worker", "And if you get a bad headache, or you're being sick, or feel drowsy or "
                   "muddled, you ring 999. Don't wait."),
    ]) == [("Pat", "Advised: if Pat gets a bad headache, or Pat is being sick, or feels "
                   "drowsy or muddled, ring 999.")]


def test_a_contracted_have_takes_no_s() -> None:
    text = _text([("Pat", "I could've killed her. She can't keep anything to herself.")])
    assert "could've killed" in text and "could'ves" not in text, text


def test_no_to_has_anybody_is_no_one_has() -> None:
    """"Has anybody looked at his swallowing?" "No. Nobody's said anything about that." had
    given only "Nobody's said anything about that.", the swallowing lost."""
    text = _text([
        ("Worker", "Has anybody looked at his swallowing? A speech and language therapist?"),
        ("Pat", "No. Nobody's said anything about that."),
        ("Worker", "Does anyone else have your card?"),
        ("Pat", "No."),
    ])
    assert "No one has looked at his swallowing" in text, text
    assert "No one else has Pat's card" in text, text


def test_a_wish_asked_keeps_its_question() -> None:
    """"Would you be open to something like that again?" "Maybe. If it's on the phone." had
    read "Maybe; if it's on the phone", an answer to nothing."""
    text = _text([
        ("Worker", "Would you be open to something like that again?"),
        ("Pat", "Maybe. If it's on the phone. Or if they come here."),
    ])
    assert text.startswith("Asked whether Pat would be open to something like that again: "
                           "maybe"), text


def test_you_after_the_verb_of_has_anyone_is_its_object_and_later_a_subject() -> None:
    draft = _draft([
        ("Worker", "And has anyone made you do anything sexual, anything like that, that you "
                   "didn't want?"),
        ("Pat", "No. Nothing like that."),
    ], person="Mr Rowley")
    text = " ".join(s.text for section in draft.sections for s in section.sentences)
    assert "no one has made him do anything sexual" in text, text
    assert "that he didn't want" in text, text


def test_an_answer_about_that_goes_on_what_that_is() -> None:
    """"Have you mentioned that to Dr Okonjo?" "No." read "Has not mentioned that to Dr
    Okonjo", its "that" (the weight she had lost) in another sentence of the note."""
    text = _text([
        ("Worker", "Has your weight changed at all?"),
        ("Pat", "I've lost a bit. About a stone, I'd say."),
        ("Worker", "Have you mentioned that to Dr Okonjo?"),
        ("Pat", "No."),
    ])
    assert "about a stone, Pat would say; has not mentioned that to Dr Okonjo" in text, text
    # ...but not where the "that" is the practitioner's own suggestion, just made
    text = _text([
        ("Worker", "How are you managing with the cooking?"),
        ("Pat", "I manage. I use the hob mostly."),
        ("Worker", "Okay. I'd suggest you use the microwave for now. Can you manage that?"),
        ("Pat", "For a bit."),
    ])
    assert "; Asked whether Pat can manage that" not in text, text


def test_the_practitioners_second_undertaking_in_one_sentence_loses_its_i() -> None:
    """"…and ask for plain clothes, and I'll come with them" kept "I'll" in the action."""
    assert _actions([
        ("Worker", "I'll ring the fire service this week for the home safety visit and ask "
                   "for plain clothes, and I'll come with them."),
    ]) == [("practitioner", "Ring the fire service this week for the home safety visit and "
                            "ask for plain clothes, and come with them.")]


def test_the_questions_word_said_back_is_not_said_twice() -> None:
    """"What did you have to eat yesterday?" "Yesterday... toast." read "…yesterday:
    yesterday... toast"."""
    text = _text([
        ("Worker", "What did you have to eat yesterday, say?"),
        ("Pat", "Yesterday... toast. Cup of tea."),
    ])
    assert "yesterday: toast" in text and "yesterday..." not in text.lower(), text


def test_a_matter_left_with_the_person_is_no_action() -> None:
    """"I'll leave that between you and the bank" had become the practitioner's action."""
    assert _actions([("Worker", "I'll leave that between you and the bank. What about "
                                "friends?"),
                     ("Worker", "I'll leave it up to you.")]) == []


def test_asked_about_another_he_the_person_is_named_not_him() -> None:
    """"Has he ever hit you, or pushed you?" "No." of Mr Ashworth read "Says he has never hit
    him, or pushed him", either man; "me own front room" read "him own"."""
    draft = _draft([
        ("Worker", "Has he ever hit you, or pushed you, or hurt you physically?"),
        ("Pat", "No."),
        ("Worker", "What would you like to happen?"),
        ("Pat", "I want him gone. I want to sit in me own front room without him."),
    ], person="Mr Ashworth")
    text = " ".join(s.text for section in draft.sections for s in section.sentences)
    assert "he has never hit Mr Ashworth, or pushed Mr Ashworth" in text, text
    assert "in his own front room" in text, text


def test_what_it_is_called_is_not_what_it_stands_for() -> None:
    """"That's a reasonable thing to ask for, and I'll put it down as your preference" had
    become "Put the reasonable thing down as…"."""
    assert _actions([("Worker", "That's a reasonable thing to ask for, and I'll put it down "
                                "as your preference.")]) == \
        [("practitioner", "Put it down as Pat's preference.")]


def test_stance_a_broken_word_and_please_are_left_out() -> None:
    """"…, I'm telling you now", "…, to be fair — she…", "What do they call it, agora-." and
    the "please" of "please use them" had stayed in the note."""
    assert clean_speech("I'll be dying for a ciggie in ten minutes, I'm telling you now.") == \
        "I'll be dying for a ciggie in ten minutes."
    assert clean_speech("I could've killed her, to be fair — she can't keep a secret.") == \
        "I could've killed her — she can't keep a secret."
    assert clean_speech("I'm telling you now, he did it.") == "He did it."
    text = _text([("Pat", "Then the going-out thing started. What do they call it, agora-.")])
    assert "agora" not in text and "call it" not in text, text
    assert _actions([("Worker", "If it ever gets to that point, please use them.")]) == \
        [("Pat", "Advised: if it ever gets to that point, use them.")]


def test_the_practitioners_own_i_and_me_in_an_undertaking_are_named() -> None:
    actions = _actions([
        ("Worker", "I'll ring Mrs Hollis Monday afternoon once I've spoken to Sue."),
        ("Worker", "I'll just check I've got everything."),
        ("Worker", "If I send it straight to your pharmacy, start the antibiotics today."),
        ("Worker", "If he takes money again, ring me, here's my number, or the duty team."),
    ])
    assert actions == [
        ("practitioner", "Ring Mrs Hollis Monday afternoon once the practitioner has spoken "
                         "to Sue."),
        ("Pat", "Advised: if the practitioner sends it straight to Pat's pharmacy, start the "
                "antibiotics today."),
        ("Pat", "Advised: if he takes money again, ring the practitioner, or the duty team."),
    ], actions


def test_what_the_owner_says_of_themselves_after_their_action_is_no_part_of_it() -> None:
    """"Mrs Irving to write that down, I'll never remember it all"."""
    actions = _actions([
        ("Worker", "If he gets a temperature, ring the GP the same day."),
        ("Alex", "Right. I'll write that down, I'll never remember it all.")])
    assert [t for o, t in actions if o.startswith("Alex")] == ["Alex to write that down."], \
        actions


def test_a_summary_line_said_to_someone_by_name_is_of_them() -> None:
    """"Mick, you're getting three or four hours' sleep" in the summary had read "Mick,
    Pat is getting…"; "my manager" stayed the practitioner's "my"."""
    draft = _draft([
        ("Worker", "So, to sum up. Mick, you're getting three or four hours' sleep and you're "
                   "exhausted. I'm speaking to my manager today about it all."),
        ("Mick (partner)", "Yes."),
    ], speakers={"Worker": "practitioner", "Pat": "person", "Mick (partner)": "carer"})
    text = " ".join(s.text for section in draft.sections for s in section.sentences)
    assert "Summarised back: Mick is getting three or four hours' sleep" in text, text
    assert " my " not in text, text


def test_where_to_sit_and_what_to_mind_on_the_way_out_is_small_talk() -> None:
    assert _text([("Pat", "Sit there if you want. Shift them cans."),
                  ("Pat", "Mind them bags on your way out.")]) == ""


def test_a_soft_no_keeps_its_question_and_its_softness() -> None:
    """"Do you drink?" "Not much." had become "Does not drink", and "Is it sore?" "Not
    really." "It is not sore" (the nineteenth round marked that one)."""
    text = _text([
        ("Worker", "Do you drink?"), ("Pat", "Not much."),
        ("Worker", "Is it sore?"), ("Pat", "Not really."),
        ("Worker", "Any pain?"), ("Pat", "Not really."),
        ("Worker", "Anything else?"), ("Pat", "Not really."),
    ])
    assert "Asked whether Pat drinks: not much" in text, text
    assert "Asked whether it is sore: not really" in text, text
    assert "Asked about pain: not really" in text, text
    assert "Does not drink" not in text and "else" not in text, text


def test_a_scots_interjection_is_no_statement() -> None:
    """"How are you doing?" "Ach. I've been better." read "…said ach; he has been
    better"."""
    text = _text([("Worker", "How are you doing?"), ("Pat", "Ach. I've been better.")])
    assert "ach" not in text.lower(), text
    assert clean_speech("Ach, I have been better.") == "I have been better."
