"""A small tagged-PDF writer for case notes: headings, paragraphs and lists, A4.

Tagged means a screen reader and a case system's text extraction get the logical structure
(Document > H1/H2/P/L > LI > LBody) and reading order: every line is marked content tied to
its structure element through the parent tree, page numbers are artifacts, and the catalog
carries /MarkInfo, /Lang and the title. The text uses the standard Helvetica fonts with
Windows-1252 encoding, so nothing is embedded and a note is a few kilobytes; a character
outside that set is drawn as its nearest Latin letter and the true text goes in /ActualText.
"""

from __future__ import annotations

import json
import unicodedata
import zlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import resources

PAGE_W, PAGE_H = 595.28, 841.89  # A4 in points
MARGIN = 56.0
STYLES = {  # kind: (font size, bold, space before, leading factor)
    "Title": (18.0, True, 0.0, 1.25),
    "H1": (14.0, True, 14.0, 1.25),
    "H2": (12.0, True, 10.0, 1.25),
    "P": (11.0, False, 5.0, 1.35),
    "LBody": (11.0, False, 3.0, 1.35),
    "Small": (8.5, False, 10.0, 1.3),
}


def _widths() -> dict[str, list[int]]:
    text = resources.files("resources").joinpath("fonts/helvetica-widths.json").read_text()
    data = json.loads(text)
    return {"regular": data["regular"], "bold": data["bold"]}


_WIDTHS = _widths()


# Letters with no decomposition to a Latin base letter.
_NEAREST = str.maketrans({"Ł": "L", "ł": "l", "Ø": "O", "ø": "o", "Đ": "D", "đ": "d",
                          "Ħ": "H", "ħ": "h", "ı": "i", "Ŧ": "T", "ŧ": "t", "ĸ": "k",
                          "Ŀ": "L", "ŀ": "l", "ŉ": "n", "Ŋ": "N", "ŋ": "n", "‐": "-",
                          "‑": "-", "−": "-", "′": "'", "″": '"'})


def encode(text: str) -> tuple[bytes, bool]:
    """Windows-1252 bytes for the text, and whether anything had to be approximated."""
    out, lossy = bytearray(), False
    for char in text:
        try:
            out += char.encode("cp1252")
        except UnicodeEncodeError:
            lossy = True
            plain = "".join(c for c in unicodedata.normalize("NFKD", char.translate(_NEAREST))
                            if not unicodedata.combining(c))
            out += plain.encode("cp1252", errors="replace")
    return bytes(out), lossy


def text_width(data: bytes, size: float, bold: bool) -> float:
    table = _WIDTHS["bold" if bold else "regular"]
    return sum(table[b] for b in data) * size / 1000


def _literal(data: bytes) -> bytes:
    out = bytearray(b"(")
    for b in data:
        if b in b"()\\":
            out += b"\\" + bytes([b])
        elif 32 <= b < 127:
            out.append(b)
        else:
            out += b"\\%03o" % b
    return bytes(out + b")")


def _utf16(text: str) -> bytes:
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode() + b">"


@dataclass
class _Elem:
    kind: str
    parent: int | None
    kids: list[tuple[int, int]] = field(default_factory=list)  # (page, mcid)
    children: list[int] = field(default_factory=list)


class TaggedPdf:
    def __init__(self, title: str, *, lang: str = "en-GB", author: str = "") -> None:
        self.title, self.lang, self.author = title, lang, author
        self.elems = [_Elem("Document", None)]
        self.pages: list[list[bytes]] = []
        self.page_mcids: list[list[int]] = []  # element index for each MCID, per page
        self.y = 0.0
        self._new_page()

    # -- building ------------------------------------------------------------------------
    def element(self, kind: str, parent: int = 0) -> int:
        self.elems.append(_Elem(kind, parent))
        index = len(self.elems) - 1
        self.elems[parent].children.append(index)
        return index

    def text(self, kind: str, text: str, *, parent: int = 0, style: str | None = None,
             indent: float = 0.0, bullet: str = "") -> int:
        """A block of wrapped text as one structure element (H1, H2, P, LBody)."""
        size, bold, before, leading = STYLES[style or kind]
        elem = self.element(kind, parent)
        lines = self._wrap(text, size, bold, PAGE_W - 2 * MARGIN - indent) or [""]
        self.y -= before
        for n, line in enumerate(lines):
            if self.y - size * leading < MARGIN + 20:
                self._new_page()
            self.y -= size * leading
            data, lossy = encode(line)
            mcid = len(self.page_mcids[-1])
            self.page_mcids[-1].append(elem)
            self.elems[elem].kids.append((len(self.pages) - 1, mcid))
            props = b"<</MCID %d" % mcid + (b" /ActualText " + _utf16(line) if lossy else b"")
            ops = self.pages[-1]
            if bullet and n == 0:  # the bullet is decoration, outside the text
                ops.append(b"/Artifact BMC BT /F1 %.1f Tf %.2f %.2f Td %s Tj ET EMC"
                           % (size, MARGIN + indent - 10, self.y, _literal(encode(bullet)[0])))
            ops.append(b"/%s %s>> BDC BT /F%d %.1f Tf %.2f %.2f Td %s Tj ET EMC"
                       % (kind.encode(), props, 2 if bold else 1, size, MARGIN + indent,
                          self.y, _literal(data)))
        return elem

    def bullet_list(self, items: list[str]) -> None:
        if not items:
            return
        lst = self.element("L")
        for item in items:
            li = self.element("LI", lst)
            self.text("LBody", item, parent=li, indent=14, bullet="\u2022")

    def _wrap(self, text: str, size: float, bold: bool, width: float) -> list[str]:
        lines: list[str] = []
        for paragraph in text.split("\n"):
            line = ""
            for word in paragraph.split():
                candidate = f"{line} {word}" if line else word
                if line and text_width(encode(candidate)[0], size, bold) > width:
                    lines.append(line)
                    line = word
                else:
                    line = candidate
            lines.append(line)
        return lines

    def _new_page(self) -> None:
        self.pages.append([])
        self.page_mcids.append([])
        self.y = PAGE_H - MARGIN

    # -- writing -------------------------------------------------------------------------
    def save(self) -> bytes:
        objects: list[bytes] = []

        def add(body: bytes) -> int:
            objects.append(body)
            return len(objects)

        catalog, pages_id = add(b""), add(b"")
        f1 = add(b"<</Type /Font /Subtype /Type1 /BaseFont /Helvetica "
                 b"/Encoding /WinAnsiEncoding>>")
        f2 = add(b"<</Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold "
                 b"/Encoding /WinAnsiEncoding>>")
        root = add(b"")
        elem_ids = [add(b"") for _ in self.elems]
        page_ids: list[int] = []
        total = len(self.pages)
        for number, ops in enumerate(self.pages):
            footer = (b"/Artifact BMC BT /F1 8 Tf %.2f %.2f Td %s Tj ET EMC"
                      % (MARGIN, MARGIN - 20,
                         _literal(encode(f"{self.title} - page {number + 1} of {total}")[0])))
            stream = zlib.compress(b"\n".join([*ops, footer]))
            content = add(b"<</Length %d /Filter /FlateDecode>>\nstream\n" % len(stream)
                          + stream + b"\nendstream")
            page_ids.append(add(
                b"<</Type /Page /Parent %d 0 R /MediaBox [0 0 %.2f %.2f] /Contents %d 0 R "
                b"/Resources <</Font <</F1 %d 0 R /F2 %d 0 R>>>> /StructParents %d "
                b"/Tabs /S>>" % (pages_id, PAGE_W, PAGE_H, content, f1, f2, number)))
        for index, elem in enumerate(self.elems):
            parent = root if elem.parent is None else elem_ids[elem.parent]
            kids = [b"%d 0 R" % elem_ids[c] for c in elem.children]
            kids += [b"<</Type /MCR /Pg %d 0 R /MCID %d>>" % (page_ids[p], m)
                     for p, m in elem.kids]
            objects[elem_ids[index] - 1] = (
                b"<</Type /StructElem /S /%s /P %d 0 R /K [%s]>>"
                % (elem.kind.encode(), parent, b" ".join(kids)))
        nums = b" ".join(b"%d [%s]" % (n, b" ".join(b"%d 0 R" % elem_ids[e] for e in mcids))
                         for n, mcids in enumerate(self.page_mcids))
        objects[root - 1] = (b"<</Type /StructTreeRoot /K [%d 0 R] /ParentTree <</Nums [%s]>> "
                             b"/ParentTreeNextKey %d>>" % (elem_ids[0], nums, total))
        objects[pages_id - 1] = (b"<</Type /Pages /Count %d /Kids [%s]>>"
                                 % (total, b" ".join(b"%d 0 R" % p for p in page_ids)))
        objects[catalog - 1] = (
            b"<</Type /Catalog /Pages %d 0 R /StructTreeRoot %d 0 R /MarkInfo <</Marked true>> "
            b"/Lang %s /ViewerPreferences <</DisplayDocTitle true>>>>"
            % (pages_id, root, _literal(self.lang.encode())))
        stamp = datetime.now(UTC).strftime("D:%Y%m%d%H%M%SZ").encode()
        info = add(b"<</Title %s /Author %s /Producer (Casenotes) /CreationDate (%s)>>"
                   % (_utf16(self.title), _utf16(self.author), stamp))
        out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
        offsets = []
        for number, body in enumerate(objects, start=1):
            offsets.append(len(out))
            out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
        xref = len(out)
        out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
        out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
        out += (b"trailer\n<</Size %d /Root %d 0 R /Info %d 0 R>>\nstartxref\n%d\n%%%%EOF\n"
                % (len(objects) + 1, catalog, info, xref))
        return bytes(out)
