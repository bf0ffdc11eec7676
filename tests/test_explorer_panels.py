"""The Explorer's panels element (notes and two charted panels, ``src/panels.js``): what the server sends it.

- the catalogue's Markdown becomes HTML with no markup of anyone's passing through (markdown-it-py, raw HTML
  off), so the browser may set it as the notes' HTML: a source a user typed stays text;
- every view a panel can show travels, each with its finding above the chart and the chart's spec without it;
- after a release the panels show the released scenario's numbers (the same figures the exports draw).
"""

from __future__ import annotations

import dataclasses
import re

import pytest
from app_session import app, html_text, panels, release

from model.api import Model
from model.data import COUNTRIES
from model.montecarlo import target_odds
from model.tracker import latest_figure
from presentation import figures
from presentation.explorer_panels import columns, notes
from presentation.html_text import markdown_html
from presentation.i18n import LANGUAGES, Translator


def test_raw_html_and_script_links_in_markdown_come_out_as_text() -> None:
    shown = markdown_html('**Source:** <img src=x onerror="alert(1)"> [open](javascript:alert(1)) 5 < 6 & 7')
    assert "<img" not in shown and "&lt;img" in shown
    assert 'href="javascript' not in shown
    assert shown.startswith("<p><strong>Source:</strong>")
    assert html_text(shown) == 'Source: <img src=x onerror="alert(1)"> [open](javascript:alert(1)) 5 < 6 & 7'


def test_a_source_typed_in_an_uploaded_file_is_shown_as_typed(model: Model) -> None:
    t = Translator("en")
    figure = latest_figure(model.tables.ytd, model.tables.bilateral)
    assert figure is not None
    typed = dataclasses.replace(figure, source="<script>alert(1)</script> *Stat* $x$ [a](b)")
    result = model.run_values(model.registry.defaults())
    odds = target_odds(model.registry.defaults(), model.baseline, model.registry)
    tracker = next(note for note in notes(result, [], odds, typed, t) if note["kind"] == "tracker")
    assert "<script>" not in tracker["note"]
    assert "<script>alert(1)</script> *Stat* $x$ [a](b)" in html_text(tracker["note"])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_view_of_both_panels_travels_with_its_finding_outside_the_chart(model: Model, lang: str) -> None:
    t = Translator(lang)
    result = model.run_values(model.registry.defaults())
    trade, gdp = columns(result, t)
    assert [tab["id"] for tab in trade["tabs"]] == ["parts"] and [tab["id"] for tab in gdp["tabs"]] == [
        "per_head", "sectors"]
    sectors = gdp["tabs"][1]
    assert [choice["id"] for choice in sectors["choices"]] == list(COUNTRIES)
    assert [choice["label"] for choice in sectors["choices"]] == [t(f"countries.{code}") for code in COUNTRIES]
    expected = {"parts": figures.decomposition_figure(result, t), "per_head": figures.per_head_figure(result, t),
                **{code: figures.sector_figure(result, code, t) for code in COUNTRIES}}
    for column in (trade, gdp):
        for tab in column["tabs"]:
            for choice in tab["choices"]:
                title = expected[choice["id"]].spec["title"]
                assert choice["finding"] == title["text"]  # above the chart, as text
                assert choice["spec"]["title"]["text"] != title["text"]  # the chart keeps only its source line
                assert choice["spec"]["datasets"] == expected[choice["id"]].spec["datasets"]


def test_after_a_release_the_panels_show_the_released_scenario(model: Model) -> None:
    t = Translator("en")
    at = app()
    before = panels(at)
    release(at, trade_growth=12.0, investment_inflow=2.5)
    after = panels(at)
    values = at.session_state["scenario"].levers
    assert (values["trade_growth"], values["investment_inflow"]) == (12.0, 2.5)
    result = model.run_values(values)
    parts = after["columns"][0]["tabs"][0]["choices"][0]
    assert parts["finding"] == figures.decomposition_figure(result, t).spec["title"]["text"]
    assert parts["spec"]["datasets"] == figures.decomposition_figure(result, t).spec["datasets"]
    assert after["notes"] != before["notes"]  # the summary words the new target year and chance
    summary = next(note for note in after["notes"] if note["kind"] == "info")
    assert t("summary.heading") in html_text(summary["html"])


@pytest.mark.parametrize("values", [{}, {"trade_growth": 12.0, "investment_inflow": 3.0}, {"trade_cost_cut": 10.0}])
def test_the_sector_finding_and_the_summary_name_the_same_largest_shift(model: Model, values: dict) -> None:
    """Side by side on the Explorer: the summary's largest shift is its country's panel finding, same year."""
    from presentation.summary import SUMMARY_YEAR, summary_sentences

    t = Translator("en")
    result = model.run_values(model.values(values))
    odds = target_odds(result.scenario.values, model.baseline, model.registry)
    summary = " ".join(summary_sentences(result, odds, t))
    shown = [code for code in COUNTRIES if t(f"countries.{code}") in summary.split("GDP:")[-1]]
    assert len(shown) == 1, summary
    finding = figures.sector_figure(result, shown[0], t).spec["title"]["text"]
    assert t.year(SUMMARY_YEAR) in finding, (finding, summary)
    sector_and_shift = re.search(r"GDP: (.+) in .+, (\S+) pp by", summary)
    assert sector_and_shift, summary
    assert sector_and_shift.group(1) in finding and sector_and_shift.group(2) in finding, (finding, summary)
