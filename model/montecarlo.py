"""Uncertainty: draws of the uncertain parameters and of yearly trend shocks, run in one vectorised pass.

docs/MODEL.md, Outputs/Uncertainty. Each uncertain parameter's distribution is declared in the registry
(``uncertainty``); the yearly shock εₜ ~ N(0, σ²) to log trend growth takes σ from the historical volatility
of log turnover growth. A ``spread`` factor scales every draw's distance from the scenario's own value, so
``spread = 0`` collapses the fan onto the deterministic path.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Generic, TypeVar

import numpy as np

from model.baseline import Baseline
from model.gdp import sector_shares_pct
from model.live import LEVERS
from model.outputs import TargetCrossing
from model.projection import (
    GDP_YEARS,
    TURNOVER_YEARS,
    InvestmentTurnover,
    ParamValue,
    elasticity_path_of,
    investment_turnover,
    project_turnover,
    shock_level,
    trade_cost_level,
)
from model.registry import Parameter, Registry
from model.run import project

HEADLINE_DRAWS, HEADLINE_SEED = 10_000, 2025  # the one probability every page, the deck and the CLI default show
QUANTILES = (0.1, 0.5, 0.9)
QUANTILE_NAMES = ("p10", "p50", "p90")
_T = TypeVar("_T")


def _unit_draws(key: str, spec: Mapping[str, Any], draws: int, rng: np.random.Generator) -> np.ndarray:
    """The stream's numbers for parameter ``key`` before any scenario value enters them.

    Its declared distribution ``spec`` for the kinds shifted to the value (uniform, triangular, choice); U(0, 1)
    for those scaled to it (uniform_relative, uniform_around).
    """
    kind = spec.get("kind")
    if kind == "uniform":
        return rng.uniform(spec["low"], spec["high"], draws)
    if kind == "triangular":
        return rng.triangular(spec["low"], spec["mode"], spec["high"], draws)
    if kind == "choice":
        return rng.choice(np.asarray(spec["values"], dtype=float), draws)
    if kind in ("uniform_relative", "uniform_around"):
        return rng.random(draws)  # numpy's uniform(low, high) is low + (high − low)·U of these very numbers
    raise ValueError(f"{key}: unknown uncertainty kind {kind!r}")


def _located(param: Parameter, value: float, unit: np.ndarray) -> np.ndarray:
    """:func:`_unit_draws`' numbers placed at ``value``, clipped to the parameter's range.

    The declared draws are re-centred on ``value`` when the user moved it off the default.
    """
    spec = param.uncertainty or {}
    kind = spec.get("kind")
    if kind in ("uniform", "triangular", "choice"):
        raw = unit + (value - param.default)
    else:
        low, high = ((value * (1 - spec["spread"]), value * (1 + spec["spread"])) if kind == "uniform_relative"
                     else (value - spec["spread"], value + spec["spread"]))
        raw = low + (high - low) * unit
    return np.clip(raw, param.min, param.max)


def _raw_draws(param: Parameter, value: float, draws: int, rng: np.random.Generator) -> np.ndarray:
    """Draws from the declared distribution, re-centred on ``value`` when the user moved it off the default."""
    return _located(param, value, _unit_draws(param.key, param.uncertainty or {}, draws, rng))


def _scaled(param: Parameter, value: float, raw: np.ndarray, spread: float) -> np.ndarray:
    scaled = value + spread * (raw - value)
    return np.rint(scaled) if param.is_integer else scaled


def draw_parameters(values: Mapping[str, float], registry: Registry, draws: int, rng: np.random.Generator,
                    spread: float = 1.0) -> dict[str, np.ndarray | float]:
    """Scenario values with every uncertain parameter replaced by ``draws`` draws: value + spread·(draw − value).

    Parameters
    ----------
    values : mapping of str to float
        The scenario: every registry value.
    registry : Registry
        Each parameter's ``uncertainty`` (uniform, triangular, choice, uniform_relative or uniform_around, with
        its reasoning in ``data/assumptions.yaml``), range and whole-step flag.
    draws : int
        Number of draws.
    rng : numpy.random.Generator
        The seeded stream; parameters are drawn in registry order.
    spread : float, optional
        Scales each draw's distance from the scenario's value; 0 holds every parameter at it.

    Returns
    -------
    dict of str to float or ndarray
        ``values`` with each uncertain parameter an array of shape (draws,), in the registry's unit, clipped to
        its range and rounded where it takes whole steps.

    Raises
    ------
    ValueError
        An uncertainty kind the registry should not have let through.
    """
    drawn: dict[str, np.ndarray | float] = dict(values)
    for param in registry.parameters:
        if param.uncertainty is None:
            continue
        value = float(values[param.key])
        drawn[param.key] = _scaled(param, value, _raw_draws(param, value, draws, rng), spread)
    return drawn


def trend_shocks(sigma: float, draws: int, years: int, rng: np.random.Generator) -> np.ndarray:
    """εₜ ~ N(0, σ²), the yearly shocks to log trend growth, zero in the base year.

    Drawn year by year (all draws of the first projected year, then of the next…), as σ·z from standard
    normals, so the first k years' shocks are the first k·draws numbers of the stream whatever ``years`` is:
    :func:`target_odds` draws only the years up to the target year and gets exactly :func:`simulate`'s.

    Parameters
    ----------
    sigma : float
        σ, log points (the registry's ``trend_shock``: volatility of log turnover growth 2017–25).
    draws : int
        Number of draws.
    years : int
        Number of years from the base year.
    rng : numpy.random.Generator
        The seeded stream, positioned after the parameter draws.

    Returns
    -------
    ndarray, shape (draws, years)
        εₜ, log points.
    """
    return _shocks(sigma, rng.standard_normal((years - 1, draws)))


def _shocks(sigma: float, normals: np.ndarray) -> np.ndarray:
    yearly = sigma * normals  # row t − 2026: every draw's shock of year t
    return np.vstack([np.zeros((1, normals.shape[1])), yearly]).T


def stress_shocks(shocks: np.ndarray, registry: Registry) -> np.ndarray:
    """The stress case: the yearly shocks with the registry's adverse shock added, in place.

    One fall of ``registry.stress_shock`` in log trend turnover in ``registry.stress_year`` (a permanent level
    shift: the trend level is multiplied by exp(−shock) from that year on). Every other number is the base
    case's, so each draw's turnover is at or below its base-case path and the chance of the target can only
    fall or stay (docs/MODEL.md, Uncertainty; the definition is ``stress`` in the registry).

    Parameters
    ----------
    shocks : ndarray, shape (draws, years)
        εₜ, log points (:func:`trend_shocks`); changed in place.
    registry : Registry
        ``stress_shock`` (log points: one standard deviation of 2017–25 log turnover growth) and ``stress_year``.

    Returns
    -------
    ndarray, shape (draws, years)
        ``shocks``; untouched when it stops before the stress year.
    """
    column = registry.stress_year - int(TURNOVER_YEARS[0])
    if column < shocks.shape[1]:  # a run that stops before the shock year (target_odds) is not touched
        shocks[:, column] -= registry.stress_shock
    return shocks


@dataclass(frozen=True)
class MonteCarloResult:
    """Quantiles over the draws (first axis P10, P50, P90) and the target's probability and timing.

    Attributes
    ----------
    draws, seed : int
        Number of draws and the seed of numpy's default generator.
    sigma : float
        σ of the yearly trend shocks used, log points (after ``spread``).
    goal_year : int
        The target year the probability is read in.
    stress : bool
        The registry's stress case (an adverse shock on top of the same draws).
    turnover : ndarray, shape (3, turnover years)
        Turnover quantiles, USD bn, 2025–2050.
    gdp : ndarray, shape (3, 2, GDP years)
        GDP quantiles by country (UZ, KZ), USD bn, 2025–2035.
    shares : ndarray, shape (3, 2, 4, GDP years)
        Sector-share quantiles, %, each sector on its own (the four sectors' P50 need not sum to 100).
    p_target_by_goal : float
        Share of draws at or above the target by ``goal_year``, 0…1.
    target_year : ndarray, shape (3,)
        Quantiles of the fractional year the target is first reached; NaN = after 2050.
    first_years : ndarray, shape (draws,)
        Each draw's first calendar year at or above the target; 0 = not by 2050.
    """

    draws: int
    seed: int
    sigma: float
    goal_year: int
    stress: bool
    turnover: np.ndarray
    gdp: np.ndarray
    shares: np.ndarray
    p_target_by_goal: float
    target_year: np.ndarray
    first_years: np.ndarray


def draw_quantiles(sample: np.ndarray) -> np.ndarray:
    """P10, P50 and P90 over the draws.

    Parameters
    ----------
    sample : ndarray, shape (draws, ...)
        One row per draw, in any unit.

    Returns
    -------
    ndarray, shape (3, ...)
        :data:`QUANTILES` of ``sample`` along its first axis, same unit: the numbers of
        ``np.quantile(sample, QUANTILES, axis=0)`` (its default rule, linear between the two nearest ranks).
    """
    # Kept instead of np.quantile, which is 3.5 times slower on the model's draws (numpy 2.4: 34 ms against
    # 10 ms CPU for the quantiles of one 10,000-draw simulate, a third of the pass): one single-rank
    # partition per quantile, each on the part of the row above the previous rank, then a min for the rank above.
    rows = np.moveaxis(sample, 0, -1).copy()  # one contiguous row of draws per output cell
    count = rows.shape[-1]
    values, start = [], 0
    for share in sorted(QUANTILES):
        virtual = (count - 1) * share
        rank = int(virtual)
        weight = virtual - rank
        if rank >= start:  # a rank below ``start`` is the previous one, already in place
            rows[..., start:].partition(rank - start, axis=-1)
            start = rank + 1
        low = rows[..., rank]
        high = rows[..., rank + 1:].min(axis=-1) if rank + 1 < count else low
        step = high - low
        # numpy's interpolation: from the lower value below the midpoint, back from the upper one from it on
        values.append(low + step * weight if weight < 0.5 else high - step * (1 - weight))
    return np.stack(values)


def _censored_quantiles(fractional: np.ndarray) -> np.ndarray:
    """Quantiles of the target year with never-reached draws counted as "after 2050" (NaN)."""
    censored = np.where(np.isnan(fractional), np.inf, fractional)
    with np.errstate(invalid="ignore"):  # inf − inf between two censored draws: NaN, read as "after 2050"
        quantiles = draw_quantiles(censored)
    return np.where(np.isinf(quantiles), np.nan, quantiles)


def _draws(values: Mapping[str, float], registry: Registry, draws: int, seed: int, sigma: float | None,
           spread: float = 1.0, stress: bool = False,
           years: int = len(TURNOVER_YEARS)) -> tuple[dict[str, np.ndarray | float], np.ndarray, float]:
    """The seeded draws every simulation starts from: parameters, then trend shocks, and the shock size used.

    Shocks are drawn for the first ``years`` turnover years only (the same numbers as a full draw's first
    years). The stress case draws exactly the same numbers and then adds its adverse shock (:func:`stress_shocks`).
    """
    sigma = (registry.trend_shock_sd if sigma is None else sigma) * spread
    uncertain = [param for param in registry.parameters if param.uncertainty is not None]
    units, normals = _seeded_units(tuple(_uncertainty_key(param) for param in uncertain), draws, seed, years)
    drawn: dict[str, np.ndarray | float] = dict(values)
    for param, unit in zip(uncertain, units, strict=True):
        value = float(values[param.key])
        drawn[param.key] = _scaled(param, value, _located(param, value, unit), spread)
    shocks = _shocks(sigma, normals)
    return drawn, stress_shocks(shocks, registry) if stress else shocks, sigma


def _uncertainty_key(param: Parameter) -> tuple[str, tuple[tuple[str, Any], ...]]:
    spec = param.uncertainty or {}
    return param.key, tuple(sorted((name, tuple(v) if isinstance(v, list) else v) for name, v in spec.items()))


# The seeded stream's numbers depend on the seed, the draw count, the years and the declared distributions only,
# never on a scenario's values: a lever release reuses them and only re-centres them (bit for bit the numbers
# draw_parameters and trend_shocks give from the same seed; tests/test_montecarlo.py). Drawing them took ~2.5 ms
# of the ~7 ms the Explorer's chance of the target costs on every release of a lever (issue 15). Read-only.
@lru_cache(maxsize=4)
def _seeded_units(uncertain: tuple[tuple[str, tuple[tuple[str, Any], ...]], ...], draws: int, seed: int,
                  years: int) -> tuple[tuple[np.ndarray, ...], np.ndarray]:
    rng = np.random.default_rng(seed)
    units = []
    for key, spec in uncertain:  # in the registry's order, as draw_parameters draws them
        unit = _unit_draws(key, dict(spec), draws, rng)
        unit.flags.writeable = False
        units.append(unit)
    normals = rng.standard_normal((years - 1, draws))
    normals.flags.writeable = False
    return tuple(units), normals


def _share_reached_by(crossing: TargetCrossing, goal_year: int) -> float:
    """The share of draws at or above the target by ``goal_year``."""
    return float(np.mean(crossing.reached & (crossing.first_year <= goal_year)))


def simulate(values: Mapping[str, float], baseline: Baseline, registry: Registry, draws: int = HEADLINE_DRAWS,
             seed: int = HEADLINE_SEED, sigma: float | None = None, spread: float = 1.0,
             stress: bool = False) -> MonteCarloResult:
    """Run ``draws`` draws of the whole model (eqs. 1–9) in one vectorised pass, seeded.

    Parameters
    ----------
    values : mapping of str to float
        The scenario: every registry value (the centre of each drawn parameter's distribution).
    baseline : Baseline
        Base-year levels.
    registry : Registry
        Declares each uncertain parameter's distribution, the trend shock's σ (historical volatility of log
        turnover growth, 2017–25) and the stress case.
    draws : int, optional
        Number of draws; 10,000 (the headline run) by default.
    seed : int, optional
        Seed of numpy's default generator; 2025 (the headline run) by default.
    sigma : float, optional
        σ of the yearly trend shocks, in log points; the registry's when omitted.
    spread : float, optional
        Scales every draw's distance from the scenario's value (and σ); 0 gives the deterministic path.
    stress : bool, optional
        Add the registry's adverse shock to the same draws (:func:`stress_shocks`).

    Returns
    -------
    MonteCarloResult
        Quantiles of turnover, GDP and sector shares, the chance of the target by the target year and the
        target year's quantiles and per-draw first years. The real-income gain (eq. 10) is not part of it
        and is never evaluated here.
    """
    drawn, log_shocks, sigma = _draws(values, registry, draws, seed, sigma, spread, stress)
    projection = project(drawn, baseline, registry.bau()["trade_growth"], log_shocks)
    goal_year = int(values["target_year"])
    crossing, turnover, gdp = projection.crossing, draw_quantiles(projection.turnover.total), projection.gdp
    del projection  # the turnover path's parts are not needed any more: less memory held while GDP is summarised
    shares = draw_quantiles(sector_shares_pct(gdp.by_sector, gdp.total))
    return MonteCarloResult(
        draws=draws, seed=seed, sigma=sigma, goal_year=goal_year, stress=stress,
        turnover=turnover, gdp=draw_quantiles(gdp.total), shares=shares,
        p_target_by_goal=_share_reached_by(crossing, goal_year),
        target_year=_censored_quantiles(crossing.fractional),
        first_years=np.asarray(crossing.first_year),
    )


@dataclass(frozen=True)
class TargetOdds:
    """The share of draws that reach the target by the target year: :func:`simulate`'s figure, made cheaply.

    Attributes
    ----------
    draws, seed : int
        Number of draws and the seed, as for :func:`simulate`.
    goal_year : int
        The target year.
    stress : bool
        The registry's stress case.
    p_target_by_goal : float
        Share of draws at or above the target by ``goal_year``, 0…1.
    """

    draws: int
    seed: int
    goal_year: int
    stress: bool
    p_target_by_goal: float


def target_odds(values: Mapping[str, float], baseline: Baseline, registry: Registry, draws: int = HEADLINE_DRAWS,
                seed: int = HEADLINE_SEED, sigma: float | None = None, stress: bool = False) -> TargetOdds:
    """The probability :func:`simulate` gives for the same arguments, from the turnover block alone.

    Same seed, same draws in the same order (parameters, then trend shocks), and the target crossing
    depends on turnover only (eqs. 1–5), so the figure is identical. Only the years up to the target year
    are drawn and projected: reaching the target by then is reaching it in one of those years, the shocks
    are drawn year by year (:func:`trend_shocks`), and every equation runs forward in time (cumulative
    sums), so those years' numbers are exactly the full run's. Skipping GDP (eqs. 6–9), the quantiles and
    the later years makes it many times cheaper, which matters because the Explorer shows it on every step.

    Parameters
    ----------
    values, baseline, registry, draws, seed, sigma, stress
        As for :func:`simulate`.

    Returns
    -------
    TargetOdds
        The share of draws at or above ``values["target_usd_bn"]`` (USD bn) in some year up to the target year.
    """
    goal_year = int(values["target_year"])
    years = TURNOVER_YEARS[: goal_year - int(TURNOVER_YEARS[0]) + 1]  # base year to the target year
    assumptions = tuple(sorted((key, float(value)) for key, value in values.items() if key not in LEVERS))
    fixed = _lever_free_parts(_Same(registry), _Same(baseline), assumptions, draws, seed, sigma, stress, len(years))
    drawn: dict[str, ParamValue] = {**values, **fixed.drawn}
    investment = _investment_part(_Same(fixed), float(values["investment_inflow"]))
    turnover = project_turnover(drawn, baseline, years, fixed.shock, elasticity=fixed.elasticity,
                                cost_level=fixed.cost_level, investment=investment).total
    reached = np.any(turnover >= np.asarray(drawn["target_usd_bn"], dtype=float)[..., None], axis=-1)
    return TargetOdds(draws=draws, seed=seed, goal_year=goal_year, stress=stress,
                      p_target_by_goal=float(np.mean(reached)))


class _Same(Generic[_T]):
    """A cache key part equal only to the same object (a registry, a baseline), which it keeps alive."""

    __slots__ = ("obj",)

    def __init__(self, obj: _T) -> None:
        self.obj = obj

    def __hash__(self) -> int:
        return id(self.obj)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Same) and other.obj is self.obj


@dataclass(frozen=True)
class _LeverFreeParts:
    """What :func:`target_odds` computes before a main lever enters: read-only arrays of shape (draws, ...)."""

    assumptions: dict[str, float]  # every value but the main levers'
    years: np.ndarray  # the base year to the target year
    drawn: dict[str, np.ndarray]  # the uncertain parameters' draws
    shock: np.ndarray  # shock_level of the trend shocks, (draws, years)
    elasticity: np.ndarray  # θₜ, (draws, years)
    cost_level: np.ndarray  # a, (draws,)


# A lever release changes only the three main levers, which none of these parts reads: they are given no lever
# (a part that came to need one would fail on the missing key), so a release reuses them and projects only
# the rest: 5.8 -> 3.9 ms (median of 300 new scenarios, 10,000 draws to 2030) for the Explorer's chance of the
# target on every release (issue 15); bit for bit the figure simulate gives (tests/test_montecarlo.py). An entry
# holds up to ~5 MB at 10,000 draws (θₜ and the shocks' level to 2050): four sets of assumptions are kept.
@lru_cache(maxsize=4)
def _lever_free_parts(registry: _Same[Registry], baseline: _Same[Baseline], assumptions: tuple[tuple[str, float], ...],
                      draws: int, seed: int, sigma: float | None, stress: bool, years: int) -> _LeverFreeParts:
    values = dict(assumptions)
    drawn, log_shocks, _ = _draws(values, registry.obj, draws, seed, sigma, stress=stress, years=years)
    uncertain = {param.key: np.asarray(drawn[param.key]) for param in registry.obj.parameters
                 if param.uncertainty is not None}
    parts = _LeverFreeParts(assumptions=values, years=TURNOVER_YEARS[:years], drawn=uncertain,
                            shock=shock_level(log_shocks), elasticity=elasticity_path_of(drawn, TURNOVER_YEARS[:years]),
                            cost_level=trade_cost_level(drawn, baseline.obj))
    for array in (*uncertain.values(), parts.shock, parts.elasticity, parts.cost_level):
        array.flags.writeable = False
    return parts


# Of the main levers only the investment inflow enters eqs. 3–4: while it stays (a trend-growth or trade-cost
# release), the programme's turnover is the one already projected. 3.9 -> ~1.2 ms for such a release's chance of
# the target (median of 300 new scenarios, 10,000 draws to 2030); up to ~4 MB an entry (to 2050).
@lru_cache(maxsize=4)
def _investment_part(parts: _Same[_LeverFreeParts], inflow: float) -> InvestmentTurnover:
    fixed = parts.obj
    part = investment_turnover({**fixed.assumptions, **fixed.drawn, "investment_inflow": inflow}, fixed.years)
    for array in (part.flow, part.capital, part.by_exporter):
        array.flags.writeable = False
    return part


def target_year_distribution(result: MonteCarloResult) -> dict[str, float]:
    """Share of draws first reaching the target in each year.

    Parameters
    ----------
    result : MonteCarloResult
        A simulation.

    Returns
    -------
    dict of str to float
        Calendar year (as text, ascending) to the share of draws (0…1) first at or above the target that year,
        then ``"after 2050"`` for the draws that never reach it; the shares sum to 1.
    """
    years, counts = np.unique(result.first_years[result.first_years > 0], return_counts=True)
    shares = {str(int(y)): float(c) / result.draws for y, c in zip(years, counts, strict=True)}
    shares["after 2050"] = float(np.mean(result.first_years == 0))
    return shares


def gdp_years() -> np.ndarray:
    """The calendar years of the GDP quantile arrays.

    Returns
    -------
    ndarray, shape (11,)
        2025…2035.
    """
    return GDP_YEARS
