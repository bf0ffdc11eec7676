"""Sensitivity: each parameter moved alone to the ends of its plausible range, all in one batched projection."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from model.baseline import Baseline
from model.outputs import value_in_year
from model.projection import TURNOVER_YEARS
from model.registry import Registry
from model.run import project

AFTER_HORIZON = 2051.0  # a target "not reached by 2050" is drawn at the horizon's edge


def _batch(values: Mapping[str, float], keys: list[str], ends: list[float]) -> dict[str, np.ndarray]:
    """One row per (parameter, end): the scenario with that parameter replaced."""
    rows = len(ends)
    batch = {key: np.full(rows, float(value)) for key, value in values.items()}
    for row, (key, end) in enumerate(zip(keys, ends, strict=True)):
        batch[key][row] = end
    return batch


def tornado(values: Mapping[str, float], baseline: Baseline, registry: Registry) -> pd.DataFrame:
    """Target year and turnover in the target year at the low and high end of each plausible range.

    Returns one row per parameter with a plausible range (goal parameters excluded), sorted by the
    effect on the target year and then on turnover, largest first. Years not reached by 2050 are
    shown as 2051 (``AFTER_HORIZON``) so that bars stay finite.

    Parameters
    ----------
    values : mapping of str to float
        The complete scenario each parameter is moved away from, registry units.
    baseline : Baseline
        Base-year levels.
    registry : Registry
        Plausible ranges (``data/assumptions.yaml``: each with its source) and the BAU trend growth.

    Returns
    -------
    pandas.DataFrame
        Columns ``key``, ``low``, ``high``, ``value`` (registry units), ``target_year_low``/``_high``/``_base``
        (fractional year), ``turnover_low``/``_high``/``_base`` (USD bn in the target year), ``year_effect``
        (years) and ``turnover_effect`` (USD bn).
    """
    params = [p for p in registry.parameters if p.plausible is not None and p.group != "goal"]
    keys = [p.key for p in params for _ in (0, 1)]
    ends = [end for p in params for end in p.plausible]  # type: ignore[union-attr]
    batch = _batch(values, keys + [params[0].key], ends + [float(values[params[0].key])])
    projection = project(batch, baseline, registry.bau()["trade_growth"])
    goal_year = int(values["target_year"])
    year = np.where(np.isnan(projection.crossing.fractional), AFTER_HORIZON, projection.crossing.fractional)
    turnover = value_in_year(projection.turnover.total, TURNOVER_YEARS, goal_year)
    table = pd.DataFrame({
        "key": [p.key for p in params],
        "low": [p.plausible[0] for p in params],  # type: ignore[index]
        "high": [p.plausible[1] for p in params],  # type: ignore[index]
        "value": [float(values[p.key]) for p in params],
        "target_year_low": year[0:-1:2], "target_year_high": year[1:-1:2],
        "turnover_low": turnover[0:-1:2], "turnover_high": turnover[1:-1:2],
    })
    table["target_year_base"], table["turnover_base"] = year[-1], turnover[-1]
    table["year_effect"] = (table["target_year_high"] - table["target_year_low"]).abs()
    table["turnover_effect"] = (table["turnover_high"] - table["turnover_low"]).abs()
    return table.sort_values(["year_effect", "turnover_effect"], ascending=False).reset_index(drop=True)
