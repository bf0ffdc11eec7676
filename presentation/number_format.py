"""Each language's number symbols, as Babel writes them, for the browser's live headline.

While a lever is dragged the browser formats the recombined numbers itself; on release the server's Babel-made
texts replace them, and the two must be equal to the displayed precision. The browser therefore gets the symbols
from Babel here (nothing is typed in by hand, so a language added to :data:`presentation.i18n.LANGUAGES` gets
its own) and applies Babel's rule for a fixed-decimals pattern such as ``#,##0.00``:

1. take the shortest decimal string that reads back as the same double (Python ``repr``, JS ``String(x)``);
2. round it half-even to ``d`` decimals *on that decimal string* (Babel quantizes ``Decimal(str(x))``; JS
   ``toFixed`` would round the binary value instead, so 2.675 would become 2.67 rather than Babel's 2.68);
3. group the integer digits from the right in groups of ``grouping`` with ``group``, and put ``decimal`` before
   the ``d`` decimals;
4. put ``minus`` in front when the value is negative or −0, even when it rounds to zero (Babel writes ``-0.00``
   for −0.001).

:meth:`presentation.i18n.Translator.signed` follows the same rule: the digits of ``|x|`` as above, no sign when
they are all zero, else ``+`` or ``−`` by the sign of ``x``.
"""

from __future__ import annotations

from functools import cache

from babel.numbers import format_decimal, get_decimal_symbol, get_group_symbol, parse_pattern

from presentation.i18n import BABEL_LOCALES, LANGUAGES

FIXED_PATTERN = "#,##0"  # the integer part of every pattern Translator.number builds


@cache
def number_symbols(lang: str) -> dict[str, str | int]:
    """Babel's symbols for one language code, as the browser's number formatting reads them.

    Parameters
    ----------
    lang : str
        One of :data:`presentation.i18n.LANGUAGES`; any other code raises ``KeyError``.

    Returns
    -------
    dict
        ``lang``, ``locale`` (Babel's identifier, e.g. ``uz_Latn``), ``decimal`` and ``group`` (the locale's
        decimal and grouping symbols: ``","`` and U+00A0 in Russian), ``grouping`` (digits per group of
        :data:`FIXED_PATTERN`), ``minus`` (what Babel writes before a negative number with that pattern) and
        ``plus``.
    """
    if lang not in LANGUAGES:
        raise KeyError(f"no language {lang!r}; the app offers {', '.join(LANGUAGES)}")
    locale = BABEL_LOCALES[lang]
    negative_one = format_decimal(-1, format=FIXED_PATTERN, locale=locale)
    return {
        "lang": lang,
        "locale": locale,
        "decimal": get_decimal_symbol(locale),
        "group": get_group_symbol(locale),
        "grouping": int(parse_pattern(FIXED_PATTERN).grouping[0]),
        "minus": negative_one[: negative_one.index("1")],
        "plus": "+",
    }


def number_symbols_all() -> dict[str, dict[str, str | int]]:
    """:func:`number_symbols` of every language the app offers, keyed by language code."""
    return {lang: number_symbols(lang) for lang in LANGUAGES}
