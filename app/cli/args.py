"""Options every command accepts, before or after the command name.

`casenotes --data-dir D init` and `casenotes init --data-dir D` both work: the options are
declared on the main parser with real defaults and on every subcommand with SUPPRESS, so a
value given in either place is kept and an absent one never overwrites it.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any


def add_common(parser: argparse.ArgumentParser, *, suppress: bool) -> None:
    def default(value: Any) -> Any:
        return argparse.SUPPRESS if suppress else value

    parser.add_argument("--data-dir", type=Path, metavar="DIR", default=default(None),
                        help="where Casenotes keeps its data (default: your user data folder)")
    parser.add_argument("--debug", action="store_true", default=default(False),
                        help="show details of unexpected errors")
    parser.add_argument("--passphrase-stdin", action="store_true", default=default(False),
                        help="read the vault passphrase from standard input (first line; a "
                        "new passphrase on the second)")
    parser.add_argument("--recovery-key-stdin", action="store_true", default=default(False),
                        help="unlock with the recovery key, read from standard input")
    parser.add_argument("--no-keyring", action="store_true", default=default(False),
                        help="do not use the OS keyring")


def subcommands(parser: argparse.ArgumentParser, dest: str) -> Any:
    """add_subparsers whose every add_parser also accepts the common options."""
    action = parser.add_subparsers(dest=dest, metavar="COMMAND", required=True)
    original = action.add_parser

    def add_parser(name: str, **kwargs: Any) -> argparse.ArgumentParser:
        sub = original(name, **kwargs)
        add_common(sub, suppress=True)
        return sub

    action.add_parser = add_parser  # type: ignore[method-assign]
    return action
