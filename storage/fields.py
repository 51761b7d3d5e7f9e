"""What a typed-in field may hold, and how stored text is shown on a terminal.

Case references and names are typed by people and printed back by the command line, the
window and every export. They are kept to a sensible length and may not carry control
characters (a line break, a tab, a terminal escape code) or the Unicode controls that reverse
the direction text is displayed in, so a name can neither break a CSV row nor rewrite the
screen of whoever lists the visits. Text already in a vault (a transcript, a file name) is
shown through `escaped`, which makes any such character visible instead of acting on it.
"""

from __future__ import annotations

from storage.errors import RecordError

MAX_FIELD = 200

# C0 and C1 controls and DEL, and the bidirectional embeddings, overrides and isolates.
ESCAPES: dict[int, str] = {
    **{c: f"\\x{c:02x}" for c in (*range(0x20), *range(0x7F, 0xA0))},
    ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t",
    **{c: f"\\u{c:04x}" for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))},
}


def escaped(value: object) -> str:
    """`value` as text with every control character shown as an escape (\\x1b, \\n...)."""
    return str(value).translate(ESCAPES)


def check_field(value: str, what: str) -> str:
    """`value` without surrounding spaces; RecordError naming `what` ("the case reference")
    when it is too long or holds a control character."""
    value = value.strip()
    if len(value) > MAX_FIELD:
        raise RecordError(f"{what[0].upper()}{what[1:]} is {len(value)} characters long; "
                          f"Casenotes keeps at most {MAX_FIELD}. Shorten it and try again.")
    bad = next((c for c in value if ord(c) in ESCAPES), None)
    if bad is not None:
        raise RecordError(f"{what[0].upper()}{what[1:]} contains a control character "
                          f"({escaped(bad)}: a tab, line break or terminal code, perhaps "
                          "pasted in). Type it again without it.")
    return value
