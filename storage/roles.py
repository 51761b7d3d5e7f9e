"""Who unlocked the vault, and what only its owner may do.

The owner is the person who set the vault up: their passphrase, the recovery key and the
keyring slot all unlock as the owner, whose profile is the vault's first. A member (a team lead
or another practitioner) unlocks with a passphrase slot of their own, which names their profile.
The checks live here, below both front ends, so the window and the command line refuse alike,
and the audit log names the person rather than "system".
"""

from __future__ import annotations

from typing import Any

from storage.errors import NotPermitted


def who(conn: Any, member: int | None) -> tuple[int, str, str] | None:
    """(id, name, role) of the profile at work: the member's whose slot unlocked the vault,
    else the owner's; None before the first profile exists (while the vault is being made)."""
    if member is not None:
        row = conn.execute("SELECT id, name, role FROM profiles WHERE id = ?",
                           (member,)).fetchone()
    else:
        row = conn.execute("SELECT id, name, role FROM profiles ORDER BY id LIMIT 1").fetchone()
    return (int(row[0]), str(row[1]), str(row[2])) if row else None


def owner_only(what: str) -> NotPermitted:
    return NotPermitted(f"Only the vault's owner (who set it up) can {what}. You unlocked it "
                        "with your own profile's passphrase; ask the owner to do this.")
