"""User-facing text and locale formatting.

Every string a user reads comes from a catalogue in ``ui/locales/<lang>.yaml`` (nested keys, read with
dotted paths), and every number is formatted for the chosen locale with Babel.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml
from babel.numbers import format_decimal, format_percent

LOCALES_DIR = Path(__file__).resolve().parent / "locales"
REGISTRY_FILE = Path(__file__).resolve().parent.parent / "data" / "assumptions.yaml"
PRESETS_FILE = Path(__file__).resolve().parent.parent / "data" / "presets.yaml"
AGREEMENTS_FILE = Path(__file__).resolve().parent.parent / "data" / "agreements.yaml"
LANGUAGES = ("en", "uz", "ru")
DEFAULT_LANGUAGE = "en"
BABEL_LOCALES = {"en": "en", "uz": "uz_Latn", "ru": "ru"}


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
        """A number with an explicit sign (+/−)."""
        rounded = round(value, digits) + 0.0  # + 0.0 turns −0.0 into 0.0
        if rounded == 0:
            return self.number(0.0, digits)  # a shift that rounds to zero gets no sign either way
        return ("+" if rounded > 0 else "−") + self.number(abs(rounded), digits)

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
