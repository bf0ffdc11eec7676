"""Lever values in the language's number format: Uzbek and Russian read 1,34 on the lever as in the headline."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from model import Model
from presentation.i18n import Translator
from ui.widgets import slider_options, step_decimals

APP = str(Path(__file__).resolve().parent.parent / "app.py")
DECIMAL_LEVERS = ("trade_growth", "investment_inflow", "trade_cost_cut")


def started(lang: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["lang"] = lang
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.mark.parametrize("lang", ["ru", "uz"])
def test_levers_show_a_decimal_comma(lang: str, model: Model) -> None:
    at = started(lang)
    t = Translator(lang)
    for key in DECIMAL_LEVERS:
        lever = at.select_slider(key=f"lever.{key}")
        param = model.registry.by_key[key]
        assert lever.value == pytest.approx(model.registry.defaults()[key])
        shown = lever.format_func(lever.value)
        assert shown == t.number(lever.value, step_decimals(param.step))
        assert "." not in shown, shown
    assert at.select_slider(key="lever.investment_inflow").format_func(1.34) == "1,34"


@pytest.mark.parametrize("lang", ["ru", "uz"])
def test_moving_a_lever_in_russian_or_uzbek_moves_the_headline(lang: str) -> None:
    at = started(lang)
    before = [m.value for m in at.metric]
    at.select_slider(key="lever.trade_growth").set_value(12.0).run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.session_state["scenario"].levers["trade_growth"] == pytest.approx(12.0)
    assert [m.value for m in at.metric] != before


def test_english_keeps_the_printf_slider() -> None:
    at = started("en")
    assert at.slider(key="lever.investment_inflow").value == pytest.approx(1.34)
    assert not at.select_slider


def test_switching_language_keeps_the_lever_values() -> None:
    at = started("en")
    at.slider(key="lever.investment_inflow").set_value(2.5).run()
    at.selectbox(key="lang_choice").set_value("ru").run()  # the sidebar's language box, as a user switches
    assert not at.exception, [e.value for e in at.exception]
    assert at.select_slider(key="lever.investment_inflow").value == pytest.approx(2.5)


def test_options_are_the_grid_plus_an_off_grid_value(model: Model) -> None:
    param = model.registry.by_key["investment_inflow"]
    grid = slider_options(param, 1.34)
    assert grid[0] == param.min and grid[-1] == param.max
    assert len(grid) == round((param.max - param.min) / param.step) + 1
    assert 1.337 in slider_options(param, 1.337)  # e.g. from a shared link: offered, not snapped away
