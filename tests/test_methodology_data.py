"""The methodology table is the registry; every series on the data page has a source; the back-test is on the page."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from model import Model
from model.checks_report import model_backtest
from presentation.checks_view import backtest_table, backtest_verdict
from presentation.data_texts import data_text
from presentation.data_view import mirror_table, series_views
from presentation.i18n import Translator
from presentation.methodology_view import EQUATIONS, parameter_table

APP = str(Path(__file__).resolve().parent.parent / "app.py")
t = Translator("en")


def test_methodology_table_equals_the_registry(model: Model) -> None:
    table = parameter_table(model.registry, t)
    assert table[t("method.col_key")].tolist() == list(model.registry.keys)
    for param, (_, row) in zip(model.registry.parameters, table.iterrows(), strict=True):
        assert row[t("method.col_default")] == param.default
        assert row[t("method.col_range")] == f"{param.min:g} … {param.max:g}"
        assert data_text(param.source, t) in row[t("method.col_source")]  # as users read it: no file names


def test_all_ten_equations_are_shown() -> None:
    assert len(EQUATIONS) == 10
    assert all(t.has(f"method.eq{n}") for n in range(1, 11))


def test_every_series_on_the_data_page_has_a_source_and_status(model: Model) -> None:
    views = series_views(model.tables)
    assert {v.key for v in views} >= {"turnover_usd_bn", "gdp_current_usd", "population", "sector_shares"}
    for view in views:
        assert len(view.frame) > 0
        assert view.frame["source"].astype(str).str.strip().ne("").all(), view.key
        assert view.frame["status"].astype(str).str.strip().ne("").all(), view.key
        assert t.has(f"data.series.{view.key}")


def test_mirror_statistics_show_both_reporters_and_the_gap() -> None:
    table = mirror_table(t)
    row = table[table[t("data.col_period")] == "2022"].iloc[0]
    assert (row[t("data.uz_reported")], row[t("data.kz_reported")], row[t("data.gap")]) == ("4.60", "5.00", "0.40")
    assert row[t("data.uz_source")] and row[t("data.kz_source")]
    # 2023: the Kazakh side gave two figures (4.4 President, 4.5 commission), so the gap is a range
    row = table[table[t("data.col_period")] == "2023"].iloc[0]
    assert (row[t("data.kz_reported")], row[t("data.gap")]) == ("4.40–4.50", "0.01–0.11")


def test_methodology_page_shows_the_backtest_table_and_the_computed_verdict(model: Model) -> None:
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page("pages/methodology.py").run()
    assert not at.exception, [e.value for e in at.exception]
    backtest = model_backtest(model)
    table = backtest_table(backtest, t)
    shown = [frame.value for frame in at.dataframe]
    assert any(list(frame.columns) == list(table.columns) and frame.equals(table) for frame in shown)
    assert any(backtest_verdict(backtest, t) == block.value for block in at.markdown)
    assert t(f"method.bt_{backtest.favoured}") in backtest_verdict(backtest, t)


@pytest.mark.parametrize("page", ["pages/methodology.py", "pages/data_sources.py"],
                         ids=["the methodology page renders", "the data page renders"])
def test_page_renders(page: str) -> None:
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
