"""From a scenario result to labelled frames, findings and charts, in the user's language.

The pages call these; the chart builders in :mod:`presentation.charts` never see a translator.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeVar

import altair as alt
import numpy as np
import pandas as pd

from model.api import Model
from model.data import COUNTRIES, GDP_END_YEAR, REPORT_YEAR, SECTORS
from model.frames import LAST_SHOWN_YEAR, history_table, sector_shift_table
from model.projection import GDP_YEARS, TURNOVER_YEARS
from model.run import Projection, ScenarioResult
from presentation import charts
from presentation.charts import NORMAL, ChartStyle
from presentation.i18n import Translator
from presentation.number_format import number_symbols

COMPONENTS = ("trend", "facilitation", "investment")
Localisable = TypeVar("Localisable", charts.SpecChart, alt.Chart, alt.LayerChart)


@dataclass(frozen=True)
class TargetText:
    """The headline's words for one projection's crossing."""

    value: str
    first_year: int | None


def crossing_text(projection: Projection, t: Translator) -> TargetText:
    """``2034`` / ``already reached`` / ``not reached by 2050``."""
    crossing = projection.crossing
    if bool(crossing.already):
        return TargetText(t("headline.already"), int(crossing.first_year))
    if not bool(crossing.reached):
        return TargetText(t("headline.not_by_2050"), None)
    return TargetText(t.year(int(crossing.first_year)), int(crossing.first_year))


def years_delta_text(result: ScenarioResult, t: Translator) -> str | None:
    """``-1 year vs BAU``, the noun agreeing with the number (ASCII minus, so st.metric colours it).

    None when either is not reached.
    """
    scenario, bau = crossing_text(result.scenario, t), crossing_text(result.bau, t)
    if scenario.first_year is None or bau.first_year is None:
        return None
    delta = scenario.first_year - bau.first_year
    if delta == 0:
        return t("headline.same_as_bau")
    return t("headline.years_vs_bau", delta=t.count("years", delta, f"{delta:+d}"))


def years_delta_metric(result: ScenarioResult, t: Translator) -> dict[str, str | None]:
    """``st.metric`` delta arguments for the target year against BAU.

    Red when later, green when earlier, grey and without an arrow when it is the same year.
    """
    delta = years_delta_text(result, t)
    same = delta == t("headline.same_as_bau")
    return {"delta": delta, "delta_color": "off" if same else "inverse", "delta_arrow": "off" if same else "auto"}


def target_text(result: ScenarioResult, t: Translator) -> str:
    """The target in USD bn without a needless decimal: ``10`` or ``12.5``."""
    return t.number(result.target_usd_bn, 0 if float(result.target_usd_bn).is_integer() else 1)


def turnover_finding(result: ScenarioResult, t: Translator) -> str:
    """The turnover chart's title: when the target is reached, against BAU."""
    target = target_text(result, t)
    scenario, bau = crossing_text(result.scenario, t), crossing_text(result.bau, t)
    if scenario.first_year is None:
        return t("findings.not_reached", target=target)
    if bool(result.scenario.crossing.already):
        return t("findings.already", target=target)
    if bau.first_year is None:
        return t("findings.reached_bau_never", target=target, year=scenario.value)
    gap = bau.first_year - scenario.first_year
    if gap > 0:
        return t("findings.reached_earlier", target=target, year=scenario.value, years=t.count("years", gap))
    if gap < 0:
        return t("findings.reached_later", target=target, year=scenario.value, years=t.count("years", -gap))
    return t("findings.reached_same", target=target, year=scenario.value)


_HISTORY_ROWS: dict[tuple[int, str], tuple[object, list[dict[str, object]]]] = {}


def _history_rows(model: Model, t: Translator) -> list[dict[str, object]]:
    """Observed turnover with its status label; the same for every rerun of one data set and language."""
    key = (id(model.tables), t.lang)
    cached = _HISTORY_ROWS.get(key)
    if cached is not None and cached[0] is model.tables:  # an id can be reused once its tables are gone
        return cached[1]
    history = history_table(model.tables)
    uz_official = (history["reporter"] == "UZ") & (history["status"] == "official")
    history["status_label"] = np.where(uz_official, t("chart.history_official"), t("chart.history_other"))
    rows = charts.records(history, ("year", "turnover_usd_bn", "run", "status_label"))
    if len(_HISTORY_ROWS) > 64:
        _HISTORY_ROWS.clear()
    _HISTORY_ROWS[key] = (model.tables, rows)
    return rows


def _path_rows(result: ScenarioResult, t: Translator) -> list[dict[str, object]]:
    """Scenario and BAU turnover to 2035 as chart rows, straight from the projection's arrays."""
    shown = TURNOVER_YEARS <= LAST_SHOWN_YEAR
    years = TURNOVER_YEARS[shown].tolist()
    rows: list[dict[str, object]] = []
    for case, projection in (("scenario", result.scenario), ("bau", result.bau)):
        label = t(f"chart.case_{case}")
        rows += [{"year": year, "turnover_usd_bn": value, "case_label": label}
                 for year, value in zip(years, projection.turnover.total[shown].tolist(), strict=True)]
    return rows


def number_locale(t: Translator) -> dict[str, object]:
    """Vega's number locale (d3-format) for ``t``'s language, from Babel: axis ticks read 0,25 and 10 000 in kk/ru/uz.

    Returns
    -------
    dict
        ``decimal``, ``thousands``, ``grouping``, ``currency`` and ``minus`` as d3-format's locale wants them.
    """
    symbols = number_symbols(t.lang)  # the symbols the live headline uses too: one Babel-derived source
    return {"decimal": symbols["decimal"], "thousands": symbols["group"], "grouping": [symbols["grouping"]],
            "currency": ["", ""], "minus": "\u2212"}


def localised(chart: Localisable, t: Translator) -> Localisable:
    """``chart`` with its numbers (axes, tooltips) in ``t``'s notation: Vega-Lite's ``config.locale``.

    One mechanism for every chart: a templated spec gets a new spec (the cached template is not touched),
    an Altair chart (the fan, the tornados, the compare and Data-page charts) a copy with the same locale.
    """
    locale = {"number": number_locale(t)}
    if isinstance(chart, charts.SpecChart):
        return charts.SpecChart({**chart.spec, "config": {**chart.spec.get("config", {}), "locale": locale}})
    copy = chart.copy(deep=["config"])
    if copy.config is alt.Undefined:
        copy.config = alt.Config()
    copy.config["locale"] = locale
    return copy


def turnover_figure(model: Model, result: ScenarioResult, t: Translator,
                    style: ChartStyle = NORMAL) -> alt.TopLevelMixin:
    """History, BAU, scenario and target in one chart, titled with the finding."""
    crossing = result.scenario.crossing
    marker = None
    if bool(crossing.reached) and not bool(crossing.already):
        first = int(crossing.first_year)
        marker = (first, float(result.scenario.turnover.total[first - int(TURNOVER_YEARS[0])]))
    text = {
        "title": turnover_finding(result, t),
        "source": t("sources.turnover"),
        "x": t("chart.year"),
        "y": t("chart.turnover_axis"),
        "target": t("chart.target_label", target=target_text(result, t)),
        "history": t("chart.history"),
        "history_official": t("chart.history_official"),
        "history_other": t("chart.history_other"),
        "case_scenario": t("chart.case_scenario"),
        "case_bau": t("chart.case_bau"),
        "crossing": t.year(int(crossing.first_year)) if marker is not None else "",
    }
    return localised(charts.turnover_chart(_history_rows(model, t), _path_rows(result, t), result.target_usd_bn,
                                           marker, text, style), t)


def decomposition_figure(result: ScenarioResult, t: Translator, style: ChartStyle = NORMAL) -> alt.TopLevelMixin:
    """Scenario turnover split into trend, facilitation and investment-induced parts."""
    # Plain rows, not frames: this runs on every lever release and pandas cost ~5 ms of it for 33 rows.
    turnover = result.scenario.turnover
    labels = [t(f"chart.component_{c}") for c in COMPONENTS]
    long = [{"year": int(year), "component_label": label, "order": order,
             "usd_bn": float(getattr(turnover, component)[index])}
            for order, (component, label) in enumerate(zip(COMPONENTS, labels, strict=True))
            for index, year in enumerate(TURNOVER_YEARS) if year <= LAST_SHOWN_YEAR]
    at_goal = [row["usd_bn"] for row in long if row["year"] == result.goal_year]
    share = sum(at_goal[1:]) / max(sum(at_goal), 1e-12) * 100
    text = {"title": t("findings.decomposition", year=t.year(result.goal_year), share=t.number(share, 0)),
            "source": t("sources.model"), "x": t("chart.year"), "y": t("chart.turnover_axis")}
    return localised(charts.decomposition_chart(long, result.target_usd_bn, text, labels, style), t)


def _shift_rows(result: ScenarioResult, country: str, t: Translator) -> list[dict[str, Any]]:
    """One country's sector-share shifts against BAU in 2030 and 2035, as chart rows.

    Plain rows from the model's arrays, not a frame: both countries' charts are made on every lever release,
    and the pandas filtering cost ~7 ms of each.
    """
    index = COUNTRIES.index(country)
    scenario, bau = result.scenario.gdp.shares_pct, result.bau.gdp.shares_pct
    rows = []
    for year in (REPORT_YEAR, GDP_END_YEAR):
        column = int(np.searchsorted(GDP_YEARS, year))
        for sector_index, sector in enumerate(SECTORS):
            shift = float(scenario[index, sector_index, column] - bau[index, sector_index, column])
            rows.append({"year": year, "sector": sector, "sector_label": t(f"sectors.{sector}"),
                         "year_label": str(year), "shift_pp": shift,
                         "scenario_pct": float(scenario[index, sector_index, column]),
                         "bau_pct": float(bau[index, sector_index, column]),
                         "label": t("chart.pp_value", value=t.signed(shift, 2))})
    return rows


def sector_figure(result: ScenarioResult, country: str, t: Translator, style: ChartStyle = NORMAL) -> alt.TopLevelMixin:
    """Sector-share shifts against BAU for one country, 2030 and 2035, in percentage points.

    The finding names the largest shift in 2030 (``REPORT_YEAR``), the year the summary ranks
    (:data:`presentation.summary.SUMMARY_YEAR`), so the two never name different sectors for one country.
    """
    shifts = _shift_rows(result, country, t)
    # Ranked in the goal's year, as the summary ranks them: beside it, a finding for 2035 read as a contradiction.
    biggest = max((row for row in shifts if row["year"] == REPORT_YEAR), key=lambda row: abs(row["shift_pp"]))
    no_shift = abs(float(biggest["shift_pp"])) < 0.005
    text = {
        "title": t("findings.no_sector_shift", country=t(f"countries.{country}")) if no_shift else t(
            "findings.sector_shift", country=t(f"countries.{country}"),
                   sector=t(f"sectors_in_text.{biggest['sector']}"),
                   shift=t.signed(float(biggest["shift_pp"]), 2), year=t.year(int(biggest["year"]))),
        "source": t("sources.gdp"),
        "x": t("chart.shift_axis"),
    }
    return localised(charts.sector_shift_chart(shifts, text, style), t)


def _per_head_rows(result: ScenarioResult, t: Translator) -> list[dict[str, object]]:
    """GDP per head, scenario and BAU, and the gain, by year and country, as chart rows."""
    gdp_scenario, gdp_bau = result.scenario.gdp, result.bau.gdp
    years = gdp_scenario.years.tolist()
    rows: list[dict[str, object]] = []
    for index, country in enumerate(COUNTRIES):
        label = t(f"countries.{country}")
        scenario, bau = gdp_scenario.per_head_usd[index].tolist(), gdp_bau.per_head_usd[index].tolist()
        rows += [{"year": year, "country": country, "country_label": label, "scenario_usd": s, "bau_usd": b,
                  "gain_usd": s - b} for year, s, b in zip(years, scenario, bau, strict=True)]
    return rows


def per_head_figure(result: ScenarioResult, t: Translator, style: ChartStyle = NORMAL) -> alt.TopLevelMixin:
    """GDP per head above BAU for both countries, titled with the gain in the goal year (2035 at the latest)."""
    gains = _per_head_rows(result, t)
    year = min(result.goal_year, 2035)
    gain = {row["country"]: float(row["gain_usd"]) for row in gains if row["year"] == year}  # type: ignore[arg-type]
    text = {
        "title": t("findings.per_head", year=t.year(year), uz=t.signed(gain["UZ"], 0), kz=t.signed(gain["KZ"], 0)),
        "source": t("sources.gdp"), "x": t("chart.year"), "y": t("chart.per_head_axis"),
    }
    return localised(charts.per_head_gain_chart(gains, text, [t(f"countries.{c}") for c in COUNTRIES], style), t)


def per_head_note(result: ScenarioResult, t: Translator) -> str | None:
    """Why GDP per head jumps in 2026 and dips in 2027: the launched projects' one-year construction effect.

    Building adds value only in the year the money is spent (equation 7, ΔYᴮ) and the launched projects are
    all spent in 2026, on top of the programme's yearly flow; plants add output ``build_lag`` years later.
    None when no projects were launched (no zigzag to explain).
    """
    values = result.scenario.values  # noqa: PD011 - a Params mapping, not pandas
    if float(values["launched_projects"]) <= 0:
        return None
    return t("explorer.per_head_note", launched=t.number(float(values["launched_projects"]), 1),
             lag=t.count("years", float(values["build_lag"])), operating=t.year(2026 + float(values["build_lag"])),
             after_end=t.year(float(values["programme_end"]) + 1))


def shares_table(result: ScenarioResult, t: Translator) -> pd.DataFrame:
    """Sector shares BAU vs scenario in 2025, 2030 and 2035 with the shift, for a readable table.

    Written in ``t``'s notation with two decimals, as the charts and the summary write them (the raw shares
    showed as 19.1856 and −0.0144 with a decimal point in every language).
    """
    table = sector_shift_table(result)
    return pd.DataFrame({
        t("table.country"): [t(f"countries.{code}") for code in table["country"]],
        t("table.year"): [t.year(year) for year in table["year"]],
        t("table.sector"): [t(f"sectors.{sector}") for sector in table["sector"]],
        t("table.scenario_pct"): [t.number(value, 2) for value in table["scenario_pct"]],
        t("table.bau_pct"): [t.number(value, 2) for value in table["bau_pct"]],
        t("table.shift_pp"): [t.signed(value, 2) for value in table["shift_pp"]],
    })
