"""One scenario, end to end: the scenario and BAU projections and the headline outputs.

This is the single entry point the CLI, the pages and the benchmarks call.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace

import numpy as np

from model.baseline import Baseline
from model.data import BASE_YEAR
from model.gdp import GdpPath, project_gdp
from model.outputs import (
    LeverAnswer,
    TargetCrossing,
    classify,
    required_cut_pct,
    required_growth_pct,
    required_linear,
    target_crossing,
    value_in_year,
)
from model.projection import (
    GDP_YEARS,
    TURNOVER_YEARS,
    Params,
    TurnoverPath,
    elasticity_path_of,
    project_turnover,
    shock_level,
    trade_cost_level,
    trend_turnover,
)
from model.registry import Registry

GOAL_SEEK_LEVERS = ("trade_growth", "investment_inflow", "trade_cost_cut")


@dataclass(frozen=True)
class Projection:
    """Turnover to 2050 and GDP to 2035 for one set of parameter values.

    Attributes
    ----------
    values : mapping of str to float or ndarray
        The parameter values projected, registry units.
    turnover : TurnoverPath
        Turnover and its parts 2025–2050, USD bn.
    gdp : GdpPath
        GDP by country and sector 2025–2035, current USD bn.
    crossing : TargetCrossing
        When turnover first reaches the target.
    """

    values: Params
    turnover: TurnoverPath
    gdp: GdpPath
    crossing: TargetCrossing


@dataclass(frozen=True)
class ScenarioResult:
    """The scenario, its BAU counterpart and the headline numbers.

    Attributes
    ----------
    scenario, bau : Projection
        The scenario and its business-as-usual counterpart.
    target_usd_bn : float
        The turnover target, USD bn.
    goal_year : int
        The year it is set for.
    """

    scenario: Projection
    bau: Projection
    target_usd_bn: float
    goal_year: int

    @property
    def turnover_at_goal(self) -> float:
        """Scenario turnover in the target year, USD bn."""
        return float(value_in_year(self.scenario.turnover.total, TURNOVER_YEARS, self.goal_year))

    @property
    def gap_at_goal(self) -> float:
        """Target minus turnover in the target year, USD bn (negative = target exceeded)."""
        return self.target_usd_bn - self.turnover_at_goal


def project(values: Params, baseline: Baseline, bau_growth_pct: float,
            log_shocks: np.ndarray | None = None) -> Projection:
    """Equations 1–10 for ``values`` (scalars or arrays of draws).

    ``log_shocks`` (draws, years) shock the trend of the scenario and of its BAU alike: the GDP effect of
    cooperation is the scenario against BAU in the same simulated world.

    Parameters
    ----------
    values : mapping of str to float or ndarray
        Every registry key, registry units; arrays of shape (n,) project n scenarios at once.
    baseline : Baseline
        2025 levels (``data/``).
    bau_growth_pct : float
        The BAU trend growth, % per year (the registry's BAU ``trade_growth``), for the GDP effect.
    log_shocks : ndarray, shape (draws, years), optional
        Yearly shocks to log trend turnover (the Monte Carlo's); none for a deterministic run.

    Returns
    -------
    Projection
        Turnover 2025–2050 and GDP 2025–2035 (USD bn; leading axes as ``values``) and the target crossing.
    """
    shock = None if log_shocks is None else shock_level(log_shocks)
    turnover = project_turnover(values, baseline, TURNOVER_YEARS, shock)
    bau_trend = trend_turnover(baseline.turnover_base, bau_growth_pct, TURNOVER_YEARS, shock)
    gdp = project_gdp(values, baseline, turnover, bau_trend, GDP_YEARS)
    crossing = target_crossing(turnover.total, TURNOVER_YEARS, values["target_usd_bn"])
    return Projection(values, turnover, gdp, crossing)


def bau_values(values: Mapping[str, float], registry: Registry) -> dict[str, float]:
    """``values`` with every lever that has a BAU value reset to it (other assumptions kept).

    Parameters
    ----------
    values : mapping of str to float
        A complete scenario, registry units.
    registry : Registry
        Each parameter's BAU value (``None`` for assumptions BAU shares).

    Returns
    -------
    dict of str to float
        The BAU counterpart of the scenario.
    """
    return {key: (values[key] if param.bau is None else param.bau) for key, param in registry.by_key.items()}


def _pick(projection: Projection, index: int, values: Mapping[str, float]) -> Projection:
    """One member of a batched projection (leading axis), as if projected alone."""
    path, gdp, crossing = projection.turnover, projection.gdp, projection.crossing
    turnover = replace(path, **{f.name: getattr(path, f.name)[index] for f in fields(path) if f.name != "years"})
    return Projection(
        values,
        turnover,
        replace(gdp, by_sector=gdp.by_sector[index], trend=turnover.trend, factor=turnover.factor,
                trade_elasticity=float(values["trade_elasticity"])),
        TargetCrossing(*(getattr(crossing, f.name)[index] for f in fields(crossing))),
    )


def run_scenario(values: Mapping[str, float], baseline: Baseline, registry: Registry) -> ScenarioResult:
    """Project the scenario and its BAU counterpart (same assumptions, levers at BAU) in one batched pass.

    Parameters
    ----------
    values : mapping of str to float
        A complete, checked scenario (:meth:`model.registry.Registry.complete`), registry units.
    baseline : Baseline
        2025 levels.
    registry : Registry
        BAU values and the BAU trend growth.

    Returns
    -------
    ScenarioResult
        Scenario and BAU projections, the target (USD bn) and the target year.
    """
    bau = bau_values(values, registry)
    stacked = {key: np.array([values[key], bau[key]], dtype=float) for key in values}
    both = project(stacked, baseline, registry.bau()["trade_growth"])
    return ScenarioResult(_pick(both, 0, values), _pick(both, 1, bau),
                          float(values["target_usd_bn"]), int(values["target_year"]))


# --- what would it take (goal seek) -----------------------------------------------------------------------


def _at_goal(path: TurnoverPath, goal_year: int) -> dict[str, float]:
    read = {name: float(value_in_year(series, TURNOVER_YEARS, goal_year)) for name, series in
            (("trend", path.trend), ("investment", path.investment), ("factor", path.factor))}
    return read


def _solve_growth(values: Mapping[str, float], baseline: Baseline, goal_year: int) -> float:
    at_goal = _at_goal(project_turnover(values, baseline), goal_year)
    return required_growth_pct(float(values["target_usd_bn"]), at_goal["investment"], at_goal["factor"],
                               baseline.turnover_base, goal_year)


def _solve_cut(values: Mapping[str, float], baseline: Baseline, goal_year: int) -> float:
    at_goal = _at_goal(project_turnover(values, baseline), goal_year)
    phase = min(1.0, (goal_year - BASE_YEAR) / float(values["phase_in_years"]))
    elasticity = float(value_in_year(elasticity_path_of(values, TURNOVER_YEARS), TURNOVER_YEARS, goal_year))
    return required_cut_pct(float(values["target_usd_bn"]), at_goal["investment"], at_goal["trend"],
                            float(trade_cost_level(values, baseline)), elasticity, phase)


def _solve_inflow(values: Mapping[str, float], baseline: Baseline, goal_year: int) -> float:
    totals = [float(value_in_year(project_turnover({**values, "investment_inflow": level}, baseline).total,
                                  TURNOVER_YEARS, goal_year)) for level in (0.0, 1.0)]
    if goal_year < BASE_YEAR + 1 + int(values["build_lag"]):
        return float("nan") if totals[0] < float(values["target_usd_bn"]) else float("-inf")
    return required_linear(float(values["target_usd_bn"]), *totals)


SOLVERS = {"trade_growth": _solve_growth, "investment_inflow": _solve_inflow, "trade_cost_cut": _solve_cut}


def goal_seek(lever: str, values: Mapping[str, float], baseline: Baseline, registry: Registry) -> LeverAnswer:
    """The value of ``lever`` alone that reaches the target exactly in the target year, other levers as given.

    Trend growth and the cut have closed forms (:func:`model.outputs.required_growth_pct`,
    :func:`model.outputs.required_cut_pct`); turnover is linear in the investment inflow.

    Parameters
    ----------
    lever : str
        One of ``GOAL_SEEK_LEVERS``.
    values : mapping of str to float
        The complete scenario; its ``target_usd_bn`` and ``target_year`` set the goal.
    baseline : Baseline
        2025 levels.
    registry : Registry
        The lever's range.

    Returns
    -------
    LeverAnswer
        The value in the lever's registry unit when inside its range, else why not.

    Raises
    ------
    KeyError
        ``lever`` is not one of ``GOAL_SEEK_LEVERS``.
    """
    if lever not in SOLVERS:
        raise KeyError(f"goal seek works on {', '.join(GOAL_SEEK_LEVERS)}, not {lever!r}")
    param = registry.by_key[lever]
    solution = SOLVERS[lever](values, baseline, int(values["target_year"]))
    return classify(lever, solution, param.min, param.max)
