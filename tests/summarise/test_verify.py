from __future__ import annotations

import pytest

from summarise.verify import verify

EVIDENCE = ("Not too bad. My knee is still sore, and I had a fall on the stairs last Tuesday. "
            "I didn't hurt myself, but it shook me up.")


@pytest.mark.parametrize("sentence", [
    "Mr Jones said his knee is still sore, and he had a fall on the stairs last Tuesday.",
    "Mr Jones said he didn't hurt himself, but it shook him up.",
])
def test_faithful_sentences_verify(sentence: str) -> None:
    ok, problems = verify(sentence, [EVIDENCE], allowed_names=["Mr Jones"])
    assert ok, problems


@pytest.mark.parametrize(("sentence", "problem"), [
    ("Mr Jones said he had a fall on the stairs 3 times.", "number 3"),
    ("Mr Jones said he had a fall on the stairs last Tuesday and hurt himself.", "'not'"),
    ("Mr Jones said his knee is not sore.", "opposite"),
    ("Dr Ahmed will arrange a hip replacement next week.", "name ahmed"),
    ("The practitioner will refer Mr Jones to the falls clinic for a scan.", "words such as"),
])
def test_unfaithful_sentences_are_caught(sentence: str, problem: str) -> None:
    ok, problems = verify(sentence, [EVIDENCE], allowed_names=["Mr Jones"])
    assert not ok
    assert problem in " ".join(problems)


def test_nothing_cited_is_unsupported() -> None:
    ok, problems = verify("Mr Jones is well.", [])
    assert not ok and "cites no transcript" in problems[0]


def test_a_stem_never_becomes_a_negation() -> None:
    from summarise.text import stem
    assert stem("noted") == "noted" and stem("knotted") != "not"
    ok, problems = verify("Mrs Patel said she doesn't want to go in a home.",
                          ["I want to stay in my own home. I don't want to go in a home."],
                          allowed_names=["Mrs Patel"])
    assert ok, problems


@pytest.mark.parametrize(("text", "expected"), [
    ("I'm seventy-six myself", {76}),
    ("about two hundred and forty pounds", {240}),
    ("about 200 and 40 pounds", {240}),          # how Whisper sometimes writes 240
    ("three or four times a night", {3, 4}),
    ("two, three times", {2, 3}),                # two numbers, not five
    ("twenty five minutes", {25}),
    ("one thousand two hundred", {1, 1200}),
])
def test_spoken_numbers_are_read_as_quantities(text: str, expected: set[float]) -> None:
    from summarise.text import numbers
    assert numbers(text) == expected


def test_a_number_verifies_however_it_was_said() -> None:
    evidence = ["I'm seventy-six myself and my pension is two hundred and forty pounds."]
    ok, problems = verify("Mr Okafor said he is 76 and his pension is £240.", evidence,
                          allowed_names=["Mr Okafor"])
    assert ok, problems
    ok, problems = verify("Mr Okafor said he is 77.", evidence, allowed_names=["Mr Okafor"])
    assert not ok and "number 77" in " ".join(problems)
    # and the other way round
    ok, problems = verify("Mr Okafor said he is seventy-six.", ["I am 76."],
                          allowed_names=["Mr Okafor"])
    assert ok, problems


@pytest.mark.parametrize("words", [("take", "takes", "taking", "taken"),
                                   ("manage", "manages", "managed", "managing"),
                                   ("wash", "washes", "washed", "washing"),
                                   ("agree", "agrees", "agreed"),
                                   ("fall", "falls", "fell", "fallen", "falling"),
                                   ("lose", "loses", "lost", "losing")])
def test_inflections_meet(words: tuple[str, ...]) -> None:
    from summarise.text import stem
    stems = {stem(w) for w in words if w != "taken"}
    assert len(stems) == 1, stems


def test_a_sentence_in_another_tense_of_the_same_verb_verifies() -> None:
    ok, problems = verify("Mrs Patel said she manages the stairs but forgets if she takes them.",
                          ["I manage the stairs. Sometimes I forget if I take them."],
                          allowed_names=["Mrs Patel"])
    assert ok, problems


def test_a_stopword_stays_one_when_inflected() -> None:
    """'gets' is 'get': no content of its own, so it never decides whether a sentence holds."""
    from summarise.text import content_terms
    assert content_terms("She gets out of the house and things") == ["hous"]


def test_a_person_swapped_for_another_is_caught() -> None:
    """'his son' for 'his nephew' keeps most words and changes who did it."""
    evidence = ["My nephew Darren takes my bank card and the money's gone."]
    ok, problems = verify("Mr Evans said his son takes his bank card and the money's gone.",
                          evidence, allowed_names=["Mr Evans"])
    assert not ok and "mentions son" in " ".join(problems)
    ok, problems = verify("Mr Evans said his nephew Darren takes his bank card.", evidence,
                          allowed_names=["Mr Evans"])
    assert ok, problems


@pytest.mark.parametrize(("sentence", "evidence"), [
    # the "not" is the second clause's, and its evidence holds no content word to be found by
    ("It got kicked in; not by him.", ["It got kicked in. Not by me."]),
    ("Never told her — she'd go mad.", ["Does Karen know?", "No. I never told her. She'd go "
                                        "mad."]),
    ("Some boys; not Jordan; other boys — they was looking for Jordan.",
     ["Some boys. Not Jordan. Other boys. They was looking for Jordan."]),
    # the first clause rests on the words before the evidence's comma
    ("Her rent is all paid; not in arrears.", ["It's all paid, I'm not in arrears."]),
])
def test_a_not_is_judged_in_its_own_clause(sentence: str, evidence: list[str]) -> None:
    assert verify(sentence, evidence) == (True, ())


@pytest.mark.parametrize(("sentence", "evidence"), [
    ("She is managing.", ["I'm not managing."]),
    ("It got kicked in; by him.", ["It never got kicked in. Not by me."]),
    ("Takes his tablets.", ["I don't take my tablets, no."]),
])
def test_a_clause_that_loses_its_not_is_still_caught(sentence: str,
                                                     evidence: list[str]) -> None:
    ok, problems = verify(sentence, evidence)
    assert not ok and "'not'" in " ".join(problems)
