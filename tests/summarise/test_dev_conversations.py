"""The three scripted dev conversations: what must be flagged, and what must not be invented."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarise.drafter import DraftCompleted, draft
from summarise.templates import load_template
from summarise.text import content_terms
from transcription.transcript import Transcript

RECORDS = {r["id"]: r for r in json.loads(
    (Path(__file__).resolve().parents[1] / "fixtures" / "social-care-dev.json").read_text())}
PEOPLE = {"sc-dev-01": "Mrs Patel", "sc-dev-02": "Mr Okafor", "sc-dev-03": "Mr Evans"}


def drafted(record_id: str, *, labelled: bool = True):  # type: ignore[no-untyped-def]
    record = RECORDS[record_id]
    transcript = Transcript.from_dict({"segments": [
        {"start": i, "end": i + 1, "text": u["text"],
         **({"speaker": u["speaker"]} if labelled else {})}
        for i, u in enumerate(record["utterances"])]})
    events = list(draft(transcript, load_template(record["template"]),
                        person_name=PEOPLE[record_id]))
    assert isinstance(events[-1], DraftCompleted)
    return record, transcript, events[-1].draft


def test_the_safeguarding_disclosure_raises_its_flags() -> None:
    record, transcript, result = drafted("sc-dev-03")
    risks = {f.category: f for f in result.flags if f.kind == "risk"}
    assert {"physical abuse", "financial abuse", "person's wishes"} <= set(risks)
    pushed = next(i for i, s in enumerate(transcript.segments) if "pushed me" in s.text)
    card = next(i for i, s in enumerate(transcript.segments) if "bank card" in s.text)
    assert pushed in risks["physical abuse"].citations
    assert card in risks["financial abuse"].citations
    police = next(i for i, s in enumerate(transcript.segments) if "police" in s.text)
    assert police in risks["person's wishes"].citations


@pytest.mark.parametrize("record_id", sorted(RECORDS))
@pytest.mark.parametrize("labelled", [True, False], ids=["speakers", "no-speakers"])
def test_no_action_the_worker_did_not_commit_to(record_id: str, labelled: bool) -> None:
    record, transcript, result = drafted(record_id, labelled=labelled)
    assert result.actions
    for action in result.actions:
        for index in action.citations:
            said = transcript.segments[index].text
            assert record["utterances"][index]["speaker"] == "Worker", (action.text, said)
            overlap = set(content_terms(action.text)) & set(content_terms(said))
            assert len(overlap) >= 2, (action.text, said)


@pytest.mark.parametrize("record_id", sorted(RECORDS))
def test_every_reference_risk_is_flagged_and_every_sentence_cites(record_id: str) -> None:
    mapping = {"falls risk": "falls", "medication errors": "missed medication",
               "social isolation": "social isolation",
               "self-neglect / nutrition (weight loss)": "weight loss",
               "carer breakdown / carer strain": "carer breakdown",
               "risk of Grace leaving home at night": "wandering",
               "carer health (angina)": "carer health", "financial abuse": "financial abuse",
               "physical abuse": "physical abuse", "person's wishes: no police": "person's wishes"}
    record, _, result = drafted(record_id)
    flagged = {f.category for f in result.flags if f.kind == "risk"}
    assert {mapping[r] for r in record["risk_flags"]} <= flagged
    assert all(s.citations for section in result.sections for s in section.sentences)
