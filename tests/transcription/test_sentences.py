"""Batched decoding's long stretches cut into sentence segments by their word times."""

from __future__ import annotations

from typing import Any

from transcription.sentences import LONGEST, split_by_words
from transcription.transcript import Segment, Word


def _timed(text: str, start: float = 0.0, gaps: dict[int, float] | None = None) -> Segment:
    """A segment of `text`, a word every 0.4 s (0.3 s spoken), longer gaps where given."""
    words, at = [], start
    for i, token in enumerate(text.split()):
        words.append(Word(token, at, at + 0.3, 0.9))
        at += 0.4 + (gaps or {}).get(i, 0.0)
    return Segment(start, words[-1].end + 0.2, text, None, tuple(words))


def test_a_stretch_of_two_turns_is_cut_where_each_sentence_ends() -> None:
    stretch = _timed("How are you sleeping? Not well, I wake at four. Mr. Khan said so.")
    pieces = split_by_words(stretch)
    assert [p.text for p in pieces] == ["How are you sleeping?", "Not well, I wake at four.",
                                        "Mr. Khan said so."]  # "Mr." ends nothing
    assert pieces[0].start == stretch.start and pieces[-1].end == stretch.end
    assert pieces[1].start == pieces[1].words[0].start
    assert pieces[0].end == pieces[0].words[-1].end <= pieces[1].start
    assert sum((p.words for p in pieces), ()) == stretch.words  # no word lost or doubled


def test_a_long_pause_cuts_without_punctuation_and_a_one_word_sentence_waits() -> None:
    stretch = _timed("Yes. right then we will ring the duty team on Monday", gaps={3: 1.2})
    assert [p.text for p in split_by_words(stretch)] == [
        "Yes. right then we", "will ring the duty team on Monday"]


def test_a_piece_over_the_longest_is_cut_at_its_longest_pause() -> None:
    words = " ".join(f"w{i}" for i in range(50))  # 20 s with no sentence end
    pieces = split_by_words(_timed(words, gaps={30: 0.5}))
    assert [len(p.words) for p in pieces] == [31, 19]
    assert all(p.end - p.start <= LONGEST + 0.5 for p in pieces)


def test_a_segment_without_word_times_is_left_as_it_is() -> None:
    plain = Segment(0.0, 30.0, "Hello. Goodbye.")
    assert split_by_words(plain) == [plain]


class _Word:
    def __init__(self, word: str, start: float, end: float) -> None:
        self.word, self.start, self.end, self.probability = word, start, end, 0.9


class _Decoded:
    def __init__(self, start: float, end: float, text: str) -> None:
        self.start, self.end, self.text = start, end, text
        step = (end - start) / len(text.split())
        self.words = [_Word(w, start + i * step, start + (i + 1) * step - 0.05)
                      for i, w in enumerate(text.split())]


class _Info:
    language = "en"


def _fake(pipeline: object, model: object) -> Any:
    """A WhisperTranscriber whose batched pipeline and one-by-one model are the fakes given."""
    from transcription.transcriber import WhisperTranscriber

    transcriber = object.__new__(WhisperTranscriber)
    transcriber.name, transcriber.english_only = "base", False
    transcriber._pipeline, transcriber._model = pipeline, model
    return transcriber


class _Batched:
    """Skips 10-22 s as Whisper batched without timestamps can: it writes only the end."""
    def transcribe(self, audio: object, **options: object) -> tuple[list[_Decoded], _Info]:
        assert options["without_timestamps"] is True and options["word_timestamps"] is True
        return [_Decoded(0.0, 10.0, "We talked about the stairs."),
                _Decoded(22.0, 25.0, "I'll ring the GP.")], _Info()


class _OneByOne:
    def __init__(self) -> None:
        self.asked: list[float] = []

    def transcribe(self, audio: Any, **options: object) -> tuple[list[_Decoded], _Info]:
        self.asked.append(len(audio) / 16000)
        return [_Decoded(1.0, 9.0, "She had a fall on Tuesday.")], _Info()


def test_a_stretch_the_batched_decoder_skipped_is_decoded_again_one_by_one() -> None:
    import numpy as np

    from transcription.transcriber import TranscribeOptions

    transcriber = _fake(_Batched(), again := _OneByOne())
    _, segments = transcriber.transcribe(np.zeros(26 * 16000, dtype=np.float32),
                                         TranscribeOptions(batch_size=8))
    found = list(segments)
    assert [s.text for s in found] == ["We talked about the stairs.",
                                       "She had a fall on Tuesday.", "I'll ring the GP."]
    assert found[1].start == 11.0 and found[1].words[0].start == 11.0  # in the recording's time
    assert again.asked == [12.0]  # the hole only (the last second is under HOLE)


class _Looping:
    """A stretch that lost its place: a loop, and a word drawn out over skipped speech."""
    def transcribe(self, audio: object, **options: object) -> tuple[list[_Decoded], _Info]:
        drawn = _Decoded(10.0, 20.0, "Here no.")  # 10 s of speech heard as two words
        return [_Decoded(0.0, 10.0, "Left, left, left, left, left, left, left, left."),
                drawn], _Info()


class _Whole:
    def __init__(self) -> None:
        self.asked: list[tuple[int, int]] = []

    def transcribe(self, audio: Any, **options: object) -> tuple[list[_Decoded], _Info]:
        self.asked.append((0, round(len(audio) / 16000)))
        return [_Decoded(0.5, 9.5, "I want someone my age who likes football, not a Leeds "
                                   "fan.")], _Info()


def test_a_stretch_that_loops_or_skips_inside_is_decoded_again_one_by_one() -> None:
    """sc-dev-08 in espeak-ng: batched decoding wrote "left" nine times for twenty words, and
    "here no" (one 3.7 s word) for twenty-five; each stretch is decoded again unbatched and
    kept where that hears more."""
    import numpy as np

    from transcription.transcriber import TranscribeOptions, suspect

    drawn = Segment(10.0, 20.0, "Here no.", None, (Word("Here", 10.0, 10.4, 0.5),
                                                   Word("no.", 10.5, 19.5, 0.5)))
    assert suspect(drawn)
    assert not suspect(_timed("We talked about the stairs and the rail."))
    transcriber = _fake(_Looping(), again := _Whole())
    _, segments = transcriber.transcribe(np.zeros(20 * 16000, dtype=np.float32),
                                         TranscribeOptions(batch_size=8))
    texts = [s.text for s in segments]
    assert again.asked == [(0, 10), (0, 10)], again.asked  # each stretch, again
    assert "I want someone my age who likes football, not a Leeds fan." in texts, texts
    assert not any("left, left" in t.lower() for t in texts), texts


class _LateStart:
    """Decoding a hole one by one can skip too: it starts 6 s in (sc-dev-07 in espeak-ng lost
    "Arthur was her husband, love. He passed. Was anyone else there with him?" so)."""
    def __init__(self) -> None:
        self.asked: list[float] = []

    def transcribe(self, audio: Any, **options: object) -> tuple[list[_Decoded], _Info]:
        self.asked.append(len(audio) / 16000)
        if len(audio) / 16000 > 10:
            return [_Decoded(6.0, 11.0, "I don't know, love.")], _Info()
        return [_Decoded(0.5, 5.5, "Her husband passed.")], _Info()


def test_a_hole_the_one_by_one_decoding_leaves_at_its_start_is_decoded_once_more() -> None:
    import numpy as np

    from transcription.transcriber import TranscribeOptions

    transcriber = _fake(_Batched(), again := _LateStart())
    _, segments = transcriber.transcribe(np.zeros(26 * 16000, dtype=np.float32),
                                         TranscribeOptions(batch_size=8))
    found = list(segments)
    assert [s.text for s in found] == ["We talked about the stairs.", "Her husband passed.",
                                       "I don't know, love.", "I'll ring the GP."], found
    assert again.asked == [12.0, 6.0]  # the hole, then the 6 s its decoding skipped, once
    assert found[1].start == 10.5 and found[2].start == 16.0
