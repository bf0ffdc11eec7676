"""Units and scale as a file states them, and the factor that turns such a figure into one of our units.

Read in Russian, Uzbek and English: "млн долл. США", "mln. AQSH dollari", "thousand US$".

A figure is never rescaled on a guess: :func:`stated_unit` returns ``None`` when the text names no unit, and
:func:`factor` refuses (returns ``None``) when the stated kind does not fit the series (local currency for a
USD series, persons for a share). The caller then asks the user (the app's mapping step) or refuses the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

# the template's units: what kind of quantity each is, and its scale
TARGET_UNITS: dict[str, tuple[str, Decimal]] = {
    "usd_bn": ("usd", Decimal("1e9")),
    "usd": ("usd", Decimal(1)),
    "million": ("persons", Decimal("1e6")),
    "pct_per_year": ("percent", Decimal(1)),
    "pct_of_gdp": ("percent", Decimal(1)),
    "pct_of_gva": ("percent", Decimal(1)),
    "lcu_per_usd": ("rate", Decimal(1)),
}
SCALES: dict[str, Decimal] = {"one": Decimal(1), "thousand": Decimal("1e3"), "million": Decimal("1e6"),
                              "billion": Decimal("1e9")}
KINDS = ("usd", "lcu", "persons", "percent", "rate")

# Russian, Uzbek (Latin and Cyrillic) and English spellings; word starts only, so "сумма" is not "сум".
_SCALE_WORDS = (
    ("billion", r"млрд|миллиард|mlrd|milliard|billion|bln|bn"),
    ("million", r"млн|миллион|mln|million"),
    ("thousand", r"тыс|тысяч|ming|минг|thousand|thous|th\.|'000"),
)
_KIND_WORDS = (
    ("usd", r"долл|доллар|dollar|usd|us\$|\$"),
    ("lcu", r"(?:сум(?:ов|ы|ах)?|so[ʻ'‘’`]?m|сўм|uzs|тенге|tenge|теңге|kzt)(?!\w)"),  # not "сумма" (sum)
    ("persons", r"человек|чел\.|kishi|киши|persons|people|inhabitants"),
    ("percent", r"%|процент|foiz|фоиз|percent"),
)


@dataclass(frozen=True)
class StatedUnit:
    """A unit read from a file (or chosen by the user).

    Attributes
    ----------
    kind : str
        One of :data:`KINDS`: ``"usd"``, ``"lcu"`` (soum, tenge), ``"persons"``, ``"percent"``, ``"rate"``.
    scale : str
        A key of :data:`SCALES` (``"one"``, ``"thousand"``, ``"million"``, ``"billion"``).
    text : str
        The words it was read from (``""`` when chosen by the user), to show as read.
    """

    kind: str
    scale: str
    text: str = ""


def _word(pattern: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w])(?:{pattern})", re.IGNORECASE)


def stated_unit(text: str) -> StatedUnit | None:
    """The unit ``text`` states, e.g. ``"млн долл. США"`` → ``StatedUnit("usd", "million", "млн долл. США")``.

    Parameters
    ----------
    text : str
        A title line, a column name or a unit cell.

    Returns
    -------
    StatedUnit or None
        ``None`` when no kind of quantity is named (a bare "thousand" says nothing about USD or soum).
    """
    kind = next((name for name, words in _KIND_WORDS if _word(words).search(text)), None)
    if kind is None:
        return None
    scale = next((name for name, words in _SCALE_WORDS if _word(words).search(text)), "one")
    if kind == "percent":
        scale = "one"
    return StatedUnit(kind, scale, text.strip())


def factor(unit: StatedUnit, target: str) -> Decimal | None:
    """What a figure in ``unit`` is multiplied by to be in the template unit ``target``.

    Parameters
    ----------
    unit : StatedUnit
        The figure's unit.
    target : str
        A template unit (:data:`TARGET_UNITS`), e.g. ``"usd_bn"``.

    Returns
    -------
    decimal.Decimal or None
        E.g. million USD → ``usd_bn``: ``0.001``; thousand persons → ``million``: ``0.001``; soum → ``usd_bn``:
        ``None`` (a currency conversion is never made here), as for an unknown target.
    """
    if target not in TARGET_UNITS:
        return None
    kind, scale = TARGET_UNITS[target]
    if unit.kind != kind:
        return None
    return SCALES[unit.scale] / scale


def scaled(text: str, by: Decimal) -> str | None:
    """``text`` times ``by``, exactly (decimal arithmetic), as plain decimal text.

    Parameters
    ----------
    text : str
        A number with a decimal point and no grouping.
    by : decimal.Decimal
        The factor (:func:`factor`).

    Returns
    -------
    str or None
        E.g. ``"4.6002"`` for ``"4600.2"`` × 0.001; ``None`` when ``text`` is not a finite number.
    """
    from decimal import InvalidOperation

    try:
        number = Decimal(text.strip())
    except InvalidOperation:
        return None
    if not number.is_finite():
        return None
    value = (number * by).normalize()
    return f"{value:f}"
