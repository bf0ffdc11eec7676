"""The model checks as the pages show them: sentences built from computed numbers, in every language."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from model import Model
from model.growth_split import recent_peak, split_growth
from model.outlooks import other_projections
from presentation.checks_view import (
    ge_checks,
    ge_sentence,
    ge_table,
    growth_block,
    growth_rows,
    growth_sentence,
    outlooks_table,
)
from presentation.i18n import Translator

APP = str(Path(__file__).resolve().parent.parent / "app.py")
LANGUAGES = ("en", "uz", "ru")
PARTS = {"trend": 6.0, "agreements": 0.5, "investment": 1.0}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_growth_sentence_compares_the_share_needed_with_the_peak(lang: str) -> None:
    t = Translator(lang)
    split = split_growth(4.97, 453.28, 1.4, 10.0, PARTS, 2025, 2030)  # needs 1.58 % of GDP
    above = growth_sentence(split, (2022, 1.44), t)
    below = growth_sentence(split, (2022, 1.80), t)
    assert t("growth.above_peak", peak=t.percent(1.44, 2), year="2022") in above
    assert t("growth.below_peak", peak=t.percent(1.80, 2), year="2022") in below
    assert t.number(split.needed_log, 2) in above and t.percent_word(split.share_needed_pct, 2) in above
    no_gap = split_growth(5.0, 500.0, 2.5, 10.0, PARTS, 2025, 2030)
    assert t("growth.no_gap") in growth_sentence(no_gap, (2022, 1.44), t)


def test_growth_rows_add_up_to_the_integration_gap() -> None:
    t = Translator("en")
    split = split_growth(4.97, 453.28, 1.4, 10.0, PARTS, 2025, 2030)
    rows = growth_rows(split, t)
    lever_rows = rows[3:]
    names = ("trend", "agreements", "investment", "missing")
    assert [r[0] for r in lever_rows] == [t(f"growth.{k}_row") for k in names]
    usd = [float(r[2].replace("−", "-").replace("+", "")) for r in lever_rows]
    assert sum(usd) == pytest.approx(split.integration_gap_usd_bn, abs=0.02)


def test_the_scenarios_growth_block_uses_its_peak(model: Model) -> None:
    t = Translator("en")
    sentence, _rows = growth_block(model, model.run_values(model.registry.defaults()), t)
    year, peak = recent_peak(model.tables)
    assert t.percent(peak, 2) in sentence and str(year) in sentence


@pytest.mark.parametrize("lang", LANGUAGES)
def test_ge_sentence_without_a_cut_falls_back_to_the_reference(model: Model, lang: str) -> None:
    t = Translator(lang)
    values = {**model.registry.defaults(), "trade_cost_cut": 0.0}
    scenario, references = ge_checks(model, values)
    text = ge_sentence(scenario, references, t)
    assert text.startswith(t("analysis.ge_no_cut"))
    assert t.percent_word(references[0].ge_change_pct, 1) in text
    with_cut = ge_checks(model, {**values, "trade_cost_cut": 5.0})
    text = ge_sentence(*with_cut, t)
    assert t.percent_word(with_cut[0].pe_change_pct, 1) in text and t("analysis.ge_smaller") in text
    assert len(ge_table([with_cut[0], *with_cut[1]], t)) == 1 + len(with_cut[1])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_outlooks_table_says_how_each_target_fared(model: Model, lang: str) -> None:
    t = Translator(lang)
    result = model.run_values(model.registry.defaults())
    table = outlooks_table(model, result, t)
    raw = other_projections(model.tables)
    assert len(table) == len(raw) + 1  # plus this app's scenario
    outcome = table[t("method.out_outcome")]
    for index, row in raw.iterrows():
        if row["reached"] is True:
            assert outcome[index].startswith(t("method.out_reached", value="", year="", pct="").split(":")[0])
        if row["applied_by_us"]:
            assert t.number(row["implied_usd_bn"], 1) in outcome[index]
    assert table[t("method.out_who")].iloc[-1] == t("method.out_app")


def test_analysis_page_shows_the_ge_check_and_explorer_the_growth_split() -> None:
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    at.switch_page("pages/analysis.py").run()
    assert not at.exception, [e.value for e in at.exception]
    t = Translator("en")
    assert any(h.value == t("analysis.ge_heading") for h in at.header)
    assert any(t("analysis.ge_col_ge") in frame.value.columns for frame in at.dataframe)
    at.switch_page("pages/explorer.py").run()
    assert t("growth.heading") in [e.label for e in at.expander]
