"""The OS keyring, for the vault's keyring slot: Secret Service (Linux), Keychain, Windows.

Only backends that keep secrets encrypted by the OS count: a plaintext or "fail" backend is
treated as no keyring at all, and the passphrase slot is used instead.
"""

from __future__ import annotations

import base64
import logging

log = logging.getLogger(__name__)

_TRUSTED = ("SecretService", "macOS", "Windows", "kwallet", "libsecret")


def _backend():  # type: ignore[no-untyped-def]
    try:
        import keyring

        backend = keyring.get_keyring()
    except Exception:  # noqa: BLE001 - any failure means "no keyring here"
        return None
    name = f"{type(backend).__module__}.{type(backend).__name__}"
    if not any(t.lower() in name.lower() for t in _TRUSTED):
        return None
    return backend


def available() -> bool:
    backend = _backend()
    if backend is None:
        return False
    try:
        backend.get_password("Casenotes vault", "probe")
        return True
    except Exception:  # noqa: BLE001 - locked, no bus, no daemon: all mean unavailable
        return False


def store(service: str, account: str, secret: bytes) -> bool:
    backend = _backend()
    if backend is None:
        return False
    try:
        backend.set_password(service, account, base64.b64encode(secret).decode())
        return True
    except Exception as exc:  # noqa: BLE001
        log.warning("keyring store failed: %s", exc)
        return False


def load(service: str, account: str) -> bytes | None:
    backend = _backend()
    if backend is None:
        return None
    try:
        value = backend.get_password(service, account)
    except Exception as exc:  # noqa: BLE001
        log.warning("keyring read failed: %s", exc)
        return None
    return base64.b64decode(value) if value else None


def delete(service: str, account: str) -> None:
    backend = _backend()
    if backend is None:
        return
    try:
        backend.delete_password(service, account)
    except Exception:  # noqa: BLE001 - already gone is fine
        pass
