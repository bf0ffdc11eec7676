"""The Explorer's panels element in real Chromium: views change without a rerun, by mouse and by keyboard, and
a release updates the panels, and the open expanders below them, to the released scenario.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from streamlit_page import exceptions, grid_rows, settle

from presentation.i18n import Translator

pytestmark = pytest.mark.browser

LIVE = ".hk-live"
t = Translator("en")


def runs(page: Page) -> int:
    """Script runs the page has seen start (its WebSocket messages would also count a chart's data)."""
    return int(page.evaluate("() => window.__runs || 0"))


def count_runs(page: Page) -> None:
    page.evaluate("""() => { window.__runs = 0; const app = document.querySelector('[data-testid=stApp]');
      new MutationObserver(() => { if (app.getAttribute('data-test-script-state') === 'running') window.__runs++; })
        .observe(app, {attributes: true, attributeFilter: ['data-test-script-state']}); }""")


def release(page: Page, seq: int, key: str = "ArrowRight", lever: str = "trade_growth") -> None:
    """Press ``key`` on a live lever and wait for the server's answer to release ``seq``."""
    page.get_by_test_id(f"live-lever-{lever}").focus()
    page.keyboard.press(key)
    page.wait_for_selector(f'{LIVE}[data-source="server"][data-seq="{seq}"]', timeout=60_000)
    settle(page)


def test_tabs_and_the_country_switch_change_the_view_at_once_without_a_rerun(explorer: Page) -> None:
    page = explorer
    gdp = page.get_by_test_id("panel-gdp")
    per_head, sectors = (gdp.get_by_role("tab", name=t(f"explorer.{name}")) for name in ("tab_per_head", "tab_sectors"))
    expect(per_head).to_have_attribute("aria-selected", "true")
    panel = gdp.get_by_role("tabpanel")
    expect(panel).to_have_attribute("aria-labelledby", per_head.get_attribute("id") or "no id")
    assert sectors.get_attribute("aria-controls") == panel.get_attribute("id")
    expect(gdp.locator(".hk-finding")).to_contain_text(t("countries.UZ"))  # per head names both countries
    count_runs(page)
    sectors.click()
    expect(sectors).to_have_attribute("aria-selected", "true")
    kazakhstan = gdp.get_by_role("radio", name=t("countries.KZ"), exact=True)
    expect(gdp.get_by_role("radio", name=t("countries.UZ"), exact=True)).to_have_attribute("aria-checked", "true")
    kazakhstan.click()
    expect(kazakhstan).to_have_attribute("aria-checked", "true")
    expect(panel).to_have_attribute("aria-labelledby", sectors.get_attribute("id") or "no id")
    expect(gdp.locator(".hk-finding")).to_contain_text(t("countries.KZ"))
    expect(gdp.locator(".hk-spec-chart svg.marks")).to_be_visible()
    # Keyboard, as in any tab list: the arrow goes back to the first tab and selects it.
    sectors.focus()
    page.keyboard.press("ArrowLeft")
    expect(per_head).to_have_attribute("aria-selected", "true")
    expect(per_head).to_be_focused()
    page.keyboard.press("End")
    expect(sectors).to_have_attribute("aria-selected", "true")
    expect(kazakhstan).to_have_attribute("aria-checked", "true")  # the country picked is remembered
    page.wait_for_timeout(300)
    assert runs(page) == 0, "a view change should not rerun the script"
    assert exceptions(page) == []


def test_a_release_updates_the_panels_and_keeps_the_view_picked(explorer: Page) -> None:
    page = explorer
    gdp = page.get_by_test_id("panel-gdp")
    gdp.get_by_role("tab", name=t("explorer.tab_sectors")).click()
    gdp.get_by_role("radio", name=t("countries.KZ"), exact=True).click()
    parts = page.get_by_test_id("panel-trade").locator(".hk-finding")
    summary = page.get_by_test_id("summary")
    before = (parts.inner_text(), summary.inner_text())
    release(page, 1, "End", "investment_inflow")  # the investment programme at its largest: a larger part
    expect(parts).not_to_have_text(before[0])
    expect(summary).not_to_have_text(before[1])
    expect(gdp.get_by_role("radio", name=t("countries.KZ"), exact=True)).to_have_attribute("aria-checked", "true")
    assert exceptions(page) == []


def test_an_open_expander_below_follows_a_release(explorer: Page) -> None:
    """The expanders are outside the lever fragment: with one open, a release reruns the page for them."""
    page = explorer
    page.locator('[data-testid="stExpander"] summary').filter(has_text=t("explorer.shares_table")).click()
    settle(page)
    table = page.locator('[data-testid="stExpander"]').filter(has_text=t("explorer.shares_table")) \
        .locator('[data-testid="stDataFrame"]')
    expect(table).to_be_visible()
    expect(table.locator('tbody [role="row"]').first).to_be_attached()
    before = grid_rows(table)
    release(page, 1, "End", "investment_inflow")  # far enough to shift the sector shares' second decimal
    assert grid_rows(table) != before, "the open shares table still shows the scenario before the release"
    assert exceptions(page) == []


def test_the_view_picked_survives_presentation_mode(explorer: Page) -> None:
    """Presentation mode takes the panels off the page; on the way back they show the tab and country picked."""
    page = explorer
    gdp = page.get_by_test_id("panel-gdp")
    gdp.get_by_role("tab", name=t("explorer.tab_sectors")).click()
    gdp.get_by_role("radio", name=t("countries.KZ"), exact=True).click()
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.locator("label").filter(has_text=t("display.presentation")).click()
    settle(page)
    expect(gdp).to_have_count(0)
    page.get_by_role("button", name=t("display.exit_presentation")).click()
    settle(page)
    expect(gdp.get_by_role("tab", name=t("explorer.tab_sectors"))).to_have_attribute("aria-selected", "true")
    expect(gdp.get_by_role("radio", name=t("countries.KZ"), exact=True)).to_have_attribute("aria-checked", "true")
    expect(gdp.locator(".hk-finding")).to_contain_text(t("countries.KZ"))
    assert exceptions(page) == []
