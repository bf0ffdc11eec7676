"""Side-by-side comparison of scenarios: headline outputs, their differences to BAU, and the levers that differ."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from model.data import BASE_YEAR, COUNTRIES, REPORT_YEAR, SECTORS
from model.projection import GDP_YEARS
from model.registry import Registry
from model.run import Projection, ScenarioResult

COMPARE_YEAR = REPORT_YEAR
MAX_PINNED = 4


def _first_year(projection: Projection) -> float:
    crossing = projection.crossing
    return float(crossing.first_year) if bool(crossing.reached) else float("nan")


def _in_year(projection: Projection, year: int) -> dict[str, float]:
    column = int(np.searchsorted(GDP_YEARS, year))
    gdp = projection.gdp
    row: dict[str, float] = {}
    for index, country in enumerate(COUNTRIES):
        row[f"gdp_{country}_usd_bn"] = float(gdp.total[index, column])
        row[f"per_head_{country}_usd"] = float(gdp.per_head_usd[index, column])
        for sector_index, sector in enumerate(SECTORS):
            row[f"share_{country}_{sector}_pct"] = float(gdp.shares_pct[index, sector_index, column])
    return row


def headline_row(projection: Projection, result: ScenarioResult, year: int = COMPARE_YEAR) -> dict[str, float]:
    """Target year, turnover in the target year, GDP, per head and sector shares in ``year``.

    Parameters
    ----------
    projection : Projection
        The scenario's or the BAU path.
    result : ScenarioResult
        A scenario and its BAU counterpart (:func:`model.run.run_scenario`).
    year : int, default ``COMPARE_YEAR``
        The year GDP figures are read in (2025–2035).

    Returns
    -------
    dict of str to float
        ``target_year`` (first whole year, NaN if never), ``target_year_fractional``,
        ``turnover_in_goal_year_usd_bn`` (USD bn), ``gdp_<country>_usd_bn``, ``per_head_<country>_usd`` and
        ``share_<country>_<sector>_pct`` (%).
    """
    turnover = projection.turnover.total[result.goal_year - BASE_YEAR]
    return {"target_year": _first_year(projection), "target_year_fractional": float(projection.crossing.fractional),
            "turnover_in_goal_year_usd_bn": float(turnover), **_in_year(projection, year)}


def headline_table(results: Mapping[str, ScenarioResult], year: int = COMPARE_YEAR) -> pd.DataFrame:
    """One row per scenario plus a BAU row (from the first scenario), with ``Δ`` columns against BAU.

    Parameters
    ----------
    results : mapping of str to ScenarioResult
        Scenarios by display name.
    year : int, default ``COMPARE_YEAR``
        The year GDP figures are read in.

    Returns
    -------
    pandas.DataFrame
        Index ``BAU`` then the names; the columns of :func:`headline_row` and each as ``delta_<column>`` (same
        unit, against BAU). Empty for no scenarios.
    """
    if not results:
        return pd.DataFrame()
    first = next(iter(results.values()))
    rows = {"BAU": headline_row(first.bau, first, year)}
    rows.update({name: headline_row(result.scenario, result, year) for name, result in results.items()})
    table = pd.DataFrame.from_dict(rows, orient="index")
    bau = table.loc["BAU"]
    for column in list(table.columns):
        table[f"delta_{column}"] = table[column] - bau[column]
    return table


def differing_levers(scenarios: Mapping[str, Mapping[str, float]], registry: Registry) -> pd.DataFrame:
    """Levers that differ from the default in at least one scenario: rows = levers, columns = scenarios.

    Parameters
    ----------
    scenarios : mapping of str to mapping of str to float
        Complete lever values by scenario name.
    registry : Registry
        The defaults.

    Returns
    -------
    pandas.DataFrame
        Index: registry keys; columns ``default`` then one per scenario, registry units.
    """
    defaults = registry.defaults()
    keys = [k for k in registry.keys if any(levers[k] != defaults[k] for levers in scenarios.values())]
    table = pd.DataFrame({name: [levers[k] for k in keys] for name, levers in scenarios.items()}, index=keys)
    table.insert(0, "default", [defaults[k] for k in keys])
    return table


def unique_names(names: Sequence[str]) -> list[str]:
    """Names made unique for a legend: a repeat gets `` (2)``, `` (3)`` and so on.

    Parameters
    ----------
    names : sequence of str
        Names in order.

    Returns
    -------
    list of str
        Same length and order.
    """
    seen: dict[str, int] = {}
    out = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return out
