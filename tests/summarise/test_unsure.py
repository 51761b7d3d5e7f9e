"""A negation, number, date, name or medicine the recogniser was unsure of raises a flag of its
own, saying what is at stake, ahead of the general unclear-words flag and attached to the
sentence resting on it (summarise/unsure.py)."""

from __future__ import annotations

from summarise.drafter import DraftCompleted, draft
from summarise.templates import load_template
from summarise.unsure import critical_words, kind_of
from transcription.transcript import Segment, Transcript, Word


def _segment(start: float, spoken: str, unsure: dict[str, float], speaker: str) -> Segment:
    words, t = [], start
    for token in spoken.split():
        bare = token.strip(".,?!").lower()
        words.append(Word(f" {token}", t, t + 0.3, unsure.get(bare, 0.97)))
        t += 0.3
    return Segment(start, t, spoken, speaker, tuple(words))


def _visit(answer: str, unsure: dict[str, float]) -> Transcript:
    segments = (
        _segment(0.0, "How have you been since you came home from hospital?", {}, "SPEAKER_00"),
        _segment(4.0, answer, unsure, "SPEAKER_01"),
        _segment(9.0, "I'll ring you next week to see how you are.", {}, "SPEAKER_00"),
    )
    return Transcript("en", 12.0, segments)


def _flags(transcript: Transcript):  # type: ignore[no-untyped-def]
    events = list(draft(transcript, load_template("home-visit"),
                        speakers={"SPEAKER_00": "practitioner", "SPEAKER_01": "person"}))
    done = events[-1]
    assert isinstance(done, DraftCompleted)
    return done.draft


def test_an_unsure_negation_raises_its_own_flag_naming_both_readings_before_unclear_words() -> None:
    note = _flags(_visit("I haven't fallen on the stairs since Tuesday, but my knee is sore.",
                         {"haven't": 0.41, "stairs": 0.3}))
    kinds = [f.category for f in note.flags if f.kind == "low-confidence"]
    assert kinds == ["unsure negation", "unclear words"]
    negation = next(f for f in note.flags if f.category == "unsure negation")
    assert "'haven't' or 'have'" in negation.message and negation.citations == (1,)
    # attached to the sentence that rests on it, so Edit… opens that sentence
    assert negation.section is not None and negation.sentence is not None
    section = next(s for s in note.sections if s.id == negation.section)
    cited = section.sentences[negation.sentence]
    assert 1 in cited.citations and "fallen" in cited.text
    # the word is not repeated in the general flag, which keeps the rest
    unclear = next(f for f in note.flags if f.category == "unclear words")
    assert "'stairs'" in unclear.message and "haven't" not in unclear.message


def test_a_sure_negation_and_an_unsure_word_raise_no_meaning_flag() -> None:
    note = _flags(_visit("I haven't fallen on the stairs since Tuesday, but my knee is sore.",
                         {"sore": 0.3}))
    assert not [f for f in note.flags if f.category.startswith("unsure ")]
    assert [f.category for f in note.flags if f.kind == "low-confidence"] == ["unclear words"]


def test_a_doubtful_little_word_is_flagged_only_when_all_but_guessed() -> None:
    answer = "I haven't fallen on the stairs since Tuesday, but my knee is sore."
    doubtful = _flags(_visit(answer, {"the": 0.3, "but": 0.4}))
    guessed = _flags(_visit(answer, {"the": 0.1}))
    assert not [f for f in doubtful.flags if f.kind == "low-confidence"]
    assert [f.category for f in guessed.flags if f.kind == "low-confidence"] == ["unclear words"]


def test_an_auxiliary_counts_only_when_whisper_itself_doubted_it() -> None:
    somewhat = _visit("I had a fall on the stairs on Tuesday.", {"had": 0.7})
    doubted = _visit("I had a fall on the stairs on Tuesday.", {"had": 0.35})
    assert not [f for f in _flags(somewhat).flags if f.category == "unsure negation"]
    flag = next(f for f in _flags(doubted).flags if f.category == "unsure negation")
    assert "'had' or 'hadn't'" in flag.message


def test_numbers_days_names_and_medicines_are_meaning_critical() -> None:
    transcript = _visit("My daughter Helen Price gives me two ramipril on Sundays.",
                        {"helen": 0.5, "price": 0.9, "two": 0.6, "ramipril": 0.4,
                         "sundays": 0.7, "gives": 0.6})
    found = {(c.kind, c.word) for c in critical_words(transcript.segments, [1])}
    assert found == {("name", "Helen Price"), ("number", "two"), ("medicine", "ramipril"),
                     ("date", "Sundays")}


def test_kinds_read_english_not_one_conversation() -> None:
    assert kind_of("never", first=False) == "negation"
    assert kind_of("didn't", first=False) == "negation"
    assert kind_of("half", first=False) == "number" and kind_of("8.30", first=False) == "number"
    assert kind_of("March", first=False) == "date" and kind_of("may", first=False) is None
    assert kind_of("amlodipine", first=False) == "medicine"
    assert kind_of("Blackpool", first=False) == "name"
    assert kind_of("The", first=True) is None and kind_of("I'm", first=False) is None
    assert kind_of("stairs", first=False) is None
