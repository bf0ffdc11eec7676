"""Lever values in the language's number format: Uzbek and Russian read 1,34 on a lever as in the headline."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from app_session import live, live_texts, live_values, release
from streamlit.testing.v1 import AppTest

from model import Model
from presentation.i18n import Translator
from ui.widgets import _decimals, slider_options

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def started(lang: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["lang"] = lang
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def opened(lang: str) -> AppTest:
    at = started(lang)
    at.session_state["expander_advanced"] = True  # advanced sliders render only in the open expander
    at.run()
    return at


def advanced_decimal_levers(model: Model) -> list[str]:
    return [p.key for p in model.registry.group("advanced") if _decimals(p.step)]


@pytest.mark.parametrize("lang", ["ru", "uz"])
def test_live_levers_get_the_languages_number_symbols(lang: str, model: Model) -> None:
    data = live(started(lang))
    assert data["symbols"]["decimal"] == ","
    for lever in data["levers"]:
        assert lever["decimals"] == _decimals(model.registry.by_key[lever["key"]].step)
    assert data["values"]["investment_inflow"] == pytest.approx(1.34)
    turnover = data["server"]["texts"]["turnover"]
    assert re.search(r"\d,\d\d", turnover) and not re.search(r"\d\.\d", turnover), turnover


@pytest.mark.parametrize("lang", ["ru", "uz"])
def test_advanced_levers_show_a_decimal_comma(lang: str, model: Model) -> None:
    at = opened(lang)
    t = Translator(lang)
    keys = advanced_decimal_levers(model)
    assert keys
    for key in keys:
        lever = at.select_slider(key=f"lever.{key}")
        param = model.registry.by_key[key]
        assert lever.value == pytest.approx(model.registry.defaults()[key])
        shown = lever.format_func(lever.value)
        assert shown == t.number(lever.value, _decimals(param.step))
        assert "." not in shown, shown


@pytest.mark.parametrize("lang", ["ru", "uz"])
def test_moving_a_lever_in_russian_or_uzbek_moves_the_headline(lang: str) -> None:
    at = started(lang)
    before = live_texts(at)
    release(at, trade_growth=12.0)
    assert at.session_state["scenario"].levers["trade_growth"] == pytest.approx(12.0)
    assert live_texts(at) != before


def test_english_keeps_the_printf_slider(model: Model) -> None:
    at = opened("en")
    key = advanced_decimal_levers(model)[0]
    assert at.slider(key=f"lever.{key}").value == pytest.approx(model.registry.defaults()[key])
    assert not at.select_slider


def test_switching_language_keeps_the_lever_values() -> None:
    at = started("en")
    release(at, investment_inflow=2.5)
    at.selectbox(key="lang_choice").set_value("ru").run()  # the sidebar's language box, as a user switches
    assert not at.exception, [e.value for e in at.exception]
    assert live_values(at)["investment_inflow"] == pytest.approx(2.5)


def test_options_are_the_grid_plus_an_off_grid_value(model: Model) -> None:
    param = model.registry.by_key["investment_inflow"]
    grid = slider_options(param, 1.34)
    assert grid[0] == param.min and grid[-1] == param.max
    assert len(grid) == round((param.max - param.min) / param.step) + 1
    assert 1.337 in slider_options(param, 1.337)  # e.g. from a shared link: offered, not snapped away
