"""Plausibility checks: where a scenario leaves historical experience, with the historical figure and source.

Three yardsticks, each computed from ``data/`` so they move with the data:
- trend growth above the fastest five-year run of turnover on record;
- turnover above the highest share of the smaller economy's (Uzbekistan's) GDP on record;
- cooperation investment above the host's average ratio of FDI inflows to gross capital formation, i.e.
  this one programme would bring more than all foreign investors together usually do.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from model.data import BASE_YEAR, COUNTRIES, BaselineTables, macro_series
from model.projection import Params
from model.run import ScenarioResult

WDI = "World Bank WDI, July 2026 release"
TRADE_SOURCE = "Statistics Agency of Uzbekistan; Kazakh statements for 2017, 2018, 2023"  # publications, never a file


@dataclass(frozen=True)
class PlausibilityWarning:
    """One way the scenario leaves experience: ``code`` for the translator, the numbers, and the source.

    Attributes
    ----------
    code : str
        ``growth``, ``trade_share`` or ``investment``.
    value : float
        The scenario's figure: trend growth (%/yr), turnover ÷ UZ GDP (%) or hosted investment ÷ gross capital
        formation (%).
    record : float
        The historical record it exceeds, same unit.
    record_year : str
        The record's year or span.
    year : int
        The first (or worst) projected year concerned.
    country : str
        ``UZ``, ``KZ`` or ``""``.
    source : str
        The publications the record comes from.
    """

    code: str
    value: float
    record: float
    record_year: str
    year: int
    country: str
    source: str


def fastest_five_year_growth(tables: BaselineTables) -> tuple[float, str]:
    """Highest compound yearly growth over any five-year span with both ends observed, % and 'y0–y5'.

    Parameters
    ----------
    tables : BaselineTables
        Turnover from ``bilateral_trade.csv`` (Uzbek statistics, Kazakh statements for 2017, 2018, 2023) and
        macro series from ``macro.csv`` (World Bank WDI).

    Returns
    -------
    growth_pct : float
        % per year.
    span : str
        ``"2017–2022"``-style span.
    """
    trade = tables.bilateral.set_index("year")["turnover_usd_bn"]
    runs = [((trade[y + 5] / trade[y]) ** 0.2 - 1, f"{y}–{y + 5}") for y in trade.index if y + 5 in trade.index]
    best = max(runs)
    return 100 * best[0], best[1]


def record_trade_share(tables: BaselineTables, country: str = "UZ") -> tuple[float, str]:
    """Highest turnover as % of ``country``'s GDP in any observed year, and that year.

    Parameters
    ----------
    tables : BaselineTables
        Turnover from ``bilateral_trade.csv`` (Uzbek statistics, Kazakh statements for 2017, 2018, 2023) and
        macro series from ``macro.csv`` (World Bank WDI).
    country : str, default "UZ"
        Whose GDP (current USD bn).

    Returns
    -------
    share_pct : float
        Turnover ÷ GDP, %.
    year : str
        The year of the record.
    """
    trade = tables.bilateral.set_index("year")["turnover_usd_bn"]
    gdp = macro_series(tables, "gdp_current_usd", country)
    shares = {year: 100 * trade[year] / gdp[year] for year in trade.index if year in gdp.index}
    year = max(shares, key=shares.__getitem__)
    return shares[year], str(year)


def mean_fdi_to_investment(tables: BaselineTables, country: str) -> tuple[float, str]:
    """Mean FDI net inflows as % of gross capital formation over the years with both, and the span.

    Parameters
    ----------
    tables : BaselineTables
        Turnover from ``bilateral_trade.csv`` (Uzbek statistics, Kazakh statements for 2017, 2018, 2023) and
        macro series from ``macro.csv`` (World Bank WDI).
    country : str
        ``UZ`` or ``KZ``.

    Returns
    -------
    share_pct : float
        Mean of FDI ÷ (gross capital formation % × GDP), %.
    span : str
        First–last year used.
    """
    fdi = macro_series(tables, "fdi_net_inflows", country)
    investment = macro_series(tables, "gross_capital_formation", country) / 100 * macro_series(
        tables, "gdp_current_usd", country)
    years = fdi.index.intersection(investment.index)
    return float(100 * (fdi[years] / investment[years]).mean()), f"{years.min()}–{years.max()}"


@dataclass(frozen=True)
class Yardsticks:
    """The historical records a scenario is held against, computed once per data set.

    Attributes
    ----------
    growth : tuple of (float, str)
        Fastest five-year turnover growth, %/yr, and its span.
    trade_share : tuple of (float, str)
        Highest turnover ÷ UZ GDP, %, and its year.
    fdi_share : tuple of (float, str)
        Per country (``COUNTRIES`` order): mean FDI ÷ gross capital formation, %, and its span.
    investment_share_of_gdp : tuple of float
        Per country: latest gross capital formation, fraction of GDP (WDI).
    """

    growth: tuple[float, str]
    trade_share: tuple[float, str]
    fdi_share: tuple[tuple[float, str], ...]  # per country in COUNTRIES order
    investment_share_of_gdp: tuple[float, ...]  # latest gross capital formation, fraction of GDP


def yardsticks(tables: BaselineTables) -> Yardsticks:
    """Read the records off the data (cheap to keep; the checks then cost microseconds per rerun).

    Parameters
    ----------
    tables : BaselineTables
        Turnover from ``bilateral_trade.csv`` (Uzbek statistics, Kazakh statements for 2017, 2018, 2023) and
        macro series from ``macro.csv`` (World Bank WDI).

    Returns
    -------
    Yardsticks
        The growth record, the trade-share record, the FDI shares per country and the latest investment shares.
    """
    return Yardsticks(
        growth=fastest_five_year_growth(tables),
        trade_share=record_trade_share(tables, "UZ"),
        fdi_share=tuple(mean_fdi_to_investment(tables, c) for c in COUNTRIES),
        investment_share_of_gdp=tuple(float(macro_series(tables, "gross_capital_formation", c).iloc[-1]) / 100
                                      for c in COUNTRIES),
    )


def _growth_warning(values: Params, records: Yardsticks) -> list[PlausibilityWarning]:
    record, span = records.growth
    growth = float(values["trade_growth"])
    if growth <= record:
        return []
    return [PlausibilityWarning("growth", growth, record, span, BASE_YEAR + 1, "", TRADE_SOURCE)]


def _trade_share_warning(result: ScenarioResult, records: Yardsticks) -> list[PlausibilityWarning]:
    record, year = records.trade_share
    gdp = result.scenario.gdp
    share = 100 * result.scenario.turnover.total[: len(gdp.years)] / gdp.total[0]
    above = np.flatnonzero(share > record)
    if not above.size:
        return []
    first = int(above[0])
    return [PlausibilityWarning("trade_share", float(share[first]), record, year, int(gdp.years[first]), "UZ",
                                f"{TRADE_SOURCE}; GDP: {WDI}")]


def _investment_warnings(result: ScenarioResult, records: Yardsticks) -> list[PlausibilityWarning]:
    values = result.scenario.values
    flow = result.scenario.turnover.flow[: len(result.scenario.gdp.years)]
    host = np.array([float(values["host_share_uz"]), 1 - float(values["host_share_uz"])])
    warnings = []
    for index, country in enumerate(COUNTRIES):
        hosted = flow * float(values["realisation_share"]) * host[index]
        share = 100 * hosted / (records.investment_share_of_gdp[index] * result.scenario.gdp.total[index])
        record, span = records.fdi_share[index]
        if share.max() > record:
            year = int(result.scenario.gdp.years[int(np.argmax(share))])
            warnings.append(PlausibilityWarning("investment", float(share.max()), record, span, year, country,
                                                f"{WDI} (BX.KLT.DINV.CD.WD, NE.GDI.TOTL.ZS, NY.GDP.MKTP.CD)"))
    return warnings


def plausibility_warnings(result: ScenarioResult, records: Yardsticks) -> list[PlausibilityWarning]:
    """Every way the scenario leaves historical experience (empty when it stays inside).

    Parameters
    ----------
    result : ScenarioResult
        The scenario (its values, turnover, investment flow and GDP path).
    records : Yardsticks
        From :func:`yardsticks`.

    Returns
    -------
    list of PlausibilityWarning
        Growth, trade-share and investment warnings in that order, each with its record and source.
    """
    return (_growth_warning(result.scenario.values, records) + _trade_share_warning(result, records)
            + _investment_warnings(result, records))
