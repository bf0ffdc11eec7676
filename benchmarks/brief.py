"""The offline brief's size and open time, beside their goals (issue 18): ≤ 3 MB, open < 2 s in headless Chromium.

    python benchmarks/brief.py [--runs 5] [--lang en]

Writes the brief of the default scenario, then opens it from file:// with every other request aborted, five
times, timing navigation start → the live chart drawn with the headline filled in.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from exchange.links import share_link  # noqa: E402
from model import load_model  # noqa: E402
from model.scenario import default_scenario  # noqa: E402
from presentation.brief import build_brief, component_block  # noqa: E402

SIZE_GOAL_BYTES = 3 * 1024 * 1024
OPEN_GOAL_MS = 2000
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu"]
READY = "[data-testid='live-chart'][data-chart-ready='1']"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--lang", default="en")
    args = parser.parse_args()
    model = load_model()
    scenario = default_scenario(model.registry)
    started = time.perf_counter()
    document = build_brief(model, scenario, args.lang, share_link("http://localhost:8501/", scenario,
                                                                    model.registry, args.lang), component_block)
    build_ms = (time.perf_counter() - started) * 1000
    path = Path(tempfile.mkdtemp()) / "brief.html"
    path.write_text(document, encoding="utf-8")
    size = path.stat().st_size
    times, blocked = [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for _ in range(args.runs):
            context = browser.new_context(viewport={"width": 1920, "height": 1080})
            context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file://")
                          else (blocked.append(route.request.url), route.abort()))
            page = context.new_page()
            page.goto(path.as_uri())
            page.wait_for_selector(READY, timeout=30_000)
            page.wait_for_function("document.querySelector(\"[data-testid='live-fractional']\").textContent.length")
            times.append(page.evaluate("performance.now()"))
            context.close()
        browser.close()
    median = statistics.median(times)
    print(f"brief ({args.lang}), built in {build_ms:.0f} ms")
    print(f"{'measure':<34}{'value':>12}{'goal':>12}  verdict")
    print(f"{'size':<34}{size / 2**20:>9.2f}MiB{SIZE_GOAL_BYTES / 2**20:>9.2f}MiB  "
          f"{'PASS' if size <= SIZE_GOAL_BYTES else 'FAIL'}")
    print(f"{'open → live chart drawn (median)':<34}{median:>10.0f}ms{OPEN_GOAL_MS:>10}ms  "
          f"{'PASS' if median < OPEN_GOAL_MS else 'FAIL'}  (max {max(times):.0f} ms over {len(times)} runs)")
    print(f"requests other than the file: {len(blocked)}")
    return 0 if size <= SIZE_GOAL_BYTES and median < OPEN_GOAL_MS and not blocked else 1


if __name__ == "__main__":
    sys.exit(main())
