"""The audit log's end, anchored outside the database, so a shortened log is seen.

The hash chain (storage/audit.py) shows any entry changed or removed from the middle, but not
entries cut from the end: delete the -wal file after an approval, or copy an older
casenotes.vault back, and what remains is a shorter chain that verifies. So after every
commit that adds audit entries, ``audit-anchor.json`` beside the key slots records the last
entry: its number, its hash and what it was (action, visit, time), sealed with AES-256-GCM
under a key derived (HKDF) from the data key. Without that key the anchor can be neither
read nor forged. Only the time of the last change is in the clear, as the file's own
modification time already is, so `restore` can tell an older backup from a newer one.

Order matters. The database commits first (synchronous=FULL: on disk), then the anchor is
written (atomically, fsync'd, 0600). A crash between the two leaves the log one commit
*ahead* of its anchor, which is the one commit a crash can cost the anchor; a log ahead of
its anchor hides nothing, so it is accepted and the anchor catches up at the next open. A log
*behind* its anchor, or one whose entry at the anchored number has another hash, is what
truncation or a rollback does: it is reported, and the anchor is then never moved (not
backwards, not onto the other history), so the report stands until the owner restores a
backup or accepts the log as it is (``casenotes audit accept``, itself audited).

A vault made by this version, or anchored since (an "audit anchored" entry), must have its
anchor: a missing one is reported, not quietly made again. What an anchor cannot show is the
whole data folder (vault and anchor together) put back to an older copy; docs/security.md.
"""

from __future__ import annotations

import base64
import json
import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.hashes import SHA256
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from storage.filelock import locked
from storage.paths import DataDir, write_atomically

FORMAT = "casenotes-audit-anchor"
ANCHORED = "audit anchored"
_NOUNS = {"approved": "approval", "drafted": "draft", "transcribed": "transcript",
          "exported": "export", "visit created": "creation", "note edited": "note edit",
          "flag resolved": "flag decision", "amendment started": "amendment",
          "recording imported": "recording import", "recording started": "recording",
          "transcript corrected": "transcript correction"}


def anchor_key(data_key: bytes) -> bytes:
    return HKDF(algorithm=SHA256(), length=32, salt=None,
                info=b"casenotes audit anchor").derive(data_key)


@dataclass(frozen=True)
class Head:
    """The last entry of a chain, or of the chain as the anchor last saw it."""

    seq: int
    hash: str
    at: str
    action: str
    entity: str
    entity_id: int | None
    visit_id: int | None

    def describe(self) -> str:
        """In words: 'approval of visit 3 at 2025-05-01 10:02:03 UTC'."""
        what = _NOUNS.get(self.action, self.action)
        if self.visit_id is not None:
            what += f" of visit {self.visit_id}"
        elif self.entity_id is not None:
            what += f" of {self.entity} {self.entity_id}"
        return f"{what} at {when(self.at)}"


def when(at: str) -> str:
    try:
        return datetime.fromisoformat(at.replace("Z", "+00:00")).strftime("%Y-%m-%d %H:%M:%S UTC")
    except ValueError:
        return at


def head(conn: Any) -> Head | None:
    """The chain's last entry as the database holds it now."""
    row = conn.execute("SELECT seq, hash, at, action, entity, entity_id, details_json FROM "
                       "audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    if row is None:
        return None
    details = json.loads(row[6])
    visit = details.get("visit_id") if isinstance(details, dict) else None
    return Head(int(row[0]), str(row[1]), str(row[2]), str(row[3]), str(row[4]),
                None if row[5] is None else int(row[5]),
                visit if isinstance(visit, int) else None)


def expected(conn: Any) -> bool:
    """Whether this vault's log has been anchored, so that a missing anchor means removed."""
    return conn.execute(
        "SELECT 1 FROM audit_log WHERE action = ? OR (action IN ('vault created', "
        "'casework created') AND json_extract(details_json, '$.anchored')) LIMIT 1",
        (ANCHORED,)).fetchone() is not None


class Anchor:
    """The anchor of one vault. Methods take the vault's connection and run on its thread."""

    def __init__(self, paths: DataDir, vault_id: str, data_key: bytes, *,
                 records: bool = False, practitioner: int | None = None) -> None:
        """The casework database's anchor; with `records` the records store's
        (records-anchor.json, keyed from the records key); with `practitioner` that
        practitioner's own casework database's (casework-N-anchor.json, from its key)."""
        self.paths = paths
        self.vault_id = vault_id
        self.keys = [anchor_key(data_key)]
        self.file = paths.records_anchor if records else paths.anchor
        self.lock = paths.records_anchor_lock if records else paths.anchor_lock
        if practitioner is not None:
            self.file = paths.casework_anchor(practitioner)
            self.lock = paths.casework_anchor_lock(practitioner)
        self._seen: tuple[int, str] | None = None  # the head this process last anchored

    # -- reading ---------------------------------------------------------------------------
    def stored(self) -> Head | None:
        """The anchored head; None when there is no anchor file. Raises ValueError when
        there is one that this vault's key does not open (altered, or another vault's)."""
        try:
            data = json.loads(self.file.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise ValueError("unreadable") from exc
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ValueError("not an anchor")
        aad = f"{FORMAT}:{self.vault_id}:{data.get('last_change_at')}".encode()
        for seal in data.get("seals", []):
            for key in self.keys:
                try:
                    plain = AESGCM(key).decrypt(base64.b64decode(seal["nonce"]),
                                                base64.b64decode(seal["sealed"]), aad)
                except (InvalidTag, KeyError, TypeError, ValueError):
                    continue
                return Head(**json.loads(plain))
        raise ValueError("does not open")

    def problems(self, conn: Any) -> list[str]:
        """What the anchor says is missing from the log, in words; empty when all is well."""
        try:
            anchored = self.stored()
        except ValueError:
            return ["The audit log's anchor (audit-anchor.json) does not belong to this vault: "
                    "it was altered, or the vault file was replaced by a different vault."]
        if anchored is None:
            if expected(conn):
                return ["The audit log's anchor (audit-anchor.json) is missing, so Casenotes "
                        "cannot check that no entries were removed from the end of the log; "
                        "it may have been deleted to hide a rollback of the vault."]
            return []
        now = head(conn)
        count = now.seq if now else 0
        if count < anchored.seq:
            lost = anchored.seq - count
            what = (f"the last change ({anchored.describe()}) is missing" if lost == 1 else
                    f"the last {lost} changes are missing, the latest of them "
                    f"{anchored.describe()}")
            ends = (f"The log now ends at entry {count} ({now.describe()})." if now else
                    "The log is now empty.")
            return [f"The audit log ends {lost} entr{'y' if lost == 1 else 'ies'} before its "
                    f"anchor: {what}. The vault may have been rolled back to an older copy or "
                    f"its journal (the -wal file) deleted. {ends}"]
        row = conn.execute("SELECT hash FROM audit_log WHERE seq = ?",
                           (anchored.seq,)).fetchone()
        if row is None or row[0] != anchored.hash:
            return [f"The audit log differs from its anchor at entry {anchored.seq}: the vault "
                    "file was replaced by another copy (rolled back, or put back outside "
                    f"'casenotes restore'), and the anchored change ({anchored.describe()}) "
                    "is not in it."]
        return []

    # -- writing ---------------------------------------------------------------------------
    def refresh(self, conn: Any) -> None:
        """Move the anchor up to the log's end, unless the log no longer contains the anchored
        entry (then the anchor is the evidence and stays). Call after a commit."""
        now = head(conn)
        if now is None or self._seen == (now.seq, now.hash):
            return
        with locked(self.lock):
            now = head(conn)  # another process may have committed meanwhile
            if now is None:
                return
            if self.file.exists():
                if self.problems(conn):
                    return
            elif expected(conn):
                return
            self._write(now)

    def reset(self, conn: Any, keys: list[bytes] | None = None) -> None:
        """Anchor the log as it stands, whatever the anchor said: for a new, restored or
        re-keyed vault, or when the owner accepts a shortened log. With `keys`, seal the
        anchor under each (while a rekey is under way, so either key opens it)."""
        now = head(conn)
        if now is None:
            return
        with locked(self.lock):
            self._write(now, keys)

    def _write(self, now: Head, keys: list[bytes] | None = None) -> None:
        aad = f"{FORMAT}:{self.vault_id}:{now.at}".encode()
        plain = json.dumps(now.__dict__, sort_keys=True).encode()
        seals = []
        for key in keys or self.keys:
            nonce = secrets.token_bytes(12)
            seals.append({"nonce": base64.b64encode(nonce).decode(),
                          "sealed": base64.b64encode(AESGCM(key).encrypt(nonce, plain, aad))
                          .decode()})
        data = {"format": FORMAT, "version": 1, "vault_id": self.vault_id,
                "last_change_at": now.at, "seals": seals}
        write_atomically(self.file, json.dumps(data, indent=2).encode())
        self._seen = (now.seq, now.hash)


def last_change_at(paths: DataDir) -> str | None:
    """The time of the last anchored change, read without the key (for `restore` to compare
    ages when the vault it would replace does not open with the backup's passphrase)."""
    try:
        data = json.loads(paths.anchor.read_text(encoding="utf-8"))
        return str(data["last_change_at"]) if data.get("format") == FORMAT else None
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError):
        return None
