"""What a user does, end to end in real Chromium, each step checked on what the screen shows.

Expected numbers come from the model itself (``model.run``) and every label from the English catalogue, so
the tests say "the headline shows what the model computes for these levers", not a copied number.
Tabs that only read, or whose state the next test builds on, are shared within this module.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections.abc import Iterator
from urllib.parse import urlencode

import pytest
from conftest import new_tab
from playwright.sync_api import Browser, Page, expect
from pptx import Presentation
from streamlit_page import (
    alert,
    button,
    choose,
    confirm_upload,
    download,
    download_button,
    exceptions,
    go_to,
    grid_rows,
    metric_value,
    metric_value_locator,
    open_app,
    open_page,
    pattern_of,
    settle,
    slider,
    slider_number,
    table_rows,
    upload,
)

from exchange.exports import csv_bytes, projection_tables
from exchange.links import encode
from exchange.uploads import check_upload
from model.api import model_from_tables
from model.presets import find_preset, load_presets
from presentation.figures import crossing_text
from presentation.i18n import Translator
from presentation.lever_text import lever_label
from presentation.upload_text import problem_text
from ui.scenario_panel import preset_widget_key

pytestmark = pytest.mark.browser

t = Translator("en")
TARGET_YEAR = t("headline.target_year", target="10")  # default target: USD 10 bn
TURNOVER = t("headline.turnover_in_goal", year="2030")  # default target year: 2030
MAIN = ("trade_growth", "investment_inflow", "trade_cost_cut")
PRESSES = {"trade_growth": 20, "investment_inflow": 50, "trade_cost_cut": 6}  # +2 %/yr, +USD 0.5 bn/yr, +3 %
SCENARIO_NAME = "Border deal"
SCENARIO_CHANGES = {"trade_growth": 9.5, "trade_cost_cut": 5.0}
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def label(model, key: str) -> str:
    return lever_label(model.registry.by_key[key], t)


def headline(model, levers: dict[str, float]) -> tuple[str, str]:
    """(target year, turnover in 2030) as the headline shows them for these levers (the rest at defaults)."""
    result = model.run(levers)
    return crossing_text(result.scenario, t).value, t.usd_bn(result.turnover_at_goal)


def link_query(model, changes: dict[str, float], name: str = "") -> str:
    """The query string of the share link for the defaults with ``changes``."""
    return urlencode(encode({**model.registry.defaults(), **changes}, model.registry, None, name))


def main_levers(page: Page, model) -> dict[str, float]:
    return {key: slider_number(slider(page, label(model, key))) for key in MAIN}


# --- the three main levers, from the keyboard -----------------------------------------------------------------


@pytest.fixture(scope="module")
def lever_tab(browser: Browser, app_url: str) -> Iterator[Page]:
    """One explorer session for the three lever tests (each reads the levers it starts from)."""
    for tab in new_tab(browser):
        yield open_app(tab, app_url)


@pytest.mark.parametrize("key", MAIN)
def test_arrow_keys_on_a_main_lever_change_the_headline(lever_tab: Page, model, key: str) -> None:
    page = lever_tab
    handle = slider(page, label(model, key))
    start = main_levers(page, model)
    before = metric_value(page, TURNOVER)
    handle.focus()
    for _ in range(PRESSES[key]):
        page.keyboard.press("ArrowRight")
    settle(page)
    step = model.registry.by_key[key].step
    assert slider_number(handle) == pytest.approx(start[key] + PRESSES[key] * step)
    year, turnover = headline(model, main_levers(page, model))
    expect(metric_value_locator(page, TURNOVER)).to_have_text(turnover)
    expect(metric_value_locator(page, TARGET_YEAR)).to_have_text(year)
    assert turnover != before
    assert exceptions(page) == []


# --- presets and compare --------------------------------------------------------------------------------------


def test_the_agreements_preset_sets_its_cut_and_the_headline_shows_the_models_year(explorer: Page, model) -> None:
    # 2.5 %: the customs offices, about half of de Melo & Wagner's (2016) 4.5 % (issue 12; data/agreements.yaml)
    cut_slider = slider(explorer, label(model, "trade_cost_cut"))
    choose(explorer, "preset_choice_en", t("presets.agreements.name"))
    expect(cut_slider).to_have_value(re.compile(r"^2\.50*$"))
    levers = find_preset(load_presets(), "agreements").scenario(model.registry).levers
    assert levers["trade_cost_cut"] == 2.5
    year = crossing_text(model.run_values(levers).scenario, t).value
    expect(metric_value_locator(explorer, TARGET_YEAR)).to_have_text(year)
    assert exceptions(explorer) == []


def test_two_presets_added_on_compare_appear_as_columns_of_the_headline_table(page: Page, app_url: str,
                                                                              model) -> None:
    open_page(page, f"{app_url}/compare")
    chosen = ("agreements", "slowdown")
    picker = page.locator('.st-key-compare_presets input[role="combobox"]')
    for preset_id in chosen:
        picker.click()
        page.get_by_role("option", name=t(f"presets.{preset_id}.name"), exact=True).click()
    page.keyboard.press("Escape")
    button(page.locator(".st-key-add_presets"), t("compare.add")).click()
    settle(page)
    table = page.locator('[data-testid="stTable"]').filter(has_text=t("compare.col_target_year")).first
    expect(table.locator("thead th")).to_have_count(2 + len(chosen))
    presets = load_presets()
    bau = model.run(model.registry.defaults()).bau
    header = ["", t("chart.case_bau")]
    years = [t("compare.col_target_year"), crossing_text(bau, t).value]
    for preset_id in chosen:
        levers = find_preset(presets, preset_id).scenario(model.registry).levers
        header.append(t(f"presets.{preset_id}.name"))
        years.append(crossing_text(model.run_values(levers).scenario, t).value)
    rows = table_rows(table)
    assert rows[0] == header
    assert years in rows
    assert exceptions(page) == []


# --- scenario files: JSON out and in, CSV tables ------------------------------------------------------------------


@pytest.fixture(scope="module")
def scenario_source(browser: Browser, app_url: str, model) -> Iterator[Page]:
    """The Scenarios page of a session opened from a share link (trade growth 9.5 %/yr, cut 5 %, named)."""
    for tab in new_tab(browser):
        yield open_page(tab, f"{app_url}/scenarios?{link_query(model, SCENARIO_CHANGES, SCENARIO_NAME)}")


def test_a_projection_table_downloads_as_csv_with_a_bom_and_a_header(scenario_source: Page, model) -> None:
    name, data = download(scenario_source, download_button(scenario_source, t("scenarios.download_csv")))
    assert name.endswith(".csv")
    assert data.startswith(b"\xef\xbb\xbf"), "no UTF-8 byte-order mark: Excel would garble Cyrillic and Uzbek"
    result = model.run(SCENARIO_CHANGES)
    first_table = next(iter(projection_tables(result, model.tables, model.registry).values()))
    expected_header = csv_bytes(first_table).decode("utf-8-sig").split("\r\n", 1)[0]
    lines = data.decode("utf-8-sig").split("\r\n")
    assert lines[0] == expected_header
    assert next(csv.reader([lines[0]]))[0]  # a named first column, not an index
    assert len([line for line in lines if line]) == len(first_table) + 1


def test_a_downloaded_scenario_json_reopens_in_a_fresh_session(scenario_source: Page, browser: Browser,
                                                               app_url: str, model) -> None:
    name, data = download(scenario_source, download_button(scenario_source, t("scenarios.download_json")))
    assert name == f"{SCENARIO_NAME.replace(' ', '-')}.json"
    assert json.loads(data)["name"] == SCENARIO_NAME
    year, turnover = headline(model, SCENARIO_CHANGES)
    assert year != headline(model, {})[0], "the test scenario must not share the default's target year"
    for fresh in new_tab(browser):
        open_page(fresh, f"{app_url}/scenarios")
        upload(fresh, "scenario_upload", name, data, "application/json")
        expect(alert(fresh, t("scenarios.upload_ok", name=SCENARIO_NAME))).to_be_visible()
        go_to(fresh, t("nav.explorer"))
        expect(metric_value_locator(fresh, TARGET_YEAR)).to_have_text(year)
        expect(metric_value_locator(fresh, TURNOVER)).to_have_text(turnover)
        assert exceptions(fresh) == []


def test_an_invalid_json_upload_is_explained_and_the_scenario_kept(scenario_source: Page, model) -> None:
    page = scenario_source
    link = page.locator('[data-testid="stCode"]').first
    before = link.inner_text()
    upload(page, "scenario_upload", "broken.json", b'{"levers": {"trade_growth": ', "application/json")
    message = pattern_of(t("scenarios.upload_error", name="broken.json", reason="{reason}"))
    expect(alert(page, message)).to_be_visible()
    assert link.inner_text() == before
    go_to(page, t("nav.explorer"))
    expect(metric_value_locator(page, TARGET_YEAR)).to_have_text(headline(model, SCENARIO_CHANGES)[0])
    assert exceptions(page) == []


# --- the saved-scenario library -------------------------------------------------------------------------------


def test_a_saved_scenario_outlives_its_session_and_opens_again(page: Page, app_url: str, model) -> None:
    changes = {"trade_growth": 11.0, "trade_cost_cut": 7.5}
    saved_name = "Library e2e"
    open_page(page, f"{app_url}/scenarios?{link_query(model, changes)}")
    field = page.locator('.st-key-scenario_name input')
    field.fill(saved_name)
    field.press("Enter")
    settle(page)
    button(page, t("library.save")).click()
    settle(page)
    expect(alert(page, t("library.saved", name=saved_name))).to_be_visible()

    # A new page load is a new Streamlit session; without the link it starts from the defaults, so what it
    # finds comes from the library's SQLite file, not from the session or the address bar.
    open_page(page, f"{app_url}/scenarios")
    table = page.locator('[data-testid="stDataFrame"]').filter(has_text=t("library.col_updated"))
    expect(table.locator('[role="gridcell"]').filter(has_text=saved_name)).to_have_count(1)
    choose(page, "library_pick", saved_name)
    button(page, t("library.load")).click()
    settle(page)
    expect(alert(page, t("library.loaded", name=saved_name))).to_be_visible()
    go_to(page, t("nav.explorer"))
    year, turnover = headline(model, changes)
    expect(metric_value_locator(page, TARGET_YEAR)).to_have_text(year)
    expect(metric_value_locator(page, TURNOVER)).to_have_text(turnover)


# --- your own baseline data -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def data_page(browser: Browser, app_url: str) -> Iterator[Page]:
    """One session on the Data page: the bad file first, then the corrected one, as a user would."""
    for tab in new_tab(browser):
        yield open_page(tab, f"{app_url}/data_sources")


def template_rows(page: Page) -> list[dict[str, str]]:
    """The baseline template as the Data page offers it for download."""
    name, data = download(page, download_button(page, t("byod.template")))
    assert name.endswith(".csv")
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def csv_file(rows: list[dict[str, str]]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def test_a_bad_baseline_file_is_refused_with_its_problems_by_row_and_column(data_page: Page, model) -> None:
    rows = template_rows(data_page)
    rows[2]["value"] = "abc"  # spreadsheet row 4 (the header is row 1)
    rows[4]["country"] = "XX"  # spreadsheet row 6
    data = csv_file(rows)
    # the page words each coded problem from the catalogue (presentation.upload_text), not the model's English
    found = check_upload("bad.csv", data, model.tables).problems
    expected = [[str(p.row), p.column, problem_text(p, t)] for p in found]
    assert [row[:2] for row in expected] == [["4", "value"], ["6", "country"]]
    upload(data_page, "baseline_upload", "bad.csv", data, "text/csv")
    expect(alert(data_page, t.plural("byod.rejected", len(expected), name="bad.csv", n=len(expected)))).to_be_visible()
    problems = data_page.locator('[data-testid="stDataFrame"]').filter(has_text=t("byod.col_problem"))
    expect(problems.locator('tbody [role="row"]')).to_have_count(len(expected))
    assert grid_rows(problems) == expected
    assert exceptions(data_page) == []


def test_a_good_baseline_file_drives_the_explorer_under_a_banner(data_page: Page, model) -> None:
    rows = template_rows(data_page)
    turnover_2025 = [r for r in rows if r["series"] == "turnover_usd_bn" and r["year"] == "2025"]
    assert len(turnover_2025) == 1
    turnover_2025[0]["value"] = "5.6"  # was 4.97; only the changed row is uploaded
    data = csv_file(turnover_2025)
    checked = check_upload("good.csv", data, model.tables)
    assert checked.ok and checked.tables is not None
    user_model = model_from_tables(checked.tables)
    # The session's scenario keeps the levers it had (the shipped defaults); only the data change.
    expected = t.usd_bn(user_model.run_values(model.registry.defaults()).turnover_at_goal)
    shipped = t.usd_bn(model.run({}).turnover_at_goal)
    assert expected != shipped
    upload(data_page, "baseline_upload", "good.csv", data, "text/csv")
    expect(data_page.locator('.st-key-byod_preview')).to_be_visible()  # previewed, not applied yet
    expect(alert(data_page, t("byod.accepted", name="good.csv"))).to_have_count(0)
    confirm_upload(data_page)
    expect(alert(data_page, t("byod.accepted", name="good.csv"))).to_be_visible()
    go_to(data_page, t("nav.explorer"))
    expect(alert(data_page, t("byod.banner", name="good.csv"))).to_be_visible()
    expect(metric_value_locator(data_page, TURNOVER)).to_have_text(expected)
    assert exceptions(data_page) == []


# --- presentation mode ---------------------------------------------------------------------------------------


# The focused element, inside the live levers' shadow root when focus is there.
FOCUSED = """() => { let e = document.activeElement;
  while (e && e.shadowRoot && e.shadowRoot.activeElement) e = e.shadowRoot.activeElement;
  const box = e.getBoundingClientRect();
  return {tag: e.tagName, type: e.getAttribute('type') || '', label: e.getAttribute('aria-label') || '',
          text: (e.innerText || '').trim().slice(0, 40), shown: box.width > 0 && box.height > 0
          && box.right > 0 && box.bottom > 0 && box.left < innerWidth && box.top < innerHeight}; }"""


def test_presentation_mode_hides_the_chrome_and_runs_from_the_keyboard(page: Page, app_url: str, model) -> None:
    open_app(page, f"{app_url}/?present=1")
    expect(page.locator('[data-testid="stSidebar"]')).to_be_hidden()
    expect(page.locator('header[data-testid="stHeader"]')).to_be_hidden()
    value = page.locator('.hk-metric-value').first  # the live levers' headline
    size = float(value.evaluate("e => parseFloat(getComputedStyle(e).fontSize)"))
    assert size >= 100, f"headline number is {size}px"

    stops = []
    for _ in range(30):
        page.keyboard.press("Tab")
        stops.append(page.evaluate(FOCUSED))
        if stops[-1]["type"] == "range":
            break
    print("\nTab stops before the first slider:", *stops, sep="\n  ")
    assert stops[-1]["type"] == "range", "Tab never reached a slider"
    assert stops[-1]["label"] == label(model, "trade_growth")

    before = metric_value(page, TURNOVER)
    for _ in range(10):
        page.keyboard.press("ArrowRight")
    settle(page)
    year, turnover = headline(model, main_levers(page, model))
    assert main_levers(page, model)["trade_growth"] == pytest.approx(model.registry.defaults()["trade_growth"] + 1)
    expect(metric_value_locator(page, TURNOVER)).to_have_text(turnover)
    expect(metric_value_locator(page, TARGET_YEAR)).to_have_text(year)
    assert turnover != before


def test_advanced_sliders_keep_their_values_through_presentation_mode(page: Page, app_url: str, model) -> None:
    # Off the page in presentation mode, Streamlit kept the sliders' keys but the browser forgot their values:
    # on the way back every advanced slider stood at its minimum (the scenario kept its own values), and a
    # move was ignored until "Reset to defaults".
    open_app(page, app_url)
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.locator('[data-testid="stExpander"] summary').filter(has_text=t("sidebar.advanced")).click()
    settle(page)
    end_year = slider(page, label(model, "programme_end"))
    share = slider(page, label(model, "realisation_share"))
    default_end = model.registry.defaults()["programme_end"]
    end_year.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    settle(page)
    assert slider_number(end_year) == default_end + 2
    share_before = slider_number(share)

    sidebar.locator("label").filter(has_text=t("display.presentation")).click()
    settle(page)
    expect(sidebar).to_be_hidden()
    button(page, t("display.exit_presentation")).click()
    settle(page)

    assert slider_number(end_year) == default_end + 2
    assert slider_number(share) == share_before
    # The scenario picker still names the preset the scenario line names (it showed "— custom —").
    preset_box = page.locator(f'.st-key-{preset_widget_key("en")} input[role="combobox"]')
    expect(preset_box).to_have_value(t("presets.announced.name"))
    end_year.focus()
    page.keyboard.press("ArrowRight")  # a move after the round trip is taken, not ignored
    settle(page)
    assert slider_number(end_year) == default_end + 3
    year, turnover = headline(model, {"programme_end": default_end + 3})
    expect(metric_value_locator(page, TURNOVER)).to_have_text(turnover)
    expect(metric_value_locator(page, TARGET_YEAR)).to_have_text(year)
    assert exceptions(page) == []


# --- explorer downloads: charts and the slide deck ------------------------------------------------------------------


@pytest.fixture(scope="module")
def download_menu(browser: Browser, app_url: str) -> Iterator[Page]:
    """An explorer session whose downloads section the tests open."""
    for tab in new_tab(browser):
        yield open_app(tab, app_url)


def open_downloads(page: Page) -> Page:
    """Open the explorer's downloads expander (its buttons are only made once it is open)."""
    deck = download_button(page, t("export.deck"))
    if not deck.is_visible():
        page.locator('[data-testid="stExpander"] summary').filter(has_text=t("explorer.downloads")).click()
        settle(page)
        expect(deck).to_be_visible()
    return page


def test_the_turnover_chart_downloads_as_png(download_menu: Page) -> None:
    page = open_downloads(download_menu)
    label_text = f"{t('export.png')}: {t('explorer.tab_turnover')}"
    name, data = download(page, download_button(page, label_text))
    assert name == "turnover.png"
    assert data.startswith(PNG_SIGNATURE)


def test_the_turnover_chart_downloads_as_svg(download_menu: Page) -> None:
    page = open_downloads(download_menu)
    label_text = f"{t('export.svg')}: {t('explorer.tab_turnover')}"
    name, data = download(page, download_button(page, label_text))
    assert name == "turnover.svg"
    assert b"<svg" in data[:2000]


def test_the_slide_deck_downloads_as_seven_slides(download_menu: Page) -> None:
    page = open_downloads(download_menu)
    name, data = download(page, download_button(page, t("export.deck")), timeout_ms=120_000)
    assert name.endswith(".pptx")
    with zipfile.ZipFile(io.BytesIO(data)) as deck:
        slides = sorted(n for n in deck.namelist() if re.fullmatch(r"ppt/slides/slide\d+\.xml", n))
    assert slides == [f"ppt/slides/slide{n}.xml" for n in range(1, 8)]  # the growth-split slide is the 7th
    assert len(Presentation(io.BytesIO(data)).slides) == 7
