"""Helpers for driving a Streamlit page in Playwright: open it, wait for reruns, read metrics.

Reruns are counted in the page by a MutationObserver on ``stApp``'s ``data-test-script-state`` attribute,
so a run that starts and ends between two polls is not missed.
"""

from __future__ import annotations

from playwright.sync_api import Locator, Page

APP = '[data-testid="stApp"]'
IDLE = f'{APP}[data-test-script-state="notRunning"]'
METRIC = '[data-testid="stMetric"]'
EXCEPTION = '[data-testid="stException"]'
QUIET_MS = 500  # the script must stay idle this long before a rerun counts as settled

_WATCH = """() => {
  if (window.__runs) return;
  const app = document.querySelector('[data-testid="stApp"]');
  window.__runs = {finished: 0, awaited: 0, changed: performance.now()};
  new MutationObserver((records) => {
    for (const record of records) {
      if (record.oldValue === 'running') window.__runs.finished += 1;
    }
    window.__runs.changed = performance.now();
  }).observe(app, {attributes: true, attributeOldValue: true, attributeFilter: ['data-test-script-state']});
}"""

_SETTLED = """(quietMs) => {
  const app = document.querySelector('[data-testid="stApp"]');
  const runs = window.__runs;
  return runs.finished > runs.awaited
    && app.getAttribute('data-test-script-state') === 'notRunning'
    && performance.now() - runs.changed >= quietMs;
}"""


def watch_reruns(page: Page) -> None:
    """Start counting finished script runs (idempotent); earlier runs are not counted."""
    page.wait_for_selector(APP, state="attached")
    page.evaluate(_WATCH)


def script_state(page: Page) -> str | None:
    """``initial``, ``running``, ``notRunning``, ``rerunRequested``…, or None before the app mounts."""
    return page.locator(APP).get_attribute("data-test-script-state")


def wait_for_rerun(page: Page, timeout_ms: float = 60_000) -> None:
    """Wait until a script run has finished since the last call and the script has been idle for a moment.

    Fails with a TimeoutError naming the script state when no run finishes within ``timeout_ms``.
    """
    watch_reruns(page)
    try:
        page.wait_for_function(_SETTLED, arg=QUIET_MS, timeout=timeout_ms, polling=100)
    except Exception as error:
        raise TimeoutError(f"no Streamlit rerun finished within {timeout_ms / 1000:g} s "
                           f"(script state: {script_state(page)!r})") from error
    page.evaluate("() => { window.__runs.awaited = window.__runs.finished; }")


def open_app(page: Page, url: str, timeout_ms: float = 90_000) -> Page:
    """Load ``url`` and wait until the first run is done and the headline metrics are on screen."""
    page.goto(url)
    watch_reruns(page)
    page.wait_for_selector(IDLE, timeout=timeout_ms)
    page.wait_for_selector(f"{METRIC}, {EXCEPTION}", timeout=timeout_ms)
    return page


def exceptions(page: Page) -> list[str]:
    """Text of every exception box on the page."""
    return page.locator(EXCEPTION).all_inner_texts()


def metric(page: Page, label_substring: str) -> Locator:
    """The one ``st.metric`` whose label contains ``label_substring``."""
    found = page.locator(METRIC).filter(
        has=page.locator('[data-testid="stMetricLabel"]', has_text=label_substring))
    count = found.count()
    if count != 1:
        labels = page.locator('[data-testid="stMetricLabel"]').all_inner_texts()
        raise AssertionError(f"expected one metric labelled {label_substring!r}, found {count}; labels: {labels}")
    return found


def metric_value_locator(page: Page, label_substring: str) -> Locator:
    """The value element of that metric, for Playwright's retrying ``expect``."""
    return metric(page, label_substring).locator('[data-testid="stMetricValue"]')


def metric_value(page: Page, label_substring: str) -> str:
    """The value text of that metric, e.g. ``2035``."""
    return metric_value_locator(page, label_substring).inner_text().strip()
