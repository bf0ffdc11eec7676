"""The summit documents, the scenario a chosen set builds, and the Agreements page under AppTest."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from model.agreements import ADDITIVE_LEVERS, NONE_REASONS, explain, load_agreements, scenario_from_agreements
from model.presets import find_preset, load_presets
from presentation.i18n import Translator

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "app.py"
PAGE = ROOT / "pages" / "agreements.py"
t = Translator("en")


@pytest.fixture(scope="module")
def agreements():
    return load_agreements()


def test_the_thirteen_summit_documents_are_there_each_with_a_channel_and_a_mapping(agreements):
    summit = [a for a in agreements if a.in_summit_list]
    assert len(summit) == 13
    assert sorted(a.number for a in summit) == list(range(1, 14))
    assert all(a.date == "2025-11-15" for a in summit)
    for agreement in agreements:
        assert agreement.channel.strip(), agreement.id
        assert agreement.reasoning.strip(), agreement.id
        assert agreement.sources, agreement.id
        if agreement.levers:
            assert agreement.none_reason is None, agreement.id
        else:
            assert agreement.none_reason in NONE_REASONS, agreement.id
    extra = [a for a in agreements if not a.in_summit_list]
    assert [a.id for a in extra] == ["uzkaztrade"]


def test_every_lever_named_exists_in_the_registry_and_its_value_is_in_range(agreements, model):
    for agreement in agreements:
        for lever, value in agreement.levers.items():
            param = model.registry.by_key.get(lever)
            assert param is not None, f"{agreement.id}: unknown lever {lever}"
            assert param.min <= value <= param.max, f"{agreement.id}: {lever}={value}"


def test_every_agreement_text_is_in_the_english_catalogue(agreements):
    for agreement in agreements:
        assert t(f"agreements_data.{agreement.id}.name") == agreement.name
        for field in ("channel", "reasoning"):
            assert t.has(f"agreements_data.{agreement.id}.{field}")
        if agreement.none_reason:
            assert t.has(f"agreements.none.{agreement.none_reason}")


def test_nothing_selected_is_business_as_usual(model):
    assert scenario_from_agreements([], model.registry) == model.registry.bau()


def test_the_customs_offices_alone_give_the_agreements_implemented_cut(model):
    # 2.5 %: about half of de Melo & Wagner's 4.5 % (halfway to the trade-facilitation frontier); UzKazTrade adds
    # nothing because it has traded since March 2023 (Trend, 8 Jan 2024) and is already in the trend
    values = scenario_from_agreements(["customs_offices", "uzkaztrade"], model.registry)
    preset = find_preset(load_presets(), "agreements")
    assert preset is not None
    assert values["trade_cost_cut"] == pytest.approx(preset.levers["trade_cost_cut"]) == pytest.approx(2.5)
    assert values == scenario_from_agreements(["customs_offices"], model.registry)
    assert {k for k, v in values.items() if v != model.registry.bau()[k]} == {"trade_cost_cut"}


def test_uzkaztrade_moves_no_lever_because_it_is_already_in_the_trend(agreements, model):
    uzkaztrade = next(a for a in agreements if a.id == "uzkaztrade")
    assert uzkaztrade.levers == {} and uzkaztrade.none_reason == "in_trend"
    assert "March 2023" in uzkaztrade.reasoning and any("Trend, 8 Jan 2024" in s for s in uzkaztrade.sources)
    assert scenario_from_agreements(["uzkaztrade"], model.registry) == model.registry.bau()
    for lang in ("en", "uz", "ru"):
        assert Translator(lang).has("agreements.none.in_trend")


def test_the_investment_platform_turns_the_programme_on(model):
    values = scenario_from_agreements(["investment_platform"], model.registry)
    defaults = model.registry.defaults()
    assert values["investment_inflow"] == pytest.approx(defaults["investment_inflow"]) == pytest.approx(1.34)
    assert values["launched_projects"] == pytest.approx(defaults["launched_projects"]) == pytest.approx(1.3)
    assert values["realisation_share"] == pytest.approx(defaults["realisation_share"] + 0.1)
    assert model.run_values(values).turnover_at_goal > model.run_values(model.registry.bau()).turnover_at_goal


def test_documents_without_a_lever_change_nothing(agreements, model):
    no_lever = [a.id for a in agreements if not a.levers]
    assert len(no_lever) >= 9
    assert scenario_from_agreements(no_lever, model.registry) == model.registry.bau()
    assert all(lever is None and value is None for _, lever, value in explain(no_lever))


def test_a_lever_set_by_two_documents_takes_the_larger_value_in_any_order(model):
    one = scenario_from_agreements(["mining_memorandum", "oil_gas"], model.registry)
    other = scenario_from_agreements(["oil_gas", "mining_memorandum"], model.registry)
    assert one == other
    assert one["sector_mix_industry"] == pytest.approx(0.65)


def test_every_combination_stays_within_the_ranges(agreements, model):
    everything = scenario_from_agreements([a.id for a in agreements], model.registry)
    singles = [scenario_from_agreements([a.id], model.registry) for a in agreements]
    for values in (everything, *singles):
        for key, value in values.items():
            param = model.registry.by_key[key]
            assert param.min <= value <= param.max, (key, value)
    cut = sum(a.levers.get("trade_cost_cut", 0.0) for a in agreements)
    assert everything["trade_cost_cut"] == pytest.approx(min(cut, model.registry.by_key["trade_cost_cut"].max))


def test_additive_contributions_are_clipped_to_the_range(agreements, model):
    (lever,) = ADDITIVE_LEVERS
    customs = next(a for a in agreements if a.id == "customs_offices")
    heavy = (replace(customs, levers={lever: 10.0}), replace(customs, id="copy", levers={lever: 10.0}))
    values = scenario_from_agreements(["customs_offices", "copy"], model.registry, heavy)
    assert values[lever] == model.registry.by_key[lever].max


def test_an_unknown_id_is_refused(model):
    with pytest.raises(KeyError, match="no_such_treaty"):
        scenario_from_agreements(["no_such_treaty"], model.registry)


def test_explain_lists_each_contribution_in_file_order():
    rows = explain(["uzkaztrade", "investment_platform", "customs_offices"])
    assert [(a.id, lever) for a, lever, _ in rows] == [
        ("customs_offices", "trade_cost_cut"),
        ("investment_platform", "investment_inflow"),
        ("investment_platform", "launched_projects"),
        ("investment_platform", "realisation_share"),
        ("uzkaztrade", None),
    ]


# --- the page ---------------------------------------------------------------------------------------------


def _page_app(tmp_path: Path) -> AppTest:
    """The Agreements page inside app.py's navigation, or inside a tiny entry script until app.py lists it."""
    if "pages/agreements.py" in APP.read_text(encoding="utf-8"):
        at = AppTest.from_file(str(APP), default_timeout=60)
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        at.switch_page("pages/agreements.py")
        return at
    entry = tmp_path / "entry.py"
    entry.write_text("import streamlit as st\n"
                     f"st.navigation([st.Page({str(PAGE)!r}, default=True)]).run()\n", encoding="utf-8")
    return AppTest.from_file(str(entry), default_timeout=60)


def test_the_page_builds_a_scenario_from_two_agreements(tmp_path, model, monkeypatch):
    monkeypatch.setenv("HAMKORLIK_LIBRARY_URL", f"sqlite:///{tmp_path / 'library.sqlite3'}")
    at = _page_app(tmp_path)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    before = at.session_state["scenario"] if "scenario" in at.session_state else None  # noqa: SIM401 (no .get)
    at.checkbox(key="agreement.customs_offices").check()
    at.checkbox(key="agreement.investment_platform").check()
    at.run()
    at.button(key="agreements_build").click().run()
    assert not at.exception, [e.value for e in at.exception]
    scenario = at.session_state["scenario"]
    assert scenario != before
    expected = scenario_from_agreements(["customs_offices", "investment_platform"], model.registry)
    assert scenario.levers == expected
    assert scenario.levers["trade_cost_cut"] == pytest.approx(2.5)
    assert scenario.name == t("agreements.scenario_name", n=2)
    assert any(t("agreements.built", name=scenario.name) in s.value for s in at.success)
    labels = [m.label for m in at.metric]
    assert t("headline.target_year", target="10") in labels
    assert at.dataframe, "the resulting levers are shown"
