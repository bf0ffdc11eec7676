"""Outputs read off a turnover path: when the target is reached, the gap, and what each lever would need.

All functions are vectorised over leading axes, so the same code serves one scenario, the tornado and
the Monte Carlo draws.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from model.data import BASE_YEAR


@dataclass(frozen=True)
class TargetCrossing:
    """When a turnover path first reaches the target.

    ``fractional`` is NaN when the target is not reached by the last year; ``first_year`` is the first
    calendar year with turnover ≥ target (0 when never); ``already`` marks T₂₀₂₅ ≥ target;
    ``falls_back`` marks a path that crosses and later drops below the target again.

    Attributes
    ----------
    fractional : ndarray, shape (...)
        The crossing as a fractional calendar year (NaN when never).
    first_year : ndarray of int, shape (...)
        First whole year with turnover ≥ target (0 when never).
    already : ndarray of bool, shape (...)
        Turnover in 2025 already ≥ target.
    falls_back : ndarray of bool, shape (...)
        Crosses and later drops below the target.
    """

    fractional: np.ndarray
    first_year: np.ndarray
    already: np.ndarray
    falls_back: np.ndarray

    @property
    def reached(self) -> np.ndarray:
        """True where the target is reached by the last projected year."""
        return ~np.isnan(self.fractional)


def target_crossing(turnover: np.ndarray, years: np.ndarray, target: float | np.ndarray) -> TargetCrossing:
    """First crossing of ``target`` by ``turnover`` (..., years).

    The fractional year interpolates log-linearly inside the crossing year:
    y − 1 + ln(target / T_{y−1}) / ln(T_y / T_{y−1}), which equals 2025 + ln(target/T₂₀₂₅)/ln(1 + g)
    on a pure growth path.

    Parameters
    ----------
    turnover : ndarray, shape (..., years)
        Turnover paths, USD bn, the first column the base year 2025.
    years : ndarray, shape (years,)
        The calendar years of the last axis, consecutive.
    target : float or ndarray, shape (...)
        The target, USD bn; one per path or shared.

    Returns
    -------
    TargetCrossing
        Arrays of shape (...): fractional year (NaN when not reached), first whole year (0 when never),
        already reached in 2025, and whether the path falls back below the target later.
    """
    target = np.asarray(target, dtype=float)[..., None]
    if target.shape[:-1] and target.shape[:-1] != turnover.shape[:-1]:  # per-draw targets on one shared path
        turnover = np.broadcast_to(turnover, np.broadcast_shapes(turnover.shape, target.shape))
    reached = turnover >= target
    ever = reached.any(axis=-1)
    first = np.argmax(reached, axis=-1)
    before = np.take_along_axis(turnover, np.maximum(first - 1, 0)[..., None], axis=-1)[..., 0]
    at = np.take_along_axis(turnover, first[..., None], axis=-1)[..., 0]
    with np.errstate(divide="ignore", invalid="ignore"):
        inside = np.log(target[..., 0] / before) / np.log(at / before)
    fractional = np.where(first == 0, years[0], years[first] - 1 + inside)
    fractional = np.where(ever, fractional, np.nan)
    # Falls back: fewer years at or above the target than years from the first crossing to the horizon.
    falls_back = (np.count_nonzero(reached, axis=-1) < turnover.shape[-1] - first) & ever
    return TargetCrossing(fractional, np.where(ever, years[first], 0), ever & (first == 0), falls_back)


def value_in_year(series: np.ndarray, years: np.ndarray, year: float | np.ndarray) -> np.ndarray:
    """``series`` (..., years) read in ``year`` (may differ per draw).

    Parameters
    ----------
    series : ndarray, shape (..., years)
        Any yearly series (e.g. turnover, USD bn).
    years : ndarray, shape (years,)
        Consecutive calendar years of the last axis.
    year : float or ndarray, shape (...)
        The year to read (truncated to a whole year, clipped into ``years``).

    Returns
    -------
    ndarray, shape (...)
        The series' value in that year, same unit as ``series``.
    """
    index = np.clip(np.asarray(year, dtype=int) - int(years[0]), 0, len(years) - 1)
    return np.take_along_axis(series, np.broadcast_to(index, series.shape[:-1])[..., None], axis=-1)[..., 0]


@dataclass(frozen=True)
class LeverAnswer:
    """What one lever alone would need to reach the target exactly in the target year.

    ``status`` is ``"reachable"``, ``"above_range"`` (needs more than the lever's maximum),
    ``"below_range"`` (already reached at the lever's minimum) or ``"no_effect"`` (the lever cannot move
    turnover under the other settings). ``value`` is the answer in the registry's unit (NaN unless
    reachable; ``unclamped`` keeps the raw solution for messages).

    Attributes
    ----------
    lever : str
        Registry key.
    value : float
        The answer in the lever's unit; NaN unless ``reachable``.
    unclamped : float
        The raw solution (may be outside the range, NaN or −inf).
    status : str
        ``reachable``, ``above_range``, ``below_range`` or ``no_effect``.
    """

    lever: str
    value: float
    unclamped: float
    status: str

    @property
    def reachable(self) -> bool:
        """True when the answer lies inside the lever's range."""
        return self.status == "reachable"


def classify(lever: str, solution: float, low: float, high: float) -> LeverAnswer:
    """Place a raw solution against the lever's range.

    Parameters
    ----------
    lever : str
        Registry key of the lever.
    solution : float
        The unclamped solution in the lever's registry unit; NaN when the lever cannot move turnover.
    low, high : float
        The lever's range (registry ``min`` and ``max``).

    Returns
    -------
    LeverAnswer
        ``reachable`` with the value, or ``above_range``/``below_range``/``no_effect`` with value NaN.
    """
    if np.isnan(solution):
        return LeverAnswer(lever, float("nan"), solution, "no_effect")
    if solution > high:
        return LeverAnswer(lever, float("nan"), solution, "above_range")
    if solution < low:
        return LeverAnswer(lever, float("nan"), solution, "below_range")
    return LeverAnswer(lever, float(solution), solution, "reachable")


def required_growth_pct(target: float, investment_trade_at_goal: float, factor_at_goal: float,
                        turnover_base: float, goal_year: int) -> float:
    """g* = ((target − Tᴵ_Y) / (T₂₀₂₅ F_Y))^(1/(Y − 2025)) − 1, in %; −inf when Tᴵ alone reaches it.

    Closed form because Tᴵ does not depend on g (the methodology page, "What would it take").

    Parameters
    ----------
    target : float
        Turnover target, USD bn.
    investment_trade_at_goal : float
        Tᴵ_Y, investment-induced turnover in the goal year, USD bn.
    factor_at_goal : float
        F_Y, the trade-facilitation factor in the goal year (ratio, ≥ 1).
    turnover_base : float
        T₂₀₂₅, USD bn (``bilateral_trade.csv``).
    goal_year : int
        Y, after 2025.

    Returns
    -------
    float
        Trend growth needed, % per year; −inf when investment alone reaches the target.
    """
    needed = target - investment_trade_at_goal
    if needed <= 0:
        return float("-inf")
    return float(((needed / (turnover_base * factor_at_goal)) ** (1 / (goal_year - BASE_YEAR)) - 1) * 100)


def required_cut_pct(target: float, investment_trade_at_goal: float, trend_at_goal: float, cost_level: float,
                     elasticity: float, phase_at_goal: float) -> float:
    """Invert eq. 2: τ = (1 − F^(−1/θ)) (1 + a) / (φ_Y a) with F = (target − Tᴵ_Y) / T⁰_Y, in %.

    Parameters
    ----------
    target : float
        Turnover target, USD bn.
    investment_trade_at_goal : float
        Tᴵ_Y, investment-induced turnover in the goal year, USD bn.
    trend_at_goal : float
        T⁰_Y, trend turnover in the goal year, USD bn.
    cost_level : float
        a, the ad-valorem-equivalent trade cost (ratio; inverse gravity, Novy 2013).
    elasticity : float
        θ, the trade elasticity in the goal year (registry path; Boehm, Levchenko & Pandalai-Nayar 2023).
    phase_at_goal : float
        φ_Y, the share of the cut phased in by the goal year (0–1).

    Returns
    -------
    float
        The cut needed, % of the trade cost; −inf when investment alone reaches the target.
    """
    factor = (target - investment_trade_at_goal) / trend_at_goal
    if factor <= 0:
        return float("-inf")
    return float((1 - factor ** (-1 / elasticity)) * (1 + cost_level) / (phase_at_goal * cost_level) * 100)


def required_linear(target: float, at_zero: float, at_one: float) -> float:
    """Solve a + b·x = target for a lever the turnover is linear in (the investment inflow).

    Parameters
    ----------
    target : float
        Turnover target, USD bn.
    at_zero : float
        Turnover in the goal year with the lever at 0, USD bn.
    at_one : float
        Turnover in the goal year with the lever at 1 (its unit), USD bn.

    Returns
    -------
    float
        The lever value in its unit; NaN when it cannot raise turnover and the target is unmet, −inf when
        it cannot and the target is already met.
    """
    slope = at_one - at_zero
    if slope <= 0:
        return float("nan") if at_zero < target else float("-inf")
    return (target - at_zero) / slope
