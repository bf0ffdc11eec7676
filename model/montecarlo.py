"""Uncertainty: draws of the uncertain parameters and of yearly trend shocks, run in one vectorised pass.

MODEL.md, Outputs/Uncertainty. Each uncertain parameter's distribution is declared in the registry
(``uncertainty``); the yearly shock εₜ ~ N(0, σ²) to log trend growth takes σ from the historical volatility
of log turnover growth. A ``spread`` factor scales every draw's distance from the scenario's own value, so
``spread = 0`` collapses the fan onto the deterministic path.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from model.baseline import Baseline
from model.projection import GDP_YEARS, TURNOVER_YEARS
from model.registry import Parameter, Registry
from model.run import project

QUANTILES = (0.1, 0.5, 0.9)
QUANTILE_NAMES = ("p10", "p50", "p90")


def _raw_draws(param: Parameter, value: float, draws: int, rng: np.random.Generator) -> np.ndarray:
    """Draws from the declared distribution, re-centred on ``value`` when the user moved it off the default."""
    spec = param.uncertainty or {}
    shift = value - param.default
    kind = spec.get("kind")
    if kind == "uniform":
        raw = rng.uniform(spec["low"], spec["high"], draws) + shift
    elif kind == "triangular":
        raw = rng.triangular(spec["low"], spec["mode"], spec["high"], draws) + shift
    elif kind == "choice":
        raw = rng.choice(np.asarray(spec["values"], dtype=float), draws) + shift
    elif kind == "uniform_relative":
        raw = rng.uniform(value * (1 - spec["spread"]), value * (1 + spec["spread"]), draws)
    elif kind == "uniform_around":
        raw = rng.uniform(value - spec["spread"], value + spec["spread"], draws)
    else:
        raise ValueError(f"{param.key}: unknown uncertainty kind {kind!r}")
    return np.clip(raw, param.min, param.max)


def draw_parameters(values: Mapping[str, float], registry: Registry, draws: int, rng: np.random.Generator,
                    spread: float = 1.0) -> dict[str, np.ndarray | float]:
    """Scenario values with every uncertain parameter replaced by ``draws`` draws: value + spread·(draw − value)."""
    drawn: dict[str, np.ndarray | float] = dict(values)
    for param in registry.parameters:
        if param.uncertainty is None:
            continue
        value = float(values[param.key])
        scaled = value + spread * (_raw_draws(param, value, draws, rng) - value)
        drawn[param.key] = np.rint(scaled) if param.is_integer else scaled
    return drawn


def trend_shocks(sigma: float, draws: int, years: int, rng: np.random.Generator) -> np.ndarray:
    """εₜ ~ N(0, σ²) for every projected year, zero in the base year; shape (draws, years)."""
    shocks = np.zeros((draws, years))
    shocks[:, 1:] = rng.normal(0.0, sigma, (draws, years - 1))
    return shocks


@dataclass(frozen=True)
class MonteCarloResult:
    """Quantiles over the draws (first axis p10, p50, p90) and the target's probability and timing."""

    draws: int
    seed: int
    sigma: float
    goal_year: int
    turnover: np.ndarray  # (3, turnover years), USD bn
    gdp: np.ndarray  # (3, 2, GDP years), USD bn
    shares: np.ndarray  # (3, 2, 4, GDP years), %
    p_target_by_goal: float
    target_year: np.ndarray  # (3,) fractional years; NaN = after 2050
    first_years: np.ndarray  # (draws,) first calendar year reached; 0 = not by 2050


def _censored_quantiles(fractional: np.ndarray) -> np.ndarray:
    """Quantiles of the target year with never-reached draws counted as "after 2050" (NaN)."""
    censored = np.where(np.isnan(fractional), np.inf, fractional)
    quantiles = np.quantile(censored, QUANTILES)
    return np.where(np.isinf(quantiles), np.nan, quantiles)


def simulate(values: Mapping[str, float], baseline: Baseline, registry: Registry, draws: int = 10_000,
             seed: int = 2025, sigma: float | None = None, spread: float = 1.0) -> MonteCarloResult:
    """Run ``draws`` draws of the whole model (eqs. 1–10) in one vectorised pass, seeded."""
    rng = np.random.default_rng(seed)
    sigma = registry.trend_shock_sd if sigma is None else sigma
    drawn = draw_parameters(values, registry, draws, rng, spread)
    shocks = trend_shocks(sigma * spread, draws, len(TURNOVER_YEARS), rng)
    projection = project(drawn, baseline, registry.bau()["trade_growth"], shocks)
    goal_year = int(values["target_year"])
    crossing = projection.crossing
    reached_by_goal = crossing.reached & (crossing.first_year <= goal_year)
    return MonteCarloResult(
        draws=draws, seed=seed, sigma=sigma * spread, goal_year=goal_year,
        turnover=np.quantile(projection.turnover.total, QUANTILES, axis=0),
        gdp=np.quantile(projection.gdp.total, QUANTILES, axis=0),
        shares=np.quantile(projection.gdp.shares_pct, QUANTILES, axis=0),
        p_target_by_goal=float(reached_by_goal.mean()),
        target_year=_censored_quantiles(crossing.fractional),
        first_years=np.asarray(crossing.first_year),
    )


def target_year_distribution(result: MonteCarloResult) -> dict[str, float]:
    """Share of draws first reaching the target in each year; ``after 2050`` for the rest."""
    years, counts = np.unique(result.first_years[result.first_years > 0], return_counts=True)
    shares = {str(int(y)): float(c) / result.draws for y, c in zip(years, counts, strict=True)}
    shares["after 2050"] = float(np.mean(result.first_years == 0))
    return shares


def gdp_years() -> np.ndarray:
    """The years of the GDP quantile arrays."""
    return GDP_YEARS
