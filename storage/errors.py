"""Typed vault errors whose text is shown to the user as it stands (plain English, next step)."""


class VaultError(Exception):
    """Base for problems with the encrypted vault that the user can act on."""


class VaultMissing(VaultError):
    pass


class VaultExists(VaultError):
    pass


class WrongPassphrase(VaultError):
    pass


class TooManyAttempts(VaultError):
    pass


class VaultCorrupt(VaultError):
    pass


class VaultLocked(VaultError):
    pass


class RecordError(VaultError):
    """A request the case record refuses: unknown visit, approving with open flags, etc."""


class NotPermitted(RecordError):
    """A request the role of whoever unlocked the vault does not allow (storage/roles.py)."""


class ExportError(VaultError):
    """An export that could not be written; nothing was left behind or logged."""
