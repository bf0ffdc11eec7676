"""MODEL.md equations 1–10: turnover, cooperation capital, GDP by sector, per head, real-income gain.

Every function is pure and vectorised: a parameter may be a scalar or an array with leading "draw"
axes, and years are always the last axis, so the Monte Carlo is this same code with arrays of draws.
Units follow the registry (percent where the registry says %, converted here once).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from model.baseline import Baseline
from model.data import BASE_YEAR, GDP_END_YEAR
from model.tradecost import novy_trade_cost

TURNOVER_YEARS = np.arange(BASE_YEAR, 2051)  # target search runs to 2050
GDP_YEARS = np.arange(BASE_YEAR, GDP_END_YEAR + 1)  # GDP is reported to 2035
FIRST_PROJECTION_YEAR = BASE_YEAR + 1
UZ, KZ = 0, 1
AGRICULTURE, INDUSTRY, CONSTRUCTION, SERVICES = 0, 1, 2, 3

ParamValue = float | np.ndarray
Params = Mapping[str, ParamValue]


def _col(value: ParamValue) -> np.ndarray:
    """A parameter as an array whose last axis broadcasts against years."""
    return np.asarray(value, dtype=float)[..., None]


def in_place(operation: np.ufunc, fresh: np.ndarray, other: np.ndarray | float) -> np.ndarray:
    """``operation(fresh, other)``, written into ``fresh`` when that already has the result's shape.

    ``fresh`` must be a temporary nobody else holds. Saves one allocation (and its fresh pages) per call on the
    10,000-draw arrays; the numbers are exactly those of the plain ``operation(fresh, other)``.
    """
    if np.broadcast_shapes(fresh.shape, np.shape(other)) == fresh.shape:
        return operation(fresh, other, out=fresh)
    return operation(fresh, other)


def _by_country(uz: ParamValue, kz: ParamValue) -> np.ndarray:
    """A per-country pair with a trailing country axis (UZ, KZ); draws of one broadcast against a scalar other."""
    uz_array, kz_array = np.asarray(uz, dtype=float), np.asarray(kz, dtype=float)
    if uz_array.shape != kz_array.shape:
        uz_array, kz_array = np.broadcast_arrays(uz_array, kz_array)
    return np.stack([uz_array, kz_array], axis=-1)


def shock_level(log_shocks: np.ndarray) -> np.ndarray:
    """exp(Σ_{u≤t} εᵤ): the factor the yearly log shocks leave on the trend level by year t; shape of ``log_shocks``.

    Computed once per simulation and shared by the scenario and its BAU trend (same simulated world).
    """
    level = np.cumsum(log_shocks, axis=-1)
    return np.exp(level, out=level)


def trend_turnover(turnover_base: float, growth_pct: ParamValue, years: np.ndarray,
                   shock: np.ndarray | None = None) -> np.ndarray:
    """Eq. 1, T⁰ₜ = T₂₀₂₅ (1 + g)^(t − 2025), USD bn; ``shock`` (:func:`shock_level`) multiplies T⁰ (Monte Carlo)."""
    trend = turnover_base * np.exp((years - BASE_YEAR) * np.log1p(_col(growth_pct) / 100))
    return trend if shock is None else trend * shock


def elasticity_path(short_run: ParamValue, long_run: ParamValue, years_to_long_run: ParamValue,
                    years: np.ndarray) -> np.ndarray:
    """θₜ: the trade elasticity h = t − 2025 years after the agreements, (..., years).

    θ_h = θ_LR + (θ_SR − θ_LR) · max(0, 1 − (h − 1)/(N − 1)): the short-run θ_SR one year after a change, rising
    linearly to the long-run θ_LR after N years and constant from then on (Boehm, Levchenko & Pandalai-Nayar,
    AER 113(4), 2023: about 0.76 after one year, 1.75–2.25 after 7–10 years). Years before the first are given
    θ_SR; they carry no cut (φ = 0), so it does not matter.
    """
    horizon = years - BASE_YEAR
    remaining = np.clip(1 - (horizon - 1) / (_col(years_to_long_run) - 1), 0.0, 1.0)
    long_run = _col(long_run)
    return long_run + (_col(short_run) - long_run) * remaining


def facilitation_factor(cut_pct: ParamValue, cost_level: ParamValue, phase_in_years: ParamValue,
                        elasticity: ParamValue, years: np.ndarray) -> np.ndarray:
    """Eq. 2, Fₜ = (1 − τ φₜ a/(1 + a))^(−θₜ) with φₜ = min(1, (t − 2025)/P); dimensionless, (..., years).

    ``elasticity`` is a number (the same θ every year) or a path θₜ with years on the last axis
    (:func:`elasticity_path`). With no cut anywhere Fₜ = 1 exactly, returned without computing a power.
    """
    cut = np.asarray(cut_pct, dtype=float)
    path = np.asarray(elasticity, dtype=float) if np.ndim(elasticity) else _col(elasticity)
    level = _col(cost_level)
    if not cut.any():
        shape = np.broadcast_shapes(cut.shape + (1,), level.shape, path.shape, years.shape)
        return np.broadcast_to(np.ones(1), shape)  # read-only: nothing writes into a factor
    phase = np.minimum(1.0, (years - BASE_YEAR) / _col(phase_in_years))
    log_base = np.log1p(-(_col(cut) / 100 * phase) * (level / (1 + level)))
    return np.exp(in_place(np.multiply, -path, log_base))


def investment_flow(params: Params, years: np.ndarray) -> np.ndarray:
    """Eq. 3 before r·hᵢ·mₛ: programme inflow 2026…end plus the launched projects in 2026, current USD bn."""
    in_programme = (years >= FIRST_PROJECTION_YEAR) & (years <= _col(params["programme_end"]))
    launched = _col(params["launched_projects"]) * (years == FIRST_PROJECTION_YEAR)
    return _col(params["investment_inflow"]) * in_programme + launched


def capital_stock(flow: np.ndarray, params: Params, years: np.ndarray) -> np.ndarray:
    """Eq. 3, Kₜ = (1 − δ) Kₜ₋₁ + Iₜ₋L / (1 + π)^(t − L − 2025), K₂₀₂₅ = 0; 2025 USD bn.

    Solved without a loop over years: the unlagged stock is (1 − δ)^t Σ_{u≤t} J_u (1 − δ)^(−u) (a cumulative
    sum; δ ≤ 10 % keeps (1 − δ)^(−25) small), and Kₜ is that stock read L years earlier, per draw.
    """
    elapsed = years - BASE_YEAR
    real_flow = flow / (1 + _col(params["usd_inflation"]) / 100) ** elapsed
    keep_powers = (1 - _col(params["depreciation"]) / 100) ** elapsed
    unlagged = keep_powers * np.cumsum(real_flow / keep_powers, axis=-1)
    lag = np.rint(np.asarray(params["build_lag"], dtype=float)).astype(int)
    count = len(years)
    if unlagged.ndim == 1 and lag.ndim > 0 and lag.size and lag.min() >= 0 and lag.max() < count:
        # One stock, many lags (L drawn in the Monte Carlo): shift the stock once per distinct lag, then pick rows.
        shifted = np.zeros((int(lag.max()) + 1, count))
        for value in np.unique(lag):  # at most the registry's six whole years, not the draws
            shifted[value, value:] = unlagged[: count - value]
        return shifted[lag]
    source = np.arange(count) - lag[..., None]
    if source.shape != unlagged.shape:  # e.g. L drawn per draw while the flow is the same for all
        shape = np.broadcast_shapes(unlagged.shape, source.shape)
        unlagged, source = np.broadcast_to(unlagged, shape), np.broadcast_to(source, shape)
    gathered = np.take_along_axis(unlagged, np.maximum(source, 0), axis=-1)
    return np.where(source >= 0, gathered, 0.0)


def sector_mix(params: Params) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Normalised weights (industry, infrastructure, agro); the registry forbids all three at zero."""
    weights = [np.asarray(params[k], dtype=float) for k in
               ("sector_mix_industry", "sector_mix_infrastructure", "sector_mix_agro")]
    total = weights[0] + weights[1] + weights[2]
    return weights[0] / total, weights[1] / total, weights[2] / total


def host_shares(params: Params) -> np.ndarray:
    """hᵢ with a trailing country axis (UZ, KZ)."""
    uz = np.asarray(params["host_share_uz"], dtype=float)
    return np.stack([uz, 1 - uz], axis=-1)


def capital_output_ratios(params: Params) -> np.ndarray:
    """vᵢ, the economy-wide gross ICOR, with a trailing country axis (UZ, KZ): GDP effects only (eq. 7)."""
    return _by_country(params["capital_output_ratio_uz"], params["capital_output_ratio_kz"])


def investment_trade(capital: np.ndarray, flow: np.ndarray, params: Params, years: np.ndarray) -> np.ndarray:
    """Eq. 4, Tᴵₜ by exporting country, (..., 2, years), current USD bn.

    Plant sales abroad, κ (1 − χ) q (1 + π)^(t − 2025) r hᵢ (m_ind + m_agro) Kₜ, are exports of the host i;
    equipment and materials bought from the partner while building, ψ r hᵢ Iₜ, are exports of the partner.
    q is the plants' sales per USD of capital (asset turnover), χ the share of their partner sales that only
    replaces trade the two countries already had, ψ the share of spending that buys partner goods.
    """
    industry, _, agro = sector_mix(params)
    realised = np.asarray(params["realisation_share"], dtype=float)
    hosts = host_shares(params)
    sales = (np.asarray(params["cross_border_share"], dtype=float)
             * (1 - np.asarray(params["trade_displacement"], dtype=float))
             * np.asarray(params["plant_sales_to_capital"], dtype=float) * realised * (industry + agro))
    prices = (1 + _col(params["usd_inflation"]) / 100) ** (years - BASE_YEAR)
    plant = (sales[..., None] * hosts)[..., None] * (capital * prices)[..., None, :]
    building = (np.asarray(params["build_partner_share"], dtype=float) * realised)[..., None] * hosts[..., ::-1]
    return in_place(np.add, plant, building[..., None] * flow[..., None, :])


@dataclass(frozen=True)
class TurnoverPath:
    """Turnover and its decomposition, USD bn, shape (..., years)."""

    years: np.ndarray
    trend: np.ndarray
    facilitation: np.ndarray
    investment_by_exporter: np.ndarray
    capital: np.ndarray
    flow: np.ndarray
    factor: np.ndarray

    @cached_property
    def investment(self) -> np.ndarray:
        """Investment-induced turnover Tᴵ, both directions (computed once)."""
        by_exporter = self.investment_by_exporter
        return by_exporter[..., 0, :] + by_exporter[..., 1, :]

    @cached_property
    def total(self) -> np.ndarray:
        """Eq. 5, Tₜ = T⁰ₜ Fₜ + Tᴵₜ (computed once)."""
        return in_place(np.add, self.trend + self.facilitation, self.investment)


def trade_cost_level(params: Params, baseline: Baseline) -> np.ndarray:
    """a: the bilateral trade cost as an ad-valorem equivalent, by inverse gravity at the long-run θ (Novy 2013)."""
    return novy_trade_cost(baseline.trade_cost_log_ratio, params["trade_elasticity"])


def elasticity_path_of(params: Params, years: np.ndarray) -> np.ndarray:
    """:func:`elasticity_path` with the registry's θ_SR, θ_LR and N."""
    return elasticity_path(params["trade_elasticity_short"], params["trade_elasticity"], params["elasticity_years"],
                           years)


def project_turnover(params: Params, baseline: Baseline, years: np.ndarray = TURNOVER_YEARS,
                     shock: np.ndarray | None = None) -> TurnoverPath:
    """Equations 1–5 over ``years``; ``shock`` (:func:`shock_level`) multiplies the trend (Monte Carlo)."""
    trend = trend_turnover(baseline.turnover_base, params["trade_growth"], years, shock)
    factor = facilitation_factor(params["trade_cost_cut"], trade_cost_level(params, baseline),
                                 params["phase_in_years"], elasticity_path_of(params, years), years)
    flow = investment_flow(params, years)
    capital = capital_stock(flow, params, years)
    by_exporter = investment_trade(capital, flow, params, years)
    return TurnoverPath(years, trend, in_place(np.multiply, factor - 1, trend), by_exporter, capital, flow, factor)
