"""The model checks as the pages and the deck show them: back-test, growth split, GE check, other projections.

Every sentence is assembled from computed numbers; nothing here is a typed-in result.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import pandas as pd

from model.api import Model
from model.armington import GeCheck, scenario_ge_checks
from model.backtest import RULES, Backtest
from model.checks_report import reference_cuts
from model.growth_split import LEVERS, GrowthSplit, recent_peak, scenario_growth_split
from model.outlooks import other_projections
from model.outputs import value_in_year
from model.projection import TURNOVER_YEARS
from model.run import ScenarioResult
from presentation.data_texts import data_text, status_text
from presentation.i18n import Translator

# --- back-test --------------------------------------------------------------------------------------------


def backtest_table(backtest: Backtest, t: Translator) -> pd.DataFrame:
    """One row per rule; one column per horizon (and all pooled): "Theil's U / MAPE %"."""
    scores = backtest.scores
    horizons = sorted(h for h in scores["horizon"].unique() if h > 0) + [0]
    table: dict[str, list[str]] = {t("method.bt_rule"): [t(f"method.bt_{rule}") for rule in RULES]}
    for horizon in horizons:
        rows = scores[scores["horizon"] == horizon].set_index("rule")
        n = int(rows["n"].iloc[0])
        header = t("method.bt_horizon", h=t.count("years", horizon), n=n) if horizon else t("method.bt_all", n=n)
        table[header] = [f"{t.number(rows.loc[r, 'theil_u'], 2)} / {t.percent(rows.loc[r, 'mape_pct'], 1)}"
                         if r in rows.index else "—" for r in RULES]
    return pd.DataFrame(table)


def backtest_verdict(backtest: Backtest, t: Translator) -> str:
    """Which real-time rule the scores favour, with its pooled numbers against the trend rule's."""
    best, trend = backtest.pooled(backtest.favoured), backtest.pooled("trend")
    beats = t("method.bt_beats") if trend["theil_u"] < 1 else t("method.bt_does_not_beat")
    return t("method.bt_verdict", rule=t(f"method.bt_{backtest.favoured}"), u=t.number(best["theil_u"], 2),
             mape=t.percent(best["mape_pct"], 1), trend_u=t.number(trend["theil_u"], 2),
             trend_mape=t.percent(trend["mape_pct"], 1), beats=beats)


# --- growth split -----------------------------------------------------------------------------------------


def model_growth_split(model: Model, result: ScenarioResult) -> GrowthSplit:
    """The split for the scenario of ``result``."""
    return scenario_growth_split(result.scenario.values, model.baseline, result.scenario.turnover)


def growth_sentence(split: GrowthSplit, peak: tuple[int, float], t: Translator) -> str:
    """From X to the target is L log points: GDP gives G alone, integration must add the rest (share of GDP)."""
    peak_year, peak_pct = peak
    head = t("growth.sentence", start=t.number(split.start_usd_bn, 2), start_year=t.year(split.start_year),
             target=t.number(split.target_usd_bn, 0 if float(split.target_usd_bn).is_integer() else 1),
             year=t.year(split.target_year),
             needed=t.number(split.needed_log, 2), gdp=t.number(split.gdp_log, 2),
             gdp_pct=t.percent(100 * split.gdp_fraction, 0))
    if split.integration_log <= 0:
        return f"{head} {t('growth.no_gap')}"
    where = "growth.above_peak" if split.share_needed_pct > peak_pct else "growth.below_peak"
    integration = t("growth.integration", integration=t.number(split.integration_log, 2),
                    share_now=t.percent_word(split.share_start_pct, 2),
                    share_needed=t.percent_word(split.share_needed_pct, 2),
                    peak=t(where, peak=t.percent(peak_pct, 2), year=t.year(peak_year)))
    return f"{head} {integration}"


def growth_rows(split: GrowthSplit, t: Translator) -> list[list[str]]:
    """Header plus rows: the GDP part, the integration part and each lever's share of the integration gap."""
    header = [t("growth.col_part"), t("growth.col_log"), t("growth.col_usd", year=t.year(split.target_year)),
              t("growth.col_share")]
    rows = [header,
            [t("growth.gdp_row"), t.number(split.gdp_log, 2), t.signed(split.gdp_only_usd_bn - split.start_usd_bn, 2),
             "—"],
            [t("growth.integration_row"), t.number(split.integration_log, 2), t.signed(split.integration_gap_usd_bn, 2),
             t.percent(100, 0) if split.lever_shares else "—"]]
    shares = split.lever_shares
    for lever in (*LEVERS, "missing") if shares else ():
        usd = split.integration_gap_usd_bn * shares[lever]
        rows.append([t(f"growth.{lever}_row"), "", t.signed(usd, 2), t.percent(100 * shares[lever], 0)])
    return rows


def rows_frame(rows: Sequence[Sequence[str]]) -> pd.DataFrame:
    """Header-first rows (as the deck takes them) as a table for the page."""
    return pd.DataFrame([list(r) for r in rows[1:]], columns=list(rows[0]))


def growth_block(model: Model, result: ScenarioResult, t: Translator) -> tuple[str, list[list[str]]]:
    """The sentence and table rows of the scenario's growth split (Explorer and deck)."""
    split = model_growth_split(model, result)
    return growth_sentence(split, recent_peak(model.tables), t), growth_rows(split, t)


# --- general-equilibrium check ---------------------------------------------------------------------------


def ge_checks(model: Model, values: Mapping[str, float]) -> tuple[GeCheck, list[GeCheck]]:
    """The scenario's check and, at the scenario's a and θ, the cut's plausible upper end and slider maximum."""
    return scenario_ge_checks(model.tables, model.baseline, values, reference_cuts(model.registry, values))


def ge_table(checks: Sequence[GeCheck], t: Translator) -> pd.DataFrame:
    """Cut, PE and GE change of bilateral turnover, the gap in % of the PE effect, |ln GE/PE| and its bound."""
    return pd.DataFrame({
        t("analysis.ge_col_cut"): [t.percent(c.cut_pct, 1) for c in checks],
        t("analysis.ge_col_pe"): [t.percent(c.pe_change_pct, 2) for c in checks],
        t("analysis.ge_col_ge"): [t.percent(c.ge_change_pct, 2) for c in checks],
        t("analysis.ge_col_gap"): [t.percent(c.gap_pct_of_pe, 2) for c in checks],
        t("analysis.ge_col_log"): [t.number(c.log_gap, 4) for c in checks],
        t("analysis.ge_col_bound"): [t.number(c.bound, 4) for c in checks],
    })


def ge_sentence(check: GeCheck, references: Sequence[GeCheck], t: Translator) -> str:
    """The scenario's PE vs GE effect in words; without a cut, the largest reference cut instead."""
    shown = check if check.cut_pct > 0 or not references else references[0]  # the cut's plausible upper end
    text = t("analysis.ge_sentence", cut=t.percent_word(shown.cut_pct, 1), level=t.number(shown.cost_level, 2),
             theta=t.number(shown.theta, 1), pe=t.percent_word(shown.pe_change_pct, 1),
             ge=t.percent_word(shown.ge_change_pct, 1), gap=t.percent_word(abs(shown.gap_pct_of_pe), 1),
             year=t.year(shown.year),
             direction=t("analysis.ge_smaller") if shown.gap_pct_of_pe <= 0 else t("analysis.ge_larger"))
    return text if shown is check else f"{t('analysis.ge_no_cut')}\n\n{text}"


# --- other projections ------------------------------------------------------------------------------------


def _outcome(row: pd.Series, t: Translator) -> str:
    latest = t("method.out_latest", value=t.number(row["latest_usd_bn"], 2), year=t.year(row["latest_year"]))
    if row["applied_by_us"]:
        return t("method.out_applied", year=t.year(row["latest_year"]), value=t.number(row["latest_usd_bn"], 2),
                 change=t.signed(float(row["change_pct"]), 0) + " %",
                 implied=t.number(row["implied_usd_bn"], 1), horizon=t.year(float(row["horizon_year"])))
    if row["reached"] is None:
        due = pd.to_numeric(row["horizon_year"], errors="coerce")
        if not math.isnan(due) and due <= row["latest_year"]:
            return t("method.out_no_figure", year=t.year(due))
        return t("method.out_pending", latest=latest)
    key = "method.out_reached" if row["reached"] else "method.out_missed"
    target = float(row["target_usd_bn"])
    return t(key, value=t.number(row["observed_usd_bn"], 2), year=t.year(float(row["horizon_year"])),
             pct=t.percent(100 * row["observed_usd_bn"] / target, 0))


def outlooks_table(model: Model, result: ScenarioResult, t: Translator) -> pd.DataFrame:
    """The dated reference table, with how each fared, and this app's scenario in the target year last."""
    table = other_projections(model.tables)
    frame = pd.DataFrame({
        t("method.out_stated"): table["stated"],
        t("method.out_who"): table["who"].map(lambda v: data_text(v, t)),
        t("method.out_figure"): table["figure"].map(lambda v: data_text(v, t)),
        t("method.out_outcome"): [_outcome(row, t) for _, row in table.iterrows()],
        t("method.out_scope"): table["scope"].map(lambda v: data_text(v, t)),
        t("method.out_status"): table["status"].map(lambda v: status_text(v, t)),
        t("method.out_source"): table["source"].map(lambda v: data_text(v, t)),
    })
    ours = float(value_in_year(result.scenario.turnover.total, TURNOVER_YEARS, result.goal_year))
    app_row = {column: "" for column in frame.columns}
    app_row.update({t("method.out_who"): t("method.out_app"),
                    t("method.out_figure"): t("method.out_app_figure", value=t.number(ours, 2),
                                              year=t.year(result.goal_year)),
                    t("method.out_status"): t("status.estimate"), t("method.out_outcome"): "—"})
    return pd.concat([frame, pd.DataFrame([app_row])], ignore_index=True)
