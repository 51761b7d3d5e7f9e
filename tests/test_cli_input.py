"""Input checked at the edge, through the real command line: case references and names are
limited in length and refused with control characters in them; text already in a vault is
printed with its control characters escaped; and a transcript file with wrong types ends
with one plain line and exit code 2, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.casework import Casework
from storage.records import Consent
from tests.fakes import fake_services
from tests.storage.test_export import PASSPHRASE, TRANSCRIPT
from tests.test_cli import assert_user_error, casenotes
from tests.test_cli_export import run
from transcription.transcript import Segment, Transcript

ESC = "\x1b"


@pytest.fixture
def data(settings) -> Path:  # type: ignore[no-untyped-def]
    work, _ = Casework.init(fake_services(settings, TRANSCRIPT), PASSPHRASE, name="Sam Taylor",
                            use_keyring=False)
    work.lock()
    return settings.data_dir


@pytest.mark.parametrize(("field", "value", "expected"), [
    ("--case", "C-1" + ESC + "[2J", "The case reference contains a control character (\\x1b"),
    ("--case", "C-1\nC-2", "contains a control character (\\n"),
    ("--person", "Mrs\tPatel", "The person's name contains a control character (\\t"),
    ("--person", "Mrs \u202eletaP", "contains a control character (\\u202e"),
    ("--person", "P" * 201, "The person's name is 201 characters long; Casenotes keeps at most "
     "200"),
    ("--case", "C" * 201, "The case reference is 201 characters long"),
])
def test_visit_new_checks_the_case_and_the_name(data: Path, field: str, value: str,
                                                expected: str) -> None:
    given = {"--case": "C-1", "--person": "Mrs Patel", field: value}
    result = run(data, "visit", "new", "--case", given["--case"], "--person", given["--person"],
                 "--consent", "the person")
    assert_user_error(result, expected)
    assert ESC not in result.stderr
    assert json.loads(run(data, "visit", "list", "--json").stdout) == []


def test_two_hundred_characters_are_fine(data: Path) -> None:
    assert run(data, "visit", "new", "--case", "C" * 200, "--person", "Mrs Patel",
               "--consent", "the person").returncode == 0


def test_text_in_the_vault_is_printed_with_control_characters_escaped(settings) -> None:  # type: ignore[no-untyped-def]
    """A vault made before the check (or a transcript's own words) may hold them."""
    work, _ = Casework.init(fake_services(settings, TRANSCRIPT), PASSPHRASE, name="Sam Taylor",
                            use_keyring=False)
    visit = work.record.create_visit("C-1", "Mrs Patel", "home-visit",
                                     Consent("the person", "verbal"))
    title = ESC + "]0;owned" + "\x07"
    work.vault.run(lambda c: c.execute("UPDATE cases SET reference = ?, person = ?",
                                       ("C-1" + ESC + "[2J", "Mrs" + ESC + "[31m Patel")))
    work.record.save_transcript(visit, None, Transcript("en", 5.0, (
        Segment(0.0, 5.0, "I said" + title + " no.", "person"),)), "base")
    work.lock()
    listed = run(settings.data_dir, "visit", "list")
    assert listed.returncode == 0, listed.stderr
    assert "C-1\\x1b[2J" in listed.stdout and "Mrs\\x1b[31m Patel" in listed.stdout
    shown = run(settings.data_dir, "visit", "show", str(visit))
    assert shown.returncode == 0, shown.stderr
    assert "I said\\x1b]0;owned\\x07 no." in shown.stdout
    for out in (listed.stdout, shown.stdout):
        assert ESC not in out and "\x07" not in out
    # JSON is data, escaped by the JSON encoder itself.
    assert json.loads(run(settings.data_dir, "visit", "list", "--json").stdout)[0]["case"] == \
        "C-1" + ESC + "[2J"


@pytest.mark.parametrize(("segment", "expected"), [
    ({"text": "Hello", "words": 5}, 'segment 0 has "words" that are not a list'),
    ({"text": "Hello", "start": "soon"}, "segment 0 has a start or end that is not a number"),
    ({"text": "Hello", "start": True}, "segment 0 has a start or end that is not a number"),
    ({"text": "Hello", "end": None}, "segment 0 has a start or end that is not a number"),
    ({"text": "Hello", "words": [{"word": "Hello", "start": "0.5"}]},
     "word 0 of segment 0 has a start, end or probability that is not a number"),
    ({"text": "Hello", "words": ["Hello"]}, 'word 0 of segment 0 is not an object'),
    ({"text": "Hello", "words": [{"word": 7}]}, 'word 0 of segment 0 is not an object'),
])
def test_a_transcript_with_wrong_types_is_one_plain_line(tmp_path: Path, segment: dict,
                                                         expected: str) -> None:
    path = tmp_path / "t.json"
    path.write_text(json.dumps({"language": "en", "segments": [segment]}))
    assert_user_error(casenotes("draft", str(path), "--llm", "none", data_dir=tmp_path / "d"),
                      f"t.json is not a Casenotes transcript: {expected}")
    piped = casenotes("draft", "-", "--llm", "none", data_dir=tmp_path / "d",
                      stdin=path.read_text())
    assert_user_error(piped, f"standard input is not a Casenotes transcript: {expected}")


def test_a_transcript_language_that_is_not_text(tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    path.write_text(json.dumps({"language": 5, "segments": [{"text": "Hello"}]}))
    assert_user_error(casenotes("draft", str(path), "--llm", "none", data_dir=tmp_path / "d"),
                      'its "language" is not text')
