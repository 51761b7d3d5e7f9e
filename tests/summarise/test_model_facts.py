"""A capable model's facts, window by window: each kind of wrong fact a small model was seen
to write is caught by the checker, and the drafter keeps it flagged beside the evidence."""

from __future__ import annotations

import re
from typing import Any

import pytest

from summarise.drafter import DraftCompleted, SectionDrafted, draft, read_ahead
from summarise.factcheck import check_fact
from summarise.llm import parse_json
from summarise.model_draft import FactsRead
from summarise.model_facts import FactsCache, windows
from summarise.templates import load_template
from transcription.transcript import Segment, Transcript

LINES = {
    0: ("Worker", "practitioner", "Would you like an interpreter next time? We could get a "
                                  "Polish one."),
    1: ("Mrs Nowak", "person", "No, I am fine, my English is okay."),
    2: ("Worker", "practitioner", "Any falls since the stroke?"),
    3: ("Mrs Nowak", "person", "I had the stroke in May. I walk with a stick now."),
    4: ("Mrs Nowak", "person", "Stop the teatime call. Keep the morning one for the shower."),
    5: ("Mick", "carer", "I do her shopping on Fridays."),
}
NAMES = ["Mrs Nowak", "Worker", "Mick"]


def _check(text: str, cited: list[int]) -> tuple[bool, tuple[str, ...]]:
    return check_fact(text, cited, LINES, NAMES)


def test_a_fact_that_follows_from_its_lines_passes() -> None:
    assert _check("Had the stroke in May; walks with a stick now.", [3]) == (True, ())
    assert _check("Mick does her shopping on Fridays.", [5])[0]
    assert _check("Declined a Polish interpreter.", [0, 1])[0]


def test_a_denial_of_something_never_mentioned_is_caught() -> None:
    """The issue's case: "No falls since the stroke" from lines about the stroke alone."""
    ok, problems = _check("No falls since the stroke.", [3])
    assert not ok and any("falls" in p or "fall" in p for p in problems)


@pytest.mark.parametrize("cited", [[0], [0, 1]])
def test_a_declined_offer_reported_as_agreed_is_caught(cited: list[int]) -> None:
    """The issue's case: the words are all there, the meaning is the opposite."""
    ok, problems = _check("The worker agreed to get a Polish interpreter for next time.", cited)
    assert not ok and "decline" in " ".join(problems)
    ok, problems = _check("Worker to get a Polish interpreter next time.", cited)
    assert not ok


def test_declined_needs_a_refusal() -> None:
    ok, problems = _check("Declined the teatime call.", [4])
    assert not ok and "do not refuse" in " ".join(problems)


def test_a_swapped_object_is_caught() -> None:
    """Seen: "wants to stop the morning call" from "Stop the teatime call. Keep the morning
    one": every word is in the lines."""
    ok, problems = _check("Mrs Nowak wants to stop the morning call and keep the shower.", [4])
    assert not ok and "stop" in " ".join(problems)
    assert _check("Mrs Nowak wants to stop the teatime call.", [4])[0]


def test_words_given_to_the_wrong_speaker_are_caught() -> None:
    ok, problems = _check("Mick says he had the stroke in May.", [3])
    assert not ok and "gives these words to Mick" in " ".join(problems)


def test_the_persons_she_about_someone_else_is_not_the_person() -> None:
    """Seen on sc-dev-10: "Tracey says she comes Fridays for shopping" from Tracey's own "She
    comes Fridays for the shopping" (about her neighbour)."""
    lines = {0: ("Worker", "practitioner", "And Bernie, how often does she come?"),
             1: ("Tracey", "person", "She comes Fridays for the shopping. I had toast today.")}
    ok, problems = check_fact("Tracey says she comes Fridays for the shopping.", [0, 1], lines,
                              ["Tracey", "Worker"], "Tracey")
    assert not ok and "someone else" in " ".join(problems)
    assert check_fact("Tracey had toast today.", [1], lines, ["Tracey"], "Tracey")[0]
    assert check_fact("Bernie comes Fridays for the shopping.", [0, 1], lines, ["Tracey"],
                      "Tracey")[0]


# Kinds that passed the checks on sc-dev-10 (read while building them), each caught now.
KINDS = {150: ("Worker", "practitioner", "And do you look after anybody now? Any caring "
                                         "responsibilities?"),
         151: ("Tracey", "person", "Just Mitzi! No. Not since me mam."),
         112: ("Worker", "practitioner", "That's good. And the rent - all okay with that?"),
         113: ("Tracey", "person", "It comes out me Universal Credit. It's all paid, I'm not "
                                   "in arrears."),
         124: ("Worker", "practitioner", "Bernie might be entitled to a carer's assessment "
                                         "herself, in her own right. Would you give her my "
                                         "number?"),
         125: ("Tracey", "person", "Yeah, I'll tell her tonight when she rings.")}


@pytest.mark.parametrize(("wrong", "cited", "why"), [
    ("Tracey looks after Mitzi now.", [150, 151], "not"),           # the answer's "No." lost
    ("Tracey's rent is all okay with that.", [112, 113], "question's words"),
    ("Tracey says Bernie might be entitled to a carer's assessment herself.", [124, 125],
     "another speaker's"),
])
def test_kinds_seen_getting_through_are_caught(wrong: str, cited: list[int], why: str) -> None:
    ok, problems = check_fact(wrong, cited, KINDS, ["Tracey", "Worker"], "Tracey")
    assert not ok and why in " ".join(problems)


@pytest.mark.parametrize(("right", "cited"), [
    ("Tracey does not look after anybody now, not since her mam.", [150, 151]),
    ("Her rent is all paid; not in arrears.", [112, 113]),
    ("Tracey will tell Bernie tonight when she rings.", [124, 125]),
])
def test_their_faithful_versions_pass(right: str, cited: list[int]) -> None:
    assert check_fact(right, cited, KINDS, ["Tracey", "Worker"], "Tracey") == (True, ())


def test_a_retold_question_is_no_fact() -> None:
    from summarise.model_facts import retells
    assert retells("The worker asked if Tracey had agoraphobia.")
    assert retells("Worker asked Tracey if she wanted a referral.")
    assert not retells("Tracey asked for a bath board.")


def test_speech_is_not_a_note() -> None:
    assert not _check("Any falls since the stroke?", [2])[0]
    assert not _check("I had the stroke in May.", [3])[0]


def test_a_window_never_ends_on_a_question_and_an_unfinished_one_waits() -> None:
    segments = [Segment(i, i + 1, text) for i, text in enumerate(
        ["word " * 60 + "end.", "So how are you doing " + "word " * 60 + "?", "Fine.",
         "Then more " + "word " * 70 + "."])]
    done = windows(segments, 100)
    assert [(w.start, w.end) for w in done] == [(0, 3), (3, 4)]
    assert [(w.start, w.end) for w in windows(segments[:3], 100, final=False)] == [(0, 3)]
    assert windows(segments[:2], 100, final=False) == []


def test_a_cut_off_answer_keeps_its_complete_facts() -> None:
    cut = '{"facts": [{"text": "No falls.", "lines": [2, 3]}, {"text": "Walks wi'
    assert parse_json(cut) == {"facts": [{"text": "No falls.", "lines": [2, 3]}]}


VISIT = [("Worker", "Hello, I'm from the council. How have you been since the stroke?"),
         ("Mrs Nowak", "I had the stroke in May. I walk with a stick now."),
         ("Worker", "Any falls since then?"),
         ("Mrs Nowak", "No."),
         ("Worker", "Would you like an interpreter next time? We could get a Polish one."),
         ("Mrs Nowak", "No, I am fine, my English is okay."),
         ("Mick", "I do her shopping on Fridays, and I clean on Sundays."),
         ("Worker", "I'll ring the GP about her tablets this week.")]


class ScriptedModel:
    """A capable chat model whose answers are scripted by the lines it is shown."""

    name = "scripted 1.5B"
    section_mode = True

    def __init__(self, answers: dict[str, list[tuple[str, list[int]]]]) -> None:
        self.answers = answers
        self.facts_cache = FactsCache()
        self.asked: list[str] = []

    def rewrite(self, statement: str, voice: Any) -> None:
        return None

    def chat_json(self, messages: list[dict[str, str]], schema: dict[str, Any],
                  max_tokens: int) -> dict[str, Any]:
        lines = messages[-1]["content"]
        self.asked.append(lines)
        facts = [{"text": text, "lines": cited} for key, said in self.answers.items()
                 if key in lines for text, cited in said]
        return {"facts": facts}


def _visit(count: int = len(VISIT)) -> Transcript:
    return Transcript("en", count, tuple(Segment(i, i + 1, text, speaker=who)
                                         for i, (who, text) in enumerate(VISIT[:count])))


ROLES = {"Worker": "practitioner", "Mrs Nowak": "person", "Mick": "carer"}
ANSWERS = {"stick now": [("Had a stroke in May and walks with a stick now.", [1])],
           "falls since then": [("No falls since then.", [3])],
           "Polish": [("The worker agreed to get a Polish interpreter for next time.", [4])],
           "shopping": [("Mick does her shopping on Fridays and cleans on Sundays.", [6])],
           "tablets": [("Worker to ring the GP about her tablets this week.", [7])]}


def _draft(model: ScriptedModel, transcript: Transcript) -> tuple[list[object], Any]:
    events = list(draft(transcript, load_template("home-visit"), writer=model,
                        person_name="Mrs Nowak", speakers=ROLES))
    done = events[-1]
    assert isinstance(done, DraftCompleted)
    return events, done.draft


def test_the_model_path_replaces_the_extractive_draft_and_sets_a_wrong_fact_aside(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("summarise.model_facts.WINDOW_WORDS", 20)
    model = ScriptedModel(ANSWERS)
    events, result = _draft(model, _visit())
    reads = [e for e in events if isinstance(e, FactsRead)]
    assert reads and reads[-1].done == reads[-1].total and reads[-1].facts == 5
    shown = [e.section.id for e in events if isinstance(e, SectionDrafted)]
    assert len(shown) > len(set(shown)), "the extractive sections were never replaced"
    sentences = [s for section in result.sections for s in section.sentences]
    by_model = {s.text: s for s in sentences if s.source == "llm"}
    assert by_model["No falls since then."].supported
    assert by_model["No falls since then."].citations == (2, 3)  # the question joins its answer
    # the wrong fact cites only the question, whose answer the extractive facts already
    # carry with it ("Asked whether she would like an interpreter…: no…"): it is set aside
    # below the note, unverified, with why
    wrong = {s.text: s for s in result.set_aside}[
        "The worker agreed to get a Polish interpreter for next time."]
    assert not wrong.supported and any("decline" in p for p in wrong.problems)
    assert "The worker agreed to get a Polish interpreter for next time." not in by_model
    # the extractive fact the wrong one would have replaced is still there
    assert any("English is okay" in s.text for s in sentences if s.source == "extractive")
    # the GP call is an action once (the words found it), not also a sentence of the body
    assert [a.citations for a in result.actions if "ring the gp" in a.text.lower()] == [(7,)]
    assert not any("GP" in s.text for s in sentences)
    assert result.writers()["scripted 1.5B"] >= 2


def test_read_ahead_during_a_recording_leaves_only_the_last_stretch_for_stop(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("summarise.model_facts.WINDOW_WORDS", 20)
    model = ScriptedModel(ANSWERS)
    template = load_template("home-visit")
    read = read_ahead(_visit(6), template, model, person_name="Mrs Nowak", speakers=ROLES)
    assert read >= 1 and len(model.asked) == read
    before = len(model.asked)
    _, result = _draft(model, _visit())
    total = len(windows(_visit().segments, 20))
    assert len(model.asked) - before == total - read  # only what the recording had not read
    assert result.writers()["scripted 1.5B"] >= 2


def test_the_extractive_writer_reads_nothing_ahead() -> None:
    class Small(ScriptedModel):
        section_mode = False

    model = Small(ANSWERS)
    assert read_ahead(_visit(), load_template("home-visit"), model) == 0
    assert model.asked == []


def test_is_meant_to_is_no_action() -> None:
    from summarise.model_facts import _kind
    assert _kind("Mrs Nowak is meant to be on oxygen for fifteen hours a day.") != "action"
    assert _kind("Her son Gary to ring the GP on Monday.") == "action"
    assert re.match(r"^No\b", "No falls.") and _kind("No falls.") == "negative"


def test_a_garbled_restatement_of_covered_lines_is_set_aside_not_flagged(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Seen on the dev set: the 1.5B model restated half the lines wrongly ("Mick says he
    will have someone over"). Where the note already holds those lines' words, the wrong
    restatement is shown below the note, set aside with its reason, not flagged in it."""
    monkeypatch.setattr("summarise.model_facts.WINDOW_WORDS", 20)
    answers = {"shopping": [("Mick says he has a stroke on Sundays.", [6])]}
    _, result = _draft(ScriptedModel(answers), _visit())
    assert [s.text for s in result.set_aside] == ["Mick says he has a stroke on Sundays."]
    assert result.set_aside[0].problems and result.set_aside[0].source == "llm"
    body = [s.text for section in result.sections for s in section.sentences]
    assert not any("stroke on Sundays" in t for t in body)
    assert any("shopping on Fridays" in t for t in body)  # the extractive sentence stays
    assert not any("stroke on Sundays" in f.message for f in result.flags)
    assert "set aside" in " ".join(result.notices)
    again = type(result).from_dict(result.to_dict())
    assert again.set_aside == result.set_aside


# Kinds a reader found among 50 verified sentences of the 1.5B model (README, "Drafting"),
# each with a line of the same shape (not the dev conversations' words) and its fix passing.
SEEN = {1: ("Worker", "practitioner", "What about the bills, Jean? How's that going?"),
        2: ("Jean", "person", "I don't know."),
        3: ("Worker", "practitioner", "Do you get out much?"),
        4: ("Jean", "person", "Every day, nearly. To the shop."),
        5: ("Worker", "practitioner", "Anything worrying you?"),
        6: ("Jean", "person", "No. Just the stairs at night."),
        7: ("Jean", "person", "Would it be the same nurse every time?"),
        8: ("Jean", "person", "Mind the step on your way out."),
        9: ("Worker", "practitioner", "It sounds like part of you wants to move nearer town."),
        10: ("Jean", "person", "Maybe."),
        11: ("Worker", "practitioner", "And at night?"),
        12: ("Jean", "person", "Yes."),
        13: ("Ron", "carer", "The pension goes into the account I look after."),
        14: ("Jean", "person", "He shouts. When he's had a drink."),
        15: ("Worker", "practitioner", "And your sister, when did she move?"),
        16: ("Jean", "person", "Two years back. To Leeds.")}


@pytest.mark.parametrize(("wrong", "cited", "why"), [
    ("Jean does not know how to manage her bills.", [1, 2], "did not know"),
    ("Jean gets out every day to the shop.", [3, 4], "drops 'nearly'"),
    ("Nothing is worrying Jean.", [5, 6], "exception"),
    ("It will be the same nurse every time.", [7], "ask this"),
    ("Jean will mind the step on her way out.", [8], "tell someone else"),
    ("Jean wants to move nearer town.", [9, 10], "reflection"),
    ("Jean is up at night.", [11, 12], "earlier question"),
    ("The pension goes into Jean's account.", [13], "is Jean's"),
    ("Jean shouts when he has had a drink.", [14], "someone else"),
    ("She moved to Leeds two years back.", [15, 16], "someone else here"),
])
def test_kinds_a_reader_found_are_caught(wrong: str, cited: list[int], why: str) -> None:
    ok, problems = check_fact(wrong, cited, SEEN, ["Jean", "Worker", "Ron"], "Jean")
    assert not ok and why in " ".join(problems), problems


@pytest.mark.parametrize(("right", "cited"), [
    ("Jean gets out nearly every day, to the shop.", [3, 4]),
    ("Nothing worrying her; just the stairs at night.", [5, 6]),
    ("Ron says the pension goes into the account he looks after.", [13]),
    ("Her sister moved to Leeds two years back.", [15, 16]),
])
def test_the_faithful_versions_of_those_pass(right: str, cited: list[int]) -> None:
    assert check_fact(right, cited, SEEN, ["Jean", "Worker", "Ron"], "Jean") == (True, ())


def test_no_one_is_no_number() -> None:
    """Seen in the window on a real draft: "No one rang to say they'd be late" was flagged
    "the number 1 is not in the cited conversation"."""
    lines = {0: ("Worker", "practitioner", "Did anybody ring to say they'd be late?"),
             1: ("Jean", "person", "No. Nobody rang.")}
    assert check_fact("No one rang to say they would be late.", [0, 1], lines, ["Jean"],
                      "Jean")[0]
    assert not check_fact("One carer rang to say they would be late.", [0, 1], lines,
                          ["Jean"], "Jean")[0]
