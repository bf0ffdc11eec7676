"""The compare page's content: overlaid turnover, headline table against BAU, and differing levers."""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd
from pandas.io.formats.style import Styler

from model.api import Model
from model.compare import COMPARE_YEAR, differing_levers, headline_table, unique_names
from model.frames import turnover_paths
from model.presets import Preset
from model.registry import Registry
from model.run import Projection, ScenarioResult
from model.scenario import Scenario
from presentation import charts
from presentation.figures import localised
from presentation.i18n import Translator
from presentation.identity import for_markdown, scenario_identity

HIGHLIGHT = "background-color: #FFF3CD; font-weight: 600"


def pinned_names(scenarios: list[Scenario], presets: tuple[Preset, ...], registry: Registry,
                 t: Translator) -> list[str]:
    """Each pinned scenario's name on the page: its identity's title (own name, or preset and changes), unique."""
    return unique_names([scenario_identity(s, presets, registry, t).title for s in scenarios])


def run_pinned(model: Model, scenarios: list[Scenario], names: list[str]) -> dict[str, ScenarioResult]:
    """Results by display name (from :func:`pinned_names`), in pin order."""
    return {name: model.run_values(s.levers) for name, s in zip(names, scenarios, strict=True)}


def is_bau(result: ScenarioResult, bau: Projection) -> bool:
    """True when the scenario's values are exactly the BAU's: pinned, it is the BAU line and row already there."""
    scenario, yardstick = result.scenario.values, bau.values  # noqa: PD011 - Params mappings, not pandas
    return scenario.keys() == yardstick.keys() and all(np.array_equal(scenario[k], yardstick[k]) for k in scenario)


def beside_bau(results: dict[str, ScenarioResult]) -> dict[str, ScenarioResult]:
    """The pinned scenarios that are not business as usual itself (BAU is shown once, as the yardstick)."""
    bau = next(iter(results.values())).bau
    return {name: result for name, result in results.items() if not is_bau(result, bau)}


def overlay_figure(results: dict[str, ScenarioResult], t: Translator) -> alt.LayerChart:
    """All pinned scenarios' turnover with BAU (drawn once, even when pinned) and the target."""
    frames = []
    for name, result in beside_bau(results).items():
        paths = turnover_paths(result)
        frames.append(paths[paths["case"] == "scenario"].assign(name=name))
    first = next(iter(results.values()))
    bau = turnover_paths(first)
    frames.append(bau[bau["case"] == "bau"].assign(name=t("chart.case_bau")))
    text = {"title": t("compare.chart_title", target=t.number(first.target_usd_bn, 0)),
            "source": t("sources.turnover"), "x": t("chart.year"), "y": t("chart.turnover_axis")}
    chart = charts.compare_chart(pd.concat(frames), first.target_usd_bn, list(beside_bau(results)),
                                 t("chart.case_bau"), text)
    return localised(chart, t)


def _year_text(value: float, t: Translator) -> str:
    return t("headline.not_by_2050") if np.isnan(value) else t.year(value)


def _delta_years(value: float, t: Translator) -> str:
    return "" if np.isnan(value) else t("compare.years_delta", delta=t.count("years", int(value), f"{int(value):+d}"))


def headline_frame(results: dict[str, ScenarioResult], t: Translator) -> pd.DataFrame:
    """The headline outputs, one column per scenario after BAU's, differences to BAU in brackets.

    Measures run down the rows so their long names wrap at any width; a pinned BAU is its column only once.
    """
    table = headline_table(results, COMPARE_YEAR)
    table = table.loc[["BAU", *beside_bau(results)]]
    # st.table renders its labels as Markdown: a user's name is escaped so that it reads as typed.
    shown = pd.DataFrame(index=[t("chart.case_bau") if i == "BAU" else for_markdown(i) for i in table.index])
    shown[t("compare.col_target_year")] = [_year_text(v, t) for v in table["target_year"]]
    shown[t("compare.col_vs_bau")] = [_delta_years(v, t) for v in table["delta_target_year"]]
    shown[_turnover_column(results, t)] = [f"{t.number(v, 2)} ({t.signed(d, 2)})" for v, d in
                                           zip(table["turnover_in_goal_year_usd_bn"],
                                               table["delta_turnover_in_goal_year_usd_bn"], strict=True)]
    for country in ("UZ", "KZ"):
        shown[t("compare.col_gdp", country=country, year=COMPARE_YEAR)] = [
            f"{t.number(v, 1)} ({t.signed(d, 2)})" for v, d in
            zip(table[f"gdp_{country}_usd_bn"], table[f"delta_gdp_{country}_usd_bn"], strict=True)]
        shown[t("compare.col_per_head", country=country, year=COMPARE_YEAR)] = [
            f"{t.number(v, 0)} ({t.signed(d, 0)})" for v, d in
            zip(table[f"per_head_{country}_usd"], table[f"delta_per_head_{country}_usd"], strict=True)]
        shown[t("compare.col_shift", country=country, year=COMPARE_YEAR)] = _biggest_shift(table, country, t)
    return shown.T


def _turnover_column(results: dict[str, ScenarioResult], t: Translator) -> str:
    """"Turnover in 2030 (goal year)": the goal year, not the year the target is reached."""
    years = {result.goal_year for result in results.values()}
    if len(years) == 1:
        return t("compare.col_turnover", year=t.year(years.pop()))
    return t("compare.col_turnover_each")


def _biggest_shift(table: pd.DataFrame, country: str, t: Translator) -> list[str]:
    columns = [c for c in table.columns if c.startswith(f"delta_share_{country}_")]
    out = []
    for _, row in table[columns].iterrows():
        column = row.abs().idxmax()
        sector = column.removeprefix(f"delta_share_{country}_").removesuffix("_pct")
        out.append(f"{t(f'sectors.{sector}')} {t('chart.pp_value', value=t.signed(float(row[column]), 2))}")
    return out


def levers_styler(model: Model, scenarios: dict[str, Scenario], t: Translator) -> Styler:
    """Levers that differ from the default in any pinned scenario, the differing cells highlighted."""
    table = differing_levers({name: s.levers for name, s in scenarios.items()}, model.registry)
    defaults = table["default"]
    table.index = [t("lever_label", label=t(f"params.{k}.label"), unit=t(f"units.{model.registry.by_key[k].unit}"))
                   for k in table.index]
    # st.table renders its labels as Markdown: a user's name is escaped so that it reads as typed.
    table = table.rename(columns={"default": t("compare.default")} | {name: for_markdown(name) for name in scenarios})
    highlight = pd.DataFrame("", index=table.index, columns=table.columns)
    for column in table.columns[1:]:
        highlight[column] = np.where(table[column].to_numpy() != defaults.to_numpy(), HIGHLIGHT, "")
    return table.style.apply(lambda _: highlight, axis=None).format("{:g}")
