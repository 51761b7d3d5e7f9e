"""Vault commands: init, unlock, audit, retention, backup, restore, passphrase, rekey; and
the parser for them and for `visit ...` (app/cli/visit.py)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from app.cli.args import subcommands
from app.cli.session import (
    emit,
    open_casework,
    passphrase,
    recovery_key_from,
    secret_from,
    services_for,
)
from app.cli.visit import (
    cmd_visit_amend,
    cmd_visit_approve,
    cmd_visit_draft,
    cmd_visit_easyread,
    cmd_visit_import,
    cmd_visit_list,
    cmd_visit_new,
    cmd_visit_redraft,
    cmd_visit_resolve,
    cmd_visit_segment,
    cmd_visit_show,
    cmd_visit_transcribe,
)
from storage.errors import VaultError
from storage.fields import escaped


def cmd_init(args: argparse.Namespace) -> int:
    from app.casework import Casework

    secret = secret_from(args, env="CASENOTES_PASSPHRASE", line=0,
                     prompt="Choose a passphrase for the vault: ", confirm=True)
    if not secret:
        raise VaultError("Choose a passphrase: set CASENOTES_PASSPHRASE, use "
                         "--passphrase-stdin, or run 'casenotes init' in a terminal.")
    work, recovery_key = Casework.init(services_for(args), secret, name=args.name,
                                       use_keyring=not args.no_keyring)
    keyring = work.vault.slots.has("keyring")
    work.lock()
    print(f"Vault created in {work.services.settings.paths.root}.")
    print("It unlocks with your passphrase" + (" and, on this computer, your login keyring."
                                                if keyring else "."))
    print("\nRECOVERY KEY (shown once: print it or write it down, and keep it locked away):\n")
    print(f"    {recovery_key}\n")
    print("If the passphrase is ever lost, this key is the only way to open the vault.")
    return 0


def cmd_unlock(args: argparse.Namespace) -> int:
    work = open_casework(args)
    count = len(work.list_visits())
    work.lock()
    print(f"The vault opens: {count} visit{'s' if count != 1 else ''}.")
    return 0


def cmd_audit_verify(args: argparse.Namespace) -> int:
    work = open_casework(args, warn=False)
    damaged = work.vault.check_integrity()
    if damaged:
        print(f"casenotes: the vault file is damaged ({damaged[0]}). Restore it from a backup "
              "with 'casenotes restore BACKUP'.", file=sys.stderr)
        return 3
    report = work.audit_report()
    entries = len(work.history())
    for problem in report["chain"]:
        print(f"casenotes: audit log: {problem}", file=sys.stderr)
    for problem in report["end"]:
        print(f"casenotes: {problem}", file=sys.stderr)
    if report["chain"]:
        print(f"casenotes: the audit log has been tampered with ({len(report['chain'])} "
              "problem(s)). Keep this vault as evidence and restore a backup to continue.",
              file=sys.stderr)
    if report["end"]:
        print("casenotes: keep this vault as evidence and restore your latest backup "
              "('casenotes restore BACKUP'). If you know why the log is shorter (you put an "
              "older copy back yourself), the owner can accept it as it stands with "
              "'casenotes audit accept'.", file=sys.stderr)
    if report["chain"] or report["end"]:
        return 3
    print(f"The vault file is sound and the audit log is intact: {entries} entries, each "
          "chained to the one before, and none missing from the end.")
    return 0


def cmd_audit_accept(args: argparse.Namespace) -> int:
    work = open_casework(args, warn=False)
    lost = work.accept_audit_log()
    work.lock()
    print("The audit log is accepted as it stands and anchored again; what its anchor said "
          "was missing is recorded in the log:")
    for problem in lost:
        print(f"  {problem}")
    return 0


def cmd_audit_show(args: argparse.Namespace) -> int:
    work = open_casework(args)
    entries = work.history(args.visit)
    emit(args, entries, "\n".join(f"{e['seq']:>5}  {e['at']}  {escaped(e['actor']):<16} "
                                  f"{e['action']} ({e['entity']} {e['entity_id'] or ''})"
                                  for e in entries))
    return 0


def cmd_retention_run(args: argparse.Namespace) -> int:
    work = open_casework(args)
    done = work.run_retention()
    print(f"Retention: deleted the audio of {done['recordings']} recording(s) and "
          f"{done['transcripts']} transcript(s); each deletion is in the audit log.")
    return 0


def cmd_retention_policy(args: argparse.Namespace) -> int:
    work = open_casework(args)
    changes = {k: v for k, v in (("audio", args.audio_days),
                                 ("transcripts", args.transcript_days)) if v is not None}
    days = work.retention_policy(**changes)
    print(f"Audio is deleted {days['audio']} days after its note is approved; transcripts "
          f"{days['transcripts']} days after the note is exported.")
    return 0


def cmd_recover(args: argparse.Namespace) -> int:
    work = open_casework(args)
    unfinished = work.unfinished_recordings()
    if not unfinished:
        print("No interrupted recordings: nothing to recover.")
        return 0
    for r in unfinished:
        seconds = work.recover_recording(r["id"])
        print(f"Recovered recording {r['id']} of visit {r['visit_id']}: {seconds:.1f} s kept "
              f"({r['chunks']} chunk(s)). Transcribe it with 'casenotes visit transcribe "
              f"{r['visit_id']}'.")
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    work = open_casework(args)
    out = work.backup(args.out)
    print(f"Backup written to {out}. It opens with the same passphrase or recovery key.")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from app.casework import Casework

    recovery = recovery_key_from(args)
    secret = None if recovery else passphrase(args)
    if not (secret or recovery):
        raise VaultError("Give the backup's passphrase (CASENOTES_PASSPHRASE or "
                         "--passphrase-stdin) or its recovery key (--recovery-key-stdin).")
    work = Casework.restore(services_for(args), args.backup, passphrase=secret,
                            recovery_key=recovery, use_keyring=not args.no_keyring,
                            older=args.older)
    count = len(work.list_visits())
    kept = work.vault.replaced
    work.lock()
    print(f"Restored {count} visit{'' if count == 1 else 's'} from {args.backup.name}; the "
          "audit log verifies.")
    if kept is not None:
        print(f"The vault it replaced is kept, with the passphrases and recovery key that open "
              f"it, in {kept}. Open it with 'casenotes --data-dir {kept} unlock'.")
    return 0


def cmd_passphrase_change(args: argparse.Namespace) -> int:
    work = open_casework(args)
    new = secret_from(args, env="CASENOTES_NEW_PASSPHRASE", line=1,
                  prompt="New passphrase: ", confirm=True)
    if not new:
        raise VaultError("Give the new passphrase: set CASENOTES_NEW_PASSPHRASE, put it on "
                         "the second line of --passphrase-stdin, or run this in a terminal.")
    owner = work.vault.is_owner
    work.change_passphrase(new)
    work.lock()
    print("Passphrase changed. The recovery key and keyring still work as before." if owner
          else "Your passphrase is changed; the other passphrases of this vault are not.")
    return 0


def cmd_rekey(args: argparse.Namespace) -> int:
    work = open_casework(args)
    work.vault.require_owner("re-encrypt the vault")  # before asking for a new passphrase
    secret = secret_from(args, env="CASENOTES_NEW_PASSPHRASE", line=1,
                     prompt="Passphrase for the re-encrypted vault: ", confirm=True) or \
        passphrase(args)
    if not secret:
        raise VaultError("Give the passphrase for the re-encrypted vault (CASENOTES_PASSPHRASE "
                         "or CASENOTES_NEW_PASSPHRASE).")
    recovery_key = work.rekey(secret)
    work.lock()
    print("The vault is re-encrypted under a new key. The old recovery key no longer works.")
    print(f"\nNEW RECOVERY KEY (shown once):\n\n    {recovery_key}\n")
    return 0


# -- parser -----------------------------------------------------------------------------

def add_commands(sub: Any, json_flag: Any) -> None:
    """Register the vault commands on the main parser's subparsers."""
    p = sub.add_parser("init", help="create the encrypted vault")
    p.add_argument("--name", help="your name, as the record shows it (default: login name)")
    p.set_defaults(func=cmd_init)
    sub.add_parser("unlock", help="check the vault opens").set_defaults(func=cmd_unlock)

    visit = sub.add_parser("visit", help="visits: new, import, transcribe, draft, show, ...")
    vs = subcommands(visit, "visit_command")
    p = vs.add_parser("new", help="start a visit (consent first)")
    p.add_argument("--case", required=True, help="case reference")
    p.add_argument("--person", required=True, help="the person's name, e.g. 'Mrs Patel'")
    p.add_argument("--template", default="home-visit")
    p.add_argument("--consent", required=True, metavar="WHO",
                   help="who consented to the recording, e.g. 'the person'")
    p.add_argument("--consent-how", choices=("verbal", "written"), default="verbal")
    p.add_argument("--consent-note")
    json_flag(p)
    p.set_defaults(func=cmd_visit_new)
    p = vs.add_parser("import", help="store a recording in the visit")
    p.add_argument("id", type=int)
    p.add_argument("file", type=Path)
    json_flag(p)
    p.set_defaults(func=cmd_visit_import)
    p = vs.add_parser("transcribe", help="transcribe the visit's recording")
    p.add_argument("id", type=int)
    p.add_argument("--model")
    p.add_argument("--language", help="e.g. en, pl, pa; default: detect")
    p.add_argument("--translate", action="store_true",
                   help="transcribe into English whatever language is spoken")
    json_flag(p)
    p.set_defaults(func=cmd_visit_transcribe)
    p = vs.add_parser("segment", help="correct a transcript segment's words or speaker")
    p.add_argument("id", type=int)
    p.add_argument("index", type=int)
    p.add_argument("--text")
    p.add_argument("--speaker", help="who spoke: practitioner, person, carer, other, or a "
                   "name with the relation in brackets, 'Priya (daughter)'")
    p.set_defaults(func=cmd_visit_segment)
    p = vs.add_parser("draft", help="draft the note from the transcript")
    p.add_argument("id", type=int)
    p.add_argument("--template")
    p.add_argument("--llm")
    json_flag(p)
    p.set_defaults(func=cmd_visit_draft)
    p = vs.add_parser("redraft", help="write one section of the note again")
    p.add_argument("id", type=int)
    p.add_argument("section", help="section id, as in 'visit show --json'")
    p.add_argument("--llm")
    p.set_defaults(func=cmd_visit_redraft)
    p = vs.add_parser("easyread", help="the plain-English version of the approved note")
    p.add_argument("id", type=int)
    p.add_argument("--language", help="translate it, e.g. Welsh, Polish (needs a larger "
                   "--llm)")
    p.add_argument("--llm")
    p.set_defaults(func=cmd_visit_easyread)
    p = vs.add_parser("show", help="everything about a visit")
    p.add_argument("id", type=int)
    json_flag(p)
    p.set_defaults(func=cmd_visit_show)
    p = vs.add_parser("list", help="list visits")
    p.add_argument("--state")
    p.add_argument("--search", metavar="WORDS", help="case reference, person or any words")
    json_flag(p)
    p.set_defaults(func=cmd_visit_list)
    p = vs.add_parser("resolve", help="resolve a flag: accept, edit or dismiss with a reason")
    p.add_argument("id", type=int)
    p.add_argument("flag", type=int)
    group = p.add_mutually_exclusive_group(required=True)
    group.add_argument("--accept", action="store_true")
    group.add_argument("--edited", metavar="WHAT", help="say what you changed")
    group.add_argument("--dismiss", metavar="REASON")
    p.add_argument("--reason")
    p.set_defaults(func=cmd_visit_resolve)
    p = vs.add_parser("approve", help="approve the note (all flags resolved)")
    p.add_argument("id", type=int)
    p.add_argument("--confirm", action="store_true",
                   help="I have checked this note against the conversation")
    json_flag(p)
    p.set_defaults(func=cmd_visit_approve)
    p = vs.add_parser("amend", help="start a new version of an approved note")
    p.add_argument("id", type=int)
    p.add_argument("--reason", required=True)
    json_flag(p)
    p.set_defaults(func=cmd_visit_amend)

    audit = sub.add_parser("audit", help="the hash-chained audit log")
    aus = subcommands(audit, "audit_command")
    aus.add_parser("verify", help="detect tampering").set_defaults(func=cmd_audit_verify)
    aus.add_parser("accept", help="accept a shortened log as it stands (owner; audited)"
                   ).set_defaults(func=cmd_audit_accept)
    p = aus.add_parser("show", help="list entries")
    p.add_argument("--visit", type=int)
    json_flag(p)
    p.set_defaults(func=cmd_audit_show)

    retention = sub.add_parser("retention", help="apply the retention policy")
    rs = subcommands(retention, "retention_command")
    rs.add_parser("run", help="delete what the policy no longer keeps").set_defaults(
        func=cmd_retention_run)
    p = rs.add_parser("policy", help="show or change the retention periods")
    p.add_argument("--audio-days", type=int, help="days after approval to keep audio")
    p.add_argument("--transcript-days", type=int, help="days after export to keep transcripts")
    p.set_defaults(func=cmd_retention_policy)

    sub.add_parser("recover", help="keep what interrupted recordings saved").set_defaults(
        func=cmd_recover)
    p = sub.add_parser("backup", help="write an encrypted copy of the vault")
    p.add_argument("out", type=Path)
    p.set_defaults(func=cmd_backup)
    p = sub.add_parser("restore", help="check a backup, then put it in place")
    p.add_argument("backup", type=Path)
    p.add_argument("--older", "--force", dest="older", action="store_true",
                   help="put the backup in place even though it is older than the vault here")
    p.set_defaults(func=cmd_restore)
    pw = sub.add_parser("passphrase", help="change the passphrase")
    pws = subcommands(pw, "passphrase_command")
    pws.add_parser("change").set_defaults(func=cmd_passphrase_change)
    sub.add_parser("rekey", help="re-encrypt the vault under a new key").set_defaults(
        func=cmd_rekey)
