"""Rolling-origin back-test: how well each forecasting rule would have predicted the turnover now observed.

From each origin year (2018–2023) an analyst forecasts 1 to 5 years ahead with only what was known in that
year, and the forecast is scored against the turnover observed later. The series is the Uzbek-reported one
(rows whose reporter includes UZ), so a change of reporter never shows up as a forecast error. Rules:

* ``trend`` — the app's own rule (MODEL.md eq. 1): compound growth over the same window length the app uses
  for its default (``trade_growth``'s ``turnover_cagr_START_END`` derivation), ending at the origin and
  starting at the first observed year inside that window, extrapolated.
* ``gdp_linked`` — turnover grows with the two economies' combined nominal USD GDP, each growing at
  (1 + mean real growth over the five years to the origin, at least three observed)(1 + π) − 1, the app's own GDP rule
  (:func:`model.baseline.nominal_gdp_growth`) as it could have been applied at the origin.
* ``gdp_realised`` — the same link with the GDP that was actually realised: an ex-post conditional forecast
  (it knows the future GDP), shown as a check on the link, never as a competitor.
* ``random_walk`` — no change from the origin level, the benchmark Theil's U is measured against.

Scores per horizon: mean absolute percentage error and Theil's U2 (root of the summed squared forecast errors
over that of the random walk, each relative to the origin level; U < 1 beats the random walk). Every rule is
scored on the same (origin, horizon) cases: those where all real-time rules have a forecast and the target
year is observed.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from model.data import COUNTRIES, BaselineTables, macro_series

ORIGINS = tuple(range(2018, 2024))
HORIZONS = tuple(range(1, 6))
REAL_TIME_RULES = ("trend", "gdp_linked", "random_walk")
RULES = ("trend", "gdp_linked", "gdp_realised", "random_walk")
GDP_WINDOW_YEARS = 5  # the app's nominal GDP growth averages five years of real growth (2021–2025)
GDP_MIN_YEARS = 3  # the shipped macro series start in 2015: origin 2018 has four years, still a fair mean
REPORTER = "UZ"
_TREND_RULE = re.compile(r"turnover_cagr_(\d{4})_(\d{4})")


def one_reporter_series(tables: BaselineTables, reporter: str = REPORTER) -> pd.Series:
    """Turnover (USD bn) by year from the rows whose ``reporter`` names ``reporter`` (e.g. "UZ" or "KZ/UZ").

    Parameters
    ----------
    tables : BaselineTables
        Its ``bilateral_trade.csv`` rows.
    reporter : str, default "UZ"
        The reporting side to keep.

    Returns
    -------
    pandas.Series
        USD bn, int year index ascending; years reported only by the other side absent.
    """
    bilateral = tables.bilateral
    keep = bilateral["reporter"].astype(str).map(lambda text: reporter in re.split(r"[/,; ]+", text.strip()))
    return bilateral[keep].set_index("year")["turnover_usd_bn"].astype(float).sort_index()


def trend_window_years(registry_document: Mapping[str, Any]) -> int:
    """Length in years of the window the app's trend default is computed over, read from the registry file.

    Parameters
    ----------
    registry_document : mapping
        The raw ``data/assumptions.yaml`` (:func:`model.registry.read_registry_file`).

    Returns
    -------
    int
        END − START of the ``turnover_cagr_START_END`` rule, years.

    Raises
    ------
    ValueError
        If ``trade_growth``'s default is not a ``turnover_cagr_START_END`` derivation.
    """
    entry = next(e for e in registry_document["parameters"] if e["key"] == "trade_growth")
    rule = entry["default"].get("derive", "") if isinstance(entry["default"], Mapping) else ""
    match = _TREND_RULE.fullmatch(str(rule))
    if match is None:
        raise ValueError(f"trade_growth default {entry['default']!r} is not a turnover_cagr_START_END rule")
    return int(match.group(2)) - int(match.group(1))


def trend_growth_at(series: pd.Series, origin: int, window: int) -> float | None:
    """The trend rule's growth known at ``origin`` (fraction per year), or None without an earlier observation.

    Compound growth from the first observed year in [origin − window, origin) to ``origin``.

    Parameters
    ----------
    series : pandas.Series
        Turnover by year, USD bn (:func:`one_reporter_series`).
    origin : int
        The forecast origin.
    window : int
        Window length, years (:func:`trend_window_years`).

    Returns
    -------
    float or None
        Growth as a fraction per year.
    """
    if origin not in series.index:
        return None
    earlier = [year for year in series.index if origin - window <= year < origin]
    if not earlier:
        return None
    start = min(earlier)
    return float((series[origin] / series[start]) ** (1 / (origin - start)) - 1)


def expected_gdp_growth_at(tables: BaselineTables, origin: int, inflation_pct: float) -> dict[str, float] | None:
    """Each country's expected nominal USD GDP growth at ``origin`` (fraction per year), or None if data lack.

    Parameters
    ----------
    tables : BaselineTables
        Turnover from ``bilateral_trade.csv`` (USD bn; Uzbek-reported rows used) and GDP and real growth from
        ``macro.csv`` (World Bank WDI).
    origin : int
        The forecast origin; real growth of the ``GDP_WINDOW_YEARS`` years to it (at least ``GDP_MIN_YEARS``).
    inflation_pct : float
        π, US dollar inflation, % per year (registry ``usd_inflation``).

    Returns
    -------
    dict of str to float or None
        Growth by country (``UZ``, ``KZ``), fraction per year.
    """
    out = {}
    for country in COUNTRIES:
        real = macro_series(tables, "real_gdp_growth", country).loc[origin - GDP_WINDOW_YEARS + 1:origin]
        if len(real) < GDP_MIN_YEARS:
            return None
        out[country] = (1 + real.mean() / 100) * (1 + inflation_pct / 100) - 1
    return out


def _gdp(tables: BaselineTables, year: int) -> dict[str, float] | None:
    values = {c: macro_series(tables, "gdp_current_usd", c).get(year) for c in COUNTRIES}
    return None if any(v is None for v in values.values()) else {c: float(v) for c, v in values.items()}


def _forecasts_from(tables: BaselineTables, series: pd.Series, origin: int, horizon: int, window: int,
                    inflation_pct: float) -> dict[str, float | None]:
    level = float(series[origin])
    trend = trend_growth_at(series, origin, window)
    expected = expected_gdp_growth_at(tables, origin, inflation_pct)
    gdp_now, gdp_then = _gdp(tables, origin), _gdp(tables, origin + horizon)
    gdp_linked = None
    if expected is not None and gdp_now is not None:
        grown = sum(gdp_now[c] * (1 + expected[c]) ** horizon for c in COUNTRIES)
        gdp_linked = level * grown / sum(gdp_now.values())
    realised = None
    if gdp_now is not None and gdp_then is not None:
        realised = level * sum(gdp_then.values()) / sum(gdp_now.values())
    return {"trend": None if trend is None else level * (1 + trend) ** horizon, "gdp_linked": gdp_linked,
            "gdp_realised": realised, "random_walk": level}


def rolling_forecasts(tables: BaselineTables, window: int, inflation_pct: float,
                      origins: Iterable[int] = ORIGINS, horizons: Iterable[int] = HORIZONS) -> pd.DataFrame:
    """Every scored case: origin, horizon, year, origin_usd_bn, observed_usd_bn and one column per rule (USD bn).

    A case is kept only when the origin and the target year are observed in the one-reporter series and every
    real-time rule has a forecast, so all rules are scored on the same cases.

    Parameters
    ----------
    tables : BaselineTables
        Turnover from ``bilateral_trade.csv`` (USD bn; Uzbek-reported rows used) and GDP and real growth from
        ``macro.csv`` (World Bank WDI).
    window : int
        The trend rule's window, years.
    inflation_pct : float
        π, % per year.
    origins : iterable of int, default 2018–2023
        Forecast origins.
    horizons : iterable of int, default 1–5
        Years ahead.

    Returns
    -------
    pandas.DataFrame
        One row per case; ``gdp_realised`` NaN where the realised GDP is missing.
    """
    series = one_reporter_series(tables)
    rows = []
    for origin in origins:
        for horizon in horizons:
            year = origin + horizon
            if origin not in series.index or year not in series.index:
                continue
            forecasts = _forecasts_from(tables, series, origin, horizon, window, inflation_pct)
            if any(forecasts[rule] is None for rule in REAL_TIME_RULES):
                continue
            rows.append({"origin": origin, "horizon": horizon, "year": year,
                         "origin_usd_bn": float(series[origin]), "observed_usd_bn": float(series[year]),
                         **{rule: (math.nan if value is None else value) for rule, value in forecasts.items()}})
    columns = ["origin", "horizon", "year", "origin_usd_bn", "observed_usd_bn", *RULES]
    return pd.DataFrame(rows, columns=columns)


def theil_u(forecast: np.ndarray, observed: np.ndarray, origin_level: np.ndarray) -> float:
    """Theil's U2: √Σ((F − A)/A₀)² ÷ √Σ((A₀ − A)/A₀)²; NaN when the random walk has no error at all.

    Parameters
    ----------
    forecast, observed, origin_level : ndarray, shape (n,)
        F, A and A₀ per case, USD bn.

    Returns
    -------
    float
        U2 (ratio; < 1 beats the random walk).
    """
    denominator = float(np.sqrt(np.sum(((origin_level - observed) / origin_level) ** 2)))
    if denominator == 0:
        return math.nan
    return float(np.sqrt(np.sum(((forecast - observed) / origin_level) ** 2))) / denominator


def mape_pct(forecast: np.ndarray, observed: np.ndarray) -> float:
    """Mean absolute percentage error, %.

    Parameters
    ----------
    forecast, observed : ndarray, shape (n,)
        Per case, USD bn (observed non-zero).

    Returns
    -------
    float
        100 · mean(|F/A − 1|), %.
    """
    return float(100 * np.mean(np.abs(forecast / observed - 1)))


def score(cases: pd.DataFrame) -> pd.DataFrame:
    """One row per rule and horizon (horizon 0 = all horizons pooled): n, mape_pct, theil_u.

    Parameters
    ----------
    cases : pandas.DataFrame
        From :func:`rolling_forecasts`.

    Returns
    -------
    pandas.DataFrame
        Columns ``rule``, ``horizon``, ``n`` (cases), ``mape_pct`` (%) and ``theil_u`` (ratio).
    """
    rows = []
    groups = [(int(h), frame) for h, frame in cases.groupby("horizon")] + [(0, cases)]
    for horizon, frame in groups:
        for rule in RULES:
            usable = frame[frame[rule].notna()]
            if usable.empty:
                continue
            rows.append({"rule": rule, "horizon": horizon, "n": len(usable),
                         "mape_pct": mape_pct(usable[rule].to_numpy(), usable["observed_usd_bn"].to_numpy()),
                         "theil_u": theil_u(usable[rule].to_numpy(), usable["observed_usd_bn"].to_numpy(),
                                            usable["origin_usd_bn"].to_numpy())})
    return pd.DataFrame(rows, columns=["rule", "horizon", "n", "mape_pct", "theil_u"])


@dataclass(frozen=True)
class Backtest:
    """The scored cases, the score table and the verdict.

    Attributes
    ----------
    cases : DataFrame
        :func:`rolling_forecasts`.
    scores : DataFrame
        :func:`score`.
    favoured : str
        The real-time rule with the lowest pooled Theil's U (ties: lower pooled MAPE).
    window : int
        The trend rule's window, years.
    years : tuple of int
        The observed years of the one-reporter series.
    """

    cases: pd.DataFrame
    scores: pd.DataFrame
    favoured: str
    window: int
    years: tuple[int, ...]

    def pooled(self, rule: str) -> Mapping[str, float]:
        """The all-horizons row of ``rule``: n, mape_pct, theil_u.

        Parameters
        ----------
        rule : str
            One of ``RULES``.

        Returns
        -------
        mapping of str to float
            ``n`` (cases), ``mape_pct`` (%) and ``theil_u`` (ratio).
        """
        row = self.scores[(self.scores["rule"] == rule) & (self.scores["horizon"] == 0)].iloc[0]
        return {"n": int(row["n"]), "mape_pct": float(row["mape_pct"]), "theil_u": float(row["theil_u"])}


def favoured_rule(scores: pd.DataFrame) -> str:
    """The real-time rule with the lowest pooled Theil's U (then the lowest pooled MAPE).

    Parameters
    ----------
    scores : pandas.DataFrame
        From :func:`score`.

    Returns
    -------
    str
        One of ``REAL_TIME_RULES``.
    """
    pooled = scores[(scores["horizon"] == 0) & scores["rule"].isin(REAL_TIME_RULES)]
    best = pooled.sort_values(["theil_u", "mape_pct"], na_position="last").iloc[0]
    return str(best["rule"])


def run_backtest(tables: BaselineTables, registry_document: Mapping[str, Any], inflation_pct: float) -> Backtest:
    """The back-test on ``tables`` with the trend window and π the registry uses.

    Parameters
    ----------
    tables : BaselineTables
        Turnover from ``bilateral_trade.csv`` (USD bn; Uzbek-reported rows used) and GDP and real growth from
        ``macro.csv`` (World Bank WDI).
    registry_document : mapping
        The raw ``data/assumptions.yaml`` (gives the trend window).
    inflation_pct : float
        π, % per year (the registry's ``usd_inflation`` default).

    Returns
    -------
    Backtest
        Cases, scores, the favoured rule, the window and the observed years.

    Raises
    ------
    ValueError
        If no (origin, horizon) case can be scored (too few observed years in the one-reporter series).
    """
    window = trend_window_years(registry_document)
    cases = rolling_forecasts(tables, window, inflation_pct)
    if cases.empty:
        raise ValueError("back-test: no origin 2018–2023 has an observed later year and an earlier one")
    scores = score(cases)
    years = tuple(int(y) for y in one_reporter_series(tables).index)
    return Backtest(cases, scores, favoured_rule(scores), window, years)
