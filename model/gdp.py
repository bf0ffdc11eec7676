"""MODEL.md equations 6–10: baseline GDP, output from cooperation capital and extra trade, per head, ACR gain.

Arrays are (..., country, sector, years) with countries (UZ, KZ) and sectors (agriculture, industry,
construction, services); current USD bn unless stated.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

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
    in_place,
    sector_mix,
)

INFRASTRUCTURE_CAPITAL_MULTIPLE = 2.0  # infrastructure needs twice the capital per unit of output (assumption)
# Eq. 10 updates the domestic share linearly, λ' = λ − Mᴾ(F − 1)/Y, which turns negative (and the gain NaN) when
# the extra partner imports exceed domestic absorption: only in corners of the slider box (≈40 %/yr trade growth,
# the largest cut, shrinking GDP). There λ'/λ is floored here so every output stays finite.
MIN_DOMESTIC_SHARE_RATIO = 0.01


@dataclass(frozen=True)
class GdpPath:
    """GDP by country and sector, population and the ACR real-income gain over ``years``.

    The derived arrays are computed on first read and kept. The real-income gain (eq. 10) is held as its
    inputs and evaluated only when read: the Monte Carlo never reads it.
    """

    years: np.ndarray
    by_sector: np.ndarray  # (..., 2, 4, years), USD bn
    population: np.ndarray  # (2, years), million
    facilitated_imports: np.ndarray  # (..., 2, years), Mᴾ(F − 1): extra imports from the partner, USD bn
    trade_elasticity: np.ndarray  # (..., 1, 1), θ
    domestic_share: np.ndarray  # (2, 1), λᵢ = 1 − imports/GDP

    @cached_property
    def total(self) -> np.ndarray:
        """GDP per country, (..., 2, years)."""
        return self.by_sector.sum(axis=-2)

    @cached_property
    def shares_pct(self) -> np.ndarray:
        """Sector shares of GDP, %, summing to 100 per country and year."""
        return sector_shares_pct(self.by_sector, self.total)

    @cached_property
    def per_head_usd(self) -> np.ndarray:
        """GDP per head, current USD: USD bn ÷ million × 1000."""
        return 1000 * self.total / self.population

    @cached_property
    def real_income_gain_pct(self) -> np.ndarray:
        """Eq. 10 (Arkolakis–Costinot–Rodríguez-Clare), Ŵᵢ = (λ'ᵢ/λᵢ)^(−1/θ) − 1 in %; (..., 2, years)."""
        return income_gain_pct(self.facilitated_imports, self.total, self.domestic_share, self.trade_elasticity)


def sector_shares_pct(by_sector: np.ndarray, total: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """100 · Yᵢ,ₛ,ₜ / Σₛ Yᵢ,ₛ,ₜ, (..., 2, 4, years); written into ``out`` when given (the Monte Carlo's buffer)."""
    shares = np.multiply(by_sector, 100, out=out)
    return np.divide(shares, total[..., None, :], out=shares)


def baseline_gdp(params: Params, baseline: Baseline, years: np.ndarray) -> np.ndarray:
    """Eq. 6, Yᵇᵢ,ₛ,ₜ = Yᵢ,₂₀₂₅ (1 + gᵢ)^(t − 2025) × shareᵢ,ₛ; (..., 2, 4, years)."""
    growth = _by_country(params["gdp_growth_uz"], params["gdp_growth_kz"]) / 100
    level = baseline.gdp_base[:, None] * (1 + growth[..., None]) ** (years - BASE_YEAR)
    return level[..., :, None, :] * baseline.sector_shares[:, :, None]


SectorParts = Iterator[tuple[int, np.ndarray]]


def _capital_parts(path: TurnoverPath, params: Params, years: np.ndarray) -> SectorParts:
    """Eq. 7 by sector, each (..., 2, years): ΔYᴷ of plants and infrastructure, ΔYᴮ of construction.

    Yielded one at a time so that a 10,000-draw pass holds one part, not all of them, while adding them up.
    """
    industry, infrastructure, agro = sector_mix(params)
    hosted = np.asarray(params["realisation_share"], dtype=float)[..., None] * host_shares(params)
    ratios = capital_output_ratios(params)
    prices = (1 + _col(params["usd_inflation"]) / 100) ** (years - BASE_YEAR)
    capital_value = (path.capital[..., : len(years)] * prices)[..., None, :]  # (..., 1, years)
    per_ratio = (hosted / ratios)[..., None] * capital_value  # (..., 2, years)
    del capital_value
    build = np.asarray(params["build_value_added"], dtype=float)[..., None, None]
    yield INDUSTRY, industry[..., None, None] * per_ratio
    yield AGRICULTURE, agro[..., None, None] * per_ratio
    yield SERVICES, in_place(np.divide, infrastructure[..., None, None] * per_ratio, INFRASTRUCTURE_CAPITAL_MULTIPLE)
    yield CONSTRUCTION, build * hosted[..., None] * path.flow[..., None, : len(years)]


def capital_output(path: TurnoverPath, params: Params, years: np.ndarray) -> np.ndarray:
    """Eq. 7, ΔYᴷ (plants and infrastructure) and ΔYᴮ (construction in the spending year); (..., 2, 4, years)."""
    return _by_sector(_capital_parts(path, params, years))


def _sector_major(shape: tuple[int, ...], fill: np.ndarray | None = None) -> np.ndarray:
    """A (..., 2, 4, years) array stored sector by sector (a view of a (4, ..., 2, years) buffer), zeros or ``fill``.

    Each sector's slice is then one contiguous block, so adding a sector's part is a plain contiguous add
    rather than 2 × draws runs of a few years each.
    """
    buffer = np.zeros((4, *shape[:-2], shape[-1])) if fill is None else np.empty((4, *shape[:-2], shape[-1]))
    view = np.moveaxis(buffer, 0, -2)
    if fill is not None:
        np.copyto(view, np.broadcast_to(fill, shape))
    return view


def _by_sector(*part_sets: SectorParts, start: np.ndarray | None = None) -> np.ndarray:
    """Sector arrays (..., 2, years) added into one (..., 2, 4, years), at the draw shape common to all parts.

    ``start`` (..., 2, 4, years) is the array they are added to (zeros if omitted), set by set and sector by
    sector, so each element is ((start + first part) + second part) exactly as a sum of whole arrays gives it.
    The parts may carry different leading draw axes when only some parameters are arrays of draws. The
    result is stored sector by sector (see :func:`_sector_major`); its values do not depend on that.
    """
    total, owned = start, False
    for parts in part_sets:
        for sector, part in parts:
            shape = part.shape[:-1] + (4, part.shape[-1])
            if total is None:
                total, owned = _sector_major(shape), True
            wanted = np.broadcast_shapes(total.shape, shape)
            if not owned or wanted != total.shape:
                total, owned = _sector_major(wanted, total), True
            total[..., sector, :] += part
    assert total is not None, "no sector parts"
    return total


def _trade_parts(extra_trade: np.ndarray, params: Params, baseline: Baseline) -> SectorParts:
    """Eq. 8 by sector (agriculture, then industry), each (..., 2, years)."""
    export_shares = np.array([baseline.uz_export_share, 1 - baseline.uz_export_share])
    exports = export_shares[:, None] * extra_trade[..., None, :]  # (..., 2, years)
    imports = exports[..., ::-1, :]
    value_added = _by_country(params["export_value_added_uz"], params["export_value_added_kz"])[..., None]
    agri_share = _col(params["export_agri_share"])[..., None, :]
    displaced = _col(params["import_displacement"])[..., None, :] * imports
    del imports
    goods = baseline.sector_shares[:, [AGRICULTURE, INDUSTRY]]
    goods = goods / goods.sum(axis=1, keepdims=True)
    added = value_added * exports
    del exports
    yield AGRICULTURE, in_place(np.subtract, added * agri_share, displaced * goods[:, 0, None])
    yield INDUSTRY, in_place(np.subtract, added * (1 - agri_share), displaced * goods[:, 1, None])


def trade_output(extra_trade: np.ndarray, params: Params, baseline: Baseline) -> np.ndarray:
    """Eq. 8, ΔYˣᵢ = αᵢ ΔXᵢ − μ ΔMᵢ with ΔXᵢ = sᵢ × extra trend-and-facilitation trade; (..., 2, 4, years).

    Exports land in agriculture and industry by ``export_agri_share``; the displaced home production
    in proportion to the importer's own agriculture and industry shares.
    """
    return _by_sector(_trade_parts(extra_trade, params, baseline))


def facilitated_partner_imports(path: TurnoverPath, baseline: Baseline, count: int) -> np.ndarray:
    """Mᴾᵢ,ₜ (Fₜ − 1): each country's extra imports from the partner due to facilitation; (..., 2, years)."""
    partner_exports = np.array([1 - baseline.uz_export_share, baseline.uz_export_share])
    imports_from_partner = partner_exports[:, None] * path.trend[..., None, :count]
    return in_place(np.multiply, imports_from_partner, path.factor[..., None, :count] - 1)


def income_gain_pct(extra: np.ndarray, gdp_total: np.ndarray, domestic: np.ndarray,
                    elasticity: np.ndarray) -> np.ndarray:
    """Ŵᵢ = (λ'ᵢ/λᵢ)^(−1/θ) − 1 in %, λ' = λ − Mᴾ(F − 1)/Y, the ratio floored at ``MIN_DOMESTIC_SHARE_RATIO``."""
    ratio = np.maximum((domestic - extra / gdp_total) / domestic, MIN_DOMESTIC_SHARE_RATIO)
    return 100 * (ratio ** (-1 / elasticity) - 1)


def real_income_gain(path: TurnoverPath, gdp_total: np.ndarray, params: Params, baseline: Baseline,
                     years: np.ndarray) -> np.ndarray:
    """Eq. 10 (Arkolakis–Costinot–Rodríguez-Clare), Ŵᵢ = (λ'ᵢ/λᵢ)^(−1/θ) − 1 in %, facilitation only."""
    return income_gain_pct(facilitated_partner_imports(path, baseline, len(years)), gdp_total,
                           1 - baseline.import_share_gdp[:, None], _col(params["trade_elasticity"])[..., None, :])


def project_gdp(params: Params, baseline: Baseline, path: TurnoverPath, bau_trend_facilitated: np.ndarray,
                years: np.ndarray) -> GdpPath:
    """Eq. 9, Yᵢ,ₛ,ₜ = Yᵇ + ΔYᴷ + ΔYᴮ + ΔYˣ over ``years`` (a prefix of the turnover years).

    The parts are added into one array sector by sector (no whole-array temporaries); eq. 10 is left to
    :attr:`GdpPath.real_income_gain_pct`, evaluated when read.
    """
    count = len(years)
    extra_trade = in_place(np.subtract, path.trend[..., :count] + path.facilitation[..., :count],
                           bau_trend_facilitated[..., :count])
    by_sector = _by_sector(_capital_parts(path, params, years), _trade_parts(extra_trade, params, baseline),
                           start=baseline_gdp(params, baseline, years))
    population = baseline.population_base[:, None] * (1 + baseline.population_growth[:, None]) ** (years - BASE_YEAR)
    return GdpPath(years, by_sector, population, facilitated_partner_imports(path, baseline, count),
                   _col(params["trade_elasticity"])[..., None, :], 1 - baseline.import_share_gdp[:, None])
