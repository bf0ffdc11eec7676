"""Comparison tables: BAU row, differences to BAU, differing levers, unique names; BAU shown once when pinned."""

from __future__ import annotations

import re

import numpy as np
import pytest
from markdown_it import MarkdownIt

from model import Model
from model.compare import differing_levers, headline_table, unique_names
from model.presets import find_preset, load_presets
from model.run import ScenarioResult
from model.scenario import Scenario
from presentation.compare_view import headline_frame, levers_styler, overlay_figure
from presentation.i18n import Translator
from presentation.identity import for_markdown


def test_headline_table_has_bau_row_and_zero_bau_deltas(model: Model) -> None:
    presets = load_presets()
    results = {p.name: model.run_values(p.values(model.registry)) for p in presets}
    table = headline_table(results)
    assert list(table.index) == ["BAU", *results]
    deltas = table.filter(like="delta_").loc["BAU"].dropna()
    assert np.allclose(deltas.to_numpy(), 0.0)


def test_agreements_reach_the_target_earlier_than_bau(model: Model) -> None:
    agreements = find_preset(load_presets(), "agreements")
    table = headline_table({"agreements": model.run_values(agreements.values(model.registry))})
    assert table.loc["agreements", "delta_target_year"] < 0
    expected = model.run_values(agreements.values(model.registry)).turnover_at_goal
    assert table.loc["agreements", "turnover_in_goal_year_usd_bn"] == pytest.approx(expected, abs=0.01)


def test_bau_preset_row_equals_bau_row(model: Model) -> None:
    bau = find_preset(load_presets(), "bau")
    table = headline_table({"bau": model.run_values(bau.values(model.registry))})
    bau_row = table.drop(columns=table.filter(like="delta_").columns)
    assert np.allclose(bau_row.loc["bau"].to_numpy(), bau_row.loc["BAU"].to_numpy(), equal_nan=True)


def test_differing_levers_lists_only_changed_levers(model: Model) -> None:
    defaults = model.registry.defaults()
    table = differing_levers({"a": {**defaults, "trade_growth": 12.0}, "b": {**defaults, "trade_cost_cut": 5.0}},
                             model.registry)
    assert list(table.index) == ["trade_growth", "trade_cost_cut"]
    assert table.loc["trade_growth", "a"] == 12.0 and table.loc["trade_growth", "b"] == defaults["trade_growth"]


def test_repeated_names_become_unique() -> None:
    assert unique_names(["A", "B", "A", "A"]) == ["A", "B", "A (2)", "A (3)"]


# --- what the compare page shows (presentation.compare_view) -----------------------------------------------------


def _pinned(model: Model, *preset_ids: str) -> dict[str, ScenarioResult]:
    presets = load_presets()
    t = Translator("en")
    return {t(f"presets.{i}.name"): model.run_values(find_preset(presets, i).values(model.registry))
            for i in preset_ids}


def test_pinned_business_as_usual_is_shown_once_in_the_table_and_the_chart(model: Model) -> None:
    t = Translator("en")
    results = _pinned(model, "bau", "agreements")
    frame = headline_frame(results, t)
    assert list(frame.columns) == [t("chart.case_bau"), for_markdown(t("presets.agreements.name"))]
    spec = overlay_figure(results, t).to_dict()
    colour = next(layer["encoding"]["color"] for layer in spec["layer"] if "color" in layer.get("encoding", {}))
    legend = colour["scale"]["domain"]
    assert legend == [t("presets.agreements.name"), t("chart.case_bau")]
    assert len(legend) == len(set(legend))


def test_only_business_as_usual_pinned_still_shows_its_column(model: Model) -> None:
    frame = headline_frame(_pinned(model, "bau"), Translator("en"))
    assert list(frame.columns) == [Translator("en")("chart.case_bau")]


@pytest.mark.parametrize("lang", ["en", "uz", "ru"])
def test_the_turnover_row_names_the_goal_year_not_the_year_the_target_is_reached(model: Model, lang: str) -> None:
    t = Translator(lang)
    results = _pinned(model, "agreements", "slowdown")
    goal_year = next(iter(results.values())).goal_year
    label = t("compare.col_turnover", year=t.year(goal_year))
    assert label in headline_frame(results, t).index
    assert str(goal_year) in label and label != t("compare.col_turnover_each")


@pytest.mark.parametrize("name", ["<b>html</b> *markdown*", "Plan [A](https://x.example) _v2_ #1", r"a\\b `c` $x$ | d"])
def test_a_users_name_heads_its_columns_as_typed_not_as_markdown(model: Model, name: str) -> None:
    """st.table renders labels as Markdown: the escaped name, rendered, reads exactly as the user typed it."""
    t = Translator("en")
    defaults = model.registry.defaults()
    result = model.run_values({**defaults, "trade_growth": 12.0})
    frame = headline_frame({name: result}, t)
    styler = levers_styler(model, {name: Scenario(levers={**defaults, "trade_growth": 12.0})}, t)
    for header in (frame.columns[-1], styler.data.columns[-1]):
        html = MarkdownIt("commonmark", {"html": False}).renderInline(header)
        text = re.sub(r"<[^>]+>", "", html).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
        assert text == name and "<em>" not in html and "<a " not in html
