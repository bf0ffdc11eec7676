"""The model checks' payloads (:mod:`model.checks_report`) as the CLI's plain-text tables, in English."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cli.tables import format_table
from model.backtest import RULES
from model.growth_split import LEVERS

RULE_NAMES = {"trend": "trend (the app's rule)", "gdp_linked": "GDP-linked",
              "gdp_realised": "GDP-linked, realised GDP (ex post)", "random_walk": "random walk"}


def _fmt(value: float | None, digits: int = 2) -> str:
    return "—" if value is None or value != value else f"{value:.{digits}f}"


def backtest_text(payload: Mapping[str, Any]) -> str:
    """The score table (Theil's U and MAPE per horizon) and the verdict."""
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


def ge_text(payload: Mapping[str, Any]) -> str:
    """PE and GE bilateral turnover change for the scenario's cut and the reference cuts."""
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
