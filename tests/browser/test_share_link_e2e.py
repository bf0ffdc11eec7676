"""A scenario set in one browser travels by its address to a fresh browser context and shows the same result."""

from __future__ import annotations

import re

import pytest
from conftest import new_tab
from playwright.sync_api import Browser, Page, expect
from streamlit_page import METRIC_LABEL, exceptions, metric_value, open_app, wait_for_rerun

from presentation.i18n import Translator

t = Translator("en")
TARGET_YEAR = t("headline.target_year", target="10")
TURNOVER = t("headline.turnover_in_goal", year="2030")

pytestmark = pytest.mark.browser


def set_scenario_by_keyboard(page: Page) -> None:
    """Raise trade growth and the trade-cost cut with the keyboard, as a presenter would."""
    sliders = page.get_by_role("slider")
    growth, cut = sliders.nth(0), sliders.nth(2)
    growth.focus()
    for _ in range(25):
        page.keyboard.press("ArrowRight")
    wait_for_rerun(page)
    cut.focus()
    for _ in range(6):
        page.keyboard.press("ArrowRight")
    wait_for_rerun(page)


def test_address_bar_link_reopens_the_same_scenario(browser: Browser, explorer: Page, app_url: str) -> None:
    before = metric_value(explorer, TARGET_YEAR)
    set_scenario_by_keyboard(explorer)
    expect(explorer).to_have_url(re.compile(r"[?&]g=.*[?&]cut=|[?&]cut=.*[?&]g="))
    year, turnover = metric_value(explorer, TARGET_YEAR), metric_value(explorer, TURNOVER)
    assert year != before
    shared = explorer.url
    for fresh in new_tab(browser):
        open_app(fresh, shared)
        expect(fresh.locator(METRIC_LABEL, has_text=TURNOVER)).to_be_visible()
        assert exceptions(fresh) == []
        assert metric_value(fresh, TARGET_YEAR) == year
        assert metric_value(fresh, TURNOVER) == turnover


def test_a_broken_link_loads_and_says_what_it_changed(page: Page, app_url: str) -> None:
    open_app(page, f"{app_url}/?g=abc&cut=99&zz=1&inv=nan")
    expect(page.locator(METRIC_LABEL, has_text=TARGET_YEAR)).to_be_visible()
    assert exceptions(page) == []
    notes = page.locator('[data-testid="stAlert"]').first.inner_text()
    assert "not a number" in notes and "set to 15" in notes and "zz" in notes
    assert metric_value(page, TARGET_YEAR)  # the scenario still computes
