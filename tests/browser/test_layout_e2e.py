"""Charts and pages hold at every screen size: measured on the drawn page in real Chromium, not on the spec.

- the turnover chart explains solid vs dashed (its legend is drawn inside the chart) at 390, 1280, 1440 and
  1920 px wide, and on a phone its long Russian, Kazakh and Uzbek legend labels break instead of being cut;
- every presentation view, charts and exit button, fits a 1920×1080 screen, in English and Russian; on a
  1280 or 1366 px projector every chart's legend and source line stay inside the chart and no view button lies
  under the exit button;
- no year on the Analysis charts is printed with a thousands separator ("2,028"), and the Explorer's year labels
  never run together (every other year is shown where they would);
- Compare with business as usual pinned shows it once, in the legend and in the table, with no label cut off;
- on a 390×844 phone the page opens on its content, the sidebar closed, and a page link shuts the sidebar.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

import pytest
from conftest import VIEWPORT
from playwright.sync_api import Browser, Locator, Page, expect
from streamlit_page import NAV_LINK, button, exceptions, open_app, open_page, settle, table_rows, watch_websocket

from presentation.i18n import Translator
from ui.presentation import VIEWS

pytestmark = pytest.mark.browser

# Streamlit's chart, the live levers' chart or a templated chart drawn by the vendored libraries
CHART = ':is([data-testid="stVegaLiteChart"], .hk-chart:not([hidden]), .hk-spec-chart)'
WIDTHS = {390: 844, 1280: 800, 1440: 900, 1920: 1080}
PHONE = {"width": 390, "height": 844}

# Where each text node of a drawn chart sits, with the box of the SVG that holds it (Vega draws past the
# SVG's edge what does not fit, and the browser clips it: a "dropped" legend is one drawn out of the box).
_CHART_TEXTS = """(chart) => {
  const svg = chart.querySelector('svg.marks');
  const box = svg.getBoundingClientRect();
  const texts = [...svg.querySelectorAll('.role-legend text, .role-legend-label text')].map((node) => {
    const r = node.getBoundingClientRect();
    return {text: node.textContent, left: r.left, right: r.right, top: r.top, bottom: r.bottom};
  });
  return {box: {left: box.left, right: box.right, top: box.top, bottom: box.bottom}, legend: texts,
          all: [...svg.querySelectorAll('text')].map((node) => node.textContent)};
}"""


def tab(browser: Browser, width: int, height: int) -> Iterator[Page]:
    """A tab of ``width``×``height`` in its own context (a fresh Streamlit session)."""
    context = browser.new_context(viewport={"width": width, "height": height})
    context.set_default_timeout(30_000)
    watch_websocket(context)
    yield context.new_page()
    context.close()


def drawn(chart: Locator) -> dict:
    """The chart's SVG box, its legend texts with their boxes, and every text it draws."""
    chart.scroll_into_view_if_needed()
    expect(chart.locator("svg.marks")).to_be_visible()
    return chart.evaluate(_CHART_TEXTS)


def inside(item: dict, box: dict, slack: float = 1.0) -> bool:
    return (item["left"] >= box["left"] - slack and item["right"] <= box["right"] + slack
            and item["top"] >= box["top"] - slack and item["bottom"] <= box["bottom"] + slack)


# --- the turnover legend at every width ---------------------------------------------------------------------


@pytest.mark.parametrize("width", list(WIDTHS), ids=[f"{w} px wide" for w in WIDTHS])
def test_the_turnover_chart_explains_solid_and_dashed_at_every_width(browser: Browser, app_url: str,
                                                                       width: int) -> None:
    t = Translator("en")
    for page in tab(browser, width, WIDTHS[width]):
        open_app(page, app_url)
        chart = page.locator(CHART).filter(has_text=t("chart.target_label", target="10")).first
        shown = drawn(chart)
        screen = {"left": 0, "right": width, "top": -1e9, "bottom": 1e9}
        for case in (t("chart.case_scenario"), t("chart.case_bau")):
            labels = [item for item in shown["legend"] if item["text"] == case]
            assert labels, f"no legend entry {case!r} at {width} px; legend: {[i['text'] for i in shown['legend']]}"
            assert all(inside(item, shown["box"]) and inside(item, screen) for item in labels), \
                f"legend entry {case!r} drawn outside the chart ({shown['box']}) at {width} px: {labels}"
        clipped = [item["text"] for item in shown["legend"] if not inside(item, shown["box"])]
        assert clipped == [], f"legend entries outside the chart at {width} px"
        assert exceptions(page) == []


@pytest.mark.parametrize("lang", ["ru", "kk", "uz"])
def test_on_a_phone_the_turnover_charts_legend_stays_inside_it_in_every_language(browser: Browser, app_url: str,
                                                                                 lang: str) -> None:
    """Long labels ("Расчётные, округлённые или данные Казахстана") break onto two lines on a phone's plot."""
    t = Translator(lang)
    for page in tab(browser, PHONE["width"], PHONE["height"]):
        open_app(page, f"{app_url}/?lang={lang}")
        shown = drawn(page.locator(CHART).filter(has_text=t("chart.case_bau")).first)
        outside = [item["text"] for item in shown["legend"] if not inside(item, shown["box"])]
        assert outside == [], f"{lang} legend entries cut on a 390 px phone: {outside}"
        drawn_text = " ".join(item["text"] for item in shown["legend"])
        for label in (t("chart.history_official"), t("chart.history_other")):
            assert all(word in drawn_text for word in label.split()), f"{label!r} not drawn whole: {drawn_text}"
        assert exceptions(page) == []


@pytest.mark.parametrize("width", [1280, 1440], ids=["1280 px wide", "1440 px wide"])
def test_the_half_width_charts_legends_stay_inside_them_in_russian(browser: Browser, app_url: str,
                                                                    width: int) -> None:
    t = Translator("ru")
    for page in tab(browser, width, WIDTHS[width]):
        open_app(page, f"{app_url}/?lang=ru")
        charts = page.locator(".hk-spec-chart")
        expect(charts).to_have_count(2)
        for index in range(charts.count()):
            shown = drawn(charts.nth(index))
            outside = [item["text"] for item in shown["legend"] if not inside(item, shown["box"])]
            assert outside == [], f"chart {index + 1} at {width} px: legend entries clipped: {outside}"
        parts = drawn(charts.first)
        for component in ("trend", "facilitation", "investment"):
            assert t(f"chart.component_{component}") in [item["text"] for item in parts["legend"]]
        assert exceptions(page) == []


_YEAR_LABELS = """(chart) => [...chart.querySelectorAll('svg.marks .role-axis-label text')]
  .filter((node) => /^\\d{4}$/.test(node.textContent) && getComputedStyle(node).opacity !== '0')
  .map((node) => { const r = node.getBoundingClientRect();
                   return {text: node.textContent, left: r.left, right: r.right}; })
  .sort((a, b) => a.left - b.left)"""


@pytest.mark.parametrize("width", [390, 1280], ids=["390 px wide", "1280 px wide"])
def test_the_years_on_the_explorers_charts_never_run_together(browser: Browser, app_url: str, width: int) -> None:
    """Each year label shown stands apart from the next (at 1280 px the half-width panels printed
    "20252026…2035"); where the years do not fit, Vega hides every other one, and the axis's first year is shown."""
    for page in tab(browser, width, WIDTHS[width]):
        open_app(page, f"{app_url}/?lang=uz")
        for chart in (page.locator(".hk-chart"), *[page.locator(".hk-spec-chart").nth(i) for i in range(2)]):
            chart.scroll_into_view_if_needed()
            expect(chart.locator("svg.marks")).to_be_visible()
            labels = chart.evaluate(_YEAR_LABELS)
            assert len(labels) >= 5, labels
            gaps = [after["left"] - before["right"] for before, after in itertools.pairwise(labels)]
            assert min(gaps) >= 4, f"year labels touching at {width} px: {[label['text'] for label in labels]}"
            assert labels[0]["text"] in ("2016", "2025")
        assert exceptions(page) == []


# --- presentation mode on a 1920×1080 screen ------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "ru", "kk", "uz"])
def test_every_presentation_view_fits_a_1920_by_1080_screen(page: Page, app_url: str, lang: str) -> None:
    assert page.viewport_size == VIEWPORT
    t = Translator(lang)
    open_app(page, f"{app_url}/?present=1&lang={lang}")
    views = page.locator('[data-testid="stButtonGroup"] button')
    expect(views).to_have_count(len(VIEWS))
    for index, view in enumerate(VIEWS):
        if index:  # the first view is open on load
            views.nth(index).click()
            settle(page)
        charts = page.locator(CHART)
        expect(charts.locator("svg.marks")).to_have_count(2 if view == "sectors" else 1)
        exit_button = button(page, t("display.exit_presentation"))
        boxes = {f"chart {i + 1}": charts.nth(i).bounding_box() for i in range(charts.count())}
        boxes["exit button"] = exit_button.bounding_box()
        notes = page.locator('[data-testid="stCaptionContainer"]')
        boxes.update({f"note {i + 1}": notes.nth(i).bounding_box() for i in range(notes.count())})
        outside = {name: box for name, box in boxes.items()
                   if box is None or box["x"] < 0 or box["y"] < 0 or box["x"] + box["width"] > VIEWPORT["width"]
                   or box["y"] + box["height"] > VIEWPORT["height"]}
        assert outside == {}, f"{lang}, view {view!r}: below or beside the 1920×1080 screen: {outside}"
        assert exceptions(page) == []


@pytest.mark.parametrize(("width", "height"), [(1280, 800), (1366, 768)], ids=["1280x800", "1366x768"])
def test_every_presentation_charts_legends_stay_inside_it_on_a_smaller_projector(browser: Browser, app_url: str,
                                                                                  width: int, height: int) -> None:
    """Below 1920 px the legends stack instead of running past the chart's edge (Vega clips what does not fit)."""
    for page in tab(browser, width, height):
        open_app(page, f"{app_url}/?present=1&lang=ru")
        views = page.locator('[data-testid="stButtonGroup"] button')
        expect(views).to_have_count(len(VIEWS))
        views.first.click()  # the view already shown: it stays picked (it once lost its highlight)
        page.wait_for_timeout(1000)  # nothing to rerun when it stays picked
        expect(views.first).to_have_attribute("aria-checked", "true")
        exit_box = button(page, Translator("ru")("display.exit_presentation")).bounding_box()
        for index in range(len(VIEWS)):  # the fixed exit button once covered the last Russian view at 1280 px
            box = views.nth(index).bounding_box()
            assert exit_box and box and (box["x"] + box["width"] <= exit_box["x"]
                                         or box["y"] >= exit_box["y"] + exit_box["height"]), \
                f"view button {index + 1} {box} lies under the exit button {exit_box} at {width} px"
        for index, view in enumerate(VIEWS):
            if index:
                views.nth(index).click()
                settle(page)
            charts = page.locator(CHART)
            expect(charts.locator("svg.marks")).to_have_count(2 if view == "sectors" else 1)
            for number in range(charts.count()):
                shown = drawn(charts.nth(number))
                assert shown["legend"], f"view {view!r}, chart {number + 1}: no legend drawn"
                outside = [item["text"] for item in shown["legend"] if not inside(item, shown["box"])]
                assert outside == [], f"view {view!r}, chart {number + 1} at {width} px: legend cut: {outside}"
                cut = charts.nth(number).evaluate(_OVERRUNS)  # the source line too, cut short once at 1280 px
                assert cut == [], f"view {view!r}, chart {number + 1} at {width} px: texts cut: {cut}"
        assert exceptions(page) == []


# Every text a chart draws, with how far it runs past the chart's SVG box on each side (px).
_OVERRUNS = """(chart) => {
  const svg = chart.querySelector('svg.marks');
  const b = svg.getBoundingClientRect();
  return [...svg.querySelectorAll('text')].filter((n) => n.textContent.trim()).map((n) => {
    const r = n.getBoundingClientRect();
    const over = Math.max(b.left - r.left, r.right - b.right, b.top - r.top, r.bottom - b.bottom);
    return {text: n.textContent, over};
  }).filter((x) => x.over > 3);
}"""


@pytest.mark.parametrize(("width", "lang"), [(390, "ru"), (390, "kk"), (390, "en"), (1280, "kk")],
                         ids=["phone ru", "phone kk", "phone en", "1280 kk"])
def test_no_analysis_chart_cuts_a_text_and_the_findings_are_whole(browser: Browser, app_url: str, width: int,
                                                                 lang: str) -> None:
    """A tornado's long parameter names once pushed its bars off a phone; the fan's title lost its probability."""
    t = Translator(lang)
    for page in tab(browser, width, WIDTHS[width]):
        open_page(page, f"{app_url}/analysis?lang={lang}")
        charts = page.locator(f"{CHART}:visible")
        expect(charts.first.locator("svg.marks")).to_be_visible()
        for index in range(charts.count()):
            chart = charts.nth(index)
            chart.scroll_into_view_if_needed()
            expect(chart.locator("svg.marks")).to_be_visible()
            cut = chart.evaluate(_OVERRUNS)
            assert cut == [], f"{lang} at {width} px, chart {index + 1}: texts run past its edge: {cut}"
        tornado = page.locator(CHART).filter(has_text=t("analysis.fractional_year")).first
        bars = tornado.locator('.role-mark path, .role-mark rect').first
        assert bars.bounding_box()["x"] < width, "the tornado's bars are off the screen"
        # The fan's finding, its probability with it, as text above the chart (wraps, never cut with "…").
        words = max(t("analysis.fan_title", p="\x00", target="10", year="2030").split("\x00"), key=len).strip()
        finding = page.locator('[data-testid="stMarkdown"]').filter(has_text=words)
        expect(finding.first).to_contain_text("%")
        assert exceptions(page) == []


# --- years on the Analysis charts ------------------------------------------------------------------------------


def test_no_year_on_the_analysis_charts_has_a_thousands_separator(page: Page, app_url: str) -> None:
    t = Translator("en")
    open_page(page, f"{app_url}/analysis")
    sensitivity = page.locator(CHART).filter(has_text=t("analysis.fractional_year"))
    expect(sensitivity).to_have_count(1)
    texts = drawn(sensitivity)["all"]
    assert any(re.fullmatch(r"20\d\d", text) for text in texts), f"no year on the axis: {texts}"
    shown = page.locator(f"{CHART}:visible")  # the distribution chart waits in a closed expander
    for index in range(shown.count()):
        separated = [text for text in drawn(shown.nth(index))["all"] if re.search(r"\b2,0\d\d\b", text)]
        assert separated == [], f"chart {index + 1} prints years with a separator: {separated}"


# --- Compare with business as usual pinned -------------------------------------------------------------------


def test_business_as_usual_pinned_is_shown_once_and_no_table_label_is_cut(page: Page, app_url: str) -> None:
    t = Translator("en")
    open_page(page, f"{app_url}/compare")
    picker = page.locator('.st-key-compare_presets input[role="combobox"]')
    for preset_id in ("bau", "agreements"):
        picker.click()
        page.get_by_role("option", name=t(f"presets.{preset_id}.name"), exact=True).click()
    page.keyboard.press("Escape")
    button(page.locator(".st-key-add_presets"), t("compare.add")).click()
    settle(page)
    bau = t("chart.case_bau")
    legend = [item["text"] for item in drawn(page.locator(CHART).first)["legend"]]
    assert legend.count(bau) == 1 and t("presets.agreements.name") in legend, legend
    table = page.locator('[data-testid="stTable"]').filter(has_text=t("compare.col_target_year")).first
    rows = table_rows(table)
    assert rows[0] == ["", bau, t("presets.agreements.name")]
    assert t("compare.col_turnover", year="2030") in [row[0] for row in rows]
    assert "(goal year)" in t("compare.col_turnover", year="2030")
    cut = page.locator('[data-testid="stTable"] th, [data-testid="stTable"] td').evaluate_all(
        "cells => cells.filter((c) => c.scrollWidth > c.clientWidth + 1).map((c) => c.textContent)")
    assert cut == [], f"table cells cut off: {cut}"
    assert exceptions(page) == []


# --- the sidebar on a phone -------------------------------------------------------------------------------------


def sidebar_on_screen(page: Page) -> float:
    """How many pixels of the screen's width the sidebar covers (0 when it is closed: slid off to the left)."""
    page.wait_for_timeout(500)  # the sidebar slides open or shut in a short transition
    return page.locator('[data-testid="stSidebar"]').evaluate(
        "(s) => { const r = s.getBoundingClientRect(); return Math.max(0, Math.min(r.right, innerWidth) - "
        "Math.max(r.left, 0)); }")


def test_on_a_phone_the_page_opens_on_its_content_with_the_sidebar_closed(browser: Browser, app_url: str) -> None:
    t = Translator("en")
    for page in tab(browser, PHONE["width"], PHONE["height"]):
        open_app(page, app_url)
        title = page.locator("h1").first
        expect(title).to_have_text(t("explorer.title"))
        assert sidebar_on_screen(page) < 10, "the sidebar is open over the page on a 390 px phone"
        # The title is what the eye meets: nothing (a sidebar) lies over its centre.
        on_top = title.evaluate("""(h) => { const r = h.getBoundingClientRect();
            const hit = document.elementFromPoint(r.left + r.width / 2, r.top + Math.min(r.height, 40) / 2);
            return h.contains(hit); }""")
        assert on_top, "something covers the page title on a 390 px phone"
        assert exceptions(page) == []


def test_on_a_phone_a_page_link_shuts_the_sidebar_over_the_page(browser: Browser, app_url: str) -> None:
    t = Translator("en")
    for page in tab(browser, PHONE["width"], PHONE["height"]):
        open_app(page, app_url)
        page.get_by_test_id("stExpandSidebarButton").click()
        assert sidebar_on_screen(page) > 200, "the sidebar did not open on a 390 px phone"
        page.locator(NAV_LINK).filter(has_text=t("nav.compare")).click()
        expect(page.get_by_role("heading", name=t("compare.title"))).to_be_visible(timeout=30_000)
        assert sidebar_on_screen(page) < 10, "the sidebar still covers the page after a page link on a phone"
        assert exceptions(page) == []


def test_on_a_laptop_the_sidebar_still_opens_with_the_levers(browser: Browser, app_url: str) -> None:
    for page in tab(browser, 1440, 900):
        open_app(page, app_url)
        assert sidebar_on_screen(page) > 200, "the sidebar with the levers is closed on a 1440 px screen"
        page.locator(NAV_LINK).filter(has_text=Translator("en")("nav.compare")).click()
        expect(page.get_by_role("heading", name=Translator("en")("compare.title"))).to_be_visible(timeout=30_000)
        assert sidebar_on_screen(page) > 200, "a page link shut the sidebar beside the page on a 1440 px screen"
