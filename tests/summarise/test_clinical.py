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
