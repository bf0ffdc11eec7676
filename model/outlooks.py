"""Other projections and earlier targets beside ours, with how each fared against the observed turnover.

Reads ``data/other_projections.csv`` (every row a dated publication) and adds, from the Uzbek-reported series,
the turnover observed in each horizon year. A relative outlook (the EDB's +38% to 2030) is applied to the last
observed year only as our own reading, flagged ``applied_by_us``: its publication names no base year and its
scope is not this pair.
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd

from model.backtest import one_reporter_series
from model.data import DATA_DIR, BaselineTables, load_reference


def other_projections(tables: BaselineTables, data_dir: Path = DATA_DIR) -> pd.DataFrame:
    """The reference table with the observed outcome of each target and outlook.

    Added columns: ``observed_usd_bn`` (horizon year, if observed), ``reached`` (True/False/None),
    ``latest_year``/``latest_usd_bn`` and ``implied_usd_bn`` (a relative outlook applied to the latest year).

    Targets without a horizon year, or whose year is not yet observed, get ``observed_usd_bn`` NaN and
    ``reached`` None.

    Parameters
    ----------
    tables : BaselineTables
        The observed turnover (Uzbek-reported series, :func:`model.backtest.one_reporter_series`).
    data_dir : pathlib.Path, default ``DATA_DIR``
        Folder with ``other_projections.csv`` (each row a dated publication: government and presidential releases,
        the EDB).

    Returns
    -------
    pandas.DataFrame
        One row per target or outlook, the file's columns plus those above (USD bn) and ``applied_by_us`` (bool).
    """
    table = load_reference("other_projections.csv", data_dir).copy()
    series = one_reporter_series(tables)
    latest_year = int(series.index.max())
    observed, reached, implied = [], [], []
    for _, row in table.iterrows():
        year = pd.to_numeric(row["horizon_year"], errors="coerce")
        target = pd.to_numeric(row["target_usd_bn"], errors="coerce")
        change = pd.to_numeric(row["change_pct"], errors="coerce")
        value = float(series[int(year)]) if not math.isnan(year) and int(year) in series.index else math.nan
        observed.append(value)
        reached.append(None if math.isnan(value) or math.isnan(target) else bool(value >= target))
        implied.append(float(series[latest_year]) * (1 + change / 100) if not math.isnan(change) else math.nan)
    table["observed_usd_bn"] = observed
    table["reached"] = reached
    table["latest_year"] = latest_year
    table["latest_usd_bn"] = float(series[latest_year])
    table["implied_usd_bn"] = implied
    table["applied_by_us"] = [not math.isnan(v) for v in implied]
    return table
