"""The vault's key operations: changing a passphrase, giving a member one, rekeying, and
narrowing a team lead's slot made before role keys.

What each slot holds follows the role of the person it belongs to (storage/keys.py): the
owner's the data key, a practitioner's the key of their own casework database (with the
records key), a team lead's only the records key. A team lead's slot written by an older
Casenotes still holds the data key; it cannot be rewrapped without their passphrase, so it is
narrowed the next time they unlock (`narrow_lead_slot`), and until then `wide_lead_slots`
names it, so the owner can be told (or can `rekey`, which drops every member slot). A
practitioner's slot written by an older Casenotes holds the data key too, and their visits so
far are in the owner's casework database with everyone else's: they cannot be moved out of
it without breaking its audit chain and the rule that approved notes are never deleted, so
that slot keeps opening it (`wide_practitioner_slots` names it, for the owner to be told)
until `rekey` drops it; a passphrase set afterwards opens a casework database of their own.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from storage import audit, practitioners
from storage.anchor import Anchor
from storage.keys import (
    CASEWORK,
    OWN,
    RECORDS,
    KeySlots,
    add_keyring_slot,
    new_data_key,
    records_key,
)
from storage.recovery_key import new_recovery_key
from storage.roles import who
from storage.strength import check_passphrase

if TYPE_CHECKING:
    from storage.vault import Vault


def audited(conn: Any, actor: str, action: str, entity: str, entity_id: int | None,
            details: dict[str, Any]) -> None:
    """One audit entry in a transaction of its own."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        audit.append(conn, actor, action, entity, entity_id, details)
        conn.execute("COMMIT")
    except Exception:
        conn.execute("ROLLBACK")
        raise


def _role(vault: Vault, profile_id: int) -> str | None:
    row = vault.run(lambda conn: who(conn, profile_id))
    return row[2] if row else None


def _name(vault: Vault, profile_id: int) -> str:
    row = vault.run(lambda conn: who(conn, profile_id))
    return row[1] if row else f"profile {profile_id}"


def change_passphrase(vault: Vault, new_passphrase: str) -> None:
    check_passphrase(new_passphrase)
    key = vault.key
    member = vault.profile_id
    if member is None:
        vault.slots.set_passphrase(key, new_passphrase)
    else:  # the slot keeps holding what it held: the data key, or the records key
        vault.slots.set_member(key, member, new_passphrase, holding=vault.holds)
    vault.slots.save(vault.paths.keyslots)
    vault.run(lambda conn: audited(conn, vault.actor(conn), "passphrase changed",
                                   "vault" if member is None else "profile", member, {}))


def set_member_passphrase(vault: Vault, profile_id: int, passphrase: str) -> None:
    vault.require_owner("give a profile a passphrase")
    check_passphrase(passphrase)
    key = vault.key
    if _role(vault, profile_id) == "team-lead":
        vault.slots.set_member(records_key(key), profile_id, passphrase, holding=RECORDS)
    else:
        own = _own_key(vault, profile_id)
        vault.slots.set_member(own + records_key(key), profile_id, passphrase, holding=OWN)
    vault.slots.save(vault.paths.keyslots)
    vault.run(lambda conn: audited(conn, vault.actor(conn), "member passphrase set",
                                   "profile", profile_id,
                                   {"holds": vault.slots.member_holds(profile_id)}))
    vault.publish()  # their profile must be in the records store before they unlock


def _own_key(vault: Vault, profile_id: int) -> bytes:
    """The key of the practitioner's own casework database: kept in its custodian wrap, or
    (the first time) new, with the database made under it and the wrap saved first."""
    if profile_id in vault.slots.custodians():
        return practitioners.key_for(vault.paths.casework(profile_id), vault.slots, vault.key,
                                     profile_id)
    own = new_data_key()
    vault.paths.casework(profile_id).unlink(missing_ok=True)  # one a crash left, never used
    vault.slots.set_custodian(vault.key, profile_id, own)
    vault.slots.save(vault.paths.keyslots)
    vault.run(lambda conn: practitioners.create(vault.paths, vault.slots.vault_id, profile_id,
                                                own, conn, vault.actor(conn)))
    return own


def wide_practitioner_slots(vault: Vault) -> list[str]:
    """Names of practitioners whose slot holds the data key (made by an older Casenotes): it
    opens the owner's casework database, where their visits so far are (see the module)."""
    if vault.holds != CASEWORK:
        return []
    return [_name(vault, p) for p in vault.slots.members()
            if vault.slots.member_holds(p) == CASEWORK and _role(vault, p) == "practitioner"]


def wide_lead_slots(vault: Vault) -> list[str]:
    """Names of team leads whose slot still holds the data key (made before role keys)."""
    if vault.store is None:
        return []
    found = []
    for profile_id in vault.slots.members():
        if vault.slots.member_holds(profile_id) == CASEWORK:
            if _role(vault, profile_id) == "team-lead":
                found.append(_name(vault, profile_id))
    return found


def wide_lead_slot(vault: Vault) -> bool:
    """Whether a team lead unlocked with a slot that still holds the data key."""
    member = vault.profile_id
    return (member is not None and vault.store is not None
            and vault.slots.member_holds(member) == CASEWORK
            and _role(vault, member) == "team-lead")


def narrow_lead_slot(vault: Vault, passphrase: str) -> Vault:
    """Rewrap a team lead's slot to hold the records key only (their passphrase was just
    given, so nothing is asked of anyone), audit that under their name, and return the vault
    reopened as the records store. The records store is already up to date: opening the
    casework database published it."""
    from storage.vault import Vault

    member = vault.profile_id
    assert member is not None
    key = records_key(vault.key)
    vault.slots.set_member(key, member, passphrase, holding=RECORDS)
    vault.slots.save(vault.paths.keyslots)
    vault.run(lambda conn: audited(conn, vault.actor(conn), "key slot narrowed", "profile",
                                   member, {"holds": RECORDS}))
    paths, slots = vault.paths, vault.slots
    vault.lock()
    return Vault(paths, slots, key, member, RECORDS)


def rekey(vault: Vault, passphrase: str) -> str:
    """Crash-safe: the new key slots are written to keyslots.json.next before the database
    is re-encrypted, and `open` falls back to them if keyslots.json no longer fits. The
    records store is re-encrypted after; one a crash left under the old key is set aside and
    built again at the next opening (storage/records_store.py). Then each practitioner's
    casework, under a new key of its own (storage/practitioners.py: `rekey`)."""
    vault.require_owner("re-encrypt the vault")
    check_passphrase(passphrase)
    new_key = new_data_key()
    recovery_key = new_recovery_key()
    slots = KeySlots.create(new_key, passphrase, recovery_key)
    slots.vault_id = vault.slots.vault_id
    for profile_id in vault.slots.custodians():  # re-encrypted below, after the vault
        for own in reversed(vault.slots.custodian_keys(vault.key, profile_id)):
            slots.set_custodian(new_key, profile_id, own, keep=True)
    if vault.slots.has("keyring"):
        add_keyring_slot(slots, new_key)
    pending = vault.paths.keyslots.with_name("keyslots.json.next")
    slots.save(pending)

    old_anchor = vault.anchor
    new_anchor = Anchor(vault.paths, slots.vault_id, new_key)

    def rekey(conn: Any) -> None:
        # Sealed under both keys until the rekey is done, so a crash part-way leaves an
        # anchor that whichever key ends up live still opens.
        old_anchor.reset(conn, old_anchor.keys + new_anchor.keys)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute(f"PRAGMA rekey = \"x'{new_key.hex()}'\"")
        conn.execute("PRAGMA journal_mode = WAL")
    vault.run(rekey)
    os.replace(pending, vault.paths.keyslots)
    dropped = vault.slots.members()
    vault.rekeyed(slots, new_key, new_anchor)
    store = vault.store
    if store is not None:
        vault.run(lambda conn: store.rekey(records_key(new_key)))
    # Members' passphrases wrapped the old keys and are unknown here: they must be set again.
    actor = vault.run(vault.actor)
    vault.run(lambda conn: audited(conn, actor, "vault re-encrypted", "vault",
                                   None, {"member_slots_removed": dropped}))
    for profile_id in slots.custodians():  # so a practitioner's key copied before is no use
        if vault.paths.casework(profile_id).exists():
            practitioners.rekey(vault.paths, slots, new_key, profile_id, actor)
    return recovery_key
