"""The `casenotes visit ...` commands: new, import, transcribe, draft, redraft, show, list,
resolve, approve, amend, easyread. Text from the vault is printed through `escaped`, so a
control character in it is shown, never obeyed by the terminal."""

from __future__ import annotations

import argparse
import sys

from app.cli.output import drain_draft, drain_transcription, print_draft, print_transcript
from app.cli.session import emit, open_casework
from storage.errors import VaultError
from storage.fields import escaped
from storage.records import Consent


def cmd_visit_new(args: argparse.Namespace) -> int:
    work = open_casework(args)
    visit_id = work.new_visit(args.case, args.person, args.template,
                              Consent(args.consent, args.consent_how, args.consent_note or ""))
    emit(args, {"id": visit_id},
         f"Visit {visit_id} created for {escaped(args.person)} ({escaped(args.case)}).")
    return 0


def cmd_visit_import(args: argparse.Namespace) -> int:
    work = open_casework(args)
    recording_id = work.import_recording(args.id, args.file)
    emit(args, {"visit": args.id, "recording": recording_id},
          f"{args.file.name} is now stored, encrypted, in visit {args.id}. The original file "
          "is untouched: delete it once you no longer need it.")
    return 0


def cmd_visit_transcribe(args: argparse.Namespace) -> int:
    work = open_casework(args)
    result = drain_transcription(work.transcribe(args.id, model=args.model,
                                                 language=args.language,
                                                 translate=args.translate), sys.stderr)
    if getattr(args, "json", False):
        emit(args, result.transcript.to_dict(), "")
    else:
        print_transcript(result.transcript, sys.stdout)
    if not result.transcript.segments:
        print(f"casenotes: no speech was found in visit {args.id}'s recording "
              f"({result.transcript.duration:.0f} s), so there is nothing to draft from. "
              "Check the recording plays and has voices on it, then import another with "
              f"'casenotes visit import {args.id} FILE' and transcribe again.",
              file=sys.stderr)
    return 0


def cmd_visit_draft(args: argparse.Namespace) -> int:
    work = open_casework(args)
    drain_draft(work.draft(args.id, template=args.template, llm=args.llm), sys.stderr)
    note = work.record.note(args.id)
    if getattr(args, "json", False):
        emit(args, note["content"], "")
    else:
        print_draft(note["content"], sys.stdout)
    return 0


def cmd_visit_show(args: argparse.Namespace) -> int:
    work = open_casework(args)
    visit = work.visit(args.id)
    if args.json:
        emit(args, visit, "")
        return 0
    print(f"Visit {visit['id']}: {escaped(visit['person'])} ({escaped(visit['case'])}), "
          f"{visit['template']}, {visit['state']}")
    print(f"Practitioner: {escaped(visit['practitioner'])}. Consent: "
          f"{visit['consent']['how']}, given by {escaped(visit['consent']['by'])} at "
          f"{visit['consent']['at']}.")
    for r in visit["recordings"]:
        state = "deleted under retention" if r["deleted"] else f"{r['bytes']:,} bytes"
        print(f"Recording {r['id']}: {r['source']} {escaped(r['filename'] or '')} ({state})")
    if visit["transcript"]:
        print()
        from transcription.transcript import Transcript
        print_transcript(Transcript.from_dict(visit["transcript"]), sys.stdout)
    note = visit["note"]
    if note:
        print(f"\nNote version {note['version']}: {note['status']}"
              + (f", approved by {escaped(note['approval']['by'])} at "
                 f"{note['approval']['at']}"
                 if note["approval"] else ""))
        print_draft(note["content"], sys.stdout)
    return 0


def cmd_visit_list(args: argparse.Namespace) -> int:
    work = open_casework(args)
    visits = work.list_visits(state=args.state, search=args.search)
    if args.json:
        emit(args, visits, "")
        return 0
    if not visits:
        print("No visits match." if (args.state or args.search) else "No visits yet.")
    for v in visits:
        print(f"{v['id']:>5}  {escaped(v['case']):<14} {escaped(v['person']):<24} "
              f"{v['template']:<22} {v['state']}")
    return 0


def cmd_visit_resolve(args: argparse.Namespace) -> int:
    work = open_casework(args)
    choice, reason = ("dismiss", args.dismiss) if args.dismiss is not None else \
        ("edit", args.edited) if args.edited is not None else ("accept", args.reason or "")
    work.resolve_flag(args.id, args.flag, choice, reason)
    left = work.record.note(args.id)["open_flags"]
    print(f"Flag {args.flag} resolved ({choice}). {left} flag{'s' if left != 1 else ''} left.")
    return 0


def cmd_visit_redraft(args: argparse.Namespace) -> int:
    work = open_casework(args)
    content = work.redraft_section(args.id, args.section, llm=args.llm)
    section = next(s for s in content["sections"] if s["id"] == args.section)
    print(f"{escaped(section['title'])} written again; the other sections are unchanged.")
    for sentence in section["sentences"]:
        print(f"{'  ' if sentence['supported'] else '! '}- {escaped(sentence['text'])} "
              f"{sentence['citations']}")
    return 0


def cmd_visit_easyread(args: argparse.Namespace) -> int:
    print(open_casework(args).easy_read(args.id, language=args.language, llm=args.llm))
    return 0


def cmd_visit_approve(args: argparse.Namespace) -> int:
    if not args.confirm:
        raise VaultError("Approving needs --confirm, meaning: I have checked this note against "
                         "the conversation.")
    work = open_casework(args)
    approval = work.approve(args.id, "I have checked this note against the conversation.")
    emit(args, approval, f"Approved version {approval['version']} of visit {args.id}'s note "
          f"(content hash {approval['content_hash'][:16]}…). It is now read-only.")
    return 0


def cmd_visit_amend(args: argparse.Namespace) -> int:
    work = open_casework(args)
    note_id = work.amend(args.id, args.reason)
    version = work.record.note(args.id)["version"]
    emit(args, {"note": note_id, "version": version},
          f"Version {version} started; the approved version is unchanged. Edit and approve it.")
    return 0


def cmd_visit_segment(args: argparse.Namespace) -> int:
    if args.text is None and args.speaker is None:
        raise VaultError("Say what to correct: --text \"the right words\" and/or --speaker "
                         "practitioner|person|carer|other.")
    work = open_casework(args)
    work.correct_segment(args.id, args.index, text=args.text, speaker=args.speaker)
    print(f"Segment {args.index} of visit {args.id} corrected; Whisper's words are kept in "
          "the record beside yours.")
    return 0
