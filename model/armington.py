"""General-equilibrium check of the facilitation effect: one-sector Armington model, UZ, KZ and rest of world.

The partial-equilibrium (PE) effect the projection uses (MODEL.md eq. 2) raises each bilateral flow by
F = τ̂^(−θ) and holds everything else. In general equilibrium (GE) the cheaper partner good also lowers the
importer's price index (trade is diverted from home and ROW goods) and moves each country's income. With
flows Xᵢⱼ (exporter i, importer j), output Yᵢ = Σⱼ Xᵢⱼ, spending Eⱼ = Σᵢ Xᵢⱼ and the deficit Dⱼ = Eⱼ − Yⱼ held
fixed (Dekle, Eaton & Kortum 2007, "exact hat algebra"), the counterfactual is

    X'ᵢⱼ = πᵢⱼ (ŵᵢ τ̂ᵢⱼ)^(−θ) / Φⱼ · E'ⱼ,   Φⱼ = Σₖ πₖⱼ (ŵₖ τ̂ₖⱼ)^(−θ),   E'ⱼ = ŵⱼ Yⱼ + Dⱼ,
    ŵᵢ Yᵢ = Σⱼ X'ᵢⱼ                                                (market clearing, Σᵢ ŵᵢ Yᵢ = Σᵢ Yᵢ),

with πᵢⱼ = Xᵢⱼ/Eⱼ. For a flow between the partners GE/PE = ŵᵢ^(−θ) Êⱼ / Φⱼ. The solver iterates
ŵᵢ ← ŵᵢ (demandᵢ / supplyᵢ)^(1/(1+θ)) (normalised to world GDP) with :func:`scipy.optimize.fixed_point`.

Small-share bound (first order in d = ln F; shares below ε): ln Φⱼ = πᵢⱼ d + O(ε·w), and each wage moves by
|wᵢ| ≤ ε d / cᵢ with cᵢ = (1 − sᵢᵢ) + θ(1 − sᵢᵢ πᵢᵢ) (sᵢᵢ: home share of i's sales, πᵢᵢ: of its spending).
Hence |ln(GE/PE)| ≤ ε d (1 + (1 + 2θ)/min cᵢ): :func:`small_share_bound`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import optimize

from model import projection
from model.baseline import Baseline
from model.data import COUNTRIES, BaselineTables, macro_series

REGIONS = ("UZ", "KZ", "ROW")
UZ, KZ, ROW = 0, 1, 2
# World GDP 2024, current USD bn: World Bank WDI (NY.GDP.MKTP.CD) world total USD 111.33 trillion, read from a
# secondary compilation (statbase.org, "GDP (World Bank data)"), not from the shipped data: an assumption. The
# result hardly depends on it (ROW is ~250 times either partner; the test doubles it).
WORLD_GDP_USD_BN = 111_330.0


@dataclass(frozen=True)
class TradeMatrix:
    """A 3×3 matrix of flows, USD bn: ``flows[i, j]`` from exporter i to importer j, regions ``REGIONS``.

    Built from the shipped data (:func:`build_matrix`): bilateral flows; each country's exports and imports of
    goods and services (% GDP × GDP) for its trade with ROW; its GDP less exports for home sales; ROW's home
    sales from world GDP (an assumption, :data:`WORLD_GDP_USD_BN`).

    Attributes
    ----------
    flows : ndarray, shape (3, 3)
        Xᵢⱼ, USD bn.
    year : int
        The data year.
    """

    flows: np.ndarray
    year: int

    @property
    def output(self) -> np.ndarray:
        """Yᵢ = Σⱼ Xᵢⱼ, shape (3,)."""
        return np.asarray(self.flows.sum(axis=1))

    @property
    def spending(self) -> np.ndarray:
        """Eⱼ = Σᵢ Xᵢⱼ, shape (3,)."""
        return np.asarray(self.flows.sum(axis=0))

    @property
    def import_shares(self) -> np.ndarray:
        """πᵢⱼ = Xᵢⱼ / Eⱼ (columns sum to 1)."""
        return np.asarray(self.flows / self.spending[None, :])

    @property
    def sales_shares(self) -> np.ndarray:
        """sᵢⱼ = Xᵢⱼ / Yᵢ (rows sum to 1)."""
        return np.asarray(self.flows / self.output[:, None])


def _latest_common_year(tables: BaselineTables) -> int:
    bilateral = tables.bilateral.dropna(subset=["uz_exports_to_kz_usd_bn", "uz_imports_from_kz_usd_bn"])
    years = set(int(y) for y in bilateral["year"])
    for series in ("gdp_current_usd", "exports_goods_services", "imports_goods_services"):
        for country in COUNTRIES:
            years &= set(int(y) for y in macro_series(tables, series, country).index)
    if not years:
        raise ValueError("GE check: no year has both bilateral directions and both countries' GDP and trade")
    return max(years)


def build_matrix(tables: BaselineTables, world_gdp_usd_bn: float = WORLD_GDP_USD_BN,
                 year: int | None = None) -> TradeMatrix:
    """The 3×3 flow matrix for ``year`` (default: the latest year every input has), USD bn.

    Parameters
    ----------
    tables : BaselineTables
        Bilateral flows (``bilateral_trade.csv``, Uzbek-reported, USD bn); GDP (current USD bn) and exports and
        imports of goods and services (% of GDP) of UZ and KZ (``macro.csv``, World Bank WDI).
    world_gdp_usd_bn : float, default ``WORLD_GDP_USD_BN``
        World GDP, current USD bn (an assumption, see the constant).
    year : int, optional
        The matrix's year; the latest with every input when omitted.

    Returns
    -------
    TradeMatrix
        ``flows[i, j]`` exporter i to importer j, regions UZ, KZ, ROW, USD bn.

    Raises
    ------
    ValueError
        If a flow comes out negative (e.g. bilateral exports above total exports) or data are missing.
    """
    year = _latest_common_year(tables) if year is None else year
    row = tables.bilateral.set_index("year").loc[year]
    uz_to_kz, kz_to_uz = float(row["uz_exports_to_kz_usd_bn"]), float(row["uz_imports_from_kz_usd_bn"])
    gdp, exports, imports = {}, {}, {}
    for c in COUNTRIES:
        gdp[c] = float(macro_series(tables, "gdp_current_usd", c)[year])
        exports[c] = gdp[c] * float(macro_series(tables, "exports_goods_services", c)[year]) / 100
        imports[c] = gdp[c] * float(macro_series(tables, "imports_goods_services", c)[year]) / 100
    flows = np.zeros((3, 3))
    flows[UZ, KZ], flows[KZ, UZ] = uz_to_kz, kz_to_uz
    flows[UZ, ROW], flows[KZ, ROW] = exports["UZ"] - uz_to_kz, exports["KZ"] - kz_to_uz
    flows[ROW, UZ], flows[ROW, KZ] = imports["UZ"] - kz_to_uz, imports["KZ"] - uz_to_kz
    flows[UZ, UZ], flows[KZ, KZ] = gdp["UZ"] - exports["UZ"], gdp["KZ"] - exports["KZ"]
    row_gdp = world_gdp_usd_bn - gdp["UZ"] - gdp["KZ"]
    flows[ROW, ROW] = row_gdp - flows[ROW, UZ] - flows[ROW, KZ]
    if (flows <= 0).any():
        raise ValueError(f"GE check: a flow of the {year} matrix is not positive: {flows.round(2).tolist()}")
    return TradeMatrix(flows, year)


def pair_cost_change(cut_pct: float, cost_level: float) -> np.ndarray:
    """τ̂ (3×3): 1 − τ·a/(1 + a) between UZ and KZ in both directions (MODEL.md eq. 2 at full phase-in), else 1.

    Parameters
    ----------
    cut_pct : float
        τ, the trade-cost cut, % of the ad-valorem equivalent.
    cost_level : float
        a, the ad-valorem equivalent as a ratio (inverse gravity, :func:`model.tradecost.novy_trade_cost`).

    Returns
    -------
    ndarray, shape (3, 3)
        Gross trade-cost changes τ̂ᵢⱼ (ratio), 1 off the UZ–KZ pair.
    """
    tau = np.ones((3, 3))
    tau[UZ, KZ] = tau[KZ, UZ] = 1 - cut_pct / 100 * cost_level / (1 + cost_level)
    return tau


def _demand(wages: np.ndarray, matrix: TradeMatrix, preference: np.ndarray, theta: float) -> np.ndarray:
    """X'ᵢⱼ at wages ŵ; ``preference`` = πᵢⱼ τ̂ᵢⱼ^(−θ)."""
    deficit = matrix.spending - matrix.output
    weights = preference * wages[:, None] ** (-theta)
    spending = wages * matrix.output + deficit
    return np.asarray(weights / weights.sum(axis=0, keepdims=True) * spending[None, :])


@dataclass(frozen=True)
class Equilibrium:
    """A solved counterfactual: wages ŵ (3,) normalised to world GDP, new flows (3×3), max market-clearing error.

    Attributes
    ----------
    wages : ndarray, shape (3,)
        ŵ for UZ, KZ, ROW (ratio; world output unchanged).
    flows : ndarray, shape (3, 3)
        X'ᵢⱼ, USD bn.
    residual : float
        Largest market-clearing error as a fraction of world output.
    """

    wages: np.ndarray
    flows: np.ndarray
    residual: float


def solve(matrix: TradeMatrix, tau_hat: np.ndarray, theta: float) -> Equilibrium:
    """The GE counterfactual for trade-cost changes ``tau_hat`` (n×n, like the matrix) and elasticity ``theta`` (> 0).

    Parameters
    ----------
    matrix : TradeMatrix
        Base flows, USD bn.
    tau_hat : ndarray, shape (n, n)
        Gross trade-cost changes τ̂ᵢⱼ (ratio).
    theta : float
        θ, the trade elasticity (> 0).

    Returns
    -------
    Equilibrium
        Wages ŵ (n,), new flows (n × n, USD bn) and the market-clearing error (fraction of world output).

    Raises
    ------
    ValueError
        If θ is not positive or the fixed point does not clear markets to 1e-9 of world output.
    RuntimeError
        From :func:`scipy.optimize.fixed_point` if it does not converge.
    """
    if not theta > 0:
        raise ValueError(f"GE check: trade elasticity must be positive, got {theta!r}")
    preference = matrix.import_shares * tau_hat ** (-theta)
    output = matrix.output
    world = output.sum()

    def update(wages: np.ndarray) -> np.ndarray:
        # Levels near 1, not logs: fixed_point's tolerance is relative, and ROW's log wage sits at ~0.
        sales = _demand(wages, matrix, preference, theta).sum(axis=1)
        moved = wages * (sales / (wages * output)) ** (1 / (1 + theta))
        return np.asarray(moved * world / (moved @ output))

    wages = np.asarray(optimize.fixed_point(update, np.ones(len(output)), xtol=1e-12, maxiter=5000))
    flows = _demand(wages, matrix, preference, theta)
    residual = float(np.max(np.abs(flows.sum(axis=1) - wages * output)) / world)
    if residual > 1e-9:
        raise ValueError(f"GE check: markets do not clear (error {residual:.2e} of world output)")
    return Equilibrium(wages, flows, residual)


def largest_bilateral_share(matrix: TradeMatrix) -> float:
    """ε: the largest share of the partner in a country's sales or spending (UZ and KZ), a fraction.

    Parameters
    ----------
    matrix : TradeMatrix
        Flows, USD bn.

    Returns
    -------
    float
        max(s_UZ,KZ, s_KZ,UZ, π_UZ,KZ, π_KZ,UZ), a fraction.
    """
    sales, spending = matrix.sales_shares, matrix.import_shares
    return float(max(sales[UZ, KZ], sales[KZ, UZ], spending[UZ, KZ], spending[KZ, UZ]))


def small_share_bound(matrix: TradeMatrix, theta: float, log_factor: float) -> float:
    """First-order bound on |ln(GE/PE)| for a partner flow: ε d (1 + (1 + 2θ)/min cᵢ), see the module text.

    ε is the largest bilateral share (of sales or spending) between the partners, d = ln F the PE shock.

    Parameters
    ----------
    matrix : TradeMatrix
        Flows, USD bn.
    theta : float
        θ, the trade elasticity.
    log_factor : float
        d = ln F, the PE shock to the partner flows (log points).

    Returns
    -------
    float
        The bound, log points.
    """
    sales, spending = matrix.sales_shares, matrix.import_shares
    epsilon = largest_bilateral_share(matrix)
    c = [(1 - sales[i, i]) + theta * (1 - sales[i, i] * spending[i, i]) for i in (UZ, KZ)]
    return float(epsilon * abs(log_factor) * (1 + (1 + 2 * theta) / min(c)))


@dataclass(frozen=True)
class GeCheck:
    """PE against GE for one trade-cost cut: bilateral turnover change in %, and the bound.

    Attributes
    ----------
    cut_pct, cost_level, theta : float
        The scenario's τ (%), a and θ used.
    pe_change_pct, ge_change_pct : float
        Bilateral turnover (both directions) after the cut ÷ before, − 1, in %: PE (F − 1) and GE.
    gap_pct_of_pe : float
        (GE − PE) ÷ PE change, %; 0 when there is no cut.
    log_gap, bound : float
        max over the two flows of |ln(GE/PE)|, and :func:`small_share_bound`.
    wages : ndarray, shape (3,)
        ŵ for UZ, KZ, ROW.
    year : int
        The matrix's year.
    """

    cut_pct: float
    cost_level: float
    theta: float
    pe_change_pct: float
    ge_change_pct: float
    gap_pct_of_pe: float
    log_gap: float
    bound: float
    wages: np.ndarray
    year: int


def pe_ge_check(matrix: TradeMatrix, cut_pct: float, cost_level: float, theta: float) -> GeCheck:
    """Solve the GE counterfactual of a cut ``cut_pct`` (%) in the ad-valorem cost ``cost_level`` and compare.

    Parameters
    ----------
    matrix : TradeMatrix
        Base flows, USD bn.
    cut_pct : float
        τ, % of the ad-valorem equivalent.
    cost_level : float
        a, the ad-valorem equivalent as a ratio.
    theta : float
        θ, the trade elasticity (> 0).

    Returns
    -------
    GeCheck
        PE and GE change of bilateral turnover (%), their gap and the small-share bound.
    """
    tau_hat = pair_cost_change(cut_pct, cost_level)
    factor = float(tau_hat[UZ, KZ] ** (-theta))
    equilibrium = solve(matrix, tau_hat, theta)
    pair = [(UZ, KZ), (KZ, UZ)]
    before = sum(matrix.flows[i, j] for i, j in pair)
    after = sum(equilibrium.flows[i, j] for i, j in pair)
    pe_change, ge_change = factor - 1, after / before - 1
    log_gap = max(abs(np.log(equilibrium.flows[i, j] / (matrix.flows[i, j] * factor))) for i, j in pair)
    gap = 0.0 if pe_change == 0 else (ge_change - pe_change) / pe_change
    return GeCheck(cut_pct, cost_level, theta, 100 * pe_change, 100 * ge_change, 100 * gap, float(log_gap),
                   small_share_bound(matrix, theta, np.log(factor)), equilibrium.wages, matrix.year)


def scenario_cost_level(values: Mapping[str, float], baseline: Baseline) -> float:
    """a, the ad-valorem trade cost the scenario's cut applies to: inverse gravity at the long-run θ (eq. 2).

    Parameters
    ----------
    values : mapping of str to float
        The complete scenario (its ``trade_elasticity``, long-run θ).
    baseline : Baseline
        The inverse-gravity log flow ratio (:attr:`Baseline.trade_cost_log_ratio`).

    Returns
    -------
    float
        a as a ratio (1.3 = 130 %).
    """
    return float(np.asarray(projection.trade_cost_level(values, baseline)).ravel()[0])


def scenario_ge_checks(tables: BaselineTables, baseline: Baseline, values: Mapping[str, float],
                       reference_cuts: Sequence[float] = ()) -> tuple[GeCheck, list[GeCheck]]:
    """:func:`pe_ge_check` for a scenario's cut, cost level and long-run θ, and for ``reference_cuts`` (%).

    Parameters
    ----------
    tables : BaselineTables
        The data the flow matrix is built from (:func:`build_matrix`).
    baseline : Baseline
        For the cost level.
    values : mapping of str to float
        The complete scenario: ``trade_cost_cut`` (%) and ``trade_elasticity`` (θ).
    reference_cuts : sequence of float, default ()
        Further cuts, %.

    Returns
    -------
    scenario : GeCheck
        At the scenario's own cut.
    references : list of GeCheck
        One per reference cut, in order.
    """
    matrix = build_matrix(tables)
    level, theta = scenario_cost_level(values, baseline), float(values["trade_elasticity"])
    scenario = pe_ge_check(matrix, float(values["trade_cost_cut"]), level, theta)
    return scenario, [pe_ge_check(matrix, cut, level, theta) for cut in reference_cuts]
