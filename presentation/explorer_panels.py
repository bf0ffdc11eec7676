"""What the Explorer's panels component is sent each run: the notes under the headline and the two panels.

Everything a lever release changes below the live levers, worded and charted by the server, in one element
(``src/panels.js``): the browser re-renders one element on a release instead of some thirty of Streamlit's,
and switches the GDP panel's views without a rerun (every view's chart travels; they are small).
"""

from __future__ import annotations

import re
from typing import Any

from model.data import COUNTRIES
from model.montecarlo import TargetOdds
from model.plausibility import PlausibilityWarning
from model.run import ScenarioResult
from model.tracker import YtdFigure, track
from presentation import figures
from presentation.chart_text import split_finding
from presentation.charts import SpecChart
from presentation.data_texts import data_text
from presentation.html_text import markdown_html
from presentation.i18n import Translator
from presentation.summary import summary_sentences
from presentation.tracker_text import tracker_text

MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|$~])")
HALF = 0.5  # each panel takes half a wide screen: its chart's source line is broken for that width


def plain(text: str) -> str:
    """``text`` (e.g. a source a user typed) shown as typed: Markdown and LaTeX (``$``) characters escaped."""
    return MARKDOWN_SPECIAL.sub(r"\\\1", text)


def plausibility_text(warning: PlausibilityWarning, t: Translator) -> str:
    """One way the scenario leaves historical experience, with the record and its source (Markdown)."""
    country = t(f"countries.{warning.country}") if warning.country else ""
    return (t(f"plausibility.{warning.code}", value=t.number(warning.value, 1), record=t.number(warning.record, 1),
              record_year=warning.record_year, year=t.year(warning.year), country=country)
            + "  \n" + t("plausibility.source", source=data_text(warning.source, t)))


def summary_text(result: ScenarioResult, odds: TargetOdds, t: Translator) -> str:
    """The plain-language summary with the headline probability (Markdown)."""
    return "**" + t("summary.heading") + ":** " + " ".join(summary_sentences(result, odds, t))


def notes(result: ScenarioResult, warnings: list[PlausibilityWarning], odds: TargetOdds,
          ytd: YtdFigure | None, t: Translator) -> list[dict[str, str]]:
    """The notes under the headline, in order: mirror-statistics caveat, plausibility, summary, tracker.

    Returns
    -------
    list of dict
        ``{"kind": "caption" | "warning" | "info" | "tracker", "html": …, "testid": …}``; a tracker entry
        adds ``"note"``, its caveat and source as HTML.
    """
    shown = [{"kind": "caption", "html": markdown_html(t("headline.mirror_note")), "testid": "mirror-note"}]
    shown += [{"kind": "warning", "html": markdown_html(plausibility_text(warning, t)), "testid": "plausibility"}
              for warning in warnings]
    shown.append({"kind": "info", "html": markdown_html(summary_text(result, odds, t)), "testid": "summary"})
    if ytd is not None:
        text = tracker_text(track(ytd, result), t)
        caption = " ".join(part for part in (text.caveat, plain(text.source)) if part)
        shown.append({"kind": "tracker", "html": markdown_html(f"**{t('tracker.label')}:** {text.sentence}"),
                      "note": markdown_html(caption), "testid": "ytd-tracker"})
    return shown


def view(chart: SpecChart, note: str | None = None, *, key: str, label: str = "") -> dict[str, Any]:
    """One chart as a panel shows it: its finding above (text), the spec without it, a note under it (HTML)."""
    finding, spec = split_finding(chart.spec, HALF)
    return {"id": key, "label": label, "finding": finding, "spec": spec, "note": markdown_html(note) if note else ""}


def columns(result: ScenarioResult, t: Translator) -> list[dict[str, Any]]:
    """The two panels: where the turnover comes from; GDP per head or one country's sector shares.

    Each panel has a heading, tabs (one tab: no tab bar) whose choices are its views (more than one: a switch
    above the chart), and a caption. Two tabs and a country switch inside the second, as before: three tabs
    named after the countries overflowed a half-width column in Uzbek and Russian.
    """
    trade = {"id": "trade", "heading": t("explorer.trade_heading"),
             "caption": markdown_html(t("explorer.parts_caveat")),
             "tabs": [{"id": "parts", "label": "", "switch_label": "",
                       "choices": [view(figures.decomposition_figure(result, t), key="parts")]}]}
    sectors = [view(figures.sector_figure(result, country, t), key=country, label=t(f"countries.{country}"))
               for country in COUNTRIES]
    gdp = {"id": "gdp", "heading": t("explorer.gdp_heading"), "caption": markdown_html(t("explorer.gdp_note")),
           "tabs": [{"id": "per_head", "label": t("explorer.tab_per_head"), "switch_label": "",
                     "choices": [view(figures.per_head_figure(result, t), figures.per_head_note(result, t),
                                      key="per_head")]},
                    {"id": "sectors", "label": t("explorer.tab_sectors"), "switch_label": t("explorer.sector_country"),
                     "choices": sectors}]}
    return [trade, gdp]


def panels_data(result: ScenarioResult, warnings: list[PlausibilityWarning], odds: TargetOdds,
                ytd: YtdFigure | None, t: Translator) -> dict[str, Any]:
    """The panels component's data for one run (JSON-safe).

    Parameters
    ----------
    result : ScenarioResult
        The session's scenario, run.
    warnings : list of PlausibilityWarning
        Where it leaves historical experience (:func:`model.plausibility.plausibility_warnings`).
    odds : TargetOdds
        The headline chance of the target (the figure every page shows).
    ytd : YtdFigure or None
        The latest year-to-date turnover figure, if any.
    t : Translator
        The user's language.

    Returns
    -------
    dict
        ``lang``, ``notes`` (:func:`notes`) and ``columns`` (:func:`columns`).
    """
    return {"lang": t.lang, "notes": notes(result, warnings, odds, ytd, t), "columns": columns(result, t)}
