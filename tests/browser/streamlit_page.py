"""Helpers for driving a Streamlit page in Playwright: open it, wait for reruns, read metrics and live levers.

Reruns are counted in the page by a MutationObserver on ``stApp``'s ``data-test-script-state`` attribute,
so a run that starts and ends between two polls is not missed. A fragment rerun can be so short that React
applies "running" and "finished" in one render and the attribute never changes; so the page's WebSocket
messages are counted too (:data:`WEBSOCKET_COUNTER`, installed before any page script by
:func:`watch_websocket`): server messages after an action, then quiet, also mean the action's run is done.

A finished run is not yet a drawn page: Streamlit loads most element types lazily and shows a
``stSkeleton`` placeholder until the element's code has arrived (on a busy 2-core machine seconds after the
run ended). :func:`wait_until_rendered` waits for the last placeholder to go and the page to stop changing.
"""

from __future__ import annotations

import re

from playwright.sync_api import BrowserContext, Download, Locator, Page, expect

APP = '[data-testid="stApp"]'
IDLE = f'{APP}[data-test-script-state="notRunning"]'
# st.metric, or a metric of the live levers' headline (in the component's shadow root: Playwright's CSS pierces it)
METRIC = '[data-testid="stMetric"], .hk-metric'
METRIC_LABEL = '[data-testid="stMetricLabel"], .hk-metric-label'
METRIC_VALUE = '[data-testid="stMetricValue"], .hk-metric-value'
LIVE_SERVER = '.hk-live[data-source="server"]'  # the live levers show the server's numbers
EXCEPTION = '[data-testid="stException"]'
SKELETON = '[data-testid="stSkeleton"]'
ALERT = '[data-testid="stAlert"]'
QUIET_MS = 500  # the script must stay idle this long before a rerun counts as settled
DOM_QUIET_MS = 300  # the page must not change this long before it counts as drawn

WEBSOCKET_COUNTER = """(() => {
  const Native = window.WebSocket;
  if (!Native || window.__ws) return;
  window.__ws = {count: 0, last: 0};
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', () => { window.__ws.count += 1; window.__ws.last = performance.now(); });
    }
  };
})();"""

_WATCH = """() => {
  if (window.__runs) return;
  const app = document.querySelector('[data-testid="stApp"]');
  window.__runs = {finished: 0, awaited: 0, messagesAwaited: (window.__ws || {count: 0}).count,
                   changed: performance.now()};
  new MutationObserver((records) => {
    for (const record of records) {
      if (record.oldValue === 'running') window.__runs.finished += 1;
    }
    window.__runs.changed = performance.now();
  }).observe(app, {attributes: true, attributeOldValue: true, attributeFilter: ['data-test-script-state']});
  window.__dom = {changed: performance.now()};
  new MutationObserver(() => { window.__dom.changed = performance.now(); })
    .observe(document.body, {subtree: true, childList: true, attributes: true, characterData: true});
}"""

_RENDERED = """(quietMs) => {
  const app = document.querySelector('[data-testid="stApp"]');
  return app.getAttribute('data-test-script-state') === 'notRunning'
    && !document.querySelector('[data-testid="stSkeleton"]')
    && performance.now() - window.__dom.changed >= quietMs;
}"""

_SETTLED = """(quietMs) => {
  const app = document.querySelector('[data-testid="stApp"]');
  const runs = window.__runs, ws = window.__ws || {count: 0, last: 0};
  return (runs.finished > runs.awaited || ws.count > runs.messagesAwaited)
    && app.getAttribute('data-test-script-state') === 'notRunning'
    && performance.now() - Math.max(runs.changed, ws.last) >= quietMs;
}"""


def watch_websocket(context: BrowserContext) -> None:
    """Count every page's WebSocket messages in ``context`` (call before its pages load)."""
    context.add_init_script(WEBSOCKET_COUNTER)


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
    mark_settled(page)


def mark_settled(page: Page) -> None:
    """Count every run so far as awaited: the next :func:`wait_for_rerun` waits for a new one."""
    page.evaluate("""() => { window.__runs.awaited = window.__runs.finished;
                             window.__runs.messagesAwaited = (window.__ws || {count: 0}).count; }""")


def wait_until_rendered(page: Page, quiet_ms: float = DOM_QUIET_MS, timeout_ms: float = 60_000) -> None:
    """Wait until the script is idle, no lazily loaded element is still a placeholder and the page is still."""
    watch_reruns(page)
    try:
        page.wait_for_function(_RENDERED, arg=quiet_ms, timeout=timeout_ms, polling=100)
    except Exception as error:
        skeletons = page.locator(SKELETON).count()
        raise TimeoutError(f"page not drawn within {timeout_ms / 1000:g} s (script state: {script_state(page)!r}, "
                           f"{skeletons} placeholder(s) left)") from error


def settle(page: Page) -> None:
    """After an action: wait for its rerun, then for the page to be drawn."""
    wait_for_rerun(page)
    wait_until_rendered(page)


def open_page(page: Page, url: str, timeout_ms: float = 90_000) -> Page:
    """Load ``url`` (a new Streamlit session) and wait until its first run is done and drawn."""
    page.goto(url)
    watch_reruns(page)
    page.wait_for_selector(IDLE, timeout=timeout_ms)
    wait_until_rendered(page, timeout_ms=timeout_ms)
    mark_settled(page)
    return page


def open_app(page: Page, url: str, timeout_ms: float = 90_000) -> Page:
    """Load ``url`` and wait until the first run is done, drawn, and the headline metrics are on screen."""
    open_page(page, url, timeout_ms)
    page.wait_for_selector(f"{LIVE_SERVER}, {METRIC}, {EXCEPTION}", timeout=timeout_ms)
    return page


def exceptions(page: Page) -> list[str]:
    """Text of every exception box on the page."""
    return page.locator(EXCEPTION).all_inner_texts()


def metric(page: Page, label_substring: str, timeout_ms: float = 10_000) -> Locator:
    """The one ``st.metric`` whose label contains ``label_substring`` (waits for it to be drawn)."""
    found = page.locator(METRIC).filter(has=page.locator(METRIC_LABEL, has_text=label_substring))
    try:
        expect(found).to_have_count(1, timeout=timeout_ms)
    except AssertionError:
        labels = page.locator(METRIC_LABEL).all_inner_texts()
        raise AssertionError(f"expected one metric labelled {label_substring!r}, found {found.count()}; "
                             f"labels: {labels}") from None
    return found


def metric_value_locator(page: Page, label_substring: str) -> Locator:
    """The value element of that metric, for Playwright's retrying ``expect``."""
    return metric(page, label_substring).locator(METRIC_VALUE)


def metric_value(page: Page, label_substring: str) -> str:
    """The value text of that metric, e.g. ``2035``."""
    return metric_value_locator(page, label_substring).inner_text().strip()


# --- widgets, messages, tables, files ----------------------------------------------------------------------


def exactly(text: str) -> re.Pattern[str]:
    """A pattern matching ``text`` as the whole (trimmed) text of an element."""
    return re.compile(rf"^\s*{re.escape(text)}\s*$")


def button(page: Page | Locator, label: str) -> Locator:
    """The ``st.button`` whose visible text is exactly ``label`` (not the comboboxes' "Open" arrows).

    A button with help text is in the page twice (with and without its tooltip), one of them hidden.
    """
    return page.locator('[data-testid="stButton"] button:visible').filter(has_text=exactly(label))


def download_button(page: Page | Locator, label: str) -> Locator:
    """The ``st.download_button`` whose visible text is exactly ``label`` (the shown one of its two copies)."""
    return page.locator('[data-testid="stDownloadButton"] button:visible').filter(has_text=exactly(label))


def alert(page: Page, text: str | re.Pattern[str]) -> Locator:
    """The message boxes (``st.success``, ``st.error``…) containing ``text``."""
    return page.locator(ALERT).filter(has_text=text)


def pattern_of(template: str) -> re.Pattern[str]:
    """A catalogue text with ``{placeholders}`` as a pattern, each placeholder matching anything."""
    parts = re.split(r"\{[a-z_]+\}", template)
    return re.compile(".+?".join(re.escape(part) for part in parts), re.DOTALL)


def slider(page: Page, label: str) -> Locator:
    """The range input of the slider labelled ``label`` (visible ones only): an st.slider or a live lever."""
    return page.locator(f'[data-testid="stSlider"] input[type="range"][aria-label="{label}"]:visible, '
                        f'.hk-lever input[type="range"][aria-label="{label}"]:visible')


def slider_number(locator: Locator) -> float:
    """A slider's current value as a number (a live lever's aria-valuetext carries its unit: its value)."""
    text = locator.get_attribute("aria-valuetext") or "nan"
    try:
        return float(text)
    except ValueError:
        return float(locator.input_value())


def grid_rows(frame: Locator) -> list[list[str]]:
    """Body rows of an ``st.dataframe`` as cell texts, read from the grid's accessible table."""
    rows = frame.locator('tbody [role="row"]')
    return [row.locator('[role="gridcell"]').all_inner_texts() for row in rows.all()]


def table_rows(table: Locator) -> list[list[str]]:
    """Rows of an ``st.table`` as cell texts, the header row first (its corner cell is ``""``)."""
    return [[cell.strip() for cell in row.locator("th, td").all_inner_texts()]
            for row in table.locator("tr").all()]


NAV_LINK = '[data-testid="hk-nav-link"]'  # the page links at the top of the sidebar (ui.page_nav)


def go_to(page: Page, nav_label: str) -> None:
    """Follow a page link in the sidebar (the same session, unlike a page load) and wait until drawn.

    A click reruns the app, which then switches page: done once the link is marked as the current page.
    """
    page.locator(NAV_LINK).filter(has_text=nav_label).click()
    expect(page.locator(f'{NAV_LINK}[aria-current="page"]')).to_contain_text(nav_label, timeout=30_000)
    settle(page)


def upload(page: Page, widget_key: str, name: str, data: bytes, mime: str) -> None:
    """Give the ``st.file_uploader`` with key ``widget_key`` one file, and wait for the run it triggers."""
    dropzone = page.locator(f'.st-key-{widget_key} [data-testid="stFileUploaderDropzoneInput"]')
    dropzone.set_input_files({"name": name, "mimeType": mime, "buffer": data})
    settle(page)


def confirm_upload(page: Page) -> None:
    """Click "Apply these figures" under an upload's preview (nothing is applied before), and wait for the run."""
    page.locator('.st-key-byod_confirm button').click()
    settle(page)


def download(page: Page, trigger: Locator, timeout_ms: float = 60_000) -> tuple[str, bytes]:
    """Click ``trigger`` and return the file it downloads, as (suggested name, bytes)."""
    with page.expect_download(timeout=timeout_ms) as started:
        trigger.click()
    file: Download = started.value
    path = file.path()
    return file.suggested_filename, path.read_bytes()


def choose(page: Page, widget_key: str, option: str) -> None:
    """Pick ``option`` in the ``st.selectbox`` with key ``widget_key``; wait for the rerun when it changes."""
    box = page.locator(f'.st-key-{widget_key} input[role="combobox"]')
    if box.input_value() == option:
        return
    box.click()
    page.get_by_role("option", name=option, exact=True).click()
    settle(page)
