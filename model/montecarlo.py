"""Uncertainty: draws of the uncertain parameters and of yearly trend shocks, run in one vectorised pass.

MODEL.md, Outputs/Uncertainty. Each uncertain parameter's distribution is declared in the registry
(``uncertainty``); the yearly shock εₜ ~ N(0, σ²) to log trend growth takes σ from the historical volatility
of log turnover growth. A ``spread`` factor scales every draw's distance from the scenario's own value, so
``spread = 0`` collapses the fan onto the deterministic path.
"""

from __future__ import annotations

import ctypes
import functools
import os
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from model.baseline import Baseline
from model.gdp import sector_shares_pct
from model.outputs import TargetCrossing
from model.projection import GDP_YEARS, TURNOVER_YEARS, project_turnover, shock_level
from model.registry import Parameter, Registry
from model.run import project

HEADLINE_DRAWS, HEADLINE_SEED = 10_000, 2025  # the one probability every page, the deck and the CLI default show
QUANTILES = (0.1, 0.5, 0.9)
QUANTILE_NAMES = ("p10", "p50", "p90")
HEAP_TOP_PAD_BYTES = 64 << 20  # freed heap glibc may keep for the next pass (a 10,000-draw pass peaks near 40 MB)
KEEP_HEAP_ENV = "HAMKORLIK_KEEP_HEAP"  # "0" leaves the C allocator alone
_M_TOP_PAD = -2  # glibc's mallopt parameter number for M_TOP_PAD


@functools.cache
def _keep_freed_heap() -> bool:
    """Ask glibc to keep up to :data:`HEAP_TOP_PAD_BYTES` of freed heap rather than return it to the kernel.

    A pass allocates tens of MB of arrays and frees them at the end. By default glibc trims the freed top
    of the heap, so the next pass takes every page afresh: ~9,000 page faults at 10,000 draws, a third of
    the pass on a small VM. With the pad the pages are reused. The setting is process-wide and bounded (at
    most the pad stays unused); it is made once, on glibc only, and ``HAMKORLIK_KEEP_HEAP=0`` skips it.
    Returns whether it was made.
    """
    if os.environ.get(KEEP_HEAP_ENV, "1") == "0":
        return False
    try:
        if not os.confstr("CS_GNU_LIBC_VERSION"):
            return False
        mallopt = ctypes.CDLL(None).mallopt
    except (AttributeError, OSError, ValueError):  # not glibc, or no mallopt
        return False
    return bool(mallopt(_M_TOP_PAD, HEAP_TOP_PAD_BYTES))


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
    """εₜ ~ N(0, σ²) for every projected year, zero in the base year; shape (draws, years).

    Drawn year by year (all draws of the first projected year, then of the next…), as σ·z from standard
    normals, so the first k years' shocks are the first k·draws numbers of the stream whatever ``years`` is:
    :func:`target_odds` draws only the years up to the target year and gets exactly :func:`simulate`'s.
    The result is a (draws, years) view of a year-major buffer.
    """
    shocks = np.empty((years, draws))
    shocks[0] = 0.0
    np.multiply(rng.standard_normal((years - 1, draws)), sigma, out=shocks[1:])
    return shocks.T

def stress_shocks(shocks: np.ndarray, registry: Registry) -> np.ndarray:
    """The stress case: ``shocks`` (draws, turnover years) with the registry's adverse shock added, in place.

    One fall of ``registry.stress_shock`` in log trend turnover in ``registry.stress_year`` (a permanent level
    shift: the trend level is multiplied by exp(−shock) from that year on). Every other number is the base
    case's, so each draw's turnover is at or below its base-case path and the chance of the target can only
    fall or stay (MODEL.md, Uncertainty; the definition is ``stress`` in the registry).
    """
    column = registry.stress_year - int(TURNOVER_YEARS[0])
    if column < shocks.shape[1]:  # a run that stops before the shock year (target_odds) is not touched
        shocks[:, column] -= registry.stress_shock
    return shocks


@dataclass(frozen=True)
class MonteCarloResult:
    """Quantiles over the draws (first axis p10, p50, p90) and the target's probability and timing."""

    draws: int
    seed: int
    sigma: float
    goal_year: int
    stress: bool  # the registry's stress case (an adverse shock on top of the same draws)
    turnover: np.ndarray  # (3, turnover years), USD bn
    gdp: np.ndarray  # (3, 2, GDP years), USD bn
    shares: np.ndarray  # (3, 2, 4, GDP years), %
    p_target_by_goal: float
    target_year: np.ndarray  # (3,) fractional years; NaN = after 2050
    first_years: np.ndarray  # (draws,) first calendar year reached; 0 = not by 2050


def _ranks(count: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For :data:`QUANTILES` of ``count`` values: the ranks below and above each, and the weight of the upper.

    numpy's default ("linear", Hyndman–Fan type 7) rule: virtual index (count − 1)·q.
    """
    quantiles = np.asarray(QUANTILES)
    virtual = (count - 1) * quantiles
    below = np.floor(virtual)
    above = np.minimum(below + 1, count - 1)
    return below.astype(int), above.astype(int), virtual - below


def _select(rows: np.ndarray, ranks: list[int]) -> None:
    """Partition each row of ``rows`` (m, n) in place so that column k holds the k-th smallest for every rank k.

    One single-rank partition per rank, each inside the stretch the previous ones left open; numpy's
    multi-rank ``partition`` (and so ``np.quantile``) is several times slower on rows of 10,000.
    """
    stack = [(0, rows.shape[1], sorted(set(ranks)))]
    while stack:  # a handful of ranks, not the draws
        low, high, wanted = stack.pop()
        if not wanted:
            continue
        middle = wanted[len(wanted) // 2]
        rows[:, low:high].partition(middle - low, axis=-1)
        stack.append((low, middle, [k for k in wanted if k < middle]))
        stack.append((middle + 1, high, [k for k in wanted if k > middle]))


def _order_statistics(rows: np.ndarray, below: np.ndarray, above: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The ``below``-th and ``above``-th smallest of each row of ``rows`` (m, n), each (len(below), m).

    ``above`` is ``below`` or ``below + 1``. Only the lower ranks are partitioned for; the value just above a
    partitioned rank k is the smallest of the stretch between k and the next partitioned rank (a min, cheaper
    than another partition).
    """
    points = sorted({int(k) for k in below})
    _select(rows, points)
    ends = dict(zip(points, [*points[1:], rows.shape[1] - 1], strict=True))
    low = rows[:, below].T
    high = np.stack([rows[:, k] if k == j else rows[:, k + 1: ends[k] + 1].min(axis=-1)
                     for k, j in zip(below.tolist(), above.tolist(), strict=True)])
    return low, high


def _draw_rows(shape: tuple[int, ...], draws: int) -> tuple[np.ndarray, np.ndarray]:
    """A buffer of one row of draws per output cell, (*shape, draws), and its view shaped like a sample (draws, *shape).

    Writing a sample into the view lays every cell's draws out contiguously, ready for partitioning.
    """
    rows = np.empty((*shape, draws))
    return rows, np.moveaxis(rows, -1, 0)


def _row_quantiles(rows: np.ndarray) -> np.ndarray:
    """:data:`QUANTILES` of each row (the last axis) of ``rows`` (*shape, draws), reordered in place; (3, *shape).

    The same numbers as ``np.quantile(rows, QUANTILES, axis=-1)`` (same rule, same interpolation); NaN is not
    expected (the target year is censored with +inf before it comes here).
    """
    shape, count = rows.shape[:-1], rows.shape[-1]
    flat = rows.reshape(-1, count)
    below, above, weight = _ranks(count)
    low, high = _order_statistics(flat, below, above)  # (3, cells)
    step = high - low
    weight = weight[:, None]
    # numpy's lerp: from the lower value below the midpoint, back from the upper value from it on
    values = np.where(weight >= 0.5, high - step * (1 - weight), low + step * weight)
    return values.reshape((len(QUANTILES), *shape))


def draw_quantiles(sample: np.ndarray) -> np.ndarray:
    """P10, P50, P90 over the first (draw) axis of ``sample``: ``np.quantile(sample, QUANTILES, axis=0)``, faster."""
    rows, view = _draw_rows(sample.shape[1:], sample.shape[0])
    np.copyto(view, sample)
    return _row_quantiles(rows)


def _censored_quantiles(fractional: np.ndarray) -> np.ndarray:
    """Quantiles of the target year with never-reached draws counted as "after 2050" (NaN)."""
    censored = np.where(np.isnan(fractional), np.inf, fractional)
    with np.errstate(invalid="ignore"):  # inf − inf between two censored draws: NaN, read as "after 2050"
        quantiles = _row_quantiles(censored)
    return np.where(np.isinf(quantiles), np.nan, quantiles)


def _draws(values: Mapping[str, float], registry: Registry, draws: int, seed: int, sigma: float | None,
           spread: float = 1.0, stress: bool = False,
           years: int = len(TURNOVER_YEARS)) -> tuple[dict[str, np.ndarray | float], np.ndarray, float]:
    """The seeded draws every simulation starts from: parameters, then trend shocks, and the shock size used.

    Shocks are drawn for the first ``years`` turnover years only (the same numbers as a full draw's first
    years). The stress case draws exactly the same numbers and then adds its adverse shock (:func:`stress_shocks`).
    """
    rng = np.random.default_rng(seed)
    sigma = (registry.trend_shock_sd if sigma is None else sigma) * spread
    drawn = draw_parameters(values, registry, draws, rng, spread)
    shocks = trend_shocks(sigma, draws, years, rng)
    return drawn, stress_shocks(shocks, registry) if stress else shocks, sigma


def _share_reached_by(crossing: TargetCrossing, goal_year: int) -> float:
    """The share of draws at or above the target by ``goal_year``."""
    return float(np.mean(crossing.reached & (crossing.first_year <= goal_year)))


def simulate(values: Mapping[str, float], baseline: Baseline, registry: Registry, draws: int = HEADLINE_DRAWS,
             seed: int = HEADLINE_SEED, sigma: float | None = None, spread: float = 1.0,
             stress: bool = False) -> MonteCarloResult:
    """Run ``draws`` draws of the whole model (eqs. 1–9) in one vectorised pass, seeded.

    ``stress`` adds the registry's adverse shock to the same draws (:func:`stress_shocks`). The real-income
    gain (eq. 10) is not part of the result and is never evaluated here. Each projected array is let go as
    soon as its quantiles are taken, which keeps the pass's memory (and with it the cost of fresh pages) down.
    """
    _keep_freed_heap()
    drawn, log_shocks, sigma = _draws(values, registry, draws, seed, sigma, spread, stress)
    projection = project(drawn, baseline, registry.bau()["trade_growth"], log_shocks)
    goal_year = int(values["target_year"])
    crossing, turnover, gdp = projection.crossing, projection.turnover.total, projection.gdp
    del projection  # the decomposition, capital and trend paths are not needed any more
    turnover_quantiles = draw_quantiles(turnover)
    del turnover
    # Sector shares are computed in the rows' layout (draws last) from GDP copied there, so the only
    # transposing copies are of GDP by sector and of its total, and no (draws, 2, 4, years) array is made.
    share_rows, shares_view = _draw_rows(gdp.by_sector.shape[1:], draws)
    np.copyto(shares_view, gdp.by_sector)
    total_rows, total_view = _draw_rows(gdp.total.shape[1:], draws)
    np.copyto(total_view, gdp.total)
    del gdp
    sector_shares_pct(shares_view, total_view, out=shares_view)
    shares = _row_quantiles(share_rows)
    return MonteCarloResult(
        draws=draws, seed=seed, sigma=sigma, goal_year=goal_year, stress=stress,
        turnover=turnover_quantiles, gdp=_row_quantiles(total_rows), shares=shares,
        p_target_by_goal=_share_reached_by(crossing, goal_year),
        target_year=_censored_quantiles(crossing.fractional),
        first_years=np.asarray(crossing.first_year),
    )


@dataclass(frozen=True)
class TargetOdds:
    """The share of draws that reach the target by the target year: :func:`simulate`'s figure, made cheaply."""

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
    """
    goal_year = int(values["target_year"])
    years = TURNOVER_YEARS[: goal_year - int(TURNOVER_YEARS[0]) + 1]  # base year to the target year
    drawn, log_shocks, _ = _draws(values, registry, draws, seed, sigma, stress=stress, years=len(years))
    turnover = project_turnover(drawn, baseline, years, shock_level(log_shocks)).total
    reached = np.any(turnover >= np.asarray(drawn["target_usd_bn"], dtype=float)[..., None], axis=-1)
    return TargetOdds(draws=draws, seed=seed, goal_year=goal_year, stress=stress,
                      p_target_by_goal=float(np.mean(reached)))


def target_year_distribution(result: MonteCarloResult) -> dict[str, float]:
    """Share of draws first reaching the target in each year; ``after 2050`` for the rest."""
    years, counts = np.unique(result.first_years[result.first_years > 0], return_counts=True)
    shares = {str(int(y)): float(c) / result.draws for y, c in zip(years, counts, strict=True)}
    shares["after 2050"] = float(np.mean(result.first_years == 0))
    return shares


def gdp_years() -> np.ndarray:
    """The years of the GDP quantile arrays."""
    return GDP_YEARS
