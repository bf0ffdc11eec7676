"""Compare and Scenarios pages under AppTest, and share links opened in the app."""

from __future__ import annotations

import pytest
from app_session import app, html_text, live, live_texts, live_values, release

from model.api import load_model
from model.presets import find_preset, load_presets
from presentation.i18n import Translator

t = Translator("en")


@pytest.fixture(autouse=True)
def private_library(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("HAMKORLIK_LIBRARY_URL", f"sqlite:///{tmp_path / 'library.sqlite3'}")


def test_compare_page_starts_empty_and_explains(model) -> None:
    at = app()
    at.switch_page("pages/compare.py").run()
    assert not at.exception
    assert any(t("compare.empty") in info.value for info in at.info)


def test_compare_page_shows_pinned_presets_against_bau() -> None:
    at = app()
    at.switch_page("pages/compare.py").run()
    at.multiselect(key="compare_presets").set_value(["agreements", "slowdown"]).run()
    at.button(key="add_presets").click().run()
    assert not at.exception, [e.value for e in at.exception]
    table = at.table[0].value
    assert list(table.columns) == [t("chart.case_bau"), t("presets.agreements.name"), t("presets.slowdown.name")]
    model = load_model()
    expected = model.run_values(find_preset(load_presets(), "agreements").values(model.registry)).scenario.crossing
    assert table.loc[t("compare.col_target_year"), t("presets.agreements.name")] == str(int(expected.first_year))
    assert table.loc[t("compare.col_target_year"), t("presets.slowdown.name")] == t("headline.not_by_2050")


def test_pinning_is_capped_at_four() -> None:
    at = app()
    at.switch_page("pages/compare.py").run()
    at.multiselect(key="compare_presets").set_value(["bau", "announced", "agreements", "fast_tracked", "slowdown"])
    at.run()
    at.button(key="add_presets").click().run()
    assert len([b for b in at.button if b.key and b.key.startswith("unpin_")]) == 4
    assert any(t("compare.full") in w.value for w in at.warning)


def test_link_sets_the_scenario_and_bad_parts_are_reported() -> None:
    at = app({"g": "15", "cut": "abc", "zz": "1"})
    assert live_values(at)["trade_growth"] == 15.0
    assert live_values(at)["trade_cost_cut"] == 0.0
    warning = at.warning[0].value
    assert "abc" in warning and "zz" in warning


def test_choosing_a_preset_moves_the_sliders_and_moving_one_marks_it_modified() -> None:
    at = app()
    at.selectbox(key="preset_choice_en").set_value("agreements").run()
    preset = find_preset(load_presets(), "agreements")
    assert preset is not None
    assert live_values(at)["trade_cost_cut"] == preset.levers["trade_cost_cut"]
    assert t("presets.agreements.name") in html_text(live(at)["scenario_line"])  # the line above the levers
    release(at, trade_growth=9.0)
    modified = t("scenario.modified", name=t("presets.agreements.name"))
    assert modified in html_text(live(at)["scenario_line"])


def test_scenarios_page_saves_and_lists_a_scenario() -> None:
    at = app({"g": "12"})
    at.switch_page("pages/scenarios.py").run()
    assert not at.exception, [e.value for e in at.exception]
    at.text_input(key="scenario_name").set_value("Workshop A").run()
    save = next(b for b in at.button if b.label == t("library.save"))
    save.click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("Workshop A" in s.value for s in at.success)
    names = at.dataframe[0].value.iloc[:, 0].tolist()
    assert "Workshop A" in names  # the library is cached per process, so earlier tests' saves may be listed too


def test_analysis_page_shows_probability_and_applies_a_goal_seek_answer() -> None:
    at = app({"cut": "5"})
    at.switch_page("pages/analysis.py").run()
    assert not at.exception, [e.value for e in at.exception]
    probability = next(m for m in at.metric if t("analysis.probability", year="2030") in m.label)
    assert probability.value.endswith("%")
    at.button(key="apply_trade_growth").click().run()
    assert not at.exception, [e.value for e in at.exception]
    at.switch_page("pages/explorer.py").run()
    assert live_texts(at)["year"] == "2030"

