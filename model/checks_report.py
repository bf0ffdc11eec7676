"""The model checks as CLI payloads and plain-text tables: back-test, growth split, general-equilibrium check.

Pure functions of the model and the scenario values (no printing), so ``python -m model backtest | growth-split |
ge-check`` and the tests share them. JSON fields are only ever added, never renamed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from model.api import Model
from model.armington import build_matrix, scenario_ge_checks
from model.backtest import RULES, Backtest, run_backtest
from model.growth_split import LEVERS, recent_peak, scenario_growth_split
from model.registry import Registry, read_registry_file

RULE_NAMES = {"trend": "trend (the app's rule)", "gdp_linked": "GDP-linked",
              "gdp_realised": "GDP-linked, realised GDP (ex post)", "random_walk": "random walk"}


def model_backtest(model: Model) -> Backtest:
    """The back-test with the registry's trend window and default π."""
    return run_backtest(model.tables, read_registry_file(), float(model.registry.defaults()["usd_inflation"]))


def backtest_payload(model: Model) -> dict[str, Any]:
    """``backtest --json``: scores per rule and horizon (0 = pooled), the cases and the favoured rule."""
    backtest = model_backtest(model)
    return {"series": "Uzbek-reported turnover, USD bn", "years": list(backtest.years),
            "trend_window_years": backtest.window, "favoured_rule": backtest.favoured,
            "scores": backtest.scores.to_dict(orient="records"),
            "cases": backtest.cases.to_dict(orient="records")}


def _fmt(value: float | None, digits: int = 2) -> str:
    return "—" if value is None or value != value else f"{value:.{digits}f}"


def backtest_text(payload: Mapping[str, Any]) -> str:
    """The score table (Theil's U and MAPE per horizon) and the verdict."""
    from model.cli import format_table  # the CLI's table layout; imported here to avoid a cycle

    scores = payload["scores"]
    horizons = sorted({row["horizon"] for row in scores if row["horizon"] > 0}) + [0]
    header = ["rule", *[f"h={h} U / MAPE%" if h else "all U / MAPE%" for h in horizons]]
    rows = [header]
    for rule in RULES:
        cells = [RULE_NAMES[rule]]
        for horizon in horizons:
            row = next((r for r in scores if r["rule"] == rule and r["horizon"] == horizon), None)
            cells.append("—" if row is None else f"{_fmt(row['theil_u'])} / {_fmt(row['mape_pct'], 1)}")
        rows.append(cells)
    counts = {r["horizon"]: r["n"] for r in scores if r["rule"] == "random_walk"}
    rows.append(["cases (n)", *[str(counts.get(h, 0)) for h in horizons]])
    years = ", ".join(str(y) for y in payload["years"])
    lines = [f"Rolling-origin back-test, origins 2018–2023, Uzbek-reported turnover "
             f"(years {years}); trend window {payload['trend_window_years']} years",
             format_table(rows, [False, *[True] * len(horizons)]),
             f"Theil's U < 1 beats the random walk. Favoured (lowest pooled U among real-time rules): "
             f"{RULE_NAMES[payload['favoured_rule']]}."]
    return "\n".join(lines)


def growth_split_payload(model: Model, values: Mapping[str, float]) -> dict[str, Any]:
    """``growth-split --json``: GDP vs integration log points, shares of GDP, and each lever's share of the gap."""
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


def growth_split_text(payload: Mapping[str, Any]) -> str:
    """The split as a few lines."""
    shares = payload["lever_shares_of_gap"]
    lines = [
        f"From {payload['start_usd_bn']:.2f} ({payload['start_year']}) to {payload['target_usd_bn']:.2f} USD bn "
        f"({payload['target_year']}): {payload['needed_log_points']:.2f} log points needed",
        f"  GDP growth alone:   {payload['gdp_log_points']:.2f} ({100 * payload['gdp_fraction']:.0f}%), "
        f"turnover {payload['gdp_only_usd_bn']:.2f} USD bn if it kept pace with GDP",
        f"  deeper integration: {payload['integration_log_points']:.2f}, turnover ÷ combined GDP "
        f"{payload['share_of_gdp_start_pct']:.2f}% → {payload['share_of_gdp_needed_pct']:.2f}% "
        f"(recent peak {payload['share_of_gdp_peak_pct']:.2f}% in {payload['share_of_gdp_peak_year']})",
    ]
    if shares:
        lines.append(f"  the integration gap ({payload['integration_gap_usd_bn']:.2f} USD bn) in this scenario: "
                     + ", ".join(f"{lever} {100 * shares[lever]:.0f}%" for lever in (*LEVERS, "missing")))
    else:
        lines.append("  GDP growth alone reaches the target: no integration gap")
    return "\n".join(lines)


def reference_cuts(registry: Registry, values: Mapping[str, float]) -> list[float]:
    """The cuts (%) to show beside the scenario's: the plausible upper end and the slider maximum, not its own."""
    cut = registry.by_key["trade_cost_cut"]
    return sorted({cut.plausible[1] if cut.plausible else cut.max, cut.max} - {float(values["trade_cost_cut"])})


def ge_payload(model: Model, values: Mapping[str, float], reference_cuts: Sequence[float]) -> dict[str, Any]:
    """``ge-check --json``: the scenario's PE vs GE facilitation effect, and the same at ``reference_cuts``."""
    matrix = build_matrix(model.tables)

    def record(check: Any) -> dict[str, Any]:
        return {"cut_pct": check.cut_pct, "cost_level": check.cost_level, "theta": check.theta,
                "pe_change_pct": check.pe_change_pct, "ge_change_pct": check.ge_change_pct,
                "gap_pct_of_pe": check.gap_pct_of_pe, "log_gap": check.log_gap, "small_share_bound": check.bound,
                "wages": dict(zip(("UZ", "KZ", "ROW"), check.wages.tolist(), strict=True))}

    scenario, references = scenario_ge_checks(model.tables, model.baseline, values, reference_cuts)
    return {"matrix_year": matrix.year, "regions": ["UZ", "KZ", "ROW"], "flows_usd_bn": matrix.flows.tolist(),
            "scenario": record(scenario), "reference": [record(c) for c in references]}


def ge_text(payload: Mapping[str, Any]) -> str:
    """PE and GE bilateral turnover change for the scenario's cut and the reference cuts."""
    from model.cli import format_table

    rows = [["cut %", "PE change %", "GE change %", "GE−PE, % of PE", "|ln GE/PE|", "bound"]]
    for label, record in [("scenario", payload["scenario"])] + [("", r) for r in payload["reference"]]:
        rows.append([f"{record['cut_pct']:g}{' (scenario)' if label else ''}", f"{record['pe_change_pct']:.2f}",
                     f"{record['ge_change_pct']:.2f}", f"{record['gap_pct_of_pe']:.2f}", f"{record['log_gap']:.4f}",
                     f"{record['small_share_bound']:.4f}"])
    scenario = payload["scenario"]
    return "\n".join([
        f"General-equilibrium check: one-sector Armington, UZ–KZ–ROW, {payload['matrix_year']} flows; "
        f"a = {scenario['cost_level']:g}, θ = {scenario['theta']:g}",
        format_table(rows, [False, True, True, True, True, True])])
