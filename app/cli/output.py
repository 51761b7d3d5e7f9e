"""What the command line prints: progress on stderr, transcripts, drafts and visits on stdout.

Words from a transcript or a note go through `escaped`: a control character in them (from an
imported transcript, or typed) is shown as \x1b and the like, never obeyed by the terminal.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, TextIO

from storage.fields import escaped


def drain_transcription(events: Iterable[Any], err: TextIO) -> Any:
    from app.services import SegmentTranscribed, TranscriptionCompleted

    progress = _Progress("Transcribing", err)
    for event in events:
        if isinstance(event, SegmentTranscribed):
            progress.show(event.fraction)
        elif isinstance(event, TranscriptionCompleted):
            progress.done()
            return event
    raise RuntimeError("transcription ended without a result")


def drain_draft(events: Iterable[Any], err: TextIO) -> Any:
    from summarise.drafter import DraftCompleted, SectionDrafted
    from summarise.model_draft import FactsRead

    progress = _Progress("Drafting", err)
    for event in events:
        if isinstance(event, SectionDrafted | FactsRead):
            progress.show(event.done / event.total)
        elif isinstance(event, DraftCompleted):
            progress.done()
            return event.draft
    raise RuntimeError("drafting ended without a result")


class _Progress:
    """Progress on stderr: one updating line on a terminal, a line per 10% otherwise."""

    def __init__(self, label: str, stream: TextIO) -> None:
        self.label, self.stream = label, stream
        self.tty = stream.isatty()
        self.last = -1

    def show(self, fraction: float) -> None:
        percent = int(fraction * 100)
        if self.tty:
            self.stream.write(f"\r{self.label}: {percent:3d}%")
            self.stream.flush()
        elif percent // 10 > self.last // 10 or self.last < 0:
            self.stream.write(f"{self.label}: {percent}%\n")
            self.stream.flush()
        self.last = percent

    def done(self) -> None:
        if self.tty:
            self.stream.write(f"\r{self.label}: 100%\n")
        elif self.last < 100:
            self.stream.write(f"{self.label}: 100%\n")
        self.stream.flush()


def _clock(seconds: float) -> str:
    minutes, secs = divmod(seconds, 60)
    return f"{int(minutes):02d}:{secs:04.1f}"


def print_transcript(transcript: Any, out: TextIO) -> None:
    for i, s in enumerate(transcript.segments):
        speaker = f" {escaped(s.speaker)}:" if s.speaker else ""
        out.write(f"[{i}] {_clock(s.start)}-{_clock(s.end)}{speaker} {escaped(s.text)}\n")


def _cites(citations: Sequence[int]) -> str:
    return " [" + ", ".join(str(i) for i in citations) + "]" if citations else ""


def writers_line(writers: dict[str, int]) -> str:
    """{"extractive": 12, "SmolLM2": 3} -> "extractive 12, SmolLM2 3"."""
    return ", ".join(f"{name} {count}" for name, count in writers.items())


def print_draft(draft: dict[str, Any], out: TextIO) -> None:
    """Print a draft or a stored note (both in the draft JSON shape)."""
    out.write(f"DRAFT ({draft['template']}), written with {draft.get('model', 'unknown')}.\n"
              "Check every sentence against the transcript before approving.\n")
    if draft.get("writers"):
        out.write(f"Sentences by writer: {writers_line(draft['writers'])}.\n")
    for notice in draft.get("notices", []):
        out.write(f"Note: {notice}\n")
    for section in draft["sections"]:
        out.write(f"\n{escaped(section['title'])}\n")
        if not section["sentences"]:
            out.write("  (nothing in the conversation for this section)\n")
        for sentence in section["sentences"]:
            mark = "  " if sentence["supported"] else "! "
            out.write(f"{mark}- {escaped(sentence['text'])}{_cites(sentence['citations'])}\n")
    out.write("\nAgreed actions\n")
    if not draft["actions"]:
        out.write("  (none found: the practitioner made no commitment in the conversation)\n")
    for action in draft["actions"]:
        due = f", by {escaped(action['due'])}" if action["due"] else ""
        out.write(f"  - {escaped(action['text'])} ({escaped(action['owner'])}{due})"
                  f"{_cites(action['citations'])}\n")
    flags = draft["flags"]
    open_flags = [f for f in flags if not f.get("resolution")]
    out.write(f"\nFlags to resolve before approval: {len(open_flags)} of {len(flags)}\n")
    for n, flag in enumerate(flags):
        resolution = flag.get("resolution")
        state = (f" -> {resolution['choice']}"
                 + (f" ({escaped(resolution['reason'])})" if resolution.get("reason") else "")
                 if resolution else "")
        out.write(f"  {n}. {flag['category']}: {escaped(flag['message'])}"
                  f"{_cites(flag['citations'])}"
                  f"{state}\n")
