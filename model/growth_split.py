"""Where the growth to the target has to come from: the two economies' GDP growth, or deeper integration.

Turnover is its share of the two economies' combined nominal GDP times that GDP, T = s·Y, so in logs
ln(T*/T₀) = ln(Y*/Y₀) + ln(s*/s₀): the growth needed splits exactly into what GDP growth gives alone (the
share held) and what must come from integration (the share rising). The scenario's own levers fill the
integration part in USD: T* − T₀·Y*/Y₀ = (T⁰ − T₀·Y*/Y₀) + T⁰(F − 1) + Tᴵ (trend beyond GDP, agreements,
investment; MODEL.md eq. 5), which is additive, so each lever's share of the needed USD gap needs no ordering.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from model.backtest import one_reporter_series
from model.baseline import Baseline
from model.data import BASE_YEAR, COUNTRIES, BaselineTables, macro_series
from model.outputs import value_in_year
from model.projection import TURNOVER_YEARS, Params, TurnoverPath

LEVERS = ("trend", "agreements", "investment")


@dataclass(frozen=True)
class GrowthSplit:
    """The split of the growth needed from the last observed year to the target year.

    Attributes
    ----------
    start_year, target_year : int
    start_usd_bn, target_usd_bn : float
        Turnover in the last observed year and the target, USD bn.
    gdp_ratio : float
        Combined nominal GDP, target year ÷ start year (the scenario's GDP growth assumptions).
    gdp_start_usd_bn : float
        Combined nominal GDP of the two countries in the start year, USD bn (World Bank WDI).
    needed_log, gdp_log, integration_log : float
        ln(target/start), ln(gdp_ratio) and their difference, log points.
    share_start_pct, share_needed_pct : float
        Turnover ÷ combined GDP in the start year and the share the target needs in the target year, %.
    gdp_only_usd_bn : float
        Turnover in the target year if it only kept pace with GDP, USD bn.
    levers_usd_bn : dict
        The scenario's turnover beyond ``gdp_only_usd_bn`` by lever (``LEVERS``), USD bn; ``trend`` is negative
        when the trend grows slower than GDP.
    """

    start_year: int
    target_year: int
    start_usd_bn: float
    target_usd_bn: float
    gdp_ratio: float
    gdp_start_usd_bn: float
    levers_usd_bn: Mapping[str, float]

    @property
    def needed_log(self) -> float:
        """ln(target ÷ start), log points."""
        return math.log(self.target_usd_bn / self.start_usd_bn)

    @property
    def gdp_log(self) -> float:
        """ln(combined GDP ratio): what GDP growth gives alone, log points."""
        return math.log(self.gdp_ratio)

    @property
    def integration_log(self) -> float:
        """Needed minus GDP part: ln(share needed ÷ share now), log points."""
        return self.needed_log - self.gdp_log

    @property
    def gdp_fraction(self) -> float:
        """Share of the log growth needed that GDP growth gives alone (may exceed 1 or be negative)."""
        return self.gdp_log / self.needed_log

    @property
    def share_start_pct(self) -> float:
        """Turnover ÷ combined GDP in the start year, %."""
        return 100 * self.start_usd_bn / self.gdp_start_usd_bn

    @property
    def share_needed_pct(self) -> float:
        """Turnover ÷ combined GDP the target needs in the target year, %."""
        return 100 * self.target_usd_bn / (self.gdp_start_usd_bn * self.gdp_ratio)

    @property
    def gdp_only_usd_bn(self) -> float:
        """Turnover in the target year if it only kept pace with GDP, USD bn."""
        return self.start_usd_bn * self.gdp_ratio

    @property
    def integration_gap_usd_bn(self) -> float:
        """Target minus the GDP-only turnover: what integration must add, USD bn."""
        return self.target_usd_bn - self.gdp_only_usd_bn

    @property
    def lever_shares(self) -> dict[str, float]:
        """Each lever's USD contribution ÷ the integration gap, plus ``missing`` (1 − their sum); fractions.

        Empty when GDP growth alone reaches the target (no integration gap to share out).
        """
        gap = self.integration_gap_usd_bn
        if gap <= 0:
            return {}
        shares = {lever: self.levers_usd_bn[lever] / gap for lever in LEVERS}
        shares["missing"] = 1 - sum(shares.values())
        return shares


def split_growth(start_usd_bn: float, gdp_start_usd_bn: float, gdp_ratio: float, target_usd_bn: float,
                 scenario_parts_usd_bn: Mapping[str, float], start_year: int, target_year: int) -> GrowthSplit:
    """Split the growth from ``start_usd_bn`` to ``target_usd_bn`` into GDP and integration parts.

    Parameters
    ----------
    start_usd_bn : float
        Turnover in the last observed year, USD bn (> 0).
    gdp_start_usd_bn : float
        Combined nominal GDP of the two countries in that year, USD bn (> 0).
    gdp_ratio : float
        Combined GDP in the target year ÷ in the start year (> 0).
    target_usd_bn : float
        The target, USD bn (> 0).
    scenario_parts_usd_bn : mapping
        The scenario's turnover in the target year by part: ``trend`` (T⁰), ``agreements`` (T⁰(F − 1)),
        ``investment`` (Tᴵ), USD bn.
    start_year, target_year : int
        The calendar years of ``start_usd_bn`` and of the target.

    Returns
    -------
    GrowthSplit
        Log points, shares of GDP and each lever's USD bn beyond the GDP-only turnover.

    Raises
    ------
    ValueError
        If a level or ratio is not positive.
    """
    for name, value in (("start", start_usd_bn), ("GDP", gdp_start_usd_bn), ("GDP ratio", gdp_ratio),
                        ("target", target_usd_bn)):
        if not value > 0:
            raise ValueError(f"growth split: {name} must be positive, got {value!r}")
    levers = {"trend": scenario_parts_usd_bn["trend"] - start_usd_bn * gdp_ratio,
              "agreements": scenario_parts_usd_bn["agreements"], "investment": scenario_parts_usd_bn["investment"]}
    return GrowthSplit(start_year, target_year, start_usd_bn, target_usd_bn, gdp_ratio, gdp_start_usd_bn, levers)


def scenario_growth_split(values: Params, baseline: Baseline, path: TurnoverPath) -> GrowthSplit:
    """:func:`split_growth` for a scenario: its GDP growth, target and target year, and its turnover parts.

    Parameters
    ----------
    values : mapping of str to float
        The complete scenario: ``gdp_growth_uz``/``gdp_growth_kz`` (% per year, nominal USD), ``target_usd_bn``,
        ``target_year``.
    baseline : Baseline
        2025 GDP (WDI) and turnover (``bilateral_trade.csv``).
    path : TurnoverPath
        The scenario's turnover and its parts, USD bn by year.

    Returns
    -------
    GrowthSplit
        From 2025 to the target year.
    """
    target_year = int(values["target_year"])
    growth = np.array([float(values[f"gdp_growth_{c.lower()}"]) for c in COUNTRIES]) / 100
    years = target_year - BASE_YEAR
    gdp_start = float(np.sum(baseline.gdp_base))
    gdp_ratio = float(np.sum(baseline.gdp_base * (1 + growth) ** years)) / gdp_start
    parts = {"trend": path.trend, "agreements": path.facilitation, "investment": path.investment}
    at_target = {name: float(value_in_year(series, TURNOVER_YEARS, target_year)) for name, series in parts.items()}
    return split_growth(baseline.turnover_base, gdp_start, gdp_ratio, float(values["target_usd_bn"]), at_target,
                        BASE_YEAR, target_year)


def share_history(tables: BaselineTables) -> pd.DataFrame:
    """Turnover ÷ combined GDP, % by observed year (Uzbek-reported series, years with both): year, share_pct.

    Parameters
    ----------
    tables : BaselineTables
        Turnover (``bilateral_trade.csv``) and GDP in current USD bn (``macro.csv``, WDI).

    Returns
    -------
    pandas.DataFrame
        ``year`` (int) and ``share_pct`` (%), observed years ascending.
    """
    series = one_reporter_series(tables)
    gdp = sum(macro_series(tables, "gdp_current_usd", c) for c in COUNTRIES)
    years = [int(y) for y in series.index if y in gdp.index and not math.isnan(float(gdp[y]))]
    return pd.DataFrame({"year": years, "share_pct": [100 * float(series[y] / gdp[y]) for y in years]})


def recent_peak(tables: BaselineTables, since: int = 2018) -> tuple[int, float]:
    """The year and value (%) of the highest turnover ÷ combined GDP since ``since`` (the 2017 opening).

    Parameters
    ----------
    tables : BaselineTables
        As for :func:`share_history`.
    since : int, default 2018
        First year considered.

    Returns
    -------
    year : int
        The year of the peak.
    share_pct : float
        Turnover ÷ combined GDP that year, %.
    """
    history = share_history(tables)
    recent = history[history["year"] >= since]
    best = recent.loc[recent["share_pct"].idxmax()]
    return int(best["year"]), float(best["share_pct"])
