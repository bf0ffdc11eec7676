"""MODEL.md equations 6–10: baseline GDP, output from cooperation capital and extra trade, per head, ACR gain.

Arrays are (..., country, sector, years) with countries (UZ, KZ) and sectors (agriculture, industry,
construction, services); current USD bn unless stated.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from model.baseline import Baseline
from model.data import BASE_YEAR
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
    """GDP by country and sector, population and the ACR real-income gain over ``years``."""

    years: np.ndarray
    by_sector: np.ndarray  # (..., 2, 4, years), USD bn
    population: np.ndarray  # (2, years), million
    real_income_gain_pct: np.ndarray  # (..., 2, years), % (MODEL.md eq. 10)

    @property
    def total(self) -> np.ndarray:
        """GDP per country, (..., 2, years)."""
        return self.by_sector.sum(axis=-2)

    @property
    def shares_pct(self) -> np.ndarray:
        """Sector shares of GDP, %, summing to 100 per country and year."""
        return 100 * self.by_sector / self.total[..., None, :]

    @property
    def per_head_usd(self) -> np.ndarray:
        """GDP per head, current USD: USD bn ÷ million × 1000."""
        return 1000 * self.total / self.population


def baseline_gdp(params: Params, baseline: Baseline, years: np.ndarray) -> np.ndarray:
    """Eq. 6, Yᵇᵢ,ₛ,ₜ = Yᵢ,₂₀₂₅ (1 + gᵢ)^(t − 2025) × shareᵢ,ₛ; (..., 2, 4, years)."""
    growth = _by_country(params["gdp_growth_uz"], params["gdp_growth_kz"]) / 100
    level = baseline.gdp_base[:, None] * (1 + growth[..., None]) ** (years - BASE_YEAR)
    return level[..., :, None, :] * baseline.sector_shares[:, :, None]


def capital_output(path: TurnoverPath, params: Params, years: np.ndarray) -> np.ndarray:
    """Eq. 7, ΔYᴷ (plants and infrastructure) and ΔYᴮ (construction in the spending year); (..., 2, 4, years)."""
    industry, infrastructure, agro = sector_mix(params)
    hosted = np.asarray(params["realisation_share"], dtype=float)[..., None] * host_shares(params)
    ratios = capital_output_ratios(params)
    prices = (1 + _col(params["usd_inflation"]) / 100) ** (years - BASE_YEAR)
    capital_value = (path.capital[..., : len(years)] * prices)[..., None, :]  # (..., 1, years)
    per_ratio = (hosted / ratios)[..., None] * capital_value  # (..., 2, years)
    build = np.asarray(params["build_value_added"], dtype=float)[..., None, None]
    parts = {
        INDUSTRY: industry[..., None, None] * per_ratio,
        AGRICULTURE: agro[..., None, None] * per_ratio,
        SERVICES: infrastructure[..., None, None] * per_ratio / INFRASTRUCTURE_CAPITAL_MULTIPLE,
        CONSTRUCTION: build * hosted[..., None] * path.flow[..., None, : len(years)],
    }
    return _by_sector(parts)


def _by_sector(parts: dict[int, np.ndarray]) -> np.ndarray:
    """Sector arrays (..., 2, years) into one (..., 2, 4, years), at the draw shape common to all parts.

    The parts may carry different leading draw axes when only some parameters are arrays of draws.
    """
    shapes = {part.shape for part in parts.values()}
    shape = shapes.pop() if len(shapes) == 1 else np.broadcast_shapes(*shapes)
    delta = np.zeros(shape[:-1] + (4, shape[-1]))
    for sector, part in parts.items():
        delta[..., sector, :] = part
    return delta


def trade_output(extra_trade: np.ndarray, params: Params, baseline: Baseline) -> np.ndarray:
    """Eq. 8, ΔYˣᵢ = αᵢ ΔXᵢ − μ ΔMᵢ with ΔXᵢ = sᵢ × extra trend-and-facilitation trade; (..., 2, 4, years).

    Exports land in agriculture and industry by ``export_agri_share``; the displaced home production
    in proportion to the importer's own agriculture and industry shares.
    """
    export_shares = np.array([baseline.uz_export_share, 1 - baseline.uz_export_share])
    exports = export_shares[:, None] * extra_trade[..., None, :]  # (..., 2, years)
    imports = exports[..., ::-1, :]
    value_added = _by_country(params["export_value_added_uz"], params["export_value_added_kz"])[..., None]
    agri_share = _col(params["export_agri_share"])[..., None, :]
    displaced = _col(params["import_displacement"])[..., None, :] * imports
    goods = baseline.sector_shares[:, [AGRICULTURE, INDUSTRY]]
    goods = goods / goods.sum(axis=1, keepdims=True)
    return _by_sector({
        AGRICULTURE: value_added * exports * agri_share - displaced * goods[:, 0, None],
        INDUSTRY: value_added * exports * (1 - agri_share) - displaced * goods[:, 1, None],
    })


def real_income_gain(path: TurnoverPath, gdp_total: np.ndarray, params: Params, baseline: Baseline,
                     years: np.ndarray) -> np.ndarray:
    """Eq. 10 (Arkolakis–Costinot–Rodríguez-Clare), Ŵᵢ = (λ'ᵢ/λᵢ)^(−1/θ) − 1 in %, facilitation only."""
    count = len(years)
    partner_exports = np.array([1 - baseline.uz_export_share, baseline.uz_export_share])
    imports_from_partner = partner_exports[:, None] * path.trend[..., None, :count]
    extra = imports_from_partner * (path.factor[..., None, :count] - 1)
    domestic = 1 - baseline.import_share_gdp[:, None]
    ratio = np.maximum((domestic - extra / gdp_total) / domestic, MIN_DOMESTIC_SHARE_RATIO)
    return 100 * (ratio ** (-1 / _col(params["trade_elasticity"])[..., None, :]) - 1)


def project_gdp(params: Params, baseline: Baseline, path: TurnoverPath, bau_trend_facilitated: np.ndarray,
                years: np.ndarray) -> GdpPath:
    """Eq. 9, Yᵢ,ₛ,ₜ = Yᵇ + ΔYᴷ + ΔYᴮ + ΔYˣ over ``years`` (a prefix of the turnover years)."""
    count = len(years)
    extra_trade = (path.trend + path.facilitation)[..., :count] - bau_trend_facilitated[..., :count]
    by_sector = (baseline_gdp(params, baseline, years) + capital_output(path, params, years)
                 + trade_output(extra_trade, params, baseline))
    population = baseline.population_base[:, None] * (1 + baseline.population_growth[:, None]) ** (years - BASE_YEAR)
    total = by_sector.sum(axis=-2)
    return GdpPath(years, by_sector, population, real_income_gain(path, total, params, baseline, years))
