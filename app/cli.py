"""The `casenotes` command. Never imports PySide6 at module level (`gui` imports it lazily).

Every user mistake ends with one plain-English line on stderr and exit code 2; Ctrl+C ends
with exit code 130; only --debug shows a traceback for an unexpected failure.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TextIO

from app import __version__

EXIT_USER_ERROR = 2


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    from app.services import USER_ERRORS

    try:
        return int(args.func(args) or 0)
    except USER_ERRORS as exc:
        print(f"casenotes: {_one_line(exc)}", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        print("\ncasenotes: cancelled.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # noqa: BLE001 - last resort: never a traceback for users
        if args.debug:
            raise
        print(f"casenotes: something went wrong ({type(exc).__name__}: {_one_line(exc)}). "
              "Run the same command with --debug and send the output to your IT team.",
              file=sys.stderr)
        return 1


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="casenotes", description="Offline note assistant for social care.")
    parser.add_argument("--version", action="version", version=f"casenotes {__version__}")
    parser.add_argument("--data-dir", type=Path, metavar="DIR",
                        help="where Casenotes keeps its data (default: your user data folder)")
    parser.add_argument("--debug", action="store_true", help="show details of unexpected errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = sub.add_parser("transcribe", help="transcribe a recording")
    p.add_argument("audio", type=Path, help="WAV, FLAC, MP3, M4A or OGG file")
    p.add_argument("--model", help="base (default), tiny.en, or a CTranslate2 model folder")
    p.add_argument("--language", metavar="CODE", help="e.g. en, cy, pl (default: detect)")
    p.add_argument("--json", action="store_true", help="print the transcript as JSON")
    p.set_defaults(func=cmd_transcribe)

    p = sub.add_parser("draft", help="draft a cited case note from a transcript")
    p.add_argument("transcript", help="transcript JSON from 'transcribe --json' (- for stdin)")
    p.add_argument("--template", help="home-visit (default), care-act-assessment, "
                   "carers-assessment, safeguarding-concern, review")
    p.add_argument("--llm", metavar="PATH", help="smollm2 (default), gemma3-270m, none, or a "
                   ".gguf file")
    p.add_argument("--person", metavar="NAME", help="how the note names the person, "
                   "e.g. 'Mrs Patel'")
    p.add_argument("--json", action="store_true", help="print the draft as JSON")
    p.set_defaults(func=cmd_draft)

    p = sub.add_parser("demo", help="transcribe and draft the bundled sample recording")
    p.add_argument("--llm", metavar="PATH", help="language model, as for 'draft'")
    p.add_argument("--model", help="speech model, as for 'transcribe'")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("templates", help="list the note templates")
    p.set_defaults(func=cmd_templates)

    p = sub.add_parser("gui", help="open the Casenotes window")
    p.set_defaults(func=cmd_gui)
    return parser


def _services(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from app.services import Services
    from app.settings import Settings

    return Services(Settings.load(args.data_dir))


def cmd_transcribe(args: argparse.Namespace) -> int:
    services = _services(args)
    result = _transcribe(services, services.transcribe_file(
        args.audio, model=args.model, language=args.language), sys.stderr)
    transcript = result.transcript
    if args.json:
        json.dump(transcript.to_dict(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        print_transcript(transcript, sys.stdout)
    if not transcript.segments:
        print(f"casenotes: no speech was found in {args.audio.name}.", file=sys.stderr)
    return 0


def cmd_draft(args: argparse.Namespace) -> int:
    from transcription.transcript import Transcript

    if args.transcript == "-":
        try:
            data = json.load(sys.stdin)
        except json.JSONDecodeError as exc:
            from transcription.errors import TranscriptFormatError

            raise TranscriptFormatError(f"standard input is not valid JSON ({exc.msg}). Pipe "
                                        "in the output of 'casenotes transcribe --json'.") from None
        transcript = Transcript.from_dict(data, source="standard input")
    else:
        transcript = Transcript.load(args.transcript)
    services = _services(args)
    draft = _draft(services, services.draft(transcript, args.template, llm=args.llm,
                                            person_name=args.person), sys.stderr)
    if args.json:
        json.dump(draft.to_dict(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        print_draft(draft, sys.stdout)
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from app.services import SAMPLE_PERSON

    services = _services(args)
    sample = services.sample_recording()
    print(f"Sample recording: {sample.name} (a fictional home visit)\n")
    result = _transcribe(services, services.transcribe_file(sample, model=args.model),
                         sys.stderr)
    print(f"Transcript ({result.model}, {result.transcript.duration:.0f} s of audio in "
          f"{result.seconds:.1f} s):")
    print_transcript(result.transcript, sys.stdout)
    print()
    draft = _draft(services, services.draft(result.transcript, "home-visit", llm=args.llm,
                                            person_name=SAMPLE_PERSON), sys.stderr)
    print_draft(draft, sys.stdout)
    return 0


def cmd_templates(args: argparse.Namespace) -> int:
    for template in _services(args).templates():
        print(f"{template.id:24} {template.title} ({len(template.sections)} sections)")
    return 0


def cmd_gui(args: argparse.Namespace) -> int:
    from app.ui.launch import run_gui

    return run_gui(args.data_dir)


# -- progress and printing ----------------------------------------------------------------

def _transcribe(services, events: Iterable, err: TextIO):  # type: ignore[no-untyped-def]
    from app.services import SegmentTranscribed, TranscriptionCompleted

    progress = _Progress("Transcribing", err)
    for event in events:
        if isinstance(event, SegmentTranscribed):
            progress.show(event.fraction)
        elif isinstance(event, TranscriptionCompleted):
            progress.done()
            return event
    raise RuntimeError("transcription ended without a result")


def _draft(services, events: Iterable, err: TextIO):  # type: ignore[no-untyped-def]
    from summarise.drafter import DraftCompleted, SectionDrafted

    progress = _Progress("Drafting", err)
    for event in events:
        if isinstance(event, SectionDrafted):
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


def print_transcript(transcript, out: TextIO) -> None:  # type: ignore[no-untyped-def]
    for i, s in enumerate(transcript.segments):
        speaker = f" {s.speaker}:" if s.speaker else ""
        out.write(f"[{i}] {_clock(s.start)}-{_clock(s.end)}{speaker} {s.text}\n")


def print_draft(draft, out: TextIO) -> None:  # type: ignore[no-untyped-def]
    def cites(c: Sequence[int]) -> str:
        return " [" + ", ".join(str(i) for i in c) + "]" if c else ""

    out.write(f"DRAFT ({draft.template}), written with {draft.model}.\n"
              "Check every sentence against the transcript before approving.\n")
    for section in draft.sections:
        out.write(f"\n{section.title}\n")
        if not section.sentences:
            out.write("  (nothing in the conversation for this section)\n")
        for sentence in section.sentences:
            mark = "  " if sentence.supported else "! "
            out.write(f"{mark}- {sentence.text}{cites(sentence.citations)}\n")
    out.write("\nAgreed actions\n")
    if not draft.actions:
        out.write("  (none found: the practitioner made no commitment in the conversation)\n")
    for action in draft.actions:
        due = f", by {action.due}" if action.due else ""
        out.write(f"  - {action.text} ({action.owner}{due}){cites(action.citations)}\n")
    out.write(f"\nFlags to resolve before approval: {len(draft.flags)}\n")
    for flag in draft.flags:
        out.write(f"  ! {flag.category}: {flag.message}{cites(flag.citations)}\n")


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


if __name__ == "__main__":
    sys.exit(main())
