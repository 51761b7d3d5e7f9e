"""Write resources/fonts/helvetica-widths.json: glyph advance widths (1/1000 em) of the PDF
base-14 fonts Helvetica and Helvetica-Bold for each Windows-1252 code, which the PDF export
needs to wrap lines. Measured from URW Nimbus Sans (metric-compatible with Helvetica, in
Debian's fonts-urw-base35). A developer tool: run once with fontTools installed; the app
itself only reads the JSON.

    python packaging/tools/font_widths.py > resources/fonts/helvetica-widths.json
"""

import json
import sys

from fontTools.ttLib import TTFont  # type: ignore[import-not-found]

FONTS = {"regular": "/usr/share/fonts/opentype/urw-base35/NimbusSans-Regular.otf",
         "bold": "/usr/share/fonts/opentype/urw-base35/NimbusSans-Bold.otf"}


def widths(path: str) -> list[int]:
    font = TTFont(path)
    cmap = font.getBestCmap()
    scale = 1000 / font["head"].unitsPerEm
    metrics = font["hmtx"].metrics
    out = []
    for code in range(256):
        try:
            char = bytes([code]).decode("cp1252")
        except UnicodeDecodeError:
            out.append(0)
            continue
        glyph = cmap.get(ord(char))
        out.append(round(metrics[glyph][0] * scale) if glyph else 0)
    return out


if __name__ == "__main__":
    json.dump({"source": "URW Nimbus Sans (metric-compatible with Helvetica), cp1252 codes",
               **{style: widths(path) for style, path in FONTS.items()}}, sys.stdout)
    sys.stdout.write("\n")
