"""What every vault command shares: secrets, opening the vault, printing results.

Secrets never come from a command-line argument (they would show in `ps` and shell history):
the passphrase comes from CASENOTES_PASSPHRASE, from standard input with --passphrase-stdin,
or from a prompt on a terminal. A new passphrase comes from CASENOTES_NEW_PASSPHRASE, the
second line of standard input, or a prompt.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from typing import Any

from storage.errors import VaultError, VaultLocked

_stdin_lines: list[str] | None = None


def _stdin_line(n: int) -> str | None:
    global _stdin_lines
    if _stdin_lines is None:
        _stdin_lines = sys.stdin.read().splitlines()
    return _stdin_lines[n] if n < len(_stdin_lines) else None


def secret_from(args: argparse.Namespace, *, env: str, line: int, prompt: str,
            confirm: bool = False, interactive: bool = True) -> str | None:
    if getattr(args, "passphrase_stdin", False):
        value = _stdin_line(line)
        if value:
            return value
    if os.environ.get(env):
        return os.environ[env]
    if interactive and sys.stdin.isatty():
        value = getpass.getpass(prompt)
        if confirm and getpass.getpass("Type it again: ") != value:
            raise VaultError("The two passphrases were different. Nothing was changed; try "
                             "again.")
        return value
    return None


def passphrase(args: argparse.Namespace, *, interactive: bool = True) -> str | None:
    return secret_from(args, env="CASENOTES_PASSPHRASE", line=0, prompt="Vault passphrase: ",
                   interactive=interactive)


def recovery_key_from(args: argparse.Namespace) -> str | None:
    if getattr(args, "recovery_key_stdin", False):
        return _stdin_line(0)
    return None


def open_casework(args: argparse.Namespace, *, warn: bool = True) -> Any:
    """Unlock the vault for a command; with `warn`, say on stderr when the audit log has lost
    its end (every command says so, not only `audit verify`)."""
    from app.casework import Casework

    services = services_for(args)
    recovery = recovery_key_from(args)
    secret = None if recovery else passphrase(args, interactive=False)
    use_keyring = not args.no_keyring
    try:
        work = Casework.unlock(services, passphrase=secret, recovery_key=recovery,
                               use_keyring=use_keyring)
    except VaultLocked:
        if not sys.stdin.isatty():
            raise
        work = Casework.unlock(services, passphrase=getpass.getpass("Vault passphrase: "),
                               use_keyring=False)
    tried = work.vault.earlier_failures
    if tried.failures:
        from storage.anchor import when

        print(f"casenotes: warning: {tried.failures} wrong passphrase"
              f"{' was' if tried.failures == 1 else 's were'} tried since this vault was last "
              f"opened (the last at {when(tried.last_tried)}). If that was not you, tell your "
              "IT team; the audit log records it.", file=sys.stderr)
    if work.vault.is_owner:
        from storage.vault_keys import wide_lead_slots, wide_practitioner_slots

        for name in wide_practitioner_slots(work.vault):
            print(f"casenotes: warning: {name}'s passphrase (a practitioner's) was set by an "
                  "older Casenotes and still opens the shared casework database, every other "
                  f"practitioner's visits included. {name}'s visits so far are kept there, "
                  "with you, the owner: they cannot be moved out without breaking the audit "
                  f"log. To give {name} a casework database of their own, which that "
                  f"passphrase then no longer opens, run 'casenotes profile passphrase "
                  f"\"{name}\"'; 'casenotes rekey' also cuts off any copy of the old key.",
                  file=sys.stderr)

        for name in wide_lead_slots(work.vault):
            print(f"casenotes: warning: {name}'s passphrase (a team lead's) was set by an older "
                  "Casenotes and still opens the whole vault, drafts, transcripts and audio "
                  f"included. It is narrowed to approved notes the next time {name} unlocks; "
                  "to cut it off now, run 'casenotes rekey' (it removes every member's "
                  "passphrase).", file=sys.stderr)
    if warn:
        for problem in work.vault.anchor_problems():
            print(f"casenotes: warning: {problem} Run 'casenotes audit verify'.",
                  file=sys.stderr)
    return work


def services_for(args: argparse.Namespace) -> Any:
    from app.services import Services
    from app.settings import Settings

    services = Services(Settings.load(args.data_dir))
    for problem in services.policy.problems:
        print(f"casenotes: warning: {problem}", file=sys.stderr)
    return services


def emit(args: argparse.Namespace, data: Any, text: str) -> None:
    if getattr(args, "json", False):
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        print(text)
