"""The explorer in real headless Chromium: it loads cleanly, and moving the first slider moves the headline."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from streamlit_page import exceptions, metric_value, metric_value_locator, slider_number, wait_for_rerun

from presentation.i18n import Translator

pytestmark = pytest.mark.browser

t = Translator("en")
TARGET_YEAR = t("headline.target_year", target="10")  # default target: USD 10 bn
TURNOVER = t("headline.turnover_in_goal", year="2030")  # default target year: 2030
PRESSES = 60  # ArrowRight presses: 60 steps of 0.1 %/yr


def first_slider(page: Page):
    return page.get_by_role("slider").first


def slider_value(page: Page) -> float:
    return slider_number(first_slider(page))


def expected_year(model, trade_growth: float) -> str:
    """The target year the model gives for this trend growth, all else at the defaults."""
    crossing = model.run({"trade_growth": trade_growth}).scenario.crossing
    assert bool(crossing.reached) and not bool(crossing.already)
    return t.year(int(crossing.first_year))


def test_the_explorer_loads_without_an_exception(shared_explorer):
    assert not exceptions(shared_explorer)
    assert metric_value(shared_explorer, TARGET_YEAR)
    assert metric_value(shared_explorer, TURNOVER)


def test_the_headline_shows_the_models_target_year(shared_explorer, model):
    default_growth = model.registry.defaults()["trade_growth"]
    assert metric_value(shared_explorer, TARGET_YEAR) == expected_year(model, default_growth)


def test_the_first_slider_is_trade_growth_at_its_default(shared_explorer, model):
    assert "Trade growth" in (first_slider(shared_explorer).get_attribute("aria-label") or "")
    assert slider_value(shared_explorer) == pytest.approx(model.registry.defaults()["trade_growth"])


def test_arrowing_trade_growth_up_brings_the_target_year_forward(explorer, model):
    before = metric_value(explorer, TARGET_YEAR)
    start = slider_value(explorer)
    first_slider(explorer).focus()
    for _ in range(PRESSES):
        explorer.keyboard.press("ArrowRight")
    wait_for_rerun(explorer)
    assert slider_value(explorer) == pytest.approx(start + PRESSES * 0.1)
    expect(metric_value_locator(explorer, TARGET_YEAR)).to_have_text(expected_year(model, start + PRESSES * 0.1))
    assert int(metric_value(explorer, TARGET_YEAR)) < int(before)
    assert not exceptions(explorer)


def test_the_end_key_takes_trade_growth_to_its_maximum_and_the_target_year_earliest(explorer, model):
    before = metric_value(explorer, TARGET_YEAR)
    maximum = model.registry.by_key["trade_growth"].max
    first_slider(explorer).focus()
    explorer.keyboard.press("End")
    wait_for_rerun(explorer)
    assert slider_value(explorer) == pytest.approx(maximum)
    expect(metric_value_locator(explorer, TARGET_YEAR)).to_have_text(expected_year(model, maximum))
    assert int(metric_value(explorer, TARGET_YEAR)) < int(before)
    assert not exceptions(explorer)
