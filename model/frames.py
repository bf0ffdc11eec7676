"""Tidy tables of a scenario result, for charts, the CLI and the downloads."""

from __future__ import annotations

import numpy as np
import pandas as pd

from model.data import BASE_YEAR, COUNTRIES, GDP_END_YEAR, REPORT_YEAR, SECTORS, BaselineTables
from model.projection import GDP_YEARS, TURNOVER_YEARS
from model.run import Projection, ScenarioResult

LAST_SHOWN_YEAR = 2035
CASES = ("scenario", "bau")


def history_table(tables: BaselineTables) -> pd.DataFrame:
    """Observed turnover: year, turnover_usd_bn, reporter, status, source, consecutive-run id for joining points.

    Parameters
    ----------
    tables : BaselineTables
        Its ``bilateral_trade.csv`` rows (USD bn, each with reporter, status and source).

    Returns
    -------
    pandas.DataFrame
        One row per observed year; ``run`` numbers each run of consecutive years (a gap starts a new one).
    """
    history = tables.bilateral[["year", "turnover_usd_bn", "reporter", "status", "source"]].copy()
    history["run"] = (history["year"].diff() != 1).cumsum()
    return history.reset_index(drop=True)


def _path_rows(projection: Projection, case: str, last_year: int) -> pd.DataFrame:
    shown = last_year >= TURNOVER_YEARS
    path = projection.turnover
    return pd.DataFrame({
        "year": TURNOVER_YEARS[shown],
        "case": case,
        "turnover_usd_bn": path.total[shown],
        "trend_usd_bn": path.trend[shown],
        "facilitation_usd_bn": path.facilitation[shown],
        "investment_usd_bn": path.investment[shown],
    })


def turnover_paths(result: ScenarioResult, last_year: int = LAST_SHOWN_YEAR) -> pd.DataFrame:
    """Projected turnover 2025…``last_year`` for scenario and BAU, with its decomposition (eq. 5).

    Parameters
    ----------
    result : ScenarioResult
        A scenario and its BAU counterpart (:func:`model.run.run_scenario`).
    last_year : int, default ``LAST_SHOWN_YEAR``
        Last year shown.

    Returns
    -------
    pandas.DataFrame
        Long: ``year``, ``case`` (``scenario``/``bau``), ``turnover_usd_bn`` and its ``trend_usd_bn``,
        ``facilitation_usd_bn`` and ``investment_usd_bn`` parts, all USD bn.
    """
    return pd.concat([_path_rows(result.scenario, "scenario", last_year),
                      _path_rows(result.bau, "bau", last_year)], ignore_index=True)


def _gdp_rows(projection: Projection, case: str) -> pd.DataFrame:
    gdp = projection.gdp
    turnover = projection.turnover.total[: len(GDP_YEARS)]
    frames = []
    for index, country in enumerate(COUNTRIES):
        frame = pd.DataFrame({
            "country": country,
            "year": GDP_YEARS,
            "case": case,
            "total_usd_bn": gdp.total[index],
            "per_head_usd": gdp.per_head_usd[index],
            "trade_pct_gdp": 100 * turnover / gdp.total[index],
            "real_income_gain_pct": gdp.real_income_gain_pct[index],
        })
        for sector_index, sector in enumerate(SECTORS):
            frame[f"share_{sector}_pct"] = gdp.shares_pct[index, sector_index]
        frames.append(frame)
    return pd.concat(frames, ignore_index=True)


def gdp_table(result: ScenarioResult) -> pd.DataFrame:
    """GDP, per head, sector shares, trade as % of GDP and the ACR gain, by country, year and case.

    Parameters
    ----------
    result : ScenarioResult
        A scenario and its BAU counterpart (:func:`model.run.run_scenario`).

    Returns
    -------
    pandas.DataFrame
        One row per country, year 2025–2035 and case: ``total_usd_bn`` (current USD bn), ``per_head_usd``,
        ``trade_pct_gdp`` (bilateral turnover ÷ the country's GDP, %), ``real_income_gain_pct`` (eq. 10, %) and
        ``share_<sector>_pct`` (% of value added).
    """
    return pd.concat([_gdp_rows(result.scenario, "scenario"), _gdp_rows(result.bau, "bau")], ignore_index=True)


def sector_shift_table(result: ScenarioResult,
                       years: tuple[int, ...] = (BASE_YEAR, REPORT_YEAR, GDP_END_YEAR)) -> pd.DataFrame:
    """Sector shares (long) in ``years`` for both cases, and the scenario's shift against BAU in pp.

    Parameters
    ----------
    result : ScenarioResult
        A scenario and its BAU counterpart (:func:`model.run.run_scenario`).
    years : tuple of int, default (2025, 2030, 2035)
        Years within the GDP horizon.

    Returns
    -------
    pandas.DataFrame
        ``country``, ``year``, ``sector``, ``scenario_pct``, ``bau_pct`` (% of value added) and ``shift_pp``
        (percentage points).
    """
    rows = []
    for index, country in enumerate(COUNTRIES):
        for year in years:
            column = int(np.searchsorted(GDP_YEARS, year))
            for sector_index, sector in enumerate(SECTORS):
                scenario = float(result.scenario.gdp.shares_pct[index, sector_index, column])
                bau = float(result.bau.gdp.shares_pct[index, sector_index, column])
                rows.append({"country": country, "year": year, "sector": sector, "scenario_pct": scenario,
                             "bau_pct": bau, "shift_pp": scenario - bau})
    return pd.DataFrame(rows)


def turnover_json(result: ScenarioResult, tables: BaselineTables, case: str = "scenario",
                  last_year: int = LAST_SHOWN_YEAR) -> dict[str, float]:
    """Year string → USD bn: the history years that have data, then every projected year to ``last_year``.

    Parameters
    ----------
    result : ScenarioResult
        A scenario and its BAU counterpart (:func:`model.run.run_scenario`).
    tables : BaselineTables
        The observed years before 2025 (``bilateral_trade.csv``).
    case : {"scenario", "bau"}, default "scenario"
        Which path.
    last_year : int, default ``LAST_SHOWN_YEAR``
        Last projected year included.

    Returns
    -------
    dict of str to float
        Turnover in USD bn rounded to 4 decimals, years ascending.
    """
    history = tables.bilateral.set_index("year")["turnover_usd_bn"]
    out = {str(year): round(float(value), 4) for year, value in history.items() if year < BASE_YEAR}
    projection = result.scenario if case == "scenario" else result.bau
    for year, value in zip(TURNOVER_YEARS, projection.turnover.total, strict=True):
        if year <= last_year:
            out[str(int(year))] = round(float(value), 4)
    return out


def gdp_json(result: ScenarioResult, case: str = "scenario") -> dict[str, dict[str, dict[str, object]]]:
    """``{"UZ"|"KZ": {year: {"total_usd_bn", "per_head_usd", "shares_pct": {sector: %}}}}`` 2025–2035.

    Parameters
    ----------
    result : ScenarioResult
        A scenario and its BAU counterpart (:func:`model.run.run_scenario`).
    case : {"scenario", "bau"}, default "scenario"
        Which path.

    Returns
    -------
    dict
        GDP (current USD bn, 4 decimals), GDP per head (USD, 2 decimals) and sector shares (% of value added).
    """
    gdp = (result.scenario if case == "scenario" else result.bau).gdp
    out: dict[str, dict[str, dict[str, object]]] = {}
    for index, country in enumerate(COUNTRIES):
        out[country] = {
            str(int(year)): {
                "total_usd_bn": round(float(gdp.total[index, column]), 4),
                "per_head_usd": round(float(gdp.per_head_usd[index, column]), 2),
                "shares_pct": {s: round(float(gdp.shares_pct[index, k, column]), 4) for k, s in enumerate(SECTORS)},
            }
            for column, year in enumerate(GDP_YEARS)
        }
    return out
