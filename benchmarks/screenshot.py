"""Screenshot a running Streamlit page in headless Chromium, once its script has run and its charts are drawn.

    python benchmarks/screenshot.py URL OUT.png [WIDTH HEIGHT]

e.g. ``python benchmarks/screenshot.py http://localhost:8501/ docs/explorer.png`` (default 1920×1080). The
app must already be running (``make run``). The shot is of the viewport: Streamlit scrolls its main area
inside the page, so a full-page shot would show no more. Exits 1 (after saving the shot) when the page
shows an exception, so a broken page cannot slip into the docs.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
TIMEOUT_MS = 90_000
SETTLE_MS = 1_500  # let chart transitions and fonts finish after everything is on screen

_DRAWN = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (document.querySelector('[data-testid="stSkeleton"]')) return false;
  const charts = [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')];
  // charts in a tab that is not selected are drawn only when shown
  return charts.filter((chart) => chart.checkVisibility()).every((chart) => chart.querySelector('canvas, svg'));
}"""


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url", help="page to shoot, e.g. http://localhost:8501/")
    parser.add_argument("out", type=Path, help="PNG file to write")
    parser.add_argument("width", type=int, nargs="?", default=1920)
    parser.add_argument("height", type=int, nargs="?", default=1080)
    parser.add_argument("--locale", default=None,
                        help="the browser's language, e.g. ru-RU (the app opens in it when the link has no lang)")
    return parser.parse_args(argv)


def wait_until_drawn(page: Page) -> None:
    """Script idle, no loading skeletons, every visible Vega-Lite chart rendered, fonts loaded."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=TIMEOUT_MS)
    page.wait_for_function(_DRAWN, timeout=TIMEOUT_MS, polling=200)
    page.evaluate("() => document.fonts.ready")
    page.wait_for_timeout(SETTLE_MS)


def shoot(url: str, out: Path, width: int, height: int, locale: str | None = None) -> list[str]:
    """Save the screenshot; return the text of any exception shown on the page."""
    if not CHROMIUM.exists():
        sys.exit(f"{CHROMIUM} not found: run `make chromium` (or `apt-get install chromium`)")
    out.parent.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": width, "height": height}, locale=locale)
            page.goto(url, timeout=TIMEOUT_MS)
            wait_until_drawn(page)
            page.screenshot(path=str(out))
            return page.locator('[data-testid="stException"]').all_inner_texts()
        finally:
            browser.close()


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    errors = shoot(args.url, args.out, args.width, args.height, args.locale)
    print(f"{args.out} ({args.width}×{args.height}) from {args.url}")
    if errors:
        print("the page shows an exception:\n" + "\n".join(errors), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
