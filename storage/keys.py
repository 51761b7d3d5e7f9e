"""Key slots, as LUKS does them: one random data key, wrapped once per way of unlocking.

The SQLCipher database is encrypted with a random 256-bit *data key* given as a raw key, so
SQLCipher's own PBKDF2 is not paid on every open. The data key never touches disk in the
clear; ``keyslots.json`` beside the vault holds it wrapped (AES-256-GCM) under:

- a **passphrase** slot: key-encryption key from scrypt (n=2^17, r=16, 256 MiB: ~1 s on 2
  cores), always present, so the vault opens where no OS keyring exists. The cost is stored
  in each slot, so slots made with the older n=2^16, r=12 still open;
- a **recovery** slot: key from a printable 160-bit recovery key shown once at set-up;
- an optional **keyring** slot: a random key-encryption key kept in the OS keyring
  (Secret Service on Linux, Keychain, Windows Credential Locker);
- a **member** slot per other profile, holding what that role may read: a practitioner's
  holds the key of their own casework database and the records key (``"holds": "own"``: the
  two keys, 64 bytes, sealed together), a team lead's only the *records key*
  (``"holds": "records"``), which opens the records store of approved notes
  (storage/records_store.py) and not the casework database. The records key is derived from
  the data key (HKDF), so every slot that holds the data key holds it too, and nothing can run
  HKDF backwards from the records key to the data key. Slots written before role keys have no
  "holds" and hold the data key; a team lead's is narrowed when they next unlock, a
  practitioner's keeps opening the shared casework database (storage/vault_keys.py);
- a **custodian** wrap per practitioner's casework key, under a key derived from the data key,
  so the owner's slots (passphrase, recovery key, keyring) can back it up, restore it and
  give the practitioner a passphrase again; no member's slot reaches it.

A wrong passphrase fails the GCM tag check, so a bad guess is told apart from a damaged
vault. Changing the passphrase rewraps one slot; rekeying makes a new data key and rewraps all.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.hashes import SHA256
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from storage import keyring_store
from storage.errors import NotPermitted, VaultCorrupt, VaultLocked, WrongPassphrase
from storage.filelock import locked
from storage.paths import write_atomically
from storage.recovery_key import normalise_recovery_key

KEYRING_SERVICE = "Casenotes vault"
# What a slot holds: the data key, the records key, a practitioner's own casework key with it.
CASEWORK, RECORDS, OWN = "casework", "records", "own"
SCRYPT = {"n": 2**17, "r": 16, "p": 1}  # for new slots; each slot records its own


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode())


def new_data_key() -> bytes:
    return secrets.token_bytes(32)


def records_key(data_key: bytes) -> bytes:
    """The key of the records store (approved notes), from the casework database's data key."""
    return HKDF(algorithm=SHA256(), length=32, salt=None,
                info=b"casenotes records store").derive(data_key)


def _scrypt(passphrase: str, salt: bytes, params: dict[str, int]) -> bytes:
    return hashlib.scrypt(passphrase.encode("utf-8"), salt=salt, n=params["n"], r=params["r"],
                          p=params["p"], maxmem=2**30, dklen=32)


def _hkdf(secret: bytes, salt: bytes, info: bytes) -> bytes:
    return HKDF(algorithm=SHA256(), length=32, salt=salt, info=info).derive(secret)


def _aad(slot_type: str, holds: str) -> bytes:
    """Bound to the slot's type and what it holds, so a records key cannot be passed off as
    a data key (or a slot's "holds" edited) without the GCM tag failing."""
    return (f"casenotes:{slot_type}" if holds == CASEWORK
            else f"casenotes:{slot_type}:{holds}").encode()


def holds(slot: dict[str, Any]) -> str:
    """What a slot's wrapped key opens; slots from before role keys hold the data key."""
    return str(slot.get("holds", CASEWORK))


def _custodian_kek(data_key: bytes) -> bytes:
    return _hkdf(data_key, b"", b"casenotes custodian")


def _wrap(kek: bytes, data_key: bytes, slot_type: str,
          holding: str = CASEWORK) -> dict[str, str]:
    nonce = secrets.token_bytes(12)
    sealed = AESGCM(kek).encrypt(nonce, data_key, _aad(slot_type, holding))
    return {"nonce": _b64(nonce), "wrapped": _b64(sealed), "check": _check(kek)}


def _check(kek: bytes) -> str:
    """A short MAC that says whether a key-encryption key is the right one, apart from the
    wrapped key itself: a right passphrase on a damaged slot is then told from a wrong one.
    It tells an attacker nothing the GCM tag does not, at the same scrypt cost."""
    return _b64(hmac.digest(kek, b"casenotes slot check", "sha256")[:16])


def _unwrap(kek: bytes, slot: dict[str, Any]) -> bytes:
    return AESGCM(kek).decrypt(_unb64(slot["nonce"]), _unb64(slot["wrapped"]),
                               _aad(str(slot["type"]), holds(slot)))


class DamagedSlot(Exception):
    """A slot that cannot be what `_wrap` wrote: garbled, cut short, or a right key that does
    not unwrap it."""


def _open(kek: bytes, slot: dict[str, Any]) -> bytes | None:
    """The data key; None for a wrong key; DamagedSlot for a slot that is damaged. A slot
    written before checks existed gains one (the caller saves it) once it opens."""
    try:
        if len(_unb64(slot["nonce"])) != 12 or \
                len(_unb64(slot["wrapped"])) != (80 if holds(slot) == OWN else 48):
            raise DamagedSlot
        check = slot.get("check")
        if check is not None and not hmac.compare_digest(str(check), _check(kek)):
            return None
        key = _unwrap(kek, slot)
    except InvalidTag:
        if check is not None:
            raise DamagedSlot from None
        return None
    except (KeyError, TypeError, ValueError):
        raise DamagedSlot from None
    slot.setdefault("check", _check(kek))
    return key


def _kek_from_passphrase(passphrase: str, slot: dict[str, Any]) -> bytes:
    try:
        params = {k: int(slot[k]) for k in ("n", "r", "p")}
        return _scrypt(passphrase, _unb64(slot["salt"]), params)
    except (KeyError, TypeError, ValueError):
        raise DamagedSlot from None


_DAMAGED = ("The vault's key file (keyslots.json) has a damaged {what} slot, so {secret} "
            "cannot be checked; this was not counted as a wrong guess. {step}, or restore the "
            "vault from a backup with 'casenotes restore BACKUP'.")


@dataclass
class KeySlots:
    """The contents of keyslots.json. Holds no secret in the clear."""

    vault_id: str
    slots: list[dict[str, Any]]

    # -- creation ------------------------------------------------------------------------
    @classmethod
    def create(cls, data_key: bytes, passphrase: str, recovery_key: str, *,
               scrypt: dict[str, int] | None = None) -> KeySlots:
        slots = cls(str(uuid.uuid4()), [])
        slots.set_passphrase(data_key, passphrase, scrypt=scrypt)
        slots.set_recovery(data_key, recovery_key)
        return slots

    def set_passphrase(self, data_key: bytes, passphrase: str, *,
                       scrypt: dict[str, int] | None = None) -> None:
        params = dict(scrypt or SCRYPT)
        salt = secrets.token_bytes(16)
        slot = {"type": "passphrase", "kdf": "scrypt", "salt": _b64(salt), **params}
        slot.update(_wrap(_scrypt(passphrase, salt, params), data_key, "passphrase"))
        self._replace(slot)

    def set_member(self, key: bytes, profile_id: int, passphrase: str, *,
                   holding: str = CASEWORK, scrypt: dict[str, int] | None = None) -> None:
        """A passphrase slot of its own for another profile: `key` is a practitioner's own
        casework key and the records key (OWN), the records key for a team lead (RECORDS),
        or the data key (CASEWORK: a practitioner's slot made by an older Casenotes)."""
        params = dict(scrypt or SCRYPT)
        salt = secrets.token_bytes(16)
        slot = {"type": "member", "profile": int(profile_id), "holds": holding,
                "kdf": "scrypt", "salt": _b64(salt), **params}
        slot.update(_wrap(_scrypt(passphrase, salt, params), key, "member", holding))
        self.slots = [s for s in self.slots
                      if not (s["type"] == "member" and s.get("profile") == profile_id)]
        self.slots.append(slot)

    def set_custodian(self, data_key: bytes, profile_id: int, casework_key: bytes, *,
                      keep: bool = False) -> None:
        """Keep a practitioner's casework key where the owner's slots reach it (see module);
        with `keep`, beside the one kept already (while their casework is re-encrypted, so
        a crash part-way leaves the key that opens it)."""
        slot: dict[str, Any] = {"type": "custodian", "profile": int(profile_id)}
        slot.update(_wrap(_custodian_kek(data_key), casework_key, "custodian", str(profile_id)))
        if not keep:
            self.slots = [s for s in self.slots
                          if not (s["type"] == "custodian" and s.get("profile") == profile_id)]
        self.slots.append(slot)

    def custodians(self) -> list[int]:
        return sorted({int(s["profile"]) for s in self.slots if s["type"] == "custodian"})

    def custodian_keys(self, data_key: bytes, profile_id: int) -> list[bytes]:
        """A practitioner's casework key, from the owner's data key: newest first, and two
        only while a re-encryption is under way (storage/practitioners.py: `key_for`)."""
        found: list[bytes] = []
        for slot in self.slots:
            if slot["type"] == "custodian" and slot.get("profile") == profile_id:
                try:
                    key = _open(_custodian_kek(data_key), dict(slot, holds=str(profile_id)))
                except DamagedSlot:
                    key = None
                if key is not None:
                    found.insert(0, key)
        if not found:
            raise VaultCorrupt(f"The vault's key file has no key for profile {profile_id}'s "
                               "casework. Restore the vault from a backup with 'casenotes "
                               "restore BACKUP'.")
        return found

    def members(self) -> list[int]:
        return [int(s["profile"]) for s in self.slots if s["type"] == "member"]

    def member_holds(self, profile_id: int) -> str | None:
        for slot in self.slots:
            if slot["type"] == "member" and slot.get("profile") == profile_id:
                return holds(slot)
        return None

    def set_recovery(self, data_key: bytes, recovery_key: str) -> None:
        salt = secrets.token_bytes(16)
        kek = _hkdf(normalise_recovery_key(recovery_key).encode(), salt, b"casenotes recovery")
        slot = {"type": "recovery", "kdf": "hkdf-sha256", "salt": _b64(salt)}
        slot.update(_wrap(kek, data_key, "recovery"))
        self._replace(slot)

    def set_keyring(self, data_key: bytes, keyring_secret: bytes) -> None:
        slot = {"type": "keyring", "service": KEYRING_SERVICE, "account": self.vault_id}
        slot.update(_wrap(keyring_secret, data_key, "keyring"))
        self._replace(slot)

    def remove(self, slot_type: str) -> None:
        self.slots = [s for s in self.slots if s["type"] != slot_type]

    def has(self, slot_type: str) -> bool:
        return any(s["type"] == slot_type for s in self.slots)

    def _replace(self, slot: dict[str, Any]) -> None:
        self.remove(slot["type"])
        self.slots.append(slot)

    # -- unlocking -----------------------------------------------------------------------
    def unlock_with_passphrase(self, passphrase: str) -> bytes:
        """The data key; a team lead's or practitioner's passphrase, which does not hold it,
        is refused (NotPermitted) rather than taken for a wrong guess."""
        key, _, holding = self.unlock_as(passphrase)
        if holding != CASEWORK:
            whose, opens = (("a team lead's", "the approved notes") if holding == RECORDS
                            else ("a practitioner's own", "their own casework"))
            raise NotPermitted(f"That is {whose} passphrase: it opens {opens} only, not the "
                               "whole vault or a backup of it. Use the owner's passphrase or "
                               "the recovery key.")
        return key

    def unlock_as(self, passphrase: str) -> tuple[bytes, int | None, str]:
        """The key, whose passphrase it was (None for the vault owner's slot, else the profile
        id of a member slot) and what the key opens (CASEWORK or RECORDS)."""
        owner = self._slot("passphrase")
        damaged = []
        for slot in [owner] + [s for s in self.slots if s["type"] == "member"]:
            try:
                key = _open(_kek_from_passphrase(passphrase, slot), slot)
            except DamagedSlot:
                damaged.append(slot)
                continue
            if key is None:
                continue
            return key, (int(slot["profile"]) if slot["type"] == "member" else None), \
                holds(slot)
        if damaged:
            raise VaultCorrupt(_DAMAGED.format(
                what="passphrase", secret="the passphrase",
                step="Unlock with the recovery key (--recovery-key-stdin) and set the "
                     "passphrase again with 'casenotes passphrase change'"))
        raise WrongPassphrase("That passphrase is not right. Check Caps Lock and try again; "
                              "if it is lost, use the recovery key.")

    def unlock_with_recovery_key(self, recovery_key: str) -> bytes:
        slot = self._slot("recovery")
        try:
            kek = _hkdf(normalise_recovery_key(recovery_key).encode(), _unb64(slot["salt"]),
                        b"casenotes recovery")
            key = _open(kek, slot)
        except (DamagedSlot, KeyError, ValueError):
            raise VaultCorrupt(_DAMAGED.format(
                what="recovery-key", secret="the recovery key",
                step="Unlock with the passphrase and make a new recovery key with 'casenotes "
                     "rekey'")) from None
        if key is None:
            raise WrongPassphrase("That recovery key is not right. Check it against the copy "
                                  "you printed or wrote down, and try again.")
        return key

    def unlock_with_keyring_secret(self, keyring_secret: bytes) -> bytes:
        key = _open(keyring_secret, self._slot("keyring"))
        if key is None:
            raise InvalidTag
        return key

    def _slot(self, slot_type: str) -> dict[str, Any]:
        for slot in self.slots:
            if slot["type"] == slot_type:
                return slot
        raise VaultCorrupt(f"The vault's key file has no {slot_type} slot. Restore the vault "
                           "from a backup with 'casenotes restore BACKUP'.")

    # -- persistence ---------------------------------------------------------------------
    def to_json(self) -> str:
        return json.dumps({"format": "casenotes-keyslots", "version": 1,
                           "vault_id": self.vault_id, "slots": self.slots}, indent=2)

    @classmethod
    def from_json(cls, text: str) -> KeySlots:
        try:
            data = json.loads(text)
            if data.get("format") != "casenotes-keyslots":
                raise ValueError("not a key-slot file")
            return cls(str(data["vault_id"]), list(data["slots"]))
        except (ValueError, KeyError, TypeError, AttributeError):
            raise VaultCorrupt("The vault's key file (keyslots.json) is damaged. Restore the "
                               "vault from a backup with 'casenotes restore BACKUP'.") from None

    def save(self, path: Path) -> None:
        """Write atomically (a crash leaves either the old file or the new one), 0600, one
        process at a time, keeping the back-off count the file holds (storage/attempts.py)."""
        with locked(path.with_name("keyslots.lock")):
            data = json.loads(self.to_json())
            try:
                kept = json.loads(path.read_text(encoding="utf-8")).get("attempts")
            except (OSError, UnicodeDecodeError, ValueError, AttributeError):
                kept = None
            if kept is not None:
                data["attempts"] = kept
            write_atomically(path, json.dumps(data, indent=2).encode("utf-8"))

    @classmethod
    def load(cls, path: Path) -> KeySlots:
        try:
            return cls.from_json(path.read_text(encoding="utf-8"))
        except UnicodeDecodeError:
            raise VaultCorrupt("The vault's key file (keyslots.json) is damaged. Restore the "
                               "vault from a backup with 'casenotes restore BACKUP'.") from None


def unlock_key(slots: KeySlots, passphrase: str | None, recovery_key: str | None,
               use_keyring: bool) -> tuple[bytes, int | None, str]:
    """(key, member profile or None for the owner, what it opens) from the keyring slot, else
    from the passphrase or recovery key (a guess: the caller counts it, storage/attempts.py)."""
    if use_keyring and slots.has("keyring") and passphrase is None and recovery_key is None:
        secret = keyring_store.load(KEYRING_SERVICE, slots.vault_id)
        if secret:
            try:
                return slots.unlock_with_keyring_secret(secret), None, CASEWORK
            except Exception:  # noqa: BLE001 - a stale keyring entry: ask for the passphrase
                pass
    if passphrase is None and recovery_key is None:
        raise VaultLocked("The vault is locked. Give the passphrase (set CASENOTES_PASSPHRASE "
                          "or use --passphrase-stdin).")
    if recovery_key:
        return slots.unlock_with_recovery_key(recovery_key), None, CASEWORK
    return slots.unlock_as(passphrase or "")


def add_keyring_slot(slots: KeySlots, data_key: bytes) -> None:
    secret = os.urandom(32)
    if keyring_store.store(KEYRING_SERVICE, slots.vault_id, secret):
        slots.set_keyring(data_key, secret)
    else:
        slots.remove("keyring")
