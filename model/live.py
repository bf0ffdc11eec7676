"""Exact per-year components for the live levers: any lever state on the sliders' grids by × and + alone.

The browser recomputes the turnover path and the headline on every drag frame, but it never re-implements an
equation: for the current advanced assumptions and baseline this module sends it, per year,

- the trend T⁰ (eq. 1) for each value on the trade-growth slider's grid,
- the facilitation factor F (eq. 2) for each value on the trade-cost-cut slider's grid,
- the investment-induced turnover Tᴵ (eq. 3–4) per 1 USD bn/yr of programme inflow, and that of the
  launched projects alone,

and the turnover of a lever state (g, I, τ) is then (eq. 5)

    Tₜ = T⁰ₜ(g) · Fₜ(τ) + I · Tᴵₜ(1) + Tᴵₜ(launched),

which is exact, not an approximation: T⁰ depends on g alone, F on τ alone (its trade-cost level, phase-in and
θ path are advanced assumptions), and Tᴵ is linear in the flow (eq. 3 is a linear recursion in the flow, eq. 4 is
linear in the stock and the flow), whose programme part is I times a 0/1 mask fixed by the programme end and
whose launched part does not depend on I. ``tests/test_live_components.py`` pins the recombination to the
model's own :func:`model.projection.project_turnover` to 1e-9 USD bn over drawn lever states and advanced
assumptions; if an equation ever stops being separable in the three levers, that test fails.

The payload (:meth:`LiveComponents.to_payload`, JSON-safe, no NaN or infinity)::

    {"years": [2025, …, 2050], "base_year": 2025, "first_year": 2026, "last_year": 2050,
     "last_shown_year": 2035,
     "goal": 10.0, "goal_year": 2030,                        # USD bn, year: the scenario's target
     "growth_grid": [-10.0, …, 40.0], "growth_step": 0.1,    # %/yr, the registry's min, max, step
     "growth_min": -10.0, "growth_max": 40.0,
     "trend": [[26 floats], …],                              # T⁰ per growth grid value, USD bn
     "cut_grid": [0.0, …, 15.0], "cut_step": 0.5,            # %
     "factor": [[26 floats], …],                             # F per cut grid value, dimensionless
     "inflow_grid": [0.0, …, 6.0], "inflow_step": 0.01,      # USD bn/yr
     "per_inflow": [26 floats],                              # Tᴵ per 1 USD bn/yr of inflow, USD bn
     "launched": [26 floats],                                # Tᴵ of the launched projects alone, USD bn
     "bau": [26 floats],                                     # BAU turnover (levers at BAU), USD bn
     "turnover_base": 4.97,                                  # T₂₀₂₅, USD bn
     "exact": true}                                          # the run-time separability check (below)

``exact`` is a check made each time the components are built: the recombination of a few probe lever states
(the grids' corners and the middle) against the model's own projection, to :data:`EXACT_TOLERANCE_USD_BN`. Should
an equation stop being separable it turns false, and the browser then shows no recombined numbers while a lever
is dragged, only the server's after release.

The headline (:func:`headline`) is read off the recombined path with the model's own rules
(:func:`model.outputs.target_crossing`, :func:`model.outputs.required_growth_pct`), so it equals what
:func:`model.run.run_scenario` and :func:`model.run.goal_seek` give for the same levers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from model.baseline import Baseline
from model.data import BASE_YEAR
from model.frames import LAST_SHOWN_YEAR
from model.outputs import LeverAnswer, classify, required_growth_pct, target_crossing, value_in_year
from model.projection import (
    FIRST_PROJECTION_YEAR,
    TURNOVER_YEARS,
    ParamValue,
    elasticity_path_of,
    facilitation_factor,
    project_turnover,
    trade_cost_level,
    trend_turnover,
)
from model.registry import Parameter, Registry
from model.run import bau_values

LEVERS = ("trade_growth", "investment_inflow", "trade_cost_cut")
GRID_TOLERANCE = 1e-6  # of a step: a lever value this close to a grid point is that point
EXACT_TOLERANCE_USD_BN = 1e-9


def lever_grid(param: Parameter) -> np.ndarray:
    """The values a slider can take: ``min, min + step, …, max``, shape (n,), in the lever's unit.

    Rounded to 10 decimals as the registry snaps its derived defaults, so a grid value prints as typed (7.3,
    not 7.300000000000001).

    Parameters
    ----------
    param : Parameter
        A lever of the registry (its ``min``, ``max`` and ``step``).

    Returns
    -------
    numpy.ndarray
        The grid, shape (n,), n = (max − min) / step + 1, in the lever's unit.
    """
    count = int(round((param.max - param.min) / param.step)) + 1
    return np.round(param.min + param.step * np.arange(count), 10)


def grid_index(grid: np.ndarray, value: float) -> int:
    """Index of ``value`` on ``grid`` (evenly spaced), or ``ValueError`` when it is not a grid value.

    The browser uses the same rule, ``Math.round((value − grid[0]) / step)``.

    Parameters
    ----------
    grid : numpy.ndarray
        An evenly spaced grid, shape (n,) (:func:`lever_grid`).
    value : float
        A lever value, in the grid's unit.

    Returns
    -------
    int
        The index ``i`` with ``grid[i] == value`` (to a millionth of a step).

    Raises
    ------
    ValueError
        When ``value`` is outside the grid or between two of its points.
    """
    step = float(grid[1] - grid[0]) if len(grid) > 1 else 1.0
    index = int(round((float(value) - float(grid[0])) / step))
    if not 0 <= index < len(grid) or abs(float(grid[index]) - float(value)) > GRID_TOLERANCE * step:
        raise ValueError(f"{value!r} is not on the slider's grid {grid[0]:g} to {grid[-1]:g} by {step:g}")
    return index


@dataclass(frozen=True)
class LiveComponents:
    """The exact components of the turnover path for one set of advanced assumptions and one baseline.

    Attributes
    ----------
    years : ndarray of int, shape (26,)
        :data:`model.projection.TURNOVER_YEARS`, 2025…2050.
    goal, goal_year : float, int
        The target, USD bn, and the year it is to be reached in.
    growth_grid : ndarray, shape (g,)
        Trade-growth slider values, %/yr.
    trend : ndarray, shape (g, 26)
        T⁰ for each growth value, USD bn (eq. 1).
    cut_grid : ndarray, shape (c,)
        Trade-cost-cut slider values, %.
    factor : ndarray, shape (c, 26)
        F for each cut value, dimensionless (eq. 2).
    inflow_grid : ndarray, shape (i,)
        Investment-inflow slider values, USD bn/yr.
    per_inflow : ndarray, shape (26,)
        Tᴵ per 1 USD bn/yr of programme inflow with no launched projects, USD bn (eq. 3–4).
    launched : ndarray, shape (26,)
        Tᴵ of the launched projects alone (inflow 0), USD bn.
    bau : ndarray, shape (26,)
        BAU turnover (every lever at its BAU value, the same assumptions), USD bn; no lever moves it.
    turnover_base : float
        T₂₀₂₅, USD bn.
    growth_range : tuple of float
        The growth lever's (min, max), %/yr, against which the growth needed is classified.
    exact : bool
        True when the probe states recombine to the model's projection within :data:`EXACT_TOLERANCE_USD_BN`.
    """

    years: np.ndarray
    goal: float
    goal_year: int
    growth_grid: np.ndarray
    trend: np.ndarray
    cut_grid: np.ndarray
    factor: np.ndarray
    inflow_grid: np.ndarray
    per_inflow: np.ndarray
    launched: np.ndarray
    bau: np.ndarray
    turnover_base: float
    growth_range: tuple[float, float]
    exact: bool = True

    def to_payload(self) -> dict[str, Any]:
        """The JSON-safe dict the browser component reads (layout in the module docstring).

        Returns
        -------
        dict
            Plain ints, floats, lists and a bool: the grids, the per-year components (USD bn, or dimensionless for
            the facilitation factor), the goal and its year, the BAU path and the ``exact`` flag.
        """
        def step(grid: np.ndarray) -> float:
            return float(np.round(grid[1] - grid[0], 10))

        return {
            "years": [int(y) for y in self.years], "base_year": BASE_YEAR,
            "first_year": FIRST_PROJECTION_YEAR, "last_year": int(self.years[-1]), "last_shown_year": LAST_SHOWN_YEAR,
            "goal": self.goal, "goal_year": self.goal_year,
            "growth_grid": self.growth_grid.tolist(), "growth_step": step(self.growth_grid),
            "growth_min": self.growth_range[0], "growth_max": self.growth_range[1],
            "trend": self.trend.tolist(),
            "cut_grid": self.cut_grid.tolist(), "cut_step": step(self.cut_grid), "factor": self.factor.tolist(),
            "inflow_grid": self.inflow_grid.tolist(), "inflow_step": step(self.inflow_grid),
            "per_inflow": self.per_inflow.tolist(), "launched": self.launched.tolist(), "bau": self.bau.tolist(),
            "turnover_base": self.turnover_base, "exact": self.exact,
        }


def live_components(values: Mapping[str, float], baseline: Baseline, registry: Registry) -> LiveComponents:
    """The components for the advanced assumptions and target in ``values``; its three lever values are ignored.

    Parameters
    ----------
    values : mapping of str to float
        A complete, checked scenario (:meth:`model.registry.Registry.complete`).
    baseline : Baseline
        The base-year figures (T₂₀₂₅, the trade-cost inputs).
    registry : Registry
        Gives the three sliders' grids and the BAU lever values.

    Returns
    -------
    LiveComponents
        Each part computed by the model's own equation functions (no equation is restated here).
    """
    years = TURNOVER_YEARS
    growth = registry.by_key["trade_growth"]
    growth_grid, cut_grid = lever_grid(growth), lever_grid(registry.by_key["trade_cost_cut"])
    trend = trend_turnover(baseline.turnover_base, growth_grid, years)
    factor = facilitation_factor(cut_grid, trade_cost_level(values, baseline), values["phase_in_years"],
                                 elasticity_path_of(values, years), years)
    # Tᴵ at inflow 1 without the launched projects and at inflow 0 with them, in one batched pass: eq. 3–4 take
    # arrays of parameter values along a leading axis.
    parts: dict[str, ParamValue] = {**values, "investment_inflow": np.array([1.0, 0.0]),
             "launched_projects": np.array([0.0, float(values["launched_projects"])])}
    investment = project_turnover(parts, baseline, years).investment
    bau = project_turnover(bau_values(values, registry), baseline, years).total
    components = LiveComponents(
        years=years, goal=float(values["target_usd_bn"]), goal_year=int(values["target_year"]),
        growth_grid=growth_grid, trend=np.asarray(trend), cut_grid=cut_grid, factor=np.array(factor),
        inflow_grid=lever_grid(registry.by_key["investment_inflow"]),
        per_inflow=investment[0], launched=investment[1], bau=np.asarray(bau),
        turnover_base=float(baseline.turnover_base), growth_range=(growth.min, growth.max))
    return replace(components, exact=separability_error(components, values, baseline) <= EXACT_TOLERANCE_USD_BN)


def probe_states(components: LiveComponents) -> list[tuple[float, float, float]]:
    """Lever states (growth, inflow, cut) the run-time check projects: every lever at its top, bottom, middle.

    Parameters
    ----------
    components : LiveComponents
        The components whose grids give the states.

    Returns
    -------
    list of tuple of float
        Three (growth %/yr, inflow USD bn/yr, cut %) states, each value on its slider's grid.
    """
    grids = (components.growth_grid, components.inflow_grid, components.cut_grid)
    growth, inflow, cut = ([float(grid[round(share * (len(grid) - 1))]) for share in (1.0, 0.0, 0.5)]
                           for grid in grids)
    return list(zip(growth, inflow, cut, strict=True))


def separability_error(components: LiveComponents, values: Mapping[str, float], baseline: Baseline) -> float:
    """Largest |recombined − projected| turnover over :func:`probe_states`, USD bn (one batched projection).

    Parameters
    ----------
    components : LiveComponents
        The components to check.
    values : Mapping of str to float
        The scenario's registry values the components were built for (levers replaced by each probe state).
    baseline : Baseline
        The baseline the components were built on.

    Returns
    -------
    float
        The largest absolute difference over every probe state and year, USD bn (0 up to rounding when the
        equations are separable).
    """
    states = probe_states(components)
    stacked: dict[str, ParamValue] = {**values, **{key: np.array([state[i] for state in states])
                                                   for i, key in enumerate(LEVERS)}}
    projected = project_turnover(stacked, baseline, components.years).total
    recombined = np.array([recombine(components, *state) for state in states])
    return float(np.max(np.abs(recombined - projected)))


def recombine(components: LiveComponents, growth: float, inflow: float, cut: float) -> np.ndarray:
    """Turnover for one lever state, Tₜ = T⁰ₜ(g) Fₜ(τ) + I Tᴵₜ(1) + Tᴵₜ(launched), USD bn, shape (26,).

    ``growth`` (%/yr) and ``cut`` (%) must be values on their sliders' grids (else ``ValueError``); ``inflow``
    (USD bn/yr) enters linearly, so any value is exact.

    Parameters
    ----------
    components : LiveComponents
        The server-made components.
    growth, inflow, cut : float
        Trade growth (%/yr), investment inflow (USD bn/yr) and trade-cost cut (%).

    Returns
    -------
    numpy.ndarray
        Total turnover per year of ``components.years``, USD bn, shape (26,).
    """
    trend = components.trend[grid_index(components.growth_grid, growth)]
    factor = components.factor[grid_index(components.cut_grid, cut)]
    return trend * factor + float(inflow) * components.per_inflow + components.launched


@dataclass(frozen=True)
class LiveHeadline:
    """The headline numbers of one lever state, read off the recombined path.

    Attributes
    ----------
    first_year : int or None
        First calendar year with turnover ≥ goal; None when not reached by 2050.
    fractional : float or None
        The fractional target year (log-linear inside the crossing year); None when not reached.
    already, falls_back : bool
        T₂₀₂₅ ≥ goal; the path crosses and later drops below the goal again.
    turnover_at_goal, gap_at_goal : float
        Turnover in the goal year and goal minus it, USD bn.
    required_growth_pct : float
        The trend growth that reaches the goal in the goal year with this inflow and cut, %/yr; −inf when
        investment alone reaches it.
    bau_first_year : int or None
        BAU's first year at or above the goal.
    """

    first_year: int | None
    fractional: float | None
    already: bool
    falls_back: bool
    turnover_at_goal: float
    gap_at_goal: float
    required_growth_pct: float
    bau_first_year: int | None

    @property
    def years_vs_bau(self) -> int | None:
        """Scenario's first year minus BAU's, when both reach the goal."""
        if self.first_year is None or self.bau_first_year is None:
            return None
        return self.first_year - self.bau_first_year


def _first_year(path: np.ndarray, years: np.ndarray, goal: float) -> tuple[int | None, float | None, bool, bool]:
    crossing = target_crossing(path, years, goal)
    if not bool(crossing.reached):
        return None, None, False, False
    return int(crossing.first_year), float(crossing.fractional), bool(crossing.already), bool(crossing.falls_back)


def headline(components: LiveComponents, growth: float, inflow: float, cut: float) -> LiveHeadline:
    """Target year, turnover in the goal year and the growth needed, for one lever state (see :class:`LiveHeadline`).

    The same rules as the Explorer's headline: :func:`model.outputs.target_crossing` on the path and
    :func:`model.outputs.required_growth_pct` on Tᴵ and F in the goal year.

    Parameters
    ----------
    components : LiveComponents
        The server-made components.
    growth, inflow, cut : float
        Trade growth (%/yr, on its grid), investment inflow (USD bn/yr) and trade-cost cut (%, on its grid).

    Returns
    -------
    LiveHeadline
        First year and fractional year of the crossing, turnover and gap in the goal year (USD bn), the growth
        needed (%/yr) and BAU's first year.
    """
    path = recombine(components, growth, inflow, cut)
    years, goal, goal_year = components.years, components.goal, components.goal_year
    first, fractional, already, falls_back = _first_year(path, years, goal)
    turnover = float(value_in_year(path, years, goal_year))
    return LiveHeadline(first, fractional, already, falls_back, turnover, goal - turnover,
                        _growth_needed(components, inflow, cut), _first_year(components.bau, years, goal)[0])


def _growth_needed(components: LiveComponents, inflow: float, cut: float) -> float:
    years, goal_year = components.years, components.goal_year
    investment = float(inflow) * components.per_inflow + components.launched
    factor = components.factor[grid_index(components.cut_grid, cut)]
    return required_growth_pct(components.goal, float(value_in_year(investment, years, goal_year)),
                               float(value_in_year(factor, years, goal_year)), components.turnover_base, goal_year)


def growth_goal_seek(components: LiveComponents, inflow: float, cut: float) -> LeverAnswer:
    """The trade growth alone that reaches the goal in the goal year, as :func:`model.run.goal_seek` gives it.

    Parameters
    ----------
    components : LiveComponents
        The server-made components.
    inflow, cut : float
        Investment inflow (USD bn/yr) and trade-cost cut (%, on its grid), held at their values.

    Returns
    -------
    LeverAnswer
        The growth needed (%/yr) and whether it lies inside the lever's range, above it or is not needed.
    """
    low, high = components.growth_range
    return classify("trade_growth", _growth_needed(components, inflow, cut), low, high)
