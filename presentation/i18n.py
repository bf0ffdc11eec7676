"""User-facing text and locale formatting.

Every string a user reads comes from a catalogue in ``presentation/locales/<lang>.yaml`` (nested keys, read with
dotted paths), and every number is formatted for the chosen locale with Babel.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal

import yaml
from babel import Locale, UnknownLocaleError
from babel.core import get_global, parse_locale
from babel.dates import get_month_names
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


# A catalogue value that is a mapping with these keys (and "other") is one text in several forms, not a section:
# CLDR plural categories (picked by a number) or grammatical genders (picked by the noun a verb agrees with).
PLURAL_CATEGORIES = frozenset({"zero", "one", "two", "few", "many", "other"})
GENDERS = frozenset({"masculine", "feminine", "neuter"})
VARIANT_KEYS = PLURAL_CATEGORIES | GENDERS
GENDER_SECTION = "genders"  # top-level section of grammatical facts, not shown text


@dataclass(frozen=True)
class _Catalogue:
    flat: dict[str, str]
    variants: dict[str, dict[str, str]]
    genders: dict[str, str]


@cache
def _load(lang: str) -> _Catalogue:
    path = LOCALES_DIR / f"{lang}.yaml"
    if not path.exists():
        return _Catalogue({}, {}, {})
    with path.open(encoding="utf-8") as handle:
        document = yaml.safe_load(handle) or {}
    genders = _flatten(document.pop(GENDER_SECTION, None) or {}, {})
    variants: dict[str, dict[str, str]] = {}
    flat = _flatten(document, variants)
    if lang == DEFAULT_LANGUAGE:
        flat.update(_registry_texts())
    return _Catalogue(flat, variants, genders)


def catalogue(lang: str) -> dict[str, str]:
    """The flattened catalogue of one language: dotted key → text (a key with forms gives its ``other`` form)."""
    return _load(lang).flat


def variants(lang: str) -> dict[str, dict[str, str]]:
    """The keys of one language's catalogue written in several forms: dotted key → {category or gender: text}.

    A key whose YAML value is a mapping of CLDR plural categories (``one``, ``few``, ``many``, ``other``…) or of
    genders (``masculine``, ``feminine``, ``neuter``, ``other``) has forms; :meth:`Translator.plural` and
    :meth:`Translator.select` pick one. A key written as a plain string has the same text in every form.
    """
    return _load(lang).variants


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


def _flatten(node: dict[str, Any], variants: dict[str, dict[str, str]], prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in node.items():
        dotted = f"{prefix}{key}"
        if isinstance(value, dict) and "other" in value and set(value) <= VARIANT_KEYS:
            forms = {str(name): "" if text is None else str(text) for name, text in value.items()}
            variants[dotted] = forms
            flat[dotted] = forms["other"]
        elif isinstance(value, dict):
            flat.update(_flatten(value, variants, dotted + "."))
        else:
            flat[dotted] = "" if value is None else str(value)
    return flat


@cache
def _babel_locale(name: str) -> Locale:
    return Locale.parse(name)


class Translator:
    """Text and numbers in one language; unknown keys fall back to English, then to the key itself."""

    def __init__(self, lang: str = DEFAULT_LANGUAGE) -> None:
        self.lang = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
        self.locale = BABEL_LOCALES[self.lang]
        # Parsed once: Babel given a locale's name parses it on every call (24 against 10 µs a number, ~45
        # numbers a lever release)
        self._babel_locale = _babel_locale(self.locale)

    def __call__(self, key: str, /, **values: object) -> str:
        """The text for ``key`` with ``{placeholders}`` filled from ``values``."""
        text = catalogue(self.lang).get(key) or catalogue(DEFAULT_LANGUAGE).get(key) or key
        return text.format(**values) if values else text

    def select(self, key: str, form: str, /, **values: object) -> str:
        """The ``form`` of ``key`` (a plural category or a gender), else its ``other`` form, filled from ``values``.

        Falls back to English when this language lacks the key, like :meth:`__call__`.
        """
        lang = self.lang if key in catalogue(self.lang) else DEFAULT_LANGUAGE
        forms = variants(lang).get(key)
        text = forms.get(form, forms["other"]) if forms else self(key)
        return text.format(**values) if values else text

    def plural(self, key: str, count: float, /, **values: object) -> str:
        """The form of ``key`` that agrees with the number ``count`` by CLDR's plural rules for this locale.

        Parameters
        ----------
        key : str
            A catalogue key written as a mapping of plural categories (``one``/``few``/``many``/``other``) or as
            a plain string (a language whose nouns do not change after numbers).
        count : float
            The number the words agree with; for a range (1–3) the last number, as Russian and English write it.
            Its sign does not matter.
        values
            The ``{placeholders}``.
        """
        return self.select(key, self._babel_locale.plural_form(abs(count)), **values)

    def unit(self, unit: str, count: float | None = None) -> str:
        """The word of a registry ``unit`` (``years``…); after a number, the form that agrees with ``count``."""
        if count is not None and f"counted.{unit}" in catalogue(DEFAULT_LANGUAGE):
            return self.plural(f"counted.{unit}", count)
        return self(f"units.{unit}")

    def count(self, unit: str, count: float, shown: str | None = None) -> str:
        """A number and its noun in agreement: ``3 года``, ``1 year``, ``5 yil``; ``shown`` replaces the number's text.

        ``unit`` is a key of the catalogue's ``counted`` section (``years``, ``months``, ``days``). For a range
        pass its text as ``shown`` and its last number as ``count``: ``count("years", 3, "1–3")`` → ``1–3 года``.
        """
        text = shown if shown is not None else self.number(count, 0 if float(count).is_integer() else 1)
        return f"{text} {self.plural(f'counted.{unit}', count)}"

    def gender(self, kind: str, name: str) -> str:
        """The grammatical gender the catalogue gives the noun ``kind.name`` (an agreement's title…), or ``other``."""
        return _load(self.lang).genders.get(f"{kind}.{name}", "other")

    def date(self, day: dt.date | str) -> str:
        """A calendar date as this language writes it in running text (never ISO): ``15 ноября 2025 г.``."""
        value = day if isinstance(day, dt.date) else dt.date.fromisoformat(str(day)[:10])
        months = get_month_names("wide", context="format", locale=self._babel_locale)
        return self("formats.date", day=value.day, month=months[value.month], year=value.year)

    def percent_word(self, value_pct: float, digits: int = 1) -> str:
        """A percentage that a language may inflect (Uzbek ``5 foiz`` + ``ga``), from ``units.pct_word``."""
        return self("units.pct_word", value=self.number(value_pct, digits))

    def has(self, key: str) -> bool:
        """True when the English catalogue knows ``key``."""
        return key in catalogue(DEFAULT_LANGUAGE)

    def number(self, value: float, digits: int = 1) -> str:
        """A decimal number with ``digits`` fixed decimals in the locale's notation."""
        pattern = "#,##0" + ("." + "0" * digits if digits > 0 else "")
        return format_decimal(value, format=pattern, locale=self._babel_locale)

    def figure(self, value: float) -> str:
        """A number as given (``4.97``, ``0.55``, ``5``: up to 6 decimals, none added) in the locale's notation."""
        return format_decimal(value, format="#,##0.######", locale=self._babel_locale)

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
        return format_percent(value_pct / 100, format=pattern, locale=self._babel_locale)

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
