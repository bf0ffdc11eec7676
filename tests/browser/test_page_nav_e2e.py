"""The page links at the top of the sidebar (``ui.page_nav``), in real Chromium.

They replace Streamlit's own navigation (issue 15: it re-rendered on every lever release), so each test checks
what that navigation gave: a click switches pages in the same session and keeps the scenario (in the address
too), the current page is marked for assistive technology, the keyboard works, a new tab gets a working
address, and the titles follow the language.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import new_tab
from playwright.sync_api import Browser, Page, expect
from streamlit_page import NAV_LINK, choose, exceptions, go_to, open_app, open_page, settle

from presentation.i18n import Translator

pytestmark = pytest.mark.browser
t = Translator("en")
PAGES = ("explorer", "compare", "analysis", "scenarios", "agreements", "methodology", "data")


def link(page: Page, nav_key: str):
    return page.locator(NAV_LINK).filter(has_text=t(f"nav.{nav_key}"))


def growth(page: Page):
    return page.get_by_test_id("live-lever-trade_growth")


def released_once(page: Page) -> None:
    page.wait_for_selector('.hk-live[data-source="server"][data-seq="1"]', timeout=60_000)
    settle(page)


def test_a_click_switches_page_in_the_same_session_and_keeps_the_scenario(explorer: Page) -> None:
    page = explorer
    nav = page.locator("nav.hk-nav")
    expect(nav).to_have_attribute("aria-label", t("nav.label"))
    expect(page.locator(f"{NAV_LINK} .hk-nav-title")).to_have_text([t(f"nav.{key}") for key in PAGES])
    expect(page.locator(f'{NAV_LINK}[aria-current="page"] .hk-nav-title')).to_have_text(t("nav.explorer"))
    growth(page).focus()
    page.keyboard.press("End")
    released_once(page)
    moved = growth(page).input_value()

    entries = page.evaluate("() => history.length")
    go_to(page, t("nav.compare"))
    assert urlsplit(page.url).path.endswith("/compare")
    # One history entry per switch (Streamlit's own links made two), and an address that keeps the scenario,
    # on a page that stops early with nothing pinned.
    assert page.evaluate("() => history.length") == entries + 1
    assert float(parse_qs(urlsplit(page.url).query)["g"][0]) == pytest.approx(float(moved))
    expect(page.locator(f'{NAV_LINK}[aria-current="page"]')).to_have_count(1)
    expect(link(page, "explorer")).not_to_have_attribute("aria-current", "page")
    expect(page.get_by_role("heading", name=t("compare.title"))).to_be_visible()

    # The keyboard: Tab reaches the links, Enter follows one, as with any link.
    link(page, "explorer").focus()
    page.keyboard.press("Enter")
    expect(link(page, "explorer")).to_have_attribute("aria-current", "page", timeout=30_000)
    settle(page)
    expect(growth(page)).to_have_value(moved)  # the same session: the moved lever is still there
    assert exceptions(page) == []


def test_a_link_opened_in_a_new_tab_carries_the_scenario(browser: Browser, explorer: Page) -> None:
    page = explorer
    growth(page).focus()
    page.keyboard.press("Home")
    released_once(page)
    moved = growth(page).input_value()
    link(page, "analysis").hover()  # the address is brought up to date before anyone can follow it
    address = link(page, "analysis").get_attribute("href")
    assert urlsplit(address).path.endswith("/analysis")
    assert float(parse_qs(urlsplit(address).query)["g"][0]) == pytest.approx(float(moved))
    for fresh in new_tab(browser):
        open_page(fresh, address)
        expect(fresh.locator(f'{NAV_LINK}[aria-current="page"] .hk-nav-title')).to_have_text(t("nav.analysis"))
        go_to(fresh, t("nav.explorer"))
        expect(growth(fresh)).to_have_value(moved)
        assert exceptions(fresh) == []


def test_the_links_follow_the_language(page: Page, app_url: str) -> None:
    open_app(page, app_url)
    choose(page, "lang_choice", "Қазақша")
    kk = Translator("kk")
    expect(page.locator("nav.hk-nav")).to_have_attribute("aria-label", kk("nav.label"))
    expect(page.locator(f"{NAV_LINK} .hk-nav-title")).to_have_text([kk(f"nav.{key}") for key in PAGES])
    go_to(page, kk("nav.methodology"))
    assert urlsplit(page.url).path.endswith("/methodology")
    expect(page.locator(f'{NAV_LINK}[aria-current="page"] .hk-nav-title')).to_have_text(kk("nav.methodology"))
