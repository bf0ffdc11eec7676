"""User-facing text and locale formatting.

Every string a user reads comes from a catalogue in ``presentation/locales/<lang>.yaml`` (nested keys, read with
dotted paths), and every number is formatted for the chosen locale with Babel.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal

import yaml
from babel import Locale, UnknownLocaleError
from babel.core import get_global, parse_locale
from babel.numbers import format_decimal, format_percent

LOCALES_DIR = Path(__file__).resolve().parent / "locales"
REGISTRY_FILE = Path(__file__).resolve().parent.parent / "data" / "assumptions.yaml"
PRESETS_FILE = Path(__file__).resolve().parent.parent / "data" / "presets.yaml"
AGREEMENTS_FILE = Path(__file__).resolve().parent.parent / "data" / "agreements.yaml"
LANGUAGES = ("en", "uz", "ru", "kk")
DEFAULT_LANGUAGE = "en"
BABEL_LOCALES = {"en": "en", "uz": "uz_Latn", "ru": "ru", "kk": "kk"}  # Kazakh in Cyrillic, its official script
# Each language in its own name, as the language selector shows it (a reader finds their language without
# reading the others).
LANGUAGE_NAMES = {"en": "English", "uz": "Oʻzbekcha", "ru": "Русский", "kk": "Қазақша"}
MAX_LANGUAGE_CODE_CHARS = 32  # a link or browser may send anything; no more than this is read or repeated


@cache
def catalogue(lang: str) -> dict[str, str]:
    """The flattened catalogue of one language: dotted key → text."""
    path = LOCALES_DIR / f"{lang}.yaml"
    if not path.exists():
        return {}
    with path.open(encoding="utf-8") as handle:
        document = yaml.safe_load(handle) or {}
    flat = _flatten(document)
    if lang == DEFAULT_LANGUAGE:
        flat.update(_registry_texts())
    return flat


def _registry_texts() -> dict[str, str]:
    """English parameter, preset and agreement texts come from their data files, so they cannot drift."""
    with REGISTRY_FILE.open(encoding="utf-8") as handle:
        entries = yaml.safe_load(handle)["parameters"]
    texts = {f"params.{e['key']}.label": e["label"] for e in entries}
    texts.update({f"params.{e['key']}.description": e["description"] for e in entries})
    with PRESETS_FILE.open(encoding="utf-8") as handle:
        presets = yaml.safe_load(handle)["presets"]
    texts.update({f"presets.{p['id']}.name": p["name"] for p in presets})
    texts.update({f"presets.{p['id']}.rationale": " ".join(p["rationale"].split()) for p in presets})
    with AGREEMENTS_FILE.open(encoding="utf-8") as handle:
        agreements = yaml.safe_load(handle)["agreements"]
    texts.update({f"agreements_data.{a['id']}.{field}": " ".join(str(a[field]).split())
                  for a in agreements for field in ("name", "channel", "reasoning")})
    return texts


def _flatten(node: dict[str, Any], prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in node.items():
        dotted = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, dotted + "."))
        else:
            flat[dotted] = "" if value is None else str(value)
    return flat


class Translator:
    """Text and numbers in one language; unknown keys fall back to English, then to the key itself."""

    def __init__(self, lang: str = DEFAULT_LANGUAGE) -> None:
        self.lang = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
        self.locale = BABEL_LOCALES[self.lang]

    def __call__(self, key: str, /, **values: object) -> str:
        """The text for ``key`` with ``{placeholders}`` filled from ``values``."""
        text = catalogue(self.lang).get(key) or catalogue(DEFAULT_LANGUAGE).get(key) or key
        return text.format(**values) if values else text

    def has(self, key: str) -> bool:
        """True when the English catalogue knows ``key``."""
        return key in catalogue(DEFAULT_LANGUAGE)

    def number(self, value: float, digits: int = 1) -> str:
        """A decimal number with ``digits`` fixed decimals in the locale's notation."""
        pattern = "#,##0" + ("." + "0" * digits if digits > 0 else "")
        return format_decimal(value, format=pattern, locale=self.locale)

    def signed(self, value: float, digits: int = 1) -> str:
        """A number with an explicit sign (+/−), rounded exactly as :meth:`number` rounds it.

        The digits are those :meth:`number` writes for ``|value|`` (Babel: half-even on the shortest decimal
        string), so the browser's live headline can follow the same rule (presentation.number_format); a shift
        whose digits are all zero gets no sign either way.
        """
        text = self.number(abs(value), digits)
        if not any(digit in text for digit in "123456789"):  # Babel writes Latin digits (numbering_system="latn")
            return self.number(0.0, digits)
        return ("+" if value > 0 else "−") + text

    def percent(self, value_pct: float, digits: int = 1) -> str:
        """``value_pct`` given in percent (7.5 → 7.5 %) in the locale's percent notation."""
        pattern = "#,##0" + ("." + "0" * digits if digits > 0 else "") + "%"
        return format_percent(value_pct / 100, format=pattern, locale=self.locale)

    def usd_bn(self, value: float, digits: int = 2) -> str:
        """USD billions: ``7.45 USD bn`` in the locale's words."""
        return self("units.usd_bn_value", value=self.number(value, digits))

    def usd(self, value: float) -> str:
        """Whole US dollars."""
        return self("units.usd_value", value=self.number(value, 0))

    def year(self, value: float) -> str:
        """A calendar year, never with a thousands separator."""
        return str(int(value))


# --- language codes as links and browsers write them ----------------------------------------------------------

LanguageStatus = Literal["ok", "script", "unknown"]


@dataclass(frozen=True)
class LanguageMatch:
    """The language to show for a requested code and how well it matched.

    ``status`` is ``"ok"`` (one of :data:`LANGUAGES`, in the script it is offered in), ``"script"`` (one of
    ours asked for in a script we do not offer, e.g. ``uz-Cyrl``: shown in ours) or ``"unknown"`` (not one of
    ours, or not a language code: :data:`DEFAULT_LANGUAGE`).
    """

    lang: str
    status: LanguageStatus


def match_language(code: str | None) -> LanguageMatch:
    """The app language for a BCP 47 or POSIX-style language code (``uz``, ``uz-UZ``, ``uz_Latn``, ``UZ``…).

    Parameters
    ----------
    code : str or None
        What a link's ``lang`` or the browser's ``navigator.language`` says. Case, ``-`` or ``_`` as the
        separator, a region and BCP 47 extensions (``ru-RU-u-nu-latn``) do not matter; at most
        :data:`MAX_LANGUAGE_CODE_CHARS` characters are read.

    Returns
    -------
    LanguageMatch
        The language and whether the code asked for another script (judged against CLDR's likely script
        when the code names none: ``uz-AF`` is Arabic script) or for a language we do not offer.
        Never raises: an unparsable code is ``"unknown"``.
    """
    asked = _parse(code)
    if asked is None or asked[0] not in LANGUAGES:
        return LanguageMatch(DEFAULT_LANGUAGE, "unknown")
    lang = asked[0]
    offered = _parse(BABEL_LOCALES[lang])
    if offered is None or _script(*asked) != _script(*offered):
        return LanguageMatch(lang, "script")
    return LanguageMatch(lang, "ok")


def _parse(code: str | None) -> tuple[str, str | None, str | None] | None:
    """Language, region and script of ``code``, or None when it is no language Babel knows.

    :func:`babel.core.parse_locale` keeps an explicit script (``kk_Latn``) that ``Locale.parse`` would replace
    by one it has data for; ``Locale.parse`` of the language alone checks that the language exists.
    """
    text = (code or "").strip()[:MAX_LANGUAGE_CODE_CHARS].replace("-", "_")
    # BCP 47 extensions and private use start at a one-letter subtag (``-u-``, ``-x-``): they do not change
    # the language.
    text = re.split(r"_[0-9A-Za-z](?:_|$)", text, maxsplit=1)[0]
    try:
        language, territory, script, *_ = parse_locale(text)
        Locale.parse(language)
    except (ValueError, UnknownLocaleError):
        return None
    return language, territory, script


def _script(language: str, territory: str | None, script: str | None) -> str | None:
    """The script named, else CLDR's likely script for the language in that region (``uz_AF`` → Arab)."""
    if script:
        return script
    likely = get_global("likely_subtags")
    for identifier in (f"{language}_{territory}", language):
        if identifier in likely:
            return parse_locale(likely[identifier])[2]
    return None
