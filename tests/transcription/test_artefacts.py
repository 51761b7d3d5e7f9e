"""What Whisper writes that nobody said is taken out before anything reads it."""

from __future__ import annotations

import pytest

from transcription.artefacts import clean, is_caption, without_loops
from transcription.transcript import Segment, Word


def _seg(text: str, start: float = 0.0) -> Segment:
    words = tuple(Word(t, start + i * 0.4, start + i * 0.4 + 0.3, 0.9)
                  for i, t in enumerate(text.split()))
    return Segment(start, start + 0.4 * len(words), text, None, words)


def test_stock_captions_of_subtitled_video_are_dropped_and_real_thanks_kept() -> None:
    for caption in ("Thanks for watching!", "Thank you for watching.", "Please subscribe.",
                    "Subtitles by the Amara.org community", "THANK YOU SO MUCH FOR WATCHING"):
        assert is_caption(caption), caption
    for said in ("Thank you.", "Thanks for coming.", "Thanks for watching him for me.",
                 "I watch the subtitles on the telly."):
        assert not is_caption(said), said
    kept = list(clean([_seg("How are you managing?"), _seg("Thanks for watching!", 3),
                       _seg("Thank you.", 6)]))
    assert [s.text for s in kept] == ["How are you managing?", "Thank you."]


def test_a_phrase_looping_inside_a_segment_is_said_once_with_its_words() -> None:
    looped = _seg("I go to the day centre on Monday " + "and then I go home " * 6 + "later.")
    fixed = without_loops(looped)
    assert fixed.text == "I go to the day centre on Monday and then I go home later."
    assert [w.text for w in fixed.words] == fixed.text.split()


def test_natural_repetition_stays() -> None:
    for said in ("No, no, no, that's not right.", "I know, I know, I know.",
                 "Very very very tired"):
        assert without_loops(_seg(said)).text == said


def test_the_same_segment_over_and_over_is_kept_once_a_few_repeats_stay() -> None:
    loop = [_seg("I'll see you next week then.", 2.0 * i) for i in range(6)]
    assert [s.text for s in clean([_seg("Right."), *loop, _seg("Bye.", 20)])] == [
        "Right.", "I'll see you next week then.", "Bye."]
    twice = [_seg("Can you hear me now?", 0), _seg("Can you hear me now?", 2)]
    assert len(list(clean(twice))) == 2


class _Decoded:  # what faster-whisper yields, as far as the transcriber reads it
    def __init__(self, start: float, end: float, text: str) -> None:
        self.start, self.end, self.text, self.words = start, end, text, None


class _Info:
    language = "en"


class _Model:
    def transcribe(self, audio: object, **options: object) -> tuple[list[_Decoded], _Info]:
        return [_Decoded(0.0, 2.0, " How are you?"), _Decoded(2.0, 30.0, " Thanks for watching!"),
                _Decoded(30.0, 33.0, " Fine" + ", fine, thanks a lot" * 6)], _Info()


class _LoopsAgain:
    def transcribe(self, audio: object, **options: object) -> tuple[list[_Decoded], _Info]:
        return [_Decoded(0.0, 3.0, " Fine" + ", fine, thanks a lot" * 6)], _Info()


@pytest.mark.parametrize("batch", [0, 8], ids=["one by one", "batched"])
def test_the_whisper_transcriber_cleans_what_it_decodes(batch: int) -> None:
    import numpy as np

    from transcription.transcriber import TranscribeOptions, WhisperTranscriber

    transcriber = object.__new__(WhisperTranscriber)
    transcriber.name, transcriber.english_only = "base", False
    # batched, the looping stretch is decoded again one by one (and loops again here)
    transcriber._model = _Model() if not batch else _LoopsAgain()  # type: ignore[assignment]
    transcriber._pipeline = _Model()  # faster-whisper's batched pipeline, as far as read
    _, segments = transcriber.transcribe(np.zeros(16000, dtype=np.float32),
                                         TranscribeOptions(batch_size=batch))
    assert [s.text for s in segments] == ["How are you?", "Fine, fine, thanks a lot"]
