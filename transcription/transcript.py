"""The transcript: plain, immutable data shared by transcription, drafting, storage and UI.

JSON shape (documented in resources/schemas/transcript.schema.json)::

    {"language": "en", "duration": 71.5,
     "segments": [{"start": 0.0, "end": 9.0, "text": "...", "speaker": "Practitioner"}]}

`speaker` is optional. A draft cites segments by their index in `segments`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from transcription.errors import TranscriptFormatError


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
            try:
                start = float(raw.get("start", 0.0))
                end = float(raw.get("end", start))
            except (TypeError, ValueError):
                raise bad(f"segment {i} has a start or end that is not a number") from None
            speaker = raw.get("speaker")
            if speaker is not None and not isinstance(speaker, str):
                raise bad(f'segment {i} has a "speaker" that is not text')
            words = tuple(
                Word(str(w.get("word", "")), float(w.get("start", start)),
                     float(w.get("end", end)), float(w.get("probability", 1.0)))
                for w in raw.get("words", ()) if isinstance(w, dict)
            )
            segments.append(Segment(start, end, text.strip(), speaker or None, words))
        language = data.get("language") or "en"
        duration = data.get("duration")
        if not isinstance(duration, (int, float)):
            duration = segments[-1].end if segments else 0.0
        return cls(str(language), float(duration), tuple(segments))

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
