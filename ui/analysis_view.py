"""The analysis page's content: the fan chart and probability, goal seek, and the tornado."""

from __future__ import annotations

import math

import altair as alt
import numpy as np
import pandas as pd
import streamlit as st

from model.api import Model
from model.montecarlo import HEADLINE_DRAWS, HEADLINE_SEED, MonteCarloResult, TargetOdds
from model.outputs import LeverAnswer
from model.run import GOAL_SEEK_LEVERS, ScenarioResult
from model.sensitivity import AFTER_HORIZON, tornado
from presentation import charts
from presentation.analysis_figures import distribution_figure as distribution_figure  # re-exported: pages use view.*
from presentation.analysis_figures import fan_figure as fan_figure
from presentation.figures import localised
from presentation.i18n import Translator
from presentation.odds_text import is_headline, probability_text, run_description, run_label
from ui.state import current_model, get_scenario, set_scenario

DRAW_CHOICES = (1_000, HEADLINE_DRAWS, 50_000)


def model_key(model: Model) -> str:
    """Identifies the data a result was computed on (shipped, or a user's upload)."""
    return model.tables.origin


def year_quantile_text(value: float, t: Translator) -> str:
    """A target-year percentile, or "after 2050"."""
    return t("analysis.after_2050") if math.isnan(value) else t.year(math.ceil(value))


def probability_metrics(headline: TargetOdds, mc: MonteCarloResult, t: Translator) -> None:
    """The headline chance (the figure every page shows) and the chosen run's target-year percentiles.

    When the chosen run is not the headline one (another draw count, the stress case), a note names it, its
    own chance stands beside the headline's under its name, and the note says the percentiles are its.
    """
    year = t.year(headline.goal_year)
    extra = not is_headline(mc)
    if extra:
        st.caption(t("analysis.run_note", run=run_description(mc, current_model().registry, t)))
    columns = st.columns(5 if extra else 4)
    columns[0].metric(t("analysis.probability", year=year), probability_text(headline, t),
                      help=t("analysis.probability_help", draws=t.number(HEADLINE_DRAWS, 0), seed=HEADLINE_SEED))
    if extra:
        columns[1].metric(t("analysis.probability_run", label=run_label(mc, t)), probability_text(mc, t),
                          help=t("analysis.probability_run_help", year=year))
    for column, name, value in zip(columns[-3:], ("p10", "p50", "p90"), mc.target_year, strict=True):
        column.metric(t(f"analysis.year_{name}"), year_quantile_text(float(value), t))


@st.cache_data(max_entries=64, show_spinner=False)
def cached_tornado(levers: tuple[tuple[str, float], ...], model_key: str, _model: Model) -> pd.DataFrame:
    """The sensitivity table per scenario, computed once."""
    return tornado(dict(levers), _model.baseline, _model.registry)


def _tornado_bars(table: pd.DataFrame, low: str, high: str, base: float, t: Translator) -> pd.DataFrame:
    rows = []
    moving = table[(table[high] - table[low]).abs() > 1e-6]
    for order, row in enumerate(moving.itertuples()):
        unit = t.unit(current_model().registry.by_key[row.key].unit, row.high)  # a range agrees with its last number
        label = t("analysis.tornado_label", name=t(f"params.{row.key}.label"), low=t.figure(row.low),
                  high=t.figure(row.high), unit=unit)
        rows.append({"label": label, "end_label": t("analysis.low_end"), "start": base,
                     "outcome": getattr(row, low), "order": order})
        rows.append({"label": label, "end_label": t("analysis.high_end"), "start": base,
                     "outcome": getattr(row, high), "order": order})
    return pd.DataFrame(rows)


def tornado_figures(table: pd.DataFrame, result: ScenarioResult, t: Translator) -> tuple[alt.LayerChart, ...]:
    """Two tornados: the target year, and turnover in the target year."""
    year_base, turnover_base = float(table["target_year_base"].iloc[0]), float(table["turnover_base"].iloc[0])
    year_bars = _tornado_bars(table, "target_year_low", "target_year_high", year_base, t)
    by_turnover = table.sort_values("turnover_effect", ascending=False)
    turnover_bars = _tornado_bars(by_turnover, "turnover_low", "turnover_high", turnover_base, t)
    top = year_bars["label"].iloc[0] if len(year_bars) else ""
    return (
        localised(charts.tornado_chart(year_bars, year_base, {
            "title": t("analysis.tornado_year_title", top=top.split(" (")[0]),
            "source": t("analysis.tornado_source", horizon=int(AFTER_HORIZON)), "x": t("analysis.fractional_year")},
            years=True), t),
        localised(charts.tornado_chart(turnover_bars, turnover_base, {
            "title": t("analysis.tornado_turnover_title", year=t.year(result.goal_year)),
            "source": t("sources.model"), "x": t("chart.turnover_axis")}), t),
    )


def _apply(lever: str, value: float) -> None:
    scenario = get_scenario()
    param = current_model().registry.by_key[lever]
    # Round up to the slider's step: all three levers raise turnover, so rounding up still meets the target.
    snapped = float(np.clip(math.ceil(value / param.step - 1e-9) * param.step, param.min, param.max))
    set_scenario(scenario.with_levers({lever: round(snapped, 6)}))
    st.session_state["goal_message"] = (lever, snapped)


def goal_seek_panel(answers: list[LeverAnswer], t: Translator) -> None:
    """Each lever's answer in words, with a button that applies it to the scenario."""
    registry = current_model().registry
    columns = st.columns(len(answers))
    for column, answer in zip(columns, answers, strict=True):
        param = registry.by_key[answer.lever]
        with column, st.container(border=True):
            st.markdown(f"**{t(f'params.{answer.lever}.label')}**")
            if answer.reachable:
                now = get_scenario().levers[answer.lever]
                st.metric(t("analysis.needed"), f"{t.number(answer.value, 2)} {t.unit(param.unit, answer.value)}",
                          delta=t("analysis.now", value=t.number(now, 2), unit=t.unit(param.unit, now)),
                          delta_color="off", delta_arrow="off")
                st.button(t("analysis.apply"), key=f"apply_{answer.lever}", on_click=_apply,
                          args=(answer.lever, answer.value), width="stretch")
            else:
                bound = param.max if answer.status == "above_range" else param.min  # the number the unit follows
                st.info(t(f"analysis.status_{answer.status}", low=f"{param.min:g}", high=f"{param.max:g}",
                          unit=t.unit(param.unit, bound),
                          value=t.number(answer.unclamped, 1) if math.isfinite(answer.unclamped) else "—"))
    if message := st.session_state.pop("goal_message", None):
        lever, value = message
        st.success(t("analysis.applied", name=t(f"params.{lever}.label"), value=f"{value:g}"))


def goal_answers(model: Model, levers: dict[str, float]) -> list[LeverAnswer]:
    """The three goal-seek answers for the current scenario."""
    return [model.goal_seek(lever, levers) for lever in GOAL_SEEK_LEVERS]
