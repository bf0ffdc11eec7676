"""The shipped typeface: it has every letter of our languages, and exported charts really draw with it.

vl-convert's own Liberation Sans lacks the Kazakh letters; a string holding one is then drawn wholly in
whatever fallback face the machine has, and as missing-glyph boxes on a machine with no extra fonts. These
tests read the shipped font's character map, and compare renders: the export against the shipped face named
explicitly (equal), against Liberation Sans (different), and each letter against a character no font has.
"""

from __future__ import annotations

import io
import re
import struct
from pathlib import Path

import altair as alt
import numpy as np
import pytest
import vl_convert as vlc
from PIL import Image

from presentation.export import chart_png, chart_svg, prepare
from presentation.figures import sector_figure
from presentation.i18n import Translator
from presentation.typeface import FONT_DIR, FONT_FAMILY, FONT_FILES, LANGUAGE_LETTERS, characters, register

KAZAKH_SPECIAL = "әғқңөұүһіӘҒҚҢӨҰҮҺІ"
NO_FONT_HAS_IT = "\ue000"  # a private-use code point: every font draws its missing-glyph box for it
WIDTH = 420


def text_chart(text: str) -> alt.Chart:
    """One line of ``text`` in large type, as the app's charts draw titles and labels."""
    data = alt.Data(values=[{"t": text}])
    return alt.Chart(data).mark_text(fontSize=40).encode(text="t:N").properties(width=WIDTH, height=60)


def render(spec: dict, font: str | None = None) -> bytes:
    """``spec`` as a PNG, with the config's font replaced by ``font`` when one is given."""
    register()
    if font is not None:
        spec = {**spec, "config": {**spec.get("config", {}), "font": font}}
    return bytes(vlc.vegalite_to_png(spec, scale=1.0))


def ink(png: bytes) -> np.ndarray:
    """Which pixels are drawn (darker than mid-grey)."""
    return np.asarray(Image.open(io.BytesIO(png)).convert("L")) < 128


@pytest.mark.parametrize("path", FONT_FILES, ids=lambda p: p.name)
@pytest.mark.parametrize("language", sorted(LANGUAGE_LETTERS))
def test_the_shipped_faces_have_every_letter_of_our_languages(path: Path, language: str) -> None:
    missing = [c for c in LANGUAGE_LETTERS[language] if ord(c) not in characters(path)]
    assert not missing, f"{path.name} lacks {language} characters {missing}"


def test_the_character_map_reader_tells_a_face_without_kazakh_letters(tmp_path: Path) -> None:
    """The check above could fail: a Latin-only table (format 4, one segment a–z) has no Kazakh letter."""
    segments = [(0x61, 0x7A, 1 - 0x61), (0xFFFF, 0xFFFF, 1)]
    ends = b"".join(struct.pack(">H", e) for _, e, _ in segments)
    starts = b"".join(struct.pack(">H", s) for s, _, _ in segments)
    deltas = b"".join(struct.pack(">h", d) for _, _, d in segments)
    sub = struct.pack(">HHHHHHH", 4, 0, 0, 2 * len(segments), 0, 0, 0) + ends + b"\0\0" + starts + deltas
    sub += b"\0\0" * len(segments)
    cmap = struct.pack(">HHHHI", 0, 1, 3, 1, 12) + sub
    font = struct.pack(">IHHHH", 0x00010000, 1, 0, 0, 0) + b"cmap" + struct.pack(">III", 0, 28, len(cmap)) + cmap
    path = tmp_path / "latin_only.ttf"
    path.write_bytes(font)
    found = characters(path)
    assert set(map(ord, "abcxyz")) <= found
    assert not set(map(ord, KAZAKH_SPECIAL)) & found


def test_the_licence_ships_with_the_faces() -> None:
    licence = (FONT_DIR / "LICENSE").read_text(encoding="utf-8")
    assert "Bitstream" in licence and "DejaVu changes are in public domain" in licence
    assert all(path.exists() for path in FONT_FILES)


def test_the_export_draws_kazakh_in_the_shipped_face_not_a_fallback() -> None:
    spec = prepare(text_chart("Қазақша: әғқңөұүһі"), WIDTH)
    exported = chart_png(text_chart("Қазақша: әғқңөұүһі"), scale=1.0, width=WIDTH)
    assert exported == render(spec, FONT_FAMILY), "the export does not use the shipped face"
    assert exported != render(spec, "Liberation Sans"), "Liberation Sans would draw the same: the test cannot tell"
    assert ink(exported).sum() > 500, "nothing drawn"


@pytest.mark.parametrize("letter", KAZAKH_SPECIAL)
def test_each_kazakh_letter_is_a_glyph_not_a_missing_glyph_box(letter: str) -> None:
    box = chart_png(text_chart(NO_FONT_HAS_IT), scale=1.0, width=WIDTH)
    drawn = chart_png(text_chart(letter), scale=1.0, width=WIDTH)
    assert ink(box).any(), "the missing-glyph box should be drawn, else the comparison says nothing"
    assert not np.array_equal(ink(drawn), ink(box)), f"{letter} is drawn as the missing-glyph box"


def test_the_svg_names_the_shipped_face_first() -> None:
    svg = chart_svg(text_chart("Қазақша"), width=WIDTH)
    assert f'font-family="{FONT_FAMILY},' in svg


# --- numbers on the axes, in the language's notation ---------------------------------------------------------


@pytest.mark.parametrize(("lang", "decimal"), [("en", "."), ("ru", ","), ("uz", ","), ("kk", ",")])
def test_axis_numbers_use_the_languages_decimal_sign(model, lang: str, decimal: str) -> None:  # type: ignore[no-untyped-def]
    """The sector chart's axis ticks (format +.2f) read +0,05 in Kazakh, as Babel writes numbers, not +0.05."""
    result = model.run({"trade_growth": 12.0, "trade_cost_cut": 5.0})
    svg = chart_svg(sector_figure(result, "UZ", Translator(lang)), width=WIDTH * 2)
    ticks = set(re.findall(r">([+\u2212-]\d+[.,]\d\d)<", svg))
    assert ticks, "no signed two-decimal tick found"
    assert all(decimal in tick for tick in ticks), ticks
