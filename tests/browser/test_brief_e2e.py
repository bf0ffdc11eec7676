"""The offline brief in real Chromium with every network request blocked: it opens, its levers move the headline,
its numbers are the CLI's, each language renders, axe finds nothing serious, and it prints to one A4 page.

The brief is written by the CLI (``python -m model brief``) exactly as a user would get it, then opened from
``file://``. Any request that is not the file itself is aborted *and* recorded, and the tests assert none
was attempted: the file must need nothing from outside.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page

from presentation.i18n import Translator

ROOT = Path(__file__).resolve().parents[2]
LEVERS = {"trade_growth": 9.0, "investment_inflow": 1.0, "trade_cost_cut": 2.5}
GROWTH_INPUT = "#hk-live-trade_growth"


def write_brief(folder: Path, lang: str, levers: dict[str, float] = LEVERS) -> Path:
    out = folder / f"brief-{lang}.html"
    sets = [arg for key, value in levers.items() for arg in ("--set", f"{key}={value:g}")]
    done = subprocess.run([sys.executable, "-m", "model", "brief", *sets, "--lang", lang, "--draws", "1000",
                           "--out", str(out), "--json"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["bytes"] == out.stat().st_size
    return out


def cli_run(levers: dict[str, float]) -> dict:
    sets = [arg for key, value in levers.items() for arg in ("--set", f"{key}={value:g}")]
    done = subprocess.run([sys.executable, "-m", "model", "run", *sets, "--json"], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def briefs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("briefs")
    return {lang: write_brief(folder, lang) for lang in ("en", "ru", "uz")}


class Offline:
    """A tab that aborts every request other than the brief's own file, and remembers each one attempted."""

    def __init__(self, browser: Browser) -> None:
        self.context = browser.new_context(viewport={"width": 1920, "height": 1080})
        self.context.set_default_timeout(30_000)
        self.attempted: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("request", lambda request: self._note(request.url))

    def _note(self, url: str) -> None:
        if not url.startswith(("file://", "data:", "blob:")):
            self.attempted.append(url)

    def _route(self, route) -> None:
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            self.attempted.append(route.request.url)
            route.abort()

    def open(self, path: Path) -> Page:
        self.page.goto(path.as_uri())
        self.page.wait_for_selector("[data-testid='live-chart'][data-chart-ready='1']", timeout=30_000)
        return self.page


@pytest.fixture
def offline(browser: Browser) -> Iterator[Offline]:
    tab = Offline(browser)
    yield tab
    tab.context.close()


def headline(page: Page) -> dict[str, str]:
    return {part: page.locator(f"[data-testid='live-{part}']").inner_text()
            for part in ("year", "fractional", "turnover")}


def test_the_brief_opens_with_no_network_and_shows_the_cli_numbers(briefs, offline) -> None:
    page = offline.open(briefs["en"])
    cli = cli_run(LEVERS)
    shown = headline(page)
    assert str(cli["target_year_first"]) in shown["year"], shown
    assert f"{cli['target_year']:.1f}" in shown["fractional"], (shown, cli["target_year"])
    assert page.locator("figure.fixed svg").count() == 3
    assert page.locator(".qr svg").count() == 1
    assert offline.attempted == []


def test_a_keyboard_step_and_a_mouse_drag_move_the_headline_to_the_cli_numbers(briefs, offline) -> None:
    page = offline.open(briefs["en"])
    before = headline(page)
    slider = page.locator(GROWTH_INPUT)
    slider.focus()
    for _ in range(30):  # 30 steps of 0.1 %/yr: 9.0 -> 12.0
        page.keyboard.press("ArrowRight")
    stepped = headline(page)
    assert stepped != before
    cli = cli_run({**LEVERS, "trade_growth": 12.0})
    assert f"{cli['target_year']:.1f}" in stepped["fractional"], (stepped, cli["target_year"])

    box = slider.bounding_box()
    assert box is not None
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 0.40, y)
    page.mouse.down()
    seen = set()
    for share in (0.45, 0.5, 0.55, 0.6):
        page.mouse.move(box["x"] + box["width"] * share, y, steps=3)
        seen.add(page.locator("[data-testid='live-fractional']").inner_text())
    page.mouse.up()
    assert len(seen) >= 3, seen  # the headline followed the hand before the release
    value = float(slider.input_value())
    cli = cli_run({**LEVERS, "trade_growth": value})
    assert f"{cli['target_year']:.1f}" in headline(page)["fractional"]
    assert offline.attempted == []


@pytest.mark.parametrize("lang", ["ru", "uz", "en"])
def test_each_language_renders(briefs, offline, lang) -> None:
    page = offline.open(briefs[lang])
    assert page.evaluate("document.documentElement.lang") == lang
    text = page.locator("body").inner_text()
    t, english = Translator(lang), Translator("en")
    for key in ("brief.fixed", "brief.parameters", "deck.scan", "brief.col_source"):
        assert t(key) in text
        if lang != "en":
            assert english(key) not in text
    assert offline.attempted == []


def test_axe_finds_nothing_serious(briefs, offline) -> None:
    page = offline.open(briefs["en"])
    results = Axe().run(page)
    serious = [v for v in results.response["violations"] if v.get("impact") in ("serious", "critical")]
    assert serious == [], [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in serious]


def test_it_prints_to_one_readable_a4_page(briefs, offline, tmp_path) -> None:
    page = offline.open(briefs["en"])
    pdf = page.pdf(format="A4", print_background=True)
    pages = len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))
    assert pages == 1, f"the brief prints to {pages} pages"
    page.emulate_media(media="print")
    assert page.locator(".parameters .screen-only").is_hidden()
    assert page.locator(".parameters .print-only").is_visible()
    (tmp_path / "brief-print.pdf").write_bytes(pdf)
