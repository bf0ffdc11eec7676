"""One scenario, one name, in real Chromium: a changed preset says so on every page, and a copied link shows the
receiver what the sender saw (levers, preset state, name, note, language, presentation mode).

Expected texts are put together from the catalogue's pieces and the model, never copied from the screen.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import VIEWPORT, new_tab
from expected_identity import modified_agreements
from playwright.sync_api import Browser, Page, expect
from streamlit_page import (
    alert,
    button,
    choose,
    exceptions,
    go_to,
    metric_value,
    open_app,
    open_page,
    settle,
    slider,
    upload,
)

from exchange.links import format_value
from model.presets import find_preset, load_presets
from model.scenario import scenario_to_json
from presentation.i18n import LANGUAGE_NAMES, Translator
from presentation.lever_text import lever_label

pytestmark = pytest.mark.browser

PRESETS = load_presets()
MARKDOWN = '[data-testid="stMarkdownContainer"]'


def scenario_line(page: Page, t: Translator):
    """The main area's "Scenario: …" line: the live levers draw it on the Explorer, Markdown in presentation mode."""
    prefix = t("scenario.headline", status="").replace("**", "").strip()
    lines = page.locator(f'[data-testid="live-scenario-line"], [data-testid="stMain"] {MARKDOWN}')
    return lines.filter(has_text=re.compile("^" + re.escape(prefix)))


def share_link_text(page: Page) -> str:
    return page.locator('[data-testid="stCode"]').first.inner_text().strip()


def test_apply_to_my_scenario_marks_the_preset_modified_on_every_page(page: Page, app_url: str, model) -> None:
    t = Translator("en")
    open_app(page, app_url)
    choose(page, "preset_choice_en", t("presets.agreements.name"))
    go_to(page, t("nav.analysis"))
    page.locator(".st-key-apply_trade_growth button").click()
    settle(page)
    go_to(page, t("nav.explorer"))
    growth = float(parse_qs(urlsplit(page.url).query)["g"][0])  # the address bar: what goal seek applied
    assert growth > 7.5, "goal seek should raise trend growth for the agreements preset"
    growth_slider = slider(page, lever_label(model.registry.by_key["trade_growth"], t))
    spoken = t("live.value_unit", value=f"{growth:.1f}", unit=t("units.pct_per_year"))  # value and unit
    expect(growth_slider).to_have_attribute("aria-valuetext", re.compile(rf"^{re.escape(spoken)}$"))
    expected = modified_agreements(model, "en", "trade_growth", growth)
    expect(scenario_line(page, t)).to_have_text(t("scenario.headline", status=expected).replace("**", ""))
    # The sidebar says no status of its own (it is not rerun on a release): the line above is the one.
    expect(page.locator('[data-testid="stSidebar"]')).not_to_contain_text(t("scenario.status", status="").strip())
    button(page.locator('[data-testid="stSidebar"]'), t("scenario.pin")).click()
    settle(page)
    go_to(page, t("nav.compare"))
    expect(page.locator('[data-testid="stMain"]')).to_contain_text(f"1. {expected}")
    go_to(page, t("nav.scenarios"))
    link = parse_qs(urlsplit(share_link_text(page)).query)
    assert link["preset"] == ["agreements"] and float(link["g"][0]) == growth
    assert exceptions(page) == []


def test_a_scenario_file_of_a_changed_preset_opens_as_modified(page: Page, app_url: str, model) -> None:
    t = Translator("en")
    scenario = find_preset(PRESETS, "agreements").scenario(model.registry).with_levers({"trade_growth": 10.9})
    open_page(page, f"{app_url}/scenarios")
    upload(page, "scenario_upload", "changed.json", scenario_to_json(scenario).encode(), "application/json")
    expected = modified_agreements(model, "en", "trade_growth", 10.9)
    expect(page.locator('[data-testid="stMain"]')).to_contain_text(t("scenario.status", status=expected))


def test_a_copied_link_reopens_with_the_same_language_name_note_and_numbers(browser: Browser, page: Page,
                                                                             app_url: str) -> None:
    t = Translator("ru")
    name, note = "Вариант для министра", "Рост 10,9 %: после поиска цели"
    open_page(page, f"{app_url}/scenarios?lang=ru&preset=agreements&cut=5&g=10.9")
    name_field = page.locator(".st-key-scenario_name input")
    name_field.fill(name)
    name_field.press("Enter")
    settle(page)
    note_field = page.locator(".st-key-scenario_note textarea")
    note_field.fill(note)
    note_field.press("Control+Enter")
    settle(page)
    link = share_link_text(page)
    go_to(page, t("nav.explorer"))
    target_label, turnover_label = t("headline.target_year", target="10"), t("headline.turnover_in_goal", year="2030")
    sent = (metric_value(page, target_label), metric_value(page, turnover_label))
    line = scenario_line(page, t).inner_text()
    assert name in line and t("scenario.modified", name=t("presets.agreements.name")) in line

    for fresh in new_tab(browser):
        open_app(fresh, link)
        expect(fresh.locator("nav.hk-nav")).to_contain_text(t("nav.scenarios"))  # in Russian
        assert (metric_value(fresh, target_label), metric_value(fresh, turnover_label)) == sent
        expect(scenario_line(fresh, t)).to_have_text(line)
        go_to(fresh, t("nav.scenarios"))
        expect(fresh.locator(".st-key-scenario_name input")).to_have_value(name)
        expect(fresh.locator(".st-key-scenario_note textarea")).to_have_value(note)
        assert share_link_text(fresh) == link
        assert exceptions(fresh) == []


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_presentation_mode_shows_the_scenarios_whole_name_on_screen(page: Page, app_url: str, model,
                                                                      lang: str) -> None:
    t = Translator(lang)
    # The preset's own trade-cost cut, so that trend growth is the one lever changed.
    cut = format_value(find_preset(PRESETS, "agreements").scenario(model.registry).levers["trade_cost_cut"])
    open_app(page, f"{app_url}/?present=1&preset=agreements&cut={cut}&g=10.9&lang={lang}")
    line = scenario_line(page, t)
    expect(line).to_have_text(
        t("scenario.headline", status=modified_agreements(model, lang, "trade_growth", 10.9)).replace("**", ""))
    # Whole: nothing cut off or hidden behind the exit button (a user saw "… Trade growth (trend) 1").
    text = line.locator("p").first
    widths = text.evaluate("e => [e.scrollWidth, e.clientWidth]")
    assert widths[0] <= widths[1], f"{lang}: the name line is clipped: scroll {widths[0]} > client {widths[1]}"
    box, exit_box = text.bounding_box(), button(page, t("display.exit_presentation")).bounding_box()
    assert box is not None and exit_box is not None
    assert box["x"] >= 0 and box["y"] >= 0 and box["x"] + box["width"] <= VIEWPORT["width"]
    assert box["y"] + box["height"] <= VIEWPORT["height"]
    overlaps = (box["x"] < exit_box["x"] + exit_box["width"] and exit_box["x"] < box["x"] + box["width"]
                and box["y"] < exit_box["y"] + exit_box["height"] and exit_box["y"] < box["y"] + box["height"])
    assert not overlaps, f"{lang}: the name line {box} runs under the exit button {exit_box}"
    # The longer line still leaves the view's chart on the 1920×1080 screen.
    chart = page.locator('.hk-chart svg.marks').first.bounding_box()  # the live levers' turnover chart
    assert chart is not None and chart["y"] + chart["height"] <= VIEWPORT["height"]


def test_typing_a_name_and_pressing_save_saves_under_that_name(page: Page, app_url: str) -> None:
    t = Translator("en")
    open_page(page, f"{app_url}/scenarios?g=12")
    page.locator(".st-key-scenario_name input").fill("Typed then saved")  # no Enter: the click must be enough
    button(page, t("library.save")).click()
    settle(page)
    expect(alert(page, t("library.saved", name="Typed then saved"))).to_be_visible()
    expect(page.locator('[data-testid="stAlert"]').filter(has_text=t("library.name_missing", field="x")[:12])) \
        .to_have_count(0)


def test_after_a_language_switch_the_preset_box_names_the_preset_in_the_new_language(page: Page,
                                                                                    app_url: str) -> None:
    open_app(page, app_url)
    english = Translator("en")("presets.announced.name")
    expect(page.locator('.st-key-preset_choice_en input[role="combobox"]')).to_have_value(english)
    for lang in ("uz", "kk"):
        choose(page, "lang_choice", LANGUAGE_NAMES[lang])
        box = page.locator(f'.st-key-preset_choice_{lang} input[role="combobox"]')
        expect(box).to_have_value(Translator(lang)("presets.announced.name"))
        expect(page.locator('[data-testid="stSidebar"]')).not_to_contain_text(english)
    assert exceptions(page) == []
