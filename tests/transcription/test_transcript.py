from __future__ import annotations

import json
from pathlib import Path

import pytest

from transcription.errors import TranscriptFormatError
from transcription.transcript import Transcript
from transcription.wer import word_error_rate


def test_round_trip(sample_transcript: Transcript) -> None:
    again = Transcript.from_dict(json.loads(json.dumps(sample_transcript.to_dict())))
    assert again == sample_transcript
    assert again.segments[0].speaker == "Practitioner"


def test_speaker_is_optional() -> None:
    t = Transcript.from_dict({"segments": [{"start": 0, "end": 1, "text": " Hello "}]})
    assert t.segments[0].speaker is None and t.segments[0].text == "Hello"
    assert t.language == "en" and t.duration == 1.0


@pytest.mark.parametrize(("content", "expected"), [
    ("not json at all", "is not valid JSON"),
    ('{"segments": [{"start": 0}]}', 'segment 0 has no "text"'),
    ("[1, 2]", "is not a JSON object"),
    ('{"text": "hi"}', 'no "segments" list'),
])
def test_bad_transcripts_are_named(tmp_path: Path, content: str, expected: str) -> None:
    path = tmp_path / "t.json"
    path.write_text(content)
    with pytest.raises(TranscriptFormatError, match=expected):
        Transcript.load(path)


def test_word_error_rate() -> None:
    assert word_error_rate("I had a fall", "I had a fall.") == 0
    assert word_error_rate("I had a fall", "I have a fall") == 0.25
    assert word_error_rate("two hours", "2 hours") == 0
