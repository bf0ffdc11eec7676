"""Uzbek and Russian in real Chromium: every Explorer tab label fits its column at every width (and no lever's
label, help button and value overlap), Kazakhstan's
sector view is one click away, and the levers show numbers as the headline does (1,34, not 1.34).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect
from streamlit_page import exceptions, metric_value, open_app, wait_for_rerun

from presentation.i18n import LANGUAGES, Translator

pytestmark = pytest.mark.browser

WIDTHS = (390, 1280, 1440, 1920)
# Tab lists in the page and in the components' shadow roots (the Explorer's panels draw their own).
TABS_OVERFLOW = """() => [document, ...[...document.querySelectorAll('*')].filter(e => e.shadowRoot)
                                                                          .map(e => e.shadowRoot)]
  .flatMap(root => [...root.querySelectorAll('[role=tablist]')]).map(list => {
  const box = list.getBoundingClientRect();
  return {scroll: list.scrollWidth, client: list.clientWidth,
          cut: [...list.querySelectorAll('[role=tab]')]
                 .filter(tab => tab.getBoundingClientRect().right > box.right + 1).map(tab => tab.innerText)};
})"""

# Each live lever's label, help button and value whose boxes overlap, and a label whose text runs out of its box
# (the Kazakh investment label once ran under its help button, squeezed by the long value).
LEVER_OVERLAPS = """() => [...document.querySelectorAll('*')].filter(e => e.shadowRoot)
  .flatMap(e => [...e.shadowRoot.querySelectorAll('.hk-lever-head')]).flatMap(head => {
  const parts = ['.hk-label', '.hk-help-toggle', '.hk-value'].map(s => [s, head.querySelector(s)])
    .filter(([, e]) => e && e.getClientRects().length).map(([s, e]) => [s, e.getBoundingClientRect()]);
  const cross = (a, b) => a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
  const label = head.querySelector('.hk-label');
  const out = label.scrollWidth > label.clientWidth + 1 ? [label.textContent + ': runs out of its box'] : [];
  parts.forEach(([s, a], i) => parts.slice(i + 1).forEach(([t, b]) => { if (cross(a, b)) out.push(
    head.querySelector('.hk-label').textContent + ': ' + s + ' × ' + t); }));
  return out; })"""


@pytest.fixture
def sized(browser: Browser) -> Iterator[dict[int, Page]]:
    """A tab per viewport width (phone height 844, desktop 1080), each its own context."""
    contexts, pages = [], {}
    for width in WIDTHS:
        context = browser.new_context(viewport={"width": width, "height": 844 if width < 600 else 1080})
        context.set_default_timeout(30_000)
        contexts.append(context)
        pages[width] = context.new_page()
    yield pages
    for context in contexts:
        context.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_explorer_tab_label_fits_at_every_width(sized: dict[int, Page], app_url: str, lang: str) -> None:
    for width, page in sized.items():
        open_app(page, f"{app_url}/?lang={lang}")
        lists = page.evaluate(TABS_OVERFLOW)
        assert len(lists) >= 1, f"{lang} at {width}px: expected the GDP tab list, found {lists}"
        for tab_list in lists:
            assert tab_list["scroll"] <= tab_list["client"] + 1 and not tab_list["cut"], \
                f"{lang} at {width}px: tab labels cut off: {tab_list}"
        assert page.evaluate(LEVER_OVERLAPS) == [], f"{lang} at {width}px: lever texts overlap"


@pytest.mark.parametrize("lang", ["ru", "uz"])
def test_kazakhstan_sector_view_is_one_click_away(page: Page, app_url: str, lang: str) -> None:
    t = Translator(lang)
    open_app(page, f"{app_url}/?lang={lang}")
    page.get_by_role("tab", name=t("explorer.tab_sectors")).click()  # drawn in the browser: no rerun to wait for
    kazakhstan = page.get_by_role("radio", name=t("countries.KZ"), exact=True)
    kazakhstan.click()
    expect(kazakhstan).to_have_attribute("aria-checked", "true")
    finding = page.locator('.hk-finding strong', has_text=t("countries.KZ"))
    expect(finding.first).to_be_visible()  # the chart's finding names Kazakhstan: its chart is the one shown
    assert not exceptions(page)


@pytest.mark.parametrize("lang", ["ru", "uz"])
def test_levers_show_the_languages_decimal_comma(page: Page, app_url: str, lang: str, model) -> None:  # type: ignore[no-untyped-def]
    t = Translator(lang)
    open_app(page, f"{app_url}/?lang={lang}")
    thumbs = page.get_by_role("slider")
    shown = [thumbs.nth(i).get_attribute("aria-valuetext") for i in range(3)]
    defaults = model.registry.defaults()
    units = {key: t(f"units.{model.registry.by_key[key].unit}") for key in defaults}
    expected = [t("live.value_unit", value=t.number(defaults[key], digits), unit=units[key]) for key, digits in
                (("trade_growth", 1), ("investment_inflow", 2), ("trade_cost_cut", 1))]
    assert shown == expected, f"{lang}: levers show {shown}, the language writes {expected}"
    assert all(re.search(r"\d,\d", value) and not re.search(r"\d\.\d", value) for value in shown)
    headline = metric_value(page, t("headline.turnover_in_goal", year="2030"))
    thumbs.first.focus()
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    wait_for_rerun(page)
    assert thumbs.first.get_attribute("aria-valuetext") == t("live.value_unit", unit=units["trade_growth"],
                                                             value=t.number(defaults["trade_growth"] + 0.3, 1))
    assert metric_value(page, t("headline.turnover_in_goal", year="2030")) != headline
