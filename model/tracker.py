"""Track the current year as it comes in: the latest year-to-date turnover against the scenario and the goal.

A year-to-date figure is the Uzbek-reported turnover from January to the end of month ``months`` of ``year``
with the same months a year earlier (``data/turnover_ytd.csv``, or a user's own rows). The tracker sets its
year-on-year growth beside two yardsticks:

* the growth the scenario assumes for that year, T_y / T_(y−1) − 1 of the projected turnover (eq. 5);
* the growth per year the goal needs from the last full year, (goal / T_last)^(1 / (goal year − last)) − 1.

A short period is a noisy guide to the year (timing of large shipments, prices, the number of working days), so
:attr:`YtdTracker.short_period` flags one of up to :data:`SHORT_PERIOD_MONTHS` months.

:func:`latest_figure` depends on the data only (cache it per data set); :func:`track` is a few arithmetic
operations on one scenario result.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from model.projection import TURNOVER_YEARS
from model.run import ScenarioResult

SHORT_PERIOD_MONTHS = 3  # up to a quarter: one month's shipments move the sum a lot (January 2025: +15.7 % y/y)


@dataclass(frozen=True)
class YtdFigure:
    """The latest year-to-date turnover and the last full year before it.

    Attributes
    ----------
    year, months : int
        The period: January to the end of month ``months`` (1–12) of ``year``.
    value_usd_bn, prior_usd_bn : float
        Turnover in the period and in the same months of ``year − 1``, USD bn (Uzbek-reported).
    reporter, status, source : str
        As in the data row (status e.g. ``derived``; source the publication).
    last_full_year : int or None
        The latest year before ``year`` with a full-year turnover in the bilateral table.
    last_full_usd_bn : float or None
        That year's turnover, USD bn.
    """

    year: int
    months: int
    value_usd_bn: float
    prior_usd_bn: float
    reporter: str
    status: str
    source: str
    last_full_year: int | None
    last_full_usd_bn: float | None

    @property
    def growth_pct(self) -> float:
        """Year-on-year growth of the period, % (value / same period a year earlier − 1)."""
        return 100 * (self.value_usd_bn / self.prior_usd_bn - 1)


@dataclass(frozen=True)
class YtdTracker:
    """The latest year-to-date figure against what the scenario assumes and what the goal needs.

    Attributes
    ----------
    figure : YtdFigure
        The period, its values, status and source.
    growth_pct : float
        Its year-on-year growth, %.
    scenario_growth_pct : float or None
        Growth of projected turnover in ``figure.year`` over the year before, %/yr; ``None`` when the year is
        outside the projection (before the first projected year or after 2050).
    required_growth_pct : float or None
        Constant growth a year from the last full year that reaches ``target_usd_bn`` in ``goal_year``, %/yr;
        ``None`` without a full year before the period or when the goal year is not after it.
    target_usd_bn : float
        The goal, USD bn.
    goal_year : int
        The year the goal is set for.
    short_period : bool
        True for a period of at most :data:`SHORT_PERIOD_MONTHS` months: a noisy guide to the year.
    """

    figure: YtdFigure
    growth_pct: float
    scenario_growth_pct: float | None
    required_growth_pct: float | None
    target_usd_bn: float
    goal_year: int
    short_period: bool


def latest_figure(ytd: pd.DataFrame, bilateral: pd.DataFrame) -> YtdFigure | None:
    """The latest year-to-date row that is newer than every full year, with the last full year before it.

    Parameters
    ----------
    ytd : pandas.DataFrame
        Validated year-to-date rows (:func:`model.data.validate_ytd`): ``year``, ``months``, ``value_usd_bn``,
        ``same_period_prior_year_usd_bn``, ``reporter``, ``status``, ``source``.
    bilateral : pandas.DataFrame
        Validated full-year turnover (``year``, ``turnover_usd_bn``), USD bn.

    Returns
    -------
    YtdFigure or None
        The row with the latest (year, months) whose year has no full-year figure yet; ``None`` when there is
        none (no rows, or the full year has since been published, which supersedes its months).
    """
    full_years = bilateral.dropna(subset=["turnover_usd_bn"])
    newest_full = int(full_years["year"].max()) if len(full_years) else None
    rows = ytd if newest_full is None else ytd[ytd["year"] > newest_full]
    if rows.empty:
        return None
    row = rows.sort_values(["year", "months"]).iloc[-1]
    year = int(row["year"])
    before = full_years[full_years["year"] < year]
    last = before.loc[before["year"].idxmax()] if len(before) else None
    return YtdFigure(
        year=year, months=int(row["months"]), value_usd_bn=float(row["value_usd_bn"]),
        prior_usd_bn=float(row["same_period_prior_year_usd_bn"]), reporter=str(row["reporter"]),
        status=str(row["status"]), source=str(row["source"]),
        last_full_year=None if last is None else int(last["year"]),
        last_full_usd_bn=None if last is None else float(last["turnover_usd_bn"]),
    )


def required_growth_pct(target_usd_bn: float, start_usd_bn: float, start_year: int, goal_year: int) -> float | None:
    """Constant growth a year that takes ``start_usd_bn`` in ``start_year`` to ``target_usd_bn`` in ``goal_year``.

    Parameters
    ----------
    target_usd_bn : float
        The goal, USD bn.
    start_usd_bn : float
        Turnover in the start year, USD bn (> 0; ``bilateral_trade.csv``).
    start_year, goal_year : int
        Calendar years.

    Returns
    -------
    float or None
        ((target / start)^(1 / (goal_year − start_year)) − 1) × 100, %/yr; ``None`` when the goal year is not
        after the start year. From 4.97 in 2025 to 10 in 2030: 15.0 %/yr.
    """
    years = goal_year - start_year
    if years <= 0:
        return None
    return 100 * ((target_usd_bn / start_usd_bn) ** (1 / years) - 1)


def scenario_growth_pct(result: ScenarioResult, year: int) -> float | None:
    """Growth of the scenario's projected turnover in ``year`` over ``year − 1``, %; ``None`` outside the projection.

    Parameters
    ----------
    result : ScenarioResult
        The scenario run (projected turnover 2025–2050, USD bn).
    year : int
        Calendar year.

    Returns
    -------
    float or None
        %/yr.
    """
    years = [int(y) for y in TURNOVER_YEARS]
    if year - 1 not in years or year not in years:
        return None
    total = result.scenario.turnover.total
    index = years.index(year)
    return 100 * (float(total[index]) / float(total[index - 1]) - 1)


def track(figure: YtdFigure, result: ScenarioResult) -> YtdTracker:
    """The tracker for one scenario: the figure's growth, the scenario's for that year and the goal's need.

    Parameters
    ----------
    figure : YtdFigure
        From :func:`latest_figure` (computed once per data set).
    result : ScenarioResult
        The scenario run; its projected turnover, target (USD bn) and target year are used.

    Returns
    -------
    YtdTracker
        See its attributes; no value is NaN (missing ones are ``None``).
    """
    required = None
    if figure.last_full_year is not None and figure.last_full_usd_bn is not None:
        required = required_growth_pct(result.target_usd_bn, figure.last_full_usd_bn, figure.last_full_year,
                                       result.goal_year)
    assumed = scenario_growth_pct(result, figure.year)
    return YtdTracker(
        figure=figure,
        growth_pct=figure.growth_pct,
        scenario_growth_pct=assumed if assumed is None or math.isfinite(assumed) else None,
        required_growth_pct=required,
        target_usd_bn=result.target_usd_bn,
        goal_year=result.goal_year,
        short_period=figure.months <= SHORT_PERIOD_MONTHS,
    )


def tracker_record(tracker: YtdTracker) -> dict[str, object]:
    """The tracker as the CLI's ``ytd_tracker`` JSON object (growth rates rounded to 0.1 %).

    Parameters
    ----------
    tracker : YtdTracker
        From :func:`track`.

    Returns
    -------
    dict
        JSON-ready: the period, its values (USD bn), growth rates (%/yr or None), the last full year, the goal,
        ``short_period`` and the row's reporter, status and source.
    """
    figure = tracker.figure

    def rounded(value: float | None) -> float | None:
        return None if value is None else round(value, 1)

    return {
        "year": figure.year,
        "months": figure.months,
        "period": f"{figure.year}-01/{figure.year}-{figure.months:02d}",
        "value_usd_bn": figure.value_usd_bn,
        "same_period_prior_year_usd_bn": figure.prior_usd_bn,
        "growth_pct": rounded(tracker.growth_pct),
        "scenario_growth_pct": rounded(tracker.scenario_growth_pct),
        "required_growth_pct": rounded(tracker.required_growth_pct),
        "last_full_year": figure.last_full_year,
        "last_full_year_usd_bn": figure.last_full_usd_bn,
        "target_usd_bn": tracker.target_usd_bn,
        "target_year_goal": tracker.goal_year,
        "short_period": tracker.short_period,
        "reporter": figure.reporter,
        "status": figure.status,
        "source": figure.source,
    }
