"""The analysis charts that need only a Monte Carlo result: the fan and the target-year distribution.

Free of Streamlit, so the analysis page, the PNG/SVG export and the slide deck share them.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from model.montecarlo import MonteCarloResult, target_year_distribution
from model.projection import TURNOVER_YEARS
from model.run import ScenarioResult
from presentation import charts
from presentation.charts import NORMAL, ChartStyle
from presentation.figures import localised, target_text
from presentation.i18n import Translator
from presentation.odds_text import labelled, probability_text

LAST_YEAR = 2035


def fan_title(mc: MonteCarloResult, result: ScenarioResult, t: Translator) -> str:
    """``34% chance of USD 10 bn by 2030``, led by the run's label when it is not the headline run."""
    return labelled(t("analysis.fan_title", p=probability_text(mc, t), target=target_text(result, t),
                      year=t.year(mc.goal_year)), mc, t)


def fan_figure(mc: MonteCarloResult, result: ScenarioResult, t: Translator,
               style: ChartStyle = NORMAL) -> alt.LayerChart:
    """P10–P90 of turnover with the deterministic scenario, BAU and the target."""
    shown = TURNOVER_YEARS <= LAST_YEAR
    fan = pd.DataFrame({"year": TURNOVER_YEARS[shown], "p10": mc.turnover[0, shown], "p50": mc.turnover[1, shown],
                        "p90": mc.turnover[2, shown]})
    lines = pd.concat([
        pd.DataFrame({"year": TURNOVER_YEARS[shown], "turnover_usd_bn": result.scenario.turnover.total[shown],
                      "case_label": t("chart.case_scenario")}),
        pd.DataFrame({"year": TURNOVER_YEARS[shown], "turnover_usd_bn": result.bau.turnover.total[shown],
                      "case_label": t("chart.case_bau")})])
    text = {"title": fan_title(mc, result, t),
            "source": t("analysis.fan_source", draws=t.number(mc.draws, 0), sigma=t.number(mc.sigma, 2)),
            "x": t("chart.year"), "y": t("chart.turnover_axis"), "band": t("analysis.band"),
            "median": t("analysis.median"), "case_scenario": t("chart.case_scenario"), "case_bau": t("chart.case_bau"),
            "target": t("chart.target_label", target=target_text(result, t))}
    return localised(charts.fan_chart(fan, lines, result.target_usd_bn, text, style), t)


def distribution_figure(mc: MonteCarloResult, t: Translator, style: ChartStyle = NORMAL) -> alt.LayerChart:
    """When the draws first reach the target."""
    shares = target_year_distribution(mc)
    frame = pd.DataFrame({"year_label": [t("analysis.after_2050") if k == "after 2050" else k for k in shares],
                          "share_pct": [100 * v for v in shares.values()], "order": range(len(shares))})
    text = {"title": t("analysis.distribution_title"), "source": t("sources.model"),
            "x": t("chart.year"), "y": t("analysis.share_of_draws")}
    return localised(charts.distribution_chart(frame, text, style), t)
