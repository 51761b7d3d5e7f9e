"""`casenotes export ...` and `casenotes profile ...`: approved notes out, people in.

    casenotes export --approved [--since DATE] [--until DATE] [--case REF]
                     [--practitioner NAME] [--template ID] --format docx|pdf|json|csv|txt
                     --out DIR [--redact [--preview]] [--csv-profile NAME]
                     [--again | --new-only]

With nothing to export it says so, writes nothing and exits 0. Notes exported before are
only exported again when asked (--again, or yes at the prompt on a terminal).
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Any

from app.cli.session import emit, open_casework, secret_from, services_for
from storage.errors import ExportError, VaultError
from storage.exports.batch import ExportFinished, ExportProgress
from storage.exports.formats import CSV_FIELDS, FORMATS, csv_profiles, save_csv_profile
from storage.fields import escaped


def _day(text: str) -> str:
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date; write it as YYYY-MM-DD, "
                                         "e.g. 2026-11-01.") from None


def cmd_export(args: argparse.Namespace) -> int:
    if not args.approved:
        raise ExportError("Only approved notes can be exported: add --approved to confirm "
                          "that is what you want.")
    work = open_casework(args)
    try:
        notes = work.approved_notes(since=args.since, until=args.until, case=args.case,
                                    practitioner=args.practitioner, template=args.template,
                                    exported=False if args.new_only else None)
        if not notes:
            print("There are no approved notes to export with those filters. Nothing was "
                  "written.")
            return 0
        if args.preview:
            if not args.redact:
                raise ExportError("--preview shows what --redact would mask; add --redact.")
            return _preview(work, [n["note_id"] for n in notes])
        again = [n for n in notes if n["exports"]]
        if again and not args.again:
            if not sys.stdin.isatty():
                raise ExportError(
                    f"{len(again)} of these {len(notes)} notes were exported before. Add "
                    "--again to export them again, or --new-only to leave them out. Nothing "
                    "was written.")
            answer = input(f"{len(again)} of these {len(notes)} notes were exported before. "
                           "Export them again? [y/N] ")
            if answer.strip().lower() not in ("y", "yes"):
                notes = [n for n in notes if not n["exports"]]
                if not notes:
                    print("Nothing was written.")
                    return 0
        ids = [n["note_id"] for n in notes]
        for event in work.export(ids, args.format, args.out, redact=args.redact,
                                 csv_profile=args.csv_profile):
            if isinstance(event, ExportProgress) and sys.stderr.isatty():
                print(f"\rExporting {event.done}/{event.total}", end="", file=sys.stderr)
            elif isinstance(event, ExportFinished):
                if sys.stderr.isatty():
                    print(file=sys.stderr)
                emit(args, {"notes": event.notes, "format": event.format,
                            "files": list(event.files), "folder": str(event.folder)},
                     f"Exported {event.notes} approved note{'s' if event.notes != 1 else ''} "
                     f"as {event.format.upper()} to {event.folder} "
                     f"({len(event.files)} file{'s' if len(event.files) != 1 else ''}). "
                     "The export is in the audit log.")
        return 0
    finally:
        work.lock()


def _preview(work: Any, ids: list[int]) -> int:
    changed = 0
    for note in work.redaction_preview(ids):
        for before, after in note["changes"]:
            changed += 1
            print(f"Note {note['note_id']} ({escaped(note['case'])}):\n  before: "
                  f"{escaped(before)}\n  after:  {escaped(after)}\n")
    print(f"{changed} passage{'s' if changed != 1 else ''} would be masked in {len(ids)} "
          "note(s). Nothing was written; run again without --preview to export.")
    return 0


def cmd_export_profiles(args: argparse.Namespace) -> int:
    profiles = csv_profiles(services_for(args).settings.paths.root / "export-profiles")
    for key, profile in sorted(profiles.items()):
        print(f"{key:28} {profile.name}: " + ", ".join(h for h, _ in profile.columns))
    return 0


def cmd_export_profile_save(args: argparse.Namespace) -> int:
    columns = []
    for spec in args.column:
        header, sep, field = spec.partition("=")
        if not sep or not header.strip() or not field.strip():
            raise ExportError(f"Write each column as HEADER=FIELD, e.g. \"Note=note\" (got "
                              f"'{spec}'). Fields: {', '.join(CSV_FIELDS)}, or section:ID.")
        columns.append((header.strip(), field.strip()))
    folder = services_for(args).settings.paths.root / "export-profiles"
    path = save_csv_profile(folder, args.key, args.name or args.key, columns,
                            args.date_format)
    print(f"Saved the CSV profile '{args.key}' in {path}. Use it with --csv-profile "
          f"{args.key}.")
    return 0


def cmd_profile_add(args: argparse.Namespace) -> int:
    work = open_casework(args)
    try:
        secret = secret_from(args, env="CASENOTES_NEW_PASSPHRASE", line=1,
                             prompt=f"Passphrase for {args.name}: ", confirm=True)
        if not secret:
            raise VaultError("Give the new profile's passphrase: set CASENOTES_NEW_PASSPHRASE, "
                             "put it on the second line of --passphrase-stdin, or run this in "
                             "a terminal.")
        work.add_profile(args.name, args.role, secret)
        print(f"{args.name} ({args.role}) can now unlock this vault with their own "
              "passphrase.")
        return 0
    finally:
        work.lock()


def cmd_profile_passphrase(args: argparse.Namespace) -> int:
    work = open_casework(args)
    try:
        secret = secret_from(args, env="CASENOTES_NEW_PASSPHRASE", line=1,
                             prompt=f"New passphrase for {args.name}: ", confirm=True)
        if not secret:
            raise VaultError("Give the new passphrase: set CASENOTES_NEW_PASSPHRASE, put it on "
                             "the second line of --passphrase-stdin, or run this in a terminal.")
        left = work.set_profile_passphrase(args.name, secret)
        print(f"{args.name} can now unlock this vault with the new passphrase.")
        if left:
            print(f"{args.name}'s {left} earlier "
                  f"{'visit stays' if left == 1 else 'visits stay'} in the "
                  "shared casework database, with you, the vault's owner (an older Casenotes "
                  f"kept them there, and they cannot be moved out); {args.name}'s new visits "
                  "go into a casework database only their passphrase opens.")
        return 0
    finally:
        work.lock()


def cmd_profile_list(args: argparse.Namespace) -> int:
    work = open_casework(args)
    try:
        profiles = work.profiles()
        emit(args, profiles, "\n".join(f"{p['id']:3}  {escaped(p['name']):24} {p['role']}"
                                       for p in profiles))
        return 0
    finally:
        work.lock()


def add_export_commands(sub: Any, json_flag: Any) -> None:
    from app.cli.args import subcommands

    p = sub.add_parser("export", help="export approved notes (docx, pdf, json, csv, txt)")
    p.add_argument("--approved", action="store_true",
                   help="confirm: approved notes only (nothing else can be exported)")
    p.add_argument("--since", type=_day, metavar="DATE", help="approved on or after")
    p.add_argument("--until", type=_day, metavar="DATE", help="approved on or before")
    p.add_argument("--case", metavar="REF", help="one case reference")
    p.add_argument("--practitioner", metavar="NAME", help="one practitioner's notes")
    p.add_argument("--template", metavar="ID", help="one note type, e.g. home-visit")
    p.add_argument("--format", choices=FORMATS, default="docx")
    p.add_argument("--out", type=Path, metavar="DIR", default=Path.cwd(),
                   help="folder for the files (default: the current folder)")
    p.add_argument("--redact", action="store_true",
                   help="mask third parties' names and contact details")
    p.add_argument("--preview", action="store_true",
                   help="with --redact: show what would be masked and write nothing")
    p.add_argument("--csv-profile", metavar="NAME", help="column mapping for --format csv")
    again = p.add_mutually_exclusive_group()
    again.add_argument("--again", action="store_true",
                       help="export notes that were exported before without asking")
    again.add_argument("--new-only", action="store_true",
                       help="leave out notes that were exported before")
    json_flag(p)
    p.set_defaults(func=cmd_export)

    ep = sub.add_parser("export-profile", help="CSV column mappings for case systems")
    eps = subcommands(ep, "export_profile_command")
    eps.add_parser("list", help="the CSV profiles").set_defaults(func=cmd_export_profiles)
    p = eps.add_parser("save", help="save a named CSV column mapping")
    p.add_argument("key", help="file name, e.g. mosaic-case-notes")
    p.add_argument("--name", help="a readable name, e.g. 'Mosaic case note import'")
    p.add_argument("--column", action="append", required=True, metavar="HEADER=FIELD",
                   help="a column (repeat, in order); fields: " + ", ".join(CSV_FIELDS))
    p.add_argument("--date-format", default="%Y-%m-%d", help="e.g. %%d/%%m/%%Y")
    p.set_defaults(func=cmd_export_profile_save)

    pr = sub.add_parser("profile", help="people who use this vault: add, passphrase, list")
    prs = subcommands(pr, "profile_command")
    p = prs.add_parser("add", help="add a practitioner or team lead with their own passphrase")
    p.add_argument("name")
    p.add_argument("--role", choices=("practitioner", "team-lead"), default="practitioner")
    p.set_defaults(func=cmd_profile_add)
    p = prs.add_parser("passphrase", help="give a colleague or team lead a passphrase again "
                       "(owner only)")
    p.add_argument("name")
    p.set_defaults(func=cmd_profile_passphrase)
    p = prs.add_parser("list", help="the profiles")
    json_flag(p)
    p.set_defaults(func=cmd_profile_list)


# -- vocabulary and voice (registered with the export commands to keep vault.py small) ------
def cmd_vocabulary(args: argparse.Namespace) -> int:
    work = open_casework(args)
    try:
        if args.vocabulary_command == "add":
            count = work.record.add_vocabulary(args.terms, args.case)
            print(f"Added {count} term(s) to {'case ' + args.case if args.case else 'your'} "
                  "vocabulary. Whisper will expect them from the next transcription.")
        elif args.vocabulary_command == "remove":
            work.record.remove_vocabulary(args.terms, args.case)
            print("Removed.")
        else:
            terms = work.record.vocabulary(args.case)
            emit(args, terms, "Yours: " + (escaped(", ".join(terms["mine"])) or "(none)") +
                 (f"\nCase {escaped(args.case)}: " +
                  (escaped(", ".join(terms["case"])) or "(none)")
                  if args.case else ""))
        return 0
    finally:
        work.lock()


def cmd_voice_enrol(args: argparse.Namespace) -> int:
    from transcription.audio import decode_audio

    audio = decode_audio(args.file)
    work = open_casework(args)
    try:
        work.enrol_voice(audio)
        print(f"Your voice profile is saved in the vault ({len(audio) / 16000:.0f} s). New "
              "transcripts label your segments 'practitioner' and the others 'person'.")
        return 0
    finally:
        work.lock()


def cmd_voice_delete(args: argparse.Namespace) -> int:
    work = open_casework(args)
    try:
        work.record.delete_voice_profile()
        print("Your voice profile is deleted.")
        return 0
    finally:
        work.lock()


def add_capture_commands(sub: Any, json_flag: Any) -> None:
    from app.cli.args import subcommands

    voc = sub.add_parser("vocabulary", help="names and words Whisper should expect")
    vs = subcommands(voc, "vocabulary_command")
    for name, text in (("add", "add terms"), ("remove", "remove terms")):
        p = vs.add_parser(name, help=text)
        p.add_argument("terms", nargs="+")
        p.add_argument("--case", metavar="REF", help="for one case only")
        p.set_defaults(func=cmd_vocabulary)
    p = vs.add_parser("list", help="the terms")
    p.add_argument("--case", metavar="REF")
    json_flag(p)
    p.set_defaults(func=cmd_vocabulary)

    voice = sub.add_parser("voice", help="your voice profile, to tell you from the others")
    vos = subcommands(voice, "voice_command")
    p = vos.add_parser("enrol", help="learn your voice from a recording of you alone (20 s+)")
    p.add_argument("file", type=Path)
    p.set_defaults(func=cmd_voice_enrol)
    vos.add_parser("delete", help="delete your voice profile").set_defaults(
        func=cmd_voice_delete)
