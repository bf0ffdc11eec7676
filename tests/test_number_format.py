"""The browser's number rule with the symbols the server sends equals Babel's output (issue 15).

``browser_number`` below is the rule of :mod:`presentation.number_format`'s docstring written out in Python with
nothing but string and integer operations (as the browser's format.js does it), so these tests hold the rule and
the symbols to Babel in every language the app offers; ``tests/test_live_js.py`` holds the JS to the same.
"""

from __future__ import annotations

import math

import pytest
from babel.numbers import format_decimal
from hypothesis import given, settings
from hypothesis import strategies as st

from presentation.i18n import BABEL_LOCALES, LANGUAGES, Translator
from presentation.number_format import number_symbols, number_symbols_all

# Ties on the decimal string that the binary value does not tie (2.675 is 2.67499… in binary), exact binary
# ties, values just under a carry, −0 and small negatives that round to zero, and very large and small values
# whose shortest string has an exponent.
EDGE_VALUES = (0.0, -0.0, 2.675, 1.005, 0.125, 0.375, 2.5, 3.5, -2.5, 999.995, 9999.9951, 0.045, 1234567.125,
               -0.001, -0.04, -0.05, -0.06, 1e-7, 5e-7, 1.5e-5, 1e16, 1.2345e21, 123456789.987654321,
               7.300000000000001, 2034.3127407932718, -18.791478267058825)


def _digits(value: float, places: int) -> tuple[str, str]:
    """Integer and fraction digits of |value| rounded half-even on its shortest decimal string."""
    mantissa, _, exponent_text = repr(abs(value)).partition("e")
    whole, _, fraction = mantissa.partition(".")
    digits = (whole + fraction).lstrip("0")
    point = int(exponent_text or 0) + len(whole) - (len(whole + fraction) - len((whole + fraction).lstrip("0")))
    if not digits:
        digits, point = "0", 1
    padded = ("0" * (1 - point) + digits) if point <= 0 else digits
    at = max(point, 1)
    body = padded + "0" * max(0, at + places - len(padded))
    kept, rest = body[: at + places], body[at + places:]
    up = bool(rest) and (rest[0] > "5" or (rest[0] == "5" and rest[1:].strip("0") != "")
                         or (rest[0] == "5" and int(kept[-1]) % 2 == 1))
    rounded = str(int(kept) + up).rjust(len(kept), "0")
    return rounded[: len(rounded) - places].lstrip("0") or "0", rounded[len(rounded) - places:]


def _grouped(integer: str, group: str, size: int) -> str:
    parts = []
    while len(integer) > size:
        parts.insert(0, integer[-size:])
        integer = integer[:-size]
    return group.join([integer, *parts])


def browser_number(value: float, places: int, symbols: dict[str, str | int]) -> str:
    """The browser's formatNumber: the docstring's rule with the server's symbols."""
    integer, fraction = _digits(value, places)
    sign = str(symbols["minus"]) if value < 0 or math.copysign(1.0, value) < 0 else ""
    text = _grouped(integer, str(symbols["group"]), int(symbols["grouping"]))
    return sign + text + (str(symbols["decimal"]) + fraction if places > 0 else "")


def browser_signed(value: float, places: int, symbols: dict[str, str | int]) -> str:
    """The browser's formatSigned: no sign when the digits are all zero, else + or − (U+2212) by the value."""
    integer, fraction = _digits(value, places)
    if not (integer + fraction).strip("0"):
        return browser_number(0.0, places, symbols)
    return ("+" if value > 0 else "−") + browser_number(abs(value), places, symbols)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("places", [0, 1, 2, 3])
def test_edge_values_format_as_babel(lang: str, places: int) -> None:
    symbols, t = number_symbols(lang), Translator(lang)
    pattern = "#,##0" + ("." + "0" * places if places else "")
    for value in EDGE_VALUES + tuple(-v for v in EDGE_VALUES):
        expected = format_decimal(value, format=pattern, locale=BABEL_LOCALES[lang])
        assert browser_number(value, places, symbols) == expected == t.number(value, places), value
        assert browser_signed(value, places, symbols) == t.signed(value, places), value


@settings(max_examples=400, deadline=None)
@given(st.floats(min_value=-1e7, max_value=1e7, allow_nan=False), st.integers(0, 3), st.sampled_from(LANGUAGES))
def test_drawn_values_format_as_babel(value: float, places: int, lang: str) -> None:
    t = Translator(lang)
    assert browser_number(value, places, number_symbols(lang)) == t.number(value, places)
    assert browser_signed(value, places, number_symbols(lang)) == t.signed(value, places)


@settings(max_examples=300, deadline=None)
@given(st.integers(-10**9, 10**9), st.integers(0, 3), st.sampled_from(LANGUAGES))
def test_short_decimals_format_as_babel(scaled: int, places: int, lang: str) -> None:
    """Values like 12.345 or 0.125: the ties on the decimal string that drawn floats almost never hit."""
    value = scaled / 1000
    assert browser_number(value, places, number_symbols(lang)) == Translator(lang).number(value, places)
    assert browser_signed(value, places, number_symbols(lang)) == Translator(lang).signed(value, places)


def test_symbols_come_from_babel_for_every_language() -> None:
    symbols = number_symbols_all()
    assert set(symbols) == set(LANGUAGES)
    assert (symbols["en"]["decimal"], symbols["en"]["group"]) == (".", ",")
    assert (symbols["ru"]["decimal"], symbols["ru"]["group"]) == (",", "\u00a0")  # CLDR: no-break space
    assert (symbols["uz"]["decimal"], symbols["uz"]["locale"]) == (",", "uz_Latn")
    assert {s["minus"] for s in symbols.values()} == {"-"}  # Babel's pattern prefix, the same ASCII hyphen-minus
    with pytest.raises(KeyError, match="xx"):
        number_symbols("xx")
