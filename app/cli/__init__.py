"""The `casenotes` command. Never imports PySide6 at module level (`gui` imports it lazily).

Every user mistake ends with one plain-English line on stderr and exit code 2; Ctrl+C ends
with exit code 130; only --debug shows a traceback for an unexpected failure.

`main` and the parser live here, with the commands that need no vault (transcribe, draft,
demo, templates, gui). The rest, one module per group: vault.py (init, unlock, audit,
retention, backup, restore, passphrase, rekey, and the `visit` parser), visit.py (`visit
...`), export.py (export, profile, vocabulary, voice); with args.py (the options every
command accepts), session.py (secrets, opening the vault) and output.py (printing
transcripts, drafts and progress). They are imported when the parser is built, not before.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from app import __version__
from app.cli.args import add_common, subcommands
from app.cli.output import drain_draft, drain_transcription, print_draft, print_transcript

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
    from summarise.models import LLM_CHOICES

    parser = argparse.ArgumentParser(
        prog="casenotes", description="Offline note assistant for social care.")
    parser.add_argument("--version", action="version", version=f"casenotes {__version__}")
    add_common(parser, suppress=False)
    sub = subcommands(parser, "command")

    p = sub.add_parser("transcribe", help="transcribe a recording")
    p.add_argument("audio", type=Path, help="WAV, FLAC, MP3, M4A or OGG file")
    p.add_argument("--model", help="base (default), tiny.en, or a CTranslate2 model folder")
    p.add_argument("--language", metavar="CODE", help="e.g. en, cy, pl (default: detect)")
    p.add_argument("--json", action="store_true", help="print the transcript as JSON")
    p.set_defaults(func=cmd_transcribe)

    p = sub.add_parser("draft", help="draft a cited case note from a transcript")
    p.add_argument("transcript", help="transcript JSON from 'transcribe --json' (- for stdin)")
    p.add_argument("--template", help="home-visit (default), care-act-assessment, "
                   "carers-assessment, safeguarding-concern, review, health-check")
    p.add_argument("--llm", metavar="NAME", help="; ".join(
        f"{name}: {text}" for name, text in LLM_CHOICES) + "; or the path of a .gguf file")
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
    p.add_argument("--check", action="store_true",
                   help="open the window, say how long that took, and close it again (a "
                        "start-up check for IT after deploying; where the login keyring "
                        "unlocks the vault, unlocking happens as usual)")
    p.set_defaults(func=cmd_gui)

    from app.cli.export import add_capture_commands, add_export_commands
    from app.cli.vault import add_commands

    def json_flag(p: argparse.ArgumentParser) -> None:
        p.add_argument("--json", action="store_true", help="print JSON")

    add_commands(sub, json_flag)
    add_export_commands(sub, json_flag)
    add_capture_commands(sub, json_flag)
    return parser


def _services(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from app.cli.session import services_for

    return services_for(args)


def cmd_transcribe(args: argparse.Namespace) -> int:
    services = _services(args)
    result = drain_transcription(services.transcribe_file(
        args.audio, model=args.model, language=args.language), sys.stderr)
    transcript = result.transcript
    if args.json:
        json.dump(transcript.to_dict(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        print_transcript(transcript, sys.stdout)
    if not transcript.segments:
        print(f"casenotes: no speech was found in {args.audio.name} "
              f"({transcript.duration:.0f} s). Check it plays and has voices on it, or "
              "choose another recording.", file=sys.stderr)
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
    draft = drain_draft(services.draft(transcript, args.template, llm=args.llm,
                                            person_name=args.person), sys.stderr)
    if args.json:
        json.dump(draft.to_dict(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        print_draft(draft.to_dict(), sys.stdout)
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from app.services import SAMPLE_PERSON

    services = _services(args)
    sample = services.sample_recording()
    print(f"Sample recording: {sample.name} (a fictional home visit)\n")
    result = drain_transcription(services.transcribe_file(sample, model=args.model),
                         sys.stderr)
    print(f"Transcript ({result.model}, {result.transcript.duration:.0f} s of audio in "
          f"{result.seconds:.1f} s):")
    print_transcript(result.transcript, sys.stdout)
    print()
    draft = drain_draft(services.draft(result.transcript, "home-visit", llm=args.llm,
                                            person_name=SAMPLE_PERSON), sys.stderr)
    print_draft(draft.to_dict(), sys.stdout)
    return 0


def cmd_templates(args: argparse.Namespace) -> int:
    for template in _services(args).templates():
        print(f"{template.id:24} {template.title} ({len(template.sections)} sections)")
    return 0


def cmd_gui(args: argparse.Namespace) -> int:
    from app.ui.launch import run_gui

    return run_gui(args.data_dir, check=args.check)


def _one_line(exc: BaseException) -> str:
    """The message on one line, any control character in it (from a file name or a typed
    value it quotes) shown rather than sent to the terminal."""
    from storage.fields import escaped

    return escaped(" ".join(str(exc).split())) or type(exc).__name__

