"""Actions in the forms people say them (made-up dialogue, not lifted from the dev set)."""

from __future__ import annotations

from summarise.actions import find_actions
from summarise.evidence import EvidenceUnit
from summarise.roster import Roster, Speaker
from summarise.text import clean_speech

PATEL = Roster([Speaker("Person", "person", "Mrs Patel")])


def _actions(*lines: tuple[str, str]) -> list[tuple[str, str]]:
    units = [EvidenceUnit(n, text, role, "Worker" if role == "practitioner" else  # type: ignore[arg-type]
                          "Person") for n, (role, text) in enumerate(lines)]
    return [(a.owner, a.text) for a in find_actions(units, PATEL)]


def test_safety_netting_with_several_conditions() -> None:
    assert _actions(("practitioner", "If you feel dizzy, or you notice blood, you ring 111.")) \
        == [("Mrs Patel", "Advised: if Mrs Patel feels dizzy, or Mrs Patel notices blood, "
                          "ring 111.")]
    # "you, you" here is an object and a subject, not a stutter
    assert clean_speech("or he hurts you, you ring 999.") == "or he hurts you, you ring 999."
    assert clean_speech("I, I think so.") == "I think so."
    assert _actions(("practitioner", "If he ever pushes you, or he hurts you, you ring 999.")) \
        == [("Mrs Patel", "Advised: if he ever pushes Mrs Patel, or he hurts Mrs Patel, ring 999.")]


def test_advice_against_reads_not_to() -> None:
    assert _actions(("practitioner", "I'd suggest you don't lend him any more money.")) == [
        ("Mrs Patel", "Advised Mrs Patel not to lend him any more money.")]
    assert _actions(("practitioner", "I'd suggest no cooking when you're on your own.")) == [
        ("Mrs Patel", "Advised Mrs Patel: no cooking when Mrs Patel is on her own.")]


def test_a_plan_that_starts_with_the_persons_part() -> None:
    assert _actions(("practitioner", "What we'll do is, you bring the letters in on Monday, "
                                     "and we'll ring the bank together at the office.")) == [
        ("Mrs Patel", "Mrs Patel to bring the letters in on Monday."),
        ("practitioner", "Ring the bank together at the office.")]
    assert _actions(("practitioner", "What we'll do is, you bring the letters in on Monday, "
                                     "and we'll go through them together.")) == [
        ("Mrs Patel", "Mrs Patel to bring the letters in on Monday.")]


def test_a_duty_the_practitioner_has_is_an_action() -> None:
    assert _actions(("practitioner", "I do have to share this with my manager today.")) == [
        ("practitioner", "Share this with the manager today.")]


def test_a_firm_commitment_after_an_offer_stands_and_it_is_named() -> None:
    said = _actions(("practitioner", "I can get you a bath board - I'll bring it on Friday."),
                    ("person", "Friday'd be great."))
    assert ("practitioner", "Bring the bath board on Friday.") in said


def test_an_option_chosen_by_the_person_is_the_action() -> None:
    assert _actions(
        ("practitioner", "There's a befriending service."),
        ("practitioner", "I can put in a referral for you, or give you their number."),
        ("person", "You do it."),
        ("practitioner", "I'll do it."),
    ) == [("practitioner", "Put in a referral to the befriending service for Mrs Patel.")]
    # not taken up: nothing
    assert _actions(
        ("practitioner", "I can put in a referral for you, or give you their number."),
        ("person", "I'll think about it.")) == []


def test_what_commits_to_nothing_is_no_action() -> None:
    assert _actions(("practitioner", "I'll look into it."), ("practitioner", "Leave it with me."),
                    ("practitioner", "I just want to see you're alright.")) == []
    # a threat reported is not a plan
    assert _actions(("practitioner", "So he says you'll be sent away if you tell anyone.")) == []


def test_a_request_after_a_topic_accepted_as_go_on() -> None:
    assert _actions(("practitioner", "And the cooker - will you ring the gas board today?"),
                    ("person", "Go on, then.")) == [
        ("Mrs Patel", "Mrs Patel to ring the gas board today.")]


# False alarms a safeguarding lead's hand check of the flags found (made-up wording)
def test_figures_of_speech_and_other_senses_raise_nothing_while_the_real_cue_does() -> None:
    from summarise.risks import find_risks

    def raised(text: str, role: str = "person") -> list[str]:
        return [f.category for f in find_risks([(0, text, role)])]
    assert raised("She went into the hospice in May and she never come home.") == []
    assert raised("The number nine bus didn't come, so I walked.") == []
    assert raised("I haven't been out yet, have I.") == []
    assert raised("I nearly fell off my chair when I saw the bill.") == []
    assert raised("Don't lift him. You could hurt your back, or hurt him.", "practitioner") == []
    assert raised("Nobody comes round.") == ["social isolation"]  # not neglect as well
    # the real thing still raises its flag
    assert raised("The carers didn't turn up on Sunday.") == ["missed or late care"]
    assert raised("I haven't been out for weeks.") == ["social isolation"]
    assert raised("He hurt her last week.") == ["physical abuse"]


def test_risks_the_hand_check_found_unflagged_now_raise_their_flag() -> None:
    from summarise.risks import find_risks

    def raised(text: str, role: str = "person") -> list[str]:
        return [f.category for f in find_risks([(0, text, role)])]
    assert raised("I've lost about a stone since Easter.") == ["weight loss"]
    assert raised("She's gone really thin.", "family") == ["weight loss"]
    assert raised("Honestly, I'm worn out.", "carer") == ["carer breakdown"]
    assert raised("I can't see the numbers on the insulin pen.") == ["sight"]
    assert raised("We lost a stone out of the ring.") == []


def test_an_arrangement_in_the_present_is_an_action() -> None:
    roster = Roster([Speaker("Person", "person", "Mrs Patel"),
                     Speaker("Anil (son)", "family", "Anil", "son")])
    units = [EvidenceUnit(0, "Anil's booking the optician for Thursday, and asking about a home "
                             "visit, and he's getting a new kettle.", "practitioner", "Worker")]
    assert [(a.owner, a.text) for a in find_actions(units, roster)] == [
        ("Anil", "Anil to book the optician for Thursday, and ask about a home visit.")]
    # a habit or a harm in the present tense is no arrangement
    units = [EvidenceUnit(0, "So Kev's taking your money every week.", "practitioner", "Worker")]
    assert find_actions(units, roster) == []


def test_a_joint_suggestion_and_a_promise_to_come_back_within_the_visit() -> None:
    assert _actions(("practitioner", "What I'd suggest is we start looking at flats in the "
                                     "spring.")) == [
        ("agreed", "Start looking at flats in the spring.")]
    assert _actions(("practitioner", "That's fair. I'll come back to that, I promise.")) == []
    assert _actions(("practitioner", "I'll come back to that on Friday with the figures.")) == [
        ("practitioner", "Come back to that on Friday with the figures.")]
