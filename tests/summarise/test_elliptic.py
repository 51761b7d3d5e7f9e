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
