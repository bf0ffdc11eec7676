"""Presentation mode at 1920×1080 as a projector shows it, in English and Russian: docs/presentation-*.png.

Each run rewrites the two screenshots (the README's pictures of presentation mode) and checks what makes the
mode readable from the back of a room: the headline number at 100 px or more, and no sidebar or header.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT, VIEWPORT
from playwright.sync_api import Page, expect
from streamlit_page import METRIC_LABEL, exceptions, open_app

from presentation.i18n import Translator

pytestmark = pytest.mark.browser

DOCS = ROOT / "docs"
MIN_HEADLINE_PX = 100


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_presentation_mode_screenshot(page: Page, app_url: str, lang: str) -> None:
    assert page.viewport_size == VIEWPORT
    query = "present=1&cut=5" + ("" if lang == "en" else f"&lang={lang}")
    open_app(page, f"{app_url}/?{query}")
    t = Translator(lang)
    expect(page.locator(METRIC_LABEL).first).to_contain_text(t("headline.target_year", target="10"))
    chart = page.locator('.hk-chart svg.marks, .hk-chart canvas')  # the live levers' turnover chart (SVG renderer)
    expect(chart.first).to_be_visible()
    box = chart.first.bounding_box()
    assert box is not None and box["y"] + box["height"] <= VIEWPORT["height"], f"the chart ends at {box}"
    assert exceptions(page) == []
    expect(page.locator('[data-testid="stSidebar"]')).to_be_hidden()
    expect(page.locator('header[data-testid="stHeader"]')).to_be_hidden()
    sizes = page.locator('[data-testid="stMetricValue"] p, .hk-metric-value').evaluate_all(
        "values => values.map(v => parseFloat(getComputedStyle(v).fontSize))")
    assert sizes and min(sizes) >= MIN_HEADLINE_PX, f"headline numbers at {sizes} px"
    shot = DOCS / f"presentation-{lang}.png"
    page.screenshot(path=str(shot))
    assert Path(shot).read_bytes().startswith(b"\x89PNG")
