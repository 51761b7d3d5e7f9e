"""The practitioner's impression and advice in the health check's plan (summarise.clinical):
in their own modality, an option never made a decision."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarise.errors import TemplateError
from summarise.templates import load_template, load_template_file
from tests.summarise.test_reading_mends import _drafted

CONSULTATION = [
    ("Doctor", "So how long has the rash been there?"),
    ("Patient", "About three days, all over my hands."),
    ("Doctor", "I wonder whether you may have something called dermatitis."),
    ("Doctor", "We have steroid creams I can give you, which will help with the inflammation."),
    ("Patient", "Mm-hmm."),
    ("Doctor", "Or, I can prescribe you something stronger, like Naproxen."),
    ("Patient", "Mm-hmm."),
    ("Doctor", "Paracetamol wouldn't be helpful on this occasion."),
    ("Doctor", "Can you tell me if it itches at night?"),
    ("Patient", "It does, yes."),
    ("Doctor", "I'd like you to come back and see me in a week's time."),
]


def _plan() -> list[str]:
    return [t for section, t, _ in _drafted(CONSULTATION, "health-check", person=None)
            if section == "plan"]


def test_the_impression_keeps_its_hedge() -> None:
    assert "Impression: may have something called dermatitis." in _plan()


def test_advice_and_options_are_in_the_plan_as_said() -> None:
    plan = " ".join(_plan())
    assert "Advised: the practitioner has steroid creams the practitioner can give the person, "\
        "which will help with the inflammation." in plan, plan
    assert "can prescribe the person something stronger, like Naproxen" in plan, plan
    assert "paracetamol wouldn't be helpful on this occasion" in plan.lower(), plan
    assert "come back and see the practitioner in a week's time" in plan, plan
    assert "itches" not in plan  # a question, and its answer, are no advice


def test_an_option_no_one_took_up_is_no_action() -> None:
    """"Or, I can prescribe you something stronger" "Mm-hmm.": listening, not agreeing."""
    from summarise.actions import find_actions
    from summarise.evidence import evidence_units
    from summarise.roster import Roster
    from transcription.transcript import Transcript

    transcript = Transcript.from_dict({"segments": [
        {"start": n, "end": n + 1, "text": t, "speaker": who}
        for n, (who, t) in enumerate(CONSULTATION)]})
    actions = [(a.owner, a.text) for a in find_actions(evidence_units(transcript),
                                                       Roster.build(["Doctor", "Patient"]))]
    assert not [a for a in actions if "Naproxen" in a[1]], actions
    assert ("The person", "The person to come back and see the practitioner in a week's "
            "time.") in actions, actions


def test_other_templates_keep_the_practitioner_s_words_out() -> None:
    texts = [t for _, t, _ in _drafted(CONSULTATION, "home-visit", person=None)]
    assert not [t for t in texts if t.startswith(("Impression:", "Advised:"))], texts
    assert [s.id for s in load_template("health-check").sections if s.practitioner] == ["plan"]


def test_a_template_whose_practitioner_key_is_not_true_or_false_is_refused(tmp_path: Path
                                                                          ) -> None:
    path = tmp_path / "mine.toml"
    path.write_text('id = "mine"\ntitle = "Mine"\n[[sections]]\nid = "plan"\ntitle = "Plan"\n'
                    'practitioner = "yes"\n', encoding="utf-8")
    with pytest.raises(TemplateError, match="practitioner"):
        load_template_file(path)


SAFETY_NET = [
    ("Doctor", "Any blood in your urine?"),
    ("Patient", "Yes, a bit, and it smells odd."),
    ("Doctor", "Any fever?"),
    ("Patient", "No."),
    ("Doctor", "In the meantime if your symptoms aren't getting any better, or they're getting "
               "worse."),
    ("Doctor", "Um, I want you to give me a call, or come back and see me sooner."),
    ("Doctor", "And if you're still not better next week, I want you to come back and see me."),
    ("Patient", "OK."),
]


def test_safety_netting_keeps_its_condition() -> None:
    """"If not better next week, come back": the "if" is the advice; a full stop the
    recogniser put between the two does not part them."""
    from summarise.actions import find_actions
    from summarise.evidence import evidence_units
    from summarise.roster import Roster
    from transcription.transcript import Transcript

    transcript = Transcript.from_dict({"segments": [
        {"start": n, "end": n + 1, "text": t, "speaker": who}
        for n, (who, t) in enumerate(SAFETY_NET)]})
    actions = [a.text for a in find_actions(evidence_units(transcript),
                                            Roster.build(["Doctor", "Patient"]))]
    assert "Advised: if the person's symptoms aren't getting any better, or they're getting " \
        "worse, give the practitioner a call, or come back and see the practitioner " \
        "sooner." in actions, actions
    # (the second says the same again, so it is one action with both lines cited)
    plan = [t for s, t, _ in _drafted(SAFETY_NET, "health-check", person=None) if s == "plan"]
    assert "Advised: if the person is still not better next week, come back and see the " \
        "practitioner." in plan, plan


def test_a_positive_finding_is_never_filed_as_ruled_out() -> None:
    placed = {t: s for s, t, _ in _drafted(SAFETY_NET, "health-check", person=None)}
    blood = [t for t in placed if "blood" in t.lower()]
    assert blood and all(placed[t] != "ruled-out" for t in blood), placed
    assert placed.get("No fever.") == "ruled-out", placed


def test_the_same_words_with_another_owner_are_another_action() -> None:
    """"Let Dr Nayar know how you've been" (the practitioner's) and "if those thoughts get
    stronger, ring Dr Nayar" (the person's) are two tasks, never merged into one."""
    from summarise.actions import find_actions
    from summarise.evidence import evidence_units
    from summarise.roster import Roster
    from transcription.transcript import Transcript

    said = [("Worker", "And Ronnie, if those thoughts ever get stronger, I want you to ring "
                       "Dr Nayar."),
            ("Person", "I will."),
            ("Worker", "And I'll let Dr Nayar know how you've been feeling."),
            ("Person", "Okay.")]
    transcript = Transcript.from_dict({"segments": [
        {"start": n, "end": n + 1, "text": t, "speaker": who} for n, (who, t) in enumerate(said)]})
    actions = [(a.owner, a.text) for a in find_actions(
        evidence_units(transcript), Roster.build(["Worker", "Person"], None, ("person",),
                                                 "Ronnie"))]
    assert ("Ronnie", "Advised: if those thoughts ever get stronger, ring Dr Nayar.") in \
        actions, actions
    assert [a for a in actions if a[0] == "practitioner" and "Dr Nayar" in a[1]], actions


def test_a_request_to_hear_the_question_again_is_no_answer() -> None:
    """"With my what?" answers nothing; the answer after the question is said again does."""
    texts = [t for _, t, _ in _drafted([
        ("Doctor", "OK fine. Um, any problems with your waterworks at all?"),
        ("Patient", "With my what?"),
        ("Doctor", "Uh your waterworks, your urine."),
        ("Patient", "Ohh. Uh, no. No no, it's fine."),
        ("Doctor", "Any chance you could be pregnant?"),
        ("Patient", "Say again?"),
        ("Doctor", "Is there any chance you could be pregnant?"),
        ("Patient", "No."),
    ], "health-check", person=None)]
    assert not [t for t in texts if "what" in t.lower() or "again" in t.lower()], texts
    assert any(t.startswith("No problems with their waterworks") for t in texts), texts
    assert "No chance they could be pregnant." in texts, texts


def test_an_option_picked_from_the_question_keeps_the_question() -> None:
    """"Do you know if that's type one or type two?" "Type two." is no bare "Type two."."""
    texts = [t for _, t, _ in _drafted([
        ("Doctor", "In terms of your past medical history, do you have any other conditions?"),
        ("Patient", "I have diabetes."),
        ("Doctor", "Do you know if that's type one or type two?"),
        ("Patient", "Type two."),
    ], "health-check", person=None)]
    assert any(t.startswith("Asked if that's type one or type two: type two") for t in texts), \
        texts
