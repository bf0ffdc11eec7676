"""The base-year figures the projection starts from, and the statistics derived from history.

All numbers come from the validated tables (:mod:`model.data`); each derivation states its rule so that
the registry, the methodology page and the tests can quote it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from model.data import BASE_YEAR, COUNTRIES, SECTORS, BaselineTables, macro_series
from model.tradecost import novy_inputs


@dataclass(frozen=True)
class Baseline:
    """Base-year (2025) levels, per country in the order ``COUNTRIES``.

    Attributes
    ----------
    turnover_base : float
        Bilateral goods turnover in 2025, USD bn (Uzbek-reported).
    uz_export_share : float
        UZ exports ÷ turnover in 2025: UZ's share of the trend turnover (MODEL.md eq. 5).
    gdp_base : ndarray, shape (2,)
        GDP in 2025, current USD bn.
    population_base : ndarray, shape (2,)
        Population in 2025, million.
    population_growth : ndarray, shape (2,)
        Mean yearly population growth 2020–25, as a fraction.
    sector_shares : ndarray, shape (2, 4)
        Latest sector shares of gross value added, fractions summing to 1, sectors in ``SECTORS`` order.
    sector_share_years : tuple of int
        The year of those shares per country.
    import_share_gdp : ndarray, shape (2,)
        Imports of goods and services ÷ GDP, latest year (ACR's 1 − λ).
    trade_cost_log_ratio : float
        ln(x_UZ,UZ · x_KZ,KZ / (x_UZ,KZ · x_KZ,UZ)) of ``trade_cost_year``: the inverse-gravity (Novy 2013) input
        from which the trade-cost level follows for each θ (:func:`model.tradecost.novy_trade_cost`).
    trade_cost_year : int
        The latest year with every input of that ratio.
    """

    turnover_base: float
    uz_export_share: float
    gdp_base: np.ndarray
    population_base: np.ndarray
    population_growth: np.ndarray
    sector_shares: np.ndarray
    sector_share_years: tuple[int, ...]
    import_share_gdp: np.ndarray
    trade_cost_log_ratio: float
    trade_cost_year: int


def _latest(series_values: dict[int, float]) -> float:
    return float(series_values[max(series_values)])


def _population_growth(tables: BaselineTables, country: str) -> float:
    population = macro_series(tables, "population", country)
    window = population.loc[2020:BASE_YEAR]
    years = window.index[-1] - window.index[0]
    return float((window.iloc[-1] / window.iloc[0]) ** (1 / years) - 1)


def _latest_sector_shares(tables: BaselineTables, country: str) -> tuple[int, np.ndarray]:
    rows = tables.sectors[tables.sectors["country"] == country]
    year = int(rows["year"].max())
    latest = rows[rows["year"] == year].set_index("sector")["share_pct"]
    shares = np.array([latest[s] for s in SECTORS], dtype=float)
    return year, shares / shares.sum()


def build_baseline(tables: BaselineTables) -> Baseline:
    """Collect the base-year levels the projection starts from.

    Parameters
    ----------
    tables : BaselineTables
        Validated tables (:func:`model.data.load_tables`). Turnover from ``bilateral_trade.csv``; GDP, population
        and import shares from ``macro.csv`` (World Bank WDI); sector shares from ``sector_shares.csv``.

    Returns
    -------
    Baseline
        2025 levels and the statistics derived from history (see :class:`Baseline` for units and shapes).
    """
    trade = tables.bilateral.set_index("year")
    base = trade.loc[BASE_YEAR]
    novy = novy_inputs(tables)
    sector_years, sector_shares = zip(*(_latest_sector_shares(tables, c) for c in COUNTRIES), strict=True)
    return Baseline(
        turnover_base=float(base["turnover_usd_bn"]),
        uz_export_share=float(base["uz_exports_to_kz_usd_bn"] / base["turnover_usd_bn"]),
        gdp_base=np.array([macro_series(tables, "gdp_current_usd", c).loc[BASE_YEAR] for c in COUNTRIES]),
        population_base=np.array([macro_series(tables, "population", c).loc[BASE_YEAR] for c in COUNTRIES]),
        population_growth=np.array([_population_growth(tables, c) for c in COUNTRIES]),
        sector_shares=np.vstack(sector_shares),
        sector_share_years=tuple(sector_years),
        import_share_gdp=np.array(
            [_latest(macro_series(tables, "imports_goods_services", c).to_dict()) / 100 for c in COUNTRIES]
        ),
        trade_cost_log_ratio=novy.log_ratio,
        trade_cost_year=novy.year,
    )


# --- statistics derived from history (named in data/assumptions.yaml under `derive:`) ---------------

# First year of the trend window: the first Uzbek-reported full year after the 2017–18 opening jump from which
# every later year is observed (methodology page, "Trend growth: which years").
TREND_START_YEAR = 2019


def turnover_cagr(tables: BaselineTables, start: int, end: int = BASE_YEAR) -> float:
    """Compound annual growth of turnover between two observed years, % per year.

    Parameters
    ----------
    tables : BaselineTables
        Validated tables (:func:`model.data.load_tables`).
    start : int
        First year; must have a turnover figure.
    end : int, default ``BASE_YEAR``
        Last year; must have a turnover figure.

    Returns
    -------
    float
        ((T_end / T_start)^(1 / (end − start)) − 1) × 100, % per year, unrounded.
    """
    trade = tables.bilateral.set_index("year")["turnover_usd_bn"]
    return float(((trade.loc[end] / trade.loc[start]) ** (1 / (end - start)) - 1) * 100)


def turnover_loglinear_growth(tables: BaselineTables, start: int, end: int = BASE_YEAR) -> float:
    """Growth from a least-squares line through log turnover over the observed years ``start``–``end``, % per year.

    Parameters
    ----------
    tables : BaselineTables
        Validated tables (:func:`model.data.load_tables`).
    start : int
        First year of the fit.
    end : int, default ``BASE_YEAR``
        Last year of the fit; missing years in between are left out, not filled.

    Returns
    -------
    float
        (exp(slope) − 1) × 100, % per year.
    """
    trade = tables.bilateral.set_index("year")["turnover_usd_bn"].sort_index().loc[start:end]
    slope = np.polyfit(trade.index.to_numpy(dtype=float), np.log(trade.to_numpy()), 1)[0]
    return float((np.exp(slope) - 1) * 100)


def trend_alternatives(tables: BaselineTables) -> dict[str, float]:
    """The trend-growth default and the alternatives the methodology page weighs against it, % per year.

    Parameters
    ----------
    tables : BaselineTables
        Validated tables (:func:`model.data.load_tables`).

    Returns
    -------
    dict
        ``cagr_2019`` (the default's rule), ``cagr_2017``, ``cagr_2018``, ``cagr_2021``, ``cagr_2022`` (compound
        growth from that year to 2025) and ``loglin`` (log-linear fit over 2019–2025), unrounded.
    """
    alternatives = {f"cagr_{year}": turnover_cagr(tables, year) for year in (2017, 2018, TREND_START_YEAR, 2021, 2022)}
    alternatives["loglin"] = turnover_loglinear_growth(tables, TREND_START_YEAR)
    return alternatives


def gross_icor(tables: BaselineTables, country: str, start: int = 2017, excluded: tuple[int, ...] = (2020,)) -> float:
    """Gross ICOR: mean investment share of GDP ÷ mean real growth, years with both, ``excluded`` left out.

    Parameters
    ----------
    tables : BaselineTables
        Validated tables (:func:`model.data.load_tables`). Gross capital formation (% of GDP) and real GDP
        growth (% per year), WDI.
    country : str
        ``UZ`` or ``KZ``.
    start : int, default 2017
        First year counted.
    excluded : tuple of int, default (2020,)
        Years left out (2020: the pandemic year's growth makes the ratio meaningless).

    Returns
    -------
    float
        Years of output per unit of investment (ratio, no unit).
    """
    investment = macro_series(tables, "gross_capital_formation", country)
    growth = macro_series(tables, "real_gdp_growth", country)
    years = [y for y in investment.index.intersection(growth.index) if y >= start and y not in excluded]
    return float(investment.loc[years].mean() / growth.loc[years].mean())


def nominal_gdp_growth(tables: BaselineTables, country: str, inflation_pct: float, start: int = 2021) -> float:
    """(1 + mean real growth ``start``–2025)(1 + π) − 1, % per year (real exchange rate held at 2025).

    Parameters
    ----------
    tables : BaselineTables
        Validated tables (:func:`model.data.load_tables`). Real GDP growth from ``macro.csv`` (WDI).
    country : str
        ``UZ`` or ``KZ``.
    inflation_pct : float
        π, US dollar inflation, % per year (the registry's ``usd_inflation``).
    start : int, default 2021
        First year of the mean.

    Returns
    -------
    float
        Nominal USD GDP growth, % per year.
    """
    growth = macro_series(tables, "real_gdp_growth", country).loc[start:BASE_YEAR]
    return float(((1 + growth.mean() / 100) * (1 + inflation_pct / 100) - 1) * 100)


def log_turnover_growth_sd(tables: BaselineTables, start: int) -> float:
    """Standard deviation of yearly log turnover growth over pairs of adjacent observed years from ``start``.

    Gaps (a year with no figure) are skipped rather than spread over the missing years, so every step is
    one observed year-on-year change: from 2019 σ ≈ 0.14; from 2017 (adds the 2018 opening jump) σ ≈ 0.17.

    Parameters
    ----------
    tables : BaselineTables
        Validated tables (:func:`model.data.load_tables`).
    start : int
        First year of the window (to the last observed year).

    Returns
    -------
    float
        Sample standard deviation (ddof = 1) of Δ ln turnover, log points per year.
    """
    trade = tables.bilateral.set_index("year")["turnover_usd_bn"].sort_index().loc[start:]
    years = trade.index.to_numpy()
    steps = np.diff(np.log(trade.to_numpy()))[np.diff(years) == 1]
    return float(np.std(steps, ddof=1))
