"""The model checks as JSON-ready payloads: back-test, growth split, general-equilibrium check.

Pure functions of the model and the scenario values, shared by the CLI (``backtest | growth-split | ge-check``,
worded in :mod:`cli.checks_text`), the Methodology page and the tests. JSON fields are only ever added, never renamed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from model.api import Model
from model.armington import build_matrix, scenario_ge_checks
from model.backtest import Backtest, run_backtest
from model.growth_split import recent_peak, scenario_growth_split
from model.registry import Registry, read_registry_file


def model_backtest(model: Model) -> Backtest:
    """The back-test with the registry's trend window and default π.

    Parameters
    ----------
    model : Model
        Its tables' Uzbek-reported turnover is scored.

    Returns
    -------
    Backtest
        Scores and cases of the three rules (see :func:`model.backtest.run_backtest`).
    """
    return run_backtest(model.tables, read_registry_file(), float(model.registry.defaults()["usd_inflation"]))


def backtest_payload(model: Model) -> dict[str, Any]:
    """``backtest --json``: scores per rule and horizon (0 = pooled), the cases and the favoured rule.

    Parameters
    ----------
    model : Model
        As for :func:`model_backtest`.

    Returns
    -------
    dict
        JSON-ready: ``series``, ``years``, ``trend_window_years``, ``favoured_rule``, ``scores`` and ``cases``
        (records; turnover in USD bn, MAPE in %, Theil's U a ratio).
    """
    backtest = model_backtest(model)
    return {"series": "Uzbek-reported turnover, USD bn", "years": list(backtest.years),
            "trend_window_years": backtest.window, "favoured_rule": backtest.favoured,
            "scores": backtest.scores.to_dict(orient="records"),
            "cases": backtest.cases.to_dict(orient="records")}


def growth_split_payload(model: Model, values: Mapping[str, float]) -> dict[str, Any]:
    """``growth-split --json``: GDP vs integration log points, shares of GDP, and each lever's share of the gap.

    Parameters
    ----------
    model : Model
        The model (tables for the recent peak share of GDP).
    values : mapping of str to float
        The complete scenario.

    Returns
    -------
    dict
        JSON-ready: years, turnover (USD bn), log points needed / from GDP / from integration, shares of GDP (%),
        each lever's USD bn and share of the integration gap.
    """
    split = scenario_growth_split(values, model.baseline, model.run_values(values).scenario.turnover)
    peak_year, peak = recent_peak(model.tables)
    return {"start_year": split.start_year, "target_year": split.target_year,
            "start_usd_bn": split.start_usd_bn, "target_usd_bn": split.target_usd_bn,
            "needed_log_points": split.needed_log, "gdp_log_points": split.gdp_log,
            "integration_log_points": split.integration_log, "gdp_fraction": split.gdp_fraction,
            "gdp_only_usd_bn": split.gdp_only_usd_bn, "integration_gap_usd_bn": split.integration_gap_usd_bn,
            "share_of_gdp_start_pct": split.share_start_pct, "share_of_gdp_needed_pct": split.share_needed_pct,
            "share_of_gdp_peak_pct": peak, "share_of_gdp_peak_year": peak_year,
            "levers_usd_bn": dict(split.levers_usd_bn), "lever_shares_of_gap": split.lever_shares}


def reference_cuts(registry: Registry, values: Mapping[str, float]) -> list[float]:
    """The cuts (%) to show beside the scenario's: the plausible upper end and the slider maximum, not its own.

    Parameters
    ----------
    registry : Registry
        The ``trade_cost_cut`` entry's plausible range and maximum (% of the ad-valorem equivalent).
    values : mapping of str to float
        The scenario; its own cut is left out.

    Returns
    -------
    list of float
        Ascending, % of the ad-valorem-equivalent bilateral trade cost.
    """
    cut = registry.by_key["trade_cost_cut"]
    return sorted({cut.plausible[1] if cut.plausible else cut.max, cut.max} - {float(values["trade_cost_cut"])})


def ge_payload(model: Model, values: Mapping[str, float], reference_cuts: Sequence[float]) -> dict[str, Any]:
    """``ge-check --json``: the scenario's PE vs GE facilitation effect, and the same at ``reference_cuts``.

    Parameters
    ----------
    model : Model
        The model (its tables give the 3-region flow matrix, USD bn).
    values : mapping of str to float
        The complete scenario.
    reference_cuts : sequence of float
        Further cuts to check, % of the ad-valorem-equivalent trade cost (e.g. from :func:`reference_cuts`).

    Returns
    -------
    dict
        JSON-ready: the matrix year, regions (UZ, KZ, ROW), flows (3 × 3, USD bn), and for the scenario and each
        reference cut: cut (%), cost level, θ, PE and GE change of bilateral trade (%), the gap, the bound and wages.
    """
    matrix = build_matrix(model.tables)

    def record(check: Any) -> dict[str, Any]:
        return {"cut_pct": check.cut_pct, "cost_level": check.cost_level, "theta": check.theta,
                "pe_change_pct": check.pe_change_pct, "ge_change_pct": check.ge_change_pct,
                "gap_pct_of_pe": check.gap_pct_of_pe, "log_gap": check.log_gap, "small_share_bound": check.bound,
                "wages": dict(zip(("UZ", "KZ", "ROW"), check.wages.tolist(), strict=True))}

    scenario, references = scenario_ge_checks(model.tables, model.baseline, values, reference_cuts)
    return {"matrix_year": matrix.year, "regions": ["UZ", "KZ", "ROW"], "flows_usd_bn": matrix.flows.tolist(),
            "scenario": record(scenario), "reference": [record(c) for c in references]}
