"""The transcript: plain, immutable data shared by transcription, drafting, storage and UI.

JSON shape (documented in resources/schemas/transcript.schema.json)::

    {"language": "en", "duration": 71.5,
     "segments": [{"start": 0.0, "end": 9.0, "text": "...", "speaker": "Practitioner"}]}

`speaker` is optional. A draft cites segments by their index in `segments`.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from transcription.errors import TranscriptFormatError


def _number(raw: dict[str, Any], key: str, default: float | None) -> float | None:
    """raw[key] as a float (`default` when absent); None when it is not a finite number (a
    string, true/false, null, NaN)."""
    value = raw.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or \
            not math.isfinite(value):
        return None
    return float(value)


@dataclass(frozen=True)
class Word:
    text: str
    start: float
    end: float
    probability: float


@dataclass(frozen=True)
class Segment:
    start: float
    end: float
    text: str
    speaker: str | None = None
    words: tuple[Word, ...] = ()

    def shifted(self, seconds: float) -> Segment:
        """The same segment `seconds` later (a stretch's times moved into the recording's)."""
        words = tuple(Word(w.text, w.start + seconds, w.end + seconds, w.probability)
                      for w in self.words)
        return Segment(self.start + seconds, self.end + seconds, self.text, self.speaker, words)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"start": round(self.start, 3), "end": round(self.end, 3),
                               "text": self.text}
        if self.speaker:
            out["speaker"] = self.speaker
        if self.words:
            out["words"] = [{"word": w.text, "start": round(w.start, 3), "end": round(w.end, 3),
                             "probability": round(w.probability, 3)} for w in self.words]
        return out


@dataclass(frozen=True)
class Transcript:
    language: str
    duration: float
    segments: tuple[Segment, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        return {"language": self.language, "duration": round(self.duration, 3),
                "segments": [s.to_dict() for s in self.segments]}

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.segments)

    @classmethod
    def from_dict(cls, data: Any, *, source: str = "The transcript") -> Transcript:
        """Build a Transcript from the JSON shape, naming the first problem found."""
        def bad(detail: str) -> TranscriptFormatError:
            return TranscriptFormatError(
                f"{source} is not a Casenotes transcript: {detail}. "
                "Use the JSON written by 'casenotes transcribe --json'."
            )

        if not isinstance(data, dict):
            raise bad("it is not a JSON object")
        raw_segments = data.get("segments")
        if not isinstance(raw_segments, list):
            raise bad('it has no "segments" list')
        segments = []
        for i, raw in enumerate(raw_segments):
            if not isinstance(raw, dict):
                raise bad(f"segment {i} is not an object")
            text = raw.get("text")
            if not isinstance(text, str):
                raise bad(f'segment {i} has no "text"')
            start = _number(raw, "start", 0.0)
            end = _number(raw, "end", start) if start is not None else None
            if start is None or end is None:
                raise bad(f"segment {i} has a start or end that is not a number")
            speaker = raw.get("speaker")
            if speaker is not None and not isinstance(speaker, str):
                raise bad(f'segment {i} has a "speaker" that is not text')
            raw_words = raw.get("words", [])
            if not isinstance(raw_words, list):
                raise bad(f'segment {i} has "words" that are not a list')
            words = []
            for j, w in enumerate(raw_words):
                if not isinstance(w, dict) or not isinstance(w.get("word", ""), str):
                    raise bad(f'word {j} of segment {i} is not an object with a "word"')
                w_start, w_end = _number(w, "start", start), _number(w, "end", end)
                probability = _number(w, "probability", 1.0)
                if w_start is None or w_end is None or probability is None:
                    raise bad(f"word {j} of segment {i} has a start, end or probability that "
                              "is not a number")
                words.append(Word(w.get("word", ""), w_start, w_end, probability))
            segments.append(Segment(start, end, text.strip(), speaker or None, tuple(words)))
        language = data.get("language") or "en"
        if not isinstance(language, str):
            raise bad('its "language" is not text')
        duration = _number(data, "duration", None)
        if duration is None:
            duration = segments[-1].end if segments else 0.0
        return cls(language, duration, tuple(segments))

    @classmethod
    def load(cls, path: str | Path) -> Transcript:
        path = Path(path)
        if not path.exists():
            raise TranscriptFormatError(
                f"There is no file at {path}. Check the name and folder, then try again."
            )
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except UnicodeDecodeError:
            raise TranscriptFormatError(
                f"{path.name} is not a text file. Use the JSON written by "
                "'casenotes transcribe --json'."
            ) from None
        except json.JSONDecodeError as exc:
            raise TranscriptFormatError(
                f"{path.name} is not valid JSON (line {exc.lineno}: {exc.msg}). Use the JSON "
                "written by 'casenotes transcribe --json'."
            ) from None
        return cls.from_dict(data, source=path.name)
