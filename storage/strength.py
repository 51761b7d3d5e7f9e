"""Refusing passphrases an attacker would try first.

Anyone who copies the vault (a stolen laptop, a stolen backup, malware) can guess offline at
the speed of scrypt, about one guess a second per core at our cost: that is slow for random
guesses and useless against "password2024". So a new passphrase (set-up, a change, a member's,
a rekey) must have at least 12 characters and must not be, once spaces, capitals, digits and
symbols at its ends and l33t spellings are taken away, one of the words or patterns at the
top of every cracking list: a common password, a keyboard row, a run of letters or digits,
one short piece repeated. Existing passphrases keep working; the check is only for new ones.

Three or four unrelated words pass easily and are what the message suggests.
"""

from __future__ import annotations

from storage.errors import VaultError

MIN_PASSPHRASE = 12

# From the top of the public breach lists (Have I Been Pwned, SecLists), the words people
# stretch to twelve characters with digits and symbols, and this app's own names.
_COMMON = frozenset("""
password passphrase passwort motdepasse contrasena letmein welcome iloveyou qwerty
qwertyuiop asdfgh asdfghjkl zxcvbnm admin administrator root login default changeme secret
football baseball soccer hockey monkey dragon sunshine princess trustno superman batman
spiderman master shadow starwars whatever computer internet hello charlie liverpool chelsea
arsenal manchester london england summer winter spring autumn freedom flower michael
jennifer jordan daniel thomas abc abcd test testing guest user casenotes casenote socialcare
socialwork socialworker council nhs care carer passcode secure security mypassword
""".split())
_SEQUENCES = ("abcdefghijklmnopqrstuvwxyz", "qwertyuiopasdfghjklzxcvbnm", "1qaz2wsx3edc4rfv5tgb",
              "qazwsxedcrfvtgbyhnujmikolp", "01234567890")
_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a",
                       "$": "s", "!": "i"})


def check_passphrase(passphrase: str) -> None:
    """Raise VaultError, saying why and what to do instead, for a passphrase too weak to set."""
    if len(passphrase) < MIN_PASSPHRASE:
        raise VaultError(f"A passphrase needs at least {MIN_PASSPHRASE} characters (this one "
                         f"has {len(passphrase)}). Three or four unrelated words make a strong "
                         "one that is easy to remember.")
    if is_common(passphrase):
        raise VaultError("That passphrase is one of the first an attacker would try (a common "
                         "password, a keyboard pattern or a repeat, with a few letters or "
                         "numbers added). Choose three or four unrelated words instead.")


def is_common(passphrase: str) -> bool:
    """Whether the passphrase is, at heart, a common word or a pattern."""
    squeezed = "".join(passphrase.lower().split())
    if len(set(squeezed)) < 5:
        return True
    core = _core(squeezed)
    candidates = {squeezed, core, _core(core.translate(_LEET))}
    return any(_weak(c) for c in candidates)


def _core(text: str) -> str:
    """Without the digits and symbols people add at either end ('!Password2024!')."""
    return text.strip("0123456789!?.,;:-_+=*#@$%&^~'\"()[]{}<>/\\|")


def _weak(text: str) -> bool:
    if len(text) < 4:
        return True
    if text in _COMMON or _repeats(text):
        return True
    for sequence in _SEQUENCES:
        if text in sequence or text in sequence[::-1]:
            return True
    # One common word said twice, or with a second common word ('passwordadmin').
    return any(text[:i] in _COMMON and (text[i:] in _COMMON or _repeats(text[i:]))
               for i in range(3, len(text) - 2))


def _repeats(text: str) -> bool:
    """'abcabcabcabc', 'passwordpassword': one short piece, over and over."""
    for size in range(1, len(text) // 2 + 1):
        if len(text) % size == 0 and text[:size] * (len(text) // size) == text:
            return True
    return False
