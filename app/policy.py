"""The organisation's policy file: settings IT sets for every user of a managed computer.

A TOML file IT deploys (never the user's to change); the first of these that exists is read:

- the path in the CASENOTES_POLICY environment variable;
- Linux ``/etc/casenotes/policy.toml``; Windows ``%PROGRAMDATA%\\Casenotes\\policy.toml``;
  macOS ``/Library/Application Support/Casenotes/policy.toml``.

Example (every key optional; docs/deployment.md explains each)::

    [retention]
    audio_days_after_approval = 30      # delete a visit's audio this long after approval
    transcript_days_after_export = 30   # delete its transcript this long after export

    [security]
    lock_idle_minutes = 5               # lock the vault after this long without input
    allow_keyring = false               # passphrase only: no login-keyring slot

A file that cannot be read or has a wrong value never stops anyone working: what is wrong is
reported in plain English and that setting keeps its current value (for retention, the one
the last good policy put into the vault), so nothing is deleted by mistake.
"""

from __future__ import annotations

import os
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storage.retention import POLICY_KEYS

_RETENTION_KEYS = {key.split(".", 1)[1]: name for name, key in POLICY_KEYS.items()}


def policy_path() -> Path | None:
    override = os.environ.get("CASENOTES_POLICY")
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = os.environ.get("PROGRAMDATA", r"C:\ProgramData")
        candidate = Path(base) / "Casenotes" / "policy.toml"
    elif sys.platform == "darwin":
        candidate = Path("/Library/Application Support/Casenotes/policy.toml")
    else:
        candidate = Path("/etc/casenotes/policy.toml")
    return candidate if candidate.exists() else None


@dataclass(frozen=True)
class Policy:
    source: Path | None = None
    retention: dict[str, int] = field(default_factory=dict)  # "audio"/"transcripts" -> days
    lock_idle_minutes: float | None = None
    allow_keyring: bool = True
    problems: tuple[str, ...] = ()

    @property
    def governs_retention(self) -> bool:
        return bool(self.retention)

    def describe(self) -> str:
        return f"your organisation's policy file ({self.source})"


def load_policy(path: Path | None = None) -> Policy:
    path = path or policy_path()
    if path is None:
        return Policy()
    where = f"The policy file {path}"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Policy(path, problems=(f"{where} does not exist. Ask IT to check "
                                      "CASENOTES_POLICY.",))
    except (OSError, UnicodeDecodeError) as exc:
        return Policy(path, problems=(f"{where} cannot be read ({exc}). Ask IT to check its "
                                      "permissions; the current settings stay.",))
    except tomllib.TOMLDecodeError as exc:
        return Policy(path, problems=(f"{where} is not valid TOML ({exc}). Ask IT to fix "
                                      "it; the current settings stay.",))
    problems: list[str] = []
    retention: dict[str, int] = {}
    for key, value in _table(data, "retention", problems, where).items():
        name = _RETENTION_KEYS.get(key)
        if name is None:
            problems.append(f"{where} has an unknown retention setting '{key}' (known: "
                            f"{', '.join(sorted(_RETENTION_KEYS))}).")
        elif isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            retention[name] = value
        else:
            problems.append(f"{where}: retention.{key} must be a whole number of days, 0 or "
                            "more; the current period stays.")
    security = _table(data, "security", problems, where)
    minutes = security.get("lock_idle_minutes")
    if minutes is not None and not (isinstance(minutes, int | float)
                                    and not isinstance(minutes, bool) and 1 <= minutes <= 240):
        problems.append(f"{where}: security.lock_idle_minutes must be between 1 and 240.")
        minutes = None
    allow = security.get("allow_keyring", True)
    if not isinstance(allow, bool):
        problems.append(f"{where}: security.allow_keyring must be true or false; the keyring "
                        "stays off until it is fixed.")
        allow = False
    for unknown in sorted(set(data) - {"retention", "security"}):
        problems.append(f"{where} has an unknown section [{unknown}].")
    return Policy(path, retention, float(minutes) if minutes is not None else None, allow,
                  tuple(problems))


def _table(data: dict[str, Any], name: str, problems: list[str], where: str) -> dict[str, Any]:
    table = data.get(name, {})
    if isinstance(table, dict):
        return table
    problems.append(f"{where}: [{name}] must be a section of settings.")
    return {}
