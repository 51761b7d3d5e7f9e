from __future__ import annotations

from pathlib import Path

import pytest

from summarise.drafter import DraftCompleted, SectionDrafted, draft
from summarise.errors import TemplateError
from summarise.templates import load_template, load_template_file, template_files
from tests.fakes import FakeWriter
from transcription.transcript import Transcript


def _run(transcript: Transcript, template_id: str = "home-visit", **kw):  # type: ignore[no-untyped-def]
    events = list(draft(transcript, load_template(template_id), **kw))
    assert isinstance(events[-1], DraftCompleted)
    assert all(isinstance(e, SectionDrafted) for e in events[:-1])
    return events[-1].draft


def test_sample_draft_is_cited_and_grounded(sample_transcript: Transcript) -> None:
    result = _run(sample_transcript, person_name="Mr Jones")
    sentences = [s for section in result.sections for s in section.sentences]
    assert len(sentences) >= 4
    for sentence in sentences:
        assert sentence.citations
        cited = " ".join(sample_transcript.segments[i].text for i in sentence.citations)
        assert sentence.supported, (sentence.text, sentence.problems, cited)
    texts = " ".join(s.text for s in sentences)
    # note style: the person's own words are never "Mr Jones said ..."
    assert ("Asked how he is getting on with meals and washing: he can make a sandwich, but he "
            "can't stand long enough to cook") in texts
    assert "he had a fall on the stairs last Tuesday" in texts
    assert "Wants to stay in his own home" in texts
    assert "said" not in texts
    assert "?" not in texts  # questions are not facts


def test_sample_actions_and_risks(sample_transcript: Transcript) -> None:
    result = _run(sample_transcript, person_name="Mr Jones")
    actions = [a.text for a in result.actions]
    assert actions == [
        "Refer Mr Jones to the occupational therapist for a bath seat and a second stair rail.",
        "Ask the pharmacy about a blister pack.",
        "Phone Mr Jones next Monday."]
    assert result.actions[2].due == "next Monday"
    categories = {f.category: f.citations for f in result.flags if f.kind == "risk"}
    assert categories == {"falls": (3,), "missed medication": (5,)}
    assert [a.owner for a in result.actions] == ["practitioner"] * 3


def test_a_fabricating_model_never_reaches_the_note_as_supported(
        sample_transcript: Transcript) -> None:
    fabrication = "Mr Jones agreed to move into a care home next month."
    writer = FakeWriter(fabrication)
    result = _run(sample_transcript, writer=writer, person_name="Mr Jones")
    assert writer.calls > 0
    sentences = [s for section in result.sections for s in section.sentences]
    assert all(s.text != fabrication for s in sentences if s.supported)
    assert all(s.source == "extractive" for s in sentences)


def test_a_faithful_model_is_used(sample_transcript: Transcript) -> None:
    class Echo:
        name = "echo"

        def rewrite(self, statement, voice):  # type: ignore[no-untyped-def]
            from summarise.notestyle import note_sentence
            return note_sentence(statement, voice, subject=False).replace(
                " said ", " reported that ")

    result = _run(sample_transcript, writer=Echo(), person_name="Mr Jones")
    sentences = [s for section in result.sections for s in section.sentences]
    # a small model may reword the person's plain statements; an answer keeps its question
    assert any(s.source == "llm" and "reported that" in s.text for s in sentences)
    assert all(s.source == "extractive" for s in sentences if s.text.startswith("Managing"))
    assert result.model == "echo"
    writers = result.writers()
    assert set(writers) == {"extractive", "echo"} and sum(writers.values()) == len(sentences)
    assert writers["echo"] == sum(s.source == "llm" for s in sentences)


def test_unsupported_sentences_are_kept_and_flagged(monkeypatch: pytest.MonkeyPatch) -> None:
    """When no writer's wording verifies, the sentence stays in the note with a flag."""
    import summarise.facts as facts

    monkeypatch.setattr(facts, "note_sentence",
                        lambda text, voice, **kw: "She has had 3 falls this year.")
    transcript = Transcript.from_dict({"segments": [
        {"start": 0, "end": 3, "speaker": "Person",
         "text": "I had a fall on the stairs last Tuesday."}]})
    result = _run(transcript)
    kept = [(section.id, n, s) for section in result.sections
            for n, s in enumerate(section.sentences)]
    assert len(kept) == 1
    section_id, n, sentence = kept[0]
    assert sentence.text == "She has had 3 falls this year." and not sentence.supported
    unsupported = [f for f in result.flags if f.kind == "unsupported"]
    assert len(unsupported) == 1
    assert (unsupported[0].section, unsupported[0].sentence) == (section_id, n)
    assert "number 3" in unsupported[0].message and unsupported[0].citations == (0,)


def test_every_bundled_template_loads() -> None:
    ids = set(template_files())
    assert ids == {"home-visit", "care-act-assessment", "carers-assessment",
                   "safeguarding-concern", "review", "health-check"}
    assert [s.id for s in load_template("health-check").sections] == [
        "presenting", "history", "medication", "ruled-out", "plan"]
    care_act = load_template("care-act-assessment")
    assert {s.id for s in care_act.sections} == {
        "background", "nutrition", "hygiene", "toileting", "dressing", "home-safety",
        "relationships", "work-education", "community", "caring", "wellbeing", "views"}


@pytest.mark.parametrize(("content", "expected"), [
    ('id = "x"\ntitle = "X"\n', "no [[sections]]"),
    ('id = "x"\n[[sections]]\nid = "a"\ntitle = "A"\n', 'no "title"'),
    ("id = [unclosed", "not valid TOML"),
    ('id = "x"\ntitle = "X"\n[[sections]]\nid = "a"\ntitle = "A"\ncues = "fall"\n',
     "not a list of words"),
])
def test_a_broken_template_file_is_named(tmp_path: Path, content: str, expected: str) -> None:
    path = tmp_path / "x.toml"
    path.write_text(content)
    with pytest.raises(TemplateError, match="x.toml is not valid") as info:
        load_template_file(path)
    assert expected in str(info.value)


def test_unknown_template_lists_the_choices() -> None:
    with pytest.raises(TemplateError, match="Choose one of: care-act-assessment"):
        load_template("discharge")


class SectionFabricator:
    """A 'capable' model in section mode that invents an action nobody agreed."""

    name = "fabricating 3B"
    section_mode = True

    def rewrite(self, statement, voice):  # type: ignore[no-untyped-def]
        return None

    def write_section(self, title, guidance, evidence):  # type: ignore[no-untyped-def]
        first = evidence[0][0]
        return [("Mr Jones agreed to move into a care home next month.", (first,)),
                ("Mr Jones said he can make a sandwich.", (first,))]


def test_a_fabricated_statement_comes_back_flagged_unsupported(
        sample_transcript: Transcript) -> None:
    result = _run(sample_transcript, writer=SectionFabricator(), person_name="Mr Jones")
    invented = [(section.id, n, s) for section in result.sections
                for n, s in enumerate(section.sentences) if "care home" in s.text]
    assert invented, "the fabricated sentence was silently dropped"
    for section_id, n, sentence in invented:
        assert not sentence.supported and sentence.source == "llm"
        flag = next(f for f in result.flags if f.kind == "unsupported" and
                    (f.section, f.sentence) == (section_id, n))
        assert "not in the cited conversation" in flag.message
    texts = " ".join(s.text for section in result.sections for s in section.sentences)
    assert "make a sandwich" in texts  # the real evidence is still in the note


def test_a_section_sentence_given_to_the_wrong_speaker_is_flagged() -> None:
    class Misattributor(SectionFabricator):
        def write_section(self, title, guidance, evidence):  # type: ignore[no-untyped-def]
            first = evidence[0][0]
            return [("Mr Jones said his daughter does his shopping on Saturdays.", (first,))]

    transcript = Transcript.from_dict({"segments": [
        {"start": 0, "end": 3, "speaker": "Daughter",
         "text": "I do his shopping on Saturdays, and my daughter does his shopping too."}]})
    result = _run(transcript, writer=Misattributor(), person_name="Mr Jones")
    wrong = [s for section in result.sections for s in section.sentences
             if s.text.startswith("Mr Jones said")]
    assert wrong and not wrong[0].supported
    assert "gives these words to Mr Jones, but the cited words are the daughter's" in \
        wrong[0].problems[0]


class BaseModelWriter:
    """Stands in for a GGUF without a chat template whose context is too small."""

    name = "tiny base model"
    is_chat = False

    def __init__(self) -> None:
        self.too_long = 0

    def rewrite(self, statement, voice):  # type: ignore[no-untyped-def]
        self.too_long += 1  # as LlamaWriter does when a prompt will not fit
        return None

    def notices(self) -> list[str]:
        from summarise.llm import LlamaWriter
        return LlamaWriter.notices(self)  # type: ignore[arg-type]


def test_a_base_model_and_a_context_overflow_are_explained_and_the_draft_falls_back(
        sample_transcript: Transcript) -> None:
    writer = BaseModelWriter()
    writer.n_ctx = 512  # type: ignore[attr-defined]
    result = _run(sample_transcript, writer=writer, person_name="Mr Jones")
    assert any("not a chat model" in n for n in result.notices)
    assert any("too long for the model's context (512 tokens)" in n for n in result.notices)
    sentences = [s for section in result.sections for s in section.sentences]
    assert sentences and all(s.supported and s.source == "extractive" for s in sentences)
    assert result.to_dict()["notices"] == list(result.notices)


def test_a_sentence_cut_by_a_segment_break_is_rebuilt_and_cites_both() -> None:
    transcript = Transcript.from_dict({"segments": [
        {"start": 0, "end": 2, "text": "That makes sense. I'll also refer you for"},
        {"start": 2, "end": 4, "text": "a pendant alarm so you can call for help."},
        {"start": 4, "end": 6, "text": "I'll phone you on Friday."}]})
    result = _run(transcript, person_name="Mrs Patel")
    assert [(a.text, a.citations) for a in result.actions] == [
        ("Refer Mrs Patel for a pendant alarm.", (0, 1)),
        ("Phone Mrs Patel on Friday.", (2,))]


@pytest.mark.parametrize("wording", [
    # a word the evidence does not have: the extractive wording is there to fall back on
    "Mr Jones said his knee is still very painful and he had a fall on the stairs.",
    # the right words, the wrong speaker
    "Helen said her knee is still sore and she had a fall on the stairs last Tuesday.",
])
def test_a_rewrite_that_might_change_a_fact_is_not_used(wording: str) -> None:
    transcript = Transcript.from_dict({"segments": [
        {"start": 0, "end": 3, "speaker": "Person",
         "text": "My knee is still sore and I had a fall on the stairs last Tuesday. Helen "
                 "knows."}]})
    result = _run(transcript, writer=FakeWriter(wording), person_name="Mr Jones")
    sentences = [s for section in result.sections for s in section.sentences]
    assert sentences and all(s.source == "extractive" and s.supported for s in sentences)
    assert all(s.text != wording for s in sentences)


def test_a_rewrite_that_changes_who_is_meant_is_not_used() -> None:
    """Gemma 3 270M wrote this of Mr Evans's "I don't want him in trouble" (about his nephew):
    every word is in the evidence, and the trouble has become his own."""
    transcript = Transcript.from_dict({"segments": [
        {"start": 0, "end": 3, "speaker": "Person",
         "text": "I don't want him in trouble with anybody at all."}]})
    wording = "Mr Evans said he didn't want to be in trouble with anybody at all."
    result = _run(transcript, writer=FakeWriter(wording), person_name="Mr Evans")
    sentences = [s.text for section in result.sections for s in section.sentences]
    assert sentences == ["Doesn't want him in trouble with anybody at all."]


def test_no_words_of_a_conversation_stay_cached_after_its_draft() -> None:
    """The speech helpers are cached while a draft runs, for speed; the caches are emptied
    when it ends, so the conversation's words do not outlive the draft in memory."""
    from summarise.drafter import DraftCompleted, draft
    from summarise.templates import load_template
    from summarise.text import clean_speech, expand_contractions, has_negation
    from transcription.transcript import Transcript

    transcript = Transcript.from_dict({"segments": [
        {"start": 0, "end": 1, "text": "Any falls?", "speaker": "Worker"},
        {"start": 1, "end": 2, "text": "No, I haven't fallen.", "speaker": "Pat"}]})
    events = draft(transcript, load_template("home-visit"),
                   speakers={"Worker": "practitioner", "Pat": "person"})
    done = [e for e in events if isinstance(e, DraftCompleted)]
    assert done and done[0].draft.sections
    assert [f.cache_info().currsize for f in (clean_speech, expand_contractions, has_negation)] \
        == [0, 0, 0]
