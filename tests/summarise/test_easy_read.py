from __future__ import annotations

import json
from pathlib import Path

from summarise.drafter import DraftCompleted, draft
from summarise.easy_read import easy_read, first_to_second, render
from summarise.templates import load_template
from transcription.transcript import Transcript

RECORDS = {r["id"]: r for r in json.loads(
    (Path(__file__).resolve().parents[1] / "fixtures" / "social-care-dev.json").read_text())}


def _drafted(record_id: str, person: str):  # type: ignore[no-untyped-def]
    record = RECORDS[record_id]
    transcript = Transcript.from_dict({"segments": [
        {"start": i, "end": i + 1, "text": u["text"], "speaker": u["speaker"]}
        for i, u in enumerate(record["utterances"])]})
    result = list(draft(transcript, load_template(record["template"]), person_name=person))[-1]
    assert isinstance(result, DraftCompleted)
    return transcript, result.draft


def test_first_person_becomes_you() -> None:
    assert first_to_second("I'm frightened of him when he's had a drink") == \
        "You're frightened of him when he's had a drink"
    assert first_to_second("my daughter brings me a meal") == "Your daughter brings you a meal"


def test_easy_read_speaks_to_the_person_and_keeps_who_did_what() -> None:
    transcript, note = _drafted("sc-dev-03", "Mr Evans")
    version = easy_read(note.to_dict(), "Mr Evans", [s.text for s in transcript.segments])
    told = version["What you told us"]
    # "He's family. But I'm frightened of him…": the note keeps the two together, and so
    # does the easy-read version, its "but" included
    assert told[told.index("He's family.") + 1] == \
        "But you're frightened of him when he's had a drink."
    assert "He shouted at you and pushed you against the door last month." in told
    assert not any("Mr Evans" in line for line in told)
    assert all(len(line.split()) <= 30 for line in told)
    steps = version["What will happen next"]
    assert any(s.startswith("We will raise a report to keep you safe") for s in steps)
    assert render(version, "Mr Evans").startswith("Notes from our visit, for Mr Evans")


def test_jargon_is_explained() -> None:
    transcript, note = _drafted("sc-dev-01", "Mrs Patel")
    text = " ".join(easy_read(note.to_dict(), "Mrs Patel",
                              [s.text for s in transcript.segments])["What will happen next"])
    assert "an alarm you wear" in text and "pendant" not in text
    assert "a pack that sorts your tablets" in text and "blister" not in text


def test_a_rewritten_sentence_is_kept_as_the_practitioner_wrote_it() -> None:
    transcript, note = _drafted("sc-dev-01", "Mrs Patel")
    content = note.to_dict()
    content["sections"][0]["sentences"][0]["text"] = "Mrs Patel was in hospital for three nights."
    told = easy_read(content, "Mrs Patel", [s.text for s in transcript.segments])
    assert "Mrs Patel was in hospital for three nights." in told["What you told us"]


def test_redrafting_one_section_leaves_the_rest(settings, sample_transcript: Transcript  # type: ignore[no-untyped-def]
                                                ) -> None:
    from app.services import Services

    services = Services(settings, writer_factory=lambda name, s: None)
    first = list(services.draft(sample_transcript, "home-visit", person_name="Mr Jones"))[-1]
    assert isinstance(first, DraftCompleted)
    edited = first.draft.sections[0].sentences[0].__class__(
        "Edited by the practitioner.", (3,), True)
    sections = (first.draft.sections[0].__class__(
        first.draft.sections[0].id, first.draft.sections[0].title, (edited,)),
        *first.draft.sections[1:])
    working = first.draft.__class__(first.draft.template, first.draft.model, sections,
                                    first.draft.actions, first.draft.flags)
    again = services.redraft_section(sample_transcript, working, "daily-living",
                                     person_name="Mr Jones")
    assert again.sections[0].sentences[0].text == "Edited by the practitioner."
    assert [s.id for s in again.sections] == [s.id for s in working.sections]
    assert again.sections[1] == first.draft.sections[1]  # same evidence, same sentences
    assert again.actions == working.actions


def test_low_confidence_words_in_cited_evidence_are_flagged() -> None:
    transcript = Transcript.from_dict({"segments": [
        {"start": 0, "end": 3, "speaker": "Person",
         "text": "My daughter Priya brings a cooked meal on Sundays.",
         "words": [{"word": w, "start": 0, "end": 1, "probability": p}
                   for w, p in [("My", 0.9), ("daughter", 0.9), ("Priya", 0.31),
                                ("brings", 0.9), ("a", 0.9), ("cooked", 0.9), ("meal", 0.9),
                                ("on", 0.9), ("Sundays.", 0.4)]]}]})
    last = list(draft(transcript, load_template("home-visit")))[-1]
    assert isinstance(last, DraftCompleted)
    result = last.draft
    unclear = [f for f in result.flags if f.kind == "low-confidence"]
    # a name and a day decide what the note says: each has its own flag (summarise/unsure.py)
    assert [(f.category, f.citations) for f in unclear] == [("unsure name", (0,)),
                                                             ("unsure date", (0,))]
    assert "'Priya'" in unclear[0].message and "'Sundays'" in unclear[1].message
