"""Equations 6–10 of the methodology page: GDP, the programme's and the extra trade's output, real income.

Baseline GDP (eq. 6), output from cooperation capital (7) and from extra trade (8), GDP by sector and per head
(9) and the real-income gain (ACR, 10). Arrays are (..., country, sector, years) with countries (UZ, KZ) and
sectors (agriculture, industry, construction, services); current USD bn unless stated. :func:`project_gdp` adds
eq. 6, 7 and 8 up (eq. 9); eq. 10 is evaluated only when read (:attr:`GdpPath.real_income_gain_pct`), and the
Monte Carlo never reads it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from model.baseline import Baseline
from model.data import BASE_YEAR, SECTORS
from model.projection import (
    AGRICULTURE,
    CONSTRUCTION,
    INDUSTRY,
    SERVICES,
    Params,
    TurnoverPath,
    _by_country,
    _col,
    capital_output_ratios,
    host_shares,
    sector_mix,
)

INFRASTRUCTURE_CAPITAL_MULTIPLE = 2.0  # infrastructure needs twice the capital per unit of output (assumption)
# Eq. 10 updates the domestic share linearly, λ' = λ − Mᴾ(F − 1)/Y, which turns negative (and the gain NaN) when
# the extra partner imports exceed domestic absorption: only in corners of the slider box (≈40 %/yr trade growth,
# the largest cut, shrinking GDP). There λ'/λ is floored here so every output stays finite.
MIN_DOMESTIC_SHARE_RATIO = 0.01


@dataclass(frozen=True)
class GdpPath:
    """GDP by country and sector over ``years``, with what the real-income gain (eq. 10) is read from.

    Attributes
    ----------
    years : ndarray, shape (years,)
        Calendar years, 2025 to the last GDP year.
    by_sector : ndarray, shape (..., 2, 4, years)
        Yᵢ,ₛ,ₜ, current USD bn (eq. 9).
    population : ndarray, shape (2, years)
        Nᵢ,ₜ, million: the 2020–25 growth rate carried forward.
    trend, factor : ndarray, shape (..., turnover years)
        T⁰ₜ (USD bn) and Fₜ of the scenario's turnover, the inputs of eq. 10.
    trade_elasticity : float or ndarray, shape (...)
        θ, eq. 10's trade elasticity.
    baseline : Baseline
        Base-year levels, for eq. 10's import shares.

    The derived arrays are computed on first read and kept.
    """

    years: np.ndarray
    by_sector: np.ndarray
    population: np.ndarray
    trend: np.ndarray
    factor: np.ndarray
    trade_elasticity: float | np.ndarray
    baseline: Baseline

    @cached_property
    def total(self) -> np.ndarray:
        """GDP per country, Σₛ Yᵢ,ₛ,ₜ, current USD bn, (..., 2, years)."""
        return self.by_sector.sum(axis=-2)

    @cached_property
    def shares_pct(self) -> np.ndarray:
        """Sector shares of GDP, %, summing to 100 per country and year, (..., 2, 4, years)."""
        return sector_shares_pct(self.by_sector, self.total)

    @cached_property
    def per_head_usd(self) -> np.ndarray:
        """GDP per head (eq. 9), current USD: USD bn ÷ million × 1000, (..., 2, years)."""
        return 1000 * self.total / self.population

    @cached_property
    def real_income_gain_pct(self) -> np.ndarray:
        """Eq. 10, the real-income gain Ŵᵢ, %, (..., 2, years): :func:`real_income_gain`."""
        return real_income_gain(self.trend, self.factor, self.total, self.trade_elasticity, self.baseline)


def sector_shares_pct(by_sector: np.ndarray, total: np.ndarray) -> np.ndarray:
    """Each sector's share of GDP, 100 · Yᵢ,ₛ,ₜ / Σₛ Yᵢ,ₛ,ₜ.

    Parameters
    ----------
    by_sector : ndarray, shape (..., 2, 4, years)
        Yᵢ,ₛ,ₜ, USD bn.
    total : ndarray, shape (..., 2, years)
        Σₛ Yᵢ,ₛ,ₜ, USD bn.

    Returns
    -------
    ndarray, shape (..., 2, 4, years)
        %, summing to 100 over sectors.
    """
    return 100 * by_sector / total[..., None, :]


def _sectors(parts: Mapping[int, np.ndarray]) -> np.ndarray:
    """Per-sector arrays (..., 2, years), keyed by sector index, placed in one (..., 2, 4, years); zero elsewhere."""
    shape = np.broadcast_shapes(*(part.shape for part in parts.values()))
    out = np.zeros((*shape[:-1], len(SECTORS), shape[-1]))
    for sector, part in parts.items():
        out[..., sector, :] = part
    return out


def baseline_gdp(params: Params, baseline: Baseline, years: np.ndarray) -> np.ndarray:
    """Eq. 6, GDP without the programme: Yᵇᵢ,ₛ,ₜ = Yᵢ,₂₀₂₅ (1 + gᵢ)^(t − 2025) × shareᵢ,ₛ.

    Parameters
    ----------
    params : mapping of str to float or ndarray
        ``gdp_growth_uz``, ``gdp_growth_kz``: gᵢ, % a year (derived from the World Bank WDI series).
    baseline : Baseline
        ``gdp_base`` (Yᵢ,₂₀₂₅, current USD bn) and ``sector_shares`` (latest shares of gross value added).
    years : ndarray, shape (years,)
        Calendar years, starting at the base year.

    Returns
    -------
    ndarray, shape (..., 2, 4, years)
        Yᵇᵢ,ₛ,ₜ, current USD bn.
    """
    growth = _by_country(params["gdp_growth_uz"], params["gdp_growth_kz"]) / 100
    level = baseline.gdp_base[:, None] * (1 + growth[..., None]) ** (years - BASE_YEAR)
    return level[..., :, None, :] * baseline.sector_shares[:, :, None]


def capital_output(path: TurnoverPath, params: Params, years: np.ndarray) -> np.ndarray:
    """Eq. 7, output of the cooperation capital, ΔYᴷ, and of building it, ΔYᴮ.

    ΔYᴷᵢ,ₛ,ₜ = (1 + π)^(t − 2025) r hᵢ mₛ Kₜ / vᵢˢ: plants in industry and agriculture at the economy-wide
    ICOR vᵢ, infrastructure (counted in services) at :data:`INFRASTRUCTURE_CAPITAL_MULTIPLE` times it;
    ΔYᴮᵢ,con,ₜ = β r hᵢ Iₜ: construction value added in the spending year.

    Parameters
    ----------
    path : TurnoverPath
        Its ``capital`` (Kₜ, 2025 USD bn) and ``flow`` (Iₜ, current USD bn), at least ``len(years)`` years.
    params : mapping of str to float or ndarray
        ``realisation_share`` (r), ``build_value_added`` (β), ``usd_inflation`` (π, % a year), the host shares
        hᵢ, the sector mix mₛ and the capital-output ratios vᵢ.
    years : ndarray, shape (years,)
        Calendar years, starting at the base year.

    Returns
    -------
    ndarray, shape (..., 2, 4, years)
        ΔYᴷ + ΔYᴮ by country and sector, current USD bn; zero where a sector gets neither.
    """
    count = len(years)
    industry, infrastructure, agro = sector_mix(params)
    hosted = np.asarray(params["realisation_share"], dtype=float)[..., None] * host_shares(params)  # r hᵢ
    prices = (1 + _col(params["usd_inflation"]) / 100) ** (years - BASE_YEAR)
    capital_value = (path.capital[..., :count] * prices)[..., None, :]  # current USD bn, (..., 1, years)
    per_ratio = (hosted / capital_output_ratios(params))[..., None] * capital_value  # r hᵢ K / vᵢ, (..., 2, years)
    build = np.asarray(params["build_value_added"], dtype=float)[..., None, None]
    return _sectors({
        INDUSTRY: industry[..., None, None] * per_ratio,
        AGRICULTURE: agro[..., None, None] * per_ratio,
        SERVICES: infrastructure[..., None, None] * per_ratio / INFRASTRUCTURE_CAPITAL_MULTIPLE,
        CONSTRUCTION: build * hosted[..., None] * path.flow[..., None, :count],
    })


def trade_output(extra_trade: np.ndarray, params: Params, baseline: Baseline) -> np.ndarray:
    """Eq. 8, output of the extra trade: ΔYˣᵢ = αᵢ ΔXᵢ − μ ΔMᵢ, ΔXᵢ = sᵢ (T⁰ₜ Fₜ − T⁰,ᴮᴬᵁₜ).

    Exports land in agriculture and industry by ``export_agri_share``; the home production the extra imports
    displace, in proportion to the importer's own agriculture and industry shares.

    Parameters
    ----------
    extra_trade : ndarray, shape (..., years)
        T⁰ₜ Fₜ − T⁰,ᴮᴬᵁₜ: the facilitated trend above the BAU trend, USD bn.
    params : mapping of str to float or ndarray
        ``export_value_added_uz``, ``export_value_added_kz`` (αᵢ, value added per USD of exports),
        ``import_displacement`` (μ, home output lost per USD of extra imports) and ``export_agri_share``.
    baseline : Baseline
        ``uz_export_share`` (s_UZ, UZ exports ÷ turnover in 2025) and ``sector_shares``.

    Returns
    -------
    ndarray, shape (..., 2, 4, years)
        ΔYˣ by country and sector, current USD bn; zero in construction and services.
    """
    export_shares = np.array([baseline.uz_export_share, 1 - baseline.uz_export_share])
    exports = export_shares[:, None] * extra_trade[..., None, :]  # ΔXᵢ, (..., 2, years)
    imports = exports[..., ::-1, :]  # ΔMᵢ: the partner's extra exports
    value_added = _by_country(params["export_value_added_uz"], params["export_value_added_kz"])[..., None]
    agri_share = _col(params["export_agri_share"])[..., None, :]
    displaced = _col(params["import_displacement"])[..., None, :] * imports
    goods = baseline.sector_shares[:, [AGRICULTURE, INDUSTRY]]
    goods = goods / goods.sum(axis=1, keepdims=True)
    added = value_added * exports
    return _sectors({
        AGRICULTURE: added * agri_share - displaced * goods[:, 0, None],
        INDUSTRY: added * (1 - agri_share) - displaced * goods[:, 1, None],
    })


def facilitated_partner_imports(trend: np.ndarray, factor: np.ndarray, baseline: Baseline, count: int) -> np.ndarray:
    """Mᴾᵢ,ₜ (Fₜ − 1), each country's extra imports from the partner due to facilitation (eq. 10's input).

    Parameters
    ----------
    trend : ndarray, shape (..., years)
        T⁰ₜ, USD bn (:func:`model.projection.trend_turnover`).
    factor : ndarray, shape (..., years)
        Fₜ (:func:`model.projection.facilitation_factor`).
    baseline : Baseline
        ``uz_export_share``: the partner's share of the trend turnover is each country's imports from it.
    count : int
        How many years from the base year.

    Returns
    -------
    ndarray, shape (..., 2, count)
        USD bn.
    """
    partner_exports = np.array([1 - baseline.uz_export_share, baseline.uz_export_share])
    imports_from_partner = partner_exports[:, None] * trend[..., None, :count]
    return imports_from_partner * (factor[..., None, :count] - 1)


def real_income_gain(trend: np.ndarray, factor: np.ndarray, gdp_total: np.ndarray, trade_elasticity: float | np.ndarray,
                     baseline: Baseline) -> np.ndarray:
    """Eq. 10 (Arkolakis–Costinot–Rodríguez-Clare), the real-income gain of facilitation alone.

    Ŵᵢ = (λ'ᵢ/λᵢ)^(−1/θ) − 1 with λ'ᵢ,ₜ = λᵢ − Mᴾᵢ,ₜ(Fₜ − 1)/Yᵢ,ₜ, λᵢ = 1 − imports/GDP; λ'/λ is floored at
    :data:`MIN_DOMESTIC_SHARE_RATIO` (see there).

    Parameters
    ----------
    trend, factor : ndarray, shape (..., years or more)
        T⁰ₜ (USD bn) and Fₜ of the scenario (:func:`facilitated_partner_imports`).
    gdp_total : ndarray, shape (..., 2, years)
        Yᵢ,ₜ, current USD bn; its last axis sets how many years are computed.
    trade_elasticity : float or ndarray, shape (...)
        θ, the long-run trade elasticity (registry ``trade_elasticity``).
    baseline : Baseline
        ``import_share_gdp``: imports of goods and services ÷ GDP, latest year (World Bank WDI).

    Returns
    -------
    ndarray, shape (..., 2, years)
        Ŵᵢ,ₜ, %.
    """
    extra = facilitated_partner_imports(trend, factor, baseline, gdp_total.shape[-1])
    domestic = 1 - baseline.import_share_gdp[:, None]
    elasticity = _col(trade_elasticity)[..., None, :]
    ratio = np.maximum((domestic - extra / gdp_total) / domestic, MIN_DOMESTIC_SHARE_RATIO)
    return 100 * (ratio ** (-1 / elasticity) - 1)


def project_gdp(params: Params, baseline: Baseline, path: TurnoverPath, bau_trend: np.ndarray,
                years: np.ndarray) -> GdpPath:
    """Eq. 9, GDP by country and sector: Yᵢ,ₛ,ₜ = Yᵇ + ΔYᴷ + ΔYᴮ + ΔYˣ (eq. 6, 7 and 8).

    Parameters
    ----------
    params : mapping of str to float or ndarray
        Every registry value (scalars, or arrays of draws or of scenarios on leading axes).
    baseline : Baseline
        Base-year levels.
    path : TurnoverPath
        The scenario's turnover over at least ``len(years)`` years (:func:`model.projection.project_turnover`).
    bau_trend : ndarray, shape (..., years)
        T⁰,ᴮᴬᵁₜ, the trend at BAU growth (same shocks as the scenario in the Monte Carlo), USD bn.
    years : ndarray, shape (years,)
        Calendar years from the base year (a prefix of the turnover years).

    Returns
    -------
    GdpPath
        GDP by sector and population; eq. 10 is evaluated when read.
    """
    count = len(years)
    extra_trade = path.trend[..., :count] + path.facilitation[..., :count] - bau_trend[..., :count]
    by_sector = (baseline_gdp(params, baseline, years) + capital_output(path, params, years)
                 + trade_output(extra_trade, params, baseline))
    population = baseline.population_base[:, None] * (1 + baseline.population_growth[:, None]) ** (years - BASE_YEAR)
    return GdpPath(years, by_sector, population, path.trend, path.factor, params["trade_elasticity"], baseline)
