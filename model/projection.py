"""Equations 1–5 of the methodology page: the turnover projection.

Trend turnover (eq. 1), trade facilitation (2), cooperation capital (3), investment-induced turnover (4) and total
turnover (5); equations 6–10, GDP and real income, are in :mod:`model.gdp`.

Every function is pure and vectorised: a parameter may be a scalar or an array with leading "draw"
axes, and years are always the last axis, so the Monte Carlo is this same code with arrays of draws.
Units follow the registry (``data/assumptions.yaml``: percent where it says %, converted here once).
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


def _by_country(uz: ParamValue, kz: ParamValue) -> np.ndarray:
    """A per-country pair with a trailing country axis (UZ, KZ); draws of one broadcast against a scalar other."""
    return np.stack(np.broadcast_arrays(np.asarray(uz, dtype=float), np.asarray(kz, dtype=float)), axis=-1)


def shock_level(log_shocks: np.ndarray) -> np.ndarray:
    """The factor exp(Σ_{u≤t} εᵤ) the yearly log shocks leave on the trend level by year t (Monte Carlo).

    Parameters
    ----------
    log_shocks : ndarray, shape (draws, years)
        εₜ, yearly shocks to log trend growth (:func:`model.montecarlo.trend_shocks`), zero in the base year.

    Returns
    -------
    ndarray, shape (draws, years)
        Dimensionless; 1 where no shock has accumulated. Computed once per simulation and shared by the
        scenario and its BAU trend (the same simulated world).
    """
    return np.exp(np.cumsum(log_shocks, axis=-1))


def trend_turnover(turnover_base: float, growth_pct: ParamValue, years: np.ndarray,
                   shock: np.ndarray | None = None) -> np.ndarray:
    """Eq. 1, the trend: T⁰ₜ = T₂₀₂₅ (1 + g)^(t − 2025).

    Parameters
    ----------
    turnover_base : float
        T₂₀₂₅, bilateral turnover in the base year, USD bn (:attr:`model.baseline.Baseline.turnover_base`).
    growth_pct : float or ndarray, shape (...)
        g, trend growth of turnover, % a year (registry ``trade_growth``).
    years : ndarray, shape (years,)
        Calendar years, starting at the base year.
    shock : ndarray, shape (draws, years), optional
        :func:`shock_level`, multiplying T⁰ in the Monte Carlo.

    Returns
    -------
    ndarray, shape (..., years)
        T⁰ₜ, USD bn.
    """
    trend = turnover_base * np.exp((years - BASE_YEAR) * np.log1p(_col(growth_pct) / 100))
    return trend if shock is None else trend * shock


def elasticity_path(short_run: ParamValue, long_run: ParamValue, years_to_long_run: ParamValue,
                    years: np.ndarray) -> np.ndarray:
    """θₜ, the trade elasticity h = t − 2025 years after the agreements (part of eq. 2).

    θ_h = θ_LR + (θ_SR − θ_LR) · max(0, 1 − (h − 1)/(N − 1)): the short-run θ_SR one year after a change, rising
    linearly to the long-run θ_LR after N years and constant from then on (Boehm, Levchenko & Pandalai-Nayar,
    AER 113(4), 2023: about 0.76 after one year, 1.75–2.25 after 7–10 years). Years before the first are given
    θ_SR; they carry no cut (φ = 0), so it does not matter.

    Parameters
    ----------
    short_run, long_run : float or ndarray, shape (...)
        θ_SR and θ_LR, dimensionless (registry ``trade_elasticity_short``, ``trade_elasticity``).
    years_to_long_run : float or ndarray, shape (...)
        N, years until θ_LR is reached (registry ``elasticity_years``, at least 2).
    years : ndarray, shape (years,)
        Calendar years, starting at the base year.

    Returns
    -------
    ndarray, shape (..., years)
        θₜ, dimensionless.
    """
    horizon = years - BASE_YEAR
    remaining = np.clip(1 - (horizon - 1) / (_col(years_to_long_run) - 1), 0.0, 1.0)
    long_run = _col(long_run)
    return long_run + (_col(short_run) - long_run) * remaining


def facilitation_factor(cut_pct: ParamValue, cost_level: ParamValue, phase_in_years: ParamValue,
                        elasticity: ParamValue, years: np.ndarray) -> np.ndarray:
    """Eq. 2, the trade-facilitation factor: Fₜ = (1 − τ φₜ a/(1 + a))^(−θₜ), φₜ = min(1, (t − 2025)/P).

    Parameters
    ----------
    cut_pct : float or ndarray, shape (...)
        τ, the cut in bilateral trade costs, % (registry ``trade_cost_cut``).
    cost_level : float or ndarray, shape (...)
        a, the trade cost as an ad-valorem equivalent, ratio (1.3 = 130 %; :func:`trade_cost_level`).
    phase_in_years : float or ndarray, shape (...)
        P, years until the cut applies in full (registry ``phase_in_years``, at least 1).
    elasticity : float or ndarray
        θ: a number (the same every year) or a path θₜ with years on the last axis (:func:`elasticity_path`).
    years : ndarray, shape (years,)
        Calendar years, starting at the base year.

    Returns
    -------
    ndarray, shape (..., years)
        Fₜ, dimensionless: exactly 1 in the base year and wherever τ = 0.
    """
    path = np.asarray(elasticity, dtype=float) if np.ndim(elasticity) else _col(elasticity)
    level = _col(cost_level)
    # No cut anywhere (the default and most presets): Fₜ = 1 exactly, without the power over every draw and year;
    # measured at 10,000 draws (one simulate): 62 -> 48 ms CPU.
    if not np.any(cut_pct):
        shape = np.broadcast_shapes(np.shape(cut_pct) + (1,), level.shape, path.shape, years.shape)
        return np.broadcast_to(1.0, shape)
    phase = np.minimum(1.0, (years - BASE_YEAR) / _col(phase_in_years))
    log_base = np.log1p(-(_col(cut_pct) / 100 * phase) * (level / (1 + level)))
    return np.exp(-path * log_base)


def investment_flow(params: Params, years: np.ndarray) -> np.ndarray:
    """The programme's spending each year, before the realised and hosted shares of eq. 3.

    Parameters
    ----------
    params : mapping of str to float or ndarray
        Registry values (or draws): ``investment_inflow`` (Ī, USD bn a year), ``programme_end`` (t_end, a year)
        and ``launched_projects`` (Iᴸ, USD bn, spent in 2026).
    years : ndarray, shape (years,)
        Calendar years, starting at the base year.

    Returns
    -------
    ndarray, shape (..., years)
        Ī · 1[2026 ≤ t ≤ t_end] + Iᴸ · 1[t = 2026], current USD bn.
    """
    in_programme = (years >= FIRST_PROJECTION_YEAR) & (years <= _col(params["programme_end"]))
    launched = _col(params["launched_projects"]) * (years == FIRST_PROJECTION_YEAR)
    return _col(params["investment_inflow"]) * in_programme + launched


def capital_stock(flow: np.ndarray, params: Params, years: np.ndarray) -> np.ndarray:
    """Eq. 3, the cooperation capital: Kₜ = (1 − δ) Kₜ₋₁ + Iₜ₋L / (1 + π)^(t − L − 2025), K₂₀₂₅ = 0.

    Solved without a loop over years: the unlagged stock is (1 − δ)^t Σ_{u≤t} J_u (1 − δ)^(−u) with J the
    deflated flow (a cumulative sum; δ ≤ 10 % keeps (1 − δ)^(−25) small), and Kₜ is that stock read L years
    earlier (zero before the first flow has been built).

    Parameters
    ----------
    flow : ndarray, shape (..., years)
        Iₜ, spending each year, current USD bn (:func:`investment_flow`).
    params : mapping of str to float or ndarray
        ``usd_inflation`` (π, % a year), ``depreciation`` (δ, % a year) and ``build_lag`` (L, whole years; in the
        Monte Carlo one per draw).
    years : ndarray, shape (years,)
        Calendar years, starting at the base year.

    Returns
    -------
    ndarray, shape (..., years)
        Kₜ, 2025 USD bn, before the realised share r and the host shares hᵢ; the leading axes are those of
        ``flow`` and the parameters broadcast together.
    """
    elapsed = years - BASE_YEAR
    real_flow = flow / (1 + _col(params["usd_inflation"]) / 100) ** elapsed
    keep_powers = (1 - _col(params["depreciation"]) / 100) ** elapsed
    unlagged = keep_powers * np.cumsum(real_flow / keep_powers, axis=-1)
    lag = np.rint(_col(params["build_lag"])).astype(int)
    source = np.arange(len(years)) - lag  # the year whose unlagged stock operates in each year
    shape = np.broadcast_shapes(unlagged.shape, source.shape)
    gathered = np.take_along_axis(np.broadcast_to(unlagged, shape),
                                  np.broadcast_to(np.maximum(source, 0), shape), axis=-1)
    return np.where(source >= 0, gathered, 0.0)


def sector_mix(params: Params) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The programme's sector weights mₛ, normalised to sum to one.

    Parameters
    ----------
    params : mapping of str to float or ndarray
        ``sector_mix_industry``, ``sector_mix_infrastructure``, ``sector_mix_agro``: weights (the registry forbids
        all three at zero).

    Returns
    -------
    tuple of three ndarray, each shape (...)
        (m_ind, m_infra, m_agro), shares summing to 1.
    """
    weights = [np.asarray(params[k], dtype=float) for k in
               ("sector_mix_industry", "sector_mix_infrastructure", "sector_mix_agro")]
    total = weights[0] + weights[1] + weights[2]
    return weights[0] / total, weights[1] / total, weights[2] / total


def host_shares(params: Params) -> np.ndarray:
    """hᵢ, the shares of the programme built in each country.

    Parameters
    ----------
    params : mapping of str to float or ndarray
        ``host_share_uz``: the share built in Uzbekistan; Kazakhstan hosts the rest.

    Returns
    -------
    ndarray, shape (..., 2)
        (h_UZ, h_KZ), shares summing to 1, country axis last.
    """
    uz = np.asarray(params["host_share_uz"], dtype=float)
    return np.stack([uz, 1 - uz], axis=-1)


def capital_output_ratios(params: Params) -> np.ndarray:
    """vᵢ, the economy-wide gross ICOR of each country, used for the GDP effects only (eq. 7).

    Parameters
    ----------
    params : mapping of str to float or ndarray
        ``capital_output_ratio_uz`` and ``capital_output_ratio_kz`` (ratios, derived from investment and GDP growth).

    Returns
    -------
    ndarray, shape (..., 2)
        (v_UZ, v_KZ), USD of capital per USD of output a year, country axis last.
    """
    return _by_country(params["capital_output_ratio_uz"], params["capital_output_ratio_kz"])


def investment_trade(capital: np.ndarray, flow: np.ndarray, params: Params, years: np.ndarray) -> np.ndarray:
    """Eq. 4, the investment-induced turnover Tᴵₜ, by exporting country.

    Plant sales abroad, κ (1 − χ) q (1 + π)^(t − 2025) r hᵢ (m_ind + m_agro) Kₜ, are exports of the host i;
    equipment and materials bought from the partner while building, ψ r hᵢ Iₜ, are exports of the partner.

    Parameters
    ----------
    capital : ndarray, shape (..., years)
        Kₜ, 2025 USD bn (:func:`capital_stock`).
    flow : ndarray, shape (..., years)
        Iₜ, current USD bn (:func:`investment_flow`).
    params : mapping of str to float or ndarray
        ``cross_border_share`` (κ, the plants' sales that go to the partner), ``trade_displacement`` (χ, the share
        of those that only replaces trade there was), ``plant_sales_to_capital`` (q, sales a year per USD of
        capital), ``realisation_share`` (r), ``build_partner_share`` (ψ, the share of spending on partner goods),
        ``usd_inflation`` (π, % a year), the host shares and the sector mix.
    years : ndarray, shape (years,)
        Calendar years, starting at the base year.

    Returns
    -------
    ndarray, shape (..., 2, years)
        Tᴵ by exporter (UZ, KZ), current USD bn.
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
    return plant + building[..., None] * flow[..., None, :]


@dataclass(frozen=True)
class TurnoverPath:
    """Turnover and its decomposition (eqs. 1–5) over ``years``, each array shape (..., years) unless stated.

    Attributes
    ----------
    years : ndarray, shape (years,)
        Calendar years.
    trend : ndarray
        T⁰ₜ, USD bn (eq. 1).
    facilitation : ndarray
        T⁰ₜ (Fₜ − 1): what trade facilitation adds to the trend, USD bn.
    investment_by_exporter : ndarray, shape (..., 2, years)
        Tᴵₜ by exporter (UZ, KZ), USD bn (eq. 4).
    capital : ndarray
        Kₜ, 2025 USD bn (eq. 3).
    flow : ndarray
        Iₜ, the programme's spending, current USD bn.
    factor : ndarray
        Fₜ, dimensionless (eq. 2).
    """

    years: np.ndarray
    trend: np.ndarray
    facilitation: np.ndarray
    investment_by_exporter: np.ndarray
    capital: np.ndarray
    flow: np.ndarray
    factor: np.ndarray

    @cached_property
    def investment(self) -> np.ndarray:
        """Tᴵₜ, investment-induced turnover in both directions, USD bn, (..., years)."""
        by_exporter = self.investment_by_exporter
        return by_exporter[..., 0, :] + by_exporter[..., 1, :]

    @cached_property
    def total(self) -> np.ndarray:
        """Eq. 5, Tₜ = T⁰ₜ Fₜ + Tᴵₜ, USD bn, (..., years)."""
        return self.trend + self.facilitation + self.investment


def trade_cost_level(params: Params, baseline: Baseline) -> np.ndarray:
    """a, the bilateral trade cost as an ad-valorem equivalent, by inverse gravity at the long-run θ (Novy 2013).

    Parameters
    ----------
    params : mapping of str to float or ndarray
        ``trade_elasticity``: θ_LR, dimensionless.
    baseline : Baseline
        Its ``trade_cost_log_ratio``, ln(x_UZ,UZ x_KZ,KZ / (x_UZ,KZ x_KZ,UZ)) of the latest full year.

    Returns
    -------
    ndarray, shape of θ
        a, a ratio (1.3 = 130 %).
    """
    return novy_trade_cost(baseline.trade_cost_log_ratio, params["trade_elasticity"])


def elasticity_path_of(params: Params, years: np.ndarray) -> np.ndarray:
    """:func:`elasticity_path` with the registry's values.

    Parameters
    ----------
    params : mapping of str to float or ndarray
        ``trade_elasticity_short`` (θ_SR), ``trade_elasticity`` (θ_LR) and ``elasticity_years`` (N).
    years : ndarray, shape (years,)
        Calendar years, starting at the base year.

    Returns
    -------
    ndarray, shape (..., years)
        θₜ, dimensionless.
    """
    return elasticity_path(params["trade_elasticity_short"], params["trade_elasticity"], params["elasticity_years"],
                           years)


@dataclass(frozen=True)
class InvestmentTurnover:
    """The programme's part of turnover (eqs. 3–4) over ``years``, each array shape (..., years) unless stated.

    Attributes
    ----------
    flow : ndarray
        Iₜ, the programme's spending, current USD bn (:func:`investment_flow`).
    capital : ndarray
        Kₜ, 2025 USD bn (eq. 3, :func:`capital_stock`).
    by_exporter : ndarray, shape (..., 2, years)
        Tᴵₜ by exporter (UZ, KZ), USD bn (eq. 4, :func:`investment_trade`).
    """

    flow: np.ndarray
    capital: np.ndarray
    by_exporter: np.ndarray


def investment_turnover(params: Params, years: np.ndarray) -> InvestmentTurnover:
    """Equations 3–4: the spending, the cooperation capital it builds and the turnover it induces.

    Parameters
    ----------
    params : mapping of str to float or ndarray
        Registry values or draws (:func:`investment_flow`, :func:`capital_stock`, :func:`investment_trade`).
    years : ndarray, shape (years,)
        Calendar years, starting at the base year.

    Returns
    -------
    InvestmentTurnover
        Iₜ, Kₜ and Tᴵₜ by exporter.
    """
    flow = investment_flow(params, years)
    capital = capital_stock(flow, params, years)
    return InvestmentTurnover(flow, capital, investment_trade(capital, flow, params, years))


def project_turnover(params: Params, baseline: Baseline, years: np.ndarray = TURNOVER_YEARS,
                     shock: np.ndarray | None = None, *, elasticity: np.ndarray | None = None,
                     cost_level: np.ndarray | None = None,
                     investment: InvestmentTurnover | None = None) -> TurnoverPath:
    """Equations 1–5 over ``years``.

    Parameters
    ----------
    params : mapping of str to float or ndarray
        Every registry value (scalars, or arrays of draws or of scenarios on leading axes).
    baseline : Baseline
        Base-year levels (:func:`model.baseline.build_baseline`).
    years : ndarray, shape (years,), optional
        Calendar years from the base year; 2025…2050 by default.
    shock : ndarray, shape (draws, years), optional
        :func:`shock_level`, multiplying the trend (Monte Carlo).
    elasticity, cost_level : ndarray, optional
        θₜ (:func:`elasticity_path_of`) and a (:func:`trade_cost_level`) of these ``params``, ``years`` and
        ``baseline``, when the caller already has them (:func:`model.montecarlo.target_odds` keeps them while
        only the main levers move); computed here otherwise.
    investment : InvestmentTurnover, optional
        :func:`investment_turnover` of these ``params`` and ``years``, when the caller already has it (the same
        reuse, while the investment inflow stays); computed here otherwise.

    Returns
    -------
    TurnoverPath
        The total and its parts, USD bn.
    """
    trend = trend_turnover(baseline.turnover_base, params["trade_growth"], years, shock)
    factor = facilitation_factor(params["trade_cost_cut"],
                                 trade_cost_level(params, baseline) if cost_level is None else cost_level,
                                 params["phase_in_years"],
                                 elasticity_path_of(params, years) if elasticity is None else elasticity, years)
    parts = investment_turnover(params, years) if investment is None else investment
    return TurnoverPath(years, trend, (factor - 1) * trend, parts.by_exporter, parts.capital, parts.flow, factor)
