"""The bilateral trade-cost level by inverse gravity, and the trade-cost cut in border-crossing days.

Novy (2013), "Gravity Redux: Measuring International Trade Costs with Panel Data", Economic Inquiry 51(1),
eq. 7 with the trade elasticity θ in place of σ − 1: the tariff equivalent of the trade costs between i and j,
relative to the costs of trading at home, is

    aᵢⱼ = (xᵢᵢ xⱼⱼ / (xᵢⱼ xⱼᵢ))^(1/(2θ)) − 1,

with xᵢᵢ = GDPᵢ − total exportsᵢ (what a country buys from itself) and xᵢⱼ the bilateral flows. The level is
tied to θ: a lower θ needs a higher cost to explain the same (small) bilateral flows.

Border days: Hummels & Schaur (2013), "Time as a Trade Barrier", American Economic Review 103(7), abstract:
each day in transit is equivalent to an ad-valorem tariff of 0.6 to 2.1 percent.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from model.data import COUNTRIES, BaselineTables, DataError, macro_series

HUMMELS_SCHAUR_PCT_PER_DAY = (0.6, 2.1)  # ad-valorem equivalent of one day in transit, %, low and high
# Kim & Mariano (2020), ADBI Working Paper 1106: 10 % less waiting time at the importer's border raised trade
# among CAREC members by 1.41 %.
KIM_MARIANO_WAIT_CUT_PCT, KIM_MARIANO_TRADE_GAIN_PCT = 10.0, 1.41


@dataclass(frozen=True)
class NovyInputs:
    """The flows of one year that the inverse-gravity measure needs, USD bn.

    Attributes
    ----------
    year : int
        The latest year with GDP, the export share of GDP of both countries and both bilateral directions.
    domestic : ndarray, shape (2,)
        xᵢᵢ = GDPᵢ (1 − exports of goods and services ÷ GDP), countries in ``COUNTRIES`` order.
    uz_to_kz, kz_to_uz : float
        Uzbek-reported exports to and imports from Kazakhstan.
    """

    year: int
    domestic: np.ndarray
    uz_to_kz: float
    kz_to_uz: float

    @property
    def log_ratio(self) -> float:
        """ln(x_UZ,UZ · x_KZ,KZ / (x_UZ,KZ · x_KZ,UZ)): the larger, the costlier bilateral trade."""
        return float(np.log(self.domestic[0] * self.domestic[1] / (self.uz_to_kz * self.kz_to_uz)))


def novy_inputs(tables: BaselineTables) -> NovyInputs:
    """Read the latest year with every input from the validated tables; :class:`DataError` if there is none.

    Parameters
    ----------
    tables : BaselineTables
        GDP (current USD bn) and exports of goods and services (% of GDP) from ``macro.csv`` (World Bank WDI), and
        both bilateral directions from ``bilateral_trade.csv`` (Uzbek-reported, USD bn).

    Returns
    -------
    NovyInputs
        The year and its flows, USD bn.

    Raises
    ------
    DataError
        No year has all of them.
    """
    trade = tables.bilateral.set_index("year")[["uz_exports_to_kz_usd_bn", "uz_imports_from_kz_usd_bn"]].dropna()
    gdp = [macro_series(tables, "gdp_current_usd", c) for c in COUNTRIES]
    exports = [macro_series(tables, "exports_goods_services", c) for c in COUNTRIES]
    years = set(trade.index)
    for series in (*gdp, *exports):
        years &= set(series.index)
    if not years:
        raise DataError("no year has GDP, exports of both countries and both trade directions; the trade-cost "
                        "level cannot be derived")
    year = max(years)
    domestic = np.array([g.loc[year] * (1 - e.loc[year] / 100) for g, e in zip(gdp, exports, strict=True)])
    row = trade.loc[year]
    return NovyInputs(int(year), domestic, float(row.iloc[0]), float(row.iloc[1]))


def novy_trade_cost(log_ratio: float | np.ndarray, elasticity: float | np.ndarray) -> np.ndarray:
    """A = exp(ln R / (2θ)) − 1: the ad-valorem equivalent (1.3 = 130 %) for the log flow ratio ``ln R``; shape of θ.

    Parameters
    ----------
    log_ratio : float or ndarray
        ln R = ln(x_UZ,UZ · x_KZ,KZ / (x_UZ,KZ · x_KZ,UZ)) (:attr:`NovyInputs.log_ratio`).
    elasticity : float or ndarray
        θ, the trade elasticity (> 0).

    Returns
    -------
    ndarray
        The tariff equivalent a as a ratio (Novy 2013, eq. 7), broadcast shape of the two inputs.
    """
    return np.expm1(np.asarray(log_ratio, dtype=float) / (2 * np.asarray(elasticity, dtype=float)))


def trade_cost_share(log_ratio: float | np.ndarray, elasticity: float | np.ndarray) -> np.ndarray:
    """The share of the delivered price that is bilateral trade cost, a/(1 + a) = 1 − R^(−1/(2θ)) (eq. 2).

    Parameters
    ----------
    log_ratio : float or ndarray
        ln R, as for :func:`novy_trade_cost`.
    elasticity : float or ndarray
        θ (> 0).

    Returns
    -------
    ndarray
        a/(1 + a), a fraction in [0, 1) for R ≥ 1, broadcast shape of the inputs.
    """
    return -np.expm1(-np.asarray(log_ratio, dtype=float) / (2 * np.asarray(elasticity, dtype=float)))


def cut_as_border_days(cut_pct: float, cost_level: float) -> tuple[float, float]:
    """Border days whose saving is worth a cut of ``cut_pct`` % in the trade cost ``cost_level`` (ratio).

    The cut lowers the ad-valorem equivalent by cut × a percentage points; at 0.6–2.1 points a day (Hummels &
    Schaur 2013) that is (100 · cut/100 · a / 2.1, 100 · cut/100 · a / 0.6) days: (fewest, most).

    Parameters
    ----------
    cut_pct : float
        The trade-cost cut, % of the ad-valorem equivalent.
    cost_level : float
        a, the ad-valorem equivalent as a ratio (:func:`novy_trade_cost`).

    Returns
    -------
    fewest, most : float
        Days in transit, at 2.1 and at 0.6 percentage points a day.
    """
    points = cut_pct * cost_level
    low, high = HUMMELS_SCHAUR_PCT_PER_DAY
    return points / high, points / low


def border_days_as_cut(days: float, cost_level: float) -> tuple[float, float]:
    """The trade-cost cut, %, that ``days`` saved at the border amount to: (smallest, largest), the inverse above.

    Parameters
    ----------
    days : float
        Days in transit saved.
    cost_level : float
        a, the ad-valorem equivalent as a ratio (> 0).

    Returns
    -------
    smallest, largest : float
        The cut, % of the trade cost, at 0.6 and at 2.1 percentage points a day (Hummels & Schaur 2013).
    """
    low, high = HUMMELS_SCHAUR_PCT_PER_DAY
    return days * low / cost_level, days * high / cost_level
