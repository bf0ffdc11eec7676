"""The typeface of exported charts (PNG, SVG) and the slide deck: DejaVu Sans, shipped with the app.

vl-convert draws text with the fonts it can find. Its bundled Liberation Sans lacks the Kazakh letters
(ә ғ қ ң ө ұ ү һ і) and the Uzbek ʻ ʼ; a string holding one is then drawn wholly in whatever fallback face the
machine has, and as boxes on a machine with no extra fonts. DejaVu Sans 2.37 covers Kazakh, Uzbek Latin and
Russian completely (its language coverage table lists kk, uz and ru at 100 %), is on every Debian system, and
its licence (Bitstream Vera terms, DejaVu changes public domain; ``presentation/fonts/LICENSE``) allows
shipping it with software. So the regular and bold faces ship in ``presentation/fonts`` and are registered
with vl-convert before any chart is exported; the charts' export config and the deck's text name the family.
"""

from __future__ import annotations

import struct
from functools import cache
from pathlib import Path

import vl_convert as vlc

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT_FAMILY = "DejaVu Sans"
# What the charts' config names: the shipped face first; an SVG opened where it is missing falls back to Arial
# (which has the Kazakh letters on Windows and macOS) and then to any sans-serif face.
FONT_STACK = f"{FONT_FAMILY}, Arial, sans-serif"
FONT_FILES = (FONT_DIR / "DejaVuSans.ttf", FONT_DIR / "DejaVuSans-Bold.ttf")
# The letters each of our languages needs beyond basic Latin; the shipped font must have every one.
LANGUAGE_LETTERS = {
    "kk": "АӘБВГҒДЕЁЖЗИЙКҚЛМНҢОӨПРСТУҰҮФХҺЦЧШЩЪЫІЬЭЮЯаәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя",
    "ru": "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнопрстуфхцчшщъыьэюя«»—–",
    "uz": "\u02bb\u02bc",  # oʻ gʻ and the tutuq belgisi; the rest is basic Latin
    "numbers": "\u00a0\u202f\u2212%≈÷×",  # no-break spaces in grouped numbers, minus sign, signs in the texts
}


@cache
def register() -> None:
    """Make the shipped faces known to vl-convert (once per process; later calls do nothing)."""
    vlc.register_font_directory(str(FONT_DIR))


def characters(path: Path) -> frozenset[int]:
    """The code points a TrueType/OpenType font maps to a glyph, read from its ``cmap`` table.

    Parameters
    ----------
    path : Path
        A ``.ttf`` or ``.otf`` file.

    Returns
    -------
    frozenset of int
        Every code point of the font's Unicode subtables (formats 4 and 12, the ones fonts use for text).

    Raises
    ------
    ValueError
        When the file has no ``cmap`` table.
    """
    data = path.read_bytes()
    tables = {data[12 + 16 * i:16 + 16 * i]: struct.unpack(">I", data[20 + 16 * i:24 + 16 * i])[0]
              for i in range(struct.unpack(">H", data[4:6])[0])}
    if b"cmap" not in tables:
        raise ValueError(f"{path.name} has no cmap table")
    cmap = tables[b"cmap"]
    points: set[int] = set()
    for i in range(struct.unpack(">H", data[cmap + 2:cmap + 4])[0]):
        offset = cmap + struct.unpack(">I", data[cmap + 8 + 8 * i:cmap + 12 + 8 * i])[0]
        points |= _subtable(data, offset)
    return frozenset(points)


def _subtable(data: bytes, offset: int) -> set[int]:
    """Code points with a glyph in one cmap subtable (format 4: segments; format 12: groups)."""
    fmt = struct.unpack(">H", data[offset:offset + 2])[0]
    points: set[int] = set()
    if fmt == 4:
        segments = struct.unpack(">H", data[offset + 6:offset + 8])[0] // 2
        ends = offset + 14
        starts, deltas, ranges = ends + 2 * segments + 2, ends + 4 * segments + 2, ends + 6 * segments + 2
        for s in range(segments):
            end, start = (struct.unpack(">H", data[base + 2 * s:base + 2 * s + 2])[0] for base in (ends, starts))
            delta = struct.unpack(">h", data[deltas + 2 * s:deltas + 2 * s + 2])[0]
            range_offset = struct.unpack(">H", data[ranges + 2 * s:ranges + 2 * s + 2])[0]
            for code in range(start, min(end, 0xFFFE) + 1):
                if range_offset == 0:
                    glyph = (code + delta) & 0xFFFF
                else:
                    at = ranges + 2 * s + range_offset + 2 * (code - start)
                    glyph = struct.unpack(">H", data[at:at + 2])[0]
                    glyph = (glyph + delta) & 0xFFFF if glyph else 0
                if glyph:
                    points.add(code)
    elif fmt == 12:
        for g in range(struct.unpack(">I", data[offset + 12:offset + 16])[0]):
            start, end, first_glyph = struct.unpack(">III", data[offset + 16 + 12 * g:offset + 28 + 12 * g])
            points.update(code for code in range(start, end + 1) if first_glyph + code - start)
    return points
