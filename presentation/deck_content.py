"""What the deck's lever table and sources slide list, as plain text rows in the chosen language.

Source texts are the data files' own (English) notes, shortened to one line each: a link becomes its host
name, and a long note loses its bracketed details before it is cut.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from exchange.exports import sources_table
from model.api import Model
from model.registry import Parameter, Registry
from model.run import bau_values
from presentation.data_texts import data_text
from presentation.i18n import Translator
from presentation.lever_text import value_text

MAX_SOURCE_CHARS = 115
MAX_PARAMETER_LINES = 3
SKIPPED_PARAMETER_SOURCES = ("Assumption", "Assumed", "data/", "Derived from World Bank WDI")
URL = re.compile(r"https?://([^/\s]+)\S*")
BRACKETS = re.compile(r"\s*\([^()]{15,}\)")  # details, not a short formula like (8 − 1.3)


@dataclass(frozen=True)
class LeverRow:
    """One row of the lever table: label with unit, then the scenario, BAU and default values as text."""

    label: str
    scenario: str
    bau: str
    default: str


def lever_rows(levers: Mapping[str, float], registry: Registry, t: Translator) -> list[LeverRow]:
    """Levers whose value differs from business as usual or from the default, in registry order."""
    bau = bau_values(levers, registry)
    rows = []
    for param in registry.parameters:
        value = float(levers[param.key])
        if math.isclose(value, bau[param.key], abs_tol=1e-9) and math.isclose(value, param.default, abs_tol=1e-9):
            continue
        label = t("lever_label", label=t(f"params.{param.key}.label"), unit=t(f"units.{param.unit}"))
        rows.append(LeverRow(label, value_text(param, value, t), value_text(param, bau[param.key], t),
                             value_text(param, param.default, t)))
    return rows


def short_source(text: str, limit: int = MAX_SOURCE_CHARS) -> str:
    """``text`` on one line: links as host names; if still too long, long bracketed details dropped, then cut."""
    short = URL.sub(r"\1", " ".join(str(text).split()))
    if len(short) > limit:
        short = BRACKETS.sub("", short)
    if len(short) > limit:
        short = short[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return short


def _years(values: pd.Series) -> str:
    """``2022``, ``2023–2024`` for a run of years, else ``2017, 2023``."""
    years = sorted({int(y) for y in values})
    if len(years) > 1 and years[-1] - years[0] == len(years) - 1:
        return f"{years[0]}–{years[-1]}"
    return ", ".join(map(str, years))


def trade_lines(sources: pd.DataFrame, t: Translator) -> list[str]:
    """One line per bilateral-trade source: ``2022: Statistics Agency of Uzbekistan via yuz.uz``."""
    rows = sources[sources["table"] == "bilateral_trade.csv"]
    grouped = rows.groupby("source", sort=False)["years"]
    return [short_source(f"{_years(years)}: {data_text(source, t)}") for source, years in grouped]


def macro_lines(sources: pd.DataFrame, t: Translator) -> list[str]:
    """The macro series by publication: ``World Bank WDI, July 2026 release: NY.GDP.MKTP.CD, …``."""
    rows = sources[sources["table"] == "macro.csv"]
    publications: dict[str, list[str]] = {}
    for source in rows["source"].drop_duplicates():
        name, _, code = str(source).partition(" (")
        publications.setdefault(name, []).append(code.rstrip(")"))
    return [f"{data_text(name, t)}: {', '.join(c for c in codes if c)}" if any(codes) else data_text(name, t)
            for name, codes in publications.items()]


def sector_lines(sources: pd.DataFrame, t: Translator) -> list[str]:
    """One line per country: ``Uzbekistan, 2023–2024: Statistics Agency of Uzbekistan, structure of GDP…``."""
    rows = sources[sources["table"] == "sector_shares.csv"]
    return [short_source(f"{t(f'countries.{country}')}, {_years(group['years'])}: "
                         f"{data_text(group['source'].iloc[0], t)}")
            for country, group in rows.groupby("country", sort=False)]


def _listed_parameters(registry: Registry) -> list[Parameter]:
    """The levers first, then other parameters with an official figure behind them."""
    levers = [p for p in registry.parameters if p.group in ("main", "goal")]
    official = [p for p in registry.parameters if p not in levers and p.status.startswith("official")]
    return [p for p in levers + official if not p.source.startswith(SKIPPED_PARAMETER_SOURCES)]


def parameter_lines(registry: Registry, t: Translator, limit: int = MAX_PARAMETER_LINES) -> list[str]:
    """The main parameters' published sources; parameters citing the same document share a line."""
    by_document: dict[str, tuple[list[str], str]] = {}
    for param in _listed_parameters(registry):
        document = re.split(r"[;(:]", param.source)[0].strip()
        labels, _source = by_document.setdefault(document, ([], param.source))
        labels.append(t(f"params.{param.key}.label"))
    return [short_source(f"{', '.join(labels)}: {data_text(source, t)}")
            for labels, source in by_document.values()][:limit]


def source_sections(model: Model, t: Translator) -> list[tuple[str, list[str]]]:
    """(heading, lines) for the sources slide: trade, macro (WDI), sector shares, main parameters."""
    sources = sources_table(model.tables, model.registry)
    return [
        (t("deck.sources_trade"), trade_lines(sources, t)),
        (t("deck.sources_macro"), macro_lines(sources, t)),
        (t("deck.sources_sectors"), sector_lines(sources, t)),
        (t("deck.sources_parameters"), parameter_lines(model.registry, t)),
    ]
